"""Tests that kill mutants which survived the full mutation run over the checkers of notebook 03,
nn_helpers.exercises.ch03 (README, "Mutation testing"). Expected texts are written by hand.
Each wrong answer is a typical slip built from the reference solution or by hand; the whole
message is asserted, so that the case description, the name f'(z) and every word of a hint count."""
import numpy as np

from nn_helpers.activations import sigmoid
from nn_helpers.exercises import ch03
from solutions import ch03 as solutions
from test_mutants_exercises import _ends

LEAKY_TIP = "The slope changes exactly at z = 0: compare with z > 0, not with a small threshold."
SWISH_TIP = ("Compare with central differences of swish itself: (swish(z + 1e-6) - swish(z - 1e-6)) / 2e-6 "
             "is close to f'(z) for every entry.")


def _is(feedback, message):
    assert feedback.status == "wrong", feedback
    assert feedback.message == message, feedback.message


# -- Exercise 1: leaky ReLU derivative ------------------------------------------------------------
def test_leaky_relu_plain_relu_derivative_gets_the_whole_hint_on_the_example():
    _is(ch03.check_leaky_relu_prime(lambda z: (z > 0).astype(float)),
        "for z of shape (2, 5), that is the plain ReLU's derivative; the leaky ReLU keeps the slope 0.01 for z < 0.")


def test_leaky_relu_returning_the_value_not_the_slope_gets_the_whole_hint():
    _is(ch03.check_leaky_relu_prime(lambda z: np.where(z > 0, 1.0, 0.01 * z)),
        "for z of shape (2, 5), for z <= 0 you returned the function's value 0.01 z, not its slope 0.01.")


def test_leaky_relu_with_slope_1_at_the_kink_gets_the_whole_hint():
    _is(ch03.check_leaky_relu_prime(lambda z: np.where(z >= 0, 1.0, 0.01)),
        "for z of shape (2, 5), right except at the kink z = 0: take the left slope 0.01 there, "
        "as ReLU'(0) = 0 in this book.")


def test_leaky_relu_itself_gets_the_whole_hint():
    _is(ch03.check_leaky_relu_prime(lambda z: np.where(z > 0, z, 0.01 * z)),
        "for z of shape (2, 5), that is the leaky ReLU itself, f(z), not its derivative f'(z).")


def test_leaky_relu_with_slope_0_on_the_right_gets_the_whole_hint():
    _is(ch03.check_leaky_relu_prime(lambda z: np.where(z > 0, 0.0, 0.01)),
        "for z of shape (2, 5), for z > 0 the leaky ReLU is f(z) = z, whose slope is 1.")


def test_leaky_relu_with_a_tiny_threshold_is_caught_near_the_kink_with_the_tip():
    """By hand: z = 5e-324 and 1e-12 are entries 0 and 2 of the near-kink array; 0.01 instead of 1 is off by -0.99."""
    _is(ch03.check_leaky_relu_prime(lambda z: np.where(z > 1e-9, 1.0, 0.01)),
        "for z of shape (11,) with values near the kink, f'(z) has the right shape (11,), but 2 of its 11 entries "
        "differ: [0] off by -0.99 (yours 0.01); [2] off by -0.99 (yours 0.01). " + LEAKY_TIP)


def test_leaky_relu_with_an_other_left_slope_is_called_f_prime_and_gets_the_tip():
    feedback = ch03.check_leaky_relu_prime(lambda z: np.where(z > 0, 1.0, 0.1))
    assert feedback.message.startswith("for z of shape (2, 5), f'(z) has the right shape (2, 5), but 6 of its "
                                       "10 entries differ: "), feedback.message
    _ends(feedback, "(yours 0.1), and 3 more. " + LEAKY_TIP)


def test_leaky_relu_written_with_z_at_most_0_is_accepted():
    """A right answer: the random arrays hold real numbers (0 at the start), so the order of the test does not matter."""
    assert ch03.check_leaky_relu_prime(lambda z: np.where(z <= 0, 0.01, 1.0)).correct


def test_leaky_relu_cases_are_the_same_every_time():
    """Seeded: a reader who runs the check twice gets the same inputs and the same feedback."""
    first, second = ch03.leaky_relu_cases(), ch03.leaky_relu_cases()
    assert all(np.array_equal(a["z"], b["z"]) for a, b in zip(first, second))


# -- Exercise 4: swish derivative -----------------------------------------------------------------
def test_swish_first_term_only_gets_the_whole_hint():
    _is(ch03.check_swish_prime(lambda z: sigmoid(z)),
        "for z of shape (1, 5), that is only the first term of the product rule: "
        "(z sigma(z))' = 1 * sigma(z) + z * sigma'(z).")


def test_swish_second_term_only_gets_the_whole_hint():
    _is(ch03.check_swish_prime(lambda z: z * sigmoid(z) * (1 - sigmoid(z))),
        "for z of shape (1, 5), that is only the second term of the product rule: add the derivative of z, "
        "times sigma(z).")


def test_swish_sigmoid_derivative_alone_gets_the_whole_hint():
    _is(ch03.check_swish_prime(lambda z: sigmoid(z) * (1 - sigmoid(z))),
        "for z of shape (1, 5), that is sigma'(z), the derivative of the sigmoid alone; swish is z times sigma(z).")


def test_swish_itself_gets_the_whole_hint():
    _is(ch03.check_swish_prime(lambda z: z * sigmoid(z)),
        "for z of shape (1, 5), that is swish itself, f(z) = z sigma(z), not its derivative.")


def test_swish_with_sigma_for_sigma_prime_gets_the_whole_hint():
    _is(ch03.check_swish_prime(lambda z: sigmoid(z) + z * sigmoid(z)),
        "for z of shape (1, 5), sigma'(z) is sigma(z) (1 - sigma(z)), not sigma(z): the second term is "
        "z sigma(z) (1 - sigma(z)).")


def test_swish_without_a_factor_sigma_gets_the_whole_hint():
    _is(ch03.check_swish_prime(lambda z: sigmoid(z) + z * (1 - sigmoid(z))),
        "for z of shape (1, 5), the second term needs sigma'(z) = sigma(z) (1 - sigma(z)); "
        "a factor sigma(z) is missing.")


def test_swish_off_by_a_factor_is_called_f_prime_and_gets_the_tip():
    feedback = ch03.check_swish_prime(lambda z: 2 * solutions.swish_prime(z))
    assert feedback.message.startswith("for z of shape (1, 5), f'(z) has the right shape (1, 5), but 5 of its "
                                       "5 entries differ: "), feedback.message
    _ends(feedback, " the sign is off, not the pattern. " + SWISH_TIP)


def test_swish_quotient_form_that_overflows_for_large_z_is_rejected():
    """e^z (1 + e^z + z) / (1 + e^z)^2 is f'(z) on paper, but e^z squared overflows for z above about 355
    and the answer turns NaN there: the checker tries z where sigma saturates and must say so."""
    def quotient_form(z):
        e = np.exp(z)
        return e * (1 + e + z) / (1 + e) ** 2
    z = np.linspace(-8, 8, 17)
    np.testing.assert_allclose(quotient_form(z), solutions.swish_prime(z), rtol=1e-12)   # right for moderate z
    feedback = ch03.check_swish_prime(quotient_form)
    assert feedback.status == "wrong" and "contains NaN or infinity" in feedback.message, feedback


def test_swish_cases_are_the_same_every_time():
    first, second = ch03.swish_cases(), ch03.swish_cases()
    assert all(np.array_equal(a["z"], b["z"]) for a, b in zip(first, second))
