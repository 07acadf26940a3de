"""Read BASIL (Fan et al., EMNLP 2019) dev articles into texts with absolute-offset annotations.

The data README's convention: sentences joined with " ", paragraphs with "\\n\\n"; an annotation's
``id`` "p8" is the 9th sentence counted across paragraphs and its ``start`` / ``end`` are relative to
that sentence. BASIL has no licence: read from ../shared/data for evaluation only, never shipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "basil_dev"


@dataclass(frozen=True)
class Span:
    """One phrase-level annotation, placed in the article text."""

    start: int
    end: int
    sentence: int
    text: str
    target: str
    polarity: str  # "pos" / "neg"
    quote: bool
    speaker: str  # canonical name ("Rick_Perry"), "other_anti/pro/neutral", or ""

    @property
    def named_speaker(self) -> bool:
        """A quoted span whose speaker is named, not an unnamed "other_anti/pro/neutral" voice."""
        return self.quote and bool(self.speaker) and not self.speaker.startswith("other")

    @property
    def person_speaker(self) -> bool:
        """A named speaker that is a person: BASIL writes people as capitalised given and family names
        ("Rick_Perry"), groups with a lower-case or plural part ("Obama_campaign", "House_Democrats")."""
        parts = self.speaker.split("_")
        return (self.named_speaker and len(parts) >= 2 and all(part[:1].isupper() for part in parts)
                and not parts[-1].endswith("s"))


@dataclass(frozen=True)
class BasilArticle:
    doc_id: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    spans: tuple[Span, ...]


def _text(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    offset = 0
    for p, paragraph in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            offset += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                offset += 1
            sentences.append((offset, offset + len(sentence)))
            parts.append(sentence)
            offset += len(sentence)
    return "".join(parts), sentences


def _spans(annotations: list[dict], text: str, sentences: list[tuple[int, int]]) -> Iterator[Span]:
    for item in annotations:
        if not re.fullmatch(r"p\d+", item["id"]) or int(item["id"][1:]) >= len(sentences):
            continue  # "title" spans lie outside the body text
        index = int(item["id"][1:])
        base = sentences[index][0]
        start, end = base + int(item["start"]), base + int(item["end"])
        if text[start:end] != item["txt"]:
            found = text.find(item["txt"], sentences[index][0], sentences[index][1] + 1)
            if found < 0:
                continue
            start, end = found, found + len(item["txt"])
        yield Span(start, end, index, item["txt"], item.get("target", ""), item.get("polarity", ""),
                   item.get("quote") == "yes", item.get("speaker", "") or "")


def articles(data: Path = DATA) -> list[BasilArticle]:
    """Every dev article in sorted path order, with the spans whose text could be placed."""
    found = []
    for path in sorted((data / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        annotation_path = data / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        annotations = json.loads(annotation_path.read_text(encoding="utf-8"))
        text, sentences = _text(article["body-paragraphs"])
        spans = tuple(_spans(annotations["phrase-level-annotations"], text, sentences))
        found.append(BasilArticle(path.stem, text, tuple(sentences), spans))
    return found


def name_words(canonical: str) -> set[str]:
    """The lower-case words of a canonical BASIL name ("Rick_Perry" → {"rick", "perry"})."""
    return {word.lower() for word in canonical.replace("_", " ").replace("-", " ").split() if len(word) > 1}
