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
    (_recursion(lambda W, Z, d, fp, l: (W[l].T @ d) * fp(Z[l - 1]) * 2), "4 times the right value"),
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


# -- Random inputs: memorised, unrolled and activation-blind answers fail ------------------------
@pytest.mark.parametrize("case", ch05.delta_cases()[1:], ids=lambda case: case.description)
def test_the_checkers_deltas_give_the_networks_gradients(case):
    """Independent oracle: Network.gradients; dW^(l) = Delta^(l) A^(l-1)^T for every random network."""
    net, X, Y = case["network"], case["X"], case["Y"]
    expected = ch05._deltas(*case.args)
    _, As = net._forward(X)
    dW, db = net.gradients(X, Y)
    assert len(expected) == case["depth"] == len(dW)
    for l, delta in enumerate(expected):
        np.testing.assert_allclose(delta @ As[l].T, dW[l], rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(delta.sum(axis=1, keepdims=True), db[l], rtol=1e-10, atol=1e-14)


def test_the_random_networks_cover_depths_two_to_five_and_three_activations():
    cases = ch05.delta_cases()
    assert {case["depth"] for case in cases} == {2, 3, 4, 5}
    assert {case["f_prime"] for case in cases} == {activations.tanh_prime, activations.sigmoid_prime,
                                                   activations.relu_prime}


def test_memorised_deltas_are_rejected():
    remembered = solutions.deltas(*ch05.exercise_network(), activations.tanh_prime)
    assert ch05.check_deltas(lambda *args: remembered).status == "wrong"


def test_a_recursion_unrolled_for_three_layers_is_rejected():
    def unrolled(weights, Zs, delta_L, f_prime):
        delta2 = (weights[2].T @ delta_L) * f_prime(Zs[1])
        delta1 = (weights[1].T @ delta2) * f_prime(Zs[0])
        return [delta1, delta2, delta_L]
    feedback = ch05.check_deltas(unrolled)
    assert feedback.status == "wrong" and "sigmoid network (2 layers" in feedback.message, feedback


def test_a_recursion_that_ignores_f_prime_is_rejected():
    def tanh_only(weights, Zs, delta_L, f_prime):
        return solutions.deltas(weights, Zs, delta_L, activations.tanh_prime)
    feedback = ch05.check_deltas(tanh_only)
    assert feedback.status == "wrong" and "instead of the f_prime you were given" in feedback.message, feedback


@pytest.mark.parametrize("answer", [((5.9, 10.2), (5, 6), (5, 1)), ((5, 10), (5.0001, 6), (5, 1)),
                                    ((5, 10), (5, 6), (5, 1 + 0j)), ((5, float("inf")), (5, 6), (5, 1)),
                                    ((5, 10), (5, 6), (5, True)), ((5, 10), (5, 6), (5, "1"))])
def test_shapes_must_be_whole_numbers(answer):
    feedback = ch05.check_shapes(answer)
    assert feedback.status == "wrong", feedback


def test_shapes_as_whole_floats_are_accepted():
    assert ch05.check_shapes(((5.0, 10.0), (5, 6), (np.int64(5), 1))).correct


# -- exercises 4 and 5: oracles are Network.gradients and finite differences -----------------
def _network_with(case):
    net = case["network"]
    net.weights = [W.copy() for W in case["weights"]]
    net.biases = [b.copy() for b in case["biases"]]
    return net


@pytest.mark.parametrize("case", ch05.backward_cases(), ids=lambda case: case.description)
def test_fixed_backward_gives_the_networks_gradients(case):
    net = _network_with(case)
    dW_net, db_net = net.gradients(case["X"], case["Y"])
    dW, db = solutions.backward_fixed(*case.args)
    for ours, theirs in zip(dW + db, dW_net + db_net):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-14)


def test_the_planted_bug_is_real_and_a_gradient_check_locates_it():
    """On the exercise's network the last layer is right and every layer below it is wrong."""
    from nn_helpers import gradcheck

    weights, biases, fs, X, Y = ch05.bug_hunt_network()
    dW, db = ch05.buggy_backward(weights, biases, fs, X, Y)

    def loss():
        A = X
        for W, b, (f, _) in zip(weights, biases, fs):
            A = f(W @ A + b)
        return np.sum((A - Y) ** 2) / X.shape[1]

    errors = [gradcheck.relative_error(dW[l], gradcheck.numerical_gradient(loss, weights[l])) for l in range(3)]
    assert errors[-1] < 1e-7 and errors[0] > 1e-2 and errors[1] > 1e-2, errors


def test_fixed_backward_accepts_solution():
    assert ch05.check_fixed_backward(solutions.backward_fixed).correct


def _bad_backward(change):
    def function(weights, biases, fs, X, Y):
        dW, db = solutions.backward_fixed(weights, biases, fs, X, Y)
        return change(dW, db)
    return function


@pytest.mark.parametrize("function, words", [
    (ch05.buggy_backward, "still what buggy_backward returns"),
    (_bad_backward(lambda dW, db: dW), "pair of lists"),
    (_bad_backward(lambda dW, db: (dW[1:], db[1:])), "one gradient per layer"),
    (_bad_backward(lambda dW, db: ([g.T for g in dW], db)), "transpose"),
    (_bad_backward(lambda dW, db: (dW, [g / 2 for g in db])), "db["),
    (lambda *args: solutions.backward_fixed(*ch05.backward_cases()[0].args), "network ("),   # memorised
])
def test_fixed_backward_rejects_typical_mistakes(function, words):
    feedback = ch05.check_fixed_backward(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize("case", ch05.decay_cases(), ids=lambda case: case.description)
def test_decay_expected_values_are_finite_differences_of_the_decayed_loss(case):
    from nn_helpers import gradcheck

    weights, biases, fs, X, Y, kappa = case.args
    weights, biases = [W.copy() for W in weights], [b.copy() for b in biases]

    def loss():
        A = X
        for W, b, (f, _) in zip(weights, biases, fs):
            A = f(W @ A + b)
        return np.sum((A - Y) ** 2) / X.shape[1] + kappa / 2 * sum(np.sum(W ** 2) for W in weights)

    dW, db = solutions.gradients_with_decay(weights, biases, fs, X, Y, kappa)
    for ours, p in zip(dW + db, weights + biases):
        np.testing.assert_allclose(ours, gradcheck.numerical_gradient(loss, p), rtol=1e-6, atol=1e-9)


def test_decay_accepts_solution():
    assert ch05.check_gradients_with_decay(solutions.gradients_with_decay).correct


def _decay_variant(weight_term, bias_term=lambda kappa, b: 0 * b):
    def function(weights, biases, fs, X, Y, kappa):
        dW, db = solutions.backward_fixed(weights, biases, fs, X, Y)
        return ([g + weight_term(kappa, W) for g, W in zip(dW, weights)],
                [g + bias_term(kappa, b) for g, b in zip(db, biases)])
    return function


@pytest.mark.parametrize("function, words", [
    (_decay_variant(lambda k, W: 0 * W), "without the decay term"),
    (_decay_variant(lambda k, W: k / 2 * W), "the 1/2 cancels against"),
    (_decay_variant(lambda k, W: 2 * k * W), "not 2 kappa w"),
    (_decay_variant(lambda k, W: -k * W), "sign is flipped"),
    (_decay_variant(lambda k, W: k * W, lambda k, b: k * b), "biases are not in it"),
    (_decay_variant(lambda k, W: 0.1 * W), "kappa = 0.01"),       # a kappa memorised from the first case
])
def test_decay_rejects_typical_mistakes(function, words):
    feedback = ch05.check_gradients_with_decay(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


# -- exercise 1 as a rule: the oracle is a real network's arrays -------------------------------
@pytest.mark.parametrize("case", ch05.shape_cases(), ids=lambda case: case.description)
def test_shape_rule_expected_values_are_a_real_networks_shapes(case):
    sizes, m, l = case["sizes"], case["m"], case["l"]
    net = Network(list(sizes), seed=0)
    X, Y = np.zeros((sizes[0], m)), np.zeros((sizes[-1], m))
    Zs, _ = net._forward(X)
    dW, db = net.gradients(X, Y)
    assert solutions.gradient_shapes(list(sizes), m, l) == (Zs[l - 1].shape, dW[l - 1].shape, db[l - 1].shape)


def test_shape_rule_accepts_solution():
    assert ch05.check_shape_rule(solutions.gradient_shapes).correct


@pytest.mark.parametrize("function, words", [
    (lambda sizes, m, l: solutions.shapes, "layer_sizes [3, 7, 1]"),                          # memorised
    (lambda sizes, m, l: ((m, sizes[l]), (sizes[l], sizes[l - 1]), (sizes[l], 1)), "is transposed"),
    (lambda sizes, m, l: ((sizes[l - 1], m), (sizes[l], sizes[l - 1]), (sizes[l], 1)), "belongs to layer"),
    (lambda sizes, m, l: ((sizes[l], m), (sizes[l - 1], sizes[l]), (sizes[l], 1)), "parameter's shape"),
    (lambda sizes, m, l: ((sizes[l], m), (sizes[l], m), (sizes[l], 1)), "no sample dimension"),
    (lambda sizes, m, l: ((sizes[l], m), (sizes[l], sizes[l - 1]), (1, sizes[l])), "column like b"),
    (lambda sizes, m, l: ((sizes[l], m), (sizes[l], sizes[l - 1])), "exactly three shapes"),
])
def test_shape_rule_rejects_typical_mistakes(function, words):
    feedback = ch05.check_shape_rule(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message
