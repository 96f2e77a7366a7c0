"""Playground of notebook 03: pick an activation and a learning rate.

Left: the activation f and its derivative f'. Right: the training loss of a
single neuron with that activation, trained with minibatches on the running
example. Changing either control retrains (the slider on release).

The axes are fixed; f and f' are computed once per activation and every run
once per setting, so a redraw only replaces three curves and the title.
"""
from functools import lru_cache

import numpy as np

from .. import activations, data
from ..network import Network
from ..widgets import Playground, dropdown, log_axis, on_top, slider
from . import train_quietly

__all__ = ["activation_explorer"]

EPOCHS = 200
BATCH_SIZE = 2
LOSS_RANGE = (1e-8, 10.0)   # fixed, so activations compare at a glance
Z = np.linspace(-6, 6, 601)


@lru_cache(maxsize=None)
def _curves(activation):
    f, f_prime = activations.get(activation)
    return f(Z), f_prime(Z)


@lru_cache(maxsize=256)
def _train(activation, lr):
    """(loss curve, note) for a neuron trained on the running example."""
    split = data.running_example()
    net = Network([3, 1], activation=activation, seed=0)
    history, problem, diverged = train_quietly(net, split.X_train, split.Y_train, lr=lr, epochs=EPOCHS,
                                               batch_size=BATCH_SIZE, seed=1)
    loss = np.asarray(history.loss, dtype=float)
    if diverged:
        return loss, f"{problem[0].upper()}{problem[1:]}"
    prediction = float(net.forward(split.X_test)[0, 0])
    note = (f"Loss after {EPOCHS} epochs: {loss[-1]:.2e}; held-out sample (1, 1, 0): "
            f"prediction {prediction:.3f}, target 1.")
    if activation == "relu" and np.all(net.weights[0] @ split.X_train + net.biases[0] <= 0):
        note += (" The ReLU neuron has died: z <= 0 for every sample, so f'(z) = 0 and no gradient "
                 "reaches w or b any more.")
    if problem:                       # the loss ended far above its start, or the weights blew up
        note += f" {problem[0].upper()}{problem[1:]}"
    return loss, note


def _setup(fig):
    ax_f, ax_loss = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.14, top=0.82, wspace=0.3)
    ax_f.axhline(0, color="grey", linewidth=0.5)
    ax_f.axvline(0, color="grey", linewidth=0.5)
    (f_line,) = ax_f.plot(Z, Z, label="f(z)", animated=True)
    (df_line,) = ax_f.plot(Z, Z, linestyle="--", label="f'(z)", animated=True)
    ax_f.set(xlim=(Z[0], Z[-1]), ylim=(-1.5, 2.5), xlabel="z", ylabel="value")
    legend = on_top(ax_f.legend(loc="upper left"))
    log_axis(ax_loss.yaxis, LOSS_RANGE)
    (loss_line,) = ax_loss.plot([], [], color="black", animated=True)
    ax_loss.set(title=f"Training loss (minibatches of {BATCH_SIZE})", xlabel="epoch",
                ylabel="mean squared error", xlim=(0, EPOCHS))
    return {"ax_f": ax_f, "f": f_line, "df": df_line, "legend": legend, "loss": loss_line,
            "title": fig.suptitle("", animated=True)}


def _update(scene, activation, lr):
    fz, dfz = _curves(activation)
    loss, note = _train(activation, float(lr))
    scene["f"].set_ydata(fz)
    scene["df"].set_ydata(dfz)
    scene["ax_f"].set_title(f"{activation} and its derivative")          # changes with the drop-down only
    for text, label in zip(scene["legend"].get_texts(), (f"{activation}(z)", f"{activation}'(z)")):
        text.set_text(label)
    scene["loss"].set_data(np.arange(len(loss)), loss)
    scene["title"].set_text(f"activation {activation}, learning rate {lr:.3g}")
    end = f"ends at {loss[-1]:.2g}" if len(loss) == EPOCHS + 1 else f"blows up after {len(loss) - 1} epochs"
    alt = (f"Two panels for the {activation} activation at learning rate {lr:.3g}: left, {activation}(z) and its "
           f"derivative (dashed) for z from -6 to 6; right, the training loss of a {activation} neuron on a log "
           f"scale starts at {loss[0]:.2g} and {end}.")
    return note, alt


def activation_explorer(activation="sigmoid", lr=1.0):
    """Drop-down: the activation; slider: the learning rate (log scale, retrains on release)."""
    controls = {
        "activation": dropdown(activations.NAMES, activation, "activation"),
        "lr": slider(lr, 0.01, 3.0, 0.1, "learning rate", train=True, log=True),
    }
    return Playground(_update, controls, setup=_setup, figsize=(8.4, 3.6),
                      title="Activation functions (retrains when you pick an activation or release the slider)",
                      suggestions=[{"activation": "relu", "lr": 1.0}, {"activation": "relu", "lr": 0.1},
                                   {"activation": "identity", "lr": 1.0}, {"activation": "sigmoid", "lr": 0.05}])
