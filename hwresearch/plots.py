"""Seaborn figures for the notebooks, and ``save_figure`` to write them reproducibly.

Each plot function takes a stage's DataFrame and returns the matplotlib Figure; the notebooks show
the data behind every figure as a table too, since nbval compares text and not images.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import seaborn as sns
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from hwresearch.article import Article
from hwresearch.display import NO_ACTOR, SHADE_ALPHA, actor_colours
from hwresearch.networks import to_graph
from hwresearch.positions import position_matrix

FIGURE_DIR = Path("reports") / "figures"
# One fixed colour per kind of mention and of quote (Paul Tol's colour-blind-safe "bright" scheme), so a
# kind looks the same in every figure whatever kinds a given article has.
MENTION_KIND_COLOURS = {
    "name": "#4477AA", "title": "#66CCEE", "pronoun": "#228833", "description": "#CCBB44", "metonymy": "#EE6677",
}
QUOTE_KIND_COLOURS = {"direct": "#4477AA", "mixed": "#AA3377", "indirect": "#CCBB44"}


def set_theme() -> None:
    """One look for every figure of the project."""
    sns.set_theme(context="notebook", style="whitegrid", palette="deep")


def save_figure(fig: Figure, name: str, directory: str | Path = FIGURE_DIR) -> Path:
    """Write ``fig`` as ``directory/name.png`` with no timestamp, so reruns give the same bytes."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    fig.savefig(path, dpi=120, bbox_inches="tight", metadata={"Software": None})
    return path


def mentions_per_actor(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions counted per actor and kind, most mentioned actor first (the data behind the bar chart)."""
    resolved = mentions.dropna(subset=["actor"])
    counts = resolved.pivot_table(index="actor", columns="mention_kind", values="start", aggfunc="count", fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.sort_values(["total"], ascending=False, kind="stable")
    counts.columns.name = None
    return counts.astype("int64")


def mark_actors(ax: plt.Axes, colours: Mapping[str, str]) -> None:
    """Set each actor's y tick label on its colour tint (as in the highlighted text): the legend of actors;
    a label without a colour (no stated source) sits on grey."""
    for label in ax.get_yticklabels():
        colour = colours.get(label.get_text())
        face = to_rgba(colour, SHADE_ALPHA) if colour else NO_ACTOR
        label.set_bbox({"facecolor": face, "edgecolor": "none", "pad": 1.5})


def plot_mentions_per_actor(mentions: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Stacked bars: how often each actor is mentioned, by the kind of mention (each kind its fixed
    colour); actor labels on their colour from ``colours`` (default: :func:`actor_colours` of ``mentions``)."""
    counts = mentions_per_actor(mentions).drop(columns="total")
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(counts) + 1.2))
    left = pd.Series(0, index=counts.index)
    for kind in [k for k in MENTION_KIND_COLOURS if k in counts.columns]:
        ax.barh(counts.index, counts[kind], left=left, color=MENTION_KIND_COLOURS[kind], label=kind)
        left = left + counts[kind]
    ax.invert_yaxis()
    mark_actors(ax, actor_colours(mentions) if colours is None else colours)
    ax.set_xlabel("mentions")
    ax.set_ylabel("")
    ax.legend(title="kind of mention", loc="lower right", frameon=True)
    ax.set_title("Who the article mentions")
    fig.tight_layout()
    return fig


def plot_mention_positions(
    article: Article, mentions: pd.DataFrame, top: int = 8, colours: Mapping[str, str] | None = None
) -> Figure:
    """A strip plot of where the ``top`` most mentioned actors' mentions fall along the article (share
    of the text); the title says when actors were left out.

    No jitter: seaborn draws it from the unseeded global random state, and reruns must give the same figure.
    """
    resolved = mentions.dropna(subset=["actor"])
    ranked = mentions_per_actor(resolved).index.tolist()
    order = ranked[:top]
    data = resolved[resolved["actor"].isin(order)].assign(position=lambda d: d["start"] / len(article.text))
    kinds = [k for k in MENTION_KIND_COLOURS if k in set(data["mention_kind"])]
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(order) + 1.2))
    sns.stripplot(data=data, x="position", y="actor", order=order, hue="mention_kind", hue_order=kinds,
                  palette=MENTION_KIND_COLOURS, jitter=False, size=6, alpha=0.8, ax=ax)
    mark_actors(ax, actor_colours(mentions) if colours is None else colours)
    for part in article.parts:
        if part.kind == "body":
            ax.axvline(part.start / len(article.text), color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of characters; grey lines start body paragraphs)")
    ax.set_ylabel("")
    shown = f"the {len(order)} most mentioned of {len(ranked)} actors" if len(ranked) > len(order) else "the actors"
    ax.set_title(f"Where {shown} appear")
    ax.legend(title="kind", loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.tight_layout()
    return fig


SIGN = {"positive": 1, "favor": 1, "neutral": 0, "negative": -1, "against": -1}


def sentiment_stance_grid(comparison: pd.DataFrame) -> pd.DataFrame:
    """Sentence x reading (VADER, target sentiment, stance) as -1 / 0 / +1, empty where there is none.

    ``comparison`` is :func:`hwresearch.stance.sentence_comparison`'s table; this is the data behind
    :func:`plot_sentiment_vs_stance`.
    """
    grid = pd.DataFrame(
        {
            "VADER": comparison["vader"].map(SIGN),
            "target sentiment": comparison["target_sentiment"].map(SIGN),
            "stance": comparison["stance"].map(SIGN),
        }
    ).astype("Int64")
    grid.index = comparison["sent_id"].rename("sentence")
    return grid


def plot_sentiment_vs_stance(comparison: pd.DataFrame) -> Figure:
    """A sentence-by-sentence strip: VADER, target sentiment and stance side by side (blank: no reading)."""
    grid = sentiment_stance_grid(comparison).astype("float64").T
    fig, ax = plt.subplots(figsize=(0.38 * grid.shape[1] + 2.5, 2.4))
    sns.heatmap(grid, cmap="RdBu", vmin=-1.4, vmax=1.4, center=0, linewidths=0.6, linecolor="white",
                cbar=False, annot=grid.replace({1.0: "+", -1.0: "−", 0.0: "0"}), fmt="", ax=ax)
    ax.set_xlabel("sentence")
    ax.set_ylabel("")
    ax.set_title("Sentiment is not stance: + favor / positive, − against / negative, 0 neutral, blank none")
    ax.tick_params(axis="y", rotation=0)
    fig.tight_layout()
    return fig


# ---- stakeholder positions (notebook 03) --------------------------------------------------------------

POSITION_COLOURS = {"favor": "#2f6fad", "against": "#b5403a", "neutral": "#9a9a9a", "mixed": "#8e6bb0"}


def plot_position_heatmap(positions: pd.DataFrame) -> Figure:
    """Actor x target heatmap of the signed score, each cell annotated with its number of statements;
    blank cells have none. The data is ``position_matrix(positions)``.

    The diverging palette spans -1 to 1, so 0 sits at its centre (seaborn's ``center`` would do the
    same but goes through a matplotlib call that now warns).
    """
    scores = position_matrix(positions, "score").astype(float)
    counts = position_matrix(positions, "n")
    labels = counts.map(lambda n: "" if pd.isna(n) else f"{int(n)}")
    fig, ax = plt.subplots(figsize=(0.9 * len(scores.columns) + 3, 0.45 * len(scores) + 1.8))
    sns.heatmap(
        scores, cmap="vlag_r", vmin=-1, vmax=1, annot=labels, fmt="", linewidths=0.5,
        linecolor="white", cbar_kws={"label": "score (-1 against, +1 favor)"}, ax=ax,
    )
    ax.set_xticklabels(ax.get_xticklabels(), rotation=35, ha="right")
    ax.set_xlabel("target (numbers: statements)")
    ax.set_ylabel("")
    ax.set_title("Who holds which position")
    fig.tight_layout()
    return fig


def plot_position_network(graph: nx.Graph, colours: Mapping[str, str] | None = None) -> Figure:
    """The bipartite actor-target graph of ``position_graph``: actors left (each in its colour from
    ``colours``, default :func:`actor_colours` of the actors), targets right, edges coloured by position
    and as wide as their number of statements. The layout has no randomness."""
    actors = sorted(n for n, kind in graph.nodes(data="kind") if kind == "actor")
    targets = sorted(n for n, kind in graph.nodes(data="kind") if kind == "target")
    place = {node: (0.0, -i / max(len(actors) - 1, 1)) for i, node in enumerate(actors)}
    place |= {node: (1.0, -i / max(len(targets) - 1, 1)) for i, node in enumerate(targets)}
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(actors), len(targets)) + 1.5))
    for u, v, data in graph.edges(data=True):
        (x0, y0), (x1, y1) = place[u], place[v]
        ax.plot([x0, x1], [y0, y1], color=POSITION_COLOURS[data["position"]], linewidth=0.8 + 0.8 * data["n"], alpha=0.8)
    labels = dict(graph.nodes(data="label"))
    colours = actor_colours([labels[n] for n in actors]) if colours is None else colours
    for nodes, x, align in ((actors, 0.0, "right"), (targets, 1.0, "left")):
        fill = [colours.get(labels[n], NO_ACTOR if x == 0.0 else "#333333") for n in nodes]  # an entity target too
        ax.scatter([x] * len(nodes), [place[n][1] for n in nodes], s=60, color=fill, edgecolors="#333333", zorder=3)
        for node in nodes:
            ax.annotate(graph.nodes[node]["label"], place[node], xytext=(-8 if align == "right" else 8, 0),
                        textcoords="offset points", ha=align, va="center", fontsize=9)
    handles = [plt.Line2D([], [], color=c, linewidth=2, label=p) for p, c in POSITION_COLOURS.items()]
    ax.legend(handles=handles, title="position", loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False)
    ax.set_xlim(-0.9, 1.9)
    ax.set_axis_off()
    ax.set_title("Actors and the targets they take positions on")
    fig.tight_layout()
    return fig


def plot_actor_network(network: pd.DataFrame, groups: pd.DataFrame | None = None) -> Figure:
    """A signed one-mode network (``one_mode(..., "subtract")``): congruence ties solid blue, conflict
    ties dashed red, width by weight relative to the strongest tie; nodes coloured by coalition when ``groups`` (from
    ``coalitions``) is given. Actors sit on a circle, coalition by coalition: a layout without
    randomness, so reruns draw the same picture and no two nodes overlap."""
    graph = to_graph(network)
    coalition = {} if groups is None else dict(zip(groups["actor"], groups["coalition"]))
    order = sorted(graph.nodes, key=lambda n: (coalition.get(n, len(coalition) + 1), n))
    place = nx.circular_layout(order)
    palette = sns.color_palette("pastel", n_colors=max(len(set(coalition.values())), 1))
    colours = [palette[(coalition[n] - 1) % len(palette)] if n in coalition else "#dddddd" for n in order]
    strongest = max((abs(w) for _, _, w in graph.edges(data="weight")), default=1.0)
    fig, ax = plt.subplots(figsize=(7, 5.5))
    for sign, colour, style in ((1, POSITION_COLOURS["favor"], "solid"), (-1, POSITION_COLOURS["against"], "dashed")):
        edges = [(u, v) for u, v, s in graph.edges(data="sign") if s == sign]
        widths = [1 + 5 * abs(graph.edges[e]["weight"]) / strongest for e in edges]
        nx.draw_networkx_edges(graph, place, edgelist=edges, width=widths, edge_color=colour, style=style, ax=ax)
    nx.draw_networkx_nodes(graph, place, nodelist=order, node_color=colours, node_size=300, edgecolors="#555555", ax=ax)
    for node, (x, y) in place.items():
        ax.annotate(node, (x, y), xytext=(10 if x >= 0 else -10, 8), textcoords="offset points",
                    ha="left" if x >= 0 else "right", fontsize=9)
    handles = [
        plt.Line2D([], [], color=POSITION_COLOURS["favor"], label="congruence > conflict"),
        plt.Line2D([], [], color=POSITION_COLOURS["against"], linestyle="dashed", label="conflict > congruence"),
    ]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    ax.margins(0.35, 0.15)
    ax.set_axis_off()
    ax.set_title("Who agrees with whom (congruence minus conflict)")
    fig.tight_layout()
    return fig


# ---- quote attribution (notebook 02) ------------------------------------------------------------------

QUOTE_KINDS = ("direct", "mixed", "indirect")
NO_SOURCE = "(no stated source)"


def quotes_per_speaker(quotes: pd.DataFrame) -> pd.DataFrame:
    """Attributions counted per speaker and kind, most quoted first (the data behind the bar chart).

    Attributions without a stated source (passives such as "are seen as") count under ``NO_SOURCE``.
    """
    speakers = quotes["speaker"].astype("object").where(quotes["speaker"].notna(), NO_SOURCE)
    counts = pd.crosstab(speakers.rename("speaker"), quotes["kind"])
    counts = counts.reindex(columns=list(QUOTE_KINDS), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.sort_values("total", ascending=False, kind="stable")
    counts.columns.name = None
    return counts.astype("int64")


def plot_quotes_per_speaker(quotes: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Bars per speaker, one per kind of quote: who gets a voice, in their own words or in paraphrase.
    Speaker labels sit on their colour from ``colours`` (default: :func:`actor_colours` of the speakers)."""
    counts = quotes_per_speaker(quotes).drop(columns="total")
    long = counts.reset_index().melt(id_vars="speaker", var_name="kind", value_name="attributions")
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(counts) + 1.4))
    sns.barplot(data=long, y="speaker", x="attributions", hue="kind", hue_order=list(QUOTE_KINDS),
                order=counts.index.tolist(), orient="h", palette=QUOTE_KIND_COLOURS, ax=ax)
    mark_actors(ax, actor_colours(counts.index.drop(NO_SOURCE, errors="ignore")) if colours is None else colours)
    ax.set_xlabel("attributions")
    ax.set_ylabel("")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="kind", loc="lower right", frameon=True)
    ax.set_title("Who gets a voice: direct, mixed and indirect quotes")
    fig.tight_layout()
    return fig


def plot_polnear_figures(figures: pd.DataFrame) -> Figure:
    """Grouped bars per system: who-said-what F1 and recall on direct, mixed and indirect speech.

    ``figures`` is :func:`hwresearch.evaluate.polnear_figures`'s table; a missing figure leaves a gap.
    """
    measures = {"f1": "F1", "direct": "recall direct", "mixed": "recall mixed", "indirect": "recall indirect"}
    long = figures.melt(id_vars="system", value_vars=list(measures), var_name="measure", value_name="percent")
    long = long.dropna(subset=["percent"]).assign(measure=lambda d: d["measure"].map(measures),
                                                  percent=lambda d: d["percent"].astype("float64"))
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(figures) + 1.6))
    sns.barplot(data=long, y="system", x="percent", hue="measure", hue_order=list(measures.values()),
                order=figures["system"].tolist(), orient="h", ax=ax)
    ax.set_xlim(0, 100)
    ax.set_xlabel("who said what, % (PolNeAR dev)")
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right", frameon=True, fontsize=8)
    ax.set_title("Quote attribution on PolNeAR dev: this package beside published systems")
    fig.tight_layout()
    return fig
