"""Tests that kill mutants which survived the mutation run over the exercise-checker base
(nn_helpers.exercises; see README, "Mutation testing"). Expected texts are written by hand."""
import numpy as np
import pytest

from nn_helpers.exercises import ch01, compare_array, compare_whole, describe


@pytest.mark.parametrize("value, text", [
    (True, "True"), (10**15 - 1, "999999999999999"), (10**15, "a whole number of about 16 digits"),
    (-10**400, "a whole number of about 401 digits"), (np.zeros((2, 3)), "an array of shape (2, 3) (dtype float64)"),
    ("x" * 60, repr("x" * 60)[:57] + "..."), ("x" * 58, repr("x" * 58)), ([1,   2], "[1, 2]"),
])
def test_describe_gives_short_exact_descriptions(value, text):
    assert describe(value) == text


def test_describe_cuts_long_text_to_its_limit():
    assert len(describe("y" * 500)) == 60 and describe("y" * 500).endswith("...")


def test_only_a_transposed_shape_is_called_transposed():
    assert "transposed" in compare_array("E", np.zeros((2, 3)), np.zeros((3, 2))).message
    assert "transposed" not in compare_array("E", np.zeros((2, 2)), np.zeros((3, 3))).message
    assert "reshape it" in compare_array("E", np.zeros(3), np.zeros((3, 1))).message


def test_a_nan_number_has_no_entry_position():
    message = compare_array("E", float("nan"), 1.0).message
    assert message.startswith("your answer contains NaN or infinity:"), message


def test_a_single_non_whole_number_is_named_without_an_entry():
    assert compare_whole("E", 2.5, 3).message.startswith("your answer is 2.5, which is not a whole number")


def test_a_truth_value_never_matches_a_hint():
    feedback = compare_whole("E", (1, True, 1000), (1, 16, 1000), hints=[((1, 1, 1000), "one batch")])
    assert feedback.message != "one batch" and "truth value" in feedback.message


@pytest.mark.parametrize("result", [lambda w, b, x, y, lr: (w, None), lambda w, b, x, y, lr: (None, b)])
def test_a_half_finished_step_is_not_attempted(result):
    assert ch01.check_sgd_step(result).status == "not attempted"


def test_feedback_html_names_its_status_as_a_css_class():
    from nn_helpers.exercises import Feedback
    page = Feedback("E", "not attempted", "m")._repr_html_()
    assert page.startswith('<div class="nn-feedback nn-feedback-not-attempted" style="border-left: 5px solid')
    assert "padding: 6px 10px;" in page


# -- Display details --------------------------------------------------------------------------------
def test_plain_text_uses_the_full_width_indents_continuations_and_never_splits_a_word():
    from nn_helpers.exercises import Feedback
    long_word = "w" * 100
    message = "short words " * 30 + "hyphenated-words-that-could-break " * 4 + long_word + " end."
    lines = repr(Feedback("Exercise 1 (demo)", "wrong", message)).split("\n")
    assert max(len(line) for line in lines if long_word not in line) > 70          # width 88, not 70
    assert all(line.startswith("  ") for line in lines[1:])
    assert any(line.strip() == long_word for line in lines)                        # kept whole
    assert sum(line.count("hyphenated-words-that-could-break") for line in lines) == 4  # not split at a hyphen


def test_the_html_style_is_a_list_of_real_css_declarations():
    from nn_helpers.exercises import Feedback
    page = Feedback("E", "wrong", "m")._repr_html_()
    style = page.split('style="', 1)[1].split('"', 1)[0]
    names = [declaration.split(":")[0].strip() for declaration in style.split(";")]
    assert set(names) == {"border-left", "background", "color", "padding", "margin", "font-family", "line-height",
                          "white-space", "word-break", "overflow-wrap", "max-width"}


def test_an_unknown_status_is_named_in_the_error():
    from nn_helpers.exercises import Feedback
    with pytest.raises(ValueError, match="status must be one of"):
        Feedback("E", "fine", "m")


# -- Names, tolerances and dtypes ---------------------------------------------------------------------
def test_messages_use_the_name_they_are_given():
    assert compare_array("E", "text", [1.0], name="dW").message.startswith("dW should be numbers")
    assert compare_array("E", None, [1.0], name="dW").message == "replace the placeholder with dW and run the cell again."
    from nn_helpers.exercises import as_whole
    assert as_whole(2.5, "the count")[1].startswith("the count is 2.5")


def test_hints_match_with_the_given_tolerances_only():
    hints = [([2.0], "double"), ([0.0], "zero")]
    assert compare_array("E", [2.0], [1.0], hints=hints).message == "double"
    assert compare_array("E", [2.0 * (1 + 5e-6)], [1.0], hints=hints).message != "double"     # rtol 1e-6
    assert compare_array("E", [5e-9], [1.0], hints=hints).message != "zero"                   # atol 1e-9


def test_the_difference_report_uses_the_given_tolerances():
    message = compare_array("E", [5e-7, 3.0], [0.0, 2.0], atol=1e-6).message
    assert "1 of its 2 entries differ" in message, message


def test_numbers_are_read_as_float64_in_their_shape():
    import fractions
    from nn_helpers.exercises import as_numbers
    assert as_numbers([1, 2])[0].dtype == np.float64
    array, problem = as_numbers([[fractions.Fraction(1, 2), 1]])
    assert problem is None and array.shape == (1, 2) and array.dtype == np.float64


def test_a_placeholder_inside_a_list_is_named():
    from nn_helpers.exercises import as_numbers
    assert as_numbers([1, None])[1] == "your answer should hold only numbers, but contains None."


def test_an_overflowing_difference_is_reported_without_a_warning():
    """pytest turns RuntimeWarning into errors here."""
    message = compare_array("E", [1e308], [-1e308]).message
    assert "off by +inf" in message
