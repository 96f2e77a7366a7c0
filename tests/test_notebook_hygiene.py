"""The committed notebooks are clean: fast checks on the JSON, no kernel, no browser.

- kernelspec metadata is the book's Python 3 kernel (no "Select Kernel" dialog);
- widget metadata is absent, or valid: it holds the "state" of every widget a
  cell output shows (GitHub refuses to render a notebook whose widget metadata
  lacks "state");
- executed top to bottom in a fresh kernel: execution counts 1..n in order;
- no error outputs (nor tracebacks printed to stderr);
- every cell that displays a widget carries the cell tag ``nbval-ignore-output``
  (invisible to readers; the older ``# NBVAL_IGNORE_OUTPUT`` first line still passes);
  a playground's own output carries its picture (a PNG with alt text) and a
  one-line text besides the widget, so readers on GitHub, nbviewer or the website
  see the default setting, and no ``pg.show_static()`` cell repeats it.
"""
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Only the harness's own self-test points this elsewhere.
ROOT = Path(os.environ.get("BFS_NOTEBOOKS_ROOT", REPO)).resolve()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@pytest.fixture(params=NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def nb(request):
    return json.loads(request.param.read_text(encoding="utf-8"))


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def where(i, cell):
    return f"cell {i} ({source(cell).strip().splitlines()[0][:60]!r})" if source(cell).strip() else f"cell {i}"


def test_kernelspec_is_the_books_python3_kernel(nb):
    assert nb["metadata"].get("kernelspec") == KERNELSPEC


def test_widget_metadata_is_absent_or_has_state(nb):
    widgets = nb["metadata"].get("widgets")
    if widgets is None:
        return
    assert WIDGET_STATE in widgets, f"metadata.widgets lacks {WIDGET_STATE!r}: {sorted(widgets)}"
    state = widgets[WIDGET_STATE].get("state")
    assert isinstance(state, dict), "metadata.widgets has no 'state' (GitHub cannot render the notebook)"
    for i, cell in code_cells(nb):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view:
                assert view["model_id"] in state, f"{where(i, cell)} shows a widget missing from metadata.widgets"


def test_executed_top_to_bottom(nb):
    ran = [(i, c) for i, c in code_cells(nb) if source(c).strip()]
    counts = [c["execution_count"] for _, c in ran]
    assert counts == list(range(1, len(ran) + 1)), (
        f"execution counts {counts}: re-run the notebook top to bottom in a fresh kernel "
        "(jupyter nbconvert --to notebook --execute --inplace)")


def test_no_error_outputs(nb):
    for i, cell in code_cells(nb):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{where(i, cell)}: {out.get('ename')}: {out.get('evalue')}"
            if out["output_type"] == "stream":
                text = "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
                assert "Traceback (most recent call last)" not in text, f"{where(i, cell)} printed a traceback"


def shows_a_figure_widget(nb, view):
    """Whether the widget tree under ``view`` holds a playground's figure area."""
    state = nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not state:
        return True  # no state to look into: treat every widget as a playground
    todo, seen = [view["model_id"]], set()
    while todo:
        model = state.get(todo.pop())
        if model is None or id(model) in seen:
            continue
        seen.add(id(model))
        if model.get("model_name") == "OutputModel":
            return True     # a figure area made of an Output widget
        if "bfs-playground-figure" in model.get("state", {}).get("_dom_classes", []):
            return True
        children = model.get("state", {}).get("children", [])
        todo += [c[len("IPY_MODEL_"):] for c in children if isinstance(c, str) and c.startswith("IPY_MODEL_")]
    return False


def test_widget_cells_ignore_output_and_playgrounds_carry_their_picture(nb):
    cells = nb["cells"]
    for i, cell in code_cells(nb):
        outputs = [out for out in cell.get("outputs", []) if WIDGET_VIEW in out.get("data", {})]
        if not outputs:
            continue
        tagged = "nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])
        assert tagged or source(cell).startswith("# NBVAL_IGNORE_OUTPUT"), (
            f"{where(i, cell)} displays a widget: give it the cell tag nbval-ignore-output")
        playgrounds = [out for out in outputs if shows_a_figure_widget(nb, out["data"][WIDGET_VIEW])]
        following = next((c for c in cells[i + 1:] if c["cell_type"] == "code"), None)
        for out in playgrounds:
            # One playground, one figure: its own output carries the picture (what viewers
            # without a kernel show), with alternative text, and a one-line text fallback.
            assert "image/png" in out["data"], (
                f"{where(i, cell)} displays a playground without its picture: re-execute the notebook "
                "with the current nn_helpers (the playground's output then carries it)")
            alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt.split()) >= 4, f"{where(i, cell)}: the playground's picture has no alt text"
            plain = out["data"].get("text/plain", "")
            plain = "".join(plain) if isinstance(plain, list) else plain
            assert plain.strip() and not plain.startswith(("VBox(", "HBox(")), (
                f"{where(i, cell)}: the playground's text fallback is the widget's repr {plain[:40]!r}")
            state = nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
            assert out["data"][WIDGET_VIEW]["model_id"] not in state, (
                f"{where(i, cell)}: the notebook stores the playground's widget state, so nbconvert's HTML "
                "and the website show a dead copy of the widget (blank offline) instead of its picture: "
                "execute with --ExecutePreprocessor.store_widget_state=False")
            assert following is None or "show_static" not in source(following), (
                f"{where(i, cell)}: the playground already shows its picture; delete the "
                "pg.show_static() cell after it")


def test_no_execution_timestamps(nb):
    """Per-cell run times would change every re-run's diff; execute with
    ``--ExecutePreprocessor.record_timing=False`` (or strip ``metadata.execution``)."""
    stamped = [where(i, c) for i, c in enumerate(nb["cells"]) if "execution" in c.get("metadata", {})]
    assert not stamped, f"cells with execution timestamps: {stamped}"
