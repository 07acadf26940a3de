"""Score `stance_statements` on MPQA 3.0 dev (opinion holders, targets and polarity in world news).

Scoring, implemented in ``benchmarks/opinion_scoring.py``: a gold opinion is a sentiment, arguing or
agree attitude, or an expressive-subjective element, that is positive or negative and held by someone
other than the writer (the last agent of ``nestedSource``); equal (sentence, holder, polarity, target
text) count once, the target text being all spans under the target frame and the holder's words those
of every mention of the agent. The package runs as a new user would run it:
``stance_statements(load_article(text))`` with no codebook. Beside it, VADER's sentence sign with the
sentence's first name as holder and the nearest other name as target.

Also: the share of ``stakeholder_positions`` favour/against rows that some gold opinion of the same
document supports (holder, target and polarity match as above, in any sentence).

    python benchmarks/mpqa.py              # prints the figures, writes results/mpqa_dev.json
    python benchmarks/mpqa.py --errors     # also prints spurious and missed opinions, counted by cause

MPQA is for research use only: read from ../shared/data, never shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from opinion_scoring import (  # noqa: E402
    POLARITY,
    Gold,
    baseline,
    content_words,
    count_errors,
    predictions,
    print_table,
    score,
)
from throughput import write_result  # noqa: E402

from hwresearch import load_article, stakeholder_positions, stance_statements  # noqa: E402
from hwresearch.codebook import Codebook  # noqa: E402
from hwresearch.mentions import extract_mentions  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "mpqa3_dev"
KINDS = {"sentiment", "arguing", "agree"}


@dataclass
class Document:
    doc_id: str
    text: str
    sentences: list[tuple[int, int]]
    gold: list[Gold]


def _spans_under(node) -> list[tuple[int, int]]:
    """Every YSpan beneath a JSON node."""
    found = []
    if isinstance(node, dict):
        if node.get("classType") == "YSpan":
            found.append((int(node["startPos"]), int(node["endPos"])))
        for value in node.values():
            found.extend(_spans_under(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_spans_under(value))
    return found


def _opinions(annotation: dict) -> list[tuple[str, list[str], dict | None]]:
    """(polarity, nested source, target frame) of the opinions an annotation carries."""
    if annotation["classType"] == "YExpressiveSubj":
        return [(annotation.get("polarity"), annotation.get("nestedSource") or [], annotation.get("targetFrame"))]
    if annotation["classType"] == "YDirectSubj":
        return [(a.get("polarity"), a.get("nestedSource") or annotation.get("nestedSource") or [], a.get("targetFrame"))
                for a in annotation.get("attitudes") or [] if a.get("attitudeType") in KINDS]
    return []


def documents(data: Path = DATA) -> list[Document]:
    docs = []
    for path in sorted((data / "json").glob("*/*")):
        raw = data / "raw" / path.parent.name / path.name
        text = raw.read_bytes().decode("latin-1")
        record = json.loads(path.read_text(encoding="utf-8"))
        agents: dict[str, set[str]] = {}
        for agent in record["agentMentions"]:
            s, e = int(agent["span"]["startPos"]), int(agent["span"]["endPos"])
            agents.setdefault(agent["identifier"], set()).update(content_words(text[s:e]))
        sentences, gold = [], set()
        for sentence in record["sentences"]:
            spans = [(int(s["startPos"]), int(s["endPos"])) for s in sentence["span"]]
            sentences.append((min(s for s, _ in spans), max(e for _, e in spans)))
            for annotation in sentence["annotations"]:
                for polarity, source, frame in _opinions(annotation):
                    if polarity not in {"positive", "negative"} or not source or source[-1] == "w":
                        continue
                    holder = frozenset(agents.get(source[-1], set()))
                    target = " ".join(text[s:e] for s, e in sorted(set(_spans_under(frame))))
                    gold.add(Gold(len(sentences) - 1, holder, polarity, frozenset(content_words(target))))
        order = sorted(range(len(sentences)), key=lambda i: sentences[i])
        rank = {old: new for new, old in enumerate(order)}
        docs.append(Document(f"{path.parent.name}/{path.name}", text, [sentences[i] for i in order],
                             sorted((Gold(rank[g.sentence], g.holder, g.polarity, g.target) for g in gold),
                                    key=lambda g: (g.sentence, g.polarity, sorted(g.holder), sorted(g.target)))))
    return docs


def positions_supported(positions, gold: list[Gold]) -> tuple[int, int]:
    """(supported, signed): favour/against rows of stakeholder_positions that a gold opinion supports."""
    signed = positions[positions["position"].isin(POLARITY)]
    supported = 0
    for row in signed.itertuples(index=False):
        holder, target = content_words(str(row.actor)), content_words(str(row.target))
        polarity = POLARITY[row.position]
        supported += any(holder & g.holder and target & g.target and polarity == g.polarity for g in gold)
    return supported, len(signed)


def evaluate() -> dict:
    """The figures, the positions' support and the errors by cause, as written to the results file."""
    docs = documents()
    ours, base, golds = [], [], []
    supported = signed = 0
    spurious, missed = Counter(), Counter()
    for doc in docs:
        article = load_article(doc.text)
        assert article.text == doc.text, doc.doc_id
        statements = stance_statements(article, Codebook.empty())
        mentions = extract_mentions(article, Codebook.empty())
        preds = predictions(statements, doc.sentences)
        ours.append(preds)
        base.append(predictions(baseline(doc.text, doc.sentences, mentions), doc.sentences))
        golds.append(doc.gold)
        s, n = positions_supported(stakeholder_positions(statements), doc.gold)
        supported, signed = supported + s, signed + n
        count_errors(preds, doc.gold, spurious, missed)
    share = round(100 * supported / signed, 1) if signed else 0.0
    return {
        "data": "MPQA 3.0 dev (../shared/data/mpqa3_dev)",
        "scoring": __doc__.split("\n\n")[1].replace("\n", " "),
        "documents": len(docs),
        "package": score(ours, golds),
        "baseline": score(base, golds),
        "positions_supported": {"supported": supported, "signed_rows": signed, "share": share},
        "spurious_by_cause": dict(spurious.most_common()),
        "missed_by_cause": dict(missed.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print spurious and missed opinions counted by cause")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    result = evaluate()
    print(f"MPQA 3.0 dev: {result['documents']} documents, {result['package']['counts']['gold']} gold opinions")
    print_table("package", result["package"])
    print_table("baseline", result["baseline"])
    share = result["positions_supported"]
    print(f"stakeholder_positions favour/against rows supported by a gold opinion: "
          f"{share['supported']}/{share['signed_rows']} = {share['share']}%")
    if args.errors:
        print("spurious predictions by cause:", result["spurious_by_cause"])
        print("missed gold opinions by cause:", result["missed_by_cause"])
    if not args.no_write:
        print(f"wrote {write_result('mpqa_dev', result).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
