"""The Article: a news text split into its parts, paragraphs and sentences, with exact offsets.

The text is kept exactly as given (no-break spaces, bullets and all): every offset is a Python ``str``
index into ``Article.text``, so ``article.text[start:end]`` is always the span's text. The parts of a
web news page (section label, headline, "Key Points" bullets, photo caption and credit, embed
placeholders such as ``TWEET``) are recognised by layout; text without them loads as body paragraphs.
"""

from __future__ import annotations

import errno
import html
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import pandas as pd

from hwresearch.errors import InputError
from hwresearch.nlp import annotate, current_pipeline, make_doc, parse, sentence_spans
from hwresearch.text import squash_spaces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

Source = Union[str, Path, None, "Article"]

SEED_RESOURCE = "seed_article.txt"

PART_KINDS = ("section", "headline", "key_points_label", "key_point", "caption", "credit", "body", "embed")
# Parts that hold prose and so have sentences; labels, credits and embeds do not.
PROSE_PARTS = frozenset({"headline", "key_point", "caption", "body"})

_BULLET = re.compile(r"[ \t\u00a0]*[•\u2022\u25aa\u25cf*\-–][ \t\u00a0]+")
_KEY_POINTS_LABEL = re.compile(r"(?i)key (?:points|takeaways)|highlights|in brief")
# "Justin Solomon | CNBC", "Photo: Jane Doe", "Jane Doe/Getty Images": never a sentence.
_CREDIT = re.compile(
    r"[^\n|]{2,60} \| [^\n|]{2,40}"
    r"|(?:Photo|Image|Source|Credit)(?: by|:) [^\n]{2,80}"
    r"|[^\n]{2,60}/(?:Getty Images|Reuters|AFP|AP|Bloomberg|EPA)[^\n]{0,30}"
)
# An embed placeholder alone on its line: TWEET, VIDEO, EMBED, GRAPHIC, CHART ...
_EMBED = re.compile(r"[A-Z]{3,12}(?: [A-Z]{3,12})?")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# A line ends in \n, \r\n or a lone \r (old Mac exports); a \r before \n is never a line of its own.
_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
_LINE_BREAK = re.compile(_BREAK)
_BLOCK_SPLIT = re.compile(rf"{_BREAK}[^\S\r\n]*{_BREAK}")  # a blank line, even with spaces on it
_SURROGATE = re.compile("[\ud800-\udfff]")

_PATH_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json", ".csv")
_MAX_PATH_LENGTH = 4096
# Sentence punctuation in a one-line string marks it as text, not a file name ("No. 5.", "Why?").
_SENTENCE_PUNCTUATION = re.compile(r"[.!?,;:](?:\s|$)|[!?\"“”]")
MAX_FILE_BYTES = 20_000_000  # a guard, far above any news article: 20 MB of text


@dataclass(frozen=True)
class Part:
    """One layout unit of the article: a line or paragraph with its kind and offsets."""

    kind: str
    start: int
    end: int
    text: str


@dataclass
class Article:
    """A news text with its parts, paragraphs and sentences; build it with :func:`load_article`."""

    text: str
    parts: list[Part]
    source: str | None = None
    nlp: Language | None = field(default=None, repr=False, compare=False)
    _layers: dict = field(default_factory=dict, repr=False, compare=False)

    # ---- parts as plain attributes -------------------------------------------------------------
    def _first(self, kind: str) -> str | None:
        return next((p.text for p in self.parts if p.kind == kind), None)

    @property
    def section(self) -> str | None:
        return self._first("section")

    @property
    def headline(self) -> str | None:
        return self._first("headline")

    @property
    def key_points(self) -> list[str]:
        return [p.text for p in self.parts if p.kind == "key_point"]

    @property
    def caption(self) -> str | None:
        return self._first("caption")

    @property
    def credit(self) -> str | None:
        return self._first("credit")

    @property
    def embeds(self) -> list[str]:
        return [p.text for p in self.parts if p.kind == "embed"]

    # ---- tables ----------------------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """Every part as a row: ``para_id``, ``part``, ``start``, ``end``, ``text``."""
        parts = self.parts
        return _table({
            "para_id": range(len(parts)), "part": [p.kind for p in parts], "start": [p.start for p in parts],
            "end": [p.end for p in parts], "text": [p.text for p in parts],
        })

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Sentences of the prose parts: ``sent_id``, ``para_id``, ``part``, ``start``, ``end``, ``text``."""
        rows = [
            (para_id, p.kind, s, e)
            for para_id, p in enumerate(self.parts) if p.kind in PROSE_PARTS
            for s, e in sentence_spans(self.text, p.start, p.end)
        ]
        return _table({
            "sent_id": range(len(rows)), "para_id": [r[0] for r in rows], "part": [r[1] for r in rows],
            "start": [r[2] for r in rows], "end": [r[3] for r in rows], "text": [self.text[r[2] : r[3]] for r in rows],
        })

    @property
    def body(self) -> pd.DataFrame:
        """The body paragraphs only."""
        return self.paragraphs[self.paragraphs["part"] == "body"].reset_index(drop=True)

    # ---- the linguistic layer ------------------------------------------------------------------
    @cached_property
    def doc(self) -> Doc:
        """The article parsed once with its pipeline (the shipped one unless given): ``doc.text == text``.

        Its sentences are :attr:`sentences`, and every part that is not prose is a sentence of its own.
        """
        return parse(self.text, self._segments(), self.nlp)

    def _segments(self) -> list[tuple[int, int]]:
        """The spans that start sentences in the Doc: the prose sentences and every other part."""
        return sorted(
            [(int(s), int(e)) for s, e in zip(self.sentences["start"], self.sentences["end"])]
            + [(p.start, p.end) for p in self.parts if p.kind not in PROSE_PARTS]
        )

    def span(self, start: int, end: int) -> Span:
        """The Doc span of the tokens that ``text[start:end]`` touches."""
        return self.doc.char_span(start, end, alignment_mode="expand")

    def sentence_span(self, sent_id: int) -> Span:
        """Sentence ``sent_id`` as a Doc span (the same characters as its row in :attr:`sentences`)."""
        row = self.sentences.iloc[sent_id]
        return self.span(int(row["start"]), int(row["end"]))

    # ---- layers computed once -------------------------------------------------------------------
    def layer(self, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """The stage ``name``'s result for this article and ``key`` (its codebook), computed on first use.

        Later stages read earlier layers through here, so no layer is computed twice for one article.
        """
        slot = (name, key)
        if slot not in self._layers:
            self._layers[slot] = compute()
        return self._layers[slot]

    @property
    def mentions(self) -> pd.DataFrame:
        """Actor mentions (see :func:`hwresearch.mentions.extract_mentions`), computed once."""
        if "mentions" not in _STAGES:
            raise InputError("import hwresearch (not only hwresearch.article) to annotate mentions")
        return _STAGES["mentions"](self)

    def sentence_at(self, offset: int) -> int | None:
        """The ``sent_id`` of the sentence holding character ``offset``, or None."""
        sentences = self.sentences
        hit = sentences[(sentences["start"] <= offset) & (offset < sentences["end"])]
        return int(hit["sent_id"].iloc[0]) if len(hit) else None

    # ---- display ---------------------------------------------------------------------------------
    def __repr__(self) -> str:
        title = self.headline or squash_spaces(self.text[:60])
        if len(title) > 60:
            title = title[:57] + "..."
        return (
            f"<Article {title!r}: {len(self.text):,} chars, {len(self.body)} body paragraphs, "
            f"{len(self.sentences)} sentences>"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        out = ['<div class="hw-article" style="max-width:46em;font-family:Georgia,serif;line-height:1.45">']
        if self.section:
            out.append(f'<div style="text-transform:uppercase;font-size:80%;color:#666">{esc(self.section)}</div>')
        if self.headline:
            out.append(f'<h3 style="margin:0.2em 0 0.6em">{esc(self.headline)}</h3>')
        if self.key_points:
            items = "".join(f"<li>{esc(k)}</li>" for k in self.key_points)
            out.append(f'<div style="background:#f4f4f4;padding:0.4em 0.8em"><b>Key Points</b><ul>{items}</ul></div>')
        if self.caption or self.credit:
            caption = esc(self.caption or "")
            credit = f' <span style="color:#888">({esc(self.credit)})</span>' if self.credit else ""
            out.append(f'<p style="font-style:italic;font-size:90%">Photo: {caption}{credit}</p>')
        for p in self.parts:
            if p.kind == "body":
                out.append(f"<p>{esc(p.text)}</p>")
            elif p.kind == "embed":
                out.append(f'<p style="color:#888;border:1px dashed #bbb;padding:0.2em 0.5em">[{esc(p.text)} embed]</p>')
        out.append("</div>")
        return "\n".join(out)


def parse_articles(articles: list[Article]) -> None:
    """Parse the Docs of many articles in batches (a corpus run), as ``article.doc`` would one by one."""
    waiting: dict[int, list[Article]] = {}
    for article in articles:
        if "doc" not in article.__dict__:
            waiting.setdefault(id(article.nlp), []).append(article)
    for group in waiting.values():
        nlp = group[0].nlp or current_pipeline()
        docs = annotate([make_doc(a.text, a._segments(), nlp) for a in group], nlp)
        for article, doc in zip(group, docs):
            article.__dict__["doc"] = doc  # what the cached property would have stored


# Stages that an Article offers as attributes register here when their module loads, so that the
# Article needs no import of the stages to its right.
_STAGES: dict[str, Callable[[Article], Any]] = {}


def register_stage(name: str, function: Callable[[Article], Any]) -> None:
    """Make ``function(article)`` available as ``article.<name>`` (only "mentions" is offered)."""
    _STAGES[name] = function


_INTEGER_COLUMNS = frozenset({"sent_id", "para_id", "start", "end"})


def _table(columns: dict[str, Any]) -> pd.DataFrame:
    """A frame built column by column (a fifth of the time of one built from row dicts and then cast):
    integer offsets and ids even when it is empty, text columns as pandas infers them (object when empty)."""
    return pd.DataFrame({
        name: np.array(values, dtype="int64") if name in _INTEGER_COLUMNS else values or np.array([], dtype=object)
        for name, values in columns.items()
    })


# ---- loading ---------------------------------------------------------------------------------------


def load_article(source: Source = None, *, nlp: Language | None = None) -> Article:
    """Load an article: ``None`` is the bundled seed, a path is read as UTF-8, other text is the article.

    ``nlp`` is the spaCy pipeline its Doc is parsed with (default: :func:`hwresearch.nlp.current_pipeline`).
    An existing :class:`Article` is returned as it is. A one-line string that reads like a file name
    ("story.txt", "My Articles/story.txt": a text-file suffix or a path separator, no sentence
    punctuation) is a path, and an InputError when no such file exists; to analyse such a string as
    text, pass it to :func:`parse_article`, which never reads files. Bad input raises :class:`InputError`.
    """
    if isinstance(source, Article):
        return source
    if source is None:
        return parse_article(seed_text(), source="seed", nlp=nlp)
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        path = _expand_user(Path(source.strip() if isinstance(source, str) else source))
        return parse_article(read_text_file(path), source=str(path), nlp=nlp)
    if isinstance(source, str):
        return parse_article(source, nlp=nlp)
    if isinstance(source, (bytes, bytearray)):
        raise InputError("got bytes; decode them first (e.g. data.decode('utf-8')) and pass the text as a str")
    raise InputError(
        f"cannot load an article from a {type(source).__name__}; pass the text as a str, a path to a UTF-8 "
        "text file, or None for the bundled seed article"
    )


@lru_cache(maxsize=1)
def seed_text() -> str:
    """The bundled seed article's text."""
    return resources.files("hwresearch").joinpath("data", SEED_RESOURCE).read_text(encoding="utf-8")


def is_seed(article: Article) -> bool:
    """Whether ``article`` is the bundled seed (loaded with ``None``, or its text given some other way)."""
    return article.source == "seed" or article.text == seed_text()


def _looks_like_path(value: str) -> bool:
    """A one-line string that names an existing file, or that reads like a file name."""
    if _LINE_BREAK.search(value) or len(value) > _MAX_PATH_LENGTH or not value.strip() or "\x00" in value:
        return False  # a NUL byte names no file
    candidate = value.strip()
    try:
        if _expand_user(Path(candidate)).exists():
            return True
    except (OSError, ValueError):  # names too long for the file system, NUL bytes: decided below
        pass
    if _SENTENCE_PUNCTUATION.search(candidate):
        return False
    return candidate.lower().endswith(_PATH_SUFFIXES) or "/" in candidate or "\\" in candidate or candidate.startswith("~")


def _expand_user(path: Path) -> Path:
    """``~`` expanded; "~name" for an unknown user (or no home at all) stays as written, not a RuntimeError."""
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def read_text_file(path: Path, what: str = "article", max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``max_bytes``.

    Only regular files: a FIFO would block forever and ``/dev/zero`` never ends. The size is checked
    before reading and again while reading (a file may grow, or report size 0 as /proc files do).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(
            f"no such file: {path}; check the path, or pass the {what}'s text itself "
            "(for an article, hwresearch.article.parse_article(text) takes any str as text)"
        ) from None
    except (OSError, ValueError) as err:
        reason = "the file name is too long" if getattr(err, "errno", None) == errno.ENAMETOOLONG else str(err)
        raise InputError(f"cannot open {str(path)[:80]!r}: {reason}; pass a shorter path, or the {what}'s text itself") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a directory; pass one text file (for a folder of articles use `hwresearch corpus DIR --out FILE`)")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file (a pipe, device or socket); save the {what} to a plain text file")
    too_big = f"{path} is larger than {max_bytes:,} bytes, too large for a {what}; split it into smaller files"
    if info.st_size > max_bytes:
        raise InputError(too_big)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}; check its permissions") from None
    if len(data) > max_bytes:
        raise InputError(too_big)
    if b"\x00" in data:
        raise InputError(f"{path} looks binary (it holds NUL bytes); pass a plain UTF-8 text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path} is not UTF-8 (byte {err.start} cannot be decoded); the file must be UTF-8 text: "
            f"convert it, e.g. with `iconv -f LATIN1 -t UTF-8`"
        ) from None


def parse_article(text: str, source: str | None = None, nlp: Language | None = None) -> Article:
    """Split ``text`` into parts by layout and return the :class:`Article`."""
    if not isinstance(text, str):
        raise InputError(f"article text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise InputError("the article text is empty or only whitespace; pass the text of a news article")
    if "\x00" in text:
        raise InputError("the text holds NUL bytes, so it is probably binary; pass plain text")
    if surrogate := _SURROGATE.search(text):
        raise InputError(
            f"the text holds a lone surrogate (U+{ord(surrogate.group()):04X} at offset {surrogate.start()}), "
            "which is not valid Unicode; decode the source with errors='replace' or remove it"
        )
    return Article(text=text, parts=_split_parts(text), source=source, nlp=nlp)


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Blank-line separated blocks, each a list of its non-empty line spans (whitespace trimmed)."""
    blocks: list[list[tuple[int, int]]] = []
    block_start = 0
    for match in [*_BLOCK_SPLIT.finditer(text), None]:
        block_end = match.start() if match else len(text)
        lines = []
        line_start = block_start
        for brk in [*_LINE_BREAK.finditer(text, block_start, block_end), None]:
            line_end = brk.start() if brk else block_end
            s, e = _strip(text, line_start, line_end)
            if s < e:
                lines.append((s, e))
            if brk:
                line_start = brk.end()
        if lines:
            blocks.append(lines)
        if match:
            block_start = match.end()
    return blocks


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_title_line(line: str) -> bool:
    """A headline: one line, a few words, not ending like a sentence."""
    words = line.split()
    return 2 <= len(words) <= 30 and not _SENTENCE_END.search(line) and not line.endswith((",", ";", ":", "“", '"'))


def _is_section_line(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 3 and not re.search(r"[.!?,;:]$", line) and line[:1].isupper()


def _split_parts(text: str) -> list[Part]:
    blocks = _blocks(text)
    parts: list[Part] = []

    def add(kind: str, span: tuple[int, int]) -> None:
        parts.append(Part(kind, span[0], span[1], text[span[0] : span[1]]))

    # Front matter: "Section" then "Headline", each a one-line block, and only when a body follows.
    position = 0
    if len(blocks) >= 3 and len(blocks[0]) == 1 and len(blocks[1]) == 1:
        first, second = (text[s:e] for s, e in (blocks[0][0], blocks[1][0]))
        if _is_section_line(first) and _is_title_line(second):
            add("section", blocks[0][0])
            add("headline", blocks[1][0])
            position = 2
    if position == 0 and len(blocks) >= 2 and len(blocks[0]) == 1 and _is_title_line(text[slice(*blocks[0][0])]):
        add("headline", blocks[0][0])
        position = 1

    for block in blocks[position:]:
        for kind, span in _classify_block(text, block):
            add(kind, span)
    return parts


def _classify_block(text: str, lines: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """Kinds for the lines of one block: key points with their bullets, caption + credit, embed, or body."""
    line_texts = [text[s:e] for s, e in lines]
    if len(lines) == 1 and _EMBED.fullmatch(line_texts[0]):
        return [("embed", lines[0])]

    labelled = _KEY_POINTS_LABEL.fullmatch(line_texts[0]) is not None
    has_bullets = any(_BULLET.match(t + " ") and len(t) > 2 for t in line_texts)
    if labelled or (has_bullets and len(lines) > 1):
        kinds: list[tuple[str, tuple[int, int]]] = []
        for i, span in enumerate(lines):
            if i == 0 and labelled:
                kinds.append(("key_points_label", span))
            elif bullet := _BULLET.match(text, span[0], span[1]):  # the bullet is layout, not text
                kinds.append(("key_point", (bullet.end(), span[1])))
            else:
                kinds.append(("body", span))
        return _pair_captions(kinds, text)

    if len(lines) <= 2 and any(_CREDIT.fullmatch(t) and not _SENTENCE_END.search(t) for t in line_texts):
        return _pair_captions([("body", span) for span in lines], text)
    # One paragraph, possibly wrapped over several lines.
    return [("body", (lines[0][0], lines[-1][1]))]


def _pair_captions(kinds: list[tuple[str, tuple[int, int]]], text: str) -> list[tuple[str, tuple[int, int]]]:
    """A credit line ("Name | Outlet") marks itself and the non-bullet line just before it as the caption."""
    result = list(kinds)
    for i, (kind, span) in enumerate(result):
        line = text[span[0] : span[1]]
        if kind == "body" and _CREDIT.fullmatch(line) and not _SENTENCE_END.search(line):
            result[i] = ("credit", span)
            if i > 0 and result[i - 1][0] == "body":
                result[i - 1] = ("caption", result[i - 1][1])
    return result
