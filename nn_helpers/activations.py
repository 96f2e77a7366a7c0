"""Activation functions f and their derivatives f', side by side.

Every function works element-wise on a NumPy array of any shape and returns an
array of the same shape and dtype. A network looks them up by name with
``get(name)``, which returns the pair ``(f, f_prime)``.
"""
import numpy as np

__all__ = [
    "identity", "identity_prime", "sigmoid", "sigmoid_prime", "tanh", "tanh_prime",
    "relu", "relu_prime", "get", "NAMES",
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
        raise ValueError(
            f"unknown activation {name!r}; expected one of {', '.join(map(repr, NAMES))}. "
            "Pass the name as a lower-case string, e.g. activation='tanh'."
        )
    return _PAIRS[name]
