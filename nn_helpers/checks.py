"""Input checks that explain themselves to a learner.

Each check raises ``ValueError`` with three parts: what was expected, what was
given, and the most likely fix. The rest of the package calls these before any
arithmetic, so a wrong shape never surfaces as a bare NumPy broadcasting error.
"""
import numbers

import numpy as np


def as_matrix(name, value, rows=None, cols=None, dtype=np.float64, rows_meaning="features"):
    """Return ``value`` as a finite 2-D array of ``dtype`` (a copy only if needed).

    rows, cols: the required shape, or None for "any". Samples are columns, so a
    mismatch in rows that matches the columns is reported as a likely transpose.
    """
    if isinstance(value, (str, bytes)):
        raise ValueError(f"{name} must be a 2-D array of numbers, but got the text {value[:40]!r}.")
    try:
        if np.iscomplexobj(value):
            raise TypeError("it holds complex numbers; the book's networks work with real numbers")
        array = np.asarray(value, dtype=dtype)
    except Exception as err:  # ragged lists, huge integers, objects that refuse conversion
        raise ValueError(
            f"{name} must be a 2-D array of numbers, but got {type(value).__name__} "
            f"that NumPy cannot turn into numbers ({err})."
        ) from None
    if array.ndim != 2:
        hint = ""
        if array.ndim == 1:
            hint = (
                f" A 1-D array of shape {array.shape} has no row/column orientation; "
                f"for one sample use {name}.reshape(-1, 1), for one output row use "
                f"{name}.reshape(1, -1)."
            )
        raise ValueError(
            f"{name} must be 2-D with shape ({rows_meaning}, samples), one column per "
            f"sample, but it has {array.ndim} dimension(s), shape {array.shape}.{hint}"
        )
    r, c = array.shape
    if rows is not None and r != rows:
        hint = ""
        if c == rows:
            hint = f" Samples are columns in this book: did you pass {name}.T?"
        raise ValueError(
            f"{name} has {r} rows ({rows_meaning}) but {rows} are expected; "
            f"its shape is {array.shape}.{hint}"
        )
    if cols is not None and c != cols:
        raise ValueError(
            f"{name} has {c} columns (samples) but {cols} are expected to match the "
            f"inputs; its shape is {array.shape}. Each column of {name} must belong "
            f"to the sample in the same column of X."
        )
    if c == 0:
        raise ValueError(f"{name} has no samples (shape {array.shape}); pass at least one column.")
    if not np.isfinite(array).all():
        bad = np.argwhere(~np.isfinite(array))[0]
        raise ValueError(
            f"{name} contains NaN or infinity (first at row {bad[0]}, column {bad[1]}); "
            "a network cannot learn from it. Remove or impute those samples first."
        )
    return array


def positive_number(name, value, hint=""):
    """Return ``value`` as a float, requiring a finite number > 0."""
    try:
        number = float(value) if isinstance(value, numbers.Real) and not isinstance(value, bool) else None
    except (OverflowError, ValueError, TypeError):
        number = None
    if number is None or not np.isfinite(number) or number <= 0:
        shown = repr(value) if not isinstance(value, numbers.Integral) or abs(value) < 10 ** 30 else "a huge integer"
        raise ValueError(f"{name} must be a positive number, but got {shown}.{hint}")
    return number


def whole_number(name, value, minimum, hint=""):
    """Return ``value`` as an int, requiring an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, but got {value!r}.{hint}")
    return int(value)
