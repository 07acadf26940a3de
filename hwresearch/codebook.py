"""The study's codebook: actors and issues, read from TOML and kept apart from the code.

The bundled ``data/codebook.toml`` is this study's; researchers pass their own file, or
:meth:`Codebook.empty` to analyse an article with document-level entities only. Every stage, the
corpus and the CLI read ``codebook=`` through :func:`resolve_codebook`, where None is the study
codebook for the bundled seed only: applied to someone else's article, a study's aliases would
turn strangers into its actors.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from hwresearch.article import Article, is_seed, read_text_file
from hwresearch.errors import InputError

ACTOR_TYPES = ("person", "company", "government", "legislature", "media", "group", "country")
BUNDLED = "codebook.toml"
MAX_CODEBOOK_BYTES = 10_000_000  # far above any study's codebook; a guard against /dev/zero


@dataclass(frozen=True)
class Actor:
    """A canonical actor and the surface forms that name it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    gender: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Issue:
    """An issue written as a proposition one can be for or against, with the cues that signal it."""

    id: str
    label: str
    proposition: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """Actors and issues of a study, looked up by id."""

    actors: tuple[Actor, ...] = ()
    issues: tuple[Issue, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def empty(cls) -> Codebook:
        """No actors, no issues: every mention becomes a document-level entity."""
        return cls()

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_named(self, name: str) -> Actor | None:
        return next((a for a in self.actors if a.name == name), None)

    def issue(self, issue_id: str) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)

    def organisation_of(self, name: str) -> str:
        """The canonical name an actor speaks for (its affiliation), or the name itself."""
        actor = self.actor_named(name)
        if actor is None or actor.affiliation is None:
            return name
        parent = self.actor(actor.affiliation)
        return parent.name if parent else name

    def actors_frame(self) -> pd.DataFrame:
        """The actors as a table, for display."""
        rows = [
            {
                "id": a.id,
                "name": a.name,
                "type": a.type,
                "aliases": ", ".join(a.aliases),
                "affiliation": self.actor(a.affiliation).name if a.affiliation and self.actor(a.affiliation) else "",
            }
            for a in self.actors
        ]
        return pd.DataFrame(rows, columns=["id", "name", "type", "aliases", "affiliation"])

    def issues_frame(self) -> pd.DataFrame:
        """The issues as a table, for display."""
        rows = [{"id": i.id, "label": i.label, "proposition": i.proposition} for i in self.issues]
        return pd.DataFrame(rows, columns=["id", "label", "proposition"])


CodebookSource = Codebook | str | Path | None


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read a codebook TOML file; ``None`` is the bundled study codebook."""
    if path is None:
        return _bundled()
    if not isinstance(path, (str, Path)):
        raise InputError(
            f"a codebook path must be a str or Path, not {type(path).__name__}; "
            "pass the path of a TOML codebook, or None for the bundled one"
        )
    path = Path(path)
    data = read_text_file(path, what="codebook", max_bytes=MAX_CODEBOOK_BYTES)
    try:
        parsed = tomllib.loads(data)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path} is not a valid TOML codebook ({err}); fix the file") from None
    return _from_dict(parsed, str(path))


def resolve_codebook(codebook: CodebookSource, article: Article | None = None) -> Codebook:
    """The codebook a stage applies to ``article``: the one way every stage, the corpus and the CLI
    read their ``codebook=`` argument, so the same forms work everywhere.

    A :class:`Codebook` is used as it is and a ``str`` / ``Path`` is read as a TOML file. ``None``
    is the bundled study codebook for the bundled seed (``article`` None or the seed's text) and
    no study codebook (document entities only) for any other text: a study's actors are the
    study's choice, never a hidden default for someone else's article.
    """
    if isinstance(codebook, Codebook):
        return codebook
    if codebook is None:
        return _bundled() if article is None or is_seed(article) else Codebook.empty()
    if isinstance(codebook, (str, Path)):
        return load_codebook(codebook)
    raise InputError(
        f"codebook must be a hwresearch.Codebook, the path of a TOML codebook, or None, "
        f"not {type(codebook).__name__}"
    )


@lru_cache(maxsize=1)
def _bundled() -> Codebook:
    text = resources.files("hwresearch").joinpath("data", BUNDLED).read_text(encoding="utf-8")
    return _from_dict(tomllib.loads(text), BUNDLED)


def _from_dict(data: dict, where: str) -> Codebook:
    """Check every field's type before building, so a slip in the TOML is an InputError naming it."""
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f'{where}: meta must be a table ([meta] with key = value lines), not {type(meta).__name__}')
    actors = tuple(_actor(entry, where) for entry in _tables(data, "actors", where))
    issues = tuple(_issue(entry, where) for entry in _tables(data, "issues", where))
    for what, values in (
        ("actor id", [a.id for a in actors]),
        ("actor name", [a.name for a in actors]),
        ("issue id", [i.id for i in issues]),
        ("issue label", [i.label for i in issues]),
    ):
        repeated = sorted(v for v, n in Counter(values).items() if n > 1)
        if repeated:
            raise InputError(f"{where}: {what} {repeated[0]!r} is used twice; give every entry its own {what}")
    ids = {a.id for a in actors}
    for actor in actors:
        if actor.affiliation and actor.affiliation not in ids:
            raise InputError(f"{where}: actor {actor.id!r} is affiliated with unknown actor id {actor.affiliation!r}")
    return Codebook(actors=actors, issues=issues, meta=dict(meta))


def _tables(data: dict, key: str, where: str) -> list[dict]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(f"{where}: {key} must be an array of tables ([[{key}]] entries), not {entries!r:.40}")
    return entries


def _actor(entry: dict, where: str) -> Actor:
    _require(entry, ("id", "name", "type"), "actor", where)
    actor_id = _string(entry, "id", "actor", where)
    label = f"actor {actor_id!r}"
    kind = _string(entry, "type", label, where)
    if kind not in ACTOR_TYPES:
        raise InputError(f"{where}: {label} has type {kind!r}; use one of {', '.join(ACTOR_TYPES)}")
    return Actor(
        id=actor_id,
        name=_string(entry, "name", label, where),
        type=kind,
        aliases=_strings(entry, "aliases", label, where),
        descriptions=_strings(entry, "descriptions", label, where),
        metonyms=_strings(entry, "metonyms", label, where),
        titles=_strings(entry, "titles", label, where),
        gender=_string(entry, "gender", label, where, optional=True),
        affiliation=_string(entry, "affiliation", label, where, optional=True),
    )


def _issue(entry: dict, where: str) -> Issue:
    _require(entry, ("id", "proposition"), "issue", where)
    issue_id = _string(entry, "id", "issue", where)
    label = f"issue {issue_id!r}"
    return Issue(
        id=issue_id,
        label=_string(entry, "label", label, where, optional=True) or issue_id,
        proposition=_string(entry, "proposition", label, where),
        cues=_strings(entry, "cues", label, where),
    )


def _string(entry: dict, key: str, label: str, where: str, optional: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f'{where}: {label} needs {key} as a non-empty string (key = "..."), not {value!r:.40}')
    return value


def _strings(entry: dict, key: str, label: str, where: str) -> tuple[str, ...]:
    """A list of non-empty strings; a bare string would otherwise become its letters."""
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InputError(
            f'{where}: {label} needs {key} as a list of non-empty strings ({key} = ["..."]), not {values!r:.60}'
        )
    return tuple(values)


def _require(entry: dict, keys: tuple[str, ...], what: str, where: str) -> None:
    missing = [k for k in keys if k not in entry]
    if missing:
        raise InputError(f"{where}: an {what} entry lacks {', '.join(missing)}; every {what} needs {', '.join(keys)}")
