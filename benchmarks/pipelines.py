"""spaCy pipeline folders side by side: size, EWT dev accuracy, and the CPU time of each component.

The trade-off table of the README's pipeline section. Accuracy is ``ewt.ewt_dev_scores`` (gold tokens
and sentences); cost is this process's CPU time per component over the 84 PolNeAR dev articles, their
Docs built as the stages build them (``nlp.make_doc`` with the Punkt sentences), best of two passes,
plus the time to build those Docs. CPU time, not wall-clock: other jobs on the shared machine move it
less. Writes ``benchmarks/results/pipelines.json``.

    python benchmarks/pipelines.py [MODEL_DIR ...] [--data ../shared/data]   # default: the shipped one
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ewt import ewt_dev_scores
from throughput import DATA, write_result


def component_seconds(nlp, texts: list[str], passes: int = 2) -> dict:
    """CPU seconds of building the Docs and of each component over them, each the best of ``passes``."""
    from hwresearch.nlp import make_doc, sentence_spans

    def build() -> list:
        return [make_doc(text, sentence_spans(text), nlp) for text in texts]

    for _, component in nlp.pipeline:  # warm-up
        list(component.pipe(build()[:2]))
    best: dict[str, float] = {}
    for _ in range(passes):
        started = time.process_time()
        docs = build()
        times = {"make_doc": time.process_time() - started}
        for name, component in nlp.pipeline:
            started = time.process_time()
            docs = list(component.pipe(docs, batch_size=32))
            times[name] = time.process_time() - started
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    return {k: round(v, 2) for k, v in best.items()}


def measure(path: Path, data: Path, texts: list[str]) -> dict:
    import spacy

    nlp = spacy.load(path)
    seconds = component_seconds(nlp, texts)
    total = sum(seconds.values())
    return {
        "model": str(path),
        "megabytes": round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1),
        "accuracy": ewt_dev_scores(data, nlp),
        "cpu_seconds": seconds,
        "cpu_seconds_total": round(total, 2),
        "articles_per_cpu_second": round(len(texts) / total, 1),
    }


def main() -> None:
    from hwresearch.nlp import PIPELINE_FOLDER

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=Path, nargs="*", help="spaCy pipeline folders (default: the shipped one)")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    models = args.models or [Path(__file__).resolve().parents[1] / "hwresearch" / Path(*PIPELINE_FOLDER)]
    texts = [p.read_text(encoding="utf-8") for p in sorted((args.data / "polnear" / "dev" / "text").glob("*.txt"))]
    if not texts:
        sys.exit(f"no PolNeAR dev texts under {args.data}; pass --data")
    rows = [measure(path, args.data, texts) for path in models]
    for row in rows:
        a = row["accuracy"]
        print(f"{row['model']}: {row['megabytes']} MB; UPOS {a['upos']:.1f} XPOS {a['xpos']:.1f} lemma {a['lemma']:.1f} "
              f"UAS {a['uas']:.1f} LAS {a['las']:.1f}; CPU s over {len(texts)} articles: "
              + ", ".join(f"{k} {v}" for k, v in row["cpu_seconds"].items())
              + f"; total {row['cpu_seconds_total']} ({row['articles_per_cpu_second']} articles/s)")
    path = write_result("pipelines", {"what": "spaCy pipelines: size, EWT dev accuracy (gold tokens), CPU s per component "
                                              "over PolNeAR dev", "texts": len(texts), "models": rows})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
