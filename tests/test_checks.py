"""nn_helpers.checks refuses bad input with a sentence, whatever the object."""
import fractions

import numpy as np
import pytest

from nn_helpers import checks


@pytest.mark.parametrize("value, words", [
    ([[1, 2], [3]], "cannot turn into numbers"), ([[10**400]], "too large"), ([[1 + 0j]], "complex"),
    ("ab", "the text 'ab'"), ([1.0, 2.0], "reshape(-1, 1)"), ([[np.nan]], "NaN or infinity"),
    (np.zeros((2, 0)), "no samples"),
])
def test_as_matrix_explains_every_refusal(value, words):
    with pytest.raises(ValueError, match=None) as info:
        checks.as_matrix("X", value)
    assert words in str(info.value), str(info.value)


def test_as_matrix_names_a_likely_transpose():
    with pytest.raises(ValueError, match="did you pass X.T"):
        checks.as_matrix("X", np.zeros((5, 3)), rows=3)


def test_as_matrix_returns_float64():
    array = checks.as_matrix("X", [[1, 2]])
    assert array.dtype == np.float64 and array.shape == (1, 2)


@pytest.mark.parametrize("value", [10**400, float("nan"), float("inf"), True, -1, 0, "1", None, 1 + 0j])
def test_positive_number_refuses_what_is_not_a_finite_positive_number(value):
    with pytest.raises(ValueError, match="must be a positive number"):
        checks.positive_number("lr", value)


@pytest.mark.parametrize("value, expected", [(fractions.Fraction(1, 10), 0.1), (np.float32(0.5), 0.5), (3, 3.0)])
def test_positive_number_accepts_real_numbers(value, expected):
    assert checks.positive_number("lr", value) == pytest.approx(expected)


@pytest.mark.parametrize("value", [1.5, True, -1, "2", None])
def test_whole_number_refuses(value):
    with pytest.raises(ValueError, match="whole number >= 0"):
        checks.whole_number("epochs", value, 0)


def test_whole_number_accepts_numpy_integers():
    assert checks.whole_number("epochs", np.int64(3), 0) == 3


def test_refusal_messages_in_full():
    with pytest.raises(ValueError) as info:
        checks.positive_number("lr", 10**400)
    assert str(info.value) == "lr must be a positive number, but got a huge integer."
    with pytest.raises(ValueError, match="the book's networks work with real numbers"):
        checks.as_matrix("X", [[1 + 1j]])
    with pytest.raises(ValueError) as info:
        checks.as_matrix("X", np.zeros((1, 1, 1)))
    assert str(info.value).endswith("but it has 3 dimension(s), shape (1, 1, 1).")


@pytest.mark.parametrize("value, shown", [(-500, "-500"), (-(10**30) + 1, repr(-(10**30) + 1)),
                                          (-(10**30), "a huge integer"), (-5 * 10**30, "a huge integer")])
def test_a_refused_integer_is_shown_in_full_below_ten_to_the_thirty(value, shown):
    """The message repeats a wrong integer, unless it has more than 30 digits (a typo such as m ** m)."""
    with pytest.raises(ValueError) as info:
        checks.positive_number("lr", value)
    assert str(info.value) == f"lr must be a positive number, but got {shown}."
