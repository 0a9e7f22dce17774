"""What an ended session left for the open file, and what may be done with it.

One offer per start: the newest copy a session that ended without saving left
for this file (or for untitled work). A copy equal to what is open was saved
after all and goes quietly; one that cannot be read stays in place and is
mentioned; a read-only review only points at it; a copy a running session
keeps is mentioned, never taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..model import Roadmap
from ..model.compare import differences
from ..model.text import shown_name
from ..storage import RoadmapFileError
from ..storage.recovery import Recovery, RecoveryJournal, kept_by_running, left_behind
from .document import Document
from .notes import Note

RESTORE_DESCRIPTION = "restore recovered work"


@dataclass(frozen=True, slots=True)
class RecoveryOffer:
    """Unsaved work a session that ended left: restore it, compare it, or discard it."""

    source: RecoveryJournal
    """The copy it came from (another process's)."""
    recovery: Recovery

    @property
    def file(self) -> Path:
        return self.recovery.file

    def question(self, *, compared: bool = False) -> str:
        recovery = self.recovery
        when = (recovery.written.strftime("%Y-%m-%d %H:%M") if recovery.written
                else "an earlier session")
        belongs = ("untitled work" if recovery.target is None
                   else shown_name(recovery.target.name))
        question = (f"Unsaved changes to {belongs} from {when} were kept when roadmap-tui "
                    f"stopped without saving. Restore them, compare them with what is open, "
                    f"or discard them?")
        if compared:
            question += "\nWhat changes from what is open to the recovered work:"
        return question

    @staticmethod
    def answers(*, compared: bool = False) -> list[tuple[str, str]]:
        """(label, answer) for each choice; once compared, Compare is no longer one."""
        if compared:
            return [("Restore", "restore"), ("Discard", "discard")]
        return [("Restore", "restore"), ("Compare", "compare"), ("Discard", "discard")]

    def differences_from(self, roadmap: Roadmap) -> list[str]:
        """What changes from ``roadmap`` (what is open) to the recovered work."""
        return differences(roadmap, self.recovery.roadmap) or ["no differences in content"]


@dataclass(frozen=True, slots=True)
class RecoveryFindings:
    """What the start of a session found: notes to show first, then at most one offer."""

    notes: tuple[Note, ...] = ()
    offer: RecoveryOffer | None = None


def find_recovery(document: Document, folder: Path) -> RecoveryFindings:
    """Look in ``folder`` for what ended sessions left for ``document``'s file."""
    key = paths.file_key(document.path)
    notes: list[Note] = []
    for source in left_behind(folder, key):
        try:
            recovery = source.read()
        except RoadmapFileError as error:
            notes.append(Note("A recovery copy could not be read, so it was left in place: "
                              f"{error}", severity="warning", timeout=20))
            continue
        if recovery is None:
            continue
        if recovery.roadmap == document.roadmap:
            source.discard()  # the work it held was saved after all
            continue
        if document.read_only:
            notes.append(Note(
                "Unsaved work on this roadmap from a session that ended is kept in "
                f"{shown_name(recovery.file)}; open the roadmap for editing to restore it.",
                severity="warning", timeout=20))
            return RecoveryFindings(tuple(notes))
        return RecoveryFindings(tuple(notes), RecoveryOffer(source, recovery))
    for running in kept_by_running(folder, key)[:1]:
        notes.append(Note(
            "Another roadmap-tui that is still running keeps unsaved work on this roadmap "
            f"in {shown_name(running)}; it is offered here once that session ends.",
            severity="warning", timeout=15))
    return RecoveryFindings(tuple(notes))
