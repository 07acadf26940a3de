"""The hostile-input classes of issue 13: nothing lost, no wrong offset, no hang, every export read back
equal. Property tests where a class allows it, then the cases that first showed each class.

Hang guards (FIFOs, /dev/zero) run under an alarm so that a regression fails instead of blocking the
suite; they assert no timing.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import alarm_after
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hwresearch as hw
from hwresearch import Codebook, InputError, load_article
from hwresearch.article import parse_article, read_text_file
from hwresearch.cli import main
from hwresearch.corpus import annotate_corpus
from hwresearch.mentions import extract_mentions
from hwresearch.networks import export_csv, export_graphml
from hwresearch.positions import stakeholder_positions
from hwresearch.quotes import extract_quotes
from hwresearch.sentiment import target_sentiment
from hwresearch.stance import stance_statements

EMPTY = Codebook.empty()
GUARD_SECONDS = 30
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def hang_guard(what: str, seconds: int = GUARD_SECONDS):
    """Fail instead of blocking forever when ``what`` does not return."""
    return alarm_after(seconds, f"{what} did not return: it blocks on its input")


def run_cli(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hwresearch", *args],
        check=False,
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        input=None if stdin is None else stdin.encode(),
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The one error line of a run (a process's bytes, or the text of the in-process ``cli``)."""
    err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "internal error" not in err, err
    return err


# Words from which the properties build news-like sentences: names, speech and charge verbs, quote marks.
WORDS = [
    "Huawei", "Officials", "Washington", "Ren", "the company", "said", "warned", "of", "the threat", "poses",
    "accused", "denied", "espionage", "pressure from", "rivals to", "funds", "to", "networks", "claim", "“",
    "”", '"', "'", "\r", "\n", "\n\n", "\x0b", "\x1b", "\ufffe", ".", ",", ":", "He", "it", "U.S.",
]
news_like = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join).filter(str.strip)


# ---- 1. offsets -----------------------------------------------------------------------------------


def test_accused_after_the_charge_word_gives_a_forward_span():
    text = "Officials warned of the threat Huawei poses to networks."
    statements = stance_statements(text, codebook=EMPTY)
    assert len(statements)
    for row in statements.itertuples():
        assert row.start < row.end and row.evidence == text[row.start : row.end]
    accuse = statements[statements["method"] == "rule:accuse"].iloc[0]
    assert "Huawei" in accuse["evidence"] and "threat" in accuse["evidence"]


@SLOW
@given(news_like)
def test_every_statement_and_quote_slices_back(text):
    try:
        statements = stance_statements(text, codebook=EMPTY)
        quotes = extract_quotes(text, codebook=EMPTY)
    except InputError:
        return
    for row in statements.itertuples():
        assert 0 <= row.start < row.end <= len(text) and row.evidence == text[row.start : row.end], row
    for row in quotes.itertuples():
        assert 0 <= row.start < row.end <= len(text) and row.text == text[row.start : row.end], row


# ---- 2. quotes that open and never close ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, content",
    [
        ("Huawei said in a statement: “\n\nWe will win.”", "We will win."),
        ("Huawei said in a statement: “\r\rWe will win.”", "We will win."),
        ("Huawei said: “\n\nWe will win.\n\nThe company left.", "We will win."),
    ],
)
def test_a_quote_opened_before_a_paragraph_break_is_kept(text, content):
    quotes = extract_quotes(text, codebook=EMPTY)
    assert content in list(quotes["text"]), quotes
    row = quotes[quotes["text"] == content].iloc[0]
    assert (row["kind"], row["speaker"]) == ("direct", "Huawei")


def test_a_typo_closing_mark_before_a_paragraph_break_opens_nothing():
    text = "Critics called his claim “Mostly False.“\n\nThe unemployment rate is a widely used term, Smith said."
    quotes = extract_quotes(text, codebook=EMPTY)
    assert not quotes["text"].str.contains("\n").any()  # no quote runs across the break
    later = quotes[quotes["text"].str.contains("unemployment")]
    assert (later["kind"] == "indirect").all()  # reported by Smith, not quoted after the stray mark


@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=60), st.sampled_from(["“", '"', "«", "'", "„"]))
@settings(max_examples=60, deadline=None)
def test_a_mark_at_the_very_end_makes_no_empty_quote(prefix, mark):
    text = f"Huawei said {prefix} {mark}"
    try:
        quotes = extract_quotes(text, codebook=EMPTY)
    except InputError:
        return
    assert (quotes["start"] < quotes["end"]).all(), quotes
    assert all(t.strip() for t in quotes["text"]), quotes


# ---- 3. exports read back equal -------------------------------------------------------------------------

label_text = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(label_text, min_size=1, max_size=4, unique=True))
def test_export_csv_reads_back_equal(tmp_path_factory, labels):
    network = pd.DataFrame(
        np.arange(len(labels) ** 2, dtype=float).reshape(len(labels), -1),
        index=pd.Index(labels, name="organization"),
        columns=pd.Index(labels, name="organization"),
    )
    path = export_csv(network, tmp_path_factory.mktemp("csv") / "network.csv")
    # every cell as text, so a label such as "1" or "NA" stays itself, then the values as numbers
    back = pd.read_csv(path, index_col=0, dtype=str, keep_default_na=False, na_values=[])
    assert back.shape == network.shape
    assert list(back.index) == labels and list(back.columns) == labels
    np.testing.assert_array_equal(back.to_numpy().astype(float), network.to_numpy())


@settings(max_examples=60, deadline=None)
@given(label_text, label_text)
def test_graphml_reads_back_what_was_written_or_says_why(tmp_path_factory, name, evidence):
    graph = nx.Graph()
    graph.add_node(f"actor:{name}", label=name, n=2)
    graph.add_edge(f"actor:{name}", "target:Huawei", evidence=evidence, weight=-1.0)
    folder = tmp_path_factory.mktemp("graphml")
    try:
        path = export_graphml(graph, folder / "strict.graphml")
    except InputError as err:
        assert "U+" in str(err)
    else:
        back = nx.read_graphml(path)
        assert back.nodes[f"actor:{name}"] == {"label": name, "n": 2}
        assert back.edges[f"actor:{name}", "target:Huawei"] == {"evidence": evidence, "weight": -1.0}
    path = export_graphml(graph, folder / "replaced.graphml", replace_invalid=True)
    back = nx.read_graphml(path)  # always readable
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\ufffe", "\r"])
def test_graphml_with_a_control_character_is_refused_not_written_broken(tmp_path, char):
    graph = nx.Graph()
    graph.add_edge("actor:A", "target:B", evidence=f"line{char}break")
    with pytest.raises(InputError, match=f"U\\+{ord(char):04X}"):
        export_graphml(graph, tmp_path / "x.graphml")
    assert not (tmp_path / "x.graphml").exists()


def test_cli_graphml_from_a_word_text_reads_back(cli, tmp_path):
    article = tmp_path / "word.txt"
    article.write_text("Washington maintains that Huawei poses a threat,\x0b a claim Huawei has denied.\n", encoding="utf-8")
    graphml = tmp_path / "positions.graphml"
    result = cli("positions", str(article), "--graphml", str(graphml), "--format", "csv")
    assert result.returncode == 0, result.stderr
    nx.read_graphml(graphml)


CR_TEXTS = [
    'Huawei said: "We will\rwin." Officials denied it.',
    "Ren said the deal\r\nwas \x0bstill on the table.\rThe U.S. disagreed.",
    'He said "NA" and "null".\r',
]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_corpus_file_reads_back_equal(tmp_path, suffix):
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": CR_TEXTS})
    corpus = annotate_corpus(documents, stages=["mentions", "quotes", "statements"], progress=False)
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".csv":
        corpus.to_csv(path)
        back = pd.read_csv(path, keep_default_na=False, na_values=[""])
    else:
        corpus.to_parquet(path)
        back = pd.read_parquet(path)
    written = corpus.combined()
    assert back.shape == written.shape
    assert back["table"].value_counts().to_dict() == written["table"].value_counts().to_dict()
    for column in ("text", "evidence", "cue", "speaker", "actor"):
        if column in written:
            expected = [None if pd.isna(v) or (suffix == ".csv" and v == "") else v for v in written[column]]
            got = [None if pd.isna(v) else v for v in back[column]]
            assert got == expected, column
    for column in ("start", "end"):
        pd.testing.assert_series_equal(back[column].astype("Int64"), written[column].astype("Int64"))


def test_cli_csv_keeps_a_carriage_return_inside_its_cell(tmp_path):
    article = tmp_path / "cr.txt"
    article.write_text(CR_TEXTS[0], encoding="utf-8", newline="")
    result = run_cli("quotes", str(article), "--format", "csv")
    assert result.returncode == 0, result.stderr
    back = pd.read_csv(io.BytesIO(result.stdout), keep_default_na=False)
    expected = extract_quotes(CR_TEXTS[0])
    assert list(back["text"]) == list(expected["text"])


# ---- 5. line ends ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_the_seed_with_other_line_ends_has_the_same_parts(newline):
    seed = load_article()
    other = parse_article(seed.text.replace("\n", newline))
    assert [p.kind for p in other.parts] == [p.kind for p in seed.parts]
    assert other.headline == seed.headline and other.section == seed.section
    assert [p.text for p in other.parts] == [p.text for p in seed.parts]
    assert len(other.sentences) == len(seed.sentences)


line_text = st.text(st.sampled_from(list("Huawei said no. Key Points•-|\n ")), min_size=1, max_size=200)


@settings(max_examples=80, deadline=None)
@given(line_text.filter(str.strip))
def test_line_ends_do_not_change_the_layout(text):
    kinds = [p.kind for p in parse_article(text).parts]
    for newline in ("\r", "\r\n"):
        other = parse_article(text.replace("\n", newline))
        assert [p.kind for p in other.parts] == kinds
        assert all(other.text[p.start : p.end] == p.text for p in other.parts)


# ---- 6. only regular files, of a bounded size ------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_not_read(fifo):
    with hang_guard("load_article(fifo)"), pytest.raises(InputError, match="not a regular file"):
        load_article(fifo)
    with hang_guard("load_article(str(fifo))"), pytest.raises(InputError, match="not a regular file"):
        load_article(str(fifo))


def test_a_corpus_with_a_fifo_finishes_and_lists_it(fifo):
    (fifo.parent / "story.txt").write_text("Huawei said it would appeal.", encoding="utf-8")
    with hang_guard("annotate_corpus(folder with a FIFO)"):
        corpus = annotate_corpus(fifo.parent, stages=["quotes"], progress=False)
    status = corpus.status.set_index("doc_id")["status"].to_dict()
    assert status == {"pipe": "error", "story": "annotated"}
    assert "not a regular file" in corpus.errors.set_index("doc_id").loc["pipe", "message"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_is_refused():
    with hang_guard("load_article('/dev/zero')"), pytest.raises(InputError, match="not a regular file"):
        load_article(Path("/dev/zero"))


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("Huawei said no." * 10, encoding="utf-8")
    with pytest.raises(InputError, match="larger than 20 bytes"):
        read_text_file(small, max_bytes=20)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: the size is refused before anything is read
        handle.truncate(hw.article.MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        load_article(huge)


# ---- 7. text the string type cannot hold --------------------------------------------------------------


@pytest.mark.parametrize("stage", [load_article, extract_mentions, extract_quotes, stance_statements, stakeholder_positions])
def test_a_lone_surrogate_is_an_input_error(stage):
    with pytest.raises(InputError, match="surrogate"):
        stage("Huawei said \ud800 no.")


any_character = st.characters(blacklist_categories=())  # surrogates (Cs) included
# No NUL in the prefix: a NUL is refused first, with its own message.
with_surrogates = st.tuples(
    st.text(st.characters(blacklist_categories=(), blacklist_characters="\x00"), max_size=20),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)


@settings(max_examples=40, deadline=None)
@given(st.text(any_character, min_size=1, max_size=40).filter(str.strip))
def test_any_text_loads_into_arrow_strings_or_says_why(text):
    try:
        quotes = extract_quotes(text, codebook=EMPTY)
    except InputError:
        return
    quotes.astype({"text": "string"})  # what pandas' Arrow strings need
    pd.Series([text], dtype="string")


@settings(max_examples=40, deadline=None)
@given(with_surrogates)
def test_a_surrogate_anywhere_is_refused_by_the_loader(parts):
    prefix, surrogate = parts
    with pytest.raises(InputError, match="surrogate"):
        parse_article(f"Huawei said {prefix}{surrogate} no.")


def test_a_surrogate_document_is_an_error_row_not_an_abort():
    texts = ["Huawei said it would appeal.", "Huawei said \udcff no."]  # object dtype: Arrow strings refuse it
    documents = pd.DataFrame({"doc_id": ["good", "bad"], "text": pd.Series(texts, dtype=object)})
    corpus = annotate_corpus(documents, stages=["quotes"], progress=False)
    assert corpus.errors["doc_id"].tolist() == ["bad"]
    assert corpus.status.set_index("doc_id")["status"].to_dict() == {"good": "annotated", "bad": "error"}


# ---- 8. paths -------------------------------------------------------------------------------------------

LONG_NAME = "x" * 300 + ".txt"


@pytest.mark.parametrize(
    "call",
    [
        lambda: load_article(LONG_NAME),
        lambda: load_article(Path(LONG_NAME)),
        lambda: extract_mentions(LONG_NAME),
        lambda: hw.load_codebook(LONG_NAME),
        lambda: load_article("My Articles/story.txt"),
        lambda: load_article("notes/story"),
    ],
)
def test_a_path_that_cannot_be_read_is_an_input_error(call):
    with pytest.raises(InputError) as caught:
        call()
    assert "too long" in str(caught.value) or "no such file" in str(caught.value)


def test_such_a_string_is_text_through_parse_article():
    article = parse_article("My Articles/story.txt")
    assert article.text == "My Articles/story.txt"


@pytest.mark.parametrize(
    "text",
    ["Huawei said no", "Huawei said no.", "Is it over? Yes.", "Huawei and ZTE, the rivals: both.", 'He said "go/stay".'],
)
def test_text_that_is_no_file_name_stays_text(text):
    assert load_article(text).text == text


def test_a_long_path_in_a_corpus_is_an_error_row(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Huawei said it would appeal.", encoding="utf-8")
    corpus = annotate_corpus([good, tmp_path / LONG_NAME], stages=["quotes"], progress=False)
    assert corpus.status.set_index("doc_id")["status"].to_dict() == {"good": "annotated", LONG_NAME[:-4]: "error"}


def test_cli_long_file_name_is_one_line(cli, tmp_path):
    assert "too long" in one_line_error(cli("quotes", str(tmp_path / LONG_NAME)))


# ---- 9. argument checks before work ----------------------------------------------------------------------


def statements_table(**changes) -> pd.DataFrame:
    table = pd.DataFrame(
        {"holder": ["Nokia"], "target": ["Huawei"], "target_kind": ["entity"], "polarity": ["against"], "start": [0], "end": [5]}
    )
    return table.assign(**changes)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: stakeholder_positions(statements_table(), codebook="x"), "no such file"),
        (lambda: stakeholder_positions(statements_table(holder=[["Nokia"]])), "holds a list"),
        (lambda: stakeholder_positions(statements_table(start=["0"])), "whole numbers"),
        (lambda: stakeholder_positions(statements_table(start=[9], end=[2])), "no span"),
        (lambda: stakeholder_positions(statements_table(confidence=["high"])), "confidence must be numbers"),
        (lambda: stakeholder_positions(statements_table().drop(columns="polarity")), "lacks"),
        (lambda: stance_statements("Huawei said no.", mentions=pd.DataFrame({"start": [0], "end": [6], "actor": [["x"]], "actor_type": ["company"]})), "holds a list"),
        (lambda: stance_statements("Huawei said no.", mentions=pd.DataFrame({"start": [0, "a"], "end": [6, 7], "actor": ["x", "y"], "actor_type": ["company", "company"]})), "whole numbers"),
        (lambda: stance_statements("Huawei said no.", mentions=pd.DataFrame({"start": [0], "end": [600], "actor": ["x"], "actor_type": ["company"]})), "no span"),
        (lambda: stance_statements("Huawei said no.", quotes=pd.DataFrame({"start": [0], "end": [6], "cue_start": [7], "cue_end": [11], "speaker": ["x"], "speaker_type": ["company"]})), "lacks"),
        (lambda: annotate_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["x."]}), stages=None, progress=False), "stages must be"),
        (lambda: annotate_corpus(pd.DataFrame({"doc_id": [["a"]], "text": ["x."]}), progress=False), "is a list"),
        (lambda: annotate_corpus(pd.DataFrame({"doc_id": [float("nan"), 1.0], "text": ["x.", "y."]}), progress=False), "missing"),
        (lambda: annotate_corpus(pd.DataFrame({"doc_id": ["a", 1], "text": ["x.", "y."]}), progress=False), "mixes str and int"),
        (lambda: annotate_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["x."]}), codebook=3, progress=False), "codebook must be"),
    ],
)
def test_bad_arguments_are_input_errors(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_a_bad_id_is_found_before_any_document_is_annotated(monkeypatch):
    import hwresearch.corpus as corpus_module

    def never(*args, **kwargs):
        raise AssertionError("a document was annotated before the ids were checked")

    monkeypatch.setattr(corpus_module, "_annotate_batch", never)
    with pytest.raises(InputError):
        annotate_corpus(pd.DataFrame({"doc_id": ["a", 2], "text": ["x.", "y."]}), progress=False)


def test_target_sentiment_takes_the_package_offsets():
    text = "Washington maintains that Huawei's equipment could be used by China to carry out espionage."
    mentions = extract_mentions(text, codebook=EMPTY)
    huawei = mentions[mentions["text"] == "Huawei"].iloc[0]
    assert isinstance(huawei["start"], np.integer)
    assert target_sentiment(text, huawei["start"], huawei["end"]) == target_sentiment(text, 26, 32)
    with pytest.raises(InputError):
        target_sentiment(text, np.float64(26), 32)
    with pytest.raises(InputError):
        target_sentiment(text, np.bool_(True), 32)


# ---- 10. late failures ---------------------------------------------------------------------------------------


def test_an_unusable_out_is_found_before_the_corpus_runs(tmp_path, monkeypatch, capsys):
    import hwresearch.corpus as corpus_module

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Huawei said it would appeal.", encoding="utf-8")
    monkeypatch.setattr(corpus_module, "annotate_corpus", lambda *a, **k: pytest.fail("annotated before --out was checked"))
    (tmp_path / "taken.csv").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out in (tmp_path / "taken.csv", tmp_path / "file" / "x.csv", tmp_path / "x.json"):
        assert main(["corpus", str(folder), "--out", str(out), "--no-progress"]) == 2
        err = capsys.readouterr().err
        assert "--out" in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_out_folder_is_found_first(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["corpus", str(tmp_path), "--out", str(locked / "x.csv"), "--no-progress"]) == 2
        assert "permission denied" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def test_graphml_destination_is_checked_first(cli, tmp_path):
    (tmp_path / "dir.graphml").mkdir()
    assert "--graphml" in one_line_error(cli("positions", "--graphml", str(tmp_path / "dir.graphml")))


def jsonl(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def ascii_terminal(monkeypatch, *args: str) -> subprocess.CompletedProcess:
    """``hwresearch ARGS`` in this process with the standard streams a process gets from
    ``PYTHONIOENCODING=ascii``: text wrappers over bytes that encode ASCII, strictly (stderr with
    backslash escapes); what the process would have written, as bytes."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="backslashreplace", write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(list(args))
    return subprocess.CompletedProcess(args, code, out.buffer.getvalue(), err.buffer.getvalue())


# A quote, its speaker and its cue with characters ASCII lacks (the seed's quote table has none).
NON_ASCII = "Jos\u00e9 P\u00e9rez said: \u201cWe will win \u2014 na\u00efvely or not.\u201d\n"


def test_an_ascii_terminal_gets_json_lines_that_lose_nothing(cli, tmp_path):
    """A real process, so that the interpreter's own ASCII streams are what the CLI meets."""
    article = tmp_path / "accents.txt"
    article.write_text(NON_ASCII, encoding="utf-8")
    ascii_run = run_cli("quotes", str(article), "--format", "jsonl", env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == 0, ascii_run.stderr
    ascii_run.stdout.decode("ascii")  # only ASCII bytes
    # JSON escapes lose nothing: the same rows as where every character can be shown
    rows = jsonl(ascii_run.stdout)
    assert rows == jsonl(cli("quotes", str(article), "--format", "jsonl").stdout.encode("utf-8"))
    assert [row["speaker"] for row in rows] == ["Jos\u00e9 P\u00e9rez"]


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_an_ascii_terminal_gets_output_not_an_internal_error(monkeypatch, tmp_path, fmt):
    """The other formats on the same streams in this process (a process costs seconds of start-up)."""
    article = tmp_path / "accents.txt"
    article.write_text(NON_ASCII, encoding="utf-8")
    ascii_run = ascii_terminal(monkeypatch, "quotes", str(article), "--format", fmt)
    assert ascii_run.returncode == 0, ascii_run.stderr
    shown = ascii_run.stdout.decode("ascii")  # only ASCII bytes
    assert "Jos\\xe9 P\\xe9rez" in shown  # escaped, not dropped


def test_an_ascii_terminal_gets_error_messages_too(tmp_path):
    missing = tmp_path / "café “quoted”.txt"
    err = one_line_error(run_cli("quotes", str(missing), env={"PYTHONIOENCODING": "ascii"}))
    assert "no such file" in err


# ---- 11. corpus accounting ---------------------------------------------------------------------------------


def test_every_document_is_accounted_for(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "quoted.txt").write_text('Huawei said: "We will win."', encoding="utf-8")
    (folder / "plain.txt").write_text("The weather was fine all week.", encoding="utf-8")
    (folder / "LOUD.TXT").write_text("Ren said the offer stands.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    corpus = annotate_corpus(folder, stages=["quotes"], progress=False)
    status = corpus.status.set_index("doc_id")
    assert sorted(status.index) == ["LOUD", "empty", "plain", "quoted"]
    assert status.loc["empty", "status"] == "error" and status.loc["empty", "message"]
    assert status.loc["plain", "status"] == "annotated" and status.loc["plain", "quotes_rows"] == 0
    assert status.loc["quoted", "quotes_rows"] >= 1 and status.loc["LOUD", "quotes_rows"] >= 1
    assert set(corpus.status.columns) >= {"doc_id", "status", "message", "quotes_rows"}
    assert "status" in set(corpus.combined()["table"])


def test_stems_shared_by_two_files_keep_both(tmp_path):
    (tmp_path / "a.txt").write_text("Huawei said no.", encoding="utf-8")
    (tmp_path / "a.TXT").write_text("Ren said yes.", encoding="utf-8")
    corpus = annotate_corpus(tmp_path, stages=["quotes"], progress=False)
    assert sorted(corpus.status["doc_id"]) == ["a.TXT", "a.txt"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(news_like, st.text(max_size=30)), min_size=1, max_size=5))
def test_status_accounts_for_every_document_and_row(texts):
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    corpus = annotate_corpus(documents, stages=["quotes", "statements"], progress=False)
    status = corpus.status.set_index("doc_id")
    assert list(status.index) == list(documents["doc_id"])
    errors = set(corpus.errors["doc_id"])
    assert errors == set(status.index[status["status"] == "error"])
    for name in ("quotes", "statements"):
        counts = corpus.tables[name]["doc_id"].value_counts() if len(corpus.tables[name]) else pd.Series(dtype=int)
        for doc_id, row in status.iterrows():
            expected = pd.NA if doc_id in errors else counts.get(doc_id, 0)
            got = row[f"{name}_rows"]
            assert (pd.isna(got) and pd.isna(expected)) or got == expected, (doc_id, name)
