"""The hand-over line of notebooks 01 to 05 can fail: nn_helpers.handover compares the
chapter's own code (here notebook 05's, taken from the notebook) with the package, and a
slip in that code raises an AssertionError that names what differs."""
from pathlib import Path

import nbformat
import numpy as np
import pytest

from nn_helpers import activations, data, handover

NOTEBOOK_05 = Path(__file__).resolve().parents[1] / "notebooks" / "05_general_delta_formula.ipynb"


def chapter_05_code():
    """The namespace that notebook 05's cell defining init, forward, backward and train leaves behind."""
    cells = [c.source for c in nbformat.read(NOTEBOOK_05, as_version=4).cells
             if c.cell_type == "code" and "def backward(" in c.source]
    assert len(cells) == 1, "notebook 05 should define backward in exactly one cell"
    namespace = {"np": np, "activations": activations, "data": data}
    exec(cells[0], namespace)
    return namespace


def test_notebook_05s_code_is_handed_over(capsys):
    handover.chapter_05(chapter_05_code())
    assert capsys.readouterr().out.startswith("handed over:")


def test_a_slip_in_the_chapters_backward_is_caught_and_named():
    namespace = chapter_05_code()
    backward = namespace["backward"]

    def backward_with_a_slip(weights, biases, fs, X, Y):
        dW, db = backward(weights, biases, fs, X, Y)
        return [dW[0] * (1 + 1e-9)] + dW[1:], db          # a relative error far below any plot's resolution
    namespace["backward"] = backward_with_a_slip
    with pytest.raises(AssertionError, match=r"hand-over: \[3, 1\]: the gradients differ"):
        handover.chapter_05(namespace)


def test_a_slip_in_training_is_caught():
    namespace = chapter_05_code()
    train = namespace["train"]
    namespace["train"] = lambda weights, biases, fs, X, Y, **kw: train(weights, biases, fs, X, Y,
                                                                       **{**kw, "epochs": kw["epochs"] - 1})
    with pytest.raises(AssertionError, match="the weights after training differ"):
        handover.chapter_05(namespace)


def test_a_cell_not_run_gives_a_clear_error():
    namespace = chapter_05_code()
    del namespace["train"]
    with pytest.raises(NameError, match=r"needs train from the cells above; run the notebook from the top"):
        handover.chapter_05(namespace)
