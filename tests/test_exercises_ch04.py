"""The checkers of notebook 04 accept the reference solutions and name typical mistakes."""
import numpy as np
import pytest

from nn_helpers import Network
from nn_helpers.activations import sigmoid, sigmoid_prime
from nn_helpers.exercises import ch04
from solutions import ch04 as solutions


d = ch04.exercise_arrays()
m = d["X"].shape[1]


def test_exercise_arrays_are_fixed_and_consistent():
    again = ch04.exercise_arrays()
    for name, value in d.items():
        np.testing.assert_array_equal(value, again[name])
    np.testing.assert_allclose(d["A2"], sigmoid(d["W2"] @ sigmoid(d["W1"] @ d["X"] + d["b1"]) + d["b2"]))


# -- exercise 1 ---------------------------------------------------------------

def test_output_delta_accepts_solution():
    assert ch04.check_output_delta(solutions.output_delta).status == "correct"


@pytest.mark.parametrize("placeholder", [None, ...])
def test_output_delta_placeholder_is_not_attempted(placeholder):
    feedback = ch04.check_output_delta(placeholder)
    assert feedback.status == "not attempted"
    assert "Not attempted yet" in repr(feedback)


def _m(A2):
    return A2.shape[1]


@pytest.mark.parametrize("answer, words", [
    (lambda A2, Y, Z2: (A2 - Y) * sigmoid_prime(Z2), "2/m"),
    (lambda A2, Y, Z2: (1 / _m(A2)) * (A2 - Y) * sigmoid_prime(Z2), "factor 2"),
    (lambda A2, Y, Z2: 2 * (A2 - Y) * sigmoid_prime(Z2), "1/m"),
    (lambda A2, Y, Z2: -solutions.output_delta(A2, Y, Z2), "sign"),
    (lambda A2, Y, Z2: (2 / _m(A2)) * (A2 - Y), "f'(Z2) is missing"),
    (lambda A2, Y, Z2: (2 / _m(A2)) * (A2 - Y) * A2, "f(Z2) = A2"),
    (lambda A2, Y, Z2: (2 / _m(A2)) * (A2 - Y) * sigmoid_prime(A2), "belongs to Z2"),
    (lambda A2, Y, Z2: solutions.output_delta(A2, Y, Z2).T, "transpose"),
    (lambda A2, Y, Z2: solutions.output_delta(A2, Y, Z2) + 0.1, "10 of its 10 entries differ"),
    (lambda A2, Y, Z2: "delta", "numbers"),
])
def test_output_delta_rejects_typical_mistakes(answer, words):
    feedback = ch04.check_output_delta(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message


def test_output_delta_with_the_exercises_m_fixed_is_rejected_on_another_network():
    feedback = ch04.check_output_delta(lambda A2, Y, Z2: (2 / 5) * (A2 - Y) * sigmoid_prime(Z2))
    assert feedback.status == "wrong"
    assert "a 2-3-1 network on m = 4 samples" in feedback.message and "m = A2.shape[1]" in feedback.message


def test_output_delta_memorised_for_the_exercise_is_rejected():
    memorised = solutions.output_delta(d["A2"], d["Y"], d["Z2"])
    feedback = ch04.check_output_delta(lambda A2, Y, Z2: memorised)
    assert feedback.status == "wrong" and "2-3-1 network" in feedback.message


@pytest.mark.parametrize("answer", [solutions.output_delta(d["A2"], d["Y"], d["Z2"]),
                                    solutions.output_delta(d["A2"], d["Y"], d["Z2"]).tolist(), 0.5])
def test_output_delta_given_as_numbers_asks_for_the_function(answer):
    feedback = ch04.check_output_delta(answer)
    assert feedback.status == "wrong" and "asks for a function" in feedback.message


# -- exercise 2 ---------------------------------------------------------------

def test_layer1_gradients_accepts_solution():
    assert ch04.check_layer1_gradients(solutions.layer1_gradients).status == "correct"


def test_layer1_gradients_placeholders_are_not_attempted():
    def unfinished(W2, Delta2, Z1, X):
        raise NotImplementedError

    def ellipsis_body(W2, Delta2, Z1, X):
        ...

    for placeholder in (None, unfinished, ellipsis_body):
        assert ch04.check_layer1_gradients(placeholder).status == "not attempted"


def _variant(delta1_of, dW_of=lambda D, X: D @ X.T, db_of=lambda D: D.sum(axis=1, keepdims=True)):
    def function(W2, Delta2, Z1, X):
        D = delta1_of(W2, Delta2, Z1)
        return dW_of(D, X), db_of(D)
    return function


right_delta1 = lambda W2, D2, Z1: (W2.T @ D2) * sigmoid_prime(Z1)  # noqa: E731


@pytest.mark.parametrize("function, words", [
    (_variant(lambda W2, D2, Z1: W2.T @ D2), "misses the factor f'(Z1)"),
    (_variant(lambda W2, D2, Z1: (W2.T @ D2) * sigmoid(Z1)), "derivative"),
    (_variant(right_delta1, dW_of=lambda D, X: X @ D.T), "transposed"),
    (_variant(lambda W2, D2, Z1: (W2 @ D2) * sigmoid_prime(Z1)), "W2.T @ Delta2"),
    (_variant(right_delta1, db_of=lambda D: D.sum(axis=1)), "shape (4, 1)"),
    (_variant(right_delta1, db_of=lambda D: D.sum(axis=0, keepdims=True)), "axis=1"),
    (_variant(right_delta1, db_of=lambda D: D.mean(axis=1, keepdims=True)), "not a mean"),
    (lambda W2, D2, Z1, X: (W2.T @ D2) @ X.T, "pair (dW1, db1)"),
    ("dW1", "expected a function"),
])
def test_layer1_gradients_rejects_typical_mistakes(function, words):
    feedback = ch04.check_layer1_gradients(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


def test_an_unnamed_mistake_points_to_the_gradient_check():
    # 1.3 times the right dW1: no named slip fits, so the message suggests finite differences.
    feedback = ch04.check_layer1_gradients(_variant(right_delta1, dW_of=lambda D, X: 1.3 * (D @ X.T)))
    assert feedback.status == "wrong"
    assert "compare your function with finite differences" in feedback.message, feedback.message
    assert "numerical_gradient" in feedback.message


def test_layer1_gradients_does_not_let_the_reader_change_the_data():
    def vandal(W2, Delta2, Z1, X):
        W2 *= 0
        return solutions.layer1_gradients(W2, Delta2, Z1, X)

    assert ch04.check_layer1_gradients(vandal).status == "wrong"
    assert ch04.check_layer1_gradients(solutions.layer1_gradients).status == "correct"


# -- exercise 3 ---------------------------------------------------------------

def test_path_count_accepts_solution():
    assert ch04.check_path_count(solutions.path_count).status == "correct"
    assert ch04.check_path_count(8.0).status == "correct"


def test_path_count_placeholder_is_not_attempted():
    assert ch04.check_path_count(None).status == "not attempted"


@pytest.mark.parametrize("answer, words", [
    (4, "one path per sample"), (2, "one path per output"), (40, "only hidden unit 2"),
    (24, "only input 1"), (1, "shared"), (7, "count again"), ("eight", "whole number"),
])
def test_path_count_rejects_typical_mistakes(answer, words):
    feedback = ch04.check_path_count(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message


# -- Random networks: memorised answers fail, the expected values are the network's own ----------
@pytest.mark.parametrize("case", ch04.layer1_cases(), ids=lambda case: case.description)
def test_layer1_expected_values_are_the_networks_gradients(case):
    """Independent oracle: Network.gradients of a network carrying the case's weights."""
    d = case.info
    n1, n0 = d["W1"].shape
    net = Network([n0, n1, d["W2"].shape[0]], activation="sigmoid", seed=0)
    net.weights = [d["W1"].copy(), d["W2"].copy()]
    net.biases = [d["b1"].copy(), d["b2"].copy()]
    dW, db = net.gradients(d["X"], d["Y"])
    dW1, db1 = solutions.layer1_gradients(*case.args)
    np.testing.assert_allclose(dW1, dW[0], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(db1, db[0], rtol=1e-10, atol=1e-14)
    assert ch04.check_layer1_gradients(solutions.layer1_gradients).correct


def test_layer1_memorised_is_rejected():
    remembered = solutions.layer1_gradients(*ch04.layer1_cases()[0].args)
    feedback = ch04.check_layer1_gradients(lambda *args: remembered)
    assert feedback.status == "wrong" and "network on m =" in feedback.message, feedback


@pytest.mark.parametrize("answer", [8.5, 7.9, 8 + 0j, "8", True, float("nan"), 10**400, [8], None])
def test_path_count_accepts_only_the_whole_number(answer):
    assert ch04.check_path_count(answer).status in ("wrong", "not attempted")
    assert ch04.check_path_count(8.0).correct and ch04.check_path_count(np.int64(8)).correct


# -- exercise 1: an oracle that is not the checker's formula ---------------------------------
def test_output_delta_is_the_finite_difference_gradient_of_the_loss_by_Z2():
    """Delta^(2) = dL/dZ^(2): nudge each entry of Z2 and difference the loss (independent of the formula)."""
    from nn_helpers import gradcheck

    Z2 = d["Z2"].copy()
    numerical = gradcheck.numerical_gradient(lambda: np.sum((sigmoid(Z2) - d["Y"]) ** 2) / m, Z2)
    np.testing.assert_allclose(solutions.output_delta(d["A2"], d["Y"], d["Z2"]), numerical, rtol=1e-6, atol=1e-10)


# -- exercise 4: the gradient by the inputs --------------------------------------------------
@pytest.mark.parametrize("case", ch04.input_gradient_cases(), ids=lambda case: case.description)
def test_input_gradient_expected_values_are_finite_differences(case):
    """Independent oracle: central differences of Network.loss by every entry of X."""
    from nn_helpers import gradcheck

    d_case = case.info
    n1, n0 = d_case["W1"].shape
    net = Network([n0, n1, d_case["W2"].shape[0]], activation="sigmoid", seed=0)
    net.weights = [d_case["W1"].copy(), d_case["W2"].copy()]
    net.biases = [d_case["b1"].copy(), d_case["b2"].copy()]
    X = d_case["X"].copy()
    numerical = gradcheck.numerical_gradient(lambda: net.loss(X, d_case["Y"]), X)
    np.testing.assert_allclose(solutions.input_gradient(*case.args), numerical, rtol=1e-6, atol=1e-10)


def test_input_gradient_accepts_solution():
    assert ch04.check_input_gradient(solutions.input_gradient).correct


def _input_variant(last_step):
    def function(W1, b1, W2, b2, X, Y):
        Z1 = W1 @ X + b1
        Z2 = W2 @ sigmoid(Z1) + b2
        Delta2 = (2 / X.shape[1]) * (sigmoid(Z2) - Y) * sigmoid_prime(Z2)
        return last_step(W1, W2, Delta2, Z1)
    return function


@pytest.mark.parametrize("function, words", [
    (_input_variant(lambda W1, W2, D2, Z1: W1.T @ (W2.T @ D2)), "f'(Z1) is missing"),
    (_input_variant(lambda W1, W2, D2, Z1: W1.T @ ((W2.T @ D2) * sigmoid(Z1))), "multiplied by f(Z1)"),
    (_input_variant(lambda W1, W2, D2, Z1: (W2.T @ D2) * sigmoid_prime(Z1)), "one more step down"),
    (_input_variant(lambda W1, W2, D2, Z1: ((W2.T @ D2) * sigmoid_prime(Z1)).T @ W1), "transpose"),
    (_input_variant(lambda W1, W2, D2, Z1: (W1.T @ ((W2.T @ D2) * sigmoid_prime(Z1))).sum(axis=1, keepdims=True)
                    * np.ones((1, D2.shape[1]))), "not shared"),
    (_input_variant(lambda W1, W2, D2, Z1: (W1 @ ((W2.T @ D2) * sigmoid_prime(Z1)).T)), "shape"),
    (lambda *args: solutions.input_gradient(*ch04.input_gradient_cases()[0].args), "network on m ="),   # memorised
])
def test_input_gradient_rejects_typical_mistakes(function, words):
    feedback = ch04.check_input_gradient(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message
