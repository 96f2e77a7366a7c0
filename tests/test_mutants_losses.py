"""Tests that kill mutants which survived the mutation run over nn_helpers.losses (see README,
"Mutation testing"). Expected values are hand values or plain math.log, not the module's code."""
import math

import numpy as np
import pytest

from nn_helpers import losses


def test_binary_cross_entropy_of_soft_targets_is_the_hand_value():
    """Y = 0.3, A = 0.6: L = -(0.3 log 0.6 + 0.7 log 0.4)."""
    expected = -(0.3 * math.log(0.6) + 0.7 * math.log(0.4))
    assert losses.binary_cross_entropy([[0.6]], [[0.3]]) == pytest.approx(expected, rel=1e-12)


def test_binary_cross_entropy_ignores_the_log_of_zero_where_its_weight_is_zero():
    """A = 0 with Y = 0, and A = 1 with Y = 1: the loss is exactly 0, not NaN (0 * log 0)."""
    assert losses.binary_cross_entropy([[0.0, 1.0]], [[0, 1]]) == 0.0
    assert losses.cross_entropy([[1.0], [0.0]], [[1], [0]]) == 0.0


def test_cross_entropy_prime_is_zero_where_the_target_is_zero_even_if_the_output_is_zero():
    grad = losses.cross_entropy_prime([[1.0, 0.5], [0.0, 0.5]], [[1, 0], [0, 1]])
    np.testing.assert_array_equal(grad, [[-0.5, 0.0], [0.0, -1.0]])      # -(1/m) Y / A, m = 2


def test_derivatives_at_the_edges_are_infinite_without_a_warning():
    """pytest turns RuntimeWarning into errors here, so a division warning fails the test."""
    assert losses.cross_entropy_prime([[0.0], [1.0]], [[1], [0]])[0, 0] == -np.inf
    assert losses.binary_cross_entropy_prime([[0.0]], [[1]])[0, 0] == -np.inf
    assert np.isnan(losses.binary_cross_entropy_prime([[0.0]], [[0]])[0, 0])      # 0 / 0, quietly


def test_integer_outputs_are_read_as_probabilities_in_floating_point():
    grad = losses.cross_entropy_prime(np.array([[1], [0]]), [[1], [0]])
    assert grad.dtype.kind == "f"
    np.testing.assert_array_equal(grad, [[-1.0], [0.0]])


def test_float32_outputs_give_float32_derivatives():
    A = np.array([[0.25, 0.5]], dtype=np.float32)
    assert losses.binary_cross_entropy_prime(A, [[0, 1]]).dtype == np.float32
    assert losses.cross_entropy_prime(np.array([[0.25], [0.75]], dtype=np.float32), [[0], [1]]).dtype == np.float32


@pytest.mark.parametrize("function", [losses.cross_entropy, losses.cross_entropy_prime,
                                      losses.binary_cross_entropy, losses.binary_cross_entropy_prime])
def test_outputs_above_one_are_refused(function):
    with pytest.raises(ValueError, match="probabilities between 0 and 1"):
        function([[1.5], [0.0]], [[1], [0]])


@pytest.mark.parametrize("function", [losses.cross_entropy, losses.cross_entropy_prime,
                                      losses.binary_cross_entropy, losses.binary_cross_entropy_prime])
def test_one_dimensional_outputs_are_refused_with_the_expected_shape(function):
    with pytest.raises(ValueError, match=r"2-D with shape \(outputs, samples\)"):
        function([0.5, 0.5], [[1], [0]])


@pytest.mark.parametrize("function", [losses.cross_entropy, losses.cross_entropy_prime,
                                      losses.binary_cross_entropy, losses.binary_cross_entropy_prime])
def test_targets_with_other_sample_counts_are_refused_by_name(function):
    with pytest.raises(ValueError, match="columns"):
        function([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[1, 0], [0, 1]])


@pytest.mark.parametrize("function", [losses.cross_entropy, losses.cross_entropy_prime])
def test_categorical_targets_must_sum_to_one(function):
    with pytest.raises(ValueError, match="sum to 1"):
        function([[0.5], [0.5]], [[0.5], [0.0]])


@pytest.mark.parametrize("kind", ["Binary", "multiclass", None])
def test_an_unknown_kind_of_targets_is_refused_by_name(kind):
    with pytest.raises(ValueError, match="kind must be 'categorical'.*or 'binary'"):
        losses.check_targets([[1.0], [0.0]], 2, kind)


def test_binary_targets_need_not_sum_to_one_per_sample():
    """Two independent yes/no outputs, both yes: -(log 0.5 + log 0.5) / 1 sample."""
    assert losses.binary_cross_entropy([[0.5], [0.5]], [[1], [1]]) == pytest.approx(2 * math.log(2), rel=1e-12)
