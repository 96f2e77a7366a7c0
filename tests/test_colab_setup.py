"""The notebooks' setup cell, proven offline on both of its paths.

Where nn_helpers is installed (a local clone, Binder) the cell prints nothing.
Where it is missing (Colab, a notebook downloaded on its own) it installs the
package with pip and the notebook runs on. The second path is shown in a fresh
virtual environment, built in a temporary folder without the system's or this
environment's site-packages, holding only what Colab already has: pip,
ipykernel, numpy, matplotlib, sympy, notebook (linked from this environment,
which is fast) and Colab's ipywidgets 7.7.1 (from PyPI). NN_HELPERS_SOURCE
points the cell at this checkout packed the way GitHub packs a branch (a zip
with one top folder) instead of at GitHub. A kernel of that environment runs a
small notebook that starts with the real setup cell (tests/test_links.py proves
every notebook carries the same cell), trains a network, builds every
playground and moves one of its controls; then the first notebook, the one the
README's launch badges open, runs to its end in the same environment.
"""
import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("sync_links", ROOT / "tools" / "sync_links.py")
sync_links = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sync_links)

SETUP_CELL = sync_links.setup_cell_source(sync_links.repository_url())
# What a Colab runtime already has, as far as the book is concerned (Colab pins ipywidgets 7.7.1).
COLAB_HAS = ["pip", "ipykernel", "numpy", "matplotlib", "sympy", "notebook"]
COLAB_IPYWIDGETS = "7.7.1"


def test_setup_cell_is_silent_where_nn_helpers_is_installed(tmp_path):
    result = subprocess.run([sys.executable, "-c", SETUP_CELL], cwd=tmp_path, capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def _required_imports(tree):
    """Top-level module names imported by ``tree``, except inside ``try: ... except ImportError``."""
    def optional(node):
        return isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
            or isinstance(h.type, ast.Tuple) and any(getattr(e, "id", "") in ("ImportError", "ModuleNotFoundError")
                                                     for e in h.type.elts)
            for h in node.handlers)

    def visit(node):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]
        elif optional(node):
            for child in node.handlers + node.orelse + node.finalbody:
                yield from visit(child)
            return
        for child in ast.iter_child_nodes(node):
            yield from visit(child)

    return set(visit(tree))


def test_every_third_party_import_of_the_package_is_a_declared_dependency():
    """pip installs nn_helpers' declared dependencies only; an undeclared import would break on a
    machine that lacks it (a notebook downloaded on its own). Optional imports (inside
    ``try: ... except ImportError``) are allowed."""
    tomllib = pytest.importorskip("tomllib")
    declared = {canonicalize_name(Requirement(r).name) for r in
                tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    owners = metadata.packages_distributions()
    missing = set()
    for path in sorted((ROOT / "nn_helpers").rglob("*.py")):
        for top in _required_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if top in sys.stdlib_module_names or top == "nn_helpers":
                continue
            if not {canonicalize_name(d) for d in owners.get(top, [top])} & declared:
                missing.add(f"{path.relative_to(ROOT)} imports {top}")
    assert sorted(missing) == [], "add these to pyproject.toml's dependencies (and requirements.txt)"


def test_setup_cell_shows_why_pip_failed(tmp_path):
    """Colab does not show a subprocess's output, so the cell raises with pip's own message."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    _link_into(next((tmp_path / "venv" / "lib").glob("python*/site-packages")), _closure(["pip"]))
    env = {**os.environ, "NN_HELPERS_SOURCE": str(tmp_path / "no-such-book"), "PYTHONPATH": ""}
    result = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-c", SETUP_CELL],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "RuntimeError: pip could not install the helper package" in result.stderr
    assert "no-such-book" in result.stderr.split("RuntimeError", 1)[1], "pip's reason is shown"


# ------------------------------------------------------------- the fresh runtime

def _closure(names):
    """The installed distributions ``names`` need, with all their (unconditional) requirements."""
    seen, todo, dists = set(), list(names), []
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        dist = metadata.distribution(name)
        dists.append(dist)
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return dists


def _link_into(site_packages, dists):
    """Hard-link (or copy) the files of ``dists`` into another site-packages.

    Links are cheap and safe: pip replaces or unlinks files, it never writes into them, so
    nothing done in the new environment reaches this one.
    """
    for dist in dists:
        for file in dist.files or []:
            if file.parts[0] == "..":  # console scripts; the kernel is started with python -m
                continue
            src = Path(dist.locate_file(file))
            if not src.is_file():
                continue
            dest = site_packages / file
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(src, dest)
            except OSError:
                shutil.copy2(src, dest)


class Runtime:
    """A fresh environment without nn_helpers, and a way to run notebooks in it."""

    def __init__(self, folder):
        self.folder = folder
        self.python = folder / "venv" / "bin" / "python"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / "venv")], check=True)
        site_packages = next((folder / "venv" / "lib").glob("python*/site-packages"))
        _link_into(site_packages, _closure(COLAB_HAS))
        self.pip("install", "--quiet", f"ipywidgets=={COLAB_IPYWIDGETS}")
        # This checkout packed the way GitHub serves a branch (one top folder NAME-BRANCH),
        # so the setup cell's own kind of source is what gets installed.
        top = f"{sync_links.github_slug(sync_links.repository_url()).split('/')[1]}-{sync_links.BRANCH}"
        shutil.copytree(ROOT, folder / "archive" / top, ignore=shutil.ignore_patterns(
            ".git", "notebooks", "tests", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".*cache"))
        self.book = Path(shutil.make_archive(str(folder / sync_links.BRANCH), "zip", folder / "archive", top))
        kernel = folder / "kernels" / "colab-like"
        kernel.mkdir(parents=True)
        (kernel / "kernel.json").write_text(json.dumps({
            "argv": [str(self.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Colab-like", "language": "python"}))
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MPLBACKEND", "PYTHONSTARTUP")}
        self.env.update(PATH=f"{self.python.parent}{os.pathsep}{os.environ.get('PATH', '')}",
                        PYTHONNOUSERSITE="1", NN_HELPERS_SOURCE=self.book.as_uri())

    def pip(self, *args):
        result = subprocess.run([str(self.python), "-m", "pip", *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def has(self, module):
        code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
        return subprocess.run([str(self.python), "-c", code], cwd=self.folder, env=self.env).returncode == 0

    def run(self, nb, workdir):
        """Execute ``nb`` top to bottom in a kernel of this environment; raises on the first error."""
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import KernelManager
        from nbclient import NotebookClient

        workdir.mkdir(parents=True, exist_ok=True)
        km = KernelManager(kernel_name="colab-like",
                           kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(self.folder / "kernels")]))
        try:
            NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(workdir)}}).execute(
                env=self.env, cwd=str(workdir))
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        return nb


def _stdout(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


TRY_THE_PACKAGE = '''\
import importlib, inspect, json, pkgutil
import ipywidgets, nn_helpers
from IPython.display import display
from nn_helpers import Network, data, playgrounds

split = data.running_example()
history = Network([3, 2, 1], seed=0).train(split.X_train, split.Y_train, lr=0.5, epochs=30)
assert history.loss[-1] < history.loss[0]

def move(control):
    """Change a control's value by one step, as a reader would."""
    if isinstance(control, ipywidgets.Dropdown):
        control.index = (control.index + 1) % len(control.options)
    elif isinstance(control, ipywidgets.Text):
        control.value = control.placeholder
    elif isinstance(control, ipywidgets.FloatLogSlider):
        exponent = __import__("math").log(control.value, control.base)
        up = exponent + control.step <= control.max + 1e-12
        control.value = control.base ** (exponent + (control.step if up else -control.step))
    else:
        up = control.value + control.step <= control.max
        control.value = control.value + (control.step if up else -control.step)

moved = []
for info in pkgutil.iter_modules(playgrounds.__path__):
    module = importlib.import_module("nn_helpers.playgrounds." + info.name)
    for name in getattr(module, "__all__", []):
        make = getattr(module, name)
        if any(p.default is p.empty for p in inspect.signature(make).parameters.values()):
            continue  # not a playground maker (tests/test_playgrounds.py judges those)
        playground = make()
        display(playground)
        label, control = next(iter(playground.controls.items()))  # one is enough: all share observe()
        before = playground.redraws
        move(control)
        assert playground.redraws > before, (info.name, name, label, "did not redraw")
        moved.append(f"{info.name}.{name}:{label}")
print(json.dumps({"ipywidgets": ipywidgets.__version__, "nn_helpers": nn_helpers.__file__, "moved": moved}))
'''


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """The fresh runtime, after a small notebook opening with the real setup cell ran in it."""
    start = time.perf_counter()
    runtime = Runtime(tmp_path_factory.mktemp("colab"))
    assert not runtime.has("nn_helpers"), "the fresh environment must start without nn_helpers"
    built = time.perf_counter()
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3 (ipykernel)"}})
    nb.cells = [nbformat.v4.new_markdown_cell("# The setup cell where nn_helpers is missing"),
                nbformat.v4.new_code_cell(SETUP_CELL), nbformat.v4.new_code_cell(TRY_THE_PACKAGE)]
    runtime.run(nb, runtime.folder / "run")
    runtime.small = nb
    print(f"\nfresh runtime built in {built - start:.1f} s; setup cell and small notebook "
          f"in {time.perf_counter() - built:.1f} s")
    return runtime


def test_setup_cell_installs_the_package_where_it_is_missing(colab):
    setup, tried = colab.small.cells[1], colab.small.cells[2]
    assert [o.output_type for o in setup.outputs] == ["stream"], "the cell prints one line and nothing else"
    assert _stdout(setup) == f"Installing the book's helper package from {colab.book.as_uri()}\n"
    result = json.loads(_stdout(tried).strip().splitlines()[-1])
    assert Path(result["nn_helpers"]).is_relative_to(colab.folder / "venv"), "imported from the new install"
    assert result["ipywidgets"] == COLAB_IPYWIDGETS, "installing the package must not upgrade Colab's widgets"


def test_every_playground_redraws_with_colabs_ipywidgets(colab):
    result = json.loads(_stdout(colab.small.cells[2]).strip().splitlines()[-1])
    chapters = sorted(p.stem for p in (ROOT / "nn_helpers" / "playgrounds").glob("ch*.py"))
    assert sorted({m.split(".")[0] for m in result["moved"]}) == chapters, result["moved"]


def test_the_first_notebook_runs_to_the_end(colab):
    """The notebook the README's launch badges open, in the same runtime: its setup cell now finds
    the package installed and stays silent."""
    first = sync_links.toc_notebooks((ROOT / "README.md").read_text(encoding="utf-8"))[0]
    if not (ROOT / first).exists():
        pytest.skip(f"{first} is not written yet")
    start = time.perf_counter()
    nb = colab.run(nbformat.read(ROOT / first, as_version=4), colab.folder / "notebooks")
    print(f"\n{first} ran in the fresh runtime in {time.perf_counter() - start:.1f} s")
    setup = nb.cells[sync_links.find_setup_cell(nb)]
    assert setup.outputs == [], "where the package is installed the setup cell prints nothing"
