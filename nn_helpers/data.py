"""Data sets in the book's column convention: toy sets generated in code, and real digits.

Every array has one column per sample: inputs X of shape (n, m), targets Y of
shape (n_out, m).

The handwritten digits of notebook 06 (``digits``, ``load_digits``) ship inside
this package as ``nn_helpers/digits.csv.gz``, so nothing is downloaded at run
time. They are the "Optical Recognition of Handwritten Digits" data set of the
UCI Machine Learning Repository (E. Alpaydin and C. Kaynak, 1998;
https://doi.org/10.24432/C50P49), licensed under Creative Commons Attribution
4.0 International (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/):
the 1,797 test-set images (8x8 pixels, each a count 0..16 of the ink in a 4x4
block of a 32x32 bitmap, from 13 writers) in the copy that scikit-learn ships
as ``sklearn/datasets/data/digits.csv.gz``, unchanged: one row per image, 64
pixel values row by row, then the label. Its SHA-256 is ``DIGITS_SHA256``.
"""
import gzip
import hashlib
import numbers
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import product

import numpy as np

from .checks import whole_number


def check_seed(name, seed):
    """Return ``seed`` if ``np.random.default_rng`` takes it as the book intends, else a clear ValueError.

    Accepted: None (fresh randomness), a whole number >= 0, or a ``np.random.Generator``.
    """
    if seed is None or isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
        return int(seed)
    raise ValueError(
        f"{name} must be a whole number >= 0 (or None for fresh randomness), but got {seed!r}. "
        f"The same whole number always gives the same random numbers, e.g. {name}=0."
    )


def check_noise(noise, where, default):
    """Return ``noise`` as a float if it is a finite number >= 0, else a clear ValueError."""
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not 0 <= float(noise) < np.inf:
        raise ValueError(f"noise must be a finite number >= 0 (the standard deviation {where}), "
                         f"but got {noise!r}. {default}")
    return float(noise)


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


def noisy_running_example(m=200, noise=0.3, seed=0):
    """The running example with measurement noise: m samples of 3 random bits, y = x1 + noise.

    Each feature is 0 or 1 with equal probability; the target is the first feature
    plus Gaussian noise of standard deviation ``noise``. No choice of w and b fits
    every sample, so even the best linear neuron keeps a loss of about noise^2, and
    the gradient of a small batch points a different way from the full gradient:
    the setting where stochastic and minibatch gradient descent show their noise.
    Returns X of shape (3, m) and Y of shape (1, m).
    """
    m = whole_number("m", m, 1)
    noise = check_noise(noise, "added to y = x1", "The default is 0.3; 0 gives the noise-free rule y = x1.")
    rng = np.random.default_rng(check_seed("seed", seed))
    X = rng.integers(0, 2, size=(3, m)).astype(np.float64)
    Y = X[:1] + noise * rng.standard_normal((1, m))
    return X, Y


def xor(m=200, noise=0.15, seed=0):
    """A noisy XOR: 2 features, label 1 when exactly one coordinate is positive.

    Points gather around the four corners (+-1, +-1) with Gaussian noise of
    standard deviation ``noise``. No straight line separates the two labels,
    so a single neuron fails where a network with a hidden layer succeeds.
    Returns X of shape (2, m) and Y of shape (1, m) with values 0 or 1.
    """
    m = whole_number("m", m, 1)
    noise = check_noise(noise, "around each corner", "The default is 0.15; 0 puts every point exactly on a corner.")
    rng = np.random.default_rng(check_seed("seed", seed))
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
    if batch_size is None:
        yield X, Y
        return
    batch_size = whole_number("batch_size", batch_size, 1, " Use None for full-batch gradient descent.")
    yield from shuffled_batches(X, Y, batch_size, np.random.default_rng(check_seed("rng", rng)))


def shuffled_batches(X, Y, batch_size, rng):
    """``minibatches`` for arguments already checked (Network.train checks them once, not every epoch):
    X (n, m) and Y (n_out, m) arrays, batch_size a whole number >= 1, rng a ``np.random.Generator``."""
    order = rng.permutation(X.shape[1])
    for start in range(0, X.shape[1], batch_size):
        idx = order[start:start + batch_size]
        yield X[:, idx], Y[:, idx]


def one_hot(labels, n_classes):
    """Class labels -> one-hot targets: Y[k, i] = 1 if labels[i] == k else 0.

    labels: (m,) or (1, m) whole numbers in 0..n_classes-1 -> Y: (n_classes, m), float64.
    """
    n_classes = whole_number("n_classes", n_classes, 1)
    raw = np.asarray(labels)
    if raw.ndim == 2 and raw.shape[0] == 1:
        raw = raw[0]
    if raw.ndim != 1:
        raise ValueError(
            f"labels must be a vector of class numbers of shape (m,) or (1, m), but got shape "
            f"{raw.shape}. If these are already one-hot targets, use them as they are."
        )
    if raw.dtype.kind not in "iuf" or (raw.dtype.kind == "f" and not np.all(raw == np.round(raw))):
        raise ValueError(
            f"labels must be whole class numbers such as [3, 0, 7], but got {raw[:5].tolist()} "
            f"(dtype {raw.dtype})."
        )
    if raw.size and (raw.min() < 0 or raw.max() >= n_classes):
        raise ValueError(
            f"labels must lie in 0..{n_classes - 1} for n_classes={n_classes}, but range from "
            f"{raw.min():g} to {raw.max():g}. Did you pass the right n_classes?"
        )
    Y = np.zeros((n_classes, raw.size))
    Y[raw.astype(np.intp), np.arange(raw.size)] = 1.0
    return Y


DIGITS_FILE = "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"


@lru_cache(maxsize=1)
def _digits_arrays():
    raw = resources.files(__package__).joinpath(DIGITS_FILE).read_bytes()
    if hashlib.sha256(raw).hexdigest() != DIGITS_SHA256:
        raise RuntimeError(
            f"the digits file {DIGITS_FILE} inside nn_helpers is damaged (its checksum differs "
            f"from the one it shipped with); reinstall the package."
        )
    table = np.array([line.split(",") for line in gzip.decompress(raw).decode("ascii").split()],
                     dtype=np.float64)
    X = table[:, :64].T / 16.0
    labels = table[:, 64].astype(np.intp)
    X.flags.writeable = False
    labels.flags.writeable = False
    return X, labels


def load_digits():
    """All 1,797 digits: X of shape (64, 1797) with pixels scaled to [0, 1], labels of shape (1797,).

    Column i of X is image i read row by row (``X[:, i].reshape(8, 8)`` shows it);
    labels[i] in 0..9 is its digit. Fresh copies, so changing them changes nothing here.
    """
    X, labels = _digits_arrays()
    return X.copy(), labels.copy()


def digits(test_fraction=0.2, seed=0):
    """The digits split at random into training and test samples, with one-hot targets.

    Returns a ``Split``: X_train (64, m_train), Y_train (10, m_train), X_test (64, m_test),
    Y_test (10, m_test), with m_test = round(test_fraction * 1797). The same seed gives the
    same split; the true digit of a column is ``Y.argmax(axis=0)``.
    """
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, (int, float)) \
            or not 0 < test_fraction < 1:
        raise ValueError(
            f"test_fraction must be a number between 0 and 1 (exclusive), such as 0.2, but got "
            f"{test_fraction!r}."
        )
    X, labels = _digits_arrays()
    m = X.shape[1]
    m_test = min(max(int(round(test_fraction * m)), 1), m - 1)
    order = np.random.default_rng(seed).permutation(m)
    test, train = order[:m_test], order[m_test:]
    Y = one_hot(labels, 10)
    return Split(X[:, train], Y[:, train], X[:, test], Y[:, test])
