"""The one exception the public API lets escape."""


class InputError(ValueError):
    """Bad input: the message says what was wrong and what to do instead."""
