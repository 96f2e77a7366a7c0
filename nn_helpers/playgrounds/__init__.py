"""The book's playgrounds, one module per notebook (``ch00`` ... ``ch07``).

Each public function of a chapter module (listed in its ``__all__``) returns a
``nn_helpers.widgets.Playground``. The tests build every one of them, move
every control, and draw every suggested setting and both ends of every control.
"""
import warnings

from ..network import TrainingDiverged, TrainingWarning


def train_quietly(net, X, Y, **kwargs):
    """``net.train(X, Y, **kwargs)`` for a playground: (history, problem, diverged).

    problem: None when training went well; otherwise the sentence that says what went
    wrong, for the playground's note: ``TrainingDiverged``'s message (the loss stopped
    being finite; history then holds the epochs before) or ``TrainingWarning``'s (the
    loss rose far, or the parameters blew up, without a NaN). Nothing is printed: a
    warning printed from a slider's callback would land in a log the reader never sees.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrainingWarning)
        try:
            history = net.train(X, Y, **kwargs)
        except TrainingDiverged as err:
            return err.history, str(err), True
    return history, getattr(history, "warning", None), False
