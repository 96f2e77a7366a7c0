"""Checkers for the exercises of notebook 03 (activation functions).

1. ``check_leaky_relu_prime(leaky_relu_prime)``: the derivative of the leaky ReLU
   f(z) = z for z > 0, 0.01 z otherwise, with f'(0) = 0.01 (the left slope, like ReLU'(0) = 0).
2. ``check_jacobian_bytes(answer)``: bytes of diag(f'(z)) and of f'(z) for m = 10 000 in float64.
3. ``check_tanh_neuron_gradients(tanh_neuron_gradients)``: (grad_w L, dL/db) of a tanh neuron,
   in the element-wise form.
4. ``check_swish_prime(swish_prime)``: the derivative of swish, f(z) = z sigma(z), derived by the
   reader with the product rule and written through sigma.
"""
import numpy as np

from .. import activations, neuron
from . import Case, check_function, checker, compare_array, compare_whole, random_cases
from .ch02 import check_neuron_gradients

__all__ = ["check_leaky_relu_prime", "check_jacobian_bytes", "check_tanh_neuron_gradients", "check_swish_prime",
           "swish", "swish_cases"]

ALPHA = 0.01


LEAKY_EXAMPLE = np.array([[-3.0, -0.5, 0.0, 0.5, 3.0], [-1e-3, 1e-3, 2.0, -2.0, 0.0]])
# 5e-324 is the smallest positive float: any threshold above 0 (z > 1e-13) puts it on the wrong side
NEAR_KINK = np.array([5e-324, -5e-324, 1e-12, -1e-12, 1e-8, -1e-8, 5e-6, -5e-6, 5e-5, 2e-4, 0.0])


def leaky_relu_cases():
    """The fixed example, values just beside the kink, then seeded random arrays of shapes (7,), (3, 4), (2, 3, 5)."""
    def spread(rng, shape):
        z = rng.normal(scale=2.0, size=shape) * 10.0 ** rng.integers(-9, 1, size=shape)
        z.flat[0] = 0.0
        return z
    arrays = [LEAKY_EXAMPLE, NEAR_KINK] + random_cases(spread, sizes=((7,), (3, 4), (2, 3, 5)), seed=3)
    return [Case(f"z of shape {z.shape}" + (" with values near the kink" if z is NEAR_KINK else ""), (z,), z=z)
            for z in arrays]


def _judge_leaky_relu_prime(result, case):
    z = case["z"]
    expected = np.where(z > 0, 1.0, ALPHA)
    return compare_array("Exercise 1 (leaky ReLU derivative)", result, expected, name="f'(z)", hints=[
        (activations.relu_prime(z), "that is the plain ReLU's derivative; the leaky ReLU keeps the slope "
                                    "0.01 for z < 0."),
        (np.where(z > 0, 1.0, ALPHA * z), "for z <= 0 you returned the function's value 0.01 z, not its slope 0.01."),
        (np.where(z >= 0, 1.0, ALPHA), "right except at the kink z = 0: take the left slope 0.01 there, as "
                                       "ReLU'(0) = 0 in this book."),
        (np.where(z > 0, z, ALPHA * z), "that is the leaky ReLU itself, f(z), not its derivative f'(z)."),
        (np.where(z > 0, 0.0, ALPHA), "for z > 0 the leaky ReLU is f(z) = z, whose slope is 1."),
    ], suggest="The slope changes exactly at z = 0: compare with z > 0, not with a small threshold.")


@checker("Exercise 1 (leaky ReLU derivative)")
def check_leaky_relu_prime(leaky_relu_prime):
    """Exercise 1: ``leaky_relu_prime(z)`` works element-wise on an array and returns its slopes."""
    return check_function("Exercise 1 (leaky ReLU derivative)", leaky_relu_prime, leaky_relu_cases(),
                          _judge_leaky_relu_prime, "1 for z > 0 and 0.01 for z <= 0, element by element, any shape.")


@checker("Exercise 2 (memory of the Jacobian)")
def check_jacobian_bytes(answer):
    """Exercise 2: (bytes of the (m, m) float64 matrix diag(f'(z)), bytes of the m values f'(z)), m = 10 000."""
    name = "Exercise 2 (memory of the Jacobian)"
    m = 10_000
    return compare_whole(name, answer, (8 * m * m, 8 * m), name="your tuple",
                         what="a tuple of two numbers of bytes", hints=[
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


def _tanh_prime_of_a(w, b, X, y):
    a = np.tanh(w.T @ X + b)
    delta = (2 / X.shape[1]) * (a - y) * activations.tanh_prime(a)
    return X @ delta.T, delta.sum()


def _linear_neuron(w, b, X, y):
    return neuron.gradients(w, b, X, y, "identity")


def _sigmoid_prime(w, b, X, y):
    z = w.T @ X + b
    delta = (2 / X.shape[1]) * (np.tanh(z) - y) * activations.sigmoid_prime(z)
    return X @ delta.T, delta.sum()


@checker("Exercise 3 (tanh neuron)")
def check_tanh_neuron_gradients(tanh_neuron_gradients):
    """Exercise 3: ``tanh_neuron_gradients(w, b, X, y)`` returns (grad_w L (n, 1), dL/db) for a = tanh(z)."""
    return check_neuron_gradients("Exercise 3 (tanh neuron)", tanh_neuron_gradients, "tanh", typical=[
        (_without_f_prime, "the factor f'(z) is missing: delta = (2/m) (a - y) * (1 - tanh(z)^2), "
                           "element by element."),
        (_one_minus_z_squared, "f'(z) = 1 - tanh(z)^2 = 1 - a^2, not 1 - z^2."),
        (_tanh_prime_of_a, "you applied tanh' to a; the slope belongs to z: tanh'(z) = 1 - tanh(z)^2 = 1 - a^2, "
                           "while tanh'(a) = 1 - tanh(a)^2 applies tanh twice."),
        (_linear_neuron, "that is the linear neuron's gradient: the prediction is a = tanh(z), and "
                         "delta needs the factor f'(z)."),
        (_sigmoid_prime, "that uses the sigmoid's derivative; tanh' = 1 - tanh^2."),
    ])


# -- Exercise 4: swish -------------------------------------------------------------------------
def swish(z):
    """f(z) = z sigma(z), element-wise (the function of exercise 4; its derivative is the exercise)."""
    return z * activations.sigmoid(z)


SWISH_TIP = ("Compare with central differences of swish itself: (swish(z + 1e-6) - swish(z - 1e-6)) / 2e-6 "
             "is close to f'(z) for every entry.")
SWISH_EXAMPLE = np.array([[-4.0, -1.0, 0.0, 1.0, 4.0]])
# e^|z| overflows from |z| = 710 on: a form that divides e^z or e^(-z) by itself squared gives NaN there
SWISH_FAR = np.array([-800.0, -710.0, 710.0, 800.0])


def swish_cases():
    """The example row, seeded random arrays of other shapes with large |z| (where sigma saturates),
    then z = +-710 and +-800, where e^|z| overflows."""
    def spread(rng, shape):
        return rng.normal(scale=3.0, size=shape) * rng.choice([1.0, 10.0, 100.0], size=shape)
    arrays = [SWISH_EXAMPLE] + random_cases(spread, sizes=((6,), (3, 4), (2, 2, 3)), seed=30) + [SWISH_FAR]
    return [Case(f"z = {np.array2string(z)}" if z is SWISH_FAR else f"z of shape {z.shape}", (z,), z=z)
            for z in arrays]


def _judge_swish_prime(result, case):
    z = case["z"]
    s = activations.sigmoid(z)
    expected = s + z * s * (1 - s)
    return compare_array("Exercise 4 (swish derivative)", result, expected, name="f'(z)", hints=[
        (s, "that is only the first term of the product rule: (z sigma(z))' = 1 * sigma(z) + z * sigma'(z)."),
        (z * s * (1 - s), "that is only the second term of the product rule: add the derivative of z, times "
                          "sigma(z)."),
        (s * (1 - s), "that is sigma'(z), the derivative of the sigmoid alone; swish is z times sigma(z)."),
        (z * s, "that is swish itself, f(z) = z sigma(z), not its derivative."),
        (s + z * s, "sigma'(z) is sigma(z) (1 - sigma(z)), not sigma(z): the second term is z sigma(z) (1 - sigma(z))."),
        (s + z * (1 - s), "the second term needs sigma'(z) = sigma(z) (1 - sigma(z)); a factor sigma(z) is missing."),
    ], suggest=SWISH_TIP)


@checker("Exercise 4 (swish derivative)")
def check_swish_prime(swish_prime):
    """Exercise 4: ``swish_prime(z)`` returns sigma(z) + z sigma(z)(1 - sigma(z)), element-wise, shaped like z."""
    return check_function("Exercise 4 (swish derivative)", swish_prime, swish_cases(), _judge_swish_prime,
                          "f'(z) = sigma(z) + z sigma(z) (1 - sigma(z)), right for every array tried.")
