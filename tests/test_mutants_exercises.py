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
