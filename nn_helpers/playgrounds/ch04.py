"""Playground of notebook 04: a two-layer network learns the XOR data set.

The reader picks the hidden size, the hidden layer's activation and the
learning rate; the network retrains from the same seed and the figure shows
its loss curve and its decision boundary on held-out points.
"""
import numpy as np

from .. import data, widgets
from ..network import Network
from ..plotting import plot_decision_boundary

__all__ = ["two_layer_playground"]

EPOCHS = 300


def _xor_sets():
    return data.xor(200, noise=0.15, seed=0), data.xor(200, noise=0.15, seed=1)


def train_two_layer(hidden, activation, lr, epochs=EPOCHS, seed=0):
    """Train Network([2, hidden, 1]) (sigmoid output) on XOR; return (network, history, test accuracy)."""
    (X, Y), (X_test, Y_test) = _xor_sets()
    net = Network([2, hidden, 1], activation=activation, output_activation="sigmoid", seed=seed)
    history = net.train(X, Y, lr=lr, epochs=epochs)
    accuracy = float(np.mean((net.forward(X_test) > 0.5) == Y_test))
    return net, history, accuracy


def two_layer_playground():
    """Hidden size, activation and learning rate of a 2-h-1 network trained on XOR."""
    (_, _), (X_test, Y_test) = _xor_sets()

    def draw(fig, hidden, activation, lr):
        net, history, accuracy = train_two_layer(hidden, activation, lr)
        ax_loss, ax_boundary = fig.subplots(1, 2)
        widgets.log_axis(ax_loss.yaxis, widgets.decade_limits(history.loss))
        ax_loss.plot(history.loss, color="black", label="training loss")
        ax_loss.set(title="Loss", xlabel="epoch", ylabel="mean squared error")
        ax_loss.legend()
        plot_decision_boundary(net.forward, X_test, Y_test, ax=ax_boundary, resolution=60,
                               title=f"Held-out points: accuracy {accuracy:.0%}")
        fig.suptitle(f"2-{hidden}-1 network, hidden activation {activation}, sigmoid output, "
                     f"lr = {lr:.3g}, {EPOCHS} epochs")
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.13, top=0.84, wspace=0.25)   # fixed: no layout pass
        return f"Final training loss {history.loss[-1]:.4f}; held-out accuracy {accuracy:.1%}."

    controls = {
        "hidden": widgets.int_slider(4, 1, 16, 1, "hidden units", train=True),
        "activation": widgets.dropdown(["sigmoid", "tanh", "relu"], "tanh", "hidden activation"),
        "lr": widgets.slider(1.0, 0.01, 10.0, 0.1, "learning rate", train=True, log=True),
    }
    return widgets.Playground(draw, controls, figsize=(10, 4),
                              title="A two-layer network on XOR (retrains when you release a slider)",
                              suggestions=[{"hidden": 1}, {"hidden": 2, "activation": "sigmoid"}, {"hidden": 2},
                                           {"hidden": 2, "activation": "relu"}, {"lr": 0.01}, {"lr": 10.0}])
