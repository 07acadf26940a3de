"""Brown-cluster features for ``config_clusters.cfg`` (``spacy train --code``): the table and the embedding.

An experiment, not the shipped model (see train.py's docstring for its figures): the embedding is spaCy's
MultiHashEmbed plus Brown-cluster bit-prefix columns, so that words unseen in training still get a class.
The clusters are spaCy's (``spacy_lookups_data/data/en_lexeme_cluster.json.gz``, from the
spacy-lookups-data package, MIT; a training-only dependency): 1M words, of which ~190k have one of
1,000 clusters and the rest 0. Only the words with a cluster are kept: ``initialize`` puts the table in
``nlp.vocab.lookups``, which is saved with the model (``vocab/lookups.bin``), so a trained pipeline
needs neither the package nor a download. Should a model trained with it ship, this embedding moves
into ``hwresearch.nlp`` with a ``spacy_architectures`` entry point so that every ``spacy.load`` finds it.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.lookups import Lookups
from spacy.util import registry

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from thinc.api import Model
    from thinc.types import Floats2d, Ints2d

# spaCy's name for the Brown-cluster table in ``vocab.lookups`` (``Lexeme.cluster`` reads it too).
CLUSTER_TABLE = "lexeme_cluster"


def cluster_table(path: str) -> dict[str, int]:
    """Word -> Brown cluster id, for the words that have a cluster (id 0 means none)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {word: cluster for word, cluster in json.load(handle).items() if cluster}


@registry.misc("hwresearch.brown_clusters.v1")
def brown_clusters(path: str) -> Lookups:
    """The lookups for ``[initialize.lookups]`` in training/config_clusters.cfg."""
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, cluster_table(path))
    return lookups


@registry.architectures("hwresearch.ClusterHashEmbed.v1")
def cluster_hash_embed(
    width: int, attrs: list[str], rows: list[int], cluster_bits: list[int], cluster_rows: list[int]
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed with Brown-cluster features added: words unseen in training still get a class.

    Registered as ``hwresearch.ClusterHashEmbed.v1`` when this file is loaded (``spacy train --code``,
    or loading it before ``spacy.load`` of a model trained with it, as ``benchmarks/ewt.py MODEL_DIR`` does). Each token's cluster (its orth's, else its lowercase's) comes from the
    ``lexeme_cluster`` table in the vocab's lookups, which is saved with the model: no download at run
    time. The cluster id's bit path (its binary form after the leading 1) is cut to each length in
    ``cluster_bits`` (shorter paths kept whole), and each prefix is hashed into an embedding of
    ``cluster_rows`` rows, beside the usual ``attrs`` embeddings; a Maxout mixes them, as MultiHashEmbed does.
    The layers are MultiHashEmbed's chain; only prediction takes a shortcut (:func:`_embed_predict`).
    """
    from thinc.api import HashEmbed, Maxout, Model, concatenate, list2ragged, ragged2list, with_array
    from thinc.layers.chain import init

    if len(rows) != len(attrs) or len(cluster_rows) != len(cluster_bits):
        raise ValueError(f"one row count per feature: {len(attrs)} attrs, {len(rows)} rows, "
                         f"{len(cluster_bits)} cluster_bits, {len(cluster_rows)} cluster_rows")
    sizes = list(rows) + list(cluster_rows)
    # The seeds MultiHashEmbed gives its tables (8, 9, ...), continued for the cluster columns.
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(sizes)]
    extract = Model("extract_cluster_features", _cluster_features, attrs={"columns": list(attrs), "bits": tuple(cluster_bits)})
    layers = [
        extract,
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    ]
    return Model(">>".join(layer.name for layer in layers), _embed_forward, init=init, dims={"nO": None}, layers=layers)


def _embed_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Floats2d], object]:
    """Training runs the chain as it is; prediction the cheaper equivalent of :func:`_embed_predict`."""
    from thinc.layers.chain import forward

    if is_train:
        return forward(model, docs, is_train)
    return _embed_predict(model, docs), lambda d_vectors: []


def _embed_predict(model: Model, docs: list[Doc]) -> list[Floats2d]:
    """The chain's output, with the cluster columns computed once per distinct cluster in the batch.

    The Maxout's input is the concatenated embeddings, so its product splits into the word features'
    part and the clusters' part; the latter depends on the cluster alone (a batch has a few hundred),
    which spares the hashing of four columns and half the Maxout's matrix product for every token.
    """
    import numpy

    extract, _, embed, mix, _ = model.layers
    columns = embed.layers[0].layers  # ints-getitem >> hashembed, one per feature column
    (maxout, layernorm), _ = (layer.layers for layer in mix.layers[0].layers)
    features = extract.predict(docs)
    if not features or not sum(len(f) for f in features):
        return model.ops.unflatten(model.ops.alloc2f(0, model.get_dim("nO")), [len(f) for f in features])
    X = model.ops.xp.concatenate(features)
    n_words = len(extract.attrs["columns"])
    clusters, inverse = numpy.unique(X[:, n_words:], axis=0, return_inverse=True)
    per_cluster = numpy.zeros((len(clusters), X.shape[1]), dtype=X.dtype)
    per_cluster[:, n_words:] = clusters
    word_vectors = model.ops.xp.hstack([column.predict(X) for column in columns[:n_words]])
    cluster_vectors = model.ops.xp.hstack([column.predict(per_cluster) for column in columns[n_words:]])
    nO, nP = maxout.get_dim("nO"), maxout.get_dim("nP")
    W = maxout.get_param("W").reshape(nO * nP, -1)
    split = word_vectors.shape[1]
    Y = model.ops.gemm(word_vectors, W[:, :split], trans2=True)
    Y += model.ops.gemm(cluster_vectors, W[:, split:], trans2=True)[inverse.reshape(-1)]
    Y += maxout.get_param("b").reshape(nO * nP)
    best, _ = model.ops.maxout(Y.reshape(len(X), nO, nP))
    return model.ops.unflatten(layernorm.predict(best), [len(f) for f in features])


def _cluster_features(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], object]:
    """Per token: the ``columns`` attributes, then one cluster bit-prefix per length (0: no cluster)."""
    import numpy

    bits = tuple(model.attrs["bits"])  # a list once the model is loaded from disk
    features = []
    for doc in docs:
        table = doc.vocab.lookups.get_table(CLUSTER_TABLE, {})
        base = doc.to_array(model.attrs["columns"]).reshape(len(doc), -1)
        clusters = [table.get(orth, 0) or table.get(lower, 0) for orth, lower in doc.to_array(["ORTH", "LOWER"]).tolist()]
        prefixes = numpy.array([_cluster_prefixes(c, bits) for c in clusters], dtype="uint64").reshape(len(doc), len(bits))
        features.append(model.ops.asarray2i(numpy.hstack([base.astype("uint64"), prefixes]), dtype="uint64"))
    return features, lambda d_features: []


@lru_cache(maxsize=65536)
def _cluster_prefixes(cluster: int, bits: tuple[int, ...]) -> tuple[int, ...]:
    """The cluster's bit path cut to each length, the leading 1 kept (so prefixes of different lengths differ)."""
    if not cluster:
        return (0,) * len(bits)
    depth = cluster.bit_length() - 1
    return tuple(cluster >> max(0, depth - n) for n in bits)
