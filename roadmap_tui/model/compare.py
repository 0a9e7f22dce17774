"""What differs between two versions of a roadmap, in a few lines a person can read.

Used wherever the app asks someone to choose between two versions (a recovery
copy, a file changed on disk, an earlier save): the choice needs the
differences, not the whole text.
"""

from __future__ import annotations

from dataclasses import fields

from .roadmap import Roadmap, Signpost
from .text import shown

_HEADER_FIELDS = ("title", "group", "event", "question", "facilitator", "participants",
                  "notes")
_SHOWN = 50


def differences(ours: Roadmap, theirs: Roadmap, *, limit: int = 12) -> list[str]:
    """How ``theirs`` differs from ``ours``; at most ``limit`` lines, the last one counting
    the rest. ``updated`` alone is not a difference worth showing."""
    lines: list[str] = []
    for name in _HEADER_FIELDS:
        if getattr(ours, name) != getattr(theirs, name):
            lines.append(f"roadmap {name} changed")
    lines += _named_changes("phase", {p.name: p for p in ours.phases},
                            {p.name: p for p in theirs.phases})
    if _reordered([p.name for p in ours.phases], [p.name for p in theirs.phases]):
        lines.append("phases reordered")
    lines += _named_changes("owner", {o.name: o for o in ours.owners},
                            {o.name: o for o in theirs.owners})
    lines += _signpost_changes(ours.signposts, theirs.signposts)
    if len(lines) > limit:
        rest = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"\u2026 and {rest} more differences"]
    return lines


def _named_changes(kind: str, ours: dict[str, object], theirs: dict[str, object]) -> list[str]:
    lines = [f'{kind} "{_short(name)}" added' for name in theirs if name not in ours]
    lines += [f'{kind} "{_short(name)}" removed' for name in ours if name not in theirs]
    lines += [f'{kind} "{_short(name)}" changed' for name in ours
              if name in theirs and ours[name] != theirs[name]]
    return lines


def _signpost_changes(ours: tuple[Signpost, ...], theirs: tuple[Signpost, ...]) -> list[str]:
    by_id = {s.id: s for s in ours}
    their_ids = {s.id for s in theirs}
    lines = [f'signpost "{_short(s.title)}" added' for s in theirs if s.id not in by_id]
    lines += [f'signpost "{_short(s.title)}" removed' for s in ours if s.id not in their_ids]
    for signpost in theirs:
        old = by_id.get(signpost.id)
        if old is not None and old != signpost:
            changed = [f.name for f in fields(Signpost)
                       if getattr(old, f.name) != getattr(signpost, f.name)]
            lines.append(f'signpost "{_short(signpost.title)}": {", ".join(changed)} changed')
    if _reordered([s.id for s in ours], [s.id for s in theirs]):
        lines.append("signposts reordered")
    return lines


def _reordered(ours: list[str], theirs: list[str]) -> bool:
    """Whether the items both have come in a different order."""
    both = set(ours) & set(theirs)
    return [k for k in ours if k in both] != [k for k in theirs if k in both]


def _short(text: str) -> str:
    text = shown(text)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "\u2026"
