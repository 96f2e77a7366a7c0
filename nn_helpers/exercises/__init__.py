"""Exercise checkers: tell the reader at once whether an answer is right.

Every checker returns a ``Feedback`` that prints as one clear line. A checker
never raises: an unanswered exercise (``None`` or ``...``) reports that it is
not attempted yet, and an answer that crashes reports the error as feedback,
so a notebook with open exercises still runs top to bottom.

The chapter modules (``ch00`` ... ``ch05``) hold one checker per exercise; the
reference solutions live in the repository's ``solutions/`` folder, and the
tests prove that every checker accepts them and rejects typical mistakes.
"""
import numpy as np


class Feedback:
    """The outcome of a checker: ``status`` is "correct", "wrong" or "not attempted"."""

    SYMBOLS = {"correct": "Correct", "wrong": "Not yet", "not attempted": "Not attempted yet"}

    def __init__(self, exercise, status, message):
        self.exercise, self.status, self.message = exercise, status, message

    @property
    def correct(self):
        return self.status == "correct"

    def __bool__(self):
        return self.correct

    def __repr__(self):
        return f"{self.exercise} - {self.SYMBOLS[self.status]}: {self.message}"


def not_attempted(answer):
    """True for the placeholders a notebook leaves in an open exercise."""
    return answer is None or answer is Ellipsis


def correct(exercise, message="well done."):
    return Feedback(exercise, "correct", message)


def wrong(exercise, message):
    return Feedback(exercise, "wrong", message)


def open_exercise(exercise, what="your answer"):
    return Feedback(exercise, "not attempted", f"replace the placeholder with {what} and run the cell again.")


def compare_array(exercise, answer, expected, name="your answer", rtol=1e-6, atol=1e-9, hints=()):
    """Check a numeric answer: placeholder, type, shape (with a transpose hint), then values.

    hints: pairs (wrong_value, message) of typical mistakes to name when matched.
    """
    if not_attempted(answer):
        return open_exercise(exercise, name)
    expected = np.asarray(expected, dtype=float)
    try:
        answer = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return wrong(exercise, f"{name} should be numbers, but got {type(answer).__name__}.")
    if answer.shape != expected.shape:
        extra = ""
        if answer.shape == expected.shape[::-1] and answer.ndim == 2:
            extra = " It has the transposed shape: check where the transpose goes."
        elif answer.size == expected.size:
            extra = " The numbers may be right, but a (n,) array is not a (n, 1) column: reshape it."
        return wrong(exercise, f"{name} should have shape {expected.shape}, but has shape {answer.shape}.{extra}")
    if np.allclose(answer, expected, rtol=rtol, atol=atol):
        return correct(exercise)
    for wrong_value, message in hints:
        wrong_value = np.asarray(wrong_value, dtype=float)
        if wrong_value.shape == answer.shape and np.allclose(answer, wrong_value, rtol=rtol, atol=atol):
            return wrong(exercise, message)
    return wrong(exercise, f"{name} has the right shape {expected.shape} but different values.")


def call_safely(exercise, function, *args):
    """Call the reader's function; return (result, None) or (None, Feedback describing the failure)."""
    if not_attempted(function):
        return None, open_exercise(exercise, "your function")
    if not callable(function):
        return None, wrong(exercise, f"expected a function, but got {type(function).__name__}.")
    try:
        result = function(*args)
    except NotImplementedError:
        return None, open_exercise(exercise, "your implementation")
    except Exception as err:  # the reader's code may fail in any way; report it, never raise
        return None, wrong(exercise, f"your function raised {type(err).__name__}: {err}")
    if not_attempted(result):
        return None, open_exercise(exercise, "your implementation")
    return result, None
