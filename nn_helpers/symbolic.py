"""Symbolic proofs with sympy: build a small neuron or network from symbols,
let sympy differentiate its loss, and check a hand-derived formula against it.

A check passes when the difference of the two sides simplifies to exactly
zero, entry by entry: an algebraic proof for these sizes, not a numerical
coincidence. Networks use an undefined function f by default, so one proof
covers every activation at once; ``activation(name)`` gives a concrete one.
"""
import sympy as sp

_t = sp.Symbol("t", real=True)


def matrix(name, rows, cols):
    """A (rows, cols) sympy Matrix of real symbols name_{ij}, 1-based like the notebooks."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{{{i + 1}{j + 1}}}", real=True))


def vector(name, n):
    """A (n, 1) column of real symbols name_{i}."""
    return sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"{name}_{{{i + 1}}}", real=True))


def activation(name="f"):
    """(f, f_prime) as functions of a sympy expression.

    name "f" gives an undefined function f with derivative f', so a proof holds for
    any differentiable activation. Concrete names: identity, sigmoid, tanh, relu.
    """
    if name == "f":
        f = sp.Function("f")
        return f, lambda z: sp.diff(f(_t), _t).subs(_t, z)
    concrete = {
        "identity": lambda z: z,
        "sigmoid": lambda z: 1 / (1 + sp.exp(-z)),
        "tanh": sp.tanh,
        "relu": lambda z: sp.Max(0, z),
    }
    if name not in concrete:
        raise ValueError(f"unknown activation {name!r}; expected 'f' or one of {sorted(concrete)}.")
    g = concrete[name]
    return g, lambda z: sp.diff(g(_t), _t).subs(_t, z)


def elementwise(f, M):
    """Apply f to every entry of the Matrix M."""
    return M.applyfunc(f)


def mse(A, Y):
    """L = (1/m) sum over samples (columns) and outputs (rows) of (A - Y)^2."""
    m = A.shape[1]
    return sum((a - y) ** 2 for a, y in zip(A, Y)) / m


def gradient(L, M):
    """The matrix of partial derivatives dL/dM_ij, shaped like M."""
    return M.applyfunc(lambda entry: sp.diff(L, entry))


def network(layer_sizes, m, f="f"):
    """A symbolic network: a dict with X, Y, Ws, bs, Zs, As (lists, 0-based) and loss L.

    X: (n_0, m) with symbols x_{ij}; Y: (n_L, m) with y_{ij};
    Ws[l]: (n_{l+1}, n_l) with w^{(l+1)}_{ij}; bs[l]: (n_{l+1}, 1) with b^{(l+1)}_{i}.
    """
    g, g_prime = activation(f)
    X = matrix("x", layer_sizes[0], m)
    Y = matrix("y", layer_sizes[-1], m)
    Ws = [matrix(f"w^{{({l + 1})}}", n_out, n_in) for l, (n_in, n_out) in enumerate(zip(layer_sizes, layer_sizes[1:]))]
    bs = [vector(f"b^{{({l + 1})}}", n_out) for l, n_out in enumerate(layer_sizes[1:])]
    Zs, As = [], [X]
    ones = sp.ones(1, m)
    for W, b in zip(Ws, bs):
        Zs.append(W * As[-1] + b * ones)
        As.append(elementwise(g, Zs[-1]))
    return {"X": X, "Y": Y, "Ws": Ws, "bs": bs, "Zs": Zs, "As": As, "L": mse(As[-1], Y),
            "f": g, "f_prime": g_prime}


class SymbolicCheck:
    """The verdict of comparing two sympy expressions or matrices.

    ``holds`` is True when lhs - rhs simplifies to zero (every entry, for matrices).
    In a notebook it displays as LaTeX: the label, the simplified difference, the verdict.
    """

    def __init__(self, lhs, rhs, label):
        self.lhs, self.rhs, self.label = lhs, rhs, label
        if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
            lhs, rhs = sp.Matrix(lhs), sp.Matrix(rhs)
            if lhs.shape != rhs.shape:
                raise ValueError(f"cannot compare a {lhs.shape} matrix with a {rhs.shape} matrix.")
            self.difference = (lhs - rhs).applyfunc(lambda e: sp.simplify(sp.expand(e.doit())))
            self.holds = all(e == 0 for e in self.difference)
        else:
            self.difference = sp.simplify(sp.expand(sp.sympify(lhs - rhs).doit()))
            self.holds = self.difference == 0

    def __bool__(self):
        return bool(self.holds)

    @property
    def verdict(self):
        if self.holds:
            return "proved: the difference simplifies to zero"
        return "NOT proved: the difference does not simplify to zero"

    def __repr__(self):
        return f"{self.label}: {self.verdict}."

    def _repr_latex_(self):
        words = r"\text{" + self.verdict + "}"
        return rf"$\displaystyle {self.label} \;:\; {sp.latex(self.difference)} \quad {words}$"


def check_equal(lhs, rhs, label="\\text{hand} - \\text{sympy}"):
    """Compare two sympy expressions (or matrices); returns a ``SymbolicCheck``."""
    return SymbolicCheck(lhs, rhs, label)
