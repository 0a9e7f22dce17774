"""The main screen's file side: save, save as, open, quit guard, export, present, timer.

Every path here ends in a notice the facilitator can read on the shared
screen; no error from the core reaches the terminal as a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.notifications import Notification
from textual.timer import Timer

from ...model import Roadmap
from ...model.text import shown_name
from ...session.document import Document
from ...session.saving import NOT_SAVED, SaveOutcome, SavePlan
from ...session.timer import SessionTimer
from ...storage import RoadmapFileError
from ...storage.files import is_roadmap_file
from ...storage.review import ReviewComment
from ..notices import show_now
from .dialogs import ChoiceDialog, ExportChoice, ExportDialog, FormDialog, FormField, PathDialog
from .keeping import Safekeeping

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..app import RoadmapApp
    from ..widgets.editor import SignpostEditor

    _Base = Screen[None]
else:
    _Base = object

AfterSave = Callable[[], object] | None
"""What to do once a save went through (quit, open another file)."""
SHOWN_WARNINGS = 3
EXPORT_WIDTH = 100
BIG_EXPORT = 500
"""Signposts from which an export shows that it is working."""


class FileActions(Safekeeping):
    document: Document
    timer: SessionTimer
    review: tuple[ReviewComment, ...]
    _ticker: Timer | None
    _time_up_told: bool

    if TYPE_CHECKING:
        @property
        def editor(self) -> SignpostEditor: ...
        def commit_editor(self) -> None: ...
        def show_roadmap(self, selected_id: str | None) -> None: ...
        def show_header(self) -> None: ...
        def start_capture(self, text: str = "") -> None: ...
        def last_letter_time(self, key: str) -> float | None: ...

    @property
    def roadmap_app(self) -> RoadmapApp:
        from ..app import RoadmapApp

        assert isinstance(self.app, RoadmapApp)
        return self.app

    def _init_files(self, timer_minutes: int) -> None:
        self.timer = SessionTimer(timer_minutes)
        self._ticker = None
        self._time_up_told = False
        self._time_up_notice: Notification | None = None
        self._timer_notice: Notification | None = None
        self._timer_before: tuple[float, float, float | None] | None = None

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
                          lambda _: self._saved(self.keeper.overwrite(path), after))
                return
            self.save_to(path, after)

        self.app.push_screen(PathDialog("Save the roadmap as", str(default), action="Save"),
                             chosen)

    def save_to(self, path: Path, after: AfterSave = None) -> None:
        """Save, first asking when that would overwrite work that is not ours."""
        plan = self.keeper.plan_save(path)
        if plan.go:
            self._write(path, after, plan.replaced)
            return
        self._ask(plan.question, plan.answers, partial(self._changed_answered, plan, after),
                  title=plan.title, details=plan.differences, id="changed-dialog")

    def _changed_answered(self, plan: SavePlan, after: AfterSave, answer: str) -> None:
        if answer in ("overwrite", "write", "replace"):
            outcome = self.keeper.overwrite(plan.path)
            if self._saved(outcome, after) and outcome.replaced_note is not None:
                self.show_note(outcome.replaced_note)
        elif answer == "save-as":
            self.action_save_as(after, suggestion=_free_name(plan.path))
        elif answer == "reload" and plan.can_reload:
            reloaded = self.keeper.reload(plan)
            self.show_roadmap(reloaded.selected_id)
            self.watch_disk()
            for note in reloaded.notes:
                self.show_note(note)

    def _ask(self, question: str, choices: list[tuple[str, str]],
             answered: Callable[[str], object], **options: Any) -> None:
        """A choice dialog whose answer (never cancel) goes to ``answered``."""
        def reply(answer: str | None) -> None:
            if answer is not None:
                answered(answer)

        self.app.push_screen(ChoiceDialog(question, choices, **options), reply)

    def _write(self, path: Path, after: AfterSave = None, replaced: bytes | None = None) -> bool:
        """Write the roadmap to ``path``; ``replaced`` (what was there) goes to the history."""
        return self._saved(self.keeper.save(path, replaced=replaced), after)

    def _saved(self, outcome: SaveOutcome, after: AfterSave) -> bool:
        """Say what a save did; once it went through, run ``after``."""
        if not outcome.saved:
            for note in outcome.notes:
                self.show_note(note)
            return False
        for stale in [n for n in self.app._notifications if n.title == NOT_SAVED]:
            self.app._unnotify(stale)  # earlier "Not saved" notices are out of date now
        *around, saved = outcome.notes
        for note in around:
            self.show_note(note)
        self.roadmap_app.remember_file(outcome.path)
        self.watch_disk()
        self.show_header()
        self.show_note(saved)
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
        recent = [f for f in self.roadmap_app.settings.recent_files if f != current]
        self.app.push_screen(PathDialog("Open a roadmap", "", action="Open", recent=recent),
                             chosen)

    def open_path(self, path: Path) -> None:
        try:
            document = Document.open(path, read_only=self.roadmap_app.read_only)
        except RoadmapFileError as error:
            self.app.notify(str(error), title="Cannot open", severity="error", timeout=15,
                            markup=False)
            return
        self.adopt(document)
        self.roadmap_app.remember_file(path)
        self.show_roadmap(document.selected_id)
        self.show_warnings()
        self.app.notify(f"Opened {shown_name(path)}", markup=False, timeout=3)

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

    def action_present(self) -> None:
        from .present import PresentScreen  # the summary's modules load on first use

        self.commit_editor()
        self.app.push_screen(PresentScreen(
            self.document.roadmap, today=self.roadmap_app.today(), session=self.timer,
            report_minutes=self.roadmap_app.settings.report_minutes,
            clock=self.roadmap_app.clock, typed_ahead=self.start_capture,
            opened_at=self.last_letter_time("p"), review=self.review))

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
        self._export_in_thread(roadmap, choice, self.roadmap_app.today())

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

    # -- session timer -------------------------------------------------------------------

    def action_timer(self) -> None:
        timer = self.timer
        self._timer_before = timer.state()
        if timer.is_up:
            timer.reset()
            self._time_up_told = False
        self._forget_time_up()
        timer.toggle()
        if timer.running and self._ticker is None:
            self._ticker = self.set_interval(1, self._tick)
        self.show_header()
        state = "running" if timer.running else "paused"
        self._timer_notice = show_now(self.app, Notification(
            f"Session timer {state}: {timer.text()} left", timeout=2, markup=False))

    def take_back_timer(self) -> None:
        """The ``t`` was the first letter of a word typed at the list: as if never pressed."""
        if self._timer_before is not None:
            self.timer.restore(self._timer_before)
            self._timer_before = None
        if self._timer_notice is not None:
            self.app._unnotify(self._timer_notice)
            self._timer_notice = None
        self.show_header()

    def _tick(self) -> None:
        self.show_header()
        if self.timer.is_up and not self._time_up_told:
            self._time_up_told = True
            self.app.bell()
            self._time_up_notice = show_now(self.app, Notification(
                f"Time is up: the {self.timer.minutes}-minute session is over "
                "(t starts it again).", "Session timer", "warning", 20, markup=False))

    def _forget_time_up(self) -> None:
        """A restart or a new length makes the time-up notice wrong: it goes at once."""
        if self._time_up_notice is not None:
            self.app._unnotify(self._time_up_notice)
            self._time_up_notice = None

    def action_set_timer(self) -> None:
        def chosen(values: dict[str, str] | None) -> None:
            if values is None:
                return
            text = values["minutes"].strip()
            if not text.isdigit() or not 1 <= int(text) <= 24 * 60:
                self.app.notify("The timer takes whole minutes from 1 to 1440.",
                                severity="error", markup=False)
                return
            timer = self.timer
            timer.set_length(int(text))
            self._time_up_told = timer.is_up and self._time_up_told
            if not timer.is_up:
                self._forget_time_up()
            self.roadmap_app.set_timer_minutes(int(text))
            self.show_header()
            if timer.running:
                said = f"still running, {timer.text()} left"
            elif timer.started:
                said = f"paused, {timer.text()} left; t resumes it"
            else:
                said = "t starts it"
            self.app.notify(f"Timer set to {text} minutes: {said}.", markup=False)

        self.app.push_screen(FormDialog("Session timer length", [
            FormField("minutes", "Minutes", str(self.timer.minutes))]), chosen)

    def action_reset_timer(self) -> None:
        self._forget_time_up()
        self.timer.reset()
        self._time_up_told = False
        self.show_header()


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
