"""Tests that kill mutants which survived the full mutation run over the checkers of notebook 02
(nn_helpers.exercises.ch02; README, "Mutation testing"). Expected texts are written by hand.

Right answers are the reference solutions (solutions/ch02.py) or formulas written here; the
mistakes are built from them, never from the checkers' own expected values."""
import numpy as np
import pytest

from nn_helpers.exercises import ch02
from solutions import ch02 as s02
from test_mutants_exercises import _ends, _says

TIP = ("To see which entries are off, compare your function with finite differences: "
       "gradcheck.numerical_gradient(lambda: loss, p) nudges one entry of p at a time.")


def _batch_with(dw_of=lambda dw, m: dw, db_of=lambda db, m: db):
    """The reference batch gradients with dw and db changed as given (m: the number of samples)."""
    def answer(w, b, X, y):
        dw, db = s02.batch_gradients(w, b, X, y)
        return dw_of(dw, X.shape[1]), db_of(db, X.shape[1])
    return answer


# -- Exercise 1: the pair, dw, and db with its own rule ------------------------------------------
def test_batch_gradients_success_names_both_gradients_and_every_batch_size():
    feedback = ch02.check_batch_gradients(s02.batch_gradients)
    assert feedback.status == "correct" and feedback.message == "both dw and db are right for every batch size tried."


def test_batch_gradients_returning_one_number_are_asked_for_the_pair_and_shown_it():
    feedback = ch02.check_batch_gradients(lambda w, b, X, y: 3.0)
    assert feedback.message == ("for X of shape (3, 5), return the pair (dw, db): the gradient for w and the "
                                "derivative for b, but your function returned 3.0."), feedback.message


def test_batch_gradients_with_db_off_by_one_get_the_rule_for_db_on_the_fixed_batch_first():
    feedback = ch02.check_batch_gradients(_batch_with(db_of=lambda db, m: db + 1.0))
    assert feedback.message == ("for X of shape (3, 5), dw is right, but db is off by +1: it is the sum over "
                                "the batch of the entries of delta."), feedback.message


def test_batch_gradients_with_dw_as_a_flat_array_name_dw():
    _says(ch02.check_batch_gradients(_batch_with(dw_of=lambda dw, m: np.ravel(dw))),
          "for X of shape (3, 5), dw should have shape (3, 1), but has shape (3,).")


def test_batch_gradients_with_dw_off_by_a_factor_end_with_the_gradient_check_tip():
    _ends(ch02.check_batch_gradients(_batch_with(dw_of=lambda dw, m: 1.5 * dw)), "not the pattern. " + TIP)


@pytest.mark.parametrize("dw_of, hint", [
    (lambda dw, m: dw / 2, "dw: half the right size: the derivative of (a - y)^2 is 2 (a - y)."),
    (lambda dw, m: dw * m, "dw: m times too large: the loss is a mean, so divide the sum by m."),
    (lambda dw, m: dw * m / 2, "dw: the factor 2 and the 1/m of L = (1/m) sum (a_i - y_i)^2 are both missing."),
], ids=["half", "m times", "both missing"])
def test_batch_gradients_name_the_slip_in_dw_in_full(dw_of, hint):
    feedback = ch02.check_batch_gradients(_batch_with(dw_of=dw_of))
    assert feedback.message == "for X of shape (3, 5), " + hint, feedback.message


def test_batch_gradients_with_db_missing_the_2_and_the_1_over_m_are_named():
    feedback = ch02.check_batch_gradients(_batch_with(db_of=lambda db, m: db * m / 2))
    assert feedback.message == ("for X of shape (3, 5), dw is right, but db: the factor 2 and the 1/m of "
                                "L = (1/m) sum (a_i - y_i)^2 are both missing."), feedback.message


def test_batch_gradients_accept_db_as_a_one_entry_array():
    assert ch02.check_batch_gradients(_batch_with(db_of=lambda db, m: np.array([db]))).correct
    assert ch02.check_batch_gradients(_batch_with(db_of=lambda db, m: np.array([[db]]))).correct


@pytest.mark.parametrize("db_of", [lambda db, m: db * (1 + 5e-6),                   # rtol 1e-6
                                   lambda db, m: db + 1e-6 * abs(db) + 5e-9],         # atol 1e-9
                         ids=["relative", "absolute"])
def test_batch_gradients_hold_db_to_the_tolerance_of_dw(db_of):
    _says(ch02.check_batch_gradients(_batch_with(db_of=db_of)), "dw is right, but db is off by")


@pytest.mark.parametrize("db_of", [lambda db, m: db / 2 * (1 + 5e-6),
                                   lambda db, m: db / 2 + 1e-6 * abs(db / 2) + 5e-9],
                         ids=["relative", "absolute"])
def test_a_db_just_beside_a_slip_is_not_named_as_the_slip(db_of):
    feedback = ch02.check_batch_gradients(_batch_with(db_of=db_of))
    _says(feedback, "dw is right, but db is off by")
    _ends(feedback, ": it is the sum over the batch of the entries of delta.")


def test_batch_gradients_that_break_on_a_single_sample_are_caught():
    def squeezed(w, b, X, y):
        m = X.shape[1]
        r = np.squeeze(w.T @ X + b - y)          # (m,), but one number when m = 1
        return (2 / m) * (X @ r).reshape(-1, 1), (2 / m) * float(r.sum())
    _says(ch02.check_batch_gradients(squeezed), "for X of shape (5, 1), your function raised ValueError")


# -- Exercise 3: weighted samples -----------------------------------------------------------------
def _weighted_with(c_of=lambda c: c, divide_by=None):
    def answer(w, b, X, y, c):
        m = X.shape[1] if divide_by is None else divide_by(X, c)
        r = c_of(c) * (w.T @ X + b - y)
        return (2 / m) * X @ r.T, (2 / m) * float(r.sum())
    return answer


@pytest.mark.parametrize("answer, hint", [
    (_weighted_with(c_of=lambda c: c ** 2), "dw: c is squared: c_i multiplies (a_i - y_i)^2, whose derivative is "
                                            "2 c_i (a_i - y_i), not 2 c_i^2 (a_i - y_i)."),
    (_weighted_with(divide_by=lambda X, c: float(c.sum())),
     "dw: you divided by the sum of the weights; the loss here divides by m."),
    (_weighted_with(divide_by=lambda X, c: 2 * X.shape[1]),
     "dw: a factor 2 is missing: the derivative of (a - y)^2 is 2 (a - y)."),
], ids=["c squared", "sum of the weights", "factor 2"])
def test_weighted_gradients_name_the_slip_in_full_on_the_named_batch(answer, hint):
    feedback = ch02.check_weighted_gradients(answer)
    assert feedback.message == "for X of shape (3, 4), " + hint, feedback.message


def test_a_right_weighted_answer_that_counts_samples_in_y_is_accepted():
    """The exercise gives y as a (1, m) row; every case must keep that promise."""
    def counting_y(w, b, X, y, c):
        m = y.shape[1]
        r = c * (w.T @ X + b - y)
        return (2 / m) * X @ r.T, (2 / m) * float(r.sum())
    assert ch02.check_weighted_gradients(counting_y).status == "correct"


def test_weighted_gradients_that_break_on_a_single_sample_are_caught():
    def squeezed(w, b, X, y, c):
        m = X.shape[1]
        r = np.squeeze(c * (w.T @ X + b - y))    # one number when m = 1
        return (2 / m) * (X @ r).reshape(-1, 1), (2 / m) * float(r.sum())
    _says(ch02.check_weighted_gradients(squeezed), "for X of shape (4, 1), your function raised ValueError")


# -- Exercise 4: least squares ------------------------------------------------------------------
def _least_squares_with(w_of=lambda w: w, b_of=lambda b: b):
    def answer(X, y):
        w, b = s02.least_squares(X, y)
        return w_of(w), b_of(b)
    return answer


def test_least_squares_returning_only_w_are_shown_what_they_returned():
    feedback = ch02.check_least_squares(lambda X, y: s02.least_squares(X, y)[0])
    assert feedback.message == ("for X of shape (3, 12), return the pair (w, b), but your function returned "
                                "an array of shape (3, 1) (dtype float64)."), feedback.message


def test_least_squares_without_the_bias_get_the_whole_hint():
    def no_bias(X, y):
        return np.linalg.lstsq(X.T, y.ravel(), rcond=None)[0].reshape(-1, 1), 0.0
    feedback = ch02.check_least_squares(no_bias)
    assert feedback.message == ("for X of shape (3, 12), that is the best w without a bias (b = 0). Put the bias "
                                "into the unknowns: append a row of ones to X, and solve for (w, b) together."), \
        feedback.message


def test_least_squares_with_a_wrong_w_end_with_the_advice_to_check_the_gradients():
    _ends(ch02.check_least_squares(_least_squares_with(w_of=lambda w: 1.5 * w)),
          "not the pattern. At the right (w, b) both gradients of section 4 are zero: check yours there.")


def test_least_squares_with_w_as_a_flat_array_name_w():
    _says(ch02.check_least_squares(_least_squares_with(w_of=np.ravel)),
          "for X of shape (3, 12), w should have shape (3, 1), but has shape (3,).")


def test_least_squares_with_two_numbers_for_b_say_b_is_one_number():
    feedback = ch02.check_least_squares(_least_squares_with(b_of=lambda b: [b, b]))
    assert feedback.message == ("for X of shape (3, 12), w is right, but b should be a single number, but has "
                                "shape (2,)."), feedback.message


def test_least_squares_accept_b_as_a_one_entry_array():
    """theta[-1] of a solver's (n + 1,) result is such an array."""
    assert ch02.check_least_squares(_least_squares_with(b_of=lambda b: np.array([b]))).correct
    assert ch02.check_least_squares(_least_squares_with(b_of=lambda b: np.array([[b]]))).correct


@pytest.mark.parametrize("w_of, b_of", [
    (lambda w: w * (1 + 5e-6), lambda b: b),                                  # w: rtol 1e-5
    (lambda w: w + 1e-5 * np.abs(w) + 5e-8, lambda b: b),                     # w: atol 1e-7
    (lambda w: w, lambda b: b + 1e-5 * abs(b) + 5e-8),                        # b: atol 1e-7
], ids=["w relative", "w absolute", "b absolute"])
def test_least_squares_within_the_tolerance_of_the_normal_equations_are_accepted(w_of, b_of):
    """Solving X1 X1^T theta = X1 y^T squares the condition number: the check allows rtol 1e-5, atol 1e-7."""
    feedback = ch02.check_least_squares(_least_squares_with(w_of, b_of))
    assert feedback.status == "correct", feedback


def test_least_squares_that_break_on_a_single_input_are_caught():
    _says(ch02.check_least_squares(_least_squares_with(w_of=lambda w: np.squeeze(w)[:, None])),
          "for X of shape (1, 5), your function raised IndexError")


# -- The same answer gets the same feedback on every run ----------------------------------------
@pytest.mark.parametrize("check, answer", [
    (ch02.check_batch_gradients, _batch_with(dw_of=lambda dw, m: 1.5 * dw)),          # on the fixed batch
    (ch02.check_batch_gradients, _batch_with(dw_of=lambda dw, m: dw * m / 5)),        # on a random batch
    (ch02.check_weighted_gradients, _weighted_with(c_of=lambda c: 1.5 * c)),
    (ch02.check_least_squares, _least_squares_with(w_of=lambda w: 1.5 * w)),
], ids=["fixed batch", "random batch", "weighted", "least squares"])
def test_the_same_wrong_answer_gets_the_same_feedback_every_time(check, answer):
    first, second = check(answer), check(answer)
    assert first.status == "wrong" and first.message == second.message, (first.message, second.message)
