"""Checkers for the exercises of notebook 02 (the batched neuron).

1. ``check_batch_gradients(batch_gradients)``: a function (w, b, X, y) -> (grad_w L, dL/db)
   for the linear neuron on a batch.
2. ``check_updates_per_epoch(answer)``: gradient evaluations in one epoch of full-batch,
   minibatch (batch size 64) and stochastic gradient descent on m = 1000 samples.
3. ``check_weighted_gradients(fn)``: (grad_w L, dL/db) for the weighted loss
   L = (1/m) sum_i c_i (a_i - y_i)^2, with a row c of weights, one per sample.
4. ``check_least_squares(fn)``: the (w, b) where the batch gradient is zero, found by
   solving the normal equations; compared with NumPy's least-squares solver.

``check_neuron_gradients`` is shared with notebook 03, whose neuron has an activation.
"""
import numpy as np

from .. import neuron
from . import (GRADIENT_CHECK_TIP, Case, as_numbers, check_function, checker, compare_array, compare_whole, correct,
               describe, not_attempted, open_exercise, random_cases, wrong)

__all__ = ["check_batch_gradients", "check_updates_per_epoch", "check_weighted_gradients",
           "check_least_squares"]


def _test_batch():
    rng = np.random.default_rng(2)
    return rng.standard_normal((3, 1)), 0.3, rng.standard_normal((3, 5)), rng.standard_normal((1, 5))


def batch_cases():
    """The fixed batch (n = 3, m = 5), then seeded random batches of (n, m) = (2, 7), (5, 1), (4, 12)."""
    batches = [_test_batch()]
    batches += random_cases(lambda rng, nm: (rng.standard_normal((nm[0], 1)), float(rng.normal()),
                                             rng.standard_normal(nm), rng.standard_normal((1, nm[1]))),
                            sizes=((2, 7), (5, 1), (4, 12)), seed=2)
    return [Case(f"X of shape {X.shape}", (w, b, X, y), w=w, b=b, X=X, y=y) for w, b, X, y in batches]


def _scaled_mistakes(dw, db, m):
    """The slips every neuron gradient invites: ((dw, db) as they come out, what went wrong)."""
    return [
        ((dw / 2, db / 2), "half the right size: the derivative of (a - y)^2 is 2 (a - y)."),
        ((dw * m, db * m), "m times too large: the loss is a mean, so divide the sum by m."),
        ((dw * m / 2, db * m / 2), "the factor 2 and the 1/m of L = (1/m) sum (a_i - y_i)^2 are both missing."),
        ((-dw, -db), "the wrong sign: use (a - y), the prediction minus the target."),
    ]


def judge_dw_db(exercise, result, expected_dw, expected_db, mistakes, db_rule):
    """Feedback on a reader's pair (dw, db): dw first (shape, values), then db, one number.

    mistakes: pairs ((wrong_dw, wrong_db), message) of typical slips, named when matched.
    db_rule: a sentence saying what db is, for a db that matches no mistake.
    """
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return wrong(exercise, "return the pair (dw, db): the gradient for w and the derivative for b, "
                               f"but your function returned {describe(result)}.")
    dw, db = result
    feedback = compare_array(exercise, dw, expected_dw, name="dw",
                             hints=[(pair[0], "dw: " + message) for pair, message in mistakes],
                             suggest=GRADIENT_CHECK_TIP)
    if not feedback:
        return feedback
    db_value, problem = as_numbers(db, "db")
    if problem is not None:
        return wrong(exercise, "dw is right, but " + problem)
    if db_value.size != 1:
        return wrong(exercise, f"dw is right; db should be a single number, but got shape {db_value.shape}. "
                               "Sum over the samples: axis=1 (or .sum()).")
    db = float(db_value.reshape(()))
    if np.isclose(db, expected_db, rtol=1e-6, atol=1e-9):
        return correct(exercise)
    for (_, wrong_db), message in mistakes:
        if np.isclose(db, wrong_db, rtol=1e-6, atol=1e-9):
            return wrong(exercise, "dw is right, but db: " + message)
    return wrong(exercise, f"dw is right, but db is off by {db - expected_db:+.3g}: {db_rule}")


def check_neuron_gradients(exercise, function, activation="identity", typical=()):
    """Run ``function(w, b, X, y)`` on several batches and compare its (dw, db) with ``neuron.gradients``.

    typical: pairs (wrong_function, message), wrong_function(w, b, X, y) -> (dw, db) computing a
    typical mistake of this exercise, named by ``message`` when the reader's answer matches it.
    """
    def judge(result, case):
        w, b, X, y = (case[k] for k in ("w", "b", "X", "y"))
        expected_dw, expected_db = neuron.gradients(w, b, X, y, activation)
        mistakes = _scaled_mistakes(expected_dw, expected_db, X.shape[1])
        for mistake, message in typical:
            try:
                mistakes.append((mistake(w, b, X, y), message))
            except Exception:
                pass
        return judge_dw_db(exercise, result, expected_dw, expected_db, mistakes,
                           "it is the sum over the batch of the entries of delta.")

    return check_function(exercise, function, batch_cases(), judge,
                          "both dw and db are right for every batch size tried.")


@checker("Exercise 1 (batch gradients)")
def check_batch_gradients(batch_gradients):
    """Exercise 1: ``batch_gradients(w, b, X, y)`` returns (grad_w L of shape (n, 1), dL/db a number)."""
    return check_neuron_gradients("Exercise 1 (batch gradients)", batch_gradients, "identity", typical=[
        (lambda w, b, X, y: neuron.gradients(w, 0.0, X, y),
         "the gradient ignores the bias: the prediction is a^T = w^T X + b 1^T."),
    ])


@checker("Exercise 2 (updates per epoch)")
def check_updates_per_epoch(answer):
    """Exercise 2: (full-batch, minibatch of 64, stochastic) gradient evaluations per epoch for m = 1000."""
    name = "Exercise 2 (updates per epoch)"
    return compare_whole(name, answer, (1, 16, 1000), name="your tuple", what="a tuple of three whole numbers",
                         hints=[
        ((1, 15, 1000), "1000 / 64 = 15.6: the 15 full batches leave 40 samples, which form a 16th, "
                        "smaller batch (see data.minibatches)."),
        ((1, 15.625, 1000), "the number of batches is a whole number: round 1000 / 64 up."),
        ((1000, 16, 1), "the order is reversed: full-batch gradient descent makes ONE update per "
                        "epoch from all samples, stochastic gradient descent one per sample."),
        ((1000, 16, 1000), "full-batch gradient descent computes one gradient from all 1000 samples "
                           "at once: one evaluation per epoch."),
        ((0, 16, 1000), "full-batch gradient descent still makes one update per epoch."),
    ])


def _pair(exercise, result, first="dw", second="db"):
    """The reader's (first, second) pair, or a Feedback saying it is not one."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return None, wrong(exercise, f"return the pair ({first}, {second}), "
                                     f"but your function returned {describe(result)}.")
    return result, None


def _one_number(exercise, value, name, already):
    """(float, None) or (None, Feedback) for an answer that should be a single number."""
    number, problem = as_numbers(value, name)
    if problem is not None:
        return None, wrong(exercise, already + problem)
    if number.size != 1:
        return None, wrong(exercise, f"{already}{name} should be a single number, but has shape {number.shape}.")
    return float(number.reshape(())), None


# -- Exercise 3 --------------------------------------------------------------------------------
def weighted_cases():
    """Random batches of (n, m) = (3, 4), (2, 9), (4, 1), (5, 13) with positive weights c, a (1, m) row."""
    def make(rng, nm):
        n, m = nm
        w, b = rng.standard_normal((n, 1)), float(rng.normal())
        X, y, c = rng.standard_normal((n, m)), rng.standard_normal((1, m)), rng.uniform(0.2, 3.0, (1, m))
        return Case(f"X of shape {X.shape}", (w, b, X, y, c), w=w, b=b, X=X, y=y, c=c)
    return random_cases(make, sizes=((3, 4), (2, 9), (4, 1), (5, 13)), seed=3)


def _weighted(w, b, X, y, c, m=None):
    """(dw, db) of (1/m) sum_i c_i (a_i - y_i)^2; m defaults to the number of samples."""
    m = X.shape[1] if m is None else m
    r = c * (w.T @ X + b - y)                       # (1, m)
    return (2 / m) * X @ r.T, (2 / m) * float(r.sum())


def _judge_weighted(result, case):
    w, b, X, y, c = (case[k] for k in ("w", "b", "X", "y", "c"))
    m = X.shape[1]
    mistakes = [
        (_weighted(w, b, X, y, np.ones_like(c)), "the weights c are missing: each sample's error counts "
                                                 "c_i times, so it enters the gradient as c_i (a_i - y_i)."),
        (_weighted(w, b, X, y, c ** 2), "c is squared: c_i multiplies (a_i - y_i)^2, whose derivative "
                                        "is 2 c_i (a_i - y_i), not 2 c_i^2 (a_i - y_i)."),
        (_weighted(w, b, X, y, c, m=float(c.sum())), "you divided by the sum of the weights; the loss "
                                                      "here divides by m."),
        (_weighted(w, b, X, y, c, m=2 * m), "a factor 2 is missing: the derivative of (a - y)^2 is 2 (a - y)."),
    ]
    return judge_dw_db("Exercise 3 (weighted samples)", result, *_weighted(w, b, X, y, c), mistakes,
                       "db = (2/m) sum_i c_i (a_i - y_i).")


@checker("Exercise 3 (weighted samples)")
def check_weighted_gradients(weighted_gradients):
    """weighted_gradients(w, b, X, y, c) must return ((2/m) X (c * (a - y))^T, (2/m) sum c_i (a_i - y_i))."""
    return check_function("Exercise 3 (weighted samples)", weighted_gradients, weighted_cases(),
                          _judge_weighted, "grad_w L = (2/m) X (c * (a - y)).T and "
                                           "dL/db = (2/m) sum_i c_i (a_i - y_i), for every batch tried.")


# -- Exercise 4 --------------------------------------------------------------------------------
def least_squares_cases():
    """Random batches of (n, m) = (3, 12), (1, 5), (4, 30), (2, 3): more samples than n + 1."""
    def make(rng, nm):
        X, y = rng.standard_normal(nm), rng.standard_normal((1, nm[1]))
        return Case(f"X of shape {X.shape}", (X, y), X=X, y=y)
    return random_cases(make, sizes=((3, 12), (1, 5), (4, 30), (2, 3)), seed=5)


def _least_squares(X, y):
    """(w, b) minimising the mean squared error, by NumPy's least-squares solver."""
    A = np.vstack([X, np.ones((1, X.shape[1]))]).T          # (m, n + 1)
    theta = np.linalg.lstsq(A, y.ravel(), rcond=None)[0]
    return theta[:-1].reshape(-1, 1), float(theta[-1])


def _judge_least_squares(result, case):
    exercise = "Exercise 4 (the best the neuron can do)"
    X, y = case["X"], case["y"]
    pair, failure = _pair(exercise, result, "w", "b")
    if failure is not None:
        return failure
    w, b = pair
    expected_w, expected_b = _least_squares(X, y)
    no_bias = np.linalg.lstsq(X.T, y.ravel(), rcond=None)[0].reshape(-1, 1)
    feedback = compare_array(exercise, w, expected_w, name="w", rtol=1e-5, atol=1e-7, hints=[
        (no_bias, "that is the best w without a bias (b = 0). Put the bias into the unknowns: append a "
                  "row of ones to X, and solve for (w, b) together."),
    ], suggest="At the right (w, b) both gradients of section 4 are zero: check yours there.")
    if not feedback:
        return feedback
    b, failure = _one_number(exercise, b, "b", "w is right, but ")
    if failure is not None:
        return failure
    if np.isclose(b, expected_b, rtol=1e-5, atol=1e-7):
        return correct(exercise)
    return wrong(exercise, f"w is right, but b is off by {b - expected_b:+.3g}; at the best b, "
                           "dL/db = (2/m) sum_i (a_i - y_i) is zero: b = mean(y - w^T X).")


@checker("Exercise 4 (the best the neuron can do)")
def check_least_squares(least_squares):
    """least_squares(X, y) must return the (w, b) at which grad_w L = 0 and dL/db = 0."""
    return check_function("Exercise 4 (the best the neuron can do)", least_squares, least_squares_cases(),
                          _judge_least_squares, "the gradients vanish at your (w, b) for every batch tried: "
                                                "the best the linear neuron can do.")
