"""Tests that kill mutants which survived the mutation run over the exercise-checker base
(nn_helpers.exercises; see README, "Mutation testing"). Expected texts are written by hand.
The second part holds the checkers' specific hints, with a few messages of Network and symbolic."""
import re

import numpy as np
import pytest
import sympy as sp

from nn_helpers import Network, symbolic
from nn_helpers.exercises import (Feedback, ch00, ch01, ch02, ch04, ch05, ch06, ch07, compare_array, compare_whole,
                                  describe)
from test_exercises_ch07 import make_multiply   # the same stand-in multiply as the ch07 tests
from solutions import ch00 as s00, ch01 as s01, ch02 as s02, ch04 as s04, ch05 as s05, ch06 as s06


@pytest.mark.parametrize("value, text", [
    (True, "True"), (10**15 - 1, "999999999999999"), (10**15, "a whole number of about 16 digits"),
    (-10**400, "a whole number of about 401 digits"), (np.zeros((2, 3)), "an array of shape (2, 3) (dtype float64)"),
    ("x" * 60, repr("x" * 60)[:57] + "..."), ("x" * 58, repr("x" * 58)), ([1,   2], "[1, 2]"),
])
def test_describe_gives_short_exact_descriptions(value, text):
    assert describe(value) == text


def test_describe_cuts_long_text_to_its_limit():
    assert len(describe("y" * 500)) == 60 and describe("y" * 500).endswith("...")


def test_only_a_transposed_shape_is_called_transposed():
    assert "transposed" in compare_array("E", np.zeros((2, 3)), np.zeros((3, 2))).message
    assert "transposed" not in compare_array("E", np.zeros((2, 2)), np.zeros((3, 3))).message
    assert "reshape it" in compare_array("E", np.zeros(3), np.zeros((3, 1))).message


def test_a_nan_number_has_no_entry_position():
    message = compare_array("E", float("nan"), 1.0).message
    assert message.startswith("your answer contains NaN or infinity:"), message


def test_a_single_non_whole_number_is_named_without_an_entry():
    assert compare_whole("E", 2.5, 3).message.startswith("your answer is 2.5, which is not a whole number")


def test_a_truth_value_never_matches_a_hint():
    feedback = compare_whole("E", (1, True, 1000), (1, 16, 1000), hints=[((1, 1, 1000), "one batch")])
    assert feedback.message != "one batch" and "truth value" in feedback.message


@pytest.mark.parametrize("result", [lambda w, b, x, y, lr: (w, None), lambda w, b, x, y, lr: (None, b)])
def test_a_half_finished_step_is_not_attempted(result):
    assert ch01.check_sgd_step(result).status == "not attempted"


def test_feedback_html_names_its_status_as_a_css_class():
    from nn_helpers.exercises import Feedback
    page = Feedback("E", "not attempted", "m")._repr_html_()
    assert page.startswith('<div class="nn-feedback nn-feedback-not-attempted" style="border-left: 5px solid')
    assert "padding: 6px 10px;" in page


# -- Display details --------------------------------------------------------------------------------
def test_plain_text_uses_the_full_width_indents_continuations_and_never_splits_a_word():
    from nn_helpers.exercises import Feedback
    long_word = "w" * 100
    message = "short words " * 30 + "hyphenated-words-that-could-break " * 4 + long_word + " end."
    lines = repr(Feedback("Exercise 1 (demo)", "wrong", message)).split("\n")
    assert max(len(line) for line in lines if long_word not in line) > 70          # width 88, not 70
    assert all(line.startswith("  ") for line in lines[1:])
    assert any(line.strip() == long_word for line in lines)                        # kept whole
    assert sum(line.count("hyphenated-words-that-could-break") for line in lines) == 4  # not split at a hyphen


def test_the_html_style_is_a_list_of_real_css_declarations():
    from nn_helpers.exercises import Feedback
    page = Feedback("E", "wrong", "m")._repr_html_()
    style = page.split('style="', 1)[1].split('"', 1)[0]
    names = [declaration.split(":")[0].strip() for declaration in style.split(";")]
    assert set(names) == {"border-left", "background", "color", "padding", "margin", "font-family", "line-height",
                          "white-space", "word-break", "overflow-wrap", "max-width"}


def test_an_unknown_status_is_named_in_the_error():
    from nn_helpers.exercises import Feedback
    with pytest.raises(ValueError, match="status must be one of"):
        Feedback("E", "fine", "m")


# -- Names, tolerances and dtypes ---------------------------------------------------------------------
def test_messages_use_the_name_they_are_given():
    assert compare_array("E", "text", [1.0], name="dW").message.startswith("dW should be numbers")
    assert compare_array("E", None, [1.0], name="dW").message == "replace the placeholder with dW and run the cell again."
    from nn_helpers.exercises import as_whole
    assert as_whole(2.5, "the count")[1].startswith("the count is 2.5")


def test_hints_match_with_the_given_tolerances_only():
    hints = [([2.0], "double"), ([0.0], "zero")]
    assert compare_array("E", [2.0], [1.0], hints=hints).message == "double"
    assert compare_array("E", [2.0 * (1 + 5e-6)], [1.0], hints=hints).message != "double"     # rtol 1e-6
    assert compare_array("E", [5e-9], [1.0], hints=hints).message != "zero"                   # atol 1e-9


def test_the_difference_report_uses_the_given_tolerances():
    message = compare_array("E", [5e-7, 3.0], [0.0, 2.0], atol=1e-6).message
    assert "1 of its 2 entries differ" in message, message


def test_numbers_are_read_as_float64_in_their_shape():
    import fractions
    from nn_helpers.exercises import as_numbers
    assert as_numbers([1, 2])[0].dtype == np.float64
    array, problem = as_numbers([[fractions.Fraction(1, 2), 1]])
    assert problem is None and array.shape == (1, 2) and array.dtype == np.float64


def test_a_placeholder_inside_a_list_is_named():
    from nn_helpers.exercises import as_numbers
    assert as_numbers([1, None])[1] == "your answer should hold only numbers, but contains None."


def test_an_overflowing_difference_is_reported_without_a_warning():
    """pytest turns RuntimeWarning into errors here."""
    message = compare_array("E", [1e308], [-1e308]).message
    assert "off by +inf" in message


# == The checkers name the specific mistake ====================================================
# Each test gives a checker one typical mistake (or asks a helper for one message) and asserts a
# distinctive phrase of the hint the reader should see, case and punctuation included. They kill
# survivors of the sampled run (README, "Mutation testing"): hints that lost their words, their
# parameter name or their case description, and hint lines that raised so that the checkers'
# safety net answered in general terms. The right answers are the reference solutions or hand
# formulas; the mistakes are built from them, never from the checkers' own expectations.
def _says(feedback, phrase):
    assert feedback.status == "wrong", feedback
    assert phrase in feedback.message, feedback.message


def _ends(feedback, hint):
    """The message ends with the whole hint (only a case description may come before it)."""
    assert feedback.status == "wrong", feedback
    assert feedback.message.endswith(hint), feedback.message


# -- notebook 00 --------------------------------------------------------------------------------
def test_mse_that_broadcasts_to_a_matrix_is_asked_about_it_on_the_named_shapes():
    feedback = ch00.check_mean_squared_error(lambda a, y: (np.reshape(a, (-1, 1)) - np.reshape(y, (1, -1))) ** 2)
    _says(feedback, "for a of shape (4, 1) and y of shape (4,), ")
    _ends(feedback, "the loss is one number. Did a subtraction broadcast to a matrix?")


def test_mean_absolute_error_is_named():
    feedback = ch00.check_mean_squared_error(lambda a, y: np.mean(np.abs(np.ravel(a) - np.ravel(y))))
    _ends(feedback, "you get the mean absolute error; square the differences.")


def test_transposed_jacobian_gets_the_numerator_layout_rule():
    _says(ch00.check_jacobian(lambda x: s00.jacobian(x).T),
          "In numerator layout the Jacobian has one row per output f_i (2 rows) and one column per input x_j "
          "(3 columns).")


def test_jacobian_with_row_1_reversed_gets_the_right_order():
    def reversed_row(x):
        J = np.array(s00.jacobian(x), dtype=float)
        J[0] = J[0][::-1]                       # x1 x2, x1 x3, x2 x3
        return J
    _ends(ch00.check_jacobian(reversed_row), "so it is x2 x3, x1 x3, x1 x2 from left to right.")


def test_squared_norm_gradient_as_a_row_is_told_to_transpose_on_the_named_case():
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: (2 * A.T @ A @ x).T)
    _says(feedback, "for A of shape (2, 3) and x of shape (3, 1), ")
    _ends(feedback, "layout. The gradient is its transpose, a column shaped like x.")


def test_squared_norm_with_A_At_gets_the_chain_rule_order():
    def a_at(A, x):                             # the slip is only possible for a square A
        return 2 * A @ A.T @ x if A.shape[0] == A.shape[1] else 2 * A.T @ A @ x
    _ends(ch00.check_gradient_of_squared_norm(a_at), "whose transpose is 2 A^T A x.")


def test_a_right_gradient_that_relies_on_x_being_a_column_is_accepted():
    """The exercise promises x of shape (n, 1); every case must keep that promise."""
    feedback = ch00.check_gradient_of_squared_norm(lambda A, x: 2 * A.T @ (A @ x.reshape(-1, 1)))
    assert feedback.status == "correct", feedback


def test_quadratic_form_with_2_A_x_is_told_where_the_second_term_comes_from():
    _ends(ch00.check_gradient_of_quadratic_form(lambda A, x: 2 * A @ x),
          "twice, once on each side of A, and each appearance contributes a term.")


# -- notebook 01 --------------------------------------------------------------------------------
def test_grad_x_of_the_wrong_shape_is_called_grad_x():
    feedback = ch01.check_gradient_by_input(lambda w, b, x, y: np.ravel(s01.grad_x(w, b, x, y)))
    _says(feedback, "grad_x should have shape (3, 1)")


def test_sgd_step_uphill_is_named():
    def uphill(w, b, x, y, lr):
        w_new, b_new = s01.sgd_step(w, b, x, y, lr)
        return 2 * w - w_new, 2 * b - b_new     # w + lr grad, b + lr dL/db
    _ends(ch01.check_sgd_step(uphill), "w moved uphill: gradient descent subtracts lr times the gradient.")


def test_sgd_step_with_a_nan_bias_says_w_is_right():
    _ends(ch01.check_sgd_step(lambda w, b, x, y, lr: (s01.sgd_step(w, b, x, y, lr)[0], float("nan"))),
          "w is right, but b_new is nan.")


def test_weight_decay_without_the_penalty_points_to_notebook_00():
    _ends(ch01.check_weight_decay(lambda w, b, x, y, mu: s01.grad_w_with_decay(w, b, x, y, 0.0)),
          "term (section 6.4 of notebook 00: d(w^T w)/dw = 2 w^T).")


# -- notebook 02 --------------------------------------------------------------------------------
def test_batch_gradients_with_db_as_text_say_dw_is_right_and_name_db():
    _says(ch02.check_batch_gradients(lambda w, b, X, y: (s02.batch_gradients(w, b, X, y)[0], "db")),
          "dw is right, but db should be numbers")


def test_batch_gradients_with_db_per_sample_are_told_to_sum():
    def per_sample(w, b, X, y):
        dw, db = s02.batch_gradients(w, b, X, y)
        return dw, np.full((1, X.shape[1]), float(db) / X.shape[1])
    _ends(ch02.check_batch_gradients(per_sample), "Sum over the samples: axis=1 (or .sum()).")


def _weighted_with(c_of):
    return lambda w, b, X, y, c: s02.weighted_gradients(w, b, X, y, c_of(c))


def test_weighted_gradients_without_the_weights_are_named():
    _says(ch02.check_weighted_gradients(_weighted_with(np.ones_like)),
          "the weights c are missing: each sample's error counts c_i times, so it enters the gradient as "
          "c_i (a_i - y_i).")


def test_weighted_gradients_with_c_squared_are_named():
    _ends(ch02.check_weighted_gradients(_weighted_with(lambda c: c ** 2)),
          "is 2 c_i (a_i - y_i), not 2 c_i^2 (a_i - y_i).")


def test_weighted_gradients_with_an_other_db_get_the_db_rule():
    def off_db(w, b, X, y, c):
        dw, db = s02.weighted_gradients(w, b, X, y, c)
        return dw, float(db) + 1.0
    _ends(ch02.check_weighted_gradients(off_db), ": db = (2/m) sum_i c_i (a_i - y_i).")


def test_least_squares_returning_only_w_is_asked_for_the_pair_w_b():
    _says(ch02.check_least_squares(lambda X, y: s02.least_squares(X, y)[0]), "return the pair (w, b), but")


def test_least_squares_with_b_as_text_says_w_is_right():
    _says(ch02.check_least_squares(lambda X, y: (s02.least_squares(X, y)[0], "b")),
          "w is right, but b should be numbers")


def test_least_squares_with_an_other_b_gets_the_rule_for_b_on_the_named_batch():
    def off_b(X, y):
        w, b = s02.least_squares(X, y)
        return w, float(b) + 0.5
    feedback = ch02.check_least_squares(off_b)
    _says(feedback, "for X of shape (3, 12), w is right, but b is off by +0.5")
    _ends(feedback, "dL/db = (2/m) sum_i (a_i - y_i) is zero: b = mean(y - w^T X).")


# -- notebook 04 --------------------------------------------------------------------------------
def _sigmoid_prime(Z):
    s = 1 / (1 + np.exp(-Z))
    return s * (1 - s)


def test_layer1_with_a_wrong_dW1_names_dW1():
    def scaled(W2, Delta2, Z1, X):
        dW1, db1 = s04.layer1_gradients(W2, Delta2, Z1, X)
        return 1.5 * dW1, db1
    _says(ch04.check_layer1_gradients(scaled), "dW1 has the right shape")


def test_layer1_with_db1_a_mean_is_told_it_is_a_sum():
    def mean(W2, Delta2, Z1, X):
        dW1, db1 = s04.layer1_gradients(W2, Delta2, Z1, X)
        return dW1, db1 / X.shape[1]
    _ends(ch04.check_layer1_gradients(mean),
          "db1 is a sum over samples, not a mean: the 1/m is already inside Delta2.")


def test_layer1_with_db1_summed_over_the_hidden_units_is_told_the_axis():
    def axis0(W2, Delta2, Z1, X):
        delta1 = (W2.T @ Delta2) * _sigmoid_prime(Z1)
        return delta1 @ X.T, delta1.sum(axis=0, keepdims=True)
    _ends(ch04.check_layer1_gradients(axis0),
          "You summed over the hidden units (axis 0); sum over the samples, axis=1.")


# -- notebook 05 --------------------------------------------------------------------------------
def test_deltas_with_a_wrong_first_delta_get_the_recursion_with_the_right_indices():
    def off(weights, Zs, delta_L, f_prime):
        deltas = [np.array(d, dtype=float) for d in s05.deltas(weights, Zs, delta_L, f_prime)]
        deltas[0][0, 0] += 1.0
        return deltas
    feedback = ch05.check_deltas(off)
    _says(feedback, "for the exercise's 3-4-3-2 tanh network, ")
    _says(feedback, " Delta^(1) = (W^(2).T @ Delta^(2)) * f'(Z^(1)): in the 0-based lists that is weights[1], "
                    "deltas[1] and Zs[0].")


def test_decay_left_out_is_named_with_capital_W():
    _ends(ch05.check_gradients_with_decay(lambda weights, biases, fs, X, Y, kappa:
                                          s05.backward_fixed(weights, biases, fs, X, Y)),
          "its gradient, kappa W^(l), adds to every weight gradient.")


def test_the_bug_hunt_network_is_the_3_5_4_2_network_on_6_samples_and_the_first_backward_case():
    weights, biases, fs, X, Y = ch05.bug_hunt_network()
    assert [W.shape for W in weights] == [(5, 3), (4, 5), (2, 4)] and X.shape == (3, 6) and Y.shape == (2, 6)
    first = ch05.backward_cases()[0]
    assert "3-5-4-2 network" in first.description and "m = 6" in first.description
    for ours, theirs in zip(first.args, (weights, biases, fs, X, Y)):
        if isinstance(ours, list) and not isinstance(ours[0], tuple):
            for a, b in zip(ours, theirs):
                np.testing.assert_array_equal(a, b)
        elif isinstance(ours, np.ndarray):
            np.testing.assert_array_equal(ours, theirs)


def test_every_backward_case_carries_its_network():
    """The tests' oracle: each case's network, with the case's parameters, gives the reference gradients."""
    for case in ch05.backward_cases():
        net = case["network"]
        net.weights = [W.copy() for W in case["weights"]]
        net.biases = [b.copy() for b in case["biases"]]
        dW_net, db_net = net.gradients(case["X"], case["Y"])
        dW, db = s05.backward_fixed(*case.args)
        for ours, theirs in zip(dW + db, dW_net + db_net):
            np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-14)


# -- notebook 06 --------------------------------------------------------------------------------
def test_bce_delta_with_sigma_prime_left_in_is_told_it_cancels():
    _says(ch06.check_bce_delta(lambda A, Y: s06.bce_delta(A, Y) * A * (1 - A)),
          "the factor sigma'(Z) = A(1 - A) cancels against the 1/(A(1 - A)) of dL/dA")


def test_bce_delta_of_the_wrong_shape_is_called_Delta_L():
    _says(ch06.check_bce_delta(lambda A, Y: np.ravel(s06.bce_delta(A, Y))), "Delta^(L) should have shape")


def test_a_right_bce_delta_that_counts_samples_in_Y_is_accepted():
    """The exercise gives Y shaped like A; every case must keep that promise."""
    assert ch06.check_bce_delta(lambda A, Y: (A - Y) / Y.shape[1]).status == "correct"


def test_jacobian_entry_cases_show_a_with_three_decimals():
    feedback = ch06.check_jacobian_entry(lambda a, k, j: 0.0)
    assert re.match(r"for a = \[0\.\d{3} 0\.\d{3} 0\.\d{3}\], k = \d, j = \d, ", feedback.message), feedback.message


# -- notebook 07 --------------------------------------------------------------------------------
def test_multiply_with_a_flattened_grad_names_the_shapes():
    def flat(a, c, out):
        a.grad = np.ravel(out.grad * c.value)
        c.grad += out.grad * a.value
    _ends(ch07.check_multiply(make_multiply(flat)),
          "input 0's grad has shape (6,), but a gradient is shaped like its value, (2, 3).")


def test_multiply_with_a_nan_grad_says_so():
    def nan(a, c, out):
        a.grad = a.grad + np.full(a.value.shape, np.nan)
        c.grad += out.grad * a.value
    _ends(ch07.check_multiply(make_multiply(nan)), "input 0's grad contains NaN or infinity.")


# -- the checker base, the network, sympy helpers ----------------------------------------------
def test_feedback_without_text_says_what_it_needs():
    with pytest.raises(TypeError, match=r"Feedback needs the exercise's name and a message as text, not "
                                        r"'E' and None\."):
        Feedback("E", "wrong", None)


def test_a_run_that_went_wrong_twice_names_both_problems_and_a_tenth_of_the_rate():
    from nn_helpers.network import History
    net = Network([1, 1], activation="identity", seed=0)
    net.weights[0][:] = 5000.0
    message = net._went_wrong(History(loss=[1.0, 2.0]), 1.0, 1.0)
    assert ("went wrong without a NaN: the loss rose from 1 to 2 and the largest parameter grew from 1 to 5e+03."
            in message), message
    assert message.endswith("Try a smaller learning rate, e.g. lr=0.1."), message


def test_symbolic_matrix_separates_indices_from_10_rows_on():
    assert symbolic.matrix("w", 10, 2)[0, 0].name == "w_{1,1}"
    assert symbolic.matrix("w", 9, 2)[0, 0].name == "w_{11}"


def test_symbolic_vector_entries_are_real():
    x = symbolic.vector("x", 2)[0]
    assert x.is_real is True and sp.conjugate(x) == x


def test_symbolic_errors_name_the_argument():
    with pytest.raises(ValueError, match=r"^A is the string 'a'"):
        symbolic.mse("a", sp.Matrix([[1]]))
    with pytest.raises(ValueError, match=r"^the right-hand side is the string 'x'"):
        symbolic.check_equal(sp.Symbol("x"), "x")
    with pytest.raises(ValueError, match=r"wrap the expression as sp\.Matrix\(\[\[e\]\]\) or take"):
        symbolic.check_equal(sp.Matrix([[sp.Symbol("x")]]), sp.Symbol("x"))
