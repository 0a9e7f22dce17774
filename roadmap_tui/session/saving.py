"""The rules of saving as plain results: what must be asked before a save, and what a
save (or a reload instead of it) did.

Nobody else's work is overwritten without a question: a file changed, gone or
unreadable since it was read, or one without write permission, makes the plan
a question with its answers; otherwise the plan says go ahead. The outcome of a
save says what happened around it (the version it replaced kept, the journal and
lock moved to a new file) or why it failed and where the unsaved work is kept.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from ..model.compare import differences
from ..model.text import shown_name
from ..storage import RoadmapFileError
from ..storage.files import LoadedRoadmap, digest_of, parse
from ..storage.lock import LockHolder
from .document import Disk, Document
from .notes import Note
from .versions import KeptVersion

NOT_SAVED = "Not saved"
"""The title of every notice of a failed save (a later save makes them out of date)."""


class Ask(Enum):
    """What must be asked before writing."""

    NOTHING = "go ahead"
    CHANGED = "changed on disk"
    """Another program or person wrote the file since it was read (or made it)."""
    UNREADABLE = "unreadable"
    """Something is there that cannot be read now."""
    VANISHED = "vanished"
    """The file was deleted or moved away."""
    NO_PERMISSION = "no write permission"


@dataclass(frozen=True, slots=True)
class SavePlan:
    """What a save to ``path`` must ask first, with what the question needs."""

    path: Path
    ask: Ask
    replaced: bytes | None = None
    """What is there now: the version a save would replace (kept in local history)."""
    reason: str = ""
    """Why the file cannot be read (UNREADABLE)."""
    differences: tuple[str, ...] = ()
    """What changes from the open roadmap to the file on disk (CHANGED)."""
    theirs: LoadedRoadmap | None = None
    """The file on disk as a roadmap, when it is one (CHANGED): Reload can take it."""

    @property
    def go(self) -> bool:
        return self.ask is Ask.NOTHING

    @property
    def can_reload(self) -> bool:
        return self.theirs is not None

    @property
    def title(self) -> str:
        return {Ask.VANISHED: "File gone", Ask.NO_PERMISSION: "Read-only file"}.get(
            self.ask, "Changed on disk" if not self.go else "")

    @property
    def question(self) -> str:
        path = self.path
        if self.ask is Ask.CHANGED:
            return (f"{shown_name(path)} was changed on disk since you opened it, by another "
                    "program or person.\nOverwrite: yours replaces theirs (theirs is kept in "
                    "Earlier versions).\nSave as: yours goes to another file.\nReload: "
                    "theirs replaces yours (yours is kept in Earlier versions; ctrl+z "
                    "brings it back).\nWhat changes from yours to the file on disk:")
        if self.ask is Ask.UNREADABLE:
            kept = ("what is there now is kept in Earlier versions" if self.replaced is not None
                    else "what is there now cannot be read, so it cannot be kept")
            return (f"{shown_name(path)} cannot be read by roadmap-tui now ({self.reason}): "
                    "another program or person replaced it or changed its permissions.\n"
                    f"Overwrite: yours replaces it ({kept}).\nSave as: yours goes to "
                    "another file.")
        if self.ask is Ask.VANISHED:
            return (f"{shown_name(path)} was deleted or moved since you opened it. Write it "
                    "again where it was, or save elsewhere?")
        if self.ask is Ask.NO_PERMISSION:
            return (f"{shown_name(path.name)} is read-only (you have no write permission on "
                    "it). Replace it anyway? It stays read-only afterwards.")
        return ""

    @property
    def answers(self) -> list[tuple[str, str]]:
        """(label, answer) for each choice, Cancel last. "overwrite", "write" and
        "replace" all mean: save here (``Keeper.overwrite``); "save-as": choose another
        file; "reload": take theirs (``Keeper.reload``)."""
        first = {Ask.VANISHED: ("Write it again", "write"),
                 Ask.NO_PERMISSION: ("Replace", "replace")}.get(
                     self.ask, ("Overwrite", "overwrite"))
        answers = [first, ("Save as", "save-as")]
        if self.can_reload:
            answers.append(("Reload", "reload"))
        return [*answers, ("Cancel", "cancel")]


def plan_save(document: Document, path: Path) -> SavePlan:
    """What saving ``document`` to ``path`` must ask first."""
    check = document.check_disk(path)
    if check.state is Disk.CHANGED:
        data = check.data or b""
        theirs = _as_roadmap(data, path)
        if isinstance(theirs, str):
            lines = [f"the file on disk is not a valid roadmap now: {theirs}"]
            return SavePlan(path, Ask.CHANGED, check.data, differences=tuple(lines))
        lines = (differences(document.roadmap, theirs.roadmap)
                 or ["no differences in content, only in the file's text"])
        return SavePlan(path, Ask.CHANGED, check.data, differences=tuple(lines), theirs=theirs)
    if check.state is Disk.UNREADABLE:
        return SavePlan(path, Ask.UNREADABLE, check.data, reason=check.reason)
    if check.state is Disk.VANISHED:
        return SavePlan(path, Ask.VANISHED)
    if check.data is not None and not os.access(path, os.W_OK):
        return SavePlan(path, Ask.NO_PERMISSION, check.data)
    return SavePlan(path, Ask.NOTHING, check.data)


def _as_roadmap(data: bytes, path: Path) -> LoadedRoadmap | str:
    """The file's bytes as a roadmap, or the first line of why they are not one."""
    try:
        loaded = parse(data.decode("utf-8-sig", errors="replace"), path)
    except RoadmapFileError as error:
        return str(error).splitlines()[0]
    return replace(loaded, digest=digest_of(data))


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What a save did, or why it did not."""

    path: Path
    """Where the roadmap went, or was meant to go."""
    error: str = ""
    """Why it was not saved; empty when it was."""
    unsaved: bool = False
    """Not saved, with changes that exist only in the app (and its recovery copy)."""
    recovery_copy: Path | None = None
    """Not saved: where the unsaved work is kept, if it could be."""
    kept: KeptVersion | None = None
    """What became of the version it replaced; None when nothing was replaced."""
    moved: bool = False
    """Saved to a new file: the recovery journal and the lock moved with it."""
    held_by: LockHolder | None = None
    """Moved to a file another running roadmap-tui has open."""

    @property
    def saved(self) -> bool:
        return not self.error

    @property
    def notes(self) -> tuple[Note, ...]:
        """What to tell, in order: why it failed; or what went wrong around it, and last
        "Saved ..."."""
        if not self.saved:
            where = ""
            if self.unsaved:
                where = (f"Your changes are still here, and kept in the recovery copy "
                         f"{self.recovery_copy}." if self.recovery_copy else
                         "Your changes are still here, but could not be kept in a recovery "
                         "copy either: keep the app open.")
            return (Note(f"{self.error}\n{where} Put right what the message says and press "
                         "ctrl+s again, or save elsewhere (ctrl+p, Save as).",
                         title=NOT_SAVED, severity="error", timeout=20),)
        notes: list[Note] = []
        if self.kept is not None and self.kept.note is not None:
            notes.append(self.kept.note)
        if self.held_by is not None:
            notes.append(held_note(self.path, self.held_by))
        notes.append(Note(f"Saved {shown_name(self.path)}", timeout=3))
        return tuple(notes)

    @property
    def replaced_note(self) -> Note | None:
        """After saving over a version that was not ours: where that version is now."""
        if not self.saved or self.kept is None or self.kept.problem:
            return None
        return Note("The version it replaced is in Earlier versions (ctrl+p).", timeout=8)


def held_note(path: Path, holder: LockHolder) -> Note:
    """A save as went to a file another running roadmap-tui has open."""
    return Note(f"{shown_name(path.name)} is also open in another roadmap-tui ({holder}); "
                "saving from both overwrites work.", severity="warning", timeout=15)


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """The file's version taken instead of saving over it."""

    path: Path
    selected_id: str | None
    kept: KeptVersion
    """Where the open version went (local history) before it was replaced."""

    @property
    def notes(self) -> tuple[Note, ...]:
        reloaded = Note(f"Reloaded {shown_name(self.path.name)} from disk. Your version is in "
                        "Earlier versions (ctrl+p), and ctrl+z brings it back.", timeout=10)
        return (reloaded,) if self.kept.note is None else (self.kept.note, reloaded)
