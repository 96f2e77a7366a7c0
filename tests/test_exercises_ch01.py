"""Notebook 01's exercise checkers accept the reference solutions, report placeholders as
not attempted, and name the typical mistakes. The expected values inside the checkers are
held against the package's neuron and against central differences."""
import numpy as np
import pytest

from nn_helpers import gradcheck, neuron
from nn_helpers.exercises import ch01
from solutions import ch01 as solutions


def _placeholder(*args):
    ...


def _not_implemented(*args):
    raise NotImplementedError


def _loss(w, b, x, y):
    return float(((w.T @ x)[0, 0] + b - y) ** 2)


# -- Exercise 1: a gradient by hand ------------------------------------------------------------
def test_exercise_1_expects_what_the_package_computes():
    e = ch01.EXERCISE_1
    dw, _ = neuron.gradients(e["w"], e["b"], e["x"], [[e["y"]]])
    np.testing.assert_allclose(solutions.grad_w, dw, rtol=1e-12)
    assert ch01.check_gradient_by_hand(dw).status == "correct"


def test_gradient_by_hand_accepts_the_reference_solution():
    feedback = ch01.check_gradient_by_hand(solutions.grad_w)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("placeholder", [None, ...])
def test_gradient_by_hand_placeholder_is_not_attempted(placeholder):
    assert ch01.check_gradient_by_hand(placeholder).status == "not attempted"


@pytest.mark.parametrize("answer, message", [
    (-solutions.grad_w, "the sign is flipped"),
    (solutions.grad_w / 2, "a factor 2 is missing"),
    (3.0 * ch01.EXERCISE_1["w"], "you multiplied by w"),
    (np.array([[4.0], [2.0], [2.0]]), "the bias is missing"),
    (np.full((3, 1), 3.0), "that is dL/db"),
    (solutions.grad_w.T, "transposed shape"),
    (solutions.grad_w.ravel(), "a (n,) array is not a (n, 1) column"),
    (np.array([[6.0], [3.0], [2.0]]), "[2, 0] off by -1"),
    ("6, 3, 3", "should be numbers"),
])
def test_gradient_by_hand_names_typical_mistakes(answer, message):
    feedback = ch01.check_gradient_by_hand(answer)
    assert feedback.status == "wrong" and message in feedback.message, feedback


# -- Exercise 2: one step of gradient descent --------------------------------------------------
def test_sgd_step_accepts_the_reference_solution():
    feedback = ch01.check_sgd_step(solutions.sgd_step)
    assert feedback.status == "correct", feedback


def test_reference_step_uses_the_package_gradients():
    for w, b, x, y, lr in (case.args for case in ch01.neuron_cases()):
        dw, db = neuron.gradients(w, b, x, [[y]])
        w_new, b_new = solutions.sgd_step(w, b, x, y, lr)
        np.testing.assert_allclose(w_new, w - lr * dw, rtol=1e-12)
        assert b_new == pytest.approx(b - lr * db, rel=1e-12)


@pytest.mark.parametrize("placeholder", [None, ..., _placeholder, _not_implemented,
                                         lambda w, b, x, y, lr: (None, None)])
def test_sgd_step_placeholders_are_not_attempted(placeholder):
    assert ch01.check_sgd_step(placeholder).status == "not attempted"


def _step(dw_factor=2.0, sign=-1.0, use_lr=True, by="x", update_b=True, b_sign=-1.0):
    def step(w, b, x, y, lr):
        error = (w.T @ x).item() + b - y
        factor = lr if use_lr else 1.0
        w_new = w + sign * factor * dw_factor * error * (x if by == "x" else w)
        b_new = b + b_sign * factor * 2 * error if update_b else b
        return w_new, b_new
    return step


@pytest.mark.parametrize("answer, message", [
    (_step(sign=+1.0), "w moved uphill"),
    (_step(dw_factor=1.0), "a factor 2 is missing"),
    (_step(use_lr=False), "the learning rate is missing"),
    (_step(by="w"), "not 2 (a - y) w"),
    (_step(update_b=False), "b did not change"),
    (_step(b_sign=+1.0), "b moved uphill"),
    (lambda w, b, x, y, lr: (solutions.sgd_step(w, b, x, y, lr)[0], b - lr * (w.T @ x).item()), "dL/db = 2 (a - y)"),
    (lambda w, b, x, y, lr: solutions.sgd_step(w, b, x, y, lr)[0], "should return a pair"),
    (lambda w, b, x, y, lr: (w, np.ones(3)), "b_new should be one number"),
    (lambda w, b, x, y, lr: (w.T, b), "transposed shape"),
])
def test_sgd_step_names_typical_mistakes(answer, message):
    feedback = ch01.check_sgd_step(answer)
    assert feedback.status == "wrong" and message in feedback.message, feedback


# -- Exercise 3: the gradient by the input -----------------------------------------------------
def test_reference_gradient_by_input_matches_finite_differences():
    for w, b, x, y, _ in (case.args for case in ch01.neuron_cases()):
        x = x.copy()
        numerical = gradcheck.numerical_gradient(lambda: _loss(w, b, x, y), x)
        assert gradcheck.relative_error(solutions.grad_x(w, b, x, y), numerical) < 1e-8


def test_gradient_by_input_accepts_the_reference_solution():
    feedback = ch01.check_gradient_by_input(solutions.grad_x)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("placeholder", [None, ..., _placeholder, _not_implemented])
def test_gradient_by_input_placeholders_are_not_attempted(placeholder):
    assert ch01.check_gradient_by_input(placeholder).status == "not attempted"


@pytest.mark.parametrize("answer, message", [
    (lambda w, b, x, y: 2 * ((w.T @ x).item() + b - y) * x, "that is grad_w L"),
    (lambda w, b, x, y: ((w.T @ x).item() + b - y) * w, "a factor 2 is missing"),
    (lambda w, b, x, y: -solutions.grad_x(w, b, x, y), "the sign is flipped"),
    (lambda w, b, x, y: solutions.grad_x(w, b, x, y).T, "transposed shape"),
    (lambda w, b, x, y: 1 / 0, "ZeroDivisionError"),
    (lambda w, b, x, y: w, "entries differ"),
])
def test_gradient_by_input_names_typical_mistakes(answer, message):
    feedback = ch01.check_gradient_by_input(answer)
    assert feedback.status == "wrong" and message in feedback.message, feedback


# -- Memorised answers fail --------------------------------------------------------------------
def test_memorised_step_and_gradient_are_rejected():
    w, b, x, y, lr = ch01.SGD_CASES[0]
    step = solutions.sgd_step(w, b, x, y, lr)
    gradient = solutions.grad_x(w, b, x, y)
    assert ch01.check_sgd_step(lambda *args: step).status == "wrong"
    assert ch01.check_gradient_by_input(lambda *args: gradient).status == "wrong"


def test_three_inputs_only_is_rejected():
    def grad_x(w, b, x, y):
        a = w[0, 0] * x[0, 0] + w[1, 0] * x[1, 0] + w[2, 0] * x[2, 0] + b     # unrolled for n = 3
        return 2 * (a - y) * w
    feedback = ch01.check_gradient_by_input(grad_x)
    assert feedback.status == "wrong" and "shape (2, 1)" in feedback.message, feedback


def test_gradient_by_hand_hand_value():
    """a - y = 0.5*2 - 1 + 2 + 0.5 - 1 = 1.5, so grad_w L = 2 * 1.5 * x = (6, 3, 3)."""
    assert ch01.check_gradient_by_hand([[6], [3], [3]]).correct
    assert not ch01.check_gradient_by_hand([[6], [3], [3 + 1j]])
    assert not ch01.check_gradient_by_hand([[6], [3], [float("nan")]])


# -- Exercise 4: weight decay ------------------------------------------------------------------
def test_weight_decay_cases_hold_against_central_differences():
    """The reference solution equals central differences of (a - y)^2 + mu ||w||^2 on every case."""
    for case in ch01.weight_decay_cases():
        w, b, x, y, mu = (case[k] for k in ("w", "b", "x", "y", "mu"))
        w = w.copy()
        numerical = gradcheck.numerical_gradient(lambda: _loss(w, b, x, y) + mu * float(np.sum(w ** 2)), w)
        np.testing.assert_allclose(solutions.grad_w_with_decay(w, b, x, y, mu), numerical, rtol=1e-7, atol=1e-9)


def test_weight_decay_accepts_the_reference_solution():
    feedback = ch01.check_weight_decay(solutions.grad_w_with_decay)
    assert feedback.status == "correct", feedback


def _plain(w, b, x, y, mu):
    return 2 * ((w.T @ x).item() + b - y) * x


@pytest.mark.parametrize("answer, words", [
    (_plain, "without the penalty"),
    (lambda w, b, x, y, mu: _plain(w, b, x, y, mu) + mu * w, "half the right size"),
    (lambda w, b, x, y, mu: _plain(w, b, x, y, mu) - 2 * mu * w, "wrong sign"),
    (lambda w, b, x, y, mu: _plain(w, b, x, y, mu) + 2 * mu * np.sum(w ** 2), "not the number"),
    (lambda w, b, x, y, mu: (_plain(w, b, x, y, mu) + 2 * mu * w).T, "transposed shape"),
    (lambda w, b, x, y, mu: _plain(w, b, x, y, mu) + 0.2 * w, "differ"),      # mu = 0.1 hard-coded
])
def test_weight_decay_names_typical_mistakes(answer, words):
    feedback = ch01.check_weight_decay(answer)
    assert feedback.status == "wrong" and words in feedback.message, feedback


def test_weight_decay_placeholder_is_not_attempted():
    assert ch01.check_weight_decay(_not_implemented).status == "not attempted"
