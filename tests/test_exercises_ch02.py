"""Notebook 02's exercise checkers accept the reference solutions, report placeholders as
not attempted, and name the typical mistakes."""
import numpy as np
import pytest

from nn_helpers.exercises import ch02
from solutions import ch02 as solutions


def _placeholder(w, b, X, y):
    ...


def _not_implemented(w, b, X, y):
    raise NotImplementedError


# -- Exercise 1: batch gradients -------------------------------------------------------------
def test_batch_gradients_accepts_the_reference_solution():
    feedback = ch02.check_batch_gradients(solutions.batch_gradients)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("placeholder", [None, ..., _placeholder, _not_implemented])
def test_batch_gradients_placeholder_is_not_attempted(placeholder):
    feedback = ch02.check_batch_gradients(placeholder)
    assert feedback.status == "not attempted", feedback
    assert "Not attempted yet" in repr(feedback)


def _variant(dw_fn=None, db_fn=None):
    def batch_gradients(w, b, X, y):
        m = X.shape[1]
        r = w.T @ X + b - y
        dw = (2 / m) * X @ r.T if dw_fn is None else dw_fn(w, b, X, y, m, r)
        db = (2 / m) * r.sum() if db_fn is None else db_fn(m, r)
        return dw, db
    return batch_gradients


@pytest.mark.parametrize("wrong_answer, words", [
    (_variant(dw_fn=lambda w, b, X, y, m, r: (1 / m) * X @ r.T), "2 (a - y)"),
    (_variant(dw_fn=lambda w, b, X, y, m, r: 2 * X @ r.T), "divide the sum by m"),
    (_variant(dw_fn=lambda w, b, X, y, m, r: X @ r.T), "both missing"),
    (_variant(dw_fn=lambda w, b, X, y, m, r: -(2 / m) * X @ r.T), "wrong sign"),
    (_variant(dw_fn=lambda w, b, X, y, m, r: (2 / m) * r @ X.T), "transposed shape"),
    (_variant(dw_fn=lambda w, b, X, y, m, r: ((2 / m) * X @ r.T).ravel()), "reshape"),
    (_variant(dw_fn=lambda w, b, X, y, m, r: (2 / m) * X @ (w.T @ X - y).T), "ignores the bias"),
    (_variant(db_fn=lambda m, r: r.sum() / m), "db: half the right size"),
    (_variant(db_fn=lambda m, r: 2 * r.sum()), "divide the sum by m"),
    (_variant(db_fn=lambda m, r: (2 / m) * r), "single number"),
    (_variant(db_fn=lambda m, r: 0.0), "db is off by"),
    (_variant(db_fn=lambda m, r: -(2 / m) * r.sum()), "db: the wrong sign"),
    (lambda w, b, X, y: X @ w, "raised ValueError"),
    (lambda w, b, X, y: 3.0, "pair (dw, db)"),
])
def test_batch_gradients_names_typical_mistakes(wrong_answer, words):
    feedback = ch02.check_batch_gradients(wrong_answer)
    assert feedback.status == "wrong", feedback
    assert words in feedback.message, feedback


# -- Exercise 2: updates per epoch ------------------------------------------------------------
def test_updates_per_epoch_accepts_the_reference_solution():
    feedback = ch02.check_updates_per_epoch(solutions.updates_per_epoch)
    assert feedback.status == "correct", feedback
    assert ch02.check_updates_per_epoch(list(solutions.updates_per_epoch)).correct
    assert ch02.check_updates_per_epoch(np.array([1, 16, 1000])).correct


def test_updates_per_epoch_placeholder_is_not_attempted():
    assert ch02.check_updates_per_epoch(None).status == "not attempted"


@pytest.mark.parametrize("wrong_answer, words", [
    ((1, 15, 1000), "smaller batch"),
    ((1, 1000 / 64, 1000), "round 1000 / 64 up"),
    ((1000, 16, 1), "order is reversed"),
    ((1000, 16, 1000), "one evaluation per epoch"),
    ((1, 16), "shape (3,)"),
    ("sixteen", "three whole numbers"),
    ((2, 17, 999), "entries 0, 1, 2 of 3 differ"),
])
def test_updates_per_epoch_names_typical_mistakes(wrong_answer, words):
    feedback = ch02.check_updates_per_epoch(wrong_answer)
    assert feedback.status == "wrong", feedback
    assert words in feedback.message, feedback


# -- Random batches: memorised answers and fixed sizes fail; expected values from finite differences
def test_batch_gradients_memorised_is_rejected():
    remembered = solutions.batch_gradients(*ch02.batch_cases()[0].args)
    feedback = ch02.check_batch_gradients(lambda *args: remembered)
    assert feedback.status == "wrong" and "X of shape" in feedback.message, feedback


def test_batch_gradients_with_a_fixed_m_is_rejected():
    def fixed_m(w, b, X, y):
        a = w.T @ X + b
        return (2 / 5) * X @ (a - y).T, (2 / 5) * float((a - y).sum())
    assert ch02.check_batch_gradients(fixed_m).status == "wrong"


@pytest.mark.parametrize("case", ch02.batch_cases(), ids=lambda case: case.description)
def test_reference_batch_gradients_match_finite_differences(case):
    from nn_helpers import gradcheck
    w, b, X, y = case.args
    w = w.copy()
    bias = np.array([[b]])
    loss = lambda: float(np.mean((w.T @ X + bias[0, 0] - y) ** 2))
    dw, db = solutions.batch_gradients(w, b, X, y)
    assert gradcheck.relative_error(dw, gradcheck.numerical_gradient(loss, w)) < 1e-8
    assert gradcheck.relative_error(np.array([[db]]), gradcheck.numerical_gradient(loss, bias)) < 1e-8
    assert ch02.check_batch_gradients(solutions.batch_gradients).correct


@pytest.mark.parametrize("answer", [(1, 15.6, 1000), (1, 16.4, 1000), (1, 16, 1000 + 0j), ("1", "16", "1000"),
                                    (True, 16, 1000), (1, 16, float("inf")), [[1, 16], [1000]], (1, 16, 10**400)])
def test_updates_per_epoch_refuses_truncated_and_odd_answers(answer):
    assert ch02.check_updates_per_epoch(answer).status == "wrong"
    assert ch02.check_updates_per_epoch((1.0, 16.0, 1000.0)).correct


# -- Exercise 3: weighted samples --------------------------------------------------------------
from nn_helpers import gradcheck  # noqa: E402


def test_weighted_cases_hold_against_central_differences():
    """The reference solution equals central differences of (1/m) sum_i c_i (a_i - y_i)^2."""
    for case in ch02.weighted_cases():
        w, b, X, y, c = (case[k] for k in ("w", "b", "X", "y", "c"))
        w, b_arr = w.copy(), np.array([[b]])
        loss = lambda: float(np.mean(c * (w.T @ X + b_arr[0, 0] - y) ** 2))
        dw, db = solutions.weighted_gradients(w, b, X, y, c)
        np.testing.assert_allclose(dw, gradcheck.numerical_gradient(loss, w), rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(db, gradcheck.numerical_gradient(loss, b_arr)[0, 0], rtol=1e-7, atol=1e-9)


def test_weighted_accepts_the_reference_solution():
    feedback = ch02.check_weighted_gradients(solutions.weighted_gradients)
    assert feedback.status == "correct", feedback


def _weighted(w, b, X, y, c, divide_by=None, power=1):
    m = X.shape[1] if divide_by is None else divide_by(X, c)
    r = c ** power * (w.T @ X + b - y)
    return (2 / m) * X @ r.T, (2 / m) * float(r.sum())


@pytest.mark.parametrize("answer, words", [
    (lambda w, b, X, y, c: _weighted(w, b, X, y, np.ones_like(c)), "weights c are missing"),
    (lambda w, b, X, y, c: _weighted(w, b, X, y, c, power=2), "c is squared"),
    (lambda w, b, X, y, c: _weighted(w, b, X, y, c, divide_by=lambda X, c: c.sum()), "sum of the weights"),
    (lambda w, b, X, y, c: tuple(v / 2 for v in _weighted(w, b, X, y, c)), "factor 2 is missing"),
    (lambda w, b, X, y, c: (_weighted(w, b, X, y, c)[0], 0.0), "dw is right, but db"),
    (lambda w, b, X, y, c: _weighted(w, b, X, y, c)[0], "return the pair"),
    (lambda w, b, X, y, c: (_weighted(w, b, X, y, c)[0].T, 0.0), "transposed shape"),
])
def test_weighted_names_typical_mistakes(answer, words):
    feedback = ch02.check_weighted_gradients(answer)
    assert feedback.status == "wrong" and words in feedback.message, feedback


# -- Exercise 4: least squares -----------------------------------------------------------------
def test_least_squares_solution_makes_both_gradients_vanish():
    """Independent of the checker's solver: at the reference (w, b) central differences of the mean
    squared error are zero (to rounding), and nudging w or b in any direction raises the loss."""
    rng = np.random.default_rng(0)
    for case in ch02.least_squares_cases():
        X, y = case["X"], case["y"]
        w, b = solutions.least_squares(X, y)
        w, b_arr = w.copy(), np.array([[b]])
        loss = lambda: float(np.mean((w.T @ X + b_arr[0, 0] - y) ** 2))
        assert np.abs(gradcheck.numerical_gradient(loss, w)).max() < 1e-7
        assert abs(gradcheck.numerical_gradient(loss, b_arr)[0, 0]) < 1e-7
        best = loss()
        for _ in range(5):
            w += 1e-3 * rng.standard_normal(w.shape)
            assert loss() > best
            w -= w - solutions.least_squares(X, y)[0]


def test_least_squares_accepts_the_reference_solution():
    feedback = ch02.check_least_squares(solutions.least_squares)
    assert feedback.status == "correct", feedback


def _no_bias(X, y):
    return np.linalg.lstsq(X.T, y.ravel(), rcond=None)[0].reshape(-1, 1), 0.0


@pytest.mark.parametrize("answer, words", [
    (_no_bias, "without a bias"),
    (lambda X, y: (solutions.least_squares(X, y)[0], 0.0), "w is right, but b is off"),
    (lambda X, y: solutions.least_squares(X, y)[0], "return the pair"),
    (lambda X, y: (solutions.least_squares(X, y)[0].T, 0.0), "transposed shape"),
    (lambda X, y: (np.zeros((X.shape[0], 1)), float(y.mean())), "differ"),
])
def test_least_squares_names_typical_mistakes(answer, words):
    feedback = ch02.check_least_squares(answer)
    assert feedback.status == "wrong" and words in feedback.message, feedback
