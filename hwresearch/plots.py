"""Seaborn figures for the notebooks, and ``save_figure`` to write them reproducibly.

Each plot function takes a stage's DataFrame and returns the matplotlib Figure; the notebooks show
the data behind every figure as a table too, since nbval compares text and not images.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from hwresearch.article import Article

FIGURE_DIR = Path("reports") / "figures"


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


def plot_mentions_per_actor(mentions: pd.DataFrame) -> Figure:
    """Stacked bars: how often each actor is mentioned, by the kind of mention."""
    counts = mentions_per_actor(mentions).drop(columns="total")
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(counts) + 1.2))
    left = pd.Series(0, index=counts.index)
    colours = sns.color_palette("deep", n_colors=len(counts.columns))
    for colour, kind in zip(colours, counts.columns):
        ax.barh(counts.index, counts[kind], left=left, color=colour, label=kind)
        left = left + counts[kind]
    ax.invert_yaxis()
    ax.set_xlabel("mentions")
    ax.set_ylabel("")
    ax.legend(title="kind of mention", loc="lower right", frameon=True)
    ax.set_title("Who the article mentions")
    fig.tight_layout()
    return fig


def plot_mention_positions(article: Article, mentions: pd.DataFrame, top: int = 8) -> Figure:
    """A strip plot of where each actor's mentions fall along the article (share of the text)."""
    resolved = mentions.dropna(subset=["actor"])
    order = mentions_per_actor(resolved).index[:top].tolist()
    data = resolved[resolved["actor"].isin(order)].assign(position=lambda d: d["start"] / len(article.text))
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(order) + 1.2))
    sns.stripplot(data=data, x="position", y="actor", order=order, hue="mention_kind", jitter=0.15, size=6, ax=ax)
    for part in article.parts:
        if part.kind == "body":
            ax.axvline(part.start / len(article.text), color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of characters; grey lines start body paragraphs)")
    ax.set_ylabel("")
    ax.set_title("Where the actors appear")
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
