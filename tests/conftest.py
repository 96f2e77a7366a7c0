"""Shared pytest configuration of the book's tests.

The browser tests (tests/test_browser.py) leave their measurements in the
``browser_report`` fixture; ``pytest_terminal_summary`` prints them at the end
of every run, so a plain ``pytest`` shows the slider-to-new-plot latency of
each notebook (or why the browser tests were skipped) without ``-s``.

The tests run on every core (pytest-xdist, ``-n auto`` in pyproject.toml): each
test file and each notebook stays on one worker, in order. The browser tests
and the website's test are the longest files, so they are collected first and
start at once on two workers while the rest is shared out; a worker hands its
browser report to the controller, which prints it.
"""
import json
import os
import statistics

import pytest

BROWSER_REPORT = pytest.StashKey[dict]()


def _report(config):
    return config.stash.setdefault(BROWSER_REPORT, {"notebooks": {}, "unavailable": None, "seconds": None})


@pytest.fixture(scope="session")
def browser_report(request):
    """A dict the browser tests fill: per-notebook latencies, total time, why they could not run."""
    return _report(request.config)


def pytest_collection_modifyitems(session, config, items):
    """The longest files first, the browser tests and then the website's (stable otherwise): with two
    workers each starts one of them, and the rest is shared out as they finish."""
    def rank(item):
        return 0 if item.get_closest_marker("browser") else 1 if item.get_closest_marker("site") else 2
    items.sort(key=rank)


def _merge(report, other):
    report["notebooks"].update(other["notebooks"])
    report["unavailable"] = report["unavailable"] or other["unavailable"]
    if other["seconds"] is not None:
        report["seconds"] = (report["seconds"] or 0) + other["seconds"]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist, in the controller: take over the browser report a worker sent (see pytest_sessionfinish)."""
    sent = getattr(node, "workeroutput", {}).get("bfs_browser_report")
    if sent:
        _merge(_report(node.config), json.loads(sent))


def _ms(values):
    return f"{statistics.median(values):6.0f} {max(values):6.0f}" if values else f"{'-':>6} {'-':>6}"


def pytest_sessionfinish(session, exitstatus):
    """A pytest-xdist worker sends its browser report to the controller; the controller (or a run
    without workers), with $BFS_LATENCY_JSON set, writes it there (benchmarks/playground_latency.py)."""
    report = session.config.stash.get(BROWSER_REPORT, None)
    if hasattr(session.config, "workeroutput"):
        if report is not None:
            session.config.workeroutput["bfs_browser_report"] = json.dumps(report)
        return
    path = os.environ.get("BFS_LATENCY_JSON")
    if path and report is not None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report = config.stash.get(BROWSER_REPORT, None)
    if not report or not (report["notebooks"] or report["unavailable"]):
        return
    write = terminalreporter.write_line
    terminalreporter.section("browser tests: JupyterLab and Notebook 7 in headless Chromium")
    if report["unavailable"]:
        write(report["unavailable"])
        return
    write("ms from key press (or pick, or click) to the new plot image, timed in the page (reported, not asserted; "
          "benchmarks/playground_latency.py sets them against the targets).")
    write("cheap: sliders that redraw while dragged; train: sliders that retrain on release; other: drop-downs "
          "and text boxes; time: the whole test of the notebook, run: of it, opening it and running all cells")
    write(f"{'notebook':<48} {'sliders':>7} {'median':>6} {'max':>6}   "
          f"{'cheap':>5} {'median':>6} {'max':>6}   {'train':>5} {'median':>6} {'max':>6}   {'other':>5} {'max':>6}"
          f"   {'time':>6} {'run':>6}")
    for name, nb in sorted(report["notebooks"].items()):
        moves = nb["moves"]
        sliders = [m["ms"] for m in moves if m["kind"] in ("slider", "train slider")]
        cheap = [m["ms"] for m in moves if m["kind"] == "slider"]
        train = [m["ms"] for m in moves if m["kind"] == "train slider"]
        other = [m["ms"] for m in moves if m["kind"] not in ("slider", "train slider")]
        write(f"{name:<48} {len(sliders):>7} {_ms(sliders)}   {len(cheap):>5} {_ms(cheap)}   "
              f"{len(train):>5} {_ms(train)}   {len(other):>5} {f'{max(other):.0f}' if other else '-':>6}"
              f"   {nb.get('seconds', 0):5.1f}s {nb.get('run_seconds', 0):5.1f}s"
              + ("" if nb.get("passed", True) else "   (FAILED)")
              + ("   (opened, its pictures checked; not run)" if nb.get("opened_only") else ""))
    for ui in sorted({name.split(":")[0] for name in report["notebooks"] if ":" in name}):
        every = [m["ms"] for name, nb in report["notebooks"].items() if name.startswith(ui + ":")
                 for m in nb["moves"] if m["kind"] in ("slider", "train slider")]
        per_notebook = [statistics.median(v) for v in (
            [m["ms"] for m in nb["moves"] if m["kind"] in ("slider", "train slider")]
            for name, nb in report["notebooks"].items() if name.startswith(ui + ":")) if v]
        if every:
            write(f"{ui}: all {len(every)} slider moves: median {statistics.median(every):.0f} ms, max "
                  f"{max(every):.0f} ms; slowest notebook median {max(per_notebook):.0f} ms")
    if report["seconds"] is not None:
        write(f"total browser-test time (Chromium and JupyterLab start to shutdown): {report['seconds']:.1f} s")
