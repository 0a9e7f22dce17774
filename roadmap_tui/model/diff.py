"""What changed from one version of a roadmap to another, one change at a time.

The one engine behind ``roadmap-tui diff``, the app's Compare, the recovery
offer and the changed-on-disk question, so all of them say the same thing.
Roadmaps are compared as values: formatting never counts. Signposts are matched
by id, owners and phases by name (ignoring case); an owner or phase that
disappears while another appears with the same signposts referring to it is a
rename, and the references that followed it are not reported again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

from .roadmap import DEBRIEF_LISTS, Comment, Owner, Phase, Roadmap, Signpost, Status
from .text import shown

Item = Literal["roadmap", "phase", "owner", "signpost", "comment"]
Kind = Literal["added", "removed", "changed", "moved", "renamed"]

HEADER_FIELDS = ("title", "group", "event", "question", "facilitator", "participants",
                 "notes", "created", "updated", "strategy", *DEBRIEF_LISTS)
PHASE_FIELDS = ("start", "end", "description")
OWNER_FIELDS = ("organisation", "role", "country", "contact")
SIGNPOST_FIELDS = ("title", "detail", "phase", "owners", "status", "start", "due", "tags",
                   "countries", "depends_on", "group", "origin")
STAMPS = ("created", "updated")
"""Header fields a save sets by itself: the app's dialogs leave them out."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference. ``key`` is the signpost's id (for comments too) or the name."""

    item: Item
    change: Kind
    key: str
    field: str = ""
    old: object = None
    new: object = None
    title: str = ""
    """The signpost's title, for signposts and their comments."""
    positions: tuple[int, int] = (0, 0)
    """Old and new place (1-based) of a moved item; the new one of an added signpost."""
    comment: Comment | None = None

    @property
    def signpost_id(self) -> str:
        """The signpost this change is about ("" for the roadmap, a phase, an owner)."""
        return self.key if self.item in ("signpost", "comment") else ""


def diff(old: Roadmap, new: Roadmap, *, ignore: Sequence[str] = ()) -> list[Change]:
    """Every change from ``old`` to ``new``: the roadmap, phases, owners, then signposts.

    ``ignore`` names header fields to leave out (``STAMPS`` for the app's dialogs).
    """
    changes = [Change("roadmap", "changed", new.title, name, getattr(old, name),
                      getattr(new, name))
               for name in HEADER_FIELDS
               if name not in ignore and getattr(old, name) != getattr(new, name)]
    phases = renamed(old, new, "phase")
    owners = renamed(old, new, "owner")
    changes += _named("phase", old.phases, new.phases, phases, PHASE_FIELDS)
    changes += _named("owner", old.owners, new.owners, owners, OWNER_FIELDS)
    changes += _signposts(old, new, phases, owners)
    return changes


# -- renames ------------------------------------------------------------------------------


def references(roadmap: Roadmap, kind: Literal["phase", "owner"]) -> dict[str, frozenset[str]]:
    """For each phase or owner (by case-folded name), the ids of the signposts naming it."""
    found: dict[str, set[str]] = defaultdict(set)
    for signpost in roadmap.signposts:
        names = (signpost.phase,) if kind == "phase" else signpost.owners
        for name in names:
            if name:
                found[name.casefold()].add(signpost.id)
    return {name: frozenset(ids) for name, ids in found.items()}


def renamed(old: Roadmap, new: Roadmap, kind: Literal["phase", "owner"]) -> dict[str, str]:
    """Old name (case-folded) -> new name, for each phase or owner that was renamed.

    A name that only changed case counts too. Otherwise a rename is an item
    that disappeared while another appeared with the very same set of
    signposts referring to it (none, for an owner nobody was given yet). Then,
    because a rename often comes with a hand-over ("Chab Dai Cambodia took
    over s3"), one whose signposts, counting those in both versions, are
    mostly the same: more than half of all either names, and no other as close.
    Pairs are taken in file order; among equal candidates (owners nobody was
    given), the one with most other fields alike, then the nearest in place.
    """
    old_items: Sequence[Phase | Owner] = old.phases if kind == "phase" else old.owners
    new_items: Sequence[Phase | Owner] = new.phases if kind == "phase" else new.owners
    old_names = [item.name for item in old_items]
    new_names = [item.name for item in new_items]
    new_by_key = {name.casefold(): name for name in new_names}
    old_keys = {name.casefold() for name in old_names}
    result = {name.casefold(): new_by_key[name.casefold()] for name in old_names
              if new_by_key.get(name.casefold(), name) != name}
    gone = [name.casefold() for name in old_names if name.casefold() not in new_by_key]
    came = [name for name in new_names if name.casefold() not in old_keys]
    if not gone or not came:
        return result
    old_refs, new_refs = references(old, kind), references(new, kind)
    none: frozenset[str] = frozenset()
    olds = {item.name.casefold(): (index, item) for index, item in enumerate(old_items)}
    news = {item.name: (index, item) for index, item in enumerate(new_items)}
    names = PHASE_FIELDS if kind == "phase" else OWNER_FIELDS

    def likeness(key: str, name: str) -> tuple[int, int]:
        (was_at, was), (now_at, now) = olds[key], news[name]
        alike = sum(getattr(was, field) == getattr(now, field) for field in names)
        return alike, -abs(was_at - now_at)

    pairs = sorted(((likeness(key, name), -g, -c, key, name)
                    for g, key in enumerate(gone) for c, name in enumerate(came)
                    if new_refs.get(name.casefold(), none) == old_refs.get(key, none)),
                   reverse=True)
    paired: set[str] = set()
    for *_, key, name in pairs:
        if key not in result and name not in paired:
            result[key] = name
            paired.add(name)
    gone = [key for key in gone if key not in result]
    came = [name for name in came if name not in paired]
    if gone and came:
        both = {s.id for s in old.signposts} & {s.id for s in new.signposts}
        for key in gone:
            was = old_refs.get(key, none) & both
            scores = sorted(((_overlap(was, new_refs.get(n.casefold(), none) & both), n)
                             for n in came), reverse=True)
            if scores and scores[0][0] > 0.5 and (len(scores) == 1
                                                    or scores[1][0] < scores[0][0]):
                result[key] = scores[0][1]
                came.remove(scores[0][1])
    return result


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


# -- phases and owners ---------------------------------------------------------------------


def _named(item: Literal["phase", "owner"], olds: Sequence[Phase | Owner],
           news: Sequence[Phase | Owner], renames: dict[str, str],
           names: Sequence[str]) -> list[Change]:
    new_by_key = {n.name.casefold(): n for n in news}
    match: dict[str, Phase | Owner] = {}
    changes: list[Change] = []
    for before in olds:
        found = new_by_key.get(renames.get(before.name.casefold(), before.name).casefold())
        if found is None:
            changes.append(Change(item, "removed", before.name))
        else:
            match[found.name.casefold()] = before
    for position, after in enumerate(news, 1):
        was = match.get(after.name.casefold())
        if was is None:
            changes.append(Change(item, "added", after.name, positions=(0, position)))
            continue
        if was.name != after.name:
            changes.append(Change(item, "renamed", was.name, "name", was.name, after.name))
        changes += [Change(item, "changed", after.name, name, getattr(was, name),
                           getattr(after, name))
                    for name in names if getattr(was, name) != getattr(after, name)]
    old_order = [match[n.name.casefold()].name for n in news if n.name.casefold() in match]
    places = {n.name: i for i, n in enumerate(olds, 1)}
    new_places = {match[n.name.casefold()].name: (i, n.name) for i, n in enumerate(news, 1)
                  if n.name.casefold() in match}
    for name in moved([n.name for n in olds if n.name in new_places], old_order):
        place, shown_name = new_places[name]
        changes.append(Change(item, "moved", shown_name, positions=(places[name], place)))
    return changes


# -- signposts ----------------------------------------------------------------------------


def _signposts(old: Roadmap, new: Roadmap, phases: dict[str, str],
               owners: dict[str, str]) -> list[Change]:
    old_by_id = {s.id: s for s in old.signposts}
    new_ids = {s.id for s in new.signposts}
    changes = [Change("signpost", "removed", s.id, title=s.title)
               for s in old.signposts if s.id not in new_ids]
    for position, after in enumerate(new.signposts, 1):
        before = old_by_id.get(after.id)
        if before is None:
            changes.append(Change("signpost", "added", after.id, title=after.title,
                                  positions=(0, position)))
        elif before != after:
            changes += _signpost_changes(_followed(before, phases, owners), after)
    old_places = {s.id: i for i, s in enumerate(old.signposts, 1)}
    new_places = {s.id: i for i, s in enumerate(new.signposts, 1)}
    common_old = [s.id for s in old.signposts if s.id in new_ids]
    common_new = [s.id for s in new.signposts if s.id in old_places]
    move = moved(common_old, common_new)
    titles = {s.id: s.title for s in new.signposts} if move else {}
    changes += [Change("signpost", "moved", key, title=titles[key],
                       positions=(old_places[key], new_places[key]))
                for key in common_new if key in move]
    return changes


def _followed(signpost: Signpost, phases: dict[str, str], owners: dict[str, str]) -> Signpost:
    """The old signpost with its references renamed as the new roadmap renamed them."""
    phase = phases.get(signpost.phase.casefold(), signpost.phase) if phases else signpost.phase
    named = (tuple(owners.get(o.casefold(), o) for o in signpost.owners) if owners
             else signpost.owners)
    if phase == signpost.phase and named == signpost.owners:
        return signpost
    return replace(signpost, phase=phase, owners=named)


def _signpost_changes(before: Signpost, after: Signpost) -> Iterator[Change]:
    for name in SIGNPOST_FIELDS:
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            yield Change("signpost", "changed", after.id, name, was, now, title=after.title)
    if before.comments != after.comments:
        yield from _comment_changes(before, after)


def _comment_changes(before: Signpost, after: Signpost) -> Iterator[Change]:
    """Comments matched whole, then by author and time (an edited text), in order."""
    unmatched = list(before.comments)
    fresh: list[Comment] = []
    for comment in after.comments:
        if comment in unmatched:
            unmatched.remove(comment)
        else:
            fresh.append(comment)
    for comment in fresh:
        was = next((c for c in unmatched if (c.author, c.at) == (comment.author, comment.at)),
                   None)
        if was is None:
            yield Change("comment", "added", after.id, title=after.title, comment=comment)
        else:
            unmatched.remove(was)
            yield Change("comment", "changed", after.id, "text", was.text, comment.text,
                         title=after.title, comment=comment)
    for comment in unmatched:
        yield Change("comment", "removed", after.id, title=after.title, comment=comment)


def moved(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """The fewest keys whose moving turns the order ``old`` into ``new`` (same keys).

    Everything outside a longest increasing run of old places stayed put
    relative to the rest; O(n log n), so 10,000 signposts cost nothing.
    """
    if list(old) == list(new):
        return set()
    from bisect import bisect_left

    place = {key: i for i, key in enumerate(old)}
    sequence = [place[key] for key in new]
    tails: list[int] = []  # smallest last value of a run of each length
    tail_at: list[int] = []  # index in ``sequence`` of that value
    before = [-1] * len(sequence)
    for index, value in enumerate(sequence):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(index)
        else:
            tails[length] = value
            tail_at[length] = index
        before[index] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    index = tail_at[-1] if tail_at else -1
    while index != -1:
        kept.add(index)
        index = before[index]
    return {key for index, key in enumerate(new) if index not in kept}


# -- words --------------------------------------------------------------------------------

Quote = Callable[[str], str]


def quoted(text: str, *, limit: int = 60) -> str:
    """User text on one line, in quotes, shortened; for the terminal and the app."""
    text = shown(text.replace("\n", " \u23ce "))
    return f'"{text if len(text) <= limit else text[: limit - 1] + chr(0x2026)}"'


def describe(change: Change, quote: Quote = quoted, ident: Quote = str) -> str:
    """The change as one line of plain language; user text goes through ``quote``,
    signpost ids (which cannot hold spaces or quotes) through ``ident``."""
    kind = change.item
    subject = f"signpost {ident(change.key)} {quote(change.title)}"
    if kind == "comment":
        return _describe_comment(change, subject, quote)
    if kind == "roadmap":
        subject = "roadmap"
    elif kind != "signpost":
        subject = f"{kind} {quote(change.key)}"
    if change.change == "added":
        at = f" at position {change.positions[1]}" if kind == "signpost" else ""
        return f"{subject} added{at}"
    if change.change == "removed":
        return f"{subject} removed"
    if change.change == "renamed":
        return f"{kind} renamed: {quote(str(change.old))} -> {quote(str(change.new))}"
    if change.change == "moved":
        was, now = change.positions
        return f"{subject} moved {'up' if now < was else 'down'}: {was} -> {now}"
    return (f"{subject}: {change.field} {value_words(change.old, quote)} -> "
            f"{value_words(change.new, quote)}")


def _describe_comment(change: Change, subject: str, quote: Quote) -> str:
    assert change.comment is not None
    comment = change.comment
    by = f"comment by {quote(comment.author)} ({comment.at:%Y-%m-%d %H:%M})"
    if change.change == "changed":
        return (f"{subject}: {by} changed: {quote(str(change.old))} -> "
                f"{quote(str(change.new))}")
    return f"{subject}: {by} {change.change}: {quote(comment.text)}"


def value_words(value: object, quote: Quote = quoted) -> str:
    """A field's value for a person: dates as ISO, lists comma-separated, none as (none)
    (an empty text too: ``""`` reads as a typo, not as "not set")."""
    if value is None or value == () or value == "":
        return "(none)"
    if isinstance(value, Status):
        return value.value
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, tuple):
        return ", ".join(value_words(item, quote) for item in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def json_value(value: object) -> object:
    """A field's value as JSON: dates as ISO 8601 strings, sequences as lists."""
    if isinstance(value, Status):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [json_value(item) for item in value]
    if isinstance(value, Comment):
        return {"author": value.author, "at": value.at.isoformat(), "text": value.text}
    return value


def as_json(change: Change) -> dict[str, object]:
    """The change as SPEC section 7 lays it out (``id`` for signposts, else ``name``)."""
    identity = "id" if change.signpost_id else "name"
    result: dict[str, object] = {"item": change.item, "change": change.change,
                                 identity: change.key}
    if change.change in ("changed", "renamed"):
        result |= {"field": change.field, "old": json_value(change.old),
                   "new": json_value(change.new)}
    if change.comment is not None:
        result |= {"author": change.comment.author, "at": change.comment.at.isoformat()}
        if change.change != "changed":
            result["text"] = change.comment.text
    return result
