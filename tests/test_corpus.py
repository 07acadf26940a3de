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


def test_folder_equals_per_document_calls(folder):
    stages = _stages()
    corpus = annotate_corpus(folder, stages=stages, progress=False)
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


def test_cli_corpus_writes_one_file(folder, tmp_path):
    stages = _stages()
    out = tmp_path / "corpus.csv"
    args = ["corpus", str(folder), "--out", str(out), "--stages", ",".join(stages), "--no-progress"]
    result = subprocess.run([sys.executable, "-m", "hwresearch", *args], capture_output=True, text=True, timeout=300)
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
def test_cli_corpus_errors_are_one_line(folder, args, message):
    stages = ["--stages", ",".join(_stages())]
    result = subprocess.run(
        [sys.executable, "-m", "hwresearch", "corpus", str(folder), "--no-progress", *stages, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


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
def test_dask_gives_the_same_rows_as_in_process(folder, dask_client, shared_data_or_none):
    stages = _stages()
    paths = sorted(folder.glob("*.txt")) + [folder / "missing.txt"]
    if shared_data_or_none is not None:  # some real articles, to have several batches per worker
        paths += sorted((shared_data_or_none / "polnear" / "dev" / "text").glob("*.txt"))[:16]
    local = annotate_corpus(paths, stages=stages, progress=False)
    remote = annotate_corpus(paths, stages=stages, engine="dask", client=dask_client, progress=False)
    for stage in stages:
        pd.testing.assert_frame_equal(sorted_rows(remote.tables[stage]), sorted_rows(local.tables[stage]))
    pd.testing.assert_frame_equal(remote.errors, local.errors)
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
def test_cli_corpus_on_a_local_dask_cluster(folder, tmp_path):
    """The CLI starts and closes its own cluster; worker chatter must not reach stderr as tracebacks."""
    stages = _stages()
    out = tmp_path / "corpus.parquet"
    args = ["corpus", str(folder), "--out", str(out), "--stages", ",".join(stages), "--engine", "dask", "--no-progress"]
    result = subprocess.run([sys.executable, "-m", "hwresearch", *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert set(pd.read_parquet(out)["table"]) <= {*stages, "errors", "status"}
