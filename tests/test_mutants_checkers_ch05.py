"""Tests that kill mutants which survived the full mutation run over the checkers of notebook 05
(nn_helpers.exercises.ch05; see README, "Mutation testing"). Expected texts are written by hand.
The right answers are the reference solutions; the mistakes are built from them or by hand. The cases
are built inside the tests (not at collection), so a mutated case generator is the one tested."""
import numpy as np

from nn_helpers import activations
from nn_helpers.exercises import ch05
from solutions import ch05 as s05
from test_exercises_ch05 import _decay_variant as _decay   # backward_fixed plus a decay term
from test_mutants_exercises import _ends

FIRST_BACKWARD = "for a 3-5-4-2 network (tanh hidden, sigmoid output, m = 6), "
FIRST_DECAY = "for a 3-5-4-2 network (tanh hidden, sigmoid output, m = 6) and kappa = 0.1, "
FIRST_DELTAS = "for the exercise's 3-4-3-2 tanh network, "
TIP = ("To see which entries are off, compare your function with finite differences: "
       "gradcheck.numerical_gradient(lambda: loss, p) nudges one entry of p at a time.")


# -- exercise 1: shapes ----------------------------------------------------------------------------
def test_shapes_placeholder_shows_the_form_of_the_answer():
    assert ch05.check_shapes(None).message == ("replace the placeholder with three shapes, e.g. ((1, 2), (3, 4), "
                                               "(5, 6)) and run the cell again.")


def test_shapes_as_text_name_the_text():
    assert ch05.check_shapes("shapes").message == ("give three shapes as tuples, e.g. ((1, 2), (3, 4), (5, 6)), "
                                                   "not 'shapes'.")


def test_a_fractional_size_names_its_shape():
    assert ch05.check_shapes(((5.5, 10), (5, 6), (5, 1))).message == (
        "a size in the shape of Delta^(2) is 5.5, which is not a whole number: count whole things, and round up "
        "or down only where the exercise says so. A shape counts rows and columns.")


def test_a_delta_wrong_in_both_sizes_gets_the_shape_of_z():
    assert ch05.check_shapes(((6, 7), (5, 6), (5, 1))).message == (
        "Delta^(2) has the shape of Z^(2): (n_2, m) = (5, 10), not (6, 7).")


def test_a_delta_with_the_previous_layers_rows_names_sizes_0_and_layer_l():
    assert ch05.check_shapes(((6, 10), (5, 6), (5, 1))).message == (
        "Delta^(2) belongs to layer 2, which has n_2 = sizes[2] = 5 units (sizes[0] = 4 is the number of "
        "inputs, layer 0).")


def test_wrong_delta_rows_are_named_even_when_m_equals_the_layer_size():
    feedback = ch05._judge_shapes(((4, 3), (3, 3), (3, 1)), (3, 3, 3, 3), 3, 2)   # n_2 = m = 3
    assert feedback.status == "wrong" and feedback.message.startswith(
        "Delta^(2) belongs to layer 2, which has n_2 = sizes[2] = 3 units"), feedback


def test_a_transposed_weight_gradient_names_n_l_and_n_l_minus_1():
    assert ch05.check_shapes(((5, 10), (6, 5), (5, 1))).message == (
        "dL/dW^(2) is transposed: a gradient has its parameter's shape, (n_2, n_1).")


def test_a_weight_gradient_with_m_columns_names_a_l_minus_1():
    assert ch05.check_shapes(((5, 10), (5, 10), (5, 1))).message == (
        "dL/dW^(2) has no sample dimension: Delta^(2) A^(1)T sums over the m samples.")


def test_a_weight_gradient_of_another_size_gets_the_shape_of_w():
    assert ch05.check_shapes(((5, 10), (5, 7), (5, 1))).message == (
        "dL/dW^(2) has the shape of W^(2): (n_2, n_1) = (5, 6), not (5, 7).")


def test_right_shapes_are_praised_in_words():
    assert ch05.check_shapes(s05.shapes).message == "Delta^(2) is shaped like Z^(2), each gradient like its parameter."


# -- exercise 2: the delta recursion ---------------------------------------------------------------
def test_delta_cases_are_described_by_their_sizes_activation_depth_and_m():
    assert [case.description for case in ch05.delta_cases()] == [
        "the exercise's 3-4-3-2 tanh network", "a 2-5-1 sigmoid network (2 layers, m = 4)",
        "a 4-3-5-3-2 relu network (4 layers, m = 6)", "a 3-2-4-2-3-2 sigmoid network (5 layers, m = 3)",
        "a 2-6-2-3 tanh network (3 layers, m = 1)"]


def test_every_delta_case_has_its_depth_and_its_networks_gradients():
    """Oracle: Network.gradients; dW^(l) = Delta^(l) A^(l-1)^T and db^(l) = Delta^(l) 1 for the reference deltas."""
    cases = ch05.delta_cases()
    assert [case["depth"] for case in cases] == [len(case.args[0]) for case in cases] == [3, 2, 4, 5, 3]
    for case, name in zip(cases[1:], ("sigmoid", "relu", "sigmoid", "tanh")):
        net, X, Y = case["network"], case["X"], case["Y"]
        weights = case.args[0]
        assert net.activation == net.output_activation == name
        assert X.shape == (weights[0].shape[1], X.shape[1]) and Y.shape == (weights[-1].shape[0], X.shape[1])
        for W, W_net in zip(weights, net.weights):
            np.testing.assert_array_equal(W, W_net)
        _, As = net._forward(X)
        dW, db = net.gradients(X, Y)
        for l, delta in enumerate(s05.deltas(*case.args)):
            np.testing.assert_allclose(delta @ As[l].T, dW[l], rtol=1e-10, atol=1e-14)
            np.testing.assert_allclose(delta.sum(axis=1, keepdims=True), db[l], rtol=1e-10, atol=1e-14)


def test_the_cases_are_the_same_on_every_run():
    """Seeded: a reader who runs a checker twice gets the same inputs and the same feedback."""
    for make in (ch05.delta_cases, ch05.backward_cases):
        for first, second in zip(make(), make()):
            for a, b in zip(first.args, second.args):
                if isinstance(a, np.ndarray):
                    np.testing.assert_array_equal(a, b)
                elif isinstance(a, list) and isinstance(a[0], np.ndarray):
                    for x, y in zip(a, b):
                        np.testing.assert_array_equal(x, y)


def test_deltas_as_one_array_name_its_type():
    feedback = ch05.check_deltas(lambda weights, Zs, delta_L, f_prime: np.zeros((3, 4, 5)))
    assert feedback.message == FIRST_DELTAS + "return a list of 3 arrays [Delta^(1), ..., Delta^(L)], not ndarray."


def test_a_ragged_delta_is_named_by_its_item():
    def ragged(weights, Zs, delta_L, f_prime):
        return [[[1.0, 2.0], [3.0]]] + s05.deltas(weights, Zs, delta_L, f_prime)[1:]
    feedback = ch05.check_deltas(ragged)
    assert feedback.status == "wrong"
    assert feedback.message.startswith(FIRST_DELTAS + "Delta^(1) (item 0 of your list) should be numbers in a "
                                                      "regular shape, but "), feedback.message
    assert "[[1.0, 2.0], [3.0]]" in feedback.message, feedback.message


def test_a_transposed_delta_gets_the_shape_message_alone():
    def transposed(weights, Zs, delta_L, f_prime):
        deltas = s05.deltas(weights, Zs, delta_L, f_prime)
        return [deltas[0].T] + deltas[1:]
    assert ch05.check_deltas(transposed).message == (
        FIRST_DELTAS + "Delta^(1) (item 0 of your list) should have shape (4, 5), but has shape (5, 4). "
                       "It has the transposed shape: check where the transpose goes.")


def test_a_two_layer_list_in_reverse_order_is_called_reversed():
    def reversed_for_two(weights, Zs, delta_L, f_prime):
        deltas = s05.deltas(weights, Zs, delta_L, f_prime)
        return deltas[::-1] if len(weights) == 2 else deltas
    assert ch05.check_deltas(reversed_for_two).message == (
        "for a 2-5-1 sigmoid network (2 layers, m = 4), the list is in reverse order: put Delta^(1) first and "
        "Delta^(L) last.")


def _recursion(factor):
    def deltas(weights, Zs, delta_L, f_prime):
        result = [delta_L]
        for l in range(len(weights) - 1, 0, -1):
            result.insert(0, (weights[l].T @ result[0]) * factor(f_prime, Zs[l - 1]))
        return result
    return deltas


def test_a_missing_f_prime_is_named_with_its_layer():
    assert ch05.check_deltas(_recursion(lambda f_prime, Z: 1.0)).message == (
        FIRST_DELTAS + "Delta^(1) misses the factor f'(Z^(1)): every layer multiplies the error signal by its own "
                       "activation's slope.")


def test_f_instead_of_f_prime_is_named_with_its_layer():
    assert ch05.check_deltas(_recursion(lambda f_prime, Z: np.tanh(Z))).message == (
        FIRST_DELTAS + "Delta^(1) uses f(Z) where the derivative f'(Z) belongs.")


def test_tanh_prime_for_every_network_gets_the_whole_hint():
    assert ch05.check_deltas(_recursion(lambda f_prime, Z: activations.tanh_prime(Z))).message == (
        "for a 2-5-1 sigmoid network (2 layers, m = 4), you used tanh' instead of the f_prime you were given: "
        "call f_prime(Z), so the recursion works for every activation.")


# -- exercise 4: the planted bug -------------------------------------------------------------------
def _planted_bug(weights, biases, fs, X, Y):
    """The reference backward pass with the one bug exercise 4 is about: fs[l] where fs[l - 1] belongs."""
    Zs, As = [], [X]
    for W, b, (f, _) in zip(weights, biases, fs):
        Zs.append(W @ As[-1] + b)
        As.append(f(Zs[-1]))
    delta = (2.0 / X.shape[1]) * (As[-1] - Y) * fs[-1][1](Zs[-1])
    dW, db = [None] * len(weights), [None] * len(biases)
    for l in reversed(range(len(weights))):
        dW[l], db[l] = delta @ As[l].T, delta.sum(axis=1, keepdims=True)
        if l > 0:
            delta = (weights[l].T @ delta) * fs[l][1](Zs[l - 1])
    return dW, db


def test_buggy_backward_has_exactly_the_one_planted_bug():
    for case in ch05.backward_cases():
        dW, db = ch05.buggy_backward(*case.args)
        dW_bug, db_bug = _planted_bug(*case.args)
        for ours, theirs, parameter in zip(dW + db, dW_bug + db_bug, case["weights"] + case["biases"]):
            assert ours.shape == parameter.shape
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


def test_backward_cases_are_described_by_their_sizes_activations_and_m():
    assert [case.description for case in ch05.backward_cases()] == [
        "a 3-5-4-2 network (tanh hidden, sigmoid output, m = 6)", "a 2-3-1 network (relu hidden, sigmoid output, m = 4)",
        "a 4-2-5-3-2 network (sigmoid hidden, tanh output, m = 3)",
        "a 3-4-4-4-4-1 network (tanh hidden, identity output, m = 5)", "a 2-3 network (tanh hidden, sigmoid output, m = 2)"]


def test_the_buggy_backward_hint_is_whole():
    assert ch05.check_fixed_backward(ch05.buggy_backward).message == (
        FIRST_BACKWARD + "that is still what buggy_backward returns. Run the gradient check layer by layer from "
                         "the output down: the first layer whose error is large tells you which step of the "
                         "recursion is wrong.")


def test_one_list_instead_of_a_pair_gets_the_whole_hint():
    assert ch05.check_fixed_backward(lambda *args: s05.backward_fixed(*args)[0]).message == (
        FIRST_BACKWARD + "return the pair of lists (dW, db), e.g. `return dW, db`, with dW[l] shaped like "
                         "weights[l] and db[l] like biases[l].")


def test_a_short_db_list_is_counted():
    def short_db(*args):
        dW, db = s05.backward_fixed(*args)
        return dW, db[1:]
    assert ch05.check_fixed_backward(short_db).message == (
        FIRST_BACKWARD + "return one gradient per layer: 3 arrays in dW and in db, but got 3 and 2.")


def test_a_wrong_weight_gradient_names_its_index_and_layer_and_the_gradient_check():
    feedback = ch05.check_fixed_backward(lambda *args: ([g / 2 for g in s05.backward_fixed(*args)[0]],
                                                        s05.backward_fixed(*args)[1]))
    assert feedback.message.startswith(FIRST_BACKWARD + "dW[2] (layer 3) has the right shape (2, 4), but ")
    _ends(feedback, " " + TIP)


def test_a_wrong_bias_gradient_names_its_index_and_layer():
    feedback = ch05.check_fixed_backward(lambda *args: (s05.backward_fixed(*args)[0],
                                                        [g / 2 for g in s05.backward_fixed(*args)[1]]))
    assert feedback.message.startswith(FIRST_BACKWARD + "db[2] (layer 3) has the right shape (2, 1), but ")


def _near_buggy(offset):
    """buggy_backward's gradients, each entry moved by offset(entry)."""
    def function(*args):
        dW, db = ch05.buggy_backward(*args)
        return [g + offset(g) for g in dW], [g + offset(g) for g in db]
    return function


def test_a_hint_is_named_only_within_rtol_1e_6():
    feedback = ch05.check_fixed_backward(_near_buggy(lambda g: 3e-6 * np.abs(g) + 5e-10))
    assert feedback.status == "wrong" and "buggy_backward" not in feedback.message, feedback
    assert feedback.message.startswith(FIRST_BACKWARD + "dW[2] (layer 3) has the right shape"), feedback


def test_a_hint_is_named_only_within_atol_1e_9():
    feedback = ch05.check_fixed_backward(_near_buggy(lambda g: 1e-6 * np.abs(g) + 5e-9))
    assert feedback.status == "wrong" and "buggy_backward" not in feedback.message, feedback


def test_a_hint_is_not_named_for_nearly_twice_its_values():
    feedback = ch05.check_fixed_backward(_near_buggy(lambda g: 0.9 * g))
    assert feedback.status == "wrong" and "buggy_backward" not in feedback.message, feedback


class _NoUfuncs(np.ndarray):
    """An array NumPy's ufuncs refuse (np.allclose raises TypeError); np.asarray still reads it."""
    __array_ufunc__ = None


def test_an_array_that_cannot_be_compared_matches_no_hint():
    def buggy_with_odd_last_db(*args):
        dW, db = ch05.buggy_backward(*args)
        return dW, db[:-1] + [db[-1].view(_NoUfuncs)]
    feedback = ch05.check_fixed_backward(buggy_with_odd_last_db)
    assert feedback.message.startswith(FIRST_BACKWARD + "dW[1] (layer 2) has the right shape (4, 5), but "), feedback


# -- exercise 5: weight decay ----------------------------------------------------------------------


def test_half_the_decay_gradient_gets_the_whole_hint():
    assert ch05.check_gradients_with_decay(_decay(lambda k, W: k / 2 * W)).message == (
        FIRST_DECAY + "the derivative of (kappa/2) w^2 is kappa w: the 1/2 cancels against the 2 of the square.")


def test_twice_the_decay_gradient_gets_the_whole_hint():
    assert ch05.check_gradients_with_decay(_decay(lambda k, W: 2 * k * W)).message == (
        FIRST_DECAY + "the derivative of (kappa/2) w^2 is kappa w, not 2 kappa w: the 1/2 cancels the 2.")


def test_a_flipped_decay_sign_gets_the_whole_hint_with_capital_w():
    assert ch05.check_gradients_with_decay(_decay(lambda k, W: -k * W)).message == (
        FIRST_DECAY + "the sign is flipped: the decay term is added to the loss, so kappa W^(l) is added to the "
                      "gradient.")


def test_decayed_biases_get_the_whole_hint():
    assert ch05.check_gradients_with_decay(_decay(lambda k, W: k * W, lambda k, b: k * b)).message == (
        FIRST_DECAY + "the decay term sums over the weights only: the biases are not in it, so their gradients "
                      "do not change.")
