"""Playground of notebook 01: the learning rate and the number of epochs.

The linear neuron of notebook 01 (``Network([3, 1], activation="identity")``,
seed 0) is trained sample by sample (stochastic gradient descent, batch size 1)
on the running example with the chosen learning rate and number of epochs.
The left panel shows the training loss, the right one the three weights and
the bias next to the values they should reach, w = (1, 0, 0) and b = 0.

A learning rate that is too large makes every step overshoot: the loss grows
instead of falling, and after enough epochs it is no longer a finite number.
The playground then shows the epochs before the blow-up and says what went
wrong, instead of a wall of NaNs.

The loss axis spans whole decades (it is drawn again only when they change);
every run is kept, so a setting is never trained twice.
"""
from functools import lru_cache

import numpy as np

from .. import data
from ..network import Network
from ..plotting import COLOURS, CYCLE
from ..widgets import Playground, decade_limits, int_slider, log_axis, nice_ceiling, on_top, slider
from . import train_quietly

__all__ = ["learning_rate_and_epochs"]

TARGETS = {"w1": 1.0, "w2": 0.0, "w3": 0.0, "b": 0.0}
CAP = 1e100   # the panels stop here: a diverging run goes far beyond, and off the top
COLORS = CYCLE[:4]                 # w1, w2, w3, b


@lru_cache(maxsize=256)
def _train(lr, epochs):
    """(loss (k,), params (k, 4), problem, diverged, prediction) for k recorded epochs."""
    split = data.running_example()
    net = Network([3, 1], activation="identity", seed=0)
    history, problem, diverged = train_quietly(net, split.X_train, split.Y_train, lr=lr, epochs=epochs,
                                               batch_size=1)
    loss = np.asarray(history.loss, dtype=float)
    params = np.column_stack([np.asarray(history.output_weights)[:, 0, :], np.asarray(history.output_bias)])
    prediction = None if diverged else float(net.forward(split.X_test)[0, 0])
    return loss, params, problem, diverged, prediction


def _setup(fig):
    ax_loss, ax_par = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.13, top=0.8, wspace=0.3)
    (loss_line,) = ax_loss.plot([], [], color="black", animated=True)
    last = ax_loss.axvline(0, color=COLOURS["vermillion"], linestyle="--", animated=True)
    ax_loss.set(xlabel="epoch", ylabel="mean squared error (log scale)")
    lines, targets = [], []
    for (name, target), color in zip(TARGETS.items(), COLORS):
        lines.append(ax_par.plot([], [], color=color, label=name, animated=True)[0])
        targets.append(ax_par.axhline(target, color=color, linestyle=":", linewidth=1, animated=True))
    legend = on_top(ax_par.legend(loc="upper right", fontsize="small", ncol=2))   # hidden while the sizes are drawn
    (size_line,) = ax_par.plot([], [], color=COLOURS["purple"], animated=True)
    ax_par.set(xlabel="epoch")
    return {"ax_loss": ax_loss, "loss": loss_line, "last": last, "ax_par": ax_par, "lines": lines,
            "targets": targets, "legend": legend, "size": size_line, "title": fig.suptitle("", animated=True)}


def _update(scene, lr, epochs):
    loss, params, problem, diverged, prediction = _train(float(lr), int(epochs))
    done = np.arange(len(loss))
    ax_loss, ax_par = scene["ax_loss"], scene["ax_par"]
    capped = "\n(the axis stops at 1e100)" if np.max(loss) > CAP else ""     # a second line: 8.4 in is narrow
    log_axis(ax_loss.yaxis, decade_limits(loss, cap=CAP))
    ax_loss.set(title=f"training loss, mean over 7 samples{capped}", xlim=(0, nice_ceiling(epochs)))
    scene["loss"].set_data(done, np.clip(loss, 1e-300, None))
    scene["last"].set_xdata([len(loss) - 1] * 2)
    scene["last"].set_visible(diverged)

    size = np.max(np.abs(params), axis=1)                            # (epochs done + 1,)
    exploding = np.max(size) > 10      # then the sizes say more than four zig-zagging lines
    for artist in scene["lines"] + scene["targets"] + [scene["legend"]]:
        artist.set_visible(not exploding)
    scene["size"].set_visible(exploding)
    ax_par.set_xlim(0, nice_ceiling(epochs))
    if exploding:
        log_axis(ax_par.yaxis, decade_limits(size, cap=CAP))
        scene["size"].set_data(done, np.clip(size, 1e-300, None))
        ax_par.set(title="parameters explode: largest |w| or |b|", ylabel="size (log scale)")
    else:
        if ax_par.get_yscale() != "linear":
            ax_par.set_yscale("linear")
        low, high = min(params.min(), -0.1), max(params.max(), 1.1)
        step = 0.5
        ax_par.set_ylim(np.floor(low / step) * step - 0.1, np.ceil(high / step) * step + 0.1)
        for line, values in zip(scene["lines"], params.T):
            line.set_data(done, values)
        ax_par.set(title="weights and bias\n(dotted: their goal w = (1, 0, 0), b = 0)", ylabel="value")

    if diverged:
        status = f"diverged in epoch {len(loss)}"
        note = f"{problem} The plots show the epochs before the blow-up (the dashed line marks the last)."
        outcome = f"the loss grows from {loss[0]:.2g} to {loss[-1]:.2g} and then stops being a finite number"
    elif loss[-1] > loss[0]:
        status = f"diverging, the loss grew to {loss[-1]:.2g}"
        note = (f"The loss grew from {loss[0]:.3g} to {loss[-1]:.3g}: with lr = {lr:.3g} each step "
                "overshoots the minimum by more than the last. Train longer and it overflows.")
        outcome = f"the loss grows from {loss[0]:.2g} to {loss[-1]:.2g}"
    else:
        status = f"final loss {loss[-1]:.2g}"
        note = (f"Prediction for the held-out sample (1, 1, 0): {prediction:.4f} (target 1). "
                f"Training loss after {epochs} epochs: {loss[-1]:.3g}.")
        outcome = f"the loss falls from {loss[0]:.2g} to {loss[-1]:.2g}"
        if problem:                    # the parameters blew up although the loss fell
            note += f" But {problem}"
    scene["title"].set_text(f"lr = {lr:.3g}, {epochs} epochs of stochastic gradient descent: {status}")
    params_said = (f"the largest parameter reaches {size[-1]:.2g}" if exploding else
                   f"w1, w2, w3 and b end at {', '.join(f'{v:.2f}' for v in params[-1])} (goal 1, 0, 0, 0)")
    alt = (f"Two panels for learning rate {lr:.3g} and {epochs} epochs of stochastic gradient descent: "
           f"left, on a log scale, {outcome}; right, {params_said}.")
    return note, alt


def learning_rate_and_epochs():
    """Sliders for the learning rate (log scale) and the epochs; retrains when a slider is released."""
    controls = {
        "lr": slider(0.05, 0.001, 1.0, 0.1, "learning rate lr", train=True, log=True),
        "epochs": int_slider(50, 1, 200, 1, "epochs", train=True),
    }
    return Playground(_update, controls, setup=_setup, figsize=(8.4, 4.4),
                      title="Learning rate and epochs: train the single neuron",
                      suggestions=[{"lr": 0.001, "epochs": 200}, {"lr": 0.05, "epochs": 10}, {"lr": 0.32},
                                   {"lr": 0.4}, {"lr": 0.5}, {"lr": 1.0, "epochs": 79}, {"lr": 1.0, "epochs": 80},
                                   {"lr": 1.0, "epochs": 200}])
