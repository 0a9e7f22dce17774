"""The capture line: ``Title @Owner #Phase +tag country:Cambodia due:2021-03 start:2021-01``.

A facilitator types while people talk, so owners and phases are matched by a
case-insensitive prefix of their name (``@ana`` is "Ana Lopez"). Anything that
could be guessed wrongly (a prefix two owners share, an impossible date) is
reported as a ``QuickAddError`` instead; nothing is guessed silently. An owner
that does not exist yet is created, because naming a new owner mid-sentence is
normal; a phase is not, because a mistyped phase would quietly add a column.

``@"Two Words"`` or ``@two_words`` names an owner with spaces (the same for
``#``); a new name keeps the case typed. Unquoted, ``@Chab Dai`` takes as many
of the following words as make up the start of an existing name, word for
word, so "Dai" does not stay in the title. ``country:Cambodia`` (repeated, or
``country:Cambodia,Laos``) adds countries, spelt as the roadmap already spells
them when it does. A word starting with a backslash is kept literally without
it (``\\#1`` is the title word ``#1``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .fields import parse_date
from .operations import RoadmapEditError, add_owner, add_signpost
from .roadmap import Roadmap

_TOKEN = re.compile(r'[@#]"[^"]*"?|\S+')
_DATE_KEYS = ("due:", "start:")
_COUNTRY_KEY = "country:"
_LONGEST_NAME = 6
"""The most words an unquoted ``@name`` or ``#name`` may take from the title."""


class QuickAddError(ValueError):
    """The capture line cannot be read as written; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class QuickAdd:
    """What a capture line asks for, with owner and phase names already resolved."""

    title: str
    owners: tuple[str, ...] = ()
    new_owners: tuple[str, ...] = ()
    phase: str = ""
    tags: tuple[str, ...] = ()
    start: date | None = None
    due: date | None = None
    countries: tuple[str, ...] = ()

    def described(self) -> str:
        """How the line will be read, for the preview under the capture line: what was
        recognised first (a narrow screen cuts the end), then the title."""
        parts = []
        for name in self.owners:
            parts.append(f"owner {name}{' (new)' if name in self.new_owners else ''}")
        if self.phase:
            parts.append(f"phase {self.phase}")
        if self.start is not None:
            parts.append(f"start {self.start}")
        if self.due is not None:
            parts.append(f"due {self.due}")
        parts.extend(f"+{tag}" for tag in self.tags)
        if self.countries:
            parts.append("country " + ", ".join(self.countries))
        parts.append(f'"{self.title}"')
        return " \u00b7 ".join(parts)


def parse_quick_add(line: str, roadmap: Roadmap) -> QuickAdd:
    """Read a capture line against the roadmap's owners and phases."""
    title_words: list[str] = []
    owners: list[str] = []
    new_owners: list[str] = []
    phase = ""
    tags: list[str] = []
    countries: list[str] = []
    dates: dict[str, date] = {}
    tokens = _TOKEN.findall(line)
    owner_names = [o.name for o in roadmap.owners]
    phase_names = [p.name for p in roadmap.phases]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.startswith(("@", "#")) and len(token) > 1:
            taken = _words_of_name(token, tokens[index:],
                                   owner_names if token[0] == "@" else phase_names)
            token = " ".join([token, *tokens[index:index + taken]])
            index += taken
        if token.startswith("\\") and len(token) > 1:
            title_words.append(token[1:])
        elif token.startswith("@") and len(token) > 1:
            name = _name(token)
            existing = _match(name, owner_names, "owner", "@")
            if existing is None:
                existing = next((n for n in new_owners if n.casefold() == name.casefold()),
                                None)
                if existing is None:
                    new_owners.append(name)
                    existing = name
            if existing not in owners:
                owners.append(existing)
        elif token.startswith("#") and len(token) > 1:
            name = _name(token)
            found = _match(name, phase_names, "phase", "#")
            if found is None:
                known = ", ".join(p.name for p in roadmap.phases) or "none yet"
                raise QuickAddError(f'no phase matches "#{name}" (phases: {known})')
            if phase and phase != found:
                raise QuickAddError(f'two phases given: "{phase}" and "{found}"')
            phase = found
        elif token.startswith("+") and len(token) > 1:
            if token[1:] not in tags:
                tags.append(token[1:])
        elif token.casefold().startswith(_COUNTRY_KEY) and len(token) > len(_COUNTRY_KEY):
            for name in token[len(_COUNTRY_KEY):].split(","):
                country = _country(name, roadmap)
                if country and country.casefold() not in {c.casefold() for c in countries}:
                    countries.append(country)
        elif token.casefold().startswith(_DATE_KEYS):
            key, _, value = token.partition(":")
            key = key.casefold()
            dates[key] = _date(value, key)
        else:
            title_words.append(token)
    title = " ".join(title_words)
    if not title:
        raise QuickAddError("a signpost needs a title: type some words before the @, # and +")
    start, due = dates.get("start"), dates.get("due")
    if start is not None and due is not None and due < start:
        raise QuickAddError(f"due {due} is before start {start}")
    return QuickAdd(title, tuple(owners), tuple(new_owners), phase, tuple(tags), start, due,
                    tuple(countries))


def apply_quick_add(
    roadmap: Roadmap, entry: QuickAdd, *, after_id: str | None = None
) -> tuple[Roadmap, str]:
    """Add the new owners, then the signpost after ``after_id``; returns it with its id."""
    for name in entry.new_owners:
        roadmap = add_owner(roadmap, name)
    return add_signpost(
        roadmap, entry.title, after_id=after_id, owners=entry.owners, phase=entry.phase,
        tags=entry.tags, start=entry.start, due=entry.due, countries=entry.countries)


def _words_of_name(token: str, following: Sequence[str], names: Sequence[str]) -> int:
    """How many of the ``following`` words belong to an unquoted ``@name`` / ``#name``:
    the most that, with the token's own word, equal the first words of one of ``names``
    word for word (``@Chab Dai`` beside "Chab Dai"; ``@ana to`` leaves "to" beside
    "Ana Tomas")."""
    if token[1:].startswith('"'):
        return 0
    typed = [_folded(token[1:])]
    for word in following[:_LONGEST_NAME]:
        if word.startswith(("@", "#", "+", "\\")) or ":" in word:
            break
        typed.append(word.casefold())
    split = [_folded(name).split() for name in names]
    for count in range(len(typed), 1, -1):
        if any(words[:count] == typed[:count] for words in split):
            return count - 1
    return 0


def _country(typed: str, roadmap: Roadmap) -> str:
    """A typed country (``_`` for spaces), spelt as the roadmap already spells it."""
    name = typed.strip().strip('"').replace("_", " ").strip()
    key = name.casefold()
    known = [*(c for s in roadmap.signposts for c in s.countries),
             *(o.country for o in roadmap.owners)]
    return next((c for c in known if c.casefold() == key), name)


def _name(token: str) -> str:
    """The name after ``@`` or ``#``: quoted as written, or with ``_`` read as spaces."""
    body = token[1:]
    if body.startswith('"'):
        if len(body) < 2 or not body.endswith('"'):
            raise QuickAddError(f"{token}: the closing quote is missing")
        name = body[1:-1].strip()
        if not name:
            raise QuickAddError(f"{token}: the name is empty")
        return name
    return body.replace("_", " ")


def _match(name: str, candidates: Sequence[str], kind: str, sigil: str) -> str | None:
    """The one candidate ``name`` is a case-insensitive prefix of, or None for none.

    An exact name wins over longer names that start with it ("Ana" beside "Anan").
    Underscores in candidates match spaces, so ``@chab_dai`` finds "Chab Dai".
    """
    key = _folded(name)
    exact = [c for c in candidates if _folded(c) == key]
    if exact:
        return exact[0]
    found = [c for c in candidates if _folded(c).startswith(key)]
    if len(found) > 1:
        raise QuickAddError(
            f'"{sigil}{name}" could be {kind} {_listed(found)}: type more of the name')
    return found[0] if found else None


def _folded(name: str) -> str:
    return name.replace("_", " ").casefold()


def _listed(names: Iterable[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _date(value: str, key: str) -> date:
    """``YYYY-MM-DD``, or ``YYYY-MM`` meaning the month's first (start) or last (due) day."""
    if not value:
        raise QuickAddError(f"{key}: needs a date: write {key}:YYYY-MM-DD or {key}:YYYY-MM")
    try:
        parsed = parse_date(value, key)
    except RoadmapEditError as error:
        raise QuickAddError(str(error)) from None
    assert parsed is not None
    return parsed
