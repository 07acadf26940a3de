"""Quote attribution: who said what, by rules over quote marks, a cue lexicon and word spans.

The rules work on what the text and the article's one parse show: quote marks paired by type, cue
words (verbs of saying and of reported thought, "according to", a few multiword cues) that the tagger
reads as verbs, the tokens and clause punctuation that bound a content, and the speaker as the cue's
subject in the parse (:mod:`hwresearch.speakers`; token rules where the parse gives none). Each
attribution is a *content* span, a *cue* span, a *speaker* span (the local mention, e.g. "He") and the
speaker resolved to a canonical actor through the mentions layer (:mod:`hwresearch.mentions`). Every rule runs in time linear in the text, so odd quote marks, unclosed quotes or a
megabyte without punctuation cost nothing more than a normal article and never lose the rest of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from hwresearch.article import PROSE_PARTS, Article, load_article
from hwresearch.codebook import Codebook, CodebookSource, resolve_codebook
from hwresearch.lexicon import lexicon
from hwresearch.nlp import dep, heads, token_columns, ud_label
from hwresearch.speakers import actor_head, antecedent, cue_source, fallback_head, is_nominal, phrase, span_head

COLUMNS = [
    "start", "end", "text", "kind", "cue", "cue_start", "cue_end",
    "speaker", "speaker_start", "speaker_end", "speaker_type", "addressee", "sent_id", "attribution",
]
_INT_COLUMNS = ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end", "sent_id", "attribution")

# ---- quote marks ----------------------------------------------------------------------------------
# Families pair only with themselves: curly doubles, straight doubles, guillemets, singles.
_MARK = re.compile("''|[\"“”„‟«»'‘’‛]")
_OPENERS = {"“": "curly", "„": "curly", "‟": "curly", "«": "guillemet"}
_CLOSERS = {"”": "curly", "»": "guillemet"}
_BEFORE_OPEN = set(" \t\n\u00a0([{—–-/")
_DOUBLES = ("curly", "straight", "guillemet")
_QUOTE_CHARS = frozenset("\"“”„‟«»'‘’‛")


@dataclass(frozen=True)
class Quote:
    """A top-level quoted span: ``start`` is the opening mark, ``end`` is just past the closing mark."""

    start: int
    end: int
    closed: bool = True

    def inner(self, text: str) -> tuple[int, int]:
        """The quoted words without the marks and without the comma or space next to them."""
        s, e = self.start, self.end
        while s < e and (text[s] in _QUOTE_CHARS or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in _QUOTE_CHARS or text[e - 1] in ", " or text[e - 1].isspace()):
            e -= 1
        return s, e


def _mark_role(text: str, i: int) -> tuple[str, str]:
    """(role, family) of the quote mark at ``i``: role is open, close, toggle or none (an apostrophe)."""
    ch = text[i]
    width = 2 if text.startswith("''", i) else 1
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if width == 2:
        ch = '"'
    if ch in _OPENERS:
        return "open", _OPENERS[ch]
    if ch in _CLOSERS:
        return "close", _CLOSERS[ch]
    if ch == '"':
        if before.isspace() and after.isspace():
            return "none", "straight"  # a mark standing alone between spaces quotes nothing
        if before in _BEFORE_OPEN and not after.isspace():
            return "open", "straight"
        if not before.isspace() and (after.isspace() or not after.isalnum()):
            return "close", "straight"
        return "toggle", "straight"
    # Single marks: an apostrophe has a letter on both sides ("don't") or closes a plural possessive.
    if before.isalnum() and after.isalnum():
        return "none", "single"
    if before in _BEFORE_OPEN and after.isalpha() and ch in "'‘‛":
        return "open", "single"
    if not before.isspace() and not after.isalnum():
        return "close", "single"
    return "none", "single"


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Top-level quotes in ``paragraphs`` (ordered ``(start, end)`` spans of ``text``).

    Marks pair by family on a stack, so nested quotes stay inside the outer one. A paragraph that ends
    inside a double quote continues into the next paragraph when that one opens with the same family
    (the newspaper convention for long quotes), or when nothing but the opening mark stood in the
    paragraph before; otherwise the quote ends with its paragraph. An opening mark with nothing after
    it at the end of the text is no quote. Closing marks
    with no opener and single marks that never close are apostrophes or typos and are dropped.
    """
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    open_count: dict[str, int] = {}

    def has_content(start: int, end: int) -> bool:
        return bool(text[start + 1 : end].strip())

    def pop_to(depth: int, end: int) -> None:
        while len(stack) > depth:
            family, start = stack.pop()
            open_count[family] -= 1
            if not stack:
                quotes.append(Quote(start, end))

    for index, (p_start, p_end) in enumerate(paragraphs):
        continuation = None
        if stack:  # a quote is carried over from the previous paragraph: it must reopen here
            head = text[p_start : p_start + 1]
            role, family = _mark_role(text, p_start) if head and _MARK.match(head) else ("none", "")
            if role in ("open", "toggle") and family == stack[0][0]:
                continuation = p_start
            elif _opens_here(text, stack[0][1]) and not has_content(stack[0][1], paragraphs[index - 1][1]):
                pass  # 'said: “' then a paragraph break: the quote opens here and goes on in this paragraph
            else:
                outer = stack[0]
                stack.clear()
                open_count.clear()
                if outer[0] != "single":
                    quotes.append(Quote(outer[1], paragraphs[index - 1][1], closed=False))
        for match in _MARK.finditer(text, p_start, p_end):
            i = match.start()
            if i == continuation:
                continue
            role, family = _mark_role(text, i)
            if role == "none":
                continue
            if role == "toggle":
                role = "close" if open_count.get(family) else "open"
            if role == "open" and family in ("straight", "single") and open_count.get(family):
                role = "close" if family == "straight" or not text[i + 1 : i + 2].isalpha() else "open"
            if role == "open":
                if family == "curly" and open_count.get("curly"):  # a curly quote left open: close it here
                    depth = max(d for d, (f, _) in enumerate(stack) if f == "curly")
                    pop_to(depth, i)
                stack.append((family, i))
                open_count[family] = open_count.get(family, 0) + 1
            elif not open_count.get(family) and family in _DOUBLES:
                other = next((f for f in _DOUBLES if f != family and open_count.get(f)), None)
                if other is not None:  # a typo'd pair ("...” after "): close the open double quote
                    depth = max(d for d, (f, _) in enumerate(stack) if f == other)
                    pop_to(depth, match.end())
            elif open_count.get(family):
                depth = len(stack) - 1
                while stack[depth][0] != family:
                    depth -= 1
                pop_to(depth, match.end())
        # Unclosed singles inside the paragraph were apostrophes after all.
        while stack and stack[-1][0] == "single" and len(stack) > 1:
            stack.pop()
            open_count["single"] -= 1
    if stack and stack[0][0] != "single" and has_content(stack[0][1], paragraphs[-1][1]):
        quotes.append(Quote(stack[0][1], paragraphs[-1][1], closed=False))  # a mark at the very end is no quote
    quotes.sort(key=lambda q: q.start)
    return quotes


# ---- the cue lexicon ------------------------------------------------------------------------------
# Frames (see lang/en/cues.toml): "say" verbs take a clause or a quote and allow every order (SOURCE CUE
# CONTENT, CONTENT, SOURCE CUE, CONTENT, CUE SOURCE); "think" verbs report internal states (SOURCE CUE
# CONTENT, CONTENT, SOURCE CUE); "object" verbs take a noun phrase or a preposition ("accused it of ...").
_LEX = lexicon()
_CUE_FORMS = _LEX.cue_forms
_MULTIWORD = _LEX.multiword_cues
_EVIDENTIAL = _LEX.evidential_verbs
_TOPIC_PREPOSITIONS = _LEX.topic_prepositions
_NEEDS_CLAUSE = _LEX.needs_clause
_OBJECT_PREP = _LEX.object_preposition
_PASSIVE_FORMS = tuple(v.replace("rumored", "rumou?red") for v in _LEX.passive_verbs if v != "rumoured")
_STATE_ADJ = "|".join(_LEX.state_adjectives)
_PASSIVE_VERB = "|".join(_PASSIVE_FORMS)  # and "is said to", never a bare "said to"
_COPULA = r"(?:is|are|was|were|be|been|being|remains?|remained|'s|’s|'re|’re)"

_CUE = re.compile(
    r"(?<![\w'’-])(?:"
    rf"(?P<state>{_COPULA}\s+(?:\w+ly\s+)?(?:{_STATE_ADJ})(?:\s+(?:about|that|of|by))?)"
    rf"|(?P<passive>(?:{_COPULA}\s+(?:\w+ly\s+)?)?(?:{_PASSIVE_VERB})\s+(?:as|to)(?=\s)|{_COPULA}\s+(?:\w+ly\s+)?said\s+to(?=\s))"
    r"|(?P<according>[Aa]ccording to)"
    rf"|(?P<multi>{'|'.join(sorted((re.escape(k) for k in _MULTIWORD if k != 'according to'), key=len, reverse=True))})"
    rf"|(?P<word>{'|'.join(sorted(_CUE_FORMS, key=len, reverse=True))})"
    r")(?![\w'’-])"
)

# The words a cue can start with: the rules try the cue pattern only at these tokens.
_CUE_FIRST_WORDS = frozenset(
    {*_CUE_FORMS, *(k.split()[0] for k in _MULTIWORD), "according", "According",
     *_LEX.state_adjectives, *_LEX.passive_verbs,
     "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "'s", "’s", "'re", "’re"}
)

# ---- word classes for the source and content rules, from the shared lexicon --------------------
_AUX = _LEX.auxiliaries | (_LEX.negations - _LEX.determiners) | _LEX.verb_adverbs
_RELATIVE = _LEX.relative_pronouns
_NP_STOP = (_LEX.prepositions | _LEX.coordinators | _LEX.subordinators | _LEX.relative_pronouns | _LEX.wh_words
            | frozenset({"also", "not", "then"}))
_DETERMINERS = _LEX.determiners | _LEX.possessive_determiners
_NOUN_DETERMINERS = _DETERMINERS - _LEX.standalone_determiners  # "many said", "some say" keep their cue
_VERBISH = _LEX.auxiliaries
_TITLES = _LEX.role_nouns
_QUANTIFIERS = _LEX.quantifiers | _LEX.rank_words
_PRONOUNS = {**{p: None for p in _LEX.relative_pronouns}, "they": None, "it": None, "we": None,
             "he": "person", "she": "person", "i": "person"}
_CLAUSE_PUNCT = frozenset(",;:()[]—–")
_TIME = re.compile(
    r"(?:on|in|last|this|next|earlier|late|early|during|at)\s+(?:\w+\s+){0,3}?"
    rf"(?:{'|'.join(sorted(_LEX.weekdays | _LEX.time_nouns | _LEX.months | _LEX.setting_nouns))})\b,?\s*"
)
_ADDRESSEE_AFTER_TELL = re.compile(
    r"\s*((?:the\s+)?(?:[A-Z][\w&.’'-]*\s*)+|reporters|journalists|supporters|the\s+\w+|an?\s+\w+(?:\s+\w+)?)"
)
_MEDIUM = re.compile(r"\b(?:on|to|with)\s+((?:[A-Z][\w&.’'-]*\s?){1,4})|\bin an? (tweet|Facebook post|interview with ((?:[A-Z][\w&.’'-]*\s?){1,4}))")
_CLAIM_NOUN = re.compile(
    rf",\s+(?:a|an|the)\s+(?:{'|'.join(sorted(_LEX.claim_nouns))})s?"
    r"\s+(?:that\s+|which\s+)?$"
)
_ABBREVIATION = re.compile(r"[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Prof|Rev|Hon|Pres|Atty")
_BY = re.compile(r"\s*by\s+")
_TIME_WORD = re.compile(rf"(?:{'|'.join(sorted(_LEX.weekdays))}|Today|Yesterday|Last|This|Next|Earlier|Later)$")
# After the source of a split quote: a few words of setting, then a comma or colon, then the quote resumes.
_RESUME = re.compile(r"(?:[^\S\n]+[\w.’'-]+){0,8}?[^\S\n]*[,:][^\S\n]*(?=[\"“'‘])")
# After a cue, nothing but the end of the sentence (or a comma before another clause).
_CLAUSE_END = re.compile(r"[\s,]*(?:[.!?;:)\]]|$)")
_LEAD = re.compile(r"[\s,]*(?:that\s+|:\s*)?")
# "wrote on Twitter on Tuesday that ...": a short setting, then the that-clause.
_SETTING_THEN_THAT = re.compile(
    r"(?:[\s,]+(?:on|in|at|to|with|during|last|this|earlier|from|for|a|an|the|[A-Z][\w.&'’-]*|\w+day|\w+ly)\b){1,8}?"
    r"[\s,]+that\s+"
)
# "Mark Cuban: ...", "Q: ...": one to four words, the first capitalised, no digits, then a colon.
# '” ― Marta J. Kovacs' ending its line: a dash, then two to five capitalised words or initials.
_SIGNATURE = re.compile(
    r"[^\S\n]*(?P<dash>[―—–])[^\S\n]*(?P<name>[A-Z](?:\.|[\w'’-]*)(?:[^\S\n][A-Z](?:\.|[\w'’-]*)){1,4})\.?[^\S\n]*(?:\n|\Z)"
)
_COLON_TURN = re.compile(r"([A-Z][A-Za-z.'’&-]*(?:[^\S\n][A-Za-z.'’&-]+){0,3}):[^\S\n]+(?=\S)")
_NOT_SPEAKERS = _LEX.not_speakers
# Words that continue the source of "according to" ("a post from X") rather than open the content.
_SOURCE_TAIL = re.compile(rf"(?:{'|'.join(sorted(_LEX.source_continuations))})\b")
_LETTER_WORD = re.compile(r"[A-Za-z]{2,}")
_TO = re.compile(r"\s*to\s")
_QUOTE_OPEN = re.compile(r"[\"“«]|(?<!\w)['‘](?=\w)")
_COMMA_BEFORE = re.compile(r"\w[^\w\s]*[,—–]\s*$")
_SETTING = re.compile(
    r"[\s,]*(?:(?:of|at|in|on|during|when|while|after|before|as|with|about|from|through|under|without|since|"
    r"because|according|and|but|then|[a-z]+ing)\b|[a-z]+ly[\s,.]|[,(—–])"
)


@dataclass(frozen=True)
class Attribution:
    """One who-said-what relation with character spans into the article text."""

    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    addressee: str | None
    sent_id: int
    act: int | None = None  # the attribution act it belongs to; set by _Extractor._add


# ---- the extractor ------------------------------------------------------------------------------


# Dependents that only a predicate has: its subject or a clausal complement.
_PREDICATE_ARGUMENTS = frozenset({"nsubj", "nsubj:pass", "csubj", "ccomp"})


class _Doc:
    """The article's text with its words, sentences and quotes, indexed for the rules."""

    def __init__(self, article: Article):
        self.text = article.text
        self.parsed = article.doc
        text = self.text
        prose = [p for p in article.parts if p.kind in PROSE_PARTS]
        self.paragraph_spans = [(p.start, p.end) for p in prose]
        sentences = article.sentences
        self.sent_start = sentences["start"].tolist()
        self.sent_end = sentences["end"].tolist()
        self.sent_para = sentences["para_id"].tolist()
        self.quotes = quote_spans(text, self.paragraph_spans)
        self.quote_starts = [q.start for q in self.quotes]
        doc = article.doc
        strings = doc.vocab.strings
        idx, orth, is_space, pos, tag, label = token_columns(doc, ["IDX", "ORTH", "IS_SPACE", "POS", "TAG", "DEP"])
        self.doc_index = [i for i, space in enumerate(is_space) if not space]
        self.tokens = [(idx[i], idx[i] + len(strings[orth[i]])) for i in self.doc_index]
        self.token_starts = [s for s, _ in self.tokens]
        name = {h: strings[h] for h in {*pos, *tag, *label}}  # the few labels, each looked up once
        self.pos = [name[pos[i]] for i in self.doc_index]
        self.tags = [name[tag[i]] for i in self.doc_index]
        # The words with a subject or a clausal complement among their dependents (a root heads itself).
        arguments = {h for h in set(label) if ud_label(name[h]) in _PREDICATE_ARGUMENTS}
        governing = {head for i, head in enumerate(heads(doc)) if head != i and label[i] in arguments}
        self.predicates = governing & set(self.doc_index)

    def quote_at(self, offset: int) -> Quote | None:
        """The top-level quote covering ``offset`` (marks included), or None."""
        i = bisect_left(self.quote_starts, offset + 1) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first token at/after ``start`` and of the first token at/after ``end``."""
        return bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)

    def span(self, tokens: tuple[int, int]) -> tuple[int, int]:
        """Character span of the token range ``[i, j)``."""
        return self.tokens[tokens[0]][0], self.tokens[tokens[1] - 1][1]

    def is_verb(self, i: int) -> bool:
        """Whether token ``i`` is a verb: tagged one, or heading a subject or a clause in the parse
        ("Farmers fear that ..." where the tagger took "fear" for a noun)."""
        return self.pos[i] in ("VERB", "AUX") or self.tags[i].startswith("VB") or self.doc_index[i] in self.predicates

    def adverb(self, i: int) -> bool:
        """An "-ly" adverb ("has recently said") by the tagger: "family", "ally", "assembly" are nouns."""
        word = self.word(i)
        return word.endswith("ly") and len(word) > 3 and word.islower() and self.tags[i].startswith("RB")

    def word(self, i: int) -> str:
        s, e = self.tokens[i]
        return self.text[s:e]


def _with_particle(parsed, cue: tuple[int, int]) -> bool:
    """Whether the parse gives a cue word a particle that makes another verb of it ("ruled out",
    "gave up"); the phrasal cues ("pointed out") are multiword cues of their own."""
    span = parsed.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lemma_.lower() in _NO_PARTICLE_VERBS:
        return False
    return any(dep(c) == "compound:prt" for c in span[0].children)


# verbs of saying that take no particle: a particle the parse gives them is a misreading ("said over the phone")
_NO_PARTICLE_VERBS = frozenset({"say", "tell"})


def _modifies_a_noun(parsed, cue: tuple[int, int]) -> bool:
    """Whether the parse reads a cue as a past participle that modifies a noun ("a statement posted on
    Facebook", "the report released Tuesday"): a reduced relative clause, no report of its own."""
    span = parsed.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    return token.tag_ == "VBN" and dep(token) == "acl" and token.head.pos_ in ("NOUN", "PROPN") and not any(
        dep(c) in ("nsubj", "nsubj:pass", "aux", "aux:pass", "obl:agent")
        or (dep(c) == "obj" and c.lower_ in _LEX.object_pronouns)  # "Her aides warned him": active
        for c in token.children)


def _subtree(token) -> tuple[int, int]:
    """Character span of a token with all its dependents."""
    last = token.right_edge
    return token.left_edge.idx, last.idx + len(last)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past surrounding spaces and clause punctuation (not quote marks)."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def _source_left(doc: _Doc, first: int, cue_tok: int) -> tuple[int, int] | None:
    """Token span ``[i, j)`` of the source noun phrase that ends before the cue token, or None.

    Skips auxiliaries, adverbs and a time phrase ("has recently", "on Tuesday night"), an appositive or
    participle clause between commas ("Ren Zhengfei, CEO of Huawei, said"), and takes a relative
    pronoun's antecedent ("the government, which has accused ...", "officials who spoke with X said").
    """
    j = cue_tok - 1
    while j >= first:
        w = doc.word(j).lower()
        timed = w in _TIME_LEAD and j + 1 < cue_tok and doc.word(j + 1).lower() in _TIME_WORDS
        if w in _AUX or w in _TIME_WORDS or timed or doc.adverb(j):
            j -= 1
        else:
            break
    if j < first:
        return None
    if doc.word(j) == ")":  # "Sen. Elizabeth Warren (D-Mass.) said": the name is before the brackets
        opening = next((k for k in range(j - 1, max(first, j - _BRACKET_REACH) - 1, -1) if doc.word(k) == "("), None)
        if opening is None or opening - 1 < first:
            return None
        j = opening - 1
    w = doc.word(j)
    if w == ",":  # appositives and relative clauses between commas: the head is before the first comma
        opening = _np_right(doc, _past_adverbial(doc, first, j), j)
        if opening and doc.word(opening[0])[0].isupper() and doc.word(opening[1]) in (",", "(") and j - first <= 45:
            return opening
        k = j - 1
        while k >= first and j - k <= 25 and doc.word(k) not in (",", ";"):
            k -= 1
        if k - 1 < first or doc.word(k) != ",":
            return None
        return _np_left(doc, first, k - 1)
    if w.lower() in _RELATIVE:
        k = j - 1
        if k >= first and doc.word(k) == ",":
            k -= 1
        head = _np_left(doc, first, k) if k >= first else None
        return (head[0], j + 1) if head else (j, j + 1)
    np = _np_left(doc, first, j)
    return _antecedent(doc, first, np[0]) or _grown_to_subject(doc, np, cue_tok) if np else None


def _grown_to_subject(doc: _Doc, np: tuple[int, int], cue_tok: int) -> tuple[int, int]:
    """The noun phrase before a cue, grown to the parse's subject of the cue where that subject ends
    with it and starts further left with no punctuation between: "a spokesman for the ministry said",
    "those close to the talks said" (the token rules stop at the preposition, and took "a spokesman
    for" for the end of the content)."""
    source = cue_source(doc.parsed, *doc.tokens[cue_tok])
    if source is None:
        return np
    words = [t for t in source.subtree if not (t.is_punct or t.is_space)]  # the parse hangs ", " on the subject
    if not words:
        return np
    left, right = words[0].idx, words[-1].idx + len(words[-1])
    np_start, np_end = doc.tokens[np[0]][0], doc.tokens[np[1] - 1][1]
    if right != np_end or left >= np_start or any(c in _SUBJECT_BREAKS for c in doc.text[left:np_start]):
        return np
    return doc.token_range(left, np_end)[0], np[1]


_SUBJECT_BREAKS = frozenset(",;:()[]\"“”—–")


def _antecedent(doc: _Doc, first: int, start: int) -> tuple[int, int] | None:
    """The head a relative clause without commas hangs on, when the source found ends that clause:
    "officials who spoke with The Huffington Post said" is the officials' report, not the Post's."""
    k = start - 1
    while k >= first and start - k <= _RELATIVE_REACH and doc.word(k)[0].isalnum():
        if doc.word(k).lower() == "who":
            return _np_left(doc, first, k - 1) if k > first else None
        k -= 1
    return None


_ADVERBIAL_LEAD = _LEX.adverbial_openers | {w.lower() for w in _LEX.weekdays}
_TIME_WORDS = _LEX.time_words
_TIME_LEAD = _LEX.time_openers  # "on Tuesday", "this week", "late Friday"
_CONJUNCTIONS = _LEX.clause_conjunctions


def _past_adverbial(doc: _Doc, first: int, limit: int) -> int:
    """The token where a clause's subject starts: past an opening conjunction ("But her decision") and
    an opening adverbial up to its comma ("In the interview, Reid ...", "Last month, he ...")."""
    if first < limit and doc.word(first).lower() in _CONJUNCTIONS:
        first += 1
    if first < limit and doc.word(first).lower() in _ADVERBIAL_LEAD:
        comma = next((k for k in range(first + 1, min(first + 12, limit)) if doc.word(k) == ","), None)
        if comma is not None:
            return comma + 1
    return first


def _np_left(doc: _Doc, first: int, last: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``last``: capitalised words, determiners, modifiers, possessives."""
    k = last
    while k >= first and last - k < 10:
        w = doc.word(k)
        lower = w.lower()
        if lower == "and" and k > first and (doc.word(k - 1)[0].isupper() or doc.word(k - 1).lower() in _TITLES):
            k -= 1  # "founder and CEO", "Trump and Clinton": one noun phrase
            continue
        if lower in _NP_STOP and not (k == last and lower in _PRONOUNS):
            break
        plural_possessive = w in ("'", "’") and k > first and doc.word(k - 1).endswith("s")
        if not (w[0].isalnum() or w in ("'s", "’s", "&", "-", ".") or plural_possessive) or _spaced_dash(doc, k):
            break
        if lower in _CUE_FORMS and w.islower() and k != last:
            break
        k -= 1
    start = k + 1
    if start > last:
        return None
    if doc.word(start) in ("'s", "’s", "&", "-", "."):
        return None
    return start, last + 1


def _spaced_dash(doc: _Doc, k: int) -> bool:
    """A hyphen with a space before it is a dash between phrases ("(AP) - President Cardoso"), not one
    joining the words of a name ("Danilov-Danilyan")."""
    start = doc.tokens[k][0]
    return doc.word(k) == "-" and start > 0 and doc.text[start - 1].isspace()


def _bare_plural(doc: _Doc, first: int, end: int) -> bool:
    """Whether tokens ``[first, end)`` are a plural noun with only nouns and adjectives before it, no
    determiner: the people an inverted cue names in news ("..., say experts", "say climate-change experts")."""
    return doc.tags[end - 1] == "NNS" and all(doc.tags[k] in _BARE_MODIFIER_TAGS for k in range(first, end - 1))


_BARE_MODIFIER_TAGS = frozenset({"NN", "NNS", "JJ", "HYPH", "VBN", "VBG"})


def _np_right(doc: _Doc, first: int, limit: int) -> tuple[int, int] | None:
    """A noun phrase starting at token ``first``: up to clause punctuation or a stop word."""
    k = first
    while k < limit and k - first < 12:
        w = doc.word(k)
        if w == "." and k > first and _ABBREVIATION.fullmatch(doc.word(k - 1)):
            k += 1
            continue
        if w == "(" and k > first:
            close = next((i for i in range(k + 1, min(k + 8, limit)) if doc.word(i) == ")"), None)
            if close is not None:
                k = close + 1
                continue
        if w in _CLAUSE_PUNCT or w in (".", "!", "?") or (w[0] in _QUOTE_CHARS and w not in ("'s", "’s")):
            break
        verbish = w.lower() in _VERBISH and doc.tags[k] != "POS"  # "'s" that owns ("AARP's statements") goes on
        if (w.lower() in _NP_STOP or verbish) and k > first and w.lower() not in ("of", "for", "and"):
            break
        k += 1
    return (first, k) if k > first else None


# "X said A and later claimed B", "but said": a cue coordinated with an earlier one shares its subject.
_COORDINATED = re.compile(r"(?:,\s*)?\b(?:and|but)\s+(?:(?:also|even|then|later|has|have|had|\w+ly)\s+){0,3}$")
_COORDINATION_REACH = 40  # characters before a cue the coordinator and its adverbs may take
# Words that open the setting after an inverted source of a quote.
_SETTING_START = _LEX.setting_openers
_BRACKET_REACH = 12  # tokens a bracketed aside between a source and its cue may take
_RELATIVE_REACH = 8  # words a relative clause may run between "who" and the noun phrase before the cue
_MEDIUM_REACH = 150  # characters around a cue where "on Twitter", "in an interview with X" may stand
_NEARBY_CUES = 12  # later cues a content is checked against (a sentence rarely holds more)
_WINDOW = 1500  # characters a cue's rules may read on either side of it (news sentences are far shorter)
# "Asked whether ...": the words a passive "asked" may follow, the question words it introduces.
_ASKED_AFTER = frozenset({"", "when", "if", "after", "being", "but", "and", ",", "once"})
_ASKED = re.compile(
    r"[Aa]sked(?:\s+by\s+(?P<by>[^,;:.?!\"“”]{1,60}?))?\s+"
    r"(?P<question>(?:about|whether|if|what|how|why|who|when|where|which)\s[^,;:?!\"“”]*)"
)
_WHEN_ASKED = re.compile(r",?\s+(?:when|after being|once)\s+asked\s")
_ASKED_REACH = 400  # characters an asked question may run (it ends at the first comma)
_INHERIT_PARAGRAPHS = 2  # a quote with no cue takes the speaker named at most this many paragraphs back


class _Contents:
    """Where the content of a cue lies: the quote that ends before it or follows it (joined with a
    resumed fragment), the clause after it, or the clause before it."""

    def __init__(self, doc: _Doc):
        self.doc = doc

    def floor(self, sent_id: int, s_start: int) -> int:
        """How far back a quote that ends right before a cue or source may start: into the previous
        sentence of the paragraph when the cue opens its sentence ('“...?” Trump said.' is split after
        the question mark)."""
        doc = self.doc
        if sent_id > 0 and s_start == doc.sent_start[sent_id] and doc.sent_para[sent_id - 1] == doc.sent_para[sent_id]:
            return doc.sent_start[sent_id - 1]
        return s_start

    def quote_ending_at(self, offset: int, s_start: int) -> Quote | None:
        """The quote that closes just before ``offset`` (only spaces and a comma between), if any."""
        text = self.doc.text
        end = offset
        while end > s_start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
            end -= 1
        if end <= s_start or end == offset and text[end - 1] not in _QUOTE_CHARS:
            return None
        quote = self.doc.quote_at(end - 1)
        return quote if quote is not None and quote.end == end else None

    def with_continuation(self, quote: Quote, after: int, s_end: int) -> tuple[int, int]:
        """A quote, joined with the fragment that resumes after the attribution ('"A," he said, "B."')."""
        text = self.doc.text
        start, end = quote.inner(text)
        resume = _RESUME.match(text, after)
        if resume:
            following = self.next_quote(resume.end() - 1)
            if following is not None and following.start >= resume.end() - 1:
                end = following.inner(text)[1]
        return start, end

    def right(self, position: int, s_end: int, lemma: str) -> tuple[int, int] | None:
        """The content after a cue: a following quote (maybe in the next paragraph) or the clause."""
        doc, text = self.doc, self.doc.text
        m = _TIME.match(text, position + (1 if text[position : position + 1].isspace() else 0))
        while m and m.end() <= s_end:
            position = m.end()
            m = _TIME.match(text, position)
        lead = _SETTING_THEN_THAT.match(text, position, s_end) or _LEAD.match(text, position)
        has_that = "that" in lead.group() or ":" in lead.group()
        start = lead.end()
        if start >= s_end or text[start] in ".!?":
            # "Caddell continued:" closing a paragraph: the content is the quote that follows.
            if ":" in lead.group() or text[position:s_end].strip() == ":":
                quote = self.next_quote(s_end)
                if quote:
                    return quote.inner(text)
            return None
        quote = doc.quote_at(start)
        if quote is not None and quote.start == start:
            if quote.end >= s_end - 2 or not has_that:
                return quote.inner(text)
        if lemma in _NEEDS_CLAUSE and not has_that and text[start] not in _QUOTE_CHARS:
            return None
        end = s_end
        quote = doc.quote_at(end - 1)
        if quote is not None and quote.end > end:
            end = quote.end
        asked = _WHEN_ASKED.search(text, start, end) if text.find("asked", start, end) >= 0 else None
        if asked is not None:
            end = asked.start()  # "said no when asked if ...": the question is an attribution of its own
        while end > start and text[end - 1] in ".!? \n":
            end -= 1
        start, end = _trim(text, start, end)
        return (start, end) if end - start >= 3 else None

    def next_quote(self, offset: int) -> Quote | None:
        doc = self.doc
        i = bisect_left(doc.quote_starts, offset)
        if i < len(doc.quotes) and doc.text[offset : doc.quotes[i].start].strip() == "":
            return doc.quotes[i]
        return None

    def left(self, s_start: int, boundary: int) -> tuple[int, int] | None:
        """The content before a source or cue: the quote that ends there, or the clause from the sentence start."""
        doc, text = self.doc, self.doc.text
        end = boundary
        while end > s_start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
            end -= 1
        if end <= s_start:
            return None
        quote = doc.quote_at(end - 1)
        if quote is not None:
            return quote.inner(text) if quote.closed else _trim(text, quote.start + 1, end)
        start, end = _trim(text, s_start, end)
        while end > start and text[end - 1] in ".!?":
            end -= 1
        return (start, end) if end - start >= 3 else None


class _Speakers:
    """Who the source of a cue is: the parse's subject, the token rules' source as its fallback."""

    def __init__(self, doc: _Doc):
        self.doc = doc

    def choose(self, found: Attribution, match: re.Match) -> Attribution:
        """The speaker from the parse (:mod:`hwresearch.speakers`): the cue's subject, agent or "according
        to" object, reduced to its head actor. The token rules' source span is the fallback, read through
        the parse the same way (:func:`~hwresearch.speakers.fallback_head`), where the parse gives no
        subject outside the content (an inverted '"...," said X' the parser misreads) and where the
        parse's subject lies elsewhere than the rules' span while that span holds a subject of its own
        (on PolNeAR train the parse errs more often than the rules in that case: datelines, a subject
        of the clause before). A source that is no noun phrase ("instead", "released", "to bed") is no
        speaker. An attribution the rules left without a source (a passive, "appears to") stays so."""
        if found.speaker is None or found.cue is None:
            return found
        parsed = self.doc.parsed
        group = match.lastgroup
        documents = group == "according" or (group == "word" and _CUE_FORMS[match.group()][1] == "evidence")
        source = cue_source(parsed, *found.cue)
        if source is not None and (found.start <= source.idx < found.end or self.doc.quote_at(source.idx) is not None):
            source = None  # the parse took a word of the content for the subject
        if source is not None and not is_nominal(actor_head(source)):
            source = None
        fallback = fallback_head(parsed, *found.speaker, documents)
        if source is None or (fallback is not None and not _overlaps(_subtree(source), found.speaker)):
            source = fallback
        relative = source if source is not None and source.lower_ in _RELATIVE else None
        if relative is not None:  # "Barkley, who added": the span runs from the antecedent to "who"
            source = antecedent(relative)
        if source is None:
            return replace(found, speaker=None)
        span = phrase(actor_head(source))
        if relative is not None and relative.idx >= span[1]:
            span = (span[0], relative.idx + len(relative))
        if span[0] < found.cue[1] <= span[1] and source.idx >= found.cue[1]:
            span = (self.doc.tokens[self.doc.token_range(*found.cue)[1]][0], span[1])  # "say experts" read as one phrase: the cue is none of the speaker
        return replace(found, speaker=span)

    def sentence_subject(self, first_tok: int, before_tok: int) -> tuple[int, int] | None:
        """The capitalised noun phrase that opens the sentence, taken as the subject of its verbs."""
        np = _np_right(self.doc, _past_adverbial(self.doc, first_tok, before_tok), before_tok)
        if np is None or not self.doc.word(np[0])[0].isupper():
            return None
        return self.doc.span(np)


class _Extractor:
    """Finds the cues sentence by sentence and builds each cue's attribution: its content from
    :class:`_Contents`, its source from :class:`_Speakers`; then the quotes without a cue of their own
    (:func:`_floating_quotes`, :func:`_cueless_quotes`) and one attribution per content (:func:`_dedupe`)."""

    def __init__(self, article: Article):
        self.doc = _Doc(article)
        self.contents = _Contents(self.doc)
        self.speakers = _Speakers(self.doc)
        self.found: list[Attribution] = []

    def run(self) -> list[Attribution]:
        doc, text = self.doc, self.doc.text
        for sent_id, (s_start, s_end) in enumerate(zip(doc.sent_start, doc.sent_end)):
            first, last = doc.token_range(s_start, s_end)
            done = s_start
            for t in range(first, last):
                t_start, t_end = doc.tokens[t]
                if t_start < done:
                    continue
                if text[t_start:t_end] in ("asked", "Asked"):
                    found = self._asked(t, sent_id, s_start, s_end)
                    if found is not None:
                        self._add(found)
                        done = found.end
                        continue
                if text[t_start:t_end] not in _CUE_FIRST_WORDS:
                    continue
                match = _CUE.match(text, t_start, s_end)
                if match is None or doc.quote_at(t_start) is not None:
                    continue  # not a cue here, or the quoted speaker's own report
                done = match.end()
                # A cue looks at most _WINDOW characters either way: a sentence of a megabyte with a
                # cue every few words must not make every cue read the whole sentence.
                window = (max(s_start, t_start - _WINDOW), min(s_end, match.end() + _WINDOW))
                found = self._from_cue(match, sent_id, *window)
                if found is not None:
                    self._add(self.speakers.choose(found, match))
        self._colon_turns()
        _signed_quotes(self.doc, self.found, self._add)
        _floating_quotes(self.doc, self.found, self._add)
        _cueless_quotes(self.doc, self.found, self._add)
        return _dedupe(self.doc.text, self.found)

    def _add(self, attribution: Attribution) -> None:
        """Record an attribution; one that continues no earlier act opens an act of its own."""
        if attribution.end <= attribution.start:
            return  # an opening mark with nothing after it quotes nothing
        if attribution.act is None:
            attribution = replace(attribution, act=len(self.found))
        self.found.append(attribution)

    # -- one cue -----------------------------------------------------------------------------------
    def _from_cue(self, match: re.Match, sent_id: int, s_start: int, s_end: int) -> Attribution | None:
        doc, text = self.doc, self.doc.text
        group = match.lastgroup
        cue = (match.start(), match.end())
        if group == "word":
            lemma, frame = _CUE_FORMS[match.group()]
        elif group == "multi":
            lemma, frame = _MULTIWORD[match.group()]
        else:
            lemma, frame = match.group(), group
        first_tok, end_tok = doc.token_range(s_start, s_end)
        cue_tok, after_tok = doc.token_range(cue[0], cue[1])

        if group in ("word", "multi") and cue_tok > first_tok and doc.word(cue_tok - 1).lower() in _NOUN_DETERMINERS:
            return None  # "a claim", "the report": a noun, not a cue (but "many said", "some say")
        if group in ("word", "multi") and not doc.is_verb(cue_tok):
            return None  # the tagger reads it as a noun or adjective: "the poll's findings", "13 states"
        if group == "word" and _with_particle(doc.parsed, cue):
            return None  # "ruled out talks", "gave up hope": a phrasal verb that reports nothing
        if group == "word" and _modifies_a_noun(doc.parsed, cue):
            return None  # "in a statement posted on Facebook": a participle describing a noun reports nothing
        if match.group() == "thanks" and text.startswith(" to ", cue[1]):
            return None  # "thanks to a big win": a preposition
        if match.group() == "known" and doc.word(cue_tok - 1).lower() not in ("has", "have", "had", "having"):
            return None  # "best known for", "a state known for": an adjective; "had known him" reports
        if frame == "according":
            return self._according(cue, sent_id, s_start, s_end, after_tok, end_tok)

        # CONTENT, CUE SOURCE ("...," said Ren.)
        quote_floor = self.contents.floor(sent_id, s_start)
        if frame == "say" and cue_tok > 0 and doc.word(cue_tok - 1)[-1] in ",”\"’'":
            inverted = self._inverted(cue, cue_tok, after_tok, end_tok, s_start, s_end, sent_id, quote_floor)
            if inverted is not None:
                return inverted

        source_span = None
        passive = False
        if group == "passive":
            by = _BY.match(text, cue[1], s_end)
            if by:
                np = _np_right(doc, doc.token_range(by.end(), s_end)[0], end_tok)
                source_span = doc.span(np) if np else None
        elif cue_tok > first_tok and doc.word(cue_tok - 1) == "," and match.group().split()[0].endswith("ing"):
            # "..., saying ...": the participle shares the subject of the clause it hangs on.
            if _only_setting(text, cue[1], s_end, participle=True):
                return None  # "responding on Tuesday to a column": a circumstance, not a report
            earlier = next((a for a in reversed(self.found) if a.sent_id == sent_id and a.speaker), None)
            source_span = earlier.speaker if earlier else self.speakers.sentence_subject(first_tok, cue_tok)
            if source_span is None:
                return None
        else:
            source_tok = _source_left(doc, first_tok, cue_tok)
            # "and later claimed": a report coordinated with an earlier one ("and hopes" rarely is one)
            if source_tok is None and frame != "think" and _COORDINATED.search(text, max(s_start, cue[0] - _COORDINATION_REACH), cue[0]):
                earlier = next((a for a in reversed(self.found) if a.sent_id == sent_id and a.speaker), None)
                source_span = earlier.speaker if earlier else self.speakers.sentence_subject(first_tok, cue_tok)
            elif source_tok is not None:
                source_span = doc.span(source_tok)
            if source_span is None or doc.quote_at(source_span[0]) is not None:
                return None
            passive = source_tok is not None and _passive(doc, source_tok[1], cue_tok, match.group().split()[0])

        # "“...,” he said of Trump.": the quote that ends right before the source is the content.
        if source_span is not None and frame == "say":
            quote = self.contents.quote_ending_at(source_span[0], s_start)
            if quote is None and quote_floor < s_start and _only_setting(text, cue[1], s_end):
                quote = self.contents.quote_ending_at(source_span[0], quote_floor)  # '“...?” Trump said.'
            if quote is not None:
                content = self.contents.with_continuation(quote, cue[1], s_end)
                return Attribution(*content, cue, source_span, _medium(text, cue, s_start, s_end, content), sent_id)

        # Content to the right of the cue.
        position = cue[1]
        addressee = None
        if lemma == "tell reporters":
            addressee = "reporters"
        elif lemma in ("tell", "inform", "assure", "warn", "urge", "ask", "remind"):
            m = _ADDRESSEE_AFTER_TELL.match(text, position, s_end)
            if m and (lemma == "tell" or not m.group(1).strip().lower().startswith(("that", "the ", "a ", "an "))):
                addressee = m.group(1).strip() or None
                position = m.end()
                title = doc.quote_at(position)
                if addressee and addressee.endswith(("'s", "’s")) and title is not None and title.start == position:
                    addressee = text[m.start(1) : title.end]  # 'told Channel 9's “Sunday Brief” that': a programme
                    position = title.end
        if lemma in _OBJECT_PREP:
            prep = re.compile(rf"\s*(?:\S+\s+){{0,6}}?{_OBJECT_PREP[lemma]}\s+").match(text, position, s_end)
            if prep:
                position = prep.end()
        content = None
        # "X, Smith said at a rally.": the right side is only the setting and the content is on the left.
        left_open = source_span is not None and _COMMA_BEFORE.search(text, max(s_start, source_span[0] - 8), source_span[0]) is not None
        if not (frame in ("say", "think") and left_open and _only_setting(text, position, s_end)):
            content = self.contents.right(position, s_end, lemma)
        elif frame == "say" and _resumes_clause(text, position, s_end):
            # "In the end, Mr. Rosenthal said, union voters ...": a parenthetical source; the content is
            # the longer side (the clause the source interrupts goes on after it)
            right = self.contents.right(position, s_end, lemma)
            left = self.contents.left(s_start, source_span[0])
            if right is not None and (left is None or right[1] - right[0] > left[1] - left[0]):
                content = right
        if content is None:
            if not _only_setting(text, position, s_end):
                return None  # "the U.S. added Huawei to a list": not a report
            boundary = source_span[0] if source_span else cue[0]
            content = self._claimed(s_start, boundary, sent_id)
            if content is None and frame in ("say", "think", "evidence"):
                content = self.contents.left(s_start, boundary)
            if content is None:
                return None
        if _setting_phrase(doc, content, cue):
            # 'Trump responded to the allegations in a statement:' the quote after the colon is the content
            colon = text.find(":", content[1], s_end)
            quote = self.contents.next_quote(colon + 1) if colon >= 0 and not text[content[1] : colon].strip() else None
            if quote is None:
                return None
            content = quote.inner(text)
        if addressee is None:
            addressee = _medium(text, cue, s_start, s_end, content)
        if lemma in _EVIDENTIAL and source_span is not None and not _reports_after(text, cue[1], s_end):
            # "Indiana appears to be a break from the norm", "Ms. Kelly seemed certain to leave": the
            # writer's inference about the subject, no source; but "Trump seemed to suggest ..." reports.
            source_span = None
        if passive:  # "Pence was nominated", "Clinton was asked to release ...": the subject is no source
            by = _BY.match(text, cue[1], s_end)
            np = _np_right(doc, doc.token_range(by.end(), s_end)[0], end_tok) if by else None
            source_span = doc.span(np) if np else None
        return Attribution(*content, cue, source_span, addressee, sent_id)

    def _inverted(self, cue, cue_tok, after_tok, end_tok, s_start, s_end, sent_id, quote_floor) -> Attribution | None:
        """CONTENT, CUE SOURCE: '"...," said Paul Lindsay, a spokesman for the PAC.' The source must
        start like a noun phrase and end the sentence (or be followed by an appositive or a participle)."""
        doc, text = self.doc, self.doc.text
        source = _np_right(doc, after_tok, end_tok)
        if source is None:
            return None
        head = doc.word(source[0])
        if not (head[0].isupper() or head.lower() in _DETERMINERS or head.lower() in _QUANTIFIERS
                or _bare_plural(doc, *source)):
            return None
        if head.lower() in _NP_STOP or _TIME_WORD.match(head):
            return None
        following = doc.word(source[1]) if source[1] < end_tok else "."
        quote = self.contents.quote_ending_at(cue[0], quote_floor)
        setting = quote is not None and following in _SETTING_START  # '"...," said Ryan in a statement.'
        if following not in (",", ".", ";", "!", "?") and following[0] not in _QUOTE_CHARS and not setting:
            return None
        boundary = doc.tokens[cue_tok - 1][0] if doc.word(cue_tok - 1) == "," else doc.tokens[cue_tok - 1][1]
        if quote is not None:
            content = self.contents.with_continuation(quote, doc.tokens[source[1] - 1][1], s_end)
        else:
            content = self.contents.left(s_start, boundary)
        if content is None:
            return None
        span = doc.span(source)
        return Attribution(*content, cue, span, _medium(text, cue, s_start, s_end, content), sent_id)

    def _claimed(self, s_start: int, boundary: int, sent_id: int) -> tuple[int, int] | None:
        """", a claim Huawei has denied": the content is the claim reported just before the comma."""
        claim = _CLAIM_NOUN.search(self.doc.text, s_start, boundary)
        if claim is None:
            return None
        reported = next((a for a in reversed(self.found) if a.sent_id == sent_id and a.start < claim.start() < a.end), None)
        if reported is not None:
            return _trim(self.doc.text, reported.start, claim.start())
        return self.contents.left(s_start, claim.start())

    def _asked(self, tok: int, sent_id: int, s_start: int, s_end: int) -> Attribution | None:
        """'Asked whether he would run, Smith said ...', '... when asked by a host if ...': the question
        put to someone is an attribution of its own, content the question, source the asker named
        after "by" (none when no asker is named). Only the passive use: "Smith asked whether ..." is
        left to the ordinary cue rules."""
        doc, text = self.doc, self.doc.text
        start = doc.tokens[tok][0]
        before = doc.word(tok - 1).lower() if start > s_start else ""
        if before not in _ASKED_AFTER:
            return None
        m = _ASKED.match(text, start, min(s_end, start + _ASKED_REACH))
        if m is None:
            return None
        source = None
        if m.group("by"):
            by_first = doc.token_range(m.start("by"), m.end("by"))
            np = _np_right(doc, by_first[0], by_first[1])
            source = doc.span(np) if np else None
        end = m.end("question")
        while end > m.start("question") and text[end - 1] in ". \n":
            end -= 1
        content = _trim(text, m.start("question"), end)
        if content[1] - content[0] < 8:
            return None
        return Attribution(*content, (start, start + 5), source, None, sent_id)

    def _according(self, cue, sent_id, s_start, s_end, after_tok, end_tok) -> Attribution | None:
        doc, text = self.doc, self.doc.text
        source_tok = _np_right(doc, after_tok, end_tok)
        if source_tok is None:
            return None
        source = (doc.tokens[source_tok[0]][0], doc.tokens[source_tok[1] - 1][1])
        rest = _trim(text, source[1], s_end)
        tail = text[rest[0] : rest[1]].strip(" .!?")
        # The rest is the content only when a comma ends the source ("According to X, ...") and it does
        # not go on naming the source ("according to a post from X").
        content_after = len(tail) > 3 and not _SOURCE_TAIL.match(tail) and "," in text[source[1] : rest[0]]
        left = self.contents.left(s_start, cue[0])
        if left is not None and not content_after:
            content = left  # "..., according to a report in the Register."
        elif len(tail) > 3 and not _SOURCE_TAIL.match(tail):
            end = rest[1]
            while end > rest[0] and text[end - 1] in ".!?":
                end -= 1
            content = (rest[0], end)
        else:
            return None
        return Attribution(*content, cue, source, _medium(text, cue, s_start, s_end, content), sent_id)

    def _colon_turns(self) -> None:
        """'Trump: My plans aren't set in stone.', 'A: No, no one did.': a short name opening a sentence,
        then a colon, is the speaker of what follows (to the end of the paragraph when it opens one)."""
        doc, text = self.doc, self.doc.text
        paragraph_end = dict(doc.paragraph_spans)
        for sent_id, (s_start, s_end) in enumerate(zip(doc.sent_start, doc.sent_end)):
            m = _COLON_TURN.match(text, s_start, s_end)
            if m is None or doc.quote_at(s_start) is not None:
                continue
            words = m.group(1).split()
            if words[0].capitalize() in _NOT_SPEAKERS or any(w in _CUE_FORMS for w in words):
                continue  # "Note:", "UPDATE:", or "He said:" (the cue rules take that one)
            if len(words) > 1 and words[0].lower() in _DETERMINERS:
                continue  # "The goal: to draw audiences" names a topic, not a speaker
            end = paragraph_end.get(s_start, s_end)
            start, end = _trim(text, m.end(), end)
            quote = doc.quote_at(start)
            if quote is not None and quote.start == start:
                start, end = quote.inner(text)
            if len(_LETTER_WORD.findall(text, start, end)) >= 2:  # not "Sanders: 1,501."
                cue = (m.end(1), m.end(1) + 1)
                self._add(Attribution(start, end, cue, (m.start(1), m.end(1)), None, sent_id))


# -- quotes without a cue of their own, and one attribution per content ----------------------------


def _signed_quotes(doc: _Doc, found: list[Attribution], add: Callable[[Attribution], None]) -> None:
    """'“We only want the bridge fixed ...” ― Lena Ostrova': a quote signed with a dash and a name that ends
    the line (readers' voices, epigraphs) is that person's; the dash is the cue, the name the speaker."""
    covered = sorted((a.start, a.end) for a in found)
    for quote in doc.quotes:
        if not quote.closed or _covered(covered, quote):
            continue
        signature = _SIGNATURE.match(doc.text, quote.end)
        sent_id = _sentence_of(doc, quote.start) if signature is not None else None
        if sent_id is None:
            continue
        cue = (signature.start("dash"), signature.end("dash"))
        add(Attribution(*quote.inner(doc.text), cue, (signature.start("name"), signature.end("name")), None, sent_id))


def _floating_quotes(doc: _Doc, found: list[Attribution], add: Callable[[Attribution], None]) -> None:
    """A quote that fills its sentence, right after an attributed quote, inherits the speaker and
    continues the same attribution act ('"A," he said. "B."'): the act of the sentence's last quote, not of
    a report around it ('"A," said Trump, according to TIME. "B."' continues Trump)."""
    covered = sorted((a.start, a.end) for a in found)
    by_sentence: dict[int, Attribution] = {}
    for a in found:
        held = by_sentence.get(a.sent_id)
        if held is None or not (a.start <= held.start and held.end <= a.end):
            by_sentence[a.sent_id] = a
    for quote in doc.quotes:
        if _covered(covered, quote):
            continue
        sent_id = _sentence_of(doc, quote.start)
        if sent_id is None:
            continue
        previous = by_sentence.get(sent_id - 1)
        if previous is None or previous.speaker is None or doc.quote_at(previous.start) is None:
            continue
        if doc.sent_para[sent_id] - doc.sent_para[sent_id - 1] > 1:
            continue
        s, e = quote.inner(doc.text)
        attribution = Attribution(s, e, None, previous.speaker, previous.addressee, sent_id, previous.act)
        add(attribution)
        by_sentence[sent_id] = attribution


def _cueless_quotes(doc: _Doc, found: list[Attribution], add: Callable[[Attribution], None]) -> None:
    """Long quotes nobody claimed go to the latest speaker of the paragraph or the one before (the
    news convention: a quote paragraph continues the last-named speaker, and so the act); short ones
    are scare quotes. With no such speaker the quote stays in the table with none, an act of its own."""
    covered = sorted((a.start, a.end) for a in found)
    # Whoever was last quoted in their own words holds the floor before an indirect report in between
    # ("the article alleging that he ..."); the latest speaker of any kind where no one was quoted.
    spoken = sorted((a.start, a.sent_id, a.speaker, a.act) for a in found if a.speaker is not None)
    quoted = sorted((a.start, a.sent_id, a.speaker, a.act) for a in found
                    if a.speaker is not None and doc.quote_at(a.start) is not None)
    for quote in doc.quotes:
        s, e = quote.inner(doc.text)
        if _covered(covered, quote) or len(doc.text[s:e].split()) < 8:
            continue
        sent_id = _sentence_of(doc, quote.start)
        if sent_id is None:
            continue
        speaker = act = None
        for earlier in (quoted, spoken):
            i = bisect_left(earlier, (quote.start,)) - 1
            if i >= 0 and doc.sent_para[sent_id] - doc.sent_para[earlier[i][1]] <= _INHERIT_PARAGRAPHS:
                speaker, act = earlier[i][2], earlier[i][3]
                break
        add(Attribution(s, e, None, speaker, None, sent_id, act))


def _split_clauses(text: str, found: list[Attribution]) -> list[Attribution]:
    """A content that runs into a later attribution after a comma ("..., touted as ...", "..., a claim
    Huawei has denied") ends at that comma: the tail belongs to the later attribution."""
    found = list(found)
    by_cue = sorted((b.cue[0], i) for i, b in enumerate(found) if b.cue is not None)
    cue_starts = [start for start, _ in by_cue]
    for i, a in enumerate(found):
        lo, hi = bisect_left(cue_starts, a.start), bisect_left(cue_starts, a.end + _WINDOW)
        for _, j in by_cue[lo : min(hi, lo + _NEARBY_CUES)]:
            b = found[j]
            if j == i or b.sent_id != a.sent_id:
                continue
            first = min(b.cue[0], b.speaker[0]) if b.speaker and b.speaker[0] > a.start else b.cue[0]
            if a.start < first < a.end and (a.cue is None or a.cue[1] <= a.start):
                joined = _COORDINATED.search(text, max(a.start, first - _COORDINATION_REACH), first)
                if joined:  # "has championed A and has drawn scorn by B": the second report's own
                    a = replace(a, end=_trim(text, a.start, joined.start())[1])
                    break
                comma = text.rfind(",", a.start, first)
                if comma > a.start and not text[comma:first].strip(", \u00a0").count(" ") > 3:  # noqa: B005 (a set of characters)
                    start, end = _trim(text, a.start, comma)
                    if end > start:
                        a = replace(a, end=end)
                        break  # later attributions now lie beyond the content
        found[i] = a
    return found


def _dedupe(text: str, found: list[Attribution]) -> list[Attribution]:
    """One attribution per content span and cue; a quote claimed by two cues goes to the nearer."""
    found = _split_clauses(text, found)
    seen: dict[tuple[int, int, tuple | None], Attribution] = {}
    for a in found:
        key = (a.start, a.end, a.cue)
        seen.setdefault(key, a)
    by_content: dict[tuple[int, int], Attribution] = {}
    result = []
    kept = _outermost(list(seen.values()))
    for a in sorted(kept, key=lambda a: (a.start, a.end)):
        other = by_content.get((a.start, a.end))
        if other is not None and other.speaker == a.speaker:
            continue
        by_content[(a.start, a.end)] = a
        result.append(a)
    return result


def _outermost(found: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue lies inside the content of an earlier cue's attribution are dropped: in
    "X said Y claimed Z" the report is X's, and Y's claim is part of what X said (PolNeAR leaves such
    nested reports unannotated). A content before its cue ("Voters support it, the poll found") keeps
    its nested reports."""
    contents = sorted((a.start, a.end) for a in found if a.cue is not None and a.cue[1] <= a.start)
    starts = [s for s, _ in contents]
    kept = []
    for a in found:
        i = bisect_left(starts, a.cue[0] + 1) if a.cue is not None else 0
        if not any(s <= a.cue[0] and a.cue[1] <= e and (s, e) != (a.start, a.end) for s, e in contents[max(0, i - 8) : i]):
            kept.append(a)
    return kept


_BE = _LEX.be_forms - {"'s", "’s", "'re", "’re", "'m", "’m", "am"}
# Irregular past forms of the cue verbs ("told", "known", "sworn"): participles without "-ed".
_PARTICIPLES = frozenset(f for f, (lemma, _) in _CUE_FORMS.items() if not f.endswith(("ed", "ing", "s")) and f != lemma)


def _setting_phrase(doc: _Doc, content: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether a content in prose (not quoted) is only a phrase with no verb where the cue's content
    should be: a preposition's phrase after the cue ("did not reply to our letters", "learned from
    the mistake"; not a topic, "commented on the closure"), or, before it, a preposition's phrase or
    part of the subject ("At the Tuesday forum, Ruiz mentioned", "Half of the tenants
    agreed"). Said or thought words have a verb, or stand on their own before a comma ("Buses like
    these, she said")."""
    if doc.quote_at(content[0]) is not None:
        return False
    first, last = doc.token_range(*content)
    if first >= last or any(doc.pos[i] in ("VERB", "AUX") for i in range(first, last)):
        return False
    preposition = doc.tags[first] in ("IN", "TO")
    if content[1] <= cue[0]:
        standalone = last - first > 1 and last < len(doc.tokens) and doc.word(last) == ","
        return preposition or not standalone
    return preposition and doc.word(first).lower() not in _TOPIC_PREPOSITIONS


def _passive(doc: _Doc, source_end: int, cue_tok: int, form: str) -> bool:
    """The cue is a past participle after a form of "be" ("was asked", "have been criticized"): the
    subject received the report rather than made it. "has said" and "was saying" stay active."""
    if not (form.endswith("ed") or form in _PARTICIPLES):
        return False
    # only the auxiliaries right before the cue: "Paul Porter, who is a member of the union, said" is active
    k = cue_tok - 1
    while k >= source_end:
        w = doc.word(k).lower()
        if w in _BE:
            return True
        if not (w in _AUX or doc.adverb(k)):
            return False
        k -= 1
    return False


_TO_WORD = re.compile(r"\s+to\s+(\w+)")


def _reports_after(text: str, position: int, s_end: int) -> bool:
    """Whether a report verb follows "seem"/"appear" ("seemed to suggest", "appears to believe")."""
    m = _TO_WORD.match(text, position, s_end)
    return m is not None and _CUE_FORMS.get(m.group(1), ("", ""))[1] in ("say", "think", "object")


def _only_setting(text: str, position: int, s_end: int, participle: bool = False) -> bool:
    """True when what follows a cue is no content: the sentence end, or only its setting ("of Trump",
    "in an interview on Tuesday", ", adding ...", "when asked") with no that-clause or colon after it.
    After a participle ("responding to a column") a to-phrase is setting too."""
    m = _TIME.match(text, position + (1 if text[position : position + 1].isspace() else 0))
    while m and m.end() <= s_end:
        position = m.end()
        m = _TIME.match(text, position)
    if _QUOTE_OPEN.search(text, position, s_end):
        return False
    if _CLAUSE_END.match(text, position, s_end) or (participle and _TO.match(text, position, s_end)):
        return True
    if _SETTING.match(text, position, s_end):
        tail = text[position:s_end]
        return " that " not in tail and ":" not in tail
    return False


_COMMA_THEN = re.compile(r"[^\S\n]*,[^\S\n]*(?=[a-z])")


def _resumes_clause(text: str, position: int, s_end: int) -> bool:
    """Whether a comma after a cue is followed by a lower-case word that opens no setting (", union
    voters almost always ..." but not ", adding ...", ", according to ...", ", in an interview")."""
    m = _COMMA_THEN.match(text, position, s_end)
    return m is not None and _SETTING.match(text, m.end(), s_end) is None


def _covered(spans: list[tuple[int, int]], quote: Quote) -> bool:
    i = bisect_left(spans, (quote.start + 2,)) - 1
    lo = max(0, i - 3)
    return any(s < quote.end and quote.start < e and (min(e, quote.end) - max(s, quote.start)) > 0.3 * (quote.end - quote.start)
               for s, e in spans[lo : i + 4])


def _sentence_of(doc: _Doc, offset: int) -> int | None:
    i = bisect_left(doc.sent_start, offset + 1) - 1
    return i if i >= 0 and offset < doc.sent_end[i] else None


def _medium(text: str, cue: tuple[int, int], s_start: int, s_end: int, content: tuple[int, int]) -> str | None:
    """Where it was said, when the words near the cue name it outside the content: "on Twitter", "in a tweet"."""
    for m in _MEDIUM.finditer(text, max(s_start, cue[0] - _MEDIUM_REACH), min(s_end, cue[1] + _MEDIUM_REACH)):
        if content[0] <= m.start() < content[1]:
            continue
        if m.group(1):
            name = m.group(1).strip()
            if name.split()[0] in _LEX.media or m.group(0).startswith("with"):
                return name
        elif m.group(3):
            return m.group(3).strip()
        elif m.group(2):
            return "Twitter" if m.group(2) == "tweet" else "Facebook"
    return None


# ---- speakers -------------------------------------------------------------------------------------


_LONGEST_MENTION = 200  # characters; a mention starting this far before a speaker span cannot reach it


class _Resolver:
    """Speaker span → canonical actor, through the mentions layer (pronouns and descriptions included)."""

    def __init__(self, article: Article, codebook: Codebook):
        self.text = article.text
        self.doc = article.doc
        self.starts, self.rows = _mentions_of(article, codebook)

    def resolve(self, span: tuple[int, int]) -> tuple[str, str | None]:
        """(speaker, speaker_type): the actor of the mention heading the span, else the span's own words.

        The head is the last resolved mention before any appositive comma that is not a possessive
        modifier: "Huawei's founder and CEO Ren Zhengfei" is Ren Zhengfei, "the company's chief
        executive" is not the company.
        """
        comma = self.text.find(",", span[0], span[1])
        head = span_head(self.doc, *span)
        at = head.idx if head is not None else span[0]
        best = None
        for i in range(bisect_left(self.starts, span[0] - _LONGEST_MENTION), len(self.starts)):
            start, end, actor, actor_type = self.rows[i]
            if start <= at < end and actor is not None:
                return actor, actor_type  # the mention of the head word: "the Texas governor" is no Texas
            if end <= max(span[0], at if head is not None and head.pos_ != "PROPN" else span[0]):
                continue
            if start >= span[1] or (best is not None and 0 < comma < start):
                break
            if end <= span[1] and actor is not None and self.text[end : end + 2] not in ("'s", "’s"):
                best = (actor, actor_type)
        if best is not None:
            return best
        words = self.text[span[0] : span[1]].split()
        if len(words) > 1 and words[-1].lower() in _RELATIVE:
            words.pop()  # the span keeps "who" (its link to the cue); the speaker is "fiscal conservatives"
        return " ".join(words), None


_TURN_PRONOUNS = {"he": "male", "she": "female"}
_TURN_PARAGRAPHS = 1  # a pronoun speaker continues a named speaker of this paragraph or the one before


class _Turn:
    """Who holds the floor: a "he said" or "she said" continues the last speaker named in this paragraph
    or the one before, when the gender fits (the news convention of a speaker's turn), rather than the
    latest person the pronoun could grammatically point to ("jabs at Trump, whom he called ..."); so
    does a role description the mentions layer resolved to no person ("the governor said")."""

    def __init__(self, article: Article):
        self.text = article.text
        self.article = article
        self.named: tuple[str, str | None, int, str | None] | None = None  # speaker, type, paragraph, gender
        self.issued: tuple[str, str | None, int, frozenset[str]] | None = None  # speaker, type, paragraph, document nouns of the cue

    def speaker(self, a: Attribution, speaker: str, speaker_type: str | None) -> tuple[str, str | None]:
        """The speaker of ``a`` after the turn rule, and remember a named person speaker."""
        words = self.text[a.speaker[0] : a.speaker[1]]
        sent = self.article.sentences
        paragraph = int(sent["para_id"].iat[a.sent_id]) if 0 <= a.sent_id < len(sent) else -1
        pronoun = _TURN_PRONOUNS.get(words.lower())
        document = self._document_of(a.speaker) if speaker_type is None else None
        if document is not None:  # "X said in a statement ... 'B,' the statement said": X's statement
            held = self.issued
            if held is not None and paragraph - held[2] <= _TURN_PARAGRAPHS and document in held[3]:
                return held[0], held[1]
            return speaker, speaker_type
        if speaker_type is not None and a.cue is not None:
            nouns = frozenset(t.lemma_.lower() for t in self.article.span(*a.cue) if t.lemma_.lower() in _LEX.document_nouns)
            if nouns:
                self.issued = (speaker, speaker_type, paragraph, nouns)
        if pronoun is not None:
            held = self.named
            if held is not None and paragraph - held[2] <= _TURN_PARAGRAPHS and held[3] in (None, pronoun):
                return held[0], held[1]
            return speaker, speaker_type
        if speaker_type != "person" and self._describes_a_person(a.speaker):
            held = self.named  # "the governor said", "the Texas governor continues": the person of the turn
            gender = _LEX.gendered_nouns.get(words.split()[-1].lower())
            if held is not None and paragraph - held[2] <= _TURN_PARAGRAPHS and gender in (None, held[3]):
                return held[0], held[1]
            return speaker, speaker_type
        if words[:1].isupper() and speaker_type == "person" and a.cue is not None:
            self.named = (speaker, speaker_type, paragraph, _gender(words, speaker))
        return speaker, speaker_type


    def _document_of(self, span: tuple[int, int]) -> str | None:
        """The noun of a definite document speaker no possessor owns ("the statement"), else None."""
        head = span_head(self.article.doc, *span)
        if head is None or head.pos_ != "NOUN" or head.lemma_.lower() not in _LEX.document_nouns:
            return None
        first = self.text[span[0] : span[1]].split()[0].lower()
        owned = any(dep(c) == "nmod:poss" for c in head.children)
        return head.lemma_.lower() if first in _LEX.definite_determiners and not owned else None

    def _describes_a_person(self, span: tuple[int, int]) -> bool:
        """A definite description of one person by role ("the governor", "the four-term congressman")."""
        head = span_head(self.article.doc, *span)
        if head is None or head.pos_ == "PROPN" or head.tag_ != "NN":
            return False
        first = self.text[span[0] : span[1]].split()[0].lower()
        return first == "the" and head.lemma_.lower() in _LEX.human_nouns


def _gender(words: str, name: str) -> str | None:
    """A person's gender as a title or a given name tells it ("Ms. White", "Mary Jo White"), else None."""
    first = words.split()[0].rstrip(".").lower()
    if first in _LEX.male_titles or first + "." in _LEX.male_titles:
        return "male"
    if first in _LEX.female_titles or first + "." in _LEX.female_titles:
        return "female"
    return _LEX.first_names.get(name.split()[0]) if name.split() else None


def _mentions_of(article: Article, codebook: Codebook) -> tuple[list[int], list[tuple]]:
    """The article's actor mentions as sorted starts and (start, end, actor, actor_type) rows."""
    from hwresearch.mentions import actor_spans

    rows = actor_spans(article, codebook)
    return [r[0] for r in rows], rows


# ---- public API ---------------------------------------------------------------------------------


def extract_quotes(
    article_or_text: Article | str | None, codebook: CodebookSource = None, *, resolve_speakers: bool = True
) -> pd.DataFrame:
    """Every attribution in the article: who said what, in which words, to whom, as a DataFrame.

    ``article_or_text`` is anything :func:`hwresearch.load_article` takes. ``codebook`` names the
    actors speakers resolve to (see :func:`~hwresearch.codebook.resolve_codebook`; None: the study
    codebook for the seed only). ``resolve_speakers=False`` skips the
    mentions layer (most of the run time) and leaves ``speaker`` as the words of the speaker span, for
    corpus runs that only need the spans.

    Columns: ``start``, ``end`` and ``text`` (the content, ``text == article.text[start:end]``), ``kind``
    (direct / mixed / indirect), ``cue`` with ``cue_start``/``cue_end``, ``speaker`` (canonical actor,
    else the span's words) with ``speaker_start``/``speaker_end`` (the local mention) and
    ``speaker_type``, ``addressee``, ``sent_id``, and ``attribution``: an id per article (0, 1, ... in
    order of first appearance) shared by the rows of one attribution act, such as the quote sentences
    that continue a cued quote ('"A," he said. "B."'), so that one act can be counted once. Missing
    values are ``pd.NA``.
    """
    article = load_article(article_or_text)
    codebook = resolve_codebook(codebook, article) if resolve_speakers else None
    frame = article.layer("quotes", (codebook, resolve_speakers), lambda: _quote_table(article, codebook, resolve_speakers))
    return frame.copy()


def _quote_table(article: Article, codebook: Codebook | None, resolve_speakers: bool) -> pd.DataFrame:
    attributions = article.layer("attributions", None, lambda: _Extractor(article).run())
    text = article.text
    if resolve_speakers:
        resolve = _Resolver(article, codebook).resolve
    else:
        def resolve(span: tuple[int, int]) -> tuple[str, None]:
            return " ".join(text[span[0] : span[1]].split()), None
    acts: dict[int | None, int] = {}
    rows = []
    turn = _Turn(article)
    for a in attributions:
        speaker, speaker_type = resolve(a.speaker) if a.speaker else (pd.NA, None)
        if resolve_speakers and a.speaker:
            speaker, speaker_type = turn.speaker(a, speaker, speaker_type)
        rows.append({
            "start": a.start, "end": a.end, "text": text[a.start : a.end], "kind": _kind(text, a.start, a.end),
            "cue": text[a.cue[0] : a.cue[1]] if a.cue else pd.NA,
            "cue_start": a.cue[0] if a.cue else pd.NA, "cue_end": a.cue[1] if a.cue else pd.NA,
            "speaker": speaker,
            "speaker_start": a.speaker[0] if a.speaker else pd.NA, "speaker_end": a.speaker[1] if a.speaker else pd.NA,
            "speaker_type": speaker_type if speaker_type else pd.NA,
            "addressee": a.addressee if a.addressee else pd.NA, "sent_id": a.sent_id,
            "attribution": acts.setdefault(a.act, len(acts)),
        })
    return _frame(rows)


def direct_quotes_only(article_or_text: Article | str | None) -> pd.DataFrame:
    """Baseline for comparison: every quoted span of eight words or more, with no speaker or cue."""
    article = load_article(article_or_text)
    doc = _Doc(article)
    rows = []
    for quote in doc.quotes:
        s, e = quote.inner(doc.text)
        if len(doc.text[s:e].split()) >= 8:
            rows.append({"start": s, "end": e, "text": doc.text[s:e], "kind": "direct",
                         "sent_id": _sentence_of(doc, quote.start), "attribution": len(rows)})
    return _frame(rows)


_CONTENT_MARK = re.compile("[\"“”«»‘]")


def _opens_here(text: str, mark: int) -> bool:
    """A mark that can open a quote by its left context: the start, a space, or ':' '(' or a dash before
    it; 'False.“' ends a sentence with a typo'd closing mark instead."""
    return mark == 0 or text[mark - 1].isspace() or text[mark - 1] in ":(—–-"


def _kind(text: str, start: int, end: int) -> str:
    """direct when the content sits inside quote marks, mixed when it holds some, else indirect."""
    opener = start
    while opener > 0 and text[opener - 1].isspace():
        opener -= 1
    # Only an opening mark before a paragraph break ('said: “' then the words) counts across the space.
    if not (any(c in "\n\r" for c in text[opener:start]) and opener > 0 and _opens_here(text, opener - 1)):
        opener = start
    before = text[opener - 1 : opener]
    if before and before in _QUOTE_CHARS:
        return "direct"
    return "mixed" if _CONTENT_MARK.search(text, start, end) else "indirect"


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The fixed schema: nullable Int64 offsets, object text columns with pd.NA for missing values.

    Integer columns are built from a value array and a mask directly: pandas' type inference on
    lists of mixed ints and NA cost more than the attribution rules on a typical article."""
    columns = {}
    for column in COLUMNS:
        values = [row.get(column, pd.NA) for row in rows]
        if column in _INT_COLUMNS:
            missing = np.array([v is pd.NA for v in values], dtype=bool)
            data = np.array([0 if v is pd.NA else v for v in values], dtype="int64")
            columns[column] = pd.arrays.IntegerArray(data, missing)
        else:
            columns[column] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns, columns=COLUMNS)
