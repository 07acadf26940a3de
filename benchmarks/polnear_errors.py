"""PolNeAR who-said-what errors counted by cause, for error analysis by mechanism (prints only).

Each prediction and gold attribution of the split is scored by :mod:`benchmarks.polnear` (the data
README's rule, :func:`hwresearch.evaluate.match_attributions`), and every error gets one cause:

- ``speaker span wrong``: content matched, both speaker spans present but not overlapping;
- ``speaker empty``: content matched, gold names a source, the prediction none;
- ``speaker where gold has none``: content matched, the prediction names a source gold does not;
- ``non-quote predicted``: a prediction matching no gold attribution (a precision loss);
- ``missed gold``: a gold attribution no prediction matches (a recall loss).

False positives are also counted by their cue (lower-cased), to find cue words used non-reportively.

    python benchmarks/polnear_errors.py                  # counts by cause on dev
    python benchmarks/polnear_errors.py --show 30 --cause "speaker empty"   # and sample errors of a cause
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import DATA, articles, predicted_acts, read_ann  # noqa: E402

from hwresearch import extract_quotes  # noqa: E402
from hwresearch.codebook import Codebook  # noqa: E402
from hwresearch.evaluate import match_attributions  # noqa: E402

CAUSES = ("speaker span wrong", "speaker empty", "speaker where gold has none", "non-quote predicted", "missed gold")


def errors(split: str) -> list[dict]:
    """One record per error of the split: cause, article, text and the spans involved."""
    empty = Codebook.empty()
    found = []
    for name, text_path, ann_path in articles(split):
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann_path, text)
        predicted, cues = predicted_acts(extract_quotes(text, codebook=empty, resolve_speakers=False))
        matches = match_attributions(predicted, gold)
        for m in matches:
            if m.speaker_right:
                continue
            g, p = gold[m.gold], predicted[m.predicted]
            cause = ("speaker empty" if not p.speaker else "speaker where gold has none" if not g.speaker
                     else "speaker span wrong")
            found.append({"cause": cause, "name": name, "text": text, "gold": g, "pred": p, "cue": cues[m.predicted]})
        matched_gold = {m.gold for m in matches}
        matched_pred = {m.predicted for m in matches}
        found += [{"cause": "non-quote predicted", "name": name, "text": text, "gold": None, "pred": p, "cue": cues[i]}
                  for i, p in enumerate(predicted) if i not in matched_pred]
        found += [{"cause": "missed gold", "name": name, "text": text, "gold": g, "pred": None, "cue": None}
                  for i, g in enumerate(gold) if i not in matched_gold]
    return found


def _spans(text: str, fragments) -> str:
    return " / ".join(" ".join(text[s:e].split())[:140] for s, e in fragments) or "-"


def _context(text: str, fragments, width: int = 60) -> str:
    if not fragments:
        return "-"
    start = min(s for s, _ in fragments)
    return " ".join(text[max(0, start - width):start + 200].split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--show", type=int, default=0, help="print this many sample errors of --cause")
    parser.add_argument("--cause", choices=CAUSES, default="non-quote predicted")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not (DATA / args.split).is_dir():
        print(f"no PolNeAR data at {DATA / args.split}", file=sys.stderr)
        return 2
    found = errors(args.split)
    counts = Counter(e["cause"] for e in found)
    print(f"PolNeAR {args.split} who-said-what errors by cause:")
    for cause in CAUSES:
        print(f"  {cause:30s} {counts[cause]:5d}")
    cues = Counter(str(e["cue"]).lower() for e in found if e["cause"] == "non-quote predicted")
    print("non-quote predictions by cue: " + ", ".join(f"{c} {n}" for c, n in cues.most_common(25)))
    chosen = [e for e in found if e["cause"] == args.cause]
    for e in random.Random(args.seed).sample(chosen, min(args.show, len(chosen))):
        text, g, p = e["text"], e["gold"], e["pred"]
        print(f"\n[{args.cause}] {e['name'][:40]} cue {e['cue']!r}")
        if g is not None:
            print(f"  gold SRC {_spans(text, g.speaker)!r} | {_spans(text, g.content)[:160]!r}")
        if p is not None:
            print(f"  pred SRC {_spans(text, p.speaker)!r} | {_spans(text, p.content)[:160]!r}")
        print(f"  context: {_context(text, (p or g).content)[:260]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
