"""Numerical gradients by central differences, and how to judge the agreement.

Central differences approximate a partial derivative by

    dL/dp ~ (L(p + eps) - L(p - eps)) / (2 eps),

with a truncation error of order eps^2 and a rounding error of order
1e-16 * |L| / eps. In double precision eps = 1e-5 balances the two (smaller
eps makes rounding win, larger eps makes truncation win). Agreement is measured by the relative error

    rel(a, n) = max |a - n| / max(max |a| + max |n|, tiny)

between the analytic gradient a and the numerical one n. How to read it
(double precision, smooth functions):

    below 1e-7      correct: the two agree to about the precision differences allow
    1e-7 to 1e-4    probably right, but look twice (a ReLU kink near a sample can do it)
    1e-4 to 1e-2    suspicious: often a factor or a term is wrong in a small way
    above 1e-2      wrong: the analytic gradient does not describe the function
"""
import numpy as np

THRESHOLDS = ((1e-7, "correct"), (1e-4, "probably correct, look twice"),
              (1e-2, "suspicious"), (np.inf, "wrong"))


def numerical_gradient(f, p, eps=1e-5):
    """Central-difference gradient of the scalar function f() with respect to array p.

    f takes no arguments and reads p; p is nudged in place entry by entry and
    always restored. Returns an array shaped like p (in float64).
    """
    p_flat = p.reshape(-1)
    if not np.shares_memory(p_flat, p):
        raise ValueError("numerical_gradient needs p to be a contiguous array it can nudge in place.")
    grad = np.zeros(p.shape, dtype=np.float64)
    grad_flat = grad.reshape(-1)
    for i in range(p_flat.size):
        original = p_flat[i]
        p_flat[i] = original + eps
        up = f()
        p_flat[i] = original - eps
        down = f()
        p_flat[i] = original
        grad_flat[i] = (up - down) / (2 * eps)
    return grad


def relative_error(analytic, numerical):
    """max |a - n| / max(max |a| + max |n|, 1e-300); 0 means identical."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numerical = np.asarray(numerical, dtype=np.float64)
    if analytic.shape != numerical.shape:
        raise ValueError(
            f"cannot compare gradients of shapes {analytic.shape} and {numerical.shape}; "
            "a gradient must have the shape of its parameter."
        )
    scale = np.max(np.abs(analytic), initial=0.0) + np.max(np.abs(numerical), initial=0.0)
    return float(np.max(np.abs(analytic - numerical), initial=0.0) / max(scale, 1e-300))


def verdict(error):
    """The word for a relative error, by the thresholds in this module's docstring."""
    for limit, word in THRESHOLDS:
        if error < limit:
            return word
    return THRESHOLDS[-1][1]


class GradientCheck:
    """The relative error of every parameter's gradient, readable in a notebook."""

    def __init__(self, errors):
        self.errors = dict(errors)
        self.max_error = max(self.errors.values(), default=0.0)

    @property
    def passed(self):
        return self.max_error < THRESHOLDS[0][0]

    def __repr__(self):
        lines = [f"  {name:<6} relative error {err:.1e}  ({verdict(err)})" for name, err in self.errors.items()]
        return "\n".join(["Gradient check (central differences):", *lines,
                          f"Verdict: {verdict(self.max_error)} (largest error {self.max_error:.1e})."])


def check_network(network, X, Y, eps=1e-5):
    """Compare ``network.gradients`` with central differences for every W and b.

    Names are dW1, db1, ... (1-based, as in the notebooks). Use a float64 network.
    """
    X, Y = network._check_XY(X, Y)
    dW, db = network._gradients(X, Y)
    errors = {}
    for l, (W, b) in enumerate(zip(network.weights, network.biases), start=1):
        errors[f"dW{l}"] = relative_error(dW[l - 1], numerical_gradient(lambda: network._loss(X, Y), W, eps))
        errors[f"db{l}"] = relative_error(db[l - 1], numerical_gradient(lambda: network._loss(X, Y), b, eps))
    return GradientCheck(errors)
