"""Project hygiene: one dependency list, conda kept in sync, notebooks executed in order, offline data."""

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED_NOTEBOOKS = ["00_article", "01_stance_analysis", "02_quote_attribution", "03_stakeholder_positions"]


def test_environment_yml_installs_the_pyproject_package():
    """conda only brings Python and pip; every dependency comes from pyproject.toml."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    env = (ROOT / "environment.yml").read_text()
    python_floor = re.search(r">=\s*(\d+\.\d+)", pyproject["project"]["requires-python"]).group(1)
    pinned = re.search(r"python\s*=\s*(\d+\.\d+)", env).group(1)
    assert tuple(map(int, pinned.split("."))) >= tuple(map(int, python_floor.split(".")))
    assert "-e .[dev]" in env and "dev" in pyproject["project"]["optional-dependencies"]
    listed = re.findall(r"^\s*-\s*([A-Za-z0-9_.\-]+)\s*$", env, flags=re.M)
    assert set(listed) <= {"pip", "conda-forge"}, f"environment.yml lists packages of its own: {listed}"


def test_core_majors_are_pinned():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for name in ("pandas", "numpy", "matplotlib"):
        spec = next(d for d in deps if d.startswith(name))
        assert "<" in spec, f"{name} needs an upper bound on its major version: {spec}"


def test_package_data_is_declared():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    globs = pyproject["tool"]["setuptools"]["package-data"]["hwresearch"]
    package = ROOT / "hwresearch"
    files = [p for folder in ("data", "lang") for p in (package / folder).rglob("*") if p.is_file()]
    assert any(p.parent.name == "pipeline" for p in files)
    for data_file in files:
        relative = data_file.relative_to(package)
        # a glob matches a path of as many parts as it has, so "data/*" does not take "data/pipeline/x"
        matched = any(len(relative.parts) == len(Path(g).parts) and relative.match(g) for g in globs)
        assert matched, f"{relative} would be left out of the wheel"


def test_nothing_downloads_at_run_time():
    pattern = re.compile(r"nltk\.download\(|spacy download|from_pretrained\(|urlopen\(|requests\.get\(")
    for path in [*(ROOT / "hwresearch").rglob("*.py"), *NOTEBOOKS]:
        assert not pattern.search(path.read_text(encoding="utf-8")), f"{path} downloads at run time"


def test_the_notebooks_are_all_there():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED_NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executed_in_order(path):
    """nbval compares stored outputs: a notebook without them, or run out of order, checks nothing."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    cells = notebook["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    code = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    counts = [c.get("execution_count") for c in code]
    assert None not in counts, "a code cell was never executed"
    assert counts == list(range(1, len(code) + 1)), "cells were not executed once, top to bottom"
    assert any(c.get("outputs") for c in code)
    assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code), "no cell tagged parameters"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_imports_only_the_package(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert "sys.path" not in source
    assert not re.search(r"^\s*def ", source, flags=re.M), "logic belongs in the package, not in a notebook"
