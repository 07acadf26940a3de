"""The study's codebook: actors and issues, read from TOML and kept apart from the code.

The bundled ``data/codebook.toml`` is this study's; researchers pass their own file, or
:meth:`Codebook.empty` to analyse an article with document-level entities only.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from hwresearch.errors import InputError

ACTOR_TYPES = ("person", "company", "government", "legislature", "media", "group", "country")
BUNDLED = "codebook.toml"


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


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read a codebook TOML file; ``None`` is the bundled study codebook."""
    if path is None:
        return _bundled()
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no codebook file at {path}; pass the path of a TOML codebook, or None for the bundled one")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"{path} is not a valid UTF-8 TOML codebook ({err}); fix the file") from None
    return _from_dict(data, str(path))


@lru_cache(maxsize=1)
def _bundled() -> Codebook:
    text = resources.files("hwresearch").joinpath("data", BUNDLED).read_text(encoding="utf-8")
    return _from_dict(tomllib.loads(text), BUNDLED)


def _from_dict(data: dict, where: str) -> Codebook:
    actors = []
    for entry in data.get("actors", []):
        _require(entry, ("id", "name", "type"), "actor", where)
        if entry["type"] not in ACTOR_TYPES:
            raise InputError(f"{where}: actor {entry['id']!r} has type {entry['type']!r}; use one of {', '.join(ACTOR_TYPES)}")
        actors.append(
            Actor(
                id=entry["id"],
                name=entry["name"],
                type=entry["type"],
                aliases=tuple(entry.get("aliases", ())),
                descriptions=tuple(entry.get("descriptions", ())),
                metonyms=tuple(entry.get("metonyms", ())),
                titles=tuple(entry.get("titles", ())),
                gender=entry.get("gender"),
                affiliation=entry.get("affiliation"),
            )
        )
    issues = []
    for entry in data.get("issues", []):
        _require(entry, ("id", "proposition"), "issue", where)
        issues.append(
            Issue(
                id=entry["id"],
                label=entry.get("label", entry["id"]),
                proposition=entry["proposition"],
                cues=tuple(entry.get("cues", ())),
            )
        )
    ids = [a.id for a in actors]
    for actor in actors:
        if actor.affiliation and actor.affiliation not in ids:
            raise InputError(f"{where}: actor {actor.id!r} is affiliated with unknown actor id {actor.affiliation!r}")
    return Codebook(actors=tuple(actors), issues=tuple(issues), meta=dict(data.get("meta", {})))


def _require(entry: dict, keys: tuple[str, ...], what: str, where: str) -> None:
    missing = [k for k in keys if k not in entry]
    if missing:
        raise InputError(f"{where}: an {what} entry lacks {', '.join(missing)}; every {what} needs {', '.join(keys)}")
