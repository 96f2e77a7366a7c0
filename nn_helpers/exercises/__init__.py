"""Exercise checkers: tell the reader at once whether an answer is right.

Every checker returns a ``Feedback``: a clear ✓ / ✗ line, shown in colour in a
notebook and as the same words in plain text elsewhere. A checker never raises,
whatever Python object it is given: an unanswered exercise (``None`` or ``...``)
reports that it is not attempted yet, an answer that crashes reports the error,
and an answer that is not the kind of thing asked for (text, a ragged list, a
complex number, NaN, a number too large for a float, a truncated whole number)
says so. So a notebook with open exercises still runs top to bottom.

Building blocks for the chapter modules (``ch00`` ... ``ch07``):

- ``compare_array``: a numeric answer (a number, an array, a tuple of numbers)
  against the expected values, with hints for typical slips.
- ``compare_whole``: whole-number answers (counts, shapes); 5.9 is not 5.
- ``check_function`` with ``Case``: run the reader's function on several inputs
  (seeded random ones of different sizes, see ``random_cases``), judge each
  result, and say for which input it went wrong.
- ``checker``: a decorator that turns any exception inside a checker into
  feedback, the last safety net behind the rules above.

The reference solutions live in the repository's ``solutions/`` folder, and the
tests prove that every checker accepts them and rejects typical mistakes.
"""
import copy
import functools
import html
import numbers
import textwrap

import numpy as np

__all__ = ["Feedback", "Case", "not_attempted", "correct", "wrong", "open_exercise", "describe",
           "as_numbers", "as_whole", "compare_array", "compare_whole", "call_safely", "check_function",
           "random_cases", "checker", "GRADIENT_CHECK_TIP"]

GRADIENT_CHECK_TIP = ("To see which entries are off, compare your function with finite differences: "
                      "gradcheck.numerical_gradient(lambda: loss, p) nudges one entry of p at a time.")


# -- Feedback ----------------------------------------------------------------------------------
class Feedback:
    """The outcome of a checker: ``status`` is "correct", "wrong" or "not attempted".

    ``bool(feedback)`` is True only when correct. It prints as one line wrapped at
    words (``text``) and shows in a notebook as a coloured box with the same words.
    """

    LABELS = {"correct": ("✓", "Correct"), "wrong": ("✗", "Not yet"), "not attempted": ("○", "Not attempted yet")}
    COLOURS = {"correct": ("#1a7f37", "#e9f6ec", "#0f3d1d"),       # border, background, text
               "wrong": ("#c0392b", "#fdeceb", "#5c1610"),
               "not attempted": ("#6b7280", "#f1f2f4", "#2b2f36")}
    WIDTH = 88

    def __init__(self, exercise, status, message):
        if status not in self.LABELS:
            raise ValueError(f"status must be one of {sorted(self.LABELS)}, not {status!r}.")
        if not (isinstance(exercise, str) and exercise and isinstance(message, str) and message):
            raise TypeError(f"Feedback needs the exercise's name and a message as text, not {exercise!r} and "
                            f"{message!r}.")
        self.exercise, self.status, self.message = exercise, status, message

    @property
    def correct(self):
        return self.status == "correct"

    def __bool__(self):
        return self.correct

    @property
    def text(self):
        """The feedback as one unwrapped line: mark, exercise, verdict and message."""
        mark, label = self.LABELS[self.status]
        return f"{mark} {self.exercise} - {label}: {self.message}"

    def __repr__(self):
        return textwrap.fill(self.text, width=self.WIDTH, subsequent_indent="  ",
                             break_long_words=False, break_on_hyphens=False)

    __str__ = __repr__

    def _repr_html_(self):
        mark, label = self.LABELS[self.status]
        border, background, colour = self.COLOURS[self.status]
        style = (f"border-left: 5px solid {border}; background: {background}; color: {colour}; "
                 "padding: 6px 10px; margin: 2px 0; font-family: sans-serif; line-height: 1.45; "
                 "white-space: normal; word-break: normal; overflow-wrap: break-word; max-width: 60em")
        return (f'<div class="nn-feedback nn-feedback-{self.status.replace(" ", "-")}" style="{style}">'
                f'<strong>{mark} {html.escape(self.exercise)} - {label}:</strong> '
                f"{html.escape(self.message)}</div>")


def not_attempted(answer):
    """True for the placeholders a notebook leaves in an open exercise."""
    return answer is None or answer is Ellipsis


def correct(exercise, message="well done."):
    return Feedback(exercise, "correct", message)


def wrong(exercise, message):
    return Feedback(exercise, "wrong", message)


def open_exercise(exercise, what="your answer"):
    return Feedback(exercise, "not attempted", f"replace the placeholder with {what} and run the cell again.")


# -- Describing and reading any Python object safely -------------------------------------------
def describe(value, limit=60):
    """A short description of any object for a message; never raises, never prints 400 digits."""
    try:
        if isinstance(value, bool):
            return repr(value)
        if isinstance(value, numbers.Integral) and abs(int(value)) >= 10 ** 15:
            digits = int(abs(int(value)).bit_length() * 0.30103) + 1      # str() refuses > 4300 digits
            return f"a whole number of about {digits} digits"
        if isinstance(value, np.ndarray):
            return f"an array of shape {value.shape} (dtype {value.dtype})"
        text = repr(value)
    except Exception:  # a hostile __repr__ or __len__: fall back to the type's name
        try:
            return f"an object of type {type(value).__name__}"
        except Exception:
            return "an object"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _kind(value):
    try:
        return type(value).__name__
    except Exception:
        return "object"


def as_numbers(value, name="your answer"):
    """Read ``value`` as a float64 array: (array, None), or (None, a sentence saying why not).

    Refuses text, booleans, complex numbers (even with a zero imaginary part), ragged
    lists, objects NumPy cannot read, and numbers too large for a float. NaN and
    infinity are read (``compare_array`` then reports them).
    """
    if isinstance(value, (str, bytes)):
        return None, f"{name} should be numbers, but it is the text {describe(value)}."
    if isinstance(value, (bool, np.bool_)):
        return None, f"{name} should be a number, but it is {value!r}, a truth value."
    try:
        raw = np.asarray(value)
    except Exception as err:  # ragged lists, hostile __array__ / __len__ / __getitem__
        return None, (f"{name} should be numbers in a regular shape, but NumPy cannot read "
                      f"{describe(value)} ({_kind(err)}). A list of rows must have rows of equal length.")
    kind = raw.dtype.kind
    if kind == "c":
        return None, (f"{name} is complex ({describe(value)}); the answer is a real number. A complex "
                      "value usually comes from a square root or power of a negative number.")
    if kind == "b":
        return None, f"{name} holds truth values (True/False), not numbers."
    if kind in "USaVT":                    # T: NumPy 2's StringDType, which casts "1.5" to 1.5
        return None, f"{name} should be numbers, but it holds text or records ({describe(value)})."
    if kind in "Mm":
        return None, f"{name} should be numbers, but it holds dates or times."
    if kind == "O":
        flat = list(raw.reshape(-1))
        for item in flat:
            if isinstance(item, (complex, np.complexfloating)):
                return None, f"{name} contains the complex number {describe(item)}; the answer is real."
            if isinstance(item, (bool, np.bool_, str, bytes)) or not_attempted(item):
                return None, f"{name} should hold only numbers, but contains {describe(item)}."
            if isinstance(item, numbers.Integral):
                try:
                    float(item)
                except OverflowError:
                    return None, (f"{name} contains {describe(item)}, too large for any float. "
                                  "A typo such as m ** m instead of m * m?")
        try:
            raw = np.array(flat, dtype=np.float64).reshape(raw.shape)
        except OverflowError:
            return None, f"{name} contains a number too large for a float. A typo such as m ** m?"
        except Exception:
            return None, (f"{name} should be numbers in a regular shape, but it holds "
                          f"{describe(value)}. A list of rows must have rows of equal length.")
    try:
        with np.errstate(all="ignore"):
            return np.asarray(raw, dtype=np.float64), None
    except Exception:
        return None, f"{name} should be numbers, but got {describe(value)}."


def as_whole(value, name="your answer"):
    """Read one whole number: (int, None) or (None, a sentence). 5.0 is 5; 5.9, True, "5" are refused."""
    if not_attempted(value):
        return None, f"{name} is still a placeholder."
    if isinstance(value, (bool, np.bool_)):
        return None, f"{name} should be a whole number, but it is {value!r}, a truth value."
    if isinstance(value, numbers.Integral):
        return int(value), None
    array, problem = as_numbers(value, name)
    if problem is not None:
        return None, problem
    if array.shape != ():
        return None, f"{name} should be one whole number, but it has shape {array.shape}."
    number = float(array)
    if not np.isfinite(number):
        return None, f"{name} is {number}, not a whole number."
    if number != int(number):
        return None, (f"{name} is {number:g}, which is not a whole number: count whole things, "
                      "and round up or down only where the exercise says so.")
    return int(number), None


# -- Comparing answers ---------------------------------------------------------------------------
def _entry(index):
    return "[" + ", ".join(str(int(i)) for i in index) + "]" if len(index) else ""


def _difference_report(answer, expected, rtol, atol, name):
    """Which entries differ and by how much, and whether all of them are off by one factor."""
    with np.errstate(all="ignore"):
        close = np.isclose(answer, expected, rtol=rtol, atol=atol)
        bad = np.argwhere(~close)
        diff = answer - expected
    if expected.ndim == 0:
        text = f"{name} is {answer:.6g}, off by {diff:+.3g}."
    else:
        shown = [f"{_entry(index)} off by {diff[tuple(index)]:+.3g} (yours {answer[tuple(index)]:.4g})"
                 for index in bad[:3]]
        more = "" if len(bad) <= 3 else f", and {len(bad) - 3} more"
        text = (f"{name} has the right shape {expected.shape}, but {len(bad)} of its {expected.size} entries "
                f"differ: " + "; ".join(shown) + more + ".")
    with np.errstate(all="ignore"):
        nonzero = np.abs(expected) > atol
        if nonzero.sum() >= 2 and np.all(close[~nonzero]):
            ratios = answer[nonzero] / expected[nonzero]
            if np.allclose(ratios, ratios[0], rtol=1e-6) and not np.isclose(ratios[0], 1.0):
                factor = f"{ratios[0]:.4g}"
                if abs(float(factor)) == 1:        # 1.00002 is not "1 times" the right value
                    factor = f"{ratios[0]:.7g}"
                text += (f" Every entry is {factor} times the right value: a constant factor or "
                         "the sign is off, not the pattern.")
    return text


def compare_array(exercise, answer, expected, name="your answer", rtol=1e-6, atol=1e-9, hints=(), suggest=""):
    """Check a numeric answer: placeholder, numbers, shape (with a transpose hint), finiteness, values.

    hints: pairs (wrong_value, message) of typical mistakes to name when matched.
    suggest: a sentence added to the generic wrong-values message (e.g. ``GRADIENT_CHECK_TIP``).
    """
    if not_attempted(answer):
        return open_exercise(exercise, name)
    expected = np.asarray(expected, dtype=np.float64)
    answer, problem = as_numbers(answer, name)
    if problem is not None:
        return wrong(exercise, problem)
    if answer.shape != expected.shape:
        extra = ""
        if answer.shape == expected.shape[::-1] and answer.ndim == 2:
            extra = " It has the transposed shape: check where the transpose goes."
        elif answer.size == expected.size:
            extra = " The numbers may be right, but a (n,) array is not a (n, 1) column: reshape it."
        return wrong(exercise, f"{name} should have shape {expected.shape}, but has shape {answer.shape}.{extra}")
    if not np.isfinite(answer).all():
        bad = np.argwhere(~np.isfinite(answer))
        where = f" (first at entry {_entry(bad[0])})" if answer.ndim else ""
        return wrong(exercise, f"{name} contains NaN or infinity{where}: an overflow, a division by zero, "
                               "or a variable used before it was set?")
    with np.errstate(all="ignore"):                    # 1e308 - (-1e308) is inf, not a warning
        if np.allclose(answer, expected, rtol=rtol, atol=atol):
            return correct(exercise)
        for wrong_value, message in hints:
            wrong_value, problem = as_numbers(wrong_value)
            if problem is None and wrong_value.shape == answer.shape and np.allclose(answer, wrong_value,
                                                                                      rtol=rtol, atol=atol):
                return wrong(exercise, message)
    report = _difference_report(answer, expected, rtol, atol, name)
    return wrong(exercise, report + (" " + suggest if suggest else ""))


def compare_whole(exercise, answer, expected, name="your answer", hints=(), what="whole numbers"):
    """Check an answer made of whole numbers: one count, or a tuple of counts of a fixed length.

    Floats count only when they are whole (8.0 is 8, 5.9 is not 5); hints are
    pairs (wrong_value, message) compared exactly and checked before anything else,
    so a hint may also name a non-whole slip such as (1, 15.625, 1000).
    """
    if not_attempted(answer):
        return open_exercise(exercise, what)
    if isinstance(answer, (str, bytes)):
        return wrong(exercise, f"{name} should be {what}, but it is the text {describe(answer)}.")
    scalar = np.ndim(expected) == 0
    expected_array = np.asarray(expected, dtype=object)
    numbers_, problem = as_numbers(answer, name)
    if problem is not None:
        return wrong(exercise, problem)
    if numbers_.shape != expected_array.shape:
        count = "one whole number" if scalar else f"{len(expected)} whole numbers"
        return wrong(exercise, f"{name} should have shape {expected_array.shape} ({count}), "
                               f"but has shape {numbers_.shape}.")
    items = [answer] if scalar else list(answer) if isinstance(answer, (list, tuple)) else list(numbers_)
    for wrong_value, message in hints:
        if np.asarray(wrong_value, dtype=float).shape == numbers_.shape and np.array_equal(
                numbers_, np.asarray(wrong_value, dtype=float)) and _exactly(items, wrong_value, scalar):
            return wrong(exercise, message)
    wholes = []
    for position, item in enumerate(items):
        label = name if scalar else f"entry {position} of {name}"
        value, problem = as_whole(item, label)
        if problem is not None:
            return wrong(exercise, problem)
        wholes.append(value)
    truth = [int(expected)] if scalar else [int(e) for e in expected]
    if wholes == truth:
        return correct(exercise)
    differ = [str(i) for i, (w, t) in enumerate(zip(wholes, truth)) if w != t]
    return wrong(exercise, f"{name} is not right yet" + ("." if scalar else
                           f": entr{'y' if len(differ) == 1 else 'ies'} {', '.join(differ)} of {len(truth)} differ."))


def _exactly(items, wrong_value, scalar):
    """Exact equality (big integers compared as integers, not as rounded floats)."""
    targets = [wrong_value] if scalar else list(wrong_value)
    try:
        return all(isinstance(i, numbers.Number) and not isinstance(i, (bool, complex)) and i == t
                   for i, t in zip(items, targets))
    except Exception:
        return False


# -- Calling the reader's functions --------------------------------------------------------------
def call_safely(exercise, function, *args):
    """Call the reader's function; return (result, None) or (None, Feedback describing the failure)."""
    if not_attempted(function):
        return None, open_exercise(exercise, "your function")
    if not callable(function):
        return None, wrong(exercise, f"expected a function, but got {describe(function)}.")
    try:
        with np.errstate(all="ignore"):
            result = function(*args)
    except NotImplementedError:
        return None, open_exercise(exercise, "your implementation")
    except (Exception, SystemExit) as err:  # the reader's code may fail in any way; report it, never raise
        try:
            detail = str(err)
        except Exception:
            detail = ""
        detail = " ".join(detail.split())
        if detail and not detail.endswith((".", "?", "!")):
            detail += "."
        return None, wrong(exercise, f"your function raised {_kind(err)}" + (f": {detail}" if detail else ".")
                           + " Call it yourself on the exercise's example to see the line that fails.")
    if not_attempted(result):
        return None, open_exercise(exercise, "your implementation")
    return result, None


class Case:
    """One input of a function checker.

    description: how a message names this input ("X of shape (3, 7)").
    args: the arguments the reader's function gets (each call gets deep copies,
    so a function that changes its inputs cannot spoil the reference).
    info: anything the judge needs (expected values, the activation, ...).
    """

    def __init__(self, description, args, **info):
        self.description, self.args, self.info = description, tuple(args), info

    def __getitem__(self, key):
        return self.info[key]

    def __repr__(self):
        return f"Case({self.description!r})"


def random_cases(make_case, sizes, seed):
    """[make_case(rng, size) for each size], all drawn from one generator seeded with ``seed``."""
    rng = np.random.default_rng(seed)
    return [make_case(rng, size) for size in sizes]


def check_function(exercise, function, cases, judge, success="right on every input tried."):
    """Run the reader's function on every case; the first case it gets wrong decides the feedback.

    judge(result, case) returns a Feedback (correct or not). A failing call or
    judgement is reported with the input it happened on, so a function that only
    returns memorised numbers, or works for one size only, is caught.
    """
    if not_attempted(function) or not callable(function):          # not about any one input
        return call_safely(exercise, function)[1]
    cases = list(cases)
    for case in cases:
        try:
            args = copy.deepcopy(case.args)
        except Exception:
            args = case.args
        result, failure = call_safely(exercise, function, *args)
        if failure is None:
            failure = judge(result, case)
            if failure:
                continue
        if failure.status == "wrong" and len(cases) > 1:
            failure.message = f"for {case.description}, {failure.message}"
        return failure
    return correct(exercise, success)


def checker(exercise):
    """Decorator: whatever happens inside the checker, the reader gets Feedback, never a traceback."""
    def decorate(check):
        @functools.wraps(check)
        def safe(*args, **kwargs):
            try:
                with np.errstate(all="ignore"):
                    feedback = check(*args, **kwargs)
            except Exception as err:
                return wrong(exercise, f"this answer could not be checked ({_kind(err)}); give it in the "
                                       "form the exercise asks for (see the example in the exercise).")
            if not isinstance(feedback, Feedback):
                return wrong(exercise, "this answer could not be checked; give it in the form the exercise asks for.")
            return feedback
        return safe
    return decorate
