"""The autograd engine: every backward rule against central differences and PyTorch,
the book's network on the engine against the general delta formula, accumulation
where a value is used twice, and clear errors."""
import numpy as np
import pytest

from nn_helpers import Network, activations, autograd as ag, gradcheck

try:
    import torch
except ImportError:  # the engine never needs it; only these comparisons do
    torch = None
needs_torch = pytest.mark.skipif(torch is None, reason="PyTorch is not installed: the comparisons with its "
                                                       "autograd are skipped (pip install torch to run them)")

RNG_SEED = 7


def one_hot_columns(rng, n, m):
    return np.eye(n)[:, rng.integers(0, n, size=m)]


def ops_with_shapes(rng):
    """(name, engine op of Nodes, the same op in PyTorch, input shapes) for every operation."""
    n, k, m = 3, 4, 5
    Y = rng.standard_normal((n, m))
    labels = one_hot_columns(rng, n, m)
    bits = rng.integers(0, 2, size=(n, m)).astype(float)
    F = torch.nn.functional if torch is not None else None
    cases = [
        ("matmul", lambda W, A: ag.matmul(W, A), lambda W, A: W @ A, [(n, k), (k, m)]),
        ("add_bias", lambda P, b: ag.add_bias(P, b), lambda P, b: P + b, [(n, m), (n, 1)]),
        ("add", lambda a, c: ag.add(a, c), lambda a, c: a + c, [(n, m), (n, m)]),
        ("softmax", lambda Z: ag.softmax(Z), lambda Z: torch.softmax(Z, dim=0), [(n, m)]),
        ("mse", lambda A: ag.mse(A, Y), lambda A: ((A - torch.tensor(Y)) ** 2).sum() / m, [(n, m)]),
        ("softmax_cross_entropy", lambda Z: ag.softmax_cross_entropy(Z, labels),
         lambda Z: F.cross_entropy(Z.T, torch.tensor(labels.argmax(axis=0)), reduction="sum") / m, [(n, m)]),
        ("sigmoid_cross_entropy", lambda Z: ag.sigmoid_cross_entropy(Z, bits),
         lambda Z: F.binary_cross_entropy_with_logits(Z, torch.tensor(bits), reduction="sum") / m, [(n, m)]),
        ("total", lambda a: ag.total(a), lambda a: a.sum(), [(n, m)]),
        ("mean", lambda a: ag.mean(a), lambda a: a.mean(), [(n, m)]),
        ("W @ A + b", lambda W, A, b: W @ A + b, lambda W, A, b: W @ A + b, [(n, k), (k, m), (n, 1)]),
    ]
    torch_fs = {"identity": lambda z: z, "sigmoid": lambda z: torch.sigmoid(z), "tanh": lambda z: torch.tanh(z),
                "relu": lambda z: torch.relu(z)}
    cases += [(f"activation {f}", (lambda f: lambda Z: ag.activation(Z, f))(f), torch_fs[f], [(n, m)])
              for f in activations.NAMES]
    return cases


CASE_NAMES = [case[0] for case in ops_with_shapes(np.random.default_rng(0))]


@pytest.mark.parametrize("index", range(len(CASE_NAMES)), ids=CASE_NAMES)
def test_every_rule_matches_central_differences(index):
    name, op, _, shapes = ops_with_shapes(np.random.default_rng(RNG_SEED))[index]
    for seed in range(5):
        errors = ag.check_rule(op, *shapes, seed=seed)
        assert len(errors) == len(shapes)
        assert max(errors) < 1e-7, (name, seed, errors)


@pytest.mark.parametrize("index", range(len(CASE_NAMES)), ids=CASE_NAMES)
def test_every_rule_accumulates_when_its_inputs_are_used_twice(index):
    """The same inputs feed two copies of the op: each rule must add (+=), not overwrite (=)."""
    name, op, _, shapes = ops_with_shapes(np.random.default_rng(RNG_SEED))[index]
    errors = ag.check_rule(lambda *xs: ag.add(op(*xs), op(*xs)), *shapes, seed=1)
    assert max(errors) < 1e-7, (name, errors)


@needs_torch
@pytest.mark.parametrize("index", range(len(CASE_NAMES)), ids=CASE_NAMES)
def test_every_rule_matches_pytorch(index):
    rng = np.random.default_rng(RNG_SEED)
    name, op, torch_op, shapes = ops_with_shapes(rng)[index]
    inputs = [rng.standard_normal(shape) for shape in shapes]
    nodes = [ag.Node(x.copy()) for x in inputs]
    out = op(*nodes)
    R = rng.standard_normal(out.shape)
    out.backward(R)
    tensors = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    t_out = torch_op(*tensors)
    np.testing.assert_allclose(out.value, t_out.detach().numpy(), rtol=1e-12, atol=1e-14, err_msg=name)
    t_out.backward(torch.tensor(R))
    for node, tensor in zip(nodes, tensors):
        np.testing.assert_allclose(node.grad, tensor.grad.numpy(), rtol=1e-10, atol=1e-13, err_msg=name)


# -- the book's network on the engine -----------------------------------------

OUTPUTS = [(f, "mse") for f in activations.NAMES + ("softmax",)] + [("softmax", "cross_entropy"),
                                                                    ("sigmoid", "cross_entropy")]


def random_network(rng, hidden=None, output=None, loss=None):
    """A random architecture, non-zero biases, and inputs and targets that suit its loss."""
    depth = int(rng.integers(1, 5))
    sizes = [int(s) for s in rng.integers(1, 6, size=depth + 1)]
    m = int(rng.integers(1, 7))
    hidden = hidden or str(rng.choice(activations.NAMES))
    if output is None:
        output, loss = OUTPUTS[rng.integers(len(OUTPUTS))]
    net = Network(sizes, activation=hidden, output_activation=output, seed=int(rng.integers(1000)), loss=loss)
    for b in net.biases:
        b += rng.standard_normal(b.shape)
    if loss == "cross_entropy" and output == "softmax":
        Y = one_hot_columns(rng, sizes[-1], m)
    elif loss == "cross_entropy":
        Y = rng.integers(0, 2, size=(sizes[-1], m)).astype(float)
    else:
        Y = rng.standard_normal((sizes[-1], m))
    return net, rng.standard_normal((sizes[0], m)), Y


@pytest.mark.parametrize("output, loss", OUTPUTS)
@pytest.mark.parametrize("hidden", activations.NAMES)
def test_network_gradients_equal_the_general_delta_formula(hidden, output, loss):
    rng = np.random.default_rng(sum(map(ord, hidden + output + loss)))
    for _ in range(10):
        net, X, Y = random_network(rng, hidden, output, loss)
        dW, db = ag.network_gradients(net, X, Y)
        ref_dW, ref_db = net.gradients(X, Y)
        for ours, theirs in zip(dW + db, ref_dW + ref_db):
            assert ours.shape == theirs.shape
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("output, loss", OUTPUTS)
@pytest.mark.parametrize("hidden", activations.NAMES)
def test_network_gradients_match_central_differences(hidden, output, loss):
    rng = np.random.default_rng(100 + sum(map(ord, hidden + output + loss)))
    for _ in range(3):
        net, X, Y = random_network(rng, hidden, output, loss)
        dW, db = ag.network_gradients(net, X, Y)
        for grad, param in zip(dW + db, net.weights + net.biases):
            error = gradcheck.relative_error(grad, gradcheck.numerical_gradient(lambda: net.loss(X, Y), param))
            # ReLU's kink can sit within eps of a pre-activation: still far below 1e-4
            assert error < (1e-4 if "relu" in (net.activation, net.output_activation) else 1e-7), (net, error)


@needs_torch
def test_network_gradients_match_pytorch():
    rng = np.random.default_rng(3)
    F = torch.nn.functional
    fs = {"identity": lambda z: z, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
          "softmax": lambda z: torch.softmax(z, dim=0)}
    for _ in range(40):
        net, X, Y = random_network(rng)
        dW, db = ag.network_gradients(net, X, Y)
        params = [torch.tensor(p, requires_grad=True) for p in net.weights + net.biases]
        L, m, Y_t = len(net.weights), X.shape[1], torch.tensor(Y)
        A = torch.tensor(X)
        for l in range(L - 1):
            A = fs[net.activation](params[l] @ A + params[L + l])
        Z = params[L - 1] @ A + params[-1]
        if net.loss_name == "mse":
            loss = ((fs[net.output_activation](Z) - Y_t) ** 2).sum() / m
        elif net.output_activation == "softmax":
            loss = F.cross_entropy(Z.T, Y_t.argmax(dim=0), reduction="sum") / m
        else:
            loss = F.binary_cross_entropy_with_logits(Z, Y_t, reduction="sum") / m
        loss.backward()
        for ours, tensor in zip(dW + db, params):
            np.testing.assert_allclose(ours, tensor.grad.numpy(), rtol=1e-10, atol=1e-13, err_msg=repr(net))


def test_network_is_left_untouched():
    rng = np.random.default_rng(4)
    net, X, Y = random_network(rng, "tanh", "softmax", "cross_entropy")
    before = [p.copy() for p in net.weights + net.biases]
    X_before = X.copy()
    dW, db = ag.network_gradients(net, X, Y)
    _, W_nodes, b_nodes = ag.network_graph(net, X, Y)
    assert not any(np.shares_memory(n.value, p) for n, p in zip(W_nodes + b_nodes, net.weights + net.biases))
    for p, q in zip(net.weights + net.biases, before):
        np.testing.assert_array_equal(p, q)
    np.testing.assert_array_equal(X, X_before)
    assert all(not np.shares_memory(g, p) for g, p in zip(dW + db, net.weights + net.biases))


# -- the engine's mechanics -----------------------------------------------------

def test_a_value_used_twice_receives_both_contributions():
    """x feeds tanh and the sum directly: dL/dx = tanh'(x) + 1, not one of the two."""
    x = ag.Node(np.array([[0.3, -1.2], [2.0, 0.5]]))
    L = ag.total(ag.add(ag.activation(x, "tanh"), x))
    L.backward()
    np.testing.assert_allclose(x.grad, 1 - np.tanh(x.value) ** 2 + 1, rtol=1e-15)
    y = ag.Node(np.array([[1.5]]))
    ag.total(ag.add(y, y)).backward()
    assert y.grad[0, 0] == 2.0


def test_a_weight_shared_by_two_layers_gets_the_sum_of_both_gradients():
    shared = lambda W, x: ag.activation(W @ ag.activation(W @ x, "tanh"), "tanh")  # noqa: E731
    errors = ag.check_rule(shared, (3, 3), (3, 4))
    assert max(errors) < 1e-7, errors
    two_readers = lambda W, V, x: ag.add(W @ x, V @ x)  # noqa: E731  (x feeds two products)
    errors = ag.check_rule(two_readers, (2, 3), (2, 3), (3, 4))
    assert max(errors) < 1e-7, errors


def test_topological_order_puts_parents_first_and_runs_each_rule_once():
    W, A, b = ag.Node(np.ones((2, 3))), ag.Node(np.ones((3, 4))), ag.Node(np.ones((2, 1)))
    Z = W @ A + b
    L = ag.mean(ag.add(Z, Z))
    order = ag.topological_order(L)
    assert order[-1] is L and len(order) == len({id(n) for n in order}) == 7
    for position, node in enumerate(order):
        assert all(order.index(p) < position for p in node.parents)
    ran = L.backward()
    assert [n.op for n in ran] == ["mean", "add", "add_bias", "matmul"]
    np.testing.assert_allclose(b.grad, np.full((2, 1), 2 * 4 / 8))


def test_backward_steps_runs_only_the_first_rules():
    x = ag.Node(np.array([[1.0, 2.0]]))
    L = ag.total(ag.activation(x, "sigmoid"))
    ran = L.backward(steps=1)
    assert [n.op for n in ran] == ["sum"] and not x.grad.any()


def test_clear_errors():
    with pytest.raises(ValueError, match="columns of W = rows of A"):
        ag.matmul(np.ones((2, 3)), np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"column b \(n, 1\)"):
        ag.add_bias(np.ones((2, 3)), np.ones((1, 2)))
    with pytest.raises(ValueError, match="equal shapes"):
        ag.add(np.ones((2, 3)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="one_hot"):
        ag.softmax_cross_entropy(np.ones((3, 4)), np.array([[0, 1, 2, 1]]))
    with pytest.raises(ValueError, match="columns"):
        ag.mse(np.ones((3, 4)), np.ones((3, 5)))
    with pytest.raises(ValueError, match="scalar loss"):
        ag.Node(np.ones((2, 2))).backward()
    with pytest.raises(ValueError, match="shaped like"):
        ag.Node(np.ones((2, 2))).backward(np.ones(3))
    with pytest.raises(ValueError, match="array of numbers"):
        ag.Node("text")
    with pytest.raises(ValueError, match="unknown activation"):
        ag.activation(np.ones((2, 2)), "swish")


def test_stable_losses_at_large_scores():
    Z = np.array([[1000.0, -1000.0], [0.0, 0.0]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    L = ag.softmax_cross_entropy(Z, Y)
    L.backward()
    assert float(L.value) == pytest.approx(0.0, abs=1e-300) and np.isfinite(L.value)
    assert np.isfinite(ag.sigmoid_cross_entropy(Z, Y).value)
    assert np.isfinite(ag.softmax(Z).value).all()


def test_graph_drawing_has_every_node_and_edge():
    net = Network([3, 4, 2], activation="tanh")
    L, Ws, bs = ag.network_graph(net, np.ones((3, 2)), np.zeros((2, 2)))
    g, keys = ag.to_graph(L)
    assert set(g.nodes) == {"A0", "W1", "b1", "P1", "Z1", "A1", "W2", "b2", "P2", "Z2", "A2", "L"}
    assert ("W1", "P1") in g.edges and ("A2", "L") in g.edges and len(g.edges) == 11
    assert keys[L] == "L" and len(g.paths("W1")) == 1
