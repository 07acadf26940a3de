"""Sentiment of a sentence, and sentiment toward one target mention in it.

Two layers:

* VADER, the sentence-level baseline, through ``nltk.sentiment.SentimentIntensityAnalyzer``. The
  lexicon comes from the ``vaderSentiment`` package, copied into a private cache folder that is put on
  ``nltk.data.path``: nltk reads data only from such folders and refuses symlinks, and nothing here
  ever downloads. :func:`evaluation_label` is VADER with the news words, the package's own reading.
* ``target_sentiment`` / ``target_sentiments``: a blend of a bidirectional GRU over static word
  vectors and a TF-IDF logistic regression, both reading the target's context with the target's
  names masked, plus lexicon features (VADER's words with the news words it lacks, from
  ``lang/en/sentiment.toml``, and TextBlob's Pattern lexicon, by side, distance and clause). Fitted on NewsMTSC ``rw_train`` by ``benchmarks/fit_sentiment.py``; the arrays ship in
  ``data/sentiment_model.npz`` and run here in numpy, so neither torch nor scikit-learn is needed.

Sentence-level sentiment is not sentiment toward a target: in "X slammed Y" the sentence is negative,
Y is its object and X its subject, and news annotators read those differently. The context features
keep the side and distance of each word for that reason.
"""

from __future__ import annotations

import atexit
import importlib.util
import itertools
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import nltk.data
import numpy as np
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants
from threadpoolctl import ThreadpoolController

from hwresearch.errors import InputError
from hwresearch.lexicon import lexicon as word_classes
from hwresearch.text import word_spans

LABELS = ("negative", "neutral", "positive")

# The resource name under our own nltk data root. The file name is ours so that a
# sentiment/vader_lexicon.txt in another root on nltk.data.path cannot shadow it.
_LEXICON_RESOURCE = "sentiment/hwresearch_vader_lexicon.txt"
_MODEL_FILE = "sentiment_model.npz"


# --- VADER, offline ---------------------------------------------------------------------------


def _temp_root() -> Path:
    """A fresh private (0700) data root for this process only, removed when it exits."""
    root = Path(tempfile.mkdtemp(prefix="hwresearch_nltk_data_"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    (root / "sentiment").mkdir(mode=0o700)
    return root


def _cache_root() -> Path:
    """The per-user nltk data root for the lexicon copy, ``~/.cache/hwresearch/nltk_data``.

    nltk refuses a data root that another account can write to, so the folders are made 0700. Raises
    OSError when the cache cannot be made (read-only home, a file in the way).
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    root = Path(base) / "hwresearch" / "nltk_data"
    (root / "sentiment").mkdir(parents=True, exist_ok=True)
    for folder in (root, root / "sentiment"):
        os.chmod(folder, 0o700)
    return root


def _install_lexicon(root: Path) -> None:
    """Copy ``vader_lexicon.txt`` from the vaderSentiment package unless an identical copy is there."""
    content = (files("vaderSentiment") / "vader_lexicon.txt").read_bytes()
    target = root / _LEXICON_RESOURCE
    if target.is_file() and not target.is_symlink() and target.read_bytes() == content:
        return
    # Write beside the target and rename, so a concurrent reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".lexicon_")
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    os.replace(tmp, target)


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """nltk's VADER on the vaderSentiment lexicon, from the user cache or else a temp folder."""
    try:
        root = _cache_root()
        _install_lexicon(root)
    except OSError:
        root = _temp_root()
        _install_lexicon(root)
    if str(root) not in nltk.data.path:
        nltk.data.path.append(str(root))
    return SentimentIntensityAnalyzer(lexicon_file=_LEXICON_RESOURCE)


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise InputError(
            f"text must be a str, got {type(text).__name__}; pass the sentence as a Python string."
        )


def vader_scores(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` scores of ``text`` (no target)."""
    _check_text(text)
    return _analyzer().polarity_scores(text)


def vader_label(text: str) -> str:
    """The VADER baseline label: compound >= 0.05 positive, <= -0.05 negative, else neutral."""
    return _label_from_compound(vader_scores(text)["compound"])


@lru_cache(maxsize=1)
def _news_analyzer() -> SentimentIntensityAnalyzer:
    """VADER with the evaluative words of news that its lexicon lacks (``lang/en/sentiment.toml``)."""
    _analyzer()  # installs the lexicon file where nltk finds it
    analyzer = SentimentIntensityAnalyzer(lexicon_file=_LEXICON_RESOURCE)
    analyzer.lexicon.update(word_classes().news_valence)
    analyzer.lexicon.update({_exclamation_word(phrase): value
                             for phrase, value in word_classes().exclamation_valence.items() if value})
    return analyzer


def _exclamation_word(phrase: str) -> str:
    """The one word an exclamation is read as: letters only, so VADER's tokenizer keeps it whole."""
    return "exclamation" + re.sub(r"[^a-z]", "", phrase.lower())


def evaluation_label(text: str) -> str:
    """How a speaker's own words judge, where no target is named: VADER's rules (negation, "but",
    intensifiers) over its lexicon and the news words it lacks ("phony", "corruption"), an oath read
    as a whole ("God help us": dismay; BASIL dev HTP 36.1 -> 37.9, all from one article that says it
    three times). The plain VADER label (:func:`vader_label`) stays the baseline."""
    _check_text(text)
    as_words = "".join(_as_words(text))  # "God help us": dismay, not VADER's "help"
    return _label_from_compound(_news_analyzer().polarity_scores(as_words)["compound"])


def _as_words(text: str) -> Iterator[str]:
    """``text`` with each oath or exclamation replaced by the one word of its valence as a whole."""
    last = 0
    for match in word_classes().exclamations_in(text):
        yield text[last:match.start()]
        yield f" {_exclamation_word(match.group())} "
        last = match.end()
    yield text[last:]


def _label_from_compound(compound: float) -> str:
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


# --- target-dependent features ----------------------------------------------------------------

_WINDOW = 4  # words each side of the target that count as its near context
_NAME = "<name>"  # a capitalised target word: the model learns no prior about a particular person
_NEGATIONS = frozenset(VaderConstants.NEGATE) | {"no", "n't", "nobody"}
_QUOTE_MARKS = "\"“”"
_CLAUSE_BREAKS = frozenset([",", ";", ":", "—", "–", "(", ")", "but", "while", "whereas", "although", "though"])
# Target words kept even when capitalised ("He", "The"); other capitalised target words are names.
_FUNCTION_WORDS = frozenset(
    "i me my we us our you your he him his she her it its they them their the a an this that these those"
    " mr mrs ms dr".split()
)
_LEXICONS = ("vader", "pattern")
_LEXICON_SLOTS = ("T", "L", "R", "Lnear", "Rnear", "Lwin", "Rwin", "clause")
# The dense features, in the order of the model's dense coefficients.
DENSE_FEATURES = (
    *(f"{lex}:{slot}:{sign}" for lex in _LEXICONS for slot in _LEXICON_SLOTS for sign in ("pos", "neg")),
    "target:first",
    "target:relative_position",
    "target:in_quote",
    "target:possessive",
    "sentence:log_words",
)


def _normalise(word: str) -> str:
    """Lower case, curly apostrophes made straight, numbers folded, so rare forms share a feature."""
    word = word.lower().replace("’", "'")
    if word[:1].isdigit() or word[:1] == "$":
        return "<num>"
    return word


@lru_cache(maxsize=1)
def _pattern_lexicon() -> dict[str, float]:
    """Word -> polarity in [-1, 1] from the Pattern adjective lexicon that TextBlob ships (PDDL).

    Read from the file, without importing TextBlob; a word's senses are averaged, as Pattern does.
    """
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the textblob package is missing; reinstall hwresearch to get its lexicon")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    senses: dict[str, list[float]] = {}
    for word in ElementTree.parse(path).getroot().iter("word"):
        form = word.get("form", "").lower()
        if form and " " not in form:
            senses.setdefault(form, []).append(float(word.get("polarity", "0")))
    means = {form: sum(values) / len(values) for form, values in senses.items()}
    return {form: value for form, value in means.items() if value}


def _lexicons() -> tuple[dict[str, float], dict[str, float]]:
    """VADER valence scaled to about [-1, 1] and Pattern polarity, word -> value."""
    return _vader_valence(), _pattern_lexicon()


@lru_cache(maxsize=1)
def _vader_valence() -> dict[str, float]:
    return {word: valence / 4.0 for word, valence in _news_analyzer().lexicon.items()}


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding the target: news sentences come with headlines and captions glued on."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


class TargetContext(NamedTuple):
    """What the model sees of one target: the line's words, where the target is, dense features.

    Capitalised target words become ``<name>`` so the model learns no prior about a particular person
    (with names it gains about 1.7 macro-F1 on NewsMTSC, from who is in the news).
    """

    words: list[str]
    first: int
    last: int
    dense: list[float]


def _context(text: str, start: int, end: int, spans: list[tuple[int, int]], words: list[str]) -> TargetContext:
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    if not inside:
        raise InputError(f"the target text[{start}:{end}] holds no word; point start and end at the mention.")
    first, last = inside[0], inside[-1]
    masked = list(words)
    for i in inside:
        if words[i] not in _FUNCTION_WORDS and text[spans[i][0]].isupper():
            masked[i] = _NAME

    # Lexicon values per slot: inside the target; each side, plain, divided by the distance, and
    # within the window; and in the target's own clause, so praise after ", while Smith" does not
    # count for the Jones before it. A negation in the three words before flips a value.
    clause_of = list(itertools.accumulate(int(w in _CLAUSE_BREAKS) for w in words))
    dense: list[float] = []
    for lexicon in _lexicons():
        sums = dict.fromkeys((f"{slot}:{sign}" for slot in _LEXICON_SLOTS for sign in ("pos", "neg")), 0.0)
        for i, word in enumerate(words):
            value = lexicon.get(word)
            if not value:
                continue
            if first <= i <= last:
                sums["T:pos" if value > 0 else "T:neg"] += abs(value)
                continue
            if any(w in _NEGATIONS for w in words[max(0, i - 3) : i]):
                value *= VaderConstants.N_SCALAR
            side = "L" if i < first else "R"
            distance = first - i if i < first else i - last
            sign = "pos" if value > 0 else "neg"
            sums[f"{side}:{sign}"] += abs(value)
            sums[f"{side}near:{sign}"] += abs(value) / distance
            if distance <= _WINDOW:
                sums[f"{side}win:{sign}"] += abs(value)
            if clause_of[i] == clause_of[first if i < first else last]:
                sums[f"clause:{sign}"] += abs(value)
        dense.extend(sums.values())
    quotes = sum(text.count(mark, spans[0][0], start) for mark in _QUOTE_MARKS)
    dense += [
        float(first == 0 or (first == 1 and words[0] in {'"', "“"})),
        first / len(words),
        float(quotes % 2),
        float(last + 1 < len(words) and words[last + 1] in {"'s", "'"}),
        math.log1p(len(words)),
    ]
    return TargetContext(masked, first, last, dense)


def target_contexts(text: str, spans: Iterable[tuple[int, int]]) -> list[TargetContext]:
    """The model's view of each target ``text[start:end]``; every line of ``text`` is tokenised once.

    Used by the fitting script too, so training and inference see the same features.
    """
    lines: dict[tuple[int, int], tuple[list[tuple[int, int]], list[str]]] = {}
    contexts = []
    for start, end in spans:
        segment = _segment(text, start, end)
        if segment not in lines:
            word_offsets = word_spans(text, *segment)
            lines[segment] = (word_offsets, [_normalise(text[s:e]) for s, e in word_offsets])
        contexts.append(_context(text, start, end, *lines[segment]))
    return contexts


# --- the fitted model -------------------------------------------------------------------------


_CHUNK = 128  # targets scored together
MARKS = 3  # per word: inside the target; distance before it; distance after it


def window(context: TargetContext, span: int) -> tuple[list[str], np.ndarray]:
    """The words within ``span`` of the target, and per word its marks: in the target (1 / 0), and
    the distance to the target over ``span`` on the left and on the right, so the recurrent layer
    knows where the target is from every word."""
    lo, hi = max(0, context.first - span), min(len(context.words), context.last + 1 + span)
    positions = np.arange(lo, hi)
    marks = np.zeros((hi - lo, MARKS), dtype=np.float32)
    marks[:, 0] = (positions >= context.first) & (positions <= context.last)
    marks[:, 1] = np.clip(context.first - positions, 0, None) / span
    marks[:, 2] = np.clip(positions - context.last, 0, None) / span
    return context.words[lo:hi], marks


FIELDS = ("left", "target", "right", "sentence")
_MASK = "<t>"  # the target in the sentence field of the linear model
_BAG_WINDOW = 6  # words each side of the target in the left and right fields


def fields(context: TargetContext) -> dict[str, list[str]]:
    """The linear model's bags of words: six words each side, the target, the line with the target masked."""
    words, first, last = context.words, context.first, context.last
    return {
        "left": words[max(0, first - _BAG_WINDOW) : first],
        "target": words[first : last + 1],
        "right": words[last + 1 : last + 1 + _BAG_WINDOW],
        "sentence": [*words[:first], _MASK, *words[last + 1 :]],
    }


def ngrams(tokens: list[str]) -> list[str]:
    """Unigrams and bigrams of a field, the terms its TF-IDF vocabulary is made of."""
    return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))]


class _Linear:
    """A logistic regression over TF-IDF of each field and the standardised dense features.

    TF-IDF as scikit-learn computes it (raw counts times idf, each field scaled to unit length),
    redone here from the exported vocabulary and weights.
    """

    def __init__(self, arrays: Mapping[str, np.ndarray]):
        self.columns: dict[str, dict[str, int]] = {}
        offset = 0
        for field in FIELDS:
            terms = arrays[f"linear_vocab_{field}"].tolist()
            self.columns[field] = {term: offset + k for k, term in enumerate(terms)}
            offset += len(terms)
        self.idf = arrays["linear_idf"].astype(np.float64)
        self.coef = arrays["linear_coef"].astype(np.float64)  # (columns + dense, classes)
        self.intercept = arrays["linear_intercept"].astype(np.float64)
        self.dense_offset = offset

    def probabilities(self, contexts: list[TargetContext], dense: np.ndarray) -> np.ndarray:
        # One entry per (target, field, term found), summed per row at the end.
        rows: list[int] = []
        groups: list[int] = []
        cols: list[int] = []
        group = 0
        for row, context in enumerate(contexts):
            for field, tokens in fields(context).items():
                columns = self.columns[field]
                found = [col for col in map(columns.get, ngrams(tokens)) if col is not None]
                if found:
                    cols += found
                    rows += [row] * len(found)
                    groups += [group] * len(found)
                    group += 1
        cols_a = np.array(cols, dtype=np.int64)
        groups_a = np.array(groups, dtype=np.int64)
        # Raw counts times idf, each field scaled to unit length: repeats of a term simply add up.
        _, first, repeats = np.unique(groups_a * len(self.idf) + cols_a, return_index=True, return_counts=True)
        tfidf = self.idf[cols_a[first]] * repeats
        norms = np.sqrt(np.bincount(groups_a[first], weights=tfidf * tfidf, minlength=group))
        logits = dense @ self.coef[self.dense_offset :] + self.intercept
        contrib = self.coef[cols_a[first]] * (tfidf / norms[groups_a[first]])[:, None]
        row_of = np.array(rows, dtype=np.int64)[first]
        for k in range(logits.shape[1]):
            logits[:, k] += np.bincount(row_of, weights=contrib[:, k], minlength=len(contexts))
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x); numpy's float32 exp is about twice as fast as its tanh."""
    with np.errstate(over="ignore"):  # e^-x overflows to inf for very negative x: the value is 0
        return 1.0 / (1.0 + np.exp(-x))


class _Recurrent:
    """Small bidirectional GRUs (one or more members), run in numpy.

    Each member reads the words near the target as static word vectors through a linear layer of its
    own (shipped already applied, one row per word), with marks for where the target is (``window``);
    it pools the GRU states over the target and over the window, adds the dense lexicon features and
    ends in one linear layer. The members' probabilities are averaged.
    """

    def __init__(self, arrays: Mapping[str, np.ndarray]):
        self.index = {word: k for k, word in enumerate(arrays["words"].tolist())}
        # Per member, each word's vector already passed through that member's input layer.
        self.inputs_of_words = arrays["word_inputs"].astype(np.float32)
        self.span = int(arrays["span"])
        # Per member and direction: input and hidden weights and biases in torch's (r, z, n) order.
        self.w_ih, self.w_hh = arrays["w_ih"].astype(np.float32), arrays["w_hh"].astype(np.float32)
        self.b_ih, self.b_hh = arrays["b_ih"].astype(np.float32), arrays["b_hh"].astype(np.float32)
        self.w_out, self.b_out = arrays["w_out"].astype(np.float32), arrays["b_out"].astype(np.float32)

    def inputs(self, contexts: list[TargetContext]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Word ids (0: no vector), per-word marks (see ``window``) and lengths, padded at the end."""
        windows = [window(c, self.span) for c in contexts]
        lengths = np.array([len(words) for words, _ in windows])
        ids = np.zeros((len(windows), lengths.max()), dtype=np.int64)
        marks = np.zeros((*ids.shape, MARKS), dtype=np.float32)
        for row, (words, word_marks) in enumerate(windows):
            ids[row, : len(words)] = [self.index.get(word, 0) for word in words]
            marks[row, : len(words)] = word_marks
        return ids, marks, lengths

    def _states(self, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """torch.nn.GRU's recurrence for every member and both directions at once.

        x is (members, batch, time, in), padded at the end; returns states (members, batch, time,
        2 * hidden) with the backward direction reading each line from its own last word.
        """
        members, size = self.w_hh.shape[0], self.w_hh.shape[-1]
        steps = np.arange(x.shape[2])
        back = np.where(steps[None, :] < lengths[:, None], lengths[:, None] - 1 - steps[None, :], steps[None, :])
        rows = np.arange(x.shape[1])[:, None]
        both = np.stack([x, x[:, rows, back]], axis=1)  # (members, 2, batch, time, in)
        batch, time = x.shape[1], x.shape[2]
        # The input half of every gate for every step in one matrix product, laid out time first so
        # each step reads one contiguous block: (time, members, 2, batch, 3 * hidden).
        flat = both.reshape(members, 2, batch * time, -1) @ self.w_ih.transpose(0, 1, 3, 2)
        gates_x = flat.reshape(members, 2, batch, time, -1) + self.b_ih[:, :, None, None, :]
        gates_x = np.ascontiguousarray(gates_x.transpose(3, 0, 1, 2, 4))
        w_hh_t = np.ascontiguousarray(self.w_hh.transpose(0, 1, 3, 2))
        b_hh = self.b_hh[:, :, None, :]
        h = np.zeros((members, 2, batch, size), dtype=np.float32)
        out = np.empty((time, members, 2, batch, size), dtype=np.float32)
        for t in range(time):
            gx, gh = gates_x[t], h @ w_hh_t + b_hh
            rz = _sigmoid(gx[..., : 2 * size] + gh[..., : 2 * size])
            n = 2.0 * _sigmoid(2.0 * (gx[..., 2 * size :] + rz[..., :size] * gh[..., 2 * size :])) - 1.0  # tanh
            z = rz[..., size:]
            h = n + z * (h - n)
            out[t] = h
        out = out.transpose(1, 2, 3, 0, 4)  # (members, 2, batch, time, hidden)
        return np.concatenate([out[:, 0], out[:, 1][:, rows, back]], axis=3)

    def probabilities(self, contexts: list[TargetContext], dense: np.ndarray) -> np.ndarray:
        """Class probabilities in LABELS order, one row per target.

        Targets go through in chunks of similar length, so little time is spent on padding.
        """
        order = sorted(range(len(contexts)), key=lambda k: len(contexts[k].words))
        result = np.empty((len(contexts), len(LABELS)))
        for lo in range(0, len(order), _CHUNK):
            chunk = order[lo : lo + _CHUNK]
            result[chunk] = self._chunk_probabilities([contexts[k] for k in chunk], dense[chunk])
        return result

    def _chunk_probabilities(self, contexts: list[TargetContext], dense: np.ndarray) -> np.ndarray:
        ids, marks, lengths = self.inputs(contexts)
        words = self.inputs_of_words[:, ids]  # (members, batch, time, input size)
        x = np.concatenate([words, np.broadcast_to(marks, (len(words), *marks.shape))], axis=3)
        states = self._states(x, lengths)
        flags = marks[None, :, :, 0, None]
        target = (states * flags).sum(axis=2) / flags.sum(axis=2)
        real = (np.arange(ids.shape[1])[None, :] < lengths[:, None])[None, :, :, None]
        line = np.where(real, states, -np.inf).max(axis=2)
        dense = dense.astype(np.float32)
        features = np.concatenate([target, line, np.broadcast_to(dense, (len(self.w_out), *dense.shape))], axis=2)
        logits = features @ self.w_out.transpose(0, 2, 1) + self.b_out[:, None, :]
        logits -= logits.max(axis=2, keepdims=True)
        p = np.exp(logits)
        return (p / p.sum(axis=2, keepdims=True)).mean(axis=0)


class _Model:
    """The shipped classifier: the recurrent and the linear model's probabilities, blended.

    The two err differently (the GRU reads word order and unseen words through their vectors, the
    linear model exact phrases), and on NewsMTSC dev the blend beats either. Everything is numpy
    arrays in one ``.npz`` read without pickle, so loading needs neither torch nor scikit-learn.
    """

    def __init__(self, arrays: Mapping[str, np.ndarray]):
        if tuple(arrays["labels"]) != LABELS:
            raise RuntimeError(f"{_MODEL_FILE} has labels {list(arrays['labels'])}, expected {list(LABELS)}")
        if tuple(arrays["dense_features"]) != DENSE_FEATURES:
            raise RuntimeError(f"{_MODEL_FILE} was fitted on other dense features; refit it")
        self.dense_mean = arrays["dense_mean"].astype(np.float64)
        self.dense_scale = arrays["dense_scale"].astype(np.float64)
        self.recurrent = _Recurrent(arrays)
        self.linear = _Linear(arrays)
        self.blend = float(arrays["blend"])  # the linear model's share

    def probabilities(self, contexts: list[TargetContext]) -> np.ndarray:
        """Class probabilities in LABELS order, one row per target."""
        dense = (np.array([c.dense for c in contexts], dtype=np.float64) - self.dense_mean) / self.dense_scale
        linear = self.linear.probabilities(contexts, dense)
        return self.blend * linear + (1.0 - self.blend) * self.recurrent.probabilities(contexts, dense)


@lru_cache(maxsize=1)
def _model() -> _Model:
    with (files("hwresearch") / "data" / _MODEL_FILE).open("rb") as stream, np.load(stream, allow_pickle=False) as arrays:
        return _Model(arrays)


def _offset(name: str, value: object) -> int:
    """A character offset as a Python int; numpy integers (from DataFrame columns) are welcome."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise InputError(f"{name} must be an int character offset into text, got {type(value).__name__}.")
    return int(value)


def _check_span(text: str, start: object, end: object) -> tuple[int, int]:
    start, end = _offset("start", start), _offset("end", end)
    if not 0 <= start < end <= len(text):
        raise InputError(
            f"target offsets start={start}, end={end} do not mark a mention in a text of length "
            f"{len(text)}; pass 0 <= start < end <= len(text), with end exclusive (text[start:end])."
        )
    if not text[start:end].strip():
        raise InputError(
            f"the target text[{start}:{end}] is only whitespace; point start and end at the mention."
        )
    return start, end


def _check_text_for_targets(text: object) -> None:
    _check_text(text)
    if not text:
        raise InputError("text is empty; pass the sentence that contains the target mention.")


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _classify(text: str, spans: list[tuple[int, int]]) -> list[str]:
    if not spans:
        return []
    # The model's matrices are small: extra BLAS threads spin more than they compute, and on a
    # two-core machine they cost the statements stage nearly half its CPU time (same labels).
    with _blas().limit(limits=1, user_api="blas"):
        best = _model().probabilities(target_contexts(text, spans)).argmax(axis=1)
    return [LABELS[k] for k in best]


def target_sentiment(text: str, start: int, end: int) -> str:
    """Sentiment of ``text`` toward the mention ``text[start:end]``: positive, neutral or negative.

    Offsets are ``str`` indices (Python or numpy integers) with ``end`` exclusive. Raises
    ``InputError`` on a non-str or empty text and on offsets that do not mark a non-blank stretch of it.
    """
    _check_text_for_targets(text)
    return _classify(text, [_check_span(text, start, end)])[0]


def target_sentiments(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """``target_sentiment`` toward every ``(start, end)`` mention of one text, one label per span.

    One call per document: each line is tokenised once and the model scores all targets together,
    so labelling every target of a corpus costs little more than reading it. Raises ``InputError``
    naming the first bad span.
    """
    _check_text_for_targets(text)
    checked = []
    for k, item in enumerate(spans):
        try:
            start, end = item
        except (TypeError, ValueError):
            raise InputError(f"span {k} is not a (start, end) pair: {item!r:.80}; pass one pair per target.") from None
        try:
            checked.append(_check_span(text, start, end))
        except InputError as error:
            raise InputError(f"span {k}: {error}") from None
    return _classify(text, checked)
