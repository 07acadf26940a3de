"""The MPQA 3.0 and BASIL dev stance figures committed in benchmarks/results/ hold their floors.

The benchmarks (``python benchmarks/mpqa.py``, ``benchmarks/basil_stance.py``) write the figures.
These tests read the committed JSON only: they guard the committed figures, not the code. A change
that can move a figure must rerun its benchmark and commit the new JSON; a regression in code whose
benchmark was not rerun passes here unnoticed. The
whole MPQA run in every test run cost half a minute; the matching rule is tested here on invented
opinions instead. Neither data set is shipped: the check that the committed figures count the data's own
gold opinions skips, with the reason, where ../shared/data is absent. The floors sit 0.5 points under
the committed figures (the issue's targets, MPQA HTP F1 25 and BASIL HTP F1 35, are not met yet; see the
results files' errors by cause).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


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


# Measured on MPQA dev: H F1 42.6, HP 32.8, HTP 16.3 (P 32.1 R 11.0); 63.8% (67 of 105) of the signed positions supported,
# with a pointing subject's noun as a content's target ("This is a bad deal"), manner-of-speaking cues ("exclaimed") and
# names kept whole across wrapped lines and titles' domains, "US" read as the country. Before: H F1 42.0, HP 32.3, HTP 16.1 (P 32.3 R 10.7); 63.8%,
# with participles and their "by" agents, phrasal verbs ("turned down"), nouns for the holder ("a critic of Y") and
# inverted cues naming a bare plural ("..., say experts"). Before: H F1 41.4, HP 31.7, HTP 15.6 (P 31.7 R 10.3); 63.6%
# (63 of 99), with hard-wrapped lines parsed as plain spaces (more rows, one more supported) and the news words beside VADER.
# Before: H F1 41.0, HP 31.8, HTP 15.7 (P 32.6 R 10.3); 67.4% (62 of 92) of the signed positions supported
# (62 of 92) with a subject a name only modifies kept as a content's target ("Some US politicians") and
# impersonal "it" idioms resolved to no one. Before: H F1 40.7, HP 31.6, HTP 15.5 (P 32.4 R 10.2), 67.4%, with a
# document speaking for its possessor only, every sentence of a long quote read and a
# charge in a quote aimed at its clause's subject. Before: H F1 40.1, HP 31.2, HTP 15.4 (P 32.7 R 10.1); 65.6% supported
# (61 of 93) with untargeted contents read as about the last-named person and verbs of labelling; before
# them 40.0 / 31.2 / 15.5, 66.3% (61 of 92). Earlier: H F1 39.8, HP 31.2, HTP 15.0 (P 33.0 R 9.7); 65.2% supported
# by a gold opinion (60 of 92 rows). Before the VADER gate went and contents gained their roots and bare
# noun phrases as targets: 35.7 / 28.1 / 13.7 (P 35.1 R 8.5), 65.2%. Before that stop (fronted places and
# times as holder or target, names that only modify a noun as target, resolved "it" as holder): 34.9 / 27.4 / 13.2 (P 32.6 R 8.2), 55.8%
# (58 of 104); 32.9% of 286 while every attributed leaning could sign a position on its own.
MPQA_FLOORS = {"H": 42.1, "HP": 32.2, "HTP": 15.8}
MPQA_SUPPORTED_FLOOR = 63.1
# Measured on BASIL dev: H F1 74.9, HP 56.4, HTP 37.7 (P 37.7 R 37.7) with a pointing subject's noun as the target of a
# content that names no one (one more row, its target wrong). Before: H F1 74.3, HP 55.7, HTP 37.9 (P 38.1 R 37.7) with an
# oath read as one word of its valence
# ("God help us": lang/en/sentiment.toml [exclamations]). Before: H F1 74.3, HP 53.9, HTP 36.1 (P 36.3 R 36.0) with
# the news words VADER lacks ('phony', 'corruption': lang/en/sentiment.toml). Before: H F1 72.4, HP 51.6, HTP 34.7 (P 35.1 R 34.2) with a labelling cue's quoted label
# read as about whom it labels, exclamations and impersonal "it" naming no one, and speakers continued
# through "the statement said", "according to" reports and indirect reports between quotes. Before:
# H F1 71.4, HP 51.6, HTP 33.9 (P 33.6 R 34.2) with role nouns as person descriptions,
# parse repairs ("whom", a name after a fronted phrase), every sentence of a long quote read and a charge in a
# quote aimed at its clause's subject (HTP 29.6 -> 31.5 -> 32.3 -> 32.9 -> 33.9). Before: H F1 61.4, HP 45.0, HTP 29.6 (P 31.4 R 28.1) with untargeted contents read as about
# the topic their report names ('said of Obama'), else the last-named person; 28.7 (P 30.4 R 27.2) with the
# last-named person alone; before 55.0 / 40.9 / 22.9. Earlier: H F1 55.5, HP 41.6, HTP 22.1 (P 24.5 R 20.2); before the gate went 51.5 / 39.3 /
# 21.2 (P 25.0 R 18.4); at the stop before 51.4 / 39.2 / 21.3 (P 25.3 R 18.4).
BASIL_FLOORS = {"H": 74.4, "HP": 55.9, "HTP": 37.2}


def test_mpqa_dev_figures_reach_the_floors():
    committed = _committed("mpqa_dev.json")
    for level, floor in MPQA_FLOORS.items():
        assert committed["package"][level]["f1"] >= floor, level
    assert committed["positions_supported"]["share"] >= MPQA_SUPPORTED_FLOOR


def test_basil_dev_figures_reach_the_floors():
    committed = _committed("basil_stance_dev.json")
    for level, floor in BASIL_FLOORS.items():
        assert committed["package"][level]["f1"] >= floor, level


def test_mpqa_committed_figures_count_the_datas_gold_opinions():
    benchmark = _benchmark("mpqa")
    if not benchmark.DATA.is_dir():
        pytest.skip(f"MPQA dev not found at {benchmark.DATA} (evaluation data is not shipped)")
    documents = benchmark.documents()
    committed = _committed("mpqa_dev.json")
    assert committed["documents"] == len(documents)
    assert committed["package"]["counts"]["gold"] == sum(len(d.gold) for d in documents)


def test_opinion_matching_levels_on_invented_opinions():
    """H: sentence and a shared holder word; HP: and the polarity; HTP: and a shared target word.
    Precision over predictions, recall over gold opinions."""
    scoring = _benchmark("opinion_scoring")
    gold, pred = scoring.Gold, scoring.Prediction
    smith, jones = frozenset({"smith"}), frozenset({"jones"})
    golds = [[gold(0, smith, "positive", frozenset({"plan"}))], [gold(1, jones, "negative", frozenset({"tax"}))]]
    preds = [
        [pred(0, smith, "positive", frozenset({"plan"})), pred(0, smith, "negative", frozenset({"plan"}))],
        [pred(1, jones, "negative", frozenset({"rate"})), pred(2, jones, "negative", frozenset({"tax"}))],
    ]
    figures = scoring.score(preds, golds)
    assert figures["counts"] == {"predictions": 4, "gold": 2}
    assert figures["H"] == {"precision": 75.0, "recall": 100.0, "f1": 85.7}
    assert figures["HP"] == {"precision": 50.0, "recall": 100.0, "f1": 66.7}
    assert figures["HTP"] == {"precision": 25.0, "recall": 50.0, "f1": 33.3}
