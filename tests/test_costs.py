"""nn_helpers.costs: the diagonal and element-wise gradients agree, and their costs scale as taught."""
import tracemalloc
import types

import numpy as np
import pytest

from nn_helpers import activations, costs, gradcheck, neuron


def _batch(m, n=3, seed=1):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 1)), float(rng.standard_normal()), rng.standard_normal((n, m)), rng.random((1, m))


@pytest.mark.parametrize("activation", activations.NAMES)
def test_both_forms_give_the_same_gradient_as_the_neuron(activation):
    w, b, X, y = _batch(9)
    dw_diag, db_diag = costs.gradient_diagonal(w, b, X, y, activation)
    dw_elem, db_elem = costs.gradient_elementwise(w, b, X, y, activation)
    dw_ref, db_ref = neuron.gradients(w, b, X, y, activation)
    assert dw_diag.shape == dw_elem.shape == (3, 1)
    np.testing.assert_allclose(dw_diag, dw_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dw_elem, dw_ref, rtol=1e-12, atol=1e-14)
    assert db_diag == pytest.approx(db_ref, rel=1e-12, abs=1e-14)
    assert db_elem == pytest.approx(db_ref, rel=1e-12, abs=1e-14)


def test_elementwise_form_matches_central_differences():
    w, b, X, y = _batch(6)

    def loss():
        a = activations.sigmoid(w.T @ X + b)
        return float(np.mean((a - y) ** 2))

    dw, _ = costs.gradient_elementwise(w, b, X, y, "sigmoid")
    assert gradcheck.relative_error(dw, gradcheck.numerical_gradient(loss, w)) < 1e-7


def test_rows_have_the_documented_fields(monkeypatch):
    """Each row holds m, the best (smallest) of `repeats` timings of each form, and peak bytes
    at least as large as the arrays each form must allocate. The clock is scripted: a diagonal
    call takes 5, 2, 7 s, an element-wise call 4, 9, 3 s (then 0 s for the memory run)."""
    clock = {"now": 0.0}

    def scripted(fn, seconds):
        durations = iter(seconds * 2)                              # the same script for both sizes

        def run(*args):
            clock["now"] += next(durations)
            return fn(*args)
        return run

    monkeypatch.setattr(costs, "time", types.SimpleNamespace(perf_counter=lambda: clock["now"]))
    monkeypatch.setattr(costs, "gradient_diagonal", scripted(costs.gradient_diagonal, [5.0, 2.0, 7.0, 0.0]))
    monkeypatch.setattr(costs, "gradient_elementwise", scripted(costs.gradient_elementwise, [4.0, 9.0, 3.0, 0.0]))
    rows = costs.diagonal_vs_elementwise([4, 8], repeats=3)
    assert [r.m for r in rows] == [4, 8]
    for r in rows:
        assert isinstance(r, costs.Cost)
        assert (r.diagonal_seconds, r.elementwise_seconds) == (2.0, 3.0)
        assert r.diagonal_peak_bytes >= 8 * r.m * r.m              # the (m, m) float64 matrix
        assert r.elementwise_peak_bytes >= 8 * r.m                 # at least one (1, m) row


def test_diagonal_peak_memory_grows_like_m_squared_and_elementwise_like_m():
    small, large = costs.diagonal_vs_elementwise([400, 800], repeats=1)
    # Doubling m: the (m, m) matrix takes four times the memory, the rows only twice.
    assert 3.5 < large.diagonal_peak_bytes / small.diagonal_peak_bytes < 4.5
    assert 1.5 < large.elementwise_peak_bytes / small.elementwise_peak_bytes < 2.5
    assert large.diagonal_peak_bytes >= 8 * 800 * 800          # at least the float64 (m, m) matrix
    assert large.elementwise_peak_bytes < large.diagonal_peak_bytes / 50


def test_tracemalloc_is_left_as_found():
    if tracemalloc.is_tracing():
        pytest.skip("tracemalloc was already running in this test session")
    costs.diagonal_vs_elementwise([10], repeats=1)
    assert not tracemalloc.is_tracing()
    tracemalloc.start()
    try:
        row, = costs.diagonal_vs_elementwise([200], repeats=1)
        assert tracemalloc.is_tracing()
        assert row.diagonal_peak_bytes >= 8 * 200 * 200
    finally:
        tracemalloc.stop()


def test_format_table_lists_every_size():
    rows = [costs.Cost(10, 1e-5, 800, 2e-6, 240), costs.Cost(2000, 0.0158, 32_000_000, 2.2e-5, 112_700)]
    table = costs.format_table(rows)
    lines = table.splitlines()
    assert len(lines) == 4
    assert "diagonal time" in lines[0] and "element-wise peak" in lines[0]
    assert "32.0 MB" in lines[3] and "112.7 kB" in lines[3] and "15.800 ms" in lines[3]
    assert "800 B" in lines[2]


def test_measures_without_threadpoolctl_too(monkeypatch):
    monkeypatch.setattr(costs, "threadpool_limits", None)
    row, = costs.diagonal_vs_elementwise([50], repeats=1)
    assert row.m == 50 and row.diagonal_peak_bytes >= 8 * 50 * 50
