"""Resolved speakers on BASIL dev: how often the speaker `extract_quotes` names is the person quoted.

The data README's rule (a), one implementation in :func:`hwresearch.evaluate.speaker_outcome`: for each
quoted span whose speaker is a person (``Span.person_speaker``), the first ``extract_quotes`` row (on
``load_article(text)``, no codebook) covering at least half of the span; right when its resolved
speaker (or speaker span) shares a name word with the gold speaker. Researchers count voices by the
resolved actor, so this measures what they count, not span overlap.

    python benchmarks/basil_speakers.py            # prints the figures, writes results/basil_speakers_dev.json
    python benchmarks/basil_speakers.py --show 30  # and prints that many wrong rows, by outcome

BASIL has no licence: it is read from ../shared/data for evaluation only and never shipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil_data import DATA, articles  # noqa: E402
from throughput import write_result  # noqa: E402

from hwresearch import extract_quotes, load_article  # noqa: E402
from hwresearch.evaluate import MENTION_KINDS, SPEAKER_OUTCOMES, speaker_outcome  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SCORING = ("for each quoted span with a person speaker, the first extract_quotes row "
           "(load_article(text), no codebook) covering at least half of the span; right when its resolved "
           "speaker or speaker span shares a name word with the gold speaker")


def evaluate(show: int = 0) -> dict:
    """Score every person-speaker quoted span of BASIL dev; print up to ``show`` failures."""
    outcomes: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    examples: list[str] = []
    found = articles()
    for item in found:
        spans = [span for span in item.spans if span.person_speaker]
        if not spans:
            continue
        article = load_article(item.text)
        quotes = extract_quotes(article)
        for span in spans:
            outcome, kind = speaker_outcome(quotes, (span.start, span.end), span.speaker, item.text)
            outcomes[outcome] += 1
            if kind is not None:
                wrong[kind] += 1
            if outcome != "right" and len(examples) < show:
                row = quotes[(quotes["end"] > span.start) & (quotes["start"] < span.end)]
                said = "; ".join(f"{r.speaker} [{r.cue}]" for r in row.itertuples()) or "-"
                sentence = item.text[item.sentences[span.sentence][0] : item.sentences[span.sentence][1]]
                examples.append(f"{outcome} ({kind or '-'}) gold={span.speaker} got={said}\n    {sentence[:300]}")
    total = sum(outcomes.values())
    result = {
        "split": "dev",
        "scoring": SCORING,
        "articles": len(found),
        "spans": total,
        "right_share": round(100 * outcomes["right"] / total, 1) if total else 0.0,
        "outcomes": {outcome: outcomes[outcome] for outcome in SPEAKER_OUTCOMES},
        "wrong_by_mention": {kind: wrong[kind] for kind in MENTION_KINDS},
    }
    for line in examples:
        print(line)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many spans not right")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"BASIL dev not found at {DATA}")
    result = evaluate(args.show)
    print(f"BASIL dev, {result['spans']} quoted spans with a person speaker in {result['articles']} articles")
    print(f"resolved speaker right: {result['right_share']}%")
    for outcome, n in result["outcomes"].items():
        print(f"  {outcome:16} {n:4}  {100 * n / max(result['spans'], 1):5.1f}%")
    for kind, n in result["wrong_by_mention"].items():
        print(f"    wrong, {kind:12} {n:4}")
    if not args.no_write:
        print(f"wrote {write_result('basil_speakers_dev', result).relative_to(REPO)}")


if __name__ == "__main__":
    main()
