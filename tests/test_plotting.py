"""plotting.show: figures reach the reader as one PNG with real alternative text."""
from unittest import mock

import pytest
from matplotlib.figure import Figure

from nn_helpers import plotting


def _figure():
    fig = Figure(figsize=(2, 2))
    fig.subplots().plot([0, 1], [1, 0])
    return fig


def test_show_attaches_the_alt_text_to_the_png_output():
    with mock.patch("IPython.display.display") as display:
        plotting.show(_figure(), "A line falling from 1 to 0.")
    (image,), kwargs = display.call_args
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert kwargs["metadata"] == {"image/png": {"alt": "A line falling from 1 to 0."}}


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
