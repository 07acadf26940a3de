"""Shared fixtures: the seed article, the command line run in this process, and the evaluation data in
../shared/data where it exists."""

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import settings

from hwresearch import load_article
from hwresearch.cli import main

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


@pytest.fixture
def cli(capsys) -> Callable[..., SimpleNamespace]:
    """``hwresearch ARGS`` run in this process (``main``): the output and exit status of the command,
    without a new interpreter and pipeline load per call (seconds each). ``returncode``, ``stdout`` and
    ``stderr`` as from ``subprocess.run``. What only a process shows (standard input, the terminal's
    encoding, the installed entry point) is tested with a real one."""

    def run(*args: str) -> SimpleNamespace:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=captured.out, stderr=captured.err)

    return run


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
