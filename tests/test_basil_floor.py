"""The BASIL dev resolved-speaker figure committed in benchmarks/results/basil_speakers_dev.json must still
be reached, and the committed figure must be the benchmark's own output shape.

BASIL has no licence and is not shipped: it is read from ../shared/data; the test skips, with the
reason, where that folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "basil_speakers_dev.json"
BENCHMARK = REPO / "benchmarks" / "basil_speakers.py"
TOLERANCE = 1.0  # points of share right: one span of ~120 is 0.8 points


def _benchmark():
    sys.path.insert(0, str(BENCHMARK.parent))
    spec = importlib.util.spec_from_file_location("basil_speakers_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_committed_figures_add_up():
    committed = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert sum(committed["outcomes"].values()) == committed["spans"]
    assert sum(committed["wrong_by_mention"].values()) == committed["outcomes"]["wrong speaker"]


def test_resolved_speaker_share_reaches_the_committed_figure():
    benchmark = _benchmark()
    if not benchmark.DATA.is_dir():
        pytest.skip(f"BASIL dev not found at {benchmark.DATA} (evaluation data is not shipped)")
    committed = json.loads(RESULTS.read_text(encoding="utf-8"))
    fresh = benchmark.evaluate()
    assert fresh["spans"] == committed["spans"]
    assert fresh["right_share"] >= committed["right_share"] - TOLERANCE
