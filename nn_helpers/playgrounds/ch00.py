"""Playground of notebook 00: the Jacobian as the best linear approximation.

Near a point p, a differentiable map f is almost linear:

    f(x) ~ f(p) + J(p) (x - p),     J(p) the (2, 2) Jacobian of f at p.

The playground draws a small square grid around p (left) and its image under
f next to its image under the linear map (right). Move p and the linear map
changes with it; shrink the square and the two images merge, the gap between
them falling like the square of its size.
"""
import numpy as np

from ..widgets import Playground, slider

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


def _draw_local_linear_map(fig, x1, x2, radius):
    p = np.array([[x1], [x2]])                             # (2, 1)
    fp = np.array([f(x1, x2)]).T                           # (2, 1)
    J = jacobian(x1, x2)                                   # (2, 2)
    x = p + radius * _UNIT_GRID                            # (2, k): points near p
    exact = np.array(f(x[0], x[1]))                        # f(x)
    linear = fp + J @ (x - p)                              # f(p) + J(p)(x - p)
    gap = float(np.nanmax(np.linalg.norm(exact - linear, axis=0)))

    ax_in, ax_out = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.12, top=0.82, wspace=0.25)
    # Titles instead of legends and text boxes: every text costs render time on each redraw.
    ax_in.plot(x[0], x[1], color="tab:green", linewidth=1)
    ax_in.plot(x1, x2, "ko")
    ax_out.plot(exact[0], exact[1], color="tab:blue", linewidth=1.5)
    ax_out.plot(linear[0], linear[1], color="tab:orange", linewidth=1.2, linestyle="--")
    ax_out.plot(fp[0, 0], fp[1, 0], "ko")
    ax_in.set(title="input: square of half-width r around p (dot)", xlabel="x1", ylabel="x2")
    ax_out.set(title="output: f(x) solid, f(p) + J(p)(x - p) dashed", xlabel="f1", ylabel="f2")
    for ax in (ax_in, ax_out):
        ax.set_aspect("equal", adjustable="datalim")
    fig.suptitle(f"p = ({x1:.2f}, {x2:.2f}), r = {radius:.2f}, J(p) = [[{J[0, 0]:.2f}, {J[0, 1]:.2f}], "
                 f"[{J[1, 0]:.2f}, {J[1, 1]:.2f}]]: largest gap {gap:.2g}")
    return (f"Largest distance between f(x) and f(p) + J(p)(x - p) on the square: {gap:.3g}. "
            "Halve r and it shrinks about fourfold.")


def local_linear_map():
    """Move the point p = (x1, x2) and the size r of a square around it; see f and J(p) side by side."""
    controls = {
        "x1": slider(1.0, -2.0, 2.0, 0.1, "point x1"),
        "x2": slider(1.0, -3.0, 3.0, 0.1, "point x2"),
        "radius": slider(0.5, 0.05, 1.5, 0.05, "half-width r"),
    }
    return Playground(_draw_local_linear_map, controls, figsize=(10, 4.6),
                      title="The Jacobian is the best linear approximation of f near p",
                      suggestions=[{"radius": 0.05}, {"radius": 0.25}, {"x1": 0.0}, {"x1": 0.0, "radius": 0.05}])
