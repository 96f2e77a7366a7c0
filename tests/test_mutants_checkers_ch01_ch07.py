"""Tests that kill mutants which survived the full mutation run over the exercise checkers of
notebooks 01 and 07, nn_helpers.exercises.ch01 and ch07 (README, "Mutation testing").
Expected texts are written by hand.

The right answers are the reference solutions; the mistakes are built from them or written by
hand, never from the checkers' own expected values. One test (a complex grad) needs fix.patch.
"""
import warnings

import numpy as np

from nn_helpers import autograd
from nn_helpers.autograd import Node
from nn_helpers.exercises import ch01, ch07
from solutions import ch01 as s01
from test_exercises_ch07 import make_multiply   # the same stand-in multiply as the ch07 tests
from test_mutants_exercises import _ends, _says

TIP = ("To see which entries are off, compare your function with finite differences: "
       "gradcheck.numerical_gradient(lambda: loss, p) nudges one entry of p at a time.")


def _is(feedback, message):
    """A wrong answer whose whole message is the given text."""
    assert feedback.status == "wrong", feedback
    assert feedback.message == message, feedback.message


def _error(w, b, x, y):
    return (w.T @ x).item() + b - y                     # a - y, written out as in solutions/ch01.py


# == notebook 01 ================================================================================
# -- Exercise 2: one step of gradient descent ------------------------------------------------------
FIRST = "for w and x of shape (3, 1), "                 # the notebook's first case: w = (0.2, -0.4, 0.1)


def _step_with(dw, db):
    """A step w - dw(...), b - db(...) with the reader's own slip in dw or db."""
    return lambda w, b, x, y, lr: (w - dw(_error(w, b, x, y), w, x, lr), b - db(_error(w, b, x, y), lr))


RIGHT_DW = lambda e, w, x, lr: lr * 2 * e * x          # noqa: E731
RIGHT_DB = lambda e, lr: lr * 2 * e                    # noqa: E731


def test_sgd_step_without_the_factor_2_in_w_is_named():
    _is(ch01.check_sgd_step(_step_with(lambda e, w, x, lr: lr * e * x, lambda e, lr: lr * e)),
        FIRST + "a factor 2 is missing in the gradient 2 (a - y) x.")


def test_sgd_step_without_the_learning_rate_is_named():
    _is(ch01.check_sgd_step(_step_with(lambda e, w, x, lr: 2 * e * x, lambda e, lr: 2 * e)),
        FIRST + "the learning rate is missing: the step is lr times the gradient.")


def test_sgd_step_with_w_in_place_of_x_is_named():
    _is(ch01.check_sgd_step(_step_with(lambda e, w, x, lr: lr * 2 * e * w, RIGHT_DB)),
        FIRST + "the gradient by w is 2 (a - y) x, not 2 (a - y) w.")


def test_sgd_step_that_leaves_b_alone_is_told_to_update_it():
    _is(ch01.check_sgd_step(_step_with(RIGHT_DW, lambda e, lr: 0.0)),
        FIRST + "w is right, but b did not change: update it too, b - lr * 2 (a - y).")


def test_sgd_step_that_moves_b_uphill_is_told_to_subtract():
    _is(ch01.check_sgd_step(_step_with(RIGHT_DW, lambda e, lr: -lr * 2 * e)),
        FIRST + "w is right, but b moved uphill: subtract lr * dL/db.")


def test_sgd_step_with_b_off_by_a_factor_shows_both_numbers_and_dl_db():
    # first case: a - y = 0.2 + 0.1 + 0.3 - 1 = -0.4, lr = 0.05; b = 0.3 + 0.02 instead of 0.3 + 0.04
    _is(ch01.check_sgd_step(_step_with(RIGHT_DW, lambda e, lr: lr * e)),
        FIRST + "w is right, but b_new = 0.3200 where 0.3400 was expected; dL/db = 2 (a - y).")


def test_sgd_step_with_a_flat_w_calls_it_w_new():
    def flat(w, b, x, y, lr):
        w_new, b_new = s01.sgd_step(w, b, x, y, lr)
        return np.ravel(w_new), b_new
    _is(ch01.check_sgd_step(flat), FIRST + "w_new should have shape (3, 1), but has shape (3,). The numbers may "
                                           "be right, but a (n,) array is not a (n, 1) column: reshape it.")


def test_sgd_step_returning_one_number_is_asked_for_a_pair():
    _is(ch01.check_sgd_step(lambda w, b, x, y, lr: 0.5),
        FIRST + "your function should return a pair (w_new, b_new), but returned float.")


def test_sgd_step_with_b_new_as_text_calls_it_b_new():
    _is(ch01.check_sgd_step(lambda w, b, x, y, lr: (s01.sgd_step(w, b, x, y, lr)[0], "b")),
        FIRST + "b_new should be numbers, but it is the text 'b'.")


def test_a_half_finished_step_asks_for_the_implementation():
    feedback = ch01.check_sgd_step(lambda w, b, x, y, lr: (s01.sgd_step(w, b, x, y, lr)[0], None))
    assert feedback.status == "not attempted", feedback
    assert feedback.exercise == "Exercise 2 (one step of gradient descent)", feedback
    assert feedback.message == "replace the placeholder with your implementation and run the cell again."


def test_sgd_step_gives_the_same_words_on_every_call():
    """The random cases are seeded: a slip that shows only on them gets the same numbers each time."""
    def x_squared(w, b, x, y, lr):                      # right on the fixed cases, whose x holds only 0 and 1
        e = _error(w, b, x, y)
        return w - lr * 2 * e * x ** 2, b - lr * 2 * e
    first, second = ch01.check_sgd_step(x_squared), ch01.check_sgd_step(x_squared)
    _says(first, "for w and x of shape (2, 1), w_new has the right shape (2, 1)")
    assert first.message == second.message


# -- Exercise 3: the gradient by the input -------------------------------------------------------
def test_grad_x_that_is_grad_w_is_named_in_full():
    _is(ch01.check_gradient_by_input(lambda w, b, x, y: 2 * _error(w, b, x, y) * x),
        FIRST + "that is grad_w L. By the input, dz/dx = w^T, so the gradient carries w.")


def test_grad_x_without_the_factor_2_is_named_in_full():
    _is(ch01.check_gradient_by_input(lambda w, b, x, y: _error(w, b, x, y) * w),
        FIRST + "a factor 2 is missing: dL/da = 2 (a - y).")


def test_grad_x_with_the_sign_flipped_is_named_in_full():
    _is(ch01.check_gradient_by_input(lambda w, b, x, y: -2 * _error(w, b, x, y) * w),
        FIRST + "the sign is flipped: dL/da = 2 (a - y), not 2 (y - a).")


def test_an_unnamed_wrong_grad_x_ends_with_the_gradient_check_tip():
    _ends(ch01.check_gradient_by_input(lambda w, b, x, y: s01.grad_x(w, b, x, y) + 1.0), TIP)


# -- Exercise 4: weight decay --------------------------------------------------------------------
FIRST_MU = "for w and x of shape (3, 1) and mu = 0.1, "


def _decay(penalty):
    """2 (a - y) x plus the reader's penalty term penalty(w, mu)."""
    return lambda w, b, x, y, mu: 2 * _error(w, b, x, y) * x + penalty(w, mu)


def test_weight_decay_without_the_penalty_is_named_in_full():
    _is(ch01.check_weight_decay(_decay(lambda w, mu: 0 * w)),
        FIRST_MU + "that is the gradient without the penalty: mu ||w||^2 = mu w^T w adds its own term "
                   "(section 6.4 of notebook 00: d(w^T w)/dw = 2 w^T).")


def test_weight_decay_with_half_the_penalty_is_named_in_full():
    _is(ch01.check_weight_decay(_decay(lambda w, mu: mu * w)),
        FIRST_MU + "the penalty's term is half the right size: d(w^T w)/dw = 2 w^T, so it contributes 2 mu w.")


def test_weight_decay_with_the_penalty_subtracted_is_named_in_full():
    _is(ch01.check_weight_decay(_decay(lambda w, mu: -2 * mu * w)),
        FIRST_MU + "the penalty's term has the wrong sign: mu ||w||^2 grows with |w|, so its gradient "
                   "2 mu w points away from 0.")


def test_weight_decay_with_the_squared_norm_is_named_in_full():
    _is(ch01.check_weight_decay(_decay(lambda w, mu: np.full(w.shape, 2 * mu * float(np.sum(w * w))))),
        FIRST_MU + "the penalty contributes 2 mu w, one entry per weight, not the number 2 mu ||w||^2.")


def test_weight_decay_of_the_wrong_shape_calls_it_grad_w():
    _says(ch01.check_weight_decay(lambda w, b, x, y, mu: np.ravel(s01.grad_w_with_decay(w, b, x, y, mu))),
          FIRST_MU + "grad_w should have shape (3, 1), but has shape (3,).")


def test_an_unnamed_wrong_weight_decay_ends_with_the_gradient_check_tip():
    _ends(ch01.check_weight_decay(lambda w, b, x, y, mu: s01.grad_w_with_decay(w, b, x, y, mu) + 1.0), TIP)


def test_weight_decay_gives_the_same_words_on_every_call():
    """Also the strengths mu of the random cases are seeded."""
    x_squared = lambda w, b, x, y, mu: 2 * _error(w, b, x, y) * x ** 2 + 2 * mu * w   # noqa: E731
    first, second = ch01.check_weight_decay(x_squared), ch01.check_weight_decay(x_squared)
    _says(first, "for w and x of shape (2, 1) and mu = ")     # a random case
    assert first.message == second.message


# == notebook 07 ================================================================================
# -- Exercise 1: multiply --------------------------------------------------------------------------
FIRST_PAIR = "for a and c of shape (2, 3), "


def test_multiply_with_only_c_times_its_own_value_is_named_for_input_1():
    """a's grad is right, so the checker must go on to c's (and use c's hints)."""
    def own(a, c, out):
        a.grad += out.grad * c.value
        c.grad += out.grad * c.value
    _is(ch07.check_multiply(make_multiply(own)),
        FIRST_PAIR + "each factor's gradient is g times the OTHER factor: d(a c)/da = c.")


def test_multiply_returning_an_array_is_told_what_it_returned():
    _is(ch07.check_multiply(lambda a, c: a.value * c.value),
        FIRST_PAIR + "return a Node (autograd.Node(value, parents, op)), not an array of shape (2, 3) "
                     "(dtype float64).")


def test_multiply_with_a_text_grad_is_told_what_the_grad_is():
    def text(a, c, out):
        a.grad = "zero"
        c.grad += out.grad * a.value
    _is(ch07.check_multiply(make_multiply(text)), FIRST_PAIR + "a grad should be an array of numbers, but got 'zero'.")


def test_multiply_with_a_complex_grad_is_not_correct_even_where_warnings_are_not_errors():
    """Outside the tests NumPy only warns when it casts a complex grad to float (and drops the 1j)."""
    def complex_grad(a, c, out):
        a.grad = a.grad + out.grad * c.value + 1j
        c.grad += out.grad * a.value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                 # as in a notebook, where a warning is only shown
        feedback = ch07.check_multiply(make_multiply(complex_grad))
    _is(feedback, FIRST_PAIR + "a grad should be real numbers, but got an array of shape (2, 3) (dtype complex128).")


def test_a_failing_rule_shows_its_error_up_to_120_characters():
    def fails(a, c, out):
        raise ValueError("e" * 119)                   # its repr has 121 characters: one too many
    _is(ch07.check_multiply(make_multiply(fails)),
        FIRST_PAIR + "the forward value is right, but running backward raised ValueError: '" + "e" * 116 + "...")


def test_multiply_that_assigns_is_caught_on_the_case_of_one_node_used_twice():
    def assign(a, c, out):
        a.grad = out.grad * c.value
        c.grad = out.grad * a.value
    _is(ch07.check_multiply(make_multiply(assign)),
        "for multiply(x, x) (one node used as both factors), the grad is half the right one: the node is both "
        "factors, so its rule must add both contributions with += (= keeps only the last).")


def test_multiply_gives_the_same_words_on_every_call():
    off = lambda a, c: Node(a.value * c.value + 1.0, (a, c), "multiply")    # noqa: E731
    first, second = ch07.check_multiply(off), ch07.check_multiply(off)
    _says(first, FIRST_PAIR + "the value of multiply(a, c) has the right shape (2, 3)")
    assert first.message == second.message


# -- Exercise 2: L2 penalty ------------------------------------------------------------------------
def test_l2_penalty_gives_the_same_words_on_every_call():
    off = lambda W, lam: Node(lam * np.sum(W.value ** 2) + 1.0, (W,), "l2_penalty")    # noqa: E731
    first, second = ch07.check_l2_penalty(off), ch07.check_l2_penalty(off)
    _says(first, "the penalty's value is ")
    assert first.message == second.message


# -- Exercise 3: find the broken rule ---------------------------------------------------------------
def test_the_broken_add_bias_differs_from_the_engine_only_in_the_bias_grad():
    """Same label and value as autograd.add_bias, and P's grad added with +=; b gets the mean, not the sum.
    P and b also feed the engine's add_bias, so both already hold a contribution when the rule runs."""
    broken = ch07.suspects()["add_bias"][0]
    rng = np.random.default_rng(5)
    P, b, R = Node(rng.normal(size=(3, 5))), Node(rng.normal(size=(3, 1))), rng.normal(size=(3, 5))
    out = broken(P, b)
    assert out.op == "add_bias" and repr(out) == "Node(op='add_bias', shape=(3, 5))"
    np.testing.assert_array_equal(out.value, P.value + b.value)
    autograd.add(out, autograd.add_bias(P, b)).backward(R)
    np.testing.assert_allclose(P.grad, 2 * R)
    np.testing.assert_allclose(b.grad, R.sum(axis=1, keepdims=True) + R.mean(axis=1, keepdims=True))


def test_the_right_answer_shows_the_broken_rules_relative_error():
    # b.grad = s / 5 instead of s: |s - s/5| / (|s| + |s/5|) = 0.8 / 1.2 = 0.67
    assert ch07.check_broken_rule("add_bias").message.startswith(
        "add_bias averages over the samples (relative error 0.7); b is used by all m samples")


def test_the_tanh_suspect_computes_tanh():
    z = np.linspace(-2.0, 2.0, 15).reshape(3, 5)
    out = ch07.suspects()["tanh"][0](Node(z))
    np.testing.assert_allclose(out.value, np.tanh(z))
    assert out.op == "tanh"
