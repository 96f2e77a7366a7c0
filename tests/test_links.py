"""Every link to the book's repository is derived from pyproject.toml and in step.

tools/sync_links.py writes the notebooks' setup cells and the README's launch
badges from [project.urls] Repository; these tests fail when anything drifted
(fix: `python tools/sync_links.py`) or when the address was typed by hand
somewhere else.
"""
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("sync_links", ROOT / "tools" / "sync_links.py")
sync_links = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sync_links)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_check_mode_finds_nothing_drifted():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "sync_links.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_setup_cell_opens_the_notebook(path):
    """The setup cell is the first code cell, right after the title markdown cell, and the same everywhere."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    assert cells[1]["cell_type"] == "code", "the setup cell must follow the title cell"
    assert "".join(cells[1]["source"]) == sync_links.setup_cell_source(sync_links.repository_url())
    assert cells[1]["outputs"] == [], "where nn_helpers is installed the setup cell prints nothing"


def test_readme_lists_every_notebook_and_only_existing_ones():
    listed = sync_links.toc_notebooks((ROOT / "README.md").read_text(encoding="utf-8"))
    on_disk = [f"notebooks/{p.name}" for p in NOTEBOOKS]
    assert sorted(set(on_disk) - set(listed)) == [], "notebooks missing from the README's table of contents"
    assert sorted(set(listed) - set(on_disk)) == [], "the README links notebooks that do not exist"


def test_badges_point_at_the_repository_and_the_notebook():
    url = "https://github.com/someone/some-book"
    colab, binder = sync_links.badges(url, "notebooks/00_x.ipynb")
    assert "(https://colab.research.google.com/github/someone/some-book/blob/main/notebooks/00_x.ipynb)" in colab
    assert "(https://mybinder.org/v2/gh/someone/some-book/main?urlpath=lab/tree/notebooks/00_x.ipynb)" in binder
    assert url + '"' in sync_links.setup_cell_source(url)


def test_sync_rewrites_only_the_setup_cell_source(tmp_path):
    """A drifted notebook gets the new source; outputs, metadata and other cells stay as they were."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project.urls]\nRepository = "https://github.com/a/b"\n')
    (tmp_path / "README.md").write_text(
        "# Book\n\n```bash\ngit clone https://github.com/a/b.git\ncd b\n```\n\n## Run it your way\n\n<!-- launch:start -->\nold\n<!-- launch:end -->\n\n"
        "<!-- toc:start -->\n| Notebook | What you learn |\n|---|---|\n"
        "| [00 — X](notebooks/00_x.ipynb) | things \\| more |\n<!-- toc:end -->\n\nrest\n")
    setup = {"cell_type": "code", "execution_count": 1, "id": "s",
             "metadata": {"tags": ["keep"]}, "outputs": [{"output_type": "stream", "name": "stdout",
                                                          "text": ["kept\n"]}],
             "source": [sync_links.SETUP_MARKER + " old text\n", "print(1)"]}
    other = {"cell_type": "code", "execution_count": 2, "id": "o", "metadata": {}, "outputs": [],
             "source": ["x = 1"]}
    nb = {"cells": [{"cell_type": "markdown", "id": "t", "metadata": {}, "source": ["# 00 — X"]}, setup, other],
          "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "notebooks" / "00_x.ipynb"
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")

    assert len(sync_links.sync(tmp_path, write=False)) == 2  # README and notebook drifted
    assert sync_links.sync(tmp_path, write=True) == []
    assert sync_links.sync(tmp_path, write=False) == []

    after = json.loads(path.read_text())
    assert "".join(after["cells"][1]["source"]) == sync_links.setup_cell_source("https://github.com/a/b")
    for key in ("outputs", "metadata", "execution_count", "id"):
        assert after["cells"][1][key] == setup[key]
    assert after["cells"][0] == nb["cells"][0] and after["cells"][2] == other
    assert after["metadata"] == nb["metadata"]
    readme = (tmp_path / "README.md").read_text()
    assert readme.startswith("# Book\n") and readme.endswith("<!-- toc:end -->\n\nrest\n")
    assert "| [00 — X](notebooks/00_x.ipynb) | things \\| more | [![Open in Colab]" in readme
    assert "old" not in readme


def _text_files():
    """The repository's files as git sees them (tracked and new, not ignored)."""
    try:
        out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
        paths = [ROOT / line for line in out.splitlines()]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", "build", "dist", "__pycache__", ".venv"}
        paths = [p for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts)
                 and not p.parent.name.endswith(".egg-info")]
    return [p for p in paths if p.is_file() and p.suffix in {".py", ".md", ".txt", ".yml", ".yaml",
                                                             ".toml", ".cfg", ".ipynb", ""}]


def test_the_address_is_written_by_hand_only_in_pyproject():
    """Outside pyproject.toml the repository's address (and any Colab or Binder link) appears only
    where sync_links.py writes it: the notebooks' setup cells, the README's badge regions and
    the lines of sync_links.DERIVED_LINES (git clone, the website's and CITATION.cff's address)."""
    url = sync_links.repository_url()
    pattern = re.compile("|".join(map(re.escape, [url.split("://", 1)[1], "colab.research.google.com/github/",
                                                  "mybinder.org/v2/"])))
    found = []
    for path in _text_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel in ("pyproject.toml", "tests/test_links.py") or rel.startswith("tools/"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ipynb":
            cells = json.loads(text)["cells"]
            setup = sync_links.find_setup_cell({"cells": cells})
            text = json.dumps([c for i, c in enumerate(cells) if i != setup])
        elif rel == "README.md":
            for markers in (sync_links.TOC, sync_links.LAUNCH):
                a, b = text.find(markers[0]), text.find(markers[1])
                if 0 <= a < b:
                    text = text[:a] + text[b:]
        for file, lines, _ in sync_links.DERIVED_LINES:
            if rel == file:
                text = lines.sub("", text)
        found += [f"{rel}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == [], "derive these from pyproject.toml in tools/sync_links.py instead"


def test_derived_lines_follow_the_address_and_version(tmp_path):
    """A fork's address and a new version reach the clone command, the website and CITATION.cff."""
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "9.8.7"\n\n[project.urls]\n'
                                             'Repository = "https://github.com/a/b"\n')
    (tmp_path / "notebooks").mkdir()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    for rel in ("book/_config.yml", "CITATION.cff"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text((ROOT / rel).read_text(encoding="utf-8"), encoding="utf-8")
    assert sync_links.sync(tmp_path, write=True) == []
    assert "git clone https://github.com/a/b.git\ncd b\n" in (tmp_path / "README.md").read_text()
    assert "\n  url: https://github.com/a/b\n" in (tmp_path / "book/_config.yml").read_text()
    citation = (tmp_path / "CITATION.cff").read_text()
    assert 'repository-code: "https://github.com/a/b"' in citation and 'version: "9.8.7"' in citation
