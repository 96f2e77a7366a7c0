"""Network: gradients against finite differences, shapes, training, clear errors,
determinism, no mutation of inputs, dtype kept end to end."""
import numpy as np
import pytest

from nn_helpers import Network, TrainingDiverged, activations, data, gradcheck, neuron


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
        assert check.max_error < limit, (net, check)


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
    with pytest.raises(TrainingDiverged, match=r"lr=5\b.*smaller learning rate") as info:
        net.train(split.X_train, split.Y_train, lr=5, epochs=1000)
    assert all(np.isfinite(W).all() for W in net.weights + net.biases)
    assert len(info.value.history.loss) >= 1
    assert np.isfinite(info.value.history.loss).all()


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
    before = [W.copy() for W in net.weights]
    history = net.train(GOOD_X, GOOD_Y, lr=0.1, epochs=0)
    assert len(history.loss) == 1
    for W, W0 in zip(net.weights, before):
        np.testing.assert_array_equal(W, W0)
