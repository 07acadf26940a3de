"""Target-dependent sentiment: meaning-based expectations, bad input, offline loading, and NewsMTSC floors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED_DATA

from hwresearch import InputError
from hwresearch.evaluate import classification_scores
from hwresearch.sentiment import (
    DENSE_FEATURES,
    LABELS,
    evaluation_label,
    target_sentiment,
    target_sentiments,
    vader_label,
    vader_scores,
)

ROOT = Path(__file__).resolve().parents[1]
NEWSMTSC = SHARED_DATA / "newsmtsc"
RESULTS = ROOT / "benchmarks" / "results" / "newsmtsc_dev.json"

ESPIONAGE = (
    "Washington maintains that Huawei's equipment could be used by China to carry out espionage, "
    "a claim Huawei has denied."
)


def span(text: str, mention: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the given occurrence of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return start, start + len(mention)


# --- expectations from what the sentences mean -------------------------------------------------


def test_accused_party_is_negative():
    # The sentence says Huawei's gear could serve Chinese espionage: Huawei is cast in a bad light.
    assert target_sentiment(ESPIONAGE, *span(ESPIONAGE, "Huawei")) == "negative"


def test_state_said_to_spy_is_negative():
    # China is the one that would "carry out espionage" with the equipment.
    assert target_sentiment(ESPIONAGE, *span(ESPIONAGE, "China")) == "negative"


def test_object_of_an_accusation_is_negative():
    text = "The U.S. Justice Department accused Huawei of stealing trade secrets from T-Mobile."
    assert target_sentiment(text, *span(text, "Huawei")) == "negative"


@pytest.mark.xfail(
    strict=True,
    reason="regression of the GRU + TF-IDF blend (issue 14): the GRU reads the sentence's negative "
    "tone into its subject (negative 0.74; the linear part says neutral 0.60); the old model was right",
)
def test_accuser_holding_a_view_is_not_negative():
    # Washington only "maintains" something; nothing in the sentence judges Washington itself.
    assert target_sentiment(ESPIONAGE, *span(ESPIONAGE, "Washington")) == "neutral"


def test_praised_person_is_positive():
    text = "Colleagues praised Maria Lopez for her brilliant and honest handling of the crisis."
    assert target_sentiment(text, *span(text, "Maria Lopez")) == "positive"


def test_charged_person_is_negative():
    text = "Prosecutors charged Tom Baker with fraud, bribery and lying to investigators."
    assert target_sentiment(text, *span(text, "Tom Baker")) == "negative"


def test_plain_schedule_is_neutral():
    text = "Anna Schmidt will travel to Brussels on Tuesday for the meeting."
    assert target_sentiment(text, *span(text, "Anna Schmidt")) == "neutral"


def test_two_targets_in_one_sentence_can_differ():
    text = "Jones was convicted of fraud and corruption, while Smith won praise for his courage."
    assert target_sentiment(text, *span(text, "Jones")) == "negative"
    assert target_sentiment(text, *span(text, "Smith")) == "positive"


def test_batch_equals_one_by_one():
    spans = [span(ESPIONAGE, "Washington"), span(ESPIONAGE, "Huawei", 1), span(ESPIONAGE, "China")]
    assert target_sentiments(ESPIONAGE, spans) == [target_sentiment(ESPIONAGE, *s) for s in spans]
    assert target_sentiments(ESPIONAGE, []) == []


def test_batch_over_lines_equals_each_line_alone():
    # A document's lines are read apart, so scoring them together changes no label.
    other = "Prosecutors charged Tom Baker with fraud, bribery and lying to investigators."
    document = ESPIONAGE + "\n" + other
    shift = len(ESPIONAGE) + 1
    spans = [span(ESPIONAGE, "Huawei"), (shift + span(other, "Tom Baker")[0], shift + span(other, "Tom Baker")[1])]
    assert target_sentiments(document, spans) == [
        target_sentiment(ESPIONAGE, *span(ESPIONAGE, "Huawei")),
        target_sentiment(other, *span(other, "Tom Baker")),
    ]


def test_numpy_offsets_are_accepted():
    start, end = span(ESPIONAGE, "Huawei")
    expected = target_sentiment(ESPIONAGE, start, end)
    assert target_sentiment(ESPIONAGE, np.int64(start), np.int32(end)) == expected
    offsets = np.array([[start, end]], dtype=np.int64)
    assert target_sentiments(ESPIONAGE, offsets) == [expected]


# --- the VADER baseline ------------------------------------------------------------------------


def test_vader_scores_the_sentence_not_the_target():
    scores = vader_scores(ESPIONAGE)
    assert set(scores) == {"neg", "neu", "pos", "compound"}
    # Only "denied" is in VADER's lexicon here ("espionage" is not): negative, as methods.md notes.
    assert scores["compound"] < -0.05
    assert vader_label(ESPIONAGE) == "negative"
    assert vader_label("The meeting is on Tuesday.") == "neutral"
    assert vader_label("A wonderful, happy success.") == "positive"


def test_vader_and_the_model_load_offline_and_never_download(tmp_path):
    """In a fresh interpreter with an empty cache, no network and nltk.download booby-trapped."""
    script = textwrap.dedent(
        """
        import socket
        import nltk, nltk.downloader

        def refuse(*args, **kwargs):
            raise AssertionError("network or download attempted")

        nltk.download = nltk.downloader.download = refuse
        nltk.downloader.Downloader.download = refuse
        socket.socket.connect = refuse
        socket.create_connection = refuse

        import sys
        from hwresearch.sentiment import target_sentiment, vader_scores
        assert vader_scores("A wonderful success.")["compound"] > 0.5
        text = "Critics slammed Jones."
        assert target_sentiment(text, 16, 21) in ("negative", "neutral", "positive")
        # The model runs in numpy: nothing used only for fitting it is loaded (nltk itself imports
        # scikit-learn when it happens to be installed, so that one is not checked).
        loaded = {"torch", "wordllama", "tokenizers", "safetensors", "textblob"} & set(sys.modules)
        assert not loaded, loaded
        print("ok")
        """
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert (tmp_path / "cache" / "hwresearch" / "nltk_data" / "sentiment").is_dir()


def test_vader_falls_back_to_a_temp_folder_when_the_cache_cannot_be_written(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the cache folder should go")
    script = "from hwresearch.sentiment import vader_label; print(vader_label('A happy day.'))"
    env = dict(os.environ, XDG_CACHE_HOME=str(blocker))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "positive"


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "says"),
    [
        (None, 0, 1, "must be a str"),
        (b"bytes", 0, 1, "must be a str"),
        ("", 0, 0, "empty"),
        ("Smith spoke.", 3, 3, "0 <= start < end"),
        ("Smith spoke.", 4, 2, "0 <= start < end"),
        ("Smith spoke.", -1, 3, "0 <= start < end"),
        ("Smith spoke.", 0, 99, "0 <= start < end"),
        ("Smith spoke.", 0.0, 5, "must be an int"),
        ("Smith spoke.", True, 5, "must be an int"),
        ("Smith spoke.", 5, 6, "only whitespace"),
    ],
)
def test_bad_input_raises_input_error_that_says_what_to_do(text, start, end, says):
    with pytest.raises(InputError, match=says) as caught:
        target_sentiment(text, start, end)
    assert isinstance(caught.value, ValueError)


def test_bad_batch_span_is_named():
    with pytest.raises(InputError, match="span 1"):
        target_sentiments("Smith spoke.", [(0, 5), (0, 50)])
    with pytest.raises(InputError, match="span 0 is not a"):
        target_sentiments("Smith spoke.", ["Smith"])
    with pytest.raises(InputError, match="must be a str"):
        target_sentiments(None, [(0, 5)])


def test_vader_rejects_non_text():
    with pytest.raises(InputError, match="must be a str"):
        vader_scores(42)


# --- the shipped model and its measured floor on NewsMTSC ------------------------------------------


def test_model_is_small_and_loads_without_pickle():
    path = ROOT / "hwresearch" / "data" / "sentiment_model.npz"
    assert path.stat().st_size < 25_000_000
    with np.load(path, allow_pickle=False) as arrays:
        assert tuple(arrays["labels"]) == LABELS
        assert tuple(arrays["dense_features"]) == DENSE_FEATURES
        assert len(arrays["words"]) == arrays["word_inputs"].shape[1]


@pytest.mark.parametrize("split", ["rw_dev", "mt_dev"])
def test_dev_reaches_the_recorded_floor(split):
    if not NEWSMTSC.is_dir():
        pytest.skip(f"NewsMTSC evaluation data not found at {NEWSMTSC} (only on development machines and CI)")
    floor = json.loads(RESULTS.read_text(encoding="utf-8"))["regression_floor"][f"{split}_macro_f1"]
    polarity = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
    predicted, gold = [], []
    for line in (NEWSMTSC / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = [(target["from"], target["to"]) for target in row["targets"]]
        predicted += target_sentiments(row["sentence_normalized"], spans)
        gold += [polarity[target["polarity"]] for target in row["targets"]]
    assert classification_scores(gold, predicted, LABELS)["macro_f1"] >= floor


@pytest.mark.parametrize("text, label", [("Trump says he will run the nation like his business? God help us.", "negative"),
                                         ("God forbid it happens again.", "negative"), ("Thank God it is over.", "positive")])
def test_an_exclamation_signs_as_a_whole_not_by_its_words(text, label):
    """"God help us" is dismay: VADER's baseline reads "help" as praise, the package the oath as a whole."""
    assert evaluation_label(text) == label
    assert evaluation_label("Oh my God.") == "neutral"  # surprise, no evaluation


@pytest.mark.parametrize("text", ["It is about some phony theology.", "That story is garbage.",
                                  "The claims were baseless."])
def test_news_words_vader_lacks_sign_a_speakers_own_words(text):
    """Pejoratives of political news are missing from VADER's social-media lexicon: its baseline label
    stays neutral, the package's reading of the words is negative."""
    assert vader_label(text) == "neutral"
    assert evaluation_label(text) == "negative"
