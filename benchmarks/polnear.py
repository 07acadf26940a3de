"""Score `extract_quotes` on PolNeAR (who said what in US political news) with the data README's rule.

A prediction is one attribution act: the rows of ``extract_quotes`` that share an ``attribution`` id,
taken together as one multi-fragment content with their speaker span(s), the way PolNeAR annotates
'"A," he said. "B."' as one attribution.
The rule is the project's one implementation, :func:`hwresearch.evaluate.match_attributions` (see
``SCORING``): a predicted quote matches a gold attribution when its content covers more than 30% of the
gold content characters (greedy one-to-one, best coverage first, ties to the pair whose speakers agree);
the match is also right on who-said-what when the predicted speaker span overlaps the gold Source span
(or both are empty). Precision is over all predictions, recall over all gold attributions. The gold kind comes from the gold content text: quote
marks around all of it is direct, around some of it mixed, none indirect.

    python benchmarks/polnear.py                 # dev: prints the figures, writes results/polnear_dev.json
    python benchmarks/polnear.py --split train   # error analysis (writes nothing unless --write)
    python benchmarks/polnear.py --split train --show 20   # print missed and spurious attributions

PolNeAR has no licence: it is read from ../shared/data for evaluation only and never shipped.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from throughput import write_result

from hwresearch import extract_quotes
from hwresearch.codebook import Codebook
from hwresearch.evaluate import (
    KINDS,
    Attribution,
    attribution_scores,
    match_attributions,
    quote_attributions,
    recall_by_kind,
)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "polnear"
SCORING = ("a prediction is the rows of extract_quotes sharing one attribution id, as one multi-fragment "
           "content with the group's speaker span(s); "
           "hwresearch.evaluate.match_attributions: a prediction matches a gold attribution when it covers "
           "more than 30% of the gold content characters, greedy one-to-one by coverage; ties in coverage go "
           "to the pair whose speaker spans overlap (or are both empty), then to the earlier gold and "
           "prediction in text order")

_OPEN = "\"“‘'«"
_CLOSE = "\"”’'»"
_DOUBLE = re.compile("[\"“”«»]|(?<![\\w])['‘](?=\\w)")


@dataclass
class Scores:
    """Running totals over a split: the matcher's hits per article, gold per kind, and run time."""

    n_gold: int = 0
    n_pred: int = 0
    content_hits: int = 0
    who_hits: int = 0
    by_kind: dict = field(default_factory=lambda: {k: [0, 0] for k in KINDS})  # kind -> [who hits, gold]
    seconds: float = 0.0
    seconds_resolved: float = 0.0
    articles: int = 0


def read_ann(path: Path, text: str) -> list[Attribution]:
    """Attributions of one brat standoff file: content fragments, source fragments (empty when the
    attribution has no Source) and kind. Attributions without a content are skipped."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = [tuple(map(int, part.split())) for part in offsets.split(";")]
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in fields[1].split()[1:]))
    gold = []
    for relation in relations:
        if "Content" not in relation:
            continue
        content = spans[relation["Content"]]
        source = spans.get(relation.get("Source", ""), [])
        gold.append(Attribution(content, source, None, gold_kind([text[s:e] for s, e in content])))
    return gold


def predicted_acts(frame: pd.DataFrame) -> tuple[list[Attribution], list[object]]:
    """One multi-fragment prediction per ``attribution`` id (in order of first row), and its first cue."""
    contents: dict[int, list] = {}
    speakers: dict[int, list] = {}
    cues: dict[int, object] = {}
    for act, row, cue in zip(frame["attribution"].tolist(), quote_attributions(frame), frame["cue"].tolist(), strict=True):
        contents.setdefault(act, []).extend(row.content)
        speakers.setdefault(act, []).extend(s for s in row.speaker if s not in speakers[act])
        cues.setdefault(act, cue)
    return [Attribution(contents[act], speakers[act]) for act in contents], list(cues.values())


def gold_kind(fragments: list[str]) -> str:
    """direct when every fragment is wrapped in quote marks, mixed when some marks occur, else indirect."""
    def wrapped(fragment: str) -> bool:
        core = fragment.strip().rstrip(".,;:!?—– ")
        core = core.strip()
        return len(core) > 1 and core[0] in _OPEN and (core[-1] in _CLOSE or fragment.strip()[-1] in _CLOSE)

    if all(wrapped(f) for f in fragments):
        return "direct"
    if any(_DOUBLE.search(f) for f in fragments):
        return "mixed"
    return "indirect"


def articles(split: str) -> list[tuple[str, Path, Path]]:
    """(name, text path, first annotation file in sort order) for every annotated article of a split."""
    folder = DATA / split
    found = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
        if anns:
            found.append((text_path.stem, text_path, anns[0]))
    return found


def evaluate(split: str = "dev", show: int = 0, seed: int = 0, resolved_timing: bool = False) -> dict:
    """Score the split and return the figures (also prints ``show`` sample errors of each type).

    Scoring needs only spans, so attribution runs without the mentions layer; ``resolved_timing`` also
    times the full call that resolves speakers to actors.
    """
    empty = Codebook.empty()
    scores = Scores()
    missed, spurious, wrong_speaker = [], [], []
    for name, text_path, ann_path in articles(split):
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann_path, text)
        started = time.perf_counter()
        frame = extract_quotes(text, codebook=empty, resolve_speakers=False)
        scores.seconds += time.perf_counter() - started
        if resolved_timing:
            started = time.perf_counter()
            extract_quotes(text, codebook=empty)
            scores.seconds_resolved += time.perf_counter() - started
        scores.articles += 1
        predicted, cues = predicted_acts(frame)
        matches = match_attributions(predicted, gold)
        counts = attribution_scores(matches, len(predicted), len(gold))
        by_kind = recall_by_kind(matches, gold)
        scores.n_gold += len(gold)
        scores.n_pred += len(predicted)
        scores.content_hits += int(counts.loc["content", "hits"])
        scores.who_hits += int(counts.loc["who said what", "hits"])
        for kind in KINDS:
            scores.by_kind[kind][0] += int(by_kind.loc[kind, "who said what"])
            scores.by_kind[kind][1] += int(by_kind.loc[kind, "gold"])
        matched_gold = {m.gold for m in matches}
        matched_pred = {m.predicted for m in matches}
        wrong_speaker += [(name, text, gold[m.gold], predicted[m.predicted], cues[m.predicted])
                          for m in matches if not m.speaker_right]
        missed += [(name, text, g) for gi, g in enumerate(gold) if gi not in matched_gold]
        spurious += [(name, text, p, cues[pi]) for pi, p in enumerate(predicted) if pi not in matched_pred]
    result = _figures(split, scores)
    if show:
        _show(show, missed, spurious, wrong_speaker, seed)
    return result


def _prf(hits: int, n_pred: int, n_gold: int) -> dict:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def _figures(split: str, s: Scores) -> dict:
    return {
        "split": split,
        "scoring": SCORING,
        "articles": s.articles,
        "gold_attributions": s.n_gold,
        "predicted_attributions": s.n_pred,
        "content": _prf(s.content_hits, s.n_pred, s.n_gold),
        "who_said_what": _prf(s.who_hits, s.n_pred, s.n_gold),
        "who_said_what_recall_by_kind": {
            k: {"recall": round(100 * hits / n, 1) if n else 0.0, "gold": n} for k, (hits, n) in s.by_kind.items()
        },
        "articles_per_second": round(s.articles / s.seconds, 1) if s.seconds else None,
        "articles_per_second_with_speaker_resolution": (
            round(s.articles / s.seconds_resolved, 1) if s.seconds_resolved else None
        ),
    }


def _show(n: int, missed: list, spurious: list, wrong: list, seed: int) -> None:
    rng = random.Random(seed)

    def clip(text: str, s: int, e: int) -> str:
        return " ".join(text[s:e].split())[:160]

    def spans(text: str, fragments) -> str:
        return " / ".join(clip(text, *f) for f in fragments) or "-"

    print(f"\n== missed gold ({len(missed)}) ==")
    for name, text, g in rng.sample(missed, min(n, len(missed))):
        print(f"[{g.kind}] {name[:40]} | SRC {spans(text, g.speaker)!r} | {spans(text, g.content)!r}")
    print(f"\n== spurious predictions ({len(spurious)}) ==")
    for name, text, p, cue in rng.sample(spurious, min(n, len(spurious))):
        print(f"{name[:40]} | cue {cue!r} | SRC {spans(text, p.speaker)!r} | {spans(text, p.content)!r}")
    print(f"\n== content found, speaker wrong ({len(wrong)}) ==")
    for _name, text, g, p, cue in rng.sample(wrong, min(n, len(wrong))):
        print(f"[{g.kind}] gold SRC {spans(text, g.speaker)!r} | predicted {spans(text, p.speaker)!r} "
              f"(cue {cue!r}) | {spans(text, p.content)[:90]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--show", type=int, default=0, help="print this many sample errors of each type")
    parser.add_argument("--write", action="store_true", help="write results/polnear_SPLIT.json (always for dev)")
    args = parser.parse_args(argv)
    if not (DATA / args.split).is_dir():
        print(f"no PolNeAR data at {DATA / args.split}", file=sys.stderr)
        return 2
    result = evaluate(args.split, show=args.show, resolved_timing=args.split == "dev")
    c, w = result["content"], result["who_said_what"]
    print(f"PolNeAR {args.split}: {result['articles']} articles, {result['gold_attributions']} gold, "
          f"{result['predicted_attributions']} predicted")
    print(f"content        P {c['precision']:5.1f}  R {c['recall']:5.1f}  F1 {c['f1']:5.1f}")
    print(f"who-said-what  P {w['precision']:5.1f}  R {w['recall']:5.1f}  F1 {w['f1']:5.1f}")
    print("who-said-what recall by kind: " + ", ".join(
        f"{k} {v['recall']:.1f} (n={v['gold']})" for k, v in result["who_said_what_recall_by_kind"].items()))
    print(f"speed: {result['articles_per_second']} articles/second (spans only); "
          f"{result['articles_per_second_with_speaker_resolution']} with speaker resolution (mentions layer)")
    if args.split == "dev" or args.write:
        print(f"wrote {write_result(f'polnear_{args.split}', result).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
