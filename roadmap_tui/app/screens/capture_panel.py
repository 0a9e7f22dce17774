"""The capture line with the note under it: ideas typed live, one a line.

The panel shows and hands over; what a line means (the capture syntax, which lines
are refused and wait to be fixed) is the ``Capture`` flow's.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..flows.capture import Capture
from ..widgets.capture import CaptureLine

QUICK_ADD_HINT = "Add: Title words @Owner #Phase +tag due:2021-03-31 start:2021-01"


class CapturePanel(Vertical):
    DEFAULT_CSS = "CapturePanel { height: auto; }"

    def __init__(self, capture: Capture, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.capture = capture
        self._note: Text | None = None

    def compose(self) -> ComposeResult:
        yield CaptureLine(id="quick-add", placeholder=QUICK_ADD_HINT, submit=self._submit,
                          park=self._park, paste_lines=self._paste, recall=self.capture.recall)
        yield Static(id="capture-note", markup=False)

    @property
    def line(self) -> CaptureLine:
        return self.query_one("#quick-add", CaptureLine)

    def start(self, text: str = "") -> None:
        """Focus the line before the next key is handled, with ``text`` typed at its end."""
        line = self.line
        self.screen.set_focus(line)
        if text:
            line.value += text
            line.cursor_position = len(line.value)

    def _submit(self, text: str) -> bool:
        added = self.capture.submit(text)
        self.show_note()
        return added

    def _paste(self, lines: Sequence[str]) -> None:
        self.capture.paste(lines)
        self.show_note()

    def _park(self, text: str) -> None:
        self.capture.park(text)
        self.show_note()

    def keep_left(self) -> None:
        """The app is ending: what the line holds becomes signposts, as typed."""
        if self.capture.keep_left(self.line.value):
            self.line.value = ""

    def show_note(self) -> None:
        """The problem with the line, else how it will be read; the lines to fix."""
        line = self.line
        line.set_class(bool(self.capture.problem_with(line.value)), "-problem")
        text = self.capture.note(line.value)
        if text == self._note:
            return  # an update lays the screen out again: only when the note changed
        self._note = text
        note = self.query_one("#capture-note", Static)
        note.update(text)
        note.display = bool(text)

    @on(Input.Changed, "#quick-add")
    def _changed(self) -> None:
        self.show_note()
