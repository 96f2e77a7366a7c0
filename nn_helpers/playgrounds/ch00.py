"""Playground of notebook 00: the Jacobian as the best linear approximation.

Near a point p, a differentiable map f is almost linear:

    f(x) ~ f(p) + J(p) (x - p),     J(p) the (2, 2) Jacobian of f at p.

The playground draws a small square grid around p (left) and its image under
f next to its image under the linear map (right). Move p and the linear map
changes with it; shrink the square and the two images merge, the gap between
them falling like the square of its size.
"""
import numpy as np

from ..plotting import COLOURS
from ..widgets import Playground, nice_ceiling, slider

__all__ = ["local_linear_map"]


def f(x1, x2):
    """Notebook 00's example map f: R^2 -> R^2, f(x) = (x1^2 x2, 5 x1 + sin x2); works element-wise."""
    return x1 ** 2 * x2, 5 * x1 + np.sin(x2)


def jacobian(x1, x2):
    """The Jacobian of f at (x1, x2), shape (2, 2), numerator layout: row i holds the derivatives of f_i."""
    return np.array([[2 * x1 * x2, x1 ** 2],
                     [5.0, np.cos(x2)]])


def _grid(lines=5, points=41):
    """Grid lines of the square [-1, 1]^2 as one (2, k) array, lines separated by NaN columns.

    One array drawn as one line keeps the redraw cheap (a handful of artists).
    """
    s = np.linspace(-1.0, 1.0, points)
    gap = np.full((2, 1), np.nan)
    pieces = []
    for c in np.linspace(-1.0, 1.0, lines):
        pieces += [np.stack([s, np.full_like(s, c)]), gap,    # a horizontal line
                   np.stack([np.full_like(s, c), s]), gap]    # a vertical line
    return np.hstack(pieces)


_UNIT_GRID = _grid()


def _view(center, half_width):
    """Axis limits that change rarely: a half-width of 1, 2, 2.5 or 5 times a power of ten, at least
    ``half_width``, around a centre snapped to a quarter of it (so the square stays inside)."""
    h = nice_ceiling(half_width / 0.7)
    c = np.round(np.asarray(center) / (h / 2)) * (h / 2)
    return (c[0] - h, c[0] + h), (c[1] - h, c[1] + h)


def _setup(fig):
    ax_in, ax_out = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.105, right=0.975, bottom=0.11, top=0.8, wspace=0.3)
    (grid,) = ax_in.plot([], [], color=COLOURS["green"], linewidth=1, animated=True)
    (p,) = ax_in.plot([], [], "ko", animated=True)
    (exact,) = ax_out.plot([], [], color=COLOURS["blue"], linewidth=1.5, animated=True)
    (linear,) = ax_out.plot([], [], color=COLOURS["orange"], linewidth=1.2, linestyle="--", animated=True)
    (fp,) = ax_out.plot([], [], "ko", animated=True)
    # Titles instead of legends and text boxes: every text costs render time. Two lines each, so
    # that both fit side by side in an 8.4-inch figure.
    ax_in.set(title="input: square of half-width r\naround p (dot)", xlabel="x1", ylabel="x2")
    ax_out.set(title="output: f(x) solid,\nf(p) + J(p)(x - p) dashed", xlabel="f1", ylabel="f2")
    for ax in (ax_in, ax_out):
        ax.set_aspect("equal", adjustable="box")      # equal spans on both axes: a square box, fixed
    return {"ax_in": ax_in, "ax_out": ax_out, "grid": grid, "p": p, "exact": exact, "linear": linear, "fp": fp,
            "title": fig.suptitle("", animated=True)}


def _update_local_linear_map(scene, x1, x2, radius):
    p = np.array([[x1], [x2]])                             # (2, 1)
    fp = np.array([f(x1, x2)]).T                           # (2, 1)
    J = jacobian(x1, x2)                                   # (2, 2)
    x = p + radius * _UNIT_GRID                            # (2, k): points near p
    exact = np.array(f(x[0], x[1]))                        # f(x)
    linear = fp + J @ (x - p)                              # f(p) + J(p)(x - p)
    gap = float(np.nanmax(np.linalg.norm(exact - linear, axis=0)))

    scene["grid"].set_data(x[0], x[1])
    scene["p"].set_data([x1], [x2])
    scene["exact"].set_data(exact[0], exact[1])
    scene["linear"].set_data(linear[0], linear[1])
    scene["fp"].set_data([fp[0, 0]], [fp[1, 0]])
    xlim, ylim = _view(p[:, 0], radius)
    scene["ax_in"].set(xlim=xlim, ylim=ylim)
    reach = max(float(np.nanmax(np.abs(exact - fp))), float(np.nanmax(np.abs(linear - fp))), 1e-3)
    xlim, ylim = _view(fp[:, 0], reach)
    scene["ax_out"].set(xlim=xlim, ylim=ylim)
    scene["title"].set_text(f"p = ({x1:.2f}, {x2:.2f}), r = {radius:.2f}, J(p) = [[{J[0, 0]:.2f}, {J[0, 1]:.2f}], "
                            f"[{J[1, 0]:.2f}, {J[1, 1]:.2f}]]: largest gap {gap:.2g}")
    note = (f"Largest distance between f(x) and f(p) + J(p)(x - p) on the square: {gap:.3g}. "
            "Halve r and it shrinks about fourfold.")
    alt = (f"Two panels: left, a square grid of half-width {radius:.2f} around p = ({x1:.2f}, {x2:.2f}); right, "
           f"its image under f (solid, bent) and under the linear map with J(p) = [[{J[0, 0]:.2f}, {J[0, 1]:.2f}], "
           f"[{J[1, 0]:.2f}, {J[1, 1]:.2f}]] (dashed), at most {gap:.2g} apart.")
    return note, alt


def local_linear_map():
    """Move the point p = (x1, x2) and the size r of a square around it; see f and J(p) side by side."""
    controls = {
        "x1": slider(1.0, -2.0, 2.0, 0.1, "point x1"),
        "x2": slider(1.0, -3.0, 3.0, 0.1, "point x2"),
        "radius": slider(0.5, 0.05, 1.5, 0.05, "half-width r"),
    }
    return Playground(_update_local_linear_map, controls, setup=_setup, figsize=(8.4, 4.6),
                      title="The Jacobian is the best linear approximation of f near p",
                      suggestions=[{"radius": 0.05}, {"radius": 0.25}, {"x1": 0.0}, {"x1": 0.0, "radius": 0.05}])
