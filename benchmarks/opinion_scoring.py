"""The opinion-matching rule of the data README, shared by the MPQA and BASIL stance benchmarks.

A gold opinion is (sentence, holder words, polarity, target text); a prediction is a
``stance_statements`` row placed in the gold sentence its evidence overlaps most. The holder matches
when it shares a content word with the gold holder's words; the target when it shares a content word
with the gold target text. Levels: H (sentence + holder), HP (+ polarity), HTP (+ target). Precision
is over predictions, recall over gold (a prediction is right when some gold opinion matches it).

Also the baseline the README names: VADER's sentence sign, the sentence's first name as holder and
the nearest other name as target.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from hwresearch.lexicon import lexicon
from hwresearch.sentiment import vader_scores
from hwresearch.stance import ARTICLE_HOLDER

LEVELS = ("H", "HP", "HTP")
POLARITY = {"favor": "positive", "against": "negative"}


def _stop_words() -> frozenset[str]:
    lex = lexicon()
    words = set(lex.determiners | lex.possessive_determiners | lex.prepositions | lex.auxiliaries | lex.coordinators
                | lex.subordinators | lex.object_pronouns | lex.relative_pronouns | lex.wh_words | lex.quantifiers
                | lex.negations | set(lex.pronoun_referents) | lex.role_nouns | lex.title_modifiers)
    words |= {t.lower().rstrip(".") for t in lex.titles} | {t.lower() for t in lex.trailing_titles}
    words |= {"government", "governments", "official", "officials", "spokesman", "spokeswoman", "s"}
    return frozenset(words)


STOP = _stop_words()


def content_words(text: str) -> set[str]:
    """Lower-case words of ``text`` without function words, pronouns, titles and role nouns."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("_", " ")) if len(w) > 1 and w not in STOP}


@dataclass(frozen=True)
class Gold:
    sentence: int
    holder: frozenset[str]
    polarity: str  # positive / negative
    target: frozenset[str]


@dataclass(frozen=True)
class Prediction:
    sentence: int
    holder: frozenset[str]
    polarity: str  # positive / negative / neutral
    target: frozenset[str]


def place(start: int, end: int, sentences: list[tuple[int, int]]) -> int | None:
    """The index of the gold sentence that ``[start, end)`` overlaps most (None: no overlap)."""
    starts = [s for s, _ in sentences]
    best, overlap = None, 0
    for i in range(max(0, bisect_right(starts, start) - 1), len(sentences)):
        s, e = sentences[i]
        if s >= end:
            break
        o = min(e, end) - max(s, start)
        if o > overlap:
            best, overlap = i, o
    return best


def predictions(statements: pd.DataFrame, sentences: list[tuple[int, int]]) -> list[Prediction]:
    """Signed statements not held by the article, placed in the gold sentences."""
    found = []
    for row in statements.itertuples(index=False):
        if row.holder == ARTICLE_HOLDER or row.polarity not in POLARITY:
            continue
        sentence = place(int(row.start), int(row.end), sentences)
        if sentence is not None:
            found.append(Prediction(sentence, frozenset(content_words(str(row.holder))), POLARITY[row.polarity],
                                    frozenset(content_words(str(row.target)))))
    return found


def matches(p: Prediction, g: Gold, level: str) -> bool:
    if p.sentence != g.sentence or not (p.holder & g.holder):
        return False
    if level != "H" and p.polarity != g.polarity:
        return False
    return level != "HTP" or bool(p.target & g.target)


def score(preds: list[list[Prediction]], golds: list[list[Gold]]) -> dict[str, dict[str, float]]:
    """P/R/F1 (in %) at each level over documents given as parallel lists."""
    out = {}
    for level in LEVELS:
        right = sum(any(matches(p, g, level) for g in gs) for ps, gs in zip(preds, golds) for p in ps)
        found = sum(any(matches(p, g, level) for p in ps) for ps, gs in zip(preds, golds) for g in gs)
        n_pred, n_gold = sum(map(len, preds)), sum(map(len, golds))
        precision = 100 * right / n_pred if n_pred else 0.0
        recall = 100 * found / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[level] = {"precision": round(precision, 1), "recall": round(recall, 1), "f1": round(f1, 1)}
    out["counts"] = {"predictions": sum(map(len, preds)), "gold": sum(map(len, golds))}
    return out


def count_errors(preds: list[Prediction], gold: list[Gold], spurious: Counter, missed: Counter) -> None:
    """Add each wrong prediction and each missed gold opinion (at HTP) to its counter, under the first
    level it fails at: the causes both benchmarks report and notebook 01 shows."""
    for p in preds:
        if not any(matches(p, g, "HTP") for g in gold):
            here = [g for g in gold if g.sentence == p.sentence]
            spurious["no gold opinion in the sentence" if not here else
                     "holder wrong" if not any(matches(p, g, "H") for g in here) else
                     "polarity wrong" if not any(matches(p, g, "HP") for g in here) else "target wrong"] += 1
    for g in gold:
        if not any(matches(p, g, "HTP") for p in preds):
            here = [p for p in preds if p.sentence == g.sentence]
            missed["no signed prediction in the sentence" if not here else
                   "no prediction with this holder" if not any(matches(p, g, "H") for p in here) else
                   "holder found, polarity wrong or neutral" if not any(matches(p, g, "HP") for p in here) else
                   "holder and polarity found, target wrong"] += 1


def baseline(text: str, sentences: Iterable[tuple[int, int]], mentions: pd.DataFrame) -> pd.DataFrame:
    """VADER's sentence sign; holder: the sentence's first name; target: the nearest other name."""
    rows = []
    names = mentions.dropna(subset=["start"]).sort_values("start")
    for s, e in sentences:
        compound = vader_scores(text[s:e])["compound"]
        if abs(compound) < 0.05:
            continue
        here = names[(names["start"] >= s) & (names["end"] <= e)]
        if len(here) < 2:
            continue
        first = here.iloc[0]
        holder = first["actor"] if isinstance(first["actor"], str) else text[int(first["start"]):int(first["end"])]
        others = here.iloc[1:]
        nearest = others.iloc[(others["start"] - int(first["end"])).abs().argsort().iloc[0]]
        target = nearest["actor"] if isinstance(nearest["actor"], str) else text[int(nearest["start"]):int(nearest["end"])]
        rows.append({"holder": holder, "target": target, "polarity": "favor" if compound > 0 else "against",
                     "start": s, "end": e})
    return pd.DataFrame(rows, columns=["holder", "target", "polarity", "start", "end"])


def print_table(name: str, figures: dict) -> None:
    print(f"{name:<12}" + "".join(f"  {lv}: P {figures[lv]['precision']:5.1f} R {figures[lv]['recall']:5.1f} "
                                  f"F1 {figures[lv]['f1']:5.1f}" for lv in LEVELS)
          + f"   ({figures['counts']['predictions']} predictions, {figures['counts']['gold']} gold)")
