"""Checkers for the exercises of notebook 02 (the batched neuron).

1. ``check_batch_gradients(batch_gradients)``: a function (w, b, X, y) -> (grad_w L, dL/db)
   for the linear neuron on a batch.
2. ``check_updates_per_epoch(answer)``: gradient evaluations in one epoch of full-batch,
   minibatch (batch size 64) and stochastic gradient descent on m = 1000 samples.
"""
import numpy as np

from .. import neuron
from . import call_safely, compare_array, correct, not_attempted, open_exercise, wrong

__all__ = ["check_batch_gradients", "check_updates_per_epoch"]


def _test_batch():
    rng = np.random.default_rng(2)
    return rng.standard_normal((3, 1)), 0.3, rng.standard_normal((3, 5)), rng.standard_normal((1, 5))


def check_batch_gradients(batch_gradients):
    """Exercise 1: ``batch_gradients(w, b, X, y)`` returns (grad_w L of shape (n, 1), dL/db a number)."""
    name = "Exercise 1 (batch gradients)"
    w, b, X, y = _test_batch()
    result, failure = call_safely(name, batch_gradients, w.copy(), b, X.copy(), y.copy())
    if failure is not None:
        return failure
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return wrong(name, "return the pair (dw, db): the gradient for w and the derivative for b.")
    dw, db = result
    m = X.shape[1]
    expected_dw, expected_db = neuron.gradients(w, b, X, y)
    feedback = compare_array(name, dw, expected_dw, name="dw", hints=[
        (expected_dw / 2, "dw is half the right size: the derivative of (a - y)^2 is 2 (a - y)."),
        (expected_dw * m, "dw is m times too large: the loss is a mean, so divide the sum by m."),
        (expected_dw * m / 2, "dw lacks both the factor 2 and the 1/m: the loss is (1/m) sum (a_i - y_i)^2."),
        (-expected_dw, "dw has the wrong sign: use (a - y), the prediction minus the target."),
        ((2 / m) * X @ (w.T @ X - y).T, "dw ignores the bias: the prediction is a^T = w^T X + b 1^T."),
    ])
    if not feedback:
        return feedback
    try:
        db = float(np.asarray(db).reshape(()))
    except (TypeError, ValueError):
        return wrong(name, f"dw is right; db should be a single number, but got {type(db).__name__} "
                           f"of shape {np.shape(db)}. Sum over the samples: axis=1 (or .sum()).")
    if np.isclose(db, expected_db, rtol=1e-6, atol=1e-9):
        return correct(name, "dw = (2/m) X (a - y) and db = (2/m) sum_i (a_i - y_i).")
    for value, message in ((expected_db / 2, "db is half the right size: the factor 2 is missing."),
                           (expected_db * m, "db is m times too large: divide the sum by m."),
                           (-expected_db, "db has the wrong sign: use (a - y).")):
        if np.isclose(db, value, rtol=1e-6, atol=1e-9):
            return wrong(name, "dw is right, but " + message)
    return wrong(name, "dw is right, but db is not: it is (2/m) times the sum of a_i - y_i over the batch.")


def check_updates_per_epoch(answer):
    """Exercise 2: (full-batch, minibatch of 64, stochastic) gradient evaluations per epoch for m = 1000."""
    name = "Exercise 2 (updates per epoch)"
    if not_attempted(answer):
        return open_exercise(name, "a tuple of three whole numbers")
    return compare_array(name, answer, (1, 16, 1000), name="your tuple", hints=[
        ((1, 15, 1000), "1000 / 64 = 15.6: the 15 full batches leave 40 samples, which form a 16th, "
                        "smaller batch (see data.minibatches)."),
        ((1, 15.625, 1000), "the number of batches is a whole number: round 1000 / 64 up."),
        ((1000, 16, 1), "the order is reversed: full-batch gradient descent makes ONE update per "
                        "epoch from all samples, stochastic gradient descent one per sample."),
        ((1000, 16, 1000), "full-batch gradient descent computes one gradient from all 1000 samples "
                           "at once: one evaluation per epoch."),
        ((0, 16, 1000), "full-batch gradient descent still makes one update per epoch."),
    ])
