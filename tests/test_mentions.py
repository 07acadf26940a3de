"""Actor mentions, measured against a gold annotation of the seed written by reading the article.

The gold (tests/gold/seed_mentions.csv) names each mention by its surface text and which occurrence
of that text it is, so offsets follow from ``str.find``; it was written before the extractor.
"""

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import alarm_after

from hwresearch import Codebook, InputError, extract_mentions, load_article
from hwresearch.codebook import ACTOR_TYPES
from hwresearch.mentions import COLUMNS, MENTION_KINDS

GOLD = Path(__file__).parent / "gold" / "seed_mentions.csv"
# Measured on the seed: precision 0.98 (64 of 65; the one extra is "Officials from President Donald
# Trump's administration" read as the administration, which the gold leaves out), recall 1.00 (64 of
# 64). The rules were developed with the seed in view, so these are in-sample figures. The floors
# leave room for rule changes made for other articles, not for the seed to go wrong.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.95

# Written for these tests: unknown people and organisations, read with an empty codebook.
SHORT_ARTICLE = """Ohio senator vows to fight Acme merger

Senator Jane Doe of Ohio said on Monday that she would try to block the merger that Acme Corp. announced last week. Doe added that she had written to the company twice.

The company, Acme Corp., declined to comment. Its chief executive, John Smith, told the Springfield Times that he expected the deal to close.

Beijing warned that it would retaliate against Washington.
"""


def gold_mentions(text: str) -> list[dict]:
    rows = []
    with GOLD.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            position = -1
            for _ in range(int(row["occurrence"])):
                position = text.find(row["text"], position + 1)
                assert position >= 0, row
            rows.append({**row, "start": position, "end": position + len(row["text"])})
    return rows


@pytest.fixture(scope="module")
def seed_mentions(seed):
    return extract_mentions(seed)


@pytest.fixture(scope="module")
def short_mentions():
    return extract_mentions(SHORT_ARTICLE, Codebook.empty())


def mention(frame: pd.DataFrame, surface: str, occurrence: int = 1, text: str | None = None) -> pd.Series:
    """The row whose span is the given occurrence of ``surface`` in the text."""
    text = text if text is not None else load_article().text
    position = -1
    for _ in range(occurrence):
        position = text.find(surface, position + 1)
    hit = frame[(frame["start"] == position) & (frame["end"] == position + len(surface))]
    assert len(hit) == 1, f"no mention {surface!r} #{occurrence} at {position}; rows near it:\n" + frame[
        (frame["start"] > position - 40) & (frame["start"] < position + 40)
    ].to_string()
    return hit.iloc[0]


# ---- against the gold ---------------------------------------------------------------------------------


def test_gold_is_well_formed(seed):
    gold = gold_mentions(seed.text)
    assert len(gold) == 64
    assert {g["mention_kind"] for g in gold} == {"name", "title", "pronoun", "description", "metonymy"}
    spans = sorted((g["start"], g["end"]) for g in gold)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_precision_and_recall_against_gold(seed, seed_mentions):
    gold = {(g["start"], g["end"], g["actor"]) for g in gold_mentions(seed.text)}
    found = set(zip(seed_mentions["start"], seed_mentions["end"], seed_mentions["actor"].fillna("")))
    hits = len(gold & found)
    precision, recall = hits / len(found), hits / len(gold)
    missed, extra = sorted(gold - found), sorted(found - gold)
    assert precision >= PRECISION_FLOOR, f"precision {precision:.2f}; not in gold: {extra}"
    assert recall >= RECALL_FLOOR, f"recall {recall:.2f}; missed: {missed}"


def test_mention_kinds_against_gold(seed, seed_mentions):
    found = {(s, e): k for s, e, k in zip(seed_mentions["start"], seed_mentions["end"], seed_mentions["mention_kind"])}
    gold = gold_mentions(seed.text)
    agree = sum(found.get((g["start"], g["end"])) == g["mention_kind"] for g in gold)
    assert agree / len(gold) >= RECALL_FLOOR


# ---- the contract ---------------------------------------------------------------------------------------


def test_columns_and_types(seed_mentions):
    assert list(seed_mentions.columns) == COLUMNS
    assert str(seed_mentions["sent_id"].dtype) == "Int64"
    assert seed_mentions["start"].is_monotonic_increasing
    assert COLUMNS == ["start", "end", "text", "actor", "actor_id", "actor_type", "mention_kind", "sent_id"]
    assert set(seed_mentions["mention_kind"]) == set(MENTION_KINDS)
    assert set(seed_mentions["actor_type"]) <= {*ACTOR_TYPES, "unknown"}


def test_spans_do_not_overlap(seed_mentions):
    starts, ends = seed_mentions["start"].tolist(), seed_mentions["end"].tolist()
    assert all(end <= start for end, start in zip(ends, starts[1:]))


@pytest.mark.parametrize(
    "source",
    [
        None,
        SHORT_ARTICLE,
        "He said it\u2019s over. She\u00a0told Reuters\u2019 editor, \u201cWe\u2019re done.\u201d",
        "Jean-Claude Van Damme met Ursula von der Leyen and O\u2019Brien at Procter & Gamble Co. in São Paulo.",
        "ACME CORP. ANNOUNCES RESULTS\n\nShares of Acme rose 5% on Tuesday, the company said.",
        "the government said so. the company did too. they agreed. it was fine.",
    ],
)
@pytest.mark.parametrize("codebook", [None, Codebook.empty()], ids=["study", "empty"])
def test_text_is_the_exact_span(source, codebook):
    article = load_article(source)
    frame = extract_mentions(article, codebook)
    for start, end, text in zip(frame["start"], frame["end"], frame["text"]):
        assert article.text[start:end] == text
    assert list(frame.columns) == COLUMNS


def test_accepts_text_path_and_article(tmp_path, seed, seed_mentions):
    path = tmp_path / "article.txt"
    path.write_text(seed.text, encoding="utf-8")
    for source in (seed.text, path, str(path), seed):
        pd.testing.assert_frame_equal(extract_mentions(source), seed_mentions)
    assert extract_mentions(None).equals(seed_mentions)


def test_article_mentions_property():
    article = load_article()
    assert article.mentions.equals(extract_mentions(article))


@pytest.mark.parametrize("bad", ["", "   \n ", b"Huawei said", 42, ["Huawei"], "/no/such/file.txt"])
def test_bad_input_raises_input_error(bad):
    with pytest.raises(InputError):
        extract_mentions(bad)


def test_codebook_by_path_and_bad_codebook(tmp_path):
    path = tmp_path / "codebook.toml"
    path.write_text('[[actors]]\nid = "acme"\nname = "Acme"\ntype = "company"\naliases = ["Acme Corp."]\n', encoding="utf-8")
    frame = extract_mentions("Acme Corp. said it would appeal.", path)
    assert frame["actor_id"].tolist() == ["acme", "acme"]
    with pytest.raises(InputError):
        extract_mentions("Acme Corp. said so.", tmp_path / "missing.toml")
    with pytest.raises(InputError):
        extract_mentions("Acme Corp. said so.", {"actors": []})


def test_text_without_actors_gives_an_empty_table_with_the_columns():
    frame = extract_mentions("the weather was fine and nothing happened at all.", Codebook.empty())
    assert frame.empty and list(frame.columns) == COLUMNS


# ---- hard cases in the seed, named ---------------------------------------------------------------------


def test_titles_join_the_name(seed_mentions):
    ren = mention(seed_mentions, "founder and CEO Ren Zhengfei", 1)
    assert (ren["actor"], ren["mention_kind"]) == ("Ren Zhengfei", "title")
    barr = mention(seed_mentions, "Attorney General William Barr")
    assert (barr["actor"], barr["actor_type"], barr["mention_kind"]) == ("William Barr", "person", "title")


def test_he_is_ren(seed, seed_mentions):
    row = mention(seed_mentions, "He", seed.text[: seed.text.index("He said")].count("He") + 1)
    assert (row["actor"], row["mention_kind"]) == ("Ren Zhengfei", "pronoun")


def test_it_after_accused_is_huawei_not_the_accuser(seed, seed_mentions):
    position = seed.text.index("accused it of") + len("accused ")
    row = seed_mentions[seed_mentions["start"] == position].iloc[0]
    assert (row["text"], row["actor"]) == ("it", "Huawei")


def test_its_is_the_company(seed, seed_mentions):
    for context in ("its affiliates", "its ability", "license its 5G technology exclusively"):
        position = seed.text.index(context) + context.index("its")
        row = seed_mentions[seed_mentions["start"] == position].iloc[0]
        assert (row["text"], row["actor"], row["mention_kind"]) == ("its", "Huawei", "pronoun"), context


def test_expletive_it_is_dropped(seed, seed_mentions):
    position = seed.text.index("it's still")
    assert position not in set(seed_mentions["start"])


@pytest.mark.parametrize("sentence", ["It seems that the merger is dead.", "It takes courage to say so.",
                                      "Jobs matter most when it comes to votes.", "As it turns out, the deal stands."])
def test_an_it_the_parse_calls_an_expletive_names_no_one(sentence):
    """UD's expl: "it" stands for the clause after it, not for the company named before."""
    text = f"Acme Corp. reported a loss on Monday. {sentence}"
    rows = extract_mentions(load_article(text), Codebook.empty())
    it = text.index(sentence) + re.search(r"\b[Ii]t\b", sentence).start()
    assert it not in set(rows["start"]), rows.to_string()


@pytest.mark.parametrize("exclamation", ["God help us", "Thank God", "Good Lord"])
def test_a_word_of_exclamation_names_no_actor(exclamation):
    """lang/en function_words [capitalised] exclamations: an oath in a quote names no one who acts."""
    text = f'"{exclamation}, the vote is over," Jane Smith said on Monday.'
    rows = extract_mentions(load_article(text), Codebook.empty())
    assert list(rows["actor"].dropna()) == ["Jane Smith"], rows.to_string()


def test_outside_an_exclamation_god_is_a_name():
    rows = extract_mentions(load_article("Jane Smith thanked God and her coach for the win."), Codebook.empty())
    assert "God" in set(rows["text"]), rows.to_string()


def test_the_administration_is_the_one_its_leader_named():
    """ "the Obama administration ... this administration": Obama's, not the latest government body."""
    text = ("The Obama administration wants to tie foreign aid to rights, the Justice Department said. "
            "Rick Perry said this administration must change course.")
    rows = extract_mentions(load_article(text), Codebook.empty())
    row = rows[rows["text"] == "this administration"].iloc[0]
    assert row["actor"] == "Obama", rows.to_string()


def test_first_person_is_left_to_the_quotes_stage(seed, seed_mentions):
    assert not seed_mentions["text"].str.lower().isin(["i", "we", "our", "us"]).any()


def test_descriptions(seed, seed_mentions):
    company = mention(seed_mentions, "the company", 1)
    assert (company["actor"], company["mention_kind"]) == ("Huawei", "description")
    maker = mention(seed_mentions, "the Chinese telecommunications equipment maker")
    assert (maker["actor"], maker["mention_kind"]) == ("Huawei", "description")


def test_metonymy(seed_mentions):
    washington = mention(seed_mentions, "Washington")
    assert (washington["actor"], washington["actor_type"], washington["mention_kind"]) == (
        "US government",
        "government",
        "metonymy",
    )
    assert mention(seed_mentions, "the U.S.", 1)["actor"] == "US government"


def test_a_place_is_not_an_actor(seed, seed_mentions):
    position = seed.text.index("a bill in the U.S.") + len("a bill in ")
    near = seed_mentions[(seed_mentions["start"] >= position) & (seed_mentions["start"] < position + 8)]
    assert near.empty


def test_longest_alias_wins(seed_mentions):
    assert mention(seed_mentions, "U.S. government")["mention_kind"] == "name"
    assert mention(seed_mentions, "The Huawei USA Twitter account")["actor"] == "Huawei USA"
    assert mention(seed_mentions, "a group of bipartisan senators")["actor"] == "Bipartisan senators"


def test_possessive_is_outside_the_span(seed, seed_mentions):
    row = mention(seed_mentions, "Huawei", 1)
    assert seed.text[row["end"] : row["end"] + 2] == "'s"


def test_credit_is_scanned_without_a_sentence(seed_mentions):
    photographer = mention(seed_mentions, "Justin Solomon")
    assert photographer["actor"] == "Justin Solomon" and pd.isna(photographer["sent_id"])
    outlet = mention(seed_mentions, "CNBC", 2)
    assert outlet["actor"] == "CNBC" and pd.isna(outlet["sent_id"])


def test_section_and_embeds_are_not_scanned(seed, seed_mentions):
    tweet = seed.text.index("TWEET")
    assert not ((seed_mentions["start"] <= tweet) & (seed_mentions["end"] > tweet)).any()
    assert seed_mentions["start"].min() >= seed.text.index(seed.headline)


def test_plural_pronouns(seed, seed_mentions):
    their = mention(seed_mentions, "their")
    assert their["actor"] == "Allied countries"
    position = seed.text.index("they will")
    assert seed_mentions.loc[seed_mentions["start"] == position, "actor"].iloc[0] == "American firms"


# ---- without a codebook -----------------------------------------------------------------------------------


def test_empty_codebook_on_the_seed_finds_the_actors_as_entities(seed):
    frame = extract_mentions(seed, Codebook.empty())
    by_actor = frame.groupby("actor")
    for name in ("Huawei", "Ren Zhengfei", "William Barr", "Ericsson", "Nokia", "CNBC", "Justin Solomon"):
        assert name in by_actor.groups, name
        assert frame.loc[frame["actor"] == name, "actor_id"].iloc[0] == "entity:" + name.lower().replace(" ", "_")
    types = frame.drop_duplicates("actor").set_index("actor")["actor_type"]
    assert types["Ren Zhengfei"] == "person" and types["William Barr"] == "person"
    assert types["Huawei"] == "company"
    assert types["China"] == "country"
    assert mention(frame, "Ren", seed.text.count("Ren", 0, seed.text.index("Ren told")) + 1)["actor"] == "Ren Zhengfei"
    assert mention(frame, "He", seed.text.count("He", 0, seed.text.index("He said")) + 1)["actor"] == "Ren Zhengfei"
    washington = mention(frame, "Washington")
    assert (washington["actor_type"], washington["mention_kind"]) == ("government", "metonymy")
    assert not frame["actor"].isin(["Entity List", "Tuesday", "September", "Key Points", "Tech", "TWEET"]).any()


def test_unknown_people_and_companies(short_mentions):
    def row(surface, occurrence=1, context=None):
        if context is None:
            return mention(short_mentions, surface, occurrence, SHORT_ARTICLE)
        position = SHORT_ARTICLE.index(context) + context.index(surface)
        return short_mentions[short_mentions["start"] == position].iloc[0]

    doe = row("Senator Jane Doe")
    assert (doe["actor"], doe["actor_id"], doe["actor_type"], doe["mention_kind"]) == (
        "Jane Doe",
        "entity:jane_doe",
        "person",
        "title",
    )
    assert row("Doe", 2)["actor"] == "Jane Doe"  # the surname alone, in the next sentence
    assert row("she", context="that she would")["actor"] == "Jane Doe"
    assert row("she", context="that she had")["actor"] == "Jane Doe"
    acme = row("Acme Corp.", 1)
    assert (acme["actor"], acme["actor_type"]) == ("Acme Corp.", "company")
    assert row("Acme", 1)["actor"] == "Acme Corp."  # in the headline, before the full name
    assert row("the company")["actor"] == "Acme Corp."
    assert row("The company")["actor"] == "Acme Corp."  # apposition
    assert row("Its")["actor"] == "Acme Corp."
    smith = row("John Smith")
    assert (smith["actor"], smith["actor_type"]) == ("John Smith", "person")  # typed by the "he" that follows
    assert row("he", context="that he expected")["actor"] == "John Smith"
    assert row("Springfield Times")["actor_type"] == "media"
    beijing = row("Beijing")
    assert (beijing["actor_type"], beijing["mention_kind"]) == ("government", "metonymy")
    assert row("it", context="that it would")["actor"] == beijing["actor"]
    assert row("Washington")["actor"] != beijing["actor"]


def test_a_place_stays_out_of_a_name(short_mentions):
    ohio = SHORT_ARTICLE.index("of Ohio") + 3
    # "Jane Doe of Ohio": one person, and Ohio here says where she is from, not who acts.
    assert not ((short_mentions["start"] <= ohio) & (short_mentions["end"] > ohio)).any()
    assert not short_mentions["actor"].str.contains("Ohio", na=False).any() or (
        short_mentions.loc[short_mentions["actor"] == "Ohio", "actor_type"] != "person"
    ).all()


def test_codebook_description_beats_the_generic_rule():
    text = "Ericsson lost a contract. Huawei won it. The Chinese tech giant said so."
    frame = extract_mentions(text)
    giant = mention(frame, "The Chinese tech giant", text=text)
    assert giant["actor"] == "Huawei"


def test_unresolved_it_and_they_are_dropped_but_he_stays():
    text = "It was raining. They say so. He left early."
    frame = extract_mentions(text, Codebook.empty())
    assert frame["text"].tolist() == ["He"]
    assert pd.isna(frame["actor"].iloc[0]) and frame["actor_type"].iloc[0] == "person"


def test_sentence_initial_common_words_are_not_names():
    text = "Officials said the plan failed. Meanwhile, Acme Inc. grew. Last year Doe left. Analysts agreed."
    frame = extract_mentions(text, Codebook.empty())
    names = frame[frame["mention_kind"] == "name"]
    assert set(names["actor"]) == {"Acme Inc.", "Doe"}


def test_bare_plural_groups():
    text = (
        "Critics said the plan would fail, and Republican lawmakers agreed. They asked officials from "
        "Acme Corp. to testify."
    )
    frame = extract_mentions(text, Codebook.empty())
    critics = mention(frame, "Critics", text=text)
    assert (critics["actor"], critics["actor_type"], critics["mention_kind"]) == ("critics", "group", "description")
    lawmakers = mention(frame, "Republican lawmakers", text=text)
    assert (lawmakers["actor"], lawmakers["actor_type"]) == ("Republican lawmakers", "legislature")
    assert mention(frame, "They", text=text)["actor"] == "Republican lawmakers"
    assert mention(frame, "officials", text=text)["actor"] == "Acme Corp."  # members speak for it


def test_long_input_finishes():
    """A pathological 50 kB sentence: an 8,000-word run of capitalised words (one name run), then 5,000
    lower-case words, no punctuation. The pipeline parses a sentence in pieces of 400 tokens, so this is
    already 33 pieces, 20 of them inside the name run; a rule quadratic in the run or the document makes
    about 10^8 steps and trips the hang guard (not a speed target: the benchmarks measure speed)."""
    text = "The " + "Big " * 8000 + "company said " + "the big big big big " * 1000 + "it was so."
    with alarm_after(60, "mentions on a 50 kB sentence ran over 60 s: likely quadratic work"):
        frame = extract_mentions(text, Codebook.empty())
    assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"]))


def test_title_case_headline_and_dateline():
    text = (
        "Acme Chief Warns Of Deep Layoffs In Ohio Plants\n\n"
        "WASHINGTON (AP) \u2014 John Smith, the chief executive of Acme Corp., said on Monday that he expected cuts."
    )
    frame = extract_mentions(text, Codebook.empty())
    assert set(frame["actor"].dropna()) - {"AP"} == {"Acme Corp.", "John Smith"}  # no Chief, Layoffs, Ohio
    assert "WASHINGTON" not in set(frame["text"])  # a dateline: where, not who
    assert mention(frame, "Acme", text=text)["actor"] == "Acme Corp."  # the headline's "Acme", known from below
    assert mention(frame, "he", text=text, occurrence=text.count("he", 0, text.index("he expected")) + 1)[
        "actor"
    ] == "John Smith"


def test_title_modifiers_and_gender_from_titles_and_given_names():
    text = (
        "Former President Bill Clinton spoke first. Then Mrs. Kay Roe spoke. "
        "She said he was right, and Clinton thanked her."
    )
    frame = extract_mentions(text, Codebook.empty())
    bill = mention(frame, "Former President Bill Clinton", text=text)
    assert (bill["actor"], bill["actor_type"], bill["mention_kind"]) == ("Bill Clinton", "person", "title")
    assert mention(frame, "She", text=text)["actor"] == "Kay Roe"
    assert mention(frame, "he", text=text, occurrence=text.count("he", 0, text.index("he was")) + 1)["actor"] == (
        "Bill Clinton"
    )
    assert mention(frame, "Clinton", 2, text=text)["actor"] == "Bill Clinton"
    assert mention(frame, "her", text=text)["actor"] == "Kay Roe"


def test_a_shared_surname_is_not_guessed_ahead():
    text = "Obama Praises Museum\n\nMichelle Obama and Barack Obama visited the museum on Saturday."
    frame = extract_mentions(text, Codebook.empty())
    headline = frame[frame["start"] == 0]
    assert headline.empty or headline["actor"].iloc[0] not in ("Michelle Obama", "Barack Obama")
    assert {"Michelle Obama", "Barack Obama"} <= set(frame["actor"])


def test_sentence_openers_are_not_names():
    text = "Speaking to reporters, Jane Doe said they're done. Stay tuned, she added."
    frame = extract_mentions(text, Codebook.empty())
    assert set(frame["actor"].dropna()) == {"Jane Doe"}


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        # a plural noun phrase the mentions leave out
        ("Local farmers own most of the land in the valley. They want the water rights to stay the same.", "Local farmers"),
        ("Jane Doe and John Roe met on Monday. They said the talks went well.", "Jane Doe and John Roe"),  # both people
        ("The ministers met the farmers on Monday. They said prices would fall.", "ministers"),  # the subject before
    ],
)
def test_they_resolves_to_a_plural_antecedent(text, antecedent):
    frame = extract_mentions(text, Codebook.empty())
    assert mention(frame, "They", text=text)["actor"] == antecedent


def test_they_outside_a_quotation_does_not_reach_into_it():
    text = '"The bankers are tired," Jane Doe said. They left early.'
    frame = extract_mentions(text, Codebook.empty())
    they = frame[frame["text"] == "They"]
    assert they.empty or "bankers" not in str(they["actor"].iloc[0])


def test_a_surname_two_people_share_names_the_one_mentioned_most():
    text = ("Hillary Clinton Releases Tax Returns\n\n"
            "Hillary and Bill Clinton paid $44 million in taxes, the returns show. Hillary Clinton released them "
            "on Friday. \"We owe it to the opportunities America provides,\" Clinton said in a statement.")
    mentions = extract_mentions(load_article(text))
    said = mentions[mentions["start"] == text.index("Clinton said")]
    assert said["actor"].tolist() == ["Hillary Clinton"]


def test_a_title_case_headline_keeps_the_name_and_drops_its_verbs_and_nouns():
    text = ("Jim Mattis, Defense Secretary, Resigns in Rebuke\n\n"
            "Jim Mattis, the defense secretary, said on Thursday that he would resign in February.")
    frame = extract_mentions(text, Codebook.empty())
    headline = frame[frame["end"] <= text.index("\n")]
    assert "Jim Mattis" in set(headline["text"]) and "Resigns" not in set(frame["text"])


def test_a_name_with_and_without_its_middle_initial_is_one_person():
    text = "President Donald J. Trump signed the order on Friday. Later, Donald Trump said it was a good day."
    frame = extract_mentions(text, Codebook.empty())
    assert frame.loc[frame["text"].str.contains("Trump"), "actor_id"].nunique() == 1


def _actors_of(text: str) -> list[tuple[str, str]]:
    frame = extract_mentions(load_article(text), Codebook.empty())
    return list(zip(frame["text"], frame["actor"]))


def test_a_role_noun_names_the_person_the_passage_is_about():
    # News refers back by role ("the billionaire", "the congressman") as well as by title.
    found = _actors_of("Sen. Ted Cruz lashed out at Donald Trump, accusing the billionaire of lying.")
    assert ("the billionaire", "Donald Trump") in found
    found = _actors_of("Blake Farenthold resigned. The four-term congressman said he was sorry.")
    assert ("The four-term congressman", "Blake Farenthold") in found


def test_a_description_takes_the_name_the_parse_sets_beside_it():
    # The name follows the description's modifiers: no comma right after the role noun.
    found = _actors_of("Donald Trump spoke. The chief executive of Acme, Jane Roe, said the deal was good.")
    assert ("The chief executive", "Jane Roe") in found


def test_a_described_object_is_not_its_own_verbs_subject():
    # "Cruz criticized the governor": the governor is someone else, or it would be "himself".
    found = _actors_of("Greg Abbott is the governor. Ted Cruz met him. Cruz criticized the governor on Monday.")
    assert found[-1] == ("the governor", "Greg Abbott")


def test_a_hyphenated_prefix_is_no_part_of_the_name_after_it():
    """ "anti-Trump texts" mentions Trump: the hyphen (tagged a proper noun beside one) opens no name,
    so the actor is "Donald Trump", not a second actor "-Trump"."""
    text = "Peter Strzok exchanged anti-Trump texts. Donald Trump fired him on Friday."
    found = extract_mentions(load_article(text), Codebook.empty())
    assert not any(t.startswith("-") for t in found["text"])
    assert not any(a.startswith("-") for a in found["actor"].dropna())
    assert "Trump" in set(found["text"])


@pytest.mark.parametrize("text", [
    "Governor Tom Ruiz arrived on Monday. Ruiz told Senator Dick Baker on Friday that he regrets the delay.",
    "Governor Tom Ruiz arrived on Monday. Ruiz assured Senator Dick Baker that he regrets the delay.",
])
def test_he_in_a_reported_clause_is_the_teller_not_the_addressee(text):
    """ "Ruiz told Baker that he regrets": the subject of the verb whose clause holds the pronoun is
    its likelier antecedent than the nearer addressee."""
    found = extract_mentions(load_article(text), Codebook.empty())
    assert found[found["mention_kind"] == "pronoun"]["actor"].tolist() == ["Tom Ruiz"]


@pytest.mark.parametrize("text", ["The US government objected on Monday.", "The American government objected on Monday.",
                                  "The U.S. administration objected on Monday."])
def test_a_government_described_by_its_country_name_or_demonym_is_that_countrys_government(text):
    """ "the US government" is the same actor as "the American government" (before, only the demonym
    was read, and "the US government" stayed unresolved)."""
    found = extract_mentions(load_article(text), Codebook.empty())
    assert found["actor"].tolist() == ["Government of the United States"]


@pytest.mark.parametrize("text, description", [
    ("President George W. Bush spoke on Monday. The President asserted his determination.", "The President"),
    ("Prime Minister Tony Blair spoke on Monday. The Prime Minister defended the plan.", "The Prime Minister"),
])
def test_a_capitalised_title_without_a_name_is_a_description_of_the_person(text, description):
    """World press writes "The President said" for the person named before; a name after the title
    ("President George W. Bush") keeps it a title."""
    found = extract_mentions(load_article(text), Codebook.empty())
    named = found["actor"].iloc[0]
    assert found[found["text"] == description]["actor"].tolist() == [named]


@pytest.mark.parametrize(("text", "person", "body"), [
    ("The plan is bad, said Minister of Municipal and Rural Affairs and the Environment Khaled Irani.", "Khaled Irani", None),
    ("The Minister of Science, Technology and Environment Chu Tuan Nha said the plan was bad.", "Chu Tuan Nha", None),
    ("The Ministry of Municipal and Rural Affairs said the plan was bad.", None, "Ministry of Municipal and Rural Affairs"),
    ("Secretary of State Colin Powell and Defense Secretary Donald Rumsfeld met.", "Colin Powell", None),
])
def test_a_portfolio_of_several_words_stays_in_the_title(text, person, body):
    """A minister's portfolio runs across "and" and commas to its last portfolio word, and the holder's
    name follows it: no fragment of the portfolio ("Municipal", "Environment Khaled Irani") is a name."""
    mentions = extract_mentions(load_article(text), Codebook.empty())
    names = set(mentions["actor"].dropna())
    expected = {person or body} | ({"Donald Rumsfeld"} if "Rumsfeld" in text else set())
    assert names == expected, mentions.to_string()


@pytest.mark.parametrize(("text", "names"), [
    ("British Prime Minister Theresa May said on Tuesday that the deal was good. May added that she would stay.",
     {"Theresa May"}),
    ("WASHINGTON -- Arizona Gov. Jan Brewer (R) announced on Wednesday that she would veto the bill.", {"Jan Brewer"}),
    ("In May Congress passed the bill, and last June the Senate voted on it again.", {"Congress", "Senate"}),
])
def test_a_month_beside_a_name_is_part_of_it(text, names):
    """"Theresa May", "Jan Brewer": a month's name that is a person's, beside a name; "in May",
    "last June" stay dates."""
    mentions = extract_mentions(load_article(text), Codebook.empty())
    people = mentions[mentions["actor_type"] != "unknown"]["actor"].dropna()
    assert set(people) >= names and not set(mentions["actor"].dropna()) & {"May", "June", "Theresa", "Brewer"}, mentions.to_string()


@pytest.mark.parametrize(("text", "person", "not_names"), [
    ("On Monday, Speaker of the House John Boehner said the bill was dead.", "John Boehner", {"House John Boehner"}),
    ("The plan, said UN High Commissioner for Human Rights Mary Robinson, was bad.", "Mary Robinson",
     {"Human Rights Mary Robinson"}),
    ("He met White House Chief of Staff Denis McDonough on Monday.", "Denis McDonough", {"Staff Denis McDonough"}),
    ("It was bad, according to the director of the Federal Bureau of Investigation.", None,
     {"Bureau of Investigation"}),
])
def test_a_titles_domain_is_no_part_of_the_name_after_it(text, person, not_names):
    """"Speaker of the House John Boehner": the title's domain ("the House", "Human Rights") ends where the
    holder's name begins; a domain that no name follows stays the body it names."""
    actors = set(extract_mentions(load_article(text), Codebook.empty())["actor"].dropna())
    assert (person is None or person in actors) and not actors & not_names, actors


def test_a_line_break_or_doubled_space_inside_a_name_keeps_it_whole():
    """Wire copy wrapped at a fixed width ("the United\\nStates", "Secretary of\\nDefense Donald Rumsfeld"):
    the name is one, its actor named with single spaces, its span still the text's own characters."""
    text = ("He said the United  States will not interfere, and the Organization of the Petroleum Exporting\n"
            "Countries agreed with Secretary of\nDefense Donald Rumsfeld.")
    mentions = extract_mentions(load_article(text), Codebook.empty())
    actors = set(mentions["actor"].dropna())
    assert {"United States", "Organization of the Petroleum Exporting Countries", "Donald Rumsfeld"} <= actors, actors
    assert not actors & {"United", "Organization", "Defense Donald Rumsfeld"}, actors
    assert all(text[r.start:r.end] == r.text for r in mentions.itertuples())


def test_a_bodys_domain_the_tagger_reads_as_common_words_stays_in_its_name():
    """"the Ministry of Foreign Affairs": "Foreign Affairs" tagged an adjective and a plural noun is still the
    ministry's domain, a body apart from "the Interior Ministry" beside it."""
    text = "On Monday the spokesman said that the Ministry of Foreign Affairs and the Interior Ministry disagreed."
    actors = set(extract_mentions(load_article(text), Codebook.empty())["actor"].dropna())
    assert {"Ministry of Foreign Affairs", "Interior Ministry"} <= actors and "Ministry" not in actors, actors


def test_a_country_written_as_a_word_is_the_country():
    """"the US" is the United States, though "us" is a pronoun, which stays no mention."""
    text = "Talks end\n\nThe US will turn its back on the deal, said Mie Asaoka. They want to help us."
    mentions = extract_mentions(load_article(text), Codebook.empty())
    assert "United States" in set(mentions["actor"].dropna()), mentions.to_string()
    assert not mentions["text"].isin(["us"]).any()


def test_a_date_between_a_preposition_and_a_name_leaves_the_name_no_place():
    """"said in April Obama would sign it": "in" governs the date, so Obama is no place "in" anything."""
    text = "Talks end\n\nDemocrats said in April Obama would sign the bill, and on Monday Pelosi agreed."
    actors = set(extract_mentions(load_article(text), Codebook.empty())["actor"].dropna())
    assert "Obama" in actors, actors
