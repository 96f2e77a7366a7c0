"""plotting.show: figures reach the reader as one PNG with real alternative text."""
import base64
import html.parser
import io
from unittest import mock

import numpy as np
import PIL.Image
import pytest
from matplotlib.figure import Figure

from nn_helpers import plotting


def _figure():
    fig = Figure(figsize=(2, 2))
    fig.subplots().plot([0, 1], [1, 0])
    return fig


class _Images(html.parser.HTMLParser):
    """The attributes of every <img> in a piece of HTML, read by Python's own HTML parser."""

    def __init__(self, text):
        super().__init__()
        self.found = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def pixels(png):
    """An (h, w, 3) array of 0..255 RGB values."""
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


@pytest.mark.parametrize("alt", ["A line falling from 1 to 0.", 'The "<b>" & <script>x</script> tags, quoted.'])
def test_show_gives_the_picture_as_png_and_as_html_both_with_the_alt_text(alt):
    with mock.patch("IPython.display.display") as display:
        plotting.show(_figure(), alt)
    (data,), kwargs = display.call_args
    assert kwargs["raw"] is True
    assert kwargs["metadata"] == {"image/png": {"alt": alt}}
    png = base64.b64decode(data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (img,) = _Images(data["text/html"]).found          # one <img>, nothing else injected
    assert img["alt"] == alt
    assert img["src"] == "data:image/png;base64," + data["image/png"]
    assert "<script" not in data["text/html"]
    assert data["text/plain"] == f"[Figure] {alt}"


def test_the_palette_png_shows_the_same_picture_in_fewer_bytes():
    fig = Figure(figsize=(4, 3))
    ax = fig.subplots()
    for k in range(6):                                  # anti-aliased lines of six colours, and text
        ax.plot(np.linspace(0, 1, 50), np.sin(np.linspace(0, 3 + k, 50)), label=f"line {k}")
    ax.legend()
    ax.set_title("Six sines")
    full = plotting.png_bytes(fig)
    assert len(np.unique(pixels(full).reshape(-1, 3), axis=0)) > 256    # more colours than a palette holds
    small = plotting.palette_png(full)
    assert PIL.Image.open(io.BytesIO(small)).mode == "P"
    assert len(small) < 0.6 * len(full)
    error = np.abs(pixels(small) - pixels(full)).max(axis=-1)
    assert pixels(small).shape == pixels(full).shape
    assert error.mean() < 0.5 and np.percentile(error, 99.9) <= 32, (error.mean(), np.percentile(error, 99.9))


def test_a_picture_of_few_colours_keeps_every_pixel():
    rgb = np.zeros((20, 30, 3), dtype=np.uint8)
    rgb[:, :10] = (255, 255, 255)
    rgb[5:15, 12:25] = (0, 114, 178)
    rgb[::3, ::4] = (213, 94, 0)
    buffer = io.BytesIO()
    PIL.Image.fromarray(rgb).save(buffer, format="PNG")
    assert (pixels(plotting.palette_png(buffer.getvalue())) == rgb).all()


def test_png_is_opaque_white_for_dark_themes():
    import io

    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(plotting.png_bytes(_figure())))
    assert pixels.shape[2] == 4 and pixels[0, 0].tolist() == [1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("alt", ["", "Image", "figure.", "<Figure size 200x200 with 1 Axes>", "a plot", None, 3])
def test_alt_text_that_describes_nothing_is_refused(alt):
    with pytest.raises(ValueError, match="alt"):
        plotting.show(_figure(), alt)


# -- the chapter figures: nothing covers the data -----------------------------------------------
def _legend_below_axes(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return ax.get_legend().get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0


def test_gradient_norm_legends_sit_below_the_panels():
    import numpy as np

    layers = np.arange(1, 6)
    fig = plotting.plot_gradient_norms([("a", {"one": np.ones(5), "two": np.full(5, 2.0)}),
                                        ("b", {"He": np.full(5, 3.0)})], layers, title="t")
    assert len(fig.axes) == 2
    assert all(_legend_below_axes(ax) for ax in fig.axes)


def test_decision_boundary_legend_below_covers_no_point():
    import matplotlib.pyplot as plt
    import numpy as np

    fig, ax = plt.subplots()
    X = np.array([[-1.0, 1.0, 1.0, -1.0], [-1.0, 1.0, -1.0, 1.0]])
    plotting.plot_decision_boundary(lambda P: P[:1] * P[1:], X, np.array([[1, 1, 0, 0]]), ax=ax, legend_below=True)
    assert _legend_below_axes(ax)
    plt.close(fig)


def test_plot_training_marks_a_weight_curve_that_lies_on_another():
    import numpy as np

    class History:
        loss = np.linspace(1, 0.1, 11)
        output_bias = np.zeros((11, 1))
        output_weights = np.stack([np.linspace(0, 1, 11), np.linspace(0, 1, 11) + 1e-4,
                                   np.linspace(0, -1, 11)], axis=1)[:, None, :]

    fig = plotting.plot_training(History())
    lines = fig.axes[1].get_lines()
    assert [line.get_linestyle() for line in lines] == ["-", "--", "-"]
    assert "dashed: on $w_{1}$" in lines[1].get_label() and "dashed" not in lines[2].get_label()


def test_plot_costs_draws_both_forms_and_both_guides_per_panel():
    from nn_helpers import costs

    rows = [costs.Cost(m, 1e-3 * m * m, 8 * m * m, 1e-3 * m, 8 * m) for m in (10, 20, 40)]
    fig = plotting.plot_costs(rows)
    assert len(fig.axes) == 2
    for ax in fig.axes:
        assert len(ax.get_lines()) == 4 and ax.get_xscale() == ax.get_yscale() == "log"


def test_plot_unit_weights_keeps_coinciding_units_visible():
    import numpy as np

    same = np.tile(np.linspace(0, 1, 5)[:, None], (1, 3))
    fig = plotting.plot_unit_weights([("equal", same), ("random", np.random.default_rng(0).normal(size=(5, 3)))])
    widths = [line.get_linewidth() for line in fig.axes[0].get_lines()]
    assert len(widths) == 3 and widths == sorted(widths, reverse=True) and len(set(widths)) == 3
    assert len({line.get_linewidth() for line in fig.axes[1].get_lines()}) == 1     # distinct curves: plain lines


# --------------------------------------------------------------- colour-blind-safe colours
# Simulated dichromacy (Vienot, Brettel and Mollon 1999, in linear RGB) and the CIE 1976 colour
# difference: an independent yardstick for "the lines stay apart for a reader with red-green
# colour blindness". 15 is well above the 2 to 5 at which two flat colours start to look alike.
DICHROMACY = {
    "protanopia": np.array([[0.11238, 0.88762, 0.0], [0.11238, 0.88762, 0.0], [0.00401, -0.00401, 1.0]]),
    "deuteranopia": np.array([[0.29275, 0.70725, 0.0], [0.29275, 0.70725, 0.0], [-0.02234, 0.02234, 1.0]]),
    "typical vision": np.eye(3),
}
APART = 15.0


def _lab(hex_colour, simulation):
    import matplotlib.colors

    srgb = np.array(matplotlib.colors.to_rgb(hex_colour))
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(simulation @ linear, 0.0, 1.0)
    to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    t = (to_xyz @ linear) / (to_xyz @ np.ones(3))
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _closest_pair(colours, simulation):
    import itertools

    labs = [_lab(c, simulation) for c in colours]
    return min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(labs, 2))


def test_the_measure_tells_matplotlibs_default_colours_apart_only_for_typical_vision():
    tab = ["tab:blue", "tab:orange", "tab:green", "tab:red"]
    assert _closest_pair(tab, DICHROMACY["typical vision"]) > APART
    assert _closest_pair(tab, DICHROMACY["protanopia"]) < APART        # green and orange merge
    assert _closest_pair(tab, DICHROMACY["deuteranopia"]) < APART


@pytest.mark.parametrize("vision", DICHROMACY)
def test_the_books_colours_stay_apart_with_colour_blindness(vision):
    assert _closest_pair(plotting.CYCLE, DICHROMACY[vision]) > APART


def test_importing_the_package_makes_the_palette_the_default_colour_cycle():
    import matplotlib

    matplotlib.rcParams["axes.prop_cycle"] = matplotlib.cycler(color=["red", "green"])
    plotting.use_book_colours()
    assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == plotting.CYCLE
    fig = matplotlib.figure.Figure()
    (line,) = fig.subplots().plot([0, 1])
    assert matplotlib.colors.same_color(line.get_color(), plotting.COLOURS["blue"])


def test_no_figure_of_the_package_picks_matplotlibs_tab_colours():
    import re
    from pathlib import Path

    package = Path(plotting.__file__).parent
    found = [f"{path.relative_to(package)}: {match}" for path in sorted(package.rglob("*.py"))
             for match in re.findall(r"tab:[a-z]+", path.read_text(encoding="utf-8"))]
    assert found == []


def test_a_playground_png_decodes_to_the_canvas_pixels():
    """widgets.encode_png writes PNG by hand (filtered rows, zlib): Pillow must read back every pixel."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from nn_helpers.widgets import encode_png

    fig = Figure(figsize=(3.1, 1.7), dpi=100)        # an odd width in pixels
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.imshow(np.random.default_rng(0).random((20, 30)), cmap="viridis")   # every byte value, not only flat colour
    ax.set_title("Noise")
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    png = encode_png(rgba)
    assert (pixels(png) == rgba[..., :3]).all()
    assert (np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGBA")) == rgba).all()


def test_a_playground_canvas_draws_texts_again_exactly_as_matplotlib_draws_them():
    """widgets._Canvas keeps the glyph images of the texts it draws and puts them back on the next draw:
    every draw must give matplotlib's own pixels, also after texts changed colour, place or string."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from nn_helpers.widgets import _Canvas

    def scene(fig, k):
        ax = fig.subplots()
        ax.plot([0, 1, 2], [k, 1, 0])
        ax.set_title(f"Step {k}: loss", color=("black", "C1")[k % 2])
        ax.set_xlabel("epoch", color=("black", "C1")[k % 2])                     # the same text, another colour
        ax.set_ylabel(r"$\frac{\partial L}{\partial w_1}$ (log scale)")           # math text with a bar
        ax.text(0.5 + 0.13 * k, 0.5, "moved", transform=ax.transAxes)
        ax.text(0.2, 0.2, "turned", rotation=45 * k, rotation_mode="anchor", ha="left", va="baseline",
                transform=ax.transAxes)                    # the same anchor, another angle
        fig.suptitle(r"$W^{(2)}$ and plain words", x=0.5 + 0.0137 * k)

    def drawn(canvas_class, ks):
        fig = Figure(figsize=(4, 3), dpi=100)
        canvas = canvas_class(fig)
        frames = []
        for k in ks:
            fig.clear()
            scene(fig, k)
            canvas.draw()
            frames.append(np.asarray(canvas.buffer_rgba()).copy())
        return frames

    ks = [0, 1, 0, 2, 1, 1]                                 # settings seen before come back
    for k, kept, plain in zip(ks, drawn(_Canvas, ks), drawn(FigureCanvasAgg, ks)):
        assert (kept == plain).all(), f"setting {k} drawn differently from matplotlib"


def test_glyph_images_are_reused_at_whole_pixel_moves_with_matplotlibs_own_pixels():
    """From matplotlib 3.11 a playground canvas keeps each glyph's image per fraction of a pixel
    (widgets._draw_text_glyphs_and_boxes) and each string's layout per font: a text moved by whole
    pixels, or a new string made of glyphs drawn before, reuses them. Every draw must still give
    matplotlib's own pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    from nn_helpers import widgets
    from nn_helpers.widgets import _Canvas

    if not hasattr(RendererAgg, "_draw_text_glyphs_and_boxes"):
        pytest.skip("matplotlib before 3.11 renders a text's string as one image; no glyph is kept")

    def scene(fig, dx, dy, s, angle):
        fig.text(0.1 + dx / 400, 0.5 + dy / 300, s, fontsize=11, rotation=angle, color="C3")
        fig.text(0.1 + dx / 400, 0.2 + dy / 300, r"$\eta = 0.5$, " + s, fontsize=9)
        fig.text(0.1 + dx / 400, 0.8 + dy / 300, s, fontsize=8, weight="bold")     # the same string, another font

    settings = [(0, 0, "lr = 0.25, loss 1.5e-3", 0), (3, 0, "lr = 0.25, loss 1.5e-3", 0),    # whole pixels
                (3, 2, "lr = 0.52, loss 3.1e-5", 0), (0.25, 0, "lr = 0.25, loss 1.5e-3", 0),  # a quarter pixel
                (7.25, -1, "lr = 0.25, loss 1.5e-3", 0), (1, 1, "lr = 0.25", 30), (5, 9, "lr = 0.25", 30)]

    def drawn(canvas_class):
        fig = Figure(figsize=(4, 3), dpi=100)
        canvas = canvas_class(fig)
        frames, kept = [], []
        for dx, dy, s, angle in settings:
            fig.clear()
            scene(fig, dx, dy, s, angle)
            canvas.draw()
            frames.append(np.asarray(canvas.buffer_rgba()).copy())
            kept.append(len(widgets._GLYPHS))
        return frames, kept

    widgets._GLYPHS.clear()
    (frames, kept), (plain, _) = drawn(_Canvas), drawn(FigureCanvasAgg)
    for setting, a, b in zip(settings, frames, plain):
        assert (a == b).all(), f"{setting} drawn differently from matplotlib"
    assert kept[1] == kept[0], "a text moved by whole pixels rendered its glyphs again"
    assert kept[2] - kept[1] < 6, "a new string of glyphs drawn before rendered most of them again"
    assert kept[3] > kept[2], "a text moved by a quarter pixel reused images made for another fraction"
    assert kept[6] == kept[5], "a turned text moved by whole pixels rendered its glyphs again"


@pytest.mark.parametrize("font", [{"size": 10}, {"size": 7.5, "weight": "bold"}, {"size": 13, "family": "serif"},
                                  {"size": 9, "family": "monospace", "style": "italic"}])
def test_a_playground_canvas_lays_texts_out_where_matplotlib_lays_them_out(font):
    """The canvas gives matplotlib each font's heights from a store (_get_font_height_metrics): every
    line of a text, one line or three, must be placed exactly where matplotlib places it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from nn_helpers.widgets import _Canvas

    def layout(canvas_class):
        fig = Figure(figsize=(4, 3), dpi=100)
        canvas = canvas_class(fig)
        texts = [fig.text(0.1, 0.5, "loss 0.25", **font), fig.text(0.5, 0.5, "three\nlines of\ntext", **font),
                 fig.text(0.2, 0.2, r"$\eta$ = 0.5", rotation=30, **font),
                 fig.text(0.6, 0.1, "smaller\nand two lines", **{**font, "size": font["size"] * 0.7})]
        renderer = canvas.get_renderer()
        out = []
        for text in texts:
            box, lines, _ = text._get_layout(renderer)      # lines: each line's text, size and place
            out.append((tuple(box.bounds), repr(lines)))
        return out

    assert layout(_Canvas) == layout(FigureCanvasAgg)
