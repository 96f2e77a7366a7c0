"""Checkers for the exercises of notebook 03 (activation functions).

1. ``check_leaky_relu_prime(leaky_relu_prime)``: the derivative of the leaky ReLU
   f(z) = z for z > 0, 0.01 z otherwise, with f'(0) = 0.01 (the left slope, like ReLU'(0) = 0).
2. ``check_jacobian_bytes(answer)``: bytes of diag(f'(z)) and of f'(z) for m = 10 000 in float64.
3. ``check_tanh_neuron_gradients(tanh_neuron_gradients)``: (grad_w L, dL/db) of a tanh neuron,
   in the element-wise form.
"""
import numpy as np

from .. import activations, neuron
from . import call_safely, compare_array, not_attempted, open_exercise
from .ch02 import check_neuron_gradients

__all__ = ["check_leaky_relu_prime", "check_jacobian_bytes", "check_tanh_neuron_gradients"]

ALPHA = 0.01


def check_leaky_relu_prime(leaky_relu_prime):
    """Exercise 1: ``leaky_relu_prime(z)`` works element-wise on an array and returns its slopes."""
    name = "Exercise 1 (leaky ReLU derivative)"
    z = np.array([[-3.0, -0.5, 0.0, 0.5, 3.0], [-1e-3, 1e-3, 2.0, -2.0, 0.0]])
    result, failure = call_safely(name, leaky_relu_prime, z.copy())
    if failure is not None:
        return failure
    expected = np.where(z > 0, 1.0, ALPHA)
    return compare_array(name, result, expected, name="f'(z)", hints=[
        (activations.relu_prime(z), "that is the plain ReLU's derivative; the leaky ReLU keeps the slope "
                                    "0.01 for z < 0."),
        (np.where(z > 0, 1.0, ALPHA * z), "for z <= 0 you returned the function's value 0.01 z, not its slope 0.01."),
        (np.where(z >= 0, 1.0, ALPHA), "right except at the kink z = 0: take the left slope 0.01 there, as "
                                       "ReLU'(0) = 0 in this book."),
        (np.where(z > 0, z, ALPHA * z), "that is the leaky ReLU itself, f(z), not its derivative f'(z)."),
        (np.where(z > 0, 0.0, ALPHA), "for z > 0 the leaky ReLU is f(z) = z, whose slope is 1."),
    ])


def check_jacobian_bytes(answer):
    """Exercise 2: (bytes of the (m, m) float64 matrix diag(f'(z)), bytes of the m values f'(z)), m = 10 000."""
    name = "Exercise 2 (memory of the Jacobian)"
    if not_attempted(answer):
        return open_exercise(name, "a tuple of two numbers of bytes")
    m = 10_000
    return compare_array(name, answer, (8 * m * m, 8 * m), name="your tuple", hints=[
        ((m * m, m), "those are the numbers of entries; a float64 takes 8 bytes each."),
        ((64 * m * m, 64 * m), "those are bits: a float64 is 64 bits, that is 8 bytes."),
        ((8 * m * m, 8 * m * m), "the element-wise form never builds the matrix: it keeps only the m "
                                 "diagonal values f'(z_i)."),
        ((8 * m, 8 * m * m), "the order is reversed: first the diagonal matrix, then the element-wise vector."),
        ((8 * m, 8 * m), "diag(f'(z)) is an (m, m) matrix: m * m entries, although only m of them are non-zero."),
    ])


def _without_f_prime(w, b, X, y):
    a = np.tanh(w.T @ X + b)
    delta = (2 / X.shape[1]) * (a - y)
    return X @ delta.T, delta.sum()


def _one_minus_z_squared(w, b, X, y):
    z = w.T @ X + b
    delta = (2 / X.shape[1]) * (np.tanh(z) - y) * (1 - z ** 2)
    return X @ delta.T, delta.sum()


def _linear_neuron(w, b, X, y):
    return neuron.gradients(w, b, X, y, "identity")


def _sigmoid_prime(w, b, X, y):
    z = w.T @ X + b
    delta = (2 / X.shape[1]) * (np.tanh(z) - y) * activations.sigmoid_prime(z)
    return X @ delta.T, delta.sum()


def check_tanh_neuron_gradients(tanh_neuron_gradients):
    """Exercise 3: ``tanh_neuron_gradients(w, b, X, y)`` returns (grad_w L (n, 1), dL/db) for a = tanh(z)."""
    return check_neuron_gradients("Exercise 3 (tanh neuron)", tanh_neuron_gradients, "tanh", typical=[
        (_without_f_prime, "the factor f'(z) is missing: delta = (2/m) (a - y) * (1 - tanh(z)^2), "
                           "element by element."),
        (_one_minus_z_squared, "f'(z) = 1 - tanh(z)^2 = 1 - a^2, not 1 - z^2."),
        (_linear_neuron, "that is the linear neuron's gradient: the prediction is a = tanh(z), and "
                         "delta needs the factor f'(z)."),
        (_sigmoid_prime, "that uses the sigmoid's derivative; tanh' = 1 - tanh^2."),
    ])
