"""Command line: ``hwresearch STAGE [FILE ...] --format table|csv|jsonl``, one subcommand per stage.

With no files the bundled seed article is used; ``-`` reads the article from standard input.
``--codebook PATH`` names a study's TOML codebook; without it the bundled study codebook applies to the
bundled seed only. Errors print one line on stderr and exit with status 2; the CLI never shows a
traceback (set ``HWRESEARCH_DEBUG=1`` to see one when reporting a bug). Output files (``--out``,
``--graphml``) are checked before any work starts.
"""

from __future__ import annotations

import argparse
import os
import select
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from hwresearch.article import Article, load_article, parse_article
from hwresearch.codebook import resolve_codebook
from hwresearch.errors import InputError
from hwresearch.tables import write_csv

FORMATS = ("table", "csv", "jsonl")
TABLE_TEXT_WIDTH = 70


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see `{self.prog} --help`)")


def _article_table(source: str | None, args: argparse.Namespace) -> pd.DataFrame:
    article = _load(source)
    return article.sentences if args.sentences else article.paragraphs


def _mentions_table(source: str | None, args: argparse.Namespace) -> pd.DataFrame:
    from hwresearch.mentions import extract_mentions

    return extract_mentions(_load(source), codebook=args.codebook)


def _quotes_table(source: str | None, args: argparse.Namespace) -> pd.DataFrame:
    from hwresearch.quotes import extract_quotes

    return extract_quotes(_load(source), codebook=args.codebook)


def _stance_table(source: str | None, args: argparse.Namespace) -> pd.DataFrame:
    from hwresearch.stance import stance_statements

    return stance_statements(_load(source), codebook=args.codebook)


def _positions_table(source: str | None, args: argparse.Namespace) -> pd.DataFrame:
    from hwresearch.positions import stakeholder_positions

    return stakeholder_positions(_load(source), codebook=args.codebook)


def _load(source: str | None) -> Article:
    """A command-line argument is always a file name (``-``: standard input), never the article text itself."""
    if source == STDIN:
        return _read_stdin()
    return load_article(None if source is None else Path(source))


STDIN = "-"


def _read_stdin() -> Article:
    """The article piped in, read once as UTF-8 (argparse hands ``-`` to every stage that names it)."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("standard input is not UTF-8 text; convert it first (e.g. iconv -t UTF-8)") from None
    if not text.strip():
        raise InputError("standard input was empty; pipe an article's text in, e.g. `cat article.txt | hwresearch quotes -`")
    return parse_article(text, source="<stdin>")


def _text_waiting_on_stdin() -> bool:
    """Whether text was piped or redirected in (`echo text | hwresearch quotes`): then a run without a
    FILE must not quietly annotate the seed. A terminal, /dev/null or an idle pipe holds nothing."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISREG(mode)):
            return False
        return bool(select.select([sys.stdin], [], [], 0)[0])
    except (AttributeError, OSError, ValueError):  # no real stdin (pytest's capture, a closed stream)
        return False


STAGES: dict[str, tuple[str, Callable[[str | None, argparse.Namespace], pd.DataFrame]]] = {
    "article": ("the article's parts (or sentences with --sentences) with offsets", _article_table),
    "mentions": ("actor mentions resolved to canonical actors", _mentions_table),
    "quotes": ("quote attributions: who said what, direct / indirect / mixed", _quotes_table),
    "stance": ("stance statements: holder -> target, favor / against / neutral, with evidence", _stance_table),
    "positions": ("stakeholder positions: actor x target", _positions_table),
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hwresearch", description="Annotate news articles: who says what about whom.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="stage", metavar="STAGE", parser_class=_Parser)
    commands.required = True
    for name, (help_text, _) in STAGES.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("files", nargs="*", metavar="FILE",
                         help="UTF-8 text files, - for standard input (none: the bundled seed article)")
        sub.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
        if name == "article":
            sub.add_argument("--sentences", action="store_true", help="list sentences instead of parts")
        if name != "article":
            _add_codebook_option(sub)
        if name == "positions":
            sub.add_argument("--graphml", metavar="PATH", help="also write the actor-target network as GraphML")
    _add_corpus_parser(commands)
    return parser


def _add_codebook_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--codebook",
        metavar="PATH",
        help="a study's TOML codebook (default: the bundled study codebook for the seed, none for other files)",
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hwresearch")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _add_corpus_parser(commands: argparse._SubParsersAction) -> None:
    """``corpus``: many documents into one file, unlike the per-article stages that print a table."""
    from hwresearch.corpus import DEFAULT_STAGES, ENGINES, STAGE_FUNCTIONS

    help_text = "annotate a folder of .txt articles into one Parquet or CSV file (a `table` column per row)"
    sub = commands.add_parser("corpus", help=help_text, description=help_text)
    sub.add_argument("folder", metavar="DIR", help="a folder of UTF-8 .txt files, one article each")
    sub.add_argument("--out", required=True, metavar="FILE", help="output file: FILE.parquet or FILE.csv")
    sub.add_argument(
        "--stages",
        default=",".join(DEFAULT_STAGES),
        help=f"comma-separated stages from {', '.join(STAGE_FUNCTIONS)} (default: %(default)s)",
    )
    sub.add_argument("--engine", choices=ENGINES, default="process", help="process (default) or a local Dask cluster")
    sub.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    _add_codebook_option(sub)


def _run_corpus(args: argparse.Namespace) -> pd.DataFrame:
    from hwresearch.corpus import annotate_corpus, check_output, is_folder

    out = check_output(args.out, what="--out")
    if not is_folder(Path(args.folder)):
        raise InputError(f"{args.folder} is not a folder; pass a folder of .txt files")
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    corpus = annotate_corpus(
        args.folder, stages=stages, engine=args.engine, progress=not args.no_progress, codebook=args.codebook, output=out
    )
    print(f"hwresearch: {corpus!r} written to {out}", file=sys.stderr)
    return corpus.status


def run(argv: Sequence[str] | None = None) -> pd.DataFrame:
    """Parse ``argv``, run the stage over every file and return the combined table (for ``corpus``, whose
    tables went to ``--out`` as they were made, the status table: one row per document)."""
    args = build_parser().parse_args(argv)
    if getattr(args, "codebook", None) is not None:
        args.codebook = resolve_codebook(Path(args.codebook))  # read and checked once, before any file
    if args.stage == "corpus":
        return _run_corpus(args)
    if getattr(args, "graphml", None):
        from hwresearch.corpus import check_output

        check_output(args.graphml, suffixes=None, what="--graphml")
    _, stage = STAGES[args.stage]
    if not args.files and _text_waiting_on_stdin():
        raise InputError(
            f"text is waiting on standard input but no FILE was named; pass - to read it "
            f"(`hwresearch {args.stage} -`), or a FILE; with neither, the bundled seed is annotated"
        )
    if list(args.files).count(STDIN) > 1:
        raise InputError("- (standard input) can be named only once")
    sources: list[str | None] = list(args.files) or [None]
    frames = []
    for source in sources:
        frame = stage(source, args)
        if len(sources) > 1:
            frame = frame.assign(file=source if source is not None else "seed")
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if getattr(args, "graphml", None):
        _write_graphml(table, args.graphml)
    _print(table, args.format)
    return table


def _write_graphml(positions: pd.DataFrame, path: str) -> None:
    from hwresearch.networks import export_graphml
    from hwresearch.positions import position_graph

    try:
        export_graphml(position_graph(positions), path, replace_invalid=True)
    except OSError as err:
        raise InputError(f"cannot write GraphML to {path}: {err.strerror}; choose a writable path") from None


def _print(table: pd.DataFrame, fmt: str) -> None:
    out = sys.stdout
    if fmt == "csv":
        write_csv(table, out)
    elif fmt == "jsonl":
        if len(table):
            unicode_out = (getattr(out, "encoding", None) or "").lower().replace("-", "").startswith("utf")
            records = table.to_json(orient="records", lines=True, force_ascii=not unicode_out)
            out.write(records if records.endswith("\n") else records + "\n")
    else:
        shown = table.copy()
        for column in shown.columns:
            if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
                shown[column] = shown[column].map(_shorten)
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250):
            out.write(shown.to_string(index=False) + "\n" if len(shown) else "(no rows)\n")


def _shorten(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    return value if len(value) <= TABLE_TEXT_WIDTH else value[: TABLE_TEXT_WIDTH - 3] + "..."


def _lossless_streams() -> None:
    """On a terminal that cannot show every character (``PYTHONIOENCODING=ascii``), write escapes
    such as ``\\u201c`` instead of failing; JSON Lines uses JSON's own escapes there, losing nothing."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit status (0 ok, 2 bad input or any error)."""
    _lossless_streams()
    try:
        run(argv)
    except InputError as err:
        print(f"hwresearch: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `hwresearch quotes | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("hwresearch: interrupted", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - the CLI promises one line, not a traceback
        if os.environ.get("HWRESEARCH_DEBUG"):
            raise
        print(f"hwresearch: internal error: {type(err).__name__}: {err} (rerun with HWRESEARCH_DEBUG=1 and report it)", file=sys.stderr)
        return 2
    return 0
