"""The shared English lexicon (hwresearch/lang/en): well-formed, free of duplicates and conflicts, and
reachable by the stages that read it."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from hwresearch.errors import InputError
from hwresearch.lexicon import CUE_FRAMES, inflections, lexicon

LANG = resources.files("hwresearch").joinpath("lang", "en")


def _lists(node, where=""):
    """Every list in a TOML document, with its dotted key."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _lists(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list) and all(isinstance(v, str) for v in node):
        yield where, node


@pytest.mark.parametrize("name", sorted(p.name for p in LANG.iterdir() if p.name.endswith(".toml")))
def test_no_list_holds_a_word_twice(name):
    data = tomllib.loads(LANG.joinpath(name).read_text(encoding="utf-8"))
    for key, values in _lists(data):
        doubled = sorted({v for v in values if values.count(v) > 1})
        assert not doubled, f"{name} {key}: {doubled}"


def test_a_cue_lemma_has_one_frame():
    frames = tomllib.loads(LANG.joinpath("cues.toml").read_text(encoding="utf-8"))["frames"]
    seen: dict[str, str] = {}
    for frame in CUE_FRAMES:
        for lemma in frames[frame]:
            assert lemma not in seen, f"{lemma!r} is both a {seen[lemma]} and a {frame} cue"
            seen[lemma] = frame


def test_typed_word_classes_give_each_word_one_type():
    actors = tomllib.loads(LANG.joinpath("actors.toml").read_text(encoding="utf-8"))
    for table in ("organisation_heads", "description_nouns", "group_nouns"):
        owner: dict[str, str] = {}
        for kind, words in actors[table].items():
            for word in words:
                assert word not in owner, f"{table}: {word!r} is both {owner[word]} and {kind}"
                owner[word] = kind


def test_gendered_classes_do_not_overlap():
    lex = lexicon()
    assert not lex.male_titles & lex.female_titles
    names = tomllib.loads(LANG.joinpath("first_names.toml").read_text(encoding="utf-8"))
    assert not set(names["male"]) & set(names["female"])
    referents = tomllib.loads(LANG.joinpath("function_words.toml").read_text(encoding="utf-8"))["pronouns"]
    assert not set(referents["male"]) & set(referents["female"])


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("say", {"say", "says", "said", "saying"}),
        ("agree", {"agree", "agrees", "agreed", "agreeing"}),
        ("admit", {"admit", "admits", "admitted", "admitting"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("stress", {"stress", "stresses", "stressed", "stressing"}),
        ("echo", {"echo", "echoes", "echoed", "echoing"}),
        ("see", {"see", "sees", "saw", "seen", "seeing"}),
        ("note", {"note", "notes", "noted", "noting"}),
        ("ban", {"ban", "bans", "banned", "banning"}),
        ("play", {"play", "plays", "played", "playing"}),
    ],
)
def test_inflections(lemma, forms):
    assert inflections(lemma) == forms


def test_every_cue_form_is_found_by_the_quote_rules():
    from hwresearch.quotes import _CUE, _CUE_FIRST_WORDS

    lex = lexicon()
    for form in [*lex.cue_forms, *lex.multiword_cues]:
        assert form.split()[0] in _CUE_FIRST_WORDS, form
        match = _CUE.match(form)
        assert match is not None and match.end() == len(form), form


def test_stance_verbs_that_report_are_cues_too():
    """A denial or accusation is a report in quotes as well as a stance: "refute" is both or neither."""
    lex = lexicon()
    for relation in ("accusation", "denial"):
        for verb in lex.stance[relation]["verbs"]:
            assert verb in lex.cue_lemmas, f"{relation} verb {verb!r} is not a reporting cue"


def test_only_known_languages():
    with pytest.raises(InputError, match="no lexicon"):
        lexicon("xx")


def test_opinion_predicates_take_one_side():
    """A word is a favor or an against predicate of its class, never both, and listed once."""
    predicates = lexicon().stance["predicates"]
    for kind in ("verbs", "nouns", "adjectives"):
        favor, against = predicates["favor"][kind], predicates["against"][kind]
        assert not set(favor) & set(against), kind
        assert len(favor) == len(set(favor)) and len(against) == len(set(against)), kind


def test_every_exclamation_has_its_valence_as_a_whole_on_vaders_scale():
    """sentiment.toml [exclamations] rates each oath of function_words.toml as a whole: one missing
    would be read by its words again ("God help us" as praise)."""
    rated = lexicon().exclamation_valence
    assert set(rated) == set(lexicon().exclamations)
    assert all(-4.0 <= value <= 4.0 for value in rated.values())


def test_news_valence_holds_only_words_vader_lacks_on_its_scale():
    """The news words supplement VADER: a word VADER already rates would be rated twice, and a value
    off VADER's -4..+4 scale would outweigh every word of its own."""
    from hwresearch.sentiment import _analyzer

    news = lexicon().news_valence
    assert news, "sentiment.toml [valence] is empty"
    assert not sorted(set(news) & set(_analyzer().lexicon))
    assert all(-4.0 <= value <= 4.0 and value != 0 for value in news.values())
