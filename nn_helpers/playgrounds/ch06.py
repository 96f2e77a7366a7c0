"""Playgrounds of notebook 06: handwritten digits.

``digit_playground``: an 8x8 grid of buttons holding a digit from the test set.
Click a pixel to paint it with the chosen brush (ink, half ink, erase) and the
bar chart of the trained network's ten class probabilities follows at once.

``training_playground``: hidden width, learning rate and epochs of a softmax
network on the digits; it retrains when a slider is released and reports the
test accuracy, with the train and test curves of every epoch. Every setting is
trained once and kept; more epochs continue the kept run.

``train_with_curves`` and ``accuracy`` are the measurements the notebook uses too.
"""
import warnings
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

import ipywidgets as ipw
import numpy as np

from .. import data, losses, widgets
from ..network import Network, TrainingWarning
from ..plotting import COLOURS

__all__ = ["digit_playground", "training_playground"]

HIDDEN = 64          # the notebook's network: 64-64-10, tanh hidden layer, softmax output
LR = 0.3
EPOCHS = 30
BATCH_SIZE = 32
MAX_EPOCHS = 30      # the training playground's epochs slider ends here
LOSS_AXIS = (0.01, 100.0)   # the training playground's loss axis spans at least these
KEPT_RUNS = 32       # training runs the training playground keeps (a 64-128-10 network is about 75 kB)
BRUSHES = (("ink", 16), ("half ink", 8), ("erase", 0))   # pixel values of the data, 0..16
BAR, GUESS = COLOURS["blue"], COLOURS["orange"]     # bar colours: other classes, the network's answer


def accuracy(net, X, Y):
    """The fraction of columns whose largest output is at the row of the true class (Y one-hot)."""
    return float(np.mean(net.forward(X).argmax(axis=0) == np.asarray(Y).argmax(axis=0)))


@dataclass
class Curves:
    """Per epoch, from epoch 0 (before training): loss and accuracy on the training and test sets.

    warning: None, or the message of the first ``TrainingWarning`` an epoch gave.
    """

    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    warning: str = None


class CurvesRun:
    """A network trained on ``split``, with every epoch's measurements kept.

    ``curves(epochs)`` trains only the epochs not yet run and returns the curves of the
    first ``epochs``: the epochs share one random generator seeded with ``seed``, so the
    first k epochs of a longer run are exactly a run of k epochs. A playground keeps one
    run per setting, and moving the epochs slider trains only what is new. The training
    set is measured from the pass ``Network.train`` makes for each epoch's loss (its
    ``after_epoch``), the test set after it.
    """

    def __init__(self, net, split, lr=LR, batch_size=BATCH_SIZE, seed=0):
        self.net, self.split, self.lr, self.batch_size = net, split, lr, batch_size
        self.rng = np.random.default_rng(seed)
        self.rows, self.warnings = [self._measure()], [None]     # epoch 0: before training

    def _loss_and_accuracy(self, X, Y):
        # one forward pass for both, with the loss computed as Network.loss computes it
        net = self.net
        Zs, As = net._forward(X)
        with np.errstate(over="ignore", invalid="ignore"):
            loss = net._loss_of_logits(Zs[-1], Y) if net.loss_name == "cross_entropy" else losses.mse(As[-1], Y)
        return loss, float(np.mean(As[-1].argmax(axis=0) == Y.argmax(axis=0)))

    def _measure(self):
        (train_loss, train_acc), (test_loss, test_acc) = (
            self._loss_and_accuracy(self.split.X_train, self.split.Y_train),
            self._loss_and_accuracy(self.split.X_test, self.split.Y_test))
        return train_loss, test_loss, train_acc, test_acc

    def curves(self, epochs):
        """``Curves`` of epochs 0..epochs, training the epochs not run yet."""
        if len(self.rows) <= epochs:
            net, split = self.net, self.split
            labels = split.Y_train.argmax(axis=0)
            start_size = net._largest_parameter()

            def measure(epoch, train_loss, outputs):
                # the training set's loss and outputs come from train's own pass; each epoch is judged
                # as a train call of one epoch judges it, from where that epoch started
                nonlocal start_size
                start = SimpleNamespace(loss=[self.rows[-1][0], train_loss])
                self.warnings.append(net._went_wrong(start, self.lr, start_size))
                start_size = net._largest_parameter()
                test_loss, test_accuracy = self._loss_and_accuracy(split.X_test, split.Y_test)
                self.rows.append((train_loss, test_loss, float(np.mean(outputs.argmax(axis=0) == labels)),
                                  test_accuracy))

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", TrainingWarning)
                net.train(split.X_train, split.Y_train, lr=self.lr, epochs=epochs + 1 - len(self.rows),
                          batch_size=self.batch_size, seed=self.rng, after_epoch=measure)
        warning = next((w for w in self.warnings[:epochs + 1] if w), None)
        return Curves(*(np.array(column) for column in zip(*self.rows[:epochs + 1])), warning=warning)


def train_with_curves(net, split, lr=LR, epochs=EPOCHS, batch_size=BATCH_SIZE, seed=0):
    """Train ``net`` on split.X_train/Y_train; measure both sets after every epoch.

    The epochs share one random generator seeded with ``seed``, so the minibatches, and the
    weights at the end, are exactly those of ``net.train(X_train, Y_train, lr, epochs,
    batch_size, seed=seed)``. Returns ``Curves`` with arrays of length epochs + 1; a
    ``TrainingWarning`` is not printed but kept in ``Curves.warning``.
    """
    return CurvesRun(net, split, lr=lr, batch_size=batch_size, seed=seed).curves(epochs)


@lru_cache(maxsize=1)
def _default_network():
    return trained_network()


def trained_network(split=None, hidden=HIDDEN, lr=LR, epochs=EPOCHS, seed=0):
    """The notebook's classifier: [64, hidden, 10], tanh hidden layer, softmax output, cross-entropy."""
    split = data.digits(seed=0) if split is None else split
    net = Network([64, hidden, 10], activation="tanh", output_activation="softmax", loss="cross_entropy",
                  seed=seed)
    train_with_curves(net, split, lr=lr, epochs=epochs)
    return net


def _gray(value):
    """A pixel value 0..16 as a CSS grey: 0 white, 16 black."""
    level = int(round(255 * (1 - value / 16)))
    return f"#{level:02x}{level:02x}{level:02x}"


class PixelGrid:
    """64 buttons in an 8x8 grid; ``pixels`` (64,) holds the values 0..16 row by row.

    Clicking a button sets its pixel to the brush's value and calls ``on_change()``.
    Only Button, ToggleButtons and GridBox are used: they exist in ipywidgets 7 and 8.
    """

    def __init__(self, pixels, on_change):
        self.pixels = np.array(pixels, dtype=float).reshape(64)
        self.on_change = on_change
        self.brush = ipw.ToggleButtons(options=list(BRUSHES), value=16, description="brush",
                                       style={"description_width": "initial", "button_width": "70px"})
        self.buttons = []
        for i in range(64):
            button = ipw.Button(description="", tooltip=f"pixel row {i // 8 + 1}, column {i % 8 + 1}",
                                layout=ipw.Layout(width="30px", height="30px", padding="0", margin="0",
                                                  border="1px solid #bbbbbb"))
            button.on_click(lambda _, i=i: self.paint(i))
            self.buttons.append(button)
        self.grid = ipw.GridBox(self.buttons, layout=ipw.Layout(
            grid_template_columns="repeat(8, 30px)", grid_gap="0px", width="250px"))
        self._recolour()

    def _recolour(self):
        # only the buttons whose colour changes: each change is a message to the browser
        for button, value in zip(self.buttons, self.pixels):
            colour = _gray(value)
            if button.style.button_color != colour:
                button.style.button_color = colour

    def paint(self, i):
        """Set pixel i to the brush's value."""
        self.pixels[i] = self.brush.value
        self.buttons[i].style.button_color = _gray(self.pixels[i])
        self.on_change()

    def set(self, pixels):
        """Replace all 64 pixels (values 0..16) at once."""
        self.pixels = np.array(pixels, dtype=float).reshape(64)
        self._recolour()
        self.on_change()


def digit_playground(net=None, split=None, start=0):
    """Edit a test digit on an 8x8 grid; bars show the network's ten class probabilities.

    net: a trained [64, ..., 10] softmax network (default: ``trained_network()``, a few
    seconds of training); split: the digits split it was trained on (default seed 0).
    The slider picks the test digit the grid starts from.
    """
    if net is None:
        net, split = (_default_network(), data.digits(seed=0)) if split is None else (trained_network(split), split)
    split = data.digits(seed=0) if split is None else split
    labels = split.Y_test.argmax(axis=0)
    state = {"edited": False, "shown": None}
    pg = None

    def redraw():
        state["edited"] = True
        pg.redraw()

    grid = PixelGrid(split.X_test[:, start] * 16, on_change=lambda: pg is not None and redraw())

    def setup(fig):
        # Axes, ticks and labels are drawn once; only the image, the bars and the bar chart's
        # title change (animated artists, drawn over the kept background: a few milliseconds).
        ax_img, ax_bar = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2]})
        image = ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1, animated=True)
        ax_img.set(xticks=[0, 7], xticklabels=["1", "8"], yticks=[0, 7], yticklabels=["1", "8"],
                   xlabel="pixel column", ylabel="pixel row", title="what the network sees")
        bars = ax_bar.bar(np.arange(10), np.zeros(10), color=BAR, animated=True)
        ax_bar.set(xticks=np.arange(10), ylim=(0, 1), xlabel="class (digit)", ylabel="probability")
        ax_bar.set_title(" ").set_animated(True)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.17, top=0.88, wspace=0.3)
        return image, bars, ax_bar.title

    def update(scene, digit):
        image, bars, title = scene
        if state["shown"] != digit:             # the slider moved: start again from that test digit
            state["shown"], state["edited"] = digit, False
            grid.pixels = split.X_test[:, digit] * 16
            grid._recolour()
        x = grid.pixels.reshape(64, 1) / 16
        p = net.forward(x)[:, 0]
        guess = int(p.argmax())
        image.set_data(x.reshape(8, 8))
        for k, (bar, height) in enumerate(zip(bars, p)):
            bar.set_height(height)
            bar.set_facecolor(GUESS if k == guess else BAR)
        title.set_text(f"softmax output: a {guess} with probability {p[guess]:.2f}")
        source = "edited" if state["edited"] else f"true label {labels[digit]}"
        runner_up = int(np.argsort(p)[-2])
        alt = (f"Left, the 8 by 8 image of test digit {digit} ({source}); right, the network's ten class "
               f"probabilities as bars: {guess} is the tallest at {p[guess]:.2f}, then {runner_up} at "
               f"{p[runner_up]:.2f}.")
        return f"Test digit {digit} ({source}): the network says {guess} (p = {p[guess]:.2f}).", alt

    pg = widgets.Playground(update, {"digit": widgets.int_slider(start, 0, split.X_test.shape[1] - 1, 1,
                                                                "test digit")},
                            figsize=(7, 2.8), setup=setup,
                            title="Draw on the grid: the network's ten probabilities follow")
    reset = ipw.Button(description="back to the test digit", tooltip="undo your edits")
    clear = ipw.Button(description="clear", tooltip="erase every pixel")

    def back(_):
        state["edited"] = False
        grid.pixels = split.X_test[:, pg.controls["digit"].value] * 16
        grid._recolour()
        pg.redraw()

    def wipe(_):
        grid.set(np.zeros(64))

    reset.on_click(back)
    clear.on_click(wipe)
    pg.grid, pg.reset_button, pg.clear_button = grid, reset, clear
    # The playground's own column (title, controls, note, picture) gains the brush row under the
    # controls and the grid beside the note and picture.
    parts = list(pg.widget.children)
    row = next(i for i, part in enumerate(parts) if set(getattr(part, "children", ())) == set(pg.controls.values()))
    pg.widget = ipw.VBox(parts[:row + 1] + [ipw.HBox([grid.brush, reset, clear]),
                                            ipw.HBox([grid.grid, ipw.VBox(parts[row + 1:])])])
    return pg


def training_playground(split=None):
    """Hidden width, learning rate and epochs; retrains on release and reports test accuracy."""
    split = data.digits(seed=0) if split is None else split

    @lru_cache(maxsize=KEPT_RUNS)
    def run(hidden, lr):
        """The kept run of one setting: trained once, epochs added on demand."""
        net = Network([64, hidden, 10], activation="tanh", output_activation="softmax", loss="cross_entropy",
                      seed=0)
        return CurvesRun(net, split, lr=lr)

    def setup(fig):
        # Axes, ticks, labels and legends are drawn once; the curves and the title change
        # (animated artists over the kept background).
        ax_acc, ax_loss = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.15, top=0.83, wspace=0.3)
        acc = [ax_acc.plot([], [], label=label, animated=True)[0] for label in ("training set", "test set")]
        ax_acc.axhline(0.97, color="gray", linestyle=":", label="97%")
        ax_acc.set(ylim=(0, 1), xlabel="epoch", ylabel="accuracy", title="Accuracy")
        widgets.on_top(ax_acc.legend(loc="lower right"))
        loss = [ax_loss.plot([], [], label=label, animated=True)[0] for label in ("training set", "test set")]
        ax_loss.set(xlabel="epoch", ylabel="cross-entropy", title="Loss")
        widgets.on_top(ax_loss.legend(loc="upper right"))
        return {"ax_acc": ax_acc, "ax_loss": ax_loss, "acc": acc, "loss": loss,
                "title": fig.suptitle("", animated=True)}

    def update(scene, hidden, lr, epochs):
        curves = run(int(hidden), float(lr)).curves(int(epochs))
        epoch = np.arange(len(curves.train_loss))
        for line, values in zip(scene["acc"], (curves.train_accuracy, curves.test_accuracy)):
            line.set_data(epoch, values)
        for line, values in zip(scene["loss"], (curves.train_loss, curves.test_loss)):
            line.set_data(epoch, values)
        for ax in (scene["ax_acc"], scene["ax_loss"]):
            ax.set_xlim(0, min(widgets.nice_ceiling(epochs), MAX_EPOCHS))   # changes rarely: the background is kept
        # whole decades with labelled ticks, as in the other playgrounds' loss panels; at least 0.01 to 100,
        # where nearly every setting's curves stay, so settings are compared on the same axis
        widgets.log_axis(scene["ax_loss"].yaxis, widgets.decade_limits(
            np.concatenate([curves.train_loss, curves.test_loss, LOSS_AXIS])))
        scene["title"].set_text(f"64-{hidden}-10 network, lr = {lr:.3g}, {epochs} epochs "
                                f"(minibatches of {BATCH_SIZE})")
        wrong = int(round((1 - curves.test_accuracy[-1]) * split.X_test.shape[1]))
        note = (f"Test accuracy {curves.test_accuracy[-1]:.1%} ({wrong} of {split.X_test.shape[1]} test digits "
                f"wrong); training accuracy {curves.train_accuracy[-1]:.1%}.")
        if curves.warning:
            note += " " + curves.warning
        elif curves.train_loss[-1] > curves.train_loss[0]:
            note += (" The training loss ended higher than it started: the steps overshoot, so lower the "
                     "learning rate.")
        alt = (f"Accuracy and cross-entropy per epoch of a 64-{hidden}-10 network trained with learning rate "
               f"{lr:.3g} for {epochs} epochs: test accuracy ends at {curves.test_accuracy[-1]:.1%}, training "
               f"accuracy at {curves.train_accuracy[-1]:.1%}.")
        return note, alt

    controls = {
        "hidden": widgets.int_slider(HIDDEN, 2, 128, 2, "hidden width", train=True),
        "lr": widgets.slider(LR, 0.01, 3.0, 0.1, "learning rate", train=True, log=True),
        "epochs": widgets.int_slider(6, 1, MAX_EPOCHS, 1, "epochs", train=True),
    }
    # the settings notebook 06 suggests trying
    suggestions = [{"hidden": 2}, {"lr": 0.01, "epochs": 30}, {"lr": 3.0}, {"hidden": 128, "epochs": 30}]
    return widgets.Playground(update, controls, setup=setup, figsize=(8.4, 3.4), suggestions=suggestions,
                              title="Train on the digits (retrains when you release a slider)")
