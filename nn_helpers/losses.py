"""Mean squared error, the book's loss, and its derivative side by side.

With outputs A and targets Y of shape (n_out, m), one column per sample:

    L = (1/m) * sum over samples i, sum over outputs k of (A[k, i] - Y[k, i])^2

The mean runs over the m samples and the sum over the n_out outputs, so with a
single output and a single sample it is the plain (a - y)^2 of notebook 01.
"""
import numpy as np

from .checks import as_matrix


def _check_pair(A, Y):
    A = np.asarray(A)
    if A.ndim != 2:
        raise ValueError(
            f"A (the outputs) must be 2-D with shape (outputs, samples), but has shape {A.shape}."
        )
    Y = as_matrix("Y", Y, rows=A.shape[0], cols=A.shape[1], dtype=A.dtype, rows_meaning="outputs")
    return A, Y


def mse(A, Y):
    """L = (1/m) sum_i sum_k (A_ki - Y_ki)^2 for A, Y of shape (n_out, m); a float."""
    A, Y = _check_pair(A, Y)
    diff = A - Y
    return float(np.sum(diff * diff) / A.shape[1])


def mse_prime(A, Y):
    """dL/dA = (2/m) (A - Y), shape (n_out, m), the same shape as A."""
    A, Y = _check_pair(A, Y)
    return (2.0 / A.shape[1]) * (A - Y)
