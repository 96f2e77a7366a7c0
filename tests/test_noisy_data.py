"""data.noisy_running_example: the running example's rule y = x1 with Gaussian noise."""
import numpy as np
import pytest

from nn_helpers import data


def test_shapes_bits_and_determinism():
    X, Y = data.noisy_running_example(m=50, noise=0.3, seed=4)
    assert X.shape == (3, 50) and Y.shape == (1, 50)
    assert set(np.unique(X)) <= {0.0, 1.0}
    X2, Y2 = data.noisy_running_example(m=50, noise=0.3, seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    assert not np.array_equal(Y, data.noisy_running_example(m=50, noise=0.3, seed=5)[1])


def test_noise_free_is_the_rule_y_equals_x1():
    X, Y = data.noisy_running_example(m=30, noise=0.0, seed=1)
    np.testing.assert_array_equal(Y, X[:1])


def test_the_noise_has_the_stated_size_and_the_best_fit_is_the_rule():
    """Least squares (numpy's lstsq, not the book's code) recovers w = (1, 0, 0), b = 0,
    and the residual variance is noise^2."""
    X, Y = data.noisy_running_example(m=20000, noise=0.3, seed=0)
    A = np.vstack([X, np.ones((1, X.shape[1]))]).T
    coef, *_ = np.linalg.lstsq(A, Y.ravel(), rcond=None)
    np.testing.assert_allclose(coef, [1.0, 0.0, 0.0, 0.0], atol=0.02)
    residual = Y.ravel() - A @ coef
    assert abs(residual.std() - 0.3) < 0.01
    assert abs(X.mean() - 0.5) < 0.02          # fair bits


@pytest.mark.parametrize("kwargs, match", [
    (dict(noise=-0.1), "noise"), (dict(noise=float("nan")), "noise"), (dict(noise=True), "noise"),
    (dict(m=0), "m"), (dict(m=2.5), "m"), (dict(seed=-1), "seed"),
])
def test_bad_arguments_get_a_clear_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        data.noisy_running_example(**kwargs)
