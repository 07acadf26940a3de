"""engine="dask" from a plain script: with the `if __name__ == "__main__":` guard it works; without it,
one clear error that says what to do, not a flood of worker tracebacks."""

import subprocess
import sys

import pytest

pytest.importorskip("dask.distributed")

SCRIPT = """
import hwresearch as hw
{indent}corpus = hw.annotate_corpus("docs", engine="dask", progress=False)
{indent}print(len(corpus.quotes), "quotes")
"""


def run_script(tmp_path, guarded: bool) -> subprocess.CompletedProcess:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Mayor Jane Roe said the bridge would reopen in May.\n", encoding="utf-8")
    body = SCRIPT.format(indent="    " if guarded else "")
    if guarded:
        body = body.replace("import hwresearch as hw\n", "import hwresearch as hw\nif __name__ == '__main__':\n")
    (tmp_path / "script.py").write_text(body, encoding="utf-8")
    return subprocess.run([sys.executable, "script.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_script_without_the_main_guard_is_told_what_to_do(tmp_path):
    result = run_script(tmp_path, guarded=False)
    assert result.returncode != 0
    assert 'if __name__ == "__main__":' in result.stderr and 'engine="process"' in result.stderr
    assert result.stderr.count("Traceback") == 1, result.stderr  # the script's own, not one per worker


@pytest.mark.slow
def test_a_guarded_script_runs_on_dask(tmp_path):
    result = run_script(tmp_path, guarded=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 quotes"
