"""Playground of notebook 05: a network of any depth on the running example.

The reader types the layer sizes (e.g. "3, 8, 8, 1"), picks the hidden
activation, the learning rate and the number of epochs. The network retrains
from the same seed; the figure shows the live loss curve and the gradient norm
of every layer at the start of training, where vanishing gradients show first.

The gradient norms depend only on the sizes and the activation, so moving the
learning rate or the epochs never recomputes them; every run is kept, and more
epochs continue a kept run instead of starting again.
"""
import copy
import warnings
from functools import lru_cache
from types import SimpleNamespace

import numpy as np

from .. import data, widgets
from ..network import Network, TrainingDiverged, TrainingWarning
from ..plotting import COLOURS

__all__ = ["deep_network_playground"]

MAX_LAYERS = 10
MAX_WIDTH = 32
BATCH_SIZE = 4


def parse_layer_sizes(text, n_inputs=3, n_outputs=1):
    """"3, 8, 8, 1" -> [3, 8, 8, 1]; a ValueError that explains any problem.

    The running example has 3 features and 1 output, so the first size must be 3
    and the last 1; the playground also caps depth and width to keep retraining quick.
    """
    parts = [part.strip() for part in str(text).replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise ValueError(f"type the layer sizes separated by commas, for example '{n_inputs}, 8, 8, {n_outputs}'.")
    try:
        sizes = [int(part) for part in parts]
    except ValueError:
        raise ValueError(f"could not read {text!r} as layer sizes: use whole numbers separated by commas, "
                         f"for example '{n_inputs}, 8, 8, {n_outputs}'.") from None
    if len(sizes) < 2:
        raise ValueError(f"a network needs at least an input and an output size, e.g. '{n_inputs}, {n_outputs}'.")
    if sizes[0] != n_inputs or sizes[-1] != n_outputs:
        raise ValueError(f"the running example has {n_inputs} features and {n_outputs} output, so the sizes must "
                         f"start with {n_inputs} and end with {n_outputs}, e.g. '{n_inputs}, 8, 8, {n_outputs}'; "
                         f"got {sizes}.")
    if len(sizes) - 1 > MAX_LAYERS or max(sizes) > MAX_WIDTH:
        raise ValueError(f"this playground keeps to at most {MAX_LAYERS} layers of at most {MAX_WIDTH} units, "
                         f"so that it retrains in well under a second; got {sizes}.")
    return sizes


def layer_gradient_norms(net, X, Y):
    """||dL/dW^(l)|| (Frobenius norm) for l = 1..L, as a NumPy array."""
    dW, _ = net.gradients(X, Y)
    return np.array([np.linalg.norm(g) for g in dW])


@lru_cache(maxsize=256)
def _norms(sizes, activation):
    """Gradient norm of every layer at the start (depends on the sizes and the activation only)."""
    split = data.running_example()
    net = Network(list(sizes), activation=activation, output_activation="sigmoid", seed=0)
    return layer_gradient_norms(net, split.X_train, split.Y_train)


class KeptRun:
    """One setting's network on the running example, kept at every number of epochs asked for.

    ``result(epochs)`` gives what a fresh network trained for that many epochs gives,
    (loss (epochs + 1,), held-out prediction, problem), but trains only from the nearest
    kept number of epochs below: the minibatches of successive ``train`` calls come from one
    random generator, seeded as ``train`` seeds it, so a run continued from epoch k is the
    same run. The problem is judged as ``train`` judges it, on the whole run from epoch 0.
    """

    def __init__(self, sizes, activation, lr):
        self.split = split = data.running_example()
        self.net = Network(list(sizes), activation=activation, output_activation="sigmoid", seed=0)
        self.lr = lr
        self.rng = np.random.default_rng(self.net.seed)        # what train(seed=None) would use
        self.start_size = self.net._largest_parameter()
        self.loss = [self.net._loss(split.X_train, split.Y_train)]      # epochs 0..furthest, as History records
        self.kept = {}                     # epochs -> (weights, biases, generator state, prediction, problem)
        self._keep(0)

    def _keep(self, epochs):
        net = self.net
        problem = net._went_wrong(SimpleNamespace(loss=self.loss[:epochs + 1]), self.lr, self.start_size)
        prediction = float(net.forward(self.split.X_test)[0, 0])
        self.kept[epochs] = ([W.copy() for W in net.weights], [b.copy() for b in net.biases],
                             copy.deepcopy(self.rng.bit_generator.state), prediction, problem)

    def _train(self, start, epochs):
        """Train from the state kept at ``start`` to ``epochs``; None, or the result of a diverged run."""
        weights, biases, state, _, _ = self.kept[start]
        self.net.weights, self.net.biases = [W.copy() for W in weights], [b.copy() for b in biases]
        self.rng.bit_generator.state = copy.deepcopy(state)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TrainingWarning)
            try:
                history = self.net.train(self.split.X_train, self.split.Y_train, lr=self.lr,
                                         epochs=epochs - start, batch_size=BATCH_SIZE, seed=self.rng)
            except TrainingDiverged as err:
                if start:                  # its message counts the epochs of this call: run from 0 for the true one
                    return self._train(0, epochs)
                prediction = float(self.net.forward(self.split.X_test)[0, 0])   # the weights before the blow-up
                return np.asarray(err.history.loss, dtype=float), prediction, str(err)
        if len(self.loss) < epochs + 1:
            self.loss = self.loss[:start + 1] + list(history.loss[1:])
        self._keep(epochs)
        return None

    def result(self, epochs):
        """(loss (epochs + 1,), prediction for the held-out sample, problem or None)."""
        if epochs not in self.kept:
            diverged = self._train(max(k for k in self.kept if k < epochs), epochs)
            if diverged is not None:
                return diverged
        _, _, _, prediction, problem = self.kept[epochs]
        return np.asarray(self.loss[:epochs + 1], dtype=float), prediction, problem


@lru_cache(maxsize=64)
def _kept_run(sizes, activation, lr):
    return KeptRun(sizes, activation, lr)


def _run(sizes, activation, lr, epochs):
    """(loss (k,), held-out prediction, problem) for one setting; more epochs continue a kept run."""
    return _kept_run(sizes, activation, lr).result(epochs)


def _setup(fig):
    ax_loss, ax_norm = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.12, top=0.8, wspace=0.32)   # fixed: no layout pass
    (loss_line,) = ax_loss.plot([], [], color="black", animated=True)
    ax_loss.set(title="Training loss (minibatches of 4)", xlabel="epoch", ylabel="mean squared error")
    ax_norm.set(title="Gradient norms before training", xlabel="layer l",
                ylabel="norm of grad_W(l) L (log scale)")
    return {"ax_loss": ax_loss, "loss": loss_line, "ax_norm": ax_norm, "bars": None, "bars_of": None,
            "title": fig.suptitle("", animated=True)}


def _update(scene, sizes, activation, lr, epochs):
    layer_sizes = tuple(parse_layer_sizes(sizes))
    norms = _norms(layer_sizes, activation)
    loss, prediction, problem = _run(layer_sizes, activation, float(lr), int(epochs))
    ax_loss, ax_norm = scene["ax_loss"], scene["ax_norm"]
    widgets.log_axis(ax_loss.yaxis, widgets.decade_limits(loss))
    ax_loss.set_xlim(0, widgets.nice_ceiling(epochs))
    scene["loss"].set_data(np.arange(len(loss)), loss)

    layers = np.arange(1, len(norms) + 1)
    positive = norms[norms > 0]                 # a dead ReLU layer can have a gradient of exactly 0
    low, high = widgets.decade_limits(positive) if positive.size else (1e-3, 1.0)
    widgets.log_axis(ax_norm.yaxis, (low / 10, high))          # room below the shortest bar
    if scene["bars_of"] != (layer_sizes, activation):         # the bars depend on these two only
        if scene["bars"] is not None:
            scene["bars"].remove()
        scene["bars"] = ax_norm.bar(layers, np.where(norms > 0, norms, low / 100), color=COLOURS["blue"],
                                    animated=True)
        for bar in scene["bars"]:
            bar.set_animated(True)
        scene["bars_of"] = (layer_sizes, activation)
    if list(ax_norm.get_xticks()) != list(layers):    # a new locator only when the depth changes
        ax_norm.set_xticks(layers)
    ax_norm.set_xlim(0.4, len(norms) + 0.6)

    # two lines: the longest network the text box takes (3, nine times 32, 1) fills most of the first
    scene["title"].set_text(f"network {'-'.join(map(str, layer_sizes))}, {activation} hidden, lr = {lr:.3g}, "
                            f"{epochs} epochs\nheld-out sample (1, 1, 0): prediction {prediction:.3f} (target 1)")
    if norms[-1] == 0:
        note = f"Final training loss {loss[-1]:.5f}; the last layer's gradient was exactly 0 at the start."
    else:
        note = (f"Final training loss {loss[-1]:.5f}; first layer's gradient is "
                f"{norms[0] / norms[-1]:.1e} times the last layer's.")
    if problem:
        note += f" {problem}"
    alt = (f"Two panels for a network with layer sizes {list(layer_sizes)}, {activation} hidden layers, learning rate "
           f"{lr:.3g} and {epochs} epochs: left, the training loss on a log scale goes from {loss[0]:.2g} to "
           f"{loss[-1]:.2g}; right, one bar per layer for the gradient norm before training, from "
           f"{norms[0]:.2g} in layer 1 to {norms[-1]:.2g} in layer {len(norms)}.")
    return note, alt


def deep_network_playground():
    """Layer sizes, hidden activation, learning rate and epochs; live loss curve and gradient norms."""
    controls = {
        "sizes": widgets.text("3, 8, 8, 1", "layer sizes", placeholder="3, 4, 4, 4, 4, 1"),
        "activation": widgets.dropdown(["sigmoid", "tanh", "relu"], "tanh", "hidden activation"),
        "lr": widgets.slider(0.5, 0.01, 5.0, 0.1, "learning rate", train=True, log=True),
        "epochs": widgets.int_slider(200, 50, 1000, 50, "epochs", train=True),
    }
    return widgets.Playground(_update, controls, setup=_setup, figsize=(8.4, 4.4),
                              title="A network of any depth on the running example "
                                    "(retrains when you press Enter or release a slider)",
                              suggestions=[{"sizes": "3, 8, 8, 8, 8, 8, 8, 1", "activation": "sigmoid"},
                                           {"sizes": "3, 8, 8, 8, 8, 8, 8, 1", "activation": "tanh"},
                                           {"sizes": "3, 8, 8, 8, 8, 8, 8, 1", "activation": "sigmoid", "lr": 5.0},
                                           {"sizes": "3, 8, 8, 8, 8, 8, 8, 1", "activation": "tanh", "lr": 5.0},
                                           {"sizes": "3, 1"}, {"sizes": "3, 32, 1"}])
