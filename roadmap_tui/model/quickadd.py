"""The capture line's syntax: ``Title words @Owner #Phase +tag due:2021-03 start:2021-01``.

A facilitator types while people talk, so owners and phases are matched by a
case-insensitive prefix of their name (``@ana`` is "Ana Lopez"). Anything that
could be guessed wrongly (a prefix two owners share, an impossible date) is
reported as a ``QuickAddError`` instead; nothing is guessed silently. An owner
that does not exist yet is created, because naming a new owner mid-sentence is
normal; a phase is not, because a mistyped phase would quietly add a column.

``@"Two Words"`` or ``@two_words`` names an owner with spaces (the same for
``#``), and a word starting with a backslash is kept literally without it
(``\\#1`` is the title word ``#1``).
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


def parse_quick_add(line: str, roadmap: Roadmap) -> QuickAdd:
    """Read a capture line against the roadmap's owners and phases."""
    title_words: list[str] = []
    owners: list[str] = []
    new_owners: list[str] = []
    phase = ""
    tags: list[str] = []
    dates: dict[str, date] = {}
    for token in _TOKEN.findall(line):
        if token.startswith("\\") and len(token) > 1:
            title_words.append(token[1:])
        elif token.startswith("@") and len(token) > 1:
            name = _name(token)
            existing = _match(name, [o.name for o in roadmap.owners], "owner", "@")
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
            found = _match(name, [p.name for p in roadmap.phases], "phase", "#")
            if found is None:
                known = ", ".join(p.name for p in roadmap.phases) or "none yet"
                raise QuickAddError(f'no phase matches "#{name}" (phases: {known})')
            if phase and phase != found:
                raise QuickAddError(f'two phases given: "{phase}" and "{found}"')
            phase = found
        elif token.startswith("+") and len(token) > 1:
            if token[1:] not in tags:
                tags.append(token[1:])
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
    return QuickAdd(title, tuple(owners), tuple(new_owners), phase, tuple(tags), start, due)


def apply_quick_add(
    roadmap: Roadmap, entry: QuickAdd, *, after_id: str | None = None
) -> tuple[Roadmap, str]:
    """Add the new owners, then the signpost after ``after_id``; returns it with its id."""
    for name in entry.new_owners:
        roadmap = add_owner(roadmap, name)
    return add_signpost(
        roadmap, entry.title, after_id=after_id, owners=entry.owners, phase=entry.phase,
        tags=entry.tags, start=entry.start, due=entry.due)


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
