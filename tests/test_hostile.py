"""Hostile input: every public function either returns spans that slice back into the text or raises
InputError, and the CLI answers in one line without a traceback.

The cases are the ones that break text tools in practice: odd and foreign quote marks, invisible
characters, huge runs of one character, a megabyte without punctuation, thousands of quotes. Each case
runs under an alarm, so catastrophic regex backtracking fails the test instead of hanging it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pandas as pd
import pytest
from conftest import alarm_after
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hwresearch import InputError, load_article
from hwresearch.cli import main
from hwresearch.mentions import extract_mentions
from hwresearch.positions import stakeholder_positions
from hwresearch.quotes import extract_quotes
from hwresearch.sentiment import target_sentiment
from hwresearch.stance import stance_statements

SEED_TEXT = load_article().text
SENTIMENT_LABELS = {"positive", "neutral", "negative"}
# (start, end, text) column triples a stage may have; text None: only the offsets are checked.
SPANS = [("start", "end", "text"), ("cue_start", "cue_end", "cue"), ("speaker_start", "speaker_end", None)]
STANCE_SPANS = [("start", "end", None)]
CASE_SECONDS = 60  # a hang guard, not a speed target: the benchmarks measure speed


# The text-taking stages, for tests that run over both.
TEXT_STAGES = {"mentions": extract_mentions, "quotes": extract_quotes}


def time_limit(seconds: int, what: str):
    """Fail (rather than hang) when ``what`` runs longer than ``seconds``."""
    return alarm_after(seconds, f"{what} ran over {seconds} s: likely catastrophic backtracking or quadratic work")


def check_spans(text: str, frame: pd.DataFrame, spans=SPANS) -> None:
    assert isinstance(frame, pd.DataFrame)
    for start_col, end_col, text_col in spans:
        if start_col not in frame.columns:
            continue
        for row in frame.itertuples(index=False):
            start, end = getattr(row, start_col), getattr(row, end_col)
            if pd.isna(start) and pd.isna(end):
                continue
            assert 0 <= start <= end <= len(text), (start_col, start, end, len(text))
            if text_col is not None and text_col in frame.columns and not pd.isna(getattr(row, text_col)):
                assert text[start:end] == getattr(row, text_col), (start_col, start, end)


def returns_or_input_error(call: Callable[[], object]) -> object | None:
    """The call's result, or None when it raised InputError; anything else escapes and fails the test."""
    try:
        return call()
    except InputError as err:
        assert str(err), "an InputError needs a message"
        return None


def check_everything(text: str) -> None:
    """Every public stage on ``text``: valid spans or InputError, nothing else."""
    article = returns_or_input_error(lambda: load_article(text))
    if article is not None:
        assert article.text == text
        check_spans(text, article.sentences)
        check_spans(text, article.paragraphs)
    # The article itself where it loads (so its Doc is parsed once), the text where it does not.
    source = text if article is None else article
    mentions = returns_or_input_error(lambda: extract_mentions(source))
    if mentions is not None:
        check_spans(text, mentions)
    quotes = returns_or_input_error(lambda: extract_quotes(source))
    if quotes is not None:
        check_spans(text, quotes)
    if article is not None:
        statements = returns_or_input_error(lambda: stance_statements(article))
        if statements is not None:
            check_spans(text, statements, STANCE_SPANS)
        positions = returns_or_input_error(lambda: stakeholder_positions(article))
        assert positions is None or isinstance(positions, pd.DataFrame)
    targets = [(0, min(len(text), 8))]
    if mentions is not None and len(mentions):
        targets.append((int(mentions["start"].iloc[0]), int(mentions["end"].iloc[0])))
    for start, end in targets:
        label = returns_or_input_error(lambda start=start, end=end: target_sentiment(text, start, end))
        assert label is None or label in SENTIMENT_LABELS, label


CASES: dict[str, Callable[[], str]] = {
    "empty": lambda: "",
    "whitespace": lambda: " \n\t\u00a0\r\n  ",
    "nul bytes": lambda: 'Mr. Smith said "no."\x00\x00 He left.',
    "crlf line endings": lambda: SEED_TEXT.replace("\n", "\r\n"),
    "zero-width and rtl marks": lambda: (
        "\u200bHuawei\u200b said \u200f\u201cwe are open\u201d\u200e. "
        "Ren\u200d Zhengfei told CNBC\u2060 that the \ufeffoffer stands.\u202e"
    ),
    "combining accents": lambda: 'Jose\u0301 Mari\u0301a Pe\u0301rez said "c\u0327a va." Zo\u0308e agreed, she said.',
    "emoji": lambda: '"Great deal \U0001f389\U0001f1fa\U0001f1f8," Trump said. \U0001f44d\U0001f3fd Huawei said no \U0001f937.',
    "curly quotes": lambda: "\u201cWe will win,\u201d he said. \u2018Maybe,\u2019 she said. It\u2019s Huawei\u2019s call.",
    "guillemets": lambda: "\u00abNous gagnerons\u00bb, a dit Macron. He said \u00abno\u00bb and \u2039yes\u203a.",
    "german quotes": lambda: "\u201eWir schaffen das\u201c, sagte Merkel. Merkel said \u201eyes\u201c to Huawei.",
    "odd number of quote marks": lambda: 'He said "yes. She said "no" and left. "Why, he asked.',
    "100,000 quote marks": lambda: '"' * 100_000,
    "100,000 curly quote marks": lambda: "\u201c\u201d" * 50_000,
    # Big enough that a quadratic rule would not finish; small enough to parse in seconds.
    "300 kB sentence without punctuation": lambda: ("the Senator said that officials according to Huawei told " * 5_400)[
        :300_000
    ],
    "6,000 short quotes": lambda: '"Yes," he said. ' * 6_000,
    "one long line of apostrophes": lambda: "it's " + "'" * 50_000 + " Huawei's",
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(name):
    text = CASES[name]()
    with time_limit(CASE_SECONDS, name):
        check_everything(text)


@pytest.mark.slow
def test_seed_repeated_100_times_within_a_minute():
    """A hang guard against super-linear work over a whole article: 100 copies are 44,000 words, which
    every stage handles in seconds; a rule that compares every token with every other makes billions of
    steps of them and does not finish."""
    text = "\n\n".join([SEED_TEXT] * 100)
    with time_limit(60, "the seed repeated 100 times"):
        check_everything(text)


@pytest.mark.parametrize("text", ["~0", "~nosuchuser", "~nosuchuser/x.txt"])
def test_tilde_of_an_unknown_user(text):
    """Found by hypothesis: "~0" made Path.expanduser raise RuntimeError in load_article (fixed there)."""
    article = returns_or_input_error(lambda: load_article(text))
    assert article is None or article.text == text


@pytest.mark.parametrize("start, end", [(-1, 3), (5, 2), (0, 10**9), (3, 3)])
def test_target_sentiment_bad_offsets(start, end):
    with pytest.raises(InputError):
        target_sentiment("Huawei said the offer stands.", start, end)


@pytest.mark.parametrize("stage", ["mentions", "quotes"])
@pytest.mark.parametrize("value", [b"bytes", 42, ["a list"]])
def test_text_functions_reject_non_text(stage, value):
    with pytest.raises(InputError):
        TEXT_STAGES[stage](value)


# ---- the CLI ---------------------------------------------------------------------------------------

CLI_STAGES = ["article", "mentions", "quotes", "stance", "positions"]
CLI_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": b" \r\n\t\r\n",
    "nul.txt": b"Huawei said no.\x00",
    "latin1.txt": "Caf\xe9 owner said it was fine.".encode("latin-1"),
    "bom_crlf.txt": "\ufeffHuawei said \u201cno.\u201d\r\n\r\nHe left.\r\n".encode("utf-8"),
    "quotes.txt": b'"' * 100_000,
    "odd.txt": b'He said "yes. She said "no" and left.',
}


@pytest.mark.parametrize("stage", CLI_STAGES)
def test_cli_on_hostile_files(stage, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("HWRESEARCH_DEBUG", raising=False)
    paths = []
    for name, data in CLI_FILES.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    paths += [tmp_path, tmp_path / "missing.txt"]
    for path in paths:
        with time_limit(CASE_SECONDS, f"{stage} {path.name}"):
            status = main([stage, str(path), "--format", "csv"])
        out, err = capsys.readouterr()
        assert status in (0, 2), (path.name, status)
        assert "Traceback" not in err and "internal error" not in err, (path.name, err)
        if status == 2:
            assert len(err.strip().splitlines()) == 1, (path.name, err)


def test_cli_subprocess_never_shows_a_traceback(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    for args in (["quotes", str(binary)], ["article", str(tmp_path)], ["nonsense"], ["quotes", "--format", "xml"]):
        result = subprocess.run([sys.executable, "-m", "hwresearch", *args], capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)


# ---- properties over random text -------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        '"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "\u201e", "`", "''",
        "\n", "\n\n", "\r\n", " ", "  ", ". ", ", ", ": ", "; ", "?", "!", "(", ")", "-", "\u2014",
        "said", " said ", "says", "told", "according to", "said that", "added", "denied", "claimed",
        "He", "She", "They", "It", "The", "Huawei", "Trump", "Ren Zhengfei", "Mr.", "U.S.", "CNBC",
        "Attorney General William Barr", "the company", "Washington", "Beijing", "China", "the U.S.",
        "it's", "Huawei's", "on Twitter", "5G", "ban", "security", "threat", "great", "not",
    ]
)
RANDOM_TEXT = st.lists(st.one_of(PIECES, PIECES, st.text(max_size=4)), max_size=80).map("".join)
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=RANDOM_TEXT)
def test_load_article_spans_slice_back(text):
    article = returns_or_input_error(lambda: load_article(text))
    if article is not None:
        check_spans(article.text, article.sentences)
        check_spans(article.text, article.paragraphs)


@pytest.mark.parametrize("stage", TEXT_STAGES)
@PROPERTY
@given(text=RANDOM_TEXT)
def test_text_stage_spans_slice_back(stage, text):
    frame = returns_or_input_error(lambda: TEXT_STAGES[stage](text))
    if frame is not None:
        check_spans(text, frame)


@PROPERTY
@given(text=RANDOM_TEXT)
def test_stance_and_positions_only_raise_input_errors(text):
    article = returns_or_input_error(lambda: load_article(text))
    if article is None:
        return
    statements = returns_or_input_error(lambda: stance_statements(article))
    if statements is not None:
        check_spans(text, statements, STANCE_SPANS)
    returns_or_input_error(lambda: stakeholder_positions(article))


@PROPERTY
@given(text=RANDOM_TEXT, data=st.data())
def test_target_sentiment_labels_any_span(text, data):
    start = data.draw(st.integers(-2, len(text) + 2))
    end = data.draw(st.integers(-2, len(text) + 2))
    label = returns_or_input_error(lambda: target_sentiment(text, start, end))
    assert label is None or label in SENTIMENT_LABELS


def test_a_nul_byte_in_what_reads_like_a_path_is_binary_text_not_a_crash():
    """"~\\x00" starts like a home-relative path, but no file name holds a NUL byte (found by hypothesis)."""
    with pytest.raises(InputError, match="NUL"):
        load_article("~\x00")
