"""Stakeholder positions: who holds which position on which target, aggregated from stance statements.

``stakeholder_positions`` aggregates the stance statements of an article into one row per (actor,
target), at the level of the actor or of the organisation it speaks for; ``evidence_for`` goes back
from a cell to its sentences; ``position_matrix`` and ``position_graph`` lay a positions table out as
an actor x target matrix and a bipartite graph. ``dna_statements`` puts the same statements into the
shape of Discourse Network Analyzer statements, so that the networks of :mod:`hwresearch.networks`
(two-mode, one-mode, coalitions, polarization) and its exports apply to them.
"""

from __future__ import annotations

import math
import tomllib
from functools import lru_cache
from importlib import resources
from numbers import Real
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from hwresearch.article import Article, load_article
from hwresearch.codebook import Codebook, CodebookSource, resolve_codebook
from hwresearch.errors import InputError
from hwresearch.networks import statement_table
from hwresearch.stance import ARTICLE_HOLDER, stance_statements
from hwresearch.tables import check_option, check_table

# --- stakeholder positions from stance statements -------------------------------------------------

POSITION_COLUMNS = [
    "actor",
    "actor_type",
    "organisation",
    "target",
    "target_kind",
    "position",
    "score",
    "n",
    "evidence",
]
STANCE_COLUMNS = ("holder", "target", "target_kind", "polarity")
STANCE_COLUMNS_OPTIONAL = ("holder_type", "start", "end", "evidence", "method", "confidence", "sent_id")
AGREEMENT = {"favor": 1, "neutral": 0, "against": -1}
POSITIONS = ("favor", "against", "neutral", "mixed")
LEVELS = ("actor", "organisation")
EVIDENCE_SEPARATOR = " | "
EVIDENCE_RESOURCE = "position_evidence.toml"  # how many statements of each method settle a side
_SETTLED = 1 - 1e-9  # seven sevenths (or ten tenths) sum to a hair under 1 in floating point

Source = Article | str | Path | pd.DataFrame | None


def stakeholder_positions(
    article: Source = None, codebook: CodebookSource = None, level: str = "actor", min_evidence: float = 1.0
) -> pd.DataFrame:
    """Who holds which position on which target: one row per (actor, target), sorted by both.

    ``article`` is anything :func:`~hwresearch.load_article` takes (``None`` is the seed), or a table
    of stance statements already made (the columns of :func:`~hwresearch.stance.stance_statements`;
    ``holder``, ``target``, ``target_kind`` and ``polarity`` are required). Statements held by the
    article itself are left out: the article describes, it is no stakeholder.

    ``level="actor"`` keeps each holder; ``level="organisation"`` merges every actor into the
    organisation it speaks for (the codebook's ``affiliation``: Ren Zhengfei into Huawei, William Barr
    into the US government). The ``organisation`` column is there at both levels, so an actor-level
    table can still be grouped by organisation.

    ``codebook`` takes the forms of :func:`~hwresearch.codebook.resolve_codebook`; with a statement
    table there is no text to recognise the seed by, so None is no study codebook there (pass
    ``load_codebook()`` to merge the seed's actors into their organisations).

    A side (favour, against, neutral) is taken only on enough evidence, as a coder would want it:
    each statement weighs ``1 / statements_needed`` of its method (``data/position_evidence.toml``),
    and a side counts when its statements weigh ``min_evidence`` or more in all. One grammatical
    predicate or codebook rule statement (an opinion verb with the actor as subject, an accusation,
    a ban, an offer) settles a side; the leanings read from a speaker's quoted content
    (``rule:attributed``, and ``rule:attributed-topic`` for a content that names no one) take three
    that agree. A cell where no side counts is left out: on MPQA
    3.0 dev a third of the favour/against rows were supported by a gold opinion when every statement
    counted, over half at this point (see the README). ``min_evidence=0`` counts every statement,
    DNA's plain ``combine``; :func:`evidence_for` and :func:`dna_statements` keep all statements.

    - ``position``: ``favor`` or ``against`` when that side counts and the other does not, ``mixed``
      when both count, ``neutral`` when only the neutral side does; a weak leaning the other way
      neither makes a position mixed nor moves its score;
    - ``score``: the mean agreement (+1 favor, 0 neutral, -1 against) of the statements on the
      settled sides, weighted by their confidence, in [-1, 1], so a low-confidence guess moves it less
      than a rule and the score never contradicts the position; a missing confidence weighs 1, and
      where all weights are 0 the plain mean is used;
    - ``n``: the number of statements behind the cell, counted or not;
    - ``evidence``: the distinct evidence texts in reading order, joined by ``" | "`` (one string
      exports to CSV and JSONL alike; :func:`evidence_for` gives the statements themselves).
    """
    check_option("level", level, LEVELS)
    if isinstance(min_evidence, bool) or not isinstance(min_evidence, Real) or not 0 <= min_evidence < math.inf:
        raise InputError(f"min_evidence must be a finite number of 0 or more (1 by default, 0 counts every "
                         f"statement), not {min_evidence!r}")
    stance, codebook = _stance(article, codebook)
    statements = _stakeholder_statements(stance, codebook)
    key = "holder" if level == "actor" else "organisation"
    groups: dict[tuple[str, str], list[dict]] = {}  # plain records: a pandas group per cell cost more than the stance
    for statement in statements.to_dict("records"):
        if not (pd.isna(statement[key]) or pd.isna(statement["target"])):
            groups.setdefault((statement[key], statement["target"]), []).append(statement)
    rows = []
    for actor, target in sorted(groups):
        group = groups[actor, target]
        settled = {side: _side_settled(group, side, min_evidence) for side in (1, -1, 0)}
        if not any(settled.values()):
            continue
        counted = [s for s in group if settled[s["agreement"]]]  # a leaning that settles nothing moves nothing
        values, weights = [s["agreement"] for s in counted], [s["weight"] for s in counted]
        total = sum(weights)
        score = sum(v * w for v, w in zip(values, weights)) / total if total > 0 else sum(values) / len(values)
        rows.append(
            {
                "actor": actor,
                "actor_type": _actor_type(actor, codebook, [s["holder_type"] for s in group]),
                "organisation": group[0]["organisation"],
                "target": target,
                "target_kind": group[0]["target_kind"],
                "position": _position(settled[1], settled[-1]),
                "score": float(score),
                "n": len(group),
                "evidence": EVIDENCE_SEPARATOR.join(dict.fromkeys(
                    s["evidence"] for s in group if not pd.isna(s["evidence"]))),
            }
        )
    table = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    return table.astype({"score": float, "n": "int64"})


def dna_statements(article: Source = None, codebook: CodebookSource = None) -> pd.DataFrame:
    """Stance statements in DNA's shape, so :func:`two_mode`, :func:`one_mode`, :func:`coalitions`
    and :func:`polarization` apply to them.

    ``person`` is the holder as named in the article (a person, or an organisation speaking for
    itself), ``organization`` the organisation it speaks for: ``actor="person"`` gives actor-level
    networks, ``actor="organization"`` organisation-level ones. ``concept`` is the target (issue
    label or entity name), ``agreement`` +1 favor / 0 neutral / -1 against, ``document`` the
    article's source. ``target_kind``, ``evidence`` and ``sent_id`` are kept as extra columns, for
    going back from a cell to the text. Statements held by the article itself are left out.
    """
    stance, codebook = _stance(article, codebook)
    kept = _stakeholder_statements(stance, codebook)
    table = pd.DataFrame(
        {
            "document": kept["document"],
            "start": kept["start"],
            "end": kept["end"],
            "person": kept["holder"],
            "organization": kept["organisation"],
            "concept": kept["target"],
            "agreement": kept["agreement"].astype("int64"),
            "method": kept["method"],
            "confidence": kept["confidence"],
            "target_kind": kept["target_kind"],
            "evidence": kept["evidence"],
            "sent_id": kept["sent_id"],
        }
    )
    return statement_table(table.reset_index(drop=True))


def evidence_for(
    article: Source,
    actor: str,
    target: str,
    codebook: CodebookSource = None,
    level: str = "actor",
    statements: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The statements behind one cell of :func:`stakeholder_positions`, in reading order, each with
    the whole ``sentence`` it stands in (the ``evidence`` span alone is often too short to judge).

    Pass ``statements`` when the article's stance statements are already computed, so they are not
    found again. ``article`` may also be a stance table itself; there is then no text, and
    ``sentence`` is missing. At ``level="organisation"`` an organisation's cell holds its members'
    statements too. An empty cell gives an empty table, not an error.
    """
    check_option("level", level, LEVELS)
    sentences = pd.Series(dtype=object)
    if not isinstance(article, pd.DataFrame):
        article = load_article(article)
        sentences = article.sentences.set_index("sent_id")["text"]
        codebook = resolve_codebook(codebook, article)
    stance, codebook = _stance(article if statements is None else statements, codebook)
    kept = _stakeholder_statements(stance, codebook)
    key = "holder" if level == "actor" else "organisation"
    cell = kept[(kept[key] == actor) & (kept["target"] == target)]
    columns = ["holder", "target", "polarity", "confidence", "method", "start", "end", "evidence", "sent_id"]
    return cell[columns].assign(sentence=cell["sent_id"].map(sentences)).reset_index(drop=True)


def position_graph(positions: pd.DataFrame) -> nx.Graph:
    """The bipartite actor-target graph of a positions table, with signed weights.

    Nodes are ``"actor:<name>"`` (``kind`` actor, ``actor_type``, ``organisation``, ``bipartite`` 0)
    and ``"target:<name>"`` (``kind`` target, ``target_kind``, ``bipartite`` 1), both with
    ``label``. Each row is an edge: ``weight`` its score, ``sign`` +1/0/-1, ``position``, ``n``,
    ``evidence``. Neutral positions stay as edges of weight 0: they are coded relations. Rows for the
    same (actor, target), as in a table over several articles, merge into one edge: ``n`` summed,
    score the n-weighted mean, position ``mixed`` if the sides differ, evidence joined.
    """
    missing = [c for c in ("actor", "target", "position", "score", "n") if c not in positions.columns]
    if missing:
        raise InputError(
            f"a positions table needs the column(s) {', '.join(missing)}: "
            "build it with stakeholder_positions()"
        )
    graph = nx.Graph()
    for (actor, target), rows in positions.groupby(["actor", "target"], sort=True):
        first = rows.iloc[0]
        graph.add_node(
            f"actor:{actor}",
            kind="actor",
            label=actor,
            bipartite=0,
            actor_type=first.get("actor_type"),
            organisation=first.get("organisation"),
        )
        graph.add_node(
            f"target:{target}",
            kind="target",
            label=target,
            bipartite=1,
            target_kind=first.get("target_kind"),
        )
        n = int(rows["n"].sum())
        score = float((rows["score"] * rows["n"]).sum() / n) if n else float(rows["score"].mean())
        sides = set(rows["position"])
        favor, against = bool(sides & {"favor", "mixed"}), bool(sides & {"against", "mixed"})
        evidence = rows["evidence"].dropna() if "evidence" in rows else pd.Series(dtype=str)
        graph.add_edge(
            f"actor:{actor}",
            f"target:{target}",
            weight=score,
            sign=int(np.sign(score)),
            position=_position(favor, against),
            n=n,
            evidence=EVIDENCE_SEPARATOR.join(evidence[evidence != ""]),
        )
    return graph


def position_matrix(positions: pd.DataFrame, values: str = "score") -> pd.DataFrame:
    """Actor x target matrix of one column of a positions table (``score``, ``n``, ``position``);
    cells without a statement are missing. Actors and targets keep the table's order."""
    if values not in positions.columns:
        raise InputError(f"no column {values!r} in the positions table: use one of {', '.join(positions.columns)}")
    matrix = positions.pivot(index="actor", columns="target", values=values)
    actors = list(dict.fromkeys(positions["actor"]))
    targets = list(dict.fromkeys(positions.sort_values("target_kind", kind="stable")["target"]))
    return matrix.reindex(index=actors, columns=targets)


def _stance(article: Source, codebook: CodebookSource) -> tuple[pd.DataFrame, Codebook]:
    """Stance statements of an article, or a statement table given as it is, with a ``document``,
    and the codebook that applies: for a table (no text to tell the seed by) None is no codebook."""
    if isinstance(article, pd.DataFrame):
        codebook = resolve_codebook(Codebook.empty() if codebook is None else codebook)
        missing = [c for c in STANCE_COLUMNS if c not in article.columns]
        if missing:
            raise InputError(
                f"the stance table lacks the column(s) {', '.join(missing)}: "
                "pass an article, or a table made by stance_statements()"
            )
        table = article.copy()
        for column in STANCE_COLUMNS_OPTIONAL:
            if column not in table.columns:
                table[column] = pd.NA
        texts = ("holder", "target", "target_kind", "polarity", "holder_type", "evidence", "method")
        check_table(table, "the stance table", STANCE_COLUMNS, (("start", "end"),), texts, make="stance_statements()")
        confidence = pd.to_numeric(table["confidence"], errors="coerce")
        if (confidence.isna() & table["confidence"].notna()).any():
            raise InputError("the stance table's confidence must be numbers (or missing); fix the column")
        if "document" not in table.columns:
            table["document"] = "statements"
        return table, codebook
    loaded = load_article(article)
    codebook = resolve_codebook(codebook, loaded)
    return stance_statements(loaded, codebook).assign(document=loaded.source or "text"), codebook


def _stakeholder_statements(stance: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The statements of stakeholders (not the article's own voice) with their organisation, the
    agreement as a number and the confidence as a weight, in reading order."""
    unknown = sorted(set(stance["polarity"].dropna()) - set(AGREEMENT))
    if unknown:
        raise InputError(
            f"polarity {', '.join(map(repr, unknown))} is not one of {', '.join(AGREEMENT)}: "
            "fix the stance table"
        )
    kept = stance.dropna(subset=["holder", "target", "polarity"])
    kept = kept[kept["holder"] != ARTICLE_HOLDER]
    if kept["start"].notna().any():
        kept = kept.sort_values("start", kind="stable")
    return kept.assign(
        organisation=kept["holder"].map(codebook.organisation_of),
        agreement=kept["polarity"].map(AGREEMENT).astype("int64"),
        weight=pd.to_numeric(kept["confidence"], errors="coerce").fillna(1.0).clip(lower=0),
        evidence_weight=[_evidence_weight(m) for m in kept["method"]],
    )


def _side_settled(group: list[dict], agreement: int, min_evidence: float) -> bool:
    """Whether the statements on one side of a cell weigh enough to settle that side."""
    side = [s["evidence_weight"] for s in group if s["agreement"] == agreement]
    return bool(side) and sum(side) >= min_evidence * _SETTLED


@lru_cache(maxsize=1)
def _statements_needed() -> tuple[float, dict[str, float]]:
    """(default, per method) statements it takes to settle a side, from the package's data."""
    text = resources.files("hwresearch").joinpath("data", EVIDENCE_RESOURCE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    default, needed = float(data["default"]), {m: float(n) for m, n in data["statements_needed"].items()}
    if not all(n >= 1 for n in (default, *needed.values())):
        raise ValueError(f"{EVIDENCE_RESOURCE}: statements_needed must be 1 or more (a side takes at least one statement)")
    return default, needed


def _evidence_weight(method: object) -> float:
    """The share of a settled side one statement of this method makes (a missing method: the default)."""
    default, needed = _statements_needed()
    return 1 / (default if pd.isna(method) else needed.get(str(method), default))


def _actor_type(name: str, codebook: Codebook, holder_types: list[object]) -> object:
    """The codebook's type for a codebook actor, else the type the stance stage gave the holder."""
    actor = codebook.actor_named(name)
    if actor is not None:
        return actor.type
    return next((kind for kind in holder_types if not pd.isna(kind)), pd.NA)


def _position(favor: bool, against: bool) -> str:
    if favor and against:
        return "mixed"
    return "favor" if favor else "against" if against else "neutral"
