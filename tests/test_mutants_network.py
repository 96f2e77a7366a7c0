"""Tests that kill mutants which survived the mutation run over nn_helpers.network
(see README, "Mutation testing")."""
import numpy as np
import pytest

from nn_helpers import Network


def test_repr_names_the_loss_only_when_it_is_not_the_default():
    assert repr(Network([2, 3, 1], seed=0)) == ("Network([2, 3, 1], activation='sigmoid', "
                                               "output_activation='sigmoid', dtype=float64)")
    net = Network([2, 3, 2], output_activation="softmax", loss="cross_entropy", seed=0)
    assert repr(net).endswith(", dtype=float64, loss='cross_entropy')")


def test_a_diverging_run_suggests_a_learning_rate_ten_times_smaller():
    from nn_helpers import TrainingDiverged, data
    X, Y = data.xor()
    net = Network([2, 3, 1], activation="relu", output_activation="identity", seed=0)
    with pytest.raises(TrainingDiverged, match=r"e\.g\. lr=100\.") as info:
        net.train(X, Y, lr=1000.0, epochs=200)
    assert "lr=1000 every step overshoots" in str(info.value)
    assert np.isfinite(net.loss(X, Y))


def test_bad_learning_rates_and_batch_sizes_name_the_usual_values():
    from nn_helpers import data
    X, Y = data.xor(m=8, seed=0)
    net = Network([2, 3, 1], seed=0)
    with pytest.raises(ValueError) as info:
        net.train(X, Y, lr=0.0, epochs=1)
    assert str(info.value).endswith(" Typical learning rates in this book lie between 0.01 and 1.")
    with pytest.raises(ValueError) as info:
        net.train(X, Y, lr=0.1, epochs=1, batch_size=0)
    assert str(info.value).endswith(" Use None for full-batch gradient descent.")


def test_the_divergence_message_names_the_epoch_whose_weights_are_kept():
    import re

    from nn_helpers import TrainingDiverged, data
    split = data.running_example()
    net = Network([3, 1], activation="identity", seed=0)
    with pytest.raises(TrainingDiverged) as info:
        net.train(split.X_train, split.Y_train, lr=5, epochs=1000)
    epoch = int(re.search(r"diverged in epoch (\d+)", str(info.value)).group(1))
    assert f"keeps its weights from epoch {epoch - 1}." in str(info.value)
    assert len(info.value.history.loss) == epoch       # epochs 0 .. epoch - 1, as the message says


def test_a_diverging_run_raises_its_own_error_not_numpys_overflow_warnings():
    """The steps that overflow on the way to the blow-up must not print RuntimeWarnings."""
    import warnings

    from nn_helpers import TrainingDiverged, data
    split = data.running_example()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for activation in ("identity", "sigmoid", "relu"):
            for batch_size in (None, 2):
                net = Network([3, 4, 1], activation=activation, output_activation="identity", seed=0)
                with pytest.raises(TrainingDiverged):
                    net.train(split.X_train, split.Y_train, lr=1e10, epochs=100, batch_size=batch_size)



@pytest.mark.parametrize("lr, shown", [("0.1", "'0.1'"), (10**400, "a huge integer"), (True, "True")])
def test_a_learning_rate_that_is_not_a_real_number_is_refused_as_given(lr, shown):
    net = Network([2, 1], seed=0)
    with pytest.raises(ValueError) as info:
        net.train(np.zeros((2, 3)), np.zeros((1, 3)), lr=lr, epochs=1)
    assert str(info.value).startswith(f"lr must be a positive number, but got {shown}.")


def test_a_numpy_float32_learning_rate_trains_as_the_same_float():
    X, Y = np.array([[0.5, -1.0, 0.3], [1.0, 0.2, -0.7]]), np.array([[1.0, 0.0, 1.0]])
    a, b = Network([2, 1], seed=0), Network([2, 1], seed=0)
    assert a.train(X, Y, lr=np.float32(0.25), epochs=3).loss == b.train(X, Y, lr=0.25, epochs=3).loss


def _went_wrong(loss, largest, start_size):
    """Network._went_wrong for a history of these losses, with the largest parameter now ``largest``."""
    from types import SimpleNamespace
    net = Network([1, 1], seed=0)
    net.weights[0][0, 0], net.biases[0][0, 0] = largest, 0.0
    return net._went_wrong(SimpleNamespace(loss=loss), 0.5, start_size)


def test_training_went_wrong_only_beyond_the_documented_factors():
    """More than LOSS_RISE = 1.5 times the first loss, more than PARAMETER_GROWTH = 1000 times
    max(1, the largest parameter at the start): exactly at the factor is not yet a warning."""
    assert _went_wrong([1.0, 1.5], 1.0, 1.0) is None
    assert "the loss rose from 1 to 1.5" in _went_wrong([1.0, 1.5000001], 1.0, 1.0)
    assert _went_wrong([1.0, 1.0], 1000.0, 0.5) is None
    assert "grew from 0.5 to 1e+03" in _went_wrong([1.0, 1.0], 1000.001, 0.5)
    assert _went_wrong([1.0, 1.0], 2900.0, 3.0) is None                  # 1000 * 3 = 3000
    assert "grew from 3 to 3.1e+03" in _went_wrong([1.0, 1.0], 3100.0, 3.0)
    assert "grew from 1.5 to 1.6e+03" in _went_wrong([1.0, 1.0], 1600.0, 1.5)   # 1000 * 1.5 = 1500


def test_outputs_that_overflow_before_training_are_explained_without_a_numpy_warning():
    """W x with x = 1e308 overflows to inf and softmax then meets inf - inf; pytest turns NumPy's
    RuntimeWarning into an error here, so the explanation must come without one."""
    net = Network([2, 3], output_activation="softmax", loss="cross_entropy", seed=0)
    net.weights[0][:] = 1.0
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="the loss is already nan before the first step.*outputs too large"):
        net.train(np.full((2, 2), 1e308), Y, lr=0.1, epochs=1)


def test_full_batch_steps_that_overflow_or_give_nan_warn_nothing_before_the_divergence_is_told():
    """Full-batch training steps from the kept forward pass (the fast path's reuse); a step whose
    products overflow (Delta through 1e300 weights) and then meet f'(z) = 0 (inf * 0) must not
    print NumPy's RuntimeWarnings: the reader is told by TrainingDiverged."""
    import warnings

    from nn_helpers import TrainingDiverged
    net = Network([1, 2, 1], activation="sigmoid", output_activation="identity", seed=0)
    net.weights[0][...] = 1e3                       # both hidden units saturated: sigmoid gives exactly 1
    net.biases[0][...] = 0.0
    net.weights[1][...] = [[1e300, -1e300]]         # they cancel: the outputs are 0, the loss finite
    net.biases[1][...] = 0.0
    X, Y = np.array([[1.0, 2.0]]), np.array([[1e10, 1e10]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(TrainingDiverged, match="diverged in epoch 1"):
            net.train(X, Y, lr=0.1, epochs=3)


@pytest.mark.parametrize("loss, output_activation", [("mse", "sigmoid"), ("cross_entropy", "softmax")])
def test_full_batch_training_passes_forward_once_per_epoch(monkeypatch, loss, output_activation):
    """The pass that gives an epoch's loss is the one the next step starts from."""
    from nn_helpers import data
    X, Y = data.xor(m=10, seed=0)
    if output_activation == "softmax":
        Y = np.vstack([Y, 1 - Y])
    net = Network([2, 3, Y.shape[0]], activation="tanh", output_activation=output_activation, loss=loss, seed=0)
    passes = []
    forward = net._fast_forward
    monkeypatch.setattr(net, "_fast_forward", lambda X, *a: passes.append(1) or forward(X, *a))
    net.train(X, Y, lr=0.5, epochs=5)
    assert len(passes) == 1 + 5
