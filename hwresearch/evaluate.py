"""Scoring against gold: quote attributions, stance statements, and agreement between coders.

One module holds every scorer so that the tests, the notebooks and the benchmarks measure the same way.

* Quotes, the PolNeAR rule (``../data/README.md``): a predicted quote matches a gold attribution when
  it covers more than 30% of the gold content characters, greedily one to one (best coverage first);
  the match is also right on *who said what* when the speakers agree (by default: the predicted
  speaker span overlaps the gold source span, or both are empty). Precision is over all predictions,
  recall over all gold attributions. :func:`match_attributions` works on plain span records, so a
  benchmark can call it with its own reader; :func:`score_quotes` applies it to the project's seed gold
  (``tests/gold/seed_quotes.csv``), whose speakers are canonical names rather than spans.
* Stance: (sentence, holder, target, polarity) tuples against a hand-coded table
  (:func:`read_stance_gold`, :func:`score_stance`), and each method's agreement with it
  (:func:`stance_agreement`).
* Agreement: Cohen's kappa and Krippendorff's alpha through ``nltk.metrics.agreement`` (no download).
* Published reference points beside this package's benchmark figures (:func:`newsmtsc_figures`,
  :func:`polnear_figures`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from nltk.metrics.agreement import AnnotationTask

from hwresearch.article import Article, load_article
from hwresearch.codebook import Codebook
from hwresearch.errors import InputError
from hwresearch.lexicon import lexicon

# Stance helpers: where a target sits, and the "no statement" label of sentence_comparison.
from hwresearch.stance import (
    NO_STATEMENT,
    POLARITIES,
    SENTIMENT_TO_POLARITY,
    issue_cue_patterns,
    issue_ids,
    stance_layers,
    target_span,
)


def _require_columns(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{what} must be a DataFrame, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what} lacks the columns {', '.join(missing)}; pass the output of extract_{what}")



Span = tuple[int, int]
COVERAGE_THRESHOLD = 0.3
KINDS = ("direct", "mixed", "indirect")


# ---- agreement ------------------------------------------------------------------------------------------


def agreement(first: Sequence[str], second: Sequence[str]) -> dict[str, float]:
    """Observed agreement, Cohen's kappa and Krippendorff's alpha (nominal) of two coders' labels.

    ``first[i]`` and ``second[i]`` label the same item. Kappa corrects for each coder's own label
    distribution, alpha for the pooled one; reporting both is the convention in content analysis.
    """
    if len(first) != len(second):
        raise InputError(f"two coders must label the same items: got {len(first)} and {len(second)} labels")
    if not len(first):
        return {"observed": 0.0, "kappa": 0.0, "alpha": 0.0}
    data = [("first", i, label) for i, label in enumerate(first)] + [("second", i, label) for i, label in enumerate(second)]
    task = AnnotationTask(data=data)
    observed = sum(a == b for a, b in zip(first, second)) / len(first)
    return {"observed": observed, "kappa": float(task.kappa()), "alpha": float(task.alpha())}


# ---- quote attribution ------------------------------------------------------------------------------


class Attribution(NamedTuple):
    """One attribution as character spans. A content may come in fragments; an empty ``speaker`` means
    no stated source. ``speaker_name`` (canonical) and ``kind`` serve the name-based scorer and the
    recall by kind; a plain ``(content, speaker)`` tuple is accepted wherever an Attribution is."""

    content: Sequence[Span]
    speaker: Sequence[Span] = ()
    speaker_name: str | None = None
    kind: str | None = None


class Match(NamedTuple):
    """A gold attribution paired with a prediction (indices into the lists given to the matcher)."""

    gold: int
    predicted: int
    coverage: float
    speaker_right: bool


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def speaker_spans_overlap(predicted: Attribution, gold: Attribution) -> bool:
    """The PolNeAR speaker test: the spans share a character, or neither attribution has a speaker."""
    if not predicted.speaker or not gold.speaker:
        return not predicted.speaker and not gold.speaker
    return any(_overlap(p, g) for p in predicted.speaker for g in gold.speaker)


def same_speaker_name(predicted: Attribution, gold: Attribution) -> bool:
    """The seed-gold speaker test: the same canonical speaker, or neither has one."""
    return (predicted.speaker_name or None) == (gold.speaker_name or None)


def match_attributions(
    predicted: Sequence[Attribution | tuple],
    gold: Sequence[Attribution | tuple],
    *,
    same_speaker: Callable[[Attribution, Attribution], bool] = speaker_spans_overlap,
    threshold: float = COVERAGE_THRESHOLD,
) -> list[Match]:
    """Greedy one-to-one matches of predictions to gold attributions, best coverage first.

    A pair is a candidate when the prediction covers more than ``threshold`` of the gold content's
    characters. Ties in coverage (two gold attributions of one content, "X maintains that C, a claim Y
    has denied"; a prediction spanning two gold contents) go to the pair whose speakers agree, then to
    the earlier gold and prediction in the lists, so the score does not hang on row order.
    """
    predicted = [Attribution(*p) for p in predicted]
    gold = [Attribution(*g) for g in gold]
    candidates = []
    for gi, g in enumerate(gold):
        size = sum(e - s for s, e in g.content)
        if size <= 0:
            continue
        for pi, p in enumerate(predicted):
            coverage = sum(_overlap(ps, gs) for ps in p.content for gs in g.content) / size
            if coverage > threshold:
                candidates.append((-coverage, not same_speaker(p, g), gi, pi))
    candidates.sort()
    used_gold, used_predicted, matches = set(), set(), []
    for negative_coverage, wrong_speaker, gi, pi in candidates:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        matches.append(Match(gi, pi, -negative_coverage, not wrong_speaker))
    return sorted(matches)


def _prf(hits: int, n_predicted: int, n_gold: int) -> dict[str, float]:
    precision = hits / n_predicted if n_predicted else 0.0
    recall = hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def attribution_scores(matches: Sequence[Match], n_predicted: int, n_gold: int) -> pd.DataFrame:
    """Precision, recall and F1 (shares, 0-1) for the content alone and for who said what.

    Rows ``content`` and ``who said what``; columns ``precision``, ``recall``, ``f1``, ``hits``,
    ``predicted``, ``gold``.
    """
    rows = {}
    for name, hits in (("content", len(matches)), ("who said what", sum(m.speaker_right for m in matches))):
        rows[name] = {**_prf(hits, n_predicted, n_gold), "hits": hits, "predicted": n_predicted, "gold": n_gold}
    return pd.DataFrame.from_dict(rows, orient="index")


def recall_by_kind(matches: Sequence[Match], gold: Sequence[Attribution]) -> pd.DataFrame:
    """Per gold kind (direct, mixed, indirect): gold count, contents found, who-said-what right, recall."""
    kinds = [Attribution(*g).kind for g in gold]
    rows = []
    for kind in KINDS:
        n = kinds.count(kind)
        found = [m for m in matches if kinds[m.gold] == kind]
        right = sum(m.speaker_right for m in found)
        rows.append({"kind": kind, "gold": n, "content found": len(found), "who said what": right,
                     "recall": right / n if n else 0.0})
    return pd.DataFrame(rows).set_index("kind")


def quote_attributions(quotes: pd.DataFrame) -> list[Attribution]:
    """The rows of :func:`hwresearch.extract_quotes` (or any frame with its span columns) as Attributions."""
    _require_columns(quotes, ("start", "end", "kind"), "quotes")
    records = []
    for row in quotes.to_dict("records"):
        start, end = row.get("speaker_start", pd.NA), row.get("speaker_end", pd.NA)
        speaker = () if pd.isna(start) or pd.isna(end) else ((int(start), int(end)),)
        name = row.get("speaker", pd.NA)
        records.append(Attribution(((int(row["start"]), int(row["end"])),), speaker,
                                   None if pd.isna(name) or name == "" else str(name), row["kind"]))
    return records


QUOTE_GOLD_COLUMNS = ("content", "cue", "kind", "speaker")


def read_quote_gold(path: str | Path | pd.DataFrame, article: Article | str | Path | None = None) -> pd.DataFrame:
    """A hand-written quote table (``content``, ``cue``, ``kind``, ``speaker``, ...) with ``start`` and ``end``.

    The gold quotes its contents verbatim rather than giving offsets, so it stays readable and survives
    edits elsewhere in the text; each content is located at its first occurrence in the article. An
    empty ``speaker`` means no stated source; speakers are canonical actor names.
    """
    article = load_article(article)
    if isinstance(path, pd.DataFrame):
        gold = path.copy()
    else:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    _require_columns(gold, QUOTE_GOLD_COLUMNS, "gold")
    bad = sorted(set(gold["kind"]) - set(KINDS))
    if bad:
        raise InputError(f"gold kinds must be one of {', '.join(KINDS)}; found {', '.join(bad)}")
    starts = []
    for content in gold["content"]:
        start = article.text.find(content)
        if start == -1 or not content:
            raise InputError(f"gold content {content[:60]!r} is not in the article; quote it verbatim")
        starts.append(start)
    gold["start"] = starts
    gold["end"] = gold["start"] + gold["content"].str.len()
    return gold


def gold_attributions(gold: pd.DataFrame) -> list[Attribution]:
    """The rows of :func:`read_quote_gold` as Attributions (content span, canonical speaker, kind)."""
    return [
        Attribution(((int(s), int(e)),), (), speaker or None, kind)
        for s, e, speaker, kind in zip(gold["start"], gold["end"], gold["speaker"], gold["kind"])
    ]


def _gold_matches(quotes: pd.DataFrame, gold: pd.DataFrame) -> list[Match]:
    """Predictions matched to :func:`read_quote_gold`'s table, speakers compared by canonical name."""
    return match_attributions(quote_attributions(quotes), gold_attributions(gold), same_speaker=same_speaker_name)


def score_quotes(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """:func:`attribution_scores` of ``extract_quotes`` output against :func:`read_quote_gold`'s table,
    a speaker being right when its canonical name is the gold's (both missing also counts)."""
    return attribution_scores(_gold_matches(quotes, gold), len(quotes), len(gold))


def quote_recall_by_kind(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """:func:`recall_by_kind` of ``extract_quotes`` output against :func:`read_quote_gold`'s table."""
    return recall_by_kind(_gold_matches(quotes, gold), gold_attributions(gold))


def quote_outcomes(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Each gold attribution with what the prediction made of it, then each prediction with no gold.

    ``outcome`` is ``right``, ``wrong speaker``, ``missed`` or ``spurious``: the table a reader checks
    the scores against.
    """
    predicted = quote_attributions(quotes)
    matches = {m.gold: m for m in _gold_matches(quotes, gold)}
    rows = []
    for gi, g in enumerate(gold.itertuples(index=False)):
        m = matches.get(gi)
        p = predicted[m.predicted] if m else None
        outcome = "missed" if m is None else ("right" if m.speaker_right else "wrong speaker")
        rows.append({"outcome": outcome, "kind": g.kind, "gold speaker": g.speaker or pd.NA,
                     "predicted speaker": (p.speaker_name or pd.NA) if p else pd.NA,
                     "coverage": m.coverage if m else pd.NA, "content": g.content})
    used = {m.predicted for m in matches.values()}
    for pi, p in enumerate(predicted):
        if pi not in used:
            s, e = p.content[0]
            rows.append({"outcome": "spurious", "kind": p.kind, "gold speaker": pd.NA,
                         "predicted speaker": p.speaker_name or pd.NA, "coverage": pd.NA,
                         "content": quotes["text"].iloc[pi] if "text" in quotes else f"{s}-{e}"})
    return pd.DataFrame(rows, columns=["outcome", "kind", "gold speaker", "predicted speaker", "coverage", "content"])


# ---- resolved speakers ---------------------------------------------------------------------------------

SPEAKER_OUTCOMES = ("right", "no covering row", "empty speaker", "wrong speaker")
MENTION_KINDS = ("pronoun", "name", "description")
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")


def name_words(name: str) -> set[str]:
    """The lower-case words of two letters or more in a name or a mention ("Rick_Perry" → rick, perry)."""
    return {w.lower() for w in _NAME_WORD.findall(name.replace("_", " "))}


def mention_kind(words: str) -> str:
    """The kind of a speaker mention: ``pronoun`` ("he", "they"), ``name`` (a capitalised word past the
    first determiner, "Sen. Warren", "the FBI") or ``description`` ("the spokesman", "officials")."""
    found = words.split()
    lexicon_ = lexicon()
    if len(found) == 1 and found[0].lower() in lexicon_.pronoun_referents:
        return "pronoun"
    if found and found[0].lower() in lexicon_.determiners | lexicon_.possessive_determiners:
        found = found[1:]
    return "name" if any(w[:1].isupper() for w in found) else "description"


def speaker_outcome(quotes: pd.DataFrame, span: Span, speaker: str, text: str) -> tuple[str, str | None]:
    """What :func:`hwresearch.extract_quotes` made of a quoted span whose speaker is ``speaker``
    (a canonical name): (outcome, mention kind). The data README's rule (a): the first row covering at
    least half of the span decides; it is ``right`` when its resolved speaker or its speaker span
    shares a name word with the gold speaker. The kind (:func:`mention_kind`) is that of the row's
    speaker span, for ``wrong speaker`` only."""
    _require_columns(quotes, ("start", "end", "speaker", "speaker_start", "speaker_end"), "quotes")
    half = (span[1] - span[0]) / 2
    for row in quotes.itertuples(index=False):
        if _overlap((int(row.start), int(row.end)), span) < half:
            continue
        if pd.isna(row.speaker_start) or pd.isna(row.speaker):
            return "empty speaker", None
        mention = text[int(row.speaker_start) : int(row.speaker_end)]
        if name_words(speaker) & (name_words(str(row.speaker)) | name_words(mention)):
            return "right", None
        return "wrong speaker", mention_kind(mention)
    return "no covering row", None


def speaker_figures(path: str | Path) -> pd.DataFrame:
    """The resolved-speaker figures of ``benchmarks/basil_speakers.py`` (its JSON) as a table: each
    outcome, and each kind of wrong mention, with its count and share of the quoted spans. A missing
    file gives an empty table."""
    path = Path(path)
    columns = ["outcome", "mention", "spans", "share"]
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    result = json.loads(path.read_text(encoding="utf-8"))
    total = result["spans"]
    rows = []
    for outcome in SPEAKER_OUTCOMES:
        rows.append({"outcome": outcome, "mention": "all", "spans": result["outcomes"][outcome]})
        if outcome == "wrong speaker":
            rows += [{"outcome": outcome, "mention": kind, "spans": result["wrong_by_mention"][kind]} for kind in MENTION_KINDS]
    frame = pd.DataFrame(rows, columns=columns)
    frame["share"] = (100 * frame["spans"] / total).round(1) if total else 0.0
    return frame


# PolNeAR dev, who-said-what F1 and recall by gold kind, as given in ../data/README.md.
POLNEAR_PEERS = {
    "Citron (retrained on PolNeAR)": {"f1": 61.2, "direct": 74.0, "mixed": 74.0, "indirect": 50.0},
    "GenderGapTracker rules": {"f1": 43.7, "direct": 84.0, "mixed": 67.0, "indirect": 28.0},
    "sayswho": {"f1": 26.3},
    "textacy": {"f1": 19.0},
}


def polnear_figures(path: str | Path) -> pd.DataFrame:
    """This package's PolNeAR dev figures (``benchmarks/polnear.py``'s JSON) beside the published peers.

    Columns ``system``, ``f1`` (who said what), ``direct``, ``mixed``, ``indirect`` (who-said-what
    recall by gold kind, in %) and ``source``. A missing file gives the peers only.
    """
    path = Path(path)
    rows = []
    if path.is_file():
        result = json.loads(path.read_text(encoding="utf-8"))
        by_kind = result.get("who_said_what_recall_by_kind", {})
        row = {"system": "hwresearch rules", "f1": float(result["who_said_what"]["f1"])}
        row.update({kind: float(by_kind[kind]["recall"]) for kind in KINDS if kind in by_kind})
        rows.append({**row, "source": "this package, measured"})
    rows += [{"system": name, **figures, "source": "published"} for name, figures in POLNEAR_PEERS.items()]
    frame = pd.DataFrame(rows, columns=["system", "f1", *KINDS, "source"])
    for column in ("f1", *KINDS):
        frame[column] = frame[column].astype("Float64")
    return frame


# ---- stance ---------------------------------------------------------------------------------------------

STANCE_GOLD_COLUMNS = ("sentence", "holder", "target", "polarity")


def read_stance_gold(path: str | Path | pd.DataFrame, article: Article | str | Path | None = None) -> pd.DataFrame:
    """A hand-coded stance table (``sentence``, ``holder``, ``target``, ``polarity``) with its ``sent_id``.

    ``sentence`` is a substring that locates exactly one sentence of the article; ``target`` is an issue
    id or an entity name.
    """
    article = load_article(article)
    gold = path.copy() if isinstance(path, pd.DataFrame) else pd.read_csv(path, dtype=str, keep_default_na=False)
    _require_columns(gold, STANCE_GOLD_COLUMNS, "gold")
    bad = sorted(set(gold["polarity"]) - set(POLARITIES))
    if bad:
        raise InputError(f"gold polarities must be one of {', '.join(POLARITIES)}; found {', '.join(bad)}")
    sentences = article.sentences
    ids = []
    for locator in gold["sentence"]:
        hits = sentences.loc[sentences["text"].str.contains(locator, regex=False), "sent_id"].tolist()
        if len(hits) != 1:
            raise InputError(f"gold sentence {locator!r} matches {len(hits)} sentences; give a substring of exactly one")
        ids.append(int(hits[0]))
    gold["sent_id"] = ids
    return gold


def score_stance(statements: pd.DataFrame, gold: pd.DataFrame, codebook: Codebook | None = None) -> dict[str, float]:
    """Precision, recall and F1 of (sentence, holder, target, polarity) tuples against the gold."""
    predicted = _stance_keys(statements, codebook)
    expected = set(zip(gold["sent_id"], gold["holder"], gold["target"], gold["polarity"]))
    hits = len(predicted & expected)
    return {**_prf(hits, len(predicted), len(expected)), "hits": hits, "predicted": len(predicted), "gold": len(expected)}


def _stance_keys(statements: pd.DataFrame, codebook: Codebook | None) -> set[tuple]:
    """(sent_id, holder, target, polarity) with issue labels turned back into ids, as the gold codes them."""
    ids = issue_ids(codebook)
    targets = statements["target"].map(lambda t: ids.get(t, t))
    return set(zip(statements["sent_id"], statements["holder"], targets, statements["polarity"]))


def stance_agreement(
    article: Article | str | Path | None,
    gold: pd.DataFrame,
    codebook: Codebook | None = None,
    *,
    statements: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cohen's kappa and Krippendorff's alpha of each method with the gold, over the gold's
    (sentence, holder, target) items.

    Methods: sentence-level VADER (positive = favor, negative = against), target sentiment toward the
    target's span (the entity mention, or the issue's cue), and the stance rules (``none`` where they
    make no statement on the item). Sentiment has no holder, so it gives every holder in a sentence
    the same label; that is the point of the comparison. Spurious statements are not items here:
    :func:`score_stance` counts them.
    """
    from hwresearch.sentiment import target_sentiment, vader_label

    article, codebook, mentions, statements = stance_layers(article, codebook, mentions, statements)
    ids = issue_ids(codebook)
    by_id = {issue.id: issue for issue in codebook.issues}
    cue_patterns = issue_cue_patterns(codebook.issues)
    by_label = {issue.label: issue for issue in codebook.issues}
    rules = {(sid, h, ids.get(t, t)): p for sid, h, t, p in zip(statements["sent_id"], statements["holder"], statements["target"], statements["polarity"])}
    sentences = article.sentences.set_index("sent_id")
    labels: dict[str, list[str]] = {"VADER (sentence)": [], "target sentiment": [], "stance rules": []}
    gold_labels = []
    for g in gold.itertuples(index=False):
        sent = sentences.loc[g.sent_id]
        gold_labels.append(g.polarity)
        labels["VADER (sentence)"].append(SENTIMENT_TO_POLARITY[vader_label(sent["text"])])
        target = by_id[g.target].label if g.target in by_id else g.target
        span = target_span(article, int(g.sent_id), target, mentions, by_label, cue_patterns)
        sentiment = "neutral"
        if span is not None:
            sentiment = target_sentiment(sent["text"], span[0] - int(sent["start"]), span[1] - int(sent["start"]))
        labels["target sentiment"].append(SENTIMENT_TO_POLARITY[sentiment])
        labels["stance rules"].append(rules.get((g.sent_id, g.holder, g.target), NO_STATEMENT))
    rows = []
    for method, coded in labels.items():
        scores = agreement(gold_labels, coded)
        rows.append({"method": method, "kappa": scores["kappa"], "alpha": scores["alpha"],
                     "agreement": scores["observed"], "items": len(gold_labels)})
    return pd.DataFrame(rows, columns=["method", "kappa", "alpha", "agreement", "items"])


# ---- published reference points -------------------------------------------------------------------------

# Published reference points for target sentiment on NewsMTSC (rw test set, macro-F1; docs/methods.md).
NEWSMTSC_REFERENCE = {"VADER baseline (published)": 51.3, "best published (NewsMTSC)": 83.1}


def newsmtsc_figures(path: str | Path) -> pd.DataFrame:
    """Macro-F1 figures from a NewsMTSC benchmark JSON beside the published reference points.

    Every object in the file that carries a ``macro_f1`` becomes a row named by its path of keys
    (e.g. ``rw_dev / vader``), so the table follows whatever the benchmark script records. A missing
    file gives the reference rows only, with ``source`` saying so.
    """
    path = Path(path)
    rows = _macro_f1_rows(json.loads(path.read_text(encoding="utf-8")), ()) if path.is_file() else []
    for name, value in NEWSMTSC_REFERENCE.items():
        rows.append({"method": name, "macro_f1": value, "n": pd.NA, "source": "published"})
    return pd.DataFrame(rows, columns=["method", "macro_f1", "n", "source"])


def classification_scores(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict:
    """Macro-F1 and accuracy (in percent), per-class F1 and the confusion matrix (rows gold, cols predicted).

    The one scorer for labelled items (NewsMTSC targets, cross-validation folds, the regression test).
    """
    labels = list(labels)
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[labels.index(g)][labels.index(p)] += 1
    f1 = {}
    for k, label in enumerate(labels):
        predicted_k = sum(row[k] for row in matrix)
        gold_k = sum(matrix[k])
        f1[label] = 200.0 * matrix[k][k] / (predicted_k + gold_k) if predicted_k + gold_k else 0.0
    return {
        "macro_f1": round(sum(f1.values()) / len(labels), 2),
        "accuracy": round(100.0 * sum(matrix[k][k] for k in range(len(labels))) / len(gold), 2) if len(gold) else 0.0,
        "f1": {label: round(value, 2) for label, value in f1.items()},
        "confusion": {"labels": labels, "rows_gold_cols_predicted": matrix},
        "n": len(gold),
    }


def _macro_f1_rows(node: object, keys: tuple[str, ...]) -> list[dict]:
    if not isinstance(node, dict):
        return []
    rows = []
    if "macro_f1" in node:
        rows.append({"method": " / ".join(keys), "macro_f1": float(node["macro_f1"]), "n": node.get("n", pd.NA),
                     "source": "this package, measured"})
    for key, value in node.items():
        rows.extend(_macro_f1_rows(value, (*keys, str(key))))
    return rows


STANCE_BENCHMARKS = {"MPQA 3.0 dev": "mpqa_dev.json", "BASIL dev": "basil_stance_dev.json"}


def _stance_results(results: str | Path) -> list[tuple[str, dict]]:
    """(data name, figures) of each stance benchmark whose results file is committed under ``results``."""
    paths = {data: Path(results) / name for data, name in STANCE_BENCHMARKS.items()}
    return [(data, json.loads(path.read_text(encoding="utf-8"))) for data, path in paths.items() if path.is_file()]


def stance_benchmark_figures(results: str | Path, seed_score: dict | None = None) -> pd.DataFrame:
    """Holder / holder + polarity / holder + target + polarity P, R, F1 (in %) on the stance benchmarks,
    read from their committed results files, with the seed's in-sample figures beside them.

    The files are written by ``benchmarks/mpqa.py`` and ``benchmarks/basil_stance.py``, so the table
    needs no evaluation data; a missing file gives no rows. ``seed_score`` is :func:`score_stance` on
    the seed (fractions), shown at the HTP level, the one its gold codes.
    """
    rows = []
    for data, found in _stance_results(results):
        for system in ("package", "baseline"):
            for level in ("H", "HP", "HTP"):
                rows.append({"data": data, "system": system, "level": level, **found[system][level]})
    if seed_score is not None:
        rows.append({"data": "seed (in-sample)", "system": "package", "level": "HTP",
                     **{k: round(100 * seed_score[k], 1) for k in ("precision", "recall", "f1")}})
    return pd.DataFrame(rows, columns=["data", "system", "level", "precision", "recall", "f1"])


def stance_benchmark_errors(results: str | Path) -> pd.DataFrame:
    """The benchmarks' missed gold opinions and spurious predictions, counted by cause (most first)."""
    rows = []
    for data, found in _stance_results(results):
        for kind, key in (("missed gold opinion", "missed_by_cause"), ("spurious prediction", "spurious_by_cause")):
            rows += [{"data": data, "error": kind, "cause": cause, "count": n} for cause, n in found.get(key, {}).items()]
        if "positions_supported" in found:
            share = found["positions_supported"]
            rows.append({"data": data, "error": "stakeholder_positions favor/against rows a gold opinion supports",
                         "cause": f"{share['share']}% ({share['supported']} of {share['signed_rows']})",
                         "count": share["supported"]})
    return pd.DataFrame(rows, columns=["data", "error", "cause", "count"])
