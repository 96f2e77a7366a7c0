"""Playground of notebook 04: a two-layer network learns the XOR data set.

The reader picks the hidden size, the hidden layer's activation and the
learning rate; the network retrains from the same seed and the figure shows
its loss curve and its decision boundary on held-out points.

The loss axis spans whole decades and the boundary panel is fixed, so a redraw
replaces the curve, the shading and the boundary line; every setting is
trained once and kept.
"""
import warnings
from functools import lru_cache

import numpy as np
from matplotlib.colors import ListedColormap

from .. import data, widgets
from ..network import Network
from ..plotting import CLASS_STYLES, REGION_COLOURS
from . import train_quietly

__all__ = ["two_layer_playground"]

EPOCHS = 300
RESOLUTION = 60          # the boundary panel evaluates the network on a 60 x 60 grid


@lru_cache(maxsize=None)
def _xor_sets():
    return data.xor(200, noise=0.15, seed=0), data.xor(200, noise=0.15, seed=1)


def train_two_layer(hidden, activation, lr, epochs=EPOCHS, seed=0):
    """Train Network([2, hidden, 1]) (sigmoid output) on XOR; return (network, history, test accuracy)."""
    (X, Y), (X_test, Y_test) = _xor_sets()
    net = Network([2, hidden, 1], activation=activation, output_activation="sigmoid", seed=seed)
    history = net.train(X, Y, lr=lr, epochs=epochs)
    accuracy = float(np.mean((net.forward(X_test) > 0.5) == Y_test))
    return net, history, accuracy


def _grid():
    (_, _), (X_test, _) = _xor_sets()
    pad = 0.5
    xs = np.linspace(X_test[0].min() - pad, X_test[0].max() + pad, RESOLUTION)
    ys = np.linspace(X_test[1].min() - pad, X_test[1].max() + pad, RESOLUTION)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, gx, gy


@lru_cache(maxsize=256)
def _run(hidden, activation, lr):
    """(loss (k,), outputs on the grid (R, R), test accuracy, problem) for one setting."""
    (X, Y), (X_test, Y_test) = _xor_sets()
    net = Network([2, hidden, 1], activation=activation, output_activation="sigmoid", seed=0)
    history, problem, _ = train_quietly(net, X, Y, lr=lr, epochs=EPOCHS)
    _, _, gx, gy = _grid()
    out = net.forward(np.vstack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    accuracy = float(np.mean((net.forward(X_test) > 0.5) == Y_test))
    return np.asarray(history.loss, dtype=float), out, accuracy, problem


def _setup(fig):
    (_, _), (X_test, Y_test) = _xor_sets()
    ax_loss, ax_b = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.13, top=0.84, wspace=0.3)   # fixed: no layout pass
    (loss_line,) = ax_loss.plot([], [], color="black", animated=True)
    ax_loss.set(title="Training loss (full batch)", xlabel="epoch", ylabel="mean squared error", xlim=(0, EPOCHS))
    xs, ys, _, _ = _grid()
    shading = ax_b.pcolormesh(xs, ys, np.zeros((RESOLUTION, RESOLUTION)), shading="nearest",
                              cmap=ListedColormap(list(REGION_COLOURS)), vmin=0, vmax=1, animated=True)
    labels = np.asarray(Y_test).ravel()
    for value, color, marker in CLASS_STYLES:
        pts = X_test[:, labels == value]
        ax_b.scatter(pts[0], pts[1], s=14, c=color, marker=marker, label=f"label {value}", animated=True,
                     zorder=3)
    ax_b.set(title="Held-out points; red: output > 0.5", xlabel="$x_1$", ylabel="$x_2$",
             xlim=(xs[0], xs[-1]), ylim=(ys[0], ys[-1]))
    # top middle, between the upper two clusters (upper right would cover the label-0 cluster)
    widgets.on_top(ax_b.legend(loc="upper center", fontsize="small"))
    return {"ax_loss": ax_loss, "loss": loss_line, "ax_b": ax_b, "shading": shading, "boundary": None,
            "title": fig.suptitle("", animated=True)}


def _update(scene, hidden, activation, lr):
    loss, out, accuracy, problem = _run(int(hidden), activation, float(lr))
    widgets.log_axis(scene["ax_loss"].yaxis, widgets.decade_limits(loss))
    scene["loss"].set_data(np.arange(len(loss)), loss)
    scene["shading"].set_array((out > 0.5).astype(float).ravel())
    if scene["boundary"] is not None:
        scene["boundary"].remove()
    xs, ys, _, _ = _grid()
    with warnings.catch_warnings():      # no boundary at all (one class everywhere) is a fine answer here
        warnings.simplefilter("ignore", UserWarning)
        scene["boundary"] = scene["ax_b"].contour(xs, ys, out, levels=[0.5], colors="black", linewidths=1)
    scene["boundary"].set_animated(True)
    scene["boundary"].set_zorder(2.5)
    # the epochs (always EPOCHS) are on the loss panel's axis: the line fits 8.4 inches without them
    scene["title"].set_text(f"2-{hidden}-1 network, {activation} hidden, sigmoid output, lr = {lr:.3g}: "
                            f"held-out accuracy {accuracy:.0%}")
    note = f"Final training loss {loss[-1]:.4f}; held-out accuracy {accuracy:.1%}."
    if problem:
        note += f" {problem}"
    shaded = float(np.mean(out > 0.5))
    alt = (f"Two panels for a 2-{hidden}-1 network with {activation} hidden units at learning rate {lr:.3g}: left, "
           f"the training loss on a log scale goes from {loss[0]:.2g} to {loss[-1]:.2g} in {EPOCHS} epochs; "
           f"right, the XOR test points with the region the network labels 1 shaded ({shaded:.0%} of the "
           f"plane), {accuracy:.0%} of the points on the right side.")
    return note, alt


def two_layer_playground():
    """Hidden size, activation and learning rate of a 2-h-1 network trained on XOR."""
    controls = {
        "hidden": widgets.int_slider(4, 1, 16, 1, "hidden units", train=True),
        "activation": widgets.dropdown(["sigmoid", "tanh", "relu"], "tanh", "hidden activation"),
        "lr": widgets.slider(1.0, 0.01, 10.0, 0.1, "learning rate", train=True, log=True),
    }
    return widgets.Playground(_update, controls, setup=_setup, figsize=(8.4, 4),
                              title="A two-layer network on XOR (retrains when you release a slider)",
                              suggestions=[{"hidden": 1}, {"hidden": 2, "activation": "sigmoid"}, {"hidden": 2},
                                           {"hidden": 2, "activation": "relu"}, {"lr": 0.01}, {"lr": 10.0}])
