"""Activations: values, hand-written derivatives against sympy, stability, dtypes, look-up."""
import warnings

import numpy as np
import pytest
import sympy as sp

from nn_helpers import activations

Z = np.linspace(-8, 8, 161)


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu"])
def test_hand_derivative_equals_sympy_derivative(name):
    """sympy differentiates the textbook formula; it must match f' away from ReLU's kink."""
    t = sp.Symbol("t", real=True)
    formula = {"identity": t, "sigmoid": 1 / (1 + sp.exp(-t)), "tanh": sp.tanh(t),
               "relu": sp.Piecewise((0, t <= 0), (t, True))}[name]
    f, f_prime = activations.get(name)
    z = Z[Z != 0]
    expected_f = sp.lambdify(t, formula, "numpy")(z)
    expected_fp = sp.lambdify(t, sp.diff(formula, t), "numpy")(z)
    np.testing.assert_allclose(f(z), np.broadcast_to(expected_f, z.shape), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(f_prime(z), np.broadcast_to(expected_fp, z.shape), rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu"])
def test_derivative_read_off_the_activation_is_the_derivative(name):
    """The training fast path computes f'(z) from a = f(z): sigma' = a (1 - a), tanh' = 1 - a^2,
    relu' = [a > 0], identity' = 1. sympy proves each identity on nn_helpers.symbolic's own f,
    and the package's code for it must equal sympy's derivative at every z."""
    from nn_helpers import network, symbolic

    t = sp.Symbol("t", real=True)
    f, f_prime = symbolic.activation(name)
    a = f(t)
    in_terms_of_a = {"identity": sp.Integer(1), "sigmoid": a * (1 - a), "tanh": 1 - a ** 2,
                     "relu": sp.Heaviside(a, 0)}[name]
    if name != "relu":                      # Max(0, t) has no derivative at 0; checked numerically below
        assert symbolic.check_equal(f_prime(t), in_terms_of_a)
    z = Z[Z != 0]
    expected = sp.lambdify(t, sp.diff(f(t), t), "numpy")(z)
    A = activations.get(name)[0](z.reshape(1, -1)).copy()
    delta = np.ones_like(A)
    network._FAST[name][1](delta, A)        # delta <- delta * f'(Z), given A = f(Z)
    np.testing.assert_allclose(delta[0], np.broadcast_to(expected, z.shape), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(activations.get(name)[1](z), np.broadcast_to(expected, z.shape),
                               rtol=1e-10, atol=1e-15)


def test_relu_derivative_convention_at_zero():
    assert activations.relu_prime(np.array([0.0]))[0] == 0.0
    assert activations.relu_prime(np.array([1e-300]))[0] == 1.0


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = activations.sigmoid(np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0]))
        prime = activations.sigmoid_prime(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(out[[0, 2, 4]], [0.0, 0.5, 1.0])
    assert 0 <= out[1] < 1e-300
    np.testing.assert_array_equal(prime, [0.0, 0.0])


def test_sigmoid_matches_naive_formula_where_naive_is_safe():
    np.testing.assert_allclose(activations.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-14)


@pytest.mark.parametrize("name", activations.NAMES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_shapes_and_dtypes_are_kept(name, dtype):
    f, f_prime = activations.get(name)
    z = np.linspace(-3, 3, 12, dtype=dtype).reshape(3, 4)
    for out in (f(z), f_prime(z)):
        assert out.shape == (3, 4)
        assert out.dtype == dtype


def test_inputs_are_not_modified():
    z = np.linspace(-3, 3, 7)
    before = z.copy()
    for name in activations.NAMES:
        for fn in activations.get(name):
            fn(z)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("bad", ["softmax", "Sigmoid", None, 3])
def test_unknown_name_lists_the_valid_ones(bad):
    with pytest.raises(ValueError, match="expected one of 'identity', 'sigmoid', 'tanh', 'relu'"):
        activations.get(bad)
