"""hwresearch: who says what about whom in a news article, offline.

The stages, each a function to a pandas DataFrame: ``load_article`` -> ``extract_mentions`` ->
``extract_quotes`` -> ``stance_statements`` -> ``stakeholder_positions``; ``target_sentiment``
beside them, and ``annotate_corpus`` to run them over many documents.
"""

from hwresearch.article import Article, load_article
from hwresearch.codebook import Codebook, load_codebook, resolve_codebook
from hwresearch.corpus import Corpus, annotate_corpus
from hwresearch.errors import InputError
from hwresearch.mentions import extract_mentions
from hwresearch.nlp import load_pipeline, use_pipeline
from hwresearch.positions import stakeholder_positions
from hwresearch.quotes import extract_quotes
from hwresearch.sentiment import target_sentiment
from hwresearch.stance import stance_statements

__all__ = [
    "Article",
    "Codebook",
    "Corpus",
    "InputError",
    "annotate_corpus",
    "extract_mentions",
    "extract_quotes",
    "load_article",
    "load_codebook",
    "load_pipeline",
    "resolve_codebook",
    "stakeholder_positions",
    "stance_statements",
    "target_sentiment",
    "use_pipeline",
]
