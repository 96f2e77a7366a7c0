"""Tests that kill mutants which survived the full mutation run over the checkers of notebook 06
(nn_helpers.exercises.ch06; see README, "Mutation testing"). Expected texts are written by hand.
Mistaken answers are built from the reference solutions or by hand. Each hint is asserted whole,
after the ", " that ends the case description; the seeded cases themselves are not pinned (another
seed is another choice of random inputs, README)."""
import re

import numpy as np
import pytest

from nn_helpers.exercises import ch06
from solutions import ch06 as s06
from test_mutants_exercises import _says


def _case_then(feedback, message):
    """A wrong verdict whose message is "for <the case>, " followed by exactly ``message``."""
    assert feedback.status == "wrong", feedback
    assert feedback.message.startswith("for ") and feedback.message.endswith(", " + message), feedback.message


# -- exercise 1: Delta^(L) of binary cross-entropy -------------------------------------------------
@pytest.mark.parametrize("function, message", [
    (lambda A, Y: -s06.bce_delta(A, Y),
     "the sign is flipped: Delta^(L) = dL/dZ is (1/m)(A - Y), positive where the "
     "output is too large."),
    (lambda A, Y: s06.bce_delta(A, Y) * A.shape[1],
     "the 1/m is missing: the loss is a mean over the m samples, so every "
     "derivative carries 1/m."),
    (lambda A, Y: s06.bce_delta(A, Y) / (A * (1 - A)),
     "that is dL/dA; Delta^(L) = dL/dZ multiplies it by sigma'(Z) = A(1 - A)."),
    (lambda A, Y: s06.bce_delta(A, Y) * A.shape[1] / A.size,     # right on the first case, where m = size
     "divide by m, the number of samples (columns), not by the number of entries: "
     "the loss sums over the outputs and averages over the samples."),
])
def test_bce_delta_hints_are_given_word_for_word(function, message):
    _case_then(ch06.check_bce_delta(function), message)


def test_bce_delta_that_drops_the_1_minus_y_term_is_rejected():
    """-Y(1 - A)/m keeps only the y log a part of the loss; it is right only where Y = 1."""
    _says(ch06.check_bce_delta(lambda A, Y: -Y * (1 - A) / A.shape[1]), "Delta^(L) has the right shape")


def test_a_right_bce_delta_written_per_label_is_accepted():
    """Y holds labels 0 and 1: A - 1 where y = 1 and A where y = 0 is the right Delta^(L) times m."""
    feedback = ch06.check_bce_delta(lambda A, Y: np.where(Y == 1, A - 1, A) / A.shape[1])
    assert feedback.status == "correct", feedback


# -- exercise 2: one entry of the softmax Jacobian ------------------------------------------------
@pytest.mark.parametrize("function, message", [
    (lambda a, k, j: a[k] * (1 - a[j]),
     "the 1 belongs only on the diagonal: da_k/dz_j = a_k (delta_kj - a_j), with "
     "delta_kj = 1 when k = j and 0 otherwise."),
    (lambda a, k, j: -a[k] * a[j],
     "on the diagonal (k = j) there is one more term: z_k also sits in the numerator "
     "e^(z_k), which gives a_k; so da_k/dz_k = a_k - a_k^2."),
    (lambda a, k, j: a[k] * (1 - a[k]),
     "off the diagonal (k != j) z_j appears only in the denominator, so the slope "
     "is -a_k a_j, not a_k(1 - a_k)."),
    (lambda a, k, j: a[k] * (1 - a[k]) if k == j else 0.0,
     "the softmax Jacobian is not diagonal: z_j changes every a_k through the sum "
     "in the denominator, giving -a_k a_j for k != j."),
    (lambda a, k, j: s06.jacobian_entry(a, k, j) / a[k],
     "a factor a_k is missing: the quotient rule on e^(z_k) / sum_i e^(z_i) gives "
     "a_k (delta_kj - a_j)."),
])
def test_jacobian_entry_hints_are_given_word_for_word(function, message):
    _case_then(ch06.check_jacobian_entry(function), message)


def test_a_zero_diagonal_jacobian_entry_gets_the_difference_named_by_its_entry():
    """0 on the diagonal is no hinted slip ("not diagonal" is about the entries off it)."""
    case = ch06.jacobian_cases()[0]                                      # the first case is on the diagonal
    k, right = case["k"], s06.jacobian_entry(*case.args)                 # a_k (1 - a_k)
    assert case["j"] == k
    feedback = ch06.check_jacobian_entry(lambda a, k, j: 0.0)
    assert feedback.message == f"for {case.description}, da_{k}/dz_{k} is 0, off by {-right:+.3g}.", \
        feedback.message


def test_jacobian_entry_cases_are_the_same_on_every_run():
    """Seeded: a reader who runs the check again is told about the same input."""
    first, second = ch06.jacobian_cases(), ch06.jacobian_cases()
    assert [case.description for case in first] == [case.description for case in second]


# -- exercise 3: a stable log-sum-exp -------------------------------------------------------------
@pytest.mark.parametrize("function, message", [
    (lambda z: np.log(np.sum(np.exp(z - np.max(z)))),
     "you subtracted c = max z inside the exponent but did not add it back: log sum e^(z_j) = "
     "c + log sum e^(z_j - c)."),
    (lambda z: np.max(z),
     "max z is only the largest term; add log sum_j e^(z_j - c), which lies between 0 and log n."),
])
def test_logsumexp_hints_are_given_word_for_word(function, message):
    _case_then(ch06.check_logsumexp(function), message)


def test_logsumexp_off_by_one_is_called_your_result():
    feedback = ch06.check_logsumexp(lambda z: s06.logsumexp(z) + 1)
    assert re.fullmatch(r"for z = \[[-\d. ]+\], your result is -?\d+\.\d+, off by \+1\.", feedback.message), \
        feedback.message


def test_a_naive_logsumexp_is_told_where_it_overflows_word_for_word():
    feedback = ch06.check_logsumexp(lambda z: np.log(np.sum(np.exp(z))))
    assert re.match(r"for z = \[[-\d. ]+\], your result is inf: ", feedback.message), feedback.message
    assert feedback.message.endswith(
        ", your result is inf: e^(z_j) overflows beyond e^709 (or every e^(z_j) underflows to 0 below e^-745). "
        "Subtract c = max_j z_j inside the exponent, then add c back outside the log."), feedback.message


def test_logsumexp_random_cases_show_z_with_three_decimals():
    for case in ch06.logsumexp_cases()[:3]:                              # the seeded random vectors
        numbers = case.description[len("z = ["):-1].split()
        assert all(re.fullmatch(r"-?\d+\.\d{0,3}", number) for number in numbers), case.description
        assert any(re.fullmatch(r"-?\d+\.\d{3}", number) for number in numbers), case.description


def test_logsumexp_that_guards_only_against_overflow_is_rejected():
    """c = max(max z, 0) never overflows, but for z = [-1000, -1001, -1002] every e^(z_j) underflows to 0."""
    def positive_shift_only(z):
        c = max(np.max(z), 0.0)
        return c + np.log(np.sum(np.exp(z - c)))
    _says(ch06.check_logsumexp(positive_shift_only), "your result is -inf")


def test_logsumexp_that_subtracts_the_mean_is_rejected():
    """The mean of [800, -800] is 0, so e^(800 - 0) still overflows; only c = max z keeps every exponent <= 0."""
    def mean_shift(z):
        c = np.mean(z)
        return c + np.log(np.sum(np.exp(z - c)))
    _says(ch06.check_logsumexp(mean_shift), "your result is inf")


def test_logsumexp_cases_are_the_same_on_every_run():
    first, second = ch06.logsumexp_cases(), ch06.logsumexp_cases()
    assert [case.description for case in first] == [case.description for case in second]
