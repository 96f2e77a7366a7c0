"""Checkers for the exercises of notebook 07 (autograd from scratch).

1. ``check_multiply(function)``: a new engine operation, the element-wise product, with its backward rule.
2. ``check_l2_penalty(function)``: a new engine operation, lam * sum(W^2), with its backward rule.
3. ``check_broken_rule(answer)``: which of the engine operations in ``suspects()`` has a wrong backward rule.
4. ``check_finite_difference_cost(answer)``: loss evaluations central differences need for a 64-32-10 network.
5. ``check_stored_bytes(answer)``: bytes of Z and A the backward pass keeps for that network and m = 1000.

The two operations are judged the way the notebook checks every rule: on random
inputs of several shapes, the reader's backward rule against central
differences of the function it should compute.
"""
import numpy as np

from .. import autograd
from ..gradcheck import numerical_gradient, relative_error
from . import call_safely, checker, compare_array, compare_whole, correct, describe, not_attempted, open_exercise, \
    wrong

__all__ = ["check_multiply", "check_l2_penalty", "suspects", "check_broken_rule", "check_finite_difference_cost",
           "check_stored_bytes", "COST_NETWORK", "STORED_SAMPLES", "multiply_cases", "l2_cases"]

COST_NETWORK = (64, 32, 10)
STORED_SAMPLES = 1000
TOLERANCE = 1e-7        # relative error against central differences: "correct" in nn_helpers.gradcheck


def _rule_report(exercise, out, inputs, R, truth, hints):
    """Run the reader's backward rule with dL/d(out) = R and judge every input's grad.

    truth: a function of no arguments giving the loss sum(R * f(inputs)) from the inputs' current
    values (the function the operation should compute), differentiated by central differences.
    hints: functions (name, input index) -> (wrong grad, message) for typical slips.
    """
    try:
        out.backward(R)
    except Exception as err:  # the reader's rule may fail in any way
        return wrong(exercise, f"the forward value is right, but running backward raised {type(err).__name__}: "
                               f"{describe(str(err), 120)}")
    for k, x in enumerate(inputs):
        expected = numerical_gradient(truth, x.value)
        grad, problem = _grad(x)
        if problem:
            return wrong(exercise, problem)
        if grad.shape != expected.shape:
            return wrong(exercise, f"input {k}'s grad has shape {grad.shape}, but a gradient is shaped like its "
                                   f"value, {expected.shape}.")
        if not np.isfinite(grad).all():
            return wrong(exercise, f"input {k}'s grad contains NaN or infinity.")
        if relative_error(grad, expected) < TOLERANCE:
            continue
        if not np.any(grad):
            return wrong(exercise, f"input {k}'s grad is still zero after backward: is the rule attached "
                                   "(out.backward_rule = backward_rule) and are the inputs the out node's parents?")
        for wrong_grad, message in hints(k):
            if np.shape(wrong_grad) == grad.shape and relative_error(grad, wrong_grad) < TOLERANCE:
                return wrong(exercise, message)
        return wrong(exercise, f"input {k}'s grad differs from central differences (relative error "
                               f"{relative_error(grad, expected):.1e}); write dL/d(input) entry by entry.")
    return None


def _for_case(feedback, description):
    """Name the input a wrong answer failed on (an open exercise needs no such detail)."""
    if feedback.status == "wrong":
        feedback.message = f"for {description}, {feedback.message}"
    return feedback


def _grad(node):
    try:
        if np.asarray(node.grad).dtype.kind == "c":      # float64 would drop the imaginary part, with a mere warning
            return None, f"a grad should be real numbers, but got {describe(node.grad)}."
        grad = np.asarray(node.grad, dtype=np.float64)
    except Exception:
        return None, f"a grad should be an array of numbers, but got {describe(node.grad)}."
    return grad, None


def _forward(exercise, function, args, expected, name):
    """Call the reader's operation on Nodes; (out, None) or (None, Feedback)."""
    out, failure = call_safely(exercise, function, *args)
    if failure is not None:
        return None, failure
    if not isinstance(out, autograd.Node):
        return None, wrong(exercise, f"return a Node (autograd.Node(value, parents, op)), not {describe(out)}.")
    feedback = compare_array(exercise, out.value, expected, name=f"the value of {name}")
    return (out, None) if feedback.correct else (None, feedback)


# -- exercise 1: the element-wise product ------------------------------------------------------

def multiply_cases(seed=71):
    """(description, a, c) triples of arrays; c is None for multiply(x, x), one node used as both factors."""
    rng = np.random.default_rng(seed)
    cases = [(f"a and c of shape {shape}", rng.normal(size=shape), rng.normal(size=shape))
             for shape in ((2, 3), (4, 1), (1, 5))]
    return cases + [("multiply(x, x) (one node used as both factors)", rng.normal(size=(3, 2)), None)]


@checker("Exercise 1 (multiply)")
def check_multiply(function):
    """Exercise 1: function(a, c) -> Node with value a * c and a backward rule adding g * c and g * a."""
    name = "Exercise 1 (multiply)"
    if not_attempted(function):
        return open_exercise(name, "your function")
    rng = np.random.default_rng(1)
    for description, a_value, c_value in multiply_cases():
        a = autograd.Node(a_value.copy())
        c = a if c_value is None else autograd.Node(c_value.copy())
        out, failure = _forward(name, function, (a, c), a.value * c.value, "multiply(a, c)")
        if failure is not None:
            return _for_case(failure, description)
        R = rng.normal(size=a.shape)
        same = a is c
        inputs = (a,) if same else (a, c)

        def hints(k, a=a, c=c, R=R, same=same):
            other = a.value if k == 1 else c.value
            own = c.value if k == 1 else a.value
            if same:
                return [(R * a.value, "the grad is half the right one: the node is both factors, so its rule "
                                      "must add both contributions with += (= keeps only the last).")]
            return [(R * own, "each factor's gradient is g times the OTHER factor: d(a c)/da = c."),
                    (other, "the rule forgets g = out.grad: multiply by the gradient arriving from above."),
                    (R, "that is the rule of add; for a product, d(a c)/da = c.")]

        truth = (lambda a=a, c=c, R=R: float(np.sum(R * a.value * c.value)))
        failure = _rule_report(name, out, inputs, R, truth, hints)
        if failure is not None:
            return _for_case(failure, description)
    return correct(name, "a.grad += g * c and c.grad += g * a, with += so that multiply(x, x) gives 2 g x.")


# -- exercise 2: an L2 penalty (weight decay) -------------------------------------------------

def l2_cases(seed=72):
    """(description, W, lam) triples: several shapes and strengths."""
    rng = np.random.default_rng(seed)
    return [(f"W of shape {shape} and lam = {lam}", rng.normal(size=shape), lam)
            for shape, lam in (((3, 4), 0.1), ((1, 1), 2.5), ((5, 2), 0.01))]


@checker("Exercise 2 (L2 penalty)")
def check_l2_penalty(function):
    """Exercise 2: function(W, lam) -> Node with value lam * sum(W^2) and the rule W.grad += g * 2 lam W."""
    name = "Exercise 2 (L2 penalty)"
    if not_attempted(function):
        return open_exercise(name, "your function")
    rng = np.random.default_rng(2)
    for description, W_value, lam in l2_cases():
        W = autograd.Node(W_value.copy())
        expected = lam * np.sum(W_value ** 2)
        out, failure = call_safely(name, function, W, lam)
        if failure is None and not isinstance(out, autograd.Node):
            failure = wrong(name, f"return a Node (autograd.Node(value, parents, op)), not {describe(out)}.")
        if failure is None:
            failure = compare_array(name, out.value, expected, name="the penalty's value", hints=[
                (np.sum(W_value ** 2), "the value misses the factor lam."),
                (lam * np.mean(W_value ** 2), "the penalty sums the squares of every weight; it does not average."),
                (lam * np.sum(np.abs(W_value)), "that is an L1 penalty; L2 sums the squares."),
            ])
            failure = None if failure.correct else failure
        if failure is None:
            g = float(rng.uniform(0.5, 2.0))   # the loss may be scaled: the rule must use out.grad
            hints = lambda k, W=W_value, lam=lam, g=g: [  # noqa: E731
                (g * lam * W, "the factor 2 is missing: d(w^2)/dw = 2 w."),
                (2 * lam * W, "the rule forgets g = out.grad: multiply by the gradient arriving from above."),
                (g * 2 * W, "the factor lam is missing from the gradient."),
                (g * 2 * lam * np.sign(W), "that is the gradient of lam * sum |W|; for W^2 it is 2 lam W.")]
            truth = (lambda W=W, lam=lam, g=g: g * lam * float(np.sum(W.value ** 2)))
            failure = _rule_report(name, out, (W,), np.full(np.shape(out.value), g), truth, hints)
        if failure is not None:
            return _for_case(failure, description)
    return correct(name, "W.grad += g * 2 lam W: weight decay pulls every weight towards zero in proportion to its size.")


# -- exercise 3: find the broken rule ---------------------------------------------------------

def _softmax_cross_entropy_of_one_hot(Z):
    Y = np.eye(Z.shape[0])[:, np.arange(Z.shape[1]) % Z.shape[0]]
    return autograd.softmax_cross_entropy(Z, Y)


def _add_bias_averaged(P, b):
    """Z = P + b 1^T, but with a broken rule: the bias gets the MEAN over samples."""
    out = autograd.Node(P.value + b.value, (P, b), "add_bias")

    def backward_rule():
        P.grad += out.grad
        b.grad += out.grad.mean(axis=1, keepdims=True)
    out.backward_rule = backward_rule
    return out


def suspects():
    """name -> (operation, shapes of its random inputs): exactly one has a wrong backward rule."""
    return {
        "matmul": (autograd.matmul, [(3, 4), (4, 5)]),
        "add_bias": (_add_bias_averaged, [(3, 5), (3, 1)]),
        "tanh": (lambda Z: autograd.activation(Z, "tanh"), [(3, 5)]),
        "softmax_cross_entropy": (_softmax_cross_entropy_of_one_hot, [(3, 5)]),
    }


@checker("Exercise 3 (find the broken rule)")
def check_broken_rule(answer):
    """Exercise 3: the name (a string) of the suspect whose backward rule is wrong: 'add_bias'."""
    name = "Exercise 3 (find the broken rule)"
    if not_attempted(answer):
        return open_exercise(name, "the name of the broken operation, e.g. 'matmul'")
    options = suspects()
    if not isinstance(answer, str):
        return wrong(name, f"answer with the operation's name as text, one of {sorted(options)}, "
                           f"not {describe(answer)}.")
    key = answer.strip().strip("'\"").lower()
    if key not in options:
        return wrong(name, f"{describe(answer)} is not one of the suspects {sorted(options)}.")
    op, shapes = options[key]
    errors = autograd.check_rule(op, *shapes)
    if key != "add_bias":
        return wrong(name, f"{key}'s rule passes the gradient check (largest relative error {max(errors):.0e}); "
                           "run autograd.check_rule on every suspect and look for the one that fails.")
    return correct(name, f"add_bias averages over the samples (relative error {max(errors):.1f}); b is used by all "
                         "m samples, so its gradient is their SUM, out.grad.sum(axis=1, keepdims=True).")


# -- exercises 4 and 5: what finite differences cost, what backpropagation stores --------------

def _parameters(sizes):
    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


@checker("Exercise 4 (cost of central differences)")
def check_finite_difference_cost(answer):
    """Exercise 4: central differences evaluate the loss twice per parameter: 2 P for a 64-32-10 network."""
    name = "Exercise 4 (cost of central differences)"
    P = _parameters(COST_NETWORK)                       # 64*32 + 32 + 32*10 + 10 = 2410
    weights_only = sum(a * b for a, b in zip(COST_NETWORK[:-1], COST_NETWORK[1:]))
    feedback = compare_whole(name, answer, 2 * P, name="your count", what="a whole number", hints=[
        (P, "that is one evaluation per parameter; a central difference evaluates L(p + eps) AND L(p - eps)."),
        (P + 1, "that is the count of forward differences (L(p + eps) per parameter, plus L(p) once); "
                "central differences need L(p + eps) and L(p - eps) for every parameter."),
        (2 * weights_only, "the biases are parameters too: each has its own gradient entry."),
        (2 * P + 1, "central differences never need L(p) itself: (L(p + eps) - L(p - eps)) / (2 eps)."),
    ])
    if feedback.correct:
        feedback.message = (f"P = 64*32 + 32 + 32*10 + 10 = {P} parameters, two loss evaluations each; "
                            "backpropagation costs about 2 to 3 forward passes instead.")
    return feedback


@checker("Exercise 5 (stored activations)")
def check_stored_bytes(answer):
    """Exercise 5: Z^(l) and A^(l) of every layer, float64: 2 * (32 + 10) * 1000 * 8 = 672000 bytes."""
    name = "Exercise 5 (stored activations)"
    units = sum(COST_NETWORK[1:])
    m = STORED_SAMPLES
    feedback = compare_whole(name, answer, 2 * units * m * 8, name="your byte count", what="a whole number",
                             hints=[
        (units * m * 8, "that counts only Z (or only A); the backward pass keeps both of every layer."),
        (2 * units * m, "that is the number of entries; each float64 entry takes 8 bytes."),
        (2 * sum(COST_NETWORK) * m * 8, "X is the reader's own array, not something the backward pass "
                                        "stores; count Z^(l) and A^(l) for l = 1, 2 only."),
    ])
    if feedback.correct:
        feedback.message = ("2 arrays per layer, (32 + 10) units, 1000 samples, 8 bytes: 672,000 bytes, "
                            "growing with the batch and the depth.")
    return feedback
