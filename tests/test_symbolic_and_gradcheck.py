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


# -- issue 11, findings 1-3: the gradient check tells the truth for any input -----------------
def _deep_sigmoid(depth=20, seed=1):
    rng = np.random.default_rng(0)
    net = Network([3] + [4] * (depth - 1) + [1], activation="sigmoid", seed=seed)
    return net, rng.standard_normal((3, 5)), rng.random((1, 5))


@pytest.mark.parametrize("position", [0, 1, 3])
def test_a_nan_error_anywhere_fails_the_check_and_is_named(position):
    names = ["dW1", "db1", "dW2", "db2"]
    errors = {name: 1e-10 for name in names}
    errors[names[position]] = float("nan")
    check = gradcheck.GradientCheck(errors)
    assert not check.passed
    assert np.isnan(check.max_error) and check.worst == names[position]
    assert f"Verdict: wrong: {names[position]} has NaN or infinity" in repr(check)


def test_a_nan_or_infinite_gradient_fails_check_network():
    class NaNBias(Network):          # the analytic gradient of the last bias is NaN
        def _gradients(self, X, Y):
            dW, db = super()._gradients(X, Y)
            db[-1] = np.full_like(db[-1], np.nan)
            return dW, db

    class InfiniteLoss(Network):     # the loss is infinite once the last bias moves up: a numerical inf
        def _loss(self, X, Y):
            return float("inf") if self.biases[-1][0, 0] > 0 else super()._loss(X, Y)

    X, Y = np.random.default_rng(0).standard_normal((3, 5)), np.ones((1, 5))
    for cls in (NaNBias, InfiniteLoss):
        check = gradcheck.check_network(cls([3, 4, 1], activation="tanh", seed=3), X, Y)
        assert not check.passed, check
        assert check.worst == "db2" and "Verdict: wrong: db2 has NaN or infinity" in repr(check)
        assert check.errors["dW1"] < 1e-7                # the other parameters are still measured


def test_relative_error_of_non_finite_gradients_is_nan_and_the_verdict_says_wrong():
    for a, n in (([1.0, np.nan], [1.0, 2.0]), ([1.0, 2.0], [np.inf, 2.0]), ([np.inf], [np.inf])):
        error = gradcheck.relative_error(a, n)
        assert np.isnan(error) and gradcheck.verdict(error).startswith("wrong")


def test_numerical_gradient_restores_p_when_f_raises_or_is_interrupted():
    for exception in (RuntimeError, KeyboardInterrupt):
        p = np.array([1.0, 2.0, 3.0])
        calls = []

        def f():
            calls.append(p.copy())
            if len(calls) == 4:      # in the middle of the second entry, while p[1] is nudged
                raise exception("stop")
            return float(np.sum(p ** 2))

        with pytest.raises(exception):
            gradcheck.numerical_gradient(f, p)
        assert calls[-1][1] != 2.0                       # it was nudged when f stopped ...
        np.testing.assert_array_equal(p, [1.0, 2.0, 3.0])  # ... and is restored


def test_numerical_gradient_of_float32_uses_the_step_p_really_took():
    p = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    grad = gradcheck.numerical_gradient(lambda: float(np.sum(p.astype(np.float64) ** 2)), p)
    np.testing.assert_allclose(grad, [2.0, 4.0, 6.0], rtol=1e-9)   # d/dp sum p^2 = 2p
    assert p.dtype == np.float32 and list(p) == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("p, f, eps, pattern", [
    (np.array([1, 2, 3]), None, 1e-5, r"p has dtype int64, which cannot hold p \+ eps.*astype\(float\)"),
    (np.array([True]), None, 1e-5, r"p has dtype bool"),
    ([1.0, 2.0], None, 1e-5, r"p must be the NumPy array that f reads.*got list"),
    (np.array([1.0]), None, 0, r"eps must be a small positive number such as 1e-5, but got 0"),
    (np.array([1.0]), None, -1e-5, r"eps must be a small positive number"),
    (np.array([1.0]), None, float("nan"), r"eps must be a small positive number"),
    (np.array([1.0]), None, "1e-5", r"eps must be a small positive number"),
    (np.array([1.0, 2.0]), lambda p: p ** 2, 1e-5, r"f must return the loss as a single real number, but returned ndarray of shape \(2,\)"),
    (np.array([1.0]), lambda p: None, 1e-5, r"f must return the loss as a single real number, but returned NoneType"),
    (np.array([1.0]), lambda p: "0.5", 1e-5, r"returned str"),
    (np.array([1.0]), lambda p: 1 + 2j, 1e-5, r"returned complex"),
    (np.array([1e12], dtype=np.float32), None, 1e-5, r"eps=1e-05 is too small to change p\[0\].*larger eps"),
])
def test_numerical_gradient_refuses_what_it_cannot_do(p, f, eps, pattern):
    before = np.array(p, copy=True)
    loss = (lambda: f(p)) if f else (lambda: float(np.sum(np.asarray(p, dtype=float) ** 2)))
    with pytest.raises(ValueError, match=pattern):
        gradcheck.numerical_gradient(loss, p, eps)
    np.testing.assert_array_equal(p, before)


def test_a_size_one_array_counts_as_a_number():
    p = np.array([2.0])
    grad = gradcheck.numerical_gradient(lambda: np.array([[3.0 * p[0] ** 2]]), p)
    np.testing.assert_allclose(grad, [12.0], rtol=1e-8)


def test_a_deep_sigmoid_network_with_vanishing_gradients_is_not_called_wrong():
    net, X, Y = _deep_sigmoid()
    dW, db = net.gradients(X, Y)
    assert np.abs(dW[0]).max() < 1e-14                  # the first layer's gradient has vanished
    check = gradcheck.check_network(net, X, Y)
    assert check.passed, check
    assert "dW1" in check.below_floor and "dW20" not in check.below_floor
    # Without the floor the same comparison calls the first layer wrong: the floor is what fixes it.
    numerical = gradcheck.numerical_gradient(lambda: net._loss(X, Y), net.weights[0])
    assert gradcheck.relative_error(dW[0], numerical) > 1e-2


def test_the_noise_floor_is_the_documented_one():
    u = np.finfo(np.float64).eps
    assert gradcheck.noise_floor(2.0, 1e-5) == pytest.approx(1e8 * u * 2.0 / 1e-5, rel=1e-12)
    assert gradcheck.noise_floor(-2.0, 1e-4) == pytest.approx(1e8 * u * 2.0 / 1e-4, rel=1e-12)
    # below the floor the error is measured against the floor, above it against the gradients
    assert gradcheck.relative_error([1e-6], [2e-6], floor=1e-3) == pytest.approx(1e-6 / 1e-3)
    assert gradcheck.relative_error([1.0], [2.0], floor=1e-3) == pytest.approx(1 / 3)


def test_the_floor_does_not_hide_a_wrong_gradient_of_a_deep_network():
    class Doubled(Network):          # a factor 2 in the last layer, where the gradient is large
        def _gradients(self, X, Y):
            dW, db = super()._gradients(X, Y)
            dW[-1] = 2 * dW[-1]
            return dW, db

    _, X, Y = _deep_sigmoid()
    check = gradcheck.check_network(Doubled([3] + [4] * 19 + [1], activation="sigmoid", seed=1), X, Y)
    assert not check.passed and check.worst == "dW20" and check.max_error > 0.3
    assert "Verdict: wrong (largest error" in repr(check) and "in dW20" in repr(check)


def test_a_correct_float32_network_passes_through_a_float64_copy_and_says_so():
    X, Y = np.random.default_rng(1).standard_normal((2, 6)), np.random.default_rng(2).random((1, 6))
    net = Network([2, 4, 1], dtype=np.float32, seed=0)
    weights = [W.copy() for W in net.weights]
    check = gradcheck.check_network(net, X, Y)
    assert check.passed, check
    assert "float32" in repr(check) and "float64 copy" in repr(check)
    assert all(W.dtype == np.float32 for W in net.weights)      # the network itself is untouched
    for W, W0 in zip(net.weights, weights):
        np.testing.assert_array_equal(W, W0)

    class Off(Network):              # 1% off in the first layer: still caught through the copy
        def _gradients(self, X, Y):
            dW, db = super()._gradients(X, Y)
            dW[0] = 1.01 * dW[0]
            return dW, db

    bad = gradcheck.check_network(Off([2, 4, 1], dtype=np.float32, seed=0), X, Y)
    assert not bad.passed and bad.worst == "dW1"


def test_an_empty_check_does_not_pass():
    check = gradcheck.GradientCheck({})
    assert not check.passed and "nothing was checked" in repr(check)


# -- finding 11: symbolic helpers ---------------------------------------------------------------
def test_matrix_names_stay_distinct_from_ten_rows_or_columns_on():
    for rows, cols in ((11, 11), (1, 11), (11, 1), (10, 12)):
        W = symbolic.matrix("w", rows, cols)
        assert len(set(W)) == rows * cols, (rows, cols)
    W = symbolic.matrix("w", 11, 11)
    assert str(W[0, 10]) == "w_{1,11}" and str(W[10, 0]) == "w_{11,1}"
    assert str(symbolic.matrix("w", 9, 9)[8, 8]) == "w_{99}"          # small matrices keep w_{ij}


def test_a_proof_on_a_network_with_eleven_units_holds():
    """dL/dW = (2/m)(A - Y) X^T for a linear 11-11 layer: the collision made this 'NOT proved'."""
    X, Y = symbolic.matrix("x", 11, 1), symbolic.matrix("y", 11, 1)
    W = symbolic.matrix("w", 11, 11)
    L = symbolic.mse(W * X, Y)
    assert symbolic.check_equal(symbolic.gradient(L, W), 2 * (W * X - Y) * X.T)


def test_symbolic_mse_checks_shapes():
    A, Y = symbolic.matrix("a", 2, 3), symbolic.matrix("y", 3, 2)
    with pytest.raises(ValueError, match=r"A has shape \(2, 3\) but Y has shape \(3, 2\).*Y\.T"):
        symbolic.mse(A, Y)
    with pytest.raises(ValueError, match=r"A has shape \(2, 3\) but Y has shape \(2, 2\)") as info:
        symbolic.mse(A, symbolic.matrix("y", 2, 2))
    assert "Y.T" not in str(info.value)                 # the transpose hint only where it fits
    with pytest.raises(ValueError, match=r"mse needs two sympy matrices"):
        symbolic.mse(sp.Symbol("a"), sp.Symbol("y"))
    a, y = sp.symbols("a y", real=True)
    assert symbolic.mse(sp.Matrix([[a, 1]]), sp.Matrix([[y, 0]])) == ((a - y) ** 2 + 1) / 2


def test_check_equal_converts_numbers_and_arrays_and_refuses_strings():
    x = sp.Symbol("x", real=True)
    assert symbolic.check_equal(0.5, 0.5)                               # was "NOT proved"
    assert symbolic.check_equal(np.float64(2.0), 2)
    assert not symbolic.check_equal(0.5, 0.25)
    assert symbolic.check_equal(np.array([[1.0, 2.0]]), sp.Matrix([[1, 2]]))
    assert symbolic.check_equal(np.array([1.0, 2.0]), np.array([1, 2]))  # 1-D: a column
    assert not symbolic.check_equal(np.array([[1.0]]), sp.Matrix([[x]]))
    assert symbolic.check_equal(np.array([[x, 2 * x]], dtype=object), sp.Matrix([[x, x + x]]))
    for bad, pattern in (("x+1", r"string 'x\+1'.*sympy expressions"), (1 + 2j, r"is a complex"),
                         (None, r"is a NoneType"), (np.zeros((1, 1, 1)), r"NumPy array of shape \(1, 1, 1\)")):
        with pytest.raises(ValueError, match=pattern):
            symbolic.check_equal(bad, x)
    with pytest.raises(ValueError, match=r"matrix with a single expression"):
        symbolic.check_equal(sp.Matrix([[x]]), x)


def test_a_wrong_formula_is_refuted_by_a_counterexample_with_undefined_functions():
    """f(x^2)' = 2x f'(x^2), not f'(x): a polynomial f and a rational x give a non-zero difference."""
    x = sp.Symbol("x", real=True)
    f = sp.Function("f")
    wrong = symbolic.check_equal(sp.diff(f(x ** 2), x), sp.diff(f(x), x))
    assert not wrong and wrong.counterexample and "differ" in repr(wrong)
    right = symbolic.check_equal(sp.diff(f(x ** 2), x), 2 * x * sp.Subs(sp.Derivative(f(x), x), x, x ** 2))
    assert right and not right.counterexample


def test_the_same_derivative_under_different_bound_names_is_no_counterexample():
    """Subs(f'(t), t, x) and d/dx f(x) are one value: both must meet the same polynomial f."""
    x, t = sp.symbols("x t", real=True)
    f = sp.Function("f")
    check = symbolic.check_equal(sp.Subs(sp.Derivative(f(t), t), t, x) * f(2 * x), sp.diff(f(x), x) * f(2 * x))
    assert check and not check.counterexample


def test_the_sample_point_respects_the_symbols_assumptions():
    """|a| + a is 0 for negative a and sin(pi n) is 0 for integer n: a sample that ignored the
    assumptions would call these non-zero and refute true identities."""
    a, n = sp.Symbol("a", negative=True), sp.Symbol("n", integer=True)
    assert not symbolic._nonzero_at_a_sample_point(sp.Abs(a, evaluate=False) + a)
    assert not symbolic._nonzero_at_a_sample_point(sp.sin(sp.pi * n, evaluate=False))
    assert symbolic._nonzero_at_a_sample_point(a + 1 / a)                          # a point that is negative
    assert symbolic._nonzero_at_a_sample_point(n ** 2 + 1)                         # and one that is whole
    b, y = sp.Symbol("b"), sp.Symbol("y")
    assert symbolic._nonzero_at_a_sample_point(sp.Abs(b, evaluate=False) + b)      # b = 1 refutes it
    assert symbolic._nonzero_at_a_sample_point(sp.sin(sp.pi * y, evaluate=False))  # y = 1/2 refutes it


def test_an_identity_true_only_for_some_values_is_not_proved_and_not_refuted_by_a_lucky_point():
    """sqrt(r^2) = r fails for negative real r; the sampler's positive r cannot refute it, so
    simplify decides: NOT proved, without a claimed counterexample."""
    r = sp.Symbol("r", real=True)
    check = symbolic.check_equal(sp.sqrt(r ** 2), r)
    assert not check and not check.counterexample and "does not simplify" in repr(check)


def test_a_long_refuted_difference_is_not_simplified_for_display():
    x = sp.symbols("x0:30", real=True)
    f = sp.Function("f")
    lhs = sum(sp.diff(f(v ** 2), v) for v in x)
    check = symbolic.check_equal(lhs, sum(sp.diff(f(v), v) for v in x))
    assert check.counterexample and r"\neq 0" in check._repr_latex_()
