"""Checkers for the exercises of notebook 05 (the general delta formula).

1. ``check_shapes(answer)``: the shapes of Delta^(2), dL/dW^(2), dL/db^(2) in a 4-6-5-2 network, m = 10.
2. ``check_deltas(function)``: the reader's recursion (weights, Zs, delta_L, f_prime) -> every Delta.
3. ``check_sigmoid_bound(answer)``: the most the f' factors of 6 sigmoid layers can shrink an error signal.

``exercise_network()`` gives the fixed 3-4-3-2 tanh network that exercise 2 uses.
"""
import numpy as np

from .. import activations
from ..network import Network
from . import (Case, as_numbers, as_whole, check_function, checker, compare_array, correct, describe, not_attempted,
               open_exercise, random_cases, wrong)

__all__ = ["exercise_network", "check_shapes", "check_deltas", "check_sigmoid_bound", "SHAPES_NETWORK",
           "SHAPES_SAMPLES", "SIGMOID_LAYERS"]

SHAPES_NETWORK = (4, 6, 5, 2)
SHAPES_SAMPLES = 10
SIGMOID_LAYERS = 6


@checker("Exercise 1 (shapes)")
def check_shapes(answer):
    """Exercise 1: answer = (shape of Delta^(2), shape of dL/dW^(2), shape of dL/db^(2))."""
    name = "Exercise 1 (shapes)"
    if not_attempted(answer):
        return open_exercise(name, "three shapes, e.g. ((1, 2), (3, 4), (5, 6))")
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list)) or not all(
            isinstance(shape, (tuple, list)) for shape in answer):
        return wrong(name, f"give three shapes as tuples, e.g. ((1, 2), (3, 4), (5, 6)), not {describe(answer)}.")
    if len(answer) != 3 or any(len(shape) != 2 for shape in answer):
        return wrong(name, "give exactly three shapes of two numbers each: (rows, columns).")
    shapes = []
    for which, shape in zip(("Delta^(2)", "dL/dW^(2)", "dL/db^(2)"), answer):
        sizes = []
        for n in shape:
            size, problem = as_whole(n, f"a size in the shape of {which}")
            if problem is not None:
                return wrong(name, problem + " A shape counts rows and columns.")
            sizes.append(size)
        shapes.append(tuple(sizes))
    n0, n1, n2, n3 = SHAPES_NETWORK
    m = SHAPES_SAMPLES
    delta, dW, db = shapes
    if delta != (n2, m):
        if delta == (m, n2):
            return wrong(name, "Delta^(2) is transposed: it has the shape of Z^(2), (units, samples).")
        if delta[0] in (n1, n3):
            return wrong(name, "Delta^(2) belongs to layer 2, which has 5 units (sizes are [n0, n1, n2, n3]"
                               " = [4, 6, 5, 2]; layer 2's width is n2).")
        return wrong(name, f"Delta^(2) has the shape of Z^(2): (n2, m) = ({n2}, {m}), not {delta}.")
    if dW != (n2, n1):
        if dW == (n1, n2):
            return wrong(name, "dL/dW^(2) is transposed: a gradient has its parameter's shape, (n2, n1).")
        if m in dW:
            return wrong(name, "dL/dW^(2) has no sample dimension: Delta^(2) A^(1)T sums over the m samples.")
        return wrong(name, f"dL/dW^(2) has the shape of W^(2): (n2, n1) = ({n2}, {n1}), not {dW}.")
    if db != (n2, 1):
        if db == (1, n2):
            return wrong(name, "dL/db^(2) is a column like b^(2): (n2, 1), the row sums of Delta^(2).")
        return wrong(name, f"dL/db^(2) has the shape of b^(2): (n2, 1) = ({n2}, 1), not {db}.")
    return correct(name, "Delta^(2) is shaped like Z^(2), each gradient like its parameter.")


def exercise_network():
    """(weights, Zs, delta_L) of a 3-4-3-2 tanh network on 5 fixed samples; Zs[l] is Z^(l+1)."""
    rng = np.random.default_rng(5)
    X, Y = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    net = Network([3, 4, 3, 2], activation="tanh", seed=5)
    Zs, As = net._forward(X)
    delta_L = (2 / X.shape[1]) * (As[-1] - Y) * activations.tanh_prime(Zs[-1])
    return net.weights, Zs, delta_L


def _random_network(rng, spec):
    """(weights, Zs, delta_L, X, Y, network) for layer sizes and activation spec = (sizes, activation, m)."""
    sizes, activation, m = spec
    X, Y = rng.normal(size=(sizes[0], m)), rng.normal(size=(sizes[-1], m))
    net = Network(list(sizes), activation=activation, output_activation=activation,
                  seed=int(rng.integers(1000)))
    Zs, As = net._forward(X)
    delta_L = (2 / m) * (As[-1] - Y) * activations.get(activation)[1](Zs[-1])
    return net.weights, Zs, delta_L, X, Y, net


DELTA_SPECS = (((2, 5, 1), "sigmoid", 4),                  # depth 2
               ((4, 3, 5, 3, 2), "relu", 6),               # depth 4
               ((3, 2, 4, 2, 3, 2), "sigmoid", 3),         # depth 5
               ((2, 6, 2, 3), "tanh", 1))                  # depth 3, one sample


def delta_cases():
    """The exercise's 3-4-3-2 tanh network, then seeded random networks of depths 2 to 5 and other activations."""
    weights, Zs, delta_L = exercise_network()
    cases = [Case("the exercise's 3-4-3-2 tanh network", (weights, Zs, delta_L, activations.tanh_prime),
                  f=activations.tanh, f_prime=activations.tanh_prime, depth=3)]
    for (weights, Zs, delta_L, X, Y, net), (_, name, _) in zip(random_cases(_random_network, DELTA_SPECS, seed=5),
                                                             DELTA_SPECS):
        f, f_prime = activations.get(name)
        sizes = "-".join(str(W.shape[1]) for W in weights) + f"-{weights[-1].shape[0]}"
        cases.append(Case(f"a {sizes} {name} network ({len(weights)} layers, m = {X.shape[1]})",
                          (weights, Zs, delta_L, f_prime), f=f, f_prime=f_prime, depth=len(weights),
                          X=X, Y=Y, network=net))
    return cases


def _deltas(weights, Zs, delta_L, f_prime):
    """The recursion Delta^(l) = (W^(l+1)^T Delta^(l+1)) * f'(Z^(l)), as a list [Delta^(1), ..., Delta^(L)]."""
    deltas = [delta_L]
    for l in range(len(weights) - 1, 0, -1):
        deltas.insert(0, (weights[l].T @ deltas[0]) * f_prime(Zs[l - 1]))
    return deltas


def _judge_deltas(result, case):
    name = "Exercise 2 (delta recursion)"
    weights, Zs, delta_L, f_prime = case.args
    expected = _deltas(weights, Zs, delta_L, f_prime)
    if not isinstance(result, (list, tuple)):
        return wrong(name, f"return a list of {len(expected)} arrays [Delta^(1), ..., Delta^(L)], "
                           f"not {type(result).__name__}.")
    if len(result) != len(expected):
        return wrong(name, f"return one Delta per layer: {len(expected)} arrays [Delta^(1), ..., Delta^(L)], "
                           f"but got {len(result)}.")
    shapes = [np.shape(r) if isinstance(r, np.ndarray) else None for r in result]
    if len(expected) > 1 and shapes == [e.shape for e in reversed(expected)] and shapes != [e.shape for e in expected]:
        return wrong(name, "the list is in reverse order: put Delta^(1) first and Delta^(L) last.")
    without_f_prime = _deltas(weights, Zs, delta_L, lambda Z: 1.0)
    with_f = _deltas(weights, Zs, delta_L, case["f"])
    tanh_prime = _deltas(weights, Zs, delta_L, activations.tanh_prime)
    for l, (answer, right) in enumerate(zip(result, expected)):
        hints = [
            (without_f_prime[l], f"Delta^({l + 1}) misses the factor f'(Z^({l + 1})): every layer multiplies "
                                 "the error signal by its own activation's slope."),
            (with_f[l], f"Delta^({l + 1}) uses f(Z) where the derivative f'(Z) belongs."),
        ]
        if case["f_prime"] is not activations.tanh_prime:
            hints.append((tanh_prime[l], "you used tanh' instead of the f_prime you were given: call f_prime(Z), "
                                         "so the recursion works for every activation."))
        feedback = compare_array(name, answer, right, name=f"Delta^({l + 1}) (item {l} of your list)", hints=hints)
        if not feedback:
            if "entries differ" in feedback.message or "off by" in feedback.message:
                feedback.message += (f" Delta^({l + 1}) = (W^({l + 2}).T @ Delta^({l + 2})) * f'(Z^({l + 1})): "
                                     f"in the 0-based lists that is weights[{l + 1}], deltas[{l + 1}] and Zs[{l}].")
            return feedback
    return correct(name)


@checker("Exercise 2 (delta recursion)")
def check_deltas(function):
    """Exercise 2: function(weights, Zs, delta_L, f_prime) -> [Delta^(1), ..., Delta^(L)]."""
    name = "Exercise 2 (delta recursion)"
    feedback = check_function(name, function, delta_cases(), _judge_deltas,
                              "Delta^(l) = (W^(l+1)T Delta^(l+1)) * f'(Z^(l)), from the last layer down, "
                              "for depths 2 to 5 and every activation tried.")
    if feedback.status == "wrong" and any(w in feedback.message for w in ("matmul", "broadcast")):
        feedback.message += (" Check the shapes: W^(l+1) is (n_{l+1}, n_l) and Delta^(l+1) is (n_{l+1}, m),"
                             " so Delta^(l) = (W^(l+1).T @ Delta^(l+1)) * f'(Z^(l)).")
    return feedback


@checker("Exercise 3 (vanishing bound)")
def check_sigmoid_bound(answer):
    """Exercise 3: the f' factors of 6 sigmoid layers shrink an error signal by at most 0.25**6."""
    name = "Exercise 3 (vanishing bound)"
    if not_attempted(answer):
        return open_exercise(name, "a number")
    number, problem = as_numbers(answer, "the answer")
    if problem is not None:
        return wrong(name, problem.replace("should be numbers", "should be a number"))
    if number.size != 1 or not np.isfinite(number).all():
        return wrong(name, f"the answer should be one finite number, but got {describe(answer)}.")
    value = float(number.reshape(()))
    n = SIGMOID_LAYERS
    truth = 0.25 ** n
    if np.isclose(value, truth, rtol=1e-6, atol=0):
        return correct(name, f"sigma'(z) <= 1/4, reached at z = 0, so {n} layers give at most "
                             f"(1/4)^{n} = {truth:.2e}.")
    hints = [
        (0.25, f"that is one layer; the error signal passes through {n} f' factors, one per layer."),
        (n * 0.25, "the factors multiply, they do not add: one f' per layer in the chain rule's product."),
        (0.5 ** n, "sigma'(0) = sigma(0)(1 - sigma(0)) = 0.5 * 0.5 = 1/4, not 1/2."),
        (4.0 ** n, "that is the factor by which the signal shrinks expressed the other way round; "
                   "give the factor it is multiplied by (a number below 1)."),
        (1.0, "sigmoid' is never 1: its largest value is sigma'(0) = 1/4."),
        (0.25 ** (n - 1), f"count the layers again: {n} sigmoid layers give {n} factors."),
        (0.25 ** (n + 1), f"count the layers again: {n} sigmoid layers give {n} factors."),
    ]
    for wrong_value, message in hints:
        if np.isclose(value, wrong_value, rtol=1e-6, atol=0):
            return wrong(name, message)
    return wrong(name, "not yet: what is the largest value of sigma'(z) = sigma(z)(1 - sigma(z)), and how "
                       f"many such factors does the error signal meet in {n} layers?")
