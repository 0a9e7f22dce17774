"""The conference view of a roadmap: its groups, and what connects them.

A combined plenary roadmap (``combine``) holds several breakout groups'
signposts, each with its ``group``. The plenary wants to see each group in
turn (:func:`split_by_group`), and what crosses groups (:func:`conference`):
overlapping plans, owners who committed in several groups, and the countries
each group works in, for the regrouping by country. Standard library only;
linear in the number of signposts, apart from the overlap search, which is
near-linear (see :mod:`.overlap`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from .combine import GROUP_LABEL_SEPARATOR, group_of
from .overlap import Overlaps, find_overlaps
from .roadmap import Owner, Roadmap, Signpost


@dataclass(frozen=True, slots=True)
class GroupCount:
    name: str
    signposts: int


@dataclass(frozen=True, slots=True)
class SharedOwner:
    """An owner with signposts in more than one group: (group, how many) each."""

    owner: str
    groups: tuple[GroupCount, ...]


@dataclass(frozen=True, slots=True)
class GroupCountries:
    """The countries a group's signposts name or its owners are based in, with how many
    signposts each; the most first."""

    group: str
    countries: tuple[GroupCount, ...]


@dataclass(frozen=True, slots=True)
class Conference:
    """What the summary's Groups and Across groups sections show."""

    groups: tuple[GroupCount, ...]
    overlaps: Overlaps
    shared_owners: tuple[SharedOwner, ...]
    countries: tuple[GroupCountries, ...]


def group_names(roadmap: Roadmap) -> list[str]:
    """The roadmap's groups in order of first appearance (first spelling)."""
    names: dict[str, str] = {}
    for signpost in roadmap.signposts:
        name = group_of(roadmap, signpost)
        names.setdefault(name.casefold(), name)
    return list(names.values())


def is_combined(roadmap: Roadmap) -> bool:
    """Whether the signposts come from two or more groups."""
    first: str | None = None
    for signpost in roadmap.signposts:
        name = group_of(roadmap, signpost).casefold()
        if first is None:
            first = name
        elif name != first:
            return True
    return False


@lru_cache(maxsize=4)
def conference(roadmap: Roadmap) -> Conference | None:
    """The cross-group view; None when the signposts come from fewer than two groups.

    Kept for the last few roadmap values: the Groups and Across groups sections,
    and each format, ask for the same analysis of the same value."""
    if not is_combined(roadmap):
        return None
    return Conference(
        groups=tuple(GroupCount(name, count) for name, count in _counted(
            group_of(roadmap, s) for s in roadmap.signposts)),
        overlaps=find_overlaps(roadmap.signposts, lambda s: group_of(roadmap, s)),
        shared_owners=_shared_owners(roadmap),
        countries=_countries_by_group(roadmap),
    )


def split_by_group(roadmap: Roadmap) -> list[tuple[str, Roadmap]]:
    """One roadmap per group, in order of first appearance, for presenting group by group.

    Each keeps the phases and the owners its signposts use (in the roadmap's
    order), the header of the whole roadmap with ``group`` set, and the debrief
    items that ``combine`` led with the group's name (the name taken off again).
    A dependency on another group's signpost is left out, so each part is a
    valid roadmap of its own; ids stay as they are.
    """
    parts: dict[str, list[Signpost]] = {}
    names: dict[str, str] = {}
    for signpost in roadmap.signposts:
        name = group_of(roadmap, signpost)
        key = name.casefold()
        names.setdefault(key, name)
        parts.setdefault(key, []).append(signpost)
    if len(parts) < 2:
        return [(group_of(roadmap, roadmap.signposts[0]), roadmap)] if parts else []
    labels = [f"{name}{GROUP_LABEL_SEPARATOR}".casefold() for name in names.values()]
    result = []
    for key, signposts in parts.items():
        name = names[key]
        ids = {s.id for s in signposts}
        kept = tuple(replace(s, depends_on=tuple(d for d in s.depends_on if d in ids))
                     if any(d not in ids for d in s.depends_on) else s for s in signposts)
        phases = {s.phase.casefold() for s in kept}
        owners = {o.casefold() for s in kept for o in s.owners}
        result.append((name, replace(
            roadmap, group=name, strategy=_own_text(roadmap.strategy, name, labels),
            notes=_own_text(roadmap.notes, name, labels),
            goals=_own_items(roadmap.goals, name), outcomes=_own_items(roadmap.outcomes, name),
            assumptions=_own_items(roadmap.assumptions, name),
            learnings=_own_items(roadmap.learnings, name), asks=_own_items(roadmap.asks, name),
            phases=tuple(p for p in roadmap.phases if p.name.casefold() in phases),
            owners=tuple(o for o in roadmap.owners if o.name.casefold() in owners),
            signposts=kept)))
    return result


def _shared_owners(roadmap: Roadmap) -> tuple[SharedOwner, ...]:
    counts: dict[str, dict[str, list[str]]] = {}
    spelling: dict[str, str] = {o.name.casefold(): o.name for o in roadmap.owners}
    for signpost in roadmap.signposts:
        group = group_of(roadmap, signpost)
        for owner in dict.fromkeys(o.casefold() for o in signpost.owners):
            spelling.setdefault(owner, next(o for o in signpost.owners
                                             if o.casefold() == owner))
            counts.setdefault(owner, {}).setdefault(group.casefold(), []).append(group)
    shared = []
    for owner, groups in counts.items():
        if len(groups) > 1:
            shared.append(SharedOwner(spelling[owner], tuple(
                GroupCount(names[0], len(names)) for names in groups.values())))
    order = {o.name.casefold(): n for n, o in enumerate(roadmap.owners)}
    shared.sort(key=lambda s: (-len(s.groups), order.get(s.owner.casefold(), len(order))))
    return tuple(shared)


def _countries_by_group(roadmap: Roadmap) -> tuple[GroupCountries, ...]:
    owners = {o.name.casefold(): o for o in roadmap.owners}
    by_group: dict[str, tuple[str, list[str]]] = {}
    for signpost in roadmap.signposts:
        group = group_of(roadmap, signpost)
        named = by_group.setdefault(group.casefold(), (group, []))[1]
        named.extend(signpost_countries(signpost, owners))
    return tuple(GroupCountries(group, tuple(GroupCount(n, c) for n, c in sorted(
        _counted(named), key=lambda item: (-item[1], item[0].casefold()))))
                 for group, named in by_group.values())


def signpost_countries(signpost: Signpost, owners: dict[str, Owner]) -> list[str]:
    """The countries a signpost names, and its owners' countries, once each (any case)."""
    found: dict[str, str] = {}
    for country in signpost.countries:
        if country.strip():
            found.setdefault(country.strip().casefold(), country.strip())
    for name in signpost.owners:
        owner = owners.get(name.casefold())
        if owner is not None and owner.country.strip():
            found.setdefault(owner.country.strip().casefold(), owner.country.strip())
    return list(found.values())


def _counted(names: Iterable[str]) -> list[tuple[str, int]]:
    """Names counted case-insensitively, first spelling, in order of first appearance."""
    counts: dict[str, tuple[str, int]] = {}
    for name in names:
        key = name.casefold()
        first, count = counts.get(key, (name, 0))
        counts[key] = (first, count + 1)
    return list(counts.values())


def _own_items(items: tuple[str, ...], group: str) -> tuple[str, ...]:
    prefix = f"{group}{GROUP_LABEL_SEPARATOR}".casefold()
    return tuple(item[len(prefix):] for item in items if item.casefold().startswith(prefix))


def _own_text(text: str, group: str, labels: list[str]) -> str:
    """The group's paragraphs of a combined text: from the one led by its name up to
    the next one led by any group's name."""
    prefix = f"{group}{GROUP_LABEL_SEPARATOR}".casefold()
    own: list[str] = []
    inside = False
    for paragraph in text.split("\n\n"):
        folded = paragraph.casefold()
        if any(folded.startswith(label) for label in labels):
            inside = folded.startswith(prefix)
            if inside:
                paragraph = paragraph[len(prefix):]
        if inside:
            own.append(paragraph)
    return "\n\n".join(own)


def positions_by_group(roadmap: Roadmap, positions: Iterable[int]) -> list[tuple[str, list[int]]]:
    """``positions`` (0-based) gathered by group, for a list grouped by group: the groups
    in the roadmap's order of first appearance, each group's positions in roadmap order."""
    order = {name.casefold(): n for n, name in enumerate(group_names(roadmap))}
    gathered: dict[str, tuple[str, list[int]]] = {}
    for position in positions:
        name = group_of(roadmap, roadmap.signposts[position])
        gathered.setdefault(name.casefold(), (name, []))[1].append(position)
    return [gathered[key] for key in sorted(gathered, key=order.__getitem__)]
