"""A signpost's fields as the editor shows them, and the edit a changed field makes.

The editor is a form of one-line texts (lists as ``a, b``, dates as
``YYYY-MM-DD``) and one multi-line detail; this module turns those texts into
model edits so that the widgets hold no rules. Dates also accept ``YYYY-MM``
like the capture line, and owners that do not exist yet are created, as
quick-add does, so both ways of typing behave the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from .operations import RoadmapEditError, add_owner, update_signpost
from .roadmap import Roadmap, Signpost, Status
from .timeline import month_end, month_start

EDITABLE_FIELDS = ("title", "detail", "phase", "owners", "status", "start", "due", "tags",
                   "countries", "depends_on")
LIST_FIELDS = frozenset({"owners", "tags", "countries", "depends_on"})
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def field_text(signpost: Signpost, name: str) -> str:
    """What the editor shows for one field."""
    value = getattr(signpost, name)
    if name in LIST_FIELDS:
        return ", ".join(value)
    if value is None:
        return ""
    return str(value)


def parse_date(text: str, name: str) -> date | None:
    """``YYYY-MM-DD``, or ``YYYY-MM`` read as the month's first (start) or last day.

    Empty text clears the date. Raises RoadmapEditError naming the field.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if day := _DAY.fullmatch(text):
            return date(int(day[1]), int(day[2]), int(day[3]))
        if month := _MONTH.fullmatch(text):
            year, number = int(month[1]), int(month[2])
            return month_start(year, number) if name == "start" else month_end(year, number)
    except ValueError:
        raise RoadmapEditError(f"{name}: {text} is not a real date") from None
    raise RoadmapEditError(f"{name}: {text!r} is not a date; write YYYY-MM-DD or YYYY-MM")


def resolve_name(text: str, names: Sequence[str], kind: str) -> str:
    """The one name ``text`` is, or starts, ignoring case ("" stays ""); else an error.

    The editor and the capture line agree: a facilitator types the start of a
    phase or status, and only a prefix that fits two names is refused.
    """
    key = text.strip().casefold()
    if not key:
        return ""
    exact = [n for n in names if n.casefold() == key]
    if exact:
        return exact[0]
    found = [n for n in names if n.casefold().startswith(key)]
    if len(found) == 1:
        return found[0]
    if found:
        raise RoadmapEditError(f'"{text.strip()}" could be the {kind} '
                               + " or ".join(f'"{n}"' for n in found) + ": type more")
    known = ", ".join(names) or "none yet"
    raise RoadmapEditError(f'no {kind} "{text.strip()}" (choose from: {known})')


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def edit_field(
    roadmap: Roadmap, signpost_id: str, name: str, text: str
) -> tuple[Roadmap, list[str]]:
    """Apply the editor's text for one field; returns the roadmap and notes for the user.

    Returns the same roadmap object when the text changes nothing, so callers
    can tell an edit from a field that was merely left.
    """
    if name not in EDITABLE_FIELDS:
        raise RoadmapEditError(f'the editor has no field "{name}"')
    signpost = roadmap.signpost_with_id(signpost_id)
    if signpost is None:
        raise RoadmapEditError("that signpost no longer exists")
    notes: list[str] = []
    value: Any
    if name in ("start", "due"):
        value = parse_date(text, name)
    elif name == "owners":
        value = split_list(text)
        for owner in value:
            if roadmap.owner_named(owner) is None:
                roadmap = add_owner(roadmap, owner)
                notes.append(f'Added the owner "{owner}"')
    elif name == "phase":
        value = resolve_name(text, [p.name for p in roadmap.phases], "phase")
    elif name == "status":
        value = resolve_name(text, [s.value for s in Status], "status")
    elif name in LIST_FIELDS:
        value = split_list(text)
    elif name == "title":
        value = text.strip()
    else:
        value = text
    updated = update_signpost(roadmap, signpost_id, **{name: value})
    if updated.signposts == roadmap.signposts and not notes:
        return roadmap, notes
    return updated, notes
