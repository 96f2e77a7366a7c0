"""Notebook 03's exercise checkers accept the reference solutions, report placeholders as
not attempted, and name the typical mistakes."""
import numpy as np
import pytest

from nn_helpers.activations import sigmoid
from nn_helpers.exercises import ch03
from solutions import ch03 as solutions


def _placeholder(*args):
    ...


def _not_implemented(*args):
    raise NotImplementedError


# -- Exercise 1: leaky ReLU derivative --------------------------------------------------------
def test_leaky_relu_prime_accepts_the_reference_solution():
    feedback = ch03.check_leaky_relu_prime(solutions.leaky_relu_prime)
    assert feedback.status == "correct", feedback


@pytest.mark.parametrize("placeholder", [None, ..., _placeholder, _not_implemented])
def test_leaky_relu_prime_placeholder_is_not_attempted(placeholder):
    feedback = ch03.check_leaky_relu_prime(placeholder)
    assert feedback.status == "not attempted", feedback


@pytest.mark.parametrize("wrong_answer, words", [
    (lambda z: (z > 0).astype(float), "plain ReLU"),
    (lambda z: np.where(z > 0, 1.0, 0.01 * z), "not its slope"),
    (lambda z: np.where(z >= 0, 1.0, 0.01), "kink"),
    (lambda z: np.where(z > 0, z, 0.01 * z), "not its derivative"),
    (lambda z: np.where(z > 0, 0.0, 0.01), "slope is 1"),
    (lambda z: np.where(z > 0, 1.0, 0.01).ravel(), "reshape"),
    (lambda z: 1.0 if z > 0 else 0.01, "raised ValueError"),
    (lambda z: np.where(z > 0, 1.0, 0.1), "entries differ"),
])
def test_leaky_relu_prime_names_typical_mistakes(wrong_answer, words):
    feedback = ch03.check_leaky_relu_prime(wrong_answer)
    assert feedback.status == "wrong", feedback
    assert words in feedback.message, feedback


# -- Exercise 2: memory of the Jacobian -------------------------------------------------------
def test_jacobian_bytes_accepts_the_reference_solution():
    assert ch03.check_jacobian_bytes(solutions.jacobian_bytes).correct
    assert ch03.check_jacobian_bytes((8e8, 8e4)).correct


def test_jacobian_bytes_placeholder_is_not_attempted():
    assert ch03.check_jacobian_bytes(None).status == "not attempted"


@pytest.mark.parametrize("wrong_answer, words", [
    ((10**8, 10**4), "8 bytes"),
    ((64 * 10**8, 64 * 10**4), "bits"),
    ((8 * 10**8, 8 * 10**8), "never builds the matrix"),
    ((8 * 10**4, 8 * 10**8), "order is reversed"),
    ((8 * 10**4, 8 * 10**4), "(m, m) matrix"),
    (8 * 10**8, "shape (2,)"),
    ((1, 2), "entries 0, 1 of 2 differ"),
])
def test_jacobian_bytes_names_typical_mistakes(wrong_answer, words):
    feedback = ch03.check_jacobian_bytes(wrong_answer)
    assert feedback.status == "wrong", feedback
    assert words in feedback.message, feedback


# -- Exercise 3: tanh neuron ------------------------------------------------------------------
def test_tanh_neuron_accepts_the_reference_solution():
    feedback = ch03.check_tanh_neuron_gradients(solutions.tanh_neuron_gradients)
    assert feedback.status == "correct", feedback


def test_tanh_neuron_accepts_the_diagonal_form_too():
    def diagonal(w, b, X, y):
        z = w.T @ X + b
        dL_da = (2 / X.shape[1]) * (np.tanh(z) - y)
        delta = dL_da @ np.diag(1 - np.tanh(z)[0] ** 2)
        return X @ delta.T, delta.sum()
    assert ch03.check_tanh_neuron_gradients(diagonal).correct


@pytest.mark.parametrize("placeholder", [None, ..., _placeholder, _not_implemented])
def test_tanh_neuron_placeholder_is_not_attempted(placeholder):
    assert ch03.check_tanh_neuron_gradients(placeholder).status == "not attempted"


def _tanh_variant(factor):
    def gradients(w, b, X, y):
        z = w.T @ X + b
        a = np.tanh(z)
        delta = (2 / X.shape[1]) * (a - y) * factor(z, a)
        return X @ delta.T, float(delta.sum())
    return gradients


@pytest.mark.parametrize("wrong_answer, words", [
    (_tanh_variant(lambda z, a: 1.0), "f'(z) is missing"),
    (_tanh_variant(lambda z, a: 1 - z ** 2), "not 1 - z^2"),
    (_tanh_variant(lambda z, a: 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z)))), "sigmoid"),
    (_tanh_variant(lambda z, a: 0.5 * (1 - a ** 2)), "half the right size"),
    (_tanh_variant(lambda z, a: -(1 - a ** 2)), "wrong sign"),
    (lambda w, b, X, y: ((2 / X.shape[1]) * X @ (w.T @ X + b - y).T, (2 / X.shape[1]) * (w.T @ X + b - y).sum()),
     "linear neuron"),
    (lambda w, b, X, y: (2 / X.shape[1]) * (w.T @ X + b - y) @ X.T, "pair (dw, db)"),
])
def test_tanh_neuron_names_typical_mistakes(wrong_answer, words):
    feedback = ch03.check_tanh_neuron_gradients(wrong_answer)
    assert feedback.status == "wrong", feedback
    assert words in feedback.message, feedback


# -- Random inputs: thresholds, memorised values, tanh'(a) ----------------------------------------
@pytest.mark.parametrize("threshold", [1e-4, 1e-6, 1e-9, -1e-9, 1e-13, 1e-300, -1e-300])
def test_leaky_relu_with_a_shifted_threshold_is_rejected(threshold):
    feedback = ch03.check_leaky_relu_prime(lambda z: np.where(z > threshold, 1.0, 0.01))
    assert feedback.status == "wrong", feedback


def test_leaky_relu_memorised_for_the_example_is_rejected():
    remembered = solutions.leaky_relu_prime(ch03.LEAKY_EXAMPLE)
    assert ch03.check_leaky_relu_prime(lambda z: remembered).status == "wrong"


def test_leaky_relu_hand_values():
    """By hand: slope 1 right of the kink, 0.01 at and left of it."""
    z = np.array([-2.0, -1e-12, 0.0, 1e-12, 3.0])
    np.testing.assert_array_equal(solutions.leaky_relu_prime(z), [0.01, 0.01, 0.01, 1.0, 1.0])


def test_tanh_prime_of_a_is_named():
    feedback = ch03.check_tanh_neuron_gradients(_tanh_variant(lambda z, a: 1 - np.tanh(a) ** 2))
    assert feedback.status == "wrong" and "tanh'(a)" in feedback.message, feedback


def test_tanh_neuron_memorised_is_rejected():
    from nn_helpers.exercises.ch02 import _test_batch
    w, b, X, y = _test_batch()
    remembered = solutions.tanh_neuron_gradients(w, b, X, y)
    assert ch03.check_tanh_neuron_gradients(lambda *args: remembered).status == "wrong"


def test_tanh_neuron_gradients_match_finite_differences_on_every_batch():
    from nn_helpers import gradcheck
    from nn_helpers.exercises.ch02 import batch_cases
    for case in batch_cases():
        w, b, X, y = (np.array(v, dtype=float) if np.ndim(v) else v for v in case.args)
        loss = lambda: float(np.mean((np.tanh(w.T @ X + b) - y) ** 2))
        dw, db = solutions.tanh_neuron_gradients(w, b, X, y)
        assert gradcheck.relative_error(dw, gradcheck.numerical_gradient(loss, w)) < 1e-7


@pytest.mark.parametrize("answer", [(8 * 10**8 + 0.5, 8 * 10**4), (8e8 + 1j, 8e4), ("8e8", "8e4"), (10**400, 8e4)])
def test_jacobian_bytes_refuses_non_whole_and_odd_numbers(answer):
    assert ch03.check_jacobian_bytes(answer).status == "wrong"


# -- exercise 4: swish -----------------------------------------------------------------------
def _central_difference(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


@pytest.mark.parametrize("case", ch03.swish_cases(), ids=lambda case: case.description)
def test_swish_expected_values_are_central_differences_of_swish(case):
    """Independent oracle: central differences of f(z) = z sigma(z) itself (moderate z, where they are exact enough)."""
    z = np.clip(case["z"], -30, 30)
    np.testing.assert_allclose(solutions.swish_prime(z), _central_difference(ch03.swish, z), rtol=1e-6, atol=1e-8)


def test_swish_derivative_agrees_with_sympy():
    import sympy as sp
    t = sp.Symbol("t", real=True)
    derivative = sp.lambdify(t, sp.diff(t / (1 + sp.exp(-t)), t), "numpy")
    z = np.linspace(-8, 8, 33)
    np.testing.assert_allclose(solutions.swish_prime(z), derivative(z), rtol=1e-12, atol=1e-14)


def _exp_quotient(z, sign):
    """swish' = e^(sz) (1 + e^(sz) + ...) over (1 + e^(sz))^2, right on paper; NaN once e^(sz) overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(sign * z)
        return (e * (1 + e + z) if sign > 0 else 1 + e + z * e) / (1 + e) ** 2


@pytest.mark.parametrize("sign", [1, -1])
def test_swish_forms_that_overflow_on_either_side_are_rejected(sign):
    feedback = ch03.check_swish_prime(lambda z: _exp_quotient(z, sign))
    assert feedback.status == "wrong", feedback
    assert "NaN or infinity" in feedback.message, feedback.message
    if sign < 0:                      # the random arrays never reach z < -709: the far case names itself
        assert feedback.message.startswith("for z = [-800. -710.  710.  800.], f'(z) contains NaN"), feedback.message
    z = np.array([-3.0, -0.5, 0.0, 2.0])                  # where it does not overflow, the form is right
    np.testing.assert_allclose(_exp_quotient(z, sign), solutions.swish_prime(z), rtol=1e-12)


def test_swish_prime_accepts_solution():
    assert ch03.check_swish_prime(solutions.swish_prime).correct


@pytest.mark.parametrize("function, words", [
    (lambda z: sigmoid(z), "only the first term"),
    (lambda z: z * sigmoid(z) * (1 - sigmoid(z)), "only the second term"),
    (lambda z: sigmoid(z) * (1 - sigmoid(z)), "derivative of the sigmoid alone"),
    (lambda z: z * sigmoid(z), "swish itself"),
    (lambda z: sigmoid(z) + z * sigmoid(z), "not sigma(z)"),
    (lambda z: sigmoid(z) + z * (1 - sigmoid(z)), "a factor sigma(z) is missing"),
    (lambda z: 2 * solutions.swish_prime(z), "2 times"),
    (lambda z: solutions.swish_prime(z).ravel(), "shape"),
    (lambda z: solutions.swish_prime(ch03.SWISH_EXAMPLE), "for z of shape (6,)"),   # memorised
])
def test_swish_prime_rejects_typical_mistakes(function, words):
    feedback = ch03.check_swish_prime(function)
    assert feedback.status == "wrong"
    assert words in feedback.message, feedback.message
