"""Every playground of the book, exercised headless.

- Every control moved one step from the default setting redraws the one figure
  (its PNG changes) and gives no error; a text box takes its placeholder, and
  garbage typed into it gives a message from *that* box's parser (not an error
  of some other control), shown in place of the figure.
- At the default, at every setting the notebook suggests and at both ends of
  every control (and all controls at their minimum, all at their maximum) the
  figure is complete: every axes has a title or the figure a suptitle; an axis
  with a scale has a label and labelled ticks (at least two on a y axis); every
  tick label, axis label and title lies inside the figure.
- A playground figure is at most 840 px wide (8.4 in at 100 dpi), like every
  other figure of the book: JupyterLab shrinks a wider picture to the width of
  its output area, and its 10-point text with it. Its legends lie inside the
  figure, and no two titles (panel titles, the suptitle) overlap.
- A playground drawn incrementally (over a kept background) gives exactly the
  picture drawn from scratch, at every one of those settings.
- Displayed, a playground publishes one output with the live widget, the PNG it
  shows (with alternative text) and a one-line text fallback.
"""
import base64
import html
import io
import importlib
import pkgutil
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import PIL.Image
import pytest

import nn_helpers.playgrounds
from nn_helpers.plotting import check_alt
from nn_helpers.widgets import WIDGET_VIEW, Playground, dropdown, int_slider, on_top, slider, text

GARBAGE = "not a valid value ]["
MAX_WIDTH_PX = 840          # the widest figure a JupyterLab output area shows at full size


def all_playground_makers():
    makers = []
    for info in sorted(pkgutil.iter_modules(nn_helpers.playgrounds.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"nn_helpers.playgrounds.{info.name}")
        for name in getattr(module, "__all__", []):
            makers.append(pytest.param(getattr(module, name), id=f"{info.name}.{name}"))
    return makers


def options(control):
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def next_value(control):
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        return next(o for o in options(control) if o != control.value)
    if isinstance(control, widgets.FloatLogSlider):
        up = control.value * control.base ** control.step
        return up if up <= control.base ** control.max * (1 + 1e-9) else control.value / control.base ** control.step
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        up = control.value + control.step
        return up if up <= control.max else control.value - control.step
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return not control.value
    raise AssertionError(f"the test does not know how to move a {type(control).__name__}")


def ends(control):
    """The values at both ends of a control (every option of a list, the placeholder of a text box)."""
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base ** control.min, control.base ** control.max]
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        return [control.min, control.max]
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        return options(control)
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [False, True]
    if isinstance(control, widgets.Text):
        return [control.placeholder] if control.placeholder else []
    raise AssertionError(f"the test does not know the ends of a {type(control).__name__}")


def settings_to_check(pg):
    """(description, {name: value}) for the default, the suggestions and the ends of every control."""
    default = pg.values
    found = [("default", default)]
    found += [(f"suggested {s}", {**default, **s}) for s in pg.suggestions]
    for name, control in pg.controls.items():
        found += [(f"{name}={value!r}", {**default, name: value}) for value in ends(control)]
    bounds = {name: ends(c) for name, c in pg.controls.items() if ends(c)}
    for which in (0, -1):
        found.append((f"every control at its {'minimum' if which == 0 else 'maximum'}",
                      {**default, **{name: values[which] for name, values in bounds.items()}}))
    return found


def set_values(pg, values):
    pg.set(**values)


def tick_labels(axis):
    """The tick labels the axis draws now (ticks inside the view, visible, with text)."""
    ticks = axis._update_ticks()
    return [label for tick in ticks for label in (tick.label1, tick.label2)
            if label.get_visible() and label.get_text().strip()]


def assert_complete_figure(pg, where):
    fig = pg.figure
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    suptitle = getattr(fig, "_suptitle", None)
    has_suptitle = suptitle is not None and suptitle.get_visible() and suptitle.get_text().strip()
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes, f"{where}: the figure has no axes"
    for i, ax in enumerate(axes):
        name = f"{where}, panel {i + 1} ({ax.get_title()!r})"
        assert ax.get_title().strip() or has_suptitle, f"{name}: no title"
        texts = [ax.title]
        for axis, letter, needed in ((ax.xaxis, "x", 1), (ax.yaxis, "y", 2)):
            if not ax.axison or not len(axis.get_ticklocs()):
                continue        # no scale on this axis: an image or a diagram
            labels = tick_labels(axis)
            assert axis.get_label_text().strip(), f"{name}: no {letter}-axis label"
            assert len(labels) >= needed, (
                f"{name}: {len(labels)} labelled {letter} tick(s) {[t.get_text() for t in labels]} on "
                f"{axis.get_view_interval()}: cannot read the scale")
            texts += labels + [axis.label]
        for t in texts:
            if not t.get_text().strip():
                continue
            box = t.get_window_extent(renderer)
            assert box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= width + 0.5 and box.y1 <= height + 0.5, (
                f"{name}: the text {t.get_text()!r} reaches outside the figure ({box.x0:.0f}..{box.x1:.0f} x "
                f"{box.y0:.0f}..{box.y1:.0f} px in a {width:.0f} x {height:.0f} figure)")
    if has_suptitle:
        box = suptitle.get_window_extent(renderer)
        assert box.x0 >= -0.5 and box.x1 <= width + 0.5 and box.y1 <= height + 0.5, (
            f"{where}: the suptitle {suptitle.get_text()!r} reaches outside the figure")
    for t in fig.texts:                     # text placed on the figure itself, e.g. notebook 07's gradients
        if not (t.get_visible() and t.get_text().strip()):
            continue
        box = t.get_window_extent(renderer)
        assert box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= width + 0.5 and box.y1 <= height + 0.5, (
            f"{where}: the figure text {t.get_text()[:40]!r}... reaches outside the figure ({box.x0:.0f}.."
            f"{box.x1:.0f} x {box.y0:.0f}..{box.y1:.0f} px in a {width:.0f} x {height:.0f} figure)")
    for i, ax in enumerate(axes):
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        assert box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= width + 0.5 and box.y1 <= height + 0.5, (
            f"{where}, panel {i + 1}: its legend reaches outside the figure ({box.x0:.0f}..{box.x1:.0f} x "
            f"{box.y0:.0f}..{box.y1:.0f} px in a {width:.0f} x {height:.0f} figure)")
    titles = [t for ax in axes for t in (ax.title, ax._left_title, ax._right_title) if t.get_text().strip()]
    titles += [suptitle] if has_suptitle else []
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in titles]
    for j, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[j + 1:]:
            assert not a.overlaps(b), f"{where}: the titles {text_a!r} and {text_b!r} overlap"


MAKERS = all_playground_makers()


@pytest.mark.parametrize("make", MAKERS)
def test_every_control_redraws_the_figure(make):
    playground = make()
    assert isinstance(playground, Playground)
    assert playground.error is None, playground.error
    assert playground.png(), "the default setting draws nothing"
    for name, control in playground.controls.items():
        before, redraws = playground.png(), playground.redraws
        if isinstance(control, widgets.Text):
            assert control.placeholder, f"text box {name!r} needs a valid example as its placeholder"
            if control.placeholder != control.value:
                control.value = control.placeholder
                assert playground.error is None, f"{name}={control.value!r}: {playground.error}"
                assert playground.png() != before, f"typing {control.value!r} into {name!r} changed nothing"
            control.value = GARBAGE
            assert playground.error, f"garbage in {name!r} gave no friendly message"
            assert GARBAGE in playground.error, (
                f"garbage in {name!r} gave a message that does not name what was typed: {playground.error!r}")
            # the message replaces the picture: no figure of the earlier setting stays visible
            assert playground.png() is None and "<img" not in playground.picture.value
            assert "Cannot draw this setting" in playground.picture.value and "Traceback" not in playground.picture.value
            control.value = control.placeholder
            assert playground.error is None and playground.png()
            continue
        control.value = next_value(control)
        assert playground.redraws == redraws + 1
        assert playground.error is None, f"moving {name!r} to {control.value!r} gave an error: {playground.error}"
        assert playground.png() != before, f"moving {name!r} to {control.value!r} changed nothing"


@pytest.mark.parametrize("make", MAKERS)
def test_every_setting_draws_a_complete_figure(make):
    pg = make()
    for where, values in settings_to_check(pg):
        set_values(pg, values)
        assert pg.error is None, f"{where}: {pg.error}"
        assert_complete_figure(pg, where)
        check_alt(pg.alt)
        shown = pg.png()
        assert shown == pg.render(fresh=True), (
            f"{where}: the picture drawn over the kept background differs from one drawn from scratch "
            "(an artist that changes is not animated, or the layout key misses a change)")


@pytest.mark.parametrize("make", MAKERS)
def test_a_moved_playground_shows_what_a_new_one_shows_at_that_setting(make):
    """Nothing a playground keeps between moves (artists, backgrounds, regions) shows an earlier setting:
    after every move its picture is that of a new playground whose first picture is this setting."""
    pg = make()
    for where, values in settings_to_check(pg):
        set_values(pg, values)
        fixed = {name: widgets.ValueWidget(value=value) for name, value in pg.values.items()}
        new = Playground(pg.draw, fixed, setup=pg.setup, figsize=tuple(pg.figure.get_size_inches()))
        assert (new.error, new.png()) == (pg.error, pg.png()), f"{where}: not the picture of a new playground"


@pytest.mark.parametrize("make", MAKERS)
def test_the_figure_fits_an_output_area_at_full_size(make):
    fig = make().figure
    assert fig.bbox.width <= MAX_WIDTH_PX, (
        f"the figure is {fig.bbox.width:.0f} px wide ({fig.get_figwidth():g} in at {fig.dpi:g} dpi); at most "
        f"{MAX_WIDTH_PX} px fit an output area without being shrunk")


@pytest.mark.parametrize("make", MAKERS)
def test_display_carries_the_widget_the_picture_and_a_text_line(make):
    pg = make()
    data, metadata = pg._repr_mimebundle_()
    assert data[WIDGET_VIEW]["model_id"] == pg.widget.model_id
    stored = np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB"), int)
    drawn = np.asarray(PIL.Image.open(io.BytesIO(pg.png())).convert("RGB"), int)
    assert stored.shape == drawn.shape and np.abs(stored - drawn).mean() < 0.5     # the picture, in a palette
    assert check_alt(metadata["image/png"]["alt"]) == pg.alt
    # The same picture as an <img> with the alt text, for the front ends that prefer HTML.
    assert f'src="data:image/png;base64,{data["image/png"]}"' in data["text/html"]
    assert f'alt="{html.escape(pg.alt, quote=True)}"' in data["text/html"]
    line = data["text/plain"]
    assert "\n" not in line and "VBox" not in line and pg.alt in line


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
    return f"slope is {slope}", f"A straight line from 0 rising to {slope}."


def make_test_playground():
    return Playground(draw_line, {"slope": slider(1.0, 0.0, 3.0, 0.5, "slope"),
                                  "name": dropdown(["a", "b"], "a", "name")}, title="Lines")


def test_playground_redraws_one_figure_in_place():
    pg = make_test_playground()
    figure, first = pg.figure, pg.png()
    pg.controls["slope"].value = 1.5
    assert pg.figure is figure and len(figure.axes) == 1
    assert pg.png() != first and pg.note.value == "slope is 1.5"
    assert pg.alt == "A straight line from 0 rising to 1.5."
    assert pg.picture.value.count("<img") == 1 and 'alt="A straight line from 0 rising to 1.5."' in pg.picture.value


def test_an_error_replaces_the_figure_and_the_next_setting_brings_it_back():
    pg = make_test_playground()
    pg.controls["slope"].value = 3.0
    assert pg.error == "the slope is too steep for this plot"
    assert "Cannot draw this setting" in pg.picture.value and "<img" not in pg.picture.value
    assert pg.png() is None and pg.note.value == ""
    data, metadata = pg._repr_mimebundle_()
    assert "image/png" not in data and "too steep" in data["text/plain"]
    pg.controls["slope"].value = 2.0
    assert pg.error is None and pg.picture.value.count("<img") == 1


def draw_scene(scene, height):
    scene["bar"].set_height(height)
    scene["ax"].set_ylim(0, 10 if height <= 10 else 100)   # the background changes only past 10
    return f"height {height}", f"One bar of height {height}."


def setup_scene(fig):
    ax = fig.subplots()
    (bar,) = ax.bar([0], [1], animated=True)
    ax.set(title="a bar", xlabel="x", ylabel="height")
    return {"ax": ax, "bar": bar}


def test_incremental_playground_keeps_its_background_until_the_layout_changes():
    pg = Playground(draw_scene, {"height": slider(2.0, 1.0, 50.0, 1.0, "height")}, setup=setup_scene)
    kept = pg._background
    pg.controls["height"].value = 3.0
    assert pg._background is kept, "the background was drawn again although no limit changed"
    assert pg.png() == pg.render(fresh=True)
    kept = pg._background                           # the fresh drawing replaced it
    pg.controls["height"].value = 20.0
    assert pg._background is not kept, "the y limit changed but the old background was kept"
    assert pg.png() == pg.render(fresh=True)
    pg.controls["height"].value = 4.0
    assert pg._background is kept, "back to the first layout: its kept background should be used again"
    assert pg.png() == pg.render(fresh=True)


def test_a_legend_shown_or_hidden_draws_the_background_again():
    """A static legend kept above the animated artists (``on_top``) that is hidden, with nothing else changed."""
    def setup(fig):
        scene = setup_scene(fig)
        scene["legend"] = on_top(scene["ax"].legend([scene["bar"]], ["the bar"], loc="upper right"))
        return scene

    def draw(scene, height):
        scene["legend"].set_visible(height < 5)
        return draw_scene(scene, height)

    pg = Playground(draw, {"height": slider(2.0, 1.0, 50.0, 1.0, "height")}, setup=setup)
    for height in (3.0, 6.0, 7.0, 2.0):
        pg.controls["height"].value = height
        assert pg.png() == pg.render(fresh=True), f"height {height}: the legend's old state stayed on screen"


def two_panels(fig):
    left, right = fig.subplots(1, 2)
    fig.subplots_adjust(wspace=0.4)
    scene = {"left": left, "right": right}
    for name, ax in scene.copy().items():
        (scene[name + " bar"],) = ax.bar([0], [1], animated=True)
        ax.set(title=f"the {name} bar", xlabel="x", ylabel="height")
    return scene


def draw_two_panels(scene, left, right):
    for name, height in (("left", left), ("right", right)):
        scene[name + " bar"].set_height(height)
        scene[name].set_ylim(0, 10 if height <= 10 else 100 if height <= 40 else 1000)
    return f"heights {left} and {right}", f"Two bars of heights {left} and {right}."


def two_panel_playground(monkeypatch, draw=draw_two_panels, setup=two_panels):
    """A playground of two bars, and the list that gets an entry for every full draw of its figure."""
    controls = {"left": slider(2.0, 1.0, 50.0, 1.0, "left"), "right": slider(2.0, 1.0, 50.0, 1.0, "right")}
    pg = Playground(draw, controls, setup=setup)
    full_draws = []
    draw_all = pg.figure.canvas.draw
    monkeypatch.setattr(pg.figure.canvas, "draw", lambda: full_draws.append(1) or draw_all())
    return pg, full_draws


def test_a_layout_change_in_one_panel_draws_only_that_panel_again(monkeypatch):
    pg, full_draws = two_panel_playground(monkeypatch)
    for left, right in ((20.0, 2.0), (20.0, 30.0), (3.0, 30.0), (3.0, 4.0), (45.0, 45.0)):
        pg.set(left=left, right=right)
        assert pg.png() == pg.render(fresh=True), f"heights {left}, {right}: not the picture of a full draw"
    # (20, 2), (20, 30), (3, 30) and (3, 4) change one panel's axis each; (45, 45) changes both
    assert len(full_draws) == 5 + 1, f"{len(full_draws) - 5} full draws instead of 1 (the fresh ones: 5)"


def test_a_panel_whose_labels_reach_into_another_is_drawn_with_the_whole_figure(monkeypatch):
    def crowded(fig):
        scene = two_panels(fig)
        fig.subplots_adjust(wspace=0.0)        # the right panel's tick labels overlap the left panel
        return scene

    pg, full_draws = two_panel_playground(monkeypatch, setup=crowded)
    pg.set(right=20.0)
    assert full_draws == [1]
    assert pg.png() == pg.render(fresh=True)


def test_a_panel_that_grows_into_another_is_drawn_with_the_whole_figure(monkeypatch):
    def draw(scene, left, right):
        scene["left"].set_title("the left bar" if left <= 10 else
                                "the left bar, now taller than ten, under a title that reaches over the right one")
        return draw_two_panels(scene, left, right)

    pg, full_draws = two_panel_playground(monkeypatch, draw=draw)
    pg.set(left=20.0)
    assert full_draws == [1], "the left panel's new title reaches over the right one: everything is drawn"
    assert pg.png() == pg.render(fresh=True)
    pg.set(right=30.0)            # the right panel alone: its region now meets the left panel's title
    assert pg.png() == pg.render(fresh=True)
    pg.set(left=3.0)              # the short title again: whitening the long one would cut into the right panel
    assert pg.png() == pg.render(fresh=True)


def test_a_stale_background_is_caught():
    """The comparison the tests rely on can fail: a bar that is not animated goes stale."""
    def setup(fig):
        scene = setup_scene(fig)
        scene["bar"].set_animated(False)
        (scene["dot"],) = scene["ax"].plot([0], [1], "o", animated=True)
        return scene

    pg = Playground(draw_scene, {"height": slider(2.0, 1.0, 50.0, 1.0, "height")}, setup=setup)
    pg.controls["height"].value = 5.0
    assert pg.png() != pg.render(fresh=True)


def test_control_makers_set_continuous_update():
    assert slider(0.1, 0.01, 1.0, 0.1, "lr", train=True, log=True).continuous_update is False
    assert slider(0.1, 0.0, 1.0, 0.1, "x").continuous_update is True
    assert int_slider(5, 1, 10, description="n", train=True).continuous_update is False
    assert text("3, 1", "sizes", placeholder="3, 4, 1").continuous_update is False


# -- training that goes wrong without a NaN is said in the note (issue 11, finding 9) --------
def test_train_quietly_reports_a_run_that_went_wrong_without_a_nan():
    import warnings

    from nn_helpers import Network, data
    from nn_helpers.playgrounds import train_quietly

    split = data.running_example()
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # nothing may be printed
        history, problem, diverged = train_quietly(Network([3, 4, 1], activation="sigmoid", seed=0),
                                                   split.X_train, split.Y_train, lr=1e3, epochs=50)
        ok_history, ok_problem, _ = train_quietly(Network([3, 1], activation="identity", seed=0),
                                                  split.X_train, split.Y_train, lr=0.05, epochs=20)
    assert not diverged and np.all(np.isfinite(history.loss))
    assert problem and "lr=1000" in problem, problem
    assert ok_problem is None


def test_playgrounds_03_to_05_say_when_training_went_wrong_without_a_nan():
    from nn_helpers.playgrounds import ch03, ch05

    pg = ch03.activation_explorer()
    pg.set(activation="relu", lr=1.0)        # the ReLU neuron dies: the loss rises from 0.257 to 0.429
    assert pg.error is None and "went wrong" in pg.note.value, pg.note.value
    pg.set(activation="sigmoid", lr=0.05)
    assert "went wrong" not in pg.note.value

    pg = ch05.deep_network_playground()
    pg.set(sizes="3, " + "32, " * 9 + "1", activation="tanh", lr=5.0, epochs=1000)
    assert pg.error is None and "went wrong" in pg.note.value, pg.note.value


def test_notebook_00s_playground_draws_the_chapters_f_and_its_jacobian():
    """The local-linear-map playground must draw the f and J that notebook 00 derives: the
    notebook's own f and jacobian_f (taken from the notebook) at several points, and the
    playground's J against central differences of its f."""
    import nbformat
    from nn_helpers.playgrounds import ch00
    path = Path(__file__).resolve().parents[1] / "notebooks" / "00_linear_algebra_toolkit.ipynb"
    cells = [c.source for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "code" and "def jacobian_f(" in c.source]
    assert len(cells) == 1, "notebook 00 should define jacobian_f in exactly one cell"
    chapter = {"np": np}
    exec(cells[0].split("\n\n\np = ")[0], chapter)                 # the two definitions, not the checks after them
    rng = np.random.default_rng(0)
    for x1, x2 in rng.uniform(-2, 2, size=(6, 2)):
        x = np.array([[x1], [x2]])
        np.testing.assert_allclose(np.array([ch00.f(x1, x2)]).T, chapter["f"](x), rtol=1e-12)
        np.testing.assert_allclose(ch00.jacobian(x1, x2), chapter["jacobian_f"](x), rtol=1e-12)
        h = 1e-6
        numerical = np.column_stack([(np.array(ch00.f(*(x.ravel() + h * e))) - np.array(ch00.f(*(x.ravel() - h * e))))
                                     / (2 * h) for e in np.eye(2)])
        np.testing.assert_allclose(ch00.jacobian(x1, x2), numerical, rtol=1e-6, atol=1e-8)


def test_a_playground_draws_with_numpys_blas_on_one_thread_and_puts_its_threads_back():
    """Retraining small networks, BLAS's threads only wait for one another on a busy machine:
    a playground's draw runs with one, and the reader's own code afterwards with as many as before."""
    from threadpoolctl import ThreadpoolController, threadpool_limits

    def blas_threads():
        found = [lib["num_threads"] for lib in ThreadpoolController().info() if lib["user_api"] == "blas"]
        if not found:
            pytest.skip("threadpoolctl finds no BLAS library in this NumPy")
        return found

    seen = []

    def draw(fig, k):
        seen.append(blas_threads())
        fig.subplots().plot([0, 1], [k, 1])

    with threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        assert before == [2] * len(before)
        pg = Playground(draw, {"k": slider(0.5, 0.0, 1.0, 0.1, "k")})
        pg.controls["k"].value = 0.6
        assert seen == [[1] * len(before)] * 2, f"BLAS threads while drawing: {seen}"
        assert blas_threads() == before


@pytest.mark.parametrize("chapter, name", [("ch00", "local_linear_map"), ("ch01", "learning_rate_and_epochs"),
                                           ("ch05", "deep_network_playground")])
def test_ticks_made_at_set_up_draw_what_ticks_made_when_needed_draw(monkeypatch, chapter, name):
    """A playground makes its axes' ticks when it is set up (widgets.TICKS_MADE per axis), so that a
    redraw with more ticks than before does not make them: the pictures must be those of ticks made
    when a redraw needs them, setting after setting, and a move makes ticks only where a setting
    needs more than were made."""
    import nn_helpers.widgets as widgets_module

    module = importlib.import_module(f"nn_helpers.playgrounds.{chapter}")

    def pictures():
        for value in vars(module).values():          # each playground trains afresh
            if hasattr(value, "cache_clear"):
                value.cache_clear()
        pg = getattr(module, name)()
        counts = [len(axis.majorTicks) for ax in pg.figure.axes for axis in (ax.xaxis, ax.yaxis)]
        shown = [pg.png()]
        for label, control in pg.controls.items():
            if isinstance(control, (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider)):
                for value in (control.max, control.min):
                    control.value = value
                    shown.append(pg.png())
        after = [len(axis.majorTicks) for ax in pg.figure.axes for axis in (ax.xaxis, ax.yaxis)]
        return shown, counts, after

    made, counts, after = pictures()
    made_at_set_up = widgets_module.TICKS_MADE
    monkeypatch.setattr(widgets_module, "TICKS_MADE", 0)
    lazy, lazy_counts, grown = pictures()
    assert any(g > c for g, c in zip(grown, lazy_counts)), (lazy_counts, grown)   # here moves made ticks
    assert made == lazy
    # made at set-up, then only where a setting needs more than were made (none, in matplotlib 3.11)
    assert min(counts) >= made_at_set_up and after == [max(made_at_set_up, g) for g in grown], (counts, after)
