"""Speakers from the parse: the source of a report is the subject of its cue, reduced to the actor it names.

Quote attribution (:mod:`hwresearch.quotes`) finds a cue and its content; this module says who the
cue's source is, reading the article's one Doc. The source is the cue's subject (``nsubj``), the agent
of a passive ("was criticized by X"), the subject a coordinated or participle cue shares ("X said A and
later claimed B", "..., saying"), or the object of "according to". The noun phrase is then reduced to
its head actor, so that a reader's "who said it" is what the resolver sees: the name in an apposition
("Campbell's partner, Jason Louth" is Jason Louth), the person, not the institution of a prepositional
phrase ("professor Kent Moore at the University of Toronto" is professor Kent Moore), and a role noun
keeps its "for"-phrase ("a spokeswoman for the agency"), whose organisation stands for the speaker when
no person is named. A speaker must be an actor (:func:`is_actor`); anything else is no speaker at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hwresearch.lexicon import lexicon
from hwresearch.nlp import dateline_near, dep, in_dateline, past_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LEX = lexicon()
# Dependents that stay in a speaker's noun phrase on the left ("the", "Texas", "Huawei's founder and CEO").
_LEFT_PARTS = frozenset({"det", "det:predet", "amod", "compound", "flat", "nmod:poss", "nummod", "nmod:desc", "nmod"})
# ... and on the right: the rest of a name ("Jason Louth", "Ren Zhengfei Jr.").
_RIGHT_PARTS = frozenset({"flat", "compound", "flat:name", "fixed"})
# Prepositions whose phrase stays with a role noun ("a spokeswoman for the agency", "officials at the
# ministry"), and the one that stays with a name ("University of Toronto").
_ROLE_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with"})
# What describes the people a word like "those" or "some" stands for ("those briefed on the talks").
_DESCRIBED = frozenset({"amod", "acl"})
_REACH = 3  # heads walked up for a shared subject
_PERSONAL = (frozenset(_LEX.pronoun_referents) | _LEX.relative_pronouns | _LEX.object_pronouns | _LEX.second_person
             | _LEX.standalone_determiners | _LEX.quantifiers | _LEX.indefinite_speakers)  # "many said", "most say"
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def cue_source(doc: Doc, start: int, end: int) -> Token | None:
    """The head token of the source of the cue at characters ``[start, end)``, or None when the parse
    gives none (a passive with no "by", a cue the parser attached elsewhere)."""
    cue = doc.char_span(start, end, alignment_mode="expand")
    if cue is None:
        return None
    words = [t for t in cue if not t.is_space]
    if words and words[0].lower_ == "according":
        head = words[0].head  # UD: "according" is the case marker of its object
        return head if dep(words[0]) == "case" and head.i not in range(cue.start, cue.end) else None
    for token in words:
        source = _subject(token)
        if source is not None:
            return source
    return None


def _subject(verb: Token) -> Token | None:
    for _ in range(_REACH):
        children = list(verb.children)
        subject = next((c for c in children if dep(c) == "nsubj"), None)
        if subject is not None:
            return subject
        if any(dep(c) == "nsubj:pass" for c in children):
            return _agent(children)
        label = dep(verb)
        # "A poll released in August found": the parse takes the participle for the main verb
        misread = label == "advcl" and verb.head.tag_ == "VBN" and verb.head.i < verb.i
        if verb.head.i == verb.i or not (label == "xcomp" or (label == "advcl" and verb.tag_ == "VBG") or misread
                                     or (label == "conj" and verb.head.lemma_ in _LEX.cue_lemmas)):
            return None  # "said the bill was dead and later claimed": no cue to share a subject with
        verb = verb.head
    return None


def antecedent(relative: Token) -> Token | None:
    """The noun a relative pronoun stands for ("officials, who said", "Bloomberg, who added"): the head
    of the relative clause, else the noun phrase just before the pronoun."""
    if dep(relative.head) == "acl:relcl":
        return relative.head.head
    k = relative.i - 1
    while k >= 0 and relative.doc[k].is_punct:
        k -= 1
    if k < 0 or relative.doc[k].pos_ not in ("NOUN", "PROPN"):
        return None
    token = relative.doc[k]
    while dep(token) in ("flat", "compound") and token.head.i > token.i - 4 and token.head.i != token.i:
        token = token.head
    return token


def _agent(children: list[Token]) -> Token | None:
    """The "by" phrase of a passive: UD ``obl:agent`` (or ``obl`` with "by"), ClearNLP ``agent`` → pobj."""
    for child in children:
        label = dep(child)
        if label == "obl:agent" and child.lower_ == "by":  # ClearNLP: the preposition heads the phrase
            return next((g for g in child.children if dep(g) in ("obl", "pobj")), None)
        if label in ("obl", "obl:agent") and any(dep(g) == "case" and g.lower_ == "by" for g in child.children):
            return child
    return None


def actor_head(token: Token) -> Token:
    """The token naming the actor: a description's appositive name ("Campbell's partner, Jason Louth"),
    and the name a dateline the parse took for the subject stands before ("WASHINGTON -- President
    Obama said": the parse makes the name an apposition of the place)."""
    if token.pos_ == "PROPN" and in_dateline(token):
        return past_dateline(token) or token
    if token.pos_ != "PROPN":
        for child in token.children:
            if dep(child) == "appos" and child.pos_ == "PROPN":
                return child
        k = token.left_edge.i - 1  # "Reid, the Senate leader, reiterated": the name before the comma
        doc = token.doc
        closed = token.right_edge.i + 1 < len(doc) and doc[token.right_edge.i + 1].text == ","
        if closed and k > 0 and doc[k].text == "," and doc[k - 1].text[:1].isupper() and doc[k - 1].pos_ in ("PROPN", "NOUN"):
            name = doc[k - 1]
            while dep(name) in ("flat", "compound") and name.head.i > name.i and name.head.i < k:
                name = name.head
            return name
    return token


def phrase(token: Token) -> tuple[int, int]:
    """Character span of the speaker's noun phrase around its head: its left modifiers and the rest of a
    name, a role noun's "for"/"of"/"at" phrase, what describes "those" or "some"; never a relative clause,
    an apposition or trailing words."""
    first, last = token.i, token.i
    name = token.pos_ == "PROPN"
    indefinite = token.lower_ in _LEX.indefinite_speakers
    for child in token.children:
        label = dep(child)
        if child.i < token.i and label in _LEFT_PARTS and not child.is_punct:
            first = min(first, child.left_edge.i)
        elif child.i > token.i and label in _RIGHT_PARTS:
            last = max(last, _without_clauses(child))
        elif child.i > token.i and label == "nmod":
            case = next((g.lower_ for g in child.children if dep(g) == "case"), "")
            if (case == "of" and child.pos_ == "PROPN") or (not name and case in _ROLE_PREPOSITIONS) or indefinite:
                last = max(last, _without_clauses(child))  # "those close to the talks", "some in the party"
        elif child.i > token.i and label in _DESCRIBED and indefinite:
            last = max(last, child.right_edge.i)  # "those familiar with the plan": "those" alone names nobody
    doc = token.doc
    if indefinite and _described_by_head(token):
        last = max(last, _without_clauses(token.head))  # "according to those briefed on it", parsed as a clause
    place = dateline_near(doc[first]) if first < token.i else None
    if place is not None and first < place.end <= token.i:
        first = place.end  # "RENO, Nev. — Smith": the dateline the parse hung on the name is no part of it
    while first < token.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _described_by_head(token: Token) -> bool:
    """ "those briefed on the effort", "those familiar with it": the parse made the participle or
    adjective describing "those" its predicate, with "those" as subject."""
    head = token.head
    return dep(token) in ("nsubj", "nsubj:pass") and head.i == token.i + 1 and head.tag_ in ("VBN", "VBG", "JJ")


def _without_clauses(token: Token) -> int:
    """The last token of a phrase before its relative clause or apposition ("the agency, which ...")."""
    last = token.i
    for child in token.children:
        if child.i > token.i and dep(child) not in ("acl:relcl", "acl", "appos", "punct", "parataxis", "conj", "cc"):
            last = max(last, _without_clauses(child))
    return last


def is_actor(token: Token, documents: bool = False) -> bool:
    """Whether a head token can name a speaker: a name, a personal or relative pronoun, a noun for people,
    for an organisation ("the union", "the charity") or a group (lexicon), or a noun a name modifies
    ("the Trump campaign"). With ``documents``, a study or a document that "shows" counts too ("the
    poll found")."""
    if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper() and _named(token):
        return True
    lower = token.lower_
    if token.pos_ == "PRON":
        return lower in _PERSONAL
    if not token.tag_.startswith("NN"):
        return False
    lemma = token.lemma_.lower()
    if documents and lemma in _LEX.document_nouns:
        return True
    return (
        lemma in _LEX.human_nouns or lower in _LEX.group_nouns or lemma in _LEX.description_nouns
        or lower in _LEX.description_nouns or lower in _LEX.plural_nouns or lemma in _LEX.role_nouns
        or _LEX.name_descriptors.get(lemma) == "organisation" or lemma in _LEX.plural_antecedents
        or token.text in _LEX.organisation_heads
        or (lemma.endswith(_LEX.human_suffixes) and lemma not in _LEX.not_human)
        or any(dep(c) in ("compound", "nmod:poss") and c.pos_ == "PROPN" for c in token.children)
    )


def is_nominal(token: Token) -> bool:
    """Whether the parse's subject of a cue can be its source: a noun, name, number ("47 percent") or
    personal pronoun. Weaker than :func:`is_actor`, for subjects the parse vouches for ("the poll
    found", "the results show"); never an adverb, a verb or a preposition ("instead", "released")."""
    if token.tag_ == "PRP$":
        return False  # "her newly announced plans": a possessive determiner, never the source
    if token.pos_ == "PRON" or token.lower_ in _PERSONAL:
        return token.lower_ in _PERSONAL
    if token.lower_ in _LEX.time_words or token.text in _LEX.month_names or token.is_punct or token.lower_ in _LEX.negations:
        return False  # "Thursday" or "n't" read as the subject
    if in_dateline(token):
        return False  # "RENO, Nev. —": where the story was filed, not who speaks
    if token.pos_ == "ADJ" and any(dep(c) == "det" for c in token.children):
        return True  # "the 46-year-old", "a third"
    if token.pos_ in _MISREAD_NAMES and token.is_title and _named(token):
        return True  # "Okafor, a Lindqvist adviser, said": a name the tagger read as an interjection
    return token.pos_ in _NOMINAL or token.tag_.startswith("NN")


_MISREAD_NAMES = frozenset({"INTJ", "ADJ", "ADV", "X"})  # tags the tagger gives names it does not know


def _named(token: Token) -> bool:
    """A capitalised noun is a name (the tagger takes many names for common nouns) unless it opens its
    sentence and the article never writes it capitalised elsewhere ("Bed", "Instead")."""
    if not token.is_sent_start and token.i > 0 and token.doc[token.i - 1].text not in _OPENING_MARKS:
        return True
    doc = token.doc
    names = doc.user_data.get(_NAMES_KEY)
    if names is None:
        names = {t.text for t in doc if t.text[:1].isupper() and not t.is_sent_start
                 and t.i > 0 and doc[t.i - 1].text not in _OPENING_MARKS}
        doc.user_data[_NAMES_KEY] = names
    return token.text in names


_OPENING_MARKS = frozenset({'"', "“", "‘", "'", "(", "[", "—", ":", "«"})
_NAMES_KEY = "hwresearch.speakers.names"


def span_head(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the words at ``[start, end)``: the first whose head lies outside them."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return next((t for t in span if not (t.is_space or t.is_punct) and not (span.start <= t.head.i < span.end and t.head.i != t.i)), span.root)



def fallback_head(doc: Doc, start: int, end: int, documents: bool = False) -> Token | None:
    """The source in a span found by the token rules, read through the parse: the subject inside it
    ("He congratulated her and", "Clinton celebrated"), else its head when that is a noun phrase no
    preposition governs, an actor by :func:`is_actor`, or a determined noun phrase (a bare noun after a
    preposition, "to bed", is none); else the subject the phrase modifies; None when neither. Lenient on
    purpose: where the parse has no subject it has often misread the clause (a cue read as a modifier)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    subject = next((t for t in span if dep(t) in ("nsubj", "nsubj:pass") and is_nominal(t)), None)
    if subject is not None:
        return subject
    head = span_head(doc, start, end)
    if head is None or not is_nominal(head):
        head = _last_noun(span)  # a misparse: "former Louisiana Rep. David Duke reports" read as modifiers
    if head is None:
        return None
    before = doc[span.start - 1] if span.start > 0 else None
    governed = any(dep(c) == "case" for c in head.children) or (before is not None and before.pos_ == "ADP")
    if not governed or is_actor(head, documents) or _determined(head):
        return head
    climbed = head  # "4 in 10 Republican voters in each state want": the subject the phrase modifies
    for _ in range(_REACH):
        if dep(climbed) in ("nsubj", "nsubj:pass") or climbed.head.i == climbed.i or climbed.head.pos_ in ("VERB", "AUX"):
            break
        climbed = climbed.head
    return climbed if climbed.i != head.i and dep(climbed) in ("nsubj", "nsubj:pass") and is_nominal(climbed) else None


def _determined(token: Token) -> bool:
    """A number or a noun with a determiner or a number ("the polls", "each state", "all five"): unlike a
    bare noun after a preposition ("to bed", "in office"), part of a noun phrase that can be a source."""
    return token.pos_ == "NUM" or any(dep(c) in ("det", "nummod", "nmod:poss") for c in token.children)


def _last_noun(span) -> Token | None:
    """The last noun of the span's first run of noun-phrase words (the head of an English noun phrase),
    for spans the parse has broken up; an adjective counts after a determiner ("the 43-year-old")."""
    found = None
    determined = False
    for token in span:
        if token.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "CCONJ") or (token.is_punct and token.text not in "-–"):
            if found is not None:
                break
            continue
        determined = determined or token.pos_ == "DET"
        if is_nominal(token) or (token.pos_ == "ADJ" and determined):
            found = token
    return found
