"""The checkers of notebook 05 accept the reference solutions and name typical mistakes."""
import numpy as np
import pytest

from nn_helpers import Network, activations
from nn_helpers.exercises import ch05
from solutions import ch05 as solutions


# -- exercise 1 ---------------------------------------------------------------

def test_shapes_accepts_solution_and_lists():
    assert ch05.check_shapes(solutions.shapes).status == "correct"
    assert ch05.check_shapes([[5, 10], [5, 6], [5, 1]]).status == "correct"


def test_shapes_agree_with_a_real_network():
    net = Network(list(ch05.SHAPES_NETWORK), seed=0)
    X = np.zeros((ch05.SHAPES_NETWORK[0], ch05.SHAPES_SAMPLES))
    Y = np.zeros((ch05.SHAPES_NETWORK[-1], ch05.SHAPES_SAMPLES))
    Zs, _ = net._forward(X)
    dW, db = net.gradients(X, Y)
    assert (Zs[1].shape, dW[1].shape, db[1].shape) == solutions.shapes


def test_shapes_placeholder_is_not_attempted():
    assert ch05.check_shapes(None).status == "not attempted"


@pytest.mark.parametrize("answer, words", [
    (((10, 5), (5, 6), (5, 1)), "Delta^(2) is transposed"),
    (((6, 10), (6, 4), (6, 1)), "5 units"),
    (((5, 10), (6, 5), (5, 1)), "dL/dW^(2) is transposed"),
    (((5, 10), (5, 10), (5, 1)), "no sample dimension"),
    (((5, 10), (5, 6), (1, 5)), "column like b^(2)"),
    (((5, 10), (5, 6), (5, 10)), "shape of b^(2)"),
    (((5, 10), (5, 6)), "exactly three shapes"),
    ("shapes", "as tuples"),
])
def test_shapes_rejects_typical_mistakes(answer, words):
    feedback = ch05.check_shapes(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


# -- exercise 2 ---------------------------------------------------------------

def test_deltas_accepts_solution():
    assert ch05.check_deltas(solutions.deltas).status == "correct"


def test_deltas_are_the_networks_own():
    """The deltas give the library's gradients: dW^(l) = Delta^(l) A^(l-1)^T."""
    rng = np.random.default_rng(5)
    X, Y = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    net = Network([3, 4, 3, 2], activation="tanh", seed=5)
    weights, Zs, delta_L = ch05.exercise_network()
    deltas = solutions.deltas(weights, Zs, delta_L, activations.tanh_prime)
    _, As = net._forward(X)
    dW, _ = net.gradients(X, Y)
    for l, delta in enumerate(deltas):
        np.testing.assert_allclose(delta @ As[l].T, dW[l], rtol=1e-12)


def test_deltas_placeholders_are_not_attempted():
    def unfinished(weights, Zs, delta_L, f_prime):
        raise NotImplementedError

    for placeholder in (None, unfinished, lambda *args: None):
        assert ch05.check_deltas(placeholder).status == "not attempted"


def _recursion(step):
    def deltas(weights, Zs, delta_L, f_prime):
        result = [delta_L]
        for l in range(len(weights) - 1, 0, -1):
            result.insert(0, step(weights, Zs, result[0], f_prime, l))
        return result
    return deltas


@pytest.mark.parametrize("function, words", [
    (_recursion(lambda W, Z, d, fp, l: W[l].T @ d), "misses the factor f'"),
    (_recursion(lambda W, Z, d, fp, l: (W[l].T @ d) * np.tanh(Z[l - 1])), "f(Z) where the derivative"),
    (_recursion(lambda W, Z, d, fp, l: (W[l] @ d) * fp(Z[l - 1])), "W^(l+1).T @ Delta^(l+1)"),
    (_recursion(lambda W, Z, d, fp, l: (W[l].T @ d) * fp(Z[l])), "W^(l+1).T @ Delta^(l+1)"),
    (_recursion(lambda W, Z, d, fp, l: (W[l].T @ d) * fp(Z[l - 1]) * 2), "different values"),
    (lambda W, Z, d, fp: solutions.deltas(W, Z, d, fp)[::-1], "reverse order"),
    (lambda W, Z, d, fp: solutions.deltas(W, Z, d, fp)[1:], "one Delta per layer"),
    (lambda W, Z, d, fp: d, "list of 3 arrays"),
    ("deltas", "expected a function"),
])
def test_deltas_rejects_typical_mistakes(function, words):
    feedback = ch05.check_deltas(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


def test_different_values_message_points_at_the_list_indices():
    wrong_scale = _recursion(lambda W, Z, d, fp, l: (W[l].T @ d) * fp(Z[l - 1]) * 2)
    assert "weights[1]" in ch05.check_deltas(wrong_scale).message


# -- exercise 3 ---------------------------------------------------------------

def test_sigmoid_bound_accepts_solution():
    assert ch05.check_sigmoid_bound(solutions.sigmoid_bound).status == "correct"
    assert ch05.check_sigmoid_bound(1 / 4096).status == "correct"


def test_sigmoid_bound_is_the_largest_slope_to_the_power_of_the_layers():
    z = np.linspace(-10, 10, 20001)
    assert np.isclose(activations.sigmoid_prime(z).max(), 0.25)
    assert np.isclose(solutions.sigmoid_bound, activations.sigmoid_prime(0.0) ** ch05.SIGMOID_LAYERS)


def test_sigmoid_bound_placeholder_is_not_attempted():
    assert ch05.check_sigmoid_bound(None).status == "not attempted"


@pytest.mark.parametrize("answer, words", [
    (0.25, "that is one layer"), (1.5, "multiply"), (0.5 ** 6, "not 1/2"), (4096, "other way round"),
    (1, "never 1"), (0.25 ** 5, "count the layers"), (0.25 ** 7, "count the layers"), (0.3, "not yet"),
    ("a quarter", "a number"),
])
def test_sigmoid_bound_rejects_typical_mistakes(answer, words):
    feedback = ch05.check_sigmoid_bound(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message
