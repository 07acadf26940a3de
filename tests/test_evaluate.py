"""The scorers on tiny examples whose figures were worked out by hand (in the comments)."""

import json

import pandas as pd
import pytest

from hwresearch import InputError
from hwresearch.codebook import Codebook
from hwresearch.evaluate import (
    Attribution,
    Match,
    agreement,
    attribution_scores,
    match_attributions,
    polnear_figures,
    quote_outcomes,
    quote_recall_by_kind,
    read_quote_gold,
    recall_by_kind,
    same_speaker_name,
    score_quotes,
    score_stance,
)

GOLD = Attribution(content=[(0, 100)], speaker=[(200, 205)])


# ---- the PolNeAR rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, matched",
    [
        ((0, 25), False),  # 25 of 100 gold characters
        ((0, 30), False),  # exactly 30%: the rule wants more than 30%
        ((0, 35), True),  # 35%
        ((70, 150), False),  # 30 of its 80 characters fall inside the gold: still 30% of the gold
        ((60, 160), True),  # 40 gold characters covered, the rest outside does not count against it
    ],
)
def test_a_prediction_must_cover_more_than_30_percent_of_the_gold(content, matched):
    matches = match_attributions([([content], [(200, 205)])], [GOLD])
    assert bool(matches) == matched


def test_coverage_counts_gold_fragments():
    # Gold content in two fragments of 20 characters: a prediction over the first covers 50%.
    gold = [Attribution([(0, 20), (40, 60)])]
    assert match_attributions([([(0, 20)], [])], gold) == [Match(0, 0, 0.5, True)]


def test_greedy_one_to_one_best_coverage_first():
    gold = [([(0, 100)], []), ([(100, 200)], [])]
    # P0 covers 60% of each gold; P1 covers 50% of G1. Ties in coverage go to document order, so
    # G0-P0 (0.6) is taken first, G1-P0 is then blocked, and G1 falls to P1 (0.5).
    predicted = [([(40, 160)], []), ([(150, 200)], [])]
    assert match_attributions(predicted, gold) == [Match(0, 0, 0.6, True), Match(1, 1, 0.5, True)]
    # Two predictions of one gold: the better one takes it, the other is left over.
    predicted = [([(50, 100)], []), ([(10, 100)], [])]
    assert match_attributions(predicted, gold[:1]) == [Match(0, 1, 0.9, True)]


@pytest.mark.parametrize(
    "speaker, right",
    [
        ([(203, 210)], True),  # shares 203-205 with the gold source
        ([(205, 210)], False),  # touches it, shares no character
        ([], False),  # no speaker where the gold has one
        ([(0, 3), (201, 202)], True),  # any fragment may overlap
    ],
)
def test_speaker_span_must_overlap_the_gold_source(speaker, right):
    (match,) = match_attributions([([(0, 100)], speaker)], [GOLD])
    assert match.speaker_right is right


def test_no_speaker_on_either_side_is_right():
    (match,) = match_attributions([([(0, 100)], [])], [([(0, 100)], [])])
    assert match.speaker_right
    (match,) = match_attributions([([(0, 100)], [(5, 9)])], [([(0, 100)], [])])
    assert not match.speaker_right


def test_equal_coverage_goes_to_the_pair_whose_speakers_agree():
    # "X maintains that C, a claim Y has denied": one content, two gold attributions.
    gold = [Attribution([(0, 50)], speaker_name="X"), Attribution([(0, 50)], speaker_name="Y")]
    predicted = [Attribution([(0, 50)], speaker_name="Y"), Attribution([(0, 50)], speaker_name="X")]
    matches = match_attributions(predicted, gold, same_speaker=same_speaker_name)
    assert matches == [Match(0, 1, 1.0, True), Match(1, 0, 1.0, True)]


def test_scores_precision_over_predictions_recall_over_gold():
    # 3 predictions, 2 gold, both gold found, one with the right speaker.
    matches = [Match(0, 0, 1.0, True), Match(1, 2, 0.5, False)]
    table = attribution_scores(matches, n_predicted=3, n_gold=2)
    content, who = table.loc["content"], table.loc["who said what"]
    assert (content["precision"], content["recall"], content["f1"]) == pytest.approx((2 / 3, 1.0, 0.8))
    # P 1/3, R 1/2, F1 = 2 * (1/6) / (5/6) = 0.4
    assert (who["precision"], who["recall"], who["f1"]) == pytest.approx((1 / 3, 0.5, 0.4))
    assert who["hits"] == 1 and who["predicted"] == 3 and who["gold"] == 2


def test_scores_with_nothing_predicted_are_zero():
    table = attribution_scores([], n_predicted=0, n_gold=4)
    assert table["f1"].tolist() == [0.0, 0.0] and table["recall"].tolist() == [0.0, 0.0]


def test_recall_by_kind():
    gold = [Attribution([(0, 1)], kind="direct"), Attribution([(1, 2)], kind="indirect"),
            Attribution([(2, 3)], kind="indirect")]
    matches = [Match(0, 0, 1.0, True), Match(1, 1, 1.0, False)]
    table = recall_by_kind(matches, gold)
    assert table.loc["direct", "recall"] == 1.0
    assert table.loc["indirect"].tolist() == [2, 1, 0, 0.0]  # gold, content found, who said what, recall
    assert table.loc["mixed", "gold"] == 0 and table.loc["mixed", "recall"] == 0.0


# ---- the seed-gold format -------------------------------------------------------------------------------

TEXT = "Jane Doe said that taxes would rise. Rates will fall, the bank said. It was hot."


def quotes_frame(rows: list[dict]) -> pd.DataFrame:
    """A hand-made stand-in for extract_quotes output (only the columns the scorer reads)."""
    frame = pd.DataFrame(rows, columns=["start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end"])
    for column in ("start", "end", "speaker_start", "speaker_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


@pytest.fixture
def gold():
    table = pd.DataFrame({
        "content": ["taxes would rise", "Rates will fall"],
        "cue": ["said", "said"],
        "kind": ["indirect", "indirect"],
        "speaker": ["Jane Doe", "Central Bank"],
    })
    return read_quote_gold(table, TEXT)


def test_read_quote_gold_locates_the_contents(gold):
    assert gold[["start", "end"]].values.tolist() == [[19, 35], [37, 52]]


def test_read_quote_gold_rejects_what_it_cannot_place():
    with pytest.raises(InputError, match="not in the article"):
        read_quote_gold(pd.DataFrame({"content": ["taxes will fall"], "cue": [""], "kind": ["indirect"], "speaker": [""]}), TEXT)
    with pytest.raises(InputError, match="kinds"):
        read_quote_gold(pd.DataFrame({"content": ["taxes would rise"], "cue": [""], "kind": ["quote"], "speaker": [""]}), TEXT)


def test_score_quotes_compares_canonical_speakers(gold):
    quotes = quotes_frame([
        {"start": 19, "end": 35, "text": "taxes would rise", "kind": "indirect", "speaker": "Jane Doe",
         "speaker_start": 0, "speaker_end": 8},
        {"start": 37, "end": 52, "text": "Rates will fall", "kind": "indirect", "speaker": "the bank",
         "speaker_start": 54, "speaker_end": 62},  # found, but not resolved to the gold's name
        {"start": 69, "end": 79, "text": "It was hot", "kind": "indirect", "speaker": pd.NA,
         "speaker_start": pd.NA, "speaker_end": pd.NA},  # spurious
    ])
    table = score_quotes(quotes, gold)
    assert table.loc["content", ["precision", "recall"]].tolist() == pytest.approx([2 / 3, 1.0])
    assert table.loc["who said what", ["precision", "recall"]].tolist() == pytest.approx([1 / 3, 0.5])
    outcomes = quote_outcomes(quotes, gold)
    assert outcomes["outcome"].tolist() == ["right", "wrong speaker", "spurious"]
    assert outcomes["predicted speaker"].tolist()[:2] == ["Jane Doe", "the bank"]
    by_kind = quote_recall_by_kind(quotes, gold)
    assert by_kind.loc["indirect"].tolist() == [2, 2, 1, 0.5]  # gold, content found, who said what, recall


def test_score_quotes_missing_speaker_matches_an_empty_gold_speaker():
    gold = read_quote_gold(pd.DataFrame({"content": ["It was hot"], "cue": [""], "kind": ["indirect"], "speaker": [""]}), TEXT)
    quotes = quotes_frame([{"start": 69, "end": 79, "text": "It was hot", "kind": "indirect", "speaker": pd.NA,
                            "speaker_start": pd.NA, "speaker_end": pd.NA}])
    assert score_quotes(quotes, gold).loc["who said what", "f1"] == 1.0
    assert quote_outcomes(quotes, gold)["outcome"].tolist() == ["right"]


# ---- agreement ------------------------------------------------------------------------------------------


def test_kappa_and_alpha_on_a_small_table():
    # Coder A: a a b b a; coder B: a b b b a. Observed agreement 4/5.
    # Kappa: chance = 3/5 * 2/5 + 2/5 * 3/5 = 0.48, so (0.8 - 0.48) / 0.52 = 8/13.
    # Alpha: 10 pairable values, 5 a and 5 b; D_o = 2 / 10, D_e = (5*5 + 5*5) / (10 * 9) = 5/9,
    # so 1 - 0.2 / (5/9) = 0.64.
    scores = agreement(list("aabba"), list("abbba"))
    assert scores == pytest.approx({"observed": 0.8, "kappa": 8 / 13, "alpha": 0.64})


def test_agreement_needs_the_same_items():
    with pytest.raises(InputError):
        agreement(["a", "b"], ["a"])


# ---- stance tuples ------------------------------------------------------------------------------------


def test_score_stance_counts_whole_tuples():
    statements = pd.DataFrame({"sent_id": [0, 0, 1], "holder": ["X", "Y", "X"], "target": ["T", "T", "T"],
                               "polarity": ["favor", "against", "favor"]})
    gold = pd.DataFrame({"sent_id": [0, 1], "holder": ["X", "X"], "target": ["T", "T"], "polarity": ["favor", "against"]})
    score = score_stance(statements, gold, Codebook.empty())
    # One tuple agrees: P 1/3, R 1/2, F1 0.4.
    assert (score["precision"], score["recall"], score["f1"]) == pytest.approx((1 / 3, 0.5, 0.4))


# ---- reference figures --------------------------------------------------------------------------------


def test_polnear_figures_beside_the_peers(tmp_path):
    result = {"who_said_what": {"precision": 60.0, "recall": 50.0, "f1": 54.5},
              "who_said_what_recall_by_kind": {"direct": {"recall": 80.0, "gold": 4},
                                               "mixed": {"recall": 60.0, "gold": 3},
                                               "indirect": {"recall": 40.0, "gold": 9}}}
    path = tmp_path / "polnear_dev.json"
    path.write_text(json.dumps(result))
    table = polnear_figures(path)
    assert table.iloc[0][["f1", "direct", "mixed", "indirect"]].tolist() == [54.5, 80.0, 60.0, 40.0]
    assert table["system"].tolist()[1:] == ["Citron (retrained on PolNeAR)", "GenderGapTracker rules", "sayswho", "textacy"]
    assert table.set_index("system").loc["Citron (retrained on PolNeAR)", "indirect"] == 50.0
    assert len(polnear_figures(tmp_path / "absent.json")) == 4


# ---- resolved speakers (BASIL rule (a)) ------------------------------------------------------------------


def test_mention_kinds():
    from hwresearch.evaluate import mention_kind

    assert mention_kind("He") == "pronoun"
    assert mention_kind("Sen. Elizabeth Warren") == "name"
    assert mention_kind("the FBI") == "name"
    assert mention_kind("The spokesman") == "description"


def test_speaker_outcome_takes_the_first_row_covering_half_the_span():
    from hwresearch.evaluate import speaker_outcome

    text = "Perry said he would run. Jones said so too."
    rows = pd.DataFrame([
        {"start": 11, "end": 23, "speaker": "Rick Perry", "speaker_start": 0, "speaker_end": 5},
        {"start": 36, "end": 42, "speaker": pd.NA, "speaker_start": pd.NA, "speaker_end": pd.NA},
    ])
    assert speaker_outcome(rows, (11, 23), "Rick_Perry", text) == ("right", None)
    assert speaker_outcome(rows, (11, 23), "Bob_Jones", text) == ("wrong speaker", "name")
    assert speaker_outcome(rows, (36, 42), "Bob_Jones", text) == ("empty speaker", None)
    assert speaker_outcome(rows, (0, 5), "Rick_Perry", text) == ("no covering row", None)
