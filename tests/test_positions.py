"""Stakeholder positions: the seed against hand-coded gold, aggregation rules on hand-made statement
tables, the position graph and its GraphML, the CLI, and bad input.

The gold (tests/gold/seed_positions.csv) was coded by reading the seed article before the code ran.
Every other expected number below was worked out by hand; the comments show the arithmetic.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from hwresearch import Codebook, InputError, load_codebook, stakeholder_positions, stance_statements
from hwresearch.networks import STATEMENT_COLUMNS, coalitions, export_graphml, one_mode
from hwresearch.positions import (
    POSITION_COLUMNS,
    dna_statements,
    evidence_for,
    position_graph,
    position_matrix,
)

GOLD = Path(__file__).parent / "gold" / "seed_positions.csv"
LICENCE = "Licence Huawei 5G to a US firm"  # the label of issue license_offer
THREAT = "Huawei is a security threat"  # the label of issue huawei_security_threat
STAKES = "US stakes in Ericsson and Nokia"  # the label of issue stakes_in_competitors


def statements(*rows: tuple) -> pd.DataFrame:
    """A stance table from (holder, target, target_kind, polarity, confidence, start, evidence)."""
    columns = ["holder", "target", "target_kind", "polarity", "confidence", "start", "evidence"]
    table = pd.DataFrame(rows, columns=columns)
    return table.assign(end=table["start"] + 10, holder_type=pd.NA, method="hand", sent_id=0)


def cell(positions: pd.DataFrame, actor: str, target: str) -> pd.Series:
    found = positions[(positions["actor"] == actor) & (positions["target"] == target)]
    assert len(found) == 1, f"expected one row for {actor} -> {target}, got {len(found)}"
    return found.iloc[0]


# --- the seed against the gold -----------------------------------------------------------------


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    table = pd.read_csv(GOLD)
    codebook = load_codebook()
    # Gold targets are issue ids or entity names; positions name issues by their label.
    labels = {issue.id: issue.label for issue in codebook.issues}
    return table.assign(target=table["target"].map(lambda t: labels.get(t, t)))


@pytest.fixture(scope="module")
def seed_positions() -> dict[str, pd.DataFrame]:
    return {level: stakeholder_positions(level=level) for level in ("actor", "organisation")}


def test_gold_uses_codebook_names(gold):
    codebook = load_codebook()
    names = {actor.name for actor in codebook.actors}
    targets = names | {issue.label for issue in codebook.issues}
    assert set(gold["actor"]) <= names
    assert set(gold["target"]) <= targets
    assert set(gold["position"]) <= {"favor", "against", "neutral", "mixed"}
    assert not gold.duplicated(["level", "actor", "target"]).any()


@pytest.mark.parametrize(
    ("level", "actor", "target", "position"),
    [
        ("organisation", "US government", "Huawei", "against"),
        ("organisation", "Huawei", LICENCE, "favor"),
        ("actor", "US government", "Huawei", "against"),
        ("actor", "Ren Zhengfei", LICENCE, "favor"),
    ],
)
def test_seed_cells_we_are_sure_of(seed_positions, level, actor, target, position):
    assert cell(seed_positions[level], actor, target)["position"] == position


def test_seed_agreement_with_gold(seed_positions, gold, record_property):
    """Share of gold cells the positions reproduce (a missing row counts as a miss)."""
    for level, expected in gold.groupby("level"):
        found = seed_positions[level].set_index(["actor", "target"])["position"]
        keys = list(zip(expected["actor"], expected["target"]))
        got = [found.get(key) for key in keys]
        agree = sum(g == p for g, p in zip(got, expected["position"])) / len(keys)
        record_property(f"gold_agreement_{level}", agree)
        print(f"{level}: {agree:.0%} of {len(keys)} gold cells agree")
        # No gold cell may come out on the opposite side; agreement must stay where it was measured.
        flips = [k for k, g, p in zip(keys, got, expected["position"]) if {g, p} == {"favor", "against"}]
        assert not flips, f"opposite side at {level} level: {flips}"
        assert agree >= 0.75


def test_seed_table_shape(seed_positions):
    for table in seed_positions.values():
        assert list(table.columns) == POSITION_COLUMNS
        assert not table.duplicated(["actor", "target"]).any()
        assert table["score"].between(-1, 1).all()
        assert (table["n"] >= 1).all()
        assert "(article)" not in set(table["actor"]), "the article's own voice is no stakeholder"
        assert set(table["target_kind"]) == {"issue", "entity"}
    # Organisation level: Ren Zhengfei and Huawei USA speak for Huawei, Barr for the US government.
    organisations = set(seed_positions["organisation"]["actor"])
    assert "Ren Zhengfei" not in organisations and "William Barr" not in organisations
    assert (seed_positions["organisation"]["actor"] == seed_positions["organisation"]["organisation"]).all()


def test_seed_evidence_drill_down(seed):
    rows = evidence_for(seed, "William Barr", "Huawei")
    assert len(rows) >= 1
    assert set(rows["polarity"]) == {"against"}
    # The whole sentence comes along: Barr's suggestion names Ericsson and Nokia.
    assert rows["sentence"].str.contains("controlling stakes in Huawei's European competitors").all()
    for row in rows.itertuples():
        assert row.evidence == seed.text[row.start : row.end]
        assert row.evidence in row.sentence
    computed = evidence_for(seed, "William Barr", "Huawei", statements=stance_statements(seed))
    pd.testing.assert_frame_equal(computed, rows)


# --- aggregation rules on hand-made statement tables -------------------------------------------

# A statement table carries no text to tell the seed by, so the study codebook is passed explicitly.
STUDY = load_codebook()


@pytest.fixture
def ren_mixed() -> pd.DataFrame:
    return statements(
        ("Ren Zhengfei", LICENCE, "issue", "favor", 1.0, 10, "Ren offers a licence."),
        ("Ren Zhengfei", LICENCE, "issue", "against", 0.5, 30, "Ren takes it back."),
        ("Huawei", LICENCE, "issue", "favor", None, 50, "Huawei says it is on the table."),
        ("(article)", LICENCE, "issue", "neutral", 1.0, 70, "No firm has taken up the offer."),
    )


def test_mixed_when_both_sides(ren_mixed):
    table = stakeholder_positions(ren_mixed, codebook=STUDY)
    assert list(table["actor"]) == ["Huawei", "Ren Zhengfei"]  # the article's voice is left out
    ren = cell(table, "Ren Zhengfei", LICENCE)
    assert ren["position"] == "mixed"
    # (+1 * 1.0 + -1 * 0.5) / (1.0 + 0.5) = 0.5 / 1.5
    assert ren["score"] == pytest.approx(1 / 3)
    assert ren["n"] == 2
    assert ren["actor_type"] == "person" and ren["organisation"] == "Huawei"
    assert ren["evidence"] == "Ren offers a licence. | Ren takes it back."
    huawei = cell(table, "Huawei", LICENCE)
    # A missing confidence weighs 1.
    assert (huawei["position"], huawei["score"], huawei["n"]) == ("favor", 1.0, 1)


def test_organisation_level_merges_ren_into_huawei(ren_mixed):
    table = stakeholder_positions(ren_mixed, codebook=STUDY, level="organisation")
    assert list(table["actor"]) == ["Huawei"]
    huawei = cell(table, "Huawei", LICENCE)
    assert huawei["position"] == "mixed"
    # (+1 * 1.0 - 1 * 0.5 + 1 * 1) / (1.0 + 0.5 + 1) = 1.5 / 2.5
    assert huawei["score"] == pytest.approx(0.6)
    assert huawei["n"] == 3
    assert huawei["actor_type"] == "company"
    # Reading order, all three members' evidence.
    assert huawei["evidence"].split(" | ") == [
        "Ren offers a licence.",
        "Ren takes it back.",
        "Huawei says it is on the table.",
    ]


def test_neutral_only_and_favor_with_neutral():
    table = stakeholder_positions(
        statements(
            ("Ericsson", "Huawei", "entity", "neutral", 0.8, 5, "Ericsson competes."),
            ("Nokia", "Huawei", "entity", "favor", 1.0, 10, "Nokia praises Huawei."),
            ("Nokia", "Huawei", "entity", "neutral", 1.0, 20, "Nokia competes."),
        )
    )
    ericsson, nokia = cell(table, "Ericsson", "Huawei"), cell(table, "Nokia", "Huawei")
    assert (ericsson["position"], ericsson["score"]) == ("neutral", 0.0)
    # A neutral statement does not make a side mixed: favor. Score (1 + 0) / 2.
    assert (nokia["position"], nokia["score"], nokia["n"]) == ("favor", 0.5, 2)


def test_attributed_leanings_alone_settle_no_side_until_three_agree():
    """rule:attributed statements weigh a third each (data/position_evidence.toml); a predicate weighs 1."""
    methods = ["rule:attributed", "rule:attributed", "rule:attributed", "rule:attributed", "rule:attributed",
               "rule:verb", "rule:attributed"]
    table = statements(
        ("Nokia", "Huawei", "entity", "against", 0.6, 1, "Nokia's words lean against Huawei."),
        ("Nokia", "Huawei", "entity", "against", 0.6, 2, "Again."),
        ("Ericsson", "Huawei", "entity", "favor", 0.6, 3, "Ericsson's words lean toward Huawei."),
        ("Ericsson", "Huawei", "entity", "favor", 0.6, 4, "Again."),
        ("Ericsson", "Huawei", "entity", "favor", 0.6, 5, "And again."),
        ("Samsung", "Huawei", "entity", "favor", 0.75, 6, "Samsung praised Huawei."),
        ("Samsung", "Huawei", "entity", "against", 0.6, 7, "Samsung's words lean against it."),
    ).assign(method=methods)
    positions = stakeholder_positions(table)
    # Nokia: two thirds of a side, no position; Ericsson: three thirds, favor.
    assert list(positions["actor"]) == ["Ericsson", "Samsung"]
    assert cell(positions, "Ericsson", "Huawei")["position"] == "favor"
    # Samsung: a verb settles favor; one leaning against settles nothing, so it neither makes the cell
    # mixed nor moves the score (the score never says against where the position says favor).
    samsung = cell(positions, "Samsung", "Huawei")
    assert (samsung["position"], samsung["n"]) == ("favor", 2)
    assert samsung["score"] == 1.0
    # min_evidence=0 counts every statement: Nokia is back, Samsung mixed (DNA's plain combine).
    every = stakeholder_positions(table, min_evidence=0)
    assert cell(every, "Nokia", "Huawei")["position"] == "against"
    assert cell(every, "Samsung", "Huawei")["position"] == "mixed"
    assert cell(every, "Samsung", "Huawei")["score"] == pytest.approx((0.75 - 0.6) / 1.35)
    # The statements of a cell left out are still there to read.
    assert len(evidence_for(table, "Nokia", "Huawei")) == 2
    # Two agreeing predicates at min_evidence=2 settle a side; one does not.
    assert stakeholder_positions(table.assign(method="rule:verb"), min_evidence=2)["actor"].tolist() == ["Ericsson", "Nokia"]


def test_min_evidence_must_be_a_number_of_zero_or_more(ren_mixed):
    for bad in (-1, float("nan"), float("inf"), "2", None, True):
        with pytest.raises(InputError, match="min_evidence"):
            stakeholder_positions(ren_mixed, codebook=STUDY, min_evidence=bad)


def test_zero_confidence_falls_back_to_plain_mean():
    table = stakeholder_positions(
        statements(
            ("Nokia", "Huawei", "entity", "against", 0.0, 1, "a"),
            ("Nokia", "Huawei", "entity", "neutral", 0.0, 2, "b"),
        )
    )
    # All weights 0: (-1 + 0) / 2.
    assert cell(table, "Nokia", "Huawei")["score"] == -0.5


def test_repeated_evidence_is_listed_once():
    same = "The U.S. added Huawei to a blacklist."
    table = stakeholder_positions(
        statements(
            ("US government", "Huawei", "entity", "against", 0.9, 1, same),
            ("William Barr", "Huawei", "entity", "against", 0.9, 1, same),
        ),
        codebook=STUDY,
        level="organisation",
    )
    row = cell(table, "US government", "Huawei")
    assert (row["evidence"], row["n"]) == (same, 2)


def test_unknown_holder_keeps_the_stance_type():
    table = statements(("Jane Doe", "Huawei", "entity", "against", 1.0, 1, "x")).assign(holder_type="person")
    row = cell(stakeholder_positions(table, level="organisation"), "Jane Doe", "Huawei")
    assert (row["actor_type"], row["organisation"]) == ("person", "Jane Doe")


@pytest.fixture
def us_and_huawei() -> pd.DataFrame:
    return statements(
        ("US government", "Huawei", "entity", "against", 1.0, 1, "accused it"),
        ("US government", THREAT, "issue", "favor", 1.0, 2, "a national security threat"),
        ("William Barr", "Huawei", "entity", "against", 1.0, 3, "stakes in its competitors"),
        ("William Barr", STAKES, "issue", "favor", 1.0, 4, "stakes in its competitors"),
        ("Ren Zhengfei", THREAT, "issue", "against", 1.0, 5, "a claim Huawei has denied"),
    )


def test_dna_statements_feed_the_network_layer(us_and_huawei):
    dna = dna_statements(us_and_huawei, codebook=STUDY)
    assert list(dna.columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS
    assert list(dna["agreement"]) == [-1, 1, -1, 1, -1]
    assert list(dna["organization"]) == ["US government", "US government", "US government", "US government", "Huawei"]
    people = one_mode(dna, actor="person", qualifier_aggregation="subtract")
    # Agreement values {-1, +1}: range 2. US government and Barr both -1 on Huawei: congruence 1.
    assert people.loc["US government", "William Barr"] == 1.0
    # US government +1 and Ren -1 on the threat: conflict |2| / 2 = 1, so subtract -1.
    assert people.loc["US government", "Ren Zhengfei"] == -1.0
    # Barr and Ren share no target.
    assert people.loc["William Barr", "Ren Zhengfei"] == 0.0
    groups = coalitions(people).set_index("actor")["coalition"]
    assert groups["US government"] == groups["William Barr"] != groups["Ren Zhengfei"]
    organisations = one_mode(dna, actor="organization", qualifier_aggregation="subtract")
    # Only the threat is shared: US government +1 (one statement) vs Huawei -1 (one): -1.
    assert organisations.loc["US government", "Huawei"] == -1.0


def test_evidence_for_a_cell(us_and_huawei):
    rows = evidence_for(us_and_huawei, "US government", "Huawei", codebook=STUDY, level="organisation")
    assert list(rows["holder"]) == ["US government", "William Barr"]
    assert list(rows["evidence"]) == ["accused it", "stakes in its competitors"]
    assert evidence_for(us_and_huawei, "US government", "Huawei")["holder"].tolist() == ["US government"]
    assert evidence_for(us_and_huawei, "Nokia", "Huawei").empty
    assert rows["sentence"].isna().all()  # a stance table alone carries no text


def test_position_matrix(us_and_huawei):
    table = stakeholder_positions(us_and_huawei)
    counts = position_matrix(table, "n")
    assert counts.loc["William Barr", "Huawei"] == 1
    assert pd.isna(counts.loc["Ren Zhengfei", "Huawei"])
    assert list(counts.columns)[0] == "Huawei"  # entity targets first, then issues


# --- the position graph and GraphML ------------------------------------------------------------


def test_position_graph_and_graphml_round_trip(us_and_huawei, tmp_path):
    graph = position_graph(stakeholder_positions(us_and_huawei, codebook=STUDY))
    assert nx.is_bipartite(graph)
    assert graph.number_of_nodes() == 3 + 3  # actors: US government, Barr, Ren; targets: Huawei, two issues
    assert graph.number_of_edges() == 5
    edge = graph.edges["actor:Ren Zhengfei", f"target:{THREAT}"]
    assert (edge["weight"], edge["sign"], edge["position"], edge["n"]) == (-1.0, -1, "against", 1)
    path = export_graphml(graph, tmp_path / "out" / "positions.graphml")
    back = nx.read_graphml(path)
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert back.nodes["actor:William Barr"]["organisation"] == "US government"
    assert back.nodes[f"target:{STAKES}"]["target_kind"] == "issue"
    edge = back.edges["actor:US government", "target:Huawei"]
    assert (edge["weight"], edge["position"]) == (-1.0, "against")


def test_position_graph_merges_rows_of_several_articles():
    table = pd.DataFrame(
        [
            {"actor": "Nokia", "target": "Huawei", "position": "favor", "score": 1.0, "n": 1, "evidence": "a"},
            {"actor": "Nokia", "target": "Huawei", "position": "against", "score": -1.0, "n": 3, "evidence": "b"},
        ]
    )
    edge = position_graph(table).edges["actor:Nokia", "target:Huawei"]
    # n 1 + 3; score (1 * 1 - 1 * 3) / 4.
    assert (edge["n"], edge["weight"], edge["position"], edge["evidence"]) == (4, -0.5, "mixed", "a | b")


def test_neutral_positions_stay_edges():
    table = stakeholder_positions(statements(("Ericsson", "Huawei", "entity", "neutral", 1.0, 1, "x")))
    edge = position_graph(table).edges["actor:Ericsson", "target:Huawei"]
    assert (edge["weight"], edge["sign"]) == (0.0, 0)


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_positions_csv(cli):
    result = cli("positions", "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert list(table.columns) == POSITION_COLUMNS
    assert ((table["actor"] == "US government") & (table["target"] == "Huawei")).any()


def test_cli_positions_graphml(cli, tmp_path):
    path = tmp_path / "positions.graphml"
    result = cli("positions", "--graphml", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(path)
    assert graph.has_edge("actor:US government", "target:Huawei")


# --- other articles and bad input --------------------------------------------------------------


def test_article_with_an_empty_codebook():
    text = "Acme Corp. accused Globex of fraud. Globex denied the claim."
    table = stakeholder_positions(text, codebook=Codebook.empty())
    assert list(table.columns) == POSITION_COLUMNS
    assert (table["actor"] == table["organisation"]).all()  # no affiliations without a codebook
    assert set(table["target_kind"]) <= {"entity"}
    assert list(dna_statements(text, Codebook.empty()).columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS


def test_a_table_without_statements():
    empty = statements()
    assert stakeholder_positions(empty).empty
    assert list(stakeholder_positions(empty).columns) == POSITION_COLUMNS
    assert position_graph(stakeholder_positions(empty)).number_of_nodes() == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda: stakeholder_positions(42),
        lambda: stakeholder_positions(b"bytes"),
        lambda: stakeholder_positions(level="team"),
        lambda: stakeholder_positions(pd.DataFrame({"holder": ["Nokia"], "target": ["Huawei"]})),
        lambda: stakeholder_positions(statements(("Nokia", "Huawei", "entity", "pro", 1.0, 1, "x"))),
        lambda: evidence_for(None, "Huawei", LICENCE, level="team"),
        lambda: position_graph(pd.DataFrame({"actor": ["Nokia"]})),
        lambda: position_matrix(stakeholder_positions(statements()), "colour"),
    ],
)
def test_bad_input_raises_input_error(call):
    with pytest.raises(InputError):
        call()
