"""Sentiment of a sentence, and sentiment toward one target mention in it.

Two layers:

* VADER, the sentence-level baseline, through ``nltk.sentiment.SentimentIntensityAnalyzer``. The
  lexicon comes from the ``vaderSentiment`` package, copied into a private cache folder that is put on
  ``nltk.data.path``: nltk reads data only from such folders and refuses symlinks, and nothing here
  ever downloads.
* ``target_sentiment``: a multinomial logistic regression over features of the target's context
  (words left and right of the masked target, VADER lexicon valence by side, distance, clause and
  negation, the target's own common words). Its weights are fitted on NewsMTSC ``rw_train`` by
  ``benchmarks/fit_sentiment.py`` and ship as plain JSON in ``data/sentiment_model.json``.

Sentence-level sentiment is not sentiment toward a target: in "X slammed Y" the sentence is negative,
Y is its object and X its subject, and news annotators read those differently. The context features
keep the side and distance of each word for that reason.
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import nltk.data
import numpy as np
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from hwresearch.errors import InputError
from hwresearch.text import word_spans

LABELS = ("negative", "neutral", "positive")

# The resource name under our own nltk data root. The file name is ours so that a
# sentiment/vader_lexicon.txt in another root on nltk.data.path cannot shadow it.
_LEXICON_RESOURCE = "sentiment/hwresearch_vader_lexicon.txt"
_MODEL_FILE = "sentiment_model.json"


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


def _label_from_compound(compound: float) -> str:
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


# --- target-dependent features ----------------------------------------------------------------

_NEGATIONS = frozenset(VaderConstants.NEGATE) | {"no", "n't", "nobody"}
_WINDOW = 5  # words each side of the target that count as its near context
_PREFIX = 5  # words of at least _PREFIX + 1 letters also give their first _PREFIX letters (a cheap stem)
_QUOTE_MARKS = "\"“”"
_CLAUSE_BREAKS = frozenset([",", ";", ":", "—", "–", "(", ")", "but", "while", "whereas", "although", "though"])
# Target words that become features even when capitalised; other capitalised target words are names,
# left out so the model learns no prior about particular people.
_FUNCTION_WORDS = frozenset(
    "i me my we us our you your he him his she her it its they them their the a an this that these those"
    " mr mrs ms dr".split()
)


def _normalise(word: str) -> str:
    """Lower case, curly apostrophes made straight, numbers folded, so rare forms share a feature."""
    word = word.lower().replace("’", "'")
    if word[:1].isdigit() or word[:1] == "$":
        return "<num>"
    return word


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding the target: news sentences come with headlines and captions glued on."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def context_features(text: str, start: int, end: int) -> dict[str, float]:
    """Features of the target ``text[start:end]`` in its sentence, as name -> value.

    Word features are keyed by side (L / R of the target) and nearness, with the target itself masked
    but for its common words ("he", "the disgraced"), so the model can tell "Trump criticized X" from
    "X criticized Trump". Names in the target give no feature: the model learns no prior about a
    person (with them it gains about 1.7 macro-F1 on NewsMTSC, from who is in the news). VADER enters as
    valence sums; VADER's own sentence scorer is left out because in nltk it costs more than all the
    rest together (about 0.2 ms a sentence) for under one point of macro-F1 in cross-validation.
    """
    lexicon = _analyzer().lexicon
    lo, hi = _segment(text, start, end)
    spans = word_spans(text, lo, hi)
    words = [_normalise(text[s:e]) for s, e in spans]
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    if not inside:
        raise InputError(f"the target text[{start}:{end}] holds no word; point start and end at the mention.")
    first, last = inside[0], inside[-1]

    feats: dict[str, float] = {
        "bias": 1.0,
        "target:first": float(first == 0 or (first == 1 and words[0] in {'"', "“"})),
        "target:relative_position": first / max(len(words), 1),
    }
    if sum(text.count(mark, lo, start) for mark in _QUOTE_MARKS) % 2:
        feats["target:in_quote"] = 1.0
    if last + 1 < len(words) and words[last + 1] in {"'s", "'"}:
        feats["target:possessive"] = 1.0

    # VADER lexicon valence (negation flipped, scaled to about [-1, 1]), summed: inside the target;
    # per side of it, plain and divided by the distance to it; and in the target's own clause, so
    # praise after ", while Smith" does not count for the Jones before it.
    lex = {key: 0.0 for key in ("T:pos", "T:neg", "L:pos", "L:neg", "R:pos", "R:neg")}
    near = {key: 0.0 for key in ("L:pos", "L:neg", "R:pos", "R:neg")}
    same = {"pos": 0.0, "neg": 0.0}
    clause_of = list(itertools.accumulate(int(w in _CLAUSE_BREAKS) for w in words))
    for i, word in enumerate(words):
        if first <= i <= last:
            if word in _FUNCTION_WORDS or not text[spans[i][0]].isupper():
                feats["T:" + word] = 1.0
            valence = lexicon.get(word)
            if valence:
                key = "T:pos" if valence > 0 else "T:neg"
                lex[key] += abs(valence) / 4.0
            continue
        side = "L" if i < first else "R"
        distance = first - i if i < first else i - last
        stem = word[:_PREFIX] if len(word) > _PREFIX else None
        feats["w:" + word] = 1.0
        if stem:
            feats["p:" + stem] = 1.0
        if distance <= _WINDOW:
            feats[f"{side}:{word}"] = 1.0
            if stem:
                feats[f"{side}p:{stem}"] = 1.0
            # the bigram that starts here, when it stays on this side of the target within the window
            nxt = i + 1
            if (side == "L" and nxt < first) or (side == "R" and nxt < len(words) and distance < _WINDOW):
                feats[f"{side}b:{word}_{words[nxt]}"] = 1.0
        if distance == 1:
            feats[f"{side}1:{word}"] = 1.0
        valence = lexicon.get(word)
        if valence:
            if any(w in _NEGATIONS for w in words[max(0, i - 3) : i]):
                valence *= VaderConstants.N_SCALAR
            key = f"{side}:pos" if valence > 0 else f"{side}:neg"
            lex[key] += abs(valence) / 4.0
            near[key] += abs(valence) / (4.0 * distance)
            if clause_of[i] == clause_of[first if i < first else last]:
                same[key[2:]] += abs(valence) / 4.0
    for key in lex:
        feats["lex:" + key] = lex[key]
    for key in near:
        feats["lexnear:" + key] = near[key]
    for key in same:
        feats["lexclause:" + key] = same[key]
    return feats


# --- the fitted model -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _weights() -> dict[str, tuple[float, float, float]]:
    """Feature name -> per-class weights, in LABELS order, from the shipped JSON model."""
    model = json.loads((files("hwresearch") / "data" / _MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(model["labels"]) != LABELS:
        raise RuntimeError(f"{_MODEL_FILE} has labels {model['labels']}, expected {list(LABELS)}")
    return {name: tuple(w) for name, w in model["weights"].items()}


def _check_target(text: object, start: object, end: object) -> tuple[int, int]:
    """The offsets as Python ints; numpy integers (the package's own tables hold them) are offsets too."""
    _check_text(text)
    if not text:
        raise InputError("text is empty; pass the sentence that contains the target mention.")
    offsets = []
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise InputError(
                f"{name} must be an int character offset into text, got {type(value).__name__}."
            )
        offsets.append(int(value))
    start, end = offsets
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


def _classify(text: str, start: int, end: int) -> str:
    weights = _weights()
    totals = [0.0, 0.0, 0.0]
    for name, value in context_features(text, start, end).items():
        w = weights.get(name)
        if w is not None:
            totals[0] += value * w[0]
            totals[1] += value * w[1]
            totals[2] += value * w[2]
    return LABELS[totals.index(max(totals))]


def target_sentiment(text: str, start: int, end: int) -> str:
    """Sentiment of ``text`` toward the mention ``text[start:end]``: positive, neutral or negative.

    Offsets are ``str`` indices with ``end`` exclusive. Raises ``InputError`` on a non-str or empty
    text and on offsets that do not mark a non-blank stretch of it.
    """
    start, end = _check_target(text, start, end)
    return _classify(text, start, end)


def target_sentiments(items: Iterable[tuple[str, int, int]]) -> list[str]:
    """``target_sentiment`` over (text, start, end) triples, one label per triple."""
    labels = []
    for k, item in enumerate(items):
        try:
            text, start, end = item
        except (TypeError, ValueError):
            raise InputError(
                f"item {k} is not a (text, start, end) triple: {item!r:.80}; pass one triple per target."
            ) from None
        try:
            start, end = _check_target(text, start, end)
        except InputError as error:
            raise InputError(f"item {k}: {error}") from None
        labels.append(_classify(text, start, end))
    return labels
