"""The main screen's file side: save, save as, open, quit guard, export.

Every path here ends in a notice the facilitator can read on the shared
screen; no error from the core reaches the terminal as a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from ...model import Roadmap
from ...model.compare import differences
from ...model.text import shown_name
from ...session.document import Disk, Document, ReadOnlyError
from ...storage import RoadmapFileError
from ...storage.files import (
    LoadedRoadmap,
    digest_of,
    dumps,
    is_roadmap_file,
    parse,
)
from ..dialogs import ChoiceDialog, ExportChoice, ExportDialog, PathDialog
from ..notices import withdraw
from .keeping import Safekeeping

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..widgets.editor import SignpostEditor

    _Base = Screen[None]
else:
    _Base = object

NOT_SAVED = "Not saved"
AfterSave = Callable[[], object] | None
"""What to do once a save went through (quit, open another file)."""
SHOWN_WARNINGS = 3
EXPORT_WIDTH = 100
BIG_EXPORT = 500
"""Signposts from which an export shows that it is working."""


class FileActions(Safekeeping):
    document: Document

    if TYPE_CHECKING:
        @property
        def editor(self) -> SignpostEditor: ...
        def commit_editor(self) -> None: ...
        def roadmap_changed(self, selected_id: str | None) -> None: ...
        def show_header(self) -> None: ...

    # -- save -------------------------------------------------------------------------

    def action_save(self) -> None:
        self.commit_editor()
        if self.document.read_only:
            self.app.notify("Read-only: nothing is written.", severity="warning", markup=False)
            return
        if self.document.path is None:
            self.action_save_as()
            return
        self.save_to(self.document.path)

    def action_save_as(self, after: AfterSave = None, suggestion: Path | None = None) -> None:
        """Ask for a path, confirm replacing a file, save, then run ``after``."""
        if self.document.read_only:
            self.app.notify("Read-only: nothing is written.", severity="warning", markup=False)
            return
        file_name = f"{_slug(self.document.roadmap.title)}.toml"
        default = suggestion or self.document.path or Path.cwd() / file_name

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.is_dir():
                path = path / (self.document.path.name if self.document.path else file_name)
            elif path.suffix == "":
                path = path.with_suffix(".toml")
            if path != self.document.path and path.exists():
                self._ask(f"{shown_name(path)} exists. Replace it with this roadmap?",
                          [("Replace", "replace"), ("Cancel", "cancel")],
                          lambda _: self._write(path, after, self.document.check_disk(path).data))
                return
            self.save_to(path, after)

        self.app.push_screen(PathDialog("Save the roadmap as", str(default), action="Save"),
                             chosen)

    def save_to(self, path: Path, after: AfterSave = None) -> None:
        """Save, first asking when that would overwrite work that is not ours."""
        check = self.document.check_disk(path)
        if check.state is Disk.CHANGED:
            details, disk = self._disk_differences(check.data or b"", path)
            choices = [("Overwrite", "overwrite"), ("Save as", "save-as")]
            if disk is not None:
                choices.append(("Reload", "reload"))
            self._ask(f"{shown_name(path)} was changed on disk since you opened it, by another "
                      f"program "
                      "or person.\nOverwrite: yours replaces theirs (theirs is kept in "
                      "Earlier versions).\nSave as: yours goes to another file.\nReload: "
                      "theirs replaces yours (yours is kept in Earlier versions; ctrl+z "
                      "brings it back).\nWhat changes from yours to the file on disk:",
                      [*choices, ("Cancel", "cancel")],
                      partial(self._changed_answered, path, after, disk),
                      title="Changed on disk", details=details, id="changed-dialog")
        elif check.state is Disk.UNREADABLE:
            kept = ("what is there now is kept in Earlier versions" if check.data is not None
                    else "what is there now cannot be read, so it cannot be kept")
            self._ask(f"{shown_name(path)} cannot be read by roadmap-tui now ({check.reason}): "
                      "another program or person replaced it or changed its permissions.\n"
                      f"Overwrite: yours replaces it ({kept}).\nSave as: yours goes to "
                      "another file.",
                      [("Overwrite", "overwrite"), ("Save as", "save-as"), ("Cancel", "cancel")],
                      partial(self._changed_answered, path, after, None),
                      title="Changed on disk", id="changed-dialog")
        elif check.state is Disk.VANISHED:
            self._ask(f"{shown_name(path)} was deleted or moved since you opened it. Write it "
                      f"again "
                      "where it was, or save elsewhere?",
                      [("Write it again", "write"), ("Save as", "save-as"),
                       ("Cancel", "cancel")],
                      partial(self._changed_answered, path, after, None),
                      title="File gone", id="changed-dialog")
        elif check.data is not None and not os.access(path, os.W_OK):
            self._ask(f"{shown_name(path.name)} is read-only (you have no write permission on "
                      f"it). Replace "
                      "it anyway? It stays read-only afterwards.",
                      [("Replace", "replace"), ("Save as", "save-as"), ("Cancel", "cancel")],
                      partial(self._changed_answered, path, after, None),
                      title="Read-only file", id="changed-dialog")
        else:
            self._write(path, after, check.data)

    def _disk_differences(self, data: bytes, path: Path) -> tuple[list[str], LoadedRoadmap | None]:
        try:
            disk = parse(data.decode("utf-8-sig", errors="replace"), path)
        except RoadmapFileError as error:
            first = str(error).splitlines()[0]
            return [f"the file on disk is not a valid roadmap now: {first}"], None
        disk = replace(disk, digest=digest_of(data))
        lines = differences(self.document.roadmap, disk.roadmap)
        return lines or ["no differences in content, only in the file's text"], disk

    def _changed_answered(self, path: Path, after: AfterSave, disk: LoadedRoadmap | None,
                          answer: str) -> None:
        if answer in ("overwrite", "write", "replace"):
            replaced = self.document.check_disk(path).data
            if self._write(path, after, replaced) and replaced is not None:
                self.app.notify("The version it replaced is in Earlier versions (ctrl+p).",
                                markup=False, timeout=8)
        elif answer == "save-as":
            self.action_save_as(after, suggestion=_free_name(path))
        elif answer == "reload" and disk is not None:
            self.keep_version(path, dumps(self.document.roadmap).encode("utf-8"))
            self.roadmap_changed(self.document.reload(disk))
            self.watch_disk()
            self.app.notify(f"Reloaded {shown_name(path.name)} from disk. Your version is in "
                            f"Earlier "
                            "versions (ctrl+p), and ctrl+z brings it back.", markup=False,
                            timeout=10)

    def _ask(self, question: str, choices: list[tuple[str, str]],
             answered: Callable[[str], object], **options: Any) -> None:
        """A choice dialog whose answer (never cancel) goes to ``answered``."""
        def reply(answer: str | None) -> None:
            if answer is not None:
                answered(answer)

        self.app.push_screen(ChoiceDialog(question, choices, **options), reply)

    def _write(self, path: Path, after: AfterSave = None, replaced: bytes | None = None) -> bool:
        """Write the roadmap to ``path``; ``replaced`` (what was there) goes to the history."""
        journal = self.journal
        moved = path != self.document.path
        try:
            saved = self.document.save(path)
        except (RoadmapFileError, ReadOnlyError) as error:
            where = ""
            if self.document.is_modified:
                kept = self.keep_in_journal()
                where = (f" Your changes are still here, and kept in the recovery copy "
                         f"{kept}." if kept else " Your changes are still here, but could "
                         "not be kept in a recovery copy either: keep the app open.")
            self.app.notify(f"{error}\n{where.strip()} Put right what the message says and "
                            "press ctrl+s again, or save elsewhere (ctrl+p, Save as).",
                            title=NOT_SAVED, severity="error", timeout=20, markup=False)
            return False
        # Earlier "Not saved" notices are out of date now.
        withdraw(self.app, lambda notice: notice.title == NOT_SAVED)
        if replaced is not None:
            self.keep_version(saved, replaced)
        if moved:
            self.moved_to(journal)
        else:
            self.forget_journal()
        self.host.remember_file(saved)
        self.watch_disk()
        self.show_header()
        self.app.notify(f"Saved {shown_name(saved)}", markup=False, timeout=3)
        if after is not None:
            after()
        return True

    # -- open and quit ------------------------------------------------------------------

    def _unsaved_guard(self, doing: str, proceed: Callable[[], object]) -> None:
        """Run ``proceed`` now, or after the user chose to save or discard."""
        self.commit_editor()
        if not self.document.is_modified or self.document.read_only:
            proceed()
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.discard_journal()
                proceed()
            elif answer == "save":
                if self.document.path is None:
                    self.action_save_as(after=proceed)
                else:
                    self.save_to(self.document.path, after=proceed)

        self.app.push_screen(ChoiceDialog(
            f"This roadmap has unsaved changes. Save them before you {doing}?",
            [("Save", "save"), ("Don't save", "discard"), ("Cancel", "cancel")],
            title="Unsaved changes", id="quit-dialog" if doing == "quit" else None), answered)

    def action_quit(self) -> None:
        self._unsaved_guard("quit", self.app.exit)

    def action_open(self) -> None:
        self._unsaved_guard("open another roadmap", self._ask_open)

    def _ask_open(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_path(path)

        current = str(self.document.path.resolve()) if self.document.path else None
        recent = [f for f in self.host.settings.recent_files if f != current]
        self.app.push_screen(PathDialog("Open a roadmap", "", action="Open", recent=recent),
                             chosen)

    def open_path(self, path: Path) -> None:
        try:
            document = Document.open(path, read_only=self.host.opens_read_only)
        except RoadmapFileError as error:
            self.app.notify(str(error), title="Cannot open", severity="error", timeout=15,
                            markup=False)
            return
        self._show_opened(document, path)
        self.app.notify(f"Opened {shown_name(path)}", markup=False, timeout=3)

    def opened_instead(self, document: Document | None) -> None:
        """The broken FILE's screen answered: the roadmap opened instead, or None (a new
        untitled one, which is already open)."""
        if document is not None and document.path is not None:
            self._show_opened(document, document.path)

    def _show_opened(self, document: Document, path: Path) -> None:
        self.adopt(document)
        self.host.remember_file(path)
        self.roadmap_changed(document.selected_id)
        self.show_warnings()

    def show_warnings(self) -> None:
        """What the loader repaired: a few one by one, then one notice for the rest, so a
        hostile file cannot bury the screen under a hundred toasts."""
        warnings = self.document.warnings
        for warning in warnings[:SHOWN_WARNINGS]:
            self.app.notify(warning, severity="warning", markup=False, timeout=10)
        rest = len(warnings) - SHOWN_WARNINGS
        if rest > 0:
            name = self.document.path or "FILE"
            self.app.notify(f"\u2026 and {rest} more repairs like these. To list them all: "
                            f"roadmap-tui check {shown_name(name)}", severity="warning",
                            markup=False, timeout=10)

    # -- present and export -------------------------------------------------------------

    def action_export(self) -> None:
        # A reviewer exports too: the summary is another file, never the roadmap itself.
        self.commit_editor()
        path = self.document.path
        base = (path.with_suffix("") if path is not None
                else Path.cwd() / _slug(self.document.roadmap.title))

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(choice)

        self.app.push_screen(ExportDialog(base), chosen)

    def _export(self, choice: ExportChoice, *, replace: bool = False) -> None:
        """Export, refusing a symlink or a roadmap file, and asking before replacing any
        other file: an export writes only where the user asked, and only what they
        agreed to lose."""
        path = choice.path
        refused = ""
        if os.path.islink(path):
            refused = (f"{shown_name(path)} is a symbolic link; an export never writes "
                       "through one. Choose another name.")
        elif os.path.lexists(path) and is_roadmap_file(path):
            refused = (f"{shown_name(path)} is a roadmap file; an export never replaces "
                       "one with a summary. Choose another name.")
        if refused:
            self.app.notify(refused, title="Not exported", severity="error", timeout=15,
                            markup=False)
            return
        if os.path.lexists(path) and not replace:
            self._ask(f"{shown_name(path)} exists. Replace it with the {choice.fmt} summary?",
                      [("Replace", "replace"), ("Cancel", "cancel")],
                      lambda _: self._export(choice, replace=True),
                      title="Replace a file?", id="export-replace-dialog")
            return
        roadmap = self.document.roadmap
        if len(roadmap.signposts) >= BIG_EXPORT:
            self.app.notify(f"Exporting {len(roadmap.signposts)} signposts\u2026",
                            markup=False, timeout=3)
        self._export_in_thread(roadmap, choice, self.host.today())

    @work(thread=True, exclusive=True, group="export")
    def _export_in_thread(self, roadmap: Roadmap, choice: ExportChoice, today: date) -> None:
        from ...export_writer import export_to

        try:
            export_to(roadmap, choice.fmt, choice.path, width=EXPORT_WIDTH, today=today)
        except RoadmapFileError as error:
            self.app.call_from_thread(self.app.notify, str(error), title="Not exported",
                                      severity="error", timeout=15, markup=False)
            return
        self.app.call_from_thread(self.app.notify,
                                  f"Exported the {choice.fmt} summary to "
                                  f"{shown_name(choice.path.resolve())}", markup=False,
                                  timeout=8)


def _free_name(path: Path) -> Path:
    """``plan-2.toml`` beside ``plan.toml`` (or -3, -4...): a new file's name, never taken."""
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path


def _slug(title: str) -> str:
    words = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return words[:60] or "roadmap"
