"""The screen a start on a broken FILE opens on: the error, and what to do next.

An empty untitled roadmap with a notice that fades would look like the group's
work had vanished. Instead the app says which file, which line and what is
wrong, and offers Open another, New untitled or Quit. The file is never touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from ...session.document import Document
from ...storage import RoadmapFileError
from .dialogs import PathDialog

if TYPE_CHECKING:
    from ..app import RoadmapApp


class BrokenFileScreen(Screen[None]):
    BINDINGS = [
        Binding("o", "open", "Open another"),
        Binding("n", "new", "New untitled"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, path: Path, error: RoadmapFileError, earlier: str = "") -> None:
        super().__init__(id="broken-file")
        self._path = path
        self._error = error
        self._earlier = earlier

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog broken"):
            yield Static(id="broken-title")
            with VerticalScroll(classes="dialog-details"):
                yield Static(id="broken-message")
            yield Static(id="broken-earlier")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text.assemble(("o", "underline"), " Open another"),
                             id="broken-open", variant="primary")
                yield Button(Text.assemble(("n", "underline"), " New untitled"), id="broken-new")
                yield Button(Text.assemble(("q", "underline"), " Quit"), id="broken-quit")
            yield Static(Text("The file was not changed.", style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        error = self._error
        title = Text("Cannot open ", style="bold")
        title.append(str(self._path), "bold")
        if error.line is not None:
            title.append(f"\nline {error.line}", "bold red")
        self.query_one("#broken-title", Static).update(title)
        self.query_one("#broken-message", Static).update(Text("\n".join(error.problems)))
        earlier = self.query_one("#broken-earlier", Static)
        earlier.update(Text(self._earlier, style="italic"))
        earlier.display = bool(self._earlier)

    @property
    def roadmap_app(self) -> RoadmapApp:
        from ..app import RoadmapApp

        assert isinstance(self.app, RoadmapApp)
        return self.app

    def action_open(self) -> None:
        app = self.roadmap_app

        def chosen(path: Path | None) -> None:
            if path is None:
                return  # still here: the choice is still to be made
            try:
                document = Document.open(path, read_only=app.read_only)
            except RoadmapFileError as error:
                self._path, self._error, self._earlier = path, error, ""
                self._show()
                return
            self.dismiss()
            app.main.adopt(document)
            app.remember_file(path)
            app.main.show_roadmap(document.selected_id)
            app.main.show_warnings()

        app.push_screen(PathDialog("Open a roadmap", "", action="Open",
                                   recent=app.settings.recent_files), chosen)

    def action_new(self) -> None:
        self.dismiss()
        self.app.notify(f"A new untitled roadmap; {self._path.name} was not touched.",
                        markup=False, timeout=5)

    def action_quit(self) -> None:
        self.app.exit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {"broken-open": self.action_open, "broken-new": self.action_new,
                   "broken-quit": self.action_quit}
        actions[event.button.id or ""]()
