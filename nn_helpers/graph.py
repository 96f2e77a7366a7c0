"""Computation graphs of a fully connected network, drawn with matplotlib (notebook 04).

The same forward pass in two views:

- matrix form: one node per matrix, X -> Z^(1) -> A^(1) -> ... -> L, with the
  parameters W^(l), b^(l) feeding Z^(l). Every node is a matrix, so the local
  derivative on an edge such as Z^(2) -> A^(2) has four indices.
- index notation: one node per scalar, x_pi, z^(l)_ji, a^(l)_ji and the loss L,
  with one parameter node w^(l)_jp shared by all m samples. Every local
  derivative is an ordinary number, and the chain rule says

      dL/dw = sum over every path from w to L of the product of the local
              derivatives along that path.

A node is a tuple: ("x", p, i), ("w", l, j, p), ("b", l, j), ("z", l, j, i),
("a", l, j, i), all 1-based like the notebooks (i the sample, l the layer),
or the string "L". ``Graph.paths(source)`` lists the paths from a node to L,
``path_latex`` writes one path's product, ``draw`` draws a graph and
highlights every path from one node to the loss.
"""
from dataclasses import dataclass, field

import numpy as np

HIGHLIGHT = "#c0392b"
KIND_COLOURS = {"x": "#eaf2f8", "w": "#fdebd0", "b": "#fdebd0", "z": "#e8f8f5", "a": "#e8f8f5",
                "L": "#f5eef8", "X": "#eaf2f8", "W": "#fdebd0", "Y": "#eaf2f8", "Z": "#e8f8f5", "A": "#e8f8f5"}


@dataclass
class Graph:
    """Nodes with positions and LaTeX labels, and directed edges (from, to).

    nodes: dict node -> (x, y); labels: dict node -> LaTeX (without $);
    notes: (x, y, text) captions drawn in grey, such as "sample 1".
    """

    nodes: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def add(self, node, x, y, label):
        self.nodes[node] = (float(x), float(y))
        self.labels[node] = label

    def children(self, node):
        return [v for u, v in self.edges if u == node]

    def paths(self, source, target="L"):
        """Every path from ``source`` to ``target`` as a tuple of nodes (depth-first order)."""
        if source not in self.nodes:
            raise ValueError(f"{source!r} is not a node of this graph; nodes look like "
                             "('w', 2, 1, 1) for w^(2)_11 or ('z', 1, 2, 1) for z^(1)_21.")
        if source == target:
            return [(source,)]
        return [(source,) + rest for child in self.children(source) for rest in self.paths(child, target)]


def _check_sizes(layer_sizes, m):
    sizes = [int(n) for n in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1 or int(m) < 1:
        raise ValueError(f"need at least two positive layer sizes and m >= 1, got {layer_sizes!r} and m={m!r}.")
    return sizes, int(m)


def _kind(node):
    return "L" if node == "L" else node[0]


def _shape(n, m):
    return rf"\,({n},{m})"


# -- matrix form ---------------------------------------------------------------

def matrix_graph(layer_sizes, m):
    """One node per matrix, labelled with its shape (rows, columns)."""
    sizes, m = _check_sizes(layer_sizes, m)
    g = Graph()
    g.add("X", 0, 0, r"\mathbf{X}" + _shape(sizes[0], m))
    previous = "X"
    for l in range(1, len(sizes)):
        x0 = 3.6 * (l - 1)
        g.add(f"W{l}", x0 + 1.6, 1.3, rf"\mathbf{{W}}^{{({l})}}" + _shape(sizes[l], sizes[l - 1]))
        g.add(f"b{l}", x0 + 1.6, -1.3, rf"\mathbf{{b}}^{{({l})}}" + _shape(sizes[l], 1))
        g.add(f"Z{l}", x0 + 2.0, 0, rf"\mathbf{{Z}}^{{({l})}}" + _shape(sizes[l], m))
        g.add(f"A{l}", x0 + 3.6, 0, rf"\mathbf{{A}}^{{({l})}}" + _shape(sizes[l], m))
        g.edges += [(previous, f"Z{l}"), (f"W{l}", f"Z{l}"), (f"b{l}", f"Z{l}"), (f"Z{l}", f"A{l}")]
        previous = f"A{l}"
    x_end = 3.6 * (len(sizes) - 1)
    g.add("Y", x_end + 1.5, -1.3, r"\mathbf{Y}" + _shape(sizes[-1], m))
    g.add("L", x_end + 1.8, 0, r"L")
    g.edges += [(previous, "L"), ("Y", "L")]
    return g


def jacobian_shapes(layer_sizes, m, layer=None):
    """Shapes of the local derivatives on the path W^(l) -> Z^(l) -> ... -> L (default l = L).

    A derivative of a (r1, c1) matrix by a (r2, c2) matrix has one entry per pair
    of entries: the 4-index shape (r1, c1, r2, c2). Returns a dict edge -> shape.
    """
    sizes, m = _check_sizes(layer_sizes, m)
    n_layers = len(sizes) - 1
    layer = n_layers if layer is None else int(layer)
    shapes = {(f"W{layer}", f"Z{layer}"): (sizes[layer], m, sizes[layer], sizes[layer - 1])}
    for l in range(layer, n_layers + 1):
        shapes[(f"Z{l}", f"A{l}")] = (sizes[l], m, sizes[l], m)
        if l < n_layers:
            shapes[(f"A{l}", f"Z{l + 1}")] = (sizes[l + 1], m, sizes[l], m)
    shapes[(f"A{n_layers}", "L")] = (sizes[-1], m)
    return shapes


def jacobian_labels(layer_sizes, m, layer=None):
    """Edge labels for ``draw``: each local derivative's name and 4-index shape."""
    def symbol(name):
        return "L" if name == "L" else rf"\mathbf{{{name[0]}}}^{{({name[1:]})}}"
    return {(u, v): rf"$\partial {symbol(v)}/\partial {symbol(u)}$" + f"\n{shape}"
            for (u, v), shape in jacobian_shapes(layer_sizes, m, layer).items()}


# -- index notation ------------------------------------------------------------

def _label(node):
    if node == "L":
        return "L"
    kind, *idx = node
    if kind == "x":
        return f"x_{{{idx[0]}{idx[1]}}}"
    l, rest = idx[0], "".join(str(k) for k in idx[1:])
    return f"{kind}^{{({l})}}_{{{rest}}}"


def index_graph(layer_sizes, m, biases=True):
    """One node per scalar entry; parameter nodes sit in a band between the samples.

    Samples are drawn as stacked blocks (half above the parameter band, half below),
    so the m edges that leave one shared weight are easy to follow.
    """
    sizes, m = _check_sizes(layer_sizes, m)
    g = Graph()
    height = max(sizes)
    above = (m + 1) // 2

    def row_y(i, n, j):
        """y of unit j (1-based, of n) in sample block i (1-based)."""
        step = height - 1 + 1.2
        if i <= above:
            centre = 1.3 + (above - i) * step + (height - 1) / 2
        else:
            centre = -1.3 - (i - above - 1) * step - (height - 1) / 2
        return centre + (n + 1) / 2 - j

    # x positions: a band for each layer's parameters, wide enough for its weights
    x = 0.0
    for i in range(1, m + 1):
        for p in range(1, sizes[0] + 1):
            g.add(("x", p, i), x, row_y(i, sizes[0], p), "")
    for l in range(1, len(sizes)):
        n_in, n_out = sizes[l - 1], sizes[l]
        width = max(1.8, 0.62 * n_in * n_out)
        for k, (j, p) in enumerate((j, p) for j in range(1, n_out + 1) for p in range(1, n_in + 1)):
            g.add(("w", l, j, p), x + 0.6 + k * 0.62, 0.4 if biases else 0.0, "")
        if biases:
            for j in range(1, n_out + 1):
                g.add(("b", l, j), x + 0.6 + (j - 1) * 0.62, -0.4, "")
        x_z = x + 1.2 + width
        x = x_z + 1.3
        for i in range(1, m + 1):
            for j in range(1, n_out + 1):
                g.add(("z", l, j, i), x_z, row_y(i, n_out, j), "")
                g.add(("a", l, j, i), x, row_y(i, n_out, j), "")
                g.edges.append((("z", l, j, i), ("a", l, j, i)))
                for p in range(1, n_in + 1):
                    before = ("x", p, i) if l == 1 else ("a", l - 1, p, i)
                    g.edges += [(before, ("z", l, j, i)), (("w", l, j, p), ("z", l, j, i))]
                if biases:
                    g.edges.append((("b", l, j), ("z", l, j, i)))
    g.add("L", x + 1.4, 0.0, "")
    for i in range(1, m + 1):
        g.notes.append((-0.5, row_y(i, 1, 1), f"sample {i}"))
    n_layers = len(sizes) - 1
    g.edges += [(("a", n_layers, k, i), "L") for i in range(1, m + 1) for k in range(1, sizes[-1] + 1)]
    g.labels = {node: _label(node) for node in g.nodes}
    return g


def local_derivative_latex(u, v, m="m"):
    """The local derivative dv/du on the index-graph edge u -> v, evaluated, as LaTeX."""
    if v == "L":
        _, l, k, i = u
        return rf"\tfrac{{2}}{{{m}}}(a^{{({l})}}_{{{k}{i}}} - y_{{{k}{i}}})"
    kind_u, kind_v = u[0], v[0]
    if kind_u == "z" and kind_v == "a":
        return rf"f'(z^{{({u[1]})}}_{{{u[2]}{u[3]}}})"
    if kind_u == "w":
        _, l, _, p = u
        i = v[3]
        return f"x_{{{p}{i}}}" if l == 1 else rf"a^{{({l - 1})}}_{{{p}{i}}}"
    if kind_u == "b":
        return "1"
    if kind_u in ("x", "a") and kind_v == "z":
        _, l, j, _ = v
        p = u[1] if kind_u == "x" else u[2]
        return rf"w^{{({l})}}_{{{j}{p}}}"
    raise ValueError(f"{u!r} -> {v!r} is not an edge of an index graph.")


def path_latex(path, m="m"):
    """The product of local derivatives along a path, written from the loss backwards."""
    factors = [local_derivative_latex(u, v, m) for u, v in zip(path[:-1], path[1:])]
    return r"\,".join(f for f in reversed(factors) if f != "1") or "1"


# -- drawing -------------------------------------------------------------------

def _on_paths(paths):
    nodes, edges = set(), set()
    for path in paths:
        nodes.update(path)
        edges.update(zip(path[:-1], path[1:]))
    return nodes, edges


def _gap(extent, dx, dy):
    """Distance in points from a box's centre to its edge in the direction (dx, dy)."""
    half_w, half_h = extent
    norm = np.hypot(dx, dy) or 1.0
    cos, sin = abs(dx) / norm, abs(dy) / norm
    return min(half_w / cos if cos else np.inf, half_h / sin if sin else np.inf)


def draw(graph, ax=None, highlight=None, title=None, edge_labels=None, fontsize=9):
    """Draw ``graph``; with ``highlight`` (a node) colour every path from it to L.

    edge_labels: optional dict (u, v) -> text written beside the middle of that edge
        (right of a steep edge, below a flat one).
    Returns the highlighted paths (a list of node tuples).
    """
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure(figsize=(10, 5)).subplots()
    paths = graph.paths(highlight) if highlight is not None else []
    hot_nodes, hot_edges = _on_paths(paths)
    xs, ys = np.array(list(graph.nodes.values()) + [(x, y) for x, y, _ in graph.notes]).T
    ax.set_xlim(xs.min() - (1.4 if graph.notes else 0.8), xs.max() + 0.8)
    ax.set_ylim(ys.min() - 0.8, ys.max() + 0.8)
    ax.set_axis_off()
    boxes = {}
    for node, (x, y) in graph.nodes.items():
        hot = node in hot_nodes
        face = "#fadbd8" if node == highlight else KIND_COLOURS.get(_kind(node), "white")
        boxes[node] = ax.text(x, y, f"${graph.labels[node]}$", ha="center", va="center", fontsize=fontsize,
                              zorder=3, bbox=dict(boxstyle="round,pad=0.25", facecolor=face,
                                                  edgecolor=HIGHLIGHT if hot else "#707070",
                                                  linewidth=1.6 if hot else 0.7))
    # arrows stop at the boxes' edges: measure each box (in points) once the axes are laid out
    renderer = ax.figure.canvas.get_renderer()
    to_points = 72.0 / ax.figure.dpi
    extent = {}
    for node, text in boxes.items():
        box = text.get_window_extent(renderer)
        pad = 0.25 * fontsize
        extent[node] = (box.width * to_points / 2 + pad, box.height * to_points / 2 + pad)
    # Each arrow runs from the edge of one box to the edge of the other: its ends are moved in along
    # the line here (matplotlib's shrinkA/shrinkB would find the same points by bisection, slowly).
    to_data = ax.transData.inverted()
    for u, v in graph.edges:
        hot = (u, v) in hot_edges
        start, end = ax.transData.transform([graph.nodes[u], graph.nodes[v]])
        along = end - start
        unit = along / (np.hypot(*along) or 1.0)
        start = start + unit * (_gap(extent[u], *along) + 1) / to_points       # points -> pixels
        end = end - unit * (_gap(extent[v], *along) + 1) / to_points
        ax.annotate("", xy=to_data.transform(end), xytext=to_data.transform(start), zorder=2 if hot else 1,
                    arrowprops=dict(arrowstyle="-|>", mutation_scale=9, shrinkA=0, shrinkB=0,
                                    color=HIGHLIGHT if hot else "#b0b0b0", lw=2.0 if hot else 0.6))
    for (u, v), text in (edge_labels or {}).items():
        (x0, y0), (x1, y1) = graph.nodes[u], graph.nodes[v]
        vertical = abs(y1 - y0) > abs(x1 - x0)
        ax.text((x0 + x1) / 2 + (0.15 if vertical else 0), (y0 + y1) / 2 + (0 if vertical else -0.25), text,
                ha="left" if vertical else "center", va="center" if vertical else "top",
                fontsize=fontsize - 1, color=HIGHLIGHT, zorder=4)
    for x, y, text in graph.notes:
        ax.text(x, y, text, ha="right", va="center", fontsize=fontsize, color="#707070", style="italic")
    if title:
        ax.set_title(title)
    return paths


# -- pictures for readers: the network as neurons, the backward step ------------

def draw_network(layer_sizes, ax=None, title=None, highlight_unit=None):
    """The ordinary picture of a fully connected network: one circle per unit, one line per weight.

    Column 0 holds the inputs x_1 .. x_{n_0}; column l the units of layer l, labelled
    a^(l)_j; every unit of a layer is joined to every unit of the next. Each weight
    w^(l)_jp is the line from unit p of layer l-1 to unit j of layer l.
    highlight_unit: optional (l, j) whose incoming lines are drawn in red.
    """
    from matplotlib.patches import Circle

    sizes = [int(n) for n in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"need at least two positive layer sizes, got {layer_sizes!r}.")
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure(figsize=(6, 3.6)).subplots()
    height = max(sizes)
    pos = {(l, j): (2.2 * l, (n + 1) / 2 - j) for l, n in enumerate(sizes) for j in range(1, n + 1)}
    for l in range(1, len(sizes)):
        for j in range(1, sizes[l] + 1):
            for p in range(1, sizes[l - 1] + 1):
                hot = highlight_unit == (l, j)
                (x0, y0), (x1, y1) = pos[(l - 1, p)], pos[(l, j)]
                ax.plot([x0, x1], [y0, y1], color=HIGHLIGHT if hot else "#9a9a9a",
                        lw=1.6 if hot else 0.8, zorder=1 + hot)
    last = len(sizes) - 1
    for (l, j), (x, y) in pos.items():
        label = f"$x_{{{j}}}$" if l == 0 else rf"$a^{{({l})}}_{{{j}}}$"
        face = KIND_COLOURS["x"] if l == 0 else ("#f5eef8" if l == last else KIND_COLOURS["a"])
        ax.add_patch(Circle((x, y), 0.36, facecolor=face, edgecolor="#505050", lw=1.0, zorder=3))
        ax.text(x, y, label, ha="center", va="center", fontsize=10, zorder=4)
    names = ["inputs"] + [f"layer {l}" + (" (output)" if l == last else " (hidden)") for l in range(1, len(sizes))]
    for l, name in enumerate(names):
        ax.text(2.2 * l, (height + 1) / 2 - 0.1, f"{name}\n$n_{{{l}}} = {sizes[l]}$", ha="center", va="bottom",
                fontsize=9, color="#404040")
    ax.set_xlim(-0.7, 2.2 * last + 0.7)
    ax.set_ylim(-(height + 1) / 2 + 0.3, (height + 1) / 2 + 0.9)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


def draw_backward_step(ax=None, title=None):
    """One step of the backward recursion as a flow diagram (notebook 05).

    Delta^(l+1) -> multiply by W^(l+1)T -> multiply element-wise by f_l'(Z^(l)) -> Delta^(l),
    with the gradient dW^(l+1) = Delta^(l+1) A^(l)T and db^(l+1) branching off Delta^(l+1),
    and Delta^(l) passed on to the next step down.
    """
    from matplotlib.patches import FancyBboxPatch

    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure(figsize=(9.5, 3.4)).subplots()

    def box(x, y, text, face, w=1.9, h=0.8):
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.06",
                                    facecolor=face, edgecolor="#505050", lw=1.0, zorder=2))
        ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3)

    def arrow(x0, y0, x1, y1, text=None, colour="#303030", above=True):
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                    arrowprops=dict(arrowstyle="-|>", mutation_scale=14, color=colour, lw=1.6))
        if text and x0 == x1:   # a vertical arrow: the label goes on its right
            ax.text(x0 + 0.15, (y0 + y1) / 2, text, ha="left", va="center", fontsize=9.5, color=colour)
        elif text:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + (0.18 if above else -0.18), text, ha="center",
                    va="bottom" if above else "top", fontsize=9.5, color=colour)

    signal, grad = KIND_COLOURS["z"], KIND_COLOURS["w"]
    box(0.0, 0.0, r"$\boldsymbol{\Delta}^{(l+1)}$" + "\n" + r"$(n_{l+1}, m)$", signal)
    box(3.4, 0.0, r"$\mathbf{W}^{(l+1)\top}\boldsymbol{\Delta}^{(l+1)}$" + "\n" + r"$(n_l, m)$", "white", w=2.5)
    box(7.0, 0.0, r"$\boldsymbol{\Delta}^{(l)}$" + "\n" + r"$(n_l, m)$", signal)
    arrow(0.95, 0.0, 2.15, 0.0, r"$\mathbf{W}^{(l+1)\top}\,\cdot$")
    arrow(4.65, 0.0, 6.05, 0.0, r"$\odot\, f_l'(\mathbf{Z}^{(l)})$")
    arrow(7.95, 0.0, 9.2, 0.0, "next step\ndown", colour="#707070")
    box(0.0, -1.9, r"$\nabla_{\mathbf{W}^{(l+1)}} L = \boldsymbol{\Delta}^{(l+1)}\mathbf{A}^{(l)\top}$" + "\n"
        + r"$\nabla_{\mathbf{b}^{(l+1)}} L = \boldsymbol{\Delta}^{(l+1)}\mathbf{1}$", grad, w=3.3, h=1.0)
    arrow(0.0, -0.45, 0.0, -1.35, r"$\cdot\,\mathbf{A}^{(l)\top}$ and row sums", colour=HIGHLIGHT)
    box(7.0, -1.9, r"$\nabla_{\mathbf{W}^{(l)}} L$, $\nabla_{\mathbf{b}^{(l)}} L$" + "\n(same branch, one step later)",
        grad, w=3.3, h=1.0)
    arrow(7.0, -0.45, 7.0, -1.35, colour=HIGHLIGHT)
    ax.set_xlim(-1.8, 9.6)
    ax.set_ylim(-2.6, 0.75)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax
