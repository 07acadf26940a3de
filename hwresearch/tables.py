"""Tables in and out: one CSV writer (for the corpus, the exports and the CLI) so that tables read back
equal, and the checks every stage runs on the tables and options a caller passes, so that a bad one is
an InputError saying what to do rather than a traceback from deep inside."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from hwresearch.errors import InputError


def csv_quoting(frame: pd.DataFrame) -> int:
    """``QUOTE_MINIMAL``, unless a text cell or label holds a bare ``\\r``: the csv module leaves such a
    cell unquoted, and every reader then splits the row there. Quoting every text field keeps it whole."""
    labels = [frame.index, frame.columns]
    texts = [frame[c] for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    for values in [*labels, *texts]:
        if any(isinstance(v, str) and "\r" in v for v in values):
            return csv.QUOTE_NONNUMERIC
    return csv.QUOTE_MINIMAL


def write_csv(frame: pd.DataFrame, target: str | Path | IO[str], index: bool = False, index_label: str | None = None) -> None:
    """``frame.to_csv`` with the quoting :func:`csv_quoting` chooses."""
    frame.to_csv(target, index=index, index_label=index_label, quoting=csv_quoting(frame))


def check_option(name: str, value: str, valid: tuple[str, ...]) -> None:
    """A keyword that takes one of a few words (``level``, ``qualifier_aggregation``): anything else is
    an InputError listing the options."""
    if value not in valid:
        raise InputError(f"{name}={value!r} is not an option here: use one of {', '.join(valid)}")


def check_table(
    frame: object,
    what: str,
    columns: tuple[str, ...],
    offsets: tuple[tuple[str, str], ...] = (),
    texts: tuple[str, ...] = (),
    length: int | None = None,
    make: str = "",
) -> None:
    """A table a stage reads from the caller, checked before any work: the columns are there, offset
    pairs hold integers (or missing) with ``0 <= start <= end <= length``, text columns hold strings
    (or missing). A list in a cell, an offset "12" or a missing column is an InputError naming it."""
    hint = f"; pass the output of {make}" if make else ""
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{what} must be a DataFrame, not {type(frame).__name__}{hint}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what} lacks the column(s) {', '.join(missing)}{hint}")
    for pair in offsets:
        start, end = (pd.Series(_offsets(frame, column, what, hint), index=frame.index) for column in pair)
        both = start.notna() & end.notna()
        bad = both & ((start < 0) | (start > end) | (end > (length if length is not None else end)))
        if bad.any():
            row = bad.idxmax()
            raise InputError(
                f"{what} row {row!r}: {pair[0]}={start[row]}, {pair[1]}={end[row]} is no span of the text"
                f"{'' if length is None else f' (length {length})'}{hint}"
            )
    for column in texts:
        cells = frame[column]
        if cells.dtype != object and pd.api.types.is_string_dtype(cells):
            continue  # a string dtype holds only text and missing values
        wrong = [row for row, v in cells.items() if not (isinstance(v, str) or _missing(v))]
        if wrong:
            kind = type(cells[wrong[0]]).__name__
            raise InputError(f"{what} column {column!r} holds a {kind} in row {wrong[0]!r}, not text{hint}")


def _offsets(frame: pd.DataFrame, column: str, what: str, hint: str) -> pd.Series:
    cells = frame[column]
    if pd.api.types.is_integer_dtype(cells):
        return cells.astype("Int64")

    def whole(value: object) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return False
        if isinstance(value, (int, np.integer)) or _missing(value):
            return True
        return isinstance(value, (float, np.floating)) and float(value).is_integer()

    wrong = [row for row, v in cells.items() if not whole(v)]
    if wrong:
        raise InputError(
            f"{what} column {column!r} holds {cells[wrong[0]]!r} in row {wrong[0]!r}: offsets must be whole numbers{hint}"
        )
    return pd.array([None if _missing(v) else int(v) for v in cells], dtype="Int64")


def _missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
