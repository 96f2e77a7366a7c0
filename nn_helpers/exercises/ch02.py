"""Checkers for the exercises of notebook 02 (the batched neuron).

1. ``check_batch_gradients(batch_gradients)``: a function (w, b, X, y) -> (grad_w L, dL/db)
   for the linear neuron on a batch.
2. ``check_updates_per_epoch(answer)``: gradient evaluations in one epoch of full-batch,
   minibatch (batch size 64) and stochastic gradient descent on m = 1000 samples.

``check_neuron_gradients`` is shared with notebook 03, whose neuron has an activation.
"""
import numpy as np

from .. import neuron
from . import call_safely, compare_array, correct, not_attempted, open_exercise, wrong

__all__ = ["check_batch_gradients", "check_updates_per_epoch"]


def _test_batch():
    rng = np.random.default_rng(2)
    return rng.standard_normal((3, 1)), 0.3, rng.standard_normal((3, 5)), rng.standard_normal((1, 5))


def _scaled_mistakes(dw, db, m):
    """The slips every neuron gradient invites: ((dw, db) as they come out, what went wrong)."""
    return [
        ((dw / 2, db / 2), "half the right size: the derivative of (a - y)^2 is 2 (a - y)."),
        ((dw * m, db * m), "m times too large: the loss is a mean, so divide the sum by m."),
        ((dw * m / 2, db * m / 2), "the factor 2 and the 1/m of L = (1/m) sum (a_i - y_i)^2 are both missing."),
        ((-dw, -db), "the wrong sign: use (a - y), the prediction minus the target."),
    ]


def check_neuron_gradients(exercise, function, activation="identity", typical=()):
    """Run ``function(w, b, X, y)`` on a test batch and compare its (dw, db) with ``neuron.gradients``.

    typical: pairs (wrong_function, message), wrong_function(w, b, X, y) -> (dw, db) computing a
    typical mistake of this exercise, named by ``message`` when the reader's answer matches it.
    """
    w, b, X, y = _test_batch()
    result, failure = call_safely(exercise, function, w.copy(), b, X.copy(), y.copy())
    if failure is not None:
        return failure
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return wrong(exercise, "return the pair (dw, db): the gradient for w and the derivative for b.")
    dw, db = result
    expected_dw, expected_db = neuron.gradients(w, b, X, y, activation)
    mistakes = _scaled_mistakes(expected_dw, expected_db, X.shape[1])
    mistakes += [(mistake(w, b, X, y), message) for mistake, message in typical]
    feedback = compare_array(exercise, dw, expected_dw, name="dw",
                             hints=[(pair[0], "dw: " + message) for pair, message in mistakes])
    if not feedback:
        return feedback
    try:
        db = float(np.asarray(db).reshape(()))
    except (TypeError, ValueError):
        return wrong(exercise, f"dw is right; db should be a single number, but got {type(db).__name__} "
                               f"of shape {np.shape(db)}. Sum over the samples: axis=1 (or .sum()).")
    if np.isclose(db, expected_db, rtol=1e-6, atol=1e-9):
        return correct(exercise, "both dw and db are right.")
    for (_, wrong_db), message in mistakes:
        if np.isclose(db, wrong_db, rtol=1e-6, atol=1e-9):
            return wrong(exercise, "dw is right, but db: " + message)
    return wrong(exercise, "dw is right, but db is not: it is the sum over the batch of the entries of delta.")


def check_batch_gradients(batch_gradients):
    """Exercise 1: ``batch_gradients(w, b, X, y)`` returns (grad_w L of shape (n, 1), dL/db a number)."""
    return check_neuron_gradients("Exercise 1 (batch gradients)", batch_gradients, "identity", typical=[
        (lambda w, b, X, y: neuron.gradients(w, 0.0, X, y),
         "the gradient ignores the bias: the prediction is a^T = w^T X + b 1^T."),
    ])


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
