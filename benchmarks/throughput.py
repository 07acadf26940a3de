"""Quote attribution throughput on PolNeAR train + dev (924 articles) in one process.

Target: at least 100 articles a second for ``load_article`` + ``extract_quotes``. The first article is
run once before timing, so one-off costs (codebook, lexicons, Punkt) are reported apart. Writes
``benchmarks/results/throughput.json``. Figures are wall-clock on a shared machine: expect noise.

    python benchmarks/throughput.py [--data ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"


def polnear_paths(data: Path = DATA) -> list[Path]:
    """The PolNeAR train and dev article texts, in a fixed order."""
    paths = sorted((data / "polnear" / "train" / "text").glob("*.txt")) + sorted(
        (data / "polnear" / "dev" / "text").glob("*.txt")
    )
    if not paths:
        sys.exit(f"no PolNeAR texts under {data / 'polnear'}; pass --data")
    return paths


def machine() -> dict:
    """What the figures were measured on, so a reader can compare like with like."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    changed = subprocess.run(["git", "status", "--porcelain", "--", "hwresearch", "benchmarks", ":!benchmarks/results"],
                             cwd=ROOT, capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit.stdout.strip() or None,
        # figures of code not yet committed (the package or the benchmarks); None outside a git checkout
        "code_changed_since_commit": bool(changed.stdout.strip()) if changed.returncode == 0 else None,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "load_average_1min": os.getloadavg()[0],
    }


def write_result(name: str, result: dict) -> Path:
    """``benchmarks/results/<name>.json``: the figures, and the commit and machine they were measured on."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({**result, "machine": machine()}, indent=2) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (best and median kept)")
    args = parser.parse_args()

    from hwresearch import load_article
    from hwresearch.quotes import extract_quotes

    paths = polnear_paths(args.data)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    started = time.perf_counter()
    extract_quotes(load_article(texts[0]))
    warm_up = time.perf_counter() - started

    passes, quotes = [], 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        quotes = sum(len(extract_quotes(load_article(text))) for text in texts)
        passes.append(time.perf_counter() - started)
    best, median = min(passes), statistics.median(passes)
    chars = sum(len(t) for t in texts)
    result = {
        "what": "load_article + extract_quotes over PolNeAR train + dev, one process",
        "articles": len(texts),
        "characters": chars,
        "quotes_found": quotes,
        "warm_up_seconds": round(warm_up, 3),
        "pass_seconds": [round(s, 3) for s in passes],
        "articles_per_second_best": round(len(texts) / best, 1),
        "articles_per_second_median": round(len(texts) / median, 1),
        "characters_per_second_median": round(chars / median),
        "target_articles_per_second": 100,
    }
    path = write_result("throughput", result)
    print(
        f"{len(texts)} articles, {chars:,} characters, {quotes:,} quotes; warm-up {warm_up:.2f} s\n"
        f"throughput: {result['articles_per_second_median']} articles/s median, "
        f"{result['articles_per_second_best']} best of {args.repeat} (target >= 100)\n"
        f"wrote {path.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
