"""Keeping the work safe while it is open: the recovery journal, the lock, local history.

The journal follows the document by watching it rather than being told: twice a
second it looks whether the roadmap value changed (an identity check, so it
costs nothing), and once the edits pause for a second, or two seconds have
gone by with edits still coming, the newest roadmap is written in a worker
thread. Whatever path a change takes (an edit, undo, a restore, a reload), it
cannot be missed.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual import work

from ... import paths
from ...model import Roadmap
from ...model.compare import differences
from ...model.text import shown_name
from ...session.document import Disk, Document
from ...storage import RoadmapFileError
from ...storage.lock import FileLock, LockHolder
from ...storage.recovery import Recovery, RecoveryJournal, kept_by_running, left_behind
from ...storage.versions import LocalHistory
from ..dialogs import ChoiceDialog, VersionsDialog
from ..flows.versions import labelled_versions

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..host import Host


    _Base = Screen[None]
else:
    _Base = object

JOURNAL_CHECK_SECONDS = 0.5
JOURNAL_QUIET_SECONDS = 1.0
"""Edits that pause this long are written."""
JOURNAL_MAX_WAIT_SECONDS = 2.0
"""Edits that keep coming are written at least this often."""
DISK_CHECK_EVERY = 4
"""Journal checks between looks at the file itself (a stat; a read only if it changed)."""


class Safekeeping(_Base):
    document: Document
    journal: RecoveryJournal
    file_lock: FileLock | None

    if TYPE_CHECKING:
        host: Host
        def roadmap_changed(self, selected_id: str | None) -> None: ...
        def show_header(self) -> None: ...

    def _init_keeping(self) -> None:
        self.file_lock = None
        self.disk_note = ""
        """Shown in the header when the file changed or went away behind the app's back."""
        self._disk_seen: tuple[int, int, int, str | None] | None = None
        self._ticks = 0
        self.journal = self._journal_for(self.document)
        self._journaled: Roadmap = self.document.roadmap
        self._seen: Roadmap = self.document.roadmap
        self._seen_at = monotonic()
        self._waiting_since: float | None = None
        self._journal_problem = ""

    def _journal_for(self, document: Document) -> RecoveryJournal:
        return RecoveryJournal(paths.recovery_folder(), paths.file_key(document.path),
                               document.path)

    def start_keeping(self) -> None:
        """On mount: lock the file, offer what an earlier session left, start watching."""
        self.set_interval(JOURNAL_CHECK_SECONDS, self._watch_journal)
        self._keep_new_document()

    # -- a document arrives (start, ctrl+o) or moves (save as) ---------------------------

    def adopt(self, document: Document) -> None:
        """Make ``document`` the open one: the previous one's lock goes, its journal was
        settled by the unsaved-changes question before this was asked."""
        self.release_lock()
        self.document = document
        self.journal = self._journal_for(document)
        self._journaled = self._seen = document.roadmap
        self.refresh_bindings()
        self._keep_new_document()

    def _keep_new_document(self) -> None:
        document = self.document
        if document.read_only or document.path is None:
            self._offer_recovery()
            return
        holder = self._take_lock(document.path)
        if holder is None:
            self._offer_recovery()
            return
        self.app.push_screen(ChoiceDialog(
            f"{shown_name(document.path.name)} is open in another roadmap-tui ({holder}). Two "
            f"editors "
            "on one file overwrite each other's work. Open it read-only, or anyway?",
            [("Read-only", "read-only"), ("Open anyway", "anyway"), ("Quit", "quit")],
            title="Already open", id="lock-dialog", can_cancel=False), self._lock_answered)

    def _lock_answered(self, answer: str | None) -> None:
        if answer == "quit":
            self.app.exit()
            return
        if answer == "read-only":
            self.document.read_only = True
            self.roadmap_changed(self.document.selected_id)
            self.refresh_bindings()  # the editing keys dim in the footer
        self._offer_recovery()

    def moved_to(self, old_journal: RecoveryJournal) -> None:
        """After a save as: the work now belongs to its new file."""
        old_journal.discard()
        self.journal = self._journal_for(self.document)
        self.release_lock()
        assert self.document.path is not None
        holder = self._take_lock(self.document.path)
        if holder is not None:
            self.app.notify(f"{shown_name(self.document.path.name)} is also open in another "
                            f"roadmap-tui "
                            f"({holder}); saving from both overwrites work.",
                            severity="warning", markup=False, timeout=15)

    def _take_lock(self, path: Path) -> LockHolder | None:
        """Lock ``path`` for this session; returns who holds it instead, if anyone."""
        lock = FileLock(path)
        holder = lock.acquire()
        self.file_lock = lock if holder is None else None
        return holder

    def release_lock(self) -> None:
        if self.file_lock is not None:
            self.file_lock.release()
            self.file_lock = None

    # -- the recovery offer --------------------------------------------------------------

    def _offer_recovery(self) -> None:
        """Offer the newest recovery copy a session that has ended left for this file (or
        for untitled work): one per start, the rest wait for the next."""
        key = paths.file_key(self.document.path)
        for source in left_behind(self.journal.file.parent, key):
            try:
                recovery = source.read()
            except RoadmapFileError as error:
                self.app.notify(f"A recovery copy could not be read, so it was left in "
                                f"place: {error}", severity="warning", markup=False,
                                timeout=20)
                continue
            if recovery is None:
                continue
            if recovery.roadmap == self.document.roadmap:
                source.discard()  # the work it held was saved after all
                continue
            if self.document.read_only:
                self.app.notify(f"Unsaved work on this roadmap from a session that ended "
                                f"is kept in {shown_name(recovery.file)}; open the roadmap for "
                                f"editing "
                                "to restore it.",
                                severity="warning", markup=False, timeout=20)
                return
            self._ask_recovery(source, recovery, compared=False)
            return
        for running in kept_by_running(self.journal.file.parent, key)[:1]:
            self.app.notify(f"Another roadmap-tui that is still running keeps unsaved work on "
                            f"this roadmap in {shown_name(running)}; it is offered here once "
                            "that session ends.", severity="warning", markup=False,
                            timeout=15)

    def _ask_recovery(self, source: RecoveryJournal, recovery: Recovery, *,
                      compared: bool) -> None:
        when = (recovery.written.strftime("%Y-%m-%d %H:%M") if recovery.written
                else "an earlier session")
        belongs = ("untitled work" if recovery.target is None
                   else shown_name(recovery.target.name))
        choices = [("Restore", "restore"), ("Compare", "compare"), ("Discard", "discard")]
        details: list[str] = []
        if compared:
            choices.pop(1)
            details = (differences(self.document.roadmap, recovery.roadmap)
                       or ["no differences in content"])
        question = (f"Unsaved changes to {belongs} from {when} were kept when roadmap-tui "
                    f"stopped without saving. Restore them, compare them with what is open, "
                    f"or discard them?")
        if compared:
            question += "\nWhat changes from what is open to the recovered work:"
        self.app.push_screen(
            ChoiceDialog(question, choices, title="Recovered work", details=details,
                         id="recovery-compared" if compared else "recovery-dialog",
                         can_cancel=False),
            partial(self._recovery_answered, source, recovery))

    def _recovery_answered(self, source: RecoveryJournal, recovery: Recovery,
                           answer: str | None) -> None:
        if answer == "compare":
            self._ask_recovery(source, recovery, compared=True)
        elif answer == "restore":
            self.roadmap_changed(self.document.replace_all(recovery.roadmap,
                                                        "restore recovered work"))
            # The work now belongs to this session: kept in its own copy, then the old
            # one goes.
            if self.keep_in_journal() is not None:
                source.discard()
            self.app.notify("Recovered work restored: ctrl+s saves it, ctrl+z undoes it.",
                            markup=False, timeout=8)
        elif answer == "discard":
            aside = source.set_aside()
            where = f" It is set aside in {shown_name(aside)} for a while." if aside else ""
            self.app.notify(f"The recovered work was discarded.{where}", markup=False,
                            timeout=8)

    # -- writing the journal ---------------------------------------------------------------

    def _watch_journal(self) -> None:
        """Twice a second: is there unsaved work to write (and, every few, a file to check)?"""
        self._ticks += 1
        if self._ticks % DISK_CHECK_EVERY == 0:
            self.watch_disk()
        roadmap = self.document.roadmap
        now = monotonic()
        if roadmap is not self._seen:
            self._seen, self._seen_at = roadmap, now
            if self._waiting_since is None:
                self._waiting_since = now
        if roadmap is self._journaled:
            self._waiting_since = None
            return
        quiet = now - self._seen_at >= JOURNAL_QUIET_SECONDS
        overdue = (self._waiting_since is not None
                   and now - self._waiting_since >= JOURNAL_MAX_WAIT_SECONDS)
        if quiet or overdue:
            self.keep_in_journal(in_thread=True)

    def keep_in_journal(self, *, in_thread: bool = False) -> Path | None:
        """Bring the recovery copy up to date now; returns it when it holds unsaved work."""
        roadmap = self.document.roadmap
        self._journaled = roadmap
        self._waiting_since = None
        if self.document.read_only:
            return None
        if not self.document.is_modified:
            self.journal.discard()
            return None
        ticket = self.journal.ticket()
        if in_thread:
            self._write_journal(self.journal, roadmap, ticket)
            return self.journal.file
        try:
            self.journal.write(roadmap, ticket)
        except RoadmapFileError as error:
            self._journal_failed(str(error))
            return None
        return self.journal.file

    @work(thread=True, group="journal")
    def _write_journal(self, journal: RecoveryJournal, roadmap: Roadmap, ticket: int) -> None:
        try:
            journal.write(roadmap, ticket)
        except RoadmapFileError as error:
            self.app.call_from_thread(self._journal_failed, str(error))

    def _journal_failed(self, problem: str) -> None:
        if problem != self._journal_problem:  # once per distinct problem, not every edit
            self._journal_problem = problem
            self.app.notify(f"Unsaved work cannot be kept in a recovery copy: {problem}. "
                            "Save often until this is fixed.", title="No recovery copy",
                            severity="error", markup=False, timeout=20)

    def forget_journal(self) -> None:
        """The work is saved: its recovery copy has done its job."""
        self._journaled = self.document.roadmap
        self.journal.discard()

    def discard_journal(self) -> None:
        """The user chose to let the unsaved work go: out of every recovery offer, but set
        aside rather than destroyed (one key on a shared keyboard is easy to press)."""
        self._journaled = self.document.roadmap
        self.journal.set_aside()

    # -- the file behind the app's back ----------------------------------------------------

    def watch_disk(self) -> None:
        """Say in the header, as soon as it happens, that another program changed or removed
        the file: the next save will ask, but the facilitator should know now."""
        document = self.document
        note = ""
        if document.path is not None and document.digest is not None:
            try:
                info = os.stat(document.path)
            except FileNotFoundError:
                note = "file gone"
            except OSError:
                return
            else:
                seen = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, document.digest)
                if seen == self._disk_seen:
                    return
                self._disk_seen = seen
                state = document.check_disk().state
                note = {Disk.CHANGED: "changed on disk", Disk.VANISHED: "file gone",
                        Disk.UNREADABLE: "unreadable on disk"}.get(state, "")
        if note == self.disk_note:
            return
        self.disk_note = note
        self.show_header()
        if note and document.path is not None:
            what = {"changed on disk": "was changed by another program or person",
                    "unreadable on disk": "cannot be read any more (replaced, or its "
                    "permissions changed)"}.get(note, "was deleted or moved")
            self.app.notify(f"{shown_name(document.path)} {what}. Your work is still here; "
                            f"ctrl+s will "
                            "ask before writing anything.", title="The file changed",
                            severity="warning", markup=False, timeout=15)

    # -- local history ---------------------------------------------------------------------

    def local_history(self, path: Path) -> LocalHistory:
        return LocalHistory(paths.history_folder(), paths.file_key(path))

    def keep_version(self, path: Path, data: bytes) -> None:
        """After a save replaced ``data`` at ``path``: keep it in the local history."""
        try:
            self.local_history(path).keep(data)
        except RoadmapFileError as error:
            self.app.notify(f"Saved, but the version it replaced could not be kept in "
                            f"the local history: {error}", severity="warning",
                            markup=False, timeout=15)

    def action_versions(self) -> None:
        """List the local history of the open file and restore the chosen version."""
        path = self.document.path
        if path is None:
            self.app.notify("An untitled roadmap has no saved versions yet.", markup=False)
            return
        if self.document.read_only:
            self.app.notify("Read-only: no version can be restored here.",
                            severity="warning", markup=False)
            return
        history = self.local_history(path)
        versions = history.versions()
        if not versions:
            self.app.notify(f"No earlier versions of {shown_name(path.name)} yet: each save "
                            f"keeps the "
                            "one it replaces.", markup=False, timeout=6)
            return
        self.app.push_screen(VersionsDialog(shown_name(path.name), labelled_versions(versions)),
                             partial(self._version_chosen, history))

    def _version_chosen(self, history: LocalHistory, file: Path | None) -> None:
        if file is None:
            return
        chosen = next((v for v in history.versions() if v.file == file), None)
        try:
            if chosen is None:
                raise RoadmapFileError(f"{shown_name(file)}: no longer in the local history",
                                       path=file)
            loaded = history.read(chosen)
        except RoadmapFileError as error:
            self.app.notify(str(error), title="Not restored", severity="error",
                            markup=False, timeout=15)
            return
        self.roadmap_changed(self.document.replace_all(loaded.roadmap,
                                                    "restore an earlier version"))
        self.app.notify(f"Restored the version saved before {chosen.saved:%Y-%m-%d %H:%M}: "
                        "ctrl+z takes it back, ctrl+s keeps it.", markup=False, timeout=8)
