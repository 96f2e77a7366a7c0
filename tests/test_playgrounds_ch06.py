"""The playgrounds of notebook 06, driven headless: pixels clicked, brushes switched, sliders moved.

The probabilities the digit playground shows are compared with the network's own forward
pass on the edited image, and the training playground's reported accuracy with an
independent count of correct test digits.
"""
import re
import warnings

import ipywidgets as ipw
import numpy as np
import pytest

from nn_helpers import Network, data
from nn_helpers.playgrounds import ch06


@pytest.fixture(scope="module")
def split():
    return data.digits(seed=0)


@pytest.fixture(scope="module")
def net(split):
    net = Network([64, 16, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)
    net.train(split.X_train, split.Y_train, lr=0.5, epochs=8, batch_size=32)
    return net


def shown_probabilities(pg):
    """The heights of the ten bars in the playground's figure."""
    ax = pg.figure.axes[1]
    return np.array([patch.get_height() for patch in ax.patches])


def test_digit_playground_shows_the_networks_probabilities_for_the_test_digit(net, split):
    pg = ch06.digit_playground(net, split, start=3)
    assert pg.error is None
    expected = net.forward(split.X_test[:, [3]])[:, 0]
    np.testing.assert_allclose(shown_probabilities(pg), expected, rtol=1e-12)
    assert f"true label {split.Y_test[:, 3].argmax()}" in pg.note.value
    np.testing.assert_array_equal(pg.grid.pixels, split.X_test[:, 3] * 16)


def test_clicking_pixels_paints_with_the_brush_and_updates_the_bars(net, split):
    pg = ch06.digit_playground(net, split, start=0)
    image = split.X_test[:, 0] * 16
    redraws, before = pg.redraws, pg.png()
    pg.grid.brush.value = 16
    pg.grid.buttons[0].click()                     # top-left pixel, row 1 column 1
    image[0] = 16
    pg.grid.brush.value = 8
    pg.grid.buttons[63].click()
    image[63] = 8
    pg.grid.brush.value = 0
    lit = int(np.flatnonzero(split.X_test[:, 0])[0])
    pg.grid.buttons[lit].click()
    image[lit] = 0
    assert pg.redraws == redraws + 3 and pg.png() != before
    np.testing.assert_array_equal(pg.grid.pixels, image)
    np.testing.assert_allclose(shown_probabilities(pg), net.forward(image.reshape(64, 1) / 16)[:, 0], rtol=1e-12)
    assert "edited" in pg.note.value
    assert pg.grid.buttons[0].style.button_color == "#000000"
    assert pg.grid.buttons[63].style.button_color == "#808080"
    assert pg.grid.buttons[lit].style.button_color == "#ffffff"


def test_clear_and_back_buttons(net, split):
    pg = ch06.digit_playground(net, split, start=7)
    pg.clear_button.click()
    np.testing.assert_array_equal(pg.grid.pixels, np.zeros(64))
    np.testing.assert_allclose(shown_probabilities(pg), net.forward(np.zeros((64, 1)))[:, 0], rtol=1e-12)
    assert all(b.style.button_color == "#ffffff" for b in pg.grid.buttons)
    pg.reset_button.click()
    np.testing.assert_array_equal(pg.grid.pixels, split.X_test[:, 7] * 16)
    assert "true label" in pg.note.value


def test_the_slider_starts_again_from_another_test_digit(net, split):
    pg = ch06.digit_playground(net, split, start=0)
    pg.grid.buttons[5].click()
    pg.controls["digit"].value = 12
    np.testing.assert_array_equal(pg.grid.pixels, split.X_test[:, 12] * 16)
    np.testing.assert_allclose(shown_probabilities(pg), net.forward(split.X_test[:, [12]])[:, 0], rtol=1e-12)
    assert "Test digit 12 (true label" in pg.note.value


def test_the_grid_uses_only_widgets_of_ipywidgets_7_and_8(net, split):
    pg = ch06.digit_playground(net, split)
    assert len(pg.grid.buttons) == 64 and isinstance(pg.grid.grid, ipw.GridBox)
    assert isinstance(pg.grid.brush, ipw.ToggleButtons)
    assert [value for _, value in pg.grid.brush.options] == [16, 8, 0]
    assert all(b.tooltip for b in pg.grid.buttons)           # screen readers get a name for every pixel
    shown = [pg.widget]
    found = set()
    while shown:                                             # the grid, the brush and both buttons are displayed
        w = shown.pop()
        found.add(id(w))
        shown.extend(getattr(w, "children", ()))
    for part in [pg.grid.grid, pg.grid.brush, pg.reset_button, pg.clear_button, pg.picture, pg.note,
                 *pg.controls.values()]:
        assert id(part) in found


def test_training_playground_reports_the_test_accuracy_it_reached(split):
    pg = ch06.training_playground(split)
    assert pg.error is None
    pg.controls["epochs"].value = 3
    pg.controls["hidden"].value = 12
    reported = float(re.search(r"Test accuracy ([\d.]+)%", pg.note.value).group(1)) / 100
    net = Network([64, 12, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)
    net.train(split.X_train, split.Y_train, lr=ch06.LR, epochs=3, batch_size=ch06.BATCH_SIZE, seed=0)
    correct = np.sum(net.forward(split.X_test).argmax(0) == split.Y_test.argmax(0))
    assert reported == pytest.approx(correct / split.X_test.shape[1], abs=0.0005)
    assert f"{split.X_test.shape[1] - correct} of {split.X_test.shape[1]} test digits wrong" in pg.note.value


def test_training_playground_says_when_the_learning_rate_overshoots(split):
    pg = ch06.training_playground(split)
    pg.controls["epochs"].value = 2
    assert "overshoot" not in pg.note.value
    pg.controls["lr"].value = 3.0                      # the loss ends far above log 10 (measured: about 97)
    assert pg.error is None and "overshoot" in pg.note.value and "lr=3" in pg.note.value, pg.note.value


def test_train_with_curves_measures_both_sets_every_epoch(net, split):
    fresh = Network([64, 8, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=1)
    curves = ch06.train_with_curves(fresh, split, lr=0.5, epochs=2)
    assert curves.train_loss.shape == curves.test_accuracy.shape == (3,)
    assert curves.train_loss[0] == pytest.approx(np.log(10), rel=0.2)     # near chance before training
    assert curves.test_accuracy[-1] == ch06.accuracy(fresh, split.X_test, split.Y_test)
    assert curves.test_loss[-1] == pytest.approx(fresh.loss(split.X_test, split.Y_test))
    assert curves.train_accuracy[-1] > curves.train_accuracy[0]


def test_accuracy_counts_argmax_matches():
    class Fixed:
        def forward(self, X):
            return np.array([[0.9, 0.2, 0.5], [0.1, 0.8, 0.5]])
    Y = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    # columns: right (0), wrong (1 vs 0), tie -> argmax takes row 0, true 1: wrong
    assert ch06.accuracy(Fixed(), None, Y) == pytest.approx(1 / 3)


@pytest.mark.parametrize("output_activation, loss", [("softmax", "cross_entropy"), ("sigmoid", "mse")])
def test_train_with_curves_records_what_network_loss_and_accuracy_say(split, output_activation, loss):
    net = Network([64, 6, 10], activation="tanh", output_activation=output_activation, loss=loss, seed=2)
    curves = ch06.train_with_curves(net, split, lr=0.3, epochs=1)
    assert curves.train_loss[-1] == pytest.approx(net.loss(split.X_train, split.Y_train), rel=1e-12)
    assert curves.test_loss[-1] == pytest.approx(net.loss(split.X_test, split.Y_test), rel=1e-12)
    assert curves.train_accuracy[-1] == ch06.accuracy(net, split.X_train, split.Y_train)


def test_train_with_curves_ends_with_the_weights_of_one_train_call(split):
    a = Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=4)
    b = Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=4)
    ch06.train_with_curves(a, split, lr=0.4, epochs=3, batch_size=16, seed=7)
    history = b.train(split.X_train, split.Y_train, lr=0.4, epochs=3, batch_size=16, seed=7)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(p, q)
    assert history.loss[-1] == b.loss(split.X_train, split.Y_train)


def test_a_kept_run_gives_for_any_epochs_what_training_that_many_epochs_gives(split):
    """The training playground continues a kept run for more epochs and slices it for fewer: each answer
    must be that of a network trained for exactly that many epochs in one train call."""
    def network():
        return Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=5)

    run = ch06.CurvesRun(network(), split, lr=0.4, batch_size=16, seed=7)
    for epochs in (2, 4, 1, 3, 0):                     # up, up, down, between, none
        curves = run.curves(epochs)
        trained = network()
        trained.train(split.X_train, split.Y_train, lr=0.4, epochs=epochs, batch_size=16, seed=7)
        assert curves.train_loss.shape == curves.test_accuracy.shape == (epochs + 1,)
        assert curves.train_loss[-1] == pytest.approx(trained.loss(split.X_train, split.Y_train), rel=1e-12)
        assert curves.test_loss[-1] == pytest.approx(trained.loss(split.X_test, split.Y_test), rel=1e-12)
        assert curves.test_accuracy[-1] == ch06.accuracy(trained, split.X_test, split.Y_test)
    assert len(run.rows) == 5                          # epochs 0 to 4, each trained once


def test_a_kept_run_reports_a_warning_only_from_the_epochs_it_shows(split):
    net = Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)
    run = ch06.CurvesRun(net, split, lr=3.0)
    later = run.curves(6)
    assert later.warning and "lr=3" in later.warning
    first = next(k for k in range(1, 7) if run.curves(k).warning)
    assert run.curves(first - 1).warning is None


def test_a_kept_run_judges_every_epoch_as_a_train_call_of_one_epoch_judges_it(split):
    """CurvesRun trains its new epochs in one train call and measures each epoch from train's own pass:
    losses, accuracies and warnings must be those of one train(epochs=1) call per epoch, measured after it."""
    def network():
        return Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)

    curves = ch06.CurvesRun(network(), split, lr=3.0).curves(6)
    reference, rng = network(), np.random.default_rng(0)
    warned = []
    for epoch in range(1, 7):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warned.append(reference.train(split.X_train, split.Y_train, lr=3.0, epochs=1, batch_size=32,
                                          seed=rng).warning)
        assert curves.train_loss[epoch] == pytest.approx(reference.loss(split.X_train, split.Y_train), rel=1e-12)
        assert curves.test_loss[epoch] == pytest.approx(reference.loss(split.X_test, split.Y_test), rel=1e-12)
        assert curves.train_accuracy[epoch] == ch06.accuracy(reference, split.X_train, split.Y_train)
        assert curves.test_accuracy[epoch] == ch06.accuracy(reference, split.X_test, split.Y_test)
    assert any(warned) and not all(warned), warned        # lr = 3: some epochs go wrong, some do not
    assert curves.warning == next(w for w in warned if w)
    run = ch06.CurvesRun(network(), split, lr=3.0)
    run.curves(6)
    assert run.warnings[1:] == warned


def test_a_kept_run_passes_over_the_training_set_once_per_epoch(split, monkeypatch):
    """The training set's loss and accuracy of an epoch come from the pass train makes for its loss."""
    net = Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)
    run = ch06.CurvesRun(net, split, lr=0.3)
    passes = []
    forward = net._fast_forward
    monkeypatch.setattr(net, "_fast_forward", lambda X, *a: passes.append(X.shape[1]) or forward(X, *a))
    run.curves(6)
    assert passes.count(split.X_train.shape[1]) == 1 + 6        # where the run starts, then one per epoch


def test_a_kept_run_judges_the_growth_of_the_parameters_from_where_each_epoch_started(split, monkeypatch):
    def network():
        return Network([64, 10, 10], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=0)

    net, judged = network(), []
    went_wrong = net._went_wrong
    monkeypatch.setattr(net, "_went_wrong", lambda history, lr, start_size: judged.append(start_size)
                        or went_wrong(history, lr, start_size))
    ch06.CurvesRun(net, split, lr=1.0).curves(4)
    reference, rng, starts = network(), np.random.default_rng(0), []
    for _ in range(4):
        starts.append(reference._largest_parameter())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference.train(split.X_train, split.Y_train, lr=1.0, epochs=1, batch_size=32, seed=rng)
    assert judged[:4] == starts          # train's own judgement of the whole call may follow
