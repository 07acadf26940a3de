"""Stance statements: who (holder) is for or against what (target), with the link the evidence shows.

Stance is not sentiment (docs/methods.md): "a claim Huawei has denied" is negative in VADER's eyes
only because of "denied", and says nothing about who is against what. A statement here has a holder,
a target and a polarity, and names the mechanism that decided it. Two layers make statements:

* Generic opinions, read off the article's Doc, for any news text:

  - opinion predicates (``lang/en/stance.toml`` ``[predicates]``): holder finding takes the subject of a
    verb or adjective (or of the clause a participle hangs on), for a noun naming the holder ("a critic
    of Y") whom it describes, the possessor of another noun or the subject of a light verb over it ("X
    expressed concern over Y"), the "by" agent of a passive, the noun a participle with its agent
    modifies being what is done to it ("a plan backed by X"; a relative pronoun stands for its
    antecedent, "I"/"we" in a quote for its speaker; of two subjects the parse gives, the one nearest
    before the predicate; never "it" or a time); predicate matching reads the lemma (or form) under its
    part of speech, a phrasal verb with its particle ("turned down"); target finding takes the object,
    or the complement after a listed preposition, coming after the predicate (a fronted "In Los
    Angeles," or "On Monday," is no target), or the subject of a clause an attitude verb takes ("X fears
    that Y ..."), for a verb of wanting only its object ("X demands Y"); a prepositional verb counts
    only with its preposition ("X called for Y"), and a feeling verb's object holds it toward the
    subject ("the plan irked X"); polarity is the predicate's, turned around by a negation or a refusal
    ("did not back"), except for a verb of labelling, whose label after the object decides by its own
    words ("X called Y a liar"; a negated label says nothing).
    Methods ``rule:verb``, ``rule:noun``, ``rule:adjective``.
  - attributed opinions (``rule:attributed``): the speaker of each attribution (from
    :func:`hwresearch.quotes.extract_quotes`) toward each entity its content mentions and each noun
    its clauses are about, signed by target sentiment toward it over the content; a content that
    names no one, toward what the report says it is about ("said about the article") or else the
    person named last before it (``rule:attributed-topic``), signed by its own words (VADER).

* The study's sentence rules, over stretches of a sentence with their holders (the speaker of a quote,
  the antecedent of a relative clause, the acting subject, else the article itself, ``(article)``
  with type ``media``): accusation, denial, pressure, bans and lists, support for rivals, strategies to
  stop X, concern about X, offers and willingness, competition, and plain assertion of a codebook
  issue (found by its cues, named by its *label*; :func:`issue_ids` maps labels back to ids). The
  article's own voice is neutral here.

No statement without such a link: sentiment toward a mention is not a stance, and
:func:`sentence_comparison` shows it beside the statements instead. :mod:`hwresearch.evaluate` scores
the statements against a hand-coded gold; ``benchmarks/mpqa.py`` and ``benchmarks/basil_stance.py`` on
news nobody tuned for.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from hwresearch.article import Article, load_article
from hwresearch.codebook import Codebook, CodebookSource, Issue, resolve_codebook
from hwresearch.lexicon import lexicon
from hwresearch.nlp import dep, past_dateline, token_columns
from hwresearch.speakers import antecedent, is_actor
from hwresearch.tables import check_table
from hwresearch.text import squash_spaces

COLUMNS = [
    "holder", "holder_type", "target", "target_kind", "polarity",
    "start", "end", "evidence", "method", "confidence", "sent_id",
]
ARTICLE_HOLDER = "(article)"
POLARITIES = ("favor", "against", "neutral")
SENTIMENT_TO_POLARITY = {"positive": "favor", "negative": "against", "neutral": "neutral"}

# What each method means, for tables that explain a decision.
METHOD_NOTES = {
    "rule:accuse": "accusation: the holder charges the target with something",
    "rule:deny": "denial: the holder rejects a claim",
    "rule:ban": "ban, blacklist or exclusion of the target",
    "rule:pressure": "pressure on the target",
    "rule:fund_rivals": "support for the target's rivals or competitors",
    "rule:stop": "a move to stop or curb the target",
    "rule:concern": "the holder is concerned about the target",
    "rule:offer": "an offer or willingness: the holder favors what is offered",
    "rule:compete": "competition described: rivalry, not a stance",
    "rule:assert": "the holder's own words or acts invoke the issue",
    "rule:cue": "the article mentions the issue in its own voice",
    "rule:verb": "an opinion verb: its subject (or passive agent) holds, its object or complement is the target "
                 "(a verb of feeling, \"the plan irked X\": the object holds, the subject is the target; a verb of "
                 "labelling, \"X called Y a liar\": the label decides the side)",
    "rule:noun": "an opinion noun: its possessor holds (\"X's criticism of Y\"), its complement is the target",
    "rule:adjective": "an opinion adjective: its subject holds (\"X is critical of Y\"), its complement is the target",
    "rule:attributed": "the speaker's content leans toward or against an entity it is about",
    "rule:attributed-topic": "the speaker's content names no one and leans toward or against what the "
                             "report says it is about, else the person the passage last named",
}

# ---- word lists (generic English; the study's own words live in the codebook) ----------------------
_LEX = lexicon()
_AUX = re.compile(rf"(?i)\b(?:{'|'.join(sorted(w for w in _LEX.auxiliaries if w.isalpha()))})\b")
_LEAD_OPENERS = _LEX.adverbial_openers
_CONJUNCTIONS = _LEX.clause_conjunctions
_PREPOSITIONS = _LEX.prepositions
_NEGATED_SUBJECT = re.compile(r"(?i)^(?:no|none of|not a|neither|nobody)\b")


def _any(forms: frozenset[str] | set[str]) -> str:
    """A regex alternation of written forms, longest first (so "criticisms" wins over "criticism")."""
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


# the contraction has no word boundary before it ("don't"): the pattern's last branch takes it
_NEGATING_WORDS = _LEX.stance_forms("negation", "words") - {"n't", "n’t"}
_REFUSALS = {f for verb in _LEX.stance["negation"]["verbs"] if verb != "oppose" for f in _LEX.verb_forms(verb)}
_NEGATION = re.compile(
    rf"(?i)\b(?:{_any(_NEGATING_WORDS)}|(?:{_any(_REFUSALS)}) to|{_any(_LEX.verb_forms('oppose') | {'opposition'})})\b|n['’]t\b"
)
_REJECTION = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('rejection'))})\b")
_CHARGE = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('charges'))})\b")

# Each rule: the trigger pattern and where its target entity is (after the trigger, or a named group).
_CHARGE_WITH = _LEX.stance["accusation"]["charge_verbs"]
_ACCUSE = re.compile(
    rf"(?i)\b(?:{_any(_LEX.stance_forms('accusation', 'verbs', 'nouns'))}|"
    + "|".join(rf"(?:{_any(_LEX.verb_forms(verb))})(?= \S+ {prep})" for verb, prep in _CHARGE_WITH.items())
    + r")\b"
)
_DENY = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('denial', 'verbs'))})\b")
_CHARGING_CUES = _LEX.stance_forms("accusation", "charging_verbs")
_CLAIM_BEFORE = re.compile(
    rf"(?i),\s+(?:a|an|the)\s+(?:{_any(_LEX.claim_nouns | {n + 's' for n in _LEX.claim_nouns})})\s+$"
)
_BAN = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('ban'))})\b")
_ADD_TO_LIST = re.compile(r"(?i)\badd(?:s|ed|ing)?\b(?P<what>.{1,80}?)\bto (?:a|an|the|its|their) (?:[\w-]+ ){0,3}(?:black)?list\b")
_PRESSURE_ON = re.compile(r"(?i)\bpressur\w*\s+(?:on|against)\s+")
_PRESSURE_FROM = re.compile(r"(?i)\b(?:fac\w+|under|met with)\s+(?:\w+\s+){0,2}pressure\s+from\s+")
_RIVAL_NOUNS = _LEX.stance_forms("rivalry", "nouns")
_RIVALS = re.compile(rf"(?i)\b(?:{_any(_RIVAL_NOUNS)})\s+(?:to|of|for)\s+")
_RIVALS_OF = re.compile(rf"(?i)['’]s?\s+(?:[\w-]+\s+){{0,2}}(?:{_any({n for n in _RIVAL_NOUNS if not n.startswith('alternative')})})\b")
_SUPPORT = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('support'))})\b")
_STOP = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('stop'))})\s+")
_CONCERN = re.compile(
    rf"(?i)\b(?:{_any(_LEX.stance_forms('concern', 'words'))})\s+(?:{_any(_LEX.stance_forms('concern', 'prepositions'))})\s+"
)
_OFFER = re.compile(
    rf"(?i)\b(?:(?:{_any(_LEX.stance_forms('offer', 'verbs'))}) to|(?:made|makes|make|making) an? (?:\w+ )?offer|"
    rf"(?:{_any(_LEX.stance_forms('offer', 'willingness'))}) to|(?:would|could|will) give|{_any(_LEX.stance_forms('offer', 'phrases'))})\b"
)
_OFFER_OF = re.compile(r"['’]s?\s+(?:\w+\s+)?offer\b", re.I)
_COMPETE = re.compile(rf"(?i)\b(?:{_any(_LEX.stance_forms('rivalry', 'compete'))})\s+(?:with|against)\s+")
_RELATIVE = re.compile(r"(?i)^,?\s*(?:which|who)\b")
_CLAUSE_END = re.compile(r"[,;:—–]|\s-\s")


class _Words:
    """The article's words from its Doc (no spaces or punctuation), to count and read the words in a gap;
    the Doc itself for the rules that read its parse."""

    def __init__(self, article: Article):
        self.doc = article.doc
        strings = article.doc.vocab.strings
        idx, orth, is_space, is_punct = token_columns(article.doc, ["IDX", "ORTH", "IS_SPACE", "IS_PUNCT"])
        words = [i for i, (space, punct) in enumerate(zip(is_space, is_punct)) if not (space or punct)]
        self.starts = [idx[i] for i in words]
        self.texts = [strings[orth[i]] for i in words]
        self.ends = [start + len(text) for start, text in zip(self.starts, self.texts)]

    def between(self, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, text) of the words that lie wholly inside ``[start, end)``."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [(self.starts[i], self.texts[i]) for i in range(lo, hi) if self.ends[i] <= end]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: str
    actor_type: str


@dataclass(frozen=True)
class _Stretch:
    """A stretch of a sentence with its holder."""

    start: int
    end: int
    holder: str
    holder_type: str
    source: str  # quote / relative / subject / article


@dataclass
class _Statement:
    holder: str
    holder_type: str
    target: str
    target_kind: str
    polarity: str
    start: int
    end: int
    method: str
    confidence: float
    sent_id: int


# ---- public API -------------------------------------------------------------------------------------


def stance_statements(
    article: Article | str | Path | None = None,
    codebook: CodebookSource = None,
    *,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Stance statements of an article: one row per (sentence, holder, target), with its evidence.

    ``article=None`` is the bundled seed; ``codebook`` as in :func:`~hwresearch.codebook.resolve_codebook`
    (None: the study codebook for the seed, none for other texts). ``mentions``
    and ``quotes`` may be passed in when already computed (a corpus run, or gold layers to measure
    the rules alone); otherwise they are extracted here.
    """
    article = load_article(article)
    codebook = resolve_codebook(codebook, article)
    if mentions is None and quotes is None:  # the article's own layers: computed once, kept on it
        frame = article.layer("statements", codebook, lambda: _statements(article, codebook, None, None))
        return frame.copy()
    return _statements(article, codebook, mentions, quotes)


def _statements(article: Article, codebook: Codebook, mentions: pd.DataFrame | None, quotes: pd.DataFrame | None) -> pd.DataFrame:
    # Only a caller's tables are checked: the stages' own are well formed, and checking them cost
    # a twentieth of a corpus run.
    n = len(article.text)
    if mentions is None:
        from hwresearch.mentions import extract_mentions

        mentions = extract_mentions(article, codebook)
    else:
        check_table(mentions, "mentions", MENTION_COLUMNS, (("start", "end"),), ("actor", "actor_type"), n, "extract_mentions")
    if quotes is None:
        from hwresearch.quotes import extract_quotes

        quotes = extract_quotes(article, codebook)
    else:
        check_table(quotes, "quotes", QUOTE_COLUMNS, QUOTE_SPANS, ("cue", "speaker", "speaker_type"), n, "extract_quotes")

    text = article.text
    all_mentions = _mention_list(mentions, text)
    cue_patterns = issue_cue_patterns(codebook.issues)
    offer_issue = _offer_issue(codebook.issues)
    mention_index = _MentionIndex(all_mentions)
    words = _Words(article)
    sentences = article.sentences
    quotes_by_sentence = _quotes_by_sentence(quotes, sentences, mention_index, codebook)
    statements: list[_Statement] = []
    for i, sent in enumerate(sentences.itertuples(index=False)):
        s_start, s_end = int(sent.start), int(sent.end)
        in_sentence = [m for m in mention_index.overlapping(s_start, s_end) if s_start <= m.start and m.end <= s_end]
        sentence_quotes = [_clip(q, s_start, s_end) for q in quotes_by_sentence[i]]
        sentence_quotes.sort(key=lambda q: q["end"] - q["start"])
        found = _Sentence(text, s_start, s_end, int(sent.sent_id), in_sentence, sentence_quotes, codebook, words)
        statements.extend(found.statements(cue_patterns, offer_issue))
    records = list({id(q): q for bucket in quotes_by_sentence for q in bucket}.values())
    holders = _Holders(mention_index, records, text)
    targets = _Targets(mention_index, text)
    statements.extend(_predicate_statements(article, holders, targets, codebook))
    statements.extend(_attributed_statements(article, holders, mention_index, targets, codebook))
    return _frame(statements, text)


def focal_entities(mentions: pd.DataFrame, share: float = 0.5) -> list[str]:
    """The actors an article is about: the most mentioned one, and any mentioned at least ``share`` as often.

    Media actors (the outlet, a photographer) are left out: they frame the article, not its subject.
    """
    if not len(mentions):
        return []
    resolved = mentions.dropna(subset=["actor"])
    resolved = resolved[resolved["actor_type"].fillna("") != "media"]
    counts = resolved["actor"].value_counts(sort=False)
    if not len(counts):
        return []
    top = counts.max()
    keep = counts[counts >= max(2, share * top)] if top >= 2 else counts[counts == top]
    return sorted(keep.index, key=lambda a: (-counts[a], a))


def issue_ids(codebook: CodebookSource = None) -> dict[str, str]:
    """Issue label -> issue id, to compare statements (which name issues by label) with id-coded gold
    (None: the seed's study codebook, since the gold is the seed's)."""
    codebook = resolve_codebook(codebook)
    return {issue.label: issue.id for issue in codebook.issues}


# ---- one sentence: the study's rules, over holder stretches and mention reach ---------------------------


class _Reach:
    """Target finding for the sentence rules: the mention a trigger reaches, within its clause."""

    def __init__(self, text, start, end, mentions, words):
        self.text, self.start, self.end = text, start, end
        self.mentions = mentions
        self.words = words

    def clause_end(self, position: int) -> int:
        """Where the clause at ``position`` ends: the next comma, semicolon, colon or dash, else the sentence end."""
        hit = _CLAUSE_END.search(self.text, position, self.end)
        return hit.start() if hit else self.end

    def after(self, position: int, max_words: int = 4, limit: int | None = None) -> _Mention | None:
        """The first mention starting within ``max_words`` words after ``position``, in the same clause."""
        limit = self.clause_end(position) if limit is None else limit
        for m in self.mentions:
            if m.start >= position and m.start <= limit:
                if len(self.words.between(position, m.start)) <= max_words:
                    return m
                return None
        return None

    def before(self, position: int, max_words: int = 3) -> _Mention | None:
        """The last mention ending within ``max_words`` words before ``position`` (auxiliaries, adverbs)."""
        before = [m for m in self.mentions if m.end <= position]
        if not before:
            return None
        m = before[-1]
        gap = self.text[m.end : position]
        return m if len(self.words.between(m.end, position)) <= max_words and not re.search(r"[,;:]", gap) else None

    def claim_span(self, hit: re.Match) -> tuple[int, int]:
        """The denied claim: the clause before ", a claim Y has denied", else what follows the verb."""
        head = self.before(hit.start())
        left_edge = head.start if head else hit.start()
        if _CLAIM_BEFORE.search(self.text, self.start, left_edge):
            comma = self.text.rfind(",", self.start, left_edge)
            return self.start, comma
        return hit.end(), self.clause_end(hit.end())


class _SentenceHolders:
    """Holder finding for the sentence rules: the stretches of a sentence, each with its holder.

    Inner stretches first: the content of an attribution (its speaker), a relative clause (its
    antecedent); the sentence's acting subject, or else the article, holds the rest.
    """

    def __init__(self, reach: _Reach, quotes):
        self.reach = reach
        self.text, self.start, self.end = reach.text, reach.start, reach.end
        self.mentions, self.words = reach.mentions, reach.words
        self.quotes = quotes
        self.stretches = self._find()

    def _find(self) -> list[_Stretch]:
        """Inner stretches first: quote contents, then relative clauses; the sentence's own holder last."""
        stretches = []
        for q in self.quotes:
            if not _DENY.fullmatch(q["cue"].split()[-1] if q["cue"] else ""):
                stretches.append(_Stretch(q["start"], q["end"], q["speaker"], q["speaker_type"], "quote"))
        for m in self.mentions:
            rel = _RELATIVE.match(self.text, m.end, self.end)
            if rel:
                stretches.append(_Stretch(rel.start(), self.reach.clause_end(rel.end()), m.actor, m.actor_type, "relative"))
        subject = self.subject()
        if subject is not None:
            stretches.append(_Stretch(self.start, self.end, subject.actor, subject.actor_type, "subject"))
        else:
            stretches.append(_Stretch(self.start, self.end, ARTICLE_HOLDER, "media", "article"))
        return stretches

    def at(self, position: int) -> _Stretch:
        """The innermost stretch holding ``position`` (the last one spans the sentence, so one always does)."""
        return next(s for s in self.stretches if s.start <= position < s.end)

    def subject(self) -> _Mention | None:
        """The acting subject: the first actor mention of the main clause, if only a short noun phrase precedes it."""
        clause_start = self._main_clause_start()
        for m in self.mentions:
            if m.start < clause_start:
                continue
            before = self.text[clause_start : m.start]
            words = [w for _, w in self.words.between(clause_start, m.start)]
            lowered = [w.lower() for w in words]
            if _NEGATED_SUBJECT.match(before.strip()) or _AUX.search(before) or "," in before:
                return None
            if len(words) > 4:
                return None
            if any(w in _PREPOSITIONS for w in lowered):
                # "Officials from X", "A spokesperson for X": a head noun, then one preposition.
                if not (lowered[-1] in {"from", "of", "for", "at"} and len(words) <= 3 and lowered[0] not in _PREPOSITIONS):
                    return None
            if self._only_modifies_a_noun(m):
                return None  # "The US human rights report accuses ...": the report holds its charge, not the US
            follower = self._next_mention(m)
            if _possessive_after(self.text, m.end):
                if follower and re.fullmatch(r"['’]s?\s*", self.text[m.end : follower.start]):
                    return follower  # "Huawei's founder and CEO Ren Zhengfei"
                return None  # "Huawei's offer ... is": the subject is not an actor
            return m
        return None

    def _only_modifies_a_noun(self, mention: _Mention) -> bool:
        """Whether a mention only says what kind of document the subject is ("the US human rights report":
        the report holds its charge); "the Initech board" stands for Initech."""
        span = self.words.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or dep(span.root) not in _NAMING - {"flat"}:
            return False
        head = span.root.head
        while dep(head) in _NAMING and head.head.i > head.i:  # "US human rights report": up to "report"
            head = head.head
        return (head.i > span.root.i and dep(head) in _SUBJECTS and head.lemma_.lower() in _LEX.document_nouns
                and _only_modifies(head, mention))

    def _main_clause_start(self) -> int:
        """Skip leading conjunctions and an opening adverbial phrase ("Last year," "But in response to X,")."""
        position = self.start
        words = self.words.between(self.start, self.end)
        index = 0
        while index < len(words) and words[index][1].lower() in _CONJUNCTIONS:
            index += 1
        if index < len(words) and words[index][1].lower() in _LEAD_OPENERS:
            comma = self.text.find(",", words[index][0], self.end)
            if comma != -1 and comma - self.start < 120:
                return comma + 1
        if index < len(words):
            position = words[index][0]
        return position

    def _next_mention(self, mention: _Mention) -> _Mention | None:
        return next((m for m in self.mentions if m.start >= mention.end), None)


class _Sentence:
    """The study's rules over one sentence: each finds a trigger, its holder and its target."""

    def __init__(self, text, start, end, sent_id, mentions, quotes, codebook, words):
        self.text, self.start, self.end, self.sent_id = text, start, end, sent_id
        self.mentions = mentions
        self.quotes = quotes
        self.codebook = codebook
        self.reach = _Reach(text, start, end, mentions, words)
        self.holders = _SentenceHolders(self.reach, quotes)
        self.out: list[_Statement] = []

    # -- output ----------------------------------------------------------------------------------------
    def add(self, holder: _Stretch | _Mention, target: str, kind: str, polarity: str, span: tuple[int, int],
            method: str, confidence: float) -> None:
        name, htype = (holder.holder, holder.holder_type) if isinstance(holder, _Stretch) else (holder.actor, holder.actor_type)
        if kind == "entity" and _same_side(self.codebook, name, target):
            return
        self.out.append(_Statement(name, htype, target, kind, polarity, span[0], span[1], method, confidence, self.sent_id))


    # -- rules ------------------------------------------------------------------------------------------
    def statements(self, cue_patterns, offer_issue) -> list[_Statement]:
        text, s, e = self.text, self.start, self.end
        self._accusations(text, s, e)
        self._denials(text, s, e, cue_patterns)
        self._bans(text, s, e)
        self._pressure(text, s, e)
        self._rivals(text, s, e)
        self._entity_rule(_STOP, "rule:stop", 0.8, text, s, e)
        self._entity_rule(_CONCERN, "rule:concern", 0.8, text, s, e)
        self._entity_rule(_COMPETE, "rule:compete", 0.5, text, s, e, polarity="neutral")
        self._offers(text, s, e, cue_patterns, offer_issue)
        self._issue_cues(text, s, e, cue_patterns)
        return self.out

    def _accusations(self, text, s, e):
        """X accuses Y of Z: X against Y; and X asserts a charge about Y ("maintains that Y's ... espionage"),
        Y being the charge's subject in the parse (:meth:`_charged`; the first name in the content
        before: BASIL dev HTP 32.9 -> 33.9, MPQA 15.6 -> 15.5, positions supported 66.3 -> 67.4%)."""
        for hit in _ACCUSE.finditer(text, s, e):
            target = self.reach.after(hit.end(), max_words=2)
            holder = self._holder_for(hit)
            if target is not None:
                self.add(holder, target.actor, "entity", "against", (hit.start(), target.end), "rule:accuse", 0.9)
        for q in self.quotes:
            if _DENY.search(q["cue"] or "") or _REJECTION.search(text, q["start"], q["end"]):
                continue
            charge = _CHARGE.search(text, q["start"], q["end"])
            if charge is not None:
                where = charge.span()
            elif set((q["cue"] or "").lower().split()[-1:]) & _CHARGING_CUES:
                where = (q["start"], q["start"] + 1)  # "alleged that Y ...": the content's clause is the charge
            else:
                continue
            accused = self._charged(where[0], q)
            if accused is not None:
                stretch = _Stretch(q["start"], q["end"], q["speaker"], q["speaker_type"], "quote")
                span = _covering((accused.start, accused.end), where)  # the accused may follow the charge
                self.add(stretch, accused.actor, "entity", "against", span, "rule:accuse", 0.7)

    def _charged(self, offset: int, quote: dict) -> _Mention | None:
        """Who a charge word in a quote is about: the subject of the clause it lies in, or that
        subject's owner ("that Huawei's equipment could be used for espionage": Huawei), not whoever
        the content names first ("fighting border crime" charges no one)."""
        doc = self.reach.words.doc
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return None
        # The charge's own subject ("Y is a threat": a copula's noun), or that of a relative clause on
        # it ("the threat Y poses"), else of the first word above it in the content that has one ("Y
        # spied", "Y's gear could be used to carry out espionage").
        node = span[0]
        subjects = _children(node, _SUBJECTS) or [s for c in _children(node, {"acl:relcl"}) for s in _children(c, _SUBJECTS)]
        while not subjects and node.head.i != node.i and quote["start"] <= node.head.idx < quote["end"]:
            node = node.head
            subjects = _children(node, _SUBJECTS) or (_inherited_subject(node) if node.pos_ == "VERB" else [])
        for subject in subjects:
            lo, hi = _noun_phrase(subject, _NAME_PARTS)  # with its owner: "Huawei's equipment"
            found = [m for m in self.mentions if quote["start"] <= m.start < quote["end"] and m.start < hi and lo < m.end]
            if found:
                return found[0]
        # The parse may miss the relative clause's subject ("the threat Huawei poses" read as a noun
        # compound): a name right after the charge word is who it is about.
        after = span[0].i + 1
        if after < len(doc) and quote["start"] <= doc[after].idx < quote["end"]:
            return next((m for m in self.mentions if m.start == doc[after].idx), None)
        return None

    def _denials(self, text, s, e, cue_patterns):
        """Y denies a claim, or "a claim Y has denied": Y against the issues of the claim."""
        for hit in _DENY.finditer(text, s, e):
            quote = next((q for q in self.quotes if q["cue_start"] <= hit.start() < q["cue_end"]), None)
            if quote is not None:
                denier: _Stretch | _Mention | None = _Stretch(quote["start"], quote["end"], quote["speaker"], quote["speaker_type"], "quote")
                claim = (quote["start"], quote["end"])
            else:
                denier = self.reach.before(hit.start()) or self.holders.at(hit.start())
                claim = self.reach.claim_span(hit)
            for issue, cue in _cues_in(cue_patterns, text, *claim):
                span = (min(cue.start(), hit.start()), max(cue.end(), hit.end()))
                self.add(denier, issue.label, "issue", "against", span, "rule:deny", 0.85)


    def _bans(self, text, s, e):
        for hit in _BAN.finditer(text, s, e):
            target = self.reach.after(hit.end(), max_words=2)
            if target is not None:
                self.add(self._holder_for(hit), target.actor, "entity", "against", (hit.start(), target.end), "rule:ban", 0.85)
        for hit in _ADD_TO_LIST.finditer(text, s, e):
            target = next((m for m in self.mentions if hit.start("what") <= m.start < hit.end("what")), None)
            if target is not None:
                self.add(self._holder_for(hit), target.actor, "entity", "against", (hit.start(), hit.end()), "rule:ban", 0.85)

    def _pressure(self, text, s, e):
        for hit in _PRESSURE_ON.finditer(text, s, e):
            target = self.reach.after(hit.end(), max_words=1)
            if target is not None:
                self.add(self._holder_for(hit), target.actor, "entity", "against", (hit.start(), target.end), "rule:pressure", 0.75)
        for hit in _PRESSURE_FROM.finditer(text, s, e):  # "X has faced pressure from Y": Y against X
            agent = self.reach.after(hit.end(), max_words=1)
            patient = self.reach.before(hit.start(), max_words=2)
            if agent is not None and patient is not None:
                span = _covering((patient.start, patient.end), (agent.start, agent.end))
                self.add(agent, patient.actor, "entity", "against", span, "rule:pressure", 0.8)

    def _rivals(self, text, s, e):
        """Funding or stakes for X's rivals: against X (a rival created without support is no stance)."""
        for hit in _RIVALS.finditer(text, s, e):
            target = self.reach.after(hit.end(), max_words=1)
            if target is not None and self._support_before(hit.start()):
                self.add(self._holder_for(hit), target.actor, "entity", "against", (hit.start(), target.end), "rule:fund_rivals", 0.8)
        for m in self.mentions:
            hit = _RIVALS_OF.match(text, m.end, e)
            if hit and self._support_before(m.start):
                span = _covering((m.start, m.end), hit.span())
                self.add(self.holders.at(m.start), m.actor, "entity", "against", span, "rule:fund_rivals", 0.8)

    def _support_before(self, position: int) -> bool:
        """A word of funding or support shortly before ``position`` ("invest in", "take stakes in")."""
        return bool(_SUPPORT.search(self.text, max(self.start, position - 80), position))

    def _entity_rule(self, pattern, method, confidence, text, s, e, polarity="against"):
        for hit in pattern.finditer(text, s, e):
            target = self.reach.after(hit.end(), max_words=1)
            if target is not None:
                self.add(self._holder_for(hit), target.actor, "entity", polarity, (hit.start(), target.end), method, confidence)

    def _offers(self, text, s, e, cue_patterns, offer_issue):
        """Offers and willingness: the one who offers favors the issue offered."""
        for hit in list(_OFFER.finditer(text, s, e)) + [m for m in _OFFER_OF.finditer(text, s, e)]:
            holder: _Stretch | _Mention = self.holders.at(hit.start())
            start = hit.start()
            if hit.re is _OFFER_OF:
                owner = next((m for m in self.mentions if m.end == hit.start()), None)
                if owner is None:
                    continue
                holder, start = owner, owner.start
            if isinstance(holder, _Stretch) and holder.source == "article":
                continue
            issues = _cues_in(cue_patterns, text, hit.start(), self.reach.clause_end(hit.end()))
            issue = issues[0][0] if issues else offer_issue
            end = max(hit.end(), issues[0][1].end()) if issues else hit.end()
            if issue is not None:
                self.add(holder, issue.label, "issue", "favor", (start, end), "rule:offer", 0.8)

    def _issue_cues(self, text, s, e, cue_patterns):
        """Plain assertion: an actor's stretch that invokes an issue favors it (against when negated).

        The article's own voice counts only where no actor in the sentence takes up the issue: in
        "Huawei's offer to license ..." the licence is Huawei's, not the article's.
        """
        seen = {(st.holder, st.target) for st in self.out if st.target_kind == "issue"}
        held = {target for _, target in seen}
        for issue, cue in _cues_in(cue_patterns, text, s, e):
            stretch = self.holders.at(cue.start())
            if (stretch.holder, issue.label) in seen:
                continue
            seen.add((stretch.holder, issue.label))
            if stretch.source == "article":
                if issue.label in held:
                    continue
                self.add(stretch, issue.label, "issue", "neutral", (cue.start(), cue.end()), "rule:cue", 0.5)
                continue
            lead = text[max(stretch.start, cue.start() - 40) : cue.start()]
            polarity = "against" if _NEGATION.search(lead) else "favor"
            method = self._method_near(stretch, cue.start()) or "rule:assert"
            self.add(stretch, issue.label, "issue", polarity, (cue.start(), cue.end()), method, 0.7)

    def _method_near(self, stretch: _Stretch, position: int) -> str | None:
        """The named rule already fired for this holder in this stretch, so the issue shares its reason."""
        for st in self.out:
            if st.holder == stretch.holder and st.method not in {"rule:compete", "rule:deny"} and stretch.start <= st.start < stretch.end:
                return st.method
        return None

    def _holder_for(self, hit: re.Match) -> _Stretch | _Mention:
        """Who acts at a trigger: the passive agent ("by X"), else the holder of the stretch."""
        agent = re.match(r"\s*(?:\w+\s+){0,2}?by\s+", self.text[hit.end() : self.end])
        if agent:
            m = self.reach.after(hit.end() + agent.end(), max_words=1)
            if m is not None:
                return m
        return self.holders.at(hit.start())

# ---- generic opinions: holder finding, predicate matching, target finding, polarity ------------------
#
# Two mechanisms, both read off the article's Doc. An *opinion predicate* (stance.toml [predicates])
# links a holder (its subject, possessor or "by" agent) to a target (its object, or the complement
# after a listed preposition), with the predicate's polarity turned around by a negation. An
# *attribution* (a row of extract_quotes) makes its speaker the holder of an opinion about every entity
# inside its content, with the polarity that target sentiment reads off the content toward that entity.

_PREDICATES = _LEX.stance["predicates"]
_LINK_PREPOSITIONS = frozenset(_PREDICATES["links"]["prepositions"])
_AGENT_PREPOSITIONS = frozenset(_PREDICATES["links"]["agent_prepositions"])
_RELATIVE_SUBJECTS = frozenset(_PREDICATES["links"]["relative_subjects"])
_RELATIVES = _LEX.relative_pronouns | _LEX.object_relatives  # what a relative pronoun target stands for
_HOLDER_NOUNS = frozenset(_PREDICATES["links"]["holder_nouns"])
_HOLDER_WORDS = _HOLDER_NOUNS | _LEX.human_nouns
_CAUSE_PREPOSITIONS = frozenset(_PREDICATES["links"]["cause_prepositions"])
_TIME_UNITS = frozenset(_PREDICATES["links"]["time_units"])
# words of a date or a time ("on Monday", "Jan. 22", "last week"): when, never who or toward what
_TIME_WORDS = _LEX.date_words | _TIME_UNITS
_LIGHT_VERBS = frozenset(_PREDICATES["links"]["light_verbs"])
_PRONOUNS = frozenset(_LEX.pronoun_referents)
_FIRST_PERSON = frozenset(p for p, referent in _LEX.pronoun_referents.items() if referent == "speaker")
_THING_PRONOUNS = frozenset(p for p, referent in _LEX.pronoun_referents.items() if referent == "it")
_REFUSAL_VERBS = frozenset(_LEX.stance["negation"]["verbs"]) - {"oppose"}
_SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}
_OBJECTS = {"obj", "iobj"}
_COMPLEMENTS = {"obl", "nmod", "obl:tmod"}
_CLAUSES = {"ccomp", "xcomp"}
_AGENT_TARGETS = frozenset({"of", "for"})  # "a critic of Y", "an advocate for Y"
# a noun with a copula or a subject predicates something ("being a threat"): it is no bare noun phrase
_PREDICATING = frozenset({"cop", "nsubj", "nsubj:pass"})


@dataclass(frozen=True)
class _Predicate:
    """An opinion word of the lexicon: its polarity and word class (verb / noun / adjective)."""

    word: str
    polarity: str
    kind: str
    preposition: str | None = None  # the one preposition that introduces the target ("call for")
    felt_by_object: bool = False  # the object holds, the subject is the target ("the plan irked X")
    wanting: bool = False  # only a direct object is the target ("X demands Y", not "X wants Y fired")
    labelling: bool = False  # the label after the object decides the side ("X called Y a coward")
    agent: bool = False  # a noun for the holder itself ("X is a critic of Y")


def _forms(verb: str) -> frozenset[str]:
    """A verb's written forms with itself; a phrasal verb's head inflected, its particle kept ("turned down")."""
    head, _, particle = verb.partition(" ")
    return frozenset(f"{form} {particle}".strip() for form in _LEX.verb_forms(head) | {head})


def _predicate_table() -> dict[tuple[str, str], _Predicate]:
    """(word class, written form) -> predicate; verbs under every inflection, so a lemmatizer slip
    ("criticised" read as "criticis") still finds them. A prepositional verb is keyed by its
    preposition too (class "verb for"): "call" alone is no opinion, "call for" is."""
    table = {}
    for polarity in ("favor", "against"):
        entries = _PREDICATES[polarity]
        for verb in entries["verbs"]:
            for form in _forms(verb):
                table[("verb", form)] = _Predicate(verb, polarity, "verb")
        for verb in entries.get("wanting", []):
            for form in _forms(verb):
                table[("verb", form)] = _Predicate(verb, polarity, "verb", wanting=True)
        for verb in entries.get("felt_by_object", []):
            for form in _forms(verb):
                table[("verb felt", form)] = _Predicate(verb, polarity, "verb", felt_by_object=True)
        for verb, preposition in entries.get("prepositional", {}).items():
            for form in _forms(verb):
                table[(f"verb {preposition}", form)] = _Predicate(verb, polarity, "verb", preposition)
        for kind, key in (("noun", "nouns"), ("adjective", "adjectives")):
            for word in entries[key]:
                table[(kind, word)] = _Predicate(word, polarity, kind)
        for word in entries.get("agent_nouns", []):
            table[("noun", word)] = _Predicate(word, polarity, "noun", agent=True)
    for verb in _PREDICATES["labelling"]["verbs"]:  # their side is the label's: looked up last ("call for" first)
        for form in _forms(verb):
            table[("verb labelling", form)] = _Predicate(verb, "neutral", "verb", labelling=True)
    return table


_PREDICATE_TABLE = _predicate_table()
_PREDICATE_WORDS = frozenset(word.split()[0] for _, word in _PREDICATE_TABLE)  # a phrasal verb by its head
_WORD_CLASS = {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective"}


def _predicate(token) -> _Predicate | None:
    """Predicate matching: the token's lemma or form in the lexicon, under its part of speech (a
    prepositional verb only with its preposition on a complement, a verb felt by its object only
    with an object or as a passive)."""
    kind = _WORD_CLASS.get(token.pos_)
    if kind is None:
        return None
    keys = [kind]
    if kind == "verb":
        if _children(token, {"nsubj:pass"}) or _felt_by(token) or _reduced_passive(token):
            keys.insert(0, "verb felt")
        keys += [f"verb {_case(c)}" for c in _children(token, _COMPLEMENTS) if _case(c)]
        keys.append("verb labelling")
    particles = [c.lower_ for c in _children(token, {"compound:prt"})] if kind == "verb" else []
    lemmas = [f"{w} {p}" for p in particles for w in (token.lemma_.lower(), token.lower_)] + [token.lemma_.lower(), token.lower_]
    for key in keys:
        for lemma in lemmas:  # a phrasal verb first: "turn down" is a rejection, "turn" is nothing
            found = _PREDICATE_TABLE.get((key, lemma))
            if found is not None:
                return found
    return None


def _reduced_passive(token) -> list:
    """What a participle with a "by" agent is done to: the noun it modifies ("a bill opposed by X", the
    headline "Tokyo irked by Y"), or the subject of the clause it opens ("Backed by X, Y launched ..."),
    else nothing."""
    if token.tag_ != "VBN" or not any(_case(c) == "by" for c in _children(token, {"obl:agent", "obl", "nmod"})):
        return []
    if dep(token) == "acl":
        return [token.head]
    if dep(token) == "advcl" and token.i < token.head.i and not _children(token, _SUBJECTS):
        return _subjects(token.head)
    return []


def _children(token, labels: set[str] | frozenset[str]):
    return [c for c in token.children if dep(c) in labels]


def _felt_by(token) -> list:
    """The object of a verb, or a nominal after it with no preposition (the parser's "obl" for the
    object of "irked Senator Jane Smith")."""
    return _children(token, _OBJECTS) or [c for c in _children(token, {"obl"}) if c.i > token.i and _case(c) is None]


def _case(token) -> str | None:
    """The preposition that introduces a nominal ("of" in "criticism of Y")."""
    return next((c.lower_ for c in token.children if dep(c) == "case"), None)


def _negated(token) -> bool:
    """Polarity: a negation on the predicate, its copula's clause, or a refusal above it ("refused to back")."""
    for t in (token, token.head) if dep(token) in {"xcomp", "amod"} else (token,):
        if any(c.lower_ in _LEX.negations or dep(c) == "neg" for c in t.children):
            return True
    return dep(token) == "xcomp" and token.head.lemma_.lower() in _REFUSAL_VERBS


@dataclass(frozen=True)
class _Holder:
    name: str
    type: str
    start: int
    end: int


class _Holders:
    """Holder finding: the actor a token stands for, through mentions, quotes and relative clauses."""

    def __init__(self, mentions: _MentionIndex, quotes: list[dict], text: str):
        self.mentions, self.text = mentions, text  # the article's text: a Doc's .text is rebuilt on each call
        self.quotes = sorted(quotes, key=lambda q: q["end"] - q["start"])

    def speaker_at(self, offset: int) -> dict | None:
        """The innermost attribution whose content holds ``offset``."""
        return next((q for q in self.quotes if q["start"] <= offset < q["end"]), None)

    def of(self, token) -> _Holder | None:
        """The actor of a subject or agent token; "I"/"we" in a quote are its speaker; a relative
        pronoun is its antecedent; an unresolved pronoun, "it" (mostly a thing: the plan, the report),
        a time ("Monday") or a word that names no actor is nobody."""
        word = token.lower_
        if _when(token):
            return None
        if word in _RELATIVE_SUBJECTS and dep(token.head) == "acl:relcl":
            token = token.head.head
        elif word in _THING_PRONOUNS or word in _LEX.second_person:
            return None  # "it" is mostly a thing; "you" is whoever is addressed
        elif word in _FIRST_PERSON:
            quote = self.speaker_at(token.idx)
            if quote is None or quote["speaker"].lower() in _PRONOUNS:  # an unresolved "he" is nobody a reader could name
                return None
            return _Holder(quote["speaker"], quote["speaker_type"], token.idx, token.idx + len(token))
        mention = _mention_of(self.mentions, token)
        if mention is None and _may_hold(token):  # a name or noun the mentions layer left out
            start, end = _noun_phrase(token)
            return _Holder(self.text[start:end], "unknown", start, end)
        if mention is None or mention.actor.lower() in _PRONOUNS:
            return None
        return _Holder(mention.actor, mention.actor_type, mention.start, mention.end)


def _may_hold(token) -> bool:
    """A word that can name a holder: what can name a speaker (:func:`hwresearch.speakers.is_actor`: a
    name, a noun for people, an organisation or a group, a document), or a noun that speaks or stands
    for many ("the statement", "the community")."""
    return is_actor(token, documents=True) or (token.pos_ == "NOUN" and token.lemma_.lower() in _HOLDER_WORDS)


_NAMING = frozenset({"compound", "flat", "amod"})  # the words that name a noun ("Kyoto Protocol", "Jane Smith")
_NAME_PARTS = _NAMING | {"nmod:poss"}  # and its owner: the modifiers whose name a noun stands for ("Huawei's gear")


def _noun_phrase(head, labels: frozenset[str] = _NAMING) -> tuple[int, int]:
    """The span of the head noun with the words that name it, no determiners."""
    return _phrase_span(head, [c for c in head.children if dep(c) in labels])


def _phrase_span(head, modifiers: list) -> tuple[int, int]:
    """The span of a head word and its chosen modifiers with everything under them."""
    words = [head, *(t for c in modifiers for t in c.subtree)]
    return min(t.idx for t in words), max(t.idx + len(t) for t in words)


def _mention_of(mentions: _MentionIndex, token) -> _Mention | None:
    """The mention that a nominal token heads (or lies in), else the first one in its phrase ("the
    Trump campaign"). A document speaks for its owner, the possessor ("Amnesty's report", however the
    's is parsed), not for a name that says what it is about or where it is from: "the US human rights
    report accuses China" is the report's charge (MPQA dev HTP 15.4 -> 15.6)."""
    end = token.idx + len(token)
    at = mentions.overlapping(token.idx, end)
    if at:
        return max(at, key=lambda m: m.end - m.start)
    if token.pos_ == "NOUN" and token.lemma_.lower() in _LEX.document_nouns:
        lo, hi = _phrase_span(token, [c for c in token.children if dep(c) == "nmod:poss" or c.doc[c.right_edge.i].tag_ == "POS"])
    else:
        lo, hi = _noun_phrase(token, _NAME_PARTS)
    inside = [m for m in mentions.overlapping(lo, hi) if lo <= m.start and m.end <= hi]
    return inside[0] if inside else None


@dataclass(frozen=True)
class _Target:
    name: str
    kind: str  # entity / issue
    start: int
    end: int


class _Targets:
    """Target finding: the entities in the phrase a predicate points at."""

    def __init__(self, mentions: _MentionIndex, text: str):
        self.mentions, self.text = mentions, text

    def in_phrase(self, token) -> list[_Target]:
        """The actor the phrase names (its head, or the possessor of its head: "Huawei's ties") and its
        conjuncts ("Huawei and ZTE"); where no actor is named, or a name only modifies the noun ("this US
        proposal"), the phrase's own noun with its "of" complement ("the return of inspectors"); never a time.
        Issues are left to the codebook's cues: an issue is a claim, and a predicate against a word of
        it is not against the claim ("concerned about the threat" favors the claim of a threat)."""
        found = []
        if token.lower_ in _RELATIVES:  # "the plan, which he called bold": the plan
            token = antecedent(token)
            if token is None:
                return found
        for head in [token, *(c for c in token.children if dep(c) == "conj")]:
            if _when(head) or _LEX.in_exclamation(self.text, head.idx, head.idx + len(head)):  # "God help us"
                continue
            mention = _mention_of(self.mentions, head)
            if mention is not None and _only_modifies(head, mention):  # "this US proposal": the proposal
                start = _modifiers_before(head).idx
                found.append(_Target(self.text[start : head.idx + len(head)], "entity", start, head.idx + len(head)))
            elif mention is not None and mention.actor.lower() not in _PRONOUNS:
                found.append(_Target(mention.actor, "entity", mention.start, mention.end))
            elif mention is None and head.pos_ in {"NOUN", "PROPN"}:
                start, end = _noun_phrase(head)
                end = max([end, *(_noun_phrase(c, _NAMING | {"nummod"})[1] for c in _children(head, {"nmod"})
                                  if c.i > head.i and _case(c) == "of" and _nominal(c))])
                # "the return of inspectors": who returns is part of it; "of enlisting" is what X is accused of
                found.append(_Target(self.text[start:end], "entity", start, end))
        return found


def _only_modifies(head, mention: _Mention) -> bool:
    """Whether a name only modifies a common noun ("this US proposal", "the Kyoto talks"): the
    phrase is about the thing the noun names, while a possessor ("Huawei's ties") is the actor it is about."""
    if not head.tag_.startswith("NN") or head.tag_.startswith("NNP") or mention.start < head.idx + len(head) and head.idx < mention.end:
        return False
    possessors = [t for c in head.children if dep(c) == "nmod:poss" or any(g.tag_ == "POS" for g in c.subtree)
                  for t in c.subtree]  # the parse may call "Mr. Tobin's" a compound: its "'s" tells
    return not any(mention.start < t.idx + len(t) and t.idx < mention.end for t in possessors)


def _modifiers_before(head):
    """The first word of the run of names, nouns and adjectives modifying a noun just before it ("US"
    in "this US proposal"), so the phrase is one stretch of words, whatever else the parse hangs on it."""
    inside = {t.i for c in head.children if dep(c) in {"compound", "flat", "amod"} for t in c.subtree}
    first = head
    while first.i > 0 and first.i - 1 in inside and head.doc[first.i - 1].tag_.startswith(("NN", "JJ", "CD")):
        first = head.doc[first.i - 1]
    return first


def _when(token) -> bool:
    """Whether a nominal says when ("Monday", "Jan. 22", "last week"), so it holds nothing and is no target."""
    return token.lower_ in _TIME_WORDS or token.lemma_.lower() in _TIME_WORDS or (token.like_num and token.pos_ == "NUM")


def _governs_infinitive(token) -> bool:
    """Whether a verb has a "to" infinitive beside its complements ("called for Lee to resign")."""
    return any(g.lower_ == "to" and g.pos_ == "PART" for c in token.children for g in c.children)  # PART: not the preposition


def _links(token, predicate: _Predicate) -> tuple[list, list]:
    """(holder tokens, target tokens) of a predicate by its word class and voice, from the parse. A
    complement or object of an active predicate comes after it: a nominal before it is a fronted
    adverbial ("In Los Angeles, a judge questioned ...", "On Monday, the states agreed ...")."""
    labels = {dep(c): c for c in token.children}
    if predicate.kind == "verb":
        agents = [c for c in _children(token, {"obl:agent", "obl", "nmod"}) if _case(c) == "by"]
        passive = "nsubj:pass" in labels or "aux:pass" in labels
        patients = _reduced_passive(token) or _children(token, {"nsubj:pass"})
        if predicate.felt_by_object:  # "Y irked X", "X was irked by Y"
            if passive or patients:
                return patients, agents
            return _felt_by(token), _subjects(token) or _inherited_subject(token)
        if passive or patients:
            return agents, patients
        holders = _subjects(token) or _inherited_subject(token)
        if predicate.labelling:  # "called Y a coward": the object, or the first of two secondary predicates
            named = (_children(token, _OBJECTS) or _children(token, {"xcomp"}))[:1]
            return holders, _following(token, named)
        if predicate.wanting:  # "X urged Y to resign": Y is to act, not favoured
            return holders, [] if _governs_infinitive(token) else _following(token, _children(token, _OBJECTS))
        if predicate.preposition:
            if _governs_infinitive(token):  # "X called for Y to resign": Y is to act, not favoured
                return holders, []
            return holders, _following(token, [c for c in _children(token, _COMPLEMENTS)
                                               if _case(c) == predicate.preposition and c.lemma_.lower() not in _TIME_UNITS])
        targets = (_following(token, _children(token, _OBJECTS))
                   or _following(token, [c for c in _children(token, _COMPLEMENTS) if _case(c) in _LINK_PREPOSITIONS]))
        if not targets:  # "X fears that Y ...": the attitude is about the clause, its subject the target
            targets = [s for clause in _children(token, _CLAUSES) for s in _children(clause, _SUBJECTS)]
        return holders, targets
    if predicate.agent:  # "X is a critic of Y", "X, a critic of Y", "critics of Y"
        holders = _subjects(token) or ([token.head] if dep(token) == "appos" else [token])
        return holders, _following(token, [c for c in _children(token, {"nmod"}) if _case(c) in _AGENT_TARGETS])
    if predicate.kind == "noun":
        holders = _children(token, {"nmod:poss"}) or [c for c in _children(token, {"nmod"}) if _case(c) in _AGENT_PREPOSITIONS]
        if not holders and dep(token) == "obj" and token.head.lemma_.lower() in _LIGHT_VERBS:
            holders = _subjects(token.head) or _inherited_subject(token.head)  # "X expressed concern over Y"
        targets = [c for c in _children(token, {"nmod", "obl"}) if _case(c) in _LINK_PREPOSITIONS - _AGENT_PREPOSITIONS]
        return holders, _following(token, targets)
    holders = _subjects(token) or _inherited_subject(token)
    targets = [c for c in _children(token, {"obl", "nmod", "obl:agent"}) if _case(c) in _LINK_PREPOSITIONS | _CAUSE_PREPOSITIONS]
    return holders, _following(token, targets)


_NOMINAL_TAGS = ("NN", "PRP", "WP")  # nouns, names, pronouns (the tag: the parse's POS follows its label)
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _nominal(token) -> bool:
    """A noun phrase's head, not a verb: a gerund with an object ("of enlisting his friends") is a clause
    whatever its tag."""
    return token.pos_ in _NOMINAL_POS and not _children(token, _OBJECTS)


def _following(token, candidates: list) -> list:
    """The candidates that come after the predicate (its complements; see :func:`_links`), or open
    its relative clause ("the plan, which he praised"; "Trump, whom he called a liar")."""
    return [c for c in candidates if c.i > token.i or (c.lower_ in _RELATIVES and dep(token) == "acl:relcl")]


def _subjects(token) -> list:
    """The subject of a predicate. A "subject" with a preposition is a fronted adverbial the parse
    misread ("After summit talks, X agreed"); where the parse gives a predicate two subjects, one is a
    fronted place or time ("WASHINGTON, Jan. 22 - ... Rumsfeld defended", "Los Angeles, a judge
    questioned"), and the one nearest before the predicate is the subject."""
    found = [c for c in _children(token, {"nsubj"}) if _case(c) not in _PREPOSITIONS]  # "After talks, X agreed"
    found = [s for s in map(past_dateline, found) if s is not None]  # "Tehran, Dec 9, IRNA -- The commission condemned"
    if len(found) > 1:
        nominal = [c for c in found if c.tag_.startswith(_NOMINAL_TAGS)] or found  # "Critics ... sharply questioned": not "sharply"
        before = [c for c in nominal if c.i < token.i]
        return [before[-1]] if before else nominal[:1]
    return found


def _inherited_subject(token) -> list:
    """The subject a predicate shares with the verb it depends on ("X wants to ban Y", "X met and praised Y")."""
    if dep(token) in {"xcomp", "conj"}:
        return _subjects(token.head)
    if dep(token) == "advcl" and token.tag_ == "VBG":  # "X stayed firm, accusing Y"
        return _subjects(token.head) or _inherited_subject(token.head)
    if dep(token) == "acl" and token.tag_ == "VBG":  # "a message to Y urging Z": the noun it describes
        return [token.head]
    if dep(token) == "acl:relcl":
        return [token.head]
    return []


# Where the label of a labelling verb sits: a secondary predicate (UD xcomp), an "as" phrase, or a
# nominal the parse hangs on the verb without a preposition ("branded the law a failure").
_LABELS = frozenset({"xcomp", "obl", "obl:unmarked", "obj", "advcl"})


def _label_polarity(token, target_tokens: list) -> str:
    """A labelling verb's side: the sentiment of the label's own words (VADER), the label being the
    complement after its object ("a sniveling coward", "as a disaster"), or what the parse reads as
    the object's apposition ('called the plan "a constructive proposal"'); neutral without one."""
    from hwresearch.sentiment import evaluation_label

    if not target_tokens:
        return "neutral"
    target = target_tokens[0]
    labels = [c for c in token.children if dep(c) in _LABELS and c.i > target.i
              and (dep(c) != "obl" or _case(c) == "as") and c.pos_ in {"NOUN", "ADJ", "PROPN"}]
    labels = labels or [c for c in _children(target, {"appos"}) if c.pos_ in {"NOUN", "ADJ"}]
    if not labels:
        return "neutral"
    words = labels[0].subtree
    return SENTIMENT_TO_POLARITY[evaluation_label(" ".join(t.text for t in words if t.i > target.i))]


def _predicate_statements(article: Article, holders: _Holders, targets: _Targets, codebook: Codebook) -> list[_Statement]:
    """Opinion predicates: holder -> target with the predicate's polarity, negation turning it around."""
    out = []
    sentences = _SentenceIndex(article)
    doc = article.doc
    strings = doc.vocab.strings
    lemmas, lowers = token_columns(doc, ["LEMMA", "LOWER"])
    # A Token object only for a word the lexicon has: building one per word cost most of this stage.
    for i in [i for i, (lemma, lower) in enumerate(zip(lemmas, lowers))
              if strings[lemma].lower() in _PREDICATE_WORDS or strings[lower] in _PREDICATE_WORDS]:
        token = doc[i]
        predicate = _predicate(token)
        if predicate is None:
            continue
        holder_tokens, target_tokens = _links(token, predicate)
        negated = _negated(token)
        if predicate.labelling:
            polarity = _label_polarity(token, target_tokens)
            if polarity == "neutral" or negated:
                continue  # no label, or "did not call Y a liar": what X did not say, not that X favours Y
        else:
            polarity = predicate.polarity
            if negated:
                polarity = "against" if polarity == "favor" else "favor"
        for h in holder_tokens:
            holder = holders.of(h)
            if holder is None:
                continue
            for t in target_tokens:
                for target in targets.in_phrase(t):
                    if _same_side(codebook, holder.name, target.name):
                        continue
                    start, end = _covering((holder.start, holder.end), (token.idx, token.idx + len(token)), (target.start, target.end))
                    sent_id = sentences.at(token.idx)
                    if sentences.at(start) != sent_id or sentences.at(end - 1) != sent_id:
                        start, end = _covering((token.idx, token.idx + len(token)), (target.start, target.end))
                    if sent_id is None or sentences.at(start) != sent_id or sentences.at(end - 1) != sent_id:
                        continue  # evidence lies in one sentence, or there is none
                    out.append(_Statement(holder.name, holder.type, target.name, target.kind, polarity, start, end,
                                          f"rule:{predicate.kind}", 0.75, sent_id))
    return out


def _attributed_statements(article: Article, holders: _Holders, mentions: _MentionIndex, targets: _Targets, codebook: Codebook) -> list[_Statement]:
    """Attributed opinions: the speaker toward each entity in the content, signed by the content's
    target sentiment toward it.

    The target model decides every content: a VADER gate (no statement unless the content's own
    words evaluate) dropped more right statements than wrong ones, since news opinions are often
    worded without VADER's words ("hampering aid") (issue 11: MPQA HTP 13.7 -> 14.0, BASIL 21.2 ->
    22.7). A denied claim is no opinion of the denier's in its own words: the denial predicate
    handles it. A content that names no target ("It's destructive," Rice said) is about what the
    report names as its topic (:func:`_cue_topic`: BASIL dev HTP 28.7 -> 29.6, MPQA unchanged), else
    the person the passage last named (:func:`_topic_before`), signed by the content's own words
    (VADER), since the target model needs a target inside the text it reads (``rule:attributed-topic``;
    BASIL dev HTP 22.9 -> 28.6, MPQA 15.5 -> 15.4); failing both, about what its pointing subject is
    said to be (:func:`_pointed_nouns`, "This is a bad deal": MPQA dev HTP 16.1 -> 16.3, BASIL 37.9 -> 37.7
    with H and HP up). Before the topic, that noun cost BASIL, whose targets are persons (35.1).
    """
    from hwresearch.sentiment import evaluation_label, target_sentiments

    sentences = _SentenceIndex(article)
    text = article.text
    pending = []  # (quote, sent_id, start, end, targets): contents with targets
    untargeted = []  # (quote, sent_id, start, end, topic): contents that name nobody, with the passage's topic
    for quote in holders.quotes:
        if _DENY.fullmatch(quote["cue"].split()[-1] if quote["cue"] else "") or quote["speaker"].lower() in _PRONOUNS:
            continue  # a denial is the predicate's; an unresolved "he" is nobody a reader could name
        labelled = _labelled_by_cue(article, quote)
        for sent_id in sentences.overlapping(quote["start"], quote["end"]):
            s_start, s_end = sentences.bounds(sent_id)
            start, end = max(quote["start"], s_start), min(quote["end"], s_end)
            if not text[start:end].strip():
                continue
            about = _content_targets(article, start, end, mentions, targets, label=labelled is not None)
            found = [t for t in about if not _same_side(codebook, quote["speaker"], t.name)]
            if found:
                pending.append((quote, sent_id, start, end, found))
            elif not about and (topic := _cue_topic(article, quote, targets, labelled)
                                or _topic_before(sentences, sent_id, start, mentions, quote["speaker"], codebook)):
                untargeted.append((quote, sent_id, start, end, topic))  # a content about the speaker's own side is no guess
            elif not about and labelled is None and (pointed := _pointed_nouns(article, start, end, targets)):
                pending.append((quote, sent_id, start, end, pointed))
    # One model call for the article: the contents go in as the lines of one text, since target
    # sentiment reads each target within its own line, so every label is the one a call per content
    # gives, at a fraction of the time (the model's fixed cost is paid once, its batches are fuller).
    contents, spans, offset = [], [], 0
    for _, _, start, end, found in pending:
        contents.append(text[start:end])
        spans += [(t.start - start + offset, t.end - start + offset) for t in found]
        offset += end - start + 1
    labels = iter(target_sentiments("\n".join(contents), spans) if spans else [])
    out = []
    for quote, sent_id, start, end, found in pending:
        for target in found:
            polarity = SENTIMENT_TO_POLARITY[next(labels)]
            if polarity != "neutral":
                out.append(_Statement(quote["speaker"], quote["speaker_type"], target.name, target.kind,
                                      polarity, start, end, "rule:attributed", 0.6, sent_id))
    for quote, sent_id, start, end, topic in untargeted:  # no target in the content: its own words sign it
        polarity = SENTIMENT_TO_POLARITY[evaluation_label(text[start:end])]
        if polarity != "neutral":  # each sentence its own evidence, as for the attributed statements
            out.append(_Statement(quote["speaker"], quote["speaker_type"], topic.name, "entity", polarity,
                                  start, end, "rule:attributed-topic", _TOPIC_CONFIDENCE, sent_id))
    return out


# The kinds of actor an untargeted content is read as being about. A named organisation, country or
# place just before a quote was its setting more often than what it judged (issue 11, dev: every actor
# kind gave BASIL HTP 26.6 and MPQA 15.1, persons only 28.6 and 15.4; before, 22.9 and 15.5).
_TOPIC_KINDS = frozenset({"person"})
_TOPIC_CONFIDENCE = 0.45  # below an attributed statement's 0.6: the target is guessed as well as the side


def _topic_before(sentences: _SentenceIndex, sent_id: int, start: int, mentions: _MentionIndex, speaker: str,
                  codebook: Codebook) -> _Target | None:
    """The person the passage last mentioned (by name or a resolved pronoun) before a content that
    names no one ("It's destructive to the relationship," Rice said): in the content's sentence or the
    one before, not the speaker. A content without a target of its own is about who the passage is
    about, as a reader takes it; two sentences back found more gold opinions on BASIL dev and fewer on
    MPQA (29.1 and 15.2), and the article's most mentioned person where none is that near, 29.7 and 15.0."""
    first = sentences.starts[max(sentences.index[sent_id] - 1, 0)]
    named = [m for m in mentions.overlapping(first, start) if m.end <= start and m.actor_type in _TOPIC_KINDS
             and m.actor.lower() not in _PRONOUNS and not _same_side(codebook, speaker, m.actor)]
    return _Target(named[-1].actor, "entity", named[-1].start, named[-1].end) if named else None


_ABOUT = _LEX.report_topic_prepositions


def _cue_topic(article: Article, quote: dict, targets: _Targets, labelled=None) -> _Target | None:
    """What the report itself says its content is about: what its labelling cue labels (``labelled``,
    from :func:`_labelled_by_cue`), or the phrase of a topic preposition on the cue verb, outside the
    content ('"It is garbage," Cruz said about the article'; "said of Obama")."""
    if labelled is not None and (found := targets.in_phrase(labelled)):  # 'called Trump "a demagogue"'
        return found[0]
    if quote["cue_start"] < 0:
        return None
    for verb in article.span(quote["cue_start"], quote["cue_end"]):
        for phrase in _children(verb, {"obl", "nmod"}) if verb.pos_ in {"VERB", "NOUN"} else ():
            if _case(phrase) in _ABOUT and not quote["start"] <= phrase.idx < quote["end"]:
                found = targets.in_phrase(phrase)
                if found:
                    return found[0]
    return None


_LABELLING_VERBS = frozenset(_PREDICATES["labelling"]["verbs"])


def _labelled_by(verb):
    """The object a labelling verb labels ("called *Trump* a demagogue", "*whom* he called ..."), or None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LABELLING_VERBS:
        return None
    objects = _children(verb, _OBJECTS)
    return objects[0] if objects else None


def _labelled_by_cue(article: Article, quote: dict):
    """The object a quote's labelling cue labels, outside the content ('called Trump "a demagogue"',
    'whom he called "a liar"'), or None: such a content is a label, about that object."""
    if quote["cue_start"] < 0:
        return None
    for verb in article.span(quote["cue_start"], quote["cue_end"]):
        labelled = _labelled_by(verb)
        if labelled is not None and not quote["start"] <= labelled.idx < quote["end"]:
            return labelled
    return None


class _SentenceIndex:
    """The article's sentence bounds, so the sentence at an offset is found by bisection."""

    def __init__(self, article: Article) -> None:
        self.starts = article.sentences["start"].astype(int).tolist()
        self.ends = article.sentences["end"].astype(int).tolist()
        self.ids = article.sentences["sent_id"].astype(int).tolist()
        self.index = {sent_id: i for i, sent_id in enumerate(self.ids)}

    def at(self, offset: int) -> int | None:
        i = bisect_right(self.starts, offset) - 1
        return self.ids[i] if i >= 0 and offset < self.ends[i] else None

    def overlapping(self, start: int, end: int) -> list[int]:
        """The sentences that ``[start, end)`` overlaps, in order: a long quote's middle ones too."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_left(self.starts, end)
        return [self.ids[i] for i in range(first, last) if self.ends[i] > start]

    def bounds(self, sent_id: int) -> tuple[int, int]:
        i = self.index[sent_id]
        return self.starts[i], self.ends[i]


def _content_targets(article: Article, start: int, end: int, mentions: _MentionIndex, targets: _Targets,
                     label: bool = False) -> list[_Target]:
    """The entities an attributed content is about: every actor it mentions, except those it
    mentions only on the side (:func:`_aside`), and the nouns its clauses are about (their subjects;
    an object is mostly what is done, not whom it is about); failing those, the noun of a content that
    is a bare noun phrase (a root noun: "A shameful budget," X said). Only as a fallback: beside other
    targets, the root noun cost the seed gold precision; never for a ``label`` (the content of a
    labelling cue, 'called Y "a demagogue"', says what Y is)."""
    found = [_Target(m.actor, "entity", m.start, m.end) for m in mentions.overlapping(start, end)
             if start <= m.start and m.end <= end and m.actor.lower() not in _PRONOUNS and not _aside(article, m)]
    span = article.span(start, end)
    roots = [t for t in span if _main_clause_of(t, start, end)]
    for root in roots:
        for arg in _children(root, _SUBJECTS):
            named = _mention_of(mentions, arg)
            if named is None or _aside(article, named):  # "Some US politicians": the politicians, not the US
                found += [t for t in targets.in_phrase(arg) if start <= t.start and t.end <= end]
    if not found and not label:  # a bare noun phrase that names nobody ("a shameful budget") is about its noun
        found = [t for root in roots if root.pos_ == "NOUN" and not _children(root, _PREDICATING)
                 for t in targets.in_phrase(root) if start <= t.start and t.end <= end]
    seen, unique = set(), []
    for t in sorted(found, key=lambda t: t.start):
        if (t.start, t.end) not in seen:
            seen.add((t.start, t.end))
            unique.append(t)
    return unique


def _pointed_nouns(article: Article, start: int, end: int, targets: _Targets) -> list[_Target]:
    """The noun a content's main clause says its pointing subject is ("This is not a fair election":
    the election; "These are steel barriers"), where the content names nothing else and its passage
    no one. "It" points forward to a clause as often as back ("it's an honor to serve"): only "this",
    "that", "these" and "those" count."""
    return [t for root in article.span(start, end) if root.pos_ == "NOUN" and _main_clause_of(root, start, end)
            and _children(root, {"cop"}) and not _children(root, {"mark"})
            and (subjects := _children(root, {"nsubj"})) and all(s.lower_ in _LEX.demonstratives for s in subjects)
            for t in targets.in_phrase(root) if start <= t.start and t.end <= end]


def _main_clause_of(token, start: int, end: int) -> bool:
    """Whether a token heads the content ``[start, end)``: the root, or attached outside the content."""
    return token.head.i == token.i or not start <= token.head.idx < end


_LOCATIVES = _LEX.locative_prepositions - {"of"}  # "criticism of X" is about X
# What a mention is in its clause when the content is not about it: what is done or given (an object),
# a word naming a kind of something else ("the US missile system"); an apposition counts as its head.
_ASIDE = frozenset({"obj", "iobj", "compound"})


def _aside(article: Article, mention: _Mention) -> bool:
    """Whether a content mentions an entity only on the side: it says where ("jobs are disappearing
    in the United States": its head hangs on a locative preposition), or it is what is done or given,
    or a modifier of another noun (:data:`_ASIDE`). On BASIL and MPQA dev such targets were mostly
    wrong (issue 11: 11 places on BASIL, none right; 57 objects and modifiers over both, 4 right)."""
    head = article.span(mention.start, mention.end).root
    role = dep(head)
    if role == "appos":
        role = dep(head.head)
    return role in _ASIDE or (role in {"obl", "nmod"} and _case(head) in _LOCATIVES)


def _same_side(codebook: Codebook, holder: str, target: str) -> bool:
    """No stance of an actor toward itself or its own organisation."""
    return holder == target or codebook.organisation_of(holder) == target or codebook.organisation_of(target) == holder


# ---- helpers ----------------------------------------------------------------------------------------


def _possessive_after(text: str, position: int) -> bool:
    return bool(re.match(r"['’]s?\b|['’](?=\s)", text[position : position + 3]))


def issue_cue_patterns(issues: Iterable[Issue]) -> list[tuple[Issue, re.Pattern]]:
    patterns = []
    for issue in issues:
        cues = sorted({c for c in issue.cues if c.strip()}, key=len, reverse=True)
        if cues:
            body = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
            patterns.append((issue, re.compile(rf"(?i)(?<!\w)(?:{body})(?!\w)")))
    return patterns


def _cues_in(cue_patterns, text: str, start: int, end: int) -> list[tuple[Issue, re.Match]]:
    """Each issue cued in ``text[start:end]`` with its first cue, in text order."""
    found = []
    for issue, pattern in cue_patterns:
        hit = pattern.search(text, start, end)
        if hit:
            found.append((issue, hit))
    return sorted(found, key=lambda pair: pair[1].start())


def _offer_issue(issues: Iterable[Issue]) -> Issue | None:
    """The issue that "the offer" stands for, when the codebook says so by a cue with the word offer."""
    return next((i for i in issues if any(re.search(r"(?i)\boffer\b", c) for c in i.cues)), None)


def _mention_list(mentions: pd.DataFrame, text: str) -> list[_Mention]:
    rows = []
    for m in mentions[list(MENTION_COLUMNS)].itertuples(index=False):  # only these: a column costs its iteration
        if pd.isna(m.start) or pd.isna(m.end):
            continue
        start, end = int(m.start), int(m.end)
        actor = m.actor if isinstance(m.actor, str) and m.actor else text[start:end]
        actor_type = m.actor_type if isinstance(m.actor_type, str) and m.actor_type else "unknown"
        rows.append(_Mention(start, end, actor, actor_type))
    return sorted(rows, key=lambda m: (m.start, -m.end))


class _MentionIndex:
    """Mentions sorted by start, so the ones in a span are found by bisection, not by a scan of all."""

    def __init__(self, mentions: list[_Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[_Mention]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.start < end and start < m.end]


def _quotes_by_sentence(
    quotes: pd.DataFrame, sentences: pd.DataFrame, mentions: _MentionIndex, codebook: Codebook
) -> list[list[dict]]:
    """Attributions with a speaker, listed under every sentence their content overlaps.

    A speaker that is not a codebook name ("He", "CEO Ren Zhengfei") takes the actor of the mention
    at the speaker span, so one actor is one holder. Each quote is resolved once and placed by
    bisection, so the work grows with the quotes, not with quotes times sentences.
    """
    sentence_starts = sentences["start"].tolist()
    sentence_ends = sentences["end"].tolist()
    buckets: list[list[dict]] = [[] for _ in sentence_starts]
    for q in quotes[list(QUOTE_COLUMNS)].itertuples(index=False):  # only these: a column costs its iteration
        if pd.isna(q.speaker) or pd.isna(q.start):
            continue
        q_start, q_end = int(q.start), int(q.end)
        speaker, speaker_type = str(q.speaker), q.speaker_type if isinstance(q.speaker_type, str) else "unknown"
        if codebook.actor_named(speaker) is None and not pd.isna(q.speaker_start):
            s, e = int(q.speaker_start), int(q.speaker_end)
            at = mentions.overlapping(s, e)
            if at:
                best = max(at, key=lambda m: min(e, m.end) - max(s, m.start))
                speaker, speaker_type = best.actor, best.actor_type
        record = {
            "start": q_start,
            "end": q_end,
            "cue": q.cue if isinstance(q.cue, str) else "",
            "cue_start": int(q.cue_start) if not pd.isna(q.cue_start) else -1,
            "cue_end": int(q.cue_end) if not pd.isna(q.cue_end) else -1,
            "speaker": speaker,
            "speaker_type": speaker_type,
        }
        first = bisect_right(sentence_ends, q_start)  # the first sentence ending after the quote starts
        for i in range(first, len(sentence_starts)):
            if sentence_starts[i] >= q_end:
                break
            buckets[i].append(record)
    return buckets


def _clip(quote: dict, start: int, end: int) -> dict:
    """The quote with its content clipped to the sentence ``[start, end)``."""
    return {**quote, "start": max(quote["start"], start), "end": min(quote["end"], end)}


# The columns of passed-in layers that the rules read: all are checked before any work.
MENTION_COLUMNS = ("start", "end", "actor", "actor_type")
QUOTE_COLUMNS = ("start", "end", "cue", "cue_start", "cue_end", "speaker", "speaker_type", "speaker_start", "speaker_end")
QUOTE_SPANS = (("start", "end"), ("cue_start", "cue_end"), ("speaker_start", "speaker_end"))


_RANK = {"favor": 0, "against": 0, "neutral": 1}


def _covering(*spans: tuple[int, int]) -> tuple[int, int]:
    """The span from the first start to the last end, whichever order the parts come in."""
    return min(s for s, _ in spans), max(e for _, e in spans)


def _frame(statements: list[_Statement], text: str) -> pd.DataFrame:
    """One row per (sentence, holder, target): the most confident statement wins, a stance beats neutral."""
    best: dict[tuple, _Statement] = {}
    for st in statements:
        if st.holder == ARTICLE_HOLDER:
            # The article's own voice reports; it takes no side unless its own words evaluate a target,
            # and no mechanism here reads evaluative language yet (methods.md: the narrator is neutral).
            st = replace(st, polarity="neutral")
        key = (st.sent_id, st.holder, st.target)
        old = best.get(key)
        if old is None or (_RANK[st.polarity], -st.confidence) < (_RANK[old.polarity], -old.confidence):
            best[key] = st
    rows = [
        {
            "holder": st.holder, "holder_type": st.holder_type, "target": st.target, "target_kind": st.target_kind,
            "polarity": st.polarity, "start": st.start, "end": st.end, "evidence": text[st.start : st.end],
            "method": st.method, "confidence": st.confidence, "sent_id": st.sent_id,
        }
        for st in sorted(best.values(), key=lambda st: (st.sent_id, st.start, st.holder, st.target))
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("start", "end", "sent_id"):
        frame[column] = frame[column].astype("int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    return frame


# ---- sentiment beside stance (scoring against gold lives in hwresearch.evaluate) ------------------------

NO_STATEMENT = "none"


def stance_layers(
    article: Article | str | Path | None,
    codebook: CodebookSource = None,
    mentions: pd.DataFrame | None = None,
    statements: pd.DataFrame | None = None,
) -> tuple[Article, Codebook, pd.DataFrame, pd.DataFrame]:
    """The article, codebook, mentions and statements that comparisons of stance work on, each computed
    only where the caller did not pass it in."""
    article = load_article(article)
    codebook = resolve_codebook(codebook, article)
    if mentions is None:
        from hwresearch.mentions import extract_mentions

        mentions = extract_mentions(article, codebook)
    if statements is None:
        statements = stance_statements(article, codebook, mentions=mentions)
    return article, codebook, mentions, statements


def sentence_comparison(
    article: Article | str | Path | None = None,
    codebook: CodebookSource = None,
    *,
    statements: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per sentence: VADER's label, the target sentiment toward the sentence's target, and the stance on it.

    The target is the article's focal entity where a statement of the sentence is about it, else the
    issue of the sentence's first issue statement, else the focal entity where it is only mentioned. The stance is the polarity of the most confident statement on
    that target (an actor's before the article's own voice), ``none`` where there is no statement.
    """
    from hwresearch.sentiment import target_sentiment, vader_label, vader_scores

    article, codebook, mentions, statements = stance_layers(article, codebook, mentions, statements)
    focal = focal_entities(mentions)
    cue_patterns = issue_cue_patterns(codebook.issues)
    by_label = {issue.label: issue for issue in codebook.issues}
    rows = []
    for sent in article.sentences.itertuples(index=False):
        said = statements[statements["sent_id"] == sent.sent_id]
        mentioned = [f for f in focal if ((mentions["sent_id"] == sent.sent_id) & (mentions["actor"] == f)).any()]
        issues = said.loc[said["target_kind"] == "issue", "target"].tolist()
        target = next((f for f in mentioned if f in set(said["target"])), None)
        target = target or (issues[0] if issues else None) or (mentioned[0] if mentioned else None)
        compound = vader_scores(sent.text)["compound"]
        row = {"sent_id": int(sent.sent_id), "sentence": sent.text, "vader_compound": round(compound, 3),
               "vader": vader_label(sent.text), "target": target, "target_sentiment": pd.NA,
               "stance": NO_STATEMENT, "holder": pd.NA, "method": pd.NA, "evidence": pd.NA, "why": pd.NA}
        if target is not None:
            span = target_span(article, int(sent.sent_id), target, mentions, by_label, cue_patterns)
            if span is not None:
                row["target_sentiment"] = target_sentiment(sent.text, span[0] - int(sent.start), span[1] - int(sent.start))
            on_target = said[said["target"] == target]
            if len(on_target):
                best = on_target.assign(_voice=(on_target["holder"] == ARTICLE_HOLDER)).sort_values(
                    ["_voice", "confidence"], ascending=[True, False], kind="stable").iloc[0]
                row.update(stance=best["polarity"], holder=best["holder"], method=best["method"],
                           evidence=best["evidence"], why=METHOD_NOTES.get(best["method"], best["method"]))
        rows.append(row)
    return pd.DataFrame(rows)


def target_span(article, sent_id, target, mentions, by_label, cue_patterns) -> tuple[int, int] | None:
    """Where the target is in the sentence: its first mention, or the first cue of the issue."""
    sentence = article.sentences.set_index("sent_id").loc[sent_id]
    start, end = int(sentence["start"]), int(sentence["end"])
    if target in by_label:
        pattern = next((p for issue, p in cue_patterns if issue.label == target), None)
        hit = pattern.search(article.text, start, end) if pattern else None
        return (hit.start(), hit.end()) if hit else None
    here = mentions[(mentions["actor"] == target) & (mentions["start"] >= start) & (mentions["end"] <= end)]
    if len(here):
        return int(here["start"].iloc[0]), int(here["end"].iloc[0])
    found = article.text.find(target, start, end)
    return (found, found + len(target)) if found != -1 else None


def target_sides(statements: pd.DataFrame) -> pd.DataFrame:
    """Per target, who is for, against and neutral, each holder with its first evidence.

    One row per target (most statements first); a cell lists ``holder: "evidence"`` entries, one per
    holder, so a reader can check every side against the text.
    """
    rows = []
    for target, group in statements.groupby("target", sort=False):
        row = {"target": target, "target_kind": group["target_kind"].iloc[0], "statements": len(group)}
        for polarity in POLARITIES:
            sided = group[group["polarity"] == polarity].drop_duplicates("holder")
            row[polarity] = "; ".join(f'{h}: "{squash_spaces(e)}"' for h, e in zip(sided["holder"], sided["evidence"]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["target", "target_kind", "statements", *POLARITIES])
    return frame.sort_values(["statements", "target"], ascending=[False, True], kind="stable").reset_index(drop=True)
