"""What the diagonal Jacobian costs: one neuron's gradient written two ways, measured.

For a neuron a^T = f(w^T X + b 1^T) on a batch X of shape (n, m) with the mean
squared error, the chain rule gives (notebook 03)

    diagonal form:      delta^T = dL/da diag(f'(z))     dL/da: (1, m), diag(f'(z)): (m, m)
    element-wise form:  delta^T = dL/da * f'(z)^T       (* is element-wise, no (m, m) matrix)

and then grad_w L = X delta, dL/db = sum_i delta_i. Both give the same numbers,
but the diagonal form builds an m x m matrix that is zero off its diagonal, so
its time and memory grow like m^2; the element-wise form grows like m.

``diagonal_vs_elementwise(sizes)`` measures both and is the single source of the
table that notebook 03 plots and that the benchmarks print (``format_table``).
"""
import contextlib
import time
import tracemalloc
from typing import NamedTuple

import numpy as np

from . import activations

try:  # optional: pins BLAS to one thread, like the element-wise form's NumPy loops
    from threadpoolctl import threadpool_limits
except ImportError:  # then BLAS may use several threads, whose stalls on a busy machine make timings erratic
    threadpool_limits = None

__all__ = ["gradient_diagonal", "gradient_elementwise", "Cost", "diagonal_vs_elementwise", "format_table"]


def _backward_inputs(w, b, X, y, activation):
    """Forward pass; returns dL/da (1, m) and f'(z)^T (1, m)."""
    f, f_prime = activations.get(activation)
    z = w.T @ X + b                         # z^T: (1, m)
    a = f(z)                                # a^T: (1, m)
    dL_da = (2.0 / X.shape[1]) * (a - y)    # (1, m), a row in the numerator layout
    return dL_da, f_prime(z)


def gradient_diagonal(w, b, X, y, activation="sigmoid"):
    """(grad_w L (n, 1), dL/db) through the Jacobian da/dz = diag(f'(z)), an (m, m) matrix.

    w: (n, 1), b: float, X: (n, m), y: (1, m). No input checks: this is a measurement.
    """
    dL_da, fp = _backward_inputs(w, b, X, y, activation)
    da_dz = np.diag(fp[0])                  # (m, m), zero off the diagonal
    delta = dL_da @ da_dz                   # delta^T = dL/dz: (1, m)
    return X @ delta.T, float(delta.sum())


def gradient_elementwise(w, b, X, y, activation="sigmoid"):
    """(grad_w L (n, 1), dL/db) with delta^T = dL/da * f'(z)^T, element by element.

    The same numbers as ``gradient_diagonal`` and as ``neuron.gradients``.
    """
    dL_da, fp = _backward_inputs(w, b, X, y, activation)
    delta = dL_da * fp                      # delta^T: (1, m)
    return X @ delta.T, float(delta.sum())


class Cost(NamedTuple):
    """One row of the measurement: batch size m, best time (s) and peak memory (bytes) of each form."""

    m: int
    diagonal_seconds: float
    diagonal_peak_bytes: int
    elementwise_seconds: float
    elementwise_peak_bytes: int


def _best_time(fn, args, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


def _peak_bytes(fn, args):
    """Bytes allocated at the peak of one call, beyond what was allocated before it.

    NumPy reports its array buffers to tracemalloc, so the (m, m) matrix shows up.
    Works whether or not tracemalloc was already running (it is left as found).
    """
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        fn(*args)
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        if not was_tracing:
            tracemalloc.stop()


def diagonal_vs_elementwise(sizes, repeats=5, n=3, activation="sigmoid", seed=0):
    """Measure both gradient forms for every batch size m in ``sizes``; a list of ``Cost`` rows.

    For each m, a random neuron with n inputs and a batch X of shape (n, m) are
    drawn from ``np.random.default_rng(seed)``. Time is the best of ``repeats``
    calls, measured with ``time.perf_counter`` (tracemalloc off, as it slows
    allocation); peak memory is measured on one more call with ``tracemalloc``.
    Times vary from run to run and machine to machine; peak bytes barely do.
    Both forms run on one core (BLAS is pinned to one thread when threadpoolctl
    is installed): a multi-threaded matrix product stalls unpredictably when
    other programs share the cores, and the element-wise form is single-threaded.
    Keep m at a few thousand at most: the diagonal form needs 8 m^2 bytes.
    """
    with threadpool_limits(1, user_api="blas") if threadpool_limits else contextlib.nullcontext():
        return _measure(sizes, repeats, n, activation, seed)


def _measure(sizes, repeats, n, activation, seed):
    rows = []
    rng = np.random.default_rng(seed)
    for m in sizes:
        m = int(m)
        args = (rng.standard_normal((n, 1)), float(rng.standard_normal()),
                rng.standard_normal((n, m)), rng.random((1, m)), activation)
        rows.append(Cost(
            m,
            _best_time(gradient_diagonal, args, repeats), _peak_bytes(gradient_diagonal, args),
            _best_time(gradient_elementwise, args, repeats), _peak_bytes(gradient_elementwise, args),
        ))
    return rows


def _bytes(count):
    for unit, size in (("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} B"


def format_table(rows):
    """The rows of ``diagonal_vs_elementwise`` as a plain-text table (a str)."""
    header = ("m", "diagonal time", "element-wise time", "diagonal peak", "element-wise peak")
    lines = [header]
    for r in rows:
        lines.append((str(r.m), f"{r.diagonal_seconds * 1e3:.3f} ms", f"{r.elementwise_seconds * 1e3:.3f} ms",
                      _bytes(r.diagonal_peak_bytes), _bytes(r.elementwise_peak_bytes)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.rjust(w) for cell, w in zip(line, widths)) for line in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(text)
