"""The linguistic layer: the shipped spaCy pipeline, sentence starts, and one parsed Doc per article.

The pipeline (tagger for the Penn tags, morphologizer for UPOS and features, dependency parser, trainable
lemmatizer) is trained by ``training/`` on UD English-EWT and ships in ``data/pipeline/``. A researcher
with another spaCy pipeline (``en_core_web_trf``, say) passes it to :func:`hwresearch.load_article` or
sets it once with :func:`use_pipeline`; stages read labels through :func:`dep`, which maps the ClearNLP
labels of spaCy's own English models onto the UD labels the rules are written for.

Sentences come from Punkt with the project's abbreviation list (so "U.S." or "Sen." does not end a
sentence) and are set on the Doc before the parser runs, which keeps them: ``doc.sents`` are the
article's sentences, and every part of the article starts a sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from hwresearch.errors import InputError
from hwresearch.lexicon import lexicon

if TYPE_CHECKING:  # spaCy is imported when a Doc is first needed: the CLI starts a second sooner
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PIPELINE_FOLDER = ("data", "pipeline")

# ClearNLP (spaCy's English models) to Universal Dependencies, for the labels the stages read.
_CLEAR_TO_UD = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "agent": "obl:agent",
    "prt": "compound:prt",
    "neg": "advmod",
    "attr": "obj",
    "dative": "iobj",
    "pobj": "obl",
    "prep": "case",
    "npadvmod": "obl:unmarked",
    "relcl": "acl:relcl",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "nn": "compound",
    "quantmod": "advmod",
    "intj": "discourse",
    "meta": "dep",
    "oprd": "xcomp",
    "acomp": "xcomp",
    "pcomp": "ccomp",
}

_active: Language | None = None


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shipped spaCy pipeline (loaded once, then shared)."""
    import spacy
    from thinc.api import use_ops

    folder = resources.files("hwresearch").joinpath(*PIPELINE_FOLDER)
    with resources.as_file(folder) as path:
        if not (path / "config.cfg").is_file():
            raise InputError(
                f"the shipped spaCy pipeline is missing from {path}; reinstall hwresearch, or rebuild it "
                "with `python training/train.py`"
            )
        # thinc multiplies with blis by default; numpy's BLAS gives the same parses (every tag, head,
        # label and lemma of PolNeAR dev identical) in half the time on this project's machine.
        with use_ops("numpy", use_blis=False):
            return spacy.load(path)


def use_pipeline(nlp: Language | None) -> None:
    """Parse articles loaded from now on with ``nlp`` (any spaCy pipeline with a parser); None: the shipped one."""
    from spacy.language import Language

    global _active
    if nlp is not None and not isinstance(nlp, Language):
        raise InputError(f"use_pipeline takes a spacy.Language or None, not {type(nlp).__name__}")
    _active = nlp


def current_pipeline() -> Language:
    """The pipeline articles are parsed with: the one set by :func:`use_pipeline`, else the shipped one."""
    return _active if _active is not None else load_pipeline()


def dep(token: Token) -> str:
    """The token's dependency label in UD terms, whichever label set the pipeline was trained on."""
    return ud_label(token.dep_)


def ud_label(label: str) -> str:
    """A dependency label in UD terms (see :func:`dep`), for labels read without a Token (:func:`token_columns`)."""
    return _CLEAR_TO_UD.get(label, label)


def token_columns(doc: Doc, attributes: Sequence[str]) -> list[list[int]]:
    """One list per attribute with its value for every token, from one array read: a stage that reads
    a few attributes of every word needs no Token object per word. Columns, not a row per token: a
    list per token kept the cyclic garbage collector running (seven to ten times the cost). String
    attributes come as ids, ``doc.vocab.strings[id]`` being the string (``token.pos_``); heads: :func:`heads`."""
    return doc.to_array(list(attributes)).T.tolist()


def heads(doc: Doc) -> list[int]:
    """The index of each token's head (a root's is its own), from one array read."""
    return (doc.to_array("HEAD").astype("int64") + np.arange(len(doc))).tolist()


def dateline(sentence: Span) -> Span | None:
    """The dateline opening the sentence, without its mark: "MOSCOW —", "WASHINGTON (AP) —", "RENO, Nev.
    —", "WASHINGTON, Jan. 22 —", "Tehran, Dec 9, IRNA --", "BEIJING, March 3 (Xinhua) --". One detector,
    so that no stage takes the place, the date or the agency for a name or for the subject of the
    sentence it opens. A place in capitals needs only the mark; a place written in Title Case also needs
    the date after it, which tells a dateline from a name that opens prose ("Hillary Clinton — who")."""
    bounds = _dateline_bounds(sentence)
    return None if bounds is None else sentence.doc[bounds[0] : bounds[2]]


def dateline_parts(sentence: Span) -> tuple[Span, Span] | None:
    """(the place, the whole dateline) of the sentence ("RENO, Nev." and "RENO, Nev., Jan. 3 (AP)"), else None."""
    bounds = _dateline_bounds(sentence)
    return None if bounds is None else (sentence.doc[bounds[0] : bounds[1]], sentence.doc[bounds[0] : bounds[2]])


_DATELINE_REACH = 12  # tokens a dateline and its mark may take ("Brasilia, 13 (Agencia Brasil - ABr) -")
_PARENTHESIS_REACH = 6  # tokens of an agency in parentheses


def _dateline_bounds(sentence: Span) -> tuple[int, int, int] | None:
    """Token indices (start, end of the place, end) of the sentence's dateline, marks excluded: a place,
    perhaps its region after a comma, perhaps a date after a comma, perhaps the agency, then a mark."""
    tokens = list(sentence[:_DATELINE_REACH])
    if not tokens or len(tokens[0].text) < 3 or not tokens[0].is_sent_start:
        return None
    marks = lexicon().dateline_marks
    i = _count(tokens, 0, lambda t: t.is_upper and any(c.isalpha() for c in t.text))
    shouted = i > 0
    if not shouted:
        i = _count(tokens, 0, lambda t: t.is_title and t.is_alpha, most=3)  # "Tehran", "Buenos Aires"
        if i == 0:
            return None
    i = _region(tokens, i)
    place_end = i
    i, dated = _date(tokens, i)
    if not (shouted or dated):
        return None
    i = _agency(tokens, i, marks)
    if i >= len(tokens) or tokens[i].text not in marks:
        return None
    return tokens[0].i, tokens[place_end - 1].i + 1, tokens[i - 1].i + 1


def _count(tokens: list, i: int, test, most: int = _DATELINE_REACH) -> int:
    """The index after the run of tokens from ``i`` that pass ``test`` (at most ``most`` of them)."""
    j = i
    while j < len(tokens) and j - i < most and test(tokens[j]):
        j += 1
    return j


def _region(tokens: list, i: int) -> int:
    """After the place, its state or country: "RENO, Nev.", "PARIS, FRANCE" (not a date: "Tokyo, Feb. 17")."""
    if i >= len(tokens) or tokens[i].text != "," or _is_date_word(tokens[i + 1 : i + 2]):
        return i
    j = _count(tokens, i + 1, lambda t: t.text[:1].isupper() or t.text == ".", most=3)
    return j if j > i + 1 else i


def _is_date_word(tokens: list) -> bool:
    """Whether the first of ``tokens`` is a month, a weekday or a number."""
    return bool(tokens) and (tokens[0].text in _date_words() or tokens[0].like_num)


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    lex = lexicon()
    return lex.month_names | lex.weekdays


def _date(tokens: list, i: int) -> tuple[int, bool]:
    """After a comma, the date: "Jan. 22", "Dec 9", "March 3, 2002", "13" (the day alone)."""
    if i + 1 >= len(tokens) or tokens[i].text != "," or not _is_date_word(tokens[i + 1 : i + 2]):
        return i, False
    j = _count(tokens, i + 1, lambda t: _is_date_word([t]), most=3)  # "Sunday March 3"
    if j + 1 < len(tokens) and tokens[j].text == "," and tokens[j + 1].like_num:
        j += 2  # the year
    return j, True


def _agency(tokens: list, i: int, marks: frozenset[str]) -> int:
    """The news agency after the place and date: "(AP)", "(Xinhua)", ", IRNA", "Kyodo", when a mark follows."""
    j = i + 1 if i < len(tokens) and tokens[i].text == "," else i
    if j < len(tokens) and tokens[j].text == "(":
        close = next((k for k in range(j + 1, min(len(tokens), j + _PARENTHESIS_REACH + 1)) if tokens[k].text == ")"), None)
        if close is not None and close + 1 < len(tokens) and tokens[close + 1].text in marks:
            return close + 1
        return i  # the parenthesis is the mark itself: "WASHINGTON (" with no closing dash
    if j + 1 < len(tokens) and (tokens[j].is_upper or tokens[j].is_title) and tokens[j].is_alpha and tokens[j + 1].text in marks:
        return j + 1
    return i


def dateline_near(token: Token) -> Span | None:
    """The dateline of the token's sentence when it could reach the token: the sentence start is looked
    for only a few tokens back (``token.sent`` walks the whole sentence, quadratic over a long one)."""
    doc = token.doc
    for k in range(token.i, max(-1, token.i - _DATELINE_REACH - 1), -1):
        if doc[k].is_sent_start:
            return dateline(doc[k : k + _DATELINE_REACH])
    return None


def in_dateline(token: Token) -> bool:
    """Whether the token is part of the dateline opening its sentence (:func:`dateline`)."""
    place = dateline_near(token) if token.is_upper or token.is_title or token.like_num else None
    return place is not None and place.start <= token.i < place.end


_HUNG_ON_DATELINE = frozenset({"appos", "conj", "list"})


def past_dateline(token: Token) -> Token | None:
    """The word a subject stands for: itself outside a dateline; inside one, the word after the
    dateline that the parse hung on it ("WASHINGTON -- President Obama said", "Tehran, Dec 9, IRNA --
    The commission condemned": the name is the place's apposition or conjunct), else None."""
    if not in_dateline(token):
        return token
    end = dateline_near(token).end
    return next((c for c in token.children if c.i >= end and dep(c) in _HUNG_ON_DATELINE), None)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(lexicon().abbreviations)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, as offsets into ``text``."""
    end = len(text) if end is None else end
    return [(start + s, start + e) for s, e in _sentence_tokenizer().span_tokenize(text[start:end])]


# Longer whitespace-free strings are split into runs of word characters and runs of other characters:
# spaCy's affix rules are quadratic in them, and 100,000 quote marks in a row are one token, not 100,000.
_LONGEST_WORD = 100
_PLAIN_TOKEN = re.compile(r"\w+|[^\w\s]+")
# Sentences longer than this many tokens (a text with no punctuation) are parsed in pieces of this size.
_LONGEST_SENTENCE = 400
_BATCH = 32  # documents a component processes at once in annotate()


def _tokens(nlp: Language, chunk: str) -> Iterator[tuple[str, bool, bool]]:
    """(word, followed by one space, is whitespace) for each token of ``chunk``."""
    if not any(len(piece) > _LONGEST_WORD for piece in chunk.split()):
        # One array read instead of a Token object per word: a quarter of the cost of building a Doc.
        doc = nlp.tokenizer(chunk)
        strings = doc.vocab.strings
        for orth, space, is_space in zip(*token_columns(doc, ["ORTH", "SPACY", "IS_SPACE"])):
            yield strings[orth], bool(space), bool(is_space)
        return
    position = 0
    for piece in re.finditer(r"\S+", chunk):
        if piece.start() > position:  # whitespace before the piece: one space joins, more is a token
            gap = chunk[position : piece.start()]
            if gap != " ":
                yield gap, False, True
        follows_space = chunk[piece.end() : piece.end() + 1] == " " and not chunk[piece.end() + 1 : piece.end() + 2].isspace()
        if len(piece.group()) > _LONGEST_WORD:
            parts = [m.group() for m in _PLAIN_TOKEN.finditer(piece.group())]
            for i, part in enumerate(parts):
                yield part, follows_space and i == len(parts) - 1, False
        else:
            tokens = list(nlp.tokenizer(piece.group()))
            for i, token in enumerate(tokens):
                yield token.text, follows_space and i == len(tokens) - 1, False
        position = piece.end() + (1 if follows_space else 0)
    if position < len(chunk):
        yield chunk[position:], False, True


def parse(text: str, segments: Iterable[tuple[int, int]], nlp: Language | None = None) -> Doc:
    """Tokenize, tag and parse ``text``, each of the ``segments`` (sorted, disjoint spans) its own sentence.

    Text outside the segments that is not whitespace (a bullet, say) becomes a sentence of its own too.
    ``doc.text == text``, and every segment is a token-aligned span of the Doc.
    """
    nlp = nlp or current_pipeline()
    return annotate([make_doc(text, segments, nlp)], nlp)[0]


def annotate(docs: list[Doc], nlp: Language | None = None) -> list[Doc]:
    """Run the pipeline's components over Docs from :func:`make_doc`, in batches (faster than one by one)."""
    nlp = nlp or current_pipeline()
    twins = [_parser_twin(doc) for doc in docs]
    stream: Iterable[Doc] = [twin.doc if isinstance(twin, _Twin) else twin for twin in twins]
    for _, component in nlp.pipeline:
        stream = component.pipe(stream, batch_size=_BATCH) if hasattr(component, "pipe") else map(component, stream)
    done = [_annotated_from(_Twin(read, twin.kept), doc) if isinstance(twin, _Twin) else read
            for doc, twin, read in zip(docs, twins, stream)]
    for doc in done:
        for i in doc.to_array("IS_SPACE").nonzero()[0].tolist():  # no Token object for the other words
            doc[i].pos_, doc[i].tag_ = "SPACE", "_SP"
        _mend_subjects(doc)
        _mend_fronted_subjects(doc)
        _mend_object_relatives(doc)
        _mend_verbal_nouns(doc)
    return done


# Labels the shipped parser gives a name that is its clause's subject ("Senator Ann Ray called ..."):
# it learnt from EWT's web text, where a name opening a sentence is often someone spoken to.
_SUBJECT_MISREAD = frozenset({"vocative", "obl:unmarked"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_LABELS = ("nsubj", "csubj", "expl")


def _mend_subjects(doc: Doc) -> None:
    """A name before a finite verb that has no subject is that verb's subject, not someone addressed
    or a bare adverbial: in news the clause needs a subject, and a person addressed stands after the
    verb or before an imperative (a base form, left alone). Times stay adverbials ("Monday, X ...")."""
    # right to left: of two names before one verb, the nearer is its subject
    for token in reversed(_names_labelled(doc, _SUBJECT_MISREAD)):
        if token.i < token.head.i and _lacks_subject(token.head):
            token.dep_ = "nsubj"


def _names_labelled(doc: Doc, labels: frozenset[str]) -> list[Token]:
    """The proper nouns the parse gives one of ``labels``, times left out ("Monday, X ..."): read
    from the label array, so only those words become Token objects."""
    wanted = {doc.vocab.strings[label] for label in labels}
    times = lexicon().date_words
    found = (doc[i] for i, label in enumerate(doc.to_array("DEP").tolist()) if label in wanted)
    return [t for t in found if t.pos_ == "PROPN" and t.lower_ not in times]


def _lacks_subject(predicate: Token) -> bool:
    """A finite predicate with no subject of its own: in news its clause still needs one."""
    return _finite(predicate) and not any(c.dep_.startswith(_SUBJECT_LABELS) for c in predicate.children)


_FRONTED_MISREAD = frozenset({"nmod", "appos", "conj"})


def _mend_fronted_subjects(doc: Doc) -> None:
    """ "In an interview with Fox News, Ryan hammered Obama": the name after a fronted phrase and its
    comma is the subject of the finite verb that phrase hangs on, when that verb has none. The shipped
    parser often joins the name to the phrase before the comma (as its nmod, apposition or conjunct),
    and the clause is left without anyone who acts."""
    for token in _names_labelled(doc, _FRONTED_MISREAD):
        i = token.i
        if i == 0 or doc[i - 1].text != "," or token.head.i > i:
            continue
        verb = token.head
        while verb.head.i != verb.i and verb.i < i:
            verb = verb.head  # up through the fronted phrase to what it hangs on
        if verb.i > i and verb.pos_ in ("VERB", "AUX") and _lacks_subject(verb):
            token.head, token.dep_ = verb, "nsubj"


_OBJECT_LABELS = frozenset({"obj", "obl", "nmod", "iobj"})


def _mend_object_relatives(doc: Doc) -> None:
    """ "Trump, whom he called a demagogue": "whom" is the object of the verb after it, whose clause
    modifies the noun before the comma. The shipped parser saw few such clauses in EWT and hangs "whom"
    on the verb as an adverb, the clause on the sentence as parataxis; a relative clause's object stays
    unread then (who was called what). Mended only where the noun is no part of the clause itself."""
    relatives, times = lexicon().object_relatives, lexicon().date_words
    lower = doc.to_array("LOWER").tolist()
    for i in [i for i, word in enumerate(lower) if doc.vocab.strings[word] in relatives]:
        relative, verb = doc[i], doc[i].head
        if dep(relative) in _OBJECT_LABELS or relative.i == 0 or verb.i <= relative.i or verb.pos_ not in ("VERB", "AUX"):
            continue
        noun = doc[relative.i - 1]
        while noun.i > 0 and noun.is_punct:
            noun = doc[noun.i - 1]
        while dep(noun) in ("flat", "compound") and noun.head.i != noun.i and noun.head.i < relative.i:
            noun = noun.head  # "Donald Trump, whom": the name's head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in times or verb.is_ancestor(noun):
            continue  # "whom" stands for a person: not a time ("met Hale on Monday, whom ...")
        if any(doc[k].is_sent_start for k in range(noun.i + 1, relative.i + 1)):
            continue  # a clause never hangs on the sentence before
        relative.dep_ = "obj"
        verb.head, verb.dep_ = noun, "acl:relcl"


_NOUN_AS_VERB = {"NNS": "VBZ", "NN": "VBP"}  # "the US fears a spillover", "the farmers fear a drought"


def _mend_verbal_nouns(doc: Doc) -> None:
    """ "the United States fears a spillover": a word tagged a noun that the parse gives a subject before
    it and an object after it is a verb, since a noun takes no object. The tagger, trained on EWT's web
    text, reads a present-tense verb spelled like a plural noun as one; every stage then misses the verb."""
    for i in [i for i, pos in enumerate(doc.to_array("POS").tolist()) if doc.vocab.strings[pos] == "NOUN"]:
        token = doc[i]
        if token.tag_ not in _NOUN_AS_VERB:
            continue
        labels = {c.dep_: c.i for c in token.children}
        if "cop" not in labels and labels.get("nsubj", i) < i < labels.get("obj", -1):  # "they are teachers": a noun
            token.pos_, token.tag_ = "VERB", _NOUN_AS_VERB[token.tag_]


def _finite(predicate: Token) -> bool:
    """A finite verb, or a predicate with a finite auxiliary or copula ("was furious")."""
    return predicate.tag_ in _FINITE_TAGS or any(c.dep_ in {"aux", "cop"} and c.tag_ in _FINITE_TAGS
                                                 for c in predicate.children)


_CURLY_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_COPIED = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP"]


class _Twin(NamedTuple):
    """What the pipeline reads of a Doc: its tokens without the whitespace inside sentences, with
    straight apostrophes; ``kept[j]`` is the index in the Doc of the twin's token ``j``."""

    doc: Doc
    kept: list[int]


def _parser_twin(doc: Doc) -> Doc | _Twin:
    """The Doc itself, or a twin for the pipeline to read, in which the Doc's line breaks and runs of
    spaces inside a sentence (hard-wrapped text: "rejected \\nthe protocol") are plain spaces, and
    curly apostrophes ("doesn’t", "we’d") are straight. The pipeline learnt English from EWT, which
    has neither: it made a line break the head of the object after it ("rejected" lost "the protocol"),
    and tagged "n’t" and "’d" as proper nouns, the subjects of their clauses. Whitespace that is a
    sentence of its own (between paragraphs) stays, so the words around it read the same context."""
    from spacy.tokens import Doc

    starts = doc.to_array("SENT_START").tolist()
    inside = [bool(space) and start != 1 for space, start in zip(doc.to_array("IS_SPACE").tolist(), starts)]
    curly = "’" in doc.text or "‘" in doc.text
    if not curly and not any(inside):
        return doc
    kept = [i for i, dropped in enumerate(inside) if not dropped]
    words = [doc[i].text for i in kept]
    if curly:
        words = [word.translate(_CURLY_APOSTROPHES) for word in words]
    spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and inside[i + 1]) for i in kept]
    return _Twin(Doc(doc.vocab, words=words, spaces=spaces, sent_starts=[starts[i] == 1 for i in kept]), kept)


def _annotated_from(twin: _Twin, doc: Doc) -> Doc:
    """``doc`` with the tags, lemmas and parse of its twin. A whitespace token the twin left out hangs
    on the word before it (its sentence starts with a word the twin kept); a word the lemmatizer left
    as it was keeps its own spelling as lemma ("O’Neill")."""
    read, kept = twin
    attributes = _COPIED + (["ENT_IOB", "ENT_TYPE"] if read.has_annotation("ENT_IOB") else [])
    # Signed views of spaCy's unsigned arrays: a head is stored as its offset from the word.
    values = read.to_array(attributes).view(np.int64)
    head, dep_label, lemma = (attributes.index(a) for a in ("HEAD", "DEP", "LEMMA"))
    iob = attributes.index("ENT_IOB") if "ENT_IOB" in attributes else None
    out = np.zeros((len(doc), len(attributes)), dtype=np.int64)
    out[kept] = values
    out[kept, head] = [kept[j + int(offset)] - i for j, (i, offset) in enumerate(zip(kept, values[:, head]))]
    space_label = np.uint64(doc.vocab.strings.add("dep")).astype(np.int64)
    position = dict(zip(kept, range(len(kept))))
    previous = 0
    for i in range(len(doc)):
        if i in position:
            previous = i
            continue
        out[i, head], out[i, dep_label] = previous - i, space_label
        out[i, lemma] = np.uint64(doc[i].orth).astype(np.int64)
        if iob is not None:  # inside a name that goes on after it, else outside any ("O")
            after = next((position[k] for k in range(i + 1, len(doc)) if k in position), None)
            goes_on = after is not None and values[after, iob] == 1
            out[i, iob], out[i, iob + 1] = (1, values[after, iob + 1]) if goes_on else (2, 0)
    doc.from_array(attributes, out.view(np.uint64))
    for j, i in enumerate(kept):
        if read[j].lemma_ == read[j].text and doc[i].text != read[j].text:
            doc[i].lemma_ = doc[i].text
    if read.tensor is not None and len(read.tensor):
        tensor = np.zeros((len(doc), read.tensor.shape[1]), dtype=read.tensor.dtype)
        tensor[kept] = read.tensor
        doc.tensor = tensor
    return doc


def make_doc(text: str, segments: Iterable[tuple[int, int]], nlp: Language | None = None) -> Doc:
    """The tokenized, unparsed Doc of ``text`` with a sentence start at every segment (see :func:`parse`)."""
    from spacy.tokens import Doc

    nlp = nlp or current_pipeline()
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []

    def add_space(gap: str) -> None:
        if words and not spaces[-1] and gap[:1] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:  # a line break or a run of spaces: a sentence of its own, so the parser never sees it
            words.append(gap)
            spaces.append(False)
            starts.append(True)

    def add_between(gap: str) -> None:
        """Text between segments: its whitespace stays whitespace, what is inside is a segment too."""
        core = gap.strip()
        lead = gap[: len(gap) - len(gap.lstrip())]
        add_space(lead)
        if core:
            add_segment(core)
            add_space(gap[len(lead) + len(core) :])

    def add_segment(chunk: str) -> None:
        first = True
        length = 0  # tokens since the sentence started
        for word, space, is_space in _tokens(nlp, chunk):
            if length >= _LONGEST_SENTENCE and not is_space:
                first, length = True, 0  # a sentence of no punctuation: parsed in pieces
            words.append(word)
            spaces.append(space)
            starts.append(first and not is_space)
            first = first and is_space
            length += 1

    position = 0
    for start, end in segments:
        if start < position or end <= start:
            continue
        add_between(text[position:start])
        add_segment(text[start:end])
        position = end
    add_between(text[position:])

    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    _split_datelines(doc, [i for i, start in enumerate(starts) if start])
    return doc



def _split_datelines(doc: Doc, sentence_starts: list[int]) -> None:
    """Parse a dateline as a sentence of its own: the parser, which never saw one in training, hangs the
    sentence's subject on the place ("Tehran, Dec 9, IRNA -- The commission condemned": the place as
    subject, the commission its conjunct). The article's sentences (Punkt's) stay as they are."""
    for k in sentence_starts:
        bounds = _dateline_bounds(doc[k : k + _DATELINE_REACH])
        if bounds is None:
            continue
        after = bounds[2] + 1  # the word after the dateline's mark
        while after < len(doc) and doc[after].is_space:
            after += 1
        if after < len(doc) and not doc[after].is_sent_start:
            doc[after].is_sent_start = True
