"""The checkers of notebook 07 accept the reference solutions and name typical mistakes."""
import numpy as np
import pytest

from nn_helpers import Network, autograd, gradcheck
from nn_helpers.autograd import Node
from nn_helpers.exercises import Feedback, ch07
from solutions import ch07 as solutions
from tests.test_exercise_checkers_base import HOSTILE

CHECKERS = [ch07.check_multiply, ch07.check_l2_penalty, ch07.check_broken_rule,
            ch07.check_finite_difference_cost, ch07.check_stored_bytes]
SOLUTIONS = [solutions.multiply, solutions.l2_penalty, solutions.broken_rule,
             solutions.finite_difference_cost, solutions.stored_bytes]


@pytest.mark.parametrize("check, solution", list(zip(CHECKERS, SOLUTIONS)), ids=[c.__name__ for c in CHECKERS])
def test_reference_solutions_are_accepted(check, solution):
    assert check(solution).status == "correct"


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("check", CHECKERS, ids=[c.__name__ for c in CHECKERS])
def test_any_object_gets_feedback_never_correct_never_an_exception(check):
    for answer in HOSTILE:
        feedback = check(answer)
        assert isinstance(feedback, Feedback)
        assert feedback.status in ("wrong", "not attempted"), (answer, feedback)
        assert "could not be checked" not in feedback.message, feedback
    assert check(None).status == check(...).status == "not attempted"


# -- the reference solutions are right by independent oracles ---------------------------------

def test_solution_rules_match_central_differences_and_hand_values():
    assert max(autograd.check_rule(solutions.multiply, (3, 4), (3, 4))) < 1e-8
    assert max(autograd.check_rule(lambda W: solutions.l2_penalty(W, 0.3), (2, 5))) < 1e-8
    x = Node(np.array([[1.5, -2.0]]))
    autograd.total(solutions.multiply(x, x)).backward()
    np.testing.assert_array_equal(x.grad, [[3.0, -4.0]])                 # d(x^2)/dx = 2x
    W = Node(np.array([[1.0, -3.0]]))
    solutions.l2_penalty(W, 0.5).backward()
    np.testing.assert_array_equal(W.grad, [[1.0, -3.0]])                 # 2 * 0.5 * W


def test_counts_match_a_real_network():
    net = Network(list(ch07.COST_NETWORK), seed=0)
    P = sum(W.size + b.size for W, b in zip(net.weights, net.biases))
    X = np.zeros((ch07.COST_NETWORK[0], 1))
    calls = []
    loss = lambda: calls.append(1) or net.loss(X, np.zeros((ch07.COST_NETWORK[-1], 1)))  # noqa: E731
    for p in net.weights + net.biases:
        gradcheck.numerical_gradient(loss, p)
    assert len(calls) == 2 * P == solutions.finite_difference_cost
    Zs, As = net._forward(np.zeros((ch07.COST_NETWORK[0], ch07.STORED_SAMPLES)))
    assert sum(Z.nbytes for Z in Zs) + sum(A.nbytes for A in As[1:]) == solutions.stored_bytes


def test_the_broken_suspect_is_the_only_one_failing_the_gradient_check():
    failing = [name for name, (op, shapes) in ch07.suspects().items()
               if max(autograd.check_rule(op, *shapes)) > 1e-7]
    assert failing == [solutions.broken_rule]


# -- typical mistakes ---------------------------------------------------------------------------

def make_multiply(rule):
    def multiply(a, c):
        out = Node(a.value * c.value, (a, c), "multiply")

        def backward_rule():
            rule(a, c, out)
        out.backward_rule = backward_rule
        return out
    return multiply


def assign(a, c, out):
    a.grad = out.grad * c.value
    c.grad = out.grad * a.value


@pytest.mark.parametrize("function, words", [
    (make_multiply(assign), "+="),
    (make_multiply(lambda a, c, out: (a.__setattr__("grad", a.grad + out.grad * a.value),
                                      c.__setattr__("grad", c.grad + out.grad * c.value))), "OTHER factor"),
    (make_multiply(lambda a, c, out: (a.__setattr__("grad", a.grad + c.value),
                                      c.__setattr__("grad", c.grad + a.value))), "forgets g"),
    (make_multiply(lambda a, c, out: None), "still zero"),
    (lambda a, c: Node(a.value * c.value), "still zero"),
    (lambda a, c: a.value * c.value, "return a Node"),
    (lambda a, c: autograd.add(a, c), "value of multiply"),
    (make_multiply(lambda a, c, out: 1 / 0), "ZeroDivisionError"),
])
def test_multiply_rejects_typical_mistakes(function, words):
    feedback = ch07.check_multiply(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


def make_l2(value, rule):
    def l2_penalty(W, lam):
        out = Node(value(W.value, lam), (W,), "l2_penalty")

        def backward_rule():
            W.grad += rule(W.value, lam, out.grad)
        out.backward_rule = backward_rule
        return out
    return l2_penalty


RIGHT_VALUE = lambda W, lam: lam * np.sum(W ** 2)  # noqa: E731


@pytest.mark.parametrize("function, words", [
    (make_l2(RIGHT_VALUE, lambda W, lam, g: g * lam * W), "factor 2"),
    (make_l2(RIGHT_VALUE, lambda W, lam, g: 2 * lam * W), "forgets g"),
    (make_l2(RIGHT_VALUE, lambda W, lam, g: g * 2 * W), "factor lam"),
    (make_l2(RIGHT_VALUE, lambda W, lam, g: g * 2 * lam * np.sign(W)), "sum |W|"),
    (make_l2(RIGHT_VALUE, lambda W, lam, g: g * 3 * lam * W), "differs from central differences"),
    (make_l2(lambda W, lam: np.sum(W ** 2), lambda W, lam, g: g * 2 * lam * W), "factor lam"),
    (make_l2(lambda W, lam: lam * np.mean(W ** 2), lambda W, lam, g: g * 2 * lam * W), "does not average"),
])
def test_l2_penalty_rejects_typical_mistakes(function, words):
    feedback = ch07.check_l2_penalty(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize("answer, words", [
    ("matmul", "passes the gradient check"), ("tanh", "passes the gradient check"),
    ("softmax_cross_entropy", "passes the gradient check"), ("relu", "not one of the suspects"),
    (2, "as text"),
])
def test_broken_rule_rejects_other_names(answer, words):
    feedback = ch07.check_broken_rule(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


def test_broken_rule_accepts_the_name_typed_loosely():
    assert ch07.check_broken_rule(" 'Add_Bias' ").status == "correct"


@pytest.mark.parametrize("answer, words", [
    (2410, "central difference evaluates"), (2411, "forward differences"), (4736, "biases are parameters"),
    (4821, "never need L(p)"), (4820.5, "not a whole number"), (1000, "not right yet"),
])
def test_finite_difference_cost_rejects_typical_mistakes(answer, words):
    feedback = ch07.check_finite_difference_cost(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize("answer, words", [
    (336000, "only Z"), (84000, "8 bytes"), (1696000, "X is the reader's"), (336001, "not right yet"),
])
def test_stored_bytes_rejects_typical_mistakes(answer, words):
    feedback = ch07.check_stored_bytes(answer)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message


# -- every message is a finished sentence about its own exercise (the checker base's style rules) --

TYPICAL = {ch07.check_multiply: [make_multiply(assign), make_multiply(lambda a, c, out: None),
                                 lambda a, c: a.value * c.value],
           ch07.check_l2_penalty: [make_l2(RIGHT_VALUE, lambda W, lam, g: g * lam * W),
                                   make_l2(lambda W, lam: np.sum(W ** 2), lambda W, lam, g: g * 2 * lam * W)],
           ch07.check_broken_rule: ["matmul", "relu", 2],
           ch07.check_finite_difference_cost: [2410, 2411, 4736, 4821, 4820.5],
           ch07.check_stored_bytes: [336000, 84000, 1696000, 336001]}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("check, solution", list(zip(CHECKERS, SOLUTIONS)), ids=[c.__name__ for c in CHECKERS])
def test_every_message_is_a_finished_sentence_about_this_exercise(check, solution):
    import re
    title = check(None).exercise
    for answer in HOSTILE + TYPICAL[check] + [solution]:
        feedback = check(answer)
        assert feedback.exercise == title, feedback
        message = feedback.message
        assert len(re.findall(r"\b[A-Z]{3,}\b", message)) <= 1, feedback
        assert message.rstrip(")'\"").endswith((".", "?", "!")), feedback
        assert "  " not in message, feedback
