"""DNA-style networks: the DNA sample oracle, hand-computed tiny tables, exports, bad options.

Every expected number below was worked out by hand from the formulas in ../shared/docs/methods.md
before the code existed; the comments show the arithmetic.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import SHARED_DATA

from hwresearch.errors import InputError
from hwresearch.networks import (
    STATEMENT_COLUMNS,
    coalitions,
    export_csv,
    export_graphml,
    one_mode,
    polarization,
    read_dna,
    select_statements,
    statement_table,
    to_graph,
    two_mode,
)

SAMPLE = SHARED_DATA / "dna" / "sample.dna"
LEGISLATION = "There should be legislation to regulate emissions."


# --- the DNA oracle (../shared/data/README.md, section dna) ---------------------------------------


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    if not SAMPLE.is_file():
        pytest.skip(f"DNA sample not at {SAMPLE}: the evaluation data lives outside the repo")
    return read_dna(SAMPLE)


def test_read_dna_shape(sample):
    assert list(sample.columns) == STATEMENT_COLUMNS
    assert len(sample) == 40
    # 29 statements agree, 11 disagree; DNA's boolean stays a boolean.
    assert sample["agreement"].dtype == bool
    assert int(sample["agreement"].sum()) == 29
    assert sample["organization"].nunique() == 7
    assert sample["concept"].nunique() == 6
    first = sample.iloc[0]
    assert (first["document"], first["start"], first["end"]) == (1, 6351, 7213)
    assert first["person"] == "Joel Bluestein"


def test_oracle_two_mode(sample):
    net = two_mode(sample, actor="organization")
    assert net.shape == (7, 6)
    assert net.to_numpy().sum() == 40


def test_oracle_one_mode_ignore(sample):
    net = one_mode(sample, actor="organization", qualifier_aggregation="ignore")
    assert net.shape == (7, 7)
    assert net.to_numpy().sum() == 276


def test_oracle_one_mode_congruence_average(sample):
    net = one_mode(sample, qualifier_aggregation="congruence", normalization="average")
    assert net.shape == (7, 7)
    assert net.to_numpy().sum() == pytest.approx(25.8, abs=0.05)


def test_oracle_one_mode_congruence_average_excluded(sample):
    exclude = {"concept": [LEGISLATION], "organization": ["Senate", "Sierra Club"]}
    net = one_mode(
        sample, qualifier_aggregation="congruence", normalization="average", exclude=exclude
    )
    assert net.shape == (5, 5)
    assert net.to_numpy().sum() == pytest.approx(9.81, abs=0.005)
    assert "Senate" not in net.index and "Sierra Club" not in net.columns


def test_read_dna_missing_file(tmp_path):
    with pytest.raises(InputError, match="no file"):
        read_dna(tmp_path / "absent.dna")


def test_read_dna_not_sqlite(tmp_path):
    path = tmp_path / "notes.dna"
    path.write_text("this is not a database\n" * 20)
    with pytest.raises(InputError, match="not a DNA"):
        read_dna(path)


def test_read_dna_sqlite_without_dna_tables(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
    db.close()
    with pytest.raises(InputError, match="not a DNA"):
        read_dna(path)


# --- a tiny DNA-like table (boolean agreement), organizations A, B, C on concepts X, Y ------------
#
# A: X agree, X disagree, Y agree     n_A = 3
# B: X agree, Y agree                 n_B = 2
# C: X disagree                       n_C = 1
# plus one statement with an empty concept and one with no organization: both dropped.


@pytest.fixture
def tiny() -> pd.DataFrame:
    rows = [
        ("A", "X", True),
        ("A", "X", False),
        ("A", "Y", True),
        ("B", "X", True),
        ("B", "Y", True),
        ("C", "X", False),
        ("C", "", True),
        (pd.NA, "Y", False),
    ]
    return statement_table(
        [{"document": 1, "organization": o, "concept": c, "agreement": a} for o, c, a in rows]
    )


def frame(rows, labels, columns=None) -> pd.DataFrame:
    return pd.DataFrame(rows, index=labels, columns=labels if columns is None else columns)


def assert_values(net: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(net.index) == list(expected.index)
    assert list(net.columns) == list(expected.columns)
    np.testing.assert_allclose(net.to_numpy(dtype=float), expected.to_numpy(dtype=float))


def test_statement_table_fills_dna_shape(tiny):
    assert list(tiny.columns) == STATEMENT_COLUMNS
    assert tiny["method"].isna().all() and tiny["confidence"].isna().all()


def test_select_drops_empty_actor_and_concept(tiny):
    kept = select_statements(tiny, actor="organization")
    assert len(kept) == 6
    assert set(kept["organization"]) == {"A", "B", "C"}


def test_two_mode_ignore(tiny):
    # counts: A X 2, Y 1; B X 1, Y 1; C X 1
    assert_values(two_mode(tiny), frame([[2, 1], [1, 1], [1, 0]], list("ABC"), list("XY")))


def test_two_mode_subtract(tiny):
    # agree - disagree: A X 1-1=0, Y 1; B 1, 1; C X 0-1=-1
    net = two_mode(tiny, qualifier_aggregation="subtract")
    assert_values(net, frame([[0, 1], [1, 1], [-1, 0]], list("ABC"), list("XY")))


def test_two_mode_combine(tiny):
    # A X both -> 3, Y agree only -> 1; B 1, 1; C X disagree only -> 2, Y none -> 0
    net = two_mode(tiny, qualifier_aggregation="combine")
    assert_values(net, frame([[3, 1], [1, 1], [2, 0]], list("ABC"), list("XY")))


def test_one_mode_ignore(tiny):
    # AB = X 2*1 + Y 1*1 = 3; AC = X 2*1 = 2; BC = X 1*1 = 1
    net = one_mode(tiny)
    assert_values(net, frame([[0, 3, 2], [3, 0, 1], [2, 1, 0]], list("ABC")))


def test_one_mode_congruence_conflict_subtract(tiny):
    # range 1. Congruence counts equal pairs: AB = X (T,T) 1 + Y (T,T) 1 = 2; AC = X (F,F) 1; BC = 0.
    # Conflict counts opposite pairs: AB = X (F,T) 1; AC = X (T,F) 1; BC = X (T,F) 1.
    congruence = one_mode(tiny, qualifier_aggregation="congruence")
    conflict = one_mode(tiny, qualifier_aggregation="conflict")
    subtract = one_mode(tiny, qualifier_aggregation="subtract")
    assert_values(congruence, frame([[0, 2, 1], [2, 0, 0], [1, 0, 0]], list("ABC")))
    assert_values(conflict, frame([[0, 1, 1], [1, 0, 1], [1, 1, 0]], list("ABC")))
    assert_values(subtract, frame([[0, 1, 0], [1, 0, -1], [0, -1, 0]], list("ABC")))


def test_one_mode_average_normalization(tiny):
    # AB = 2 / ((3 + 2) / 2) = 0.8; AC = 1 / ((3 + 1) / 2) = 0.5; BC = 0
    net = one_mode(tiny, qualifier_aggregation="congruence", normalization="average")
    assert_values(net, frame([[0, 0.8, 0.5], [0.8, 0, 0], [0.5, 0, 0]], list("ABC")))


def test_exclude_values(tiny):
    # Without Y: A has X agree + disagree (n 2), B X agree (n 1), C X disagree (n 1).
    # ignore: AB = 2*1 = 2, AC = 2*1 = 2, BC = 1.
    net = one_mode(tiny, exclude={"concept": ["Y"]})
    assert_values(net, frame([[0, 2, 2], [2, 0, 1], [2, 1, 0]], list("ABC")))
    # and without C the network has two actors left
    net = one_mode(tiny, exclude={"concept": ["Y"], "organization": ["C"]})
    assert_values(net, frame([[0, 2], [2, 0]], list("AB")))


def test_exclude_single_string_is_one_value(tiny):
    # "C" alone, not its letters: same as ["C"]; A and B remain (AB = 3 from test_one_mode_ignore)
    net = one_mode(tiny, exclude={"organization": "C"})
    assert_values(net, frame([[0, 3], [3, 0]], list("AB")))


def test_person_as_actor(tiny):
    # The tiny table has no persons: no statement survives, the network is empty.
    assert one_mode(tiny, actor="person").shape == (0, 0)


# --- a signed scale: +1 favor / 0 neutral / -1 against, persons P, Q, R ---------------------------
#
# P: X +1, Y +1;  Q: X 0;  R: X -1.  range = 1 - (-1) = 2.


@pytest.fixture
def signed() -> pd.DataFrame:
    rows = [("P", "X", 1), ("Q", "X", 0), ("R", "X", -1), ("P", "Y", 1)]
    return statement_table([{"person": p, "concept": c, "agreement": a} for p, c, a in rows])


def test_signed_scale_one_mode(signed):
    # congruence: PQ 1 - 1/2 = 0.5, PR 1 - 2/2 = 0, QR 0.5; conflict: PQ 0.5, PR 1, QR 0.5
    congruence = one_mode(signed, actor="person", qualifier_aggregation="congruence")
    conflict = one_mode(signed, actor="person", qualifier_aggregation="conflict")
    subtract = one_mode(signed, actor="person", qualifier_aggregation="subtract")
    assert_values(congruence, frame([[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]], list("PQR")))
    assert_values(conflict, frame([[0, 0.5, 1], [0.5, 0, 0.5], [1, 0.5, 0]], list("PQR")))
    assert_values(subtract, frame([[0, 0, -1], [0, 0, 0], [-1, 0, 0]], list("PQR")))


def test_signed_scale_two_mode(signed):
    # neutral counts as neither side: Q's X is 0 in subtract and in combine
    subtract = two_mode(signed, actor="person", qualifier_aggregation="subtract")
    combine = two_mode(signed, actor="person", qualifier_aggregation="combine")
    assert_values(subtract, frame([[1, 1], [0, 0], [-1, 0]], list("PQR"), list("XY")))
    assert_values(combine, frame([[1, 1], [0, 0], [2, 0]], list("PQR"), list("XY")))


def test_single_qualifier_value_is_all_congruent():
    # range 0: every pair agrees. S, T both +1 on X: congruence 1, conflict 0.
    table = statement_table(
        [{"organization": o, "concept": "X", "agreement": 1} for o in ("S", "T")]
    )
    congruence = one_mode(table, qualifier_aggregation="congruence")
    conflict = one_mode(table, qualifier_aggregation="conflict")
    assert_values(congruence, frame([[0, 1], [1, 0]], list("ST")))
    assert_values(conflict, frame([[0, 0], [0, 0]], list("ST")))


# --- coalitions and polarization ------------------------------------------------------------------


def test_coalitions_tiny(tiny):
    # subtract: AB +1, AC 0, BC -1. Modularity matrix B = W - (s+ s+' / 2w+ - s- s-' / 2w-) with
    # s+ = (1, 1, 0), s- = (0, 1, 1), 2w+ = 2w- = 2: off-diagonal AB 0.5, AC 0, BC -0.5.
    # From singletons, A gains 0.5 by joining B; B stays (0.5 > -0.5); C would lose 0.5. -> {A, B} | {C}
    result = coalitions(one_mode(tiny, qualifier_aggregation="subtract"))
    assert list(result.columns) == ["actor", "coalition", "size"]
    assert result.set_index("actor")["coalition"].to_dict() == {"A": 1, "B": 1, "C": 2}
    assert result.set_index("actor")["size"].to_dict() == {"A": 2, "B": 2, "C": 1}


def test_coalitions_do_not_chain_through_a_bridge():
    # AB +2, BC +1, AC -3: the positive part is connected, yet A and C clash.
    # s+ = (2, 3, 1), 2w+ = 6; s- = (3, 0, 3), 2w- = 6; B = W - (s+ s+' / 6 - s- s-' / 6):
    # AB 2 - 1 = 1, BC 1 - 0.5 = 0.5, AC -3 - (1/3 - 3/2) = -11/6; diagonal sum 5/6 - 3/2 + 4/3 = 2/3.
    # Q * 12: all together 2/3 + 2(1 + 1/2 - 11/6) = 0; {A,B}|{C} 2/3 + 2 = 8/3 (the best);
    # {A}|{B,C} 2/3 + 1; {A,C}|{B} 2/3 - 11/3; all apart 2/3.
    network = frame([[0, 2, -3], [2, 0, 1], [-3, 1, 0]], list("ABC"))
    network.index.name = network.columns.name = "organization"
    result = coalitions(network)
    assert result.set_index("actor")["coalition"].to_dict() == {"A": 1, "B": 1, "C": 2}


def test_coalitions_without_ties_are_singletons():
    network = frame([[0.0, 0.0], [0.0, 0.0]], list("AB"))
    network.index.name = network.columns.name = "person"
    assert coalitions(network)["coalition"].tolist() == [1, 2]


def test_polarization(tiny):
    # congruence total (each pair once) 2 + 1 + 0 = 3, conflict 1 + 1 + 1 = 3, share 0.5.
    # Signed modularity of {A, B} | {C} on subtract (AB 1, AC 0, BC -1):
    # strengths w+ A 1, B 1, C 0 (2w+ = 2); w- A 0, B 1, C 1 (2w- = 2)
    # AA: 0 - (1/2 - 0) = -0.5; BB: 0 - (1/2 - 1/2) = 0; AB, BA: 1 - (1/2 - 0) = 0.5 each;
    # CC: 0 - (0 - 1/2) = 0.5. Sum 1.0, divided by 2w+ + 2w- = 4 -> 0.25.
    result = polarization(tiny)
    assert len(result) == 1
    row = result.iloc[0]
    assert row["actors"] == 3 and row["coalitions"] == 2
    assert row["congruence"] == pytest.approx(3)
    assert row["conflict"] == pytest.approx(3)
    assert row["conflict_share"] == pytest.approx(0.5)
    assert row["modularity"] == pytest.approx(0.25)


def test_coalitions_rejects_two_mode(tiny):
    with pytest.raises(InputError, match="one-mode"):
        coalitions(two_mode(tiny))


# --- graphs and exports ---------------------------------------------------------------------------


def test_one_mode_graph_graphml_round_trip(tiny, tmp_path):
    graph = to_graph(one_mode(tiny, qualifier_aggregation="subtract"))
    assert set(graph.nodes) == {"A", "B", "C"}
    assert {frozenset(e) for e in graph.edges} == {frozenset("AB"), frozenset("BC")}
    path = export_graphml(graph, tmp_path / "out" / "subtract.graphml")
    back = nx.read_graphml(path)
    assert set(back.nodes) == {"A", "B", "C"}
    assert back.edges["A", "B"]["weight"] == pytest.approx(1.0)
    assert back.edges["B", "C"]["weight"] == pytest.approx(-1.0)
    assert back.edges["B", "C"]["sign"] == -1
    assert back.edges["A", "B"]["sign"] == 1


def test_two_mode_graph_is_bipartite_with_kinds(tmp_path):
    # An actor and a concept with the same name stay two nodes.
    table = statement_table(
        [
            {"organization": "Huawei", "concept": "Huawei", "agreement": 1},
            {"organization": "US", "concept": "Huawei", "agreement": -1},
        ]
    )
    graph = to_graph(two_mode(table, qualifier_aggregation="subtract"))
    kinds = sorted((data["kind"], data["label"]) for _, data in graph.nodes(data=True))
    assert kinds == [("actor", "Huawei"), ("actor", "US"), ("concept", "Huawei")]
    assert nx.is_bipartite(graph)
    back = nx.read_graphml(export_graphml(graph, tmp_path / "two.graphml"))
    weights = {
        (back.nodes[u]["label"], back.nodes[v]["label"]): data["weight"]
        for u, v, data in back.edges(data=True)
    }
    # one +1 edge from actor Huawei, one -1 edge from US
    assert sorted(weights.values()) == [-1.0, 1.0]
    assert {data["kind"] for _, data in back.nodes(data=True)} == {"actor", "concept"}


def test_export_graphml_makes_attributes_legal(tmp_path):
    graph = nx.Graph(source=Path("x.dna"))
    graph.add_edge("a", "b", weight=np.int64(2), note=None, when=pd.Timestamp("2020-01-01"))
    back = nx.read_graphml(export_graphml(graph, tmp_path / "legal.graphml"))
    assert back.edges["a", "b"]["weight"] == 2
    assert back.edges["a", "b"]["when"].startswith("2020-01-01")
    assert "note" not in back.edges["a", "b"]


def test_csv_round_trip(tiny, tmp_path):
    net = two_mode(tiny)
    path = export_csv(net, tmp_path / "nested" / "two_mode.csv")
    back = pd.read_csv(path, index_col=0)
    assert list(back.index) == list(net.index)
    assert list(back.columns) == list(net.columns)
    np.testing.assert_array_equal(back.to_numpy(), net.to_numpy())
    assert back.index.name == "organization"


# --- bad options ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, valid",
    [
        (lambda t: two_mode(t, qualifier_aggregation="foo"), "ignore, subtract, combine"),
        (lambda t: two_mode(t, qualifier_aggregation="congruence"), "ignore, subtract, combine"),
        (lambda t: one_mode(t, qualifier_aggregation="foo"), "ignore, congruence, conflict, subtract"),
        (lambda t: one_mode(t, normalization="foo"), "none, average"),
        (lambda t: one_mode(t, actor="concept"), "person, organization"),
    ],
)
def test_bad_options(tiny, call, valid):
    with pytest.raises(InputError, match=valid):
        call(tiny)


def test_bad_exclude_column(tiny):
    with pytest.raises(InputError, match="exclude"):
        one_mode(tiny, exclude={"colour": ["red"]})


def test_missing_columns_and_text_qualifier():
    with pytest.raises(InputError, match="agreement"):
        two_mode(pd.DataFrame({"organization": ["A"], "concept": ["X"]}))
    with pytest.raises(InputError, match="number"):
        statement_table([{"organization": "A", "concept": "X", "agreement": "favor"}])
