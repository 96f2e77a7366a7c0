"""Activation functions f and their derivatives f', side by side.

Every function works element-wise on a NumPy array of any shape and returns an
array of the same shape and dtype. A network looks them up by name with
``get(name)``, which returns the pair ``(f, f_prime)``.

Softmax (notebook 06) is the exception: each output depends on every entry of
its column, so its derivative is a Jacobian matrix per sample, not an
element-wise f'. It lives at the end of this module with its backward rule
(``softmax_backward``) and is used only as a network's output activation.
"""
import numpy as np

__all__ = [
    "identity", "identity_prime", "sigmoid", "sigmoid_prime", "tanh", "tanh_prime",
    "relu", "relu_prime", "get", "NAMES",
    "softmax", "log_softmax", "logsumexp", "softmax_jacobian", "softmax_backward",
]


def identity(z):
    """f(z) = z (the linear neuron of notebooks 01 and 02)."""
    return np.asarray(z)


def identity_prime(z):
    """f'(z) = 1."""
    return np.ones_like(np.asarray(z))


def sigmoid(z):
    """f(z) = 1 / (1 + e^(-z)), computed without overflow.

    The textbook formula overflows for z around -710 and below, because e^(-z)
    exceeds the largest double. With u = e^(-|z|), which lies in (0, 1], the two
    algebraically equal forms 1 / (1 + u) (for z >= 0) and u / (1 + u) (for
    z < 0) never overflow, so sigmoid(-1000) is 0.0 and sigmoid(1000) is 1.0
    without a warning.
    """
    z = np.asarray(z)
    u = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, u) / (1.0 + u)


def sigmoid_prime(z):
    """f'(z) = f(z) (1 - f(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """f(z) = tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z))."""
    return np.tanh(z)


def tanh_prime(z):
    """f'(z) = 1 - tanh(z)^2."""
    t = np.tanh(z)
    return 1.0 - t * t


def relu(z):
    """f(z) = max(0, z)."""
    z = np.asarray(z)
    return np.maximum(z, 0)


def relu_prime(z):
    """f'(z) = 1 for z > 0, else 0.

    ReLU has a kink at z = 0 where no derivative exists; the book follows the
    common convention f'(0) = 0.
    """
    z = np.asarray(z)
    return (z > 0).astype(z.dtype if z.dtype.kind == "f" else np.float64)


_PAIRS = {
    "identity": (identity, identity_prime),
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
}
NAMES = tuple(_PAIRS)


def get(name):
    """Return ``(f, f_prime)`` for an activation name such as ``"sigmoid"``."""
    if not isinstance(name, str) or name not in _PAIRS:
        hint = ("Pass the name as a lower-case string, e.g. activation='tanh'." if name != "softmax" else
                "softmax is not element-wise (each output depends on the whole column), so it is "
                "offered only for the output layer: output_activation='softmax'.")
        raise ValueError(
            f"unknown activation {name!r}; expected one of {', '.join(map(repr, NAMES))}. {hint}"
        )
    return _PAIRS[name]


# -- softmax: one probability distribution per column -----------------------------------

def _columns(Z, name="Z"):
    Z = np.asarray(Z)
    if Z.ndim not in (1, 2):
        raise ValueError(
            f"{name} must have shape (classes, samples), one column per sample, or be a single "
            f"column of shape (classes,), but it has shape {Z.shape}."
        )
    if Z.dtype.kind != "f":
        Z = Z.astype(np.float64)
    return Z


def logsumexp(Z):
    """log sum_j e^(Z_j) over each column, computed as c + log sum_j e^(Z_j - c), c = max_j Z_j.

    Z: (n, m) -> (1, m); Z: (n,) -> a scalar array. Subtracting the column maximum
    changes nothing algebraically (e^c cancels) but keeps every exponent <= 0, so
    nothing overflows: logsumexp([1000, 0]) is 1000.0 without a warning.
    """
    Z = _columns(Z)
    c = Z.max(axis=0, keepdims=True)
    return c + np.log(np.exp(Z - c).sum(axis=0, keepdims=True))


def softmax(Z):
    """A_kj = e^(Z_kj) / sum_i e^(Z_ij): column-wise, each column of A sums to 1.

    Z: (n, m) -> A: (n, m), or (n,) -> (n,). Computed as e^(Z - c) / sum e^(Z - c)
    with c the column maximum (the same value, since e^(-c) cancels), so no
    exponent is positive and softmax([1000, 0]) is [1, 0] with no overflow.
    """
    Z = _columns(Z)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def log_softmax(Z):
    """log softmax(Z) = Z - logsumexp(Z), column-wise, finite even where softmax rounds to 0."""
    Z = _columns(Z)
    return Z - logsumexp(Z)


def softmax_jacobian(a):
    """The Jacobian of one column: da_k/dz_j = a_k (delta_kj - a_j), i.e. diag(a) - a a^T.

    a: (n,) or (n, 1), the softmax of one sample -> (n, n), symmetric and not diagonal.
    """
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    return np.diag(a) - np.outer(a, a)


def softmax_backward(A, G):
    """dL/dZ from G = dL/dA through softmax, column by column, without building a Jacobian.

    For each column, dL/dz = J^T g with J = diag(a) - a a^T, which is
    a * g - a (a^T g) = a * (g - a^T g). A, G: (n, m) -> (n, m).
    """
    A, G = _columns(A, "A"), _columns(G, "G")
    if A.shape != G.shape:
        raise ValueError(
            f"A (the softmax outputs) and G (dL/dA) must have the same shape, but got {A.shape} "
            f"and {G.shape}."
        )
    return A * (G - (A * G).sum(axis=0, keepdims=True))
