"""What a roadmap says at a glance: its signposts by phase, owner, country and tag,
its debrief, and its gaps.

The summary (Rich), the Markdown and HTML exports, present mode and the app's
reviewer all need the same answers, so they are computed here once, from the
model alone (standard library only): a gap counted here is counted the same in
every format. Every function is linear in the number of signposts: a merged conference
roadmap can hold thousands.

Positions are 1-based roadmap order, the number a group reads out ("number 3").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .roadmap import DEBRIEF_LISTS, Owner, Phase, Roadmap, Signpost, Status
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


def gaps(roadmap: Roadmap, *, today: date | None) -> list[Gap]:
    """What the group has still to settle, one Gap per kind that has any signposts.

    Done and dropped signposts are never gaps for owner, phase or date: nobody
    has to act on them any more. A dependency is a gap when a signpost that is
    not dropped itself depends on one that is. Past due is checked only when
    ``today`` is given; it is a required argument so that no caller leaves it
    out by accident (the app and the command line both pass the real date, so
    their exports agree).
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


def signposts_with_gaps(found: Sequence[Gap]) -> int:
    """How many signposts need attention: one with no owner, phase or date counts once.

    This is the one gap count every format prints ("3 with gaps").
    """
    return len({item.position for gap in found for item in gap.items})


@dataclass(frozen=True, slots=True)
class CountryGroup:
    """A country (first spelling seen), the signposts that name it or whose owners are
    based there, and those owners; matched case-insensitively as SPEC section 6 asks."""

    name: str
    signposts: tuple[Numbered, ...]
    owners: tuple[Owner, ...]


@dataclass(frozen=True, slots=True)
class TagGroup:
    """A tag (first spelling seen) and its signposts, in roadmap order."""

    name: str
    signposts: tuple[Numbered, ...]


def country_groups(roadmap: Roadmap) -> list[CountryGroup]:
    """Every country the roadmap mentions, in order of first mention: owners' countries
    first (the people in the room), then the signposts' own."""
    names: dict[str, str] = {}
    owners: dict[str, list[Owner]] = {}
    owner_country: dict[str, str] = {}
    for owner in roadmap.owners:
        if country := owner.country.strip():
            key = country.casefold()
            names.setdefault(key, country)
            owners.setdefault(key, []).append(owner)
            owner_country[owner.name.casefold()] = key
    for signpost in roadmap.signposts:
        for country in signpost.countries:
            if country.strip():
                names.setdefault(country.strip().casefold(), country.strip())
    signposts: dict[str, list[Numbered]] = {key: [] for key in names}
    for item in numbered(roadmap):
        keys = [c.strip().casefold() for c in item[1].countries if c.strip()]
        keys += [owner_country[o.casefold()] for o in item[1].owners
                 if o.casefold() in owner_country]
        for key in dict.fromkeys(keys):
            signposts[key].append(item)
    return [CountryGroup(name, tuple(signposts[key]), tuple(owners.get(key, ())))
            for key, name in names.items()]


def tag_groups(roadmap: Roadmap) -> list[TagGroup]:
    """Every tag with its signposts, in order of first use."""
    names: dict[str, str] = {}
    signposts: dict[str, list[Numbered]] = {}
    for item in numbered(roadmap):
        for tag in item[1].tags:
            if not (tag := tag.strip()):
                continue
            key = tag.casefold()
            names.setdefault(key, tag)
            found = signposts.setdefault(key, [])
            if not found or found[-1] is not item:
                found.append(item)
    return [TagGroup(name, tuple(signposts[key])) for key, name in names.items()]


DEBRIEF_HEADINGS = {
    "goals": "Goals",
    "outcomes": "Outcomes",
    "assumptions": "Assumptions",
    "learnings": "Key learnings",
    "asks": "Asks of the room",
}
"""The debrief's lists as a reader sees them, in file order (DEBRIEF_LISTS)."""


def debrief_lists(roadmap: Roadmap) -> list[tuple[str, tuple[str, ...]]]:
    """The debrief's lists that have items, each with its heading, in file order."""
    lists = ((DEBRIEF_HEADINGS[name], getattr(roadmap, name)) for name in DEBRIEF_LISTS)
    return [(heading, tuple(items)) for heading, items in lists if items]


def has_debrief(roadmap: Roadmap) -> bool:
    return bool(roadmap.strategy.strip()) or any(getattr(roadmap, n) for n in DEBRIEF_LISTS)


SECTIONS = ("debrief", "signposts", "timeline", "owners", "countries", "tags", "gaps",
            "groups", "across")
"""Every section a summary can have, in the order it is shown (after the header).

Each format (the Rich summary, Markdown, HTML) renders a section by its name;
a new section (a combined roadmap's groups, say) is a name added here plus one
renderer per format.
"""


def sections(roadmap: Roadmap) -> list[str]:
    """The sections this roadmap's summary shows, in order.

    Signposts, timeline, owners and gaps always appear (SPEC section 3), saying
    so when they are empty; the debrief, countries and tags only when the
    roadmap has some.
    """
    from .conference import is_combined  # conference builds on this module

    combined = is_combined(roadmap)
    optional = {
        "debrief": has_debrief(roadmap),
        "countries": any(o.country.strip() for o in roadmap.owners)
        or any(c.strip() for s in roadmap.signposts for c in s.countries),
        "tags": any(t.strip() for s in roadmap.signposts for t in s.tags),
        # A combined roadmap's Groups and Across groups (SPEC section 6).
        "groups": combined,
        "across": combined,
    }
    return [name for name in SECTIONS if optional.get(name, True)]
