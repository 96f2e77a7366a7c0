"""Tests that kill mutants which survived the mutation run over nn_helpers.gradcheck and
nn_helpers.activations (see README, "Mutation testing"). Expected values come from the
module docstring's table and from central differences."""
import numpy as np
import pytest

from nn_helpers import activations, gradcheck


@pytest.mark.parametrize("error, word", [
    (0.0, "correct"), (9.99e-8, "correct"), (1e-7, "probably correct, look twice"),
    (9.99e-5, "probably correct, look twice"), (1e-4, "suspicious"), (1e-2, "wrong"), (1e300, "wrong"),
])
def test_verdict_follows_the_documented_table_with_strict_upper_limits(error, word):
    """The docstring: 'below 1e-7 correct, 1e-7 to 1e-4 probably right, 1e-4 to 1e-2 suspicious, above wrong'."""
    assert gradcheck.verdict(error) == word


@pytest.mark.parametrize("error", [np.inf, np.nan])
def test_verdict_of_a_non_finite_error_is_never_a_pass(error):
    assert gradcheck.verdict(error) not in ("correct", "probably correct, look twice", "suspicious")


@pytest.mark.parametrize("shape", [(3,), (3, 1)])
def test_softmax_jacobian_of_a_column_or_a_vector_matches_central_differences(shape):
    z = np.array([0.3, -1.2, 0.8])
    a = activations.softmax(z.reshape(3, 1)).reshape(shape)
    numerical = np.empty((3, 3))
    for j in range(3):
        step = np.zeros(3)
        step[j] = 1e-6
        up = activations.softmax((z + step).reshape(3, 1)).ravel()
        down = activations.softmax((z - step).reshape(3, 1)).ravel()
        numerical[:, j] = (up - down) / 2e-6
    J = activations.softmax_jacobian(a)
    assert J.shape == (3, 3) and J.dtype == np.float64
    np.testing.assert_allclose(J, numerical, atol=1e-9)


def test_softmax_jacobian_of_integer_one_hot_is_zero_in_floating_point():
    J = activations.softmax_jacobian(np.array([[1], [0]]))
    assert J.dtype == np.float64
    np.testing.assert_array_equal(J, np.zeros((2, 2)))


def test_relu_prime_of_integers_is_float64():
    slope = activations.relu_prime(np.array([-2, 0, 3]))
    assert slope.dtype == np.float64
    np.testing.assert_array_equal(slope, [0.0, 0.0, 1.0])


def test_gradient_check_report_starts_with_its_title_line():
    from nn_helpers import Network
    net = Network([2, 2, 1], seed=0)
    X, Y = np.array([[0.5, -1.0], [1.0, 0.2]]), np.array([[1.0, 0.0]])
    lines = repr(gradcheck.check_network(net, X, Y)).split("\n")
    assert lines[0] == "Gradient check (central differences):"
    assert lines[-1].startswith("Verdict: ") and len(lines) >= 6


def test_symbolic_check_shows_its_verdict_as_latex_text():
    import sympy as sp
    from nn_helpers import symbolic
    x = sp.Symbol("x")
    check = symbolic.check_equal(2 * x, x + x)
    assert r"\text{" + check.verdict + "}" in check._repr_latex_()


def test_symbolic_check_shows_the_simplified_difference():
    import sympy as sp
    from nn_helpers import symbolic
    x = sp.Symbol("x")
    latex = symbolic.check_equal(x, 2 * x)._repr_latex_()
    assert sp.latex(-x) in latex and "None" not in latex


def test_gradient_check_report_in_full_marks_the_parameters_below_the_noise_floor():
    check = gradcheck.GradientCheck({"dW1": 2e-9, "db1": 3e-5}, below_floor={"dW1"})
    assert repr(check) == "\n".join([
        "Gradient check (central differences):",
        "  dW1    relative error 2.0e-09  (correct)  (below the noise floor)",
        "  db1    relative error 3.0e-05  (probably correct, look twice)",
        "Verdict: probably correct, look twice (largest error 3.0e-05, in db1).",
    ])


def test_an_empty_gradient_check_says_in_full_that_nothing_was_checked():
    assert repr(gradcheck.GradientCheck({})).split("\n") == [
        "Gradient check (central differences):", "Verdict: nothing was checked (no gradients given)."]
