"""Keeping the work safe while it is open: the app's side of the session's Keeper.

The rules (when the recovery journal is written, the lock, what the disk watch
says, local history, the recovery offer) live in ``roadmap_tui/session/keeping.py``.
This flow gives the keeper the screen's timers and a worker thread, shows what it
says and asks its questions. The keeper hears of every change from the document
itself, so nothing here looks at the document again and again; only the file on
disk is looked at, every two seconds (a stat, and a read only when it changed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic

from textual.dom import DOMNode

from ...session.document import Document
from ...session.keeping import DiskNote, Keeper, lock_question
from ...session.notes import Note
from ...session.recovering import RecoveryOffer
from ..dialogs import ChoiceDialog, VersionsDialog
from .view import MainView

DISK_CHECK_SECONDS = 2.0
"""How often the file itself is looked at (a stat; a read only if it changed)."""


class PumpScheduler:
    """The keeper's ``Scheduler`` on a Textual message pump (its timers, the loop's thread)."""

    def __init__(self, pump: DOMNode) -> None:
        self._pump = pump

    @staticmethod
    def now() -> float:
        return monotonic()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        return self._pump.set_timer(delay, callback).stop


class Keeping:
    def __init__(self, view: MainView, pump: DOMNode) -> None:
        self.view = view
        self._pump = pump
        self.keeper = self._keeper_for(view.document)

    def _keeper_for(self, document: Document) -> Keeper:
        return Keeper(document, scheduler=PumpScheduler(self._pump),
                      background=self._in_background, on_journal_problem=self.show_note,
                      on_disk_note=self._disk_note_changed)

    def show_note(self, note: Note) -> None:
        """Show what the session says, as it says it (never as markup)."""
        self.view.app.notify(note.text, title=note.title, severity=note.severity,
                             timeout=note.timeout, markup=False)

    @property
    def disk_note(self) -> str:
        """Shown in the header when the file changed or went away behind the app's back."""
        return self.keeper.disk_note

    def start(self) -> None:
        """On mount: watch the file (the lock and the recovery offer are asked by
        ``settle_new``, in a worker)."""
        self._pump.set_interval(DISK_CHECK_SECONDS, self.watch_disk)

    def adopt(self, document: Document) -> None:
        """``document`` is the open one now: the previous one's keeper closes (its lock goes;
        its journal was settled by the unsaved-changes question before this was asked)."""
        self.keeper.close()
        self.keeper = self._keeper_for(document)

    async def settle_new(self) -> None:
        """A document arrived (start, open): lock its file (asking what to do when another
        roadmap-tui has it), then offer what an earlier session left unsaved."""
        holder = self.keeper.take_lock()
        document, app = self.view.document, self.view.app
        if holder is not None and document.path is not None:
            answer = await app.push_screen_wait(ChoiceDialog(
                lock_question(document.path, holder),
                [("Read-only", "read-only"), ("Open anyway", "anyway"), ("Quit", "quit")],
                title="Already open", id="lock-dialog", can_cancel=False))
            if answer == "quit":
                app.exit()
                return
            if answer == "read-only":
                document.read_only = True  # the document says so: panes and footer follow
        await self._offer_recovery()

    async def _offer_recovery(self) -> None:
        """Offer the newest recovery copy a session that has ended left for this file (or
        for untitled work): one per start, the rest wait for the next."""
        found = self.keeper.recovery_offer()
        for note in found.notes:
            self.show_note(note)
        offer = found.offer
        if offer is None:
            return
        answer = await self._ask_recovery(offer, compared=False)
        if answer == "compare":
            answer = await self._ask_recovery(offer, compared=True)
        if answer == "restore":
            restored = self.keeper.restore(offer)
            self.view.cursor_to(restored.selected_id)
            self.show_note(restored.note)
        elif answer == "discard":
            self.show_note(self.keeper.discard_offer(offer))

    async def _ask_recovery(self, offer: RecoveryOffer, *, compared: bool) -> str | None:
        return await self.view.app.push_screen_wait(
            ChoiceDialog(offer.question(compared=compared), offer.answers(compared=compared),
                         title="Recovered work",
                         details=self.keeper.compare(offer) if compared else (),
                         id="recovery-compared" if compared else "recovery-dialog",
                         can_cancel=False))

    # -- the recovery journal ------------------------------------------------------------

    def keep_now(self) -> Path | None:
        """Bring the recovery copy up to date now; returns it when it holds unsaved work."""
        return self.keeper.keep_now()

    def _in_background(self, job: Callable[[], str], report: Callable[[str], None]) -> None:
        app = self.view.app

        def write() -> None:
            problem = job()
            if problem:
                app.call_from_thread(report, problem)

        self._pump.run_worker(write, thread=True, group="journal")

    def discard(self) -> None:
        """The user chose to let the unsaved work go (set aside, not destroyed)."""
        self.keeper.discard()

    def close(self) -> None:
        """The screen is going: the lock goes, and the journal unless it holds unsaved work."""
        self.keeper.close()

    # -- the file behind the app's back --------------------------------------------------

    def watch_disk(self) -> None:
        """Look at the file now; the header and a notice say at once if another program
        changed or removed it (the next save will ask, but the facilitator should know)."""
        self.keeper.check_disk()

    def _disk_note_changed(self, note: DiskNote) -> None:
        self.view.show_header()
        if note.note is not None:
            self.show_note(note.note)

    # -- local history -------------------------------------------------------------------

    def keep_version(self, path: Path, data: bytes) -> None:
        """After a save replaced ``data`` at ``path``: keep it in the local history."""
        note = self.keeper.keep_version(path, data).note
        if note is not None:
            self.show_note(note)

    async def restore_version(self) -> None:
        """List the local history of the open file and restore the chosen version."""
        offered = self.keeper.earlier_versions()
        if offered.refusal is not None:
            self.show_note(offered.refusal)
            return
        file = await self.view.app.push_screen_wait(
            VersionsDialog(offered.name, offered.choices))
        if file is None:
            return
        restored = self.keeper.restore_version(file)
        if restored.restored:
            self.view.cursor_to(restored.selected_id)
        self.show_note(restored.note)
