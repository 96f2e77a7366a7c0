"""Figures the notebooks share. Each function draws into ``fig`` when given one
(a playground's figure) or into a new pyplot figure, and returns the figure.
Every panel has a title, axis labels and, where lines are several, a legend.

Notebooks show a finished figure with ``show(fig, alt)``: one PNG on an opaque
white background (readable in a dark theme) that carries ``alt``, a one-sentence
description of what the figure shows, as its alternative text. The output holds
the picture twice, in one mime bundle (``figure_bundle``): as ``image/png`` with
``alt`` in its metadata (what the website and nbconvert's ``classic`` template
read) and as ``text/html``, an ``<img alt=...>`` of the same PNG, which JupyterLab,
Notebook 7 and nbconvert's default ``lab`` template show (they prefer HTML and do
not read the metadata). ``text/plain`` is the description itself. A static
figure's PNG is stored with a 256-colour palette (``palette_png``), which keeps
the two copies together smaller than one full-colour PNG.

Colours: where colour tells lines or classes apart, the book uses the Okabe-Ito
palette (``COLOURS``), which stays distinguishable with the common colour-vision
deficiencies (red-green and blue-yellow), and pairs it with markers or line styles
where it can. Importing ``nn_helpers`` makes it matplotlib's default colour cycle
(``C0``, ``C1``, ... and the order in which ``plot`` picks colours).
"""
import numpy as np

#: The Okabe-Ito palette (M. Okabe and K. Ito, "Color Universal Design", 2008), by name.
COLOURS = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "purple": "#CC79A7", "sky": "#56B4E9", "black": "#000000", "yellow": "#F0E442"}
#: The default colour cycle: the palette without yellow, which is too light on white for thin lines.
CYCLE = [COLOURS[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]
#: Two classes (XOR's labels 0 and 1): (label, point colour, marker), and the light shading of their regions.
CLASS_STYLES = ((0, COLOURS["blue"], "o"), (1, COLOURS["vermillion"], "^"))
REGION_COLOURS = ("#cfe2f3", "#f4cccc")


def use_book_colours():
    """Make ``CYCLE`` matplotlib's default colour cycle (done when ``nn_helpers`` is imported)."""
    import matplotlib
    from matplotlib import cycler

    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=CYCLE)


use_book_colours()

#: Alternative texts that describe nothing; ``show`` refuses them.
_EMPTY_ALT = {"", "image", "figure", "plot", "chart", "graph", "picture"}


def png_bytes(fig, dpi=None):
    """``fig`` rendered once to PNG bytes, on an opaque white background."""
    from io import BytesIO

    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", transparent=False)
    return buffer.getvalue()


def check_alt(alt):
    """Return ``alt`` stripped, or raise ValueError if it describes nothing."""
    if not isinstance(alt, str):
        raise ValueError(f"alt must be a sentence (str) describing the figure; got {type(alt).__name__}.")
    text = alt.strip()
    if text.lower().rstrip(".") in _EMPTY_ALT or len(text.split()) < 4 or text.startswith("<Figure"):
        raise ValueError(f"alt text {alt!r} does not describe the figure; write one sentence saying "
                         "what it shows, e.g. 'The loss falls from 0.3 to 0.01 over 50 epochs.'")
    return text


def palette_png(png):
    """The picture of ``png`` (bytes) as a PNG with a palette of at most 256 colours.

    Matplotlib's figures have a few hundred to a few thousand colours, nearly all
    of them the anti-aliased edges of lines and letters; with the 256 commonest
    (median cut, no dithering) no pixel moves far enough to be seen, and the file
    is about a third of the size. Used for the notebooks' static figures, not for
    a playground's moves (it costs a few hundredths of a second).
    """
    from io import BytesIO

    from PIL import Image

    picture = Image.open(BytesIO(png)).convert("RGB")
    buffer = BytesIO()
    picture.quantize(colors=256, method=0, dither=0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def img_html(png, alt):
    """An HTML ``<img>`` of PNG bytes with the alternative text ``alt``, at most as wide as its column."""
    import base64
    import html

    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width:100%; height:auto">')


def figure_bundle(png, alt):
    """The output of a figure, ``(data, metadata)``: the PNG with ``alt`` in its metadata, the same
    PNG as an HTML ``<img alt=...>`` for the front ends that prefer HTML, and ``alt`` as plain text."""
    import base64

    text = check_alt(alt)
    data = {"image/png": base64.b64encode(png).decode("ascii"), "text/html": img_html(png, text),
            "text/plain": f"[Figure] {text}"}
    return data, {"image/png": {"alt": text}}


def image_with_alt(png, alt):
    """Display PNG bytes as a figure whose output carries the alternative text ``alt`` (``figure_bundle``)."""
    from IPython.display import display

    data, metadata = figure_bundle(png, alt)
    display(data, metadata=metadata, raw=True)


def show(fig, alt):
    """Display ``fig`` once as a palette PNG with alternative text ``alt``, then close it.

    Closing it stops the inline backend from showing the same figure a second
    time (without alt text) at the end of the cell.
    """
    text = check_alt(alt)
    image_with_alt(palette_png(png_bytes(fig)), text)
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)


def _figure(fig, figsize):
    if fig is None:
        import matplotlib.pyplot as plt
        fig = plt.figure(figsize=figsize)
    return fig


def plot_training(history, fig=None, title="Training", weight_labels=None, targets=None,
                  figsize=(10, 3.4)):
    """Three panels over epochs: the loss, each output-layer weight, the output bias.

    history: a ``network.History`` (or anything with ``loss``, ``output_weights``
    of shape (epochs + 1, n_L, n_{L-1}) and ``output_bias`` of shape (epochs + 1, n_L)).
    targets: optional values the parameters should reach, ``{"w": (1, 0, 0), "b": 0}``,
    drawn as dotted grey lines. figsize: inches of a new figure (JupyterLab shows about
    8.5 inches at 100 dpi in a 1280-pixel-wide window without shrinking).
    """
    fig = _figure(fig, figsize)
    loss = np.asarray(history.loss)
    W = np.asarray(history.output_weights)
    b = np.asarray(history.output_bias)
    epochs = np.arange(len(loss))
    ax_loss, ax_w, ax_b = fig.subplots(1, 3)
    ax_loss.plot(epochs, loss, color="black", label="training loss")
    if len(loss) and np.all(loss[np.isfinite(loss)] > 0):
        ax_loss.set_yscale("log")
    ax_loss.set(title="Loss", xlabel="epoch", ylabel="mean squared error")
    ax_loss.legend()
    n_out, n_in = W.shape[1:] if W.ndim == 3 else (0, 0)
    drawn = []   # (label, curve) so far: a curve that mostly hides under an earlier one is dashed and says so
    span = float(np.ptp(W[np.isfinite(W)])) if W.size and np.isfinite(W).any() else 0.0
    for k in range(n_out):
        for j in range(n_in):
            if weight_labels is not None:
                label = weight_labels[j] if n_out == 1 else f"{weight_labels[j]} (output {k + 1})"
            else:
                label = f"$w_{{{j + 1}}}$" if n_out == 1 else f"$w_{{{k + 1}{j + 1}}}$"
            curve = W[:, k, j]
            under = next((other for other, seen in drawn
                          if np.mean(np.abs(curve - seen) <= 0.015 * span) >= 0.8), None)
            style = {}
            if under is not None:
                style = dict(linestyle=(0, (4, 3)), linewidth=2.2)
                label = f"{label}, dashed: on {under}"
            ax_w.plot(epochs, curve, label=label, **style)
            drawn.append((label.split(", dashed")[0], curve))
    ax_w.set(title="Output-layer weights", xlabel="epoch", ylabel="value")
    if n_out * n_in <= 12 and any(", dashed" in line.get_label() for line in ax_w.get_lines()):
        # the longer labels would cover the curves: put the legend under the panel
        ax_w.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=2, frameon=False)
    elif n_out * n_in <= 12:
        ax_w.legend(fontsize="small")
    for k in range(b.shape[1] if b.ndim == 2 else 0):
        ax_b.plot(epochs, b[:, k], label="$b$" if b.shape[1] == 1 else f"$b_{{{k + 1}}}$")
    ax_b.set(title="Output-layer bias", xlabel="epoch", ylabel="value")
    ax_b.legend(fontsize="small")
    for ax, key in ((ax_w, "w"), (ax_b, "b")):
        for value in sorted(set(np.ravel((targets or {}).get(key, [])).tolist())):
            ax.axhline(value, color="grey", linestyle=":", linewidth=1)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_function_and_derivative(f, f_prime, name, ax=None, z=None):
    """f and f' on one axis over z (default -6..6), labelled with ``name``."""
    if ax is None:
        ax = _figure(None, (5, 3.4)).subplots()
    z = np.linspace(-6, 6, 601) if z is None else z
    ax.plot(z, f(z), label=f"{name}(z)")
    ax.plot(z, f_prime(z), linestyle="--", label=f"{name}'(z)")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set(title=f"{name} and its derivative", xlabel="z", ylabel="value")
    ax.legend()
    return ax


def plot_decision_boundary(predict, X, Y, ax=None, title="Decision boundary", resolution=200, legend_below=False):
    """Shade where ``predict`` gives > 0.5 over a 2-D input plane and scatter the samples.

    legend_below: put the legend under the axes, where it covers no sample.

    predict: maps a (2, k) array of points to a (1, k) array of outputs.
    X: (2, m) inputs, Y: (1, m) labels 0 or 1.
    """
    if ax is None:
        ax = _figure(None, (4.5, 4)).subplots()
    pad = 0.5
    x_min, x_max = X[0].min() - pad, X[0].max() + pad
    y_min, y_max = X[1].min() - pad, X[1].max() + pad
    gx, gy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    out = np.asarray(predict(np.vstack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    ax.contourf(gx, gy, out, levels=[-np.inf, 0.5, np.inf], colors=list(REGION_COLOURS), alpha=0.8)
    ax.contour(gx, gy, out, levels=[0.5], colors="black", linewidths=1)
    labels = np.asarray(Y).ravel()
    for value, color, marker in CLASS_STYLES:
        pts = X[:, labels == value]
        ax.scatter(pts[0], pts[1], s=14, c=color, marker=marker, label=f"label {value}")
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", xlim=(x_min, x_max), ylim=(y_min, y_max))
    if legend_below:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize="small", frameon=False)
    else:
        ax.legend(loc="upper right", fontsize="small")
    return ax


def plot_costs(rows, fig=None):
    """Notebook 03: time and peak memory of the diagonal and the element-wise gradient, log-log.

    rows: the ``costs.Cost`` rows of ``costs.diagonal_vs_elementwise``. Each panel
    has guide lines through the largest m: slope 2 (m^2) and slope 1 (m).
    """
    fig = _figure(fig, (8.4, 3.5))
    ms = np.array([r.m for r in rows], dtype=float)
    panels = [("Time for one gradient", "time (ms)", 1e3, "diagonal_seconds", "elementwise_seconds"),
              ("Peak memory for one gradient", "peak memory (MB)", 1e-6,
               "diagonal_peak_bytes", "elementwise_peak_bytes")]
    for ax, (title, unit, scale, diag_field, elem_field) in zip(fig.subplots(1, 2), panels):
        diagonal = np.array([getattr(r, diag_field) for r in rows]) * scale
        elementwise = np.array([getattr(r, elem_field) for r in rows]) * scale
        ax.plot(ms, diagonal, "o-", color="C0", label="diagonal form")
        ax.plot(ms, elementwise, "s-", color="C1", label="element-wise form")
        ax.plot(ms, diagonal[-1] * (ms / ms[-1]) ** 2, ":", color="grey", label=r"$\propto m^2$")
        ax.plot(ms, elementwise[-1] * (ms / ms[-1]), "--", color="grey", label=r"$\propto m$")
        ax.set(title=title, xscale="log", yscale="log", xlabel="batch size m", ylabel=unit)
        ax.set_xticks(ms, [f"{m:g}" for m in ms])
        ax.set_xticks([], minor=True)
        ax.legend(fontsize="small", loc="upper left")
    fig.suptitle("The diagonal Jacobian costs O(m²), the element-wise product O(m)")
    fig.tight_layout()
    return fig


def plot_gradient_norms(panels, layers, fig=None, title=None):
    """Notebook 05: gradient norm per layer, one panel per dict of curves, log scale.

    panels: a list of (panel title, {curve label: norms of layers 1..L}); layers: the
    layer numbers 1..L. Legends sit below the panels, where they cover no curve.
    """
    fig = _figure(fig, (8.4, 4.3))
    axes = np.atleast_1d(fig.subplots(1, len(panels), sharey=False))
    markers = "osD^v"
    for ax, (panel_title, curves) in zip(axes, panels):
        for k, (label, norms) in enumerate(curves.items()):
            ax.plot(layers, norms, marker=markers[k % len(markers)], label=label)
        ax.set(title=panel_title, xlabel=f"layer l (1 = first, {layers[-1]} = output)",
               ylabel=r"$\|\nabla_{\mathbf{W}^{(l)}} L\|$", yscale="log", xticks=layers)
        ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, frameon=False)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def draw_neuron(ax=None, n=3):
    """A diagram of the linear neuron: inputs x_j, weights w_j on the edges, the sum with the
    bias b, the output a = z, and the loss L = (a - y)^2 against the target y."""
    if ax is None:
        ax = _figure(None, (7.5, 3.0)).subplots()
    ys = np.linspace(0.85, 0.15, n)
    node = dict(ha="center", va="center", fontsize=13, zorder=3)
    box = dict(boxstyle="round,pad=0.4", edgecolor="black")
    arrow = dict(arrowstyle="-|>", color="black", mutation_scale=14)
    for j, y in enumerate(ys, start=1):
        ax.text(0.06, y, f"$x_{j}$", bbox=dict(boxstyle="circle,pad=0.3", facecolor="#eaf2f8"), **node)
        ax.annotate("", xy=(0.33, 0.5 + (y - 0.5) * 0.12), xytext=(0.09, y), arrowprops=arrow)
        ax.text(0.21, 0.5 + (y - 0.5) * 0.56 + 0.06, f"$w_{j}$", color="#c0392b", fontsize=12,
                ha="center")
    ax.text(0.45, 0.5, "$z = \\mathbf{w}^\\top\\mathbf{x} + b$", bbox=dict(facecolor="#e8f8f5", **box),
            **node)
    ax.text(0.45, 0.13, "bias $b$", color="#c0392b", fontsize=12, ha="center")
    ax.annotate("", xy=(0.45, 0.4), xytext=(0.45, 0.2), arrowprops=dict(arrow, color="#c0392b"))
    ax.annotate("", xy=(0.64, 0.5), xytext=(0.575, 0.5), arrowprops=arrow)
    ax.text(0.69, 0.5, "$a = z$", bbox=dict(facecolor="#e8f8f5", **box), **node)
    ax.annotate("", xy=(0.80, 0.5), xytext=(0.74, 0.5), arrowprops=arrow)
    ax.text(0.9, 0.5, "$L = (a - y)^2$", bbox=dict(facecolor="#f5eef8", **box), **node)
    ax.text(0.9, 0.86, "target $y$", fontsize=12, ha="center")
    ax.annotate("", xy=(0.9, 0.6), xytext=(0.9, 0.81), arrowprops=arrow)
    ax.text(0.06, 0.0, "features", ha="center", fontsize=10, color="dimgrey")
    ax.text(0.21, 0.0, "weights", ha="center", fontsize=10, color="dimgrey")
    ax.text(0.69, 0.33, "output", ha="center", fontsize=10, color="dimgrey")
    ax.text(0.9, 0.33, "loss", ha="center", fontsize=10, color="dimgrey")
    ax.set(xlim=(0, 1.0), ylim=(-0.05, 1))
    ax.axis("off")
    return ax


def plot_descent_paths(loss, paths, x_range, y_range, labels=("$w_1$", "$b$"), ax=None,
                       title="Gradient descent on the loss surface", levels=None):
    """Contours of ``loss(P1, P2)`` (evaluated on a grid) with one path per learning rate.

    paths: dict label -> array of shape (steps + 1, 2), the parameters after each step.
    The legend stands beside the panel, so it never hides a path or its start.
    """
    if ax is None:
        fig = _figure(None, (8.4, 4.6))
        fig.set_layout_engine("constrained")
        ax = fig.subplots()
    g1, g2 = np.meshgrid(np.linspace(*x_range, 240), np.linspace(*y_range, 240))
    values = loss(g1, g2)
    if levels is None:
        levels = np.quantile(values, np.linspace(0, 1, 14) ** 2.2)[1:]
    contours = ax.contour(g1, g2, values, levels=levels, colors="#9aa6b2", linewidths=0.8)
    ax.clabel(contours, fontsize=7, fmt="%.2g")
    styles = [(COLOURS["blue"], "o"), (COLOURS["green"], "s"), (COLOURS["vermillion"], "^"), (COLOURS["purple"], "D")]
    for (label, path), (color, marker) in zip(paths.items(), styles):
        path = np.asarray(path)
        inside = (np.all(np.isfinite(path), axis=1)
                  & (np.abs(path[:, 0]) < 1e6) & (np.abs(path[:, 1]) < 1e6))
        path = path[inside]
        ax.plot(path[:, 0], path[:, 1], color=color, marker=marker, markersize=3.5,
                linewidth=1.3, label=label)
    ax.set(title=title, xlabel=labels[0], ylabel=labels[1], xlim=x_range, ylim=y_range)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


def plot_runs(runs, fig=None, title=None, best=None, per_update=True):
    """Loss curves of several training runs, against epochs and (optionally) updates.

    runs: dict label -> (loss, updates): the training loss after each epoch (the start
    first) and the number of updates made by then, equal-length sequences.
    best: if given, the lowest loss possible; the curves then show loss - best.
    """
    fig = _figure(fig, (8.4, 3.6))
    axes = fig.subplots(1, 2 if per_update else 1)
    axes = np.atleast_1d(axes)
    ylabel = "training loss (MSE)" if best is None else "loss above the best possible"
    styles = ["-", "--", "-.", ":"]
    for (label, (loss, updates)), style in zip(runs.items(), styles * 3):
        curve = np.asarray(loss, dtype=float) - (0.0 if best is None else best)
        line, = axes[0].plot(np.arange(len(curve)), curve, style, label=label)
        if per_update:
            axes[1].plot(updates, curve, style, color=line.get_color(), label=label)
            axes[1].plot(updates[-1], curve[-1], "o", color=line.get_color())
    axes[0].set(title="Against epochs (equal work)", xlabel="epoch", ylabel=ylabel, yscale="log")
    if per_update:
        axes[1].set(title="Against updates (dots: last epoch)", xlabel="updates (gradient steps)",
                    ylabel=ylabel, yscale="log", xscale="log")
    if per_update:
        axes[0].legend(fontsize="small")
    else:   # one panel: the legend beside it, off the curves
        axes[0].legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0))
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_unit_weights(panels, fig=None, ylabel="$w^{(1)}_{j1}$"):
    """Notebook 04: one weight of every hidden unit over epochs, one panel per starting point.

    panels: a list of (panel title, array of shape (epochs + 1, units)). In a panel whose
    curves all coincide they are drawn widest first, so every unit stays visible as a nested line.
    """
    fig = _figure(fig, (8.4, 3.3))
    axes = np.atleast_1d(fig.subplots(1, len(panels), sharey=True))
    for ax, (title, paths) in zip(axes, panels):
        paths = np.asarray(paths)
        units = paths.shape[1]
        nested = np.allclose(paths, paths[:, :1])
        for j in range(units):
            ax.plot(paths[:, j], lw=1.5 + 1.2 * (units - 1 - j) if nested else 1.5, label=f"hidden unit {j + 1}")
        ax.set(title=title, xlabel="epoch")
        ax.legend(fontsize="small")
    axes[0].set_ylabel(ylabel)
    fig.tight_layout()
    return fig
