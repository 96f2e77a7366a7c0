"""Tests that kill mutants which survived the mutation run over nn_helpers.network
(see README, "Mutation testing")."""
from nn_helpers import Network


def test_repr_names_the_loss_only_when_it_is_not_the_default():
    assert repr(Network([2, 3, 1], seed=0)) == ("Network([2, 3, 1], activation='sigmoid', "
                                               "output_activation='sigmoid', dtype=float64)")
    net = Network([2, 3, 2], output_activation="softmax", loss="cross_entropy", seed=0)
    assert repr(net).endswith(", dtype=float64, loss='cross_entropy')")


def test_a_diverging_run_suggests_a_learning_rate_ten_times_smaller():
    import numpy as np
    import pytest
    from nn_helpers import TrainingDiverged, data
    X, Y = data.xor()
    net = Network([2, 3, 1], activation="relu", output_activation="identity", seed=0)
    with pytest.raises(TrainingDiverged, match=r"e\.g\. lr=100\.") as info:
        net.train(X, Y, lr=1000.0, epochs=200)
    assert "lr=1000 every step overshoots" in str(info.value)
    assert np.isfinite(net.loss(X, Y))
