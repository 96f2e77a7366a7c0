"""Keep every link to the book's repository in step with pyproject.toml.

The repository's address is written in one place only: pyproject.toml,
[project.urls] Repository. Everything else is derived from it here:

- the setup cell that opens every notebook (found by its first comment line,
  SETUP_MARKER); only its source is rewritten, its outputs and metadata are
  kept, so the committed executed notebooks stay valid;
- the README's launch badges: "Open in Colab" and "Launch Binder" for each
  notebook of the table of contents (between <!-- toc:start --> and
  <!-- toc:end -->; the titles and descriptions there are kept), and for the
  whole book (between <!-- launch:start --> and <!-- launch:end -->);
- single lines elsewhere (DERIVED_LINES): the quick start's `git clone` and `cd`,
  the website's repository address (book/_config.yml: launch buttons, repository
  button), and CITATION.cff's repository-code and version ([project] version).
  The website's "Report a problem with this page" links are made from
  pyproject.toml when the site is built (book/_ext/bfs_book.py).

    python tools/sync_links.py           # rewrite whatever drifted
    python tools/sync_links.py --check   # change nothing; exit 1 if anything drifted

tests/test_links.py runs the check.
"""
import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRANCH = "main"

SETUP_MARKER = "# Setup: make the book's helper package importable."

# The setup cell. It installs the branch as a zip archive (pip needs no git
# for that); NN_HELPERS_SOURCE overrides the source (tests/test_colab_setup.py
# points it at a zip of the checkout). pip's output is captured and shown only
# when it fails, as an error: a subprocess's own output may never reach the
# notebook (Colab), and on success it is noise.
SETUP_CELL = """\
# Setup: make the book's helper package importable. In a local clone or on Binder it is
# already installed and this cell does nothing; elsewhere (Colab) it installs it first.
import importlib.util, os, subprocess, sys
if importlib.util.find_spec("nn_helpers") is None:
    repository = "{repository}"
    source = os.environ.get("NN_HELPERS_SOURCE", repository + "/archive/refs/heads/{branch}.zip")
    print("Installing the book's helper package from", source)
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", source],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        raise RuntimeError("pip could not install the helper package:\\n" + pip.stdout + pip.stderr)
    importlib.invalidate_caches()"""

TOC = ("<!-- toc:start -->", "<!-- toc:end -->")
LAUNCH = ("<!-- launch:start -->", "<!-- launch:end -->")
TOC_ROW = re.compile(r"^\|\s*(?P<link>\[[^\]]+\]\((?P<path>notebooks/[^)\s]+\.ipynb)\))\s*\|(?P<what>(?:[^|\\]|\\.)*)\|")
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def project_version(root=ROOT):
    """The version in pyproject.toml's [project] table."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    section = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    match = section and re.search(r'^\s*version\s*=\s*"([^"]+)"', section.group(1), re.M)
    if not match:
        raise SystemExit("pyproject.toml has no [project] version")
    return match.group(1)


def repository_url(root=ROOT):
    """The address in pyproject.toml's [project.urls] Repository, without a trailing slash."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ImportError:  # Python < 3.11: read the one line we need
        section = re.search(r"^\[project\.urls\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
        match = section and re.search(r'^\s*Repository\s*=\s*"([^"]+)"', section.group(1), re.M)
        if not match:
            raise SystemExit("pyproject.toml has no [project.urls] Repository")
        url = match.group(1)
    else:
        url = tomllib.loads(text)["project"]["urls"]["Repository"]
    return url.rstrip("/")


def github_slug(url):
    """'owner/name' of a GitHub address (Colab and Binder open GitHub repositories)."""
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?", url)
    if not match:
        raise SystemExit(f"the Repository address {url!r} is not https://github.com/OWNER/NAME")
    return f"{match.group(1)}/{match.group(2)}"


def setup_cell_source(url):
    return SETUP_CELL.format(repository=url, branch=BRANCH)


def colab_url(url, notebook):
    return f"https://colab.research.google.com/github/{github_slug(url)}/blob/{BRANCH}/{notebook}"


def binder_url(url, path):
    return f"https://mybinder.org/v2/gh/{github_slug(url)}/{BRANCH}?urlpath=lab/tree/{path}"


def badges(url, notebook):
    """(Colab badge, Binder badge) in Markdown for one notebook path."""
    return (f"[![Open in Colab]({COLAB_BADGE})]({colab_url(url, notebook)})",
            f"[![Launch Binder]({BINDER_BADGE})]({binder_url(url, notebook)})")


# ----------------------------------------------------------------- notebooks

def _source_text(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def find_setup_cell(nb):
    """Index of the setup cell (the code cell whose first line starts with SETUP_MARKER), or None."""
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code" and _source_text(cell).startswith(SETUP_MARKER):
            return i
    return None


def sync_notebook(path, url, write):
    """Problems found in one notebook (empty when in step); rewrites the setup cell if ``write``."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    i = find_setup_cell(nb)
    if i is None:
        return [f"{path.name}: no setup cell (a code cell starting with {SETUP_MARKER!r}); "
                "add it by hand as the first code cell, then run this script"]
    problems = []
    first_code = next(k for k, c in enumerate(nb["cells"]) if c.get("cell_type") == "code")
    if i != first_code:
        problems.append(f"{path.name}: the setup cell is not the first code cell")
    wanted = setup_cell_source(url)
    if _source_text(nb["cells"][i]) != wanted:
        if write:
            # The layout nbformat writes (one string per line, indent 1, sorted keys).
            nb["cells"][i]["source"] = wanted.splitlines(keepends=True)
            path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                            encoding="utf-8")
            print(f"{path.name}: setup cell rewritten")
        else:
            problems.append(f"{path.name}: the setup cell differs from the one derived from pyproject.toml")
    return problems


# ------------------------------------------------------------ derived lines

def _name(url):
    return github_slug(url).split("/")[1]


# (file, the lines' pattern, the lines made from (url, version)). Each pattern must match
# exactly once in its file (a missing line is a problem to report, not to guess).
DERIVED_LINES = [
    ("README.md", re.compile(r"^git clone \S+\ncd \S+$", re.M),
     lambda url, version: f"git clone {url}.git\ncd {_name(url)}"),
    ("book/_config.yml", re.compile(r"^  url: \S+$", re.M), lambda url, version: f"  url: {url}"),
    ("CITATION.cff", re.compile(r"^repository-code: .*$", re.M), lambda url, version: f'repository-code: "{url}"'),
    ("CITATION.cff", re.compile(r"^version: .*$", re.M), lambda url, version: f'version: "{version}"'),
]


def sync_lines(root, url, version, write):
    problems = []
    for rel, pattern, make in DERIVED_LINES:
        path = root / rel
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        matches = list(pattern.finditer(text))
        if len(matches) != 1:
            problems.append(f"{rel}: expected one line matching {pattern.pattern!r}, found {len(matches)}")
            continue
        wanted = make(url, version)
        if matches[0].group(0) != wanted:
            if write:
                text = text[:matches[0].start()] + wanted + text[matches[0].end():]
                path.write_text(text, encoding="utf-8")
                print(f"{rel}: {wanted.strip()!r}")
            else:
                problems.append(f"{rel}: {matches[0].group(0).strip()!r} should be {wanted.strip()!r}")
    return problems


# ------------------------------------------------------------------- README

def _region(text, markers, name):
    start, end = markers
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(f"README.md needs exactly one {start} ... {end} region ({name})")
    a = text.index(start) + len(start)
    return a, text.index(end)


def render_toc(body, url):
    """The table of contents with badge columns; titles and descriptions kept as they are."""
    lines = [line for line in body.strip("\n").splitlines() if line.strip()]
    if len(lines) < 2 or TOC_ROW.match(lines[0]) or not set(lines[1]) <= set("|-: "):
        raise ValueError("README.md: the table of contents must start with a header row and a |---| row")
    names = [cell.strip() for cell in lines[0].strip().strip("|").split("|")][:2]
    out = [f"| {names[0]} | {names[1]} | Colab | Binder |", "|---|---|---|---|"]
    for line in lines[2:]:
        row = TOC_ROW.match(line)
        if not row:
            raise ValueError(f"README.md: cannot read this table-of-contents row: {line}")
        colab, binder = badges(url, row["path"])
        out.append(f"| {row['link']} | {row['what'].strip()} | {colab} | {binder} |")
    return "\n" + "\n".join(out) + "\n"


def toc_notebooks(readme):
    """Notebook paths listed in the README's table of contents, in order."""
    a, b = _region(readme, TOC, "table of contents")
    return [m["path"] for m in map(TOC_ROW.match, readme[a:b].splitlines()) if m]


def render_launch(url, first_notebook):
    colab, binder = badges(url, first_notebook)
    return f"\n{binder} {colab}\n"


def sync_readme(path, url, write):
    text = path.read_text(encoding="utf-8")
    problems = []
    try:
        a, b = _region(text, TOC, "table of contents")
        new = text[:a] + render_toc(text[a:b], url) + text[b:]
        notebooks = toc_notebooks(new)
        if not notebooks:
            raise ValueError("README.md's table of contents lists no notebook")
        a, b = _region(new, LAUNCH, "whole-book launch badges in 'Run it your way'")
        new = new[:a] + render_launch(url, notebooks[0]) + new[b:]
    except ValueError as err:
        return [str(err)]
    if new != text:
        if write:
            path.write_text(new, encoding="utf-8")
            print("README.md: launch badges rewritten")
        else:
            problems.append("README.md: the launch badges differ from the ones derived from pyproject.toml")
    return problems


def sync(root=ROOT, write=True):
    """Bring everything in step (or only report, with write=False). Returns a list of problems."""
    url = repository_url(root)
    github_slug(url)
    problems = sync_readme(root / "README.md", url, write)
    problems += sync_lines(root, url, project_version(root) if (root / "CITATION.cff").exists() else "", write)
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        problems += sync_notebook(path, url, write)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything drifted")
    args = parser.parse_args(argv)
    problems = sync(write=not args.check)
    for problem in problems:
        print(problem)
    if problems and args.check:
        print("Run `python tools/sync_links.py` to bring them in step.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
