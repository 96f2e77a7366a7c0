"""Tests that kill mutants which survived the sampled mutation run over nn_helpers.activations,
losses and gradcheck (see README, "Mutation testing"). Expected values are hand values or
formulas written out here with math/NumPy, not the module's code."""
import math

import numpy as np
import pytest

from nn_helpers import activations, gradcheck, losses


def _softmax_by_hand(Z):
    out = np.empty_like(Z, dtype=float)
    for j in range(Z.shape[1]):
        e = [math.exp(v) for v in Z[:, j]]
        out[:, j] = [v / sum(e) for v in e]
    return out


@pytest.mark.parametrize("Z", [np.array([[1.0, 2.0], [3.0, -4.0]]), np.array([[0.5, 1.0, -2.0], [2.0, 0.0, 1.0]]),
                               np.array([[1, 2], [3, 4]])])
def test_softmax_and_logsumexp_work_column_by_column_on_square_wide_and_integer_matrices(Z):
    np.testing.assert_allclose(activations.softmax(Z), _softmax_by_hand(Z), rtol=1e-12)
    expected = [math.log(sum(math.exp(v) for v in Z[:, j])) for j in range(Z.shape[1])]
    np.testing.assert_allclose(np.ravel(activations.logsumexp(Z)), expected, rtol=1e-12)


def test_a_one_hot_vector_is_asked_to_be_reshaped_not_called_labels():
    with pytest.raises(ValueError) as info:
        losses.cross_entropy(np.full((3, 1), 1 / 3), [0, 1, 0])
    assert "reshape(-1, 1)" in str(info.value) and "class labels" not in str(info.value)


def test_class_labels_are_recognised_and_three_of_them_are_shown():
    with pytest.raises(ValueError, match=r"such as \[2, 0, 1\]\), but cross-entropy with 3 outputs"):
        losses.cross_entropy(np.full((3, 4), 1 / 3), [2, 0, 1, 2])


def test_one_hot_matrices_are_not_mistaken_for_labels():
    Y = np.array([[1, 0], [0, 1]])
    assert losses.cross_entropy(np.array([[0.5, 0.25], [0.5, 0.75]]), Y) == pytest.approx(
        -(math.log(0.5) + math.log(0.75)) / 2, rel=1e-12)


def test_the_first_bad_column_is_named_with_its_own_sum():
    with pytest.raises(ValueError, match="column 0 sums to 0.5"):
        losses.cross_entropy(np.full((2, 3), 0.5), [[0.5, 1.0, 0.2], [0.0, 0.0, 0.0]])


def test_a_target_with_the_wrong_rows_is_explained_in_outputs():
    with pytest.raises(ValueError, match=r"Y has 3 rows \(outputs\) but 2 are expected"):
        losses.mse(np.zeros((2, 3)), np.zeros((3, 3)))


def test_relative_error_of_two_empty_gradients_is_zero():
    assert gradcheck.relative_error(np.zeros(0), np.zeros(0)) == 0.0


def test_numerical_gradient_refuses_a_copy_it_cannot_nudge():
    p = np.arange(12.0).reshape(3, 4)[:, :2]          # rows 32 bytes apart, entries 8: no flat view
    with pytest.raises(ValueError, match="contiguous array it can nudge in place"):
        gradcheck.numerical_gradient(lambda: float((p ** 2).sum()), p)


def test_relative_error_of_small_gradients_is_relative_to_their_own_size():
    """|1e-3 - 2e-3| / (1e-3 + 2e-3) = 1/3, whatever the units."""
    assert gradcheck.relative_error([1e-3], [2e-3]) == pytest.approx(1 / 3, rel=1e-12)


@pytest.mark.parametrize("name, f, f_prime", [
    ("identity", lambda z: z, lambda z: 1),
    ("relu", lambda z: __import__("sympy").Max(0, z), lambda z: __import__("sympy").Heaviside(z)),
    ("sigmoid", lambda z: 1 / (1 + __import__("sympy").exp(-z)),
     lambda z: __import__("sympy").exp(-z) / (1 + __import__("sympy").exp(-z)) ** 2),
    ("tanh", lambda z: __import__("sympy").tanh(z), lambda z: 1 - __import__("sympy").tanh(z) ** 2),
])
def test_symbolic_activations_and_their_derivatives_at_a_point(name, f, f_prime):
    import sympy as sp
    from nn_helpers import symbolic
    g, g_prime = symbolic.activation(name)
    for value in (sp.Rational(3, 2), sp.Rational(-1, 2)):
        assert sp.simplify(g(value) - f(value)) == 0
        assert sp.simplify(g_prime(value) - f_prime(value)) == 0


def test_symbolic_undefined_activation_has_the_derivative_f_prime():
    import sympy as sp
    from nn_helpers import symbolic
    f, f_prime = symbolic.activation()
    z = sp.Symbol("z")
    assert sp.simplify(f_prime(z) - sp.diff(f(z), z)) == 0
