"""The roadmap's immutable values, one attribute per key of the file format.

Every sequence is a tuple and every class is frozen, so a Roadmap can be shared
between panes and kept in an undo history without copying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Status(StrEnum):
    """Where a signpost stands; compares equal to its string (``"planned"``)."""

    IDEA = "idea"
    PLANNED = "planned"
    ACTIVE = "active"
    BLOCKED = "blocked"
    DONE = "done"
    DROPPED = "dropped"


STATUS_MARKS: dict[Status, str] = {
    Status.IDEA: "\u25c7",      # ◇
    Status.PLANNED: "\u25cb",   # ○
    Status.ACTIVE: "\u25d0",    # ◐
    Status.BLOCKED: "\u2298",   # ⊘
    Status.DONE: "\u2713",      # ✓
    Status.DROPPED: "\u2715",   # ✕
}
"""One symbol per status, each distinct in shape, so a status reads without colour: the
same in the list, the timeline, the summary and every export."""

FORMAT_VERSION = 1
"""The file format this version reads and writes (``format = 1``)."""

DEFAULT_STATUS = Status.PLANNED
DEFAULT_PHASE_NAMES = ("Now", "Next", "Later")
_SIGNPOST_SEQUENCES = ("owners", "tags", "countries", "depends_on", "comments")
DEBRIEF_LISTS = ("goals", "outcomes", "assumptions", "learnings", "asks")
"""The debrief's lists, in file order; ``strategy`` is the debrief's one text."""
_ROADMAP_SEQUENCES = ("participants", *DEBRIEF_LISTS, "phases", "owners", "signposts")


@dataclass(frozen=True, slots=True)
class Comment:
    """A review remark on a signpost; comments are kept oldest first."""

    author: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Phase:
    """A column of the roadmap such as "Next 3 months", optionally dated."""

    name: str
    start: date | None = None
    end: date | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Owner:
    """A person or organisation that signposts can be given to."""

    name: str
    organisation: str = ""
    role: str = ""
    country: str = ""
    contact: str = ""


@dataclass(frozen=True, slots=True)
class Signpost:
    """A next action the group commits to; its place in the roadmap is its priority."""

    id: str
    title: str
    detail: str = ""
    phase: str = ""
    owners: tuple[str, ...] = ()
    status: Status = DEFAULT_STATUS
    start: date | None = None
    due: date | None = None
    tags: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    group: str = ""
    origin: str = ""
    comments: tuple[Comment, ...] = ()

    def __post_init__(self) -> None:
        # Scripts write Signpost(..., status="done", owners=["Ana"]): keep the
        # value types the rest of the code relies on (Status, tuples).
        if type(self.status) is not Status:
            object.__setattr__(self, "status", Status(self.status))
        for name in _SIGNPOST_SEQUENCES:
            value = getattr(self, name)
            if type(value) is not tuple:
                object.__setattr__(self, name, tuple(value))


@dataclass(frozen=True, slots=True)
class Roadmap:
    """One breakout group's roadmap: header fields, then phases, owners, signposts."""

    title: str
    group: str = ""
    event: str = ""
    question: str = ""
    facilitator: str = ""
    participants: tuple[str, ...] = ()
    notes: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    strategy: str = ""
    goals: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    learnings: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    owners: tuple[Owner, ...] = ()
    signposts: tuple[Signpost, ...] = ()

    def __post_init__(self) -> None:
        for name in _ROADMAP_SEQUENCES:
            value = getattr(self, name)
            if type(value) is not tuple:
                object.__setattr__(self, name, tuple(value))

    @property
    def format(self) -> int:
        """The file's ``format`` key: a roadmap value is always written as this format."""
        return FORMAT_VERSION

    def phase_named(self, name: str) -> Phase | None:
        """The phase a reference names, matched case-insensitively."""
        key = name.casefold()
        return next((p for p in self.phases if p.name.casefold() == key), None)

    def owner_named(self, name: str) -> Owner | None:
        """The owner a reference names, matched case-insensitively."""
        key = name.casefold()
        return next((o for o in self.owners if o.name.casefold() == key), None)

    def signpost_with_id(self, signpost_id: str) -> Signpost | None:
        return next((s for s in self.signposts if s.id == signpost_id), None)

    def index_of(self, signpost_id: str) -> int:
        """The signpost's position (0-based); raises KeyError for an unknown id."""
        for index, signpost in enumerate(self.signposts):
            if signpost.id == signpost_id:
                return index
        raise KeyError(signpost_id)
