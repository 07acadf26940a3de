"""Score the names of :func:`hwresearch.mentions.extract_names` as named-entity recognition on Universal NER.

Universal NER English-EWT dev (``../shared/data/uner_ewt/en_ewt-ud-dev.iob2``, PER / ORG / LOC in IOB2)
is a measure only: nothing is trained or fitted on it. The sentences of one EWT document (``# newdoc``)
are joined by blank lines into one text, so each sentence is a paragraph of one Article, and gold spans
are mapped from their tokens to character offsets through the ``# text = `` line.

Scoring is exact span: a predicted name is right when its start and end equal a gold span's
(typed: and its type matches). Types map person → PER, organisation → ORG, place → LOC; names typed
group or other are not predictions (UNER has no such class), so they count neither way.

    python benchmarks/uner.py            # prints the figures, writes results/uner_dev.json
    python benchmarks/uner.py --show 40  # also prints errors by cause, with examples
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from throughput import write_result

from hwresearch.article import parse_article, parse_articles
from hwresearch.mentions import extract_names

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "uner_ewt" / "en_ewt-ud-dev.iob2"
TYPE_MAP = {"person": "PER", "organisation": "ORG", "place": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def read_documents(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, gold spans as (start, end, type)) per EWT document, sentences joined by blank lines."""
    documents: list[tuple[list[str], list[tuple[int, int, str]]]] = []
    sentence_text, tokens = None, []

    def close() -> None:
        nonlocal sentence_text, tokens
        if sentence_text is None:
            return
        texts, spans = documents[-1]
        offset = sum(len(t) + 2 for t in texts)
        cursor, current = 0, None
        for word, tag in tokens:
            start = sentence_text.index(word, cursor)
            end = cursor = start + len(word)
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                if current:
                    spans.append(current)
                current = (offset + start, offset + end, tag[2:])
            elif tag.startswith("I-") and current:
                current = (current[0], offset + end, current[2])
            else:
                if current:
                    spans.append(current)
                current = None
        if current:
            spans.append(current)
        texts.append(sentence_text)
        sentence_text, tokens = None, []

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            close()
            documents.append(([], []))
        elif line.startswith("# text = "):
            sentence_text = line[len("# text = ") :]
            if not documents:
                documents.append(([], []))
        elif line and not line.startswith("#"):
            fields = line.split("\t")
            if "-" in fields[0] or "." in fields[0]:
                continue
            tokens.append((fields[1], fields[2]))
        elif not line:
            close()
    close()
    return [("\n\n".join(texts), spans) for texts, spans in documents if texts]


def prf(right: int, predicted: int, gold: int) -> dict[str, float]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many examples of each error cause")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    documents = read_documents(DATA)
    began = time.perf_counter()
    articles = [parse_article(text) for text, _ in documents]
    parse_articles(articles)
    parsed = time.perf_counter()
    predictions = []
    for article in articles:
        frame = extract_names(article)
        predictions.append(
            [(int(s), int(e), TYPE_MAP[t], r) for s, e, t, r in zip(frame["start"], frame["end"], frame["entity_type"], frame["reason"]) if t in TYPE_MAP]
        )
    done = time.perf_counter()

    counts = Counter()
    per_type = {t: Counter() for t in TYPES}
    errors: dict[str, list[str]] = {}

    def note(cause: str, example: str) -> None:
        counts[cause] += 1
        errors.setdefault(cause, []).append(example)

    for (text, gold), predicted in zip(documents, predictions):
        gold_spans = {(s, e): t for s, e, t in gold}
        pred_spans = {(s, e): (t, r) for s, e, t, r in predicted}
        counts["gold"] += len(gold_spans)
        counts["predicted"] += len(pred_spans)
        for t in gold_spans.values():
            per_type[t]["gold"] += 1
        for t, _ in pred_spans.values():
            per_type[t]["predicted"] += 1
        for span, (t, reason) in pred_spans.items():
            context = text[max(0, span[0] - 30) : span[1] + 30].replace("\n", " ")
            if span in gold_spans:
                counts["untyped_right"] += 1
                if gold_spans[span] == t:
                    counts["typed_right"] += 1
                    per_type[t]["right"] += 1
                else:
                    note(f"wrong type {gold_spans[span]}->{t}", f"{text[slice(*span)]!r} ({reason}) | {context}")
            else:
                overlap = [g for g in gold_spans if g[0] < span[1] and span[0] < g[1]]
                if overlap:
                    g = overlap[0]
                    note(f"boundary {t}", f"{text[slice(*span)]!r} vs gold {text[slice(*g)]!r} ({reason}) | {context}")
                else:
                    note(f"spurious {t} ({reason.split(':')[0]})", f"{text[slice(*span)]!r} ({reason}) | {context}")
        for span, t in gold_spans.items():
            if span not in pred_spans and not any(p[0] < span[1] and span[0] < p[1] for p in pred_spans):
                context = text[max(0, span[0] - 30) : span[1] + 30].replace("\n", " ")
                note(f"missed {t}", f"{text[slice(*span)]!r} | {context}")

    result = {
        "split": "dev",
        "data": "Universal NER English-EWT dev (en_ewt-ud-dev.iob2)",
        "scoring": "exact character span; typed also needs the type; person->PER, organisation->ORG, place->LOC; "
        "group and other names are not scored",
        "documents": len(documents),
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "typed": prf(counts["typed_right"], counts["predicted"], counts["gold"]),
        "untyped": prf(counts["untyped_right"], counts["predicted"], counts["gold"]),
        "per_type": {t: {**prf(c["right"], c["predicted"], c["gold"]), "gold": c["gold"]} for t, c in per_type.items()},
        "errors": {k: v for k, v in sorted(counts.items()) if k.startswith(("wrong type", "boundary", "spurious", "missed"))},
        "seconds": {"parse": round(parsed - began, 1), "names": round(done - parsed, 1)},
    }
    print(f"UNER EWT dev: {result['gold']} gold names, {result['predicted']} predicted, {len(documents)} documents")
    for key in ("typed", "untyped"):
        s = result[key]
        print(f"  {key:8} P {s['precision']:5.1f}  R {s['recall']:5.1f}  F1 {s['f1']:5.1f}")
    for t, s in result["per_type"].items():
        print(f"  {t:8} P {s['precision']:5.1f}  R {s['recall']:5.1f}  F1 {s['f1']:5.1f}  (gold {s['gold']})")
    print("  errors by cause:")
    for cause, n in sorted(result["errors"].items(), key=lambda kv: -kv[1]):
        print(f"    {n:5}  {cause}")
        for example in errors[cause][: args.show]:
            print(f"           {example}")
    print(f"  time: parse {result['seconds']['parse']} s, names {result['seconds']['names']} s")
    if not args.no_write:
        print(f"wrote {write_result('uner_dev', result).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
