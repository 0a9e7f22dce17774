"""The key map."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from .base import Dialog


class HelpScreen(Dialog[None]):
    """The key map, from the bindings themselves so it cannot drift from them."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help", id="help"):
            yield Static(Text("Keys", style="bold"), classes="dialog-title")
            for title, keys in self._sections:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0),
                              title=Text(title, style="bold"), title_justify="left")
                table.add_column(style="bold", no_wrap=True, width=16)
                table.add_column()
                for key, description in keys:
                    table.add_row(Text(key), Text(description))
                yield Static(table)
            yield Static(Text("escape closes this", style="dim italic"))

    def action_close(self) -> None:
        self.answer(None)
