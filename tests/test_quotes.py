"""Quote attribution: the seed against its hand-written gold, each construction on short sentences, and
inputs that must not break the extractor (odd quote marks, unclosed quotes, huge texts)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import alarm_after

from hwresearch import InputError, extract_quotes, load_article
from hwresearch.codebook import Codebook
from hwresearch.evaluate import read_quote_gold, score_quotes
from hwresearch.quotes import COLUMNS, direct_quotes_only, quote_spans

GOLD = Path(__file__).parent / "gold" / "seed_quotes.csv"
EMPTY = Codebook.empty()


def quotes(text: str) -> pd.DataFrame:
    return extract_quotes(text, codebook=EMPTY)


def only(text: str) -> pd.Series:
    """The one attribution the sentence holds."""
    frame = quotes(text)
    assert len(frame) == 1, frame[["text", "cue"]].to_dict("records")
    return frame.iloc[0]


def speaker_words(text: str, row: pd.Series) -> str:
    return text[row["speaker_start"] : row["speaker_end"]]


# ---- the seed against the project's gold --------------------------------------------------------------


def seed_scores() -> tuple[float, float]:
    """Who-said-what precision and recall on the seed, by the PolNeAR rule with canonical speakers
    (hwresearch.evaluate.score_quotes)."""
    article = load_article(None)
    who = score_quotes(extract_quotes(article), read_quote_gold(GOLD, article)).loc["who said what"]
    return who["precision"], who["recall"]


def test_seed_gold_precision_and_recall():
    precision, recall = seed_scores()
    assert precision >= 0.8
    assert recall >= 0.8


def test_seed_gold_file_quotes_the_article():
    text = load_article(None).text
    gold = pd.read_csv(GOLD, keep_default_na=False)
    assert all(content in text for content in gold["content"])
    assert set(gold["kind"]) <= {"direct", "indirect", "mixed"}


def test_seed_key_attributions():
    frame = extract_quotes(None)
    text = load_article(None).text
    he = frame[frame["text"].str.startswith("the Chinese telecommunications equipment maker")].iloc[0]
    assert text[he["speaker_start"] : he["speaker_end"]] == "He"
    assert he["speaker"] == "Ren Zhengfei"
    told = frame[frame["cue"] == "told"].iloc[0]
    assert told["addressee"] == "CNBC" and told["speaker"] == "Ren Zhengfei"
    denied = frame[frame["cue"] == "denied"].iloc[0]  # "a claim Huawei has denied"
    assert denied["speaker"] == "Huawei"
    assert denied["text"] == "Huawei's equipment could be used by China to carry out espionage"
    washington = frame[frame["cue"] == "maintains"].iloc[0]
    assert washington["speaker"] == "US government"
    assert frame[frame["cue"] == "says"].iloc[0]["kind"] == "mixed"


def test_headline_scare_quote_is_not_an_attribution():
    frame = extract_quotes(None)
    headline_end = load_article(None).text.index("\n\nKey Points")
    assert not (frame["start"] < headline_end).any()


# ---- constructions ------------------------------------------------------------------------------------


def test_source_cue_that_content():
    row = only("Smith said that taxes would rise next year.")
    assert row["text"] == "taxes would rise next year"
    assert row["cue"] == "said" and row["speaker"] == "Smith" and row["kind"] == "indirect"


def test_according_to_source_first_and_last():
    text = "According to the ministry, exports fell sharply in March."
    row = only(text)
    assert row["text"] == "exports fell sharply in March" and speaker_words(text, row) == "the ministry"
    text = "Exports fell sharply in March, according to the ministry."
    row = only(text)
    assert row["text"] == "Exports fell sharply in March" and speaker_words(text, row) == "the ministry"


def test_content_source_cue():
    text = "Exports fell sharply in March, the minister said."
    row = only(text)
    assert row["text"] == "Exports fell sharply in March" and speaker_words(text, row) == "the minister"


def test_cue_source_inversion_with_direct_quote():
    text = '"We will win this vote," said Jane Doe.'
    row = only(text)
    assert row["text"] == "We will win this vote" and row["kind"] == "direct"
    assert speaker_words(text, row) == "Jane Doe"


def test_source_cue_colon_quote():
    text = 'Jane Doe said: "We will win this vote."'
    row = only(text)
    assert row["text"].startswith("We will win this vote") and row["kind"] == "direct"
    assert speaker_words(text, row) == "Jane Doe"


def test_told_addressee_and_multiword_cues():
    row = only("Smith told reporters that the deal was dead.")
    assert row["addressee"] == "reporters" and row["text"] == "the deal was dead"
    row = only("Smith told CNBC in September that the deal was dead.")
    assert row["addressee"] == "CNBC" and row["text"] == "the deal was dead"
    row = only("The firm said in a statement that it would appeal.")
    assert row["cue"] == "said in a statement" and row["text"] == "it would appeal"


def test_medium_on_twitter():
    row = only("Smith wrote on Twitter that the deal was dead.")
    assert row["addressee"] == "Twitter" and row["text"] == "the deal was dead"


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("The senator accused the company of hiding its losses.", "accused", "hiding its losses"),
        ("Washington maintains that the equipment could be used for spying.", "maintains", "the equipment could be used for spying"),
        ("The company insisted it had done nothing wrong.", "insisted", "it had done nothing wrong"),
        ("Economists warn that a recession is coming.", "warn", "a recession is coming"),
        ("Officials reiterated that the border would stay closed.", "reiterated", "the border would stay closed"),
        ("The minister believes the plan will fail.", "believes", "the plan will fail"),
        ("Farmers fear that prices will fall again.", "fear", "prices will fall again"),
        ("The party denied the report.", "denied", "the report"),
    ],
)
def test_cues_beyond_verbs_of_saying(text, cue, content):
    row = only(text)
    assert row["cue"] == cue and row["text"] == content


def test_a_claim_x_has_denied():
    text = "Regulators say the bank broke the rules, a claim the bank has denied."
    frame = quotes(text)
    assert len(frame) == 2
    denied = frame[frame["cue"] == "denied"].iloc[0]
    assert speaker_words(text, denied) == "the bank" and denied["text"] == "the bank broke the rules"
    say = frame[frame["cue"] == "say"].iloc[0]
    assert say["text"] == "the bank broke the rules"


def test_mixed_quote():
    row = only('The company says the offer is still "on the table."')
    assert row["kind"] == "mixed" and row["text"] == 'the offer is still "on the table."'


def test_appositive_and_adverb_between_source_and_cue():
    text = "Jane Doe, chief executive of Acme, said the merger was off."
    row = only(text)
    assert speaker_words(text, row) == "Jane Doe" and row["text"] == "the merger was off"
    text = "Senator Smith recently suggested that the rules should change."
    row = only(text)
    assert speaker_words(text, row) == "Senator Smith" and row["cue"] == "suggested"


def test_pronoun_speaker_is_the_local_mention():
    text = "Jane Doe spoke first. She said the plan was sound."
    row = only(text)
    assert speaker_words(text, row) == "She" and row["text"] == "the plan was sound"


def test_split_quote_is_one_attribution():
    text = '"We will win," she said, "and we will win big."'
    row = only(text)
    assert row["text"].startswith("We will win") and row["text"].endswith("we will win big.")
    assert speaker_words(text, row) == "she"


def test_multi_paragraph_quote_continues():
    text = 'He spoke at length.\n\n"The first part of the answer runs here.\n\n"And the second part ends here," said Jane Doe.'
    row = only(text)
    assert row["text"].startswith("The first part") and row["text"].endswith("the second part ends here")
    assert speaker_words(text, row) == "Jane Doe"


def test_nested_quote_stays_inside():
    row = only("He said: \"They told me 'no way' and then they left the room.\"")
    assert "'no way'" in row["text"] and row["kind"] == "direct"


def test_following_quote_sentence_inherits_the_speaker():
    text = 'Jane Doe was blunt. "We will not sign this," she said. "It is a bad deal for everyone involved."'
    frame = quotes(text)
    assert len(frame) == 2
    assert frame.iloc[1]["text"].startswith("It is a bad deal")
    assert speaker_words(text, frame.iloc[1]) == "she"


def test_scare_quotes_and_apostrophes_are_not_quotes():
    assert quotes('The so-called "deal" collapsed on Monday.').empty
    text = "The workers' union says it's ready to strike."
    row = only(text)
    assert row["text"] == "it's ready to strike" and speaker_words(text, row) == "The workers' union"


def test_non_reporting_sense_of_a_cue_verb():
    assert quotes("Last year, the U.S. added the firm to a blacklist.").empty
    assert quotes("Clinton maintained a narrow lead in Ohio.").empty


# ---- quote marks --------------------------------------------------------------------------------------


def test_quote_marks_pair_by_family():
    text = "He said \u201cthe \"best\" deal\u201d and 'the end' of it, didn't he, in the countries' view."
    spans = [text[q.start : q.end] for q in quote_spans(text, [(0, len(text))])]
    assert spans == ["\u201cthe \"best\" deal\u201d", "'the end'"]


def test_unclosed_quote_ends_with_its_paragraph():
    text = 'He said: "This never closes.\n\nSmith said that taxes would rise.'
    frame = quotes(text)
    assert "taxes would rise" in frame["text"].tolist()


def test_odd_number_of_quote_marks_keeps_the_rest():
    text = 'A stray " mark here.\n\n"We will win," said Jane Doe.\n\nSmith said that taxes would rise.'
    frame = quotes(text)
    assert {"We will win", "taxes would rise"} <= set(frame["text"])


def test_stray_closing_marks_and_many_marks():
    text = "\u201d\u201d\u201d Smith said that taxes would rise. " + '"' * 5001 + "\n\nJones said that rates would fall."
    frame = quotes(text)
    assert "rates would fall" in frame["text"].tolist()


@pytest.mark.parametrize(
    "text",
    [
        # 50 kB with no punctuation: 25 pieces of the 400 tokens the pipeline parses a sentence in;
        # a rule quadratic in the document's words makes 10^8 steps and trips the hang guard
        "word " * 10_000,
        '"' * 100_000,
        "\u201c" * 50_000 + "said " * 1000,
        ("'" + "a said that b ") * 5_000,
    ],
)
def test_pathological_inputs_return_a_table(text):
    with alarm_after(60, f"quotes on {text[:12]!r}... ran over 60 s: likely quadratic work or backtracking"):
        frame = quotes(text)
    assert list(frame.columns) == COLUMNS


# ---- schema and offsets --------------------------------------------------------------------------------


def test_offsets_slice_back_and_schema():
    article = load_article(None)
    frame = extract_quotes(article)
    assert list(frame.columns) == COLUMNS
    for column in ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end", "sent_id"):
        assert str(frame[column].dtype) == "Int64"
    for row in frame.itertuples():
        assert article.text[row.start : row.end] == row.text
        if row.cue is not pd.NA:
            assert article.text[row.cue_start : row.cue_end] == row.cue
        assert row.kind in {"direct", "indirect", "mixed"}


def test_missing_values_are_pd_na():
    frame = quotes('Jane Doe was blunt. "We will not sign this," she said. "It is a bad deal for everyone involved."')
    assert frame.iloc[1]["cue"] is pd.NA and frame.iloc[1]["addressee"] is pd.NA


def test_empty_table_has_the_schema():
    frame = quotes("Nothing is reported in this sentence.")
    assert frame.empty and list(frame.columns) == COLUMNS


@pytest.mark.parametrize("bad", ["", "   \n", b"bytes", 42])
def test_bad_input_raises_input_error(bad):
    with pytest.raises(InputError):
        extract_quotes(bad)


def test_direct_quotes_only_baseline():
    frame = direct_quotes_only(None)
    assert len(frame) == 1 and frame.iloc[0]["text"].startswith("I think that we should give")
    assert frame["speaker"].isna().all()


def test_colon_turns_name_the_speaker():
    text = "Trump: My immigration plans are not set in stone.\n\nQ: Did the service help you?\n\nA: No, no one did. No one called."
    frame = quotes(text)
    assert frame["text"].tolist() == [
        "My immigration plans are not set in stone.",
        "Did the service help you?",
        "No, no one did. No one called.",
    ]
    assert [text[s:e] for s, e in zip(frame["speaker_start"], frame["speaker_end"])] == ["Trump", "Q", "A"]


def test_cue_words_used_as_nouns_are_not_cues():
    assert quotes("The terrorist attacks shocked the city.").empty
    assert quotes("He left his home state for good.").empty
    frame = quotes("Voters support the new law, the poll found.")  # a plural subject: a verb again
    assert frame[frame["cue"] == "found"]["text"].tolist() == ["Voters support the new law"]
    assert frame[frame["cue"] == "support"]["text"].tolist() == ["the new law"]


def test_a_report_inside_another_reports_content_is_not_a_second_attribution():
    row = only("The senator said the governor claimed the budget was balanced.")
    assert row["cue"] == "said" and row["text"] == "the governor claimed the budget was balanced"


def test_a_quote_paragraph_without_a_cue_continues_the_last_named_speaker():
    text = ("Brown told reporters the deal was done.\n\n"
            "\"Nobody in this building thinks that the deal will survive the winter at all.\"")
    frame = quotes(text)
    assert len(frame) == 2
    assert frame["speaker"].tolist() == ["Brown", "Brown"]
    assert frame["cue"].isna().tolist() == [False, True]


@pytest.mark.parametrize("sentence, cue, content", [
    ("Trump seemed to suggest that the election was rigged.", "seemed", "to suggest that the election was rigged"),
    pytest.param("Clinton plans to visit Ohio next week.", "plans", "to visit Ohio next week", marks=pytest.mark.xfail(
        strict=True, reason="the shipped tagger and parser read 'Clinton plans' as a compound noun (EWT dev UPOS 94.1); "
        "the cue rules now trust the tagger over word-order heuristics")),
    ("Sanders referred to the bank bailout as a disgrace.", "referred to", "the bank bailout as a disgrace"),
    ("Cruz sees the deal as a betrayal.", "sees", "the deal as a betrayal"),
])
def test_evidential_planning_and_perception_cues(sentence, cue, content):
    row = only(sentence)
    assert (row["cue"], row["text"], speaker_words(sentence, row)) == (cue, content, sentence.split()[0])


def test_cue_nouns_after_a_possessive_are_not_cues():
    assert quotes("Her plans changed after the storm.").empty


def test_colon_labels_and_tallies_are_not_turns():
    assert quotes("UPDATE: The website removed the listing on Friday afternoon.").empty
    assert quotes("The goal: to draw big, addicted audiences.").empty
    assert quotes("Bernie Sanders: 1,501.").empty


def test_according_to_a_source_with_a_tail_keeps_the_content_before():
    text = "The senator never read the bill, according to a post from Arianna Huffington."
    row = only(text)
    assert row["text"] == "The senator never read the bill"


def test_a_quote_continued_after_its_cue_is_one_attribution_act():
    text = ('"We will not sign this," Jane Doe said. "It is a bad deal for everyone involved."\n\n'
            'Later, John Roe said that the talks were over.')
    frame = quotes(text)
    assert frame["text"].tolist() == ["We will not sign this", "It is a bad deal for everyone involved.",
                                      "the talks were over"]
    assert frame["attribution"].tolist() == [0, 0, 1]


def test_unrelated_quotes_are_separate_attribution_acts():
    frame = quotes("Jane Doe said the plan was sound. John Roe said it would fail.")
    assert frame["attribution"].tolist() == [0, 1]
    assert str(frame["attribution"].dtype) == "Int64"


@pytest.mark.parametrize("sentence, speaker", [
    ("In the interview, Reid, the Senate leader, reiterated that the bill was dead.", "Reid"),
    ("At a rally in Ohio, Clinton, the nominee, spoke for an hour, saying the race was far from over.", "Clinton"),
    ("Senator Jane Doe on Tuesday night warned that the deal would collapse.", "Senator Jane Doe"),
    ("The mayor last month joked that the budget was a work of fiction.", "The mayor"),
])
def test_an_opening_adverbial_or_time_phrase_is_not_the_source(sentence, speaker):
    row = only(sentence)
    assert speaker_words(sentence, row) == speaker


def test_the_source_of_a_relative_clause_is_its_antecedent():
    text = "Officials who spoke with The Huffington Post said the party had become a shell of itself."
    row = only(text)
    assert speaker_words(text, row) == "Officials" and row["text"] == "the party had become a shell of itself"


def test_many_and_some_are_subjects_before_a_cue():
    text = "Many said on Monday that the ruling changed everything."
    row = only(text)
    assert speaker_words(text, row) == "Many" and row["text"] == "the ruling changed everything"


def test_according_to_a_source_that_runs_on_keeps_the_content_before():
    text = "Coin flips settled six counties, according to a report in the Des Moines Register."
    row = only(text)
    assert row["text"] == "Coin flips settled six counties"
    assert speaker_words(text, row).startswith("a report")


def test_a_poll_shows_is_a_report_not_a_noun():
    text = "A new national poll shows Trump with his largest lead to date."
    row = only(text)
    assert (row["cue"], row["text"], speaker_words(text, row)) == ("shows", "Trump with his largest lead to date", "A new national poll")


def test_a_second_report_coordinated_with_the_first_is_its_own_attribution():
    text = "The senator said the bill was dead and later claimed that the vote had been rigged."
    frame = quotes(text)
    assert frame["text"].tolist() == ["the bill was dead", "the vote had been rigged"]
    assert [speaker_words(text, row) for _, row in frame.iterrows()] == ["The senator", "The senator"]


def test_a_thing_that_appears_so_is_no_source():
    text = "The secure fax machine appears to have been broken."
    row = only(text)
    assert row["text"] == "to have been broken" and pd.isna(row["speaker_start"]) and pd.isna(row["speaker"])


@pytest.mark.parametrize("sentence", [
    "Local politicians fired back at Trump's comments on Friday.",
    "Texas, leading a coalition of 13 states, went to court.",
    "Allergan is best known for making Botox.",
])
def test_cue_nouns_after_a_possessive_or_a_number_and_adjectival_known_are_not_cues(sentence):
    assert quotes(sentence).empty


@pytest.mark.parametrize("text, speaker", [
    ('"It is against the law to move the detainees," said House Speaker Paul Ryan in a statement.', "House Speaker Paul Ryan"),
    ('"That is not who I am and not what I want to be," Rubio said to Fox News.', "Rubio"),
])
def test_a_quote_before_its_cue_keeps_its_source_despite_the_setting(text, speaker):
    row = only(text)
    assert row["kind"] == "direct" and speaker_words(text, row) == speaker


@pytest.mark.parametrize("text", [
    'Intro.\n\n"So I just want to tell you right now, you are reprimanded, okay?" Trump said.',
    'Intro.\n\n"Who knows what will happen next year?" said Trump.',
])
def test_a_question_quote_split_from_its_cue_keeps_its_source(text):
    row = only(text)
    assert row["kind"] == "direct" and speaker_words(text, row) == "Trump" and row["text"].endswith("?")


def test_a_sentence_with_its_own_content_does_not_take_the_quote_before():
    text = 'Intro.\n\n"Who knows?" Trump said that the talks would go on.'
    frame = quotes(text)
    assert "the talks would go on" in frame["text"].tolist()


@pytest.mark.parametrize("sentence", [
    "Her lead keeps growing thanks to a big win in North Carolina.",
    "The Orlando attack is already stirring debate on guns.",
])
def test_prepositions_and_nouns_that_look_like_cues_are_not_cues(sentence):
    assert quotes(sentence).empty


def test_the_subject_of_a_passive_cue_is_no_source():
    row = only("Clinton was asked to release the transcripts of her speeches.")
    assert row["text"] == "to release the transcripts of her speeches" and pd.isna(row["speaker_start"])
    text = "Clinton was asked by reporters to release the transcripts."
    assert speaker_words(text, only(text)) == "reporters"
    assert pd.isna(only("Jennifer Palmieri was asked about the donations.")["speaker_start"])


def test_an_offer_is_a_report_of_what_is_offered():
    text = "Sanders offered a different explanation for the loss."
    row = only(text)
    assert (row["cue"], row["text"], speaker_words(text, row)) == ("offered", "a different explanation for the loss", "Sanders")


def test_a_quote_paragraph_continues_the_speaker_named_two_paragraphs_back_in_one_act():
    text = ("Brown told reporters the deal was done.\n\nThe talks had run late into the night.\n\n"
            "\"Nobody in this building thinks that the deal will survive the winter at all.\"")
    frame = quotes(text)
    assert frame["speaker"].tolist() == ["Brown", "Brown"]
    assert frame["attribution"].tolist() == [0, 0]


def test_a_named_subject_that_seems_so_is_no_source_unless_it_reports():
    # the writer's inference about the state: the subject is part of what is inferred, nobody holds it
    text = "Governor Alvarez seemed certain to lose the runoff."
    row = only(text)
    assert row["cue"] == "seemed" and pd.isna(row["speaker_start"])
    # a report verb after "seemed to" is the subject's own speech act
    text = "Governor Alvarez appeared to argue that the runoff was unnecessary."
    row = only(text)
    assert speaker_words(text, row) == "Governor Alvarez"


def test_a_question_put_to_someone_is_its_own_attribution():
    # the question is what the asker said; the answer belongs to whoever answers
    text = "Asked whether the ferry would run in winter, the mayor said the budget could not cover it."
    frame = quotes(text)
    assert frame["text"].tolist() == ["whether the ferry would run in winter", "the budget could not cover it"]
    assert frame["cue"].tolist() == ["Asked", "said"]
    assert pd.isna(frame["speaker_start"].iloc[0]) and speaker_words(text, frame.iloc[1]) == "the mayor"
    # a named asker is the source; the answer stops where the question begins
    text = "The mayor said the ferry was safe when asked by a local reporter about the storm damage."
    frame = quotes(text)
    assert frame["text"].tolist() == ["the ferry was safe", "about the storm damage"]
    assert speaker_words(text, frame.iloc[1]) == "a local reporter"
    # the active verb is an ordinary cue with its subject as the source
    text = "The mayor asked whether the ferry would run in winter."
    assert speaker_words(text, only(text)) == "The mayor"


def test_a_source_set_off_by_commas_mid_sentence_reports_the_clause_that_resumes_after_it():
    # the interrupted clause goes on after the source: that longer side is what was said
    text = "By next spring, the harbour master said, the old pier will have to close for repairs."
    row = only(text)
    assert row["text"] == "the old pier will have to close for repairs"
    assert speaker_words(text, row) == "the harbour master"
    # a setting after the comma still leaves the content on the left
    text = "The old pier will have to close for repairs, the harbour master said, in a letter."
    row = only(text)
    assert row["text"] == "The old pier will have to close for repairs"


@pytest.mark.parametrize("sentence, speaker", [
    ("Rep. Dana Whitfield (D-Ore.) said the levy would fund two new schools.", "Rep. Dana Whitfield"),
    ("Okafor (who chairs the panel) told colleagues the hearing would be delayed.", "Okafor"),
])
def test_a_bracketed_aside_between_source_and_cue_is_skipped(sentence, speaker):
    row = only(sentence)
    assert speaker_words(sentence, row) == speaker


def test_a_multiword_participle_after_a_comma_shares_the_subject():
    # "referring to" is a participle like "saying": the speaker of the clause it hangs on refers
    text = "\"That was a mistake,\" the coach said, referring to the late substitution in the final."
    frame = quotes(text)
    assert frame["text"].tolist() == ["That was a mistake", "the late substitution in the final"]
    assert [speaker_words(text, row) for _, row in frame.iterrows()] == ["the coach", "the coach"]


def test_a_be_verb_inside_an_appositive_does_not_make_the_cue_passive():
    # "is" belongs to the relative clause about the source; the source itself said it
    text = "Dana Okafor, a farmer who is a member of the co-op, said the harvest had failed."
    row = only(text)
    assert speaker_words(text, row) == "Dana Okafor"
    # a be-verb right before the participle still makes it passive: the subject is no source
    text = "Dana Okafor was widely criticized for the delay."
    assert pd.isna(only(text)["speaker_start"])


# ---- speakers from the parse, reduced to the actor they name --------------------------------------------


def test_an_apposition_names_the_speaker():
    text = "“It hurts,” says Campbell's partner, Jason Louth."
    row = only(text)
    assert row["speaker"] == "Jason Louth" and speaker_words(text, row) == "Jason Louth"


@pytest.mark.parametrize("text, speaker, content", [
    # the subject before the cue speaks; the possessive phrase after it opens the reported clause
    ("Dana Pike, head of the Harbour Council, said the timing of the mayor's statements was odd.",
     "Dana Pike", "the timing of the mayor's statements was odd"),
    # after an inverted cue, a possessive stays inside the source
    ('"We won," said the mayor\'s spokesman.', "the mayor's spokesman", "We won"),
])
def test_a_possessive_after_the_cue_belongs_to_its_noun_phrase(text, speaker, content):
    row = only(text)
    assert speaker_words(text, row) == speaker and row["text"] == content


@pytest.mark.parametrize("text, speaker, content", [
    # news names a group after an inverted cue with no determiner: a bare plural, its modifiers with it
    ("The plan is a disaster, say experts.", "experts", "The plan is a disaster"),
    ("The floods will get worse, say climate-change experts.", "climate-change experts", "The floods will get worse"),
])
def test_an_inverted_cue_names_a_bare_plural_group(text, speaker, content):
    row = only(text)
    assert row["speaker"] == speaker and speaker_words(text, row) == speaker and row["text"] == content


@pytest.mark.parametrize("text", [
    "The ministry ruled out talks with the rebels.",  # "rule out" rejects, "rule that" reports
    "Three senators showed up at the debate.",
])
def test_a_cue_word_made_another_verb_by_its_particle_reports_nothing(text):
    assert quotes(text).empty


def test_a_speaker_named_by_a_relative_pronoun_is_its_antecedent():
    text = "The ruling helps fiscal conservatives who have argued that the program is broken."
    row = only(text)
    assert row["speaker"] == "fiscal conservatives" and row["text"] == "the program is broken"


def test_a_relative_clause_is_not_part_of_the_speaker():
    text = "Officials who spoke with The Huffington Post said the plan failed."
    row = only(text)
    assert speaker_words(text, row) == "Officials" and row["text"] == "the plan failed"


def test_a_role_noun_keeps_its_organisation_when_no_person_is_named():
    text = "A spokeswoman for the agency said the rules would change."
    row = only(text)
    assert "agency" in speaker_words(text, row) and row["text"] == "the rules would change"


def test_a_pronoun_continues_the_named_speakers_turn():
    text = "“We will sign it,” Gov. Mike Pence said. “I support this law,” he said."
    frame = quotes(text)
    assert frame["speaker"].tolist() == ["Mike Pence", "Mike Pence"]


def test_a_role_description_continues_the_named_speakers_turn():
    text = "“We will sign it,” Gov. Mike Pence said. “I support this law,” the governor said."
    frame = quotes(text)
    assert frame["speaker"].tolist() == ["Mike Pence", "Mike Pence"]
    assert speaker_words(text, frame.iloc[1]) == "the governor"


def test_the_document_a_speaker_issued_speaks_for_that_speaker():
    """ "X said in a statement ... 'B,' the statement said": the statement is X's; a document the
    turn's cue did not name ("the report said") stays the words of its own span."""
    text = ("Senator Jane Roe said in a statement on Friday that the vote was fair. "
            "“We respect the result,” the statement said. “It is final,” the report said.")
    frame = quotes(text)
    assert frame["speaker"].tolist() == ["Jane Roe", "Jane Roe", "the report"]


def test_a_quote_continues_its_own_speaker_not_the_report_around_it():
    """ '"A," said Trump, according to TIME. "B."': TIME reports the quote, Trump speaks it, and the
    next quote sentence continues Trump."""
    text = ('"I want to see the records," said Donald Trump in an interview, according to TIME. '
            '"How come nobody at the hospital knows anything about his birth at all?"')
    frame = quotes(text)
    last = frame[frame["text"].str.startswith("How come")]
    assert last["speaker"].tolist() == ["Donald Trump"], frame.to_string()


def test_a_cueless_quote_continues_who_was_last_quoted_not_an_indirect_report_between():
    """A quote paragraph with no cue continues the speaker last quoted in their own words; "the
    article alleging that ..." reports in between and does not take the floor."""
    text = ('"It is garbage," Senator Ted Cruz said about the Daily Clarion article alleging that he had affairs.\n\n'
            '"It is a tabloid smear, and it has come from my rival and his many henchmen."')
    frame = quotes(text)
    last = frame[frame["text"].str.startswith("It is a tabloid")]
    assert last["speaker"].tolist() == ["Ted Cruz"], frame.to_string()


def test_a_speaker_is_a_noun_phrase_never_an_adverb_or_a_verb():
    from hwresearch.speakers import is_actor, is_nominal

    doc = load_article("Instead, they released the report to bed down the story.").doc
    words = {t.text: t for t in doc}
    assert not is_nominal(words["Instead"]) and not is_nominal(words["released"])
    assert is_nominal(words["they"]) and is_actor(words["they"])
    assert not is_actor(words["bed"]) and not is_actor(words["report"])
    assert is_actor(words["report"], documents=True)


# ---- datelines, signed quotes and names the tagger misreads -------------------------------------------


@pytest.mark.parametrize("text, whole, place", [
    ("MOSCOW — The talks ended on Friday.", "MOSCOW", "MOSCOW"),
    ("WASHINGTON (AP) — The talks ended on Friday.", "WASHINGTON (AP)", "WASHINGTON"),
    ("WASHINGTON -- The talks ended on Friday.", "WASHINGTON", "WASHINGTON"),
    ("RENO, Nev. — The talks ended on Friday.", "RENO, Nev.", "RENO, Nev."),
    # wire datelines: a date after the place, an agency after the date
    ("WASHINGTON, Jan. 22 — The talks ended on Friday.", "WASHINGTON, Jan. 22", "WASHINGTON"),
    ("Tehran, Dec 9, IRNA -- The talks ended on Friday.", "Tehran, Dec 9, IRNA", "Tehran"),
    ("BEIJING, March 3 (Xinhua) -- The talks ended on Friday.", "BEIJING, March 3 (Xinhua)", "BEIJING"),
    ("Tokyo, Feb. 17 Kyodo -- The talks ended on Friday.", "Tokyo, Feb. 17 Kyodo", "Tokyo"),
    ("NATO said the talks ended on Friday.", None, None),  # capitals, but no dateline mark
    ("The talks ended on Friday — in Moscow.", None, None),
    ("Hillary Clinton — who ran twice — lost.", None, None),  # Title Case without a date opens prose
])
def test_one_dateline_detector(text: str, whole: str | None, place: str | None):
    from hwresearch.nlp import dateline, dateline_parts

    sentence = next(load_article(text).doc.sents)
    parts = dateline_parts(sentence)
    found, found_place = dateline(sentence), parts[0] if parts is not None else None
    assert (found.text if found is not None else None) == whole
    assert (found_place.text if found_place is not None else None) == place


def test_a_dateline_is_parsed_apart_from_the_sentence_it_opens():
    """The parser hangs a lede's subject on a dateline it never saw in training: parsed as a sentence of
    its own, the dateline leaves the lede's grammar alone, while the article keeps one sentence."""
    text = "Tehran, Dec 9, IRNA -- The Islamic Human Rights Commission on Sunday condemned the return of force."
    article = load_article(text)
    assert len(article.sentences) == 1
    assert [s.text for s in article.doc.sents] == ["Tehran, Dec 9, IRNA --", text[text.index("The"):]]
    assert speaker_words(text, only(text)) == "The Islamic Human Rights Commission"


@pytest.mark.parametrize("text, speaker", [
    ("BOSTON -- Mayor Dana Whitfield, speaking at the harbour on Tuesday, said the pier would open in spring.",
     "Mayor Dana Whitfield"),
    ("RENO, Nev. — Smith said the plan was dead.", "Smith"),
])
def test_a_dateline_is_never_part_of_the_speaker(text: str, speaker: str):
    row = only(text)
    assert speaker_words(text, row) == speaker


def test_a_quote_signed_with_a_dash_and_a_name_is_that_persons():
    text = ("The survey brought in many letters from readers.\n\n"
            "“She has never visited our town and she talks as if she owns it.” ― Marisol Quintero\n\n"
            "“Perhaps we could send the mayor on a long holiday and keep him away.”\u00a0― Tobias R. Lindqvist.\n")
    frame = quotes(text)
    signed = {row["text"].split()[0]: speaker_words(text, row) for _, row in frame.iterrows()}
    assert signed == {"She": "Marisol Quintero", "Perhaps": "Tobias R. Lindqvist"}
    assert set(frame["cue"]) == {"―"}


def test_a_dash_inside_a_sentence_signs_nothing():
    text = "“It is over,” — and then the senator left the room without another word.\n"
    assert (quotes(text)["cue"] != "―").all()


def test_a_name_subject_with_an_apposition_is_the_speaker():
    text = ("Former Sen. Mara Okafor spoke by phone on Tuesday. Okafor, a longtime party fundraiser, said she had "
            "fought off two bouts of flu during the tour.")
    row = only(text)
    assert speaker_words(text, row) == "Okafor"


@pytest.mark.parametrize("text", [
    "Lena Voss, a council spokeswoman, did not answer my calls.",
    "The harvest was poor, but the farmer learned from the drought.",
    "Forty percent of the voters in the county agreed.",
])
def test_a_verbless_phrase_in_prose_is_no_content(text: str):
    # where the content should stand there is only a setting: nothing is said or thought
    assert quotes(text).empty, quotes(text)[["text", "cue"]].to_dict("records")


@pytest.mark.parametrize("text, content", [
    ("The governor commented briefly on the flooding.", "the flooding"),  # the topic of the report
    ("Folks like Marguerite, she said.", "Folks like Marguerite"),  # a said fragment standing before its comma
    ("The senator said that the bill was dead.", "the bill was dead"),
])
def test_a_topic_or_a_standalone_fragment_stays_content(text: str, content: str):
    assert content in only(text)["text"]


def test_an_object_pronoun_makes_a_participle_an_active_cue_and_a_possessive_is_no_source():
    text = "Her allies called her a visionary for her newly announced housing plan."
    row = only(text)
    assert (row["cue"], speaker_words(text, row)) == ("called", "Her allies")


def test_a_programme_title_after_a_possessive_addressee_is_no_content():
    text = "Whitfield told WKRP's \"Early Edition\" that she would run again in Dayton."
    row = only(text)
    assert (row["text"], row["addressee"]) == ("she would run again in Dayton", "WKRP's \"Early Edition\"")


def test_a_setting_before_a_colon_hands_the_content_to_the_quote_after_it():
    text = ("Okafor said the story was wrong.\n\nVance responded to the report in a post on Tuesday:\n\n"
            "“I never met the man and I do not take orders from party bosses of any kind.”")
    row = quotes(text).iloc[-1]
    assert (row["cue"], row["speaker"], row["text"].split()[:2]) == ("responded", "Vance", ["I", "never"])


def test_a_document_with_a_participle_after_it_is_the_source():
    text = "Drivers want answers. An Ipsos survey released in early June found that most drivers want the tolls dropped."
    row = quotes(text).iloc[-1]
    assert (row["cue"], speaker_words(text, row)) == ("found", "An Ipsos survey")


@pytest.mark.parametrize("text", [
    "Parents want clarity. A Harwell College poll released in early May found that most parents want the fees cut.",
    "Parents want clarity. A Marist College poll released in early May found that most parents want the fees cut.",
    pytest.param(
        "Parents want clarity. A Siena College poll released in late March found that most parents want the fees cut.",
        marks=pytest.mark.xfail(strict=True, reason="narrower than the rule claims: the parse makes the poll the "
                                "subject of 'released', a clause under 'found' (advcl), so 'found' has no subject")),
])
def test_a_poll_with_a_participle_however_it_is_parsed_is_the_source(text: str):
    row = quotes(text).iloc[-1]
    assert row["cue"] == "found" and speaker_words(text, row).endswith("College poll")


@pytest.mark.parametrize("text, content, speaker", [
    # a source whose noun phrase holds a preposition: the token rules stopped at it
    ("The plan is dead, a spokesman for the ministry said.", "The plan is dead", "a spokesman for the ministry"),
    ("The plan is dead, the head of the union said.", "The plan is dead", "the head of the union"),
    ('"The plan is dead," a lawyer for the family said.', "The plan is dead", "a lawyer for the family"),
    # a noun ending in -ly is no adverb between the source and its cue
    ("The plan is dead, the family said.", "The plan is dead", "the family"),
])
def test_a_source_after_its_content_keeps_its_prepositional_phrase(text: str, content: str, speaker: str):
    row = only(text)
    assert (row["text"], speaker_words(text, row)) == (content, speaker)


@pytest.mark.parametrize("text, speaker", [
    ("The plan was dropped, according to those briefed on the effort.", "those briefed on the effort"),
    ("Those familiar with the plan said it was dead.", "Those familiar with the plan"),
    ("The plan is dead, those close to the talks said.", "those close to the talks"),
])
def test_those_as_a_source_is_named_with_what_describes_them(text: str, speaker: str):
    assert speaker_words(text, only(text)) == speaker


def test_a_manner_of_speaking_verb_is_a_cue():
    """"exclaimed", "whispered", "scoffed": how something was said is still a report of saying it."""
    for verb in ("exclaimed", "whispered", "scoffed"):
        quotes = extract_quotes(load_article(f'"The assessment is brilliant," {verb} Jane Smith, a physicist.'))
        assert quotes[["speaker", "cue"]].values.tolist() == [["Jane Smith", verb]], quotes.to_string()
