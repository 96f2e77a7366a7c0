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


def test_noise_floor_by_its_formula_with_the_default_eps():
    """1e8 * u * |L| / eps with u = 2**-52 (float64) and eps = 1e-5."""
    assert gradcheck.noise_floor(0.25) == pytest.approx(1e8 * 2.0**-52 * 0.25 / 1e-5, rel=1e-12)
    assert gradcheck.noise_floor(-0.25, eps=1e-3) == pytest.approx(1e8 * 2.0**-52 * 0.25 / 1e-3, rel=1e-12)


def _small_network():
    from nn_helpers import Network
    return Network([2, 2, 1], activation="sigmoid", seed=0)


X_CHECK = np.array([[0.5, -1.0, 0.3], [1.0, 0.2, -0.7]])
Y_CHECK = np.array([[1.0, 0.0, 1.0]])


def test_check_network_differentiates_with_the_eps_it_is_given():
    """Central differences err by about eps**2 times the third derivative: eps = 0.1 must show it."""
    coarse = gradcheck.check_network(_small_network(), X_CHECK, Y_CHECK, eps=0.1)
    fine = gradcheck.check_network(_small_network(), X_CHECK, Y_CHECK)
    assert coarse.max_error > 1e-5 > 1e-8 > fine.max_error


def test_check_network_sets_the_noise_floor_by_the_eps_it_is_given():
    """Inputs of 1e-5 make dW1 about 1e-7: under the floor 1e8 u |L| / eps for eps = 1e-5 (about 6e-4),
    above it for eps = 0.1 (about 6e-8)."""
    X = X_CHECK * 1e-5
    assert gradcheck.check_network(_small_network(), X, Y_CHECK).below_floor == {"dW1"}
    assert gradcheck.check_network(_small_network(), X, Y_CHECK, eps=0.1).below_floor == set()


def test_a_loss_function_that_returns_a_ragged_list_or_nothing_gets_the_sentence():
    p = np.array([1.0, 2.0])
    tail = (". Make f end with the loss itself, e.g. return float(np.mean((A - Y) ** 2)), not the array of "
            "errors or nothing.")
    with pytest.raises(ValueError) as info:
        gradcheck.numerical_gradient(lambda: [[1.0, 2.0], [3.0]], p)
    assert str(info.value) == "f must return the loss as a single real number, but returned list" + tail
    with pytest.raises(ValueError) as info:
        gradcheck.numerical_gradient(lambda: None, p)
    assert str(info.value) == "f must return the loss as a single real number, but returned NoneType" + tail
    with pytest.raises(ValueError) as info:
        gradcheck.numerical_gradient(lambda: np.zeros(3), p)
    assert str(info.value) == ("f must return the loss as a single real number, but returned ndarray of shape (3,)"
                               + tail)


def test_a_read_only_or_transposed_p_and_an_infinite_eps_are_refused_in_full():
    read_only = np.array([1.0, 2.0])
    read_only.flags.writeable = False
    with pytest.raises(ValueError) as info:
        gradcheck.numerical_gradient(lambda: 0.0, read_only)
    assert str(info.value) == "p is read-only; numerical_gradient must nudge it in place. Pass a writeable copy."
    with pytest.raises(ValueError) as info:
        gradcheck.numerical_gradient(lambda: 0.0, np.zeros((4, 3)).T)       # no single stride walks it
    assert str(info.value) == "numerical_gradient needs p to be a contiguous array it can nudge in place."
    with pytest.raises(ValueError, match=r"eps must be a small positive number such as 1e-5, but got inf\."):
        gradcheck.numerical_gradient(lambda: 0.0, np.array([1.0]), np.inf)


@pytest.mark.parametrize("analytic, numerical, message", [
    ("abc", [1.0], "the analytic gradient must be an array of real numbers, but got str."),
    ([1.0], "abc", "the numerical gradient must be an array of real numbers, but got str."),
    ([1.0, 2.0], [[1.0, 2.0]], "cannot compare gradients of shapes (2,) and (1, 2); a gradient must have the "
                               "shape of its parameter."),
])
def test_relative_error_refuses_what_is_not_a_pair_of_gradients_in_full(analytic, numerical, message):
    with pytest.raises(ValueError) as info:
        gradcheck.relative_error(analytic, numerical)
    assert str(info.value) == message
