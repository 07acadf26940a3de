"""Is ``make run`` reproducible? Run it twice and compare the executed notebooks byte for byte.

It runs in a snapshot of the working tree (tracked and untracked files, minus what .gitignore drops),
so the repository's own notebooks are never rewritten, with the repository's .venv and the snapshot's
package first on ``PYTHONPATH``. The HTML reports are compared too, but only reported: nbconvert may
stamp them. Writes ``benchmarks/results/reproducible.json``; exits 1 when a notebook differs. Takes
minutes (every notebook runs twice).

    python benchmarks/reproducible.py [--keep]
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import ROOT, write_result


def snapshot(destination: Path) -> None:
    """Copy the files git would see (committed or not, not ignored) and link the shared .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (destination / ".venv").symlink_to(ROOT / ".venv")


def make_run(tree: Path) -> tuple[float, dict[str, bytes]]:
    """One ``make run`` (install treated as done: the venv is shared); the notebooks and reports it left."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    result = subprocess.run(["make", "-o", ".venv/.installed", "run"], cwd=tree, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"make run failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    outputs = sorted(tree.glob("notebooks/*.ipynb")) + sorted(tree.glob("reports/**/*"))
    return seconds, {str(p.relative_to(tree)): p.read_bytes() for p in outputs if p.is_file()}


def first_difference(a: bytes, b: bytes, width: int = 160) -> str:
    """The first differing lines (cut to ``width``: embedded images are one huge line), enough to see
    what is not reproducible."""
    try:
        old, new = a.decode("utf-8"), b.decode("utf-8")
    except UnicodeDecodeError:
        return f"binary files differ ({len(a):,} and {len(b):,} bytes)"
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return "\n".join(line[:width] + ("..." if len(line) > width else "") for line in list(lines)[2:8])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the snapshot folder and print its path")
    args = parser.parse_args()

    tree = Path(tempfile.mkdtemp(prefix="hwresearch-repro-"))
    try:
        snapshot(tree)
        if not list(tree.glob("notebooks/*.ipynb")):
            sys.exit("no notebooks/*.ipynb to run yet")
        first_seconds, first = make_run(tree)
        second_seconds, second = make_run(tree)
    finally:
        if args.keep:
            print(f"snapshot kept at {tree}")
        else:
            shutil.rmtree(tree, ignore_errors=True)

    files = {}
    for name in sorted(set(first) | set(second)):
        same = first.get(name) == second.get(name)
        files[name] = {"identical": same}
        if not same:
            files[name]["first_difference"] = first_difference(first.get(name, b""), second.get(name, b""))
    notebooks = {n: f for n, f in files.items() if n.endswith(".ipynb")}
    reproducible = all(f["identical"] for f in notebooks.values())
    path = write_result(
        "reproducible",
        {
            "what": "make run twice in a snapshot of the working tree; notebooks compared byte for byte",
            "notebooks_identical": reproducible,
            "run_seconds": [round(first_seconds, 1), round(second_seconds, 1)],
            "files": files,
        },
    )
    for name, f in files.items():
        print(f"{'same' if f['identical'] else 'DIFFERS'}  {name}")
        if not f["identical"]:
            print("    " + f["first_difference"].replace("\n", "\n    "))
    print(f"notebooks {'reproducible' if reproducible else 'NOT reproducible'}; runs took "
          f"{first_seconds:.0f} s and {second_seconds:.0f} s; wrote {path}")
    sys.exit(0 if reproducible else 1)


if __name__ == "__main__":
    main()
