"""Corpus mode: the same rows as calling each stage per document, from every kind of input, on Dask too."""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import SHARED_DATA

import hwresearch.corpus as corpus_module
from hwresearch import InputError, load_article
from hwresearch.corpus import STAGE_FUNCTIONS, Corpus, annotate_corpus

DOCUMENTS = {
    "senate": (
        "Senators question Huawei\n\n"
        '"We cannot trust Huawei with our networks," Senator Tom Cotton said on Tuesday.\n\n'
        "Huawei said it had never handed data to Beijing, according to a statement.\n\n"
        'The company\'s founder told CNBC that the offer was "still on the table."'
    ),
    "trade": (
        "Commerce Secretary Wilbur Ross said the ban would stay. \u201cIt is a matter of national security,\u201d "
        "he told reporters. China's foreign ministry said Washington was bullying Chinese firms."
    ),
    "plain": "Nobody said anything today. The weather was fine and the markets closed higher.",
}


def _stages() -> tuple[str, ...]:
    """The stages whose modules exist; corpus mode resolves stages by name, so this grows as they land."""
    found = []
    for name, (module, function) in STAGE_FUNCTIONS.items():
        try:
            if hasattr(importlib.import_module(module), function):
                found.append(name)
        except ImportError:
            pass
    if not found:
        pytest.skip("no annotation stage exists yet")
    return tuple(found)


@pytest.fixture(scope="module")
def folder(tmp_path_factory, seed) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "seed.txt").write_text(seed.text, encoding="utf-8")
    for doc_id, text in DOCUMENTS.items():
        (root / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (root / "notes.md").write_text("not an article: only .txt files are read", encoding="utf-8")
    return root


def expected(stage: str, sources: dict[str, object]) -> pd.DataFrame:
    """The stage called on each document by hand, with its doc_id in front, concatenated in order."""
    module, function = STAGE_FUNCTIONS[stage]
    run = getattr(importlib.import_module(module), function)
    frames = []
    for doc_id, source in sources.items():
        frame = run(load_article(source))
        frame.insert(0, "doc_id", doc_id)
        frames.append(frame)
    filled = [f for f in frames if len(f)]
    return pd.concat(filled, ignore_index=True) if filled else frames[0]


def sorted_rows(frame: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in ("doc_id", "start", "end", "holder", "actor", "target") if c in frame.columns]
    return frame.sort_values(columns, kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def folder_corpus(folder) -> Corpus:
    """The folder annotated in memory, once for the tests that compare against it."""
    return annotate_corpus(folder, stages=_stages(), progress=False)


def test_folder_equals_per_document_calls(folder, folder_corpus):
    stages = _stages()
    corpus = folder_corpus
    sources = {p.stem: p for p in sorted(folder.glob("*.txt"))}
    assert set(corpus.tables) == set(stages)
    for stage in stages:
        table = corpus.tables[stage]
        assert list(table.columns)[0] == "doc_id"
        pd.testing.assert_frame_equal(table, expected(stage, sources))
        assert getattr(corpus, stage) is table
    assert corpus.errors.empty and list(corpus.errors.columns) == ["doc_id", "message"]


def test_list_of_paths_keeps_the_given_order(folder):
    stages = _stages()
    paths = [folder / "trade.txt", folder / "seed.txt", str(folder / "senate.txt")]
    corpus = annotate_corpus(paths, stages=stages, progress=False)
    sources = {Path(p).stem: Path(p) for p in paths}
    for stage in stages:
        pd.testing.assert_frame_equal(corpus.tables[stage], expected(stage, sources))


def test_dataframe_of_texts(seed):
    stages = _stages()
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [DOCUMENTS["senate"], seed.text, DOCUMENTS["plain"]]})
    corpus = annotate_corpus(frame, stages=stages, progress=False)
    sources = dict(zip(frame["doc_id"], frame["text"]))
    for stage in stages:
        pd.testing.assert_frame_equal(corpus.tables[stage], expected(stage, sources))


def test_dataframe_ids_keep_their_type():
    frame = pd.DataFrame({"doc_id": [7, 3], "text": [DOCUMENTS["trade"], "   "]})
    corpus = annotate_corpus(frame, stages=_stages(), progress=False)
    assert corpus.errors["doc_id"].tolist() == [3]
    for table in corpus.tables.values():
        assert set(table["doc_id"]) <= {7}


def test_bad_documents_go_to_the_error_table(tmp_path):
    stages = _stages()
    (tmp_path / "good.txt").write_text(DOCUMENTS["trade"], encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner said it was fine.".encode("latin-1"))
    corpus = annotate_corpus(tmp_path, stages=stages, progress=False)
    assert sorted(corpus.errors["doc_id"]) == ["binary", "blank", "empty", "latin1"]
    assert corpus.errors["message"].str.len().gt(20).all()
    for table in corpus.tables.values():
        assert set(table["doc_id"]) <= {"good"}


def test_input_errors_before_any_work(tmp_path, seed):
    with pytest.raises(InputError, match="unknown stages"):
        annotate_corpus([tmp_path / "x.txt"], stages=("quotes", "sentiment"), progress=False)
    with pytest.raises(InputError, match="unknown engine"):
        annotate_corpus([tmp_path / "x.txt"], stages=_stages(), engine="spark", progress=False)
    with pytest.raises(InputError, match="no .txt files"):
        annotate_corpus(tmp_path, stages=_stages(), progress=False)
    with pytest.raises(InputError, match="lacks text"):
        annotate_corpus(pd.DataFrame({"doc_id": [1]}), stages=_stages(), progress=False)
    with pytest.raises(InputError, match="unique"):
        annotate_corpus(pd.DataFrame({"doc_id": [1, 1], "text": ["a b", "c d"]}), stages=_stages(), progress=False)
    with pytest.raises(InputError, match="not a folder"):
        annotate_corpus(str(tmp_path / "missing"), stages=_stages(), progress=False)


def test_missing_dask_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # makes the import fail
    frame = pd.DataFrame({"doc_id": ["a"], "text": [DOCUMENTS["plain"]]})
    with pytest.raises(InputError, match=r"pip install hwresearch\[corpus\]"):
        annotate_corpus(frame, stages=_stages(), engine="dask", progress=False)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_one_file_with_a_table_column(folder, tmp_path, suffix):
    stages = _stages()
    corpus = annotate_corpus([folder / "senate.txt", folder / "missing.txt"], stages=stages, progress=False)
    path = tmp_path / f"out{suffix}"
    if suffix == ".csv":
        corpus.to_csv(path)
    else:
        corpus.to_parquet(path)
    back = pd.read_csv(path) if suffix == ".csv" else pd.read_parquet(path)
    assert list(back.columns[:2]) == ["table", "doc_id"]
    counts = back["table"].value_counts().to_dict()
    for stage in stages:
        assert counts.get(stage, 0) == len(corpus.tables[stage])
    assert counts["errors"] == 1
    if suffix == ".parquet" and "quotes" in stages and len(corpus.quotes):
        assert str(back["start"].dtype) == "Int64"  # offsets stay integers next to tables without them


def test_cli_corpus_writes_one_file(cli, folder, tmp_path):
    stages = _stages()
    out = tmp_path / "corpus.csv"
    result = cli("corpus", str(folder), "--out", str(out), "--stages", ",".join(stages), "--no-progress")
    assert result.returncode == 0, result.stderr
    assert set(pd.read_csv(out)["table"]) <= {*stages, "errors", "status"}
    assert str(out) in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--out", "x.xlsx"], "--out must end in .parquet or .csv"),
        (["--out", "x.csv", "--stages", "quotes,nonsense"], "unknown stages"),
        (["--out", "/no/such/dir/x.csv"], "does not exist"),
    ],
)
def test_cli_corpus_errors_are_one_line(cli, folder, args, message):
    stages = ["--stages", ",".join(_stages())]
    result = cli("corpus", str(folder), "--no-progress", *stages, *args)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# ---- streaming to the output -------------------------------------------------------------------------


def mixed_paths(folder: Path, tmp_path: Path) -> list[Path]:
    """The folder's articles after two that fail, one missing, one empty: in batches of two, the first
    batch has nothing but failures."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return [folder / "missing.txt", tmp_path / "empty.txt", *sorted(folder.glob("*.txt"))]


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Values only, each missing value as None: what a CSV can hold."""
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_streamed_output_reads_back_as_the_corpus_in_memory(folder, tmp_path, monkeypatch, suffix):
    """Several batches (two documents each), failures among them: nothing lost, nothing changed."""
    monkeypatch.setattr(corpus_module, "_PARSE_BATCH", 2)
    stages, paths = _stages(), mixed_paths(folder, tmp_path)
    memory = annotate_corpus(paths, stages=stages, progress=False)
    out = tmp_path / f"corpus{suffix}"
    streamed = annotate_corpus(paths, stages=stages, progress=False, output=out)
    assert sorted(memory.errors["doc_id"]) == ["empty", "missing"]
    assert streamed.status["doc_id"].tolist() == [p.stem for p in paths]
    assert list(streamed.tables) == list(stages) and repr(streamed) == repr(memory)
    reference = tmp_path / f"memory{suffix}"
    if suffix == ".parquet":
        memory.to_parquet(reference)
        for name in stages:
            pd.testing.assert_frame_equal(streamed.tables[name], memory.tables[name])
        pd.testing.assert_frame_equal(streamed.errors, memory.errors)
        pd.testing.assert_frame_equal(streamed.status, memory.status)
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(reference))
        for name in stages:  # a file written at once reads back the same way
            pd.testing.assert_frame_equal(Corpus.read(reference).tables[name], memory.tables[name])
    else:
        memory.to_csv(reference)
        assert out.read_bytes() == reference.read_bytes()
        for name, table in {**memory.tables, "errors": memory.errors, "status": memory.status}.items():
            back = streamed.tables[name] if name in stages else getattr(streamed, name)
            assert set(back.columns) <= set(table.columns) and len(back) == len(table)
            pd.testing.assert_frame_equal(comparable(back), comparable(table[back.columns]), check_dtype=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["empty.txt", out.name, reference.name])


def test_each_batch_is_on_disk_before_the_next_is_annotated(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "_PARSE_BATCH", 1)
    annotate_batch, seen = corpus_module._annotate_batch, []

    def watched(batch, stages, codebook):
        seen.append((len(list(tmp_path.glob(".corpus.parquet.*/*"))), (tmp_path / "corpus.parquet").exists()))
        return annotate_batch(batch, stages, codebook)

    monkeypatch.setattr(corpus_module, "_annotate_batch", watched)
    annotate_corpus(folder, stages=_stages(), progress=False, output=tmp_path / "corpus.parquet")
    assert seen == [(n, False) for n in range(len(list(folder.glob("*.txt"))))]


def test_an_interrupted_run_leaves_no_file_that_looks_complete(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "_PARSE_BATCH", 1)
    annotate_batch, calls = corpus_module._annotate_batch, []

    def fails_third(batch, stages, codebook):
        calls.append(batch)
        if len(calls) == 3:
            raise RuntimeError("a bug in a stage")
        return annotate_batch(batch, stages, codebook)

    monkeypatch.setattr(corpus_module, "_annotate_batch", fails_third)
    earlier = tmp_path / "earlier.csv"
    earlier.write_text("table,doc_id\nstatus,a\n", encoding="utf-8")
    for out in (tmp_path / "corpus.parquet", earlier):
        calls.clear()
        with pytest.raises(RuntimeError, match="a bug"):
            annotate_corpus(folder, stages=_stages(), progress=False, output=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["earlier.csv"]  # no part files left behind
    assert earlier.read_text(encoding="utf-8") == "table,doc_id\nstatus,a\n"  # the old file, untouched


def test_a_truncated_or_foreign_file_does_not_read_as_a_corpus(folder_corpus, tmp_path):
    whole = folder_corpus.to_parquet(tmp_path / "whole.parquet")
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputError, match="not a complete Parquet file"):
        Corpus.read(cut)
    pd.DataFrame({"table": ["quotes"], "doc_id": ["a"]}).to_parquet(tmp_path / "other.parquet")
    with pytest.raises(InputError, match="not written by annotate_corpus"):
        Corpus.read(tmp_path / "other.parquet")
    with pytest.raises(InputError, match="no corpus file"):
        Corpus.read(tmp_path / "absent.parquet")
    with pytest.raises(InputError, match="output must end in"):
        annotate_corpus(folder_corpus.status[["doc_id"]].assign(text="x y"), output=tmp_path / "x.json", progress=False)


# ---- Dask --------------------------------------------------------------------------------------------


def _dask_importable() -> bool:
    try:
        importlib.import_module("dask.distributed")
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def dask_client():
    from dask.distributed import Client, LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # start-up chatter (scratch folders, ports) is not under test
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
        )
        client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.skipif(not _dask_importable(), reason="dask.distributed is not installed (pip install hwresearch[corpus])")
def test_dask_gives_the_same_rows_as_in_process(folder, tmp_path, dask_client, shared_data_or_none):
    stages = _stages()
    paths = sorted(folder.glob("*.txt")) + [folder / "missing.txt"]
    if shared_data_or_none is not None:  # a few real articles too; five items already make five batches
        paths += sorted((shared_data_or_none / "polnear" / "dev" / "text").glob("*.txt"))[:4]
    local = annotate_corpus(paths, stages=stages, progress=False)
    out = tmp_path / "remote.parquet"  # streamed from the workers as their batches finish
    remote = annotate_corpus(paths, stages=stages, engine="dask", client=dask_client, progress=False, output=out)
    for stage in stages:
        pd.testing.assert_frame_equal(sorted_rows(remote.tables[stage]), sorted_rows(local.tables[stage]))
    pd.testing.assert_frame_equal(remote.errors, local.errors)
    pd.testing.assert_frame_equal(remote.status, local.status)
    assert dask_client.status == "running"  # a client the caller passed is left open


@pytest.fixture(scope="module")
def shared_data_or_none() -> Path | None:
    """The PolNeAR articles where ../shared/data exists; the Dask test runs without them too."""
    return SHARED_DATA if SHARED_DATA.is_dir() else None


def test_corpus_repr_and_unknown_table():
    corpus = Corpus(tables={"quotes": pd.DataFrame(columns=["doc_id"])}, errors=pd.DataFrame(columns=["doc_id", "message"]))
    assert "quotes: 0 rows" in repr(corpus)
    with pytest.raises(AttributeError, match="no table 'positions'"):
        _ = corpus.positions


@pytest.mark.skipif(not _dask_importable(), reason="dask.distributed is not installed (pip install hwresearch[corpus])")
def test_cli_corpus_on_a_local_dask_cluster(tmp_path):
    """The CLI starts and closes its own cluster; worker chatter must not reach stderr as tracebacks.
    One short document: a worker loads the pipeline and runs every stage, and the cluster starts and
    closes as for many (parity over many documents is the test above), at a fraction of the cost."""
    stages = _stages()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "senate.txt").write_text(DOCUMENTS["senate"], encoding="utf-8")
    out = tmp_path / "corpus.parquet"
    args = ["corpus", str(tmp_path / "docs"), "--out", str(out), "--stages", ",".join(stages), "--engine", "dask",
            "--no-progress"]
    result = subprocess.run([sys.executable, "-m", "hwresearch", *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    written = pd.read_parquet(out)
    assert set(written["table"]) <= {*stages, "errors", "status"}
    assert written.loc[written["table"] == "status", "status"].tolist() == ["annotated"]
