"""Classification (notebook 06): softmax, cross-entropy, one-hot targets, the digits, and the
Network with loss="cross_entropy".

Every derivative is checked against central differences (always) and against PyTorch's
autograd in double precision (when PyTorch is installed); none against itself.
"""
import copy
import gzip
import hashlib
from importlib import resources

import numpy as np
import pytest

from nn_helpers import Network, activations, data, gradcheck, losses

try:
    import torch
except ImportError:  # the book does not need PyTorch; these comparisons then say why they skip
    torch = None
needs_torch = pytest.mark.skipif(torch is None, reason="PyTorch is not installed (pip install torch)")

PAIRS = [("softmax", "cross_entropy"), ("sigmoid", "cross_entropy"), ("softmax", "mse"), ("sigmoid", "mse")]


def random_targets(rng, output_activation, loss, n, m):
    if output_activation == "softmax":
        return data.one_hot(rng.integers(0, n, size=m), n)
    if loss == "cross_entropy":
        return rng.integers(0, 2, size=(n, m)).astype(float)
    return rng.standard_normal((n, m))


def random_logits(rng, n, m, scale=3.0):
    return scale * rng.standard_normal((n, m))


# -- softmax ------------------------------------------------------------------------------
def test_softmax_columns_are_distributions_and_match_the_textbook_formula():
    rng = np.random.default_rng(0)
    Z = random_logits(rng, 5, 7)
    A = activations.softmax(Z)
    naive = np.exp(Z) / np.exp(Z).sum(axis=0)
    np.testing.assert_allclose(A, naive, rtol=1e-13)
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-14)
    # column-wise: a column depends only on its own Z
    Z2 = Z.copy()
    Z2[:, 3] += 100.0 * rng.standard_normal(5)
    np.testing.assert_array_equal(activations.softmax(Z2)[:, [0, 1, 2, 4, 5, 6]], A[:, [0, 1, 2, 4, 5, 6]])


def test_softmax_is_stable_at_plus_and_minus_1000():
    Z = np.array([[1000.0, -1000.0, 0.0], [0.0, -1000.0, 1000.0], [-1000.0, -1000.0, 1000.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # any overflow or invalid operation would raise here
        A = activations.softmax(Z)
        lse = activations.logsumexp(Z)
        log_A = activations.log_softmax(Z)
    np.testing.assert_allclose(A[:, 0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(A[:, 1], [1 / 3] * 3)
    np.testing.assert_allclose(A[:, 2], [0.0, 0.5, 0.5])
    np.testing.assert_allclose(lse, [[1000.0, -1000.0 + np.log(3), 1000.0 + np.log(2)]])
    assert np.isfinite(log_A).all()
    assert log_A[2, 0] == pytest.approx(-2000.0)


def test_softmax_jacobian_matches_finite_differences_and_is_not_diagonal():
    rng = np.random.default_rng(1)
    z = rng.standard_normal(4)
    J = activations.softmax_jacobian(activations.softmax(z))
    eps = 1e-6
    numerical = np.column_stack([
        (activations.softmax(z + eps * e) - activations.softmax(z - eps * e)) / (2 * eps) for e in np.eye(4)
    ])
    assert gradcheck.relative_error(J, numerical) < 1e-8
    assert np.abs(J - np.diag(np.diag(J))).max() > 1e-3


def test_softmax_backward_equals_the_jacobian_transpose_times_g():
    rng = np.random.default_rng(2)
    Z, G = rng.standard_normal((5, 6)), rng.standard_normal((5, 6))
    A = activations.softmax(Z)
    by_jacobian = np.column_stack([activations.softmax_jacobian(A[:, i]).T @ G[:, i] for i in range(6)])
    np.testing.assert_allclose(activations.softmax_backward(A, G), by_jacobian, rtol=1e-12, atol=1e-15)
    with pytest.raises(ValueError, match="same shape"):
        activations.softmax_backward(A, G[:, :2])


# -- the losses and their derivatives ------------------------------------------------------
def test_cross_entropy_by_hand():
    A = np.array([[0.5, 0.1], [0.25, 0.9], [0.25, 0.0]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert losses.cross_entropy(A, Y) == pytest.approx(-(np.log(0.5) + np.log(0.9)) / 2, rel=1e-15)
    # a true class given probability 0 makes the loss honestly infinite
    assert losses.cross_entropy(A, np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])) == np.inf


def test_binary_cross_entropy_by_hand():
    A = np.array([[0.8, 0.3, 1.0]])
    Y = np.array([[1.0, 0.0, 1.0]])
    assert losses.binary_cross_entropy(A, Y) == pytest.approx(-(np.log(0.8) + np.log(0.7)) / 3, rel=1e-15)


@pytest.mark.parametrize("name", ["cross_entropy", "binary_cross_entropy"])
def test_loss_derivatives_match_finite_differences(name):
    rng = np.random.default_rng(3)
    Z = random_logits(rng, 4, 5, scale=1.0)
    if name == "cross_entropy":
        A, Y = activations.softmax(Z), data.one_hot(rng.integers(0, 4, 5), 4)
    else:
        A, Y = activations.sigmoid(Z), rng.integers(0, 2, (4, 5)).astype(float)
    loss, prime = getattr(losses, name), getattr(losses, name + "_prime")
    numerical = gradcheck.numerical_gradient(lambda: loss(A, Y), A, eps=1e-7)
    assert gradcheck.relative_error(prime(A, Y), numerical) < 1e-7


@pytest.mark.parametrize("name", ["cross_entropy", "binary_cross_entropy"])
def test_from_logits_equals_the_loss_of_the_activation_and_stays_finite(name):
    rng = np.random.default_rng(4)
    Z = random_logits(rng, 3, 6)
    f = activations.softmax if name == "cross_entropy" else activations.sigmoid
    Y = data.one_hot(rng.integers(0, 3, 6), 3) if name == "cross_entropy" else rng.integers(0, 2, (3, 6)) * 1.0
    from_logits = getattr(losses, name + "_from_logits")
    assert from_logits(Z, Y) == pytest.approx(getattr(losses, name)(f(Z), Y), rel=1e-12)
    # a confidently wrong sample: A rounds to exactly 0 or 1, the loss is large but finite
    Z_far = np.array([[1000.0], [-1000.0], [0.0]])
    Y_far = np.array([[0.0], [1.0], [0.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = from_logits(Z_far, Y_far)
    assert value == pytest.approx(2000.0 if name == "cross_entropy" else 1000 + 1000 + np.log(2), rel=1e-12)


@pytest.mark.parametrize("output_activation", ["softmax", "sigmoid"])
def test_delta_of_cross_entropy_with_its_output_is_a_minus_y_over_m(output_activation):
    """dL/dZ by central differences on the loss of Z equals (1/m)(A - Y)."""
    rng = np.random.default_rng(5)
    Z = random_logits(rng, 4, 3, scale=1.0)
    Y = random_targets(rng, output_activation, "cross_entropy", 4, 3)
    from_logits = (losses.cross_entropy_from_logits if output_activation == "softmax"
                   else losses.binary_cross_entropy_from_logits)
    f = activations.softmax if output_activation == "softmax" else activations.sigmoid
    numerical = gradcheck.numerical_gradient(lambda: from_logits(Z, Y), Z)
    assert gradcheck.relative_error((f(Z) - Y) / 3, numerical) < 1e-8


@needs_torch
def test_losses_and_softmax_equal_pytorch():
    rng = np.random.default_rng(6)
    Z = random_logits(rng, 5, 8)
    labels = rng.integers(0, 5, 8)
    Y = data.one_hot(labels, 5)
    Zt = torch.tensor(Z.T, requires_grad=True)  # PyTorch puts samples in rows
    ce = torch.nn.functional.cross_entropy(Zt, torch.tensor(labels), reduction="mean")
    ce.backward()
    assert losses.cross_entropy_from_logits(Z, Y) == pytest.approx(ce.item(), rel=1e-12)
    np.testing.assert_allclose((activations.softmax(Z) - Y) / 8, Zt.grad.numpy().T, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(activations.softmax(Z), torch.softmax(torch.tensor(Z), dim=0).numpy(), rtol=1e-12)

    B = rng.integers(0, 2, (5, 8)).astype(float)
    Zt = torch.tensor(Z, requires_grad=True)
    bce = torch.nn.functional.binary_cross_entropy_with_logits(Zt, torch.tensor(B), reduction="sum") / 8
    bce.backward()
    assert losses.binary_cross_entropy_from_logits(Z, B) == pytest.approx(bce.item(), rel=1e-12)
    np.testing.assert_allclose((activations.sigmoid(Z) - B) / 8, Zt.grad.numpy(), rtol=1e-10, atol=1e-15)


# -- bad input to the losses --------------------------------------------------------------
@pytest.mark.parametrize("call, pattern", [
    (lambda: losses.cross_entropy(np.full((3, 2), 1 / 3), np.array([[2, 0]])), r"class labels.*one_hot\(labels, 3\)"),
    (lambda: losses.cross_entropy(np.full((3, 2), 1 / 3), np.array([2, 0])), r"class labels.*one_hot"),
    (lambda: losses.cross_entropy(np.full((3, 2), 1 / 3), np.ones((3, 2))), r"column 0 sums to 3"),
    (lambda: losses.cross_entropy(np.full((3, 2), 1 / 3), -np.eye(3)[:, :2]), r"between 0 and 1"),
    (lambda: losses.cross_entropy(np.array([[2.0, -1.0]]).T, np.eye(2)[:, :1]), r"A must hold probabilities"),
    (lambda: losses.cross_entropy(np.full((3, 2), 1 / 3), np.eye(2)), r"Y has 2 rows"),
    (lambda: losses.binary_cross_entropy(np.full((1, 2), 0.5), np.array([[0.0, 2.0]])), r"between 0 and 1"),
    (lambda: losses.binary_cross_entropy(np.full((1, 2), 0.5), np.array([[0.0, np.nan]])), r"NaN"),
    (lambda: losses.cross_entropy_from_logits(np.zeros((3, 2)), np.array([1, 2])), r"one_hot"),
])
def test_bad_targets_get_a_clear_error(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


# -- one_hot -------------------------------------------------------------------------------
def test_one_hot_by_hand():
    np.testing.assert_array_equal(data.one_hot([2, 0, 1, 2], 3),
                                  [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    np.testing.assert_array_equal(data.one_hot(np.array([[1.0, 0.0]]), 2), [[0, 1], [1, 0]])
    assert data.one_hot([], 4).shape == (4, 0)


@pytest.mark.parametrize("labels, n, pattern", [
    ([0, 3], 3, r"must lie in 0\.\.2.*range from 0 to 3"),
    ([-1, 0], 3, r"must lie in 0\.\.2"),
    ([0.5, 1], 3, r"whole class numbers"),
    (np.eye(3), 3, r"shape \(3, 3\).*already one-hot"),
    (["a"], 3, r"whole class numbers"),
    ([0, 1], 0, r"n_classes must be a whole number >= 1"),
])
def test_one_hot_rejects_bad_labels(labels, n, pattern):
    with pytest.raises(ValueError, match=pattern):
        data.one_hot(labels, n)


# -- the digits ----------------------------------------------------------------------------
def test_the_shipped_digits_file_is_the_published_one():
    raw = resources.files("nn_helpers").joinpath("digits.csv.gz").read_bytes()
    # the SHA-256 of sklearn/datasets/data/digits.csv.gz in scikit-learn 1.9.1, written out by hand
    assert hashlib.sha256(raw).hexdigest() == "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
    rows = gzip.decompress(raw).decode("ascii").split()
    assert len(rows) == 1797 and all(len(r.split(",")) == 65 for r in rows)


def test_digits_shape_range_and_class_counts():
    X, labels = data.load_digits()
    assert X.shape == (64, 1797) and labels.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(np.unique(X * 16), np.arange(17))  # pixel counts 0..16, scaled
    # class counts of the UCI test set (as documented with the data)
    np.testing.assert_array_equal(np.bincount(labels), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    # the first image is a 0 (its first row of pixels in the file: 0,0,5,13,9,1,0,0)
    assert labels[0] == 0
    np.testing.assert_array_equal(X[:8, 0] * 16, [0, 0, 5, 13, 9, 1, 0, 0])


def test_load_digits_returns_copies():
    X, labels = data.load_digits()
    X[:] = 0
    labels[:] = 0
    X2, labels2 = data.load_digits()
    assert X2.max() == 1.0 and labels2.max() == 9


def test_digits_split_is_deterministic_disjoint_and_complete():
    a, b, c = data.digits(seed=0), data.digits(seed=0), data.digits(seed=1)
    for name in ("X_train", "Y_train", "X_test", "Y_test"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.X_test, c.X_test)
    assert a.X_train.shape == (64, 1438) and a.Y_train.shape == (10, 1438)
    assert a.X_test.shape == (64, 359) and a.Y_test.shape == (10, 359)
    np.testing.assert_array_equal(a.Y_train.sum(axis=0), 1.0)
    X, labels = data.load_digits()
    together = np.concatenate([a.X_train, a.X_test], axis=1)
    all_labels = np.concatenate([a.Y_train.argmax(0), a.Y_test.argmax(0)])
    original = {tuple(col) + (lab,) for col, lab in zip(X.T, labels)}
    split = {tuple(col) + (lab,) for col, lab in zip(together.T, all_labels)}
    assert split == original and together.shape[1] == 1797
    assert data.digits(test_fraction=0.5).X_test.shape == (64, 898)


@pytest.mark.parametrize("fraction", [0, 1, -0.2, 1.5, "0.2", True])
def test_digits_rejects_a_bad_test_fraction(fraction):
    with pytest.raises(ValueError, match="test_fraction must be a number between 0 and 1"):
        data.digits(test_fraction=fraction)


# -- the Network with cross-entropy and softmax ---------------------------------------------
def random_classifier(rng, output_activation, loss, dtype=np.float64, hidden=None):
    depth = int(rng.integers(1, 4))
    sizes = [int(s) for s in rng.integers(2, 7, size=depth + 1)]
    net = Network(sizes, activation=hidden or str(rng.choice(["sigmoid", "tanh"])),
                  output_activation=output_activation, loss=loss, seed=int(rng.integers(1000)), dtype=dtype)
    for b in net.biases:
        b += rng.standard_normal(b.shape).astype(dtype)
    m = int(rng.integers(1, 8))
    X = rng.standard_normal((sizes[0], m)).astype(dtype)
    Y = random_targets(rng, output_activation, loss, sizes[-1], m).astype(dtype)
    return net, X, Y


@pytest.mark.parametrize("output_activation, loss", PAIRS)
def test_network_gradients_match_finite_differences(output_activation, loss):
    rng = np.random.default_rng(sum(map(ord, output_activation + loss)))
    for _ in range(15):
        net, X, Y = random_classifier(rng, output_activation, loss)
        check = gradcheck.check_network(net, X, Y)
        assert check.max_error < 1e-7, (net, check)


@needs_torch
@pytest.mark.parametrize("output_activation, loss", PAIRS)
def test_network_gradients_equal_pytorch_autograd(output_activation, loss):
    rng = np.random.default_rng(10 + len(output_activation + loss))
    for _ in range(10):
        net, X, Y = random_classifier(rng, output_activation, loss)
        Ws = [torch.tensor(W, requires_grad=True) for W in net.weights]
        bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
        hidden = torch.sigmoid if net.activation == "sigmoid" else torch.tanh
        A = torch.tensor(X)
        for l, (W, b) in enumerate(zip(Ws, bs)):
            Z = W @ A + b
            A = hidden(Z) if l < len(Ws) - 1 else None
        Yt = torch.tensor(Y)
        m = X.shape[1]
        if loss == "cross_entropy" and output_activation == "softmax":
            L = -(Yt * torch.log_softmax(Z, dim=0)).sum() / m
        elif loss == "cross_entropy":
            L = torch.nn.functional.binary_cross_entropy_with_logits(Z, Yt, reduction="sum") / m
        else:
            A = torch.softmax(Z, dim=0) if output_activation == "softmax" else torch.sigmoid(Z)
            L = ((A - Yt) ** 2).sum() / m
        L.backward()
        assert net.loss(X, Y) == pytest.approx(L.item(), rel=1e-12)
        dW, db = net.gradients(X, Y)
        for mine, theirs in zip(dW + db, Ws + bs):
            np.testing.assert_allclose(mine, theirs.grad.numpy(), rtol=1e-9, atol=1e-13)


@pytest.mark.parametrize("output_activation", ["softmax", "sigmoid"])
def test_cross_entropy_delta_is_a_minus_y_over_m(output_activation):
    rng = np.random.default_rng(12)
    net, X, Y = random_classifier(rng, output_activation, "cross_entropy")
    Zs, As = net._forward(X)
    np.testing.assert_allclose(net._output_delta(Zs[-1], As[-1], Y), (As[-1] - Y) / X.shape[1], rtol=1e-15)


def test_network_loss_equals_the_loss_functions_of_its_output():
    rng = np.random.default_rng(13)
    net, X, Y = random_classifier(rng, "softmax", "cross_entropy")
    assert net.loss(X, Y) == pytest.approx(losses.cross_entropy(net.forward(X), Y), rel=1e-12)
    net, X, Y = random_classifier(rng, "sigmoid", "cross_entropy")
    assert net.loss(X, Y) == pytest.approx(losses.binary_cross_entropy(net.forward(X), Y), rel=1e-12)


def test_mse_stays_the_default_and_unchanged():
    rng = np.random.default_rng(14)
    net = Network([3, 4, 2], seed=3)
    explicit = Network([3, 4, 2], seed=3, loss="mse")
    X, Y = rng.standard_normal((3, 5)), rng.standard_normal((2, 5))
    assert net.loss_name == "mse" and repr(net) == repr(explicit) and "loss" not in repr(net)
    assert net.loss(X, Y) == float(np.sum((net.forward(X) - Y) ** 2) / 5)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("output_activation, loss", PAIRS)
def test_fast_path_is_bit_for_bit_the_plain_path(output_activation, loss, dtype):
    rng = np.random.default_rng(15)
    for _ in range(6):
        plain, X, Y = random_classifier(rng, output_activation, loss, dtype=dtype)
        fast = copy.deepcopy(plain)
        assert fast._has_fast_path()
        np.testing.assert_array_equal(plain._forward(X)[1][-1], fast._fast_forward(X)[-1])
        for _ in range(3):
            plain._step(X, Y, lr=0.2)
            fast._fast_step(X, Y, lr=0.2)
            for p, q in zip(plain.weights + plain.biases, fast.weights + fast.biases):
                assert p.dtype == q.dtype == dtype
                np.testing.assert_array_equal(p, q)


def test_train_on_the_fast_path_equals_plain_steps():
    split = data.digits(seed=3)
    X, Y = split.X_train[:, :200], split.Y_train[:, :200]
    trained = Network([64, 16, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=1)
    by_hand = copy.deepcopy(trained)
    calls = []
    fast_step = trained._fast_step
    trained._fast_step = lambda *args: calls.append(1) or fast_step(*args)
    trained.train(X, Y, lr=0.5, epochs=2, batch_size=32, seed=4)
    rng = np.random.default_rng(4)
    for _ in range(2):
        for X_batch, Y_batch in data.minibatches(X, Y, 32, rng):
            by_hand._step(X_batch, Y_batch, 0.5)
    assert len(calls) == 14
    for p, q in zip(trained.weights + trained.biases, by_hand.weights + by_hand.biases):
        np.testing.assert_array_equal(p, q)


def test_a_small_network_learns_the_digits():
    split = data.digits(seed=0)
    net = Network([64, 32, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)
    history = net.train(split.X_train, split.Y_train, lr=0.5, epochs=20, batch_size=32)
    accuracy = np.mean(net.forward(split.X_test).argmax(axis=0) == split.Y_test.argmax(axis=0))
    assert accuracy > 0.95
    assert history.loss[-1] < 0.1 < np.log(10) * 0.9 < history.loss[0]  # starts near log 10 = chance


def test_cross_entropy_training_does_not_warn_or_diverge_on_confident_outputs():
    X = np.array([[1.0, -1.0]])
    Y = np.array([[1.0, 0.0]])
    net = Network([1, 1], activation="sigmoid", loss="cross_entropy", seed=0)
    net.weights[0][:] = -800.0  # confidently wrong: A rounds to exactly 0 and 1
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        assert net.loss(X, Y) == pytest.approx(800.0, rel=1e-12)
        net.train(X, Y, lr=1.0, epochs=3)
    assert net.loss(X, Y) < 800.0


@pytest.mark.parametrize("call, pattern", [
    (lambda: Network([3, 2], output_activation="tanh", loss="cross_entropy"),
     r"output_activation='tanh'.*Valid pairs: output_activation='softmax'.*output_activation='sigmoid'"),
    (lambda: Network([3, 2], output_activation="identity", loss="cross_entropy"), r"Valid pairs"),
    (lambda: Network([3, 2], loss="crossentropy"), r"unknown loss 'crossentropy'; expected one of 'mse', 'cross_entropy'"),
    (lambda: Network([3, 2], loss=None), r"unknown loss None"),
    (lambda: Network([3, 4, 2], activation="softmax", output_activation="sigmoid"),
     r"unknown activation 'softmax'.*only for the output layer"),
    (lambda: Network([3, 3], output_activation="softmax", loss="cross_entropy").train(
        np.zeros((3, 4)), np.array([[0, 2, 1, 1]]), 0.1, 1), r"class labels.*data\.one_hot\(labels, 3\)"),
    (lambda: Network([3, 3], output_activation="softmax", loss="cross_entropy").loss(
        np.zeros((3, 4)), np.array([0, 2, 1, 1])), r"one_hot"),
    (lambda: Network([3, 3], output_activation="softmax").loss(np.zeros((3, 4)), np.array([[0, 2, 1, 1]])), r"one_hot"),
    (lambda: Network([3, 3], output_activation="softmax", loss="cross_entropy").loss(
        np.zeros((3, 2)), np.ones((3, 2))), r"column 0 sums to 3"),
    (lambda: Network([3, 1], output_activation="sigmoid", loss="cross_entropy").loss(
        np.zeros((3, 2)), np.array([[0.5, 3.0]])), r"between 0 and 1"),
    (lambda: Network([3, 3], output_activation="softmax", loss="cross_entropy").loss(
        np.zeros((3, 2)), np.eye(3)[:, :1]), r"Y has 1 columns \(samples\) but 2 are expected"),
])
def test_bad_configurations_and_targets_get_a_clear_error(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()
