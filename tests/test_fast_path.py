"""The fast path that Network.train runs gives bit-for-bit the numbers of the plain path.

The plain path (_forward, _gradients, _step) spells out the formulas the notebooks
derive; the fast path (_fast_forward, _fast_step) evaluates the same formulas with
less work. Equality is asserted exactly, not within a tolerance: both paths do the
same floating-point operations, only with fewer temporaries.
"""
import copy

import numpy as np
import pytest

from nn_helpers import Network, activations, data
from nn_helpers import network as network_module

DTYPES = (np.float32, np.float64)


def random_network(rng, activation, output_activation, dtype):
    depth = int(rng.integers(1, 5))
    sizes = [int(s) for s in rng.integers(1, 9, size=depth + 1)]
    net = Network(sizes, activation=activation, output_activation=output_activation,
                  seed=int(rng.integers(1000)), dtype=dtype)
    for b in net.biases:  # non-zero biases exercise every term
        b += rng.standard_normal(b.shape).astype(dtype)
    m = int(rng.integers(1, 12))
    X = rng.standard_normal((sizes[0], m)).astype(dtype)
    Y = rng.standard_normal((sizes[-1], m)).astype(dtype)
    return net, X, Y


def assert_same_parameters(a, b):
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        assert p.dtype == q.dtype
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", activations.NAMES)
def test_fast_step_equals_plain_step_over_many_architectures(activation, dtype):
    rng = np.random.default_rng(sum(map(ord, activation)) + np.dtype(dtype).itemsize)
    for output_activation in activations.NAMES:
        for _ in range(4):
            plain, X, Y = random_network(rng, activation, output_activation, dtype)
            fast = copy.deepcopy(plain)
            assert fast._has_fast_path()
            for _ in range(3):  # several steps: the updated weights feed the next step
                plain._step(X, Y, lr=0.1)
                fast._fast_step(X, Y, lr=0.1)
                assert_same_parameters(plain, fast)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", activations.NAMES)
def test_fast_step_applies_exactly_the_plain_gradients(activation, dtype):
    rng = np.random.default_rng(7)
    net, X, Y = random_network(rng, activation, "sigmoid", dtype)
    dW, db = net.gradients(X, Y)
    expected = [W - 0.3 * g for W, g in zip(net.weights, dW)] + [b - 0.3 * g for b, g in zip(net.biases, db)]
    net._fast_step(X, Y, lr=0.3)
    for got, want in zip(net.weights + net.biases, expected):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", activations.NAMES)
def test_fast_forward_equals_plain_forward(activation, dtype):
    rng = np.random.default_rng(3)
    net, X, Y = random_network(rng, activation, activation, dtype)
    Zs, As = net._forward(X)
    fast_As = net._fast_forward(X)
    assert len(fast_As) == len(As)
    for a, b in zip(As, fast_As):
        assert a.dtype == b.dtype == dtype
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("dtype", DTYPES)
def test_in_place_sigmoid_equals_the_stable_sigmoid(dtype):
    z = np.concatenate([
        np.array([-1000.0, -745.0, -100.0, -88.0, -1e-30, -0.0, 0.0, 1e-30, 88.0, 100.0, 1000.0,
                  -np.inf, np.inf]),
        np.linspace(-40, 40, 2001),
        np.random.default_rng(0).standard_normal(3000) * 10,
    ]).astype(dtype).reshape(1, -1)
    expected = activations.sigmoid(z)
    got = network_module._sigmoid_in_place(z.copy())
    assert got.dtype == dtype
    np.testing.assert_array_equal(got, expected)
    nan = network_module._sigmoid_in_place(np.array([[np.nan]], dtype=dtype))
    assert np.isnan(nan).all()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("batch_size", [None, 1, 4])
def test_train_uses_the_fast_path_and_matches_plain_steps(batch_size, dtype):
    X, Y = data.xor(m=23, seed=4)
    X, Y = X.astype(dtype), Y.astype(dtype)
    trained = Network([2, 5, 3, 1], activation="tanh", output_activation="sigmoid", seed=2, dtype=dtype)
    by_hand = copy.deepcopy(trained)
    calls = []
    fast_backward = trained._fast_backward
    trained._fast_backward = lambda *args: calls.append(1) or fast_backward(*args)
    history = trained.train(X, Y, lr=0.5, epochs=3, batch_size=batch_size, seed=9)

    rng = np.random.default_rng(9)
    plain_losses = [plain_mse(by_hand, X, Y)]
    for _ in range(3):
        for X_batch, Y_batch in data.minibatches(X, Y, batch_size, rng):
            by_hand._step(X_batch, Y_batch, 0.5)
        plain_losses.append(plain_mse(by_hand, X, Y))
    assert len(calls) == history.gradient_evaluations[-1] > 0
    assert_same_parameters(trained, by_hand)
    assert history.loss == plain_losses
    assert history.loss[-1] == trained.loss(X, Y)


def plain_mse(net, X, Y):
    """The mean squared error by its formula, from the plain forward pass."""
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sum((net._forward(X)[1][-1] - Y) ** 2) / X.shape[1])


def plain_cross_entropy(net, X, Y):
    """Cross-entropy by its formula, -(1/m) sum Y log A, from the plain forward pass (float64 logs)."""
    A = net._forward(X)[1][-1].astype(np.float64)
    if net.output_activation == "softmax":
        return float(-np.sum(Y * np.log(A)) / X.shape[1])
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / X.shape[1])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("output_activation, n_out", [("softmax", 3), ("sigmoid", 2)])
def test_full_batch_cross_entropy_training_records_the_loss_of_every_epoch(output_activation, n_out, dtype):
    """The loss recorded after each epoch (from the pass the next step starts from) is that epoch's loss."""
    rng = np.random.default_rng(21)
    X = rng.standard_normal((4, 30)).astype(dtype)
    labels = rng.integers(0, n_out, size=30)
    Y = (np.eye(n_out)[:, labels] if output_activation == "softmax"
         else rng.integers(0, 2, size=(n_out, 30))).astype(dtype)
    trained = Network([4, 6, n_out], activation="relu", output_activation=output_activation,
                      loss="cross_entropy", seed=5, dtype=dtype)
    by_hand = copy.deepcopy(trained)
    history = trained.train(X, Y, lr=0.3, epochs=4)
    expected = [plain_cross_entropy(by_hand, X, Y)]
    for _ in range(4):
        by_hand._step(X, Y, 0.3)
        expected.append(plain_cross_entropy(by_hand, X, Y))
    assert_same_parameters(trained, by_hand)
    tolerance = 1e-5 if dtype == np.float32 else 1e-12       # log-sum-exp against log(softmax): rounding only
    np.testing.assert_allclose(history.loss, expected, rtol=tolerance)
    with np.errstate(over="ignore", invalid="ignore"):      # the loss from the plain path's logits, bit for bit
        assert trained.loss(X, Y) == history.loss[-1] == by_hand._loss_of_logits(by_hand._forward(X)[0][-1], Y)


def test_full_batch_training_that_diverges_keeps_the_epoch_before_and_its_history():
    X, Y = data.xor(m=16, seed=2)
    Y = Y * 1e150                                       # finite loss at first, overflowing after a step
    trained = Network([2, 3, 1], activation="tanh", output_activation="identity", seed=3)
    by_hand = copy.deepcopy(trained)
    with pytest.raises(network_module.TrainingDiverged) as caught:
        trained.train(X, Y, lr=1.0, epochs=50)
    losses = [plain_mse(by_hand, X, Y)]
    before = copy.deepcopy(by_hand)
    while np.isfinite(losses[-1]):
        before = copy.deepcopy(by_hand)
        by_hand._step(X, Y, 1.0)
        losses.append(plain_mse(by_hand, X, Y))
    assert caught.value.history.loss == losses[:-1]
    assert f"diverged in epoch {len(losses) - 1}:" in str(caught.value)
    assert_same_parameters(trained, before)


def test_fast_step_leaves_its_inputs_alone():
    rng = np.random.default_rng(5)
    for activation in activations.NAMES:
        net, X, Y = random_network(rng, activation, "identity", np.float64)
        X_before, Y_before = X.copy(), Y.copy()
        net._fast_step(X, Y, lr=0.2)
        np.testing.assert_array_equal(X, X_before)
        np.testing.assert_array_equal(Y, Y_before)


def test_an_activation_without_a_fast_version_trains_on_the_plain_path(monkeypatch):
    X, Y = data.xor(m=12, seed=1)
    fast = Network([2, 3, 1], activation="tanh", seed=1)
    plain = copy.deepcopy(fast)
    monkeypatch.delitem(network_module._FAST, "tanh")
    assert not plain._has_fast_path()
    plain._fast_step = None  # would fail if called
    h_plain = plain.train(X, Y, lr=0.4, epochs=2, batch_size=5)
    monkeypatch.undo()
    h_fast = fast.train(X, Y, lr=0.4, epochs=2, batch_size=5)
    assert h_plain.loss == h_fast.loss
    assert_same_parameters(plain, fast)


@pytest.mark.parametrize("path", ["fast", "plain"])
@pytest.mark.parametrize("batch_size, loss, output_activation",
                         [(None, "mse", "sigmoid"), (5, "mse", "sigmoid"), (None, "cross_entropy", "softmax"),
                          (4, "cross_entropy", "softmax")])
def test_after_epoch_sees_every_epochs_loss_and_the_outputs_that_gave_it(monkeypatch, path, batch_size, loss,
                                                                          output_activation):
    """train(after_epoch=f) calls f(epoch, loss, A) after each epoch: the loss History records and the
    outputs a fresh forward pass gives at that moment, read-only; training itself is unchanged."""
    X, Y = data.xor(m=12, seed=3)
    if output_activation == "softmax":
        Y = np.vstack([Y, 1 - Y])
    net = Network([2, 4, Y.shape[0]], activation="tanh", output_activation=output_activation, loss=loss, seed=3)
    alone = copy.deepcopy(net)
    if path == "plain":
        monkeypatch.delitem(network_module._FAST, "tanh")
        assert not net._has_fast_path()
    seen = []

    def after_epoch(epoch, epoch_loss, A):
        np.testing.assert_array_equal(A, net.forward(X))          # an independent pass, now
        with pytest.raises(ValueError):
            A[0, 0] = 0.0                                           # read-only: the next step starts from it
        seen.append((epoch, epoch_loss))

    history = net.train(X, Y, lr=0.5, epochs=4, batch_size=batch_size, seed=2, after_epoch=after_epoch)
    monkeypatch.undo()
    assert seen == [(epoch, history.loss[epoch]) for epoch in range(1, 5)]
    assert history.loss == alone.train(X, Y, lr=0.5, epochs=4, batch_size=batch_size, seed=2).loss
    assert_same_parameters(net, alone)


@pytest.mark.parametrize("bad", [1, "print", [print]])
def test_after_epoch_must_be_a_function(bad):
    X, Y = data.xor(m=8, seed=0)
    net = Network([2, 2, 1], seed=0)
    with pytest.raises(ValueError, match=r"after_epoch must be a function called as after_epoch\(epoch, loss, A\)"):
        net.train(X, Y, lr=0.1, epochs=1, after_epoch=bad)
    assert len(net.train(X, Y, lr=0.1, epochs=0, after_epoch=None).loss) == 1
