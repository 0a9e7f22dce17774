"""Every edit the app makes, as a pure function from one valid Roadmap to the next.

Each operation checks only what it changes, so an edit to a 10,000-signpost
roadmap stays cheap, and none can turn a valid roadmap into an invalid one:
when the edit would break a rule it raises RoadmapEditError, whose message is
fit to show the facilitator as it is, and the roadmap is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from .roadmap import (
    DEBRIEF_LISTS,
    DEFAULT_PHASE_NAMES,
    Comment,
    Owner,
    Phase,
    Roadmap,
    Signpost,
    Status,
)
from .text import REPLACEMENT, has_unsafe_characters, quoted, shown
from .validate import MULTILINE_FIELDS, SIGNPOST_ID, dependency_cycle_problems

_NUMBERED_ID = re.compile(r"s(\d+)")
_TEXT_LISTS = frozenset({"owners", "tags", "countries", "depends_on", "participants",
                         *DEBRIEF_LISTS})
_SIGNPOST_FIELDS = frozenset(f.name for f in fields(Signpost))
_OWNER_FIELDS = frozenset(f.name for f in fields(Owner)) - {"name"}
_PHASE_FIELDS = frozenset(f.name for f in fields(Phase)) - {"name"}
_HEADER_FIELDS = frozenset(f.name for f in fields(Roadmap)) - {"phases", "owners", "signposts"}


_Item = TypeVar("_Item", Owner, Phase)
_Moved = TypeVar("_Moved")


class RoadmapEditError(ValueError):
    """An edit that would break one of the roadmap's rules; the message says which."""


# -- the roadmap ------------------------------------------------------------------

UNTITLED = "Untitled roadmap"


_UNDECODABLE = re.compile("[\ud800-\udfff]")


def title_from_file_name(stem: str) -> str:
    """A title for a new roadmap from its file's name: ``trauma_informed-care`` reads
    "Trauma informed care"; the case typed stays ("Social Enterprise", "LabourLink
    pilot"), only the first letter is made a capital. Characters a title may not hold
    (controls, bidi overrides, bytes that are not UTF-8) become U+FFFD, as on load."""
    stem = _UNDECODABLE.sub(REPLACEMENT, shown(stem))
    words = stem.replace("_", " ").replace("-", " ").split()
    if not words:
        return UNTITLED
    title = " ".join(words)
    return title[0].upper() + title[1:]


def new_roadmap(
    title: str, *, group: str = "", created: datetime | None = None,
    phases: Sequence[str] = DEFAULT_PHASE_NAMES,
) -> Roadmap:
    """A fresh roadmap with the default phases Now, Next and Later."""
    roadmap = Roadmap(title=_required_line("title", title))
    roadmap = update_roadmap(roadmap, group=group, created=created)
    for name in phases:
        roadmap = add_phase(roadmap, name)
    return roadmap


def update_roadmap(roadmap: Roadmap, **changes: Any) -> Roadmap:
    """Change header fields: title, group, event, question, notes, dates, ..."""
    checked: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in _HEADER_FIELDS:
            raise RoadmapEditError(f'a roadmap has no field "{key}"')
        if key in ("created", "updated"):
            checked[key] = _offset_datetime(key, value, required=False)
        elif key in _TEXT_LISTS:
            checked[key] = _line_list(key, value)
        elif key == "title":
            checked[key] = _required_line(key, value)
        else:
            checked[key] = _text(key, value)
    return replace(roadmap, **checked)


# -- signposts --------------------------------------------------------------------


def next_signpost_id(roadmap: Roadmap) -> str:
    """``s<N>``, one past the highest ``s<digits>`` id, so ids read in creation order."""
    highest = 0
    for signpost in roadmap.signposts:
        match = _NUMBERED_ID.fullmatch(signpost.id)
        if match is not None:
            highest = max(highest, int(match.group(1)))
    return f"s{highest + 1}"


def add_signpost(
    roadmap: Roadmap, title: str, *, after_id: str | None = None, **values: Any
) -> tuple[Roadmap, str]:
    """A new signpost after ``after_id`` (at the end when None); returns it with its id."""
    if "id" in values:
        raise RoadmapEditError("a new signpost's id is chosen by the roadmap")
    new_id = next_signpost_id(roadmap)
    index = len(roadmap.signposts) if after_id is None else _index(roadmap, after_id) + 1
    signpost = _checked_signpost(roadmap, Signpost(new_id, title), {"title": title, **values})
    return replace(roadmap, signposts=(*roadmap.signposts[:index], signpost,
                                     *roadmap.signposts[index:])), new_id


def insert_signpost(roadmap: Roadmap, index: int, signpost: Signpost) -> Roadmap:
    """Put a whole signpost back at ``index`` (undoing a delete, pasting)."""
    if roadmap.signpost_with_id(signpost.id) is not None:
        raise RoadmapEditError(f'a signpost with id "{signpost.id}" already exists')
    values = {f: getattr(signpost, f) for f in _SIGNPOST_FIELDS}
    checked = _checked_signpost(roadmap, signpost, values)
    index = max(0, min(index, len(roadmap.signposts)))
    return replace(roadmap, signposts=(*roadmap.signposts[:index], checked,
                                     *roadmap.signposts[index:]))


def delete_signpost(roadmap: Roadmap, signpost_id: str) -> Roadmap:
    """Remove a signpost; signposts that depended on it no longer do."""
    index = _index(roadmap, signpost_id)
    remaining = (*roadmap.signposts[:index], *roadmap.signposts[index + 1:])
    return replace(roadmap, signposts=tuple(
        replace(s, depends_on=tuple(d for d in s.depends_on if d != signpost_id))
        if signpost_id in s.depends_on else s
        for s in remaining))


def move_signpost(roadmap: Roadmap, signpost_id: str, offset: int) -> Roadmap:
    """Move a signpost ``offset`` places (negative: up); stops at either end."""
    signposts = _moved(roadmap.signposts, _index(roadmap, signpost_id), offset)
    return roadmap if signposts is roadmap.signposts else replace(roadmap, signposts=signposts)


def update_signpost(roadmap: Roadmap, signpost_id: str, /, **changes: Any) -> Roadmap:
    """Set any of a signpost's fields; a new id is carried into every depends_on."""
    index = _index(roadmap, signpost_id)
    current = roadmap.signposts[index]
    updated = _checked_signpost(roadmap, current, changes)
    signposts = list(roadmap.signposts)
    signposts[index] = updated
    if updated.id != signpost_id:
        signposts = [
            replace(s, depends_on=tuple(updated.id if d == signpost_id else d
                                        for d in s.depends_on))
            if signpost_id in s.depends_on else s
            for s in signposts]
    return replace(roadmap, signposts=tuple(signposts))


def shift_phase(roadmap: Roadmap, signpost_id: str, offset: int) -> Roadmap:
    """Move a signpost to the previous (-1) or next (+1) phase.

    An unphased signpost goes to the first phase on "next" and stays put on
    "previous"; at either end nothing changes.
    """
    if not roadmap.phases:
        raise RoadmapEditError("the roadmap has no phases yet")
    signpost = roadmap.signposts[_index(roadmap, signpost_id)]
    names = [p.name for p in roadmap.phases]
    current = roadmap.phase_named(signpost.phase) if signpost.phase else None
    if current is None:
        if offset <= 0:
            return roadmap
        target = 0
    else:
        target = max(0, min(names.index(current.name) + offset, len(names) - 1))
        if names[target] == current.name:
            return roadmap
    return update_signpost(roadmap, signpost_id, phase=names[target])


def add_comment(
    roadmap: Roadmap, signpost_id: str, author: str, text: str, at: datetime
) -> Roadmap:
    """A review comment, added after the earlier ones."""
    _offset_datetime("at", at, required=True)
    comment = Comment(_required_line("author", author), at, _required_text("text", text))
    signpost = roadmap.signposts[_index(roadmap, signpost_id)]
    return update_signpost(roadmap, signpost_id, comments=(*signpost.comments, comment))


# -- owners -----------------------------------------------------------------------


def add_owner(roadmap: Roadmap, name: str, **values: Any) -> Roadmap:
    name = _required_line("name", name)
    _refuse_clash(roadmap.owners, name, "an owner")
    owner = Owner(name, **_checked_fields("an owner", _OWNER_FIELDS, values))
    return replace(roadmap, owners=(*roadmap.owners, owner))


def rename_owner(roadmap: Roadmap, old: str, new: str) -> Roadmap:
    """Rename an owner; every signpost that names it follows."""
    owners, previous, new = _renamed(roadmap.owners, old, new, "owner")
    key = previous.casefold()
    signposts = tuple(
        replace(s, owners=tuple(new if o.casefold() == key else o for o in s.owners))
        if any(o.casefold() == key for o in s.owners) else s
        for s in roadmap.signposts)
    return replace(roadmap, owners=owners, signposts=signposts)


def update_owner(roadmap: Roadmap, name: str, /, **changes: Any) -> Roadmap:
    """Change an owner's organisation, role, country, contact, or name."""
    new_name = changes.pop("name", None)
    index = _named_index(roadmap.owners, name, "owner")
    owners = list(roadmap.owners)
    owners[index] = replace(owners[index],
                            **_checked_fields("an owner", _OWNER_FIELDS, changes))
    roadmap = replace(roadmap, owners=tuple(owners))
    if new_name is not None:
        roadmap = rename_owner(roadmap, owners[index].name, new_name)
    return roadmap


def delete_owner(roadmap: Roadmap, name: str) -> Roadmap:
    """Remove an owner, and it from every signpost it held."""
    index = _named_index(roadmap.owners, name, "owner")
    key = roadmap.owners[index].name.casefold()
    signposts = tuple(
        replace(s, owners=tuple(o for o in s.owners if o.casefold() != key))
        if any(o.casefold() == key for o in s.owners) else s
        for s in roadmap.signposts)
    return replace(roadmap, owners=(*roadmap.owners[:index], *roadmap.owners[index + 1:]),
                   signposts=signposts)


def move_owner(roadmap: Roadmap, name: str, offset: int) -> Roadmap:
    index = _named_index(roadmap.owners, name, "owner")
    return replace(roadmap, owners=_moved(roadmap.owners, index, offset))


# -- phases -----------------------------------------------------------------------


def add_phase(
    roadmap: Roadmap, name: str, *, index: int | None = None, **values: Any
) -> Roadmap:
    """A new phase, last unless ``index`` says where."""
    name = _required_line("name", name)
    _refuse_clash(roadmap.phases, name, "a phase")
    phase = Phase(name, **_checked_fields("a phase", _PHASE_FIELDS, values))
    _check_phase_dates(phase)
    at = len(roadmap.phases) if index is None else max(0, min(index, len(roadmap.phases)))
    return replace(roadmap, phases=(*roadmap.phases[:at], phase, *roadmap.phases[at:]))


def rename_phase(roadmap: Roadmap, old: str, new: str) -> Roadmap:
    """Rename a phase; every signpost in it follows."""
    phases, previous, new = _renamed(roadmap.phases, old, new, "phase")
    key = previous.casefold()
    signposts = tuple(replace(s, phase=new) if s.phase.casefold() == key and s.phase else s
                      for s in roadmap.signposts)
    return replace(roadmap, phases=phases, signposts=signposts)


def update_phase(roadmap: Roadmap, name: str, /, **changes: Any) -> Roadmap:
    """Change a phase's dates, description, or name."""
    new_name = changes.pop("name", None)
    index = _named_index(roadmap.phases, name, "phase")
    phases = list(roadmap.phases)
    phases[index] = replace(phases[index], **_checked_fields("a phase", _PHASE_FIELDS, changes))
    _check_phase_dates(phases[index])
    roadmap = replace(roadmap, phases=tuple(phases))
    if new_name is not None:
        roadmap = rename_phase(roadmap, phases[index].name, new_name)
    return roadmap


def delete_phase(roadmap: Roadmap, name: str) -> Roadmap:
    """Remove a phase; its signposts stay, with no phase."""
    index = _named_index(roadmap.phases, name, "phase")
    key = roadmap.phases[index].name.casefold()
    signposts = tuple(replace(s, phase="") if s.phase and s.phase.casefold() == key else s
                      for s in roadmap.signposts)
    return replace(roadmap, phases=(*roadmap.phases[:index], *roadmap.phases[index + 1:]),
                   signposts=signposts)


def move_phase(roadmap: Roadmap, name: str, offset: int) -> Roadmap:
    index = _named_index(roadmap.phases, name, "phase")
    return replace(roadmap, phases=_moved(roadmap.phases, index, offset))


# -- checks -----------------------------------------------------------------------


def _checked_signpost(roadmap: Roadmap, current: Signpost, changes: dict[str, Any]) -> Signpost:
    """``current`` with ``changes`` applied, each checked against the roadmap."""
    checked: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in _SIGNPOST_FIELDS:
            raise RoadmapEditError(f'a signpost has no field "{key}"')
        checked[key] = _signpost_value(roadmap, current, key, value)
    start = checked.get("start", current.start)
    due = checked.get("due", current.due)
    if start is not None and due is not None and due < start:
        raise RoadmapEditError(f"the due date {due} is before the start {start}")
    updated = replace(current, **checked)
    if "depends_on" in checked and updated.depends_on:
        _refuse_cycle(roadmap, current.id, updated)
    return updated


def _signpost_value(roadmap: Roadmap, current: Signpost, key: str, value: Any) -> Any:
    if key == "id":
        if not isinstance(value, str) or not SIGNPOST_ID.fullmatch(value):
            raise RoadmapEditError("an id is 1-64 letters, digits and . _ / -")
        if value != current.id and roadmap.signpost_with_id(value) is not None:
            raise RoadmapEditError(f'a signpost with id "{value}" already exists')
        return value
    if key == "title":
        return _required_line(key, value)
    if key == "phase":
        name = _line(key, value)
        if not name:
            return ""
        phase = roadmap.phase_named(name)
        if phase is None:
            raise RoadmapEditError(f'no phase named "{name}"')
        return phase.name
    if key == "owners":
        names = []
        for name in _line_list(key, value):
            owner = roadmap.owner_named(name)
            if owner is None:
                raise RoadmapEditError(f'no owner named "{name}"')
            if owner.name not in names:
                names.append(owner.name)
        return tuple(names)
    if key == "status":
        try:
            return Status(value)
        except (ValueError, TypeError):
            raise RoadmapEditError(
                f'unknown status "{value}"; use one of '
                + ", ".join(s.value for s in Status)) from None
    if key in ("start", "due"):
        return _local_date(key, value)
    if key == "depends_on":
        dependencies = _line_list(key, value)
        for dependency in dependencies:
            if dependency == current.id:
                raise RoadmapEditError("a signpost cannot depend on itself")
            if roadmap.signpost_with_id(dependency) is None:
                raise RoadmapEditError(f'no signpost with id "{dependency}"')
        return tuple(dict.fromkeys(dependencies))
    if key == "comments":
        comments = tuple(value)
        for comment in comments:
            if not isinstance(comment, Comment):
                raise RoadmapEditError("comments must be Comment values")
            _required_line("author", comment.author)
            _required_text("text", comment.text)
            _offset_datetime("at", comment.at, required=True)
        return comments
    if key in _TEXT_LISTS:
        return tuple(v for v in (_line(key, item).strip() for item in _listed(key, value)) if v)
    return _text(key, value)


def _refuse_cycle(roadmap: Roadmap, old_id: str, updated: Signpost) -> None:
    signposts = [updated if s.id == old_id else s for s in roadmap.signposts]
    for problem in dependency_cycle_problems(signposts):
        raise RoadmapEditError(problem.message)


def _check_phase_dates(phase: Phase) -> None:
    if phase.start is not None and phase.end is not None and phase.end < phase.start:
        raise RoadmapEditError(f"the phase ends ({phase.end}) before it starts ({phase.start})")


def _checked_fields(kind: str, allowed: frozenset[str], values: dict[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for key, value in values.items():
        if key not in allowed:
            raise RoadmapEditError(f'{kind} has no field "{key}"')
        checked[key] = _local_date(key, value) if key in ("start", "end") else _text(key, value)
    return checked


def _text(key: str, value: Any, *, multiline: bool | None = None) -> str:
    """Checked text; one line unless ``key`` is a multi-line field (or ``multiline``)."""
    if not isinstance(value, str):
        raise RoadmapEditError(f'"{key}" must be text')
    if has_unsafe_characters(value):
        raise RoadmapEditError(f'"{key}" holds control or bidi-override characters')
    if multiline is None:
        multiline = key in MULTILINE_FIELDS
    if not multiline and "\n" in value:
        raise RoadmapEditError(f'"{key}" must be one line')
    return value


def _line(key: str, value: Any) -> str:
    return _text(key, value, multiline=False)


def _required_line(key: str, value: Any) -> str:
    text = _line(key, value).strip()
    if not text:
        raise RoadmapEditError(f'"{key}" must not be empty')
    return text


def _required_text(key: str, value: Any) -> str:
    text = _text(key, value)
    if not text.strip():
        raise RoadmapEditError(f'"{key}" must not be empty')
    return text


def _listed(key: str, value: Any) -> Iterable[Any]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoadmapEditError(f'"{key}" must be a list')
    return value


def _line_list(key: str, value: Any) -> tuple[str, ...]:
    return tuple(_required_line(key, item) for item in _listed(key, value))


def _local_date(key: str, value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise RoadmapEditError(f'"{key}" must be a date such as 2021-03-31')
    return value


def _offset_datetime(key: str, value: Any, *, required: bool) -> datetime | None:
    if value is None and not required:
        return None
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise RoadmapEditError(f'"{key}" must be a date-time with a UTC offset')
    if value.utcoffset().total_seconds() % 60:  # type: ignore[union-attr]
        raise RoadmapEditError(f'"{key}" must have an offset in whole minutes')
    return value


def _refuse_clash(items: Sequence[_Item], name: str, kind: str,
                  allowed: str | None = None) -> None:
    key = name.casefold()
    for item in items:
        if item.name.casefold() == key and item.name != allowed:
            raise RoadmapEditError(f'{kind} named {quoted(item.name)} already exists')


def _renamed(
    items: tuple[_Item, ...], old: str, new: str, kind: str
) -> tuple[tuple[_Item, ...], str, str]:
    """The items with the one named ``old`` renamed; also its old and new name."""
    index = _named_index(items, old, kind)
    previous = items[index].name
    new = _required_line("name", new)
    _refuse_clash(items, new, f"an {kind}" if kind[0] in "aeiou" else f"a {kind}",
                  allowed=previous)
    renamed = list(items)
    renamed[index] = replace(renamed[index], name=new)
    return tuple(renamed), previous, new


def _named_index(items: Sequence[_Item], name: str, kind: str) -> int:
    key = name.casefold()
    for index, item in enumerate(items):
        if item.name.casefold() == key:
            return index
    raise RoadmapEditError(f'no {kind} named "{name}"')


def _index(roadmap: Roadmap, signpost_id: str) -> int:
    try:
        return roadmap.index_of(signpost_id)
    except KeyError:
        raise RoadmapEditError(f'no signpost with id "{signpost_id}"') from None


def _moved(items: tuple[_Moved, ...], index: int, offset: int) -> tuple[_Moved, ...]:
    """The items with one moved ``offset`` places, stopping at either end.

    Returns ``items`` itself when nothing moves, so callers can tell a no-op.
    """
    target = max(0, min(index + offset, len(items) - 1))
    if target == index:
        return items
    moved = list(items)
    moved.insert(target, moved.pop(index))
    return tuple(moved)
