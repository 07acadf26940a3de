"""Actor mentions: every name, title, pronoun, description and metonym that refers to an actor.

Quotes, stance and positions all need to know *who* a span is about, so this stage finds the spans
and resolves each one to a canonical actor: a codebook actor where one fits, else a document-level
entity (``entity:jane_doe``). It works by rules in a fixed order of precedence, each claiming text
the later ones cannot overlap:

1. codebook forms (aliases, descriptions, metonyms), longest match first;
2. names from the parse (:func:`extract_names`): runs of proper nouns with the connectors that belong
   inside a name ("Securities and Exchange Commission"), cut at titles ("SEC Chair Mary Jo White" is
   the SEC and Mary Jo White, titled Chair), typed person / organisation / place / group with the
   evidence for the type, acronyms linked to their expansions and surnames to full names; a small
   gazetteer (lang/en/places.toml) tells countries, capitals and regions, and given names
   (lang/en/first_names.toml) a person's gender; datelines and places that only say where are no
   actors;
3. generic definite descriptions ("the company"), groups ("critics", "Clinton campaign allies"), and
   third-person pronouns, resolved in reading order to the latest compatible actor (salience; between
   two people of one sentence, the subject), since nothing better is available offline; a description
   takes the name set beside it ("the chief executive of Acme, Jane Roe"), and neither a description
   nor a pronoun stands for the other side of its own verb ("Cruz criticized the governor", "Trump,
   whom he called a liar": the same person there would be "himself"). A "they" with
   no plural mention before it takes a coordination ("Ruiz and Tanaka") or a plural noun phrase of
   people or organisations from the parse ("local unions"), not across a quotation. An "it" or
   "they" without an antecedent is dropped.

Word knowledge (titles, honorifics, organisation and place heads, group nouns) is data in lang/en.

Offsets are indices into ``Article.text``. Matching runs on a working copy of the same length in
which no-break spaces and curly apostrophes are normalised, text outside the scanned parts is
blanked, and claimed spans are masked, so no regex can cross a sentence or re-match a claimed span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from hwresearch.article import Article, load_article, register_stage
from hwresearch.codebook import Codebook, CodebookSource, resolve_codebook
from hwresearch.lexicon import lexicon, world_places, world_towns
from hwresearch.nlp import dateline_parts, dep, token_columns

COLUMNS = ["start", "end", "text", "actor", "actor_id", "actor_type", "mention_kind", "sent_id"]
MENTION_KINDS = ("name", "title", "pronoun", "description", "metonymy")

# ---- word classes, from the shared lexicon (lang/en) ------------------------------------------------
_LEX = lexicon()
MONTHS = _LEX.month_names
_NO_DOMAIN_OPENERS = _LEX.weekdays | MONTHS | _LEX.given_names  # "Senate on Tuesday", "Council for Jane"
PRONOUNS = {p: referent for p, referent in _LEX.pronoun_referents.items() if referent != "speaker"}
# Words after which a subject pronoun "it" is a subject (followed by a verb), not an object.
AUXILIARIES = _LEX.auxiliaries | _LEX.linking_verbs

# ---- patterns -----------------------------------------------------------------------------------------

def _trie_pattern(forms: list[str]) -> str:
    """One regex for many literal forms, as a prefix tree, so matching does not try each form in turn.

    At every node the longer continuations come before ending there, so the match is the longest form.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_UPPER = "A-ZÀ-ÖØ-Þ"
_TITLE_MODIFIER = r"(?:[Ff]ormer|[Aa]cting|[Ii]nterim|[Ll]ate|[Tt]hen-)[ -]?"
_PRONOUN = re.compile(rf"(?<![\w'-])(?:{_trie_pattern(sorted({*PRONOUNS, *(p.capitalize() for p in PRONOUNS)}))})(?![\w-])")
_GROUP = re.compile(
    rf"(?<![\w'-])(?:{_trie_pattern(sorted({*_LEX.group_nouns, *(n.capitalize() for n in _LEX.group_nouns)}))})(?![\w'-])"
)
_MEMBER_OF = re.compile(r"[ ](?:from|of|at|in|with|for)[ ](?:the[ ])?")
_GROUP_MODIFIERS = re.compile(r"(?<![\w'-])(?:[A-Z][a-z]+[ ]){1,2}\Z")
# A capitalised word (not an acronym such as "USA" or "CEO") right after a one-word alias or metonym.
_NAME_GOES_ON = re.compile(r"[ ][A-Z][a-z][\w'-]*")
_GIVEN_BEFORE = re.compile(r"(?<![\w.'-])([A-Z][\w'-]*)(?:[ ][A-Z]\.)?[ ]\Z")
_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\.[ ]\Z")
_NEXT_WORD = re.compile(r"[ ]*('[a-z]+|[\w']+)")
_SLUG = re.compile(r"[^0-9a-z]+")
_WORK_TABLE = str.maketrans({"\u00a0": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2009": " "})
_MASK = "\x00"
# A longer run of capitalised words is a Title Case line or shouting, not a name.
MAX_NAME_WORDS = 8


def _description_pattern() -> re.Pattern[str]:
    """ "the/this/these (+ up to 4 modifiers) + type noun"; modifiers are not function words.

    Number agreement ("that officials" is a clause, not a description) is checked on the match.
    """
    modifier = rf"[ ](?!(?:{_trie_pattern(sorted(_LEX.not_names))})\b)[\w'-]+"
    # A person's title is written capitalised as a description too ("The President said", "the US
    # Secretary"); a name after it makes it a title instead (checked on the match).
    titled = {noun.capitalize() for noun, kind in _LEX.description_nouns.items() if kind == "person" and " " not in noun}
    nouns = _trie_pattern(sorted(set(_LEX.description_nouns) | titled))
    return re.compile(rf"(?<![\w'])([Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)(?:{modifier}){{0,4}}[ ]({nouns})(?![\w-])")


_DESCRIPTION = _description_pattern()


# ---- the codebook and the gazetteer, compiled once -------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """What a form refers to: an actor id and name, its type, and the kind of mention the form makes."""

    id: str
    name: str
    type: str
    kind: str
    gender: str | None = None


@dataclass(frozen=True)
class _Matchers:
    forms: re.Pattern[str] | None
    refs: dict[str, _Ref]
    title_before: re.Pattern[str]
    title_words: frozenset[str]
    given_names: dict[str, frozenset[str]]  # actor id -> first words of its multi-word aliases
    given_name_refs: dict[str, _Ref]  # first word of one codebook person's aliases -> that person


@lru_cache(maxsize=32)
def _matchers(codebook: Codebook) -> _Matchers:
    """Regexes for one codebook: its forms as one prefix-tree alternation, and the titles."""
    refs: dict[str, _Ref] = {}
    for actor in codebook.actors:
        for forms, kind in ((actor.aliases, "name"), (actor.descriptions, "description"), (actor.metonyms, "metonymy")):
            for form in forms:
                ref = _Ref(actor.id, actor.name, actor.type, kind, actor.gender)
                form = form.translate(_WORK_TABLE)
                refs.setdefault(form, ref)
                if form[:1].islower():  # "the Chinese tech giant" also opens a sentence
                    refs.setdefault(form[0].upper() + form[1:], ref)
    forms = None
    if refs:
        forms = re.compile(rf"(?<![\w'])(?=({_trie_pattern(sorted(refs))})(?![\w-]))")
    titles = {t for t in _LEX.titles} | {t for a in codebook.actors for t in a.titles}
    variants = sorted(titles | {t[0].swapcase() + t[1:] for t in titles})
    given_names = {
        a.id: frozenset(alias.split(" ")[0] for alias in a.aliases if " " in alias)
        for a in codebook.actors
        if a.type == "person"
    }
    title = _trie_pattern(variants)
    title_words = frozenset(w.rstrip(".").lower() for t in titles for w in t.split())
    return _Matchers(
        forms=forms,
        refs=refs,
        title_before=re.compile(rf"(?<![\w.'-])(?:{_TITLE_MODIFIER})?(?:{title})(?:,? and (?:{title}))?[ ]+\Z"),
        title_words=title_words,
        given_names=given_names,
        given_name_refs=_given_name_refs(codebook, given_names),
    )


def _given_name_refs(codebook: Codebook, given_names: dict[str, frozenset[str]]) -> dict[str, _Ref]:
    """ "Donald" alone is Donald Trump when no other codebook person has that first name."""
    owners: dict[str, list] = {}
    for actor in codebook.actors:
        for given in given_names.get(actor.id, ()):
            owners.setdefault(given, []).append(actor)
    return {
        given: _Ref(actors[0].id, actors[0].name, actors[0].type, "name", actors[0].gender)
        for given, actors in owners.items()
        if len(actors) == 1
    }


@dataclass(frozen=True)
class _Places:
    countries: dict[str, str]  # form -> country name
    capitals: dict[str, str]  # capital or seat of government -> country name
    regions: frozenset[str]
    demonyms: dict[str, str]  # demonym -> country name
    other: frozenset[str]  # abbreviations and cities: places for the names, never actors


@lru_cache(maxsize=1)
def _places() -> _Places:
    data = lexicon().places
    countries, capitals, demonyms = {}, dict(data.get("seats", {})), {}
    for country in data["countries"]:
        for form in (country["name"], *country.get("forms", ())):
            countries[form] = country["name"]
        for capital in country.get("capitals", ()):
            capitals[capital] = country["name"]
        for demonym in country.get("demonyms", ()):
            demonyms[demonym] = country["name"]
    countries.pop("Georgia", None)  # the US state is the likelier reading in news
    other = frozenset((*data.get("abbreviations", ()), *data.get("cities", ())))
    return _Places(countries, capitals, frozenset(data.get("regions", ())), demonyms, other)


# ---- the extraction -------------------------------------------------------------------------------------


@dataclass
class _Actor:
    """A referent: a codebook actor (type fixed) or a document entity (type and gender from evidence)."""

    id: str
    name: str
    type: str
    gender: str | None = None
    fixed: bool = True
    roles: set[str] = field(default_factory=set)  # title words it was mentioned with: "president"


@dataclass
class _Mention:
    start: int
    end: int
    kind: str
    actor: _Actor | None = None
    sent_id: int | None = None
    salient: bool = True  # False for a name used as a modifier ("a CNBC piece"): no antecedent
    plural: bool = False
    pronoun: str | None = None  # male / female / it / plural
    wanted_type: str | None = None  # for a generic description
    wanted_gender: str | None = None
    role: str | None = None  # the noun of a person description: "president"


@dataclass
class _Document:
    """The state of one extraction: the text, its working copy, the mentions and the entities so far."""

    article: Article
    codebook: Codebook
    work: str
    sentence_starts: list[int]
    sentence_ends: list[int]
    sentence_ids: list[int]
    mentions: list[_Mention] = field(default_factory=list)
    actors: dict[str, _Actor] = field(default_factory=dict)
    entity_keys: dict[tuple[str, ...], _Actor] = field(default_factory=dict)
    # A first or last word -> every entity it may name, in order of registration ("Clinton": Hillary, Bill).
    partial_keys: dict[tuple[str, ...], list[_Actor]] = field(default_factory=dict)
    mention_counts: Counter = field(default_factory=Counter)  # id(actor) -> mentions so far (ids change on renaming)
    # Short forms that name a full name found later: "Acme" for "Acme Corp.", "Doe" for "Sen. Jane Doe".
    short_forms: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    parsed_names: dict[int, _Name] = field(default_factory=dict)  # start -> the parse's name there
    name_tokens: set[int] = field(default_factory=set)  # the Doc's tokens inside those names

    def sent_id(self, offset: int) -> int | None:
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentence_ends[i]:
            return self.sentence_ids[i]
        return None

    def claim(self, spans: list[tuple[int, int]]) -> None:
        """Mask spans in the working copy so that later rules cannot match inside them."""
        if not spans:
            return
        pieces, position = [], 0
        for start, end in sorted(spans):
            start = max(start, position)  # spans may overlap (a name and its titled form)
            if end <= start:
                continue
            pieces.append(self.work[position:start])
            pieces.append(_MASK * (end - start))
            position = end
        pieces.append(self.work[position:])
        self.work = "".join(pieces)

    def add(self, start: int, end: int, kind: str, actor: _Actor | None, **extra) -> _Mention:
        mention = _Mention(start, end, kind, actor, self.sent_id(start), **extra)
        self.mentions.append(mention)
        if actor is not None:
            self.mention_counts[id(actor)] += 1
        return mention

    def partial(self, tokens: tuple[str, ...]) -> _Actor | None:
        """The entity a part of a full name refers to: of several ("Clinton" after Hillary and Bill
        Clinton), the one mentioned most so far, the later one on a tie."""
        candidates = self.partial_keys.get(tokens)
        if not candidates:
            return None
        return max(reversed(candidates), key=lambda actor: self.mention_counts[id(actor)])

    def codebook_actor(self, ref: _Ref) -> _Actor:
        actor = self.actors.get(ref.id)
        if actor is None:
            actor = self.actors[ref.id] = _Actor(ref.id, ref.name, ref.type, ref.gender)
            known = self.codebook.actor(ref.id)
            actor.roles.update(w.lower() for t in (known.titles if known else ()) for w in t.split())
        return actor

    def entity(self, name: str, type_: str, fixed: bool = False) -> _Actor:
        """The document entity of this name, made on first use; a codebook actor of that name if any."""
        known = self.codebook.actor_named(name)
        if known is not None:
            return self.codebook_actor(_Ref(known.id, known.name, known.type, "name", known.gender))
        actor_id = "entity:" + _SLUG.sub("_", name.lower()).strip("_")
        actor = self.actors.get(actor_id)
        if actor is None:
            actor = self.actors[actor_id] = _Actor(actor_id, name, type_, fixed=fixed)
        return actor


def extract_mentions(
    article_or_text: Article | str | Path, codebook: CodebookSource = None
) -> pd.DataFrame:
    """Every actor mention in the article, resolved to a codebook actor or a document entity.

    ``article_or_text`` is anything :func:`~hwresearch.article.load_article` takes; ``codebook`` is a
    :class:`Codebook`, the path of a codebook TOML file, or None: the bundled study codebook for the
    bundled seed, document entities only for any other text (see
    :func:`~hwresearch.codebook.resolve_codebook`). Bad input raises InputError.

    One row per mention, sorted by ``start``: ``start``, ``end``, ``text`` (always
    ``article.text[start:end]``), ``actor`` (canonical name; pd.NA only for a "he"/"she" or a
    description with no antecedent), ``actor_id`` (codebook id, or ``entity:...`` for a document
    entity), ``actor_type`` (a codebook type, or "unknown"), ``mention_kind`` (name / title /
    pronoun / description / metonymy), ``sent_id`` (pd.NA outside sentences, e.g. the photo credit).
    """
    article = load_article(article_or_text)
    codebook = resolve_codebook(codebook, article)
    return article.layer("mentions", codebook, lambda: _frame(_resolved(article, codebook))).copy()


def actor_spans(article: Article, codebook: Codebook) -> list[tuple[int, int, str | None, str]]:
    """The ``start``, ``end``, ``actor`` (None where the table has pd.NA) and ``actor_type`` of every
    mention, as :func:`extract_mentions` finds them, without building the table: the quote attribution
    resolves speakers through these on every article, and the table cost as much as a stage."""
    doc = _resolved(article, codebook)
    return [(m.start, m.end, m.actor.name if m.actor else None, _actor_type(m)) for m in doc.mentions]


def _resolved(article: Article, codebook: Codebook) -> _Document:
    """The article's mentions found and resolved, in text order (computed once per article and codebook)."""
    return article.layer("mention-resolution", codebook, lambda: _resolve_mentions(article, codebook))


def _resolve_mentions(article: Article, codebook: Codebook) -> _Document:
    matchers = _matchers(codebook)
    doc = _document(article, codebook)
    _codebook_forms(doc, matchers)
    _names(doc, matchers)
    _descriptions_and_pronouns(doc)
    _resolve(doc)
    return doc


def _document(article: Article, codebook: Codebook) -> _Document:
    """The working copy: prose sentences and photo credits kept, everything else blanked."""
    sentences = article.sentences
    regions = [(int(s), int(e), int(i)) for i, s, e in zip(sentences["sent_id"], sentences["start"], sentences["end"])]
    regions += [(p.start, p.end, None) for p in article.parts if p.kind == "credit"]
    regions.sort()
    normalised = article.text.translate(_WORK_TABLE)
    pieces, position = [], 0
    for start, end, _ in regions:
        pieces.append("\n" * (start - position))
        pieces.append(normalised[start:end])
        position = end
    pieces.append("\n" * (len(normalised) - position))
    work = "".join(pieces)
    in_sentences = [r for r in regions if r[2] is not None]
    return _Document(
        article=article,
        codebook=codebook,
        work=work,
        sentence_starts=[r[0] for r in in_sentences],
        sentence_ends=[r[1] for r in in_sentences],
        sentence_ids=[r[2] for r in in_sentences],
    )


def _longest_first(candidates: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping candidates, longest first (ties: leftmost), returned in text order."""
    taken: list[tuple[int, int, object]] = []
    occupied: list[tuple[int, int]] = []
    for start, end, payload in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        i = bisect_right(occupied, (start, end))
        if (i > 0 and occupied[i - 1][1] > start) or (i < len(occupied) and occupied[i][0] < end):
            continue
        occupied.insert(i, (start, end))
        taken.append((start, end, payload))
    return sorted(taken, key=lambda c: c[0])


def _previous_word(work: str, start: int) -> str:
    """The word right before ``start`` (lower case), or "" when punctuation or nothing comes first."""
    words = work[max(0, start - 40) : start].split()
    word = words[-1] if words else ""
    return word.lower() if word[-1:].isalnum() else ""


def _next_word(work: str, end: int) -> str:
    match = _next_word_match(work, end)
    return match.group(1).lower() if match else ""


def _next_word_match(work: str, end: int) -> re.Match | None:
    """The word right after ``end`` (group 1), with its offsets."""
    return _NEXT_WORD.match(work, end, min(len(work), end + 40))


def _codebook_forms(doc: _Document, matchers: _Matchers) -> None:
    """Rule 1: aliases, descriptions and metonyms of the codebook; a metonym used as a place is skipped."""
    if matchers.forms is None:
        return
    found = [(m.start(1), m.end(1), matchers.refs[m.group(1)]) for m in matchers.forms.finditer(doc.work)]
    claimed = []
    for start, end, ref in _longest_first(found):
        if ref.kind != "description" and " " not in doc.work[start:end] and _NAME_GOES_ON.match(doc.work, end):
            continue  # "Barr Laboratories", "Ren Li": a longer name the codebook lacks, left to the name rule
        if ref.kind == "metonymy" and _previous_word(doc.work, start) in _LEX.locative_prepositions:
            claimed.append((start, end))  # the place is no actor under any other rule either
            continue
        actor = doc.codebook_actor(ref)
        kind = ref.kind
        if actor.type == "person":
            given = _GIVEN_BEFORE.search(doc.work, max(0, start - 30), start)
            if given and given.group(1) in matchers.given_names.get(ref.id, ()):
                start = given.start()  # "Donald J. Trump"
            elif given and given.group(1) in _first_names():
                continue  # "Ivanka Trump" is someone else: left to the name rule
            title = _title_start(doc, matchers, start)
            if title is not None:
                actor.roles.update(w.rstrip(".").lower() for w in doc.work[title:start].split())
                start, kind = title, "title"
        doc.add(start, end, kind, actor, plural=_is_plural(doc.work[start:end], actor.type), salient=_is_salient(doc, start))
        claimed.append((start, end))
    doc.claim(claimed)


def _title_start(doc: _Document, matchers: _Matchers, start: int) -> int | None:
    """Where a title right before a person's name starts ("Sen. Jane Doe"), or None."""
    before = doc.work[max(0, start - 30) : start].split()
    if not before or before[-1].rstrip(".,").lower() not in matchers.title_words:
        return None  # the word before is no title word: skip the regex
    match = matchers.title_before.search(doc.work, max(0, start - 60), start)
    return match.start() if match else None


def _title_gender(title: str) -> str | None:
    """ "Mr.", "Chairwoman": the gender a title implies, if any."""
    words = title.lower().split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if phrase in _LEX.male_titles:
                return "male"
            if phrase in _LEX.female_titles:
                return "female"
    return None


def _is_plural(surface: str, actor_type: str) -> bool:
    """Groups and legislatures are plural antecedents; so is a noun phrase ending in a plural noun."""
    if actor_type in ("group", "legislature"):
        return True
    last = surface.rsplit(" ", 1)[-1]
    return last[:1].islower() and last.endswith("s") and not last.endswith("ss")


def _is_salient(doc: _Document, start: int) -> bool:
    """A name after "a"/"an" modifies a noun ("a CNBC piece") and is no antecedent."""
    return _previous_word(doc.work, start) not in _LEX.indefinite_articles












@lru_cache(maxsize=1)
def _place_tokens() -> frozenset[tuple[str, ...]]:
    places = _places()
    return frozenset(tuple(p.split(" ")) for p in (*places.countries, *places.capitals, *places.regions))


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset(word for tokens in _place_tokens() for word in tokens)


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    return lexicon().first_names


@lru_cache(maxsize=1)
def _demonym_set() -> frozenset[str]:
    return frozenset(_places().demonyms)


def _is_name(doc: _Document, matchers: _Matchers, start: int, end: int) -> bool:
    """A lone capitalised word is a name unless it is a common word, a date, a title or a demonym."""
    text = doc.work[start:end]
    if " " in text:
        if text.count(" ") >= MAX_NAME_WORDS:
            return False
        return text not in _demonym_set() and text.rsplit(" ", 1)[-1] not in _LEX.non_actor_heads
    word = text
    if _HONORIFIC_BEFORE.search(doc.work, max(0, start - 6), start):
        return True  # "Mr. King", "Ms. May"
    if word.isupper() and len(word) >= 7:
        return False  # a shouted word or a dateline, not an acronym
    if word.lower() in _LEX.not_names or word.lower() in _LEX.title_modifiers or word in MONTHS or word in _LEX.weekdays:
        return False
    if word in _LEX.capitalised_adjectives or word.lower() in _LEX.common_nouns:
        return False
    if word in _demonym_set() or word.rstrip(".").lower() in matchers.title_words or word in _LEX.non_actor_heads:
        return False
    if len(word) == 2 and word.endswith("."):  # a lone initial
        return False
    if "'" in word and word.split("'", 1)[0].lower() in _LEX.not_names:
        return False  # "They're", "I'll"
    return True


def _names(doc: _Document, matchers: _Matchers) -> None:
    """Rule 2: names from the parse (:func:`extract_names`) outside the codebook, as gazetteer places or
    document entities. A dateline, or a place that is not in the gazetteer ("in Kelso Bay"), is where
    something happens, not who acts."""
    places = _places()
    parsed = doc.article.doc
    candidates: list[tuple[int, int]] = []
    surfaces: dict[int, str] = {}  # start -> the name's words with single spaces
    for name in _doc_names(doc.article):
        start, end = parsed[name.first].idx, parsed[name.last - 1].idx + len(parsed[name.last - 1])
        words = _words(doc.work, start, end)  # a line break inside a name is a space
        surface = " ".join(words)
        blanked = words != _words(doc.article.text[start:end].translate(_WORK_TABLE), 0, end - start)  # not prose or a credit
        if name.dateline or blanked or _MASK in surface or doc.sent_id(start) != doc.sent_id(end - 1) \
                or _LEX.in_exclamation(doc.work, start, end):
            continue
        if name.type == "place" and surface not in places.capitals and surface not in places.countries and surface not in places.regions:
            continue
        # A country the gazetteer knows, tagged a proper noun, is one even where its form is a word ("US")
        country = surface in places.countries and all(parsed[k].tag_ in _NAME_TAGS for k in range(name.first, name.last))
        if name.type not in ("person",) and name.refers_to is None and not country and not _is_name(doc, matchers, start, end):
            continue
        candidates.append((start, end))
        surfaces[start] = surface
        doc.parsed_names[start] = name
        doc.name_tokens.update(range(name.first, name.last))
    _collect_short_forms(doc, matchers, candidates)

    added = []
    for start, end in candidates:
        name = surfaces[start]
        if name in places.capitals:
            if _previous_word(doc.work, start) in _LEX.locative_prepositions:
                continue
            actor = _government_of(doc, places.capitals[name])
            mention = doc.add(start, end, "metonymy", actor, salient=_is_salient(doc, start))
        elif name in places.countries:
            noun = _next_word_match(doc.work, end)
            if noun and _LEX.description_nouns.get(noun.group(1).lower()) == "government":
                # "the US government", "the U.S. administration": the country's government
                actor = _government_of(doc, places.countries[name])
                mention = doc.add(start, noun.end(1), "description", actor, salient=_is_salient(doc, start))
            else:
                actor = doc.entity(places.countries[name], "country", fixed=True)
                mention = doc.add(start, end, "name", actor, salient=_is_salient(doc, start))
        elif name in places.regions:
            if _previous_word(doc.work, start) in _LEX.locative_prepositions or _modifies_a_noun(doc, start, end):
                continue  # "Jane Doe of Ohio", "a Massachusetts Democrat": a place, not an actor
            actor = doc.entity(name, "government", fixed=True)
            # A state or city is rarely what a later "it" or "the agency" means.
            mention = doc.add(start, end, "name", actor, salient=False)
        else:
            mention = _entity_mention(doc, matchers, start, end)
        added.append((mention.start, mention.end))
    doc.claim(added)






def _government_of(doc: _Document, country: str) -> _Actor:
    """The government a capital stands for: the codebook's government of that country, else an entity."""
    country_actor = doc.codebook.actor_named(country)
    if country_actor is not None:
        for actor in doc.codebook.actors:
            if actor.type == "government" and actor.affiliation == country_actor.id:
                return doc.codebook_actor(_Ref(actor.id, actor.name, actor.type, "metonymy", actor.gender))
    the = "the " if country.startswith(("United ", "Czech ")) or country.endswith("s") else ""
    return doc.entity(f"Government of {the}{country}", "government", fixed=True)


def _modifies_a_noun(doc: _Document, start: int, end: int) -> bool:
    """A name that modifies a noun in the parse ("a Massachusetts Democrat", "Ohio voters"): no actor."""
    span = doc.article.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return dep(root) in ("amod", "compound") and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN") and (
        root.head.i not in doc.name_tokens  # "Ohio Gov. Mike DeWine": the place modifies no noun
    )


def _collect_short_forms(doc: _Document, matchers: _Matchers, candidates: list[tuple[int, int]]) -> None:
    """Short forms that may come before their full name: a company without its suffix, a surname.

    A short form shared by two full names ("Obama": "Michelle Obama", "Barack Obama") is left out.
    """
    ambiguous = set()
    for start, end in candidates:
        tokens = _words(doc.work, start, end)
        if len(tokens) < 2:
            continue
        if tokens[-1] in _LEX.organisation_heads:
            short = tokens[:-1]
        elif tokens[0] in _first_names() or _title_start(doc, matchers, start) is not None:
            short = tokens[-1:]  # "Sanders" in a headline, "Bernie Sanders" below
        else:
            continue
        if doc.short_forms.setdefault(short, tokens) != tokens:
            ambiguous.add(short)
    for short in ambiguous:
        del doc.short_forms[short]


def _words(text: str, start: int, end: int) -> tuple[str, ...]:
    """The words of ``text[start:end]``, however many spaces or line breaks part them ("United\nStates")."""
    return tuple(text[start:end].split())


def _entity_mention(doc: _Document, matchers: _Matchers, start: int, end: int) -> _Mention:
    """A document entity: the same name or a part of an earlier one ("Doe" after "Jane Doe") joins it."""
    tokens = _words(doc.work, start, end)
    actor = doc.entity_keys.get(tokens)
    given = matchers.given_name_refs.get(tokens[0]) if actor is None and len(tokens) == 1 else None
    if given is not None and given.id in doc.actors:  # "Donald" for Donald Trump, once he is named
        actor = doc.codebook_actor(given)
    surname = False
    if actor is None and tokens in doc.partial_keys:
        actor = doc.partial(tokens)
        surname = actor.name.split(" ")[-1] == tokens[-1]
        if len(tokens) >= 2 and not actor.fixed:  # "Hillary Clinton" names "Rival Hillary Clinton" better
            _rename(doc, actor, " ".join(_words(doc.article.text, start, end)))
    if actor is None and tokens in doc.short_forms:
        full = doc.short_forms[tokens]
        actor = doc.entity_keys.get(full) or _register(doc, full, " ".join(full))
        surname = full[-1] == tokens[-1]
    parsed = doc.parsed_names.get(start)
    if actor is None and parsed is not None and parsed.refers_to is not None:
        # "SEC" for the Securities and Exchange Commission, "White" for Mary Jo White
        full_start = doc.article.doc[parsed.refers_to.first].idx
        full_end = doc.article.doc[parsed.refers_to.last - 1].idx + len(doc.article.doc[parsed.refers_to.last - 1])
        full = _words(doc.work, full_start, full_end)
        actor = doc.entity_keys.get(full) or _register(doc, full, " ".join(_words(doc.article.text, full_start, full_end)))
        surname = parsed.type == "person"
    if actor is None:
        actor = _register(doc, tokens, " ".join(_words(doc.article.text, start, end)))
    if parsed is not None and parsed.type in _PARSED_TYPES:
        _set_type(actor, _PARSED_TYPES[parsed.type] or _org_type(tuple(actor.name.split(" "))) or "unknown")
    title = _title_start(doc, matchers, start) if actor.type in ("person", "unknown") else None
    if title is not None or (surname and actor.type == "unknown"):
        _set_type(actor, "person")
        if title is not None and actor.gender is None:
            actor.gender = _title_gender(doc.work[title:start])
    elif actor.type == "unknown" and _corporate_context(doc, start, end):
        _set_type(actor, "company")
    elif actor.type == "unknown" and doc.sent_id(start) is None:
        _set_type(actor, _credit_role(doc, start, end))
    if title is None:
        return doc.add(start, end, "name", actor, salient=_is_salient(doc, start))
    actor.roles.update(w.rstrip(".").lower() for w in doc.work[title:start].split())
    return doc.add(title, end, "title", actor, salient=_is_salient(doc, title))


# Name types of the parse and the actor types they give ("" for an organisation: its head word tells).
_PARSED_TYPES = {"person": "person", "group": "group", "organisation": ""}


def _rename(doc: _Document, actor: _Actor, name: str) -> None:
    """Give an entity a shorter canonical name; its id follows the name."""
    actor.name = name
    actor.id = "entity:" + _SLUG.sub("_", name.lower()).strip("_")
    doc.actors.setdefault(actor.id, actor)
    _index_parts(doc, tuple(name.split(" ")), actor)


def _index_parts(doc: _Document, tokens: tuple[str, ...], actor: _Actor) -> None:
    """Make an entity findable by the first and last words of its name ("Clinton", "Hillary"), and
    without a middle initial ("Donald Trump" for Donald J. Trump)."""
    parts = [p for size in range(1, len(tokens)) for p in (tokens[:size], tokens[-size:])]
    if len(tokens) == 3 and _MIDDLE_INITIAL.fullmatch(tokens[1]):
        parts.append((tokens[0], tokens[2]))
    for part in parts:
        holders = doc.partial_keys.setdefault(part, [])
        if all(holder is not actor for holder in holders):
            holders.append(actor)


_MIDDLE_INITIAL = re.compile(r"[A-Z]\.")


def _register(doc: _Document, tokens: tuple[str, ...], name: str) -> _Actor:
    """A new document entity, findable later by its full name and by its first and last words."""
    given = _first_names().get(tokens[0]) if len(tokens) <= 3 else None
    person = len(tokens) <= 3 and tokens[0] in _LEX.given_names
    actor = doc.entity(name, _org_type(tokens) or ("person" if person else "unknown"))
    if actor.gender is None and not actor.fixed and _org_type(tokens) is None:
        actor.gender = given
    doc.entity_keys[tokens] = actor
    _index_parts(doc, tokens, actor)
    return actor


_CREDIT_SEPARATOR = re.compile(r"[ ]*[|/]")
_AFTER_CREDIT_SEPARATOR = re.compile(r"[|/][ ]*\Z")


def _credit_role(doc: _Document, start: int, end: int) -> str:
    """In a photo credit "Name | Outlet" the name is the photographer and the outlet is the medium."""
    if _CREDIT_SEPARATOR.match(doc.work, end):
        return "person"
    if _AFTER_CREDIT_SEPARATOR.search(doc.work, max(0, start - 5), start):
        return "media"
    return "unknown"


def _org_type(tokens: tuple[str, ...]) -> str | None:
    """The type an organisation's name tells: its last word, or a news word anywhere ("Fox News Channel")."""
    if len(tokens) == 1:
        return _LEX.organisation_heads.get(tokens[0]) if tokens[0] in ("Congress", "Senate", "Parliament") else None
    for head, word in zip(tokens, tokens[1:-1]):  # "University of Toronto", "Center for Education Statistics"
        if (word == "of" or word in _LEX.domain_prepositions) and head in _LEX.organisation_heads:
            return _LEX.organisation_heads[head]
    if any(_LEX.organisation_heads.get(t) == "media" for t in tokens[:-1]) and tokens[-1] not in ("Party", "University"):
        return "media"
    return _LEX.organisation_heads.get(tokens[-1])


_CORPORATE_AFTER = re.compile(
    r"(?:'s)? (?:co-)?(?:founder|CEO|chief executive|chairman|chairwoman|shares|stock|products|employees|board)\b"
)
_CORPORATE_BEFORE = re.compile(
    r"\b(?:CEO|founder|chairman|chairwoman|chief executive|executives?|employees?|shares|spokes\w+) (?:of|at|for) \Z"
)


def _corporate_context(doc: _Document, start: int, end: int) -> bool:
    """ "Acme's founder", "CEO of Acme": evidence that a name is a company."""
    return bool(
        _CORPORATE_AFTER.match(doc.work, end, end + 40)
        or _CORPORATE_BEFORE.search(doc.work, max(0, start - 40), start)
    )


def _set_type(actor: _Actor, type_: str) -> None:
    if not actor.fixed and actor.type == "unknown":
        actor.type = type_


def _descriptions_and_pronouns(doc: _Document) -> None:
    """Rule 3, the spans: generic definite descriptions and third-person pronouns, resolved later."""
    places = _places()
    found = []
    for match in _DESCRIPTION.finditer(doc.work):
        determiner, written = match.group(1).lower(), match.group(2)
        noun = written if written in _LEX.description_nouns else written.lower()
        if written != noun and _NAME_GOES_ON.match(doc.work, match.end()):
            continue  # "the President Bush": a title of the name that follows
        if (noun in _LEX.plural_nouns) != (determiner in ("these", "those")) and determiner != "the":
            continue
        words = match.group(0).split(" ")
        # "the Chinese government": the government of the country a demonym names (a country's own name,
        # "the US government", is the name stage's: :func:`_names`)
        country = next(filter(None, (places.demonyms.get(w) for w in words[1:-1])), None)
        if country and _LEX.description_nouns[noun] == "government":
            actor = _government_of(doc, country)
            doc.add(match.start(), match.end(), "description", actor)
        else:
            doc.add(
                match.start(), match.end(), "description", None,
                wanted_type=_LEX.description_nouns[noun], wanted_gender=_LEX.gendered_nouns.get(noun), plural=noun in _LEX.plural_nouns,
                role=noun if _LEX.description_nouns[noun] == "person" else None,
            )
        found.append((match.start(), match.end()))
    doc.claim(found)
    _groups(doc)
    for match in _PRONOUN.finditer(doc.work):
        pronoun = match.group(0).lower()
        doc.add(match.start(), match.end(), "pronoun", None, pronoun=pronoun, plural=PRONOUNS[pronoun] == "plural")


def _groups(doc: _Document) -> None:
    """Bare plurals that name a group ("critics", "Republican lawmakers"): one entity per phrase.

    Members of a named organisation speak for it: "officials from the Trump administration" is the
    administration.
    """
    found, absorbed = [], []
    organisations = {
        m.start: m.actor for m in doc.mentions if m.actor is not None and m.actor.type not in ("person", "unknown")
    }
    for match in _GROUP.finditer(doc.work):
        modifiers = _GROUP_MODIFIERS.search(doc.work, max(0, match.start() - 40), match.start())
        words = doc.work[modifiers.start() if modifiers else match.start() : match.end()].split(" ")
        while len(words) > 1 and not (words[0] in _LEX.capitalised_adjectives or words[0] in _demonym_set()):
            words.pop(0)  # "Many experts", "Latest Police": only origin or party makes the group's name
        start = match.end() - len(" ".join(words))
        noun = words[-1] if words[-1] in _LEX.group_nouns else words[-1].lower()
        member_of = _MEMBER_OF.match(doc.work, match.end())
        actor = organisations.get(member_of.end()) if member_of else None
        compounds = _compound_start(doc, match.start(), match.end())
        if compounds < start:
            # "Clinton campaign allies": one group named by its modifiers, not Clinton and some allies
            absorbed.append((compounds, match.start()))
            start, actor = compounds, None
            words = [*doc.article.text[start : match.start()].split(), noun]
        if actor is None:
            actor = doc.entity(" ".join([*words[:-1], noun]), _LEX.group_nouns[noun], fixed=True)
        doc.add(start, match.end(), "description", actor, plural=True)
        found.append((start, match.end()))
    if absorbed:
        inside = _longest_first([(a, b, None) for a, b in absorbed])
        starts = [a for a, _, _ in inside]

        def kept(m: _Mention) -> bool:
            i = bisect_right(starts, m.start) - 1
            return i < 0 or m.end > inside[i][1]

        doc.mentions = [m for m in doc.mentions if kept(m)]
    doc.claim(found)


def _compound_start(doc: _Document, start: int, end: int) -> int:
    """Where the noun compound ending in the group noun at ``start:end`` begins in the parse ("Clinton
    campaign allies", "climate-change experts"); ``start`` when the noun has no compound modifiers."""
    span = doc.article.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start
    noun = span[-1]
    first = noun.i
    for child in reversed(list(noun.lefts)):
        if dep(child) != "compound" or child.right_edge.i != first - 1:
            break
        first = child.left_edge.i  # with what hangs on it: "climate-change experts"
    return min(start, noun.doc[first].idx) if first < noun.i else start


# ---- resolution, in reading order -------------------------------------------------------------------------

_LOOKBACK = 60  # mentions searched back for an antecedent: bounds the cost on very long texts


def _resolve(doc: _Document) -> None:
    """Resolve descriptions and pronouns to the latest compatible actor; drop unresolved "it"/"they"."""
    doc.mentions.sort(key=lambda m: m.start)
    names_at = {m.start: m for m in doc.mentions if m.kind in ("name", "title")}
    kept: list[_Mention] = []
    for mention in doc.mentions:
        if mention.kind == "pronoun":
            if not _resolve_pronoun(doc, mention, kept):
                continue
        elif mention.actor is None:
            _resolve_description(doc, mention, kept, names_at)
        kept.append(mention)
    doc.mentions = kept


def _appositive(doc: _Document, mention: _Mention, kept: list[_Mention], names_at: dict[int, _Mention]) -> _Actor | None:
    """ "Acme Corp., the company" or "the company, Acme Corp.,": the name beside it; or the name the
    parse sets in apposition to the description past its modifiers ("the governor of Texas, Greg Abbott")."""
    if kept and kept[-1].actor is not None and doc.work[kept[-1].end : mention.start] == ", ":
        return kept[-1].actor
    following = names_at.get(mention.end + 2)
    if following is not None and doc.work[mention.end : mention.end + 2] == ", ":
        return following.actor
    head = _head_of(doc, mention)
    for apposed in (c for c in head.children if dep(c) == "appos") if head is not None else ():
        named = _name_covering(names_at, apposed.idx)
        if named is not None and named.actor is not None:
            return named.actor
    return None


def _head_of(doc: _Document, mention: _Mention):
    """The parse's head token of a mention's span, or None where the span does not align with tokens."""
    span = doc.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _name_covering(names_at: dict[int, _Mention], offset: int) -> _Mention | None:
    """The name or titled-name mention whose span holds an offset."""
    starts = sorted(names_at)
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < names_at[starts[i]].end:
        return names_at[starts[i]]
    return None


# A verb's arguments other than its subject, and its subjects.
_COMPLEMENTS = frozenset({"obj", "iobj", "obl"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_SHARING = frozenset({"advcl", "xcomp", "conj"})  # verbs that may share the subject of the verb they hang on


def _clause_mates(doc: _Document, mention: _Mention, kept: list[_Mention]) -> set[int]:
    """The actors (by id) a description or pronoun cannot stand for: the other side of its own verb.
    "Cruz criticized the governor" is not Cruz, nor is "he" in "Trump, whom he called a liar" Trump:
    the same person on both sides of one verb would be "himself"."""
    head = _head_of(doc, mention)
    if head is None or dep(head) not in _COMPLEMENTS | _SUBJECTS:
        return set()
    verb = head.head
    wanted = _SUBJECTS if dep(head) in _COMPLEMENTS else _COMPLEMENTS - {"obl"}
    mates = [c for c in verb.children if dep(c) in wanted and c.i != head.i]
    if not mates and wanted is _SUBJECTS and dep(verb) in _SHARING:
        mates = [c for c in verb.head.children if dep(c) in _SUBJECTS]  # "X lashed out, accusing the mayor"
    if dep(verb) == "acl:relcl" and any(c.lower_ in _RELATIVES for c in mates):
        mates.append(verb.head)  # the relative pronoun's noun
    return {id(m.actor) for m in kept for c in mates if m.actor is not None and m.start <= c.idx < m.end}


_RELATIVES = _LEX.relative_pronouns | _LEX.object_relatives


def _resolve_description(doc: _Document, mention: _Mention, kept: list[_Mention], names_at: dict[int, _Mention]) -> None:
    wanted = mention.wanted_type
    actor = _appositive(doc, mention, kept, names_at)
    if actor is not None:
        _set_type(actor, wanted)
    if actor is None:
        actor = _leader_named(doc, mention, kept)
    excluded = _clause_mates(doc, mention, kept) if actor is None else set()
    candidates = [
        previous.actor
        for previous in reversed(kept[-_LOOKBACK:])
        if previous.actor is not None and previous.salient and previous.actor.type == wanted
        and _gender_fits(previous.actor, mention.wanted_gender) and _role_fits(previous.actor, mention.role)
        and id(previous.actor) not in excluded
    ]
    if actor is None and candidates:
        # "the president": the latest person titled so, else the latest person.
        actor = next((c for c in candidates if mention.role in c.roles), candidates[0])
    if actor is None and wanted != "person":
        # No actor of that type yet: the latest entity of unknown type is the best guess, and the
        # description tells its type.
        recent = [m for m in kept[-_LOOKBACK:] if m.actor is not None and m.actor.type == "unknown" and m.salient]
        if recent and _sentence_distance(recent[-1], mention) <= 2:
            actor = recent[-1].actor
            _set_type(actor, wanted)
    mention.actor = actor


def _leader_named(doc: _Document, mention: _Mention, kept: list[_Mention]) -> _Actor | None:
    """ "the administration", "this regime": the one an earlier name led ("the Obama administration",
    "the Assad regime"), whose leader is who it stands for, not the latest government body named."""
    head = _head_of(doc, mention)
    if head is None or _LEX.name_descriptors.get(head.lemma_.lower()) != "leader" or head.idx < mention.start:
        return None
    noun = head.lower_
    for previous in reversed(kept[-_LOOKBACK:]):
        after = doc.work[previous.end : previous.end + len(noun) + 2].lower().split()
        if previous.actor is not None and previous.kind == "name" and after[:1] == [noun]:
            return previous.actor
    return None


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return frozenset(noun for noun, type_ in _LEX.description_nouns.items() if type_ == "person")


def _role_fits(actor: _Actor, role: str | None) -> bool:
    """ "the Texas governor" is no one titled only by another role ("President Obama"): a person whose
    titles hold a role noun of descriptions must hold this one."""
    if role is None:
        return True
    held = actor.roles & _role_words()
    return not held or role in held


def _gender_fits(actor: _Actor, gender: str | None) -> bool:
    return gender is None or actor.gender is None or actor.gender == gender


def _sentence_distance(earlier: _Mention, later: _Mention) -> int:
    if earlier.sent_id is None or later.sent_id is None:
        return 0 if earlier.sent_id == later.sent_id else 99
    return later.sent_id - earlier.sent_id


def _resolve_pronoun(doc: _Document, mention: _Mention, kept: list[_Mention]) -> bool:
    """Find the antecedent; return False when the pronoun should be dropped."""
    pronoun = mention.pronoun or ""
    want = PRONOUNS[pronoun]
    after = _next_word(doc.work, mention.end)
    if want == "it" and pronoun == "it" and _is_expletive(doc, mention, after):
        return False
    window = 3 if want in ("male", "female") else 1
    object_position = pronoun in _LEX.object_pronouns and _is_object(doc, mention, pronoun, after)
    excluded = _clause_mates(doc, mention, kept)
    candidates, preferred = [], 0
    for previous in reversed(kept[-_LOOKBACK:]):
        if _sentence_distance(previous, mention) > window or preferred > 1:
            break
        if previous.actor is not None and previous.salient and _fits(previous, previous.actor, want) and id(previous.actor) not in excluded:
            candidates.append(previous)
            preferred += want not in ("male", "female") or previous.actor.type == "person"
    if not candidates and want in ("male", "female"):
        candidates = _across_a_quote(doc, mention, kept, want)
    if object_position and candidates and candidates[0].sent_id == mention.sent_id:
        candidates.pop(0)  # "the U.S. government which has accused it": not the accuser
    if not candidates and want == "plural":
        mention.actor = _plural_antecedent(doc, mention, kept, object_position)
        return mention.actor is not None
    if want in ("male", "female"):
        # A known person before a name of unknown type, a known gender before an unknown one.
        candidates.sort(key=lambda m: (m.actor.type != "person", m.actor.gender != want))
        candidates = _subject_first(doc, mention, candidates)
    if not candidates:
        return want in ("male", "female")  # "he"/"she" is a person even when unresolved
    actor = mention.actor = candidates[0].actor
    if want in ("male", "female"):
        _set_type(actor, "person")
        if actor.gender is None:
            actor.gender = want
    return True


def _across_a_quote(doc: _Document, mention: _Mention, kept: list[_Mention], want: str) -> list[_Mention]:
    """A "he"/"she" with no fitting person in the three sentences before it, as after a long quotation
    ('"... I ask for your forgiveness," he said'): the latest fitting person of this paragraph or the one
    before, since the quoted sentences between name no one."""
    paragraphs = doc.article.sentences["para_id"]
    if mention.sent_id is None or not 0 <= mention.sent_id < len(paragraphs):
        return []
    paragraph = int(paragraphs.iat[mention.sent_id])
    for previous in reversed(kept[-_LOOKBACK:]):
        if previous.sent_id is None or not 0 <= previous.sent_id < len(paragraphs):
            continue
        if paragraph - int(paragraphs.iat[previous.sent_id]) > 1:
            break
        if previous.actor is not None and previous.salient and previous.actor.type == "person" and _fits(previous, previous.actor, want):
            return [previous]
    return []


def _subject_first(doc: _Document, pronoun: _Mention, candidates: list[_Mention]) -> list[_Mention]:
    """Of two equally fitting people named in one earlier sentence, the subject is the likelier antecedent
    ("Trump met Moore on Monday. He said ..." is Trump); in the pronoun's own sentence, the subject of
    the verb whose clause holds it (:func:`_subject_over`)."""
    if len(candidates) < 2:
        return candidates
    first, second = candidates[0], candidates[1]
    same_fit = (first.actor.type, first.actor.gender) == (second.actor.type, second.actor.gender)
    if not same_fit or first.sent_id != second.sent_id or first.actor is second.actor:
        return candidates
    here = first.sent_id == pronoun.sent_id
    if (_subject_over(doc, second, pronoun) if here else _is_subject(doc, second)) and not _is_subject(doc, first):
        return [second, first, *candidates[2:]]
    return candidates


def _subject_over(doc: _Document, subject: _Mention, pronoun: _Mention) -> bool:
    """Whether ``subject`` is the subject of a verb whose clause holds ``pronoun``: "Netanyahu told
    Durbin that he regrets" (he is Netanyahu, the teller, not the nearer addressee)."""
    root, at = _root(doc, subject), _root(doc, pronoun)
    if root is None or at is None or dep(root) not in _SUBJECT_DEPS:
        return False
    return root.head.i != at.i and root.head.is_ancestor(at)


def _is_subject(doc: _Document, mention: _Mention) -> bool:
    root = _root(doc, mention)
    return root is not None and dep(root) in _SUBJECT_DEPS


_SUBJECT_DEPS = ("nsubj", "nsubj:pass")


def _root(doc: _Document, mention: _Mention):
    """The parse's head word of a mention (None where its span falls outside the tokens)."""
    span = doc.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _fits(previous: _Mention, actor: _Actor, want: str) -> bool:
    if want in ("male", "female"):
        if actor.type == "unknown" and not _person_like(actor.name):
            return False  # "Medicare", "Entity List ... he"
        return actor.type in ("person", "unknown") and actor.gender in (None, want) and not previous.plural
    if want == "it":
        return actor.type not in ("person", "unknown") and not previous.plural
    return previous.plural or actor.type in ("group", "legislature")


_COORDINATION = re.compile(r",? (?:and|&) (?:the )?")
_QUOTE_MARKS = re.compile("[\"\u201c\u201d]")
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PLURAL_MODIFIERS = frozenset({"amod", "compound", "nummod"})
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def _plural_antecedent(doc: _Document, mention: _Mention, kept: list[_Mention], object_position: bool) -> _Actor | None:
    """A "they" with no plural mention just before it: the latest coordination of two actors ("Ruiz and
    Tanaka") or plural noun phrase of people or organisations ("local unions", "the charities"), which the
    mentions leave out, in this sentence (a subject only) or the two before it (this paragraph or the one
    before), a subject before other words of its sentence. The phrase becomes a group entity.

    An antecedent inside a quotation is no antecedent of a "they" outside it (nor the other way round
    within a sentence): quoted words speak of other people than the reporter's narration does."""
    sentences = doc.article.sentences
    sid = mention.sent_id
    if sid is None or not 0 <= sid < len(sentences):
        return None
    paragraphs, starts, ends = sentences["para_id"], sentences["start"], sentences["end"]
    pronoun_quoted = _quoted(doc.article.text, int(starts.iat[sid]), mention.start)
    for earlier in range(sid, max(-1, sid - 3), -1):
        if int(paragraphs.iat[sid]) - int(paragraphs.iat[earlier]) > 1 or (earlier == sid and object_position):
            continue
        start, end = int(starts.iat[earlier]), int(ends.iat[earlier])
        limit = mention.start if earlier == sid else end
        found = [c for c in _plural_phrases(doc, kept, start, limit)
                 if _quoted(doc.article.text, start, c[0]) in ((pronoun_quoted,) if earlier == sid else (False, pronoun_quoted))
                 and (c[2] or earlier < sid)]  # in its own sentence, a subject: not "Speaking to reporters, X said they"
        if found:
            found.sort(key=lambda c: (c[2], c[0]))  # the latest subject, else the latest phrase
            name = found[-1][3]
            return doc.entity(name, _LEX.group_nouns.get(name.rsplit(" ", 1)[-1], "group"))
    return None


def _quoted(text: str, sentence_start: int, offset: int) -> bool:
    """Whether ``offset`` is inside a quotation opened in its sentence (an odd number of quote marks before it)."""
    return len(_QUOTE_MARKS.findall(text, sentence_start, offset)) % 2 == 1


def _plural_phrases(doc: _Document, kept: list[_Mention], start: int, end: int) -> list[tuple[int, int, bool, str]]:
    """(start, end, is subject, name) of each plural antecedent in ``start:end``: two coordinated actor
    mentions, or a plural noun of people or organisations with its modifiers that no mention covers."""
    here = [m for m in kept[-_LOOKBACK:] if m.start >= start and m.end <= end]
    found = []
    for first, second in zip(here, here[1:]):
        if (first.actor is not None and second.actor is not None and first.actor is not second.actor
                and first.salient and second.salient and not first.plural and not second.plural
                and _COORDINATION.fullmatch(doc.work, first.end, second.start)):
            found.append((first.start, second.end, _is_subject(doc, first), f"{first.actor.name} and {second.actor.name}"))
    covered = [(m.start, m.end) for m in here]
    span = doc.article.doc.char_span(start, end, alignment_mode="contract")
    for token in span if span is not None else ():
        acronym = _PLURAL_ACRONYM.fullmatch(token.text) is not None  # "NGOs", tagged as a name
        if (token.tag_ not in _PLURAL_TAGS and not acronym) or any(a <= token.idx < b for a, b in covered):
            continue
        if dep(token) == "conj" and token.head.tag_ in _PLURAL_TAGS:
            continue  # "phone companies, petroleum firms and banks": the first conjunct names them
        lemma, word = token.lemma_.lower(), token.text
        if not (acronym or lemma in _LEX.human_nouns or lemma in _LEX.plural_antecedents or word in _LEX.group_nouns
                or word.lower() in _LEX.plural_nouns or _LEX.name_descriptors.get(lemma) == "organisation"):
            continue
        first = token.i
        while first > span.start and token.doc[first - 1].head.i == token.i and dep(token.doc[first - 1]) in _PLURAL_MODIFIERS:
            first -= 1
        phrase_start = token.doc[first].idx
        joined = next((a for a, b in covered if dep(token) == "conj" and a <= token.head.idx < b
                       and _COORDINATION.fullmatch(doc.work, b, phrase_start)), None)
        if joined is not None:  # "Canada and other partners": the named one and the rest
            phrase_start = joined
        phrase = " ".join(doc.article.text[phrase_start : token.idx + len(token)].split())
        found.append((phrase_start, token.idx + len(token), dep(token) in ("nsubj", "nsubj:pass"), phrase))
    return found


def _person_like(name: str) -> bool:
    """A name of unknown type could be a person's: two or three words, or a known given name first."""
    words = name.split(" ")
    return 2 <= len(words) <= 3 or words[0] in _first_names()


def _is_expletive(doc: _Document, mention: _Mention, after: str) -> bool:
    """ "it's still on the table", "it was clear": "it" + copula, unless an actor's predicate follows;
    or what the parse calls an expletive ("it seems that", "it takes courage to", "it is a shame")."""
    span = doc.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if (span is not None and dep(span.root) == "expl") or _LEX.in_impersonal_it(doc.work, mention.start, mention.end):
        return True
    modal_be = after in _LEX.modals and _next_word(doc.work, doc.work.find(after, mention.end) + len(after)) == "be"
    if after in _LEX.linking_verbs or modal_be:
        rest = doc.work[mention.end : mention.end + 60].split()
        return not any(word.strip(".,;:\"'") in _LEX.agentive_adjectives for word in rest[:4])
    return False


def _is_object(doc: _Document, mention: _Mention, pronoun: str, after: str) -> bool:
    """An object pronoun after a verb cannot be that verb's subject, the nearest actor before it."""
    before = _previous_word(doc.work, mention.start)
    if not before or before in _LEX.prepositions or before in ("and", "or", "but", "that", "which", "who"):
        return False
    if pronoun == "it" and (after in AUXILIARIES or after.endswith(("s", "ed"))):
        return False  # "said it plans": the subject of the next clause
    return True


# ---- the table ---------------------------------------------------------------------------------------------


def _frame(doc: _Document) -> pd.DataFrame:
    """The mentions as the public table (already in text order); missing values are pd.NA."""
    text, mentions = doc.article.text, doc.mentions
    string = pd.StringDtype("python")  # pd.NA for missing; cheaper to build than the Arrow-backed one
    columns = {
        "start": np.array([m.start for m in mentions], dtype=np.int64),
        "end": np.array([m.end for m in mentions], dtype=np.int64),
        "text": pd.array([text[m.start : m.end] for m in mentions], dtype=string),
        "actor": pd.array([m.actor.name if m.actor else None for m in mentions], dtype=string),
        "actor_id": pd.array([m.actor.id if m.actor else None for m in mentions], dtype=string),
        "actor_type": pd.array([_actor_type(m) for m in mentions], dtype=string),
        "mention_kind": pd.array([m.kind for m in mentions], dtype=string),
        "sent_id": pd.arrays.IntegerArray(
            np.array([m.sent_id or 0 for m in mentions], dtype=np.int64),
            np.array([m.sent_id is None for m in mentions], dtype=bool),
        ),
    }
    return pd.DataFrame(columns, columns=COLUMNS)


def _actor_type(mention: _Mention) -> str:
    if mention.actor:
        return mention.actor.type
    if mention.kind == "pronoun":
        return "person"  # only "he"/"she" are kept unresolved
    return mention.wanted_type or "unknown"



# ---- names from the parse ------------------------------------------------------------------------------
# A name is typed by the first evidence that holds, strongest first: its title, the gazetteer, its head
# word ("Commission", "Bay"), a given name; then its form (an acronym); then the parse around it ("in X",
# "X spokesman", the subject of "said"); last its shape (a flat two-word name is a person's). All names
# of one text in an article share the type of their strongest occurrence.

NAME_TYPES = ("person", "organisation", "place", "group", "other")
NAME_COLUMNS = ["start", "end", "text", "entity_type", "reason", "title", "refers_to", "sent_id"]
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_ACRONYM = re.compile(rf"[{_UPPER}](?:[{_UPPER}&]|\.(?=[{_UPPER}]))+\.?\Z")
_INITIALED = re.compile(r"(?:[A-Z][a-z]+ (?:[A-Z]\. )+|(?:[A-Z]\. )+(?:[A-Z][a-z]+ )*)[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_PARTY_AND_STATE = re.compile(r"[DRI] ?- ?[A-Z][A-Za-z.]{0,5}")  # "D-Mo.", "R-Texas" after a lawmaker
# Prepositions whose object is a place ("in Kelso Bay"); "to" and "from" take people and firms as often.
_PLACE_PREPOSITIONS = frozenset({"in", "near", "across", "throughout", "outside"})
_LOWER_PLACE_PREPOSITIONS = _PLACE_PREPOSITIONS | {"from", "to"}
_SHOP_PREPOSITIONS = frozenset({"at", "to", "from", "in"})
_PERSONAL_PRONOUNS = frozenset(p for p, referent in _LEX.pronoun_referents.items() if referent in ("male", "female", "speaker"))
_ORG_CONTEXT = frozenset({"compound", "nmod:poss"})  # "Acme spokesman", "Acme's shares": who owns


@dataclass
class _Name:
    """A name found in the parse: its tokens, a type with the evidence for it, and a title before it."""

    first: int  # token indices, inclusive first and exclusive last
    last: int
    type: str = "other"
    reason: str = "capitalised"
    title: str | None = None
    refers_to: _Name | None = None  # an acronym's expansion, a surname's full name
    dateline: bool = False
    business: bool = False  # "Del Ferro 's": a possessive that owns nothing names the owner's shop


def extract_names(article_or_text: Article | str | Path) -> pd.DataFrame:
    """The article's names, found in the parse and typed person / organisation / place / group / other.

    A name is a run of proper nouns from the Doc with the connectors that belong inside it ("Securities
    and Exchange Commission", "University of Toronto"), without the title or role before it ("SEC Chair
    Mary Jo White" is the organisation "SEC" and the person "Mary Jo White", titled "Chair"). Capitals
    alone do not make a name: Title Case headlines and shouted lines keep only names known from
    elsewhere, and an all-caps dateline ("MOSCOW —") is a place (reason "dateline"), never an actor.
    ``reason`` says what typed each name; ``refers_to`` gives the full name an acronym or a surname
    stands for. This is the name layer :func:`extract_mentions` builds on; it needs no codebook.
    """
    article = load_article(article_or_text)
    return article.layer("names", None, lambda: _names_frame(article, _doc_names(article))).copy()


def _doc_names(article: Article) -> list[_Name]:
    return article.layer("name-spans", None, lambda: _find_names(article))


def _names_frame(article: Article, names: list[_Name]) -> pd.DataFrame:
    doc, text = article.doc, article.text
    rows = []
    sentence_of = _sentence_index(article)
    for name in names:
        start, end = doc[name.first].idx, doc[name.last - 1].idx + len(doc[name.last - 1])
        rows.append(
            {
                "start": start, "end": end, "text": text[start:end], "entity_type": name.type, "reason": name.reason,
                "title": name.title, "refers_to": doc[name.refers_to.first : name.refers_to.last].text if name.refers_to else None,
                "sent_id": sentence_of(start),
            }
        )
    frame = pd.DataFrame(rows, columns=NAME_COLUMNS)
    for column in ("text", "entity_type", "reason", "title", "refers_to"):
        frame[column] = frame[column].astype(pd.StringDtype("python"))
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["sent_id"] = frame["sent_id"].astype("Int64")
    return frame


def _sentence_index(article: Article):
    sentences = article.sentences
    starts, ends, ids = list(sentences["start"]), list(sentences["end"]), list(sentences["sent_id"])

    def sentence_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return int(ids[i]) if i >= 0 and offset < ends[i] else None

    return sentence_of


def _name_text(columns: _TokenColumns, name: _Name) -> str:
    """``doc[name.first : name.last].text``, sliced from the Doc's text by offset: the typing passes ask
    for every name's text several times, and a Span per call (6 us) added up to 2 ms an article."""
    if name.first >= name.last:
        return ""
    last = name.last - 1
    return columns.source[columns.idx[name.first] : columns.idx[last] + len(columns.text[last])]


@lru_cache(maxsize=1)
def _title_sequences() -> dict[tuple[str, ...], str]:
    """Titles as lower-case token tuples ("attorney", "general"), longest first when matched."""
    result = {}
    for title in (*_LEX.titles, *_LEX.honorifics):
        result[tuple(title.lower().split())] = title
    return result


@lru_cache(maxsize=1)
def _title_first_words() -> frozenset[str]:
    return frozenset(words[0] for words in _title_sequences())


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(_LEX.organisation_heads) | _LEX.of_heads | _LEX.domain_heads


def _find_names(article: Article) -> list[_Name]:
    """Runs of name words in each sentence, split at titles, typed by gazetteer, form, parse and context."""
    doc = article.doc
    columns = _TokenColumns(doc, article.text)
    lowered = {lower for lower, small, alpha in zip(columns.lower, columns.is_lower, columns.is_alpha) if small and alpha}
    part_at = _part_kinds(article)
    sentences = [(sentence, _headline_like(sentence, part_at(sentence.start_char), columns)) for sentence in doc.sents]
    proper_inside = {
        columns.text[i] for sentence, headline in sentences if not headline for i in range(sentence.start, sentence.end)
        if columns.tag[i] in _NAME_TAGS and not columns.sent_start[i] and not columns.is_upper[i]
    }
    # Surnames: the proper noun after a given name ("Dana Marsh"); the same word alone is that person
    # even where the tagger reads a common noun or an adverb ("Marsh backs the plan", "Long conceded").
    surnames = {
        columns.text[i] for i in range(1, len(doc)) if columns.is_title[i] and columns.text[i - 1] in _LEX.given_names
        and (columns.tag[i] in _NAME_TAGS or columns.lower[i] not in lowered)
    }
    plain = _plain_words(columns)
    names: list[_Name] = []
    for sentence, headline in sentences:
        parts = dateline_parts(sentence)  # "Tehran, Dec 9, IRNA --": a place, then no names at all
        if parts is not None:
            names.append(_Name(parts[0].start, parts[0].end, "place", "dateline", dateline=True))
        start = parts[1].end if parts is not None else sentence.start  # past its date and agency too
        for first, last in _runs(doc, start, sentence.end, headline, lowered, proper_inside, surnames, plain):
            names.extend(_split_titles(doc, first, last, surnames))
    # "(D-Mo.)" after a lawmaker's name tells party and state: no name
    names = [n for n in names if n.first < n.last and not _PARTY_AND_STATE.fullmatch(_name_text(columns, n))]
    names = [part for name in names for part in _split_place_pair(doc, name, columns)]
    for name in names:
        _take_lone_possessive(doc, name)
    _type_names(doc, names, lowered, columns)
    return names


class _TokenColumns:
    """What the name passes read of every token, as lists read from the Doc's arrays at once: a pass over
    every word then makes no Token object (there are thousands per article, most of them common words)."""

    def __init__(self, doc, source: str) -> None:
        strings = doc.vocab.strings
        idx, orth, lower, tag, pos, is_lower, is_alpha, is_title, is_upper, sent_start = token_columns(
            doc, ["IDX", "ORTH", "LOWER", "TAG", "POS", "IS_LOWER", "IS_ALPHA", "IS_TITLE", "IS_UPPER", "SENT_START"]
        )
        self.text: list[str] = [strings[k] for k in orth]
        self.source: str = source  # the article's text, which the Doc's is
        self.idx: list[int] = idx  # each token's character offset in ``source``
        self.lower: list[str] = [strings[k] for k in lower]
        self.tag: list[str] = [strings[k] for k in tag]
        self.pos: list[str] = [strings[k] for k in pos]
        self.is_lower, self.is_alpha, self.is_title, self.is_upper = is_lower, is_alpha, is_title, is_upper
        self.sent_start: list[bool] = [value == 1 for value in sent_start]  # Token.is_sent_start (not None or False)


def _plain_words(columns: _TokenColumns) -> list[bool]:
    """Per token, whether :func:`_name_word` is sure to give 0, told from the word alone and the two words
    before it: a mark that is no hyphen or name connector ("&"), or a lower-case word that is no connector
    ("al", "von"), no proper noun of the parse, no given name, and not after a preposition that may take a
    place written in lower case ("in kenya"). Most tokens of prose are such, and then need no Token."""
    connectors, prepositions, given = _LEX.name_connectors, _LOWER_PLACE_PREPOSITIONS, _LEX.given_names
    lower = columns.lower
    plain = []
    for i, (text, word) in enumerate(zip(columns.text, lower)):
        if word in connectors:
            plain.append(False)
        elif not text[:1].isalpha():
            plain.append(text != "-")
        else:
            plain.append(
                text.islower() and columns.tag[i] not in _NAME_TAGS and columns.pos[i] != "PROPN" and text not in given
                and not (i >= 1 and lower[i - 1] in prepositions) and not (i >= 2 and lower[i - 2] in prepositions)
            )
    return plain


def _split_place_pair(doc, name: _Name, columns: _TokenColumns) -> list[_Name]:
    """ "Yuma Arizona", "costa mesa california": a place and the state or country it lies in,
    written without the comma, are two names."""
    if name.dateline or name.last - name.first < 2:
        return [name]
    world, known = world_places(), _place_words()
    whole = _name_text(columns, name).title()
    if whole in world or whole in known:
        return [name]
    for cut in range(name.last - 1, name.first, -1):
        head, tail = doc[name.first : cut].text.title(), doc[cut : name.last].text.title()
        if (head in world or head in known) and tail in world and doc[name.first].text.title() not in _LEX.given_names:
            return [_Name(name.first, cut, title=name.title), _Name(cut, name.last)]
    return [name]


def _take_lone_possessive(doc, name: _Name) -> None:
    """ "dinner at Del Ferro 's": a possessive with no noun to own, after a preposition, is the name of a
    shop called after its owner, and the "'s" belongs to that name."""
    if name.dateline or name.last >= len(doc) or doc[name.last].tag_ != "POS":
        return
    head = _head_token(doc, name)
    if doc[name.last].head.i != head.i or dep(head) == "nmod:poss":
        return
    if not any(dep(c) == "case" and c.lower_ in _SHOP_PREPOSITIONS for c in head.children):
        return  # "Dana 's office" misparsed: only "at", "to", "from" or "in" make the shop sure
    name.last += 1
    name.business = True


def _part_kinds(article: Article) -> Callable[[int], str | None]:
    """The kind of the part ("headline", "body", ...) holding an offset, by bisection over the parts."""
    parts = article.parts
    starts = [p.start for p in parts]

    def at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        return parts[i].kind if i >= 0 and offset < parts[i].end else None

    return at


def _headline_like(sentence, part: str | None, columns: _TokenColumns) -> bool:
    """A Title Case or shouted sentence, where capitals do not mark names. In a body paragraph one
    lower-case word is enough to show prose ("Jane Roe, president of Third Way, met Will Hurd"); in the
    headline, capitals on (nearly) every word are Title Case, even where the tagger reads its verbs and
    nouns as names ("Hillary Clinton Releases Tax Returns")."""
    text = columns.text
    long = [i for i in range(sentence.start, sentence.end) if columns.is_alpha[i] and len(text[i]) >= 4]
    lower = sum(text[i][0].islower() for i in long)
    if len(long) < (2 if part == "headline" else 4) or lower > 0.2 * len(long) or (part == "body" and lower):
        return False
    if part == "headline":
        return True
    # A list of names is capitalised too; a headline also capitalises its verbs and common nouns.
    common = sum(columns.pos[i] in ("VERB", "NOUN", "ADJ", "ADV") and not columns.sent_start[i] for i in long)
    return common >= 2 or all(columns.is_upper[i] for i in long)


def _name_word(token, headline: bool, lowered: set[str], proper_inside: set[str], surnames: set[str]) -> int:
    """2 for a proper noun of the parse that is no date, function word or common word written with a
    capital; 1 for a word that belongs in a name only beside one (a capitalised noun or adjective the
    tagger missed, "Urban" in "Housing and Urban Development"; the hyphen in "al-Sadr"); else 0."""
    text = token.text
    if _in_hyphenated(token):
        return 1
    if text in MONTHS and _month_as_name(token, surnames):
        return 2
    if not text[:1].isalpha() or text in MONTHS or text in _LEX.weekdays or text in _LEX.holidays or _glued(token):
        return 0
    if (token.lower_ in _LEX.not_names and not token.is_upper) or token.pos_ == "PRON" or text == "I":
        return 1 if not headline and _capitalised_inside(token) else 0
    if text.islower() and (token.tag_ in _NAME_TAGS or token.pos_ == "PROPN"):
        known = text.title() in _place_words() and _lowercase_register(token)
        return 2 if known or _lowercase_place(token) else 0  # "kenya" in informal writing
    if text.islower() and text.isalpha() and _lowercase_place(token):
        return 2  # "living in kenya", "going to lisbon": informal writing drops the capital of a place
    if not (token.tag_ in _NAME_TAGS or token.pos_ == "PROPN"):
        if text in _LEX.given_names and not headline and token.lower_ not in lowered:
            return 2  # "Debra" signing a letter: a name the tagger took for a common noun
        if not headline and token.is_title and (text in surnames or text in proper_inside and token.lower_ not in lowered):
            return 2  # "Marsh backs the plan": a name elsewhere in the text, here tagged a common word
        if not text[:1].isupper() or token.is_sent_start or headline:
            return 0
        if text.isupper() and 2 <= len(text) <= 5:
            return 2  # "HANO": an acronym the tagger took for a common noun
        # A capitalised noun the tagger missed inside a name: "Harbour Commission", "Kelso Bay".
        return 2 if text in _organisation_words() or text in _LEX.place_heads else 1
    if headline:  # capitals say nothing in a Title Case line: only names known from elsewhere
        known_place = text in _place_words() or text in world_places() and token.lower_ not in lowered
        return 2 if text in proper_inside or known_place or _headline_person(token, lowered) else 0
    if token.is_sent_start and not token.is_upper:
        # Opening a sentence, a word is a name if it is one elsewhere or never written in lower case,
        # unless the part-of-speech head reads a function word where the Penn head reads a name
        # ("Plus Obama is nominating": CCONJ and NNP).
        unseen = token.lower_ not in lowered and token.pos_ not in _FUNCTION_POS
        known = text in proper_inside or unseen or text in _place_words() or text in _LEX.given_names
        return 2 if known else 0
    return 2


_FUNCTION_POS = frozenset({"CCONJ", "SCONJ", "ADP", "DET", "PRON", "AUX", "PART"})
# The words that lead from a body's head to its domain ("Center for", "Ministry of").
_DOMAIN_LINKS = _LEX.domain_prepositions | {"of"}
# Words before a month that make it a date ("in May", "last June", "by April"), never a name.
_DATE_OPENERS = _LEX.prepositions | _LEX.adverbial_openers | _LEX.time_openers


def _month_as_name(token, surnames: set[str]) -> bool:
    """ "Theresa May", "Jan Brewer", "June Carter", and "May" alone once it followed a given name: a
    month's name that is a person's, beside a name, never before a number ("May 5", "Jan. 22") nor after
    a word that makes it a date ("in May", "last June")."""
    doc, i = token.doc, token.i
    before = doc[i - 1] if i else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and (after.like_num or after.text == "."):
        return False
    if before is not None and before.lower_ in _DATE_OPENERS:
        return False
    after_given = before is not None and before.text in _LEX.given_names
    before_name = (after is not None and after.is_title and after.tag_ in _NAME_TAGS and after.text not in MONTHS
                   and after.text not in _LEX.weekdays)
    return after_given or before_name or token.text in surnames


def _capitalised_inside(token) -> bool:
    """ "president of Third Way", "the First Amendment", "said Will Hurd": a word that is no name alone,
    capitalised between a lower-case word and a name, belongs to that name (only the start of a sentence
    or a quotation capitalises it otherwise)."""
    doc, i = token.doc, token.i
    if not (token.is_title and 0 < i < len(doc) - 1):
        return False
    before, after = doc[i - 1], doc[i + 1]
    return before.is_lower and before.is_alpha and after.is_title and after.tag_ in _NAME_TAGS


def _lowercase_place(token) -> bool:
    """A word or two in lower case, the first tagged a noun, after "in", "from" or "to" that spell a known
    place ("in lisbon", "to costa mesa"), where the writer leaves out capitals; the preposition must
    come first, so that lower-case words elsewhere stay words."""
    doc, i = token.doc, token.i
    for first in (i, i - 1):
        # The preposition first: it is the rare condition, and cheaper to test than the words' text.
        if first < 1 or doc[first - 1].lower_ not in _LOWER_PLACE_PREPOSITIONS or not doc[first:i + 1].text.islower():
            continue
        if doc[first - 1].pos_ != "ADP" or doc[first].pos_ not in ("NOUN", "PROPN"):
            continue  # "to" before a verb is no preposition: "to say", "to deal"
        for last in (i + 1, i + 2):
            words = doc[first:last].text.title()
            if last <= len(doc) and (words in world_places() or words in _place_words()):
                return _lowercase_register(token)
    return False


def _lowercase_register(token) -> bool:
    """Whether the writer of this sentence leaves out capitals, so that a lower-case word may still be
    a name: the sentence starts in lower case, or writes a word edited prose always capitalises ("i").
    Edited prose capitalises its places, and there "in reading" or "in bath" are words."""
    sentence = token.sent
    first = next((t for t in sentence if t.text[:1].isalpha()), None)
    if first is not None and first.text[:1].islower():
        return True
    return any(t.text.islower() and t.text.capitalize() in _LEX.always_capitalised for t in sentence)


def _headline_person(token, lowered: set[str]) -> bool:
    """ "Lead Analyst: Susan Whitcombe" in a Title Case line: a given name the text never writes in lower case, and
    the proper noun right after it, are a person's name ("Will" in "Trump Will Sign" is a word)."""
    doc = token.doc

    def given(t) -> bool:
        return t.text in _LEX.given_names and t.lower_ not in lowered and t.tag_ in _NAME_TAGS

    following = token.i + 1 < len(doc) and doc[token.i + 1].tag_ in _NAME_TAGS and doc[token.i + 1].is_title
    if given(token) and following:
        return True
    return token.i > 0 and given(doc[token.i - 1]) and token.is_title and token.tag_ in _NAME_TAGS


def _in_hyphenated(token) -> bool:
    """The hyphen of "al-Sadr" or "Coca-Cola", or the particle "al" before it: inside a name."""
    if token.text != "-" and token.lower_ not in _LEX.name_connectors:
        return False
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    if token.text == "-" and not before.whitespace_ and not token.whitespace_:
        return before.text[:1].isalpha() and after.text[:1].isupper()
    return token.lower_ in _LEX.name_connectors and not token.whitespace_ and after.text == "-"


def _glued(token) -> bool:
    """Part of a longer written word ("5G", "iPhone-maker"), a URL or an e-mail address: no name."""
    text = token.text
    if "@" in text or "/" in text or text.startswith("www.") or text.endswith((".com", ".org", ".net")):
        return True
    if not token.i:
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and before.text[-1:].isdigit()


def _runs(
    doc, start: int, end: int, headline: bool, lowered: set[str], proper_inside: set[str], surnames: set[str],
    plain: list[bool],
) -> list[tuple[int, int]]:
    """Maximal runs of name words that hold a proper noun, joined across "of", "and", "&" and particles
    that belong inside a name. ``plain`` (:func:`_plain_words`) marks the tokens sure to be no name word."""
    kinds = [0 if plain[i] else _name_word(doc[i], headline, lowered, proper_inside, surnames) for i in range(start, end)]
    for i in range(start + 1, end - 1):  # "United\nStates", "United  States": a wrapped line keeps a name whole
        if kinds[i - start - 1] and kinds[i - start + 1] and doc[i].is_space:
            kinds[i - start] = 1
    runs: list[list[int]] = []
    i = start
    while i < end:
        if not kinds[i - start]:
            i += 1
            continue
        j = i
        while j < end and kinds[j - start]:
            j += 1
        while j > i and doc[j - 1].text == "-":
            j -= 1
        first = i  # a hyphen opens no name: "anti-Trump" names "Trump"
        while first < j and doc[first].text == "-":
            first += 1
        proper = 2 in kinds[first - start : j - start]
        # A body's domain may hold no proper noun: "Center for Education Statistics", "Ministry of Foreign
        # Affairs" (tagged an adjective and a plural noun), "Ministry of Municipal and Rural Affairs".
        if runs and (proper or doc[runs[-1][1]].lower_ in _DOMAIN_LINKS
                     or _continues_portfolio(doc, runs[-1], first, j)) and _joins(doc, runs[-1], first, j):
            runs[-1][1] = j
        elif proper:
            runs.append([first, j])
        i = j + 1
    return [(a, b) for a, b in runs]


def _joins(doc, left: list[int], first: int, last: int) -> bool:
    """Whether the run ``first:last`` continues the run ``left`` across the one word between them (or
    "of the" after a body's head)."""
    if _continues_portfolio(doc, left, first, last) or _titled_domain(doc, left, first, last):
        return True
    between = _word_indices(doc, left[1], first)
    if [doc[k].lower_ for k in between] == ["of", "the"]:  # "Organization of the Petroleum Exporting Countries"
        return _body_of(doc[left[1] - 1].text, "of")
    if len(between) != 1:
        return False
    between = doc[between[0]]
    word, head = between.lower_, doc[left[1] - 1].text
    if word in _LEX.name_connectors and word not in ("of", "&"):
        return True  # "Ursula von der Leyen"
    if word == "," and last - first == 1 and doc[first].text in _LEX.corporate_suffixes:
        return True  # "Zentrix, Inc."
    if word == "of":  # "University of Toronto", "Gulf of Kelso"
        return _body_of(head, word) or head in _LEX.place_heads
    if word in _LEX.domain_prepositions:  # "Center for Education Statistics", not "Senate on Tuesday"
        opening = doc[first].text
        return _body_of(head, word) and opening not in _NO_DOMAIN_OPENERS
    if between.tag_ == "POS":  # "Children's Defense Fund", "People's Liberation Army": not "Huawei's Ren"
        return left[1] - left[0] == 1 and _LEX.is_human_noun(head) and doc[last - 1].text in _LEX.organisation_heads
    if word in _LEX.name_conjunctions:
        # "Securities and Exchange Commission", "Procter & Gamble": one organisation, not two names.
        return word == "&" or (
            doc[last - 1].text in _LEX.organisation_heads and last - first >= 2 and left[1] - left[0] <= 2
            and doc[left[0]].text not in _LEX.given_names
        ) or (_domain_of(doc, left) is not None and 2 <= last - first <= 3 and doc[first].text not in _LEX.given_names)
    return False


def _continues_portfolio(doc, left: list[int], first: int, last: int) -> bool:
    """Whether ``first:last`` goes on with the portfolio of a title or a ministry in ``left`` ("Minister
    of Municipal", then "and Rural Affairs Khaled Irani", ", Technology", "and the Environment ..."): the
    words between are "and" or a comma, maybe with "the", ``left`` names no one after its portfolio yet
    ("Secretary of State Colin Powell and ..." is two people), and the run holds a portfolio word but no
    body or title of its own ("... and the Interior Ministry")."""
    gap = tuple(doc[k].lower_ for k in _word_indices(doc, left[1], first))
    if gap not in _LEX.portfolio_joiners:
        return False
    of = next((k + 1 for k in range(left[0], left[1] - 1)
               if doc[k + 1].lower_ == "of" and (doc[k].lower_ in _title_first_words()
                                                 or _LEX.organisation_heads.get(doc[k].text) == "government")), None)
    if of is None:
        return False
    domain = [doc[k].text for k in _word_indices(doc, of + 1, left[1])]
    named_after = any(word in _LEX.portfolios for word in domain) and domain[-1] not in _LEX.portfolios
    # "... and the Interior Ministry", "... and Foreign Minister X": a body or a title of its own
    own = any(t.text in _LEX.organisation_heads and t.text not in _LEX.portfolios or t.lower_ in _title_first_words()
              for t in doc[first:last])
    return not named_after and not own and any(t.text in _LEX.portfolios for t in doc[first:last])


def _domain_of(doc, run: list[int]) -> str | None:
    """ "Department of", "Centers for": the words that show a body "of" or "for" its domain, which may go
    on after "and" ("Department of Labor and Workforce Development"); None when the run has none."""
    words = [t.text for t in doc[run[0] : run[1]]]
    return next((f"{head} {word}" for head, word in zip(words, words[1:]) if _body_of(head, word)), None)


def _body_of(head: str, word: str) -> bool:
    """Whether ``head word`` opens a body's domain: "Department of", "Center for", "Council on"."""
    if word == "of":
        return head in _LEX.of_heads or head in _LEX.organisation_heads
    return word in _LEX.domain_prepositions and head in _LEX.domain_heads


def _title_at(doc, i: int, last: int) -> int:
    """The length in tokens of the title starting at token ``i`` (0: none), longest first."""
    if doc[i].lower_ not in _title_first_words():
        return 0
    for size in (3, 2, 1):
        if i + size > last:
            continue
        words = tuple(t.lower_ for t in doc[i : i + size])
        if words in _title_sequences():
            return size
    return 0


def _split_titles(doc, first: int, last: int, surnames: set[str]) -> list[_Name]:
    """Cut a run at its titles: "SEC Chair Mary Jo White" is "SEC" and "Mary Jo White", titled "Chair". A
    title word before an organisation's head word opens its name ("Justice Department", "General Assembly").
    A run that is the domain of a title before it, and a name, is that name ("Speaker of the House John
    Boehner", whatever the tagger made of "Speaker")."""
    names, position, title = [], first, None
    if (opened := _domain_of_title_before(doc, first, last)) is not None:
        title_start, first = opened
        title = doc[title_start:first].text
        position = first
    i = first
    while i < last:
        size = _title_at(doc, i, last)
        if size and i + size < last and doc[i + size].text not in _organisation_words():
            if i > position:
                names.append(_Name(position, i))
            title = doc[i : i + size].text
            position = i = i + size
            if (domain := _domain_start(doc, i)) is not None and domain < last:
                end = _name_after_domain(doc, domain, last, one_word_domain=True)
                if end is not None:  # "Minister of Defense Hazem Shaalan": the title holds its domain
                    title = doc[i - size : end].text
                    position = i = end
                else:  # "President of Acme Corp.": the organisation, no person named
                    position = i = domain
                    title = None
            continue
        i += 1
    if position < last:
        size = next((s for s in (3, 2, 1) if last - s > position and _title_at(doc, last - s, last) == s), 0)
        if size and doc[last - size].text in _LEX.trailing_titles | {"CEO", "Chair"}:
            last -= size  # "Wells Fargo CEO": the organisation, not a person called CEO
        names.append(_Name(position, last, title=title))
    if title is None and names:
        names[-1].title = _title_before(doc, names[-1].first)
    elif names and names[-1].title is not None and len(names) > 1 and names[-2].last == names[-1].first:
        pass
    return [n for n in names if n.first < n.last and _has_proper(doc, n, surnames)]


def _word_indices(doc, first: int, last: int) -> list[int]:
    """The tokens of ``first:last`` that are words: a wrapped line's break or a doubled space is none."""
    return [k for k in range(first, last) if not doc[k].is_space]


def _domain_start(doc, i: int) -> int | None:
    """Where a title's domain starts when the words at token ``i`` lead to it ("of the", "of", "for")."""
    words = _word_indices(doc, i, min(len(doc), i + 6))
    for gap in _LEX.title_domain_links:
        if len(words) > len(gap) and tuple(doc[k].lower_ for k in words[: len(gap)]) == gap:
            return words[len(gap)]
    return None


def _name_after_domain(doc, first: int, last: int, one_word_domain: bool = False) -> int | None:
    """Where the holder's name starts in a title's domain and name ``first:last``: at a given name
    ("House John Boehner"), else after the last portfolio word that leaves a name of two words ("Foreign
    Affairs Jane Smith"), else, with ``one_word_domain``, after the first word if two follow ("Defense
    Hazem Shaalan"); None when no name follows the domain ("the Speaker of the House", "President of
    Acme Corp.", "director of the Federal Bureau of Investigation")."""
    words = _word_indices(doc, first, last)
    given = next((k for k in words[1:] if doc[k].text in _LEX.given_names), None)
    if given is not None:
        return given
    ends = [words[n + 1] for n in range(len(words) - 2) if doc[words[n]].text in _LEX.portfolios]
    if ends:
        return ends[-1]
    return words[1] if one_word_domain and len(words) >= 3 else None


def _domain_of_title_before(doc, first: int, last: int) -> tuple[int, int] | None:
    """(where the title starts, where the name starts) when the run ``first:last`` is the domain of a title
    right before it and the holder's name ("Speaker of the" + "House John Boehner"); else None."""
    before = _word_indices(doc, max(0, first - 6), first)[::-1]  # nearest first
    for gap in _LEX.title_domain_links:
        if len(before) > len(gap) and tuple(doc[k].lower_ for k in before[: len(gap)][::-1]) == gap:
            title = before[len(gap)]
            if doc[title].lower_ in _title_first_words():
                name = _name_after_domain(doc, first, last)
                return (title, name) if name is not None else None
    return None


def _titled_domain(doc, left: list[int], first: int, last: int) -> bool:
    """Whether ``first:last`` is the domain of the title that ends ``left`` and the holder's name after it
    ("Speaker" + "of the" + "House John Boehner", "Chief" + "of" + "Staff Denis McDonough")."""
    return (_domain_start(doc, left[1]) == first and doc[left[1] - 1].lower_ in _title_first_words()
            and _name_after_domain(doc, first, last) is not None)


def _has_proper(doc, name: _Name, surnames: set[str]) -> bool:
    """A piece left of a title holds a proper noun or a surname: "Russian" in "Russian President Putin" is
    no name."""
    return any(
        t.tag_ in _NAME_TAGS or t.pos_ == "PROPN" or t.text in _organisation_words() or t.text in surnames
        or t.is_lower and _lowercase_place(t) or _definite_acronym(t)
        for t in doc[name.first : name.last]
    )


def _definite_acronym(token) -> bool:
    """ "the KRDC", "the NTB": an acronym after "the" names a body even where the tagger reads a common noun."""
    return token.is_upper and token.is_alpha and 2 <= len(token) <= 5 and token.i > 0 and token.doc[token.i - 1].lower_ == "the"


def _title_before(doc, first: int) -> str | None:
    """A title or role written before a name in lower case ("professor Kent Moore", "SEC chair Mary Jo White")."""
    for size in (3, 2, 1):
        if first - size < 0:
            continue
        if _title_at(doc, first - size, first) == size:
            return doc[first - size : first].text
    return None


def _same_referent(doc, one: _Name, other: _Name) -> bool:
    """Whether two names can name one referent: the words of one are among the other's ("Donald Trump",
    "Donald J. Trump"), unlike "Michelle Obama" and "Barack Obama"."""
    a, b = ({t.text for t in doc[n.first : n.last]} for n in (one, other))
    return a <= b or b <= a


def _type_names(doc, names: list[_Name], lowered: set[str], columns: _TokenColumns) -> None:
    """Type each name by its strongest evidence, one type for all names of the same text in the article;
    a lone word of a longer name (a surname, "Acme" for "Acme Corp.") refers to it and takes its type."""
    places = _places()
    shouted = {
        s.start for s in doc.sents if sum(columns.is_upper[i] and len(columns.text[i]) > 1 for i in range(s.start, s.end)) >= 3
    }
    strength: dict[int, int] = {}
    for name in names:
        if name.dateline:
            continue
        _strip_trailing_adjective(doc, name)
        tokens = [t.text for t in doc[name.first : name.last]]
        name.type, name.reason, strength[id(name)] = _evidence(doc, name, tokens, places, lowered, shouted)
    best: dict[str, _Name] = {}
    votes: Counter = Counter()  # (text, type) -> occurrences with that evidence
    for name in names:
        if not name.dateline:
            votes[_name_text(columns, name), name.type, strength[id(name)]] += 1
    for name in names:  # the strongest evidence for each written name; the commonest type, the earliest on ties
        if name.dateline:
            continue
        text = _name_text(columns, name)
        rank = (strength[id(name)], votes[text, name.type, strength[id(name)]])
        if text not in best or rank > (strength[id(best[text])], votes[text, best[text].type, strength[id(best[text])]]):
            best[text] = name
    words: dict[str, _Name] = {}  # each word of a multi-word person or organisation -> that name
    shared: set[str] = set()  # words of two names ("Obama": Michelle Obama, Barack Obama): no referent
    for name in best.values():
        if name.last - name.first >= 2 and (name.type == "person" or name.type == "organisation" and strength[id(name)] >= _STRONG):
            for token in doc[name.first : name.last]:
                if token.lower_ not in _LEX.acronym_skips:
                    if not _same_referent(doc, words.setdefault(token.text, name), name):
                        shared.add(token.text)
    for name in names:
        if name.dateline:
            continue
        text = _name_text(columns, name)
        chosen = best[text]
        if chosen is not name and strength[id(chosen)] > strength[id(name)] and _spreads(chosen, votes, text, strength[id(chosen)]):
            name.type, name.reason = chosen.type, f"as elsewhere: {chosen.reason}"
        longer = words.get(text) if name.last - name.first == 1 else None
        if longer is not None and strength[id(name)] < _STRONG or (longer is not None and longer.type == "person" and name.type == "person"):
            name.refers_to = None if text in shared else longer
            name.type, name.reason = longer.type, f"part of {_name_text(columns, longer)}"
    _listed_alike(doc, names, columns)
    _link_acronyms(doc, names, columns)


def _spreads(chosen: _Name, votes: Counter, text: str, strength: int) -> bool:
    """Positional evidence ("in Quillon development") is weak: it types the other mentions of the name
    only when at least a third of them carry it, so one preposition does not make a product a place."""
    if strength >= 2 or not chosen.reason.startswith("after '"):
        return True
    support = votes[text, chosen.type, strength]
    return 2 * support >= sum(count for (written, _, _), count in votes.items() if written == text) - support


def _listed_alike(doc, names: list[_Name], columns: _TokenColumns) -> None:
    """Names coordinated in the parse are of one kind: an untyped name listed with a typed one takes its
    type ("Steve, Rod and Elyse", "Noida and Gurgaon")."""
    by_head: dict[int, _Name] = {}
    for name in names:
        if not name.dateline:
            by_head[_head_token(doc, name).i] = name
    for name in names:
        if name.dateline or name.type != "other" or name.reason != "capitalised":
            continue
        head = _head_token(doc, name)
        partners = [by_head.get(head.head.i)] if dep(head) == "conj" else []
        partners += [by_head.get(child.i) for child in head.children if dep(child) == "conj"]
        typed = [p for p in partners if p is not None and p.type in ("person", "organisation", "place")]
        if typed:
            name.type, name.reason = typed[0].type, f"listed with {_name_text(columns, typed[0])}"


def _head_token(doc, name: _Name):
    """The token of a name that its other tokens hang on in the parse."""
    head = doc[name.last - 1]
    while head.head.i != head.i and name.first <= head.head.i < name.last:
        head = head.head
    return head


_STRONG = 3  # evidence from the name itself or its title; 1 is context, 0 the shape of the name


def _strip_trailing_adjective(doc, name: _Name) -> None:
    """ "Massachusetts Democrat": the place is the name; the party word after it describes a person."""
    tokens = [t.text for t in doc[name.first : name.last]]
    if len(tokens) >= 2 and (tokens[-1] in _LEX.capitalised_adjectives or tokens[-1] in _demonym_set()):
        rest = " ".join(tokens[:-1])
        if rest in _place_words() or rest in _demonym_set() or rest in _places().countries:
            name.last -= 1


def _evidence(
    doc, name: _Name, tokens: list[str], places: _Places, lowered: set[str], shouted: set[int]
) -> tuple[str, str, int]:
    """(type, reason, strength) from one occurrence of a name."""
    text = " ".join(tokens)
    if text.islower():
        text = text.title()
    if name.business:
        return "place", "shop: possessive after a preposition", _STRONG  # "dinner at Del Ferro 's"
    if name.title is not None and not (text in places.countries or text in places.regions):
        return "person", f"title: {name.title}", _STRONG
    if text in places.countries or text in places.capitals or text in places.regions or text in places.other:
        return "place", "gazetteer", _STRONG
    if text in _demonym_set() or text in _LEX.capitalised_adjectives or text in _LEX.group_nouns:
        return "group", "demonym or party", 2  # "White" is Mary Jo White's surname once she is named
    if len(tokens) == 1 and (tokens[0] in _organisation_words() or tokens[0] in _LEX.place_heads):
        return "other", "a common noun capitalised", 2  # "the Army", "Great Service"
    if tokens[-1] in _LEX.organisation_heads or any(_LEX.organisation_heads.get(t) == "media" for t in tokens):
        return "organisation", f"head: {tokens[-1]}", _STRONG
    if tokens[0] in _LEX.place_heads and "of" in tokens:
        return "place", f"head: {tokens[0]} of", _STRONG
    if len(tokens) >= 2 and tokens[0] in _LEX.place_openers and tokens[-1] not in _LEX.organisation_heads:
        return "place", f"place word: {tokens[0]}", _STRONG
    if tokens[0] in _LEX.of_heads and "of" in tokens:
        return "organisation", f"head: {tokens[0]} of", _STRONG
    domain = _domain_of(doc, [name.first, name.last])
    if domain:  # "State Department of Labor", "National Center for Education Statistics"
        return "organisation", f"head: {domain}", _STRONG
    if tokens[-1] in _LEX.place_heads:
        return "place", f"head: {tokens[-1]}", _STRONG
    if tokens[-1] in _LEX.non_actor_heads:
        return "other", f"head: {tokens[-1]}", _STRONG
    if 2 <= len(tokens) <= 4 and tokens[0] in _LEX.given_names:
        return "person", f"given name: {tokens[0]}", _STRONG
    if 2 <= len(tokens) <= 4 and _INITIALED.fullmatch(text):
        return "person", "initial", _STRONG  # "Orvald T. Quist", "J. Dana Smith": initials are people's
    if len(tokens) >= 2 and tokens[-1] in _LEX.facility_heads:
        return "place", f"head: {tokens[-1]}", _STRONG
    if _ACRONYM.match(text) and _is_acronym(doc[name.first], lowered, shouted):
        return "organisation", "acronym", 2
    context = _context_type(doc, name)
    if context is not None:
        return (*context, 1)
    lower = doc[name.first : name.last].text.islower()
    if (text in world_places() or len(tokens) >= 2 and text in world_towns()) and text not in _LEX.given_names and (lower or _world_place_tags(doc, name, lowered)):
        return "place", "gazetteer: world", 1  # "Jordan" and "Victoria" are people as often
    verb = _acting_word(doc, name)
    if verb is not None:
        return "organisation", f"one word, subject of '{verb}'", 1
    if len(tokens) == 1 and tokens[0] in _LEX.given_names:
        return "person", f"given name: {tokens[0]}", 1
    if 2 <= len(tokens) <= 3 and all(t.isalpha() and t[:1].isupper() and not t.isupper() for t in tokens):
        # The parse tells a person's name (flat: "Phillip Allen") from a thing's (compound: "Combo Meal")
        # and an organisation's (an adjective and a noun: "United Way").
        relations = {dep(t) for t in doc[name.first : name.last] if name.first <= t.head.i < name.last and t.head.i != t.i}
        if relations == {"flat"} and text in world_towns():
            return "place", "gazetteer: town", 0  # "Costa Mesa": a known town beats the bare person shape
        if relations == {"flat"}:
            return "person", "flat name", 0
        if "amod" in relations:
            return "organisation", "adjective and noun", 0
    return "other", "capitalised", 0


def _world_place_tags(doc, name: _Name, lowered: set[str]) -> bool:
    """A city's name is a name here, not a word the text also writes in lower case ("Mobile" beside "mobile phones")."""
    return all(t.tag_ in _NAME_TAGS and t.lower_ not in lowered for t in doc[name.first : name.last] if t.is_alpha)


def _is_acronym(token, lowered: set[str], shouted: set[int]) -> bool:
    """ "NASA", "SEC": two to five capitals, not a shouted word ("LOVE"), not the modifier of a thing
    ("VHS movies", "the GISB Agreement")."""
    letters = token.text.replace(".", "")
    if not 2 <= len(letters) <= 5 or token.sent.start in shouted or token.lower_ in lowered:
        return False
    if dep(token) == "compound" and token.head.i > token.i and token.head.lower_ not in _LEX.role_nouns:
        return False
    return token.lower_ not in _LEX.not_names


def _context_type(doc, name: _Name) -> tuple[str, str] | None:
    """Type from the parse around the name: "in X" is a place, "X spokesman" and "X's shares" an organisation,
    the subject of "said" a person."""
    head = doc[name.last - 1]
    while head.head.i != head.i and name.first <= head.head.i < name.last:
        head = head.head
    relation = dep(head)
    governor = head.head
    described = _described(doc, name, head)
    if described is not None:
        return described
    if relation == "nmod:poss" and _LEX.name_descriptors.get(governor.lemma_.lower()) == "person":
        return "person", f"owns a {governor.lemma_.lower()}"
    partners = [governor] if relation == "conj" else []
    partners += [c for c in head.children if dep(c) == "conj"]
    if any(p.lower_ in _PERSONAL_PRONOUNS for p in partners):
        return "person", "listed with a pronoun"  # "Ostrander and I", "me and Dana"
    case = next((c for c in head.children if dep(c) == "case" and c.i < name.first), None)
    # "in April Obama would sign it": the preposition governs the date the parse hung on the name
    dated = case is not None and any(t.text in MONTHS or t.text in _LEX.weekdays for t in doc[case.i + 1 : name.first])
    if case is not None and case.lower_ in _PLACE_PREPOSITIONS and not dated:
        return "place", f"after '{case.lower_}'"
    if relation in _ORG_CONTEXT and governor.i >= name.last and governor.lower_ in _LEX.role_nouns | {"employees", "officials", "shares", "stock", "executives", "products", "customers"}:
        return "organisation", f"{governor.lower_} of"
    if head.i == head.sent.start and name.last < len(doc) and doc[name.last].text == "," and _addressed(head.sent, name):
        return "person", "addressed"
    if relation in ("nsubj", "nsubj:pass") and governor.lemma_ in _LEX.cue_lemmas:
        # A full name that speaks is a person; one word with nothing else known more often a body
        # ("Hamas announced", "Xinhua reports"): a person's surname alone follows the full name.
        if name.last - name.first >= 2:
            return "person", f"subject of '{governor.lemma_}'"
        return "organisation", f"one word, subject of '{governor.lemma_}'"
    return None


def _acting_word(doc, name: _Name) -> str | None:
    """The verb a one-word name is the subject of ("Velcora risks losing", "Vantor wants"): such a word, no
    given name, no plural and no known place, is a body more often than anything else; a surname alone
    takes its person from the full name elsewhere."""
    token = doc[name.first]
    if name.last - name.first != 1 or token.text in _LEX.given_names or token.tag_ == "NNPS":
        return None
    verb = token.head
    if dep(token) != "nsubj" or verb.pos_ != "VERB" or verb.lemma_ in AUXILIARIES:
        return None
    return verb.lemma_


def _described(doc, name: _Name, head) -> tuple[str, str] | None:
    """Type from a noun beside the name that says what it is: "the group Vantor" and "Vantor, the militant
    group" (a noun for people counts: "the teacher Orlin"), "the Tarsho party" and "Qarvin district" (the
    name modifies the noun; "the Kerrigan administration" names who leads it), "the city of Qarvin"."""
    relation, governor = dep(head), head.head
    if relation == "compound" and governor.i >= name.last and governor.pos_ == "NOUN":
        kind = _LEX.name_descriptors.get(governor.lemma_.lower())
        if kind == "leader":
            return "person", f"leads the {governor.lower_}"
        if kind is not None:
            return kind, f"names the {governor.lower_}"
    if relation == "nmod" and governor.i < name.first and any(dep(c) == "case" and c.lower_ == "of" for c in head.children):
        if _LEX.name_descriptors.get(governor.lemma_.lower()) == "place":
            return "place", f"{governor.lower_} of"
    nouns = [c for c in head.children if dep(c) in ("compound", "appos") and not name.first <= c.i < name.last]
    if relation == "appos":
        nouns.append(governor)
    if name.first and doc[name.first - 1].is_lower:
        nouns.insert(0, doc[name.first - 1])  # "the militant group Vantor" however the parse hangs it
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN":
            continue
        if lemma in _LEX.human_nouns:
            return "person", f"described as {noun.lower_}"
        kind = _LEX.name_descriptors.get(lemma)
        if kind in ("organisation", "place"):
            return kind, f"described as {noun.lower_}"
    return None


def _addressed(sentence, name: _Name) -> bool:
    """ "Renee, thanks for ...", "Dear Jim,": a name opening a letter or a line, set off by a comma."""
    return name.first == sentence.start and (sentence.end - name.last <= 2 or sentence.start == 0 or sentence.doc[sentence.start - 1].is_space)


def _link_acronyms(doc, names: list[_Name], columns: _TokenColumns) -> None:
    """An acronym names the organisation whose initials it spells, or the name it follows in brackets."""
    by_initials: dict[str, _Name] = {}
    for name in names:
        if name.last - name.first >= 2:
            words = [t.text for t in doc[name.first : name.last] if t.lower_ not in _LEX.acronym_skips]
            if all(w[:1].isupper() for w in words):
                by_initials.setdefault("".join(w[0] for w in words), name)
    previous = None
    for name in names:
        text = _name_text(columns, name)
        if name.last - name.first == 1 and _ACRONYM.match(text):
            bracketed = previous is not None and doc[name.first - 1].text == "(" and previous.last == name.first - 1
            full = previous if bracketed else by_initials.get(text.replace(".", ""))
            if full is not None and full is not name:
                name.refers_to = full.refers_to or full
                if full.type in ("other", "person") and bracketed:
                    full.type, full.reason = "organisation", "spelled by an acronym"
                name.type, name.reason = full.type, f"acronym of {_name_text(columns, full)}"
        previous = name


register_stage("mentions", extract_mentions)
