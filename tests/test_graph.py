"""nn_helpers.graph: the computation graphs have the paths the chain rule sums over."""
import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nn_helpers import graph


def _ax():
    fig = Figure(figsize=(8, 4))
    FigureCanvasAgg(fig)
    return fig.subplots()


@pytest.mark.parametrize("sizes, m", [([2, 3, 1], 2), ([3, 4, 2], 3), ([2, 3, 2, 2], 2), ([1, 1], 1)])
def test_index_graph_has_one_node_per_scalar(sizes, m):
    g = graph.index_graph(sizes, m)
    n_data = sizes[0] * m + 2 * m * sum(sizes[1:])
    n_params = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    assert len(g.nodes) == n_data + n_params + 1
    assert all(u in g.nodes and v in g.nodes for u, v in g.edges)


@pytest.mark.parametrize("sizes, m", [([2, 3, 1], 2), ([3, 5, 2], 4), ([2, 3, 2, 2], 3), ([2, 4, 3, 2, 1], 2)])
def test_number_of_paths_from_a_weight_is_samples_times_later_widths(sizes, m):
    """w^(l)_jp reaches L once per sample and once per unit of every later layer it can pass through."""
    g = graph.index_graph(sizes, m)
    for l in range(1, len(sizes)):
        expected = m * int(np.prod(sizes[l + 1:]))
        assert len(g.paths(("w", l, 1, 1))) == expected
        assert len(g.paths(("b", l, sizes[l]))) == expected


@pytest.mark.parametrize("hidden", [1, 2, 3, 5])
def test_paths_from_an_input_equal_the_hidden_size(hidden):
    """With one output and one sample, x_p reaches L through each hidden unit once."""
    g = graph.index_graph([2, hidden, 1], 1)
    assert len(g.paths(("x", 1, 1))) == hidden


def test_paths_end_at_the_loss_and_follow_edges():
    g = graph.index_graph([2, 3, 2], 2)
    edges = set(g.edges)
    for path in g.paths(("w", 1, 2, 1)):
        assert path[0] == ("w", 1, 2, 1) and path[-1] == "L"
        assert all(edge in edges for edge in zip(path[:-1], path[1:]))
        # a layer-1 weight of unit 2 only passes through hidden unit 2, in one sample
        z1, a1 = path[1], path[2]
        assert z1[:3] == ("z", 1, 2) and a1[:3] == ("a", 1, 2) and z1[3] == a1[3]


def test_unknown_node_is_a_clear_error():
    with pytest.raises(ValueError, match="not a node"):
        graph.index_graph([2, 3, 1], 2).paths(("w", 3, 1, 1))


@pytest.mark.parametrize("sizes, m", [([1], 2), ([2, 0, 1], 2), ([2, 1], 0)])
def test_bad_sizes_are_refused(sizes, m):
    with pytest.raises(ValueError):
        graph.index_graph(sizes, m)


def test_path_latex_multiplies_the_local_derivatives():
    g = graph.index_graph([2, 3, 1], 2)
    first = g.paths(("w", 2, 1, 3))[0]
    assert graph.path_latex(first) == r"\tfrac{2}{m}(a^{(2)}_{11} - y_{11})\,f'(z^{(2)}_{11})\,a^{(1)}_{31}"
    deep = g.paths(("w", 1, 2, 1))[1]
    assert graph.path_latex(deep, m=2) == (
        r"\tfrac{2}{2}(a^{(2)}_{12} - y_{12})\,f'(z^{(2)}_{12})\,w^{(2)}_{12}\,f'(z^{(1)}_{22})\,x_{12}")
    assert graph.path_latex(g.paths(("b", 2, 1))[0]) == r"\tfrac{2}{m}(a^{(2)}_{11} - y_{11})\,f'(z^{(2)}_{11})"


def test_matrix_graph_has_a_single_path_and_tensor_shaped_derivatives():
    g = graph.matrix_graph([3, 4, 1], 7)
    assert g.paths("W2") == [("W2", "Z2", "A2", "L")]
    assert g.paths("W1") == [("W1", "Z1", "A1", "Z2", "A2", "L")]
    shapes = graph.jacobian_shapes([3, 4, 1], 7, layer=1)
    assert shapes[("W1", "Z1")] == (4, 7, 4, 3)
    assert shapes[("Z1", "A1")] == (4, 7, 4, 7)
    assert shapes[("A1", "Z2")] == (1, 7, 4, 7)
    assert shapes[("A2", "L")] == (1, 7)
    # every edge on the path of W1 has a shape, and the labels name them
    path = g.paths("W1")[0]
    assert set(zip(path[:-1], path[1:])) == set(shapes)
    labels = graph.jacobian_labels([3, 4, 1], 7, layer=2)
    assert "(1, 7, 1, 4)" in labels[("W2", "Z2")]


def test_draw_highlights_exactly_the_paths():
    ax = _ax()
    g = graph.index_graph([2, 3, 1], 2)
    paths = graph.draw(g, ax, highlight=("w", 2, 1, 1), title="t")
    assert len(paths) == 2
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == len(g.edges)
    hot = [t for t in arrows if matplotlib.colors.same_color(t.arrow_patch.get_edgecolor(), graph.HIGHLIGHT)]
    assert len(hot) == len({e for p in paths for e in zip(p[:-1], p[1:])}) == 6
    assert ax.get_title() == "t"


@pytest.mark.parametrize("make", [lambda: graph.index_graph([2, 3, 1], 2), lambda: graph.matrix_graph([2, 3, 1], 4)])
def test_every_arrow_runs_from_box_edge_to_box_edge(make):
    """No arrow reaches into a box, and each comes within 6 pixels (about 4 points) of both of its boxes."""
    ax = _ax()
    g = make()
    graph.draw(g, ax, highlight=next(iter(g.nodes)))
    renderer = ax.figure.canvas.get_renderer()
    ax.figure.canvas.draw()
    boxes = {t.get_text(): t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts if t.get_bbox_patch()}
    arrows = [t.arrow_patch for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == len(g.edges)
    for (u, v), arrow in zip(g.edges, arrows):
        points = arrow.get_transform().transform(arrow.get_path().vertices)        # in pixels
        for node in (u, v):
            box = boxes[f"${g.labels[node]}$"]
            inside = (points[:, 0] > box.x0) & (points[:, 0] < box.x1) & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)
            assert not inside.any(), f"the arrow {u} -> {v} reaches into the box of {node}"
            gap_x = np.maximum(np.maximum(box.x0 - points[:, 0], points[:, 0] - box.x1), 0)
            gap_y = np.maximum(np.maximum(box.y0 - points[:, 1], points[:, 1] - box.y1), 0)
            assert np.min(np.hypot(gap_x, gap_y)) < 6, f"the arrow {u} -> {v} stops short of the box of {node}"


def test_draw_without_highlight_and_with_edge_labels():
    ax = _ax()
    paths = graph.draw(graph.matrix_graph([2, 3, 1], 4), ax, edge_labels=graph.jacobian_labels([2, 3, 1], 4))
    assert paths == []
    assert any("(1, 4, 1, 3)" in t.get_text() for t in ax.texts)


def test_draw_network_has_one_circle_per_unit_and_one_line_per_weight():
    ax = _ax()
    graph.draw_network([3, 4, 1], ax, highlight_unit=(1, 2), title="t")
    circles = [p for p in ax.patches if isinstance(p, matplotlib.patches.Circle)]
    assert len(circles) == 3 + 4 + 1
    assert len(ax.lines) == 3 * 4 + 4 * 1
    red = [line for line in ax.lines if matplotlib.colors.same_color(line.get_color(), graph.HIGHLIGHT)]
    assert len(red) == 3                       # the three weights into hidden unit 2
    assert all(line.get_xydata()[1].tolist() == [2.2, (4 + 1) / 2 - 2] for line in red)


def test_draw_backward_step_names_every_factor_of_the_recursion():
    ax = _ax()
    graph.draw_backward_step(ax)
    text = " ".join(t.get_text() for t in ax.texts)
    for piece in (r"\boldsymbol{\Delta}^{(l+1)}", r"\mathbf{W}^{(l+1)\top}", r"f_l'(\mathbf{Z}^{(l)})",
                  r"\boldsymbol{\Delta}^{(l)}", r"\nabla_{\mathbf{W}^{(l+1)}} L"):
        assert piece in text, piece
