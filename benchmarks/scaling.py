"""How cost grows with input: time per character for 1, 10, 100, 1000 copies of the seed, and peak memory
of corpus mode over the 924 PolNeAR articles.

Targets: time per character flat within 2x from 1 to 1000 copies (linear work: no rule may rescan the
text once per match), and under 500 MB peak resident memory for the corpus. Memory is measured in a
fresh subprocess (``ru_maxrss`` of that process), so this script's own state does not count. Writes
``benchmarks/results/scaling.json``. Wall-clock on a shared machine: expect noise, above all at 1 copy.

    python benchmarks/scaling.py [--copies 1 10 100 1000] [--skip-memory]
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from throughput import DATA, polnear_paths, write_result

# Run in the subprocess: annotate the corpus with the default stages, report seconds and max RSS.
_MEMORY_CHILD = """
import json, resource, sys, time
from hwresearch.corpus import annotate_corpus
paths = json.loads(sys.stdin.read())
started = time.perf_counter()
corpus = annotate_corpus(paths, progress=False)
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "rows": {name: len(frame) for name, frame in corpus.tables.items()},
    "failed_documents": len(corpus.errors),
    "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def time_per_character(copies: list[int], repeat: int, timeout: int) -> dict:
    """Seconds per character of quotes and of stance (which runs its own layers) at each size.

    A run over ``timeout`` seconds is recorded as timed out and the larger sizes of that stage are
    skipped: superlinear work would otherwise take hours at 1000 copies.
    """
    from hwresearch import load_article
    from hwresearch.quotes import extract_quotes
    from hwresearch.stance import stance_statements

    seed = load_article().text
    stages = {"quotes": extract_quotes, "stance": stance_statements}
    for run in stages.values():  # one-off costs (lexicons, codebook) out of the first timing
        run(load_article(seed))
    figures: dict[str, dict] = {name: {} for name in stages}
    for n in copies:
        text = "\n\n".join([seed] * n)
        for name, run in stages.items():
            if any(v.get("timed_out") for v in figures[name].values()):
                continue
            try:
                best = min(_timed(run, text, timeout) for _ in range(repeat if n < 1000 else 1))
            except TimeoutError:
                figures[name][str(n)] = {"timed_out": True, "seconds_over": timeout}
                print(f"{name:7s} {n:5d} copies  {len(text):>10,} chars  over {timeout} s: larger sizes skipped", flush=True)
                continue
            figures[name][str(n)] = {"seconds": round(best, 4), "microseconds_per_char": round(1e6 * best / len(text), 3)}
            print(f"{name:7s} {n:5d} copies  {len(text):>10,} chars  {best:8.3f} s  {1e6 * best / len(text):7.3f} us/char", flush=True)
    for by_size in figures.values():
        per_char = [v["microseconds_per_char"] for v in by_size.values() if "microseconds_per_char" in v]
        by_size["max_over_min"] = round(max(per_char) / min(per_char), 2)
    return figures


def _timed(run, text: str, timeout: int) -> float:
    from hwresearch import load_article

    def expire(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(timeout)
    try:
        started = time.perf_counter()
        run(load_article(text))  # a fresh Article each time: nothing cached between runs
        return time.perf_counter() - started
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def corpus_memory(data: Path) -> dict:
    paths = [str(p) for p in polnear_paths(data)]
    child = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD], input=json.dumps(paths), capture_output=True, text=True, check=True
    )
    figures = json.loads(child.stdout)
    figures["articles"] = len(paths)
    print(
        f"corpus mode, {len(paths)} articles, default stages: {figures['seconds']:.1f} s, "
        f"peak RSS {figures['max_rss_mb']:.0f} MB (target < 500 MB)"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs below 1000 copies")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--timeout", type=int, default=600, help="seconds one run may take before larger sizes are skipped")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()

    result = {
        "time_per_character": time_per_character(args.copies, args.repeat, args.timeout),
        "target_max_over_min": 2.0,
    }
    if not args.skip_memory:
        result["corpus_memory"] = corpus_memory(args.data)
        result["target_max_rss_mb"] = 500
    for name, by_size in result["time_per_character"].items():
        timed_out = " (a larger size timed out: not linear)" if any(
            isinstance(v, dict) and v.get("timed_out") for v in by_size.values()) else ""
        print(f"{name}: time per character, slowest / fastest size = {by_size['max_over_min']} (target <= 2){timed_out}")
    print(f"wrote {write_result('scaling', result)}")


if __name__ == "__main__":
    main()
