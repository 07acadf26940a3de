"""The command line: formats, several files, standard input, --version, and one-line errors with exit status 2."""

import io
import json
import subprocess
import sys
from importlib.metadata import version

import pandas as pd
import pytest

from hwresearch.cli import main


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the CLI; nothing piped in unless ``stdin`` is given (as from a terminal or /dev/null)."""
    feed = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run([sys.executable, "-m", "hwresearch", *args], capture_output=True, text=True, timeout=120, **feed)


def test_article_table_from_the_seed():
    result = run_cli("article")
    assert result.returncode == 0, result.stderr
    assert "headline" in result.stdout and "Justin Solomon | CNBC" in result.stdout


def test_article_sentences_csv_round_trips(cli, seed):
    result = cli("article", "--sentences", "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert list(table.columns) == ["sent_id", "para_id", "part", "start", "end", "text"]
    assert len(table) == len(seed.sentences)
    for row in table.itertuples():
        assert seed.text[row.start : row.end] == row.text


def test_mentions_jsonl_over_two_files(cli, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Senator Jane Doe said on Monday that the plan works.", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Acme Corp. said it would appeal.", encoding="utf-8")
    result = cli("mentions", str(one), str(two), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["file"] for row in rows} == {str(one), str(two)}
    assert all({"start", "end", "text", "actor", "mention_kind"} <= row.keys() for row in rows)


@pytest.mark.parametrize("args, words", [
    (["article", "/no/such/file.txt"], "no such file"),
    (["article", "--format", "xml"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
    ([], "required"),
])
def test_errors_are_one_line_and_exit_2(cli, args, words):
    result = cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_bad_files_are_one_line(cli, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9".encode("latin-1"))
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02")
    for path, words in ((latin, "UTF-8"), (binary, "binary"), (tmp_path, "directory")):
        result = cli("quotes", str(path))
        assert result.returncode == 2 and words in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_main_returns_status_in_process(capsys):
    assert main(["article", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("para_id,part,start,end,text")
    assert main(["article", "--nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


STORY = "Mayor Jane Roe said on Monday that the bridge would reopen in May."


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hwresearch {version('hwresearch')}"


def test_dash_reads_the_article_from_standard_input():
    result = run_cli("quotes", "-", "--format", "jsonl", stdin=STORY + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["speaker"], row["text"]) for row in rows] == [("Jane Roe", "the bridge would reopen in May")]


def test_dash_beside_files_labels_its_rows(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Acme Corp. said it would appeal.", encoding="utf-8")
    result = run_cli("quotes", "-", str(other), "--format", "jsonl", stdin=STORY)
    assert result.returncode == 0, result.stderr
    assert {json.loads(line)["file"] for line in result.stdout.splitlines()} == {"-", str(other)}


def test_piped_text_without_a_file_is_not_swapped_for_the_seed():
    """`echo text | hwresearch quotes` must not quietly annotate the bundled seed."""
    result = run_cli("quotes", stdin=STORY)
    assert result.returncode == 2
    assert "Huawei" not in result.stdout and result.stdout == ""
    line = result.stderr.strip()
    assert "\n" not in line and "standard input" in line and "hwresearch quotes -" in line


@pytest.mark.parametrize("stdin, words", [("", "empty"), ("   \n", "empty")])
def test_empty_standard_input_is_one_line(stdin, words):
    result = run_cli("quotes", "-", stdin=stdin)
    assert result.returncode == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_folder_points_to_the_corpus_command(cli, tmp_path):
    result = cli("quotes", str(tmp_path))
    assert result.returncode == 2
    assert "hwresearch corpus" in result.stderr and "hwresearch.corpus" not in result.stderr
