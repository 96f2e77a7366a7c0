"""Checkers for the exercises of notebook 05 (the general delta formula).

1. ``check_shape_rule(function)``: the reader's (layer_sizes, m, l) -> the shapes of Delta^(l), dL/dW^(l),
   dL/db^(l) (``check_shapes(answer)`` checks the three shapes of one example, layer 2 of 4-6-5-2, m = 10).
2. ``check_deltas(function)``: the reader's recursion (weights, Zs, delta_L, f_prime) -> every Delta.
3. ``check_sigmoid_bound(answer)``: the most the f' factors of 6 sigmoid layers can shrink an error signal.
4. ``check_fixed_backward(function)``: the reader found the bug planted in ``buggy_backward`` (with a
   gradient check) and returns a corrected backward pass.
5. ``check_gradients_with_decay(function)``: gradients of the loss plus (kappa/2) sum_l ||W^(l)||^2.

``exercise_network()`` gives the fixed 3-4-3-2 tanh network that exercise 2 uses.
"""
import numpy as np

from .. import activations
from ..network import Network
from . import (GRADIENT_CHECK_TIP, Case, as_numbers, as_whole, check_function, checker, compare_array, correct,
               describe, not_attempted, open_exercise, random_cases, wrong)

__all__ = ["exercise_network", "check_shapes", "check_shape_rule", "shape_cases", "check_deltas", "check_sigmoid_bound", "SHAPES_NETWORK",
           "SHAPES_SAMPLES", "SIGMOID_LAYERS", "bug_hunt_network", "buggy_backward", "backward_cases",
           "check_fixed_backward", "decay_cases", "check_gradients_with_decay"]

SHAPES_NETWORK = (4, 6, 5, 2)
SHAPES_SAMPLES = 10
SIGMOID_LAYERS = 6


def _judge_shapes(answer, sizes, m, l):
    """Feedback on answer = (shape of Delta^(l), of grad_W^(l) L, of grad_b^(l) L) for layer sizes and m samples."""
    name = "Exercise 1 (shapes)"
    if not_attempted(answer):
        return open_exercise(name, "three shapes, e.g. ((1, 2), (3, 4), (5, 6))")
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list)) or not all(
            isinstance(shape, (tuple, list)) for shape in answer):
        return wrong(name, f"give three shapes as tuples, e.g. ((1, 2), (3, 4), (5, 6)), not {describe(answer)}.")
    if len(answer) != 3 or any(len(shape) != 2 for shape in answer):
        return wrong(name, "give exactly three shapes of two numbers each: (rows, columns).")
    shapes = []
    for which, shape in zip((f"Delta^({l})", f"dL/dW^({l})", f"dL/db^({l})"), answer):
        entries = []
        for n in shape:
            size, problem = as_whole(n, f"a size in the shape of {which}")
            if problem is not None:
                return wrong(name, problem + " A shape counts rows and columns.")
            entries.append(size)
        shapes.append(tuple(entries))
    n_l, n_prev = sizes[l], sizes[l - 1]
    delta, dW, db = shapes
    if delta != (n_l, m):
        if delta == (m, n_l):
            return wrong(name, f"Delta^({l}) is transposed: it has the shape of Z^({l}), (units, samples).")
        if delta[1] == m and delta[0] != n_l:
            return wrong(name, f"Delta^({l}) belongs to layer {l}, which has n_{l} = sizes[{l}] = {n_l} units "
                               f"(sizes[0] = {sizes[0]} is the number of inputs, layer 0).")
        return wrong(name, f"Delta^({l}) has the shape of Z^({l}): (n_{l}, m) = ({n_l}, {m}), not {delta}.")
    if dW != (n_l, n_prev):
        if dW == (n_prev, n_l):
            return wrong(name, f"dL/dW^({l}) is transposed: a gradient has its parameter's shape, (n_{l}, n_{l - 1}).")
        if m in dW and m not in (n_l, n_prev):
            return wrong(name, f"dL/dW^({l}) has no sample dimension: Delta^({l}) A^({l - 1})T sums over the m samples.")
        return wrong(name, f"dL/dW^({l}) has the shape of W^({l}): (n_{l}, n_{l - 1}) = ({n_l}, {n_prev}), not {dW}.")
    if db != (n_l, 1):
        if db == (1, n_l):
            return wrong(name, f"dL/db^({l}) is a column like b^({l}): (n_{l}, 1), the row sums of Delta^({l}).")
        return wrong(name, f"dL/db^({l}) has the shape of b^({l}): (n_{l}, 1) = ({n_l}, 1), not {db}.")
    return correct(name, f"Delta^({l}) is shaped like Z^({l}), each gradient like its parameter.")


@checker("Exercise 1 (shapes)")
def check_shapes(answer):
    """The three shapes of layer 2 in a 4-6-5-2 network with m = 10, given as a tuple of tuples."""
    return _judge_shapes(answer, SHAPES_NETWORK, SHAPES_SAMPLES, 2)


SHAPE_CASES = ((SHAPES_NETWORK, SHAPES_SAMPLES, 2), ((3, 7, 1), 4, 1), ((2, 3, 8, 5, 1), 6, 3),
               ((5, 4, 9), 1, 2), ((3, 3, 3, 3), 3, 2))


def shape_cases():
    """The exercise's 4-6-5-2 network (layer 2, m = 10), then other sizes, layers and batch sizes."""
    return [Case(f"layer_sizes {list(sizes)}, m = {m}, l = {l}", (list(sizes), m, l), sizes=sizes, m=m, l=l)
            for sizes, m, l in SHAPE_CASES]


@checker("Exercise 1 (shapes)")
def check_shape_rule(function):
    """Exercise 1: function(layer_sizes, m, l) -> (shape of Delta^(l), of grad_W^(l) L, of grad_b^(l) L)."""
    return check_function("Exercise 1 (shapes)", function, shape_cases(),
                          lambda result, case: _judge_shapes(result, case["sizes"], case["m"], case["l"]),
                          "Delta^(l) is shaped like Z^(l), (n_l, m); each gradient like its parameter, "
                          "(n_l, n_{l-1}) and (n_l, 1): right for every network tried.")


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


# -- Exercises 4 and 5: a whole backward pass (weights, biases, fs, X, Y) -> (dW, db) ------------
def _forward(weights, biases, fs, X):
    Zs, As = [], [X]
    for W, b, (f, _) in zip(weights, biases, fs):
        Zs.append(W @ As[-1] + b)
        As.append(f(Zs[-1]))
    return Zs, As


def _backward(weights, biases, fs, X, Y):
    """Notebook 05's backward pass (the checkers' reference; the tests compare it with Network.gradients)."""
    Zs, As = _forward(weights, biases, fs, X)
    delta = (2.0 / X.shape[1]) * (As[-1] - Y) * fs[-1][1](Zs[-1])
    dW, db = [None] * len(weights), [None] * len(biases)
    for l in reversed(range(len(weights))):
        dW[l] = delta @ As[l].T
        db[l] = delta.sum(axis=1, keepdims=True)
        if l > 0:
            delta = (weights[l].T @ delta) * fs[l - 1][1](Zs[l - 1])
    return dW, db


def buggy_backward(weights, biases, fs, X, Y):
    """Notebook 05's backward pass with one bug planted in it. Find it with a gradient check."""
    Zs, As = _forward(weights, biases, fs, X)
    delta = (2.0 / X.shape[1]) * (As[-1] - Y) * fs[-1][1](Zs[-1])      # Delta(L)
    dW, db = [None] * len(weights), [None] * len(biases)
    for l in reversed(range(len(weights))):
        dW[l] = delta @ As[l].T                                         # Delta(l) A(l-1)^T
        db[l] = delta.sum(axis=1, keepdims=True)                        # Delta(l) 1
        if l > 0:
            delta = (weights[l].T @ delta) * fs[l][1](Zs[l - 1])
    return dW, db


def _network_arrays(rng, spec):
    """(weights, biases, fs, X, Y, network) for spec = (sizes, hidden, output, m); biases random, not zero."""
    sizes, hidden, output, m = spec
    net = Network(list(sizes), activation=hidden, output_activation=output, seed=int(rng.integers(1000)))
    biases = [rng.normal(size=b.shape) for b in net.biases]
    X, Y = rng.normal(size=(sizes[0], m)), rng.random((sizes[-1], m))
    return [W.copy() for W in net.weights], biases, list(net.fs), X, Y, net


def bug_hunt_network():
    """(weights, biases, fs, X, Y) of the 3-5-4-2 network of exercise 4: tanh hidden layers, sigmoid output."""
    weights, biases, fs, X, Y, _ = _network_arrays(np.random.default_rng(50), ((3, 5, 4, 2), "tanh", "sigmoid", 6))
    return weights, biases, fs, X, Y


BACKWARD_SPECS = (((2, 3, 1), "relu", "sigmoid", 4),
                  ((4, 2, 5, 3, 2), "sigmoid", "tanh", 3),
                  ((3, 4, 4, 4, 4, 1), "tanh", "identity", 5),
                  ((2, 3), "tanh", "sigmoid", 2))


def backward_cases():
    """The bug-hunt network, then seeded random networks of depths 1 to 5 with different hidden and output f."""
    first = _network_arrays(np.random.default_rng(50), ((3, 5, 4, 2), "tanh", "sigmoid", 6))
    cases = []
    for (weights, biases, fs, X, Y, net), spec in zip([first] + random_cases(_network_arrays, BACKWARD_SPECS, 51),
                                                      (((3, 5, 4, 2), "tanh", "sigmoid", 6),) + BACKWARD_SPECS):
        sizes, hidden, output, m = spec
        description = f"a {'-'.join(map(str, sizes))} network ({hidden} hidden, {output} output, m = {m})"
        cases.append(Case(description, (weights, biases, fs, X, Y), weights=weights, biases=biases, fs=fs,
                          X=X, Y=Y, network=net))
    return cases


def _compare_lists(name, result, expected, hints):
    """result should be (dW, db), two lists shaped like expected; hints: (wrong (dW, db), message) pairs."""
    dW_right, db_right = expected
    if not isinstance(result, (tuple, list)) or len(result) != 2 or not all(
            isinstance(part, (tuple, list)) for part in result):
        return wrong(name, "return the pair of lists (dW, db), e.g. `return dW, db`, with dW[l] shaped like "
                           "weights[l] and db[l] like biases[l].")
    dW, db = result
    if len(dW) != len(dW_right) or len(db) != len(db_right):
        return wrong(name, f"return one gradient per layer: {len(dW_right)} arrays in dW and in db, "
                           f"but got {len(dW)} and {len(db)}.")
    def same(parts, others):
        try:
            return all(isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.shape == np.shape(h)
                       and np.allclose(a, h, rtol=1e-6, atol=1e-9) for a, h in zip(parts, others))
        except (TypeError, ValueError):
            return False

    answer, right = list(dW) + list(db), list(dW_right) + list(db_right)
    if not same(answer, right):
        for (hint_dW, hint_db), message in hints:
            if not same(hint_dW + hint_db, right) and same(answer, list(hint_dW) + list(hint_db)):
                return wrong(name, message)
    for l in reversed(range(len(dW_right))):
        for label, answer, right in ((f"dW[{l}] (layer {l + 1})", dW[l], dW_right[l]),
                                     (f"db[{l}] (layer {l + 1})", db[l], db_right[l])):
            feedback = compare_array(name, answer, right, name=label, suggest=GRADIENT_CHECK_TIP)
            if not feedback:
                return feedback
    return correct(name)


def _judge_fixed_backward(result, case):
    name = "Exercise 4 (the planted bug)"
    args = (case["weights"], case["biases"], case["fs"], case["X"], case["Y"])
    return _compare_lists(name, result, _backward(*args), hints=[
        (buggy_backward(*args), "that is still what buggy_backward returns. Run the gradient check layer by layer "
                                "from the output down: the first layer whose error is large tells you which "
                                "step of the recursion is wrong."),
    ])


@checker("Exercise 4 (the planted bug)")
def check_fixed_backward(function):
    """Exercise 4: function(weights, biases, fs, X, Y) -> (dW, db), notebook 05's backward without the bug."""
    return check_function("Exercise 4 (the planted bug)", function, backward_cases(), _judge_fixed_backward,
                          "the step to layer l uses layer l's own slope, f_l'(Z^(l)) = fs[l - 1][1](Zs[l - 1]) in "
                          "the 0-based lists; right for every network tried.")


KAPPAS = (0.1, 0.01, 1.0, 0.5, 0.05)


def decay_cases():
    """The backward cases again, each with its own decay strength kappa."""
    cases = []
    for case, kappa in zip(backward_cases(), KAPPAS):
        info = dict(case.info, kappa=kappa)
        cases.append(Case(f"{case.description} and kappa = {kappa:g}", case.args + (kappa,), **info))
    return cases


def _judge_decay(result, case):
    name = "Exercise 5 (weight decay)"
    args = (case["weights"], case["biases"], case["fs"], case["X"], case["Y"])
    dW, db = _backward(*args)
    kappa, weights, biases = case["kappa"], case["weights"], case["biases"]
    expected = ([g + kappa * W for g, W in zip(dW, weights)], db)
    return _compare_lists(name, result, expected, hints=[
        ((dW, db), "those are the gradients without the decay term: its gradient, kappa W^(l), adds to every "
                   "weight gradient."),
        (([g + kappa / 2 * W for g, W in zip(dW, weights)], db),
         "the derivative of (kappa/2) w^2 is kappa w: the 1/2 cancels against the 2 of the square."),
        (([g + 2 * kappa * W for g, W in zip(dW, weights)], db),
         "the derivative of (kappa/2) w^2 is kappa w, not 2 kappa w: the 1/2 cancels the 2."),
        (([g - kappa * W for g, W in zip(dW, weights)], db),
         "the sign is flipped: the decay term is added to the loss, so kappa W^(l) is added to the gradient."),
        ((expected[0], [g + kappa * b for g, b in zip(db, biases)]),
         "the decay term sums over the weights only: the biases are not in it, so their gradients do not change."),
    ])


@checker("Exercise 5 (weight decay)")
def check_gradients_with_decay(function):
    """Exercise 5: function(weights, biases, fs, X, Y, kappa) -> (dW, db) of L + (kappa/2) sum_l ||W^(l)||^2."""
    return check_function("Exercise 5 (weight decay)", function, decay_cases(), _judge_decay,
                          "the Deltas do not change (the decay term does not depend on any Z); only each weight "
                          "gradient gains kappa W^(l). Right for every network tried.")
