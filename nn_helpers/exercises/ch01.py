"""Checkers for the exercises of notebook 01 (a single neuron, one sample at a time).

The neuron: z = w^T x + b, a = z, L = (a - y)^2, with w and x columns of shape (3, 1).

1. ``check_gradient_by_hand(grad_w)``: grad_w L for given numbers, worked out on paper.
2. ``check_sgd_step(fn)``: one step of gradient descent, returning (w_new, b_new).
3. ``check_gradient_by_input(fn)``: grad_x L = 2 (a - y) w, the gradient by the input.
4. ``check_weight_decay(fn)``: grad_w of L = (a - y)^2 + mu ||w||^2, i.e. 2 (a - y) x + 2 mu w.
"""
import numpy as np

from . import (GRADIENT_CHECK_TIP, Case, as_numbers, check_function, checker, compare_array, correct, not_attempted,
               open_exercise, random_cases, wrong)

__all__ = ["EXERCISE_1", "check_gradient_by_hand", "check_sgd_step", "check_gradient_by_input",
           "check_weight_decay"]


def _error(w, b, x, y):
    """a - y for the linear neuron (a float)."""
    return float((w.T @ x)[0, 0] + b - y)


# -- Exercise 1 --------------------------------------------------------------------------------
EXERCISE_1 = {"w": np.array([[0.5], [-1.0], [2.0]]), "b": 0.5, "x": np.array([[2.0], [1.0], [1.0]]), "y": 1.0}


@checker("Exercise 1 (a gradient by hand)")
def check_gradient_by_hand(grad_w):
    """grad_w L at the numbers of EXERCISE_1, a (3, 1) column."""
    exercise = "Exercise 1 (a gradient by hand)"
    w, b, x, y = (EXERCISE_1[k] for k in ("w", "b", "x", "y"))
    error = _error(w, b, x, y)                                   # a - y = 1.5
    expected = 2 * error * x
    return compare_array(exercise, grad_w, expected, name="grad_w", hints=[
        (-expected, "the sign is flipped: dL/da = 2 (a - y), not 2 (y - a)."),
        (expected / 2, "a factor 2 is missing: the derivative of (a - y)^2 is 2 (a - y)."),
        (2 * error * w, "you multiplied by w; dz/dw = x^T, so the gradient by w carries x."),
        (2 * (error - b) * x, "the bias is missing from z = w^T x + b."),
        (np.full((3, 1), 2 * error), "that is dL/db in every entry; dz/dw_j = x_j, so multiply by x."),
    ])


# -- Exercise 2 --------------------------------------------------------------------------------
SGD_CASES = (
    (np.array([[0.2], [-0.4], [0.1]]), 0.3, np.array([[1.0], [0.0], [1.0]]), 1.0, 0.05),
    (np.array([[1.5], [0.5], [-1.0]]), -0.2, np.array([[0.0], [1.0], [1.0]]), 0.0, 0.1),
)


def neuron_cases():
    """The two fixed cases, then seeded random (w, b, x, y, lr) with 2, 4 and 6 inputs."""
    cases = list(SGD_CASES)
    cases += random_cases(lambda rng, n: (rng.normal(size=(n, 1)), float(rng.normal()), rng.normal(size=(n, 1)),
                                          float(rng.normal()), float(rng.uniform(0.01, 0.5))),
                          sizes=(2, 4, 6), seed=1)
    return [Case(f"w and x of shape {w.shape}", (w, b, x, y, lr), w=w, b=b, x=x, y=y, lr=lr)
            for w, b, x, y, lr in cases]


def _unpack_step(exercise, result):
    """(w_new, b_new) from the reader's result, or (None, Feedback) when it has the wrong form."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return None, wrong(exercise, "your function should return a pair (w_new, b_new), "
                           f"but returned {type(result).__name__}.")
    w_new, b_new = result
    if not_attempted(w_new) or not_attempted(b_new):
        return None, open_exercise(exercise, "your implementation")
    b_value, problem = as_numbers(b_new, "b_new")
    if problem is not None:
        return None, wrong(exercise, problem)
    if b_value.size != 1:
        return None, wrong(exercise, f"b_new should be one number, but has shape {b_value.shape}.")
    return (w_new, float(b_value.reshape(()))), None


def _judge_sgd_step(result, case):
    exercise = "Exercise 2 (one step of gradient descent)"
    w, b, x, y, lr = (case[k] for k in ("w", "b", "x", "y", "lr"))
    step, failure = _unpack_step(exercise, result)
    if failure is not None:
        return failure
    w_new, b_new = step
    error = _error(w, b, x, y)
    expected_w, expected_b = w - lr * 2 * error * x, b - lr * 2 * error
    feedback = compare_array(exercise, w_new, expected_w, name="w_new", hints=[
        (w + lr * 2 * error * x, "w moved uphill: gradient descent subtracts lr times the gradient."),
        (w - lr * error * x, "a factor 2 is missing in the gradient 2 (a - y) x."),
        (w - 2 * error * x, "the learning rate is missing: the step is lr times the gradient."),
        (w - lr * 2 * error * w, "the gradient by w is 2 (a - y) x, not 2 (a - y) w."),
    ])
    if not feedback:
        return feedback
    if not np.isfinite(b_new):
        return wrong(exercise, f"w is right, but b_new is {b_new}.")
    if np.isclose(b_new, b):
        return wrong(exercise, "w is right, but b did not change: update it too, b - lr * 2 (a - y).")
    if np.isclose(b_new, b + lr * 2 * error):
        return wrong(exercise, "w is right, but b moved uphill: subtract lr * dL/db.")
    if not np.isclose(b_new, expected_b):
        return wrong(exercise, f"w is right, but b_new = {b_new:.4f} where {expected_b:.4f} was expected; "
                     "dL/db = 2 (a - y).")
    return correct(exercise)


@checker("Exercise 2 (one step of gradient descent)")
def check_sgd_step(sgd_step):
    """sgd_step(w, b, x, y, lr) must return (w - lr grad_w L, b - lr dL/db)."""
    return check_function("Exercise 2 (one step of gradient descent)", sgd_step, neuron_cases(), _judge_sgd_step,
                          "w <- w - lr 2 (a - y) x and b <- b - lr 2 (a - y).")


# -- Exercise 3 --------------------------------------------------------------------------------
INPUT_CASES = SGD_CASES


def _judge_grad_x(result, case):
    w, b, x, y = (case[k] for k in ("w", "b", "x", "y"))
    error = _error(w, b, x, y)
    expected = 2 * error * w
    return compare_array("Exercise 3 (the gradient by the input)", result, expected, name="grad_x", hints=[
        (2 * error * x, "that is grad_w L. By the input, dz/dx = w^T, so the gradient carries w."),
        (expected / 2, "a factor 2 is missing: dL/da = 2 (a - y)."),
        (-expected, "the sign is flipped: dL/da = 2 (a - y), not 2 (y - a)."),
    ], suggest=GRADIENT_CHECK_TIP)


@checker("Exercise 3 (the gradient by the input)")
def check_gradient_by_input(grad_x):
    """grad_x(w, b, x, y) must return grad_x L = 2 (a - y) w, a (3, 1) column like x."""
    cases = [Case(c.description, c.args[:4], **c.info) for c in neuron_cases()]
    return check_function("Exercise 3 (the gradient by the input)", grad_x, cases, _judge_grad_x,
                          "dz/dx = w^T, so grad_x L = 2 (a - y) w: the weights carry the error back to the input.")


# -- Exercise 4 --------------------------------------------------------------------------------
def weight_decay_cases():
    """neuron_cases with a weight-decay strength mu: 0.1 for the fixed cases, random in (0.01, 1) else."""
    rng = np.random.default_rng(7)
    cases = []
    for k, c in enumerate(neuron_cases()):
        mu = 0.1 if k < len(SGD_CASES) else float(rng.uniform(0.01, 1.0))
        cases.append(Case(c.description + f" and mu = {mu:.3g}", c.args[:4] + (mu,), mu=mu, **c.info))
    return cases


def _judge_weight_decay(result, case):
    w, b, x, y, mu = (case[k] for k in ("w", "b", "x", "y", "mu"))
    error = _error(w, b, x, y)
    data_part, decay_part = 2 * error * x, 2 * mu * w
    expected = data_part + decay_part
    return compare_array("Exercise 4 (weight decay)", result, expected, name="grad_w", hints=[
        (data_part, "that is the gradient without the penalty: mu ||w||^2 = mu w^T w adds its own "
                    "term (section 6.4 of notebook 00: d(w^T w)/dw = 2 w^T)."),
        (data_part + mu * w, "the penalty's term is half the right size: d(w^T w)/dw = 2 w^T, so it "
                             "contributes 2 mu w."),
        (data_part - decay_part, "the penalty's term has the wrong sign: mu ||w||^2 grows with |w|, "
                                 "so its gradient 2 mu w points away from 0."),
        (data_part + 2 * mu * np.sum(w ** 2) * np.ones_like(w), "the penalty contributes 2 mu w, one "
                                                                 "entry per weight, not the number 2 mu ||w||^2."),
    ], suggest=GRADIENT_CHECK_TIP)


@checker("Exercise 4 (weight decay)")
def check_weight_decay(grad_w_with_decay):
    """grad_w_with_decay(w, b, x, y, mu) must return 2 (a - y) x + 2 mu w, a (n, 1) column like w."""
    return check_function("Exercise 4 (weight decay)", grad_w_with_decay, weight_decay_cases(),
                          _judge_weight_decay,
                          "grad_w L = 2 (a - y) x + 2 mu w: every step also shrinks w by 2 lr mu w, "
                          "hence the name weight decay.")
