"""Every playground of the book, exercised headless: built, then every control moved.

Moving a control must redraw the one figure (its PNG changes) without raising;
a text box also gets its placeholder (a valid value) and then garbage, which
must produce a friendly message rather than an exception.
"""
import importlib
import pkgutil
from pathlib import Path

import ipywidgets as widgets
import pytest

import nn_helpers.playgrounds
from nn_helpers.widgets import Playground, dropdown, int_slider, slider, text


def all_playground_makers():
    makers = []
    for info in sorted(pkgutil.iter_modules(nn_helpers.playgrounds.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"nn_helpers.playgrounds.{info.name}")
        for name in getattr(module, "__all__", []):
            makers.append(pytest.param(getattr(module, name), id=f"{info.name}.{name}"))
    return makers


def next_value(control):
    if isinstance(control, widgets.Dropdown):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return next(o for o in options if o != control.value)
    if isinstance(control, widgets.FloatLogSlider):
        up = control.value * control.base ** control.step
        return up if up <= control.base ** control.max * (1 + 1e-9) else control.value / control.base ** control.step
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        up = control.value + control.step
        return up if up <= control.max else control.value - control.step
    if isinstance(control, widgets.Checkbox):
        return not control.value
    raise AssertionError(f"the test does not know how to move a {type(control).__name__}")


MAKERS = all_playground_makers()


@pytest.mark.parametrize("make", MAKERS)
def test_every_control_redraws_the_figure(make):
    playground = make()
    assert isinstance(playground, Playground)
    assert playground.error is None, playground.error
    assert playground.figure.axes, "the default setting draws nothing"
    for name, control in playground.controls.items():
        before, redraws = playground.png(), playground.redraws
        if isinstance(control, widgets.Text):
            assert control.placeholder, f"text box {name!r} needs a valid example as its placeholder"
            control.value = control.placeholder
            assert playground.error is None, f"{name}={control.value!r}: {playground.error}"
            assert playground.png() != before, f"typing {control.value!r} into {name!r} changed nothing"
            control.value = "not a valid value ]["
            assert playground.error, f"garbage in {name!r} gave no friendly message"
            assert "Traceback" not in playground.note.value
            control.value = control.placeholder
            assert playground.error is None
            continue
        control.value = next_value(control)
        assert playground.redraws == redraws + 1
        if playground.error is None:
            assert playground.png() != before, f"moving {name!r} to {control.value!r} changed nothing"
        else:  # e.g. a learning rate that diverges: a message, never an exception
            assert "Cannot draw" in playground.note.value


def test_every_notebook_has_a_playground():
    notebooks = sorted(Path(__file__).resolve().parents[1].glob("notebooks/[0-9][0-9]_*.ipynb"))
    for notebook in notebooks:
        chapter = f"ch{notebook.name[:2]}"
        module = importlib.import_module(f"nn_helpers.playgrounds.{chapter}")
        assert getattr(module, "__all__", []), f"{notebook.name} has no playground in {module.__name__}"


# -- the Playground mechanism itself ---------------------------------------------------------
def draw_line(fig, slope, name):
    if slope > 2.5:
        raise ValueError("the slope is too steep for this plot")
    ax = fig.subplots()
    ax.plot([0, 1], [0, slope], label=name)
    ax.set_title(f"slope {slope}")
    return f"slope is {slope}"


def make_test_playground():
    return Playground(draw_line, {"slope": slider(1.0, 0.0, 3.0, 0.5, "slope"),
                                  "name": dropdown(["a", "b"], "a", "name")})


def test_playground_redraws_one_figure_in_place():
    pg = make_test_playground()
    figure, first = pg.figure, pg.png()
    pg.controls["slope"].value = 1.5
    assert pg.figure is figure and len(figure.axes) == 1
    assert pg.png() != first and pg.note.value == "slope is 1.5"


def test_playground_shows_a_friendly_message_for_bad_values():
    pg = make_test_playground()
    pg.controls["slope"].value = 3.0
    assert pg.error == "the slope is too steep for this plot"
    assert "Cannot draw this setting" in pg.note.value and not pg.figure.axes
    pg.controls["slope"].value = 2.0
    assert pg.error is None and pg.figure.axes


def test_control_makers_set_continuous_update():
    assert slider(0.1, 0.01, 1.0, 0.1, "lr", train=True, log=True).continuous_update is False
    assert slider(0.1, 0.0, 1.0, 0.1, "x").continuous_update is True
    assert int_slider(5, 1, 10, description="n", train=True).continuous_update is False
    assert text("3, 1", "sizes", placeholder="3, 4, 1").continuous_update is False
