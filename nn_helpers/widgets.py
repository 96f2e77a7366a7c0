"""Playgrounds: a few controls and one figure that is redrawn in place.

A playground owns one matplotlib ``Figure`` (made without pyplot, so it is
never shown twice or stacked below an old one) and an ipywidgets ``Output``
area. When a control changes, the figure is cleared, ``draw(fig, **values)``
draws it again, and the output area is replaced with the new picture. Only
widget API that exists in both ipywidgets 7.7 and 8 is used, so the same
playground runs in JupyterLab, Notebook 7, VS Code and Colab.

``draw`` may return a short note (plain text) shown above the figure. A
``ValueError`` or ``FloatingPointError`` raised by ``draw`` (bad values typed
by the reader, training that diverged) is shown as a friendly message in the
playground instead of a traceback.

Without a kernel (the tests) the same object works headless: set a control's
``value`` and the figure is redrawn synchronously.
"""
import html

import ipywidgets as widgets
from IPython.display import Image, clear_output, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def _show_figures_as_png():
    """Make IPython display a pyplot-free Figure as a PNG image.

    The inline backend registers its Figure formatter only when pyplot makes its
    first figure; until then ``display(figure)`` prints "<Figure size ...>" text.
    A notebook whose first picture is a playground would show that text instead
    of the plot, so the playground registers the same PNG formatter if missing.
    """
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
    except ImportError:
        return
    shell = get_ipython()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", {})
    if "image/png" not in formatters:
        return
    try:
        formatters["image/png"].lookup_by_type(Figure)
    except KeyError:
        select_figure_formats(shell, {"png"})


class Playground:
    """Controls plus one figure redrawn by ``draw(fig, **values)`` on every change.

    controls: a dict name -> ipywidgets control with a ``value``; the names are
    the keyword arguments of ``draw``. Sliders whose callback trains a model
    should be made with ``continuous_update=False``, so the model retrains once
    when the slider is released instead of on every step of the drag.
    """

    def __init__(self, draw, controls, figsize=(9, 3.5), title=""):
        self.draw = draw
        self.controls = dict(controls)
        self.figure = Figure(figsize=figsize)
        FigureCanvasAgg(self.figure)
        self.note = widgets.HTML()
        self.output = widgets.Output()
        header = [widgets.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        self.widget = widgets.VBox(header + [
            widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.note,
            self.output,
        ])
        self.redraws = 0
        self.error = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        _show_figures_as_png()
        self.redraw()

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change):
        self.redraw()

    def redraw(self):
        """Clear the figure, call ``draw`` with the controls' values, show the result."""
        self.figure.clear()
        self.error = None
        try:
            note = self.draw(self.figure, **self.values)
        except (ValueError, FloatingPointError) as err:
            self.error = str(err)
            self.figure.clear()
            self.note.value = ("<span style='color:#b00020'><b>Cannot draw this setting:</b> "
                               f"{html.escape(self.error)}</span>")
        else:
            self.note.value = html.escape(note) if note else ""
        self.redraws += 1
        with self.output:
            clear_output(wait=True)
            if self.figure.axes:
                # One render straight to PNG bytes: IPython's figure formatter would
                # render twice (a tight bounding box needs a draw first).
                display(Image(data=self.png()))

    def png(self):
        """The figure as PNG bytes (what a reader would see), for tests and exports."""
        from io import BytesIO

        buffer = BytesIO()
        self.figure.savefig(buffer, format="png")
        return buffer.getvalue()

    def show_static(self):
        """Display the figure as a plain image: what GitHub and nbviewer can show."""
        display(self.figure)

    def _ipython_display_(self):
        display(self.widget)


def slider(value, min, max, step, description, train=False, log=False, **kwargs):
    """A labelled float slider; ``train=True`` updates only on release; ``log`` for rates."""
    style = {"description_width": "initial"}
    if log:
        import math
        return widgets.FloatLogSlider(value=value, base=10, min=math.log10(min), max=math.log10(max),
                                      step=step, description=description, style=style,
                                      continuous_update=not train, **kwargs)
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               style=style, continuous_update=not train, **kwargs)


def int_slider(value, min, max, step=1, description="", train=False, **kwargs):
    """A labelled integer slider; ``train=True`` updates only on release."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description,
                             style={"description_width": "initial"}, continuous_update=not train, **kwargs)


def dropdown(options, value, description):
    """A labelled drop-down list."""
    return widgets.Dropdown(options=list(options), value=value, description=description,
                            style={"description_width": "initial"})


def text(value, description, placeholder=""):
    """A labelled text box that reports its value when Enter is pressed or focus leaves."""
    return widgets.Text(value=value, description=description, placeholder=placeholder,
                        continuous_update=False, style={"description_width": "initial"})
