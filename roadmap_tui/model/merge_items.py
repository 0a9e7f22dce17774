"""The parts of a three-way merge (see merge.py): where conflicts are recorded, one
field's merge, phases and owners merged by identity, and the merged order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import Generic, Literal, TypeVar

from .diff import HEADER_FIELDS, moved, quoted, renamed
from .diff import value_words as _words
from .roadmap import Owner, Phase, Roadmap, Signpost
from .validate import dependency_cycle_problems

AUTHOR = "roadmap-tui merge"
_NUMBERED = re.compile(r"s(\d+)")
Named = TypeVar("Named", Phase, Owner)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Ours and theirs changed the same thing differently; ours was kept."""

    item: Literal["roadmap", "phase", "owner", "signpost"]
    key: str
    """The signpost's id in the result, or the phase's or owner's name."""
    message: str
    """One line for a person: what, ours, theirs, and what was kept."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    roadmap: Roadmap
    conflicts: tuple[Conflict, ...] = ()


def _full(text: str) -> str:
    return f'"{text}"'


def value_text(value: object) -> str:
    """A value whole, for the comment or note that keeps theirs."""
    return _words(value, _full)


def value_line(value: object) -> str:
    """A value on one line, shortened, for the conflict's line on stderr."""
    return _words(value, partial(quoted, limit=80))


@dataclass
class Merger:
    base: Roadmap
    ours: Roadmap
    theirs: Roadmap
    now: datetime
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comments: dict[str, list[str]] = field(default_factory=dict)

    # -- conflicts ---------------------------------------------------------------

    def on_signpost(self, signpost_id: str, title: str, what: str, comment: str) -> None:
        self.conflicts.append(Conflict("signpost", signpost_id,
                                       f'signpost {signpost_id} "{title}": {what}'))
        self.comments.setdefault(signpost_id, []).append(f"Merge conflict: {comment}")

    def on_roadmap(self, item: Literal["roadmap", "phase", "owner"], name: str,
                   what: str, record: str = "") -> None:
        """A conflict with no signpost to comment on: kept in the roadmap's notes
        (``record``, the whole of theirs, or else ``what``)."""
        subject = "the roadmap" if item == "roadmap" else f'{item} "{name}"'
        self.conflicts.append(Conflict(item, name, f"{subject}: {what}"))
        self.notes.append(f"{AUTHOR}: conflict on {subject}: {record or what}")

    def field_conflict(self, item: Literal["roadmap", "phase", "owner"], name: str,
                       key: str, ours: object, theirs: object) -> None:
        self.on_roadmap(item, name,
                        f"{key}: ours {value_line(ours)}, theirs {value_line(theirs)}; "
                        "kept ours",
                        f"{key}: ours {value_text(ours)}, theirs {value_text(theirs)}; "
                        "kept ours")

    # -- the roadmap ---------------------------------------------------------------

    def header(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for key in HEADER_FIELDS:
            b, o, t = (getattr(r, key) for r in (self.base, self.ours, self.theirs))
            if key == "updated" and o is not None and t is not None and o != t:
                values[key] = max(o, t)  # the later save: never a conflict
                continue
            value, clash = three_way(b, o, t)
            if clash:
                self.field_conflict("roadmap", self.ours.title, key, o, t)
            values[key] = value
        return values


def three_way(base: object, ours: object, theirs: object) -> tuple[object, bool]:
    """The merged value and whether the two sides changed it differently (ours kept)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


# -- phases and owners -------------------------------------------------------------------


@dataclass
class NamedMerge(Generic[Named]):
    """Phases or owners merged by identity; ``keys`` turn each side's names into it."""

    items: list[tuple[str, Named]]
    """(identity, item) in the merged order."""
    keys: tuple[dict[str, str], dict[str, str], dict[str, str]]
    """For base, ours, theirs: case-folded name -> identity."""
    sources: dict[str, tuple[Named | None, Named | None, Named | None]]

    def name_of(self) -> dict[str, str]:
        return {key: item.name for key, item in self.items}


def _identities(base_keys: set[str], items: Sequence[Named],
                renames: dict[str, str]) -> dict[str, str]:
    back = {name.casefold(): old for old, name in renames.items()}
    return {item.name.casefold(): back.get(item.name.casefold(), item.name.casefold())
            for item in items}


def merge_named(merger: Merger, kind: Literal["phase", "owner"],
                lists: tuple[Sequence[Named], Sequence[Named], Sequence[Named]],
                names: Sequence[str]) -> NamedMerge[Named]:
    """The phases (or owners) of base, ours and theirs merged item by item."""
    base_keys = {item.name.casefold() for item in lists[0]}
    keys = ({k: k for k in base_keys},
            _identities(base_keys, lists[1], renamed(merger.base, merger.ours, kind)),
            _identities(base_keys, lists[2], renamed(merger.base, merger.theirs, kind)))
    by_key: list[dict[str, Named]] = [{keys[i][item.name.casefold()]: item for item in items}
                                      for i, items in enumerate(lists)]
    merged: dict[str, Named] = {}
    sources: dict[str, tuple[Named | None, Named | None, Named | None]] = {}
    for key in {*by_key[0], *by_key[1], *by_key[2]}:
        b, o, t = (side.get(key) for side in by_key)
        sources[key] = (b, o, t)
        item = _merge_item(merger, kind, b, o, t, ("name", *names))
        if item is not None:
            merged[key] = item
    order = merge_order([keys[0][i.name.casefold()] for i in lists[0]],
                        [keys[1][i.name.casefold()] for i in lists[1]],
                        [keys[2][i.name.casefold()] for i in lists[2]], set(merged))
    result = NamedMerge([(key, merged[key]) for key in order], keys, sources)
    _separate_clashes(merger, kind, result)
    return result


def _merge_item(merger: Merger, kind: Literal["phase", "owner"], b: Named | None,
                o: Named | None, t: Named | None, names: Sequence[str]) -> Named | None:
    if o is None or t is None:
        kept, gone, changed = (o, "theirs", o != b) if t is None else (t, "ours", t != b)
        if kept is None or b is None or not changed:
            return kept if b is None else None
        merger.on_roadmap(kind, kept.name, f"deleted in {gone}, changed in the other; kept")
        return kept
    if o == t:
        return o
    values: dict[str, object] = {}
    for name in names:
        was = getattr(b, name) if b is not None else _empty(getattr(o, name))
        value, clash = three_way(was, getattr(o, name), getattr(t, name))
        if clash:
            merger.field_conflict(kind, o.name, name, getattr(o, name), getattr(t, name))
        values[name] = value
    return replace(o, **values)  # type: ignore[arg-type]


def _empty(value: object) -> object:
    """What an absent item's field counts as, for two sides that added the same item."""
    return None if value is None or not isinstance(value, str | tuple) else type(value)()


def _separate_clashes(merger: Merger, kind: Literal["phase", "owner"],
                      merged: NamedMerge[Named]) -> None:
    """Two items that ended with one name (a rename on one side, an addition on the other)
    cannot both keep it: the later is renamed ``NAME (theirs)``."""
    taken: set[str] = set()
    for index, (key, item) in enumerate(merged.items):
        if item.name.casefold() not in taken:
            taken.add(item.name.casefold())
            continue
        number, name = 1, f"{item.name} (theirs)"
        while name.casefold() in taken:
            number += 1
            name = f"{item.name} (theirs {number})"
        taken.add(name.casefold())
        merger.on_roadmap(kind, item.name, f"two {kind}s came to be named so; the second "
                          f'is now "{name}"')
        merged.items[index] = (key, replace(item, name=name))


# -- order -------------------------------------------------------------------------------


def merge_order(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str],
                result: set[str]) -> list[str]:
    """The merged order of ``result``: ours', with what theirs added or moved (and ours
    did not move) placed after the item it follows in theirs."""
    in_base, in_ours, in_theirs = set(base), set(ours), set(theirs)
    our_moves = moved([k for k in base if k in in_ours], [k for k in ours if k in in_base])
    their_moves = moved([k for k in base if k in in_theirs],
                        [k for k in theirs if k in in_base])
    ours_only = in_ours - in_base - in_theirs
    head = ""  # no id or name is empty
    after: dict[str, str | None] = {head: None}
    before: dict[str, str] = {}

    def link(key: str, previous: str) -> None:
        following = after[previous]
        after[previous], after[key], before[key] = key, following, previous
        if following is not None:
            before[following] = key

    def unlink(key: str) -> None:
        previous, following = before.pop(key), after.pop(key)
        after[previous] = following
        if following is not None:
            before[following] = previous

    last = head
    for key in ours:
        if key in result:
            link(key, last)
            last = key
    last = head
    for key in theirs:
        if key not in result:
            continue
        if key not in after or (key in their_moves and key not in our_moves):
            if key in after:
                unlink(key)
            place = last
            while (following := after[place]) is not None and following in ours_only:
                place = following  # ours' own additions there come first
            link(key, place)
        last = key
    order: list[str] = []
    current = after[head]
    while current is not None:
        order.append(current)
        current = after[current]
    if len(order) < len(result):  # kept only by a conflict, on neither side's list
        order += [k for k in base if k in result and k not in after]
    return order


def next_free_id(taken: set[str]) -> Callable[[], str]:
    """A maker of ``s<N>`` ids past every numbered id in ``taken`` (which it extends)."""
    highest = max((int(m.group(1)) for m in map(_NUMBERED.fullmatch, taken) if m), default=0)

    def make() -> str:
        nonlocal highest
        highest += 1
        while f"s{highest}" in taken:
            highest += 1
        taken.add(f"s{highest}")
        return f"s{highest}"
    return make


def dependency_cycles(signposts: Iterable[Signpost]) -> list[int]:
    """Indexes of the signposts that close a dependency cycle."""
    return [problem.location[1] for problem in dependency_cycle_problems(list(signposts))
            if isinstance(problem.location[1], int)]
