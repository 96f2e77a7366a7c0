"""A reverse-mode autograd engine on NumPy arrays (notebook 07).

A ``Node`` holds a value (an array), the nodes it was computed from (its
parents), and its local backward rule: given dL/d(this node) in ``grad``, add
this node's contribution to dL/d(parent) for every parent. Each operation
below is one function that computes the forward value and defines the backward
rule right beside it. ``Node.backward`` sorts the graph topologically and runs
the rules from the loss back to the inputs.

Gradients accumulate with ``+=``: a value that feeds two consumers receives a
contribution from each (the sum over paths of notebook 04). Each node's grad
starts at zero when the node is made, so build a fresh graph for every backward
pass (as ``network_gradients`` does).

The operations are the ones the book's networks need:

    forward                          backward (g = dL/d out)
    matmul(W, A)   P = W A           dW += g A^T,  dA += W^T g
    add_bias(P, b) Z = P + b 1^T     dP += g,      db += g 1   (sum over samples, axis=1)
    add(a, c)      a + c             da += g,      dc += g
    activation(Z)  A = f(Z)          dZ += g * f'(Z)            (element-wise)
    softmax(Z)     a = e^z / sum e^z dz += a * (g - a^T g)     (per column: diag(a) - a a^T)
    mse(A, Y)      (1/m) sum (A-Y)^2 dA += g (2/m)(A - Y)
    softmax_cross_entropy(Z, Y)      dZ += g (1/m)(softmax(Z) - Y)
    sigmoid_cross_entropy(Z, Y)      dZ += g (1/m)(sigmoid(Z) - Y)
    total(a)       sum of entries    da += g
    mean(a)        mean of entries   da += g / a.size

The values and derivatives come from ``activations`` and ``losses``, the same
functions the book's ``Network`` uses. ``network_gradients(network, X, Y)``
builds a ``Network`` (either loss) on the engine and returns ``(dW, db)`` like
``Network.gradients``.
"""
import numpy as np

from . import activations, losses
from .checks import as_matrix

__all__ = ["Node", "matmul", "add_bias", "add", "activation", "softmax", "mse", "softmax_cross_entropy",
           "sigmoid_cross_entropy", "total", "mean", "topological_order", "network_graph", "network_gradients",
           "check_rule", "to_graph"]


class Node:
    """One value in the computation graph.

    value: the array (float); grad: dL/d(value), same shape, zero until backward;
    parents: the nodes this one was computed from; op: the operation's name;
    name: a label for drawings (e.g. "W1", "Z2"); backward_rule: adds this
    node's contribution to each parent's grad (does nothing for a leaf).
    """

    def __init__(self, value, parents=(), op="", name=""):
        value = np.asarray(value)
        if value.dtype.kind not in "fiub":
            raise ValueError(f"a Node holds an array of numbers, but got {value.dtype} data "
                             f"({type(value).__name__}); pass a NumPy array or a number.")
        self.value = value if value.dtype.kind == "f" else value.astype(np.float64)
        self.grad = np.zeros_like(self.value)
        self.parents = tuple(parents)
        self.op = op
        self.name = name
        self.backward_rule = lambda: None

    @property
    def shape(self):
        return self.value.shape

    def __repr__(self):
        label = f"{self.name!r}, " if self.name else ""
        return f"Node({label}op={self.op or 'leaf'!r}, shape={self.shape})"

    def __matmul__(self, other):
        return matmul(self, other)

    def __add__(self, other):
        """``P + b`` adds a bias column to every sample; otherwise shapes must be equal."""
        other = _node(other)
        if self.value.ndim == 2 and other.shape == (self.shape[0], 1) != self.shape:
            return add_bias(self, other)
        return add(self, other)

    def backward(self, grad=None, steps=None):
        """Run every backward rule, from this node down to the leaves.

        grad: dL/d(this node); omit it for a scalar loss (then it is 1).
        steps: run only the first ``steps`` rules (the step-through playground).
        Returns the nodes whose rules ran, in that order (leaves have no rule).
        """
        if grad is None:
            if self.value.size != 1:
                raise ValueError(f"backward() without a grad needs a scalar loss, but this node has shape "
                                 f"{self.shape}; pass grad=dL/d(node) shaped like its value.")
            grad = np.ones_like(self.value)
        grad = np.asarray(grad, dtype=self.value.dtype)
        if grad.shape != self.shape:
            raise ValueError(f"grad has shape {grad.shape} but the node's value has shape {self.shape}; "
                             "a gradient is shaped like the value it belongs to.")
        self.grad = self.grad + grad
        order = [node for node in reversed(topological_order(self)) if node.parents][:steps]
        for node in order:
            node.backward_rule()
        return order


def topological_order(root):
    """Every node ``root`` depends on, each after all of its parents (``root`` last).

    A depth-first search, recursive as in micrograd: fine for graphs a few hundred
    nodes deep (the book's networks have three nodes per layer).
    """
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)

    visit(root)
    return order


def _node(x):
    return x if isinstance(x, Node) else Node(x)


def _targets(Y, A, kind=None):
    """Y as a constant array shaped like A (probabilities for cross-entropy); clear errors otherwise."""
    if A.value.ndim != 2:
        raise ValueError(f"a loss needs outputs of shape (outputs, samples), but got shape {A.shape}.")
    if kind is None:
        return as_matrix("Y", Y, rows=A.shape[0], cols=A.shape[1], dtype=A.value.dtype, rows_meaning="outputs")
    return losses.check_targets(Y, A.shape[0], kind, cols=A.shape[1], dtype=A.value.dtype)


def _shapes(what, *nodes):
    return f"{what}: got shapes " + " and ".join(str(n.shape) for n in nodes)


# -- the operations: forward value and backward rule side by side --------------

def matmul(W, A, name=""):
    """P = W A; W: (n, k), A: (k, m) -> P: (n, m)."""
    W, A = _node(W), _node(A)
    if W.value.ndim != 2 or A.value.ndim != 2 or W.shape[1] != A.shape[0]:
        raise ValueError(_shapes("matmul(W, A) needs W (n, k) and A (k, m) with equal k (columns of W = "
                                 "rows of A)", W, A) + "; did you swap the factors or forget a .T?")
    out = Node(W.value @ A.value, (W, A), "matmul", name)

    def backward_rule():
        W.grad += out.grad @ A.value.T              # dL/dW = G A^T
        A.grad += W.value.T @ out.grad              # dL/dA = W^T G
    out.backward_rule = backward_rule
    return out


def add_bias(P, b, name=""):
    """Z = P + b 1^T: the column b (n, 1) added to every sample (column) of P (n, m)."""
    P, b = _node(P), _node(b)
    if P.value.ndim != 2 or b.shape != (P.shape[0], 1):
        raise ValueError(_shapes("add_bias(P, b) needs P (n, m) and a column b (n, 1)", P, b))
    out = Node(P.value + b.value, (P, b), "add_bias", name)

    def backward_rule():
        P.grad += out.grad
        b.grad += out.grad.sum(axis=1, keepdims=True)   # b was used by all m samples: sum over them
    out.backward_rule = backward_rule
    return out


def add(a, c, name=""):
    """a + c for two arrays of the same shape (a skip connection, a sum of two paths)."""
    a, c = _node(a), _node(c)
    if a.shape != c.shape:
        raise ValueError(_shapes("add(a, c) needs equal shapes (use add_bias for a bias column)", a, c))
    out = Node(a.value + c.value, (a, c), "add", name)

    def backward_rule():
        a.grad += out.grad
        c.grad += out.grad
    out.backward_rule = backward_rule
    return out


def activation(Z, f="sigmoid", name=""):
    """A = f(Z) element-wise, for one of the book's activations (``activations.NAMES``)."""
    Z = _node(Z)
    f_value, f_prime = activations.get(f)
    out = Node(f_value(Z.value), (Z,), f, name)

    def backward_rule():
        Z.grad += out.grad * f_prime(Z.value)       # the diagonal Jacobian as an element-wise product
    out.backward_rule = backward_rule
    return out


def softmax(Z, name=""):
    """A = softmax(Z), column by column: a_k = e^(z_k) / sum_j e^(z_j); Z, A: (n, m)."""
    Z = _node(Z)
    out = Node(activations.softmax(Z.value), (Z,), "softmax", name)

    def backward_rule():
        # (diag(a) - a a^T) g per column, without building the Jacobian: a * (g - a^T g)
        Z.grad += activations.softmax_backward(out.value, out.grad)
    out.backward_rule = backward_rule
    return out


def mse(A, Y, name="L"):
    """L = (1/m) sum_i sum_k (A_ki - Y_ki)^2, a scalar; Y is a constant (n, m) array."""
    A = _node(A)
    Y = _targets(Y, A)
    out = Node(losses.mse(A.value, Y), (A,), "mse", name)

    def backward_rule():
        A.grad += out.grad * losses.mse_prime(A.value, Y)     # (2/m)(A - Y)
    out.backward_rule = backward_rule
    return out


def softmax_cross_entropy(Z, Y, name="L"):
    """L = -(1/m) sum_i sum_k Y_ki log softmax(Z)_ki, from the scores Z (n, m); Y one-hot (n, m)."""
    Z = _node(Z)
    Y = _targets(Y, Z, "categorical")
    out = Node(losses.cross_entropy_from_logits(Z.value, Y), (Z,), "softmax_cross_entropy", name)

    def backward_rule():
        Z.grad += out.grad * (activations.softmax(Z.value) - Y) / Z.shape[1]      # (1/m)(A - Y)
    out.backward_rule = backward_rule
    return out


def sigmoid_cross_entropy(Z, Y, name="L"):
    """L = -(1/m) sum [Y log s + (1 - Y) log(1 - s)], s = sigmoid(Z), from the scores Z (n, m)."""
    Z = _node(Z)
    Y = _targets(Y, Z, "binary")
    out = Node(losses.binary_cross_entropy_from_logits(Z.value, Y), (Z,), "sigmoid_cross_entropy", name)

    def backward_rule():
        Z.grad += out.grad * (activations.sigmoid(Z.value) - Y) / Z.shape[1]      # (1/m)(A - Y)
    out.backward_rule = backward_rule
    return out


def total(a, name=""):
    """The sum of all entries of a, a scalar."""
    a = _node(a)
    out = Node(np.sum(a.value), (a,), "sum", name)

    def backward_rule():
        a.grad += out.grad * np.ones_like(a.value)
    out.backward_rule = backward_rule
    return out


def mean(a, name=""):
    """The mean of all entries of a, a scalar."""
    a = _node(a)
    out = Node(np.mean(a.value), (a,), "mean", name)

    def backward_rule():
        a.grad += out.grad * np.ones_like(a.value) / a.value.size
    out.backward_rule = backward_rule
    return out


# -- the book's network on the engine -------------------------------------------

def network_graph(network, X, Y):
    """The forward pass of ``network`` as a graph: returns (loss node, W nodes, b nodes).

    The parameters are copies: the network itself is left untouched.
    Z^(l) = W^(l) A^(l-1) + b^(l) 1^T, A^(l) = f(Z^(l)), then the network's loss.
    """
    X, Y = network._check_XY(X, Y)
    A = Node(X, name="A0")
    Ws, bs = [], []
    L = len(network.weights)
    for l, (W, b) in enumerate(zip(network.weights, network.biases), start=1):
        Ws.append(Node(W.copy(), name=f"W{l}"))
        bs.append(Node(b.copy(), name=f"b{l}"))
        Z = add_bias(matmul(Ws[-1], A, name=f"P{l}"), bs[-1], name=f"Z{l}")
        f = network.activation if l < L else network.output_activation
        if l == L and network.loss_name == "cross_entropy":   # Network allows it with softmax or sigmoid only
            cross_entropy = softmax_cross_entropy if f == "softmax" else sigmoid_cross_entropy
            return cross_entropy(Z, Y), Ws, bs
        A = softmax(Z, name=f"A{l}") if f == "softmax" else activation(Z, f, name=f"A{l}")
    return mse(A, Y), Ws, bs


def network_gradients(network, X, Y):
    """(dW, db) of ``network`` on (X, Y), computed by the engine; shaped like ``Network.gradients``.

    X: (n_0, m), Y: (n_L, m); dW[l]: (n_{l+1}, n_l), db[l]: (n_{l+1}, 1). The network is not changed.
    """
    loss, Ws, bs = network_graph(network, X, Y)
    loss.backward()
    return [W.grad for W in Ws], [b.grad for b in bs]


# -- checking a rule, drawing a graph -------------------------------------------

def check_rule(op, *shapes, seed=0, eps=1e-6):
    """Relative error between ``op``'s backward rule and central differences, per input.

    op: a function of Nodes returning a Node, e.g. ``lambda W, A: matmul(W, A)``;
    shapes: the shape of each random input. The output is weighted by a fixed
    random array R (L = sum(R * out)), so every entry of the rule is tested.
    Returns a list of relative errors, one per input (see ``gradcheck``).
    """
    from .gradcheck import numerical_gradient, relative_error

    rng = np.random.default_rng(seed)
    inputs = [Node(rng.standard_normal(shape)) for shape in shapes]
    out = op(*inputs)
    R = rng.standard_normal(out.shape)
    out.backward(R)
    weighted = lambda: float(np.sum(R * op(*inputs).value))   # noqa: E731  (re-reads the nudged inputs)
    return [relative_error(x.grad, numerical_gradient(weighted, x.value, eps)) for x in inputs]


def _latex(name):
    """"W1" -> bold W with superscript (1); other names as upright text."""
    letters = name.rstrip("0123456789")
    digits = name[len(letters):]
    if len(letters) == 1 and letters.isalpha():
        return rf"\mathbf{{{letters}}}" + (f"^{{({digits})}}" if digits else "")
    return rf"\mathrm{{{name}}}" if name else ""


def to_graph(root, op_labels=True):
    """The graph behind ``root`` as a ``graph.Graph`` for ``graph.draw`` (the loss is node "L").

    Nodes are laid out by their depth in the graph, leaves (inputs and
    parameters) beside the first node that uses them. Returns (graph, keys):
    keys maps each Node to its key in the drawing.
    """
    from .graph import Graph

    order = topological_order(root)
    keys, used = {}, set()
    for k, node in enumerate(order):
        key = "L" if node is root else (node.name or f"{node.op}{k}")
        while key in used:
            key += "'"
        used.add(key)
        keys[id(node)] = key
    depth = {}
    for node in order:
        inner = [depth[id(p)] for p in node.parents if p.parents]
        depth[id(node)] = (max(inner) + 1 if inner else 1) if node.parents else 0
    g = Graph()
    rows = {}
    children = {}
    for node in order:
        for p in node.parents:
            children.setdefault(id(p), node)
    for node in order:
        if node.parents or id(node) not in children:
            x = 1.8 * depth[id(node)]
            row = rows.setdefault(x, [])
            y = [0, -1.4, 1.4, -2.8, 2.8][len(row) % 5]
        else:                                            # a leaf: beside its first consumer
            x = 1.8 * depth[id(children[id(node)])] - 0.9
            row = rows.setdefault(x, [])
            y = [1.3, -1.3, 2.6, -2.6, 0][len(row) % 5]
        row.append(node)
        label = _latex(node.name) if node.name and node is not root else ("L" if node is root else "")
        if op_labels and node.parents:
            op = node.op.replace("_", r"\_")
            label = rf"{label}\ [\mathrm{{{op}}}]" if label else rf"\mathrm{{{op}}}"
        g.add(keys[id(node)], x, y, label or r"\cdot")
    g.edges = [(keys[id(p)], keys[id(node)]) for node in order for p in node.parents]
    return g, {node: keys[id(node)] for node in order}
