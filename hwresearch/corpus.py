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
``status``)
and the union of the tables' columns (cells a table does not have are missing). One file keeps a run
a single artefact, which is what the ``hwresearch corpus DIR --out FILE`` command writes; read a table
back with ``frame[frame["table"] == "quotes"].dropna(axis=1, how="all")``. In the CSV a bare ``\r`` in a
text stays inside its quoted cell; read it with ``keep_default_na=False,
na_values=[""]`` so that a text "NA" stays text (CSV cannot tell an empty text from a missing one).
"""

from __future__ import annotations

import importlib
import logging
import math
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from hwresearch.article import Article, load_article, parse_article, parse_articles
from hwresearch.codebook import Codebook, CodebookSource, resolve_codebook
from hwresearch.errors import InputError
from hwresearch.tables import write_csv

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
# Dask tasks per worker: enough to balance uneven article lengths, few enough to keep overhead low.
_BATCHES_PER_WORKER = 4
_PARSE_BATCH = 16  # documents parsed together in one process: batches run the pipeline faster

Documents = Union[str, Path, Sequence[Union[str, Path]], pd.DataFrame]
# One unit of work: the document id and either a Path (read by whoever annotates it) or the text.
_Item = tuple[Hashable, Union[Path, str]]
# One document's result: stage name -> frame, or the InputError message.
_Result = tuple[Hashable, Union[dict[str, pd.DataFrame], str]]
# A stage as workers receive it: (name, module, function), so they need not share this process's registry.
_Stage = tuple[str, str, str]


@dataclass
class Corpus:
    """The annotated corpus: one table per stage (``corpus.quotes`` or ``corpus.tables["quotes"]``)
    with a leading ``doc_id`` column, and ``errors`` (``doc_id``, ``message``) for documents that failed.
    """

    tables: dict[str, pd.DataFrame]
    errors: pd.DataFrame
    status: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STATUS_COLUMNS))

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Only called for names that are not real attributes: expose the stage tables as attributes.
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__} has no table {name!r}; it has {sorted(tables)}")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}: {len(frame)} rows" for name, frame in self.tables.items())
        return f"<Corpus {sizes}; {len(self.errors)} failed documents>"

    def combined(self) -> pd.DataFrame:
        """Every table stacked into one frame with a leading ``table`` column (the file layout)."""
        named = {**self.tables, "errors": self.errors, "status": self.status}
        frames = [_nullable(frame).assign(table=name) for name, frame in named.items()]
        stacked = pd.concat(frames, ignore_index=True)
        return stacked[["table", *[c for c in stacked.columns if c != "table"]]]

    def to_parquet(self, path: str | Path) -> Path:
        """Write :meth:`combined` as one Parquet file (needs pyarrow: ``pip install hwresearch[corpus]``)."""
        try:
            import pyarrow  # noqa: F401 - only to give a clear message when it is missing
        except ImportError:
            raise InputError("writing Parquet needs pyarrow: pip install hwresearch[corpus]") from None
        path = Path(path)
        combined = self.combined()
        id_types = {type(d).__name__ for d in combined["doc_id"].dropna()}
        if len(id_types) > 1:
            raise InputError(f"Parquet needs one doc_id type, these ids mix {', '.join(sorted(id_types))}; use to_csv, or str ids")
        _writable(path, lambda: combined.to_parquet(path, index=False))
        return path

    def to_csv(self, path: str | Path) -> Path:
        """Write :meth:`combined` as one CSV file."""
        path = Path(path)
        _writable(path, lambda: write_csv(self.combined(), path))
        return path


def annotate_corpus(
    documents: Documents,
    stages: Sequence[str] = DEFAULT_STAGES,
    engine: str = "process",
    client: Any = None,
    progress: bool = True,
    codebook: CodebookSource = None,
) -> Corpus:
    """Run ``stages`` over every document and return a :class:`Corpus` of tidy tables.

    ``documents``: a folder (its ``*.txt`` files, sorted; ``doc_id`` is the file name without suffix),
    a list of paths (same ids), or a DataFrame with ``doc_id`` (kept as given) and ``text``. ``engine``:
    ``"process"`` runs here; ``"dask"`` runs on ``client`` (a ``dask.distributed.Client``), or on a
    local cluster started for this call and closed after it. Files are read where a document is
    annotated, so on a remote cluster pass a DataFrame of texts instead of paths. ``codebook``: as for
    every stage (:func:`~hwresearch.codebook.resolve_codebook`), read once here; None applies the
    study codebook to the seed only. Arguments and ids are checked before any document is annotated.
    """
    specs = _check_stages(stages)
    chosen = None if codebook is None else resolve_codebook(codebook)
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if client is not None and engine != "dask":
        raise InputError('a client was passed but engine is "process"; pass engine="dask" to use it')
    items = _items(documents)
    with tqdm(total=len(items), desc="annotating", unit="doc", disable=not progress) as bar:
        if engine == "dask":
            results = _run_dask(items, specs, chosen, client, bar)
        else:
            results = []
            for first in range(0, len(items), _PARSE_BATCH):
                batch = items[first : first + _PARSE_BATCH]
                results.extend(_annotate_batch(batch, specs, chosen))
                bar.update(len(batch))
    return _collect(results, [name for name, _, _ in specs])


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


def _annotate(item: _Item, stages: tuple[_Stage, ...], codebook: Codebook | None = None) -> _Result:
    """Load one document and run every stage on it; bad input becomes the message, not an exception."""
    return _annotate_batch([item], stages, codebook)[0]


def _annotate_batch(batch: list[_Item], stages: tuple[_Stage, ...], codebook: Codebook | None) -> list[_Result]:
    """Load a batch, parse its Docs together (the pipeline runs faster on batches), then run the stages."""
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
            frame = _stage_function(spec)(article, codebook=codebook)
            frames[name] = frame.reset_index(drop=True).assign(doc_id=doc_id)[["doc_id", *frame.columns]]
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
    status_table = pd.DataFrame(status, columns=STATUS_COLUMNS + counts).astype({c: "Int64" for c in counts})
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


# ---- Dask ---------------------------------------------------------------------------------------------


_GUARD = (
    'engine="dask" could not start its worker processes: they re-import the running script, so a script '
    'must call annotate_corpus under `if __name__ == "__main__":` (or pass engine="process", or a client=)'
)


def _run_dask(
    items: list[_Item], stages: tuple[_Stage, ...], codebook: Codebook | None, client: Any, bar: tqdm
) -> list[_Result]:
    """Submit the documents in batches, gather as they finish, and return them in document order."""
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
        size = max(1, math.ceil(len(items) / (workers * _BATCHES_PER_WORKER)))
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        futures = client.map(_annotate_batch, batches, stages=stages, codebook=codebook, pure=False)
        order = {future.key: i for i, future in enumerate(futures)}
        done: list[list[_Result]] = [[] for _ in batches]
        for future in as_completed(futures):
            index = order[future.key]
            done[index] = future.result()
            bar.update(len(batches[index]))
        return [result for batch in done for result in batch]
    finally:
        if own:
            client.close()
            cluster.close()
