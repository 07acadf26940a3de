"""The command line: formats, several files, and one-line errors with exit status 2."""

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from hwresearch.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hwresearch", *args], capture_output=True, text=True, timeout=120)


def test_article_table_from_the_seed():
    result = run_cli("article")
    assert result.returncode == 0, result.stderr
    assert "headline" in result.stdout and "Justin Solomon | CNBC" in result.stdout


def test_article_sentences_csv_round_trips(seed):
    result = run_cli("article", "--sentences", "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert list(table.columns) == ["sent_id", "para_id", "part", "start", "end", "text"]
    assert len(table) == len(seed.sentences)
    for row in table.itertuples():
        assert seed.text[row.start : row.end] == row.text


def test_mentions_jsonl_over_two_files(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Senator Jane Doe said on Monday that the plan works.", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Acme Corp. said it would appeal.", encoding="utf-8")
    result = run_cli("mentions", str(one), str(two), "--format", "jsonl")
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
def test_errors_are_one_line_and_exit_2(args, words):
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_bad_files_are_one_line(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9".encode("latin-1"))
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02")
    for path, words in ((latin, "UTF-8"), (binary, "binary"), (tmp_path, "directory")):
        result = run_cli("quotes", str(path))
        assert result.returncode == 2 and words in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_main_returns_status_in_process(capsys):
    assert main(["article", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("para_id,part,start,end,text")
    assert main(["article", "--nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
