"""The codebook: one way to read ``codebook=`` everywhere, the study codebook only for the seed, and a
TOML file checked field by field so a slip is an InputError that names it."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hwresearch as hw
from hwresearch import Codebook, InputError, load_codebook
from hwresearch.article import parse_article, seed_text
from hwresearch.codebook import resolve_codebook
from hwresearch.corpus import annotate_corpus
from hwresearch.mentions import extract_mentions
from hwresearch.positions import stakeholder_positions
from hwresearch.quotes import extract_quotes
from hwresearch.stance import stance_statements

ACME = '[[actors]]\nid = "acme"\nname = "Acme"\ntype = "company"\naliases = ["Acme Corp."]\n'
ACME_TEXT = 'Acme Corp. said it would appeal the ruling. "We will win," Acme Corp. said.'
STUDY = load_codebook()


@pytest.fixture
def acme_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.toml"
    path.write_text(ACME, encoding="utf-8")
    return path


# ---- one function for every form ------------------------------------------------------------------


def test_resolve_codebook_forms(acme_path):
    acme = load_codebook(acme_path)
    assert resolve_codebook(acme) is acme
    assert resolve_codebook(str(acme_path)) == acme == resolve_codebook(acme_path)
    assert resolve_codebook(None) == STUDY  # no article: the seed's study
    assert resolve_codebook(None, hw.load_article()) == STUDY
    assert resolve_codebook(None, parse_article(seed_text())) == STUDY  # the seed's text, however given
    assert resolve_codebook(None, parse_article("Acme Corp. said so.")) == Codebook.empty()
    for bad in (42, b"codebook.toml", {"actors": []}, ["a.toml"]):
        with pytest.raises(InputError, match="codebook must be"):
            resolve_codebook(bad)


STAGES = {
    "mentions": extract_mentions,
    "quotes": extract_quotes,
    "statements": stance_statements,
    "positions": stakeholder_positions,
}


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_takes_the_same_codebook_forms(stage, acme_path):
    function = STAGES[stage]
    by_object = function(ACME_TEXT, codebook=load_codebook(acme_path))
    for form in (acme_path, str(acme_path)):
        pd.testing.assert_frame_equal(function(ACME_TEXT, codebook=form), by_object)
    with pytest.raises(InputError):
        function(ACME_TEXT, codebook=acme_path.with_name("missing.toml"))
    with pytest.raises(InputError):
        function(ACME_TEXT, codebook=5)


def test_path_codebook_names_the_speaker(acme_path):
    quotes = extract_quotes(ACME_TEXT, codebook=acme_path)
    assert "Acme" in set(quotes["speaker"])


@pytest.mark.parametrize("stage", STAGES)
def test_none_is_no_study_codebook_for_other_texts(stage):
    text = "Washington maintains that Huawei is a threat to U.S. allies, officials said. Barr said so too."
    function = STAGES[stage]
    pd.testing.assert_frame_equal(function(text), function(text, codebook=Codebook.empty()))


def test_none_is_the_study_codebook_for_the_seed():
    mentions = extract_mentions(hw.load_article())
    assert "ren_zhengfei" in set(mentions["actor_id"])
    assert "ren_zhengfei" in set(extract_mentions(seed_text())["actor_id"])


def test_corpus_takes_a_codebook(acme_path):
    docs = pd.DataFrame({"doc_id": ["a", "seed"], "text": [ACME_TEXT, seed_text()]})
    default = annotate_corpus(docs, stages=["mentions"], progress=False)
    mentions = default.mentions
    assert not (mentions.loc[mentions["doc_id"] == "a", "actor_id"] == "acme").any()
    assert (mentions.loc[mentions["doc_id"] == "seed", "actor_id"] == "ren_zhengfei").any()
    chosen = annotate_corpus(docs, stages=["mentions"], progress=False, codebook=str(acme_path)).mentions
    assert (chosen.loc[chosen["doc_id"] == "a", "actor_id"] == "acme").all()
    with pytest.raises(InputError):
        annotate_corpus(docs, progress=False, codebook=acme_path.with_name("missing.toml"))


# ---- the study codebook never claims a name it does not hold ------------------------------------------

# Names that are not the study's but share a word with its aliases: other people, firms and places.
NEAR_NAMES = [
    "Ren Li", "Barr Laboratories", "Trump Organization", "William Shakespeare", "Washington State",
    "Donald Duck", "Jane Doe", "Acme Corp.", "Siemens", "Bill Gates",
    "Huawen Chen", "Justin Bieber", "Erica Jong",
]
VERBS = ["said", "told reporters", "denied the report", "praised the plan", "warned of a threat"]
OBJECTS = ["the deal", "the company", "its rivals", "the new rules", "him"]


@st.composite
def sentences_about_other_names(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        name, verb, obj = draw(st.sampled_from(NEAR_NAMES)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS))
        parts.append(draw(st.sampled_from([f"{name} {verb}.", f"{name} {verb} about {obj}.", f'"It is over," {name} said.'])))
    return " ".join(parts)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences_about_other_names())
def test_study_codebook_changes_nothing_for_names_it_lacks(text):
    pd.testing.assert_frame_equal(extract_mentions(text, codebook=STUDY), extract_mentions(text, codebook=Codebook.empty()))


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ren Li said the deal was off.", "Ren Li"),
        ("Barr Laboratories said it would appeal.", "Barr Laboratories"),
        ("The Trump Organization said so.", "Trump Organization"),
        ("Officials in Washington State said so.", "Washington State"),
    ],
)
def test_a_short_alias_does_not_cut_a_longer_name(text, name):
    mentions = extract_mentions(text, codebook=STUDY)
    assert name in set(mentions["text"]), mentions
    assert not set(mentions["actor_id"]) & {a.id for a in STUDY.actors}


def test_a_given_name_alone_is_no_codebook_person():
    text = "William Shakespeare wrote plays. William said they were good."
    assert "william_barr" not in set(extract_mentions(text, codebook=STUDY)["actor_id"])
    named = "William Barr spoke first. Later William said it again."
    assert (extract_mentions(named, codebook=STUDY)["actor_id"] == "william_barr").sum() == 2


# ---- validation of the TOML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "toml, what",
    [
        (ACME + ACME.replace('name = "Acme"', 'name = "Acme Two"'), "actor id 'acme' is used twice"),
        (ACME + ACME.replace('id = "acme"', 'id = "acme2"'), "actor name 'Acme' is used twice"),
        (ACME.replace('aliases = ["Acme Corp."]', 'aliases = "Acme"'), "aliases as a list"),
        (ACME.replace('aliases = ["Acme Corp."]', 'aliases = [""]'), "aliases as a list of non-empty"),
        (ACME.replace('aliases = ["Acme Corp."]', 'aliases = ["  "]'), "non-empty strings"),
        (ACME.replace('aliases = ["Acme Corp."]', "aliases = [1, 2]"), "aliases as a list"),
        (ACME.replace('name = "Acme"', "name = 3"), "needs name as a non-empty string"),
        (ACME.replace('type = "company"', 'type = "firm"'), "use one of"),
        ("actors = 5\n", "actors must be an array of tables"),
        ('meta = "x"\n' + ACME, "meta must be a table"),
        ('[[issues]]\nid = "x"\nproposition = "P"\ncues = "tax"\n', "cues as a list"),
        ('[[issues]]\nid = "x"\n', "lacks proposition"),
        ('[[issues]]\nid = "x"\nproposition = "P"\n[[issues]]\nid = "x"\nproposition = "Q"\n', "issue id 'x' is used twice"),
        (ACME.replace('aliases', 'affiliation = "nobody"\naliases'), "unknown actor id"),
        ("actors = [", "not a valid TOML"),
    ],
)
def test_bad_codebook_files_name_the_problem(tmp_path, toml, what):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError, match=what.replace("[", r"\[").replace("(", r"\(")):
        load_codebook(path)


@pytest.mark.parametrize("bad", [42, 4.5, b"x.toml", ["x.toml"]])
def test_load_codebook_rejects_non_paths(bad):
    with pytest.raises(InputError, match="codebook path must be"):
        load_codebook(bad)


def test_load_codebook_file_problems(tmp_path):
    for path, message in (
        (tmp_path / "missing.toml", "no such file"),
        (tmp_path, "is a directory"),
        (tmp_path / ("x" * 300 + ".toml"), "too long"),
    ):
        with pytest.raises(InputError, match=message):
            load_codebook(path)
    latin = tmp_path / "latin.toml"
    latin.write_bytes('[meta]\nstudy = "café"\n'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_codebook(latin)


# ---- the CLI ----------------------------------------------------------------------------------------------


def test_cli_codebook_option(cli, tmp_path, acme_path):
    article = tmp_path / "acme.txt"
    article.write_text(ACME_TEXT, encoding="utf-8")
    chosen = cli("quotes", str(article), "--codebook", str(acme_path), "--format", "csv")
    assert chosen.returncode == 0, chosen.stderr
    assert "Acme" in set(pd.read_csv(io.StringIO(chosen.stdout))["speaker"])
    mentions = cli("mentions", str(article), "--format", "csv")  # no codebook: document entities
    assert "acme" not in set(pd.read_csv(io.StringIO(mentions.stdout))["actor_id"])
    out = tmp_path / "out.csv"
    corpus = cli("corpus", str(tmp_path), "--out", str(out), "--stages", "mentions", "--codebook", str(acme_path), "--no-progress")
    assert corpus.returncode == 0, corpus.stderr
    table = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert "acme" in set(table.loc[table["table"] == "mentions", "actor_id"])


@pytest.mark.parametrize("stage", ["mentions", "quotes", "stance", "positions"])
def test_cli_bad_codebook_is_one_line(cli, tmp_path, stage):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[actors]]\nid = "a"\nname = "A"\ntype = "company"\naliases = "A"\n', encoding="utf-8")
    for path in (bad, tmp_path / "missing.toml"):
        result = cli(stage, "--codebook", str(path))
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
