"""Tests that kill mutants which survived the full mutation run over the exercise-checker base
(nn_helpers.exercises: Feedback, describe, as_numbers, as_whole, compare_array, compare_whole,
call_safely, check_function; README, "Mutation testing"). Expected texts are written by hand.
The last part tests two fixes found on the way (text in NumPy 2's StringDType, a factor near 1)."""
import fractions

import numpy as np
import pytest

from nn_helpers.exercises import (Case, as_numbers, as_whole, call_safely, check_function, compare_array,
                                  compare_whole, correct, describe, open_exercise, wrong)

# NumPy 1.24 refuses a ragged list (ValueError); before, it made an object array of the rows
RAGGED_REFUSED = np.lib.NumpyVersion(np.__version__) >= "1.24.0"
RAGGED_READ, RAGGED_WHY = ("NumPy cannot read", " (ValueError)") if RAGGED_REFUSED else ("it holds", "")


class _NamelessMeta(type):
    """A metaclass whose classes have no readable name."""
    @property
    def __name__(cls):
        raise RuntimeError("no name")


class _NamelessError(Exception, metaclass=_NamelessMeta):
    pass


class _Unprintable:
    def __repr__(self):
        raise RuntimeError("no repr")


class _NamelessUnprintable(metaclass=_NamelessMeta):
    def __repr__(self):
        raise RuntimeError("no repr")


class _Thing:
    def __repr__(self):
        return "thing"


# -- describe and the placeholder message -----------------------------------------------------------
def test_an_object_without_a_repr_is_named_by_its_type():
    assert describe(_Unprintable()) == "an object of type _Unprintable"


def test_an_object_without_a_repr_or_a_type_name_is_an_object():
    assert describe(_NamelessUnprintable()) == "an object"


def test_the_placeholder_message_asks_for_your_answer_by_default():
    assert open_exercise("E").message == "replace the placeholder with your answer and run the cell again."


# -- as_numbers and as_whole: the exact words ----------------------------------------------------------
@pytest.mark.parametrize("value, message", [
    ("abc", "your answer should be numbers, but it is the text 'abc'."),
    (1 + 2j, "your answer is complex ((1+2j)); the answer is a real number. A complex value usually comes "
             "from a square root or power of a negative number."),
    (["a", "b"], "your answer should be numbers, but it holds text or records (['a', 'b'])."),
    ([[1, 2], [3]], f"your answer should be numbers in a regular shape, but {RAGGED_READ} [[1, 2], [3]]"
                    f"{RAGGED_WHY}. A list of rows must have rows of equal length."),
    ([10**20, 2j], "your answer contains the complex number 2j; the answer is real."),
    ([10**20, ...], "your answer should hold only numbers, but contains Ellipsis."),
    ([10**400], "your answer contains a whole number of about 401 digits, too large for any float. "
                "A typo such as m ** m instead of m * m?"),
    ([10**20, _Thing()], "your answer should be numbers in a regular shape, but it holds "
                         "[100000000000000000000, thing]. A list of rows must have rows of equal length."),
])
def test_as_numbers_says_why_it_cannot_read_an_answer(value, message):
    array, problem = as_numbers(value)
    assert array is None and problem == message


def test_a_time_span_is_not_a_number():
    array, problem = as_numbers(np.array([1, 2], dtype="timedelta64[s]"))
    assert array is None and problem == "your answer should be numbers, but it holds dates or times."


def test_a_fraction_too_large_for_a_float_is_called_so():
    array, problem = as_numbers([fractions.Fraction(10**400)])
    assert array is None and problem == "your answer contains a number too large for a float. A typo such as m ** m?"


def test_a_long_double_too_large_for_a_float_becomes_infinity_without_a_warning():
    """pytest turns RuntimeWarning into errors here."""
    array, problem = as_numbers(np.array([np.longdouble("1e400")]))
    assert problem is None and array.tolist() == [np.inf]


def test_as_whole_calls_the_answer_your_answer_by_default():
    assert as_whole(2.5)[1].startswith("your answer is 2.5, which is not a whole number")


def test_as_whole_names_text_with_the_given_name():
    assert as_whole("5", "the count") == (None, "the count should be numbers, but it is the text '5'.")


# -- compare_array: shape messages, the difference report, the factor hint -------------------------------
def test_a_transposed_answer_gets_the_transpose_sentence():
    message = compare_array("E", np.zeros((2, 3)), np.ones((3, 2))).message
    assert message == ("your answer should have shape (3, 2), but has shape (2, 3). It has the transposed shape: "
                       "check where the transpose goes.")


def test_a_flat_answer_for_a_column_gets_the_reshape_sentence():
    message = compare_array("E", np.zeros(3), np.ones((3, 1))).message
    assert message == ("your answer should have shape (3, 1), but has shape (3,). The numbers may be right, "
                       "but a (n,) array is not a (n, 1) column: reshape it.")


def test_the_difference_report_lists_entries_and_ends_with_the_suggestion():
    message = compare_array("E", [1, 2], [0.5, 3], suggest="See the tip.").message
    assert message == ("your answer has the right shape (2,), but 2 of its 2 entries differ: [0] off by +0.5 "
                       "(yours 1); [1] off by -1 (yours 2). See the tip.")


def test_a_ratio_that_overflows_is_reported_without_a_warning():
    """pytest turns RuntimeWarning into errors here; 1e305 / 1e-8 overflows."""
    message = compare_array("E", [1e305, 1.0], [1e-8, 1.0]).message
    assert message == "your answer has the right shape (2,), but 1 of its 2 entries differ: [0] off by +1e+305 (yours 1e+305)."


def test_an_entry_within_atol_of_zero_does_not_spoil_the_factor_hint():
    message = compare_array("E", [1e-9, 2.0, 4.0], [1e-9, 1.0, 2.0]).message
    assert message.endswith(" Every entry is 2 times the right value: a constant factor or the sign is off, "
                            "not the pattern."), message


@pytest.mark.parametrize("answer, expected", [
    ([2.0, 4.0 * (1 + 5e-6)], [1.0, 2.0]),                 # ratios 2 and 2.00001: not within 1e-6
    ([2.0, 2.0 + 1.5e-6, 2.0 + 3e-6], [1.0, 1.0, 1.0]),    # each close to the next, the last not to the first
])
def test_no_factor_hint_unless_every_ratio_is_within_1e_6_of_the_first(answer, expected):
    message = compare_array("E", answer, expected).message
    assert "Every entry" not in message, message


def test_the_factor_hint_is_judged_on_the_first_ratio():
    # first ratio 1 + 1.0015e-5 is not close to 1 (np.isclose: 1.001e-5); the second, 1 + 1.0005e-5, is
    message = compare_array("E", [1 + 1.0015e-5, 1 + 1.0005e-5], [1.0, 1.0]).message
    assert " Every entry is 1" in message and message.endswith(
        " times the right value: a constant factor or the sign is off, not the pattern."), message


def test_the_factor_hint_shows_the_first_ratio():
    # 2.00049999 reads as 2 with four digits, 2.00050001 as 2.001
    message = compare_array("E", [2.00049999, 2.00050001], [1.0, 1.0]).message
    assert " Every entry is 2 times the right value" in message, message


# -- compare_whole ---------------------------------------------------------------------------------------
def test_compare_whole_asks_for_whole_numbers_by_default():
    assert compare_whole("E", None, 5).message == "replace the placeholder with whole numbers and run the cell again."
    assert compare_whole("E", "5", 5).message == "your answer should be whole numbers, but it is the text '5'."


def test_compare_whole_names_an_unreadable_answer_with_the_given_name():
    assert compare_whole("E", 2j, 5, name="the count").message.startswith("the count is complex (2j)")


class _ArrayOnly:
    """Readable by NumPy (``__array__``) but not iterable."""
    def __array__(self, dtype=None, copy=None):
        return np.array([3, 4])


def test_compare_whole_reads_an_array_like_answer_through_numpy():
    assert compare_whole("E", _ArrayOnly(), (3, 4)).correct


def test_a_hint_with_large_whole_numbers_matches_them_exactly():
    feedback = compare_whole("E", (10**20 + 1, 2), (5, 2), hints=[((10**20 + 1, 2), "off by a power")])
    assert feedback.message == "off by a power"


class _Incomparable(float):
    def __eq__(self, other):
        raise RuntimeError("cannot compare")

    __hash__ = float.__hash__


def test_an_answer_that_cannot_be_compared_exactly_gets_no_hint():
    feedback = compare_whole("E", (_Incomparable(1.0), 16, 1000), (1, 16, 999), hints=[((1, 16, 1000), "one batch")])
    assert feedback.message == "your answer is not right yet: entry 2 of 3 differ."


# -- call_safely -----------------------------------------------------------------------------------------
def _fails(*args):
    raise NotImplementedError


def test_a_missing_function_is_not_attempted_yet():
    result, feedback = call_safely("E", None)
    assert result is None and feedback.exercise == "E" and feedback.status == "not attempted"
    assert feedback.message == "replace the placeholder with your function and run the cell again."


@pytest.mark.parametrize("function", [_fails, lambda: None])
def test_an_unfinished_implementation_is_not_attempted_yet(function):
    result, feedback = call_safely("E", function)
    assert result is None and feedback.exercise == "E" and feedback.status == "not attempted"
    assert feedback.message == "replace the placeholder with your implementation and run the cell again."


def _raises(text):
    def function():
        raise ValueError(text)
    return function


@pytest.mark.parametrize("text, shown", [
    ("bad   input\n here", "bad input here."), ("done.", "done."), ("why?", "why?"), ("stop!", "stop!"),
])
def test_an_error_is_reported_in_one_sentence(text, shown):
    feedback = call_safely("E", _raises(text))[1]
    assert feedback.message == (f"your function raised ValueError: {shown} Call it yourself on the exercise's "
                                "example to see the line that fails.")


def test_an_error_without_a_type_name_is_an_object():
    def function():
        raise _NamelessError()
    feedback = call_safely("E", function)[1]
    assert feedback.message == ("your function raised object. Call it yourself on the exercise's example to see "
                                "the line that fails.")


def test_an_overflow_in_the_readers_function_is_a_result_not_an_error():
    """pytest turns RuntimeWarning into errors here."""
    result, feedback = call_safely("E", lambda: np.float64(1e308) * 10)
    assert feedback is None and result == np.inf


# -- check_function ---------------------------------------------------------------------------------------
_TWO = [Case("case A", [1]), Case("case B", [2])]


def _judge(result, case):
    return correct("E") if result == 2 * case.args[0] else wrong("E", "off.")


def test_check_function_says_right_on_every_input_tried():
    assert check_function("E", lambda x: 2 * x, _TWO, _judge).message == "right on every input tried."


def test_check_function_passes_on_its_success_message():
    assert check_function("E", lambda x: 2 * x, _TWO, _judge, success="all good.").message == "all good."


def test_something_that_is_not_a_function_is_named_once():
    assert check_function("E", 5, _TWO, _judge).message == "expected a function, but got 5."


def test_an_unfinished_function_is_not_blamed_on_an_input():
    assert check_function("E", lambda x: None, _TWO, _judge).message == (
        "replace the placeholder with your implementation and run the cell again.")


def test_a_wrong_result_names_the_input_only_when_there_are_several():
    assert check_function("E", lambda x: x, _TWO, _judge).message == "for case A, off."
    assert check_function("E", lambda x: x, _TWO[:1], _judge).message == "off."


def test_arguments_that_cannot_be_copied_are_passed_as_they_are():
    case = Case("a generator", [(i for i in range(3))])
    feedback = check_function("E", sum, [case], lambda result, c: correct("E") if result == 3 else wrong("E", "no."))
    assert feedback.correct, feedback


# == Fixes (fix.patch) ================================================================================
@pytest.mark.skipif(not hasattr(getattr(np, "dtypes", None), "StringDType"), reason="NumPy before 2.0 has no StringDType")
def test_text_in_numpy_string_dtype_is_not_read_as_numbers():
    value = np.array(["1.5"], dtype=np.dtypes.StringDType())
    array, problem = as_numbers(value)
    assert array is None and problem == ("your answer should be numbers, but it holds text or records (an array of "
                                         "shape (1,) (dtype StringDType())).")


def test_a_factor_that_rounds_to_1_is_shown_with_more_digits():
    message = compare_array("E", [1.000010015, 1.000010015], [1.0, 1.0]).message
    assert message.endswith(" Every entry is 1.00001 times the right value: a constant factor or the sign is off, "
                            "not the pattern."), message
    message = compare_array("E", [-1.0, -1.0], [1.0, 1.0]).message
    assert " Every entry is -1 times the right value" in message, message


def test_a_factor_near_1_is_read_off_the_first_entry():
    """Ratios 1.00002 and 1.0000209 agree to 1e-6, so one factor is named: the first, 1.00002 (by hand)."""
    message = compare_array("E", [1.00002, 1.0000209], [1.0, 1.0]).message
    assert " Every entry is 1.00002 times the right value" in message, message
