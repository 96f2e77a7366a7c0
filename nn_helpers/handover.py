"""Handing a chapter's code over to the package: one line at the end of notebooks 01 to 05.

Each notebook derives its code in plain view; later notebooks import the package
instead. ``chapter_NN(globals())`` confirms, once, that the package computes the
same numbers as the code the chapter just wrote (the chapter's own functions and
results are looked up by name), and prints one line. A difference raises an
AssertionError that says what differs, so the notebook's test fails.
"""
import numpy as np

from . import activations, costs, data, gradcheck, neuron
from .network import Network


def _take(namespace, chapter, names):
    """The chapter's own objects, by name; a clear error when a cell above was not run."""
    missing = [name for name in names.split() if name not in namespace]
    if missing:
        raise NameError(f"the hand-over check of notebook {chapter} needs {', '.join(missing)} from the cells "
                        f"above; run the notebook from the top (Run All) first.")
    return [namespace[name] for name in names.split()]


def _same(ours, package, what, exact=False, rtol=1e-12, atol=1e-15):
    try:
        if exact:
            np.testing.assert_array_equal(ours, package)
        else:
            np.testing.assert_allclose(ours, package, rtol=rtol, atol=atol)
    except AssertionError as err:
        raise AssertionError(f"hand-over: {what} differ between this notebook and nn_helpers.\n{err}") from None


def _neuron_as_network(w, b, activation="identity"):
    """Network([n, 1]) holding the neuron's w (n, 1) and b: it stores W = w^T, a (1, n) row."""
    net = Network([np.size(w), 1], activation=activation)
    net.weights[0][:], net.biases[0][:] = np.reshape(w, (-1, 1)).T, b
    return net


def chapter_01(namespace):
    """Notebook 01's one-sample-at-a-time loop equals Network([3, 1]).train(batch_size=1)."""
    w0, b0, X, Y, lr, epochs, history = _take(namespace, "01", "w0 b0 X_train Y_train lr epochs history")
    package = _neuron_as_network(w0, b0).train(X, Y, lr=lr, epochs=epochs, batch_size=1, seed=0)
    for field in ("loss", "output_weights", "output_bias"):
        _same(getattr(history, field), getattr(package, field), f"the {field} after each epoch",
              rtol=1e-10, atol=1e-14)
    print(f"handed over: Network([3, 1]).train and our loop agree after each of the {epochs} epochs")


def chapter_02(namespace):
    """Notebook 02's train (full batch, minibatch, SGD) and gradients equal Network's."""
    names = "methods w0 b0 X y lr epochs train w b gradients db"
    methods, w0, b0, X, y, lr, epochs, train, w, b, gradients, db = _take(namespace, "02", names)
    for name, batch_size in methods.items():
        net = _neuron_as_network(w0, b0)
        history = net.train(X, y, lr=lr, epochs=epochs, batch_size=batch_size, seed=1)
        w_end, b_end, loss_curve, updates = train(w0, b0, X, y, lr, epochs, batch_size, seed=1)
        _same(loss_curve, history.loss, f"{name}: the losses", rtol=1e-7)
        _same(w_end, net.weights[0].T, f"{name}: the final weights", rtol=1e-9, atol=1e-12)
        if history.gradient_evaluations != updates:
            raise AssertionError(f"hand-over: {name}: {updates} updates here, "
                                 f"{history.gradient_evaluations} in Network.train.")
    (dW,), (dB,) = _neuron_as_network(w, b).gradients(X, y)
    _same([*gradients(w, b, X, y)[0][:, 0], db], [*dW[0], dB[0, 0]], "the gradients of section 4",
          rtol=1e-7)
    print("handed over: Network.train and our loop agree for all three batch sizes")


def chapter_03(namespace):
    """Notebook 03's activations, derivatives, both gradient forms and training equal the package's."""
    names = ("hand_derivatives grid sigmoid_stable z_wide z_extreme gradients_elementwise gradients_diagonal "
             "w b X y w0 w_end b_end net")
    (hand_derivatives, grid, sigmoid_stable, z_wide, z_extreme, gradients_elementwise, gradients_diagonal,
     w, b, X, y, w0, w_end, b_end, net) = _take(namespace, "03", names)
    for name in ("tanh", "sigmoid", "relu"):
        _same(hand_derivatives[name](grid), activations.get(name)[1](grid), f"{name}'")
    _same(sigmoid_stable(z_wide), activations.sigmoid(z_wide), "the stable sigmoid", atol=0, rtol=1e-15)
    _same(sigmoid_stable(z_extreme), activations.sigmoid(z_extreme), "the sigmoid at extreme z", exact=True)
    for activation in ("sigmoid", "tanh", "relu", "identity"):
        dw_e, db_e = gradients_elementwise(w, b, X, y, activation)
        dW, dB = _neuron_as_network(w, b, activation).gradients(X, y)
        others = {"gradients_diagonal": gradients_diagonal(w, b, X, y, activation),
                  "neuron.gradients": neuron.gradients(w, b, X, y, activation),
                  "costs.gradient_diagonal": costs.gradient_diagonal(w, b, X, y, activation),
                  "costs.gradient_elementwise": costs.gradient_elementwise(w, b, X, y, activation),
                  "Network.gradients": (dW[0].T, dB[0][0, 0])}
        for name, (dw_other, db_other) in others.items():
            _same(dw_e, dw_other, f"{activation}: gradients_elementwise and {name} (w)")
            _same(db_e, db_other, f"{activation}: gradients_elementwise and {name} (b)")
    _same(w0, Network([3, 1], seed=0).weights[0].T, "the starting weights", exact=True)
    _same(w_end, net.weights[0].T, "the trained weights", rtol=1e-9)
    _same(b_end, net.biases[0][0, 0], "the trained bias", rtol=1e-9)
    print("handed over: nn_helpers computes the same activations, gradients and training as this notebook")


def chapter_04(namespace):
    """Notebook 04's two-layer forward, backward and train equal Network([3, 4, 1])'s."""
    names = "W1 b1 W2 b2 X Y forward f f_prime dW1 db1 dW2 db2 train"
    W1, b1, W2, b2, X, Y, forward, f, f_prime, dW1, db1, dW2, db2, train = _take(namespace, "04", names)
    package = Network([3, 4, 1], activation="sigmoid", seed=0)

    def packaged():
        return package.weights[0], package.biases[0], package.weights[1], package.biases[1]
    labels = ("W1", "b1", "W2", "b2")
    for ours, theirs, what in zip((W1, b1, W2, b2), packaged(), labels):
        _same(ours, theirs, f"the starting {what}", exact=True)
    _same(forward(W1, b1, W2, b2, X, f)[3], package.forward(X), "the outputs")
    (lib_dW1, lib_dW2), (lib_db1, lib_db2) = package.gradients(X, Y)
    for ours, theirs, what in zip((dW1, db1, dW2, db2), (lib_dW1, lib_db1, lib_dW2, lib_db2),
                                  ("dW1", "db1", "dW2", "db2")):
        _same(ours, theirs, what)
    if not gradcheck.check_network(package, X, Y).passed:
        raise AssertionError("hand-over: the gradient check of Network([3, 4, 1]) did not pass.")
    package.train(X, Y, lr=1.0, epochs=50)
    ours = train(W1, b1, W2, b2, X, Y, f, f_prime, lr=1.0, epochs=50)
    for mine, lib, what in zip(ours, packaged(), labels):
        _same(mine, lib, f"{what} after 50 epochs", rtol=1e-10)
    print("handed over: Network([3, 4, 1]) computes the same forward pass, gradients and training")


def chapter_05(namespace, seed=3):
    """Notebook 05's init, forward, backward and train equal Network's, on four architectures."""
    init, forward, backward, train = _take(namespace, "05", "init forward backward train")
    split = data.running_example()
    X, Y = split.X_train, split.Y_train
    cases = [([3, 1], "identity", "identity"), ([3, 4, 1], "sigmoid", "sigmoid"),
             ([3, 5, 4, 1], "tanh", "sigmoid"), ([3, 8, 8, 8, 1], "relu", "identity")]
    for sizes, hidden, output in cases:
        net = Network(sizes, activation=hidden, output_activation=output, seed=seed)
        weights, biases = init(sizes, seed=seed)
        fs = [activations.get(hidden)] * (len(sizes) - 2) + [activations.get(output)]
        for ours, theirs in zip(weights + biases, net.weights + net.biases):
            _same(ours, theirs, f"{sizes}: the starting weights", exact=True)
        _same(forward(weights, biases, fs, X)[1][-1], net.forward(X), f"{sizes}: the outputs", exact=True)
        (dW, db), (lib_dW, lib_db) = backward(weights, biases, fs, X, Y), net.gradients(X, Y)
        for ours, theirs in zip(dW + db, lib_dW + lib_db):
            _same(ours, theirs, f"{sizes}: the gradients", exact=True)
        train(weights, biases, fs, X, Y, lr=0.1, epochs=30, batch_size=3, seed=seed)
        net.train(X, Y, lr=0.1, epochs=30, batch_size=3)
        for ours, theirs in zip(weights + biases, net.weights + net.biases):
            _same(ours, theirs, f"{sizes}: the weights after training")
    print("handed over: nn_helpers.Network has our starting weights, outputs, gradients and training")
