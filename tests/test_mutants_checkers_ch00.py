"""Tests that kill mutants which survived the full mutation run over the exercise checkers of
notebook 00 (nn_helpers.exercises.ch00; see README, "Mutation testing"). Expected texts are written by hand.
Each message is asserted in full where a word added at its start or end would otherwise go unseen; the first
case of every checker is the notebook's example, named in the message."""
import numpy as np
import pytest

from nn_helpers.exercises import ch00
from solutions import ch00 as s00

TIP = ("To see which entries are off, compare your function with finite differences: "
       "gradcheck.numerical_gradient(lambda: loss, p) nudges one entry of p at a time.")
FIRST_MSE = "for a of shape (4, 1) and y of shape (4,), "
FIRST_JACOBIAN = "for x = (1.0, 2.0, 3.0), "
FIRST_SQUARED_NORM = "for A of shape (2, 3) and x of shape (3, 1), "
FIRST_QUADRATIC = "for A of shape (2, 2) and x of shape (2, 1), "


def _flat_mse(a, y):
    return float(np.mean((np.ravel(a) - np.ravel(y)) ** 2))


# -- Exercise 1: mean squared error ----------------------------------------------------------------
def test_mse_as_text_is_quoted():
    feedback = ch00.check_mean_squared_error(lambda a, y: "0.8125")
    assert feedback.message == FIRST_MSE + "your function returned the text '0.8125', not a number."


def test_mse_as_a_truth_value_is_called_your_loss():
    feedback = ch00.check_mean_squared_error(lambda a, y: True)
    assert feedback.message == FIRST_MSE + "your loss should be a number, but it is True, a truth value."


def test_a_right_mse_in_a_one_by_one_array_is_accepted():
    feedback = ch00.check_mean_squared_error(lambda a, y: np.array([[_flat_mse(a, y)]]))
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("answer", [lambda a, y: _flat_mse(a, y) * (1 + 1e-7),     # rtol 1e-9, not 1e-5
                                    lambda a, y: _flat_mse(a, y) + 5e-9])           # atol 0, not 1e-8
def test_an_mse_off_in_the_seventh_digit_is_wrong(answer):
    assert ch00.check_mean_squared_error(answer).status == "wrong"


@pytest.mark.parametrize("answer", [lambda a, y: 4 * _flat_mse(a, y) * (1 + 1e-7),
                                    lambda a, y: 4 * _flat_mse(a, y) + 1e-8])
def test_a_value_near_the_sum_is_not_called_the_sum(answer):
    """(0.25 + 1 + 1 + 1) = 3.25, the mean 0.8125; 3.25 - 0.8125 = 2.4375."""
    feedback = ch00.check_mean_squared_error(answer)
    assert feedback.message.startswith(FIRST_MSE + "you get 3.2500, but the mean squared error is 0.8125 "
                                       "(off by +2.44)."), feedback.message


def test_the_generic_mse_message_gives_the_signed_difference():
    feedback = ch00.check_mean_squared_error(lambda a, y: 1.0)
    assert feedback.message == FIRST_MSE + "you get 1.0000, but the mean squared error is 0.8125 (off by +0.188)."


def test_the_root_of_the_mse_is_named():
    feedback = ch00.check_mean_squared_error(lambda a, y: np.sqrt(_flat_mse(a, y)))
    assert feedback.message == FIRST_MSE + "you get the square root of the mean squared error; leave the root out."


def test_an_mse_that_only_works_for_columns_fails_on_a_row():
    """len(a) of a (1, m) row is 1, so the row stays a row and broadcasts against the column y."""
    def by_len(a, y):
        a, y = np.reshape(a, (len(a), -1)), np.reshape(y, (len(y), -1))
        return float(np.mean((a - y) ** 2))
    feedback = ch00.check_mean_squared_error(by_len)
    assert feedback.message.startswith("for a of shape (1, 4) and y of shape (4, 1), you get "), feedback.message
    assert "the mean over all 4 x 4 pairs" in feedback.message


# -- Exercise 2: the Jacobian ----------------------------------------------------------------------
def test_jacobian_as_text_is_called_your_jacobian():
    feedback = ch00.check_jacobian(lambda x: "J")
    assert feedback.message == FIRST_JACOBIAN + "your Jacobian should be numbers, but it is the text 'J'."


def test_jacobian_off_everywhere_gets_the_report_and_the_rule_in_full():
    """J at (1, 2, 3) is [[6, 3, 2], [2, 0, e^3]]; every entry 0.1 too large."""
    feedback = ch00.check_jacobian(lambda x: s00.jacobian(x) + 0.1)
    assert feedback.message == (
        FIRST_JACOBIAN + "your Jacobian has the right shape (2, 3), but 6 of its 6 entries differ: "
        "[0, 0] off by +0.1 (yours 6.1); [0, 1] off by +0.1 (yours 3.1); [0, 2] off by +0.1 (yours 2.1), "
        "and 3 more. Entry (i, j) is the derivative of f_i by x_j; differentiate each entry once more by hand.")


def test_jacobian_of_the_wrong_shape_is_called_your_jacobian():
    feedback = ch00.check_jacobian(lambda x: np.ravel(s00.jacobian(x)))
    assert feedback.message.startswith(FIRST_JACOBIAN + "your Jacobian should have shape (2, 3), but has shape (6,)."), \
        feedback.message


def test_jacobian_without_the_factor_2_is_named_in_full():
    def missing_two(x):
        J = np.array(s00.jacobian(x), dtype=float)
        J[1, 0] = x[0, 0]                       # x1 instead of 2 x1
        return J
    assert ch00.check_jacobian(missing_two).message == (
        FIRST_JACOBIAN + "the derivative of x1^2 by x1 is 2 x1: a factor 2 is missing.")


def test_jacobian_with_row_1_reversed_is_named_in_full():
    def reversed_row(x):
        J = np.array(s00.jacobian(x), dtype=float)
        J[0] = J[0][::-1]
        return J
    assert ch00.check_jacobian(reversed_row).message == (
        FIRST_JACOBIAN + "row 1 is in the wrong order: entry (1, j) is the derivative of f_1 = x1 x2 x3 by x_j, "
        "so it is x2 x3, x1 x3, x1 x2 from left to right.")


def test_jacobian_is_tried_at_five_different_points():
    points = {tuple(case["x"].ravel()) for case in ch00.jacobian_cases()}
    assert len(points) == 5, points


# -- Exercise 3: the chain rule --------------------------------------------------------------------
def test_squared_norm_gradient_as_text_is_called_your_gradient():
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: "g")
    assert feedback.message == FIRST_SQUARED_NORM + "your gradient should be numbers, but it is the text 'g'."


def test_squared_norm_gradient_as_a_row_is_named_in_full():
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: s00.gradient_of_squared_norm(A, x).T)
    assert feedback.message == (
        FIRST_SQUARED_NORM + "you returned the row (1, n): that is the derivative ds/dx in numerator layout. "
        "The gradient is its transpose, a column shaped like x.")


def test_squared_norm_gradient_without_the_factor_2_is_named_in_full():
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: s00.gradient_of_squared_norm(A, x) / 2)
    assert feedback.message == FIRST_SQUARED_NORM + "a factor 2 is missing: ds/dy = 2 y^T for s = y^T y."


def test_squared_norm_gradient_with_A_At_is_named_in_full():
    def a_at(A, x):
        return 2 * A @ A.T @ x if A.shape[0] == A.shape[1] else s00.gradient_of_squared_norm(A, x)
    assert ch00.check_gradient_of_squared_norm(a_at).message == (
        "for A of shape (3, 3) and x of shape (3, 1), you used A A^T; the chain rule gives (ds/dy)(dy/dx) = "
        "2 y^T A, whose transpose is 2 A^T A x.")


def test_squared_norm_gradient_off_everywhere_gets_the_report_and_the_tip_in_full():
    """A = [[1, 2, 0], [-1, 0.5, 3]], x = (1, -2, 0.5): y = A x = (-3, -0.5), 2 A^T y = (-5, -12.5, -3)."""
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: s00.gradient_of_squared_norm(A, x) + 1)
    assert feedback.message == (
        FIRST_SQUARED_NORM + "your gradient has the right shape (3, 1), but 3 of its 3 entries differ: "
        "[0, 0] off by +1 (yours -4); [1, 0] off by +1 (yours -11.5); [2, 0] off by +1 (yours -2). " + TIP)


def test_squared_norm_gradient_of_the_wrong_shape_is_called_your_gradient():
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: np.ravel(s00.gradient_of_squared_norm(A, x)))
    assert feedback.message.startswith(FIRST_SQUARED_NORM + "your gradient should have shape (3, 1), but has "
                                       "shape (3,)."), feedback.message


def test_squared_norm_gradient_that_squeezes_fails_for_a_one_row_A():
    """Squeezing y = A x works for k > 1 rows; for k = 1 it leaves a number, and A^T @ number raises."""
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: (2 * A.T @ np.squeeze(A @ x)).reshape(-1, 1))
    assert feedback.message.startswith("for A of shape (1, "), feedback.message
    assert "your function raised ValueError" in feedback.message


# -- Exercise 4: the quadratic form ----------------------------------------------------------------
@pytest.mark.parametrize("answer, hint", [
    (lambda A, x: 2 * A @ x, "2 A x is right only for a symmetric A. Write q = sum_ij x_i A_ij x_j: x appears "
                             "twice, once on each side of A, and each appearance contributes a term."),
    (lambda A, x: 2 * A.T @ x, "2 A^T x is right only for a symmetric A: both A x and A^T x appear in the answer."),
    (lambda A, x: A @ x, "A x is only the part from the right-hand x; the left-hand x^T contributes A^T x too."),
    (lambda A, x: A.T @ x, "A^T x is only the part from the left-hand x^T; the right-hand x contributes A x too."),
])
def test_quadratic_form_slips_are_named_in_full_on_the_notebooks_example(answer, hint):
    assert ch00.check_gradient_of_quadratic_form(answer).message == FIRST_QUADRATIC + hint


def test_quadratic_form_off_everywhere_gets_the_report_and_the_tip_in_full():
    """A = [[1, 2], [0, 3]], x = (1, -1): the gradient is (0, -4); one more in each entry gives (1, -3)."""
    feedback = ch00.check_gradient_of_quadratic_form(lambda A, x: s00.gradient_of_quadratic_form(A, x) + 1)
    assert feedback.message == (
        FIRST_QUADRATIC + "your gradient has the right shape (2, 1), but 2 of its 2 entries differ: "
        "[0, 0] off by +1 (yours 1); [1, 0] off by +1 (yours -3). " + TIP)


# -- Every checker -----------------------------------------------------------------------------------
@pytest.mark.parametrize("cases", [ch00.mean_squared_error_cases, ch00.jacobian_cases, ch00.squared_norm_cases,
                                   ch00.quadratic_form_cases])
def test_the_random_inputs_are_seeded_so_a_named_input_comes_back(cases):
    first, second = cases(), cases()
    assert [case.description for case in first] == [case.description for case in second]
    for one, other in zip(first, second):
        assert all(np.array_equal(a, b) for a, b in zip(one.args, other.args)), one
