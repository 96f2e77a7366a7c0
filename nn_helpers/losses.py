"""Losses and their derivatives side by side: mean squared error (notebooks 01-05), cross-entropy (06).

With outputs A and targets Y of shape (n_out, m), one column per sample:

    L = (1/m) * sum over samples i, sum over outputs k of (A[k, i] - Y[k, i])^2

The mean runs over the m samples and the sum over the n_out outputs, so with a
single output and a single sample it is the plain (a - y)^2 of notebook 01.
"""
import warnings

import numpy as np

from .checks import as_matrix


def _numbers_or_none(value):
    """np.asarray(value), or None where NumPy cannot make a regular array of it (ragged lists)."""
    with warnings.catch_warnings():         # NumPy < 1.24 warns and makes an object array instead
        warnings.simplefilter("ignore")
        try:
            array = np.asarray(value)
        except ValueError:
            return None
    return None if array.dtype.kind == "O" else array


def _check_pair(A, Y):
    """A as a float array (integers and booleans become float64), Y checked against it in A's dtype."""
    A = _numbers_or_none(A)
    if A is None:                   # e.g. ragged lists
        raise ValueError("A (the outputs) must be a 2-D array of numbers, but NumPy cannot read it as one "
                         "(rows of different lengths, or entries that are not numbers).")
    if A.dtype.kind in "biu":       # compute in floating point: never truncate float targets to integers
        A = A.astype(np.float64)
    elif A.dtype.kind != "f":
        raise ValueError(
            f"A (the outputs) must hold real numbers, but has dtype {A.dtype}; "
            "the mean squared error is defined for real outputs only."
        )
    if A.ndim != 2:
        raise ValueError(
            f"A (the outputs) must be 2-D with shape (outputs, samples), but has shape {A.shape}."
        )
    Y = as_matrix("Y", Y, rows=A.shape[0], cols=A.shape[1], dtype=A.dtype, rows_meaning="outputs")
    return A, Y


def mse(A, Y):
    """L = (1/m) sum_i sum_k (A_ki - Y_ki)^2 for A, Y of shape (n_out, m); a float.

    Computed in A's float precision; integer or boolean outputs are computed in float64.
    """
    A, Y = _check_pair(A, Y)
    return _mse(A, Y)


def _mse(A, Y):
    """``mse`` without the checks, for A and Y already checked: float arrays of one shape and dtype.

    Network.train evaluates the loss once per epoch; on the book's small networks the
    checks took longer than the sum itself.
    """
    diff = A - Y
    return float(np.sum(diff * diff) / A.shape[1])


def mse_prime(A, Y):
    """dL/dA = (2/m) (A - Y), shape (n_out, m), the same shape as A."""
    A, Y = _check_pair(A, Y)
    return (2.0 / A.shape[1]) * (A - Y)


# -- cross-entropy (notebook 06) ----------------------------------------------------------
#
# Categorical, for a softmax output whose columns are probability distributions:
#     L = -(1/m) sum_i sum_k Y_ki log A_ki
# Binary, for sigmoid outputs that are each a probability of their own:
#     L = -(1/m) sum_i sum_k [Y_ki log A_ki + (1 - Y_ki) log(1 - A_ki)]
# Both are a mean over samples and a sum over outputs, like the MSE above. A term with
# Y_ki = 0 contributes nothing even where A_ki = 0 (0 log 0 = 0); a true class given
# probability exactly 0 makes the loss honestly infinite. The ``*_from_logits`` forms take
# Z, the pre-activation, and stay finite where A has rounded to exactly 0 or 1; the
# network computes its loss with them.


def _looks_like_labels(Y, n_outputs):
    """True when Y is a row or vector of whole-number class labels for n_outputs > 1 classes."""
    Y = np.asarray(Y)
    if n_outputs < 2 or Y.ndim not in (1, 2) or (Y.ndim == 2 and Y.shape[0] != 1) or Y.size == 0:
        return False
    if Y.dtype.kind not in "iuf":
        return False
    if Y.ndim == 1 and Y.size == n_outputs and np.isin(Y, (0, 1)).all():
        return False  # one one-hot sample given as a vector: as_matrix explains the reshape
    with np.errstate(invalid="ignore"):
        whole = np.all(np.isfinite(Y)) and np.all(Y == np.round(Y))
    return bool(whole and Y.min() >= 0 and Y.max() < n_outputs)


def check_targets(Y, n_outputs, kind, cols=None, dtype=np.float64):
    """Y as a 2-D array of probability targets for ``kind`` 'categorical' or 'binary'.

    Integer class labels (a row such as [3, 0, 7]) are refused with a pointer to
    ``data.one_hot``; categorical targets must have columns that are probability
    distributions (entries in [0, 1], each column summing to 1); binary ones entries in [0, 1].
    """
    if kind not in ("categorical", "binary"):
        raise ValueError(f"kind must be 'categorical' (softmax outputs, one class per sample) or 'binary' "
                         f"(sigmoid outputs, independent yes/no answers), but got {kind!r}.")
    if _looks_like_labels(Y, n_outputs):
        raise ValueError(
            f"Y looks like class labels (whole numbers such as {np.asarray(Y).reshape(-1)[:3].tolist()}), "
            f"but cross-entropy with {n_outputs} outputs needs one-hot targets of shape "
            f"({n_outputs}, samples). Convert them with nn_helpers.data.one_hot(labels, {n_outputs})."
        )
    Y = as_matrix("Y", Y, rows=n_outputs, cols=cols, dtype=dtype, rows_meaning="outputs")
    if Y.min() < 0 or Y.max() > 1:
        raise ValueError(
            f"Y must hold probabilities between 0 and 1 for cross-entropy, but its entries range "
            f"from {Y.min():g} to {Y.max():g}. Use 1 for the true class and 0 elsewhere "
            f"(nn_helpers.data.one_hot), or use loss='mse' for targets that are not probabilities."
        )
    if kind == "categorical":
        sums = Y.sum(axis=0)
        tol = 1e-6 if Y.dtype == np.float64 else 1e-4
        bad = np.flatnonzero(np.abs(sums - 1) > tol)
        if bad.size:
            raise ValueError(
                f"each column of Y must sum to 1 (one probability distribution per sample) for "
                f"categorical cross-entropy, but column {bad[0]} sums to {sums[bad[0]]:g}. "
                f"Build targets with nn_helpers.data.one_hot(labels, {n_outputs}); for several "
                f"independent yes/no outputs use sigmoid outputs (binary cross-entropy) instead."
            )
    return Y


def _check_probabilities(A, Y, kind):
    A = np.asarray(A)
    if A.ndim != 2:
        raise ValueError(
            f"A (the outputs) must be 2-D with shape (outputs, samples), but has shape {A.shape}."
        )
    if A.dtype.kind != "f":
        A = A.astype(np.float64)
    if not np.all((A >= 0) & (A <= 1)):
        raise ValueError(
            f"A must hold probabilities between 0 and 1 (softmax or sigmoid outputs), but its "
            f"entries range from {np.nanmin(A):g} to {np.nanmax(A):g}. Pass the outputs after the "
            f"activation, or use the *_from_logits form for pre-activations Z."
        )
    return A, check_targets(Y, A.shape[0], kind, cols=A.shape[1], dtype=A.dtype)


def _float_dtype(Z):
    return np.float32 if getattr(Z, "dtype", None) == np.float32 else np.float64


def _log(A, where):
    """log A where ``where`` is true, 0 elsewhere; log 0 = -inf there, without a warning."""
    with np.errstate(divide="ignore"):
        return np.log(A, out=np.zeros_like(A), where=where)


def cross_entropy(A, Y):
    """L = -(1/m) sum_i sum_k Y_ki log A_ki for softmax outputs A and one-hot Y, (n, m); a float."""
    A, Y = _check_probabilities(A, Y, "categorical")
    return float(-np.sum(Y * _log(A, Y > 0)) / A.shape[1])


def cross_entropy_prime(A, Y):
    """dL/dA = -(1/m) Y / A, shape (n, m) (0 where Y = 0). Times softmax's Jacobian: (1/m)(A - Y)."""
    A, Y = _check_probabilities(A, Y, "categorical")
    with np.errstate(divide="ignore"):
        return -(1.0 / A.shape[1]) * np.divide(Y, A, out=np.zeros_like(A), where=Y > 0)


def binary_cross_entropy(A, Y):
    """L = -(1/m) sum_i sum_k [Y log A + (1 - Y) log(1 - A)] for sigmoid outputs A, (n, m); a float."""
    A, Y = _check_probabilities(A, Y, "binary")
    return float(-np.sum(Y * _log(A, Y > 0) + (1 - Y) * _log(1 - A, Y < 1)) / A.shape[1])


def binary_cross_entropy_prime(A, Y):
    """dL/dA = (1/m) (A - Y) / (A (1 - A)), shape (n, m). Times sigmoid' = A (1 - A): (1/m)(A - Y)."""
    A, Y = _check_probabilities(A, Y, "binary")
    with np.errstate(divide="ignore", invalid="ignore"):
        return (1.0 / A.shape[1]) * (A - Y) / (A * (1 - A))


def cross_entropy_from_logits(Z, Y):
    """cross_entropy(softmax(Z), Y) computed as -(1/m) sum Y * log_softmax(Z): finite for any finite Z."""
    from .activations import log_softmax

    Z = as_matrix("Z", Z, dtype=_float_dtype(Z), rows_meaning="outputs")
    Y = check_targets(Y, Z.shape[0], "categorical", cols=Z.shape[1], dtype=Z.dtype)
    return float(-np.sum(Y * log_softmax(Z)) / Z.shape[1])


def binary_cross_entropy_from_logits(Z, Y):
    """binary_cross_entropy(sigmoid(Z), Y) computed stably.

    With log sigmoid(z) = -log(1 + e^(-z)) and log(1 - sigmoid(z)) = -z - log(1 + e^(-z)),
    each term is max(z, 0) - y z + log(1 + e^(-|z|)), which never overflows.
    """
    Z = as_matrix("Z", Z, dtype=_float_dtype(Z), rows_meaning="outputs")
    Y = check_targets(Y, Z.shape[0], "binary", cols=Z.shape[1], dtype=Z.dtype)
    terms = np.maximum(Z, 0) - Y * Z + np.log1p(np.exp(-np.abs(Z)))
    return float(np.sum(terms) / Z.shape[1])
