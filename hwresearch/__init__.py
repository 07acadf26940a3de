"""hwresearch: who says what about whom in a news article, offline."""

from hwresearch.errors import InputError

__all__ = ["InputError"]
