"""Time and threads for the session's keeper, faked: a clock that moves only when told,
timers run in order as it passes them, and background jobs that wait to be run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_tui.model import Roadmap, Signpost
from roadmap_tui.model.operations import update_signpost
from roadmap_tui.session import DiskNote, Document, Keeper, Note


@dataclass
class _Timer:
    at: float
    callback: Callable[[], None]
    cancelled: bool = False


class FakeScheduler:
    def __init__(self) -> None:
        self.time = 0.0
        self.timers: list[_Timer] = []

    def now(self) -> float:
        return self.time

    def call_later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        timer = _Timer(self.time + delay, callback)
        self.timers.append(timer)

        def cancel() -> None:
            timer.cancelled = True

        return cancel

    @property
    def pending(self) -> int:
        return sum(not t.cancelled for t in self.timers)

    def advance(self, seconds: float) -> None:
        """Move the clock on, running each timer due on the way, in order."""
        end = self.time + seconds
        while True:
            due = [t for t in self.timers if not t.cancelled and t.at <= end + 1e-9]
            if not due:
                break
            timer = min(due, key=lambda t: t.at)
            self.timers.remove(timer)
            self.time = max(self.time, timer.at)
            timer.callback()
        self.timers = [t for t in self.timers if not t.cancelled]
        self.time = end


@dataclass
class FakeBackground:
    """Jobs handed over, not yet run: the write provably leaves the caller's hands."""

    jobs: list[tuple[Callable[[], str], Callable[[str], None]]] = field(default_factory=list)

    def __call__(self, job: Callable[[], str], report: Callable[[str], None], /) -> None:
        self.jobs.append((job, report))

    def run(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job, report in jobs:
            problem = job()
            if problem:
                report(problem)


@dataclass
class Kept:
    """A keeper with everything it says recorded."""

    keeper: Keeper
    clock: FakeScheduler
    background: FakeBackground
    problems: list[Note]
    disk_notes: list[DiskNote]

    @property
    def document(self) -> Document:
        return self.keeper.document


def keeper_for(document: Document) -> Kept:
    clock, background = FakeScheduler(), FakeBackground()
    problems: list[Note] = []
    disk_notes: list[DiskNote] = []
    keeper = Keeper(document, scheduler=clock, background=background,
                    on_journal_problem=problems.append, on_disk_note=disk_notes.append)
    return Kept(keeper, clock, background, problems, disk_notes)


def roadmap(title: str = "Plan", count: int = 3) -> Roadmap:
    return Roadmap(title=title, signposts=tuple(
        Signpost(f"s{i}", f"Signpost {i}") for i in range(1, count + 1)))


def retitle(document: Document, title: str) -> None:
    """One undoable edit of the first signpost's title."""
    changed = update_signpost(document.roadmap, document.roadmap.signposts[0].id, title=title)
    document.apply(changed, changed.signposts[0].id, "edit title")


def first_title(path: Path) -> str:
    from roadmap_tui import load

    return load(path).signposts[0].title
