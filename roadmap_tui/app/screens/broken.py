"""The screen a start on a broken FILE opens on: the error, and what to do next.

An empty untitled roadmap with a notice that fades would look like the group's
work had vanished. Instead the app says which file, which line and what is
wrong, and offers Open another, New untitled or Quit. The file is never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from ...session.document import Document
from ...storage import RoadmapFileError
from ..dialogs import PathDialog


class BrokenFileScreen(Screen[Document | None]):
    """Answers the roadmap opened instead (Open another), or None (New untitled)."""

    BINDINGS = [
        Binding("o", "open", "Open another"),
        Binding("n", "new", "New untitled"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, path: Path, error: RoadmapFileError, earlier: str = "", *,
                 read_only: bool = False, recent: Sequence[str] = ()) -> None:
        super().__init__(id="broken-file")
        self._read_only = read_only
        self._recent = recent
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

    @work(exclusive=True)
    async def action_open(self) -> None:
        path = await self.app.push_screen_wait(
            PathDialog("Open a roadmap", "", action="Open", recent=self._recent))
        if path is None:
            return  # still here: the choice is still to be made
        try:
            document = Document.open(path, read_only=self._read_only)
        except RoadmapFileError as error:
            self._path, self._error, self._earlier = path, error, ""
            self._show()
            return
        self.dismiss(document)

    def action_new(self) -> None:
        self.dismiss(None)
        self.app.notify(f"A new untitled roadmap; {self._path.name} was not touched.",
                        markup=False, timeout=5)

    def action_quit(self) -> None:
        self.app.exit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {"broken-open": "open", "broken-new": "new", "broken-quit": "quit"}
        self.call_later(self.run_action, actions[event.button.id or ""])
