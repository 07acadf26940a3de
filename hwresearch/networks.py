"""Discourse Network Analyzer (DNA) networks in Python, and the files other network tools read.

DNA (Leifeld) codes a statement as (person, organization, concept, agreement). This module holds such
statements in a DataFrame of DNA's shape (``STATEMENT_COLUMNS``), reads DNA's own ``.dna`` databases,
and builds DNA's networks from the formulas in ``docs/methods.md`` (no DNA code is reused):

- two-mode actor x concept: ``ignore`` (counts), ``subtract`` (positive - negative statements),
  ``combine`` (1 only positive, 2 only negative, 3 both, 0 neither);
- one-mode actor x actor: with A[i, j, k] the number of statements of actor i on concept j with
  qualifier value q_k, w(i, i') = sum_j sum_k sum_k' A[i,j,k] A[i',j,k'] W[k,k'], where W is 1
  (``ignore``), 1 - |q_k - q_k'| / range (``congruence``), |q_k - q_k'| / range (``conflict``), or
  their difference (``subtract``); the diagonal is 0. ``average`` normalisation divides by
  (n_i + n_i') / 2, n the actors' statement counts.

The qualifier ``agreement`` is either DNA's boolean (True agrees, False disagrees: both are a side) or
a number on a signed scale such as +1 favor / 0 neutral / -1 against (the sign is the side; 0 is
neither). Keep DNA's 1/0 as booleans, as ``read_dna`` does: as plain numbers a 0 would read as neutral,
which matters for the two-mode ``subtract``/``combine`` and for coalitions, not for one-mode weights.
``range`` is max q - min q over the statements in the network (1 for booleans); where it is 0 (one
qualifier value only) every pair of statements counts as congruent and none as conflicting, the limit
the formulas approach as the values coincide.

Coalitions split the actors of a signed (``subtract``) one-mode network so that its signed modularity
is high: agreement inside groups, conflict between them. Connected components of the positive ties
would be simpler but chain: on DNA's sample every organization ends up in one component.

``to_graph`` turns a network frame into a networkx graph. ``export_csv`` and ``export_graphml`` write
any result frame or graph (the position graph of :mod:`hwresearch.positions` too) so that it reads back
equal, in pandas and in Gephi, igraph or visone; networks are what these exports are for, so they live
beside them.

Nothing here knows about articles: a statement table from a ``.dna`` database and one from
:func:`hwresearch.positions.dna_statements` are the same thing. So although positions come first when
reading an article, this module sits to their left in the imports, and positions build on it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from hwresearch.errors import InputError
from hwresearch.tables import check_option, write_csv

STATEMENT_COLUMNS = [
    "document",
    "start",
    "end",
    "person",
    "organization",
    "concept",
    "agreement",
    "method",
    "confidence",
]
ACTOR_VARIABLES = ("person", "organization")
TWO_MODE_AGGREGATIONS = ("ignore", "subtract", "combine")
ONE_MODE_AGGREGATIONS = ("ignore", "congruence", "conflict", "subtract")
NORMALIZATIONS = ("none", "average")


# --- statement tables -----------------------------------------------------------------------------


def statement_table(data: pd.DataFrame | Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """A statement table in DNA's shape from a DataFrame or records; absent columns become missing.

    The ``agreement`` qualifier must be boolean or numeric (map favor/neutral/against to +1/0/-1).
    """
    table = data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
    for column in STATEMENT_COLUMNS:
        if column not in table.columns:
            table[column] = pd.NA
    if table["agreement"].dtype == object:
        table["agreement"] = table["agreement"].convert_dtypes()
    _check_qualifier(table)
    extra = [c for c in table.columns if c not in STATEMENT_COLUMNS]
    return table[STATEMENT_COLUMNS + extra]


def read_dna(path: str | Path) -> pd.DataFrame:
    """DNA statements (statement type 1) from a DNA 3 ``.dna`` SQLite database, in DNA's shape.

    ``document`` is DNA's document id, ``start``/``end`` its character offsets, ``agreement`` a
    boolean, ``method`` names the DNA coder; the index is DNA's statement id, for going back to DNA.
    The database is opened read-only.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no file at {path}: give the path of a DNA .dna database")
    query = """
        WITH short AS (
            SELECT d.StatementId AS id, v.Variable AS variable, e.Value AS value
            FROM DATASHORTTEXT d
            JOIN VARIABLES v ON v.ID = d.VariableId AND v.StatementTypeId = 1
            JOIN ENTITIES e ON e.ID = d.Entity
        )
        SELECT s.ID AS statement, s.DocumentId AS document, s.Start AS start, s.Stop AS "end",
            (SELECT value FROM short WHERE id = s.ID AND variable = 'person') AS person,
            (SELECT value FROM short WHERE id = s.ID AND variable = 'organization') AS organization,
            (SELECT value FROM short WHERE id = s.ID AND variable = 'concept') AS concept,
            (SELECT b.Value FROM DATABOOLEAN b
                JOIN VARIABLES v ON v.ID = b.VariableId AND v.StatementTypeId = 1
                WHERE b.StatementId = s.ID AND v.Variable = 'agreement') AS agreement,
            (SELECT 'dna: ' || Name FROM CODERS WHERE ID = s.Coder) AS method
        FROM STATEMENTS s
        WHERE s.StatementTypeId = 1
        ORDER BY s.DocumentId, s.Start, s.ID
    """
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            cursor = db.execute(query)
            names = [column[0] for column in cursor.description]
            table = pd.DataFrame(cursor.fetchall(), columns=names).set_index("statement")
    except sqlite3.DatabaseError as error:  # also OperationalError: a SQLite file without DNA tables
        raise InputError(
            f"{path} is not a DNA 3 database ({error}): give a .dna file saved by DNA 3 or later"
        ) from None
    for column in ("person", "organization", "concept"):
        table[column] = table[column].replace("", pd.NA)
    table["agreement"] = table["agreement"].astype("boolean")
    if not table["agreement"].isna().any():
        table["agreement"] = table["agreement"].astype(bool)
    table["confidence"] = np.nan
    return table[STATEMENT_COLUMNS]


def select_statements(
    statements: pd.DataFrame,
    actor: str = "organization",
    exclude: Mapping[str, Iterable[object]] | None = None,
) -> pd.DataFrame:
    """The statements a network is built from: excluded values removed, then, as DNA does, only
    statements with a non-empty actor and concept (and, here, a qualifier) kept.

    ``exclude`` maps a column to the values to leave out, e.g. ``{"organization": ["Senate"]}``
    (a single string is one value, not its letters).
    """
    check_option("actor", actor, ACTOR_VARIABLES)
    missing = [c for c in (actor, "concept", "agreement") if c not in statements.columns]
    if missing:
        raise InputError(
            f"the statement table lacks the column(s) {', '.join(missing)}: "
            "build it with statement_table() or read_dna()"
        )
    _check_qualifier(statements)
    keep = pd.Series(True, index=statements.index)
    for column, values in (exclude or {}).items():
        if column not in statements.columns:
            raise InputError(
                f"cannot exclude by {column!r}: exclude maps a column of the statement table "
                f"({', '.join(map(str, statements.columns))}) to the values to leave out"
            )
        keep &= ~statements[column].isin([values] if isinstance(values, str) else list(values))
    for column in (actor, "concept"):
        keep &= statements[column].fillna("").astype(str).str.strip() != ""
    keep &= statements["agreement"].notna()
    return statements[keep]


# --- networks -------------------------------------------------------------------------------------


def two_mode(
    statements: pd.DataFrame,
    actor: str = "organization",
    qualifier_aggregation: str = "ignore",
    exclude: Mapping[str, Iterable[object]] | None = None,
) -> pd.DataFrame:
    """Actor x concept network: counts (``ignore``), positive - negative (``subtract``), or
    1 only positive / 2 only negative / 3 both (``combine``). Labels are sorted."""
    check_option("qualifier_aggregation", qualifier_aggregation, TWO_MODE_AGGREGATIONS)
    actors, concepts, values, counts, boolean = _tensor(statements, actor, exclude)
    side = np.where(values > 0.5, 1, -1) if boolean else np.sign(values)
    positive = counts[:, :, side > 0].sum(axis=2)
    negative = counts[:, :, side < 0].sum(axis=2)
    cells = {
        "ignore": counts.sum(axis=2),
        "subtract": positive - negative,
        "combine": (positive > 0) * 1 + (negative > 0) * 2,
    }[qualifier_aggregation]
    return _labelled(cells, actors, concepts, actor, "concept")


def one_mode(
    statements: pd.DataFrame,
    actor: str = "organization",
    qualifier_aggregation: str = "ignore",
    normalization: str = "none",
    exclude: Mapping[str, Iterable[object]] | None = None,
) -> pd.DataFrame:
    """Actor x actor network through shared concepts (``ignore``, ``congruence``, ``conflict``,
    ``subtract``), optionally normalised by the pair's ``average`` statement count. Symmetric,
    diagonal 0, float weights, labels sorted."""
    check_option("qualifier_aggregation", qualifier_aggregation, ONE_MODE_AGGREGATIONS)
    check_option("normalization", normalization, NORMALIZATIONS)
    actors, _, values, counts, boolean = _tensor(statements, actor, exclude)
    if boolean:
        spread = 1.0
    else:
        spread = float(values.max() - values.min()) if values.size else 0.0
    distance = np.abs(values[:, None] - values[None, :])
    conflict = distance / spread if spread > 0 else np.zeros_like(distance)
    pair_weight = {
        "ignore": np.ones_like(conflict),
        "congruence": 1 - conflict,
        "conflict": conflict,
        "subtract": 1 - 2 * conflict,
    }[qualifier_aggregation]
    weights = np.einsum("ijk,kl,mjl->im", counts, pair_weight, counts)
    if normalization == "average":
        activity = counts.sum(axis=(1, 2))
        weights = weights / ((activity[:, None] + activity[None, :]) / 2)
    np.fill_diagonal(weights, 0)
    return _labelled(weights, actors, actors, actor, actor)


def _tensor(
    statements: pd.DataFrame, actor: str, exclude: Mapping[str, Iterable[object]] | None
) -> tuple[list[str], list[str], np.ndarray, np.ndarray, bool]:
    """A[i, j, k]: statements of actor i on concept j with qualifier value k, with sorted labels."""
    kept = select_statements(statements, actor, exclude)
    actor_codes, actors = pd.factorize(kept[actor].astype(str).str.strip(), sort=True)
    concept_codes, concepts = pd.factorize(kept["concept"].astype(str).str.strip(), sort=True)
    value_codes, values = pd.factorize(kept["agreement"].to_numpy(dtype=float), sort=True)
    counts = np.zeros((len(actors), len(concepts), len(values)), dtype=np.int64)
    np.add.at(counts, (actor_codes, concept_codes, value_codes), 1)
    boolean = pd.api.types.is_bool_dtype(statements["agreement"])
    return list(actors), list(concepts), np.asarray(values, dtype=float), counts, boolean


def _labelled(
    cells: np.ndarray, rows: list[str], columns: list[str], row_name: str, column_name: str
) -> pd.DataFrame:
    """Axis names tell the modes apart: a one-mode frame names both axes after the actor variable."""
    return pd.DataFrame(
        cells, index=pd.Index(rows, name=row_name), columns=pd.Index(columns, name=column_name)
    )


# --- coalitions and polarization ------------------------------------------------------------------


def coalitions(network: pd.DataFrame) -> pd.DataFrame:
    """Actors grouped so that signed modularity is highest, found by moving one actor at a time.

    Pass a ``subtract`` network. Each actor, in label order, joins the group it has the most
    modularity with (its sum of modularity-matrix entries there) when that strictly beats staying;
    sweeps repeat until nobody moves. This reaches a local optimum, not always the global one, but
    unlike connected components of the positive ties it keeps apart two camps that a third actor
    bridges. One row per actor: ``actor``, ``coalition`` (1 the largest, ties by first label),
    ``size``; an actor with no ties is a coalition of its own.
    """
    _check_one_mode(network)
    pull, _ = _modularity_matrix(network.to_numpy(dtype=float))
    np.fill_diagonal(pull, 0)  # an actor's own entry counts the same in every group
    group = np.arange(len(network))
    moved = True
    while moved:
        moved = False
        for actor in range(len(group)):
            towards = np.bincount(group, weights=pull[actor], minlength=len(group))
            best = int(np.argmax(towards))  # an empty group (0) means leaving to stand alone
            if towards[best] > towards[group[actor]] + 1e-12:
                group[actor], moved = best, True
    groups = [sorted(network.index[group == label]) for label in np.unique(group)]
    groups.sort(key=lambda members: (-len(members), members[0]))
    records = [
        {"actor": actor, "coalition": number, "size": len(members)}
        for number, members in enumerate(groups, start=1)
        for actor in members
    ]
    return pd.DataFrame(records, columns=["actor", "coalition", "size"])


def polarization(
    statements: pd.DataFrame,
    actor: str = "organization",
    exclude: Mapping[str, Iterable[object]] | None = None,
) -> pd.DataFrame:
    """One row summing up how divided the actors are.

    ``congruence`` and ``conflict`` are total one-mode weights (each pair once, not normalised),
    ``conflict_share`` is conflict / (congruence + conflict), and ``modularity`` is the signed
    modularity (Gomez, Jensen & Arenas 2009) of the ``coalitions`` split on the ``subtract`` network:
    near 0 no structure, higher where agreement runs inside coalitions and conflict between them.
    """
    totals = {
        name: float(np.triu(one_mode(statements, actor, name, exclude=exclude).to_numpy()).sum())
        for name in ("congruence", "conflict")
    }
    signed = one_mode(statements, actor, "subtract", exclude=exclude)
    groups = coalitions(signed).set_index("actor")["coalition"].reindex(signed.index).to_numpy()
    total = totals["congruence"] + totals["conflict"]
    return pd.DataFrame(
        [
            {
                "actors": len(signed),
                "coalitions": len(set(groups)),
                "congruence": totals["congruence"],
                "conflict": totals["conflict"],
                "conflict_share": totals["conflict"] / total if total else np.nan,
                "modularity": _signed_modularity(signed.to_numpy(dtype=float), groups),
            }
        ]
    )


def _modularity_matrix(weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Signed modularity matrix B = W - (s+ s+' / 2w+ - s- s-' / 2w-) and its norm 2w+ + 2w-.

    s+/s- are the actors' positive/negative strengths and 2w+/2w- their totals (Gomez, Jensen &
    Arenas 2009); a sign without ties drops its term.
    """
    positive, negative = np.clip(weights, 0, None), np.clip(-weights, 0, None)
    s_pos, s_neg = positive.sum(axis=1), negative.sum(axis=1)
    two_w_pos, two_w_neg = s_pos.sum(), s_neg.sum()
    expected = np.zeros_like(weights)
    if two_w_pos:
        expected += np.outer(s_pos, s_pos) / two_w_pos
    if two_w_neg:
        expected -= np.outer(s_neg, s_neg) / two_w_neg
    return weights - expected, float(two_w_pos + two_w_neg)


def _signed_modularity(weights: np.ndarray, groups: np.ndarray) -> float:
    """Q = sum of B over pairs (i, j) in the same group, divided by the norm; NaN without ties."""
    matrix, norm = _modularity_matrix(weights)
    if norm == 0:
        return np.nan
    return float((matrix * (groups[:, None] == groups[None, :])).sum() / norm)


# --- graphs and exports ---------------------------------------------------------------------------


def to_graph(network: pd.DataFrame) -> nx.Graph:
    """A networkx graph of a network frame; zero cells are no edge.

    One-mode (same labels on both axes): weighted undirected graph on the actors. Two-mode:
    bipartite graph with node ids ``"actor:<label>"`` / ``"concept:<label>"`` (an actor and a concept
    may share a name) and node attributes ``kind``, ``label``, ``bipartite`` (0/1). Every edge has
    ``weight`` (the cell, a float) and ``sign`` (+1/-1), so signed and unsigned networks export alike.
    """
    one = _is_one_mode(network)
    graph = nx.Graph()
    if one:
        graph.add_nodes_from(network.index)
        rows, columns = network.index, network.columns
    else:
        for part, labels in ((0, network.index), (1, network.columns)):
            kind = ("actor", "concept")[part]
            graph.add_nodes_from(
                (f"{kind}:{label}", {"kind": kind, "label": label, "bipartite": part})
                for label in labels
            )
        rows = [f"actor:{label}" for label in network.index]
        columns = [f"concept:{label}" for label in network.columns]
    cells = network.to_numpy(dtype=float)
    for r, c in zip(*np.nonzero(np.triu(cells, 1) if one else cells)):
        weight = float(cells[r, c])
        graph.add_edge(rows[r], columns[c], weight=weight, sign=1 if weight > 0 else -1)
    return graph


def export_csv(network: pd.DataFrame, path: str | Path) -> Path:
    """Write a network (or any result frame) as CSV with its labels, creating folders; returns path.

    A CSV header cannot hold one name twice and read back (readers rename the second), so where the
    index name is also a column label the index column goes unnamed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clash = network.index.name is not None and network.index.name in set(map(str, network.columns))
    write_csv(network, path, index=True, index_label="" if clash else None)
    return path


def export_graphml(graph: nx.Graph, path: str | Path, replace_invalid: bool = False) -> Path:
    """Write GraphML that other tools (Gephi, igraph, visone) read; returns the path.

    GraphML knows only strings, integers, floats and booleans: numpy scalars become Python ones,
    missing values are left out, anything else is written as its string. XML 1.0 cannot hold most
    control characters (Word's line break \x0b, \x1b, U+FFFE) and reads a ``\r`` back as ``\n``, so
    text with them would not read back equal: that is an InputError naming the character, checked
    before writing; ``replace_invalid=True`` writes a line break for ``\r`` and a space for the others.
    """
    def legal(attributes: Mapping[str, object], where: str) -> dict[str, object]:
        return {
            _xml_text(key, where, replace_invalid): _xml_text(value, f"{where} {key!r}", replace_invalid)
            for key, value in _legal_attributes(attributes).items()
        }

    def node(name: object) -> object:
        return _xml_text(name, f"node {name!r}", replace_invalid)

    legal_graph = graph.__class__(**legal(graph.graph, "the graph"))
    legal_graph.add_nodes_from((node(n), legal(data, f"node {n!r}")) for n, data in graph.nodes(data=True))
    legal_graph.add_edges_from(
        (node(u), node(v), legal(data, f"edge {u!r}-{v!r}")) for u, v, data in graph.edges(data=True)
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(legal_graph, path)
    return path


# What XML 1.0 cannot hold (C0 controls but tab and newline, U+FFFE, U+FFFF, lone surrogates), and \r,
# which every XML parser reads back as \n.
_NOT_XML = re.compile("\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: object, where: str, replace: bool) -> object:
    if not isinstance(value, str) or not (bad := _NOT_XML.search(value)):
        return value
    if replace:
        return _NOT_XML.sub(lambda m: "\n" if m.group().startswith("\r") else " ", value)
    raise InputError(
        f"{where[:80]} holds U+{ord(bad.group()[0]):04X}, which GraphML (XML 1.0) cannot store as it is: "
        "remove control characters first, or pass replace_invalid=True to write a space (a line break for \\r)"
    )


def _legal_attributes(attributes: Mapping[str, object]) -> dict[str, object]:
    legal = {}
    for key, value in attributes.items():
        if isinstance(value, np.generic):
            value = value.item()
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            continue
        legal[str(key)] = value if isinstance(value, (str, bool, int, float)) else str(value)
    return legal


# --- checks ---------------------------------------------------------------------------------------


def _check_qualifier(statements: pd.DataFrame) -> None:
    column = statements["agreement"]
    types = pd.api.types
    if not (types.is_bool_dtype(column) or types.is_numeric_dtype(column) or column.isna().all()):
        raise InputError(
            "agreement must be a boolean (DNA: True agrees) or a number "
            f"(+1 favor, 0 neutral, -1 against), not {column.dtype}: map the values to numbers first"
        )


def _is_one_mode(network: pd.DataFrame) -> bool:
    same_name = network.index.name == network.columns.name
    return same_name and list(network.index) == list(network.columns)


def _check_one_mode(network: pd.DataFrame) -> None:
    if not _is_one_mode(network):
        raise InputError(
            "coalitions need a one-mode network (actors on both axes): build it with one_mode()"
        )
