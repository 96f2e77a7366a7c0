"""Playgrounds: a few controls and one figure that is redrawn in place.

A playground owns one matplotlib ``Figure`` (made without pyplot, so it is
never shown twice or stacked below an old one). When a control changes, the
figure is drawn again for the controls' values and the picture in the
playground is replaced by the new one: one figure, always the current setting.

Two ways to draw:

- ``Playground(draw, controls)``: the figure is cleared and ``draw(fig, **values)``
  draws it from scratch on every change. Simple, fine for cheap figures.
- ``Playground(update, controls, setup=setup)``: ``setup(fig)`` builds the axes and
  artists once and returns them (any object, the *scene*); ``update(scene, **values)``
  only changes them (``set_data``, ``set_text``, limits). Artists whose content
  changes are made with ``animated=True``: the playground then keeps a rendered
  background (axes, ticks, labels) and draws only those artists over it, and
  draws the background again only when an axis limit, scale, tick, title or label
  changed, and then only for the axes that changed (when their pixels lie apart
  from the rest of the figure). Anything else that changes must be animated. This
  is what makes a redraw take a few milliseconds instead of a hundred.

``draw``/``update`` return a short note (plain text, shown above the figure), or
a pair ``(note, alt)`` where ``alt`` is one sentence describing the figure for
readers who cannot see it (screen readers, the alternative text of the image).
A ``ValueError`` or ``FloatingPointError`` (bad values typed by the reader,
training that diverged) is shown as a message *in place of* the figure, so no
picture of an earlier setting stays on screen.

Displayed (the last line of a cell), a playground publishes one output that
carries both the live widget and a static PNG of its figure (with the
alternative text) plus a one-line text: JupyterLab, Notebook 7, VS Code and
Colab show the live widget; viewers without a kernel or without ipywidgets
(GitHub, nbviewer, nbconvert's HTML, a website built from the notebooks) show
the picture; a plain-text viewer shows the line. Only widget API that exists in
both ipywidgets 7.7 and 8 is used.

Without a kernel (the tests) the same object works headless: set a control's
``value`` and the figure is redrawn synchronously.
"""
import html
import math

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from .plotting import check_alt, figure_bundle, img_html, palette_png

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The picture and the message area carry these classes (the browser tests find them by it).
FIGURE_CLASS = "bfs-playground-figure"
NOTE_CLASS = "bfs-playground-note"
DPI = 100
TICKS_MADE = 12          # major ticks made per axis when a playground is set up
KEPT_BACKGROUNDS = 4     # backgrounds kept per playground (about 2 MB each)
# Titles sit at a fixed height above their axes instead of being placed above the tick labels
# on every draw (the axes here have no ticks on top, so they end up at the same place); that
# search for the tick labels' extent took about a quarter of a full redraw.
FIXED_TITLES = {"axes.titley": 1.0}


def encode_png(rgba):
    """An (h, w, 4) uint8 RGBA buffer as PNG bytes (8-bit RGBA).

    Written directly: no per-row filters and zlib level 1. On these flat-coloured
    figures that is as small as matplotlib's or Pillow's PNG and three times faster.
    The alpha channel (255 everywhere: the figure is opaque) stays: dropping it costs
    a strided copy of every pixel, longer than compressing its bytes (about 2 ms
    against half a millisecond at 840 x 460, for a file an eighth larger).
    """
    import struct
    import zlib

    rgba = np.asarray(rgba)
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + 4 * width), dtype=np.uint8)
    rows[:, 0] = 0                                                    # filter byte 0 ("none") per row
    rows[:, 1:] = rgba.reshape(height, 4 * width)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)    # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1))
            + chunk(b"IEND", b""))


def _font_key(prop):
    """What of a FontProperties decides the font and its size."""
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file(), prop.get_math_fontfamily())


_FONT_HEIGHTS = {}


def _font_height_metrics(prop, dpi):
    """The font's typographic ascent, descent and line gap (its OS/2 table, else its hhea table),
    scaled to pixels as matplotlib scales them; (None, None, None): let matplotlib measure."""
    from matplotlib.font_manager import fontManager, get_font

    find = getattr(fontManager, "_find_fonts_by_props", None)
    if find is None:
        return None, None, None
    font = get_font(find(prop))
    for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                             ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


class _GlyphRecorder:
    """Stands in for the Agg renderer's C++ core while one text is drawn: notes the glyph images."""

    def __init__(self, core):
        self.core, self.images, self.cacheable = core, [], True

    def draw_text_image(self, image, x, y, angle, gc):
        self.core.draw_text_image(image, x, y, angle, gc)
        try:
            self.images.append((np.array(image, dtype=np.uint8, copy=True), x, y, angle))
        except (TypeError, ValueError):        # an image object NumPy cannot read: draw, do not keep
            self.cacheable = False

    def __getattr__(self, name):               # anything else (the bars of math text): do not keep
        self.cacheable = False
        return getattr(self.core, name)


# Matplotlib from 3.11 lays a plain text out with FT2Font._layout and renders it glyph by glyph
# (RendererAgg._draw_text_glyphs_and_boxes); earlier versions render the whole string as one image.
_GLYPH_BY_GLYPH = hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(FT2Font, "_layout")
#: The glyphs and offsets of plain texts laid out before, by string, font and settings.
_LAYOUTS = {}
#: Glyph images kept by every playground's canvas (see ``_TextKeepingRenderer._draw_text_glyphs_and_boxes``);
#: a few hundred bytes each. Past this many the store starts again.
GLYPHS_KEPT = 20000
_GLYPHS = {}


class _TextKeepingRenderer(RendererAgg):
    """The Agg renderer, keeping the glyph images of every text it has drawn.

    A redraw draws the same tick labels, axis labels and titles at the same places again;
    matplotlib lays each out and renders its glyphs anew every time (most of a full redraw).
    Here a text drawn again with the same string, font, place, angle and settings puts
    back the glyph images it made the first time: the same calls with the same pixels.
    """

    KEPT = 2000                    # texts kept; past that the store starts again

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._texts = {}

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath == "TeX":
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        font = _font_key(prop)
        shaping = tuple(getattr(mtext, name)() if hasattr(mtext, name) else None
                        for name in ("get_fontfeatures", "get_language"))
        # what a string's layout depends on; a text drawn again also needs the same place and look
        layout = (s, bool(ismath), font, shaping, self.dpi, get_hinting_flag(),
                  matplotlib.rcParams["text.hinting_factor"], matplotlib.rcParams["text.kerning_factor"])
        key = layout + (float(x), float(y), float(angle), bool(gc.get_antialiased()), self.height)
        images = self._texts.get(key)
        if images is not None:
            for image, gx, gy, gangle in images:
                self._renderer.draw_text_image(image, gx, gy, gangle, gc)
            return
        core = self._renderer
        self._renderer = recorder = _GlyphRecorder(core)
        try:
            if ismath or not _GLYPH_BY_GLYPH:
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            else:
                self._draw_laid_out(gc, x, y, angle, prop, layout, s, shaping)
        finally:
            self._renderer = core
        if recorder.cacheable:
            if len(self._texts) >= self.KEPT:
                self._texts.clear()
            self._texts[key] = recorder.images

    def _get_font_height_metrics(self, prop):
        """(ascent, descent, line gap) of the font of ``prop`` in pixels, from its OpenType tables.

        Matplotlib 3.11 asks a renderer for these first (``Text._get_layout``) and otherwise finds
        the font and reads its tables again for every text it measures or draws: a third of the
        time of laying out a tick label. Here they are read once per font and size, the same way.
        """
        key = (_font_key(prop), self.dpi)
        metrics = _FONT_HEIGHTS.get(key)
        if metrics is None:
            metrics = _FONT_HEIGHTS[key] = _font_height_metrics(prop, self.dpi)
        return metrics

    def _draw_laid_out(self, gc, x, y, angle, prop, key, s, shaping):
        """What matplotlib's ``draw_text`` does for plain text, with the glyphs' layout of a string kept.

        A tick label or a title drawn at a new place (or in a new colour) is laid out as before:
        the glyphs and their offsets depend only on the string, the font and the settings in ``key``.
        """
        glyphs = _LAYOUTS.get(key)
        if glyphs is None:
            features, language = shaping
            font = self._prepare_font(prop)
            glyphs = [(item.ft_object, item.glyph_index, item.x, item.y)
                      for item in font._layout(s, flags=get_hinting_flag(), features=features, language=language)]
            if len(_LAYOUTS) >= self.KEPT:
                _LAYOUTS.clear()
            _LAYOUTS[key] = glyphs
        size = prop.get_size_in_points()
        self._draw_text_glyphs_and_boxes(gc, x, y, angle, [(font, size, index, 0, 1, dx, dy)
                                                           for font, index, dx, dy in glyphs], [])

    # Matplotlib from 3.11 renders a text glyph by glyph (``_draw_text_glyphs_and_boxes``); earlier
    # versions render the whole string at once and never call this.
    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
        """Draw the glyphs as matplotlib does, each rendered by FreeType only the first time.

        FreeType places a glyph at a position given in 64ths of a pixel: moved by whole pixels, its
        image is the same, only placed elsewhere. So a glyph image is kept per font, size, glyph,
        angle and the position's fraction of a pixel, and a text with a new string (a title with new
        numbers) reuses the images of every glyph drawn before at the same fraction.
        """
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        settings = (self.dpi, float(angle), bool(gc.get_antialiased()), get_hinting_flag())
        kept, run = _GLYPHS, []

        def render(run):                       # matplotlib draws the glyphs not kept; note their images
            core = self._renderer
            self._renderer = recorder = _GlyphRecorder(core)
            try:
                super(_TextKeepingRenderer, self)._draw_text_glyphs_and_boxes(
                    gc, x, y, angle, [glyph for glyph, _, _ in run], [])
            finally:
                self._renderer = core
            if recorder.cacheable and len(recorder.images) == len(run):
                if len(kept) + len(run) > GLYPHS_KEPT:
                    kept.clear()
                for (_, key, (px, py)), (image, gx, gy, gangle) in zip(run, recorder.images):
                    top = int(self.height) + image.shape[0] - gy          # the bitmap's top row, upwards
                    kept[key] = (image, gx - (px >> 6), top - (py >> 6), gangle)

        for glyph in glyphs:
            font, size, index, slant, extend, dx, dy = glyph
            px = round(0x40 * (x + dx * cos - dy * sin))                  # 64ths of a pixel, y upwards
            py = round(0x40 * (self.height - y + dx * sin + dy * cos))
            key = (font, size, index, slant, extend, px & 0x3F, py & 0x3F, settings)
            image = kept.get(key)
            if image is None:
                run.append((glyph, key, (px, py)))
                continue
            if run:
                render(run)
                run = []
            image, left, top, gangle = image
            self._renderer.draw_text_image(image, (px >> 6) + left,
                                           int(self.height) - ((py >> 6) + top) + image.shape[0], gangle, gc)
        if run:
            render(run)
        if boxes:
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, [], boxes)


class _Canvas(FigureCanvasAgg):
    """An Agg canvas whose renderer keeps the glyph images of the texts it draws (``_TextKeepingRenderer``)."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if getattr(self, "_lastKey", None) != key:
            self.renderer = _TextKeepingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def _drawn_children(fig):
    """The figure's children that draw over its white background (each once), in the figure's order."""
    return [a for a in dict.fromkeys(fig.get_children()) if a is not fig.patch]


def _changed_box(before, after):
    """(x0, y0, x1, y1), rows from the top, ends excluded: the box around the pixels that differ; None if none."""
    differ = before.view(np.uint32)[..., 0] != after.view(np.uint32)[..., 0]    # one RGBA pixel = 4 bytes
    rows, cols = np.flatnonzero(differ.any(axis=1)), np.flatnonzero(differ.any(axis=0))
    if not rows.size:
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def _drawn_box(draw, renderer, pixels):
    """Call ``draw(renderer)``; return the box of the ``pixels`` (a view of the canvas) it changed."""
    before = pixels.copy()
    draw(renderer)
    return _changed_box(before, pixels)


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def on_top(artist):
    """Mark a static artist (a legend, say) to be shown above the animated ones.

    It is drawn with the background and its pixels are put back over the animated
    artists after they are drawn: a legend whose text does not change costs nothing
    per redraw instead of a full text layout. Give it a fixed ``loc`` (not "best").
    """
    artist._bfs_on_top = True
    return artist


def _text(artist):
    return artist.get_text() if artist is not None and not artist.get_animated() else None


def _axis_key(axis):
    formatter, locator = axis.get_major_formatter(), axis.get_major_locator()
    return (id(formatter), tuple(getattr(formatter, "seq", ())), id(locator),
            tuple(np.round(axis.get_ticklocs(), 12)), axis.get_label_text(), axis.get_visible())


_BLAS = []


def one_blas_thread():
    """A context in which NumPy's matrix products (its BLAS library) run on one thread.

    The playgrounds' networks are small: BLAS's threads save nothing on them, and on a machine
    whose other cores are busy (a browser and a Jupyter server next to the kernel, two cores on
    Binder or Colab) the threads wait for one another and a retraining slider takes up to twice
    as long (``benchmarks/playground_kernel.py --busy``). threadpoolctl sets the threads and puts
    them back.
    """
    from threadpoolctl import ThreadpoolController

    if not _BLAS:
        _BLAS.append(ThreadpoolController())         # finds the BLAS NumPy loaded, once
    return _BLAS[0].limit(limits=1, user_api="blas")


class Playground:
    """Controls plus one figure, redrawn on every change of a control.

    draw: ``draw(fig, **values)`` (no ``setup``) or ``update(scene, **values)`` (with
    ``setup``); returns a note or ``(note, alt)``, see the module docstring.
    controls: a dict name -> ipywidgets control with a ``value``; the names are
    the keyword arguments of ``draw``. Sliders whose callback trains a model
    should be made with ``continuous_update=False``, so the model retrains once
    when the slider is released instead of on every step of the drag.
    setup: ``setup(fig) -> scene``, called once; see the module docstring (kept as ``setup``).
    alt: the alternative text used when ``draw`` returns only a note: a string,
    or a function of the controls' values returning one.
    suggestions: settings the notebook's text suggests trying (dicts name -> value);
    the tests draw each of them and check that the figure is complete.
    """

    def __init__(self, draw, controls, figsize=(9, 3.5), title="", setup=None, alt=None, suggestions=()):
        self.draw = draw
        self.setup = setup
        self.title = title
        self.controls = dict(controls)
        self.suggestions = [dict(s) for s in suggestions]
        self._alt = alt
        self.figure = Figure(figsize=figsize, dpi=DPI, facecolor="white")
        _Canvas(self.figure)
        with matplotlib.rc_context(FIXED_TITLES):
            self.scene = setup(self.figure) if setup is not None else None
        self._incremental = setup is not None
        if self._incremental:
            # every axis's ticks made now: a redraw that needs more ticks than the last one had would
            # otherwise make them (a tick is a line and a text, about a millisecond each)
            for ax in self.figure.axes:
                for axis in (ax.xaxis, ax.yaxis):
                    axis.get_major_ticks(TICKS_MADE)
        self._background = None
        self._background_key = None
        self._on_top = []
        self._backgrounds = {}             # layout key -> (background, on-top boxes, regions), oldest first
        self._regions = None               # child of the figure -> box of the pixels it drew (see _full_draw)
        self.note = widgets.HTML()
        self.note.add_class(NOTE_CLASS)
        self.picture = widgets.HTML()
        self.picture.add_class(FIGURE_CLASS)
        header = [widgets.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        self.widget = widgets.VBox(header + [
            widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.note,
            self.picture,
        ])
        self.redraws = 0
        self.error = None
        self.alt = None
        self._png = None
        self._holding = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.redraw()

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change):
        if not self._holding:
            self.redraw()

    def set(self, **values):
        """Set several controls at once and redraw once, e.g. ``pg.set(lr=0.01, epochs=200)``."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"this playground has no control named {', '.join(map(repr, unknown))}; "
                             f"its controls are {', '.join(map(repr, self.controls))}.")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.redraw()

    # -- drawing ------------------------------------------------------------------------
    def redraw(self):
        """Draw the figure for the controls' values and show it (or the message of why it cannot be drawn)."""
        values = self.values
        self.redraws += 1
        self.error = None
        try:
            with matplotlib.rc_context(FIXED_TITLES), one_blas_thread():
                if self._incremental:
                    result = self.draw(self.scene, **values)
                else:
                    self.figure.clear()
                    result = self.draw(self.figure, **values)
            note, alt = result if isinstance(result, tuple) else (result, None)
            alt = check_alt(alt if alt else self._default_alt(values))
            png = self.render()
        except (ValueError, FloatingPointError) as err:
            self._show_error(str(err))
            return
        self._png, self.alt = png, alt
        self.picture.value = img_html(png, alt)      # the picture first: it is what the reader waits for
        self.note.value = html.escape(note) if note else ""

    def _show_error(self, message):
        # The message takes the picture's place: no figure of an earlier setting stays visible.
        self.error = message
        self._png, self.alt = None, None
        self._background = None            # an update that failed half-way may have left artists changed
        self._background_key = None
        self.note.value = ""
        self.picture.value = ("<div role='alert' style='color:#b00020; padding:0.5em 0'>"
                              f"<b>Cannot draw this setting:</b> {html.escape(message)}</div>")

    def _default_alt(self, values):
        if callable(self._alt):
            return self._alt(values)
        if self._alt:
            return self._alt
        setting = ", ".join(f"{name} = {value}" for name, value in values.items())
        return f"{self.title or 'The playground'}: the figure for {setting}."

    def _animated(self):
        fig = self.figure
        found = [a for ax in fig.axes for a in ax.get_children() if a.get_animated() and a.get_visible()]
        found += [a for a in fig.get_children() if a.get_animated() and a.get_visible()]
        return sorted(found, key=lambda a: a.get_zorder())

    def _static_on_top(self):
        fig = self.figure
        found = [a for ax in fig.axes for a in ax.get_children() if getattr(a, "_bfs_on_top", False)]
        found += [a for a in fig.get_children() if getattr(a, "_bfs_on_top", False)]
        return [a for a in found if a.get_visible() and not a.get_animated()]

    def _layout_key(self):
        """Everything not animated that a redraw may change: limits, scales, ticks, titles, labels, texts."""
        fig, key = self.figure, []
        for ax in fig.axes:
            key.append((ax.get_visible(), tuple(ax.get_position().bounds), ax.get_xlim(), ax.get_ylim(),
                        ax.get_xscale(), ax.get_yscale(), _axis_key(ax.xaxis), _axis_key(ax.yaxis),
                        tuple(_text(t) for t in (ax.title, ax._left_title, ax._right_title)),
                        tuple((_text(t), t.get_position()) for t in ax.texts),
                        (ax.get_legend().get_visible(), tuple(_text(t) for t in ax.get_legend().get_texts()))
                        if ax.get_legend() is not None and not ax.get_legend().get_animated() else None))
        key.append(tuple(_text(t) for t in fig.texts))
        key.append(_text(getattr(fig, "_suptitle", None)))
        return tuple(key)

    def _fix_x_labels(self):
        """Keep every x-axis label where the first full draw put it.

        Matplotlib places an axis label below the tick labels' extent, measured again on
        every draw; the tick labels here are one line of plain text, always as tall, so
        the label stays where it was. Fixed, a later draw skips that measuring.
        """
        for ax in self.figure.axes:
            label = ax.xaxis.label
            if getattr(label, "_bfs_fixed", False) or not label.get_text():
                continue
            x, y_pixels = label.get_position()           # x in axes coordinates, y in pixels
            _, y = ax.transAxes.inverted().transform((0, y_pixels))
            ax.xaxis.set_label_coords(x, y)
            label._bfs_fixed = True

    def _draw_measured(self, artists, pixels):
        """Draw ``artists`` (children of the figure) on the canvas one by one; return {artist: box}, the box
        (x0, y0, x1, y1), rows from the top, of the pixels each one changed (None: none)."""
        renderer = self.figure.canvas.get_renderer()
        return {artist: _drawn_box(artist.draw, renderer, pixels) for artist in artists}

    def _full_draw(self):
        """``canvas.draw()``, which draws all but the animated artists, noting the pixels each child of the
        figure changed (``self._regions``): what ``_redraw_changed_axes`` needs to draw one axes alone."""
        fig, canvas = self.figure, self.figure.canvas
        children = _drawn_children(fig)
        regions, pixels = {}, []

        def measured(artist, draw):
            def draw_measured(renderer):
                if not pixels:
                    pixels.append(np.asarray(canvas.buffer_rgba()))    # a view of the buffer being drawn
                regions[artist] = _drawn_box(draw, renderer, pixels[0])
            return draw_measured

        for artist in children:
            artist.draw = measured(artist, artist.draw)     # the figure calls each child's draw in order
        try:
            canvas.draw()
        finally:
            for artist in children:
                del artist.draw
        self._regions = {a: regions.get(a) for a in children}

    def _redraw_changed_axes(self, key):
        """Draw again only the axes whose layout changed, over the kept background; False if that cannot be done.

        In a full draw each child of the figure changes only its own pixels of the white figure
        (``_full_draw`` notes which). When the pixels a changed axes had and the pixels it draws
        now meet nothing else's, whitening the old ones and drawing the axes gives exactly the
        picture of a full draw.
        """
        fig, old_key, regions = self.figure, self._background_key, self._regions
        n = len(fig.axes)
        children = _drawn_children(fig)
        if (self._background is None or regions is None or old_key is None or len(old_key) != n + 2
                or len(key) != n + 2 or old_key[n:] != key[n:] or set(children) != set(regions)
                or tuple(fig.patch.get_facecolor()) != (1.0, 1.0, 1.0, 1.0)):
            return False
        changed = [fig.axes[i] for i in range(n) if key[i] != old_key[i]]
        if not changed or len(changed) == n:
            return False
        others = [box for artist, box in regions.items() if artist not in changed and box is not None]
        old = [regions[ax] for ax in changed if regions[ax] is not None]
        if any(_overlap(a, b) for a in old for b in others):
            return False
        canvas = fig.canvas
        canvas.restore_region(self._background)
        pixels = np.asarray(canvas.buffer_rgba())
        for x0, y0, x1, y1 in old:
            pixels[y0:y1, x0:x1] = 255                 # the white figure, as before the axes was drawn
        new = self._draw_measured(changed, pixels)
        drawn = [box for box in new.values() if box is not None]
        if any(_overlap(a, b) for a in drawn for b in others + drawn if a is not b):
            return False                               # it reaches into another artist: draw everything
        self._regions = {**regions, **new}
        return True

    def render(self, fresh=False):
        """The figure as PNG bytes, rendered once; ``fresh=True`` ignores the kept background (tests)."""
        canvas = self.figure.canvas
        animated = self._animated() if self._incremental else []
        if not animated:
            canvas.draw()
        else:
            key = self._layout_key()
            if not fresh and key != self._background_key and key in self._backgrounds:
                # a layout seen a moment ago (the reader went back): its background is kept too
                self._background, self._on_top, self._regions = self._backgrounds[key]
                self._background_key = key
            if fresh or self._background is None or key != self._background_key:
                if fresh or not self._redraw_changed_axes(key):
                    self._full_draw()          # draws everything except the animated artists
                    self._fix_x_labels()
                self._background = canvas.copy_from_bbox(self.figure.bbox)
                self._background_key = key
                renderer = canvas.get_renderer()
                self._on_top = [a.get_window_extent(renderer) for a in self._static_on_top()]
                self._backgrounds[key] = (self._background, self._on_top, dict(self._regions))
                while len(self._backgrounds) > KEPT_BACKGROUNDS:
                    self._backgrounds.pop(next(iter(self._backgrounds)))
            else:
                canvas.restore_region(self._background)
            renderer = canvas.get_renderer()
            for artist in animated:
                artist.draw(renderer)
            height = self.figure.bbox.height
            for box in self._on_top:           # static artists above the animated ones: their pixels again
                # the saved region counts rows from the top of the figure
                x0, x1 = int(np.floor(box.x0)) - 1, int(np.ceil(box.x1)) + 1
                top, bottom = int(np.floor(height - box.y1)) - 1, int(np.ceil(height - box.y0)) + 1
                canvas.restore_region(self._background, bbox=(x0, top, x1, bottom), xy=(0, 0))
        return encode_png(canvas.buffer_rgba())

    @property
    def output(self):
        """The widget that shows the figure (older name of ``picture``; place it when you lay out your own box)."""
        return self.picture

    def png(self):
        """The PNG bytes shown now (what a reader sees), or None while a message replaces the figure."""
        return self._png

    # -- display ------------------------------------------------------------------------
    def _widget_view(self):
        bundle = getattr(self.widget, "_repr_mimebundle_", None)
        data = bundle() if bundle is not None else None
        if isinstance(data, tuple):
            data = data[0]
        if data and WIDGET_VIEW in data:
            return data[WIDGET_VIEW]
        return {"version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}

    def fallback_text(self):
        """The one line a viewer without images shows."""
        what = self.alt or (f"no figure: {self.error}" if self.error else "")
        return (f"[Playground: {self.title or 'interactive figure'}. Run the notebook with ipywidgets to move "
                f"its controls.] {what}").strip()

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {WIDGET_VIEW: self._widget_view(), "text/plain": self.fallback_text()}
        metadata = {}
        if self._png is not None:
            # What a viewer without a kernel shows: the picture, stored as a static figure is.
            picture, metadata = figure_bundle(palette_png(self._png), self.alt)
            data["image/png"], data["text/html"] = picture["image/png"], picture["text/html"]
        return data, metadata

    def show_static(self):
        """Deprecated: the playground's own output already carries its picture. Kept so that
        notebooks that still call it run; delete those cells."""
        from .plotting import image_with_alt

        if self._png is not None:
            image_with_alt(self._png, self.alt)


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


def decade_limits(values, cap=1e100, floor=1e-300, coarse=2):
    """Whole decades around the positive finite ``values``, at least one decade apart.

    A log axis on a range narrower than a decade shows at most one major tick, and
    matplotlib then labels minor ticks in a format that is cut off by fixed margins;
    whole decades always give labelled major ticks. ``cap`` keeps the tick code away
    from overflow near 1e308. Ranges wider than two decades end at multiples of
    ``coarse`` decades, so that nearby settings share their axis (and a playground
    its background).
    """
    values = np.asarray(values, dtype=float).ravel()
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        return 0.1, 1.0
    low = np.floor(np.log10(max(values.min(), floor)))
    high = np.ceil(np.log10(min(values.max(), cap)))
    if high - low > 2:
        low, high = np.floor(low / coarse) * coarse, np.ceil(high / coarse) * coarse
    return 10.0 ** low, min(10.0 ** max(high, low + 1), cap)


def nice_ceiling(value, steps=(1, 2, 2.5, 5)):
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is >= value (axis ends that change rarely)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    return next(step * power for step in (*steps, 10) if step * power >= value * (1 - 1e-12))


def plain_powers(value, _position=None):
    """Tick label 1e-4 instead of matplotlib's math text 10^-4 (much faster to draw)."""
    return f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")


def log_axis(axis, limits):
    """A log scale with these limits, major ticks labelled 1e-4 (also 2e-4, 5e-4 over two decades or less)
    and no minor ticks."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    ax = axis.axes
    scale, set_limits = (ax.set_yscale, ax.set_ylim) if axis is ax.yaxis else (ax.set_xscale, ax.set_xlim)
    if not getattr(axis.get_major_formatter(), "_bfs_plain_powers", False) or axis.get_scale() != "log":
        # only once: new tick objects would make a playground draw its background again
        scale("log")
        axis.set_major_locator(LogLocator(base=10, numticks=8))
        formatter = FuncFormatter(plain_powers)
        formatter._bfs_plain_powers = True
        axis.set_major_formatter(formatter)
        axis.set_minor_locator(NullLocator())    # dozens of unlabelled ticks cost more than the curves
    decades = np.log10(limits[1] / limits[0])
    # a range of one or two decades gets labels at 1, 2 and 5 times each power of ten, so values can be read
    axis.get_major_locator().set_params(subs=(1.0, 2.0, 5.0) if decades <= 2.01 else (1.0,))
    set_limits(*limits)
