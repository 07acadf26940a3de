"""The MPQA 3.0 and BASIL dev stance figures committed in benchmarks/results/ must still be reached.

Neither data set is shipped: they are read from ../shared/data, and the tests that rerun a benchmark
skip, with the reason, where that folder is absent. The floors are the committed figures (the issue's
targets, MPQA HTP F1 25 and BASIL HTP F1 35, are not met yet; see the results files' errors by cause).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
TOLERANCE = 0.5  # F1 points: room for float rounding and harmless rule edits, not for regressions


def _committed(name: str) -> dict:
    return json.loads((RESULTS / name).read_text(encoding="utf-8"))


def _benchmark(name: str):
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["mpqa_dev.json", "basil_stance_dev.json"])
def test_committed_figures_beat_the_baseline_at_every_level(name):
    """The package's links from holder to target must beat VADER's sentence sign plus the nearest name."""
    committed = _committed(name)
    for level in ("H", "HP", "HTP"):
        assert committed["package"][level]["precision"] > committed["baseline"][level]["precision"], level
    assert committed["package"]["HTP"]["f1"] > committed["baseline"]["HTP"]["f1"]


def test_mpqa_dev_reaches_the_committed_figures():
    benchmark = _benchmark("mpqa")
    if not benchmark.DATA.is_dir():
        pytest.skip(f"MPQA dev not found at {benchmark.DATA} (evaluation data is not shipped)")
    fresh, committed = benchmark.evaluate(), _committed("mpqa_dev.json")
    assert fresh["package"]["counts"]["gold"] == committed["package"]["counts"]["gold"]
    for level in ("H", "HP", "HTP"):
        assert fresh["package"][level]["f1"] >= committed["package"][level]["f1"] - TOLERANCE, level
    supported = fresh["positions_supported"]["share"]
    assert supported >= committed["positions_supported"]["share"] - 2 * TOLERANCE
