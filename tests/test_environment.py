"""Binder's environment.yml builds the same environment as requirements.txt.

Binder (repo2docker) reads environment.yml; a local install, CI and the README
use requirements.txt. The two must list the same packages with the same lower
bounds, and both install the book's own package (`-e .`).
"""
import re
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
CONDA_SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$")
# conda-forge names that differ from PyPI's (PyPI name -> conda name); none so far.
CONDA_NAMES = {}


def lower_bound(spec):
    """The version after '>=' in a pip or conda spec such as '>=1.22' or '>=1.22,<3', else None."""
    bounds = [Version(v) for v in re.findall(r">=\s*([0-9][0-9A-Za-z.]*)", spec)]
    return max(bounds) if bounds else None


def requirements_txt():
    """({name: lower bound}, [local requirements such as '-e .']) from requirements.txt."""
    packages, local = {}, []
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-e", ".", "/")):
            local.append(" ".join(line.split()))
            continue
        req = Requirement(line)
        packages[canonicalize_name(req.name)] = lower_bound(str(req.specifier))
    return packages, local


def environment_yml():
    """({name: lower bound} of conda packages, {name: bound} of pip packages, local pip lines, python bound)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip, local, python = {}, {}, [], None
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep.get("pip", []):
                if line.startswith(("-e", ".", "/")):
                    local.append(" ".join(line.split()))
                else:
                    req = Requirement(line)
                    pip[canonicalize_name(req.name)] = lower_bound(str(req.specifier))
            continue
        name, spec = CONDA_SPEC.match(dep).groups()
        if name == "python":
            python = lower_bound(spec)
        elif name != "pip":
            conda[canonicalize_name(name)] = lower_bound(spec)
    return conda, pip, local, python


def test_same_packages_and_lower_bounds():
    wanted, _ = requirements_txt()
    wanted = {canonicalize_name(CONDA_NAMES.get(name, name)): bound for name, bound in wanted.items()}
    conda, pip, _, _ = environment_yml()
    built = {**conda, **pip}
    assert sorted(set(wanted) - set(built)) == [], "in requirements.txt but not in environment.yml"
    assert sorted(set(built) - set(wanted)) == [], "in environment.yml but not in requirements.txt"
    differ = {name: (str(wanted[name]), str(built[name])) for name in wanted if wanted[name] != built[name]}
    assert differ == {}, "lower bounds differ (requirements.txt, environment.yml)"


def test_lower_bounds_only():
    """Every package has a lower bound and none is pinned: the newest releases (and Colab's) must install."""
    wanted, _ = requirements_txt()
    conda, pip, _, _ = environment_yml()
    for name, bound in {**wanted, **conda, **pip}.items():
        assert bound is not None, f"{name} has no lower bound"
    for path in ("requirements.txt", "environment.yml"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert not re.search(r"^[\s-]*[A-Za-z0-9_.\-]+\s*(==|=[0-9]|<|~=)", text, re.M), f"{path} pins a version"


def test_both_install_the_book_package():
    _, local_txt = requirements_txt()
    _, _, local_yml, _ = environment_yml()
    assert local_txt == ["-e ."], "requirements.txt must install the book's package: -e ."
    assert local_yml == ["-e ."], "environment.yml's pip section must install the book's package: - -e ."


def test_binder_python_is_one_the_package_supports():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    requires = re.search(r'^requires-python\s*=\s*"([^"]+)"', text, re.M).group(1)
    _, _, _, python = environment_yml()
    assert python is not None, "environment.yml should name python with a lower bound"
    assert python in SpecifierSet(requires), f"Binder's python>={python} is outside requires-python {requires}"
