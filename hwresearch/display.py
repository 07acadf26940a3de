"""HTML renderings for notebooks: the article text with annotation spans highlighted, no JavaScript.

Spans come as DataFrames with ``start`` and ``end`` offsets into the article text, so any stage's
output (mentions, quotes, statements) can be shown the same way.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import seaborn as sns

from hwresearch.article import Article, load_article


class Html(str):
    """A string that Jupyter renders as HTML (and prints as its source elsewhere)."""

    def _repr_html_(self) -> str:
        return str(self)


def label_colours(labels: Iterable[str], palette: str = "pastel") -> dict[str, str]:
    """A stable colour for each label: sorted labels take the palette's colours in turn."""
    ordered = sorted({str(label) for label in labels if not pd.isna(label)})
    colours = sns.color_palette(palette, n_colors=max(len(ordered), 1)).as_hex()
    return {label: colours[i % len(colours)] for i, label in enumerate(ordered)}


def highlight(
    article: Article | str,
    spans: pd.DataFrame,
    label: str,
    marks: pd.DataFrame | None = None,
    mark_columns: tuple[str, str] = ("start", "end"),
    parts: Iterable[str] | None = None,
) -> Html:
    """The article text with ``spans`` shaded by their ``label`` column and ``marks`` in bold underline.

    Spans of one layer should not overlap (a later one is clipped to where the earlier ends). ``marks``
    (e.g. quote cues) may cross span boundaries. ``parts`` limits the text shown to those part kinds.
    """
    article = load_article(article)
    text = article.text
    colours = label_colours(spans[label]) if len(spans) else {}
    shade = [None] * (len(text) + 1)
    for row in spans.sort_values("start").itertuples(index=False):
        name = getattr(row, label)
        for i in range(int(row.start), int(row.end)):
            if shade[i] is None:
                shade[i] = "" if pd.isna(name) else str(name)
    bold = [False] * (len(text) + 1)
    if marks is not None and len(marks):
        start_col, end_col = mark_columns
        for s, e in zip(marks[start_col], marks[end_col]):
            if not (pd.isna(s) or pd.isna(e)):
                for i in range(int(s), int(e)):
                    bold[i] = True

    shown = [(p.start, p.end) for p in article.parts if parts is None or p.kind in set(parts)]
    paragraphs = [_render_range(text, s, e, shade, bold, colours) for s, e in shown]
    body = "".join(f'<p style="margin:0 0 0.6em">{p}</p>' for p in paragraphs)
    legend = " ".join(
        f'<span style="background:{c};padding:0 0.3em;margin-right:0.4em">{html.escape(n)}</span>'
        for n, c in colours.items()
    )
    return Html(
        '<div style="max-width:48em;font-family:Georgia,serif;line-height:1.5">'
        f'<div style="font-size:85%;margin-bottom:0.6em">{legend}</div>{body}</div>'
    )


def _render_range(text: str, start: int, end: int, shade: list, bold: list, colours: dict[str, str]) -> str:
    """HTML for ``text[start:end]``, cut into runs of equal styling so tags never cross."""
    out = []
    i = start
    while i < end:
        j = i + 1
        while j < end and shade[j] == shade[i] and bold[j] == bold[i]:
            j += 1
        chunk = html.escape(text[i:j])
        if bold[i]:
            chunk = f"<b><u>{chunk}</u></b>"
        if shade[i] is not None:
            colour = colours.get(shade[i], "#eeeeee")
            chunk = f'<span style="background:{colour}" title="{html.escape(shade[i])}">{chunk}</span>'
        out.append(chunk)
        i = j
    return "".join(out)
