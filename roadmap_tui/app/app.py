"""RoadmapApp: opens the roadmap, the user's settings and themes, then the main screen."""

from __future__ import annotations

import asyncio
import signal
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.theme import Theme

from .. import paths
from ..model import Roadmap
from ..model.text import shown_name
from ..session.document import Document
from ..settings import Settings, read_settings, write_settings
from ..storage import RoadmapFileError
from ..storage.recovery import left_behind
from .commands import RoadmapCommands
from .keys import checked_keymap
from .notices import NoticeBoard
from .ordered_keys import in_order
from .screens.main import MainScreen
from .widths import match_terminal_widths

HIGH_CONTRAST = Theme(
    name="roadmap-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff4040",
    dark=True,
)
"""For projectors that wash colours out: pure black and white with saturated accents."""

STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class RoadmapApp(App[None]):
    """``RoadmapApp(path, read_only=...)`` as SPEC section 4 names it.

    ``roadmap`` opens a roadmap that is no file's yet (the demo's copy): it is
    saved only where the user says.
    """

    CSS_PATH = Path(__file__).with_name("roadmap.tcss")
    TITLE = "roadmap-tui"
    COMMANDS = App.COMMANDS | {RoadmapCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, path: Path | None = None, *, read_only: bool = False,
                 roadmap: Roadmap | None = None) -> None:
        super().__init__()
        self.read_only = read_only
        self.notices = NoticeBoard()
        self._broken: tuple[Path, RoadmapFileError, str] | None = None
        """The FILE given could not be opened: the app starts on a screen that says why."""
        self.settings, self._problems = read_settings(paths.settings_file())
        self.keymap, key_problems = checked_keymap(dict(self.settings.keys))
        self._problems.extend(f"{paths.settings_file()}: {problem}" for problem in key_problems)
        self.set_keymap(self.keymap)
        self._main = MainScreen(self._open(path, read_only, roadmap), host=self)

    def _open(self, path: Path | None, read_only: bool, roadmap: Roadmap | None) -> Document:
        if roadmap is not None:
            return Document.from_text(roadmap)
        if path is None:
            return Document.untitled()
        try:
            document = Document.open(Path(path), read_only=read_only,
                                     cache=paths.parse_cache_folder())
        except RoadmapFileError as error:
            left = left_behind(paths.recovery_folder(), paths.file_key(Path(path)))
            earlier = (f"Unsaved work on it from an earlier session is kept in "
                       f"{shown_name(left[0].file)}: open that file to get it back."
                       if left else "")
            self._broken = (Path(path), error, earlier)
            document = Document.untitled()
            document.read_only = read_only
            return document
        self.settings = self.settings.with_recent(Path(path))
        return document

    @property
    def opens_read_only(self) -> bool:
        return self.read_only

    def get_default_screen(self) -> MainScreen:
        return self._main

    @property
    def main(self) -> MainScreen:
        return self._main

    @property
    def document(self) -> Document:
        """The roadmap being edited (``ctrl+o`` replaces it)."""
        return self._main.document

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in self._problems:
            self.notify(problem, severity="error", timeout=15, markup=False)
        if self._broken is not None:
            from .screens.broken import BrokenFileScreen

            self.push_screen(BrokenFileScreen(*self._broken, read_only=self.read_only,
                                              recent=self.settings.recent_files),
                             self._main.opened_instead)
        if self.document.path is not None and self.document.path.exists():
            self._write_settings(self.settings)
        if not self.is_headless:
            match_terminal_widths()  # a real terminal: count cells as it draws them
            loop = asyncio.get_running_loop()
            for stop in STOP_SIGNALS:
                loop.add_signal_handler(stop, self._stopped_by, stop)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notice passes the one cleaning function: a path or a host in it, whatever
        it holds, cannot act on the terminal (a last pass; names are cleaned before). And
        no notice is read as markup unless it asks: names and titles in it are user text."""
        message, title = shown_name(message, keep_newlines=True), shown_name(title)
        self.notices.posted(message, title, severity, timeout)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes are handled one after another, each one whole before the next
        (see ordered_keys.py): Textual alone lets keys read together race each other."""
        if not await in_order(self, event, super().on_event):
            await super().on_event(event)

    def today(self) -> date:
        """The day the timeline marks and past-due dates count from (tests pin it)."""
        return date.today()

    def clock(self) -> float:
        """Seconds for countdowns such as the report-back's (tests pin it)."""
        return time.monotonic()

    async def action_quit(self) -> None:
        self.main.action_quit()

    @property
    def crash_recovery(self) -> Path | None:
        """Where unsaved work went when the app stopped on an unexpected error or signal."""
        return self._main.crash_recovery

    def _stopped_by(self, stop: signal.Signals) -> None:
        """The terminal closed (a dropped connection) or the system asked the app to end:
        keep the unsaved work before going."""
        self._main.keep_before_ending()
        self.exit(return_code=128 + stop.value)

    # -- settings ---------------------------------------------------------------------

    def remember_file(self, path: Path) -> None:
        self._write_settings(self.settings.with_recent(path))

    def set_timer_minutes(self, minutes: int) -> None:
        self._write_settings(replace(self.settings, timer_minutes=minutes))

    def set_report_minutes(self, minutes: int) -> None:
        self._write_settings(replace(self.settings, report_minutes=minutes))

    def _theme_changed(self, theme: Theme) -> None:
        self._write_settings(replace(self.settings, theme=theme.name))

    def _write_settings(self, settings: Settings) -> None:
        self.settings = settings
        try:
            write_settings(paths.settings_file(), settings)
        except RoadmapFileError as error:
            self.notify(f"Settings not saved: {error}", severity="warning", markup=False)
