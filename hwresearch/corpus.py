"""Corpus mode: the per-article stages over many documents, as tidy tables with a ``doc_id`` column.

Documents are a folder of ``.txt`` files (any case of the suffix), a list of paths, or a DataFrame with
``doc_id`` and ``text``. Every document ends up in the ``status`` table (``annotated`` with its row
count per stage, or ``error`` with the message), so a document without quotes is told from a lost one.
Each document is loaded and annotated on its own, so the work spreads over processes without shared
state: in this process (``engine="process"``) or on a Dask cluster (``engine="dask"``). A document
that is bad input (an empty file, a binary file) lands in the ``errors`` table instead of stopping the
corpus, with no rows in the other tables (a document is all or nothing, so the tables agree); any other
exception is a bug and is raised with the document's id attached.

Output: :meth:`Corpus.to_parquet` / :meth:`Corpus.to_csv` write ONE file holding every table, stacked,
with a leading ``table`` column (``mentions``, ``quotes``, ``statements``, ``positions``, ``errors``,
``status``) and the union of the tables' columns (cells a table does not have are missing). One file
keeps a run a single artefact, which is what the ``hwresearch corpus DIR --out FILE`` command writes.
:meth:`Corpus.read` reads it back: from Parquet the very tables that were written (each table's
columns and dtypes are stored in the file), from CSV the values (a CSV holds no types, so a table gets
the columns it has values in). In the CSV a bare ``\r`` in a text stays inside its quoted cell; read
it with ``keep_default_na=False, na_values=[""]`` so that a text "NA" stays text.

Streaming: ``annotate_corpus(..., output=FILE)`` writes each batch of finished documents to disk as
it finishes instead of holding every document's tables to the end, then joins the batches into FILE
one at a time, so memory stays that of one batch however large the corpus. The file appears only when
complete (it is written under a temporary name and renamed), so a run that stops midway leaves no file
that looks finished; the Corpus returned reads its stage tables from FILE when they are first asked for.
"""

from __future__ import annotations

import csv
import importlib
import json
import logging
import math
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from hwresearch.article import Article, load_article, parse_article, parse_articles
from hwresearch.codebook import Codebook, CodebookSource, resolve_codebook
from hwresearch.errors import InputError
from hwresearch.tables import csv_quoting, write_csv

# Stage name -> (module, function); each function takes an Article and returns a DataFrame. Resolved
# by name when a corpus runs, so a stage works as soon as its module exists. Adding a stage is one line.
STAGE_FUNCTIONS: dict[str, tuple[str, str]] = {
    "mentions": ("hwresearch.mentions", "extract_mentions"),
    "quotes": ("hwresearch.quotes", "extract_quotes"),
    "statements": ("hwresearch.stance", "stance_statements"),
    "positions": ("hwresearch.positions", "stakeholder_positions"),
}
DEFAULT_STAGES = ("quotes", "statements", "positions")
ENGINES = ("process", "dask")
ERROR_COLUMNS = ["doc_id", "message"]
STATUS_COLUMNS = ["doc_id", "status", "message"]  # then one ``<stage>_rows`` count per stage
# Dask tasks per worker: enough to balance uneven article lengths, few enough to keep overhead low; a
# task holds at most _DASK_BATCH documents, so that what a stream holds does not grow with the corpus.
_BATCHES_PER_WORKER = 4
_DASK_BATCH = 64
_PARSE_BATCH = 16  # documents parsed together in one process: batches run the pipeline faster

Documents = Union[str, Path, Sequence[Union[str, Path]], pd.DataFrame]
# One unit of work: the document id and either a Path (read by whoever annotates it) or the text.
_Item = tuple[Hashable, Union[Path, str]]
# One document's result: stage name -> frame, or the InputError message.
_Result = tuple[Hashable, Union[dict[str, pd.DataFrame], str]]
# A stage as workers receive it: (name, module, function), so they need not share this process's registry.
_Stage = tuple[str, str, str]
# Where a corpus file keeps each table's columns and dtypes (Parquet schema metadata).
_MANIFEST = b"hwresearch.corpus"


@dataclass
class Corpus:
    """The annotated corpus: one table per stage (``corpus.quotes`` or ``corpus.tables["quotes"]``)
    with a leading ``doc_id`` column, and ``errors`` (``doc_id``, ``message``) for documents that failed.
    :meth:`read` gives one back from a file; its stage tables are then read when first asked for.
    """

    tables: Mapping[str, pd.DataFrame]
    errors: pd.DataFrame
    status: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STATUS_COLUMNS))

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Only called for names that are not real attributes: expose the stage tables as attributes.
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__} has no table {name!r}; it has {sorted(tables)}")

    def __repr__(self) -> str:
        stored = isinstance(self.tables, _Stored)
        sizes = ", ".join(f"{name}: {self.tables.sizes[name] if stored else len(self.tables[name])} rows" for name in self.tables)
        return f"<Corpus {sizes}; {len(self.errors)} failed documents>"

    def combined(self) -> pd.DataFrame:
        """Every table stacked into one frame with a leading ``table`` column (the file layout)."""
        return _stacked(self._named())

    def to_parquet(self, path: str | Path) -> Path:
        """Write :meth:`combined` as one Parquet file (needs pyarrow: ``pip install hwresearch[corpus]``),
        with each table's columns and dtypes, so that :meth:`read` gives the same tables back."""
        pa, pq = _arrow()
        path, named = Path(path), self._named()
        combined = _stacked(named)
        _check_id_types(combined["doc_id"])
        table = pa.Table.from_pandas(combined, preserve_index=False)
        manifest = _manifest(named, {name: len(frame) for name, frame in named.items()})
        table = table.replace_schema_metadata({**table.schema.metadata, _MANIFEST: manifest})
        _writable(path, lambda: pq.write_table(table, path))
        return path

    def to_csv(self, path: str | Path) -> Path:
        """Write :meth:`combined` as one CSV file."""
        path = Path(path)
        _writable(path, lambda: write_csv(self.combined(), path))
        return path

    @classmethod
    def read(cls, path: str | Path) -> Corpus:
        """A corpus file written by :meth:`to_parquet`, :meth:`to_csv` or ``annotate_corpus(output=)``.

        ``errors`` and ``status`` are read at once; each stage table is read from the file when first
        asked for, so a large corpus is not loaded whole to look at one table.
        """
        path = Path(path)
        if not path.is_file():
            raise InputError(f"no corpus file at {path}: give the path annotate_corpus or the corpus command wrote")
        if path.suffix.lower() not in (".parquet", ".csv"):
            raise InputError(f"a corpus file ends in .parquet or .csv, not {path.name!r}")
        stored = _Stored(path)
        return cls(tables=stored, errors=stored.table("errors"), status=stored.table("status"))

    def _named(self) -> dict[str, pd.DataFrame]:
        return {**self.tables, "errors": self.errors, "status": self.status}


def annotate_corpus(
    documents: Documents,
    stages: Sequence[str] = DEFAULT_STAGES,
    engine: str = "process",
    client: Any = None,
    progress: bool = True,
    codebook: CodebookSource = None,
    output: str | Path | None = None,
) -> Corpus:
    """Run ``stages`` over every document and return a :class:`Corpus` of tidy tables.

    ``documents``: a folder (its ``*.txt`` files, sorted; ``doc_id`` is the file name without suffix),
    a list of paths (same ids), or a DataFrame with ``doc_id`` (kept as given) and ``text``. ``engine``:
    ``"process"`` runs here; ``"dask"`` runs on ``client`` (a ``dask.distributed.Client``), or on a
    local cluster started for this call and closed after it. Files are read where a document is
    annotated, so on a remote cluster pass a DataFrame of texts instead of paths. ``codebook``: as for
    every stage (:func:`~hwresearch.codebook.resolve_codebook`), read once here; None applies the
    study codebook to the seed only. ``output``: a ``.parquet`` or ``.csv`` path to stream to (see the
    module's docs); the Corpus returned then reads from that file. Arguments, ids and the output path
    are checked before any document is annotated.
    """
    specs = _check_stages(stages)
    chosen = None if codebook is None else resolve_codebook(codebook)
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if client is not None and engine != "dask":
        raise InputError('a client was passed but engine is "process"; pass engine="dask" to use it')
    target = None if output is None else check_output(output, what="output")
    items = _items(documents)
    if target is not None and target.suffix.lower() == ".parquet":
        _arrow()  # missing pyarrow is found before the work, not at the end
    names = [name for name, _, _ in specs]
    with tqdm(total=len(items), desc="annotating", unit="doc", disable=not progress) as bar:
        run = _run_dask(items, specs, chosen, client) if engine == "dask" else _run_here(items, specs, chosen)
        with closing(run) as batches:
            if target is None:
                done: dict[int, list[_Result]] = {}
                for index, results in batches:
                    done[index] = results
                    bar.update(len(results))
                return _collect([result for index in sorted(done) for result in done[index]], names)
            with _Stream(target) as stream:
                for index, results in batches:
                    stream.add(index, _collect(results, names))
                    bar.update(len(results))
    return Corpus.read(target)


def _run_here(items: list[_Item], stages: tuple[_Stage, ...], codebook: Codebook | None) -> Iterator[tuple[int, list[_Result]]]:
    """Batches annotated in this process, in order, as (batch number, results)."""
    for index, first in enumerate(range(0, len(items), _PARSE_BATCH)):
        yield index, _annotate_batch(items[first : first + _PARSE_BATCH], stages, codebook)


# ---- stages ---------------------------------------------------------------------------------------


def _check_stages(stages: Sequence[str]) -> tuple[_Stage, ...]:
    if isinstance(stages, str):
        stages = (stages,)
    if not isinstance(stages, Iterable) or not all(isinstance(s, str) for s in list(stages)):
        raise InputError(f"stages must be a list of stage names such as ['quotes', 'statements'], not {stages!r:.60}")
    stages = list(stages)
    unknown = [s for s in stages if s not in STAGE_FUNCTIONS]
    if unknown or not stages:
        raise InputError(f"unknown stages {unknown}; choose from {', '.join(STAGE_FUNCTIONS)}")
    specs = tuple((name, *STAGE_FUNCTIONS[name]) for name in dict.fromkeys(stages))
    for spec in specs:
        _stage_function(spec)  # fail before any work when a stage is not available
    return specs


def _stage_function(spec: _Stage):
    name, module_name, function_name = spec
    try:
        return getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError):
        raise InputError(
            f"stage {name!r} is not available: {module_name}.{function_name} does not exist in this version"
        ) from None


def _annotate_batch(batch: list[_Item], stages: tuple[_Stage, ...], codebook: Codebook | None) -> list[_Result]:
    """Load a batch, parse its Docs together (the pipeline runs faster on batches), then run the stages;
    bad input becomes the document's message, not an exception."""
    loaded = [_load(item) for item in batch]
    parse_articles([a for a in loaded if isinstance(a, Article)])
    return [outcome if isinstance(outcome, tuple) else _stages(item[0], outcome, stages, codebook)
            for item, outcome in zip(batch, loaded)]


def _load(item: _Item) -> Article | _Result:
    doc_id, source = item
    try:
        return load_article(source) if isinstance(source, Path) else parse_article(source, source=str(doc_id))
    except InputError as err:
        return doc_id, str(err)


def _stages(doc_id: Any, article: Article, stages: tuple[_Stage, ...], codebook: Codebook | None) -> _Result:
    try:
        frames = {}
        for spec in stages:
            name = spec[0]
            frame = _stage_function(spec)(article, codebook=codebook).reset_index(drop=True)
            # insert, not assign and reorder, which copies every column (2% of a PolNeAR dev run);
            # the stage's cached frame is left as it was (copy on write).
            frame.insert(0, "doc_id", doc_id)
            frames[name] = frame
        return doc_id, frames
    except InputError as err:
        return doc_id, str(err)
    except Exception as err:
        err.add_note(f"while annotating document {doc_id!r}")
        raise


def _collect(results: Iterable[_Result], stages: list[str]) -> Corpus:
    """Concatenate the per-document frames in document order."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in stages}
    errors, status = [], []
    counts = [f"{name}_rows" for name in stages]
    for doc_id, outcome in results:
        if isinstance(outcome, str):
            errors.append({"doc_id": doc_id, "message": outcome})
            status.append({"doc_id": doc_id, "status": "error", "message": outcome})
            continue
        for name, frame in outcome.items():
            parts[name].append(frame)
        status.append({"doc_id": doc_id, "status": "annotated", **{f"{n}_rows": len(f) for n, f in outcome.items()}})
    tables = {name: _concat(frames) for name, frames in parts.items()}
    # Fixed dtypes, so that a batch without failures stacks with one that has them as the whole corpus would.
    status_table = pd.DataFrame(status, columns=STATUS_COLUMNS + counts).astype({"message": "str", **{c: "Int64" for c in counts}})
    return Corpus(tables=tables, errors=pd.DataFrame(errors, columns=ERROR_COLUMNS), status=status_table)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, leaving out empty frames (their column dtypes would otherwise decide the result's)."""
    filled = [f for f in frames if len(f)]
    if filled:
        return pd.concat(filled, ignore_index=True)
    if frames:
        return frames[0]
    return pd.DataFrame(columns=["doc_id"])  # every document failed: no schema to borrow


# ---- documents ------------------------------------------------------------------------------------


def _items(documents: Documents) -> list[_Item]:
    if isinstance(documents, pd.DataFrame):
        missing = {"doc_id", "text"} - set(documents.columns)
        if missing:
            raise InputError(f"the DataFrame needs columns doc_id and text; it lacks {', '.join(sorted(missing))}")
        items = list(zip(documents["doc_id"], documents["text"]))  # the caller's ids, as they are
        _check_ids([doc_id for doc_id, _ in items])
        bad = [d for d, t in items if not isinstance(t, str)]
        if bad:
            raise InputError(f"text must be a str in every row; not so for doc_id {bad[0]!r}")
    elif isinstance(documents, (str, Path)) and is_folder(Path(documents)):
        folder = Path(documents)
        items = _named(sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt"))
        if not items:
            raise InputError(f"no .txt files in {folder}; put one article per UTF-8 .txt file there")
    elif isinstance(documents, (str, Path)):
        raise InputError(f"{str(documents)[:80]} is not a folder; pass a folder, a list of paths, or a DataFrame")
    elif isinstance(documents, Iterable):
        items = _named([Path(p) for p in _paths(documents)])
    else:
        raise InputError(f"cannot read documents from a {type(documents).__name__}; see annotate_corpus")
    if not items:
        raise InputError("no documents given")
    duplicated = [repr(d) for d, n in Counter(doc_id for doc_id, _ in items).items() if n > 1]
    if duplicated:
        raise InputError(f"doc_id must be unique; repeated: {', '.join(duplicated[:5])} (pass a DataFrame with your own ids)")
    return items


def is_folder(path: Path) -> bool:
    """``is_dir`` that answers False for names the file system refuses (too long, NUL bytes)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _named(paths: list[Path]) -> list[_Item]:
    """Ids from file names without the suffix; the whole name where two files share a stem (a.txt, a.TXT)."""
    stems = Counter(p.stem for p in paths)
    return [(p.stem if stems[p.stem] == 1 else p.name, p) for p in paths]


def _check_ids(ids: list[Any]) -> None:
    """Ids a table and a Parquet file can hold: present, scalar, and of one type (str or int)."""
    for row, doc_id in enumerate(ids):
        if isinstance(doc_id, (bool, np.bool_)) or not isinstance(doc_id, (str, int, np.integer)):
            missing = doc_id is None or (isinstance(doc_id, float) and math.isnan(doc_id))
            problem = "is missing" if missing else f"is a {type(doc_id).__name__}"
            raise InputError(f"doc_id {problem} in row {row}; give every document a str or int id")
    kinds = {"str" if isinstance(d, str) else "int" for d in ids}
    if len(kinds) > 1:
        raise InputError("doc_id mixes str and int ids; use one type, e.g. frame['doc_id'].astype(str)")


def _paths(documents: Iterable[Any]) -> Iterator[str | Path]:
    for p in documents:
        if not isinstance(p, (str, Path)):
            raise InputError(f"a list of documents must hold paths; got a {type(p).__name__}")
        yield p


def check_output(
    path: str | Path, suffixes: tuple[str, ...] | None = (".parquet", ".csv"), what: str = "the output"
) -> Path:
    """The output path, checked before any work: a known suffix, an existing writable folder, and no
    directory or unwritable file in the way (a corpus run should not fail only at the end)."""
    path = Path(path)
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise InputError(f"{what} must end in {' or '.join(suffixes)}, not {path.name!r}")
    folder = path.parent
    if not is_folder(folder):
        raise InputError(f"the folder for {what}, {folder}, does not exist; create it first")
    if is_folder(path):
        raise InputError(f"{what}: {path} is a directory; name a file to write")
    try:
        taken = path.exists()
    except (OSError, ValueError) as err:  # a name too long for the file system
        raise InputError(f"{what}: cannot use {str(path)[:80]!r} ({err}); choose a shorter path") from None
    if not os.access(folder, os.W_OK) or (taken and not os.access(path, os.W_OK)):
        raise InputError(f"{what}: cannot write {path} (permission denied); choose a writable path")
    return path


def _writable(path: Path, write) -> None:
    try:
        write()
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror or err}; choose a writable path") from None


def _nullable(frame: pd.DataFrame) -> pd.DataFrame:
    """Integer and boolean columns as nullable dtypes, so stacking with other tables keeps 12, not 12.0."""
    converted = {}
    for column in frame.columns:
        dtype = frame[column].dtype
        if pd.api.types.is_integer_dtype(dtype):
            converted[column] = frame[column].astype("Int64")
        elif pd.api.types.is_bool_dtype(dtype):
            converted[column] = frame[column].astype("boolean")
    return frame.assign(**converted) if converted else frame


# ---- corpus files ------------------------------------------------------------------------------


def _stacked(named: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Tables stacked with a leading ``table`` column; ints and booleans nullable, so 12 stays 12."""
    stacked = pd.concat([_nullable(frame).assign(table=name) for name, frame in named.items()], ignore_index=True)
    return stacked[["table", *[c for c in stacked.columns if c != "table"]]]


def _manifest(named: Mapping[str, pd.DataFrame], rows: Mapping[str, int]) -> bytes:
    """Each table's columns, in order, with their dtypes, and its row count: what a stacked file cannot
    tell by itself, or only by reading it whole."""
    return json.dumps(
        {name: {"dtypes": {str(c): _dtype_name(t) for c, t in frame.dtypes.items()}, "rows": rows[name]} for name, frame in named.items()}
    ).encode()


def _dtype_name(dtype: Any) -> str:
    """A name ``astype`` turns back into the same dtype: "string" alone would pick the default storage."""
    if isinstance(dtype, pd.StringDtype) and dtype.na_value is pd.NA:
        return f"string[{dtype.storage}]"
    return str(dtype)


def _arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or an InputError saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError("Parquet files need pyarrow: pip install hwresearch[corpus]") from None
    return pyarrow, pyarrow.parquet


def _check_id_types(ids: pd.Series) -> None:
    id_types = {type(d).__name__ for d in ids.dropna()}
    if len(id_types) > 1:
        raise InputError(f"Parquet needs one doc_id type, these ids mix {', '.join(sorted(id_types))}; use to_csv, or str ids")


class _Stream:
    """A corpus written batch by batch: each finished batch goes to a part file in a hidden folder beside
    the output; at the end the parts are joined, one at a time, into a temporary file that is renamed
    to the output. The folder goes whether the run finishes or not, and the output exists only whole."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts = Path()

    def __enter__(self) -> _Stream:
        try:
            self.parts = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", dir=self.path.parent))
        except OSError as err:
            raise InputError(f"cannot write beside {self.path}: {err.strerror or err}; choose a writable folder") from None
        return self

    def add(self, index: int, corpus: Corpus) -> None:
        """Write one batch's tables (pickled: exact dtypes; only this run reads them back)."""
        def write() -> None:
            with open(self.parts / f"{index:09d}.pickle", "wb") as part:
                pickle.dump(corpus._named(), part, protocol=pickle.HIGHEST_PROTOCOL)

        _writable(self.path, write)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                temporary = self.parts / f"joined{self.path.suffix}"
                _writable(self.path, lambda: self._join(temporary))
                os.replace(temporary, self.path)
        finally:
            shutil.rmtree(self.parts, ignore_errors=True)

    def _batches(self) -> Iterator[dict[str, pd.DataFrame]]:
        for file in sorted(self.parts.glob("*.pickle")):
            with open(file, "rb") as part:
                yield pickle.load(part)

    def _join(self, temporary: Path) -> None:
        """Two passes over the parts: first the tables' dtypes as concatenating them all would give
        (concatenating the empty slices of the parts with rows gives them, without the rows), the CSV
        quoting and the Arrow types; then every table's rows, batch after batch, in those types."""
        shapes: dict[str, pd.DataFrame] = {}  # each table's columns and dtypes so far
        rows: Counter[str] = Counter()
        quoting, types = csv.QUOTE_MINIMAL, None
        parquet = self.path.suffix.lower() == ".parquet"
        for named in self._batches():
            annotated = bool((named["status"]["status"] == "annotated").any())
            for name, frame in named.items():
                rows[name] += len(frame)
                if len(frame) and rows[name] > len(frame):
                    shapes[name] = pd.concat([shapes[name], frame.iloc[:0]], ignore_index=True)
                elif len(frame) or (name not in shapes and (annotated or name in ("errors", "status"))):
                    shapes[name] = frame.iloc[:0]  # as in memory: the first frame with rows, else the first one
            if parquet:
                pa = _arrow()[0]
                batch = [pa.Schema.from_pandas(_nullable(f), preserve_index=False) for f in named.values()]
                types = pa.unify_schemas([*batch, *([types] if types else [])], promote_options="permissive")
            elif csv_quoting(_stacked(named)) != csv.QUOTE_MINIMAL:
                quoting = csv.QUOTE_NONNUMERIC
        tables = {name: shapes.get(name, pd.DataFrame(columns=["doc_id"])) for name in rows}
        template = _stacked(tables)
        if parquet:
            pa, pq = _arrow()
            fields = [pa.field("table", pa.string())] + [types.field(c) for c in template.columns[1:]]
            pandas = pa.Schema.from_pandas(template, preserve_index=False).metadata  # how pandas reads the columns
            schema = pa.schema(fields, metadata={**pandas, _MANIFEST: _manifest(tables, rows)})
            with pq.ParquetWriter(temporary, schema) as writer:
                for chunk in self._rows(tables, template):
                    writer.write_table(pa.Table.from_pandas(chunk, schema=schema, preserve_index=False))
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as out:
                template.to_csv(out, index=False, quoting=quoting)
                for chunk in self._rows(tables, template):
                    chunk.to_csv(out, index=False, header=False, quoting=quoting)

    def _rows(self, tables: dict[str, pd.DataFrame], template: pd.DataFrame) -> Iterator[pd.DataFrame]:
        """Each table's rows batch after batch, table after table (the order of :meth:`Corpus.combined`),
        in the stacked file's columns and dtypes."""
        dtypes = template.dtypes
        for name, table in tables.items():
            for named in self._batches():
                frame = named[name]
                if len(frame):
                    rows = _nullable(frame.astype(table.dtypes.to_dict())).assign(table=name)
                    yield rows.reindex(columns=template.columns).astype(dtypes.to_dict())


class _Stored(Mapping[str, pd.DataFrame]):
    """The stage tables of a corpus file, each read from it when first asked for, then kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parquet = path.suffix.lower() == ".parquet"
        if self.parquet:
            pa, pq = _arrow()
            try:
                metadata = pq.read_schema(path).metadata or {}
            except pa.ArrowInvalid as err:  # no footer: a write that stopped midway, or not Parquet at all
                raise InputError(f"{path} is not a complete Parquet file ({err}); write it again") from None
            if _MANIFEST not in metadata:
                raise InputError(f"{path} holds no table list: it was not written by annotate_corpus or Corpus.to_parquet")
            manifest = json.loads(metadata[_MANIFEST])
            self.dtypes: dict[str, dict[str, str]] = {name: table["dtypes"] for name, table in manifest.items()}
            self.sizes: dict[str, int] = {name: table["rows"] for name, table in manifest.items()}
        else:
            # The stage tables are the ``<stage>_rows`` columns of the status table: an empty one has no rows.
            header = pd.read_csv(path, nrows=0).columns
            stages = [c.removesuffix("_rows") for c in header if c.endswith("_rows")]
            self.sizes = {name: 0 for name in stages} | dict(sum((Counter(chunk["table"]) for chunk in self._csv_chunks(["table"])), Counter()))
            self.dtypes = {name: {} for name in self.sizes}
        self.names = [n for n in self.dtypes if n not in ("errors", "status")]
        self.read = cache(self.table)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.names:
            raise KeyError(name)
        return self.read(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def table(self, name: str) -> pd.DataFrame:
        """One table: from Parquet in its own columns and dtypes; from CSV the columns it has values in."""
        if self.parquet:
            dtypes = self.dtypes.get(name, {"doc_id": "object"})
            frame = pd.read_parquet(self.path, columns=list(dtypes), filters=[("table", "==", name)]).reset_index(drop=True)
            return frame.astype(dtypes).apply(lambda c: c.where(c.notna(), pd.NA) if c.dtype == object else c)
        parts = [chunk[chunk["table"] == name] for chunk in self._csv_chunks()]
        frame = pd.concat(parts, ignore_index=True).drop(columns="table")
        if frame.empty:
            return pd.DataFrame(columns=["doc_id"])
        return frame.loc[:, frame.notna().any() | (frame.columns == "doc_id")]

    def _csv_chunks(self, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        yield from pd.read_csv(self.path, usecols=columns, keep_default_na=False, na_values=[""], chunksize=100_000)


# ---- Dask ---------------------------------------------------------------------------------------------


_GUARD = (
    'engine="dask" could not start its worker processes: they re-import the running script, so a script '
    'must call annotate_corpus under `if __name__ == "__main__":` (or pass engine="process", or a client=)'
)


def _run_dask(
    items: list[_Item], stages: tuple[_Stage, ...], codebook: Codebook | None, client: Any
) -> Iterator[tuple[int, list[_Result]]]:
    """Submit the documents in batches and yield (batch number, results) as each finishes, dropping
    the finished future, so neither the cluster nor this process holds results that were handed on."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError('engine="dask" needs dask.distributed: pip install hwresearch[corpus]') from None
    own = client is None
    if own and getattr(multiprocessing.current_process(), "_inheriting", False):
        # A worker process re-importing a script that calls annotate_corpus at its top level: starting
        # another cluster here would recurse. Leave quietly; the parent explains (see _GUARD).
        raise SystemExit(1)
    if own:
        # Port ":0": any free port. With None the scheduler still binds 8787 and warns when another
        # cluster holds it. CRITICAL: on a busy machine workers log harmless heartbeat tracebacks at
        # ERROR (a failed task still reaches us through future.result()); the CLI promises none.
        try:
            cluster = LocalCluster(processes=True, dashboard_address=":0", silence_logs=logging.CRITICAL)
        except Exception as err:  # noqa: BLE001 - a worker that cannot start has many ways to say so
            if getattr(sys.modules.get("__main__"), "__file__", None):
                raise InputError(_GUARD) from None
            raise InputError(f"the local Dask cluster did not start ({type(err).__name__}: {err})") from None
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or os.cpu_count() or 1)
        size = min(_DASK_BATCH, max(1, math.ceil(len(items) / (workers * _BATCHES_PER_WORKER))))
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        futures = client.map(_annotate_batch, batches, stages=stages, codebook=codebook, pure=False)
        order = {future.key: i for i, future in enumerate(futures)}
        finished = as_completed(futures)
        del futures  # as_completed holds each future until it is yielded, and no longer
        for future in finished:
            yield order[future.key], future.result()
    finally:
        if own:
            client.close()
            cluster.close()
