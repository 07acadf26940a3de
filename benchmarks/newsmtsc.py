"""Score target-dependent sentiment on NewsMTSC dev: the VADER sentence baseline vs ``target_sentiment``.

Prints macro-F1, accuracy, per-class F1 and the confusion matrix for each method on ``rw_dev`` (and
``mt_dev``), the throughput of ``target_sentiments``, and writes ``benchmarks/results/newsmtsc_dev.json``
(the regression test reads its floor from there).

    python benchmarks/newsmtsc.py [--data ../shared/data/newsmtsc]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from hwresearch.evaluate import classification_scores
from hwresearch.sentiment import LABELS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "newsmtsc"
RESULTS = ROOT / "benchmarks" / "results" / "newsmtsc_dev.json"
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def load_targets(path: Path) -> list[tuple[str, int, int, str]]:
    """One (sentence, from, to, gold label) per target; ``to`` is exclusive in the data."""
    items = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            for target in row["targets"]:
                items.append(
                    (row["sentence_normalized"], target["from"], target["to"], POLARITY[target["polarity"]])
                )
    return items


def score(gold: list[str], predicted: list[str]) -> dict:
    """Macro-F1, accuracy, per-class F1 and confusion matrix over the three sentiment labels."""
    return classification_scores(gold, predicted, LABELS)


def _print_scores(name: str, result: dict) -> None:
    f1 = "  ".join(f"{label} {value:.1f}" for label, value in result["f1"].items())
    print(f"  {name:<18} macro-F1 {result['macro_f1']:5.2f}  accuracy {result['accuracy']:5.2f}  F1: {f1}")
    print(f"  {'':<18} confusion (rows gold, columns predicted; {', '.join(LABELS)}):")
    for label, row in zip(LABELS, result["confusion"]["rows_gold_cols_predicted"]):
        print(f"  {'':<20}{label:>9} {row}")


def throughput(items: list[tuple[str, int, int, str]], repeats: int = 3) -> float:
    """Targets per second of ``target_sentiments`` (lexicon and model loaded first), best of ``repeats``."""
    from hwresearch import sentiment

    triples = [(text, start, end) for text, start, end, _ in items]
    sentiment.target_sentiments(triples[:1])  # load the lexicon and the model outside the clock
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        sentiment.target_sentiments(triples)
        best = min(best, time.perf_counter() - began)
    return len(triples) / best


def main() -> None:
    from hwresearch.sentiment import target_sentiments, vader_label

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    results: dict = {}
    for split in ("rw_dev", "mt_dev"):
        items = load_targets(args.data / f"{split}.jsonl")
        gold = [label for *_, label in items]
        results[split] = {
            "vader_sentence": score(gold, [vader_label(text) for text, *_ in items]),
            "target_sentiment": score(gold, target_sentiments([item[:3] for item in items])),
        }
        print(f"{split} ({len(items)} targets)")
        for name, result in results[split].items():
            _print_scores(name, result)

    rw_dev = load_targets(args.data / "rw_dev.jsonl")
    rate = throughput(rw_dev)
    print(f"throughput: {rate:,.0f} targets/second (rw_dev, one process, best of 3)")
    measured = results["rw_dev"]["target_sentiment"]["macro_f1"]
    results["throughput_targets_per_second"] = round(rate)
    results["regression_floor"] = {
        "rw_dev_macro_f1": round(measured - 0.5, 2),
        "why": "tests/test_sentiment.py rescoring rw_dev must reach this: the measured figure less 0.5, "
        "room for float noise across machines, not for a real regression",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
