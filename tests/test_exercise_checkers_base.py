"""The checker base (nn_helpers.exercises): every checker answers ANY Python object with
feedback, never raises, and never says "Correct" for complex, NaN, text or truncated
values; feedback displays as a coloured box with the same words as its plain text."""
import decimal
import re
import fractions
import html
import importlib
import inspect
import pathlib

import numpy as np
import pytest

from nn_helpers import exercises
from nn_helpers.exercises import Case, Feedback, as_numbers, as_whole, check_function, compare_array, compare_whole

CHAPTER_NUMBERS = sorted(int(path.stem[2:]) for path in pathlib.Path(exercises.__file__).parent.glob("ch[0-9][0-9].py"))
CHAPTERS = {n: importlib.import_module(f"nn_helpers.exercises.ch{n:02d}") for n in CHAPTER_NUMBERS}
CHECKERS = [getattr(module, name) for module in CHAPTERS.values() for name in module.__all__
            if name.startswith("check_") and inspect.isfunction(getattr(module, name))]


class EqRaises:
    def __eq__(self, other):
        raise RuntimeError("__eq__")
    __hash__ = None


class ArrayRaises:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("__array__")


class LenRaises:
    def __len__(self):
        raise RuntimeError("__len__")

    def __getitem__(self, i):
        raise RuntimeError("__getitem__")

    def __iter__(self):
        raise RuntimeError("__iter__")


class ReprRaises:
    def __repr__(self):
        raise RuntimeError("__repr__")

    def __float__(self):
        raise RuntimeError("__float__")

    def __bool__(self):
        raise RuntimeError("__bool__")


class Everything(EqRaises, ArrayRaises, LenRaises, ReprRaises):
    pass


class StrRaises(Exception):
    def __str__(self):
        raise RuntimeError("__str__")


def raises_value_error(*args):
    raise ValueError("boom")


def raises_system_exit(*args):
    raise SystemExit(3)


def raises_unprintable(*args):
    raise StrRaises()


def recurses(*args):
    return recurses(*args)


HOSTILE = [0, 1, -1, 5.9, 10**400, -10**400, 10**5000, float("nan"), float("inf"), -float("inf"), 1 + 2j, 2 + 0j,
           np.complex128(1), "1", "", b"x", True, False, [], [[]], [[1, 2], [3]], [1, [2, 3]], (5.9, 10.2),
           ((5, 10), (5.9, 6), (5, 1)), ((5, float("inf")), (5, 6), (5, 1)), ((5, 10), (5, 6), (5, 1, 2)),
           {"a": 1}, {1, 2}, object(), EqRaises(), ArrayRaises(), LenRaises(), ReprRaises(), Everything(),
           np.array([1 + 0j, 2]), np.full((2, 5), np.nan), np.zeros((0,)), np.array(["a"]), np.datetime64("2020"),
           fractions.Fraction(1, 3), decimal.Decimal("NaN"), [10**400, 1], np.array([10**400, 1], dtype=object),
           raises_value_error, raises_system_exit, raises_unprintable, recurses,
           lambda *a: 10**400, lambda *a: Everything(), lambda *a: "text", lambda *a: [[1, 2], [3]],
           lambda *a: (1 + 1j, 2), lambda *a: np.nan, lambda *a: (Everything(), Everything()),
           lambda *a: (EqRaises(), ArrayRaises()), lambda *a: [Everything()] * 5, lambda *a: iter([1]),
           lambda *a: (np.nan, np.nan), lambda *a: [np.nan] * 6, print, int, type, Feedback]


def test_every_chapter_checker_is_collected():
    assert len(CHECKERS) >= 17      # new exercises join automatically through __all__


@pytest.mark.filterwarnings("ignore::RuntimeWarning")      # as in a notebook, where NumPy's warnings only print
@pytest.mark.parametrize("check", CHECKERS, ids=lambda f: f.__module__[-4:] + "." + f.__name__)
def test_every_checker_answers_any_object_without_raising_and_never_says_correct(check):
    for answer in HOSTILE:
        feedback = check(answer)
        assert isinstance(feedback, Feedback)
        assert feedback.status in ("wrong", "not attempted"), (answer, feedback)
        assert "could not be checked" not in feedback.message, (check.__name__, feedback)   # no safety-net message
        repr(feedback), feedback._repr_html_()


@pytest.mark.parametrize("check", CHECKERS, ids=lambda f: f.__module__[-4:] + "." + f.__name__)
def test_placeholders_are_not_attempted(check):
    assert check(None).status == "not attempted"
    assert check(...).status == "not attempted"


def test_the_safety_net_turns_a_checker_bug_into_feedback():
    @exercises.checker("Exercise 9 (demo)")
    def broken(answer):
        return 1 / 0

    feedback = broken(3)
    assert feedback.status == "wrong" and "could not be checked" in feedback.message


# -- Reading answers ---------------------------------------------------------------------------
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("value, words", [
    (1 + 2j, "complex"), (np.array([1 + 0j]), "complex"), ([1, 2j], "complex"), ("3", "text"), (True, "truth value"),
    ([[1, 2], [3]], "equal length"), (10**400, "too large"), ([1, 10**400], "too large"), (ArrayRaises(), "cannot read"),
    (np.array([True]), "truth values"), (np.array(["a"]), "text"), (np.datetime64("2020"), "dates"),
])
def test_as_numbers_refuses_what_is_not_real_numbers(value, words):
    array, problem = as_numbers(value)
    assert array is None and words in problem, problem


def test_as_numbers_reads_fractions_and_numpy_scalars():
    array, problem = as_numbers([fractions.Fraction(1, 4), np.float32(0.5), 2])
    assert problem is None and array.dtype == np.float64
    np.testing.assert_array_equal(array, [0.25, 0.5, 2.0])


@pytest.mark.parametrize("value, expected", [(5, 5), (5.0, 5), (np.int64(7), 7), (np.float32(3.0), 3), (10**400, 10**400)])
def test_as_whole_accepts_whole_numbers(value, expected):
    assert as_whole(value) == (expected, None)


@pytest.mark.parametrize("value", [5.9, 5.0000001, -0.5, True, "5", 5 + 0j, float("inf"), float("nan"), [5], None])
def test_as_whole_refuses_what_is_not_one_whole_number(value):
    number, problem = as_whole(value)
    assert number is None and problem


# -- Comparing -----------------------------------------------------------------------------------
def test_compare_array_says_which_entries_differ_and_by_how_much():
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    feedback = compare_array("E", [[1.0, 2.0], [3.5, 4.0]], expected, name="dW", suggest="Run the gradient check.")
    assert feedback.status == "wrong"
    assert "1 of its 4 entries differ" in feedback.message
    assert "[1, 0] off by +0.5 (yours 3.5)" in feedback.message
    assert feedback.message.endswith("Run the gradient check.")


def test_compare_array_names_a_constant_factor():
    feedback = compare_array("E", [[2.0, 4.0], [6.0, 8.0]], [[1.0, 2.0], [3.0, 4.0]])
    assert "Every entry is 2 times the right value" in feedback.message


@pytest.mark.parametrize("answer", [[1 + 0j, 2], [1, float("nan")], [1, float("inf")], [1.0, 2.0000001 + 1e-3],
                                    "12", [[1, 2]], [1, 2, 3]])
def test_compare_array_never_says_correct_for_near_misses(answer):
    assert compare_array("E", answer, [1.0, 2.0]).status == "wrong"


def test_compare_array_reports_nan_first_position():
    feedback = compare_array("E", [[1.0, np.nan]], [[1.0, 2.0]])
    assert "NaN or infinity (first at entry [0, 1])" in feedback.message


def test_compare_whole_treats_whole_floats_as_whole_and_others_as_wrong():
    assert compare_whole("E", (1.0, 16, np.int32(1000)), (1, 16, 1000)).correct
    assert "not a whole number" in compare_whole("E", (1, 16.5, 1000), (1, 16, 1000)).message
    assert compare_whole("E", (1, 15.625, 1000), (1, 16, 1000), hints=[((1, 15.625, 1000), "round up")]).message \
        == "round up"
    assert compare_whole("E", 10**400 + 1, 10**400).status == "wrong"        # big integers compared exactly


# -- Function checkers ---------------------------------------------------------------------------
def _double_cases():
    return exercises.random_cases(lambda rng, n: Case(f"x of shape ({n},)", (rng.normal(size=n),)),
                                  sizes=(2, 5, 9), seed=0)


def _judge_double(result, case):
    return compare_array("E", result, 2 * case.args[0])


def test_check_function_runs_every_case_and_names_the_failing_one():
    assert check_function("E", lambda x: 2 * x, _double_cases(), _judge_double).correct
    remembered = 2 * _double_cases()[0].args[0]
    feedback = check_function("E", lambda x: remembered, _double_cases(), _judge_double)
    assert feedback.status == "wrong" and feedback.message.startswith("for x of shape (5,), "), feedback


def test_check_function_gives_fresh_copies_so_a_mutating_function_cannot_spoil_the_reference():
    def doubles_in_place(x):
        x *= 2
        return x
    assert check_function("E", doubles_in_place, _double_cases(), _judge_double).correct


def test_random_cases_are_seeded():
    first, second = _double_cases(), _double_cases()
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a.args[0], b.args[0])


@pytest.mark.parametrize("function, words", [
    (raises_value_error, "raised ValueError: boom"), (raises_system_exit, "raised SystemExit"),
    (raises_unprintable, "raised StrRaises."), (recurses, "RecursionError"), (3, "expected a function, but got 3"),
])
def test_call_safely_reports_every_failure(function, words):
    result, failure = exercises.call_safely("E", function, 1)
    assert result is None and words in failure.message, failure


# -- Display -------------------------------------------------------------------------------------
@pytest.mark.parametrize("status, mark, colour", [("correct", "✓", "#1a7f37"), ("wrong", "✗", "#c0392b"),
                                                  ("not attempted", "○", "#6b7280")])
def test_feedback_shows_a_mark_a_colour_and_the_same_words_as_the_plain_text(status, mark, colour):
    message = "a long message <with> markup & " + "words " * 40
    feedback = Feedback("Exercise 1 (demo)", status, message)
    text, page = repr(feedback), feedback._repr_html_()
    assert text.startswith(mark) and colour in page and mark in page
    assert all(len(line) <= Feedback.WIDTH for line in text.splitlines())
    assert " ".join(text.split()) == " ".join(feedback.text.split())            # wrapped only between words
    words_on_page = html.unescape(page.split(">", 1)[1].replace("<strong>", "").replace("</strong>", "")
                                  .replace("</div>", ""))
    assert " ".join(words_on_page.split()) == " ".join(feedback.text.split())
    assert "<with>" not in page and "white-space: normal" in page and "word-break: normal" in page


def test_feedback_truth_value_is_correctness_only():
    assert Feedback("E", "correct", "m") and not Feedback("E", "wrong", "m") and not Feedback("E", "not attempted", "m")
    with pytest.raises(ValueError):
        Feedback("E", "fine", "m")


# -- The reference solutions pass; turned complex, NaN or nudged they do not ------------------------
PAIRS = [(0, "check_mean_squared_error", "mean_squared_error"), (0, "check_jacobian", "jacobian"),
         (0, "check_gradient_of_squared_norm", "gradient_of_squared_norm"), (1, "check_gradient_by_hand", "grad_w"),
         (1, "check_sgd_step", "sgd_step"), (1, "check_gradient_by_input", "grad_x"),
         (2, "check_batch_gradients", "batch_gradients"), (2, "check_updates_per_epoch", "updates_per_epoch"),
         (3, "check_leaky_relu_prime", "leaky_relu_prime"), (3, "check_jacobian_bytes", "jacobian_bytes"),
         (3, "check_tanh_neuron_gradients", "tanh_neuron_gradients"), (4, "check_output_delta", "output_delta"),
         (4, "check_layer1_gradients", "layer1_gradients"), (4, "check_path_count", "path_count"),
         (5, "check_shapes", "shapes"), (5, "check_deltas", "deltas"), (5, "check_sigmoid_bound", "sigmoid_bound"),
         (3, "check_swish_prime", "swish_prime"), (4, "check_input_gradient", "input_gradient"),
         (5, "check_fixed_backward", "backward_fixed"), (5, "check_gradients_with_decay", "gradients_with_decay"),
         (0, "check_gradient_of_quadratic_form", "gradient_of_quadratic_form"),
         (1, "check_weight_decay", "grad_w_with_decay"), (2, "check_weighted_gradients", "weighted_gradients"),
         (2, "check_least_squares", "least_squares"),
         (6, "check_bce_delta", "bce_delta"), (6, "check_jacobian_entry", "jacobian_entry"),
         (6, "check_logsumexp", "logsumexp"), (6, "check_uniform_loss", "uniform_loss"),
         (7, "check_multiply", "multiply"), (7, "check_l2_penalty", "l2_penalty"),
         (7, "check_broken_rule", "broken_rule"), (7, "check_finite_difference_cost", "finite_difference_cost"),
         (7, "check_stored_bytes", "stored_bytes"),
         (5, "check_shape_rule", "gradient_shapes")]


def _transform(value, change):
    """Apply change to every number inside tuples, lists and arrays."""
    if isinstance(value, (tuple, list)):
        return type(value)(_transform(v, change) for v in value)
    if isinstance(value, np.ndarray):
        return change(value)
    return change(value)


def _changed(solution, change):
    if callable(solution):
        return lambda *args: _transform(solution(*args), change)
    return _transform(solution, change)


def _pair(chapter, check, solution):
    module = importlib.import_module(f"solutions.ch{chapter:02d}")
    return getattr(CHAPTERS[chapter], check), getattr(module, solution)


@pytest.mark.parametrize("chapter, check, solution", PAIRS, ids=[p[1] for p in PAIRS])
def test_reference_solution_passes(chapter, check, solution):
    check, solution = _pair(chapter, check, solution)
    assert check(solution).correct


@pytest.mark.filterwarnings("ignore::RuntimeWarning")      # as in a notebook, where NumPy's warnings only print
@pytest.mark.parametrize("change", [
    lambda v: v + 0j, lambda v: v * (1 + 1e-12j), lambda v: v * np.nan, lambda v: v + np.inf,
    lambda v: v + 0.5, lambda v: v * 1.01, lambda v: str(v)],
    ids=["complex", "tiny-imaginary", "nan", "inf", "plus-half", "one-percent", "text"])
@pytest.mark.parametrize("chapter, check, solution", PAIRS, ids=[p[1] for p in PAIRS])
def test_a_changed_reference_solution_is_never_correct(chapter, check, solution, change):
    check, solution = _pair(chapter, check, solution)
    if isinstance(solution, str):
        pytest.skip("a text answer (a name) has no numbers to change")
    feedback = check(_changed(solution, change))
    assert feedback.status == "wrong", feedback


# -- Every message is a finished sentence about the right exercise --------------------------------
def _battery(chapter, check, solution):
    """Hostile objects plus the reference solution changed in typical ways."""
    answers = list(HOSTILE)
    if isinstance(solution, str):
        return answers + [solution.upper(), solution + "_", solution[::-1]]
    for change in (lambda v: v + 0j, lambda v: v * np.nan, lambda v: v + 0.5, lambda v: v * 2, lambda v: -v):
        answers.append(_changed(solution, change))
    return answers


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("chapter, check, solution", PAIRS, ids=[p[1] for p in PAIRS])
def test_every_message_is_a_sentence_about_this_exercise(chapter, check, solution):
    check, solution = _pair(chapter, check, solution)
    title = check(None).exercise
    assert title.startswith("Exercise ")
    for answer in _battery(chapter, check, solution) + [solution]:
        feedback = check(answer)
        assert feedback.exercise == title, feedback
        message = feedback.message
        assert len(re.findall(r"\b[A-Z]{3,}\b", message)) <= 1, feedback                      # no shouting
        assert message.rstrip(")'\"").endswith((".", "?", "!")), feedback
        assert not re.search(r"\bNone (should|has|is|contains|holds|of)\b|with None\b|\bNone$", message), feedback


def test_feedback_refuses_a_missing_name_or_message():
    for exercise, message in (("E", None), (None, "m"), ("", "m"), ("E", "")):
        with pytest.raises(TypeError):
            Feedback(exercise, "wrong", message)


# -- The difference report ------------------------------------------------------------------------
def test_difference_report_lists_three_entries_then_counts_the_rest():
    expected = np.arange(1.0, 6.0)
    five = compare_array("E", expected + 1, expected, name="v").message
    assert "5 of its 5 entries differ" in five and five.count("off by") == 3 and ", and 2 more." in five
    three = compare_array("E", expected + [1, 1, 1, 0, 0], expected, name="v").message
    assert three.count("off by") == 3 and "more" not in three
    four = compare_array("E", expected + [1, 1, 1, 1, 0], expected, name="v").message
    assert ", and 1 more." in four


def test_difference_report_for_one_number():
    message = compare_array("E", 3.0, 2.0, name="L").message
    assert message.startswith("L is 3, off by +1.")


@pytest.mark.parametrize("answer, factor", [([0.0, 2.0, 4.0], "2"), ([0.0, -1.0, -2.0], "-1"), ([0.0, 0.5, 1.0], "0.5")])
def test_a_constant_factor_is_named_even_with_zero_entries(answer, factor):
    message = compare_array("E", answer, [0.0, 1.0, 2.0]).message
    assert f"Every entry is {factor} times the right value" in message, message


@pytest.mark.parametrize("answer", [[1.0, 2.0, 4.0], [0.0, 2.0, 4.1], [0.0, 2.0, 4.0 + 1e-4]])
def test_no_constant_factor_is_claimed_when_the_pattern_differs(answer):
    message = compare_array("E", answer, [0.0, 1.0, 2.0]).message
    assert "times the right value" not in message, message


def test_one_nonzero_entry_is_not_called_a_constant_factor():
    assert "times the right value" not in compare_array("E", [0.0, 3.0], [0.0, 1.0]).message


def test_compare_array_tolerances_are_relative_and_absolute():
    assert compare_array("E", [1e6 + 0.5], [1e6]).correct             # rtol 1e-6 of 1e6 = 1
    assert not compare_array("E", [1e6 + 2], [1e6])
    assert compare_array("E", [5e-10], [0.0]).correct                 # atol 1e-9
    assert not compare_array("E", [5e-9], [0.0])
    assert "[0] off by" in compare_array("E", [1.0 + 1e-5], [1.0]).message


def test_compare_whole_lists_the_entries_that_differ_and_names_the_bad_entry():
    assert compare_whole("E", (1, 2, 3), (1, 5, 6)).message.endswith("entries 1, 2 of 3 differ.")
    assert compare_whole("E", (1, 2, 6), (1, 5, 6)).message.endswith("entry 1 of 3 differs.") or \
        compare_whole("E", (1, 2, 6), (1, 5, 6)).message.endswith("entry 1 of 3 differ.")
    assert "entry 1 of your answer is 2.5" in compare_whole("E", (1, 2.5, 6), (1, 5, 6)).message
    assert compare_whole("E", 7, 8).message == "your answer is not right yet."
    assert "shape (3,) (3 whole numbers)" in compare_whole("E", (1, 2), (1, 5, 6)).message
    assert "shape () (one whole number)" in compare_whole("E", (1, 2), 8).message
    assert compare_whole("E", np.array([1, 5, 6]), (1, 5, 6)).correct
    assert compare_whole("E", None, 8, what="a count").message.startswith("replace the placeholder with a count")


def test_compare_whole_hints_match_exactly():
    hints = [((1, 15, 1000), "fifteen")]
    assert compare_whole("E", (1, 15, 1000), (1, 16, 1000), hints=hints).message == "fifteen"
    assert compare_whole("E", [1, 15, 1000], (1, 16, 1000), hints=hints).message == "fifteen"
    assert compare_whole("E", (1, 15.5, 1000), (1, 16, 1000), hints=hints).message != "fifteen"
    assert compare_whole("E", 10**20 + 1, 10**20, hints=[(10**20, "close")]).message != "close"
