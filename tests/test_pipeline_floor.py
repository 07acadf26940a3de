"""The shipped spaCy pipeline: its EWT dev figures in benchmarks/results/ewt_dev.json hold, and it loads
and parses as the stages expect.

The figures change only with the model: ``python training/train.py`` is followed by ``python
benchmarks/ewt.py``, which writes them.
These tests read the committed JSON only: they guard the committed figures, not the code. A change
that can move a figure must rerun its benchmark and commit the new JSON; a regression in code whose
benchmark was not rerun passes here unnoticed. Rescoring all of EWT dev in every test run cost twenty seconds;
what is checked live is that the committed figures count EWT dev's own sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

from hwresearch import load_article
from hwresearch.nlp import dep, load_pipeline

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "ewt_dev.json"


def _committed() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def test_committed_figures_reach_the_floors():
    result = _committed()
    for name, floor in result["floors"].items():
        assert result["accuracy"][name] >= floor, (name, result["accuracy"][name], floor)


def test_committed_figures_are_of_ewt_dev(shared_data):
    """The committed figures count EWT dev's own sentences (the file the benchmark reads)."""
    text = (shared_data / "ud_ewt" / "en_ewt-ud-dev.conllu").read_text(encoding="utf-8")
    assert _committed()["accuracy"]["sentences"] == text.count("\n# text = ") + text.startswith("# text = ")


def test_pipeline_is_shared_and_has_the_components_the_stages_read():
    nlp = load_pipeline()
    assert load_pipeline() is nlp
    assert {"tagger", "morphologizer", "parser", "trainable_lemmatizer"} <= set(nlp.pipe_names)


def test_doc_keeps_the_text_and_the_article_sentences():
    article = load_article("The U.S. added Huawei to a blacklist. Attorney General William Barr said so.\n\nHe left.")
    doc = article.doc
    assert doc.text == article.text
    sentences = [(s.start_char, s.end_char) for s in doc.sents if not s.text.isspace()]
    assert sentences == list(zip(article.sentences["start"], article.sentences["end"]))
    said = next(t for t in doc if t.text == "said")
    assert said.lemma_ == "say" and said.pos_ == "VERB"
    subjects = [c for c in said.children if dep(c) == "nsubj"]
    assert subjects and any("Barr" in [t.text for t in c.subtree] for c in subjects)


def test_a_users_pipeline_is_used_and_its_labels_mapped():
    import spacy

    nlp = spacy.blank("en")
    article = load_article("Officials said it was fine.", nlp=nlp)
    assert article.doc.text == article.text and article.doc.vocab is nlp.vocab
    token = article.doc[0]
    token.dep_ = "dobj"
    assert dep(token) == "obj"
