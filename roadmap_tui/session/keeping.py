"""Keeping the open work safe: the recovery journal, the lock, the disk watch, local
history, the recovery offer and the rules of saving, for one document.

The journal follows the document by being told (``Document.subscribe``), never
by looking: once the edits pause for ``JOURNAL_QUIET_SECONDS``, or
``JOURNAL_MAX_WAIT_SECONDS`` have gone by with edits still coming, the newest
roadmap is written, off the caller's thread. Whatever path a change takes (an
edit, undo, a restore, a reload), it is announced, so it cannot be missed. Time
and threads come from outside (a ``Scheduler`` and a ``Background``), so the
rules run the same under Textual, in a test with a fake clock, or anywhere else.

Every result says what happened in plain values, with the notes the person
should read; the app shows them and asks the questions, nothing more.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from .. import paths
from ..model import Roadmap
from ..model.text import shown_name
from ..storage import RoadmapFileError
from ..storage.files import dumps
from ..storage.lock import FileLock, LockHolder
from ..storage.recovery import RecoveryJournal
from ..storage.versions import LocalHistory
from .document import Disk, Document, DocumentChange, ReadOnlyError
from .notes import Note, Restored
from .recovering import RESTORE_DESCRIPTION, RecoveryFindings, RecoveryOffer, find_recovery
from .saving import ReloadOutcome, SaveOutcome, SavePlan, plan_save
from .versions import (
    EarlierVersions,
    KeptVersion,
    earlier_versions,
    keep_version,
    local_history,
    restore_version,
)

JOURNAL_QUIET_SECONDS = 1.0
"""Edits that pause this long are written."""
JOURNAL_MAX_WAIT_SECONDS = 2.0
"""Edits that keep coming are written at least this often."""
TIMER_SLACK = 0.005
"""A timer that fires this much early counts as on time (clocks and sleeps round)."""
DISK_NOTES = {Disk.CHANGED: "changed on disk", Disk.VANISHED: "file gone",
              Disk.UNREADABLE: "unreadable on disk"}

Cancel = Callable[[], object]


class Scheduler(Protocol):
    """Time as the keeper needs it; the app gives its event loop's, a test a fake one."""

    def now(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancel:
        """Run ``callback`` once, ``delay`` seconds from now, on the caller's thread;
        returns what cancels it (harmless once it ran)."""
        ...


class Background(Protocol):
    """Runs ``job`` off the caller's thread; a non-empty result (a problem to report) is
    handed to ``report`` back on the caller's thread."""

    def __call__(self, job: Callable[[], str], report: Callable[[str], None], /) -> None: ...


def run_here(job: Callable[[], str], report: Callable[[str], None]) -> None:
    """A ``Background`` that does not leave the caller's thread (scripts, tests)."""
    problem = job()
    if problem:
        report(problem)


@dataclass(frozen=True, slots=True)
class DiskNote:
    """What the header says about the file behind the app's back ("" when in step)."""

    text: str
    path: Path | None

    @property
    def note(self) -> Note | None:
        """The notice that goes with a new note; None when the file is in step again."""
        if not self.text or self.path is None:
            return None
        what = {"changed on disk": "was changed by another program or person",
                "unreadable on disk": "cannot be read any more (replaced, or its "
                "permissions changed)"}.get(self.text, "was deleted or moved")
        return Note(f"{shown_name(self.path)} {what}. Your work is still here; ctrl+s will "
                    "ask before writing anything.", title="The file changed",
                    severity="warning", timeout=15)


def lock_question(path: Path, holder: LockHolder) -> str:
    """What to ask when the file is open in another roadmap-tui."""
    return (f"{shown_name(path.name)} is open in another roadmap-tui ({holder}). Two editors "
            "on one file overwrite each other's work. Open it read-only, or anyway?")


def journal_problem_note(problem: str) -> Note:
    return Note(f"Unsaved work cannot be kept in a recovery copy: {problem}. Save often "
                "until this is fixed.", title="No recovery copy", severity="error",
                timeout=20)


class Keeper:
    """Keeps one document's work safe from its opening to its closing."""

    def __init__(self, document: Document, *, scheduler: Scheduler,
                 background: Background = run_here,
                 on_journal_problem: Callable[[Note], object] | None = None,
                 on_disk_note: Callable[[DiskNote], object] | None = None) -> None:
        self.document = document
        self.journal = self._journal_for(document.path)
        self.lock: FileLock | None = None
        self.disk_note = ""
        """"changed on disk", "file gone", "unreadable on disk", or "" when in step."""
        self._scheduler = scheduler
        self._background = background
        self._on_journal_problem = on_journal_problem
        self._on_disk_note = on_disk_note
        self._journaled: Roadmap = document.roadmap
        """The roadmap last written to the journal (or known to need none)."""
        self._waiting_since: float | None = None
        self._last_change = 0.0
        self._cancel: Cancel | None = None
        self._journal_problem = ""
        self._disk_seen: tuple[int, int, int, str | None] | None = None
        self._unsubscribe = document.subscribe(self._changed)

    @staticmethod
    def _journal_for(path: Path | None) -> RecoveryJournal:
        return RecoveryJournal(paths.recovery_folder(), paths.file_key(path), path)

    # -- the recovery journal ----------------------------------------------------------

    def _changed(self, change: DocumentChange) -> None:
        if change.roadmap is self._journaled:
            self._stop_waiting()
            return
        now = self._scheduler.now()
        self._last_change = now
        if self._waiting_since is None:
            self._waiting_since = now
            self._cancel = self._scheduler.call_later(JOURNAL_QUIET_SECONDS, self._due)

    def _due(self) -> None:
        """A timer fired: write if the edits paused or waited long enough, else wait on."""
        self._cancel = None
        if self._waiting_since is None:
            return
        now = self._scheduler.now()
        at = min(self._last_change + JOURNAL_QUIET_SECONDS,
                 self._waiting_since + JOURNAL_MAX_WAIT_SECONDS)
        if now + TIMER_SLACK < at:
            self._cancel = self._scheduler.call_later(at - now, self._due)
            return
        self.keep_in_background()

    def _stop_waiting(self) -> None:
        self._waiting_since = None
        if self._cancel is not None:
            self._cancel()
            self._cancel = None

    @property
    def waiting(self) -> bool:
        """Whether changes wait to be written to the journal."""
        return self._waiting_since is not None

    def keep_now(self) -> Path | None:
        """Bring the recovery copy up to date on this thread (the app ending on a signal or
        an error, a failed save); returns it when it holds unsaved work."""
        return self._keep(in_background=False)

    def keep_in_background(self) -> Path | None:
        """The same, the write handed to the background; returns the copy to be."""
        return self._keep(in_background=True)

    def _keep(self, *, in_background: bool) -> Path | None:
        self._stop_waiting()
        document = self.document
        roadmap = self._journaled = document.roadmap
        if document.read_only:
            return None
        if not document.is_modified:
            self.journal.discard()  # undone back to the saved roadmap: nothing to keep
            return None
        journal = self.journal
        job = partial(_write_journal, journal, roadmap, journal.ticket())  # its place in line
        if in_background:
            self._background(job, self._journal_failed)
            return journal.file
        problem = job()
        if problem:
            self._journal_failed(problem)
            return None
        return journal.file

    def _journal_failed(self, problem: str) -> None:
        if problem != self._journal_problem:  # once per distinct problem, not every edit
            self._journal_problem = problem
            if self._on_journal_problem is not None:
                self._on_journal_problem(journal_problem_note(problem))

    def forget(self) -> None:
        """The work is saved: its recovery copy has done its job."""
        self._stop_waiting()
        self._journaled = self.document.roadmap
        self.journal.discard()

    def discard(self) -> Path | None:
        """The user chose to let the unsaved work go: out of every recovery offer, but set
        aside rather than destroyed (one key on a shared keyboard is easy to press).
        Returns where it was set aside."""
        self._stop_waiting()
        self._journaled = self.document.roadmap
        return self.journal.set_aside()

    def close(self) -> None:
        """The document is closed: nothing more is written, its lock goes, and its
        journal too unless it holds unsaved work (then the next start offers it)."""
        self._stop_waiting()
        self._unsubscribe()
        if not self.document.is_modified:
            self.journal.discard()  # an undo back to the saved state in the last second
        self.release_lock()

    # -- the lock ------------------------------------------------------------------------

    def take_lock(self) -> LockHolder | None:
        """Lock the file for this session; returns who holds it instead, if anyone. A
        read-only review or untitled work takes no lock."""
        path = self.document.path
        if path is None or self.document.read_only:
            return None
        self.release_lock()
        lock = FileLock(path)
        holder = lock.acquire()
        self.lock = lock if holder is None else None
        return holder

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def holds_lock(self) -> bool:
        return self.lock is not None

    def follow_path(self) -> LockHolder | None:
        """After a save as: the work belongs to its new file, and so do the journal and the
        lock. Returns who holds the new file's lock, if another session does."""
        moved_from, self.journal = self.journal, self._journal_for(self.document.path)
        moved_from.discard()
        self._stop_waiting()
        self._journaled = self.document.roadmap
        self.release_lock()
        return self.take_lock()

    # -- the file behind the app's back ----------------------------------------------------

    def check_disk(self) -> str:
        """Look whether another program changed or removed the file: one stat, and a read
        only when the stat changed. A new note is announced (``on_disk_note``)."""
        document = self.document
        note = ""
        if document.path is not None and document.digest is not None:
            try:
                info = os.stat(document.path)
            except FileNotFoundError:
                note = DISK_NOTES[Disk.VANISHED]
            except OSError:
                return self.disk_note
            else:
                seen = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, document.digest)
                if seen == self._disk_seen:
                    return self.disk_note
                self._disk_seen = seen
                note = DISK_NOTES.get(document.check_disk().state, "")
        if note != self.disk_note:
            self.disk_note = note
            if self._on_disk_note is not None:
                self._on_disk_note(DiskNote(note, document.path))
        return note

    # -- the recovery offer --------------------------------------------------------------

    def recovery_offer(self) -> RecoveryFindings:
        """What sessions that ended left for this file: notes, and at most one offer."""
        return find_recovery(self.document, self.journal.file.parent)

    def compare(self, offer: RecoveryOffer) -> list[str]:
        """What changes from what is open to the recovered work."""
        return offer.differences_from(self.document.roadmap)

    def restore(self, offer: RecoveryOffer) -> Restored:
        """Take the recovered work as one undoable change; it then belongs to this session
        (kept in its own journal, and only then the old copy goes)."""
        selected = self.document.replace_all(offer.recovery.roadmap, RESTORE_DESCRIPTION)
        if self.keep_now() is not None:
            offer.source.discard()
        return Restored(Note("Recovered work restored: ctrl+s saves it, ctrl+z undoes it.",
                             timeout=8), selected_id=selected)

    @staticmethod
    def discard_offer(offer: RecoveryOffer) -> Note:
        """Let the recovered work go, set aside for a while."""
        aside = offer.source.set_aside()
        where = f" It is set aside in {shown_name(aside)} for a while." if aside else ""
        return Note(f"The recovered work was discarded.{where}", timeout=8)

    # -- local history -------------------------------------------------------------------

    def local_history(self, path: Path | None = None) -> LocalHistory:
        """The earlier versions of ``path`` (default: the open file)."""
        path = path or self.document.path
        if path is None:
            raise ValueError("untitled work has no local history")
        return local_history(path)

    @staticmethod
    def keep_version(path: Path, data: bytes) -> KeptVersion:
        """After a save replaced ``data`` at ``path``: keep it in the local history."""
        return keep_version(path, data)

    def earlier_versions(self) -> EarlierVersions:
        return earlier_versions(self.document)

    def restore_version(self, file: Path) -> Restored:
        return restore_version(self.document, file)

    # -- saving --------------------------------------------------------------------------

    def plan_save(self, path: Path) -> SavePlan:
        """What a save to ``path`` must ask first (``plan.go``: nothing)."""
        return plan_save(self.document, path)

    def save(self, path: Path, *, replaced: bytes | None) -> SaveOutcome:
        """Write the roadmap to ``path``; ``replaced`` (what was there) goes to the local
        history. After a save as, the journal and the lock move to the new file; after a
        failure, the unsaved work is kept in the journal at once."""
        document = self.document
        moved = path != document.path
        try:
            saved = document.save(path)
        except (RoadmapFileError, ReadOnlyError) as error:
            unsaved = document.is_modified
            copy = self.keep_now() if unsaved else None
            return SaveOutcome(path, str(error), unsaved=unsaved, recovery_copy=copy)
        kept = None if replaced is None else keep_version(saved, replaced)
        if moved:
            held = self.follow_path()
            return SaveOutcome(saved, kept=kept, moved=True, held_by=held)
        self.forget()
        return SaveOutcome(saved, kept=kept)

    def overwrite(self, path: Path) -> SaveOutcome:
        """Save over whatever is at ``path`` now (the user said so), keeping it first."""
        return self.save(path, replaced=self.document.check_disk(path).data)

    def reload(self, plan: SavePlan) -> ReloadOutcome:
        """Take the file's version (``plan.theirs``) instead of saving over it: the open
        version goes to the local history, and undo brings it back."""
        if plan.theirs is None:
            raise ValueError("nothing to reload: the file on disk is not a roadmap")
        document = self.document
        kept = keep_version(plan.path, dumps(document.roadmap).encode("utf-8"))
        selected = document.reload(plan.theirs)
        return ReloadOutcome(plan.path, selected, kept)


def _write_journal(journal: RecoveryJournal, roadmap: Roadmap, ticket: int) -> str:
    """Write the recovery copy (in whatever thread runs it); the problem, or ""."""
    try:
        journal.write(roadmap, ticket)
    except RoadmapFileError as error:
        return str(error)
    return ""
