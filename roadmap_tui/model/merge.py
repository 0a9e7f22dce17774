"""Three-way merge of roadmaps, by signpost ids and by owner and phase names.

Generic TOML merges see ``[[signposts]]`` as a list of positions, so two people
who each add an idea at the end conflict. Here every item is matched by what
it is: a change made on one side is taken, the same change made on both is
taken once, signposts added on both sides are all kept (theirs renumbered when
an id clashes, its dependants following), and the order is ours' with their
new signposts after the one they follow in theirs. References are compared by
identity, so a rename on one side and a new reference on the other meet.

Different changes to the same field, or a change against a deletion, are
conflicts: ours is kept (or the changed item), and theirs is recorded where
the result still loads: as a comment by ``roadmap-tui merge`` on the signpost,
or, for the roadmap's own fields, its phases and owners, as a line of the
roadmap's notes. The result always passes ``check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from .diff import OWNER_FIELDS, PHASE_FIELDS, SIGNPOST_FIELDS
from .merge_items import (
    AUTHOR,
    Conflict,
    Merger,
    MergeResult,
    Named,
    NamedMerge,
    dependency_cycles,
    merge_named,
    merge_order,
    next_free_id,
    three_way,
    value_line,
    value_text,
)
from .roadmap import Comment, Owner, Phase, Roadmap, Signpost
from .validate import validate

__all__ = ["AUTHOR", "Conflict", "MergeResult", "merge"]

_Values = tuple[object, ...]
"""A signpost's fields in SIGNPOST_FIELDS order, references as identities."""
_PHASE, _OWNERS, _DEPENDS = (SIGNPOST_FIELDS.index(name)
                             for name in ("phase", "owners", "depends_on"))


def merge(base: Roadmap, ours: Roadmap, theirs: Roadmap, *, now: datetime) -> MergeResult:
    """Merge ``theirs`` into ``ours``, both changed from ``base``; ``now`` dates the
    comments that record conflicts."""
    merger = Merger(base, ours, theirs, now)
    header = merger.header()
    phases = merge_named(merger, "phase", (base.phases, ours.phases, theirs.phases),
                         PHASE_FIELDS)
    owners = merge_named(merger, "owner", (base.owners, ours.owners, theirs.owners),
                         OWNER_FIELDS)
    signposts = _Signposts(merger, phases, owners).merged()
    _fix_phase_dates(merger, phases)
    signposts = [_with_comments(merger, s) for s in signposts]
    if merger.notes:
        notes = str(header["notes"])
        header["notes"] = "\n".join([notes, *merger.notes] if notes else merger.notes)
    roadmap = replace(ours, **header,  # type: ignore[arg-type]
                      phases=tuple(p for _, p in phases.items),
                      owners=tuple(o for _, o in owners.items), signposts=tuple(signposts))
    problems = validate(roadmap)
    if problems:
        # Only a case the rules here did not foresee; ours alone is always valid.
        fallback = Conflict("roadmap", ours.title, f"the two sides could not be merged "
                            f"({problems[0].message}); kept ours whole")
        return MergeResult(ours, (*merger.conflicts, fallback))
    return MergeResult(roadmap, tuple(merger.conflicts))


@dataclass
class _Merged:
    values: _Values
    comments: tuple[Comment, ...]
    ours: _Values | None


class _Signposts:
    """The signposts of the three sides, merged by id."""

    def __init__(self, merger: Merger, phases: NamedMerge[Phase],
                 owners: NamedMerge[Owner]) -> None:
        self.merger, self.phases, self.owners = merger, phases, owners
        self.base = {s.id: s for s in merger.base.signposts}
        self.ours = {s.id: s for s in merger.ours.signposts}
        taken = {*self.base, *self.ours, *(s.id for s in merger.theirs.signposts)}
        fresh = next_free_id(taken)
        # Added on both sides under one id: both kept, theirs renumbered.
        self.renumbered = {s.id: fresh() for s in merger.theirs.signposts
                           if s.id not in self.base and s.id in self.ours
                           and self.ours[s.id] != s}
        self.theirs = {self.renumbered.get(s.id, s.id): s for s in merger.theirs.signposts}

    def keyed(self, side: int, signpost: Signpost | None) -> _Values | None:
        """The signpost's fields with names and ids turned into identities."""
        if signpost is None:
            return None
        phases, owners = self.phases.keys[side], self.owners.keys[side]
        values = [getattr(signpost, name) for name in SIGNPOST_FIELDS]
        phase = signpost.phase.casefold()
        values[_PHASE] = phases.get(phase, phase)
        values[_OWNERS] = tuple(owners.get(o.casefold(), o.casefold()) for o in signpost.owners)
        if side == 2 and self.renumbered:
            values[_DEPENDS] = tuple(self.renumbered.get(d, d) for d in signpost.depends_on)
        return tuple(values)

    def merged(self) -> list[Signpost]:
        merged: dict[str, _Merged] = {}
        for key in {*self.base, *self.ours, *self.theirs}:
            found = self.one(key)
            if found is not None:
                merged[key] = found
        order = merge_order([s.id for s in self.merger.base.signposts],
                            [s.id for s in self.merger.ours.signposts],
                            [self.renumbered.get(s.id, s.id)
                             for s in self.merger.theirs.signposts], set(merged))
        self.keep_referenced(merged.values())
        result = [self.built(key, merged[key], merged) for key in order]
        return self.without_cycles(result, merged)

    def one(self, key: str) -> _Merged | None:
        b, o, t = self.base.get(key), self.ours.get(key), self.theirs.get(key)
        bv, ov, tv = self.keyed(0, b), self.keyed(1, o), self.keyed(2, t)
        if o is None or t is None:
            kept, values, gone = (o, ov, "theirs") if t is None else (t, tv, "ours")
            if kept is None or values is None:
                return None
            if b is not None and values == bv and kept.comments == b.comments:
                return None  # deleted on one side, untouched on the other
            if b is not None:
                self.merger.on_signpost(key, kept.title, f"deleted in {gone}, changed in "
                                        "the other; kept with its changes",
                                        f"{gone} deleted this signpost; the other side "
                                        "changed it, so it is kept.")
            return _Merged(values, kept.comments, ov)
        assert ov is not None and tv is not None
        values = ov if ov == tv else self.fields(key, o, bv, ov, tv)
        return _Merged(values, _comments(b, o, t), ov)

    def fields(self, key: str, ours: Signpost, bv: _Values | None, ov: _Values,
               tv: _Values) -> _Values:
        values = list(ov)
        for index, name in enumerate(SIGNPOST_FIELDS):
            was = bv[index] if bv is not None else None
            value, clash = three_way(was, ov[index], tv[index])
            values[index] = value
            if clash:
                theirs = getattr(self.theirs[key], name)
                self.merger.on_signpost(
                    key, ours.title, f"{name}: ours {value_line(getattr(ours, name))}, theirs "
                    f"{value_line(theirs)}; kept ours, theirs is in a comment",
                    f"theirs has {name} {value_text(theirs)} (ours, kept: "
                    f"{value_text(getattr(ours, name))}).")
        return tuple(values)

    def keep_referenced(self, merged: Iterable[_Merged]) -> None:
        """A phase or owner deleted on one side but named by a signpost of the other stays."""
        items = list(merged)
        _keep(self.merger, self.phases, {str(item.values[_PHASE]) for item in items})
        _keep(self.merger, self.owners,
              {name for item in items for name in _names(item.values[_OWNERS])})

    def built(self, key: str, item: _Merged, merged: dict[str, _Merged]) -> Signpost:
        values = dict(zip(SIGNPOST_FIELDS, item.values, strict=True))
        phase_names, owner_names = self.phases.name_of(), self.owners.name_of()
        values["phase"] = phase_names.get(str(values["phase"]), "")
        values["owners"] = tuple(owner_names[o] for o in _names(values["owners"]))
        depends = _names(values["depends_on"])
        kept = tuple(d for d in depends if d in merged)
        title = str(values["title"])
        if kept != depends:
            gone = ", ".join(d for d in depends if d not in merged)
            self.merger.on_signpost(key, title, f"depends on {gone}, deleted on the other "
                                    "side; that dependency is dropped",
                                    f"it depended on {gone}, which the other side deleted.")
            values["depends_on"] = kept
        signpost = Signpost(key, **values, comments=item.comments)  # type: ignore[arg-type]
        if signpost.start and signpost.due and signpost.due < signpost.start:
            source = self.ours.get(key) or self.theirs[key]
            self.merger.on_signpost(key, title, "start from one side and due from the "
                                    "other would end before it starts; kept ours' dates",
                                    f"theirs has start {value_text(self.theirs[key].start)} "
                                    f"and due {value_text(self.theirs[key].due)}.")
            signpost = replace(signpost, start=source.start, due=source.due)
        return signpost

    def without_cycles(self, result: list[Signpost], merged: dict[str, _Merged]) -> list[Signpost]:
        """Dependencies from both sides can close a loop neither side had: the loop's
        signposts go back to ours' dependencies."""
        cycles = dependency_cycles(result)
        while cycles:
            changed = False
            for index in cycles:
                signpost = result[index]
                ours = merged[signpost.id].ours
                mine = tuple(d for d in _names(ours[_DEPENDS]) if d in merged) if ours else ()
                if signpost.depends_on != mine:
                    self.merger.on_signpost(
                        signpost.id, signpost.title, "the dependencies of both sides together "
                        "make a cycle; kept ours",
                        f"theirs has depends_on {value_text(signpost.depends_on)}, which "
                        "with ours' makes a cycle.")
                    result[index] = replace(signpost, depends_on=mine)
                    changed = True
            if not changed:
                break  # left to the final check, which falls back to ours
            cycles = dependency_cycles(result)
        return result


def _comments(base: Signpost | None, ours: Signpost, theirs: Signpost) -> tuple[Comment, ...]:
    """Comments are a set: each side's additions kept, each side's removals taken."""
    before = base.comments if base is not None else ()
    if theirs.comments == before:
        return ours.comments
    if ours.comments == before:
        return theirs.comments
    removed = [c for c in before if c not in theirs.comments]
    kept = [c for c in ours.comments if c not in removed]
    added = [c for c in theirs.comments if c not in before and c not in ours.comments]
    return tuple(sorted([*kept, *added], key=lambda c: c.at) if added else kept)


def _names(value: object) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else ()


def _keep(merger: Merger, named: NamedMerge[Named], wanted: set[str]) -> None:
    present = {key for key, _ in named.items}
    for key in sorted(wanted - present - {""}):
        b, o, t = named.sources[key]
        item = o or t or b
        assert item is not None
        merger.on_roadmap("phase" if isinstance(item, Phase) else "owner", item.name,
                          "deleted on one side while the other gave it a signpost; kept")
        named.items.append((key, item))


def _fix_phase_dates(merger: Merger, phases: NamedMerge[Phase]) -> None:
    for index, (key, phase) in enumerate(phases.items):
        if phase.start is not None and phase.end is not None and phase.end < phase.start:
            ours = phases.sources[key][1] or phase
            merger.on_roadmap("phase", phase.name, "start from one side and end from the "
                              "other would end before it starts; kept ours' dates")
            phases.items[index] = (key, replace(phase, start=ours.start, end=ours.end))


def _with_comments(merger: Merger, signpost: Signpost) -> Signpost:
    texts = merger.comments.get(signpost.id)
    if not texts:
        return signpost
    added = tuple(Comment(AUTHOR, merger.now, text) for text in texts)
    return replace(signpost, comments=(*signpost.comments, *added))
