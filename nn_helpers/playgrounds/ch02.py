"""Playground of notebook 02: batch size and learning rate of a linear neuron.

The linear neuron of the running example is trained from the same start with
the chosen batch size and learning rate; the loss curve is drawn against a
full-batch run at the same learning rate, next to the weights and the bias.
The sliders retrain on release.

The axes are fixed (the loss from 1e-12 to 1e3, the parameters from -0.6 to
1.4), so a redraw only replaces the curves; a run depends only on its batch
size and learning rate, so runs are kept and never computed twice.
"""
from functools import lru_cache

import numpy as np

from .. import data
from ..network import Network
from ..widgets import Playground, int_slider, log_axis, on_top, plain_powers, slider
from . import train_quietly

__all__ = ["batch_size_and_learning_rate"]

EPOCHS = 100
LOSS_RANGE = (1e-12, 1e3)   # fixed, so settings compare at a glance; below 1e-12 counts as solved
PLAIN_POWERS = plain_powers  # older name, kept for notebooks that import it


def method_name(batch_size, m):
    """The name of gradient descent with this batch size on m samples."""
    if batch_size >= m:
        return "full-batch gradient descent"
    if batch_size == 1:
        return "stochastic gradient descent"
    return "minibatch gradient descent"


@lru_cache(maxsize=256)
def _train(batch_size, lr):
    """(loss, W, b, problem, diverged) of the linear neuron trained on the running example.

    loss (k,), W (k, 3), b (k,) for the k epochs recorded; problem: None or what went wrong.
    """
    split = data.running_example()
    net = Network([3, 1], activation="identity", seed=0)
    history, problem, diverged = train_quietly(net, split.X_train, split.Y_train, lr=lr, epochs=EPOCHS,
                                               batch_size=batch_size, seed=1)
    loss = np.asarray(history.loss, dtype=float)
    if problem is None and loss[-1] > loss[0]:
        problem = f"the loss grew from {loss[0]:.3g} to {loss[-1]:.3g}"
    return (loss, np.asarray(history.output_weights)[:, 0, :], np.asarray(history.output_bias)[:, 0],
            problem, diverged)


def _setup(fig):
    ax_loss, ax_params = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.14, top=0.82, wspace=0.3)
    log_axis(ax_loss.yaxis, LOSS_RANGE)
    ax_loss.set(title="Training loss", xlabel="epoch", ylabel="mean squared error", xlim=(0, EPOCHS))
    (reference,) = ax_loss.plot([], [], color="grey", linestyle="--", animated=True)
    (run,) = ax_loss.plot([], [], color="black", animated=True)
    loss_legend = on_top(ax_loss.legend([reference, run], ["full batch", "chosen batch size"],
                                        fontsize="small", loc="upper right"))
    ax_params.set(title="Weights and bias (goal 1, 0, 0, 0)", xlabel="epoch", ylabel="value",
                  xlim=(0, EPOCHS), ylim=(-0.6, 1.4))
    ax_params.axhline(1.0, color="grey", linewidth=0.5)
    ax_params.axhline(0.0, color="grey", linewidth=0.5)
    params = [ax_params.plot([], [], label=f"w{j + 1}", animated=True)[0] for j in range(3)]
    params.append(ax_params.plot([], [], color="black", label="b", animated=True)[0])
    # one row above the goal w1 = 1, where the curves of a run that converges do not go
    on_top(ax_params.legend(fontsize="small", loc="upper right", ncol=4, columnspacing=1.0, handlelength=1.5))
    title = fig.suptitle("", animated=True)
    return {"loss_legend": loss_legend, "reference": reference, "run": run, "params": params, "title": title,
            "m": data.running_example().X_train.shape[1]}


def _update(scene, batch_size, lr):
    m = scene["m"]
    loss, W, b, problem, diverged = _train(None if batch_size >= m else int(batch_size), float(lr))
    ref_loss, _, _, ref_problem, ref_diverged = _train(None, float(lr))
    scene["reference"].set_data(np.arange(len(ref_loss)), ref_loss)
    scene["run"].set_data(np.arange(len(loss)), loss)
    epochs = np.arange(len(loss))
    for line, values in zip(scene["params"], [*W.T, b]):
        line.set_data(epochs, values)
    what = "diverged" if diverged else ("diverges" if problem else "")
    ref_what = "diverged" if ref_diverged else ("diverges" if ref_problem else "")
    full, chosen = scene["loss_legend"].get_texts()        # changes only when a run starts or stops diverging
    full.set_text("full batch" + (f" ({ref_what})" if ref_what else ""))
    chosen.set_text("chosen batch size" + (f" ({what})" if what else ""))
    steps = -(-m // batch_size)
    scene["title"].set_text(f"{method_name(batch_size, m)}: batch size {batch_size}, learning rate {lr:.3g}, "
                            f"{steps} update(s) per epoch")
    if problem:
        note = (f"Batch size {batch_size}: {problem}" if problem[0].isupper() or problem.startswith("training")
                else f"With batch size {batch_size} and learning rate {lr:.3g}, {problem}: each step overshoots "
                     "the minimum; lower the learning rate.")
        outcome = f"rises to {loss[-1]:.2g}" if np.isfinite(loss[-1]) else "blows up"
    else:
        note = f"Loss after {EPOCHS} epochs: {loss[-1]:.2e} (full batch: {ref_loss[-1]:.2e})."
        outcome = f"falls from {loss[0]:.2g} to {loss[-1]:.2g}"
    alt = (f"Two panels for {method_name(batch_size, m)} with batch size {batch_size} and learning rate "
           f"{lr:.3g}: left, the training loss on a log scale {outcome} over {len(loss) - 1} epochs, next to "
           f"full-batch descent (dashed) at {ref_loss[-1]:.2g}; right, the weights w1, w2, w3 end at "
           f"{W[-1, 0]:.3g}, {W[-1, 1]:.3g}, {W[-1, 2]:.3g} and the bias at {b[-1]:.3g} (goal 1, 0, 0 and 0).")
    return note, alt


def batch_size_and_learning_rate(batch_size=2, lr=0.05):
    """Sliders: batch size (1 = stochastic ... 7 = full batch) and learning rate (log scale)."""
    m = data.running_example().X_train.shape[1]
    controls = {
        "batch_size": int_slider(batch_size, 1, m, 1, "batch size", train=True),
        "lr": slider(lr, 0.01, 1.0, 0.1, "learning rate", train=True, log=True),
    }
    return Playground(_update, controls, setup=_setup, figsize=(8.4, 3.6),
                      title="Batch size and learning rate (retrains when you release a slider)",
                      suggestions=[{"lr": 0.5, "batch_size": 1}, {"lr": 0.5, "batch_size": 7}])
