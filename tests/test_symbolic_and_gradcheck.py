"""The sympy helpers prove true identities and refuse false ones; the numerical
gradient and relative error behave as their docstrings say."""
import numpy as np
import pytest
import sympy as sp

from nn_helpers import Network, gradcheck, neuron, symbolic


def test_matrix_symbols_are_one_based_and_shaped():
    W = symbolic.matrix("w", 2, 3)
    assert W.shape == (2, 3)
    assert str(W[0, 0]) == "w_{11}" and str(W[1, 2]) == "w_{23}"
    assert symbolic.vector("b", 4).shape == (4, 1)


def test_check_equal_proves_and_refuses():
    x, y = sp.symbols("x y", real=True)
    assert symbolic.check_equal((x + y) ** 2, x ** 2 + 2 * x * y + y ** 2)
    wrong = symbolic.check_equal((x + y) ** 2, x ** 2 + y ** 2, "wrong")
    assert not wrong
    assert "NOT proved" in repr(wrong) and "NOT proved" in wrong._repr_latex_()
    assert "proved" in symbolic.check_equal(sp.Matrix([x]), sp.Matrix([x]))._repr_latex_()


def test_check_equal_rejects_shape_mismatch():
    with pytest.raises(ValueError, match=r"\(2, 1\) matrix with a \(1, 2\) matrix"):
        symbolic.check_equal(sp.Matrix([1, 2]), sp.Matrix([[1, 2]]))


def test_neuron_gradient_formula_proved_for_a_batch():
    """grad_w L = (2/m) X (a - y) for a 3-input linear neuron and m = 4, by sympy."""
    X, y = symbolic.matrix("x", 3, 4), symbolic.matrix("y", 1, 4)
    w, b = symbolic.vector("w", 3), sp.Symbol("b", real=True)
    a = w.T * X + b * sp.ones(1, 4)
    L = symbolic.mse(a, y)
    assert symbolic.check_equal(symbolic.gradient(L, w), sp.Rational(2, 4) * X * (a - y).T)
    assert not symbolic.check_equal(symbolic.gradient(L, w), X * (a - y).T)


@pytest.mark.parametrize("sizes", [[2, 3, 1], [2, 2, 2, 1]])
def test_general_delta_formula_proved_for_any_activation(sizes):
    net = symbolic.network(sizes, m=2)
    fp = net["f_prime"]
    Ws, Zs, As, L = net["Ws"], net["Zs"], net["As"], net["L"]
    delta = (sp.Rational(2, 2) * (As[-1] - net["Y"])).multiply_elementwise(Zs[-1].applyfunc(fp))
    for l in reversed(range(len(Ws))):
        assert symbolic.check_equal(symbolic.gradient(L, Ws[l]), delta * As[l].T)
        assert symbolic.check_equal(symbolic.gradient(L, net["bs"][l]), delta * sp.ones(2, 1))
        if l:
            delta = (Ws[l].T * delta).multiply_elementwise(Zs[l - 1].applyfunc(fp))


def test_symbolic_network_agrees_with_numeric_network():
    """The sympy network with concrete sigmoid and the NumPy Network give the same loss."""
    sym = symbolic.network([2, 3, 1], m=2, f="sigmoid")
    net = Network([2, 3, 1], activation="sigmoid", seed=7)
    X = np.array([[0.5, -1.0], [2.0, 0.25]])
    Y = np.array([[1.0, 0.0]])
    values = {}
    for M, A in [(sym["X"], X), (sym["Y"], Y)] + list(zip(sym["Ws"], net.weights)) + list(zip(sym["bs"], net.biases)):
        values.update({s: float(v) for s, v in zip(M, A.ravel())})
    assert float(sym["L"].subs(values)) == pytest.approx(net.loss(X, Y), rel=1e-12)


def test_unknown_symbolic_activation():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        symbolic.activation("softmax")


def test_numerical_gradient_of_a_known_function_and_restores_input():
    p = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = p.copy()
    grad = gradcheck.numerical_gradient(lambda: float(np.sum(p ** 3)), p)
    np.testing.assert_allclose(grad, 3 * before ** 2, rtol=1e-8)
    np.testing.assert_array_equal(p, before)


def test_relative_error_and_verdicts():
    assert gradcheck.relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert gradcheck.relative_error([0.0], [0.0]) == 0.0
    assert gradcheck.relative_error([1.0], [-1.0]) == pytest.approx(1.0)
    assert gradcheck.verdict(1e-9) == "correct"
    assert gradcheck.verdict(1e-5) == "probably correct, look twice"
    assert gradcheck.verdict(1e-3) == "suspicious"
    assert gradcheck.verdict(0.5) == "wrong"
    with pytest.raises(ValueError, match="shape of its parameter"):
        gradcheck.relative_error(np.zeros((2, 1)), np.zeros((1, 2)))


def test_gradient_check_catches_a_wrong_gradient():
    net = Network([3, 4, 1], activation="tanh", seed=3)
    X, Y = np.random.default_rng(0).standard_normal((3, 5)), np.ones((1, 5))
    good = gradcheck.check_network(net, X, Y)
    assert good.passed and "Verdict: correct" in repr(good)
    original = net._gradients
    net._gradients = lambda X, Y: ([2 * g for g in original(X, Y)[0]], original(X, Y)[1])
    bad = gradcheck.check_network(net, X, Y)
    assert not bad.passed and "wrong" in repr(bad)


def test_neuron_gradients_match_finite_differences_and_check_input():
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((3, 4)), rng.standard_normal((1, 4))
    w = rng.standard_normal((3, 1))
    for act in ("identity", "sigmoid", "tanh"):
        dw, db = neuron.gradients(w, 0.2, X, y, act)
        loss = lambda: float(np.mean((neuron.forward(w, b[0], X, act)[1] - y) ** 2))
        b = np.array([0.2])
        assert gradcheck.relative_error(dw, gradcheck.numerical_gradient(loss, w)) < 1e-8
        assert gradcheck.relative_error([db], gradcheck.numerical_gradient(loss, b)) < 1e-8
    with pytest.raises(ValueError, match=r"X has 4 rows"):
        neuron.forward(w, 0.0, X.T)
    with pytest.raises(ValueError, match=r"b must be a single number"):
        neuron.forward(w, np.zeros(3), X)
    with pytest.raises(ValueError, match=r"w must be a column of shape \(n, 1\), but has shape \(1, 3\).*w.T"):
        neuron.forward(w.T, 0.0, X)
