"""A TrainingWarning points at the reader's line that called ``train`` (its ``stacklevel``).

Kept out of the mutation run's test selection (pyproject.toml, ``[tool.mutmut]``): mutmut calls
every function through a trampoline of its own, one stack frame more, so under mutmut the
warning points into mutmut and this test cannot pass (README, "Mutation testing").
"""
import warnings

from nn_helpers import Network, TrainingWarning, data


def test_a_training_warning_points_at_the_line_that_called_train():
    X, Y = data.xor()
    net = Network([2, 3, 1], seed=0)                   # sigmoid: the loss rises without a NaN
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net.train(X, Y, lr=1e3, epochs=50)
    found = [w for w in caught if issubclass(w.category, TrainingWarning)]
    assert found and found[0].filename == __file__
