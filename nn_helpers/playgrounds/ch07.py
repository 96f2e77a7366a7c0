"""Playground of notebook 07: step through the engine's backward pass, one rule at a time.

A 2-2-1 network (tanh hidden layer, sigmoid output, mean squared error) on three
samples is built on the autograd engine. The slider says how many backward rules
have run. The figure shows the engine's graph with the node whose rule ran last
highlighted (and every path from it to the loss), nodes whose rule has run
ticked, and below the graph that node's gradient and what its rule passed on to
its parents.
"""
import numpy as np

from .. import autograd, graph, widgets
from ..network import Network

__all__ = ["backward_pass_playground"]

X = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])
Y = np.array([[1.0, 1.0, 0.0]])

# what each operation's rule adds to its parents, in the words of the delta formula
RULES = {
    "mse": ["dL/d{0} += (2/m)({0} - Y)"],
    "matmul": ["dL/d{0} += dL/d{out} {1}^T", "dL/d{1} += {0}^T dL/d{out}"],
    "add_bias": ["dL/d{0} += dL/d{out}", "dL/d{1} += dL/d{out} summed over samples"],
    "softmax_cross_entropy": ["dL/d{0} += (1/m)(softmax({0}) - Y)"],
    "sigmoid_cross_entropy": ["dL/d{0} += (1/m)(sigmoid({0}) - Y)"],
}


def playground_network():
    """The 2-2-1 network the playground steps through (seeded)."""
    return Network([2, 2, 1], activation="tanh", output_activation="sigmoid", seed=4)


def rule_count():
    """How many backward rules the playground's graph has (one per node that is not a leaf)."""
    loss, _, _ = autograd.network_graph(playground_network(), X, Y)
    return sum(1 for node in autograd.topological_order(loss) if node.parents)


def _matrix(array):
    return np.array2string(np.asarray(array), precision=3, suppress_small=True, floatmode="fixed",
                           max_line_width=40)


def describe_step(node):
    """The rule that ``node`` ran, with its gradient and its parents' gradients, as text lines."""
    name = node.name or node.op
    lines = [f"dL/d{name} =", _matrix(node.grad), ""]
    parents = [p.name or p.op for p in node.parents]
    rules = RULES.get(node.op, ["dL/d{0} += dL/d{out} * f'({0})"])
    lines += [rule.format(*parents, out=name) for rule in rules]
    for parent, label in zip(node.parents, parents):
        if parent.parents or label.startswith(("W", "b")):
            lines += [f"dL/d{label} now", _matrix(parent.grad)]
    return lines


def _setup(fig):
    """The graph's axes, the title and the text below the graph: made once, reused by every step."""
    ax_graph = fig.add_axes([0.0, 0.45, 1.0, 0.46])                  # the text below it needs no axes
    text = fig.text(0.04, 0.43, "", va="top", ha="left", family="monospace", fontsize=9)
    return {"ax": ax_graph, "text": text, "title": fig.suptitle("")}


def step_figure(fig, step):
    """Draw the graph after ``step`` backward rules on ``fig``; returns (note, alternative text)."""
    return _update(_setup(fig), step)


def _update(scene, step):
    loss, _, _ = autograd.network_graph(playground_network(), X, Y)
    total = sum(1 for node in autograd.topological_order(loss) if node.parents)
    if not 0 <= step <= total:
        raise ValueError(f"the backward pass of this graph has {total} rules; choose a step from 0 to {total}.")
    ran = loss.backward(steps=step)
    current = ran[-1] if ran else loss
    g, keys = autograd.to_graph(loss, op_labels=False)
    for node in ran:
        g.labels[keys[node]] += r"\,\checkmark"
    ax_graph = scene["ax"]
    for artist in list(ax_graph.texts):          # the last step's boxes and arrows (clearing the axes costs more)
        artist.remove()
    graph.draw(g, ax_graph, highlight=keys[current], fontsize=10)
    if ran:
        title = f"Step {step} of {total}: the rule of {current.name or current.op} ({current.op}) ran"
        lines = describe_step(current)
    else:
        title = f"Step 0 of {total}: the pass starts at the loss with dL/dL = 1"
        lines = ["dL/dL = 1", "", "Move the slider to run", "the rules one by one,", "from the loss back."]
    scene["title"].set_text(title)
    scene["text"].set_text("\n".join(lines))
    if not ran:
        return ("Nothing has run yet: the loss's own gradient is 1.",
                "The engine's graph of a 2-2-1 network before the backward pass: the loss L is highlighted "
                "and its gradient, 1, is shown below the graph.")
    done = ", ".join(n.name or n.op for n in ran)
    name = current.name or current.op
    parents = " and ".join(p.name or p.op for p in current.parents)
    return (f"Rules run so far, in order: {done}.",
            f"The engine's graph of a 2-2-1 network after {step} of {total} backward rules: {name} is highlighted "
            f"with its path to the loss, and the text below the graph shows dL/d{name} and what its {current.op} "
            f"rule passed on to {parents}.")


def backward_pass_playground():
    """A slider over the backward rules of a small network on the engine."""
    controls = {"step": widgets.int_slider(3, 0, rule_count(), 1, "backward rules run")}
    return widgets.Playground(_update, controls, setup=_setup, figsize=(8.4, 5.3),
                              title="The backward pass of a 2-2-1 network, one rule at a time",
                              suggestions=[{"step": step} for step in range(rule_count() + 1)])
