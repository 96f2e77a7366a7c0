"""Numerical gradients by central differences, and how to judge the agreement.

Central differences approximate a partial derivative by

    dL/dp ~ (L(p + eps) - L(p - eps)) / (2 eps),

with a truncation error of order eps^2 and a rounding error of about
u * |L| / eps, where u = 2.2e-16 is the precision of a double (the two loss
values are each rounded by about u * |L|, and their difference is divided by
2 eps). In double precision eps = 1e-5 balances the two (smaller eps makes
rounding win, larger eps makes truncation win). Agreement is measured by the
relative error with a noise floor

    rel(a, n) = max |a - n| / max(max |a| + max |n|, floor)

between the analytic gradient a and the numerical one n, where

    floor = 1e8 * u * |L| / eps        (2.2e-3 for |L| = 1 and eps = 1e-5).

Why the floor: the numerical gradient is only known to within its rounding
noise, about u * |L| / eps. Where the gradient is large, the noise is a tiny
fraction of it and the floor changes nothing. Where the gradient vanishes (the
first layers of a deep sigmoid network, say 1e-16), the numerical gradient is
pure noise, and a plain relative error would call a perfect formula "wrong".
The floor is the gradient size at which noise alone would give a relative
error of 1e-8 (1e7 times the noise, with a margin of ten for noise a few times
larger than the estimate): below it, the error says how far a and n differ
compared with what central differences can resolve at all. The price is that
a wrong formula whose whole gradient is far below the floor looks milder than
it is, e.g. "suspicious" instead of "wrong"; ``GradientCheck`` marks such
parameters "(below the noise floor)".

How to read it (double precision, smooth functions):

    below 1e-7      correct: the two agree to about the precision differences allow
    1e-7 to 1e-4    probably right, but look twice (a ReLU kink near a sample can do it)
    1e-4 to 1e-2    suspicious: often a factor or a term is wrong in a small way
    above 1e-2      wrong: the analytic gradient does not describe the function
    NaN             wrong: a NaN or infinity in either gradient is never correct

Single precision (float32): u is 1.2e-7, so the rounding noise u * |L| / eps is
about 1e-2 * |L| for eps = 1e-5: central differences cannot check a float32
computation. Check the same formulas in float64 instead;
``check_network`` does this by itself for a float32 network (it checks a
float64 copy with the same weights and says so).
"""
import copy
import numbers

import numpy as np

THRESHOLDS = ((1e-7, "correct"), (1e-4, "probably correct, look twice"),
              (1e-2, "suspicious"), (np.inf, "wrong"))
NOT_FINITE = "wrong: NaN or infinity"
FLOOR_FACTOR = 1e8     # floor = FLOOR_FACTOR * u * |L| / eps, see the module docstring


def noise_floor(loss, eps=1e-5, dtype=np.float64):
    """floor = 1e8 * u * |loss| / eps, u the precision of ``dtype``; see the module docstring."""
    return FLOOR_FACTOR * float(np.finfo(dtype).eps) * abs(float(loss)) / eps


def _loss_value(f):
    """f() as a float; a clear error if it is not a single real number."""
    value = f()
    try:
        array = np.asarray(value)
    except ValueError:
        array = np.asarray(None)
    if array.dtype.kind not in "biuf" or array.size != 1:
        shape = f" of shape {array.shape}" if array.dtype.kind in "biufc" else ""
        raise ValueError(
            f"f must return the loss as a single real number, but returned "
            f"{type(value).__name__}{shape}. Make f end with the loss itself, e.g. "
            f"return float(np.mean((A - Y) ** 2)), not the array of errors or nothing."
        )
    return float(array.reshape(()))


def _check_p(p, eps):
    if not isinstance(p, np.ndarray):
        raise ValueError(
            f"p must be the NumPy array that f reads (it is nudged in place), but got "
            f"{type(p).__name__}. Make it an array first, p = np.array(p, dtype=float), "
            f"and let f read that array."
        )
    if p.dtype.kind != "f":
        raise ValueError(
            f"p has dtype {p.dtype}, which cannot hold p + eps (a nudge of {eps} would be "
            f"rounded away or refused). Use a float array, p = p.astype(float), and let f read it."
        )
    if not p.flags.writeable:
        raise ValueError("p is read-only; numerical_gradient must nudge it in place. Pass a writeable copy.")
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not 0 < float(eps) < np.inf:
        raise ValueError(f"eps must be a small positive number such as 1e-5, but got {eps!r}.")


def numerical_gradient(f, p, eps=1e-5):
    """Central-difference gradient of the scalar function f() with respect to array p.

    f takes no arguments, reads p and returns one real number; p (a float array)
    is nudged in place entry by entry and always restored, even when f raises or
    the computation is interrupted. Returns an array shaped like p, in float64.
    Each difference is divided by the step p actually took (p + eps and p - eps
    rounded to p's dtype), so a float32 p is not off by its rounding of eps.
    """
    _check_p(p, eps)
    eps = float(eps)
    p_flat = p.reshape(-1)
    if not np.shares_memory(p_flat, p):
        raise ValueError("numerical_gradient needs p to be a contiguous array it can nudge in place.")
    grad = np.zeros(p.shape, dtype=np.float64)
    grad_flat = grad.reshape(-1)
    for i in range(p_flat.size):
        original = p_flat[i]
        try:
            p_flat[i] = original + eps
            up_step = float(p_flat[i])
            up = _loss_value(f)
            p_flat[i] = original - eps
            down_step = float(p_flat[i])
            down = _loss_value(f)
        finally:
            p_flat[i] = original
        step = up_step - down_step
        if step == 0:
            raise ValueError(
                f"eps={eps:g} is too small to change p[{i}] = {float(original):g} in {p.dtype}: "
                f"p + eps rounds back to p. Use a larger eps."
            )
        grad_flat[i] = (up - down) / step
    return grad


def relative_error(analytic, numerical, floor=0.0):
    """max |a - n| / max(max |a| + max |n|, floor, 1e-300); 0 means identical, NaN if either is not finite."""
    arrays = []
    for name, value in (("analytic", analytic), ("numerical", numerical)):
        try:
            arrays.append(np.asarray(value, dtype=np.float64))
        except (TypeError, ValueError):
            raise ValueError(f"the {name} gradient must be an array of real numbers, but got "
                             f"{type(value).__name__}.") from None
    analytic, numerical = arrays
    if analytic.shape != numerical.shape:
        raise ValueError(
            f"cannot compare gradients of shapes {analytic.shape} and {numerical.shape}; "
            "a gradient must have the shape of its parameter."
        )
    if not (np.isfinite(analytic).all() and np.isfinite(numerical).all()):
        return float("nan")
    scale = np.max(np.abs(analytic), initial=0.0) + np.max(np.abs(numerical), initial=0.0)
    return float(np.max(np.abs(analytic - numerical), initial=0.0) / max(scale, floor, 1e-300))


def verdict(error):
    """The word for a relative error, by the thresholds in this module's docstring."""
    if not np.isfinite(error):
        return NOT_FINITE
    return next(word for limit, word in THRESHOLDS if error < limit)     # the last limit is infinity


class GradientCheck:
    """The relative error of every parameter's gradient, readable in a notebook.

    errors: {name: relative error}; a NaN error (a NaN or infinity in a gradient)
    fails the check whatever the other parameters say. ``worst`` names the
    parameter with the largest (or a non-finite) error, ``max_error`` is its error.
    below_floor: names whose gradients were smaller than the noise floor.
    note: a line shown under the table (e.g. that a float64 copy was checked).
    """

    def __init__(self, errors, below_floor=(), note=""):
        self.errors = {name: float(err) for name, err in dict(errors).items()}
        self.below_floor = set(below_floor)
        self.note = note
        not_finite = [name for name, err in self.errors.items() if not np.isfinite(err)]
        if not_finite:
            self.worst = not_finite[0]
        else:
            self.worst = max(self.errors, key=self.errors.get, default=None)
        self.max_error = self.errors[self.worst] if self.worst is not None else float("nan")

    @property
    def passed(self):
        return bool(self.errors) and all(np.isfinite(e) and e < THRESHOLDS[0][0] for e in self.errors.values())

    def __repr__(self):
        lines = [f"  {name:<6} relative error {err:.1e}  ({verdict(err)})"
                 + ("  (below the noise floor)" if name in self.below_floor else "")
                 for name, err in self.errors.items()]
        if self.worst is None:
            final = "Verdict: nothing was checked (no gradients given)."
        elif not np.isfinite(self.max_error):
            final = (f"Verdict: wrong: {self.worst} has NaN or infinity in its analytic or numerical "
                     f"gradient, so it cannot be correct.")
        else:
            final = f"Verdict: {verdict(self.max_error)} (largest error {self.max_error:.1e}, in {self.worst})."
        return "\n".join(["Gradient check (central differences):", *lines, final]
                         + ([self.note] if self.note else []))


def check_network(network, X, Y, eps=1e-5):
    """Compare ``network.gradients`` with central differences for every W and b.

    Names are dW1, db1, ... (1-based, as in the notebooks). Errors use the noise
    floor of this module's docstring. A float32 network is checked through a
    float64 copy with the same weights (same formulas; float32 rounding would
    swamp the differences), and the result says so.
    """
    X, Y = network._check_XY(X, Y)
    note = ""
    if network.dtype != np.float64:
        twin = copy.deepcopy(network)
        twin.dtype = np.dtype(np.float64)
        twin.weights = [W.astype(np.float64) for W in network.weights]
        twin.biases = [b.astype(np.float64) for b in network.biases]
        note = (f"This network computes in {network.dtype.name}, whose rounding swamps central differences, "
                f"so a float64 copy with the same weights was checked: the same formulas, in double precision.")
        network = twin
        X, Y = X.astype(np.float64), Y.astype(np.float64)
    dW, db = network._gradients(X, Y)
    floor = noise_floor(network._loss(X, Y), eps)
    errors, below_floor = {}, []
    for l, (W, b) in enumerate(zip(network.weights, network.biases), start=1):
        for name, param, analytic in ((f"dW{l}", W, dW[l - 1]), (f"db{l}", b, db[l - 1])):
            numerical = numerical_gradient(lambda: network._loss(X, Y), param, eps)
            errors[name] = relative_error(analytic, numerical, floor)
            if np.isfinite(errors[name]) and np.max(np.abs(analytic)) + np.max(np.abs(numerical)) < floor:
                below_floor.append(name)
    return GradientCheck(errors, below_floor, note)
