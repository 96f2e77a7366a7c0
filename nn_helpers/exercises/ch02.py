"""Checkers for the exercises of notebook 02 (the batched neuron).

1. ``check_batch_gradients(batch_gradients)``: a function (w, b, X, y) -> (grad_w L, dL/db)
   for the linear neuron on a batch.
2. ``check_updates_per_epoch(answer)``: gradient evaluations in one epoch of full-batch,
   minibatch (batch size 64) and stochastic gradient descent on m = 1000 samples.

``check_neuron_gradients`` is shared with notebook 03, whose neuron has an activation.
"""
import numpy as np

from .. import neuron
from . import (GRADIENT_CHECK_TIP, Case, as_numbers, check_function, checker, compare_array, compare_whole, correct,
               not_attempted, open_exercise, random_cases, wrong)

__all__ = ["check_batch_gradients", "check_updates_per_epoch"]


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


def check_neuron_gradients(exercise, function, activation="identity", typical=()):
    """Run ``function(w, b, X, y)`` on several batches and compare its (dw, db) with ``neuron.gradients``.

    typical: pairs (wrong_function, message), wrong_function(w, b, X, y) -> (dw, db) computing a
    typical mistake of this exercise, named by ``message`` when the reader's answer matches it.
    """
    def judge(result, case):
        w, b, X, y = (case[k] for k in ("w", "b", "X", "y"))
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            return wrong(exercise, "return the pair (dw, db): the gradient for w and the derivative for b.")
        dw, db = result
        expected_dw, expected_db = neuron.gradients(w, b, X, y, activation)
        mistakes = _scaled_mistakes(expected_dw, expected_db, X.shape[1])
        for mistake, message in typical:
            try:
                mistakes.append((mistake(w, b, X, y), message))
            except Exception:
                pass
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
        return wrong(exercise, f"dw is right, but db is off by {db - expected_db:+.3g}: it is the sum over the "
                               "batch of the entries of delta.")

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
