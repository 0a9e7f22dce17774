"""The main screen's file side: save, save as, open, quit guard, export, present, timer.

Every path here ends in a notice the facilitator can read on the shared
screen; no error from the core reaches the terminal as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from ...model import Roadmap
from ...storage import RoadmapFileError
from ...storage.files import write_text_atomically
from ..document import Document, ReadOnlyError
from ..timer import SessionTimer
from .dialogs import ChoiceDialog, ExportChoice, ExportDialog, FormDialog, FormField, PathDialog

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..app import RoadmapApp
    from ..widgets.editor import SignpostEditor

    _Base = Screen[None]
else:
    _Base = object

EXPORT_WIDTH = 100
BIG_EXPORT = 500
"""Signposts from which an export shows that it is working."""


class FileActions(_Base):
    document: Document
    timer: SessionTimer
    _ticker: Timer | None
    _time_up_told: bool

    if TYPE_CHECKING:
        @property
        def editor(self) -> SignpostEditor: ...
        def show_roadmap(self, selected_id: str | None) -> None: ...
        def show_header(self) -> None: ...

    @property
    def roadmap_app(self) -> RoadmapApp:
        from ..app import RoadmapApp

        assert isinstance(self.app, RoadmapApp)
        return self.app

    def _init_files(self, timer_minutes: int) -> None:
        self.timer = SessionTimer(timer_minutes)
        self._ticker = None
        self._time_up_told = False

    # -- save -------------------------------------------------------------------------

    def action_save(self) -> None:
        self.editor.commit()
        if self.document.read_only:
            self.app.notify("Read-only: nothing is written.", severity="warning", markup=False)
            return
        if self.document.path is None:
            self.action_save_as()
            return
        self._save_to(self.document.path)

    def action_save_as(self, then: str = "") -> None:
        """Ask for a path, confirm replacing a file, save; ``then`` may be "quit"."""
        if self.document.read_only:
            self.app.notify("Read-only: nothing is written.", severity="warning", markup=False)
            return
        default = self.document.path or Path.cwd() / f"{_slug(self.document.roadmap.title)}.toml"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.suffix == "":
                path = path.with_suffix(".toml")
            if path != self.document.path and path.exists():
                self.app.push_screen(
                    ChoiceDialog(f"{path} exists. Replace it with this roadmap?",
                                 [("Replace", "replace"), ("Cancel", "cancel")]),
                    partial(self._replace_answered, path, then))
                return
            self._save_to(path, then)

        self.app.push_screen(PathDialog("Save the roadmap as", str(default), action="Save"),
                             chosen)

    def _replace_answered(self, path: Path, then: str, answer: str | None) -> None:
        if answer == "replace":
            self._save_to(path, then)

    def _save_to(self, path: Path, then: str = "") -> bool:
        try:
            saved = self.document.save(path)
        except (RoadmapFileError, ReadOnlyError) as error:
            self.app.notify(f"{error}\nYour changes are still here; try another place "
                            "(ctrl+p, Save as).", title="Not saved", severity="error",
                            timeout=15, markup=False)
            return False
        self.roadmap_app.remember_file(saved)
        self.show_header()
        self.app.notify(f"Saved {saved}", markup=False, timeout=3)
        if then == "quit":
            self.app.exit()
        return True

    # -- open and quit ------------------------------------------------------------------

    def _unsaved_guard(self, doing: str, proceed: Callable[[], object]) -> None:
        """Run ``proceed`` now, or after the user chose to save or discard."""
        self.editor.commit()
        if not self.document.is_modified or self.document.read_only:
            proceed()
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                proceed()
            elif answer == "save":
                if self.document.path is None:
                    self.action_save_as(then="quit" if doing == "quit" else "")
                elif self._save_to(self.document.path):
                    proceed()

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
        recent = [f for f in self.roadmap_app.settings.recent_files if f != current]
        self.app.push_screen(PathDialog("Open a roadmap", "", action="Open", recent=recent),
                             chosen)

    def open_path(self, path: Path) -> None:
        try:
            document = Document.open(path, read_only=self.document.read_only)
        except RoadmapFileError as error:
            self.app.notify(str(error), title="Cannot open", severity="error", timeout=15,
                            markup=False)
            return
        self.document = document
        self.roadmap_app.remember_file(path)
        self.show_roadmap(document.selected_id)
        for warning in document.warnings:
            self.app.notify(warning, severity="warning", markup=False, timeout=10)
        self.app.notify(f"Opened {path}", markup=False, timeout=3)

    # -- present and export -------------------------------------------------------------

    def action_present(self) -> None:
        from .present import PresentScreen  # the summary's modules load on first use

        self.editor.commit()
        self.app.push_screen(PresentScreen(self.document.roadmap,
                                           today=self.roadmap_app.today()))

    def action_export(self) -> None:
        self.editor.commit()
        if self.document.read_only:
            self.app.notify("Read-only: nothing is written here. The command line can "
                            "export: roadmap-tui export FILE -o OUT", severity="warning",
                            markup=False)
            return
        path = self.document.path
        base = (path.with_suffix("") if path is not None
                else Path.cwd() / _slug(self.document.roadmap.title))

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(choice)

        self.app.push_screen(ExportDialog(base), chosen)

    def _export(self, choice: ExportChoice) -> None:
        roadmap = self.document.roadmap
        if len(roadmap.signposts) >= BIG_EXPORT:
            self.app.notify(f"Exporting {len(roadmap.signposts)} signposts\u2026",
                            markup=False, timeout=3)
        self._export_in_thread(roadmap, choice, self.roadmap_app.today())

    @work(thread=True, exclusive=True, group="export")
    def _export_in_thread(self, roadmap: Roadmap, choice: ExportChoice, today: date) -> None:
        from ...export import render

        try:
            text = render(roadmap, choice.fmt, width=EXPORT_WIDTH, today=today)
            write_text_atomically(choice.path, text)
        except RoadmapFileError as error:
            self.app.call_from_thread(self.app.notify, str(error), title="Not exported",
                                      severity="error", timeout=15, markup=False)
            return
        self.app.call_from_thread(self.app.notify,
                                  f"Exported the {choice.fmt} summary to "
                                  f"{choice.path.resolve()}", markup=False, timeout=8)

    # -- session timer -------------------------------------------------------------------

    def action_timer(self) -> None:
        timer = self.timer
        if timer.is_up:
            timer.reset()
            self._time_up_told = False
        timer.toggle()
        if timer.running and self._ticker is None:
            self._ticker = self.set_interval(1, self._tick)
        self.show_header()
        state = "running" if timer.running else "paused"
        self.app.notify(f"Session timer {state}: {timer.text()} left", markup=False, timeout=2)

    def _tick(self) -> None:
        self.show_header()
        if self.timer.is_up and not self._time_up_told:
            self._time_up_told = True
            self.app.bell()
            self.app.notify(f"Time is up: the {self.timer.minutes}-minute session is over.",
                            title="Session timer", severity="warning", timeout=60,
                            markup=False)

    def action_set_timer(self) -> None:
        def chosen(values: dict[str, str] | None) -> None:
            if values is None:
                return
            text = values["minutes"].strip()
            if not text.isdigit() or not 1 <= int(text) <= 24 * 60:
                self.app.notify("The timer takes whole minutes from 1 to 1440.",
                                severity="error", markup=False)
                return
            self.timer.reset(int(text))
            self._time_up_told = False
            self.roadmap_app.set_timer_minutes(int(text))
            self.show_header()
            self.app.notify(f"Timer set to {text} minutes; t starts it.", markup=False)

        self.app.push_screen(FormDialog("Session timer length", [
            FormField("minutes", "Minutes", str(self.timer.minutes))]), chosen)

    def action_reset_timer(self) -> None:
        self.timer.reset()
        self._time_up_told = False
        self.show_header()


def _slug(title: str) -> str:
    words = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return words[:60] or "roadmap"
