"""What differs between two roadmaps; Enter jumps to a signpost."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from .base import Dialog


class DifferencesDialog(Dialog[str | None]):
    """What changed between two versions, one line each; choosing a line that is
    about a signpost answers that signpost's id (the others cannot be chosen)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, intro: str, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__(id="differences-dialog")
        self._title = title
        self._intro = intro
        self._rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Static(Text(self._intro), classes="dialog-question")
            if self._rows:
                yield OptionList(*(Option(Text(line), id=str(index), disabled=not target)
                                   for index, (line, target) in enumerate(self._rows)),
                                 id="differences")
            else:
                yield Static(Text("No differences in content."), id="no-differences")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="cancel")

    def on_mount(self) -> None:
        if self._rows:
            self.query_one("#differences", OptionList).focus()

    @on(OptionList.OptionSelected, "#differences")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.answer(self._rows[int(event.option.id)][1] or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)
