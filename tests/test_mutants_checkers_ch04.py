"""Tests that kill mutants which survived the full mutation run over the checkers of notebook 04
(nn_helpers.exercises.ch04; see README, "Mutation testing"). Expected texts are written by hand.

Each mistake is built from the reference solutions or by hand; a mistake the exercise's own 3-4-2
network catches gets its whole message asserted, case description included, so that no word of a
hint (nor its case, nor text added before or after it) can change unseen."""
import numpy as np
import pytest

from nn_helpers.exercises import ch04
from solutions import ch04 as s04
from test_exercises_ch04 import _input_variant as _input_gradient   # the exercise's forward pass, then a last step

EXERCISE = "for a 3-4-2 network on m = 5 samples, "


def _is(feedback, message):
    assert feedback.status == "wrong", feedback
    assert feedback.message == message, feedback.message


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _sigmoid_prime(Z):
    return _sigmoid(Z) * (1 - _sigmoid(Z))


# -- Exercise 1: the output delta -----------------------------------------------------------------
def _scaled_delta(factor_of_m, fprime=_sigmoid_prime):
    """(factor) (A2 - Y) * fprime, with the factor computed from m = A2.shape[1]."""
    return lambda A2, Y, Z2: factor_of_m(A2.shape[1]) * (A2 - Y) * fprime(Z2)


@pytest.mark.parametrize("answer, hint", [
    (_scaled_delta(lambda m: 1), "the factor 2/m is missing: L is a mean over m samples of squares."),
    (_scaled_delta(lambda m: 1 / m), "the factor 2 is missing: d/da (a - y)^2 = 2 (a - y)."),
    (_scaled_delta(lambda m: 2), "the 1/m is missing: L is a mean over the m samples."),
    (_scaled_delta(lambda m: -2 / m), "the sign is flipped: it is (A2 - Y), the output minus the target."),
    (lambda A2, Y, Z2: (2 / A2.shape[1]) * (A2 - Y),
     "the factor f'(Z2) is missing: A2 = f(Z2), so the chain rule passes through f."),
    (lambda A2, Y, Z2: (2 / A2.shape[1]) * (A2 - Y) * A2,
     "you multiplied by f(Z2) = A2; the chain rule needs f'(Z2) = A2 (1 - A2)."),
    (lambda A2, Y, Z2: (2 / A2.shape[1]) * (A2 - Y) * _sigmoid_prime(A2),
     "you applied sigmoid' to A2; it belongs to Z2: use sigmoid_prime(Z2), which equals A2 * (1 - A2)."),
], ids=["2/m", "2", "1/m", "sign", "no f'", "f", "f' of A2"])
def test_output_delta_slips_get_their_whole_hint_on_the_exercises_network(answer, hint):
    _is(ch04.check_output_delta(answer), EXERCISE + hint)


def test_output_delta_with_m_fixed_to_5_gets_the_whole_hint_on_the_first_other_network():
    _is(ch04.check_output_delta(_scaled_delta(lambda m: 2 / 5)),
        "for a 2-3-1 network on m = 4 samples, you divided by 5, the exercise's m; take m from the arrays: "
        "m = A2.shape[1].")


def test_a_transposed_output_delta_is_called_Delta2():
    _is(ch04.check_output_delta(lambda A2, Y, Z2: s04.output_delta(A2, Y, Z2).T),
        EXERCISE + "Delta2 should have shape (2, 5), but has shape (5, 2). It has the transposed shape: "
                   "check where the transpose goes.")


def test_a_right_output_delta_that_counts_samples_in_Y_is_accepted():
    """The exercise gives Y of shape (n2, m); every network tried must keep that promise."""
    assert ch04.check_output_delta(lambda A2, Y, Z2: (2 / Y.shape[1]) * (A2 - Y) * _sigmoid_prime(Z2)).correct


def test_a_right_output_delta_that_reads_the_targets_as_labels_is_accepted():
    """Targets of a sigmoid output are 0 or 1, so Y == 1 is Y; every network tried keeps to such targets."""
    assert ch04.check_output_delta(lambda A2, Y, Z2: (2 / A2.shape[1]) * (A2 - (Y == 1)) * _sigmoid_prime(Z2)).correct


# -- Exercise 2: the layer-1 gradients --------------------------------------------------------------
def _layer1(delta1_of, db_of=lambda D: D.sum(axis=1, keepdims=True)):
    def function(W2, Delta2, Z1, X):
        D = delta1_of(W2, Delta2, Z1)
        return D @ X.T, db_of(D)
    return function


right_delta1 = lambda W2, D2, Z1: (W2.T @ D2) * _sigmoid_prime(Z1)  # noqa: E731


@pytest.mark.parametrize("delta1_of, hint", [
    (lambda W2, D2, Z1: W2.T @ D2, "dW1 misses the factor f'(Z1): Delta1 = (W2.T @ Delta2) * sigmoid'(Z1)."),
    (lambda W2, D2, Z1: (W2.T @ D2) * _sigmoid(Z1),
     "you multiplied by f(Z1); Delta1 needs the derivative sigmoid'(Z1) = f(Z1)(1 - f(Z1))."),
    (lambda W2, D2, Z1: (W2.T @ D2) * _sigmoid_prime(_sigmoid(Z1)),
     "you applied sigmoid' to A1; it belongs to Z1: sigmoid_prime(Z1), which equals A1 * (1 - A1)."),
], ids=["no f'", "f", "f' of A1"])
def test_layer1_slips_get_their_whole_hint_on_the_exercises_network(delta1_of, hint):
    _is(ch04.check_layer1_gradients(_layer1(delta1_of)), EXERCISE + hint)


def test_a_flat_db1_is_called_db1():
    _is(ch04.check_layer1_gradients(_layer1(right_delta1, db_of=lambda D: D.sum(axis=1))),
        EXERCISE + "db1 should have shape (4, 1), but has shape (4,). The numbers may be right, but a (n,) "
                   "array is not a (n, 1) column: reshape it.")


def test_db1_summed_over_the_hidden_units_keeps_the_shape_message_and_adds_the_axis():
    _is(ch04.check_layer1_gradients(_layer1(right_delta1, db_of=lambda D: D.sum(axis=0, keepdims=True))),
        EXERCISE + "db1 should have shape (4, 1), but has shape (1, 5). You summed over the hidden units "
                   "(axis 0); sum over the samples, axis=1.")


SHAPE_ADVICE = (" Call it yourself on the exercise's example to see the line that fails. Write down every factor's "
                "shape: W2 is (n2, n1) and Delta2 is (n2, m); to get Delta1 of shape (n1, m) the product must be "
                "W2.T @ Delta2.")


def test_W2_times_Delta2_keeps_the_error_and_gets_the_whole_shape_advice():
    feedback = ch04.check_layer1_gradients(_layer1(lambda W2, D2, Z1: (W2 @ D2) * _sigmoid_prime(Z1)))
    assert feedback.status == "wrong", feedback
    assert feedback.message.startswith(EXERCISE + "your function raised ValueError: matmul"), feedback.message
    assert feedback.message.endswith(SHAPE_ADVICE), feedback.message


def test_np_dot_of_W2_and_Delta2_gets_the_shape_advice():
    """NumPy's np.dot says "shapes ... not aligned", without the word matmul."""
    _is(ch04.check_layer1_gradients(_layer1(lambda W2, D2, Z1: np.dot(W2, D2) * _sigmoid_prime(Z1))),
        EXERCISE + "your function raised ValueError: shapes (2,4) and (2,5) not aligned: 4 (dim 1) != 2 (dim 0)."
        + SHAPE_ADVICE)


def test_Delta1_made_in_the_shape_of_Delta2_gets_the_shape_advice():
    """NumPy says "could not broadcast input array from shape ...", without matmul or shapes."""
    def like_delta2(W2, D2, Z1):
        D1 = np.empty_like(D2)
        D1[...] = (W2.T @ D2) * _sigmoid_prime(Z1)
        return D1
    _is(ch04.check_layer1_gradients(_layer1(like_delta2)),
        EXERCISE + "your function raised ValueError: could not broadcast input array from shape (4,5) into "
                   "shape (2,5)." + SHAPE_ADVICE)


# -- Exercise 4: the gradient by the inputs ---------------------------------------------------------
@pytest.mark.parametrize("last_step, hint", [
    (lambda W1, W2, D2, Z1: (W2.T @ D2) * _sigmoid_prime(Z1),
     "that is Delta1, the gradient by Z1 (shaped like Z1); one more step down: Z1 = W1 X + b1, so the gradient "
     "by X is W1.T @ Delta1, shaped like X."),
    (lambda W1, W2, D2, Z1: W1.T @ (W2.T @ D2),
     "the factor f'(Z1) is missing: the path from x to L passes through the hidden activation, so use "
     "Delta1 = (W2.T @ Delta2) * sigmoid'(Z1), then W1.T @ Delta1."),
    (lambda W1, W2, D2, Z1: W1.T @ ((W2.T @ D2) * _sigmoid(Z1)),
     "you multiplied by f(Z1); Delta1 needs the derivative sigmoid'(Z1)."),
    (lambda W1, W2, D2, Z1: (W1.T @ ((W2.T @ D2) * _sigmoid_prime(Z1))).sum(axis=1, keepdims=True)
     * np.ones((1, D2.shape[1])),
     "the inputs are not shared by the samples: every column of X gets its own gradient, so do not sum over "
     "the samples."),
], ids=["Delta1", "no f'", "f", "summed"])
def test_input_gradient_slips_get_their_whole_hint_on_the_exercises_network(last_step, hint):
    _is(ch04.check_input_gradient(_input_gradient(last_step)), EXERCISE + hint)


def test_an_unnamed_input_gradient_mistake_is_called_your_gradient_and_points_to_central_differences():
    feedback = ch04.check_input_gradient(lambda *args: s04.input_gradient(*args) + 0.01)
    assert feedback.status == "wrong", feedback
    assert feedback.message.startswith(EXERCISE + "your gradient has the right shape (3, 5), but 15 of its 15 "
                                                  "entries differ: [0, 0] off by +0.01"), feedback.message
    assert feedback.message.endswith(
        "and 12 more. Each entry is dL/dx_pi; compare with central differences: nudge X[p, i] by +-1e-6 and "
        "difference the loss."), feedback.message


def test_a_right_input_gradient_that_makes_the_biases_columns_is_accepted():
    """The exercise gives b1 of shape (n1, 1) and b2 of shape (n2, 1); every network tried keeps that promise."""
    def columns(W1, b1, W2, b2, X, Y):
        return s04.input_gradient(W1, b1.reshape(-1, 1), W2, b2.reshape(-1, 1), X, Y)
    assert ch04.check_input_gradient(columns).correct


# -- The networks tried ------------------------------------------------------------------------------
CASES = [ch04.output_delta_cases, ch04.layer1_cases, ch04.input_gradient_cases]


@pytest.mark.parametrize("cases", CASES, ids=lambda f: f.__name__)
def test_the_networks_tried_are_the_same_on_every_run(cases):
    """A reader who runs a check again sees the same networks, so the same verdict and message."""
    for first, again in zip(cases(), cases()):
        assert first.description == again.description
        for key, value in first.info.items():
            np.testing.assert_array_equal(value, again.info[key])


@pytest.mark.parametrize("cases", CASES, ids=lambda f: f.__name__)
def test_the_random_networks_have_targets_of_both_classes(cases):
    """Targets 0 and 1 both occur after the exercise's network, so those networks test Y's role too
    (a function that takes every target as 1 is caught on them, not only on the exercise's network)."""
    targets = np.concatenate([np.ravel(case["Y"]) for case in cases()[1:]])
    assert sorted(set(targets.tolist())) == [0.0, 1.0]
