"""Shared fixtures: the seed article, and the evaluation data in ../shared/data where it exists."""

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

from hwresearch import load_article

# In CI the property tests draw the same examples every run, so a landing never hangs on the draw;
# locally they explore anew each time (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed():
    return load_article()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The evaluation data folder; tests that need it skip where it is absent (a user's machine)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_DATA}")
    return SHARED_DATA


@contextmanager
def alarm_after(seconds: int, message: str) -> Iterator[None]:
    """A hang guard, not a timing assertion: raise TimeoutError(message) if the block is still running
    after ``seconds`` (SIGALRM interrupts a blocked read or a runaway regex too)."""

    def expire(signum, frame):
        raise TimeoutError(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
