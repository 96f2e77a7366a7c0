"""Toy data sets generated in code, in the book's column convention.

Every array has one column per sample: inputs X of shape (n, m), targets Y of
shape (n_out, m).
"""
from dataclasses import dataclass
from itertools import product

import numpy as np

from .checks import whole_number


@dataclass(frozen=True)
class Split:
    """Training samples and held-out samples, all with samples as columns.

    X_train: (n, m_train), Y_train: (n_out, m_train),
    X_test: (n, m_test), Y_test: (n_out, m_test).
    """

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


HELD_OUT = (1.0, 1.0, 0.0)


def running_example():
    """The book's running example: 3 binary features, target y = x1.

    All 8 combinations of three bits, in counting order; the sample (1, 1, 0) is
    held out for testing, so X_train is (3, 7), Y_train is (1, 7), X_test is
    (3, 1) and Y_test is (1, 1). Only the first feature carries information, so
    a linear neuron should learn w = (1, 0, 0) and b = 0.
    """
    samples = [s for s in product((0.0, 1.0), repeat=3) if s != HELD_OUT]
    X_train = np.array(samples).T
    X_test = np.array([HELD_OUT]).T
    return Split(X_train, X_train[:1].copy(), X_test, X_test[:1].copy())


def xor(m=200, noise=0.15, seed=0):
    """A noisy XOR: 2 features, label 1 when exactly one coordinate is positive.

    Points gather around the four corners (+-1, +-1) with Gaussian noise of
    standard deviation ``noise``. No straight line separates the two labels,
    so a single neuron fails where a network with a hidden layer succeeds.
    Returns X of shape (2, m) and Y of shape (1, m) with values 0 or 1.
    """
    m = whole_number("m", m, 1)
    rng = np.random.default_rng(seed)
    corners = rng.choice([-1.0, 1.0], size=(2, m))
    X = corners + noise * rng.standard_normal((2, m))
    Y = (corners[0] != corners[1]).astype(np.float64).reshape(1, m)
    return X, Y


def minibatches(X, Y, batch_size, rng):
    """Yield ``(X_batch, Y_batch)`` pairs that cover every sample once.

    Columns are shuffled with ``rng`` (a ``np.random.Generator`` or an int seed)
    and cut into batches of ``batch_size`` columns; the last batch is smaller
    when m is not a multiple of ``batch_size``. ``batch_size=None`` yields the
    whole set once, unshuffled (full-batch gradient descent).
    X: (n, m), Y: (n_out, m) -> batches X_b: (n, <= batch_size), Y_b: (n_out, <= batch_size).
    """
    X = np.asarray(X)
    Y = np.asarray(Y)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must be 2-D with the same number of columns (samples), but got "
            f"shapes {X.shape} and {Y.shape}. Samples are columns: did you pass X.T or Y.T?"
        )
    m = X.shape[1]
    if batch_size is None:
        yield X, Y
        return
    batch_size = whole_number("batch_size", batch_size, 1, " Use None for full-batch gradient descent.")
    rng = np.random.default_rng(rng)
    order = rng.permutation(m)
    for start in range(0, m, batch_size):
        idx = order[start:start + batch_size]
        yield X[:, idx], Y[:, idx]
