"""Speed of the stages over PolNeAR dev, this tree beside an earlier commit, in one run on one machine.

Three figures per tree, each the best of ``--repeat`` passes over the 84 dev articles in one process:
``extract_quotes`` alone (with speaker resolution), the parse alone (``load_article(text).doc``, this
tree only: the earlier one has no Doc), and the full pipeline (``annotate_corpus`` with every stage).
The earlier commit is checked out with ``git worktree`` into .scratch and imported from there, so both
trees run on the same interpreter and packages. Writes ``benchmarks/results/layers.json``.

    python benchmarks/layers.py [--baseline 2e4c1ea] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from throughput import DATA, ROOT, write_result

PROBE = r"""
import json, sys, time
from pathlib import Path
import hwresearch
from hwresearch import load_article, extract_quotes
from hwresearch.corpus import annotate_corpus

paths = sorted(Path(sys.argv[1]).glob("*.txt"))
texts = [p.read_text(encoding="utf-8") for p in paths]
repeat = int(sys.argv[2])
extract_quotes(load_article(texts[0]))  # warm-up: pipeline, lexicons, models

def best(run):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)

result = {"module": hwresearch.__file__, "articles": len(texts)}
result["quotes_seconds"] = best(lambda: [extract_quotes(load_article(t)) for t in texts])
if hasattr(load_article(texts[0]), "doc"):
    result["parse_seconds"] = best(lambda: [load_article(t).doc for t in texts])
stages = ["mentions", "quotes", "statements", "positions"]
result["full_seconds"] = best(lambda: annotate_corpus(paths, stages=stages, progress=False))
print(json.dumps(result))
"""


def measure(tree: Path, data: Path, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(data / "polnear" / "dev" / "text"), str(repeat)],
                         cwd=tree, env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    n = result["articles"]
    rates = {f"{k.removesuffix('_seconds')}_articles_per_second": round(n / v, 1) for k, v in result.items() if k.endswith("_seconds")}
    return {**result, **rates}


def checkout(commit: str) -> Path:
    tree = ROOT / ".scratch" / f"baseline-{commit}"
    if not tree.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True, capture_output=True)
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--baseline", default="2e4c1ea", help="the earlier commit to compare with")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    current = measure(ROOT, args.data, args.repeat)
    baseline = measure(checkout(args.baseline), args.data, args.repeat)
    for name, figures in (("this tree", current), (f"baseline {args.baseline}", baseline)):
        print(f"{name:18s} quotes {figures['quotes_articles_per_second']:6.1f}/s  "
              f"parse {figures.get('parse_articles_per_second', float('nan')):6.1f}/s  "
              f"full pipeline {figures['full_articles_per_second']:6.1f}/s")
    path = write_result("layers", {
        "what": "PolNeAR dev (84 articles), one process, best of repeat passes: quotes alone, parse alone, all stages",
        "current": current, "baseline": {"commit": args.baseline, **baseline}, "load_average_before": os.getloadavg()[0],
    })
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
