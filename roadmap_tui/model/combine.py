"""One plenary roadmap from every breakout group's roadmap (SPEC section 6, ``combine``).

The rules are the contract's: phases and owners are merged by name
(case-insensitive, first spelling, order of first appearance), every input's
signposts follow in input order, each remembers its ``group`` and its
``origin`` (``"<file name>#<id>"``), ids are renumbered ``s1``... and
``depends_on`` follows them. Pure: the same inputs always give the same roadmap,
so a combined file in git changes only when a group's file does.

Where SPEC is silent, nothing a group wrote is lost: the debrief lists and the
strategy and notes of each group are kept, each item led by its group's name
(``"Legal: ..."``), so the plenary hears every group's learnings and asks, and
:func:`~roadmap_tui.model.conference.split_by_group` can give each group its own
back. The question and the event are kept when every input that has one agrees;
the participants are everyone's, once each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from .roadmap import Owner, Phase, Roadmap, Signpost
from .text import clean_text

DEFAULT_TITLE = "Plenary"
GROUP_LABEL_SEPARATOR = ": "
"""Between a group's name and one of its debrief items in a combined roadmap."""
_OWNER_FIELDS = ("organisation", "role", "country", "contact")
Named = TypeVar("Named", Phase, Owner)


@dataclass(frozen=True, slots=True)
class CombineInput:
    """One roadmap to combine and the file name its signposts' ``origin`` names."""

    name: str
    roadmap: Roadmap


def group_of(roadmap: Roadmap, signpost: Signpost) -> str:
    """The group a signpost belongs to: its own, else its roadmap's group, else title.

    The same rule ``combine`` uses to set ``group``, so a single group's file and
    a combined roadmap answer alike.
    """
    return signpost.group or roadmap.group or roadmap.title


def combine(
    inputs: Sequence[CombineInput], *, title: str = DEFAULT_TITLE, event: str | None = None
) -> Roadmap:
    """The plenary roadmap of ``inputs`` (valid roadmaps), in the order given."""
    phases = _merged_phases(i.roadmap for i in inputs)
    owners = _merged_owners(i.roadmap for i in inputs)
    phase_names = {p.name.casefold(): p.name for p in phases}
    owner_names = {o.name.casefold(): o.name for o in owners}
    signposts: list[Signpost] = []
    for item in inputs:
        roadmap = item.roadmap
        first = len(signposts) + 1
        new_ids = {s.id: f"s{first + n}" for n, s in enumerate(roadmap.signposts)}
        origin_file = _one_line(item.name)
        for signpost in roadmap.signposts:
            signposts.append(replace(
                signpost,
                id=new_ids[signpost.id],
                phase=phase_names.get(signpost.phase.casefold(), signpost.phase),
                owners=tuple(owner_names.get(o.casefold(), o) for o in signpost.owners),
                depends_on=tuple(new_ids.get(d, d) for d in signpost.depends_on),
                group=group_of(roadmap, signpost),
                origin=signpost.origin or f"{origin_file}#{signpost.id}",
            ))
    roadmaps = [i.roadmap for i in inputs]
    return Roadmap(
        title=title,
        event=_common(r.event for r in roadmaps) if event is None else event,
        question=_common(r.question for r in roadmaps),
        participants=tuple(_unique(p for r in roadmaps for p in r.participants)),
        notes=_labelled_text(roadmaps, "notes"),
        strategy=_labelled_text(roadmaps, "strategy"),
        goals=_labelled_items(roadmaps, "goals"),
        outcomes=_labelled_items(roadmaps, "outcomes"),
        assumptions=_labelled_items(roadmaps, "assumptions"),
        learnings=_labelled_items(roadmaps, "learnings"),
        asks=_labelled_items(roadmaps, "asks"),
        phases=tuple(phases),
        owners=tuple(owners),
        signposts=tuple(signposts),
    )


def _merged_phases(roadmaps: Iterable[Roadmap]) -> list[Phase]:
    """Phases by name; the first spelling, and the first input's dates as a pair (taking
    a start from one group and an end from another could make a range that ends before
    it starts); the first description that says anything."""
    def merge(known: Phase, phase: Phase) -> Phase:
        if known.start is None and known.end is None:
            known = replace(known, start=phase.start, end=phase.end)
        if not known.description:
            known = replace(known, description=phase.description)
        return known

    return _merged_by_name((p for r in roadmaps for p in r.phases), merge)


def _merged_owners(roadmaps: Iterable[Roadmap]) -> list[Owner]:
    """Owners by name, each field the first non-empty value any input gives it."""
    def merge(known: Owner, owner: Owner) -> Owner:
        missing = {f: getattr(owner, f) for f in _OWNER_FIELDS
                   if not getattr(known, f) and getattr(owner, f)}
        return replace(known, **missing) if missing else known

    return _merged_by_name((o for r in roadmaps for o in r.owners), merge)


def _merged_by_name(items: Iterable[Named], merge: Callable[[Named, Named], Named]) -> list[Named]:
    """Items with the same name (any case) as one, in order of first appearance."""
    merged: dict[str, Named] = {}
    for item in items:
        key = item.name.casefold()
        known = merged.get(key)
        merged[key] = item if known is None else merge(known, item)
    return list(merged.values())


def _labeller(roadmap: Roadmap) -> Callable[[str], str]:
    """Leads a debrief item with the roadmap's group name, unless it is led by one of
    its signposts' groups already (an input that was itself combined)."""
    label = roadmap.group or roadmap.title
    led = tuple({f"{group_of(roadmap, s)}{GROUP_LABEL_SEPARATOR}".casefold()
                 for s in roadmap.signposts})

    def labelled(item: str) -> str:
        if item.casefold().startswith(led):
            return item
        return f"{label}{GROUP_LABEL_SEPARATOR}{item}"

    return labelled


def _labelled_items(roadmaps: Sequence[Roadmap], name: str) -> tuple[str, ...]:
    """One debrief list of every input, each item led by its group's name."""
    items: list[str] = []
    for roadmap in roadmaps:
        items.extend(map(_labeller(roadmap), getattr(roadmap, name)))
    return tuple(items)


def _labelled_text(roadmaps: Sequence[Roadmap], name: str) -> str:
    paragraphs = []
    for roadmap in roadmaps:
        text = getattr(roadmap, name).strip()
        if text:
            paragraphs.append(_labeller(roadmap)(text))
    return "\n\n".join(paragraphs)


def _common(values: Iterable[str]) -> str:
    """The one value every input that has one agrees on; "" when they differ."""
    found = {v for v in values if v}
    return found.pop() if len(found) == 1 else ""


def _unique(names: Iterable[str]) -> Iterable[str]:
    seen: set[str] = set()
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            yield name


def _one_line(name: str) -> str:
    """A file name as an origin: one line, no control or bidi-override characters."""
    return clean_text(name, multiline=False)[0]
