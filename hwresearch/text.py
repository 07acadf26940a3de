"""Plain-text helpers: word spans for text outside an Article, and whitespace squashing for display."""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import RegexpTokenizer

# Initialisms ("U.S."), amounts ("$1", "2.5%"), words with inner apostrophes ("don't"), the possessive
# "'s" on its own (as Treebank does), or one other symbol.
_WORD_PATTERN = r"(?:[A-Za-z]\.){2,}|\$?\d(?:[\d.,]*\d)?%?(?!\w)|\w+(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]"


@lru_cache(maxsize=1)
def _word_tokenizer() -> RegexpTokenizer:
    return RegexpTokenizer(_WORD_PATTERN)


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word-token spans inside ``text[start:end]``, as offsets into ``text``."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    return [(start + s, start + e) for s, e in _word_tokenizer().span_tokenize(chunk)]


_SPACE = re.compile(r"\s+")


def squash_spaces(text: str) -> str:
    """One plain space for any run of whitespace (no-break spaces included), for display and matching."""
    return _SPACE.sub(" ", text).strip()
