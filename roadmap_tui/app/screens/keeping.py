"""Keeping the work safe while it is open: the screen's side of the session's Keeper.

The rules (when the recovery journal is written, the lock, what the disk watch
says, local history, the recovery offer) live in ``roadmap_tui/session/keeping.py``.
This mixin gives the keeper the screen's timers and a worker thread, shows what it
says and asks its questions. The keeper hears of every change from the document
itself, so nothing here looks at the document again and again; only the file on
disk is looked at, every two seconds (a stat, and a read only when it changed).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual import work
from textual.message_pump import MessagePump

from ...session.document import Document
from ...session.keeping import DiskNote, Keeper, lock_question
from ...session.notes import Note
from ...session.recovering import RecoveryOffer
from ...session.saving import held_note
from ...session.versions import labelled_versions
from ...storage.lock import FileLock
from ...storage.recovery import RecoveryJournal
from ...storage.versions import LocalHistory
from .dialogs import ChoiceDialog, VersionsDialog

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..app import RoadmapApp

    _Base = Screen[None]
else:
    _Base = object

__all__ = ["DISK_CHECK_SECONDS", "Safekeeping", "labelled_versions"]

DISK_CHECK_SECONDS = 2.0
"""How often the file itself is looked at (a stat; a read only if it changed)."""


class PumpScheduler:
    """The keeper's ``Scheduler`` on a Textual message pump (its timers, the loop's thread)."""

    def __init__(self, pump: MessagePump) -> None:
        self._pump = pump

    @staticmethod
    def now() -> float:
        return monotonic()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        return self._pump.set_timer(delay, callback).stop


class Safekeeping(_Base):
    document: Document
    keeper: Keeper

    if TYPE_CHECKING:
        @property
        def roadmap_app(self) -> RoadmapApp: ...
        def show_roadmap(self, selected_id: str | None) -> None: ...
        def show_header(self) -> None: ...

    def _init_keeping(self) -> None:
        self.keeper = self._keeper_for(self.document)

    def _keeper_for(self, document: Document) -> Keeper:
        return Keeper(document, scheduler=PumpScheduler(self), background=self._in_background,
                      on_journal_problem=self.show_note, on_disk_note=self._disk_note_changed)

    def start_keeping(self) -> None:
        """On mount: lock the file, offer what an earlier session left, watch the file."""
        self.set_interval(DISK_CHECK_SECONDS, self.watch_disk)
        self._keep_new_document()

    def show_note(self, note: Note) -> None:
        """Show what the session says, as it says it (never as markup)."""
        self.app.notify(note.text, title=note.title, severity=note.severity,
                        timeout=note.timeout, markup=False)

    @property
    def journal(self) -> RecoveryJournal:
        return self.keeper.journal

    @property
    def file_lock(self) -> FileLock | None:
        return self.keeper.lock

    @property
    def disk_note(self) -> str:
        """Shown in the header when the file changed or went away behind the app's back."""
        return self.keeper.disk_note

    # -- a document arrives (start, ctrl+o) ----------------------------------------------

    def adopt(self, document: Document) -> None:
        """Make ``document`` the open one: the previous one's keeper closes (its lock goes;
        its journal was settled by the unsaved-changes question before this was asked)."""
        self.keeper.close()
        self.document = document
        self.keeper = self._keeper_for(document)
        self.refresh_bindings()
        self._keep_new_document()

    def _keep_new_document(self) -> None:
        holder = self.keeper.take_lock()
        path = self.document.path
        if holder is None or path is None:
            self._offer_recovery()
            return
        self.app.push_screen(ChoiceDialog(
            lock_question(path, holder),
            [("Read-only", "read-only"), ("Open anyway", "anyway"), ("Quit", "quit")],
            title="Already open", id="lock-dialog", can_cancel=False), self._lock_answered)

    def _lock_answered(self, answer: str | None) -> None:
        if answer == "quit":
            self.app.exit()
            return
        if answer == "read-only":
            self.document.read_only = True
            self.show_roadmap(self.document.selected_id)
            self.refresh_bindings()  # the editing keys dim in the footer
        self._offer_recovery()

    def moved_to(self, old_journal: RecoveryJournal | None = None) -> None:
        """After a save as: the work now belongs to its new file (the keeper's journal and
        lock follow it; ``old_journal`` is the keeper's own, named for old callers)."""
        holder = self.keeper.follow_path()
        if holder is not None and self.document.path is not None:
            self.show_note(held_note(self.document.path, holder))

    def release_lock(self) -> None:
        self.keeper.release_lock()

    # -- the recovery offer --------------------------------------------------------------

    def _offer_recovery(self) -> None:
        """Offer the newest recovery copy a session that has ended left for this file (or
        for untitled work): one per start, the rest wait for the next."""
        found = self.keeper.recovery_offer()
        for note in found.notes:
            self.show_note(note)
        if found.offer is not None:
            self._ask_recovery(found.offer, compared=False)

    def _ask_recovery(self, offer: RecoveryOffer, *, compared: bool) -> None:
        self.app.push_screen(
            ChoiceDialog(offer.question(compared=compared), offer.answers(compared=compared),
                         title="Recovered work",
                         details=self.keeper.compare(offer) if compared else (),
                         id="recovery-compared" if compared else "recovery-dialog",
                         can_cancel=False),
            partial(self._recovery_answered, offer))

    def _recovery_answered(self, offer: RecoveryOffer, answer: str | None) -> None:
        if answer == "compare":
            self._ask_recovery(offer, compared=True)
        elif answer == "restore":
            restored = self.keeper.restore(offer)
            self.show_roadmap(restored.selected_id)
            self.show_note(restored.note)
        elif answer == "discard":
            self.show_note(self.keeper.discard_offer(offer))

    # -- the recovery journal ----------------------------------------------------------------

    def keep_in_journal(self, *, in_thread: bool = False) -> Path | None:
        """Bring the recovery copy up to date now; returns it when it holds unsaved work."""
        if in_thread:
            return self.keeper.keep_in_background()
        return self.keeper.keep_now()

    def _in_background(self, job: Callable[[], str], report: Callable[[str], None]) -> None:
        self._run_in_thread(job, report)

    @work(thread=True, group="journal")
    def _run_in_thread(self, job: Callable[[], str], report: Callable[[str], None]) -> None:
        problem = job()
        if problem:
            self.app.call_from_thread(report, problem)

    def forget_journal(self) -> None:
        """The work is saved: its recovery copy has done its job."""
        self.keeper.forget()

    def discard_journal(self) -> None:
        """The user chose to let the unsaved work go (set aside, not destroyed)."""
        self.keeper.discard()

    # -- the file behind the app's back ----------------------------------------------------

    def watch_disk(self) -> None:
        """Look at the file now; the header and a notice say at once if another program
        changed or removed it (the next save will ask, but the facilitator should know)."""
        self.keeper.check_disk()

    def _disk_note_changed(self, note: DiskNote) -> None:
        self.show_header()
        if note.note is not None:
            self.show_note(note.note)

    # -- local history ---------------------------------------------------------------------

    def local_history(self, path: Path) -> LocalHistory:
        return self.keeper.local_history(path)

    def keep_version(self, path: Path, data: bytes) -> None:
        """After a save replaced ``data`` at ``path``: keep it in the local history."""
        note = self.keeper.keep_version(path, data).note
        if note is not None:
            self.show_note(note)

    def action_versions(self) -> None:
        """List the local history of the open file and restore the chosen version."""
        offered = self.keeper.earlier_versions()
        if offered.refusal is not None:
            self.show_note(offered.refusal)
            return
        self.app.push_screen(VersionsDialog(offered.name, offered.choices),
                             self._version_chosen)

    def _version_chosen(self, file: Path | None) -> None:
        if file is None:
            return
        restored = self.keeper.restore_version(file)
        if restored.restored:
            self.show_roadmap(restored.selected_id)
        self.show_note(restored.note)
