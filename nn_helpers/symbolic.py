"""Symbolic proofs with sympy: build a small neuron or network from symbols,
let sympy differentiate its loss, and check a hand-derived formula against it.

A check passes when the difference of the two sides simplifies to exactly
zero, entry by entry: an algebraic proof for these sizes, not a numerical
coincidence. A wrong formula is caught faster than sympy could fail to
simplify it: every undefined function becomes a fixed polynomial and every
symbol a rational number that respects its assumptions, and an exact non-zero
value there is a counterexample, so no proof of equality can exist. Networks
use an undefined function f by default, so one proof covers every activation
at once; ``activation(name)`` gives a concrete one.
"""
import numbers

import numpy as np
import sympy as sp

_t = sp.Symbol("t", real=True)


def matrix(name, rows, cols):
    """A (rows, cols) sympy Matrix of real symbols name_{ij}, 1-based like the notebooks.

    From 10 rows or columns on, the indices are separated by a comma, name_{i,j}:
    otherwise w_{111} would be both entry (1, 11) and entry (11, 1).
    """
    sep = "," if max(rows, cols) >= 10 else ""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{{{i + 1}{sep}{j + 1}}}", real=True))


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
    """L = (1/m) sum over samples (columns) and outputs (rows) of (A - Y)^2; A, Y of shape (n_out, m)."""
    A, Y = _as_sympy(A, "A"), _as_sympy(Y, "Y")
    if not (isinstance(A, sp.MatrixBase) and isinstance(Y, sp.MatrixBase)):
        raise ValueError(
            f"mse needs two sympy matrices of shape (outputs, samples), but got "
            f"{type(A).__name__} and {type(Y).__name__}. For one sample use sp.Matrix([[a]]) and sp.Matrix([[y]])."
        )
    if A.shape != Y.shape:
        hint = " Samples are columns: did you pass Y.T?" if A.shape == Y.shape[::-1] else ""
        raise ValueError(f"A has shape {A.shape} but Y has shape {Y.shape}; they must match entry by entry.{hint}")
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


def _as_sympy(value, name):
    """A sympy expression or Matrix from sympy objects, Python/NumPy numbers or NumPy arrays; else a clear error."""
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        return value
    if isinstance(value, str):
        raise ValueError(
            f"{name} is the string {value!r}; a proof needs sympy expressions, not text. Build it from "
            f"symbols, e.g. x = sp.Symbol('x'); check_equal(x + 1, 1 + x)."
        )
    if isinstance(value, np.ndarray):
        if value.ndim not in (1, 2) or value.dtype.kind not in "biufO":
            raise ValueError(
                f"{name} is a NumPy array of shape {value.shape} and dtype {value.dtype}; "
                f"a proof compares sympy expressions or matrices (1-D or 2-D)."
            )
        return sp.Matrix(value.reshape(-1, 1) if value.ndim == 1 else value)
    if isinstance(value, numbers.Number) and not isinstance(value, complex):
        return sp.sympify(value)
    raise ValueError(
        f"{name} is a {type(value).__name__}; check_equal compares sympy expressions or matrices "
        f"(numbers and NumPy arrays are converted)."
    )


class SymbolicCheck:
    """The verdict of comparing two sympy expressions or matrices.

    ``holds`` is True when lhs - rhs simplifies to zero (every entry, for matrices).
    ``counterexample`` is True when the difference is not zero at a sample point (see the
    module docstring): the two sides are then different, and sympy is not asked to simplify.
    In a notebook it displays as LaTeX: the label, the simplified difference, the verdict.
    """

    def __init__(self, lhs, rhs, label):
        self.lhs, self.rhs, self.label = lhs, rhs, label
        lhs, rhs = _as_sympy(lhs, "the left-hand side"), _as_sympy(rhs, "the right-hand side")
        if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
            if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase)):
                raise ValueError("cannot compare a matrix with a single expression; wrap the expression "
                                 "as sp.Matrix([[e]]) or take the matrix's entry.")
            lhs, rhs = sp.Matrix(lhs), sp.Matrix(rhs)
            if lhs.shape != rhs.shape:
                raise ValueError(f"cannot compare a {lhs.shape} matrix with a {rhs.shape} matrix.")
            self._expanded = (lhs - rhs).applyfunc(lambda e: sp.expand(e.doit()))
            entries = list(self._expanded)
        else:
            self._expanded = sp.expand(sp.sympify(lhs - rhs).doit())
            entries = [self._expanded]
        self.counterexample = any(e != 0 and _nonzero_at_a_sample_point(e) for e in entries)
        self._difference = None
        self.holds = not self.counterexample and all(e.is_zero is True for e in self._simplified())

    def _simplified(self):
        if self._difference is None:
            if isinstance(self._expanded, sp.MatrixBase):
                self._difference = self._expanded.applyfunc(sp.simplify)
            else:
                self._difference = sp.simplify(self._expanded)
        return self._difference if isinstance(self._difference, sp.MatrixBase) else [self._difference]

    @property
    def difference(self):
        """lhs - rhs, simplified (computed on first use after a counterexample: it can be slow)."""
        self._simplified()
        return self._difference

    def __bool__(self):
        return bool(self.holds)

    @property
    def verdict(self):
        if self.holds:
            return "proved: the difference simplifies to zero"
        if self.counterexample:
            return "NOT proved: the two sides differ (their difference is not zero at a sample point)"
        return "NOT proved: the difference does not simplify to zero"

    def __repr__(self):
        return f"{self.label}: {self.verdict}."

    def _repr_latex_(self):
        words = r"\text{" + self.verdict + "}"
        if self.counterexample and sp.count_ops(self._expanded) > 60:
            shown = r"\neq 0"                            # too long to simplify and read
        else:
            shown = sp.latex(self.difference)
        return rf"$\displaystyle {self.label} \;:\; {shown} \quad {words}$"


def _nonzero_at_a_sample_point(expr, seed=0):
    """True when expr is certainly not identically zero; False when this cannot tell.

    Each undefined function f(u) becomes the polynomial c0 + c1 u + ... + c4 u^4, each free
    symbol a rational number consistent with its assumptions (positive, integer, ...), all
    drawn from a seeded generator. If the exact value, or a 30-digit evaluation well away
    from zero, is not zero, this choice of functions and values is a counterexample.
    """
    rng = np.random.default_rng(seed)

    def rational():                                    # positive and never a whole number
        q = int(rng.choice([7, 11, 13, 17, 19, 23]))
        return sp.Rational(int(rng.integers(0, 3)) * q + int(rng.integers(1, q)), q)

    try:
        polynomials = {}
        for f in sorted({a.func for a in expr.atoms(sp.core.function.AppliedUndef)}, key=str):
            u = sp.symbols(f"u_:{len(next(iter(expr.atoms(f))).args)}", cls=sp.Dummy)
            polynomials[f] = sp.Lambda(u, sum(sum(rational() * v**k for k in range(5)) for v in u))

        def concrete(e):
            for f, polynomial in polynomials.items():
                e = e.replace(f, polynomial)
            return e

        # f'(z) appears as Subs(Derivative(f(t), t), t, z): differentiate the polynomial, then put z
        # in (rebuilding a Subs around a long z is slow in sympy).
        at_points = {s: concrete(s.expr).doit().xreplace(dict(zip(s.variables, s.point)))
                     for s in expr.atoms(sp.Subs)}
        expr = concrete(expr.xreplace(at_points)).doit()   # no undefined function or bound symbol left
        values = {}
        for symbol in sorted(expr.free_symbols, key=str):             # seeded and in a fixed order
            value = sp.Integer(int(rng.integers(2, 9))) if symbol.is_integer else rational()
            value = -value if symbol.is_negative or symbol.is_nonpositive else value
            if any(getattr(value, "is_" + key, None) != holds for key, holds in symbol.assumptions0.items()):
                return False                           # an assumption this sampler does not meet
            values[symbol] = value
        value = expr.xreplace(values).doit()
        if value.is_Rational:
            return value != 0
        value = sp.N(value, 30)
        return bool(value.is_number and value.is_finite and sp.Abs(value) > 1e-12)
    except Exception:                                  # anything unusual: leave it to simplify
        return False


def check_equal(lhs, rhs, label="\\text{hand} - \\text{sympy}"):
    """Compare two sympy expressions (or matrices); returns a ``SymbolicCheck``.

    Python numbers and NumPy arrays are converted to sympy; strings are refused
    (a proof is built from symbols). Floats are compared as they are: use
    sp.Rational(1, 3), not 1/3, for an exact proof.
    """
    return SymbolicCheck(lhs, rhs, label)
