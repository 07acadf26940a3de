"""Offline text layer: sentence and word spans with NLTK, no downloaded data.

Punkt runs untrained with the project's own abbreviation list, so "U.S." or "Sen." does not end a
sentence. Every function returns ``(start, end)`` spans into the string it was given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Lower-case, without the final period, as Punkt stores them.
ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u u.s.a d.c n.y l.a
    mr mrs ms dr prof sr jr st mt ft
    sen sens rep reps gov govs gen lt col maj capt sgt adm cmdr pres supt rev hon
    atty dept dist assn corp inc ltd co bros no nos vs etc approx est fig al
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo
    a.m p.m i.e e.g
    """.split()
)

# Initialisms ("U.S."), amounts ("$1", "2.5%"), words with inner apostrophes ("don't"), the possessive
# "'s" on its own (as Treebank does), or one other symbol.
_WORD_PATTERN = r"(?:[A-Za-z]\.){2,}|\$?\d(?:[\d.,]*\d)?%?(?!\w)|\w+(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]"


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _word_tokenizer() -> RegexpTokenizer:
    return RegexpTokenizer(_WORD_PATTERN)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, as offsets into ``text``."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    return [(start + s, start + e) for s, e in _sentence_tokenizer().span_tokenize(chunk)]


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word-token spans inside ``text[start:end]``, as offsets into ``text``."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    return [(start + s, start + e) for s, e in _word_tokenizer().span_tokenize(chunk)]


_SPACE = re.compile(r"\s+")


def squash_spaces(text: str) -> str:
    """One plain space for any run of whitespace (no-break spaces included), for display and matching."""
    return _SPACE.sub(" ", text).strip()
