"""The Brown-cluster embedding of the training experiment (training/clusters.py): its features, and that
spaCy finds it once the file is loaded."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy
import spacy
from spacy.util import registry

_SPEC = importlib.util.spec_from_file_location("training_clusters", Path(__file__).resolve().parents[1] / "training" / "clusters.py")
clusters = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(clusters)
CLUSTER_TABLE, cluster_hash_embed = clusters.CLUSTER_TABLE, clusters.cluster_hash_embed

BITS = [4, 6, 10, 20]


def _nlp_with_clusters(table: dict[str, int]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.vocab.lookups.add_table(CLUSTER_TABLE, table)
    return nlp


def _cluster_columns(nlp: spacy.language.Language, text: str) -> list[list[int]]:
    model = cluster_hash_embed(8, ["NORM", "SHAPE"], [50, 50], BITS, [16, 16, 16, 16])
    extract = model.layers[0]
    (features,) = extract.predict([nlp(text)])
    assert features.shape == (len(nlp(text)), 2 + len(BITS))
    return numpy.asarray(features)[:, 2:].tolist()


def test_prefixes_cut_the_bit_path_and_keep_short_paths_whole():
    # 0b1_01101011: bit path 01101011 (8 bits). Prefixes of 4 and 6 bits, with the leading 1 kept;
    # 10 and 20 bits are longer than the path, so both are the whole cluster id.
    nlp = _nlp_with_clusters({"shipments": 0b101101011})
    (row,) = _cluster_columns(nlp, "shipments")
    assert row == [0b10110, 0b1011010, 0b101101011, 0b101101011]


def test_a_capitalized_word_falls_back_to_its_lowercase_and_an_unknown_word_has_none():
    nlp = _nlp_with_clusters({"tanked": 0b11, "Apple": 0b100, "apple": 0b111})
    rows = _cluster_columns(nlp, "Tanked Apple zzyzx")
    assert rows[0] == [0b11] * 4  # no "Tanked": "tanked"'s cluster
    assert rows[1] == [0b100] * 4  # "Apple" has its own, which wins over "apple"'s
    assert rows[2] == [0] * 4


def test_the_embedding_gives_one_vector_per_token_and_spacy_finds_it_by_name():
    assert registry.architectures.get("hwresearch.ClusterHashEmbed.v1") is cluster_hash_embed
    nlp = _nlp_with_clusters({"the": 0b1010})
    model = cluster_hash_embed(8, ["NORM", "SHAPE"], [50, 50], BITS, [16, 16, 16, 16])
    docs = [nlp("the cat sat"), nlp("no clusters here at all")]
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert [v.shape for v in vectors] == [(3, 8), (5, 8)]


def test_prediction_takes_a_shortcut_to_the_same_vectors_as_the_chain():
    nlp = _nlp_with_clusters({"the": 0b1010, "cat": 0b1011001, "sat": 0b1011001, "mat": 0b11})
    model = cluster_hash_embed(8, ["NORM", "SHAPE"], [50, 50], BITS, [16, 16, 16, 16])
    docs = [nlp("the cat sat on the mat"), nlp("Cat"), nlp("nothing known")]
    model.initialize(X=docs)
    as_trained, _ = model(docs, is_train=True)  # no dropout in the layer: the same function
    predicted = model.predict(docs)
    assert [p.shape for p in predicted] == [(6, 8), (1, 8), (2, 8)]
    for a, b in zip(as_trained, predicted, strict=True):
        numpy.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
