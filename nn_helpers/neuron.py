"""One neuron, with the formulas of notebooks 01 to 03 written out as derived there.

A neuron has a weight column w of shape (n, 1) and a scalar bias b. For a batch
X of shape (n, m), one column per sample, and targets y^T of shape (1, m):

    forward:   z^T = w^T X + b 1^T        a^T = f(z^T)
    loss:      L = (1/m) sum_i (a_i - y_i)^2
    backward:  delta^T = (2/m) (a - y)^T * f'(z)^T          (* is element-wise)
               grad_w L = X delta        (n, 1)
               dL/db   = sum_i delta_i   (a scalar)

With m = 1 and f the identity this is notebook 01's single sample:
grad_w L = 2 (a - y) x and dL/db = 2 (a - y). ``Network([n, 1])`` computes the
same numbers with the general delta formula; the tests hold the two together.
"""
import numpy as np

from . import activations
from .checks import as_matrix


def _check(w, b, X, y=None):
    w = as_matrix("w", w, rows_meaning="weights")
    if w.shape[1] != 1:
        hint = " Did you pass the row w.T instead of the column w?" if w.shape[0] == 1 else ""
        raise ValueError(f"w must be a column of shape (n, 1), but has shape {w.shape}.{hint}")
    X = as_matrix("X", X, rows=w.shape[0])
    if not np.isscalar(b) and np.size(b) != 1:
        raise ValueError(f"b must be a single number, but got an array of shape {np.shape(b)}.")
    b = float(np.asarray(b).reshape(()))
    if y is None:
        return w, b, X
    y = as_matrix("y", y, rows=1, cols=X.shape[1], rows_meaning="outputs")
    return w, b, X, y


def forward(w, b, X, activation="identity"):
    """z^T = w^T X + b, a^T = f(z^T). w: (n, 1), b: float, X: (n, m) -> (z^T, a^T), each (1, m)."""
    w, b, X = _check(w, b, X)
    f, _ = activations.get(activation)
    z = w.T @ X + b
    return z, f(z)


def gradients(w, b, X, y, activation="identity"):
    """(grad_w L, dL/db) for the mean squared error. Shapes: (n, 1) and a float.

    w: (n, 1), b: float, X: (n, m), y: (1, m) targets as a row.
    """
    w, b, X, y = _check(w, b, X, y)
    _, f_prime = activations.get(activation)
    z, a = forward(w, b, X, activation)
    delta = (2.0 / X.shape[1]) * (a - y) * f_prime(z)    # (1, m)
    return X @ delta.T, float(delta.sum())
