"""The rules a roadmap must keep, shared by the file loader and the edit operations.

A problem is reported with a *location*, a path such as
``("signposts", 2, "phase")`` (indices 0-based), so the loader can turn it into
a file line and the app into a field to highlight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from .roadmap import DEBRIEF_LISTS, Comment, Owner, Phase, Roadmap, Signpost, Status
from .text import (
    UNSAFE_IN_MULTILINE_TEXT,
    UNSAFE_IN_ONE_LINE_TEXT,
    has_unsafe_characters,
    is_one_line,
    quoted,
)

SIGNPOST_ID = re.compile(r"[A-Za-z0-9._/-]{1,64}")

Location = tuple[str | int, ...]
NamedItem = TypeVar("NamedItem", Phase, Owner)

# Which text fields may span lines; every other text field is one line.
MULTILINE_FIELDS = frozenset({"notes", "strategy", "description", "detail", "text"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: where, what, and the nearest valid value when there is one."""

    location: Location
    message: str
    suggestion: str | None = None


def validate(roadmap: Roadmap, *, characters_checked: bool = False) -> list[Problem]:
    """Every problem in the roadmap, in file order; an empty list means valid.

    ``characters_checked`` tells that no text can hold a line break where one is
    not allowed or an unsafe character (the loader has made sure), which
    spares a 10,000-signpost file a search of every string.
    """
    problems = list(_roadmap_problems(roadmap))
    problems.extend(_named_items_problems("phases", roadmap.phases, _phase_problems))
    problems.extend(_named_items_problems("owners", roadmap.owners, _owner_problems))
    phase_names = {p.name.casefold(): p.name for p in roadmap.phases}
    owner_names = {o.name.casefold(): o.name for o in roadmap.owners}
    ids: dict[str, int] = {}
    for index, signpost in enumerate(roadmap.signposts):
        if signpost.id in ids:
            problems.append(
                Problem(("signposts", index, "id"), f'duplicate id {quoted(signpost.id)}')
            )
        else:
            ids[signpost.id] = index
    for index, signpost in enumerate(roadmap.signposts):
        if not _signpost_is_plainly_valid(signpost, phase_names, owner_names, ids,
                                          characters_checked=characters_checked):
            problems.extend(
                _signpost_problems_in_detail(index, signpost, phase_names, owner_names, ids))
    problems.extend(dependency_cycle_problems(roadmap.signposts))
    return problems


def _signpost_is_plainly_valid(
    signpost: Signpost, phase_names: dict[str, str], owner_names: dict[str, str],
    ids: dict[str, int], *, characters_checked: bool = False,
) -> bool:
    """One cheap pass for the common case, so a 10,000-signpost file loads fast.

    It may say False for a valid signpost (the detailed check then finds
    nothing), never True for an invalid one.
    """
    owners, tags, countries = signpost.owners, signpost.tags, signpost.countries
    start, due, phase = signpost.start, signpost.due, signpost.phase
    return (
        SIGNPOST_ID.fullmatch(signpost.id) is not None
        and signpost.title.strip() != ""
        and (characters_checked or _characters_are_safe(signpost))
        and (not phase or phase.casefold() in phase_names)
        and (not owners or all(owner.casefold() in owner_names for owner in owners))
        and (not tags or all(value.strip() for value in tags))
        and (not countries or all(value.strip() for value in countries))
        and isinstance(signpost.status, Status)
        and type(start) is not datetime and type(due) is not datetime
        and (start is None or due is None or start <= due)
        and (not signpost.depends_on
             or all(dependency in ids and dependency != signpost.id
                    for dependency in signpost.depends_on))
        and (not signpost.comments or all(
            comment.author.strip() and comment.text.strip()
            and type(comment.at) is datetime and comment.at.utcoffset() is not None
            for comment in signpost.comments))
    )


def _characters_are_safe(signpost: Signpost) -> bool:
    one_line_text = "\t".join((signpost.title, signpost.phase, signpost.group,
                               signpost.origin, *signpost.owners, *signpost.tags,
                               *signpost.countries))
    multiline_text = "\n".join((signpost.detail, *(c.text for c in signpost.comments)))
    return (UNSAFE_IN_ONE_LINE_TEXT.search(one_line_text) is None
            and UNSAFE_IN_ONE_LINE_TEXT.search("\t".join(c.author for c in signpost.comments))
            is None
            and UNSAFE_IN_MULTILINE_TEXT.search(multiline_text) is None)


def _signpost_problems_in_detail(
    index: int,
    signpost: Signpost,
    phase_names: dict[str, str],
    owner_names: dict[str, str],
    ids: dict[str, int],
) -> Iterator[Problem]:
    where: Location = ("signposts", index)
    if not SIGNPOST_ID.fullmatch(signpost.id):
        yield Problem(
            (*where, "id"),
            f'id {quoted(signpost.id)} must be 1-64 characters of letters, digits and . _ / -',
        )
    yield from _text_problems(where, "title", signpost.title, required=True)
    yield from _text_problems(where, "detail", signpost.detail)
    if signpost.phase and signpost.phase.casefold() not in phase_names:
        yield _unknown_reference(where, "phase", "phase", signpost.phase, phase_names.values())
    for owner in signpost.owners:
        if owner.casefold() not in owner_names:
            yield _unknown_reference(where, "owners", "owner", owner, owner_names.values())
    if not isinstance(signpost.status, Status):
        yield Problem((*where, "status"), f'unknown status {quoted(str(signpost.status))}')
    yield from _date_range_problems(where, signpost.start, "start", signpost.due, "due")
    for key, values in (("tags", signpost.tags), ("countries", signpost.countries)):
        for value in values:
            yield from _text_problems(where, key, value, required=True)
    for dependency in signpost.depends_on:
        if dependency == signpost.id:
            yield Problem((*where, "depends_on"), f'{quoted(signpost.id)} cannot depend on itself')
        elif dependency not in ids:
            others = (other for other in ids if other != signpost.id)
            yield _unknown_reference(where, "depends_on", "signpost id", dependency, others)
    yield from _text_problems(where, "group", signpost.group)
    yield from _text_problems(where, "origin", signpost.origin)
    for number, comment in enumerate(signpost.comments):
        yield from _comment_problems((*where, "comments", number), comment)


def dependency_cycle_problems(signposts: Sequence[Signpost]) -> Iterator[Problem]:
    """One problem per cycle of depends_on, placed on the signpost that closes it."""
    index_of = {s.id: i for i, s in enumerate(signposts)}
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in signposts:
        if root.id in state:
            continue
        # Iterative depth-first search: roadmaps can be long chains.
        stack: list[tuple[str, Iterator[str]]] = [(root.id, iter(root.depends_on))]
        state[root.id] = 1
        while stack:
            current, pending = stack[-1]
            following = next(pending, None)
            if following is None:
                state[current] = 2
                stack.pop()
            elif following not in index_of or following == current:
                continue  # reported as an unknown reference or a self-dependency
            elif state.get(following) == 1:
                path = [node for node, _ in stack]
                cycle = [*path[path.index(following) :], following]
                yield Problem(
                    ("signposts", index_of[current], "depends_on"),
                    "dependency cycle: " + " -> ".join(cycle),
                )
            elif following not in state:
                state[following] = 1
                stack.append((following, iter(signposts[index_of[following]].depends_on)))


def _roadmap_problems(roadmap: Roadmap) -> Iterator[Problem]:
    where: Location = ("roadmap",)
    yield from _text_problems(where, "title", roadmap.title, required=True)
    for key in ("group", "event", "question", "facilitator", "notes", "strategy"):
        yield from _text_problems(where, key, getattr(roadmap, key))
    for key in ("participants", *DEBRIEF_LISTS):
        for item in getattr(roadmap, key):
            yield from _text_problems(where, key, item, required=True)
    for key in ("created", "updated"):
        yield from _offset_datetime_problems(where, key, getattr(roadmap, key))


def _phase_problems(where: Location, phase: Phase) -> Iterator[Problem]:
    yield from _text_problems(where, "name", phase.name, required=True)
    yield from _date_range_problems(where, phase.start, "start", phase.end, "end")
    yield from _text_problems(where, "description", phase.description)


def _owner_problems(where: Location, owner: Owner) -> Iterator[Problem]:
    yield from _text_problems(where, "name", owner.name, required=True)
    for key in ("organisation", "role", "country", "contact"):
        yield from _text_problems(where, key, getattr(owner, key))


def _comment_problems(where: Location, comment: Comment) -> Iterator[Problem]:
    yield from _text_problems(where, "author", comment.author, required=True)
    yield from _offset_datetime_problems(where, "at", comment.at, required=True)
    yield from _text_problems(where, "text", comment.text, required=True)


def _named_items_problems(
    section: str,
    items: Sequence[NamedItem],
    item_problems: Callable[[Location, NamedItem], Iterator[Problem]],
) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        where: Location = (section, index)
        yield from item_problems(where, item)
        key = item.name.casefold()
        if key in seen:
            yield Problem(
                (*where, "name"),
                f'duplicate name {quoted(item.name)} (names are matched ignoring case;'
                f' {quoted(seen[key])} comes first)',
            )
        else:
            seen[key] = item.name


def _text_problems(
    where: Location, key: str, value: str, *, required: bool = False
) -> Iterator[Problem]:
    if required and not value.strip():
        yield Problem((*where, key), f'"{key}" must not be empty')
    if key not in MULTILINE_FIELDS and not is_one_line(value):
        yield Problem((*where, key), f'"{key}" must be one line')
    if has_unsafe_characters(value):
        yield Problem((*where, key), f'"{key}" holds control or bidi-override characters')


def _date_range_problems(
    where: Location, start: date | None, start_key: str, end: date | None, end_key: str
) -> Iterator[Problem]:
    for key, value in ((start_key, start), (end_key, end)):
        if value is not None and isinstance(value, datetime):
            yield Problem((*where, key), f'"{key}" must be a date without a time')
    if start is not None and end is not None and end < start:
        yield Problem(
            (*where, end_key), f'"{end_key}" {end} is before "{start_key}" {start}'
        )


def _offset_datetime_problems(
    where: Location, key: str, value: datetime | None, *, required: bool = False
) -> Iterator[Problem]:
    if value is None:
        if required:
            yield Problem((*where, key), f'"{key}" is required')
    elif not isinstance(value, datetime) or (offset := value.utcoffset()) is None:
        yield Problem((*where, key), f'"{key}" must be a date-time with a UTC offset')
    elif offset.total_seconds() % 60:
        yield Problem((*where, key), f'"{key}" must have a UTC offset in whole minutes')


def _unknown_reference(
    where: Location, key: str, kind: str, value: str, valid: Iterable[str]
) -> Problem:
    suggestion = nearest(value, valid)
    message = f'unknown {kind} {quoted(value)}'
    if suggestion is not None:
        message += f'; did you mean {quoted(suggestion)}?'
    return Problem((*where, key), message, suggestion)


LONGEST_SUGGESTED = 200
"""Characters of a value beyond which no nearest name is suggested."""


def nearest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelt value, if any is close enough.

    A value far longer than any name is no misspelling, and difflib would index
    every character of it (a 15 MB value took most of a gigabyte): none is looked for.
    """
    import difflib

    if len(value) > LONGEST_SUGGESTED:
        return None

    pool = list(candidates)
    by_fold = {c.casefold(): c for c in pool}
    match = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    return by_fold[match[0]] if match else None
