"""Mean squared error, the running example and the minibatch generator."""
import numpy as np
import pytest

from nn_helpers import data, losses
from nn_helpers.gradcheck import numerical_gradient, relative_error


def test_mse_is_mean_over_samples_and_sum_over_outputs():
    A = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]])
    Y = np.array([[0.0, 2.0, 1.0], [1.0, 0.0, 1.0]])
    # samples: (1 + 1), (0 + 0), (4 + 0) -> sum 6, m = 3
    assert losses.mse(A, Y) == pytest.approx(2.0)


def test_mse_prime_matches_finite_differences():
    rng = np.random.default_rng(3)
    A, Y = rng.standard_normal((2, 5)), rng.standard_normal((2, 5))
    numerical = numerical_gradient(lambda: losses.mse(A, Y), A)
    assert relative_error(losses.mse_prime(A, Y), numerical) < 1e-8


def test_mse_of_integer_or_boolean_outputs_is_computed_in_floating_point():
    # (1 - .5)^2 + (2 - .5)^2 + (3 - .5)^2 = 0.25 + 2.25 + 6.25 = 8.75, over m = 3 samples
    assert losses.mse([[1, 2, 3]], [[.5, .5, .5]]) == pytest.approx(8.75 / 3, rel=1e-15)
    np.testing.assert_allclose(losses.mse_prime(np.array([[1, 2, 3]]), [[.5, .5, .5]]),
                               [[2 / 3 * 0.5, 2 / 3 * 1.5, 2 / 3 * 2.5]], rtol=1e-15)
    # (1 - .5)^2 + (0 - .5)^2 = 0.5, over m = 2
    assert losses.mse(np.array([[True, False]]), [[.5, .5]]) == pytest.approx(0.25, rel=1e-15)
    np.testing.assert_allclose(losses.mse_prime(np.array([[True, False]]), [[.5, .5]]), [[0.5, -0.5]])


def test_float32_outputs_keep_float32():
    A = np.array([[0.5, 1.5]], dtype=np.float32)
    assert losses.mse_prime(A, [[0.0, 1.0]]).dtype == np.float32


@pytest.mark.parametrize("A, pattern", [
    (np.array([[1 + 2j]]), r"A \(the outputs\) must hold real numbers, but has dtype complex"),
    (np.array([["a"]]), r"must hold real numbers"),
    ([[1.0, 2.0], [3.0]], r"A \(the outputs\) must be a 2-D array of numbers"),
])
def test_mse_refuses_outputs_that_are_not_real_numbers(A, pattern):
    for fn in (losses.mse, losses.mse_prime):
        with pytest.raises(ValueError, match=pattern):
            fn(A, [[0.0]])


def test_mse_rejects_mismatched_shapes_with_a_clear_message():
    with pytest.raises(ValueError, match="Y has 3 rows"):
        losses.mse(np.zeros((1, 3)), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="columns"):
        losses.mse_prime(np.zeros((1, 3)), np.zeros((1, 4)))


def test_running_example():
    split = data.running_example()
    assert split.X_train.shape == (3, 7) and split.Y_train.shape == (1, 7)
    assert split.X_test.shape == (3, 1) and split.Y_test.shape == (1, 1)
    columns = {tuple(c) for c in split.X_train.T} | {tuple(split.X_test[:, 0])}
    assert len(columns) == 8 and columns <= {(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)}
    np.testing.assert_array_equal(split.Y_train, split.X_train[:1])
    np.testing.assert_array_equal(split.Y_test, split.X_test[:1])
    assert tuple(split.X_test[:, 0]) not in {tuple(c) for c in split.X_train.T}


def test_xor_is_deterministic_and_labelled_by_quadrant():
    X, Y = data.xor(m=300, noise=0.1, seed=4)
    X2, Y2 = data.xor(m=300, noise=0.1, seed=4)
    np.testing.assert_array_equal(X, X2)
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    clear = np.all(np.abs(X) > 0.5, axis=0)  # far from the axes the label is the quadrant's
    np.testing.assert_array_equal(Y[0, clear], (np.sign(X[0, clear]) != np.sign(X[1, clear])).astype(float))


@pytest.mark.parametrize("m, batch_size", [(10, 3), (10, 5), (7, 10), (1, 1)])
def test_minibatches_cover_every_sample_once(m, batch_size):
    X = np.arange(2 * m, dtype=float).reshape(2, m)
    Y = np.arange(m, dtype=float).reshape(1, m)
    batches = list(data.minibatches(X, Y, batch_size, rng=0))
    sizes = [b[0].shape[1] for b in batches]
    assert sum(sizes) == m and all(s == batch_size for s in sizes[:-1]) and 0 < sizes[-1] <= batch_size
    seen = np.concatenate([yb[0] for _, yb in batches])
    np.testing.assert_array_equal(np.sort(seen), Y[0])
    for Xb, Yb in batches:  # columns stay paired
        np.testing.assert_array_equal(Xb[1] - Xb[0], np.full(Xb.shape[1], m))
        np.testing.assert_array_equal(Xb[0], Yb[0])


def test_minibatches_shuffle_reproducibly():
    X = np.arange(40.0).reshape(1, 40)
    Y = 100 + X                                   # a target that names its sample
    first = list(data.minibatches(X, Y, 8, rng=1))
    again = list(data.minibatches(X, Y, 8, rng=1))
    other = list(data.minibatches(X, Y, 8, rng=2))
    assert all(np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]) for a, b in zip(first, again))
    assert not all(np.array_equal(a[0], b[0]) for a, b in zip(first, other))
    assert not np.array_equal(np.concatenate([b[0] for b in first], axis=1)[0], X[0])
    for Xb, Yb in first + other:                  # the targets are shuffled with their samples
        np.testing.assert_array_equal(Yb, 100 + Xb)


def test_full_batch_yields_everything_once():
    X = np.arange(6.0).reshape(2, 3)
    Y = np.array([[7.0, 8.0, 9.0]])
    (Xb, Yb), = list(data.minibatches(X, Y, None, rng=0))
    np.testing.assert_array_equal(Xb, X)
    np.testing.assert_array_equal(Yb, Y)


@pytest.mark.parametrize("rng", ["a", 1.5, -3])
def test_minibatches_reject_a_bad_seed(rng):
    with pytest.raises(ValueError, match=r"rng must be a whole number >= 0 \(or None"):
        list(data.minibatches(np.zeros((1, 4)), np.zeros((1, 4)), 2, rng=rng))


@pytest.mark.parametrize("kwargs, pattern", [
    ({"noise": float("nan")}, r"noise must be a finite number >= 0.*nan"),
    ({"noise": float("inf")}, r"noise must be a finite number >= 0"),
    ({"noise": -0.1}, r"noise must be a finite number >= 0"),
    ({"noise": "0.1"}, r"noise must be a finite number >= 0"),
    ({"seed": "x"}, r"seed must be a whole number >= 0"),
    ({"seed": 2.0}, r"seed must be a whole number >= 0"),
])
def test_xor_rejects_bad_arguments(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        data.xor(m=5, **kwargs)


def test_xor_without_noise_sits_on_the_corners():
    X, Y = data.xor(m=20, noise=0, seed=3)
    assert set(np.abs(X).ravel()) == {1.0}
    np.testing.assert_array_equal(Y[0], (X[0] != X[1]).astype(float))


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, True])
def test_minibatches_reject_bad_batch_size(batch_size):
    with pytest.raises(ValueError, match="batch_size must be a whole number >= 1"):
        list(data.minibatches(np.zeros((1, 4)), np.zeros((1, 4)), batch_size, rng=0))


def test_minibatches_reject_rows_as_samples():
    with pytest.raises(ValueError, match="Samples are columns"):
        list(data.minibatches(np.zeros((4, 3)), np.zeros((4, 1)), 2, rng=0))
