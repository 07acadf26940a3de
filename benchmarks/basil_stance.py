"""Score `stance_statements` on BASIL dev (who is for or against whom in US news, quoted speakers).

Scoring: a gold opinion is the (sentence, speaker, target, polarity) of a quoted span whose speaker is
a person (``Span.person_speaker`` of ``basil_data.py``), matched as for MPQA
(``benchmarks/opinion_scoring.py``: holder and target share a content word with the gold speaker
and target names, levels H, HP, HTP). Only biased spans are annotated, so precision counts only the
predictions placed in a sentence that holds a gold quoted span. The package runs as a new user would
run it: ``stance_statements(load_article(text))`` with no codebook; beside it, VADER's sentence sign
with the first name as holder and the nearest other name as target.

    python benchmarks/basil_stance.py           # prints the figures, writes results/basil_stance_dev.json
    python benchmarks/basil_stance.py --errors  # also prints spurious and missed opinions by cause

BASIL has no licence: read from ../shared/data for evaluation only, never shipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil_data import DATA, articles, name_words  # noqa: E402
from opinion_scoring import Gold, baseline, count_errors, predictions, print_table, score  # noqa: E402
from throughput import write_result  # noqa: E402

from hwresearch import load_article, stance_statements  # noqa: E402
from hwresearch.codebook import Codebook  # noqa: E402
from hwresearch.mentions import extract_mentions  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
POLARITY = {"pos": "positive", "neg": "negative"}


def gold_opinions(article) -> list[Gold]:
    found = set()
    for span in article.spans:
        if span.person_speaker and span.polarity in POLARITY:
            found.add(Gold(span.sentence, frozenset(name_words(span.speaker)), POLARITY[span.polarity],
                           frozenset(name_words(span.target))))
    return sorted(found, key=lambda g: (g.sentence, g.polarity, sorted(g.holder), sorted(g.target)))


def evaluate() -> dict:
    """The figures and the errors by cause, as written to the results file."""
    docs = articles()
    ours, base, golds = [], [], []
    spurious, missed = Counter(), Counter()
    for doc in docs:
        gold = gold_opinions(doc)
        quoted = {g.sentence for g in gold}
        article = load_article(doc.text)
        assert article.text == doc.text, doc.doc_id
        statements = stance_statements(article, Codebook.empty())
        mentions = extract_mentions(article, Codebook.empty())
        sentences = list(doc.sentences)
        preds = [p for p in predictions(statements, sentences) if p.sentence in quoted]
        ours.append(preds)
        base.append([p for p in predictions(baseline(doc.text, sentences, mentions), sentences) if p.sentence in quoted])
        golds.append(gold)
        count_errors(preds, gold, spurious, missed)
    return {
        "data": "BASIL dev (../shared/data/basil_dev)",
        "scoring": __doc__.split("\n\n")[1].replace("\n", " "),
        "articles": len(docs),
        "package": score(ours, golds),
        "baseline": score(base, golds),
        "spurious_by_cause": dict(spurious.most_common()),
        "missed_by_cause": dict(missed.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print spurious and missed opinions by cause")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    result = evaluate()
    print(f"BASIL dev: {result['articles']} articles, {result['package']['counts']['gold']} gold quoted opinions "
          "with a person speaker")
    print_table("package", result["package"])
    print_table("baseline", result["baseline"])
    if args.errors:
        print("spurious predictions by cause:", result["spurious_by_cause"])
        print("missed gold opinions by cause:", result["missed_by_cause"])
    if not args.no_write:
        print(f"wrote {write_result('basil_stance_dev', result).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
