"""What a roadmap says at a glance: its signposts by phase and by owner, and its gaps.

The summary (Rich), the Markdown export and the app's reviewer all need the same
answers, so they are computed here once, from the model alone (standard library
only). Every function is linear in the number of signposts: a merged conference
roadmap can hold thousands.

Positions are 1-based roadmap order, the number a group reads out ("number 3").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .roadmap import Owner, Phase, Roadmap, Signpost, Status
from .timeline import CLOSED_STATUSES, is_overdue

Numbered = tuple[int, Signpost]
"""A signpost with its 1-based position in the roadmap."""


@dataclass(frozen=True, slots=True)
class PhaseGroup:
    """The signposts of one phase; ``phase`` is None for those with no phase yet.

    ``known`` is False for a phase that a signpost names but the roadmap does not
    list (only possible in a roadmap that was never validated): its signposts
    are still shown, under the name they give.
    """

    phase: Phase | None
    signposts: tuple[Numbered, ...]
    known: bool = True


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    """An owner and the signposts given to it, in roadmap order."""

    owner: Owner
    signposts: tuple[Numbered, ...]
    known: bool = True


class GapKind(StrEnum):
    """What can be missing or wrong; the order is the order gaps are reported in."""

    NO_OWNER = "no owner"
    NO_PHASE = "no phase"
    NO_DATE = "no date"
    BLOCKED = "blocked"
    DROPPED_DEPENDENCY = "depends on dropped"
    OVERDUE = "past due"


GAP_HEADINGS = {
    GapKind.NO_OWNER: "No owner",
    GapKind.NO_PHASE: "No phase",
    GapKind.NO_DATE: "No date",
    GapKind.BLOCKED: "Blocked",
    GapKind.DROPPED_DEPENDENCY: "Depends on dropped",
    GapKind.OVERDUE: "Past due",
}


@dataclass(frozen=True, slots=True)
class GapItem:
    """One signpost in a gap, with what it depends on when that is the gap."""

    position: int
    signpost: Signpost
    dropped: tuple[Numbered, ...] = ()
    """For DROPPED_DEPENDENCY: the dropped signposts it depends on."""


@dataclass(frozen=True, slots=True)
class Gap:
    kind: GapKind
    items: tuple[GapItem, ...] = field(default=())

    @property
    def heading(self) -> str:
        return GAP_HEADINGS[self.kind]


def numbered(roadmap: Roadmap) -> list[Numbered]:
    return list(enumerate(roadmap.signposts, start=1))


def phase_groups(roadmap: Roadmap) -> list[PhaseGroup]:
    """Signposts grouped by phase, in the roadmap's phase order; unphased last.

    Every phase appears, empty or not, so the summary shows the whole plan;
    the unphased group appears only when it has signposts.
    """
    by_phase: dict[str, list[Numbered]] = {p.name.casefold(): [] for p in roadmap.phases}
    unknown: dict[str, tuple[str, list[Numbered]]] = {}
    unphased: list[Numbered] = []
    for item in numbered(roadmap):
        name = item[1].phase
        if not name:
            unphased.append(item)
        elif (key := name.casefold()) in by_phase:
            by_phase[key].append(item)
        else:
            unknown.setdefault(key, (name, []))[1].append(item)
    groups = [PhaseGroup(p, tuple(by_phase[p.name.casefold()])) for p in roadmap.phases]
    groups.extend(PhaseGroup(Phase(name), tuple(items), known=False)
                  for name, items in unknown.values())
    if unphased:
        groups.append(PhaseGroup(None, tuple(unphased)))
    return groups


def owner_groups(roadmap: Roadmap) -> list[OwnerGroup]:
    """Every owner with its signposts, in the roadmap's owner order."""
    by_owner: dict[str, list[Numbered]] = {o.name.casefold(): [] for o in roadmap.owners}
    unknown: dict[str, tuple[str, list[Numbered]]] = {}
    for item in numbered(roadmap):
        for name in dict.fromkeys(n.casefold() for n in item[1].owners):
            if name in by_owner:
                by_owner[name].append(item)
            else:
                original = next(n for n in item[1].owners if n.casefold() == name)
                unknown.setdefault(name, (original, []))[1].append(item)
    groups = [OwnerGroup(o, tuple(by_owner[o.name.casefold()])) for o in roadmap.owners]
    groups.extend(OwnerGroup(Owner(name), tuple(items), known=False)
                  for name, items in unknown.values())
    return groups


def gaps(roadmap: Roadmap, *, today: date | None = None) -> list[Gap]:
    """What the group has still to settle, one Gap per kind that has any signposts.

    Done and dropped signposts are never gaps for owner, phase or date: nobody
    has to act on them any more. A dependency is a gap when a signpost that is
    not dropped itself depends on one that is. Past due is checked only when
    ``today`` is given.
    """
    ids = {item[1].id: item for item in numbered(roadmap)}
    found: dict[GapKind, list[GapItem]] = {kind: [] for kind in GapKind}
    for position, signpost in numbered(roadmap):
        open_ = signpost.status not in CLOSED_STATUSES
        if open_ and not signpost.owners:
            found[GapKind.NO_OWNER].append(GapItem(position, signpost))
        if open_ and not signpost.phase:
            found[GapKind.NO_PHASE].append(GapItem(position, signpost))
        if open_ and signpost.start is None and signpost.due is None:
            found[GapKind.NO_DATE].append(GapItem(position, signpost))
        if signpost.status == Status.BLOCKED:
            found[GapKind.BLOCKED].append(GapItem(position, signpost))
        if signpost.status != Status.DROPPED and signpost.depends_on:
            dropped = _dropped_dependencies(signpost.depends_on, ids)
            if dropped:
                found[GapKind.DROPPED_DEPENDENCY].append(GapItem(position, signpost, dropped))
        if today is not None and is_overdue(signpost, today):
            found[GapKind.OVERDUE].append(GapItem(position, signpost))
    return [Gap(kind, tuple(items)) for kind, items in found.items() if items]


def _dropped_dependencies(
    depends_on: Sequence[str], ids: dict[str, Numbered]
) -> tuple[Numbered, ...]:
    dropped = (ids.get(dependency) for dependency in dict.fromkeys(depends_on))
    return tuple(item for item in dropped if item is not None
                 and item[1].status == Status.DROPPED)
