"""Brown clusters for ``config_clusters.cfg`` (``spacy train --code``): the vocab's ``lexeme_cluster`` table.

The clusters are spaCy's (``spacy_lookups_data/data/en_lexeme_cluster.json.gz``, from the
spacy-lookups-data package, MIT; a training-only dependency): 1M words, of which ~190k have one of
1,000 clusters and the rest 0. Only the words with a cluster are kept: ``initialize`` puts the table in
``nlp.vocab.lookups``, which is saved with the model (``vocab/lookups.bin``), so the shipped pipeline
needs neither the package nor a download. ``hwresearch.nlp.cluster_hash_embed`` reads it.
"""

from __future__ import annotations

import gzip
import json

from spacy.lookups import Lookups
from spacy.util import registry

from hwresearch.nlp import CLUSTER_TABLE


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
