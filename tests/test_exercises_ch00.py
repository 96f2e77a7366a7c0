"""Notebook 00's exercise checkers accept the reference solutions, report placeholders as
not attempted, and name the typical mistakes. The expected values inside the checkers are
held against an independent oracle (central differences)."""
import numpy as np
import pytest

from nn_helpers import gradcheck
from nn_helpers.exercises import ch00
from solutions import ch00 as solutions


def _placeholder(*args):
    ...


def _not_implemented(*args):
    raise NotImplementedError


def _numerical_jacobian(f, x, eps=1e-6):
    """Column j: (f(x + eps e_j) - f(x - eps e_j)) / (2 eps); f maps (n, 1) to (k, 1)."""
    columns = []
    for j in range(x.shape[0]):
        step = np.zeros_like(x)
        step[j] = eps
        columns.append((f(x + step) - f(x - step)) / (2 * eps))
    return np.hstack(columns)


@pytest.mark.parametrize("check", [ch00.check_mean_squared_error, ch00.check_jacobian,
                                   ch00.check_gradient_of_squared_norm])
@pytest.mark.parametrize("placeholder", [None, ..., _placeholder, _not_implemented])
def test_placeholders_are_not_attempted_and_never_raise(check, placeholder):
    feedback = check(placeholder)
    assert feedback.status == "not attempted", feedback
    assert "Not attempted yet" in repr(feedback)


@pytest.mark.parametrize("check", [ch00.check_mean_squared_error, ch00.check_jacobian,
                                   ch00.check_gradient_of_squared_norm])
def test_a_crashing_answer_is_reported_not_raised(check):
    def crashes(*args):
        return 1 / 0

    feedback = check(crashes)
    assert feedback.status == "wrong" and "ZeroDivisionError" in feedback.message


# -- Exercise 1: mean squared error ------------------------------------------------------------
def test_mean_squared_error_accepts_the_reference_solution():
    feedback = ch00.check_mean_squared_error(solutions.mean_squared_error)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("answer, message", [
    (lambda a, y: np.mean((a - y) ** 2), "broadcasts to a (4, 4)"),
    (lambda a, y: (a - y) ** 2, "the loss is one number"),
    (lambda a, y: np.sum((np.ravel(a) - np.ravel(y)) ** 2), "the mean divides by m"),
    (lambda a, y: np.mean(np.abs(np.ravel(a) - np.ravel(y))), "mean absolute error"),
    (lambda a, y: "0.8125", "not a number"),
    (lambda a, y: 1.0, "but the mean squared error is 0.8125"),
])
def test_mean_squared_error_names_typical_mistakes(answer, message):
    feedback = ch00.check_mean_squared_error(answer)
    assert feedback.status == "wrong" and message in feedback.message, feedback


# -- Exercise 2: the Jacobian ------------------------------------------------------------------
def f_exercise_2(x):
    x1, x2, x3 = x[:, 0]
    return np.array([[x1 * x2 * x3], [x1 ** 2 + np.exp(x3)]])


@pytest.mark.parametrize("case", ch00.jacobian_cases())
def test_the_checker_expects_what_finite_differences_say(case):
    x = case["x"]
    numerical = _numerical_jacobian(f_exercise_2, x)
    assert gradcheck.relative_error(ch00._jacobian(x), numerical) < 1e-8


def test_jacobian_accepts_the_reference_solution():
    feedback = ch00.check_jacobian(solutions.jacobian)
    assert feedback.status == "correct", feedback


def test_jacobian_accepts_any_correct_form():
    feedback = ch00.check_jacobian(lambda x: _numerical_jacobian(f_exercise_2, x))
    assert feedback.status == "correct", feedback


def _with(change):
    def answer(x):
        J = solutions.jacobian(x)
        return change(J, x[:, 0])
    return answer


@pytest.mark.parametrize("answer, message", [
    (_with(lambda J, x: J.T), "you returned the transpose"),
    (_with(lambda J, x: J.reshape(3, 2)), "should have shape (2, 3)"),
    (_with(lambda J, x: np.vstack([J[0], [x[0], 0.0, np.exp(x[2])]])), "factor 2 is missing"),
    (_with(lambda J, x: np.vstack([J[0, ::-1], J[1]])), "row 1 is in the wrong order"),
    (_with(lambda J, x: J + 0.1), "6 of its 6 entries differ"),
    (lambda x: "J", "should be numbers"),
])
def test_jacobian_names_typical_mistakes(answer, message):
    feedback = ch00.check_jacobian(answer)
    assert feedback.status == "wrong" and message in feedback.message, feedback


# -- Exercise 3: the chain rule ----------------------------------------------------------------
@pytest.mark.parametrize("case", range(len(ch00.squared_norm_cases())))
def test_reference_gradient_matches_finite_differences(case):
    A, x = (v.copy() for v in ch00.squared_norm_cases()[case].args)
    numerical = gradcheck.numerical_gradient(lambda: float(np.sum((A @ x) ** 2)), x)
    assert gradcheck.relative_error(solutions.gradient_of_squared_norm(A, x), numerical) < 1e-8


def test_gradient_of_squared_norm_accepts_the_reference_solution():
    feedback = ch00.check_gradient_of_squared_norm(solutions.gradient_of_squared_norm)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("answer, message", [
    (lambda A, x: 2 * (A @ x).T @ A, "you returned the row"),
    (lambda A, x: A.T @ A @ x, "a factor 2 is missing"),
    (lambda A, x: -2 * A.T @ A @ x, "the sign is flipped"),
    (lambda A, x: (2 * A.T @ A @ x).ravel(), "a (n,) array is not a (n, 1) column"),
    (lambda A, x: 2 * A @ A.T @ x if A.shape[0] == A.shape[1] else 2 * A.T @ A @ x, "you used A A^T"),
    (lambda A, x: 2 * A.T @ x[:A.shape[0]], "entries differ"),
])
def test_gradient_of_squared_norm_names_typical_mistakes(answer, message):
    feedback = ch00.check_gradient_of_squared_norm(answer)
    assert feedback.status == "wrong" and message in feedback.message, feedback


# -- Memorised answers and single-size code fail -------------------------------------------------
def _memorised(solution, cases):
    """A function that returns the right numbers for the notebook's first example only."""
    remembered = solution(*cases[0].args)
    return lambda *args: remembered


@pytest.mark.parametrize("check, solution, cases", [
    (ch00.check_mean_squared_error, solutions.mean_squared_error, ch00.mean_squared_error_cases()),
    (ch00.check_jacobian, solutions.jacobian, ch00.jacobian_cases()),
    (ch00.check_gradient_of_squared_norm, solutions.gradient_of_squared_norm, ch00.squared_norm_cases()),
])
def test_memorised_numbers_are_rejected(check, solution, cases):
    feedback = check(_memorised(solution, cases))
    assert feedback.status == "wrong" and "for " in feedback.message, feedback


def test_mean_squared_error_with_a_fixed_m_is_rejected():
    feedback = ch00.check_mean_squared_error(lambda a, y: float(np.sum((np.ravel(a) - np.ravel(y)) ** 2) / 4))
    assert feedback.status == "wrong" and "shape (3,)" in feedback.message, feedback


def test_mean_squared_error_hand_value():
    """(0.25 + 1 + 1 + 1) / 4 = 0.8125 for the notebook's example, worked out by hand."""
    assert ch00.check_mean_squared_error(lambda a, y: 0.8125).status == "wrong"    # memorised
    a, y = ch00.MSE_EXAMPLE
    assert solutions.mean_squared_error(a, y) == 0.8125


def test_gradient_of_squared_norm_for_one_shape_only_is_rejected():
    def square_only(A, x):
        return 2 * A.T @ A @ x if A.shape == (2, 3) else np.zeros_like(x)
    assert ch00.check_gradient_of_squared_norm(square_only).status == "wrong"


# -- Exercise 4: the gradient of a quadratic form ----------------------------------------------
def test_quadratic_form_cases_hold_against_central_differences():
    """The gradient the checker expects, (A + A^T) x, is the reference solution; both are held against
    central differences of q(x) = x^T A x, which know nothing of the formula."""
    from nn_helpers import gradcheck
    for case in ch00.quadratic_form_cases():
        A, x = case["A"], case["x"].copy()
        numerical = gradcheck.numerical_gradient(lambda: (x.T @ A @ x).item(), x)
        np.testing.assert_allclose(solutions.gradient_of_quadratic_form(A, x), numerical, rtol=1e-7, atol=1e-9)


def test_quadratic_form_hand_value():
    """A = [[1, 2], [0, 3]], x = (1, -1): q = x1^2 + 2 x1 x2 + 3 x2^2, so dq/dx1 = 2 x1 + 2 x2 = 0 and
    dq/dx2 = 2 x1 + 6 x2 = -4 (worked out by hand)."""
    A, x = ch00.QUADRATIC_EXAMPLE
    np.testing.assert_allclose(solutions.gradient_of_quadratic_form(A, x), [[0.0], [-4.0]])


def test_quadratic_form_accepts_the_reference_solution():
    feedback = ch00.check_gradient_of_quadratic_form(solutions.gradient_of_quadratic_form)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("answer, words", [
    (lambda A, x: 2 * A @ x, "only for a symmetric A"),
    (lambda A, x: 2 * A.T @ x, "only for a symmetric A"),
    (lambda A, x: A @ x, "only the part from the right-hand x"),
    (lambda A, x: A.T @ x, "only the part from the left-hand x^T"),
    (lambda A, x: ((A + A.T) @ x).T, "transposed shape"),
    (lambda A, x: ((A + A.T) @ x).ravel(), "(n, 1) column"),
    (lambda A, x: -(A + A.T) @ x, "differ"),
])
def test_quadratic_form_names_typical_mistakes(answer, words):
    feedback = ch00.check_gradient_of_quadratic_form(answer)
    assert feedback.status == "wrong" and words in feedback.message, feedback


def test_quadratic_form_placeholder_is_not_attempted():
    assert ch00.check_gradient_of_quadratic_form(lambda A, x: None).status == "not attempted"


def test_quadratic_form_memorised_numbers_are_rejected():
    remembered = solutions.gradient_of_quadratic_form(*ch00.QUADRATIC_EXAMPLE)
    feedback = ch00.check_gradient_of_quadratic_form(lambda A, x: remembered)
    assert feedback.status == "wrong" and "for A of shape (3, 3)" in feedback.message, feedback
