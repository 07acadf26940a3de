"""HTML renderings for notebooks: highlighted spans, tables that say what is missing, one colour per actor.

Spans come as DataFrames with ``start`` and ``end`` offsets into the article text, so any stage's
output (mentions, quotes, statements) can be shown the same way. No JavaScript: the reports open offline.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.colors import to_rgb

from hwresearch.article import Article, load_article
from hwresearch.nlp import dep

if TYPE_CHECKING:
    from spacy.tokens import Span

# Okabe & Ito's colour-blind-safe set (black left out: text sits on these) comes first, then Paul Tol's
# muted and light schemes, so the first seven actors are told apart by every reader and 24 by most.
PALETTE: tuple[str, ...] = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    "#CC6677", "#332288", "#DDCC77", "#117733", "#882255", "#44AA99", "#999933", "#AA4499",
    "#77AADD", "#EE8866", "#FFAABB", "#BBCC33", "#AAAA00", "#99DDFF", "#661100", "#6699CC", "#888888",
)
NO_ACTOR = "#dddddd"  # spans with no resolved actor or speaker
MISSING = "–"
SHADE_ALPHA = 0.45  # highlighted text sits on a tint of the actor's colour, so dark colours stay readable


class Html(str):
    """A string that Jupyter renders as HTML (and prints as its source elsewhere)."""

    def _repr_html_(self) -> str:
        return str(self)


def actor_colours(mentions: pd.DataFrame | Iterable[str], others: Iterable[str] = ()) -> dict[str, str]:
    """One colour per actor name, the same in every notebook and figure of an article.

    Given the article's mentions table, actors take :data:`PALETTE` in order of how often they are
    mentioned (ties by name), so the main actors get the colour-blind-safe colours; given names, in
    the order given. ``others`` (e.g. speakers the mentions layer did not resolve) come after, sorted.
    Past the palette's length colours repeat.
    """
    if isinstance(mentions, pd.DataFrame):
        actors = mentions["actor"].dropna().astype(str)
        counts = actors.value_counts()
        names = sorted(counts.index, key=lambda name: (-counts[name], name))
    else:
        names = [str(name) for name in mentions if not pd.isna(name)]
    rest = sorted({str(name) for name in others if not pd.isna(name)} - set(names))
    ordered = list(dict.fromkeys([*names, *rest]))
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(ordered)}


def tint(colour: str, alpha: float = SHADE_ALPHA) -> str:
    """``colour`` as a CSS rgba() with ``alpha``: a background text can be read on."""
    r, g, b = (round(255 * c) for c in to_rgb(colour))
    return f"rgba({r},{g},{b},{alpha})"


def table(frame: pd.DataFrame, empty: str) -> Html:
    """``frame`` for reading: text columns left-aligned, missing values as "–", and, when it has no
    rows, the sentence ``empty`` (what is empty and why) instead of pandas' "Empty DataFrame".

    The plain-text form (what nbval compares beside the HTML) shows the same cells.
    """
    if frame.empty:
        return _Table(f'<p style="font-style:italic">{html.escape(empty)}</p>', empty)
    shown = frame.astype(object).where(frame.notna(), MISSING)
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c]) or frame[c].dtype == bool]
    uuid = hashlib.sha1(shown.to_csv().encode("utf-8")).hexdigest()[:10]  # stable: reruns give the same HTML
    styler = shown.style.set_uuid(uuid).format(str)
    left = [{"selector": "td", "props": "text-align: left"}, {"selector": "th", "props": "text-align: left"}]
    styler = styler.set_table_styles({c: left for c in text_columns})
    with pd.option_context("display.max_rows", None, "display.width", 160):
        plain = shown.to_string()
    return _Table(styler.to_html(), plain)


class _Table(Html):
    """HTML for notebooks with its own plain-text form."""

    def __new__(cls, markup: str, plain: str) -> _Table:
        self = super().__new__(cls, markup)
        self.plain = plain
        return self

    def __repr__(self) -> str:
        return self.plain


def highlight(
    article: Article | str,
    spans: pd.DataFrame,
    label: str,
    marks: pd.DataFrame | None = None,
    mark_columns: tuple[str, str] = ("start", "end"),
    parts: Iterable[str] | None = None,
    colours: Mapping[str, str] | None = None,
) -> Html:
    """The article text with ``spans`` shaded by their ``label`` column and ``marks`` in bold underline.

    ``colours`` maps labels to colours (:func:`actor_colours`, so an actor looks the same in every
    notebook); labels it lacks, and spans with no label, are grey. Spans of one layer should not
    overlap (a later one is clipped to where the earlier ends). ``marks`` (e.g. quote cues) may cross
    span boundaries. ``parts`` limits the text shown to those part kinds.
    """
    article = load_article(article)
    text = article.text
    labels = [str(name) for name in spans[label].dropna().unique()] if len(spans) else []
    colours = actor_colours(sorted(labels)) if colours is None else dict(colours)
    present = set(labels)
    shown_colours = {name: tint(colour) for name, colour in colours.items() if name in present}
    shown_colours |= {name: NO_ACTOR for name in sorted(present - shown_colours.keys())}
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
    paragraphs = [_render_range(text, s, e, shade, bold, shown_colours) for s, e in shown]
    body = "".join(f'<p style="margin:0 0 0.6em">{p}</p>' for p in paragraphs)
    legend = " ".join(
        f'<span style="background:{c};padding:0 0.3em;margin-right:0.4em">{html.escape(n)}</span>'
        for n, c in shown_colours.items()
    )
    if any(name == "" for name in shade):
        legend += f' <span style="background:{NO_ACTOR};padding:0 0.3em">none</span>'
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
            colour = colours.get(shade[i], NO_ACTOR)
            chunk = f'<span style="background:{colour}" title="{html.escape(shade[i] or "none")}">{chunk}</span>'
        out.append(chunk)
        i = j
    return "".join(out)


# ---- computed prose: what a notebook says about *its* article, so another article gets no claims about the seed


class Markdown(str):
    """A string that Jupyter renders as Markdown (and prints as its source elsewhere)."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def _listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else "none"


def describe_parts(article: Article) -> str:
    """The article's make-up in one sentence: headline, key points, photo, body paragraphs, embeds."""
    kinds = pd.Series([p.kind for p in article.parts]).value_counts()
    pieces = []
    if article.headline:
        pieces.append("a headline")
    if kinds.get("key_point", 0):
        pieces.append(_count(int(kinds["key_point"]), "key point"))
    if article.caption:
        pieces.append("a photo caption" + (" with its credit" if article.credit else ""))
    pieces.append(_count(int(kinds.get("body", 0)), "body paragraph"))
    if article.embeds:
        pieces.append(_count(len(article.embeds), "embed") + f" ({', '.join(sorted(set(article.embeds)))})")
    return f"The article has {_listing(pieces)}: {_count(len(article.sentences), 'sentence')}, {len(article.text):,} characters."


def describe_mentions(article: Article, mentions: pd.DataFrame, top: int = 4) -> Markdown:
    """Who the article mentions most, how (the commonest kind of mention) and in how many sentences."""
    resolved = mentions.dropna(subset=["actor"])
    if resolved.empty:
        return Markdown(f"{describe_parts(article)} No actor mention was found in it.")
    n_sentences = len(article.sentences)
    lines = []
    counts = resolved["actor"].value_counts()
    ranked = sorted(counts.index, key=lambda name: (-counts[name], name))
    for actor in ranked[:top]:
        own = resolved[resolved["actor"] == actor]
        kind = own["mention_kind"].value_counts()
        how = f"mostly by {kind.index[0]}" if kind.iloc[0] > len(own) / 2 else "by " + _listing(list(kind.index))
        lines.append(f"- **{actor}**: {_count(len(own), 'mention')}, {how}, in {own['sent_id'].nunique()} of "
                     f"{n_sentences} sentences, from {own['start'].min() / len(article.text):.0%} to "
                     f"{own['start'].max() / len(article.text):.0%} of the text")
    rare = [actor for actor in ranked[top:] if counts[actor] <= 2]
    tail = f"Mentioned only once or twice: {_listing(rare)}." if rare else ""
    return Markdown(
        f"{describe_parts(article)} It mentions {_count(len(counts), 'actor')} {len(resolved)} times in all; "
        f"the most present:\n\n" + "\n".join(lines) + f"\n\n{tail}"
    )


def describe_stance(statements: pd.DataFrame, comparison: pd.DataFrame, article_holder: str, top: int = 3) -> Markdown:
    """Who is for and against the most discussed targets, and how often sentence sentiment agrees.

    ``comparison`` is :func:`hwresearch.stance.sentence_comparison`'s table; ``article_holder`` the
    holder name of the article's own voice, which takes no side.
    """
    if statements.empty:
        return Markdown("No stance statement was found in this article, so there is nothing to compare sentiment with.")
    own = int((statements["holder"] == article_holder).sum())
    lines = []
    stakeholders = statements[statements["holder"] != article_holder]
    for target, group in sorted(stakeholders.groupby("target"), key=lambda item: (-len(item[1]), item[0]))[:top]:
        sides = [f"{side}: {_listing(sorted(group.loc[group['polarity'] == side, 'holder'].unique()))}"
                 for side in ("favor", "against", "neutral") if (group["polarity"] == side).any()]
        lines.append(f"- **{target}** ({_count(len(group), 'statement')}): " + "; ".join(sides))
    with_stance = comparison["stance"].isin(["favor", "against", "neutral"])
    from hwresearch.stance import SENTIMENT_TO_POLARITY

    agree = {name: int(((comparison[column].map(SENTIMENT_TO_POLARITY) == comparison["stance"]) & with_stance).sum())
             for name, column in (("VADER", "vader"), ("target sentiment", "target_sentiment"))}
    return Markdown(
        f"{_count(len(statements), 'statement')} in {statements['sent_id'].nunique()} sentences, {own} of them in the "
        f"article's own voice. The most discussed targets, with who is on which side:\n\n" + "\n".join(lines)
        + f"\n\nOf the {int(with_stance.sum())} sentences with a stance on their target, VADER's sign matches it in "
        f"{agree['VADER']} and target sentiment in {agree['target sentiment']}."
    )


def describe_quotes(quotes: pd.DataFrame, voices: pd.DataFrame, baseline: pd.DataFrame, no_source: str) -> Markdown:
    """Who gets a voice and how: attributions by kind, the most quoted speakers, those heard only in
    paraphrase, against what a quote-marks-only count would find. ``voices`` is ``quotes_per_speaker``."""
    if quotes.empty:
        return Markdown(f"No attribution was found in this article; the quote-marks baseline finds {_count(len(baseline), 'passage')}.")
    kinds = quotes["kind"].value_counts()
    named = voices[voices.index != no_source]
    most = [f"{speaker} ({int(row['total'])})" for speaker, row in named.head(3).iterrows()]
    paraphrase = named[named["direct"] == 0].index.tolist()
    return Markdown(
        f"{_count(len(quotes), 'attribution')}: " + ", ".join(f"{int(kinds.get(k, 0))} {k}" for k in ("direct", "mixed", "indirect"))
        + f". {_count(len(named), 'speaker')} {'is' if len(named) == 1 else 'are'} heard"
        + (f"; the most often: {_listing(most)}. " if most else ". ")
        + (f"Heard only in paraphrase or mixed quotes, so missed by a count of quote marks: {_listing(paraphrase)}. "
           if paraphrase else "Every speaker is quoted directly at least once. ")
        + f"A quote-marks-only count finds {_count(len(baseline), 'passage')} and names no speaker."
    )


def describe_positions(positions: pd.DataFrame, groups: pd.DataFrame, summary: pd.DataFrame) -> Markdown:
    """The camps the positions form: coalitions, their members, and how much of the network is conflict.

    ``groups`` comes from ``coalitions``, ``summary`` from ``polarization`` (one row per level).
    """
    if positions.empty:
        return Markdown("No stakeholder takes a position in this article, so there are no camps to draw.")
    camps = [f"{_count(len(members), 'member')}: {_listing(sorted(members))}"
             for _, members in groups.groupby("coalition")["actor"]]
    person = summary.iloc[0]
    contested = positions.groupby("target")["position"].agg(lambda p: {"favor", "against"} <= set(p) or "mixed" in set(p))
    disputed = sorted(contested[contested].index)
    return Markdown(
        f"{_count(len(positions), 'position')} of {_count(positions['actor'].nunique(), 'actor')} on "
        f"{_count(positions['target'].nunique(), 'target')}. "
        + (f"The coalition split gives {_count(len(camps), 'camp')}: " + "; ".join(camps) + ". " if camps else "")
        + f"Conflict is {person['conflict_share']:.0%} of the ties between actors (modularity {person['modularity']:.2f}). "
        + (f"Targets with actors on both sides: {_listing(disputed)}." if disputed else "No target has actors on both sides.")
    )


def tokens(span: Span) -> pd.DataFrame:
    """The words of a Doc span as the parse reads them: lemma, UPOS, Penn tag, dependency and head."""
    rows = [
        {"i": t.i, "token": t.text, "lemma": t.lemma_, "upos": t.pos_, "tag": t.tag_, "dep": dep(t), "head": t.head.text}
        for t in span
        if not t.is_space
    ]
    return pd.DataFrame(rows, columns=["i", "token", "lemma", "upos", "tag", "dep", "head"])


def is_seed(article: Article) -> bool:
    """Whether ``article`` is the bundled seed: its gold and the study's reading of it apply only then."""
    return article.text == load_article().text


def seed_note(article: Article, text: str) -> Markdown:
    """The study's own reading of the seed, shown only for the seed; another article gets one line
    saying it was left out, rather than claims about a text it is not."""
    if is_seed(article):
        return Markdown(text.strip())
    return Markdown("*The study's reading of the seed article is shown for the seed only.*")
