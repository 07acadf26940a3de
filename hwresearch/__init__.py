"""hwresearch: who says what about whom in a news article, offline.

The stages, each a function to a pandas DataFrame: ``load_article`` -> ``extract_mentions`` ->
``extract_quotes`` -> ``stance_statements`` -> ``stakeholder_positions``.
"""

from hwresearch.article import Article, load_article
from hwresearch.codebook import Codebook, load_codebook
from hwresearch.corpus import Corpus, annotate_corpus
from hwresearch.errors import InputError
from hwresearch.mentions import extract_mentions
from hwresearch.positions import stakeholder_positions
from hwresearch.quotes import extract_quotes
from hwresearch.stance import stance_statements

__all__ = ["Article", "Codebook", "InputError", "load_article", "load_codebook", "extract_quotes", "extract_mentions", "stance_statements", "stakeholder_positions"]
