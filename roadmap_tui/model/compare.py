"""What differs between two versions of a roadmap, in a few lines a person can read.

Used wherever the app asks someone to choose between two versions (a recovery
copy, a file changed on disk, an earlier save): the choice needs the
differences, not the whole text. Each line names which side holds what
("only on disk", "only in yours"), so nobody has to work out which way
"added" points.
"""

from __future__ import annotations

from dataclasses import fields

from .roadmap import DEBRIEF_LISTS, Roadmap, Signpost
from .text import shown

_HEADER_FIELDS = ("title", "group", "event", "question", "facilitator", "participants",
                  "notes", "strategy", *DEBRIEF_LISTS)
_SHOWN = 40


def differences(ours: Roadmap, theirs: Roadmap, *, ours_are: str = "in yours",
                theirs_are: str = "in theirs", limit: int = 12) -> list[str]:
    """How two versions differ; at most ``limit`` lines, the last one counting the rest.

    ``ours_are`` and ``theirs_are`` say where each side is ("in yours", "on disk").
    ``updated`` alone is not a difference worth showing.
    """
    sides = (ours_are, theirs_are)
    lines = [f"the roadmap's {name} differs" for name in _HEADER_FIELDS
             if getattr(ours, name) != getattr(theirs, name)]
    lines += _named("phase", {p.name: p for p in ours.phases},
                    {p.name: p for p in theirs.phases}, sides)
    if _reordered([p.name for p in ours.phases], [p.name for p in theirs.phases]):
        lines.append("the phases are in another order")
    lines += _named("owner", {o.name: o for o in ours.owners},
                    {o.name: o for o in theirs.owners}, sides)
    lines += _signposts(ours.signposts, theirs.signposts, sides)
    if len(lines) > limit:
        rest = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"\u2026 and {rest} more differences"]
    return lines


def _named(kind: str, ours: dict[str, object], theirs: dict[str, object],
           sides: tuple[str, str]) -> list[str]:
    lines = [f'{kind} "{_short(name)}" only {sides[1]}' for name in theirs if name not in ours]
    lines += [f'{kind} "{_short(name)}" only {sides[0]}' for name in ours if name not in theirs]
    lines += [f'{kind} "{_short(name)}" differs' for name in ours
              if name in theirs and ours[name] != theirs[name]]
    return lines


def _signposts(ours: tuple[Signpost, ...], theirs: tuple[Signpost, ...],
               sides: tuple[str, str]) -> list[str]:
    by_id = {s.id: s for s in ours}
    their_ids = {s.id for s in theirs}
    lines = [f'signpost "{_short(s.title)}" only {sides[1]}'
             for s in theirs if s.id not in by_id]
    lines += [f'signpost "{_short(s.title)}" only {sides[0]}'
              for s in ours if s.id not in their_ids]
    for signpost in theirs:
        old = by_id.get(signpost.id)
        if old is None or old == signpost:
            continue
        changed = [f.name for f in fields(Signpost)
                   if getattr(old, f.name) != getattr(signpost, f.name)]
        if "title" in changed:
            # The same id with another title is often two different signposts.
            others = [name for name in changed if name != "title"]
            also = f" (and {', '.join(others)})" if others else ""
            lines.append(f'signpost {signpost.id}: "{_short(old.title)}" {sides[0]}, '
                         f'"{_short(signpost.title)}" {sides[1]}{also}')
        else:
            lines.append(f'signpost "{_short(signpost.title)}": {", ".join(changed)} differ')
    if _reordered([s.id for s in ours], [s.id for s in theirs]):
        lines.append("the signposts are in another order")
    return lines


def _reordered(ours: list[str], theirs: list[str]) -> bool:
    """Whether the items both have come in a different order."""
    both = set(ours) & set(theirs)
    return [k for k in ours if k in both] != [k for k in theirs if k in both]


def _short(text: str) -> str:
    text = shown(text)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "\u2026"
