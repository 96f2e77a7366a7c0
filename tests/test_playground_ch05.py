"""Notebook 05's playground keeps each setting's run and continues it when the epochs change.

Every answer is compared with a fresh network trained for exactly that many epochs in one
``train`` call (through ``train_quietly``, as the playground trained before it kept runs).
"""
import numpy as np
import pytest

from nn_helpers import Network, data
from nn_helpers.network import TrainingDiverged
from nn_helpers.playgrounds import ch05, train_quietly


def fresh(sizes, activation, lr, epochs):
    split = data.running_example()
    net = Network(list(sizes), activation=activation, output_activation="sigmoid", seed=0)
    history, problem, _ = train_quietly(net, split.X_train, split.Y_train, lr=lr, epochs=epochs, batch_size=4)
    return np.asarray(history.loss, dtype=float), float(net.forward(split.X_test)[0, 0]), problem


@pytest.mark.parametrize("sizes, activation, lr", [
    ((3, 8, 8, 1), "tanh", 0.5),
    ((3, 8, 8, 8, 8, 8, 8, 1), "tanh", 5.0),          # went wrong without a NaN: the warning must match too
])
def test_a_kept_run_answers_any_epochs_as_a_fresh_run_does(sizes, activation, lr):
    run, problems = ch05.KeptRun(sizes, activation, lr), []
    for epochs in (200, 250, 100, 150, 400, 50, 250):          # up, down, between, beyond, below all, again
        loss, prediction, problem = run.result(epochs)
        want_loss, want_prediction, want_problem = fresh(sizes, activation, lr, epochs)
        np.testing.assert_array_equal(loss, want_loss)
        assert prediction == want_prediction
        assert problem == want_problem
        problems.append(problem)
    assert sorted(run.kept) == [0, 50, 100, 150, 200, 250, 400]
    if lr == 5.0:
        assert any(p and "lr=5" in p for p in problems), problems


def test_a_run_that_diverges_gives_the_message_of_a_fresh_run():
    sizes, activation, lr = (3, 8, 8, 1), "relu", 1e300          # the loss stops being finite in epoch 1
    loss, prediction, problem = ch05.KeptRun(sizes, activation, lr).result(50)
    want_loss, want_prediction, want_problem = fresh(sizes, activation, lr, 50)
    assert "diverged in epoch 1" in problem and problem == want_problem
    np.testing.assert_array_equal(loss, want_loss)
    assert prediction == want_prediction


def test_a_continued_run_that_diverges_is_run_again_from_epoch_0(monkeypatch):
    """A divergence met while continuing would count epochs from the continuation: the run starts over."""
    run = ch05.KeptRun((3, 8, 8, 1), "tanh", 0.5)
    run.result(100)
    real_train, calls = Network.train, []

    def train(self, X, Y, lr, epochs, batch_size=None, seed=None):
        calls.append(epochs)
        if epochs == 50:                                          # the continuation 100 -> 150
            raise TrainingDiverged("training diverged in epoch 3: (continuation)", None)
        return real_train(self, X, Y, lr, epochs, batch_size, seed)

    monkeypatch.setattr(Network, "train", train)
    loss, prediction, problem = run.result(150)
    assert calls == [50, 150]
    want_loss, want_prediction, want_problem = fresh((3, 8, 8, 1), "tanh", 0.5, 150)
    np.testing.assert_array_equal(loss, want_loss)
    assert (prediction, problem) == (want_prediction, want_problem)


def test_the_playground_shows_the_kept_runs_numbers():
    pg = ch05.deep_network_playground()
    pg.controls["epochs"].value = 250
    loss, _, _ = fresh((3, 8, 8, 1), "tanh", 0.5, 250)
    assert f"Final training loss {loss[-1]:.5f}" in pg.note.value
    shown = pg.scene["loss"].get_ydata()
    np.testing.assert_array_equal(shown, loss)

