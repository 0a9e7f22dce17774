"""The file side of the main screen: save, save as, open, the unsaved-changes question
before quitting or opening, and export.

Each is written as the conversation it is (``push_screen_wait`` in a worker): ask,
act, say what happened. What a save must ask first (changed on disk, gone, no
permission) and what it did come from the session's Keeper as plain results;
every path ends in a notice the facilitator can read on the shared screen, never
in a traceback.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Sequence
from pathlib import Path

from ...model.text import shown_name
from ...session.document import Document
from ...session.saving import NOT_SAVED, SaveOutcome
from ...storage import RoadmapFileError
from ...storage.files import is_roadmap_file
from ..dialogs import ChoiceDialog, ExportChoice, ExportDialog, PathDialog
from ..notices import withdraw
from .keeping import Keeping
from .view import MainView

SHOWN_WARNINGS = 3
EXPORT_WIDTH = 100
BIG_EXPORT = 500
"""Signposts from which an export shows that it is working."""


class Files:
    def __init__(self, view: MainView, keeping: Keeping) -> None:
        self.view = view
        self.keeping = keeping

    async def _choose(self, question: str, choices: Sequence[tuple[str, str]], *,
                      title: str = "", details: Sequence[str] = (),
                      id: str | None = None) -> str | None:
        return await self.view.app.push_screen_wait(
            ChoiceDialog(question, choices, title=title, details=details, id=id))

    # -- save ---------------------------------------------------------------------------

    def _refused_in_review(self) -> bool:
        if self.view.document.read_only:
            self.view.app.notify("Read-only: nothing is written.", severity="warning",
                                 markup=False)
        return self.view.document.read_only

    async def save(self) -> bool:
        """ctrl+s: save where the roadmap came from (an untitled one asks where)."""
        self.view.commit_editor()
        if self._refused_in_review():
            return False
        path = self.view.document.path
        if path is None:
            return await self.save_as()
        return await self.save_to(path)

    async def save_as(self, suggestion: Path | None = None) -> bool:
        """Ask for a path, confirm replacing a file, save; True once saved."""
        if self._refused_in_review():
            return False
        document = self.view.document
        file_name = f"{slug(document.roadmap.title)}.toml"
        default = suggestion or document.path or Path.cwd() / file_name
        path = await self.view.app.push_screen_wait(
            PathDialog("Save the roadmap as", str(default), action="Save"))
        if path is None:
            return False
        if path.is_dir():
            path = path / (document.path.name if document.path else file_name)
        elif path.suffix == "":
            path = path.with_suffix(".toml")
        if path != document.path and path.exists():
            answer = await self._choose(f"{shown_name(path)} exists. Replace it with this "
                                        "roadmap?", [("Replace", "replace"),
                                                     ("Cancel", "cancel")])
            return answer == "replace" and self._saved(self.keeping.keeper.overwrite(path))
        return await self.save_to(path)

    async def save_to(self, path: Path) -> bool:
        """Save, first asking when that would overwrite work that is not ours."""
        keeper = self.keeping.keeper
        plan = keeper.plan_save(path)
        if plan.go:
            return self._saved(keeper.save(path, replaced=plan.replaced))
        answer = await self._choose(plan.question, plan.answers, title=plan.title,
                                    details=plan.differences, id="changed-dialog")
        if answer in ("overwrite", "write", "replace"):
            outcome = keeper.overwrite(plan.path)
            saved = self._saved(outcome)
            if saved and outcome.replaced_note is not None:
                self.keeping.show_note(outcome.replaced_note)
            return saved
        if answer == "save-as":
            return await self.save_as(suggestion=free_name(plan.path))
        if answer == "reload" and plan.can_reload:
            reloaded = keeper.reload(plan)
            self.view.cursor_to(reloaded.selected_id)
            self.keeping.watch_disk()
            for note in reloaded.notes:
                self.keeping.show_note(note)
        return False

    def _saved(self, outcome: SaveOutcome) -> bool:
        """Say what a save did; True once it went through."""
        if not outcome.saved:
            for note in outcome.notes:
                self.keeping.show_note(note)
            return False
        # Earlier "Not saved" notices are out of date now.
        withdraw(self.view.app, lambda notice: notice.title == NOT_SAVED)
        for note in outcome.notes:  # the last one says "Saved ..."
            self.keeping.show_note(note)
        self.view.host.remember_file(outcome.path)
        self.keeping.watch_disk()
        return True

    # -- open and quit ------------------------------------------------------------------

    async def settled(self, doing: str) -> bool:
        """Whether the unsaved changes (if any) are settled before ``doing``: saved, or let
        go ("Don't save"); False when the user cancelled or the save did not go through."""
        self.view.commit_editor()
        document = self.view.document
        if not document.is_modified or document.read_only:
            return True
        answer = await self._choose(
            f"This roadmap has unsaved changes. Save them before you {doing}?",
            [("Save", "save"), ("Don't save", "discard"), ("Cancel", "cancel")],
            title="Unsaved changes", id="quit-dialog" if doing == "quit" else None)
        if answer == "discard":
            self.keeping.discard()
            return True
        if answer == "save":
            return await self.save()
        return False

    async def quit(self) -> None:
        if await self.settled("quit"):
            self.view.app.exit()

    async def open(self) -> None:
        if not await self.settled("open another roadmap"):
            return
        current = self.view.document.path
        shown = str(current.resolve()) if current else None
        recent = [f for f in self.view.host.settings.recent_files if f != shown]
        path = await self.view.app.push_screen_wait(
            PathDialog("Open a roadmap", "", action="Open", recent=recent))
        if path is not None:
            await self.open_path(path)

    async def open_path(self, path: Path) -> None:
        try:
            document = Document.open(path, read_only=self.view.host.opens_read_only)
        except RoadmapFileError as error:
            self.view.app.notify(str(error), title="Cannot open", severity="error",
                                 timeout=15, markup=False)
            return
        await self.opened(document)
        self.view.app.notify(f"Opened {shown_name(path)}", markup=False, timeout=3)

    async def opened(self, document: Document) -> None:
        """``document`` (just read) becomes the open one: shown, its repairs said, its file
        locked and any work an earlier session left offered."""
        self.view.adopt(document)
        if document.path is not None:
            self.view.host.remember_file(document.path)
        self.show_warnings()
        await self.keeping.settle_new()

    def show_warnings(self) -> None:
        """What the loader repaired: a few one by one, then one notice for the rest, so a
        hostile file cannot bury the screen under a hundred toasts."""
        document, app = self.view.document, self.view.app
        warnings = document.warnings
        for warning in warnings[:SHOWN_WARNINGS]:
            app.notify(warning, severity="warning", markup=False, timeout=10)
        rest = len(warnings) - SHOWN_WARNINGS
        if rest > 0:
            name = document.path or "FILE"
            app.notify(f"\u2026 and {rest} more repairs like these. To list them all: "
                       f"roadmap-tui check {shown_name(name)}", severity="warning",
                       markup=False, timeout=10)

    # -- export -------------------------------------------------------------------------

    async def export(self) -> None:
        """The summary to a file. A reviewer exports too: never the roadmap itself."""
        from ...export_writer import export_to

        view, app = self.view, self.view.app
        view.commit_editor()
        document = view.document
        path = document.path
        base = (path.with_suffix("") if path is not None
                else Path.cwd() / slug(document.roadmap.title))
        choice: ExportChoice | None = await app.push_screen_wait(ExportDialog(base))
        if choice is None or not await self._may_write(choice):
            return
        roadmap = document.roadmap
        if len(roadmap.signposts) >= BIG_EXPORT:
            app.notify(f"Exporting {len(roadmap.signposts)} signposts\u2026", markup=False,
                       timeout=3)
        try:
            await asyncio.to_thread(export_to, roadmap, choice.fmt, choice.path,
                                    width=EXPORT_WIDTH, today=view.host.today())
        except RoadmapFileError as error:
            app.notify(str(error), title="Not exported", severity="error", timeout=15,
                       markup=False)
            return
        app.notify(f"Exported the {choice.fmt} summary to "
                   f"{shown_name(choice.path.resolve())}", markup=False, timeout=8)

    async def _may_write(self, choice: ExportChoice) -> bool:
        """An export writes only where the user asked, and only over what they agreed to
        lose: never through a symlink, never over a roadmap, and asking before it
        replaces any other file."""
        path = choice.path
        refused = ""
        if os.path.islink(path):
            refused = (f"{shown_name(path)} is a symbolic link; an export never writes "
                       "through one. Choose another name.")
        elif os.path.lexists(path) and is_roadmap_file(path):
            refused = (f"{shown_name(path)} is a roadmap file; an export never replaces "
                       "one with a summary. Choose another name.")
        if refused:
            self.view.app.notify(refused, title="Not exported", severity="error",
                                 timeout=15, markup=False)
            return False
        if not os.path.lexists(path):
            return True
        answer = await self._choose(
            f"{shown_name(path)} exists. Replace it with the {choice.fmt} summary?",
            [("Replace", "replace"), ("Cancel", "cancel")], title="Replace a file?",
            id="export-replace-dialog")
        return answer == "replace"


def free_name(path: Path) -> Path:
    """``plan-2.toml`` beside ``plan.toml`` (or -3, -4...): a new file's name, never taken."""
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path


def slug(title: str) -> str:
    words = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return words[:60] or "roadmap"
