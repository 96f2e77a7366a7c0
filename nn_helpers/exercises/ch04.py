"""Checkers for the exercises of notebook 04 (a two-layer network).

1. ``check_output_delta(function)``: the reader's (A2, Y, Z2) -> Delta^(2) for a sigmoid output layer.
2. ``check_layer1_gradients(function)``: the reader's function (W2, Delta2, Z1, X) -> (dW1, db1).
3. ``check_path_count(answer)``: how many paths join one layer-1 weight to the loss.
4. ``check_input_gradient(function)``: the reader's (W1, b1, W2, b2, X, Y) -> grad of L by the inputs X.

``exercise_arrays()`` gives the fixed arrays the exercises use.
"""
import numbers

import numpy as np

from .. import activations
from ..graph import index_graph
from . import (GRADIENT_CHECK_TIP, Case, check_function, checker, compare_array, compare_whole, correct,
               random_cases, wrong)

__all__ = ["exercise_arrays", "check_output_delta", "output_delta_cases", "check_layer1_gradients",
           "check_path_count", "check_input_gradient", "input_gradient_cases", "PATH_COUNT_NETWORK", "PATH_COUNT_SAMPLES",
           "PATH_COUNT_WEIGHT"]


def exercise_arrays(seed=4):
    """A 3-4-2 sigmoid network on m = 5 samples: X, Y, W1, b1, W2, b2, Z1, A1, Z2, A2 (samples are columns)."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 2, size=(3, 5)).astype(float)
    Y = rng.integers(0, 2, size=(2, 5)).astype(float)
    W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
    W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=(2, 1))
    Z1 = W1 @ X + b1
    A1 = activations.sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = activations.sigmoid(Z2)
    return {"X": X, "Y": Y, "W1": W1, "b1": b1, "W2": W2, "b2": b2, "Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _delta2(d):
    m = d["X"].shape[1]
    return (2 / m) * (d["A2"] - d["Y"]) * activations.sigmoid_prime(d["Z2"])


def output_delta_cases():
    """The exercise's 3-4-2 network on 5 samples, then seeded random networks with 1 to 3 outputs."""
    return _network_cases(((2, 3, 1, 4), (4, 6, 3, 7), (5, 2, 2, 9)), 5, lambda d: (d["A2"], d["Y"], d["Z2"]))


def _judge_output_delta(result, case):
    d = case.info
    m = d["X"].shape[1]
    s_prime = activations.sigmoid_prime(d["Z2"])
    hints = [
        ((d["A2"] - d["Y"]) * s_prime, "the factor 2/m is missing: L is a mean over m samples of squares."),
        ((1 / m) * (d["A2"] - d["Y"]) * s_prime, "the factor 2 is missing: d/da (a - y)^2 = 2 (a - y)."),
        (2 * (d["A2"] - d["Y"]) * s_prime, "the 1/m is missing: L is a mean over the m samples."),
        (-_delta2(d), "the sign is flipped: it is (A2 - Y), the output minus the target."),
        ((2 / m) * (d["A2"] - d["Y"]), "the factor f'(Z2) is missing: A2 = f(Z2), so the chain rule passes through f."),
        ((2 / m) * (d["A2"] - d["Y"]) * d["A2"], "you multiplied by f(Z2) = A2; the chain rule needs f'(Z2) = A2 (1 - A2)."),
        ((2 / m) * (d["A2"] - d["Y"]) * activations.sigmoid_prime(d["A2"]),
         "you applied sigmoid' to A2; it belongs to Z2: use sigmoid_prime(Z2), which equals A2 * (1 - A2)."),
    ]
    if m != 5:
        hints.append(((2 / 5) * (d["A2"] - d["Y"]) * s_prime,
                      "you divided by 5, the exercise's m; take m from the arrays: m = A2.shape[1]."))
    return compare_array("Exercise 1 (output delta)", result, _delta2(d), name="Delta2", hints=hints)


@checker("Exercise 1 (output delta)")
def check_output_delta(function):
    """Exercise 1: function(A2, Y, Z2) -> Delta^(2) = (2/m)(A^(2) - Y) * sigmoid'(Z^(2)), shape (n2, m)."""
    if isinstance(function, (np.ndarray, list, tuple, numbers.Number)):
        return wrong("Exercise 1 (output delta)",
                     "this exercise asks for a function, output_delta(A2, Y, Z2), that returns Delta2 for any "
                     "network; an array is the answer for one network only. Put your formula in the function's "
                     "return line and pass the function itself: check_output_delta(output_delta).")
    return check_function("Exercise 1 (output delta)", function, output_delta_cases(), _judge_output_delta,
                          "Delta2 = (2/m)(A2 - Y) * sigmoid'(Z2), for every network tried.")


def _layer1(d):
    delta1 = (d["W2"].T @ _delta2(d)) * activations.sigmoid_prime(d["Z1"])
    return delta1 @ d["X"].T, delta1.sum(axis=1, keepdims=True)


def _random_arrays(rng, sizes):
    """Like exercise_arrays, for a sigmoid network of sizes (n0, n1, n2) on m samples, sizes = (n0, n1, n2, m)."""
    n0, n1, n2, m = sizes
    X, Y = rng.normal(size=(n0, m)), rng.integers(0, 2, size=(n2, m)).astype(float)
    W1, b1 = rng.normal(size=(n1, n0)), rng.normal(size=(n1, 1))
    W2, b2 = rng.normal(size=(n2, n1)), rng.normal(size=(n2, 1))
    Z1 = W1 @ X + b1
    A1 = activations.sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    return {"X": X, "Y": Y, "W1": W1, "b1": b1, "W2": W2, "b2": b2, "Z1": Z1, "A1": A1, "Z2": Z2,
            "A2": activations.sigmoid(Z2)}


def _network_cases(sizes, seed, arguments):
    """Cases for the exercise's 3-4-2 network on 5 samples, then seeded random networks of ``sizes``.

    arguments(d) picks the reader's function arguments from the arrays d of one network.
    """
    cases = []
    for d in [exercise_arrays()] + random_cases(_random_arrays, sizes=sizes, seed=seed):
        n1, n0 = d["W1"].shape
        description = f"a {n0}-{n1}-{d['W2'].shape[0]} network on m = {d['X'].shape[1]} samples"
        cases.append(Case(description, arguments(d), **d))
    return cases


def layer1_cases():
    """The exercise's 3-4-2 network on 5 samples, then seeded random networks of other sizes."""
    return _network_cases(((2, 3, 1, 4), (4, 6, 3, 1), (5, 2, 2, 9)), 4,
                          lambda d: (d["W2"], _delta2(d), d["Z1"], d["X"]))


def _judge_layer1(result, case):
    name = "Exercise 2 (layer-1 gradients)"
    d = case.info
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return wrong(name, "return the pair (dW1, db1), e.g. `return dW1, db1`.")
    dW1, db1 = result
    delta2 = _delta2(d)
    expected_dW1, expected_db1 = _layer1(d)
    no_fprime = d["W2"].T @ delta2
    with_f = (d["W2"].T @ delta2) * activations.sigmoid(d["Z1"])
    delta1 = (d["W2"].T @ delta2) * activations.sigmoid_prime(d["Z1"])
    dW1_feedback = compare_array(name, dW1, expected_dW1, name="dW1", hints=[
        (no_fprime @ d["X"].T, "dW1 misses the factor f'(Z1): Delta1 = (W2.T @ Delta2) * sigmoid'(Z1)."),
        (with_f @ d["X"].T, "you multiplied by f(Z1); Delta1 needs the derivative sigmoid'(Z1) = f(Z1)(1 - f(Z1))."),
        (((d["W2"].T @ delta2) * activations.sigmoid_prime(d["A1"])) @ d["X"].T,
         "you applied sigmoid' to A1; it belongs to Z1: sigmoid_prime(Z1), which equals A1 * (1 - A1)."),
        (d["X"] @ delta1.T, "dW1 is transposed: it must have W1's shape (n1, n0), so it is Delta1 @ X.T."),
    ], suggest=GRADIENT_CHECK_TIP)
    if not dW1_feedback:
        return dW1_feedback
    db1_feedback = compare_array(name, db1, expected_db1, name="db1", hints=[
        (delta1.mean(axis=1, keepdims=True),
         "db1 is a sum over samples, not a mean: the 1/m is already inside Delta2."),
    ])
    if not db1_feedback:
        if np.shape(db1) == (1, d["X"].shape[1]) and d["X"].shape[1] != delta1.shape[0]:
            db1_feedback.message += " You summed over the hidden units (axis 0); sum over the samples, axis=1."
        return db1_feedback
    return correct(name)


def _shape_advice(failure):
    if failure.status == "wrong" and any(w in failure.message for w in ("matmul", "shapes", "broadcast")):
        failure.message += (" Write down every factor's shape: W2 is (n2, n1) and Delta2 is (n2, m); to get"
                            " Delta1 of shape (n1, m) the product must be W2.T @ Delta2.")
    return failure


@checker("Exercise 2 (layer-1 gradients)")
def check_layer1_gradients(function):
    """Exercise 2: function(W2, Delta2, Z1, X) -> (dW1, db1) for a sigmoid hidden layer."""
    return _shape_advice(check_function(
        "Exercise 2 (layer-1 gradients)", function, layer1_cases(), _judge_layer1,
        "dW1 = Delta1 X^T and db1 = Delta1 1, with Delta1 = (W2^T Delta2) * f'(Z1), for every network tried."))


PATH_COUNT_NETWORK = (3, 5, 2)
PATH_COUNT_SAMPLES = 4
PATH_COUNT_WEIGHT = ("w", 1, 2, 1)


@checker("Exercise 3 (paths)")
def check_path_count(answer):
    """Exercise 3: paths from w^(1)_21 to L in a 3-5-2 network with m = 4 samples."""
    name = "Exercise 3 (paths)"
    truth = len(index_graph(PATH_COUNT_NETWORK, PATH_COUNT_SAMPLES).paths(PATH_COUNT_WEIGHT))
    n0, n1, n2 = PATH_COUNT_NETWORK
    m = PATH_COUNT_SAMPLES
    messages = {
        m: "you counted one path per sample, but a^(1)_2i feeds every output unit: each of the 2 outputs adds a path.",
        n2: "you counted one path per output, but the weight is shared by all 4 samples: each sample adds paths.",
        n1 * n2 * m: "w^(1)_21 feeds only hidden unit 2, not all five hidden units.",
        n0 * n2 * m: "w^(1)_21 multiplies only input 1; the other inputs reach z^(1)_2i through other weights.",
        1: "in index notation one weight is shared by all samples and feeds every output: count those paths.",
    }
    feedback = compare_whole(name, answer, truth, name="your count", what="a whole number",
                             hints=[(value, message) for value, message in messages.items() if value != truth])
    if feedback.correct:
        feedback.message = f"{truth} paths: one per sample (4) times one per output that a^(1)_2 feeds (2)."
    elif feedback.message.startswith("your count is not right yet"):
        feedback.message = "count again: follow w^(1)_21 -> z^(1)_2i -> a^(1)_2i -> z^(2)_ki -> L."
    return feedback


# -- Exercise 4: the gradient by the inputs ----------------------------------------------------
def input_gradient_cases():
    """The exercise's 3-4-2 network on 5 samples, then seeded random sigmoid networks of other sizes."""
    return _network_cases(((2, 5, 1, 3), (4, 3, 3, 6), (1, 2, 2, 1)), 40,
                          lambda d: (d["W1"], d["b1"], d["W2"], d["b2"], d["X"], d["Y"]))


def _judge_input_gradient(result, case):
    name = "Exercise 4 (gradient by the inputs)"
    d = case.info
    delta2 = _delta2(d)
    back = d["W2"].T @ delta2                                     # (n1, m)
    delta1 = back * activations.sigmoid_prime(d["Z1"])
    expected = d["W1"].T @ delta1                                 # (n0, m), shaped like X
    if delta1.shape != expected.shape and compare_array(name, result, delta1):
        return wrong(name, "that is Delta1, the gradient by Z1 (shaped like Z1); one more step down: "
                           "Z1 = W1 X + b1, so the gradient by X is W1.T @ Delta1, shaped like X.")
    return compare_array(name, result, expected, name="your gradient", hints=[
        (d["W1"].T @ back, "the factor f'(Z1) is missing: the path from x to L passes through the hidden "
                           "activation, so use Delta1 = (W2.T @ Delta2) * sigmoid'(Z1), then W1.T @ Delta1."),
        (d["W1"].T @ (back * activations.sigmoid(d["Z1"])), "you multiplied by f(Z1); Delta1 needs the "
                                                            "derivative sigmoid'(Z1)."),
        (delta1, "that is Delta1, the gradient by Z1; one more step down: Z1 = W1 X + b1, so multiply by W1.T."),
        (d["W1"].T @ delta1.sum(axis=1, keepdims=True) * np.ones_like(expected),
         "the inputs are not shared by the samples: every column of X gets its own gradient, so do not sum "
         "over the samples."),
    ], suggest=("Each entry is dL/dx_pi; compare with central differences: nudge X[p, i] by +-1e-6 and "
                "difference the loss."))


@checker("Exercise 4 (gradient by the inputs)")
def check_input_gradient(function):
    """Exercise 4: function(W1, b1, W2, b2, X, Y) -> grad_X L = W1^T Delta1 for the sigmoid network, shape (n0, m)."""
    return _shape_advice(check_function(
        "Exercise 4 (gradient by the inputs)", function, input_gradient_cases(), _judge_input_gradient,
        "grad_X L = W1^T Delta1, shaped like X: one more step of the same recursion, for every network tried."))
