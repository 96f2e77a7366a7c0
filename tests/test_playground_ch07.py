"""The step-through playground of notebook 07, headless: every step draws, and what it shows is the truth."""
import numpy as np
import pytest

from nn_helpers import autograd
from nn_helpers.playgrounds import ch07


def test_every_step_redraws_and_names_the_rules_in_reverse_topological_order():
    pg = ch07.backward_pass_playground()
    slider = pg.controls["step"]
    assert slider.min == 0 and slider.max == ch07.rule_count() == 7   # P, Z, A per layer, and the loss
    pictures = set()
    for step in range(slider.min, slider.max + 1):
        slider.value = step
        assert pg.error is None, pg.error
        pictures.add(pg.png())
    assert len(pictures) == 8
    assert "L, A2, Z2, P2, A1, Z1, P1" in pg.note.value


def test_a_node_whose_rule_ran_shows_its_final_gradient():
    """Once a node's rule has run, its gradient is complete: equal to the full backward pass's."""
    full, Ws, bs = autograd.network_graph(ch07.playground_network(), ch07.X, ch07.Y)
    full.backward()
    final = {n.name: n.grad for n in autograd.topological_order(full)}
    dW, db = ch07.playground_network().gradients(ch07.X, ch07.Y)     # the general delta formula
    np.testing.assert_allclose(final["W1"], dW[0], rtol=1e-12)
    np.testing.assert_allclose(final["b2"], db[1], rtol=1e-12)
    for step in range(1, ch07.rule_count() + 1):
        loss, _, _ = autograd.network_graph(ch07.playground_network(), ch07.X, ch07.Y)
        ran = loss.backward(steps=step)
        assert len(ran) == step
        for node in ran:
            np.testing.assert_array_equal(node.grad, final[node.name])
        lines = ch07.describe_step(ran[-1])
        assert lines[0] == f"dL/d{ran[-1].name} =" and lines[1] == ch07._matrix(final[ran[-1].name])


def test_a_step_outside_the_pass_is_a_message():
    from matplotlib.figure import Figure
    with pytest.raises(ValueError, match="7 rules"):
        ch07.step_figure(Figure(), 9)
