"""Network: gradients against finite differences, shapes, training, clear errors,
determinism, no mutation of inputs, dtype kept end to end."""
import re
from fractions import Fraction

import numpy as np
import pytest

from nn_helpers import Network, TrainingDiverged, TrainingWarning, activations, data, gradcheck, neuron


def random_case(rng, activation=None):
    depth = int(rng.integers(1, 5))
    sizes = [int(s) for s in rng.integers(1, 6, size=depth + 1)]
    m = int(rng.integers(1, 7))
    act = activation or str(rng.choice(activations.NAMES))
    out_act = str(rng.choice(activations.NAMES + (None,)))
    net = Network(sizes, activation=act, output_activation=None if out_act == "None" else out_act,
                  seed=int(rng.integers(1000)))
    for b in net.biases:  # non-zero biases exercise every term
        b += rng.standard_normal(b.shape)
    X = rng.standard_normal((sizes[0], m))
    Y = rng.standard_normal((sizes[-1], m))
    return net, X, Y


@pytest.mark.parametrize("activation", activations.NAMES)
def test_gradients_match_finite_differences_over_many_architectures(activation):
    rng = np.random.default_rng(sum(map(ord, activation)))
    for _ in range(25):
        net, X, Y = random_case(rng, activation)
        check = gradcheck.check_network(net, X, Y)
        # ReLU's kink can sit within eps of a pre-activation; a miss there is still far below 1e-4.
        limit = 1e-4 if "relu" in (net.activation, net.output_activation) else 1e-7
        # Every parameter, read one by one: a NaN anywhere must fail (max() would skip it).
        errors = [check.errors[f"d{kind}{l}"] for l in range(1, len(net.weights) + 1) for kind in "Wb"]
        assert all(np.isfinite(e) and e < limit for e in errors), (net, check)


def test_gradient_shapes_match_parameters():
    net = Network([4, 7, 3, 2])
    X, Y = np.ones((4, 5)), np.zeros((2, 5))
    dW, db = net.gradients(X, Y)
    assert [g.shape for g in dW] == [(7, 4), (3, 7), (2, 3)] == [W.shape for W in net.weights]
    assert [g.shape for g in db] == [(7, 1), (3, 1), (2, 1)] == [b.shape for b in net.biases]
    assert net.forward(X).shape == (2, 5)


def test_one_layer_network_equals_the_neuron_formulas():
    """neuron.gradients (notebooks 01-03) and the general delta formula agree for [n, 1]."""
    rng = np.random.default_rng(11)
    for act in activations.NAMES:
        X, y = rng.standard_normal((3, 6)), rng.standard_normal((1, 6))
        net = Network([3, 1], activation=act, seed=2)
        net.biases[0][:] = 0.3
        dW, db = net.gradients(X, y)
        dw, db_neuron = neuron.gradients(net.weights[0].T, 0.3, X, y, act)
        np.testing.assert_allclose(dW[0], dw.T, rtol=1e-12)
        assert db[0][0, 0] == pytest.approx(db_neuron, rel=1e-12)


def test_linear_neuron_learns_the_running_example():
    split = data.running_example()
    net = Network([3, 1], activation="identity", seed=0)
    history = net.train(split.X_train, split.Y_train, lr=0.05, epochs=400, batch_size=1)
    np.testing.assert_allclose(net.weights[0], [[1.0, 0.0, 0.0]], atol=1e-3)
    assert abs(net.biases[0][0, 0]) < 1e-3
    assert abs(net.forward(split.X_test)[0, 0] - split.Y_test[0, 0]) < 1e-2
    assert history.loss[-1] < 1e-6 < history.loss[0]


def test_history_records_every_epoch():
    net = Network([3, 2, 2], seed=1)
    X, Y = np.ones((3, 10)), np.zeros((2, 10))
    h = net.train(X, Y, lr=0.1, epochs=5, batch_size=3).as_arrays()
    assert h.loss.shape == (6,)
    assert h.output_weights.shape == (6, 2, 2)
    assert h.output_bias.shape == (6, 2)
    np.testing.assert_array_equal(h.gradient_evaluations, [0, 4, 8, 12, 16, 20])
    np.testing.assert_array_equal(h.output_weights[-1], net.weights[-1])
    assert h.loss[-1] == pytest.approx(net.loss(X, Y))


def test_full_batch_step_is_one_gradient_step():
    net = Network([2, 3, 1], seed=5)
    X, Y = np.array([[0.0, 1.0, 2.0], [1.0, -1.0, 0.5]]), np.array([[0.2, 0.4, 0.9]])
    dW, db = net.gradients(X, Y)
    expected = [W - 0.5 * g for W, g in zip(net.weights, dW)]
    expected_b = [b - 0.5 * g for b, g in zip(net.biases, db)]
    net.train(X, Y, lr=0.5, epochs=1)
    for got, want in zip(net.weights + net.biases, expected + expected_b):
        np.testing.assert_allclose(got, want, rtol=1e-14)


def test_same_seed_same_network_same_training():
    X, Y = data.xor(m=40, seed=1)
    a, b = Network([2, 5, 1], seed=3), Network([2, 5, 1], seed=3)
    for Wa, Wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(Wa, Wb)
    ha = a.train(X, Y, lr=0.5, epochs=10, batch_size=8)
    hb = b.train(X, Y, lr=0.5, epochs=10, batch_size=8)
    assert ha.loss == hb.loss
    for Wa, Wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(Wa, Wb)
    c = Network([2, 5, 1], seed=4)
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_inputs_are_never_modified():
    X, Y = data.xor(m=30, seed=2)
    X_before, Y_before = X.copy(), Y.copy()
    net = Network([2, 4, 1])
    net.forward(X)
    net.loss(X, Y)
    net.gradients(X, Y)
    net.train(X, Y, lr=0.3, epochs=3, batch_size=7)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)


def test_float32_stays_float32():
    X, Y = data.xor(m=20, seed=0)
    net = Network([2, 4, 1], dtype=np.float32)
    assert all(W.dtype == np.float32 for W in net.weights + net.biases)
    assert net.forward(X).dtype == np.float32
    dW, db = net.gradients(X, Y)
    assert all(g.dtype == np.float32 for g in dW + db)
    history = net.train(X, Y, lr=0.5, epochs=3, batch_size=5)
    assert all(W.dtype == np.float32 for W in net.weights + net.biases)
    assert np.asarray(history.output_weights).dtype == np.float32
    assert isinstance(net.loss(X, Y), float)


def test_divergence_stops_with_an_error_naming_the_learning_rate():
    split = data.running_example()
    net = Network([3, 1], activation="identity")
    # The same steps by hand with the plain formulas: the last epoch whose loss is finite.
    twin = Network([3, 1], activation="identity")
    weights, losses_by_hand = [], [twin.loss(split.X_train, split.Y_train)]
    with np.errstate(over="ignore", invalid="ignore"):
        while np.isfinite(losses_by_hand[-1]):
            weights.append((twin.weights[0].copy(), twin.biases[0].copy()))
            dW, db = twin.gradients(split.X_train, split.Y_train)
            twin.weights[0] = twin.weights[0] - 5 * dW[0]
            twin.biases[0] = twin.biases[0] - 5 * db[0]
            losses_by_hand.append(losses_mse(twin.forward(split.X_train), split.Y_train))
    finite_epochs = len(losses_by_hand) - 1          # epochs 0 .. finite_epochs - 1 had a finite loss
    assert 10 < finite_epochs < 1000
    with pytest.raises(TrainingDiverged, match=rf"epoch {finite_epochs}\b.*lr=5\b.*smaller learning rate") as info:
        net.train(split.X_train, split.Y_train, lr=5, epochs=1000)
    history = info.value.history
    assert len(history.loss) == finite_epochs
    np.testing.assert_allclose(history.loss, losses_by_hand[:finite_epochs], rtol=1e-9)
    W_last, b_last = weights[finite_epochs - 1]      # the network keeps the last finite epoch's weights
    np.testing.assert_allclose(net.weights[0], W_last, rtol=1e-9)
    np.testing.assert_allclose(net.biases[0], b_last, rtol=1e-9)


def losses_mse(A, Y):
    """The mean squared error by its definition, independent of nn_helpers.losses."""
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sum((np.asarray(A) - Y) ** 2) / Y.shape[1])


# -- bad input: a clear ValueError saying what was expected, what was given, the fix --------
NET = Network([3, 2, 1])
GOOD_X, GOOD_Y = np.zeros((3, 4)), np.zeros((1, 4))


@pytest.mark.parametrize("call, pattern", [
    (lambda: NET.forward(np.zeros((4, 3))), r"X has 4 rows \(features\) but 3 are expected.*did you pass X\.T\?"),
    (lambda: NET.forward(np.zeros(3)), r"X must be 2-D.*1 dimension.*reshape"),
    (lambda: NET.forward(np.zeros((3, 4, 1))), r"X must be 2-D.*3 dimension"),
    (lambda: NET.forward([["a", "b"]]), r"X must be a 2-D array of numbers"),
    (lambda: NET.forward(np.zeros((5, 4))), r"X has 5 rows \(features\) but 3 are expected"),
    (lambda: NET.loss(GOOD_X, np.zeros((1, 3))), r"Y has 3 columns \(samples\) but 4 are expected"),
    (lambda: NET.loss(GOOD_X, np.zeros((4, 1))), r"Y has 4 rows \(outputs\) but 1 are expected.*Y\.T"),
    (lambda: NET.gradients(GOOD_X, np.zeros(4)), r"Y must be 2-D"),
    (lambda: NET.loss(np.full((3, 4), np.nan), GOOD_Y), r"X contains NaN or infinity"),
    (lambda: NET.train(GOOD_X, np.array([[0, np.inf, 0, 0]]), 0.1, 1), r"Y contains NaN or infinity.*column 1"),
    (lambda: NET.train(GOOD_X, GOOD_Y, lr=0, epochs=1), r"lr must be a positive number, but got 0"),
    (lambda: NET.train(GOOD_X, GOOD_Y, lr=-0.1, epochs=1), r"lr must be a positive number"),
    (lambda: NET.train(GOOD_X, GOOD_Y, lr=float("nan"), epochs=1), r"lr must be a positive number"),
    (lambda: NET.train(GOOD_X, GOOD_Y, lr=0.1, epochs=-1), r"epochs must be a whole number >= 0"),
    (lambda: NET.train(GOOD_X, GOOD_Y, lr=0.1, epochs=2.5), r"epochs must be a whole number >= 0"),
    (lambda: NET.train(GOOD_X, GOOD_Y, lr=0.1, epochs=1, batch_size=0), r"batch_size must be a whole number >= 1.*None for full-batch"),
    (lambda: Network([3]), r"at least two entries"),
    (lambda: Network(3), r"layer_sizes must be a list"),
    (lambda: Network([3, 0, 1]), r"layer_sizes\[1\] must be a whole number >= 1, but got 0"),
    (lambda: Network([3, -2, 1]), r"layer_sizes\[1\] must be a whole number >= 1"),
    (lambda: Network([3, 2.5, 1]), r"layer_sizes\[1\] must be a whole number >= 1, but got 2.5"),
    (lambda: Network([3, 1], activation="softmax"), r"unknown activation 'softmax'; expected one of"),
    (lambda: Network([3, 1], output_activation="linear"), r"unknown activation 'linear'"),
    (lambda: Network([3, 1], dtype=np.int64), r"dtype must be np.float32 or np.float64"),
])
def test_bad_input_gets_a_clear_error(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_numpy_integer_layer_sizes_are_accepted():
    net = Network(np.array([3, 4, 1]))
    assert net.layer_sizes == [3, 4, 1]


def test_zero_epochs_changes_nothing():
    net = Network([3, 2, 1])
    for b in net.biases:                 # non-zero biases with a non-zero gradient: a step would move them
        b += 0.5
    X, Y = np.ones((3, 4)), np.full((1, 4), 3.0)
    before = [p.copy() for p in net.weights + net.biases]
    assert any(np.abs(g).max() > 1e-3 for g in sum(net.gradients(X, Y), []))
    history = net.train(X, Y, lr=0.1, epochs=0)
    assert len(history.loss) == 1
    assert history.loss[0] == pytest.approx(losses_mse(net.forward(X), Y), rel=1e-12)
    for p, p0 in zip(net.weights + net.biases, before):
        np.testing.assert_array_equal(p, p0)
    assert history.warning is None


# -- training that goes wrong without a NaN (issue 11, finding 9) --------------------------
@pytest.mark.parametrize("lr", [1e3, 1e10, 1e308])
def test_sigmoid_network_with_a_huge_learning_rate_warns(lr):
    X, Y = data.xor(m=40, seed=0)
    net = Network([2, 4, 1], seed=0)
    with pytest.warns(TrainingWarning, match=rf"learning rate lr={re.escape(f'{lr:g}')} .*loss rose from 0\.257 to 0\.55.*smaller"):
        history = net.train(X, Y, lr=lr, epochs=50)
    assert history.loss[-1] > 2 * history.loss[0]          # the facts the warning states
    assert history.warning is not None and "loss rose" in history.warning
    assert history.as_arrays().warning == history.warning


def test_dead_relu_network_whose_weights_blow_up_warns():
    X, Y = data.xor(m=40, seed=0)
    net = Network([2, 8, 1], activation="relu", seed=0)
    start = max(np.abs(p).max() for p in net.weights + net.biases)
    with pytest.warns(TrainingWarning, match=r"lr=50 .*largest parameter grew from 1\.64 to"):
        history = net.train(X, Y, lr=50, epochs=50)
    assert max(np.abs(p).max() for p in net.weights + net.biases) > 1e3 * start
    assert history.loss[-1] < history.loss[0]               # the loss alone would not tell


def test_healthy_training_does_not_warn():
    import warnings
    X, Y = data.xor(m=40, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", TrainingWarning)
        history = Network([2, 4, 1], activation="tanh", seed=0).train(X, Y, lr=1.0, epochs=100)
    assert history.warning is None and history.loss[-1] < history.loss[0]


def test_the_warning_thresholds_are_the_documented_ones(monkeypatch):
    """Just above and just below LOSS_RISE: a rise by a factor 1.4 passes, 1.6 warns."""
    from nn_helpers import network as network_module
    net = Network([1, 1], activation="identity")
    History = network_module.History
    quiet = net._went_wrong(History(loss=[1.0, 1.4]), 0.1, net._largest_parameter())
    loud = net._went_wrong(History(loss=[1.0, 1.6]), 0.1, net._largest_parameter())
    assert quiet is None and "rose from 1 to 1.6" in loud


def test_an_already_infinite_loss_does_not_blame_the_learning_rate():
    X, Y = data.xor(m=10, seed=0)
    net = Network([2, 1], activation="identity")
    net.weights[0][:] = 1e200
    with pytest.raises(ValueError, match=r"already inf before the first step.*outputs too large"
                                         r".*largest \|W\| = 1e\+200") as info:
        net.train(X, Y, lr=0.1, epochs=2)
    assert "learning rate" not in str(info.value).split("no learning rate")[-1].split(".")[0]
    assert not isinstance(info.value, TrainingDiverged)


def test_an_infinite_loss_from_huge_targets_names_the_targets_not_the_weights():
    X, Y = data.xor(m=10, seed=0)
    net = Network([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"already inf before the first step.*targets.*largest \|Y\| = 1e\+200"
                       r".*Scale the targets") as info:
        net.train(X, np.full_like(Y, 1e200), lr=0.1, epochs=2)
    assert "smaller weights" not in str(info.value)


def test_learning_rate_as_a_fraction_trains_like_the_float():
    X, Y = data.xor(m=20, seed=0)
    a, b = Network([2, 3, 1], seed=0), Network([2, 3, 1], seed=0)
    assert a.train(X, Y, lr=Fraction(1, 10), epochs=5).loss == b.train(X, Y, lr=0.1, epochs=5).loss


# -- hand-set parameters (finding 10) ------------------------------------------------------
def _trained(net, epochs=3):
    X, Y = np.ones((3, 4)), np.full((1, 4), 0.3)
    net.train(X, Y, lr=0.5, epochs=epochs)
    return net


def test_weights_assigned_as_a_list_or_integers_are_trained():
    for value in ([[0.1, 0.2, 0.3], [0.0, -0.1, 0.2]], np.array([[1, 0, 0], [0, 1, 0]])):
        net = Network([3, 2, 1], seed=0)
        net.weights[0] = value
        reference = Network([3, 2, 1], seed=0)
        reference.weights[0] = np.array(value, dtype=np.float64)
        _trained(net), _trained(reference)
        assert isinstance(net.weights[0], np.ndarray) and net.weights[0].dtype == np.float64
        assert not np.array_equal(net.weights[0], np.array(value, dtype=float))   # it moved
        np.testing.assert_array_equal(net.weights[0], reference.weights[0])


def test_float64_weights_in_a_float32_network_become_float32():
    net = Network([3, 2, 1], seed=0, dtype=np.float32)
    net.weights[0] = net.weights[0].astype(np.float64)
    _trained(net)
    assert all(p.dtype == np.float32 for p in net.weights + net.biases)
    assert net.forward(np.ones((3, 2))).dtype == np.float32


@pytest.mark.parametrize("layer, value, pattern", [
    ("weights", lambda n: n.weights[0].T, r"weights\[0\] \(W\^\(1\) of layer 1\) must have shape \(2, 3\).*\(3, 2\).*W\.T"),
    ("biases", lambda n: np.zeros(1), r"biases\[1\] \(b\^\(2\) of layer 2\) must have shape \(1, 1\).*\(1,\).*column"),
    ("biases", lambda n: 0.5, r"biases\[1\].*must have shape \(1, 1\).*shape \(\)"),
    ("weights", lambda n: np.full((2, 3), np.nan), r"weights\[0\].*NaN or infinity"),
    ("weights", lambda n: np.zeros((2, 3), dtype=complex), r"weights\[0\].*real numbers.*complex"),
    ("weights", lambda n: [[1.0, 2.0], [3.0]], r"weights\[0\].*cannot read"),
])
def test_bad_hand_set_parameters_get_a_clear_error(layer, value, pattern):
    net = Network([3, 2, 1], seed=0)
    index = 0 if layer == "weights" else 1
    getattr(net, layer)[index] = value(net)
    for call in (lambda: net.forward(GOOD_X), lambda: net.train(GOOD_X, GOOD_Y, lr=0.1, epochs=1)):
        with pytest.raises(ValueError, match=pattern):
            call()


def test_a_parameter_list_of_the_wrong_length_is_refused():
    net = Network([3, 2, 1], seed=0)
    net.weights = net.weights[:1]
    with pytest.raises(ValueError, match=r"one array per layer \(2 for layer sizes \[3, 2, 1\]\).*1 entries"):
        net.forward(GOOD_X)


@pytest.mark.parametrize("seed", ["a", 1.5, -1, True])
def test_bad_seeds_get_a_clear_error(seed):
    with pytest.raises(ValueError, match=r"seed must be a whole number >= 0"):
        Network([2, 1], seed=seed)
    with pytest.raises(ValueError, match=r"seed must be a whole number >= 0"):
        Network([2, 1]).train(np.zeros((2, 4)), np.zeros((1, 4)), 0.1, 1, batch_size=2, seed=seed)
