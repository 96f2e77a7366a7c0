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
"""
import numpy as np
from matplotlib.ticker import FuncFormatter, NullLocator

from .. import data
from ..network import Network, TrainingDiverged
from ..widgets import Playground, int_slider, slider

__all__ = ["learning_rate_and_epochs"]

TARGETS = {"w1": 1.0, "w2": 0.0, "w3": 0.0, "b": 0.0}


CAP = 1e100   # the panels stop here: a diverging run goes far beyond, and off the top


def _log_axis(ax, values):
    """A log-scale y axis with whole-decade limits around the values, set before plotting.

    Autoscaling values near 1e308 would overflow, so the limits come first. Tick
    labels are plain text ("1e-03") and minor ticks are left out: math-text labels
    and dozens of minor ticks cost more to draw than the whole rest of the figure.
    """
    ax.set_yscale("log")
    ax.set_ylim(*_log_limits(values))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0e}"))
    ax.yaxis.set_minor_locator(NullLocator())


def _log_limits(values):
    """Whole decades around the positive values, capped at CAP (tick code overflows near 1e308)."""
    values = np.asarray(values)
    low = np.floor(np.log10(max(np.min(values[values > 0], initial=1.0), 1e-300)))
    high = np.ceil(np.log10(max(np.max(values), 1e-300)))
    return 10.0 ** low, min(10.0 ** max(high, low + 1), CAP)


def _draw_training(fig, lr, epochs):
    split = data.running_example()
    net = Network([3, 1], activation="identity", seed=0)
    diverged = None
    try:
        history = net.train(split.X_train, split.Y_train, lr=lr, epochs=epochs, batch_size=1)
    except TrainingDiverged as err:
        history, diverged = err.history, err
    loss = np.asarray(history.loss)                                  # (epochs done + 1,)
    params = np.column_stack([np.asarray(history.output_weights)[:, 0, :],
                              np.asarray(history.output_bias)])      # (epochs done + 1, 4)
    done = np.arange(len(loss))

    ax_loss, ax_par = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.82, wspace=0.25)
    _log_axis(ax_loss, loss)
    ax_loss.plot(done, np.maximum(loss, 1e-300), color="black", label="training loss")
    capped = " (axis stops at 1e100)" if np.max(loss) > CAP else ""
    ax_loss.set(title=f"training loss, mean over 7 samples{capped}", xlabel="epoch",
                ylabel="mean squared error (log scale)")
    size = np.max(np.abs(params), axis=1)                            # (epochs done + 1,)
    if np.max(size) > 10:       # exploding: the sizes say more than four zig-zagging lines
        _log_axis(ax_par, size)
        ax_par.plot(done, np.maximum(size, 1e-300), color="tab:purple",
                    label="largest of |w1|, |w2|, |w3|, |b|")
        ax_par.set(title="the parameters explode", xlabel="epoch", ylabel="size (log scale)")
    else:
        colors = ["tab:blue", "tab:orange", "tab:green", "tab:red"]
        for (name, target), values, color in zip(TARGETS.items(), params.T, colors):
            ax_par.plot(done, values, color=color, label=name)
            ax_par.axhline(target, color=color, linestyle=":", linewidth=1)
        ax_par.set(title="weights and bias (dotted: w = (1, 0, 0), b = 0)", xlabel="epoch", ylabel="value")

    if diverged is not None:
        ax_loss.axvline(len(loss) - 1, color="tab:red", linestyle="--",
                        label=f"last finite loss (epoch {len(loss) - 1})")
        status = f"diverged in epoch {len(loss)}"
        note = f"{diverged} The plots show the epochs before the blow-up."
    elif loss[-1] > loss[0]:
        status = f"diverging, the loss grew to {loss[-1]:.2g}"
        note = (f"The loss grew from {loss[0]:.3g} to {loss[-1]:.3g}: with lr = {lr:.3g} each step "
                "overshoots the minimum by more than the last. Train longer and it overflows.")
    else:
        prediction = net.forward(split.X_test)[0, 0]
        status = f"final loss {loss[-1]:.2g}"
        note = (f"Prediction for the held-out sample (1, 1, 0): {prediction:.4f} (target 1). "
                f"Training loss after {epochs} epochs: {loss[-1]:.3g}.")
    ax_loss.legend(loc="best", fontsize="small")
    ax_par.legend(loc="best", fontsize="small", ncol=2)
    fig.suptitle(f"lr = {lr:.3g}, {epochs} epochs of stochastic gradient descent: {status}")
    return note


def learning_rate_and_epochs():
    """Sliders for the learning rate (log scale) and the epochs; retrains when a slider is released."""
    controls = {
        "lr": slider(0.05, 0.001, 1.0, 0.1, "learning rate lr", train=True, log=True),
        "epochs": int_slider(50, 1, 200, 1, "epochs", train=True),
    }
    return Playground(_draw_training, controls, figsize=(10, 4.2),
                      title="Learning rate and epochs: train the single neuron",
                      suggestions=[{"lr": 0.001, "epochs": 200}, {"lr": 0.05, "epochs": 10}, {"lr": 0.32},
                                   {"lr": 0.4}, {"lr": 0.5}, {"lr": 1.0, "epochs": 79}, {"lr": 1.0, "epochs": 80},
                                   {"lr": 1.0, "epochs": 200}])
