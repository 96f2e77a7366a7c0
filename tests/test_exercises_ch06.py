"""The checkers of notebook 06 accept the reference solutions and name typical mistakes.

The reference solutions are themselves checked against independent oracles here: finite
differences for the two derivatives, a hand value and Python's own float arithmetic for the
others, so a checker and a solution cannot agree on a wrong formula.
"""
import math

import numpy as np
import pytest

from nn_helpers import activations, gradcheck, losses
from nn_helpers.exercises import ch06
from solutions import ch06 as solutions


def not_yet(feedback, words):
    assert feedback.status == "wrong", feedback
    assert words in feedback.message, feedback.message


# -- exercise 1 ---------------------------------------------------------------------------------
def test_bce_delta_accepts_the_solution():
    assert ch06.check_bce_delta(solutions.bce_delta).status == "correct"


def test_bce_delta_solution_is_the_derivative_of_the_loss_of_z():
    rng = np.random.default_rng(1)
    Z, Y = rng.standard_normal((3, 4)), rng.integers(0, 2, (3, 4)).astype(float)
    numerical = gradcheck.numerical_gradient(lambda: losses.binary_cross_entropy(activations.sigmoid(Z), Y), Z)
    assert gradcheck.relative_error(solutions.bce_delta(activations.sigmoid(Z), Y), numerical) < 1e-8


@pytest.mark.parametrize("function, words", [
    (lambda A, Y: (Y - A) / A.shape[1], "sign is flipped"),
    (lambda A, Y: A - Y, "1/m is missing"),
    (lambda A, Y: 2 * (A - Y) / A.shape[1], "2/m of the mean squared error"),
    (lambda A, Y: (A - Y) * A * (1 - A) / A.shape[1], "cancels"),
    (lambda A, Y: (A - Y) / (A * (1 - A)) / A.shape[1], "that is dL/dA"),
    (lambda A, Y: (A - Y) / A.size, "not by the number of entries"),
    (lambda A, Y: (A - Y) / 4, "for A and Y of shape (3, 5)"),        # memorised m of the first case
    (lambda A, Y: (A - Y).T / A.shape[1], "transposed"),
    (lambda A, Y: np.full(A.shape, np.nan), "NaN"),
    (lambda A, Y: "(A - Y)/m", "text"),
    (lambda A, Y: 1 / 0, "ZeroDivisionError"),
])
def test_bce_delta_rejects_typical_mistakes(function, words):
    not_yet(ch06.check_bce_delta(function), words)


def test_bce_delta_placeholders_are_not_attempted():
    def unfinished(A, Y):
        raise NotImplementedError

    for placeholder in (None, unfinished, lambda A, Y: None):
        assert ch06.check_bce_delta(placeholder).status == "not attempted"


# -- exercise 2 ---------------------------------------------------------------------------------
def test_jacobian_entry_accepts_the_solution():
    assert ch06.check_jacobian_entry(solutions.jacobian_entry).status == "correct"


def test_jacobian_entry_solution_matches_finite_differences():
    rng = np.random.default_rng(2)
    z = rng.standard_normal(5)
    a = activations.softmax(z)
    eps = 1e-6
    for k in range(5):
        for j in range(5):
            step = np.eye(5)[j] * eps
            numerical = (activations.softmax(z + step)[k] - activations.softmax(z - step)[k]) / (2 * eps)
            assert solutions.jacobian_entry(a, k, j) == pytest.approx(numerical, abs=1e-9)


@pytest.mark.parametrize("function, words", [
    (lambda a, k, j: a[k] * (1 - a[j]), "the 1 belongs only on the diagonal"),
    (lambda a, k, j: -a[k] * a[j], "on the diagonal (k = j) there is one more term"),
    (lambda a, k, j: a[k] * (1 - a[k]), "off the diagonal"),
    (lambda a, k, j: a[k] * (1 - a[k]) if k == j else 0.0, "not diagonal"),
    (lambda a, k, j: (1.0 if k == j else 0.0) - a[j], "a factor a_k is missing"),
    (lambda a, k, j: a[j] * ((1.0 if k == j else 0.0) - a[j]) + 0.02, "off by"),
    (lambda a, k, j: [a[k] * ((1.0 if k == j else 0.0) - a[j])] * 2, "shape"),
    (lambda a, k, j: a[len(a)], "IndexError"),
])
def test_jacobian_entry_rejects_typical_mistakes(function, words):
    not_yet(ch06.check_jacobian_entry(function), words)


def test_jacobian_entry_cannot_be_memorised():
    first = ch06.jacobian_cases()[0]
    memorised = solutions.jacobian_entry(*first.args)
    not_yet(ch06.check_jacobian_entry(lambda a, k, j: memorised), "for a = ")


# -- exercise 3 ---------------------------------------------------------------------------------
def test_logsumexp_accepts_the_solution_and_the_library():
    assert ch06.check_logsumexp(solutions.logsumexp).status == "correct"
    assert ch06.check_logsumexp(lambda z: activations.logsumexp(z)).status == "correct"


def test_logsumexp_solution_equals_the_definition_and_is_finite_at_1000():
    z = [0.5, -1.25, 2.0]
    assert solutions.logsumexp(np.array(z)) == pytest.approx(math.log(sum(math.exp(v) for v in z)), rel=1e-14)
    assert solutions.logsumexp(np.array([1000.0, 1000.0])) == pytest.approx(1000 + math.log(2), rel=1e-15)
    assert solutions.logsumexp(np.array([-1000.0])) == -1000.0


@pytest.mark.parametrize("function, words", [
    (lambda z: np.log(np.sum(np.exp(z))), "overflows beyond e^709"),
    (lambda z: np.log(np.sum(np.exp(z - z.max()))), "did not add it back"),
    (lambda z: z.max(), "only the largest term"),
    (lambda z: np.log(np.exp(z - z.max())) + z.max(), "return one number"),
    (lambda z: z.max() + np.log(np.sum(np.exp(z - z.max()))) + 1, "off by"),
    (lambda z: float(z.max() + np.log(np.sum(np.exp(z - z.max())))) if len(z) > 2 else 0.0, "for z = "),
    (lambda z: z.max() + np.log1p(np.sum(np.exp(z[z != z.max()] - z.max()))), "for z = [900. 900. 899.], your result is 900.313, off by -0.549."),
])
def test_logsumexp_rejects_typical_mistakes(function, words):
    not_yet(ch06.check_logsumexp(function), words)


def test_logsumexp_checker_does_not_warn_on_a_naive_answer():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        feedback = ch06.check_logsumexp(lambda z: np.log(np.sum(np.exp(z))))
    assert feedback.status == "wrong"


# -- exercise 4 ---------------------------------------------------------------------------------
def test_uniform_loss_accepts_the_solution_and_a_rounded_value():
    assert ch06.check_uniform_loss(solutions.uniform_loss).status == "correct"
    assert ch06.check_uniform_loss(2.3026).status == "correct"


def test_uniform_loss_solution_is_the_loss_of_uniform_outputs():
    Y = np.eye(10)[:, [3, 1, 4, 1, 5]]
    A = np.full((10, 5), 0.1)
    assert losses.cross_entropy(A, Y) == pytest.approx(solutions.uniform_loss, rel=1e-12)
    assert solutions.uniform_loss == pytest.approx(2.302585, rel=1e-6)   # ln 10, by hand


@pytest.mark.parametrize("answer, words", [
    (-2.302585, "positive"),
    (1.0, "natural logarithm"),
    (3.321928, "not base 2"),
    (0.1, "0.1 is the probability"),
    (23.02585, "only the true class"),
    (0.9, "1 - 1/10"),
    (5.0, "not yet"),
    ("log 10", "text"),
    (float("nan"), "finite"),
    ([2.3, 2.3], "one finite number"),
    (1j, "complex"),
])
def test_uniform_loss_rejects_typical_mistakes(answer, words):
    not_yet(ch06.check_uniform_loss(answer), words)


def test_uniform_loss_placeholder_is_not_attempted():
    assert ch06.check_uniform_loss(None).status == "not attempted"
    assert ch06.check_uniform_loss(...).status == "not attempted"
