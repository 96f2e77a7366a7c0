"""Playground of notebook 02: batch size and learning rate of a linear neuron.

The linear neuron of the running example is trained from the same start with
the chosen batch size and learning rate; the loss curve is drawn against a
full-batch run at the same learning rate, next to the weights and the bias.
The sliders retrain on release.
"""
import numpy as np
from matplotlib.ticker import FuncFormatter

from .. import data
from ..network import Network, TrainingDiverged
from ..widgets import Playground, int_slider, slider

# Tick labels 1e-4 instead of mathtext's 10^-4: parsing mathtext was a fifth of every redraw.
PLAIN_POWERS = FuncFormatter(lambda value, _: f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e"))

__all__ = ["batch_size_and_learning_rate"]

EPOCHS = 100
LOSS_RANGE = (1e-12, 1e3)   # fixed, so settings compare at a glance; below 1e-12 counts as solved


def method_name(batch_size, m):
    """The name of gradient descent with this batch size on m samples."""
    if batch_size >= m:
        return "full-batch gradient descent"
    if batch_size == 1:
        return "stochastic gradient descent"
    return "minibatch gradient descent"


def _train(batch_size, lr):
    """(history, note) of a linear neuron trained on the running example; note is '' unless it diverged."""
    split = data.running_example()
    net = Network([3, 1], activation="identity", seed=0)
    try:
        history = net.train(split.X_train, split.Y_train, lr=lr, epochs=EPOCHS, batch_size=batch_size, seed=1)
    except TrainingDiverged as err:
        return err.history, f"diverged after {len(err.history.loss) - 1} epoch(s)"
    return history, ("diverges: the loss grows" if history.loss[-1] > history.loss[0] else "")


def batch_size_and_learning_rate(batch_size=2, lr=0.05):
    """Sliders: batch size (1 = stochastic ... 7 = full batch) and learning rate (log scale)."""
    m = data.running_example().X_train.shape[1]

    def draw(fig, batch_size, lr):
        history, diverged = _train(None if batch_size >= m else batch_size, lr)
        reference, reference_diverged = _train(None, lr)
        ax_loss, ax_params = fig.subplots(1, 2)
        ax_loss.set(yscale="log", ylim=LOSS_RANGE)     # before plotting: no autoscaling of huge losses
        ax_loss.yaxis.set_major_formatter(PLAIN_POWERS)  # plain text renders much faster than mathtext
        ax_loss.plot(reference.loss, color="grey", linestyle="--",
                     label="full batch" + (f" ({reference_diverged})" if reference_diverged else ""))
        ax_loss.plot(history.loss, color="black",
                     label=f"batch size {batch_size}" + (f" ({diverged})" if diverged else ""))
        ax_loss.set(title="Training loss", xlabel="epoch", ylabel="mean squared error", xlim=(0, EPOCHS))
        ax_loss.legend(fontsize="small")
        ax_params.set_ylim(-0.6, 1.4)
        W = np.array(history.output_weights)[:, 0, :]
        for j in range(W.shape[1]):
            ax_params.plot(W[:, j], label=f"w{j + 1}")
        ax_params.plot(np.array(history.output_bias)[:, 0], color="black", label="b")
        ax_params.axhline(1.0, color="grey", linewidth=0.5)
        ax_params.axhline(0.0, color="grey", linewidth=0.5)
        ax_params.set(title="Weights and bias (goal: 1, 0, 0 and 0)", xlabel="epoch", ylabel="value",
                      xlim=(0, EPOCHS))
        ax_params.legend(fontsize="small", loc="center right")
        steps = -(-m // batch_size)
        fig.suptitle(f"{method_name(batch_size, m)}: batch size {batch_size}, learning rate {lr:.3g}, "
                     f"{steps} update(s) per epoch")
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.14, top=0.82, wspace=0.22)
        if diverged:
            return (f"With batch size {batch_size} and learning rate {lr:.3g} the training {diverged}. "
                    "Each step overshoots the minimum; lower the learning rate.")
        return f"Loss after {EPOCHS} epochs: {history.loss[-1]:.2e} (full batch: {reference.loss[-1]:.2e})."

    controls = {
        "batch_size": int_slider(batch_size, 1, m, 1, "batch size", train=True),
        "lr": slider(lr, 0.01, 1.0, 0.1, "learning rate", train=True, log=True),
    }
    return Playground(draw, controls, figsize=(10, 3.6),
                      title="Batch size and learning rate (retrains when you release a slider)",
                      suggestions=[{"lr": 0.5, "batch_size": 1}, {"lr": 0.5, "batch_size": 7}])
