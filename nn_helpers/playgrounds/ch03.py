"""Playground of notebook 03: pick an activation and a learning rate.

Left: the activation f and its derivative f'. Right: the training loss of a
single neuron with that activation, trained with minibatches on the running
example. Changing either control retrains (the slider on release).
"""
import numpy as np

from .. import activations, data, plotting
from ..network import Network, TrainingDiverged
from ..widgets import Playground, dropdown, slider
from .ch02 import PLAIN_POWERS

__all__ = ["activation_explorer"]

EPOCHS = 200
BATCH_SIZE = 2
LOSS_RANGE = (1e-8, 10.0)   # fixed, so activations compare at a glance


def _train(activation, lr):
    """(loss curve, note) for a neuron trained on the running example."""
    split = data.running_example()
    net = Network([3, 1], activation=activation, seed=0)
    try:
        history = net.train(split.X_train, split.Y_train, lr=lr, epochs=EPOCHS, batch_size=BATCH_SIZE, seed=1)
    except TrainingDiverged as err:
        return err.history.loss, f"training diverged after {len(err.history.loss) - 1} epoch(s); lower the learning rate."
    prediction = float(net.forward(split.X_test)[0, 0])
    note = (f"Loss after {EPOCHS} epochs: {history.loss[-1]:.2e}; held-out sample (1, 1, 0): "
            f"prediction {prediction:.3f}, target 1.")
    if activation == "relu" and np.all(net.weights[0] @ split.X_train + net.biases[0] <= 0):
        note += (" The ReLU neuron has died: z <= 0 for every sample, so f'(z) = 0 and no gradient "
                 "reaches w or b any more. Try a smaller learning rate.")
    return history.loss, note


def activation_explorer(activation="sigmoid", lr=1.0):
    """Drop-down: the activation; slider: the learning rate (log scale, retrains on release)."""

    def draw(fig, activation, lr):
        f, f_prime = activations.get(activation)
        loss, note = _train(activation, lr)
        ax_f, ax_loss = fig.subplots(1, 2)
        ax_loss.set(yscale="log", ylim=LOSS_RANGE)     # before plotting: no autoscaling of huge losses
        ax_loss.yaxis.set_major_formatter(PLAIN_POWERS)  # plain text renders much faster than mathtext
        plotting.plot_function_and_derivative(f, f_prime, activation, ax=ax_f)
        ax_f.set_ylim(-1.5, 2.5)
        ax_loss.plot(loss, color="black", label=f"{activation} neuron")
        ax_loss.set(title=f"Training loss (minibatches of {BATCH_SIZE})", xlabel="epoch",
                    ylabel="mean squared error", xlim=(0, EPOCHS))
        ax_loss.legend(loc="upper right")
        fig.suptitle(f"activation {activation}, learning rate {lr:.3g}")
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.82, wspace=0.25)
        return note

    controls = {
        "activation": dropdown(activations.NAMES, activation, "activation"),
        "lr": slider(lr, 0.01, 3.0, 0.1, "learning rate", train=True, log=True),
    }
    return Playground(draw, controls, figsize=(10, 3.6),
                      title="Activation functions (retrains when you pick an activation or release the slider)",
                      suggestions=[{"activation": "relu", "lr": 1.0}, {"activation": "relu", "lr": 0.1},
                                   {"activation": "identity", "lr": 1.0}, {"activation": "sigmoid", "lr": 0.05}])
