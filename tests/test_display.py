"""Colours, tables and computed prose for the notebooks: one colour per actor across figures and
notebooks, fixed colours per kind, missing values and empty tables said plainly, no seed claims elsewhere."""

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from hwresearch import Codebook, display, extract_mentions, extract_quotes, load_article, plots

matplotlib.use("Agg")  # tests only: the package itself never picks a backend

FICTIONAL = Path(__file__).resolve().parent / "data" / "lakeshore_water.txt"
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]


def test_palette_has_twenty_distinct_colours_colour_blind_safe_first():
    assert len(display.PALETTE) >= 20
    assert [c.upper() for c in display.PALETTE[: len(OKABE_ITO)]] == OKABE_ITO
    rgb = [to_rgb(c) for c in display.PALETTE]
    closest = min(sum((a - b) ** 2 for a, b in zip(x, y)) ** 0.5 for i, x in enumerate(rgb) for y in rgb[i + 1 :])
    assert closest > 0.08, "two palette colours are nearly the same"
    assert display.NO_ACTOR not in display.PALETTE


def test_actor_colours_rank_by_mentions_and_do_not_repeat_for_the_seed(seed):
    mentions = seed.mentions
    colours = display.actor_colours(mentions)
    assert list(colours)[0] == mentions["actor"].value_counts().index[0]
    assert len(set(colours.values())) == len(colours) == mentions["actor"].nunique()
    assert colours["Ren Zhengfei"] != colours["American firms"]  # they shared one when the palette had 10
    # The same mapping whatever the row order, so every notebook of an article gets the same colours.
    assert display.actor_colours(mentions.sample(frac=1, random_state=1)) == colours


def test_an_actor_has_one_colour_in_the_mentions_and_the_quotes_highlight(seed):
    colours = display.actor_colours(seed.mentions)
    quotes = extract_quotes(seed)
    shaded = {
        "mentions": display.highlight(seed, seed.mentions, "actor", colours=colours),
        "quotes": display.highlight(seed, quotes, "speaker", colours=colours),
    }
    expected = display.tint(colours["Ren Zhengfei"])
    for name, page in shaded.items():
        spans = re.findall(r'background:([^"]+)" title="Ren Zhengfei"', page)
        assert spans and set(spans) == {expected}, name


def test_highlight_without_a_mapping_gives_every_label_its_own_colour():
    labels = [f"Actor {i}" for i in range(15)]
    text = " ".join(labels)
    starts = [text.index(label) for label in labels]
    spans = pd.DataFrame({"start": starts, "end": [s + len(l) for s, l in zip(starts, labels)], "who": labels})
    page = display.highlight(text, spans, "who")
    backgrounds = {name: colour for colour, name in re.findall(r'background:([^"]+)" title="([^"]+)"', page)}
    assert len(set(backgrounds.values())) == 15


def figure_colours(fig) -> dict[str, tuple]:
    """Legend label -> colour of its handle."""
    legend = fig.axes[0].get_legend()
    out = {}
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        colour = handle.get_facecolor() if hasattr(handle, "get_facecolor") else handle.get_color()
        colour = colour[0] if hasattr(colour, "ndim") and colour.ndim == 2 else colour
        out[text.get_text()] = tuple(round(float(c), 3) for c in to_rgb(colour))
    return out


def test_a_mention_kind_has_one_colour_in_both_figures_of_notebook_00(seed):
    bars = figure_colours(plots.plot_mentions_per_actor(seed.mentions))
    strip = figure_colours(plots.plot_mention_positions(seed, seed.mentions))
    assert bars.keys() == strip.keys() == {"name", "title", "pronoun", "description", "metonymy"}
    assert bars == strip
    for kind, colour in bars.items():
        assert colour == tuple(round(c, 3) for c in to_rgb(plots.MENTION_KIND_COLOURS[kind]))


def test_a_figure_that_keeps_the_top_n_says_so(seed):
    n_actors = seed.mentions["actor"].nunique()
    title = plots.plot_mention_positions(seed, seed.mentions, top=3).axes[0].get_title()
    assert f"3 most mentioned of {n_actors}" in title
    assert "most mentioned" not in plots.plot_mention_positions(seed, seed.mentions, top=100).axes[0].get_title()


def test_actor_labels_in_a_bar_chart_carry_the_actor_colour(seed):
    colours = display.actor_colours(seed.mentions)
    fig = plots.plot_mentions_per_actor(seed.mentions, colours)
    for label in fig.axes[0].get_yticklabels():
        face = label.get_bbox_patch().get_facecolor()
        assert tuple(round(c, 3) for c in face[:3]) == tuple(round(c, 3) for c in to_rgb(colours[label.get_text()]))


def test_table_shows_missing_values_as_a_dash_and_text_left_aligned():
    frame = pd.DataFrame({
        "speaker": pd.array(["Jane Roe", pd.NA], dtype="string"),
        "start": pd.array([3, pd.NA], dtype="Int64"),
        "score": [0.5, float("nan")],
    })
    shown = display.table(frame, empty="unused")
    for form in (str(shown), repr(shown)):
        assert "–" in form and "NaN" not in form and "<NA>" not in form and "nan" not in form
    assert re.search(r"td\.col0 \{\s*text-align: left", str(shown))
    assert "td.col1" not in str(shown)  # numbers stay right-aligned


def test_an_empty_table_says_what_is_empty_and_why():
    shown = display.table(pd.DataFrame(columns=["a", "b"]), empty="No gold for this article: the seed only.")
    assert "Empty DataFrame" not in repr(shown) and "Empty DataFrame" not in str(shown)
    assert repr(shown) == "No gold for this article: the seed only." and "No gold for this article" in str(shown)


def test_table_html_is_the_same_on_every_run():
    frame = pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})
    assert str(display.table(frame, empty="")) == str(display.table(frame.copy(), empty=""))


def test_computed_prose_speaks_of_the_article_given(seed):
    article = load_article(FICTIONAL)
    mentions = extract_mentions(article, Codebook.empty())
    text = display.describe_mentions(article, mentions)
    assert "Norrland Water" in text and "Huawei" not in text
    assert "2 key points" in text and "5 body paragraphs" in text
    assert "Huawei" in display.describe_mentions(seed, seed.mentions)


def test_the_seed_reading_is_shown_for_the_seed_only(seed):
    assert display.is_seed(seed) and not display.is_seed(load_article(FICTIONAL))
    assert display.seed_note(seed, "Huawei is the centre.") == "Huawei is the centre."
    assert "Huawei" not in display.seed_note(load_article(FICTIONAL), "Huawei is the centre.")


@pytest.mark.parametrize("describe", ["quotes", "positions", "stance"])
def test_computed_prose_says_when_there_is_nothing(describe):
    empty = pd.DataFrame(columns=["holder", "target", "polarity", "sent_id", "kind", "actor", "position"])
    if describe == "quotes":
        text = display.describe_quotes(empty, empty, empty, plots.NO_SOURCE)
    elif describe == "positions":
        text = display.describe_positions(empty, empty, empty)
    else:
        text = display.describe_stance(empty, empty, "(article)")
    assert text.startswith("No ")
