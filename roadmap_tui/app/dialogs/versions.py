"""The local history of a file: a version to restore or compare with."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from .base import Dialog


class VersionsDialog(Dialog[Path | None]):
    """The local history of one file, newest first; choosing one answers its path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    RESTORE = ("Each save keeps the version it replaced, listed by when it was replaced, "
               "newest first. Restoring one is an ordinary change: ctrl+z takes it back, "
               "ctrl+s keeps it.")

    def __init__(self, file_name: str, versions: Sequence[tuple[Path, str]], *,
                 intro: str = RESTORE) -> None:
        super().__init__(id="versions-dialog")
        self._file_name = file_name
        self._versions = versions
        self._intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Earlier versions of {self._file_name}", style="bold"),
                         classes="dialog-title")
            yield Static(Text(self._intro), classes="dialog-question")
            yield OptionList(*(Option(Text(label), id=str(path))
                               for path, label in self._versions), id="versions")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#versions", OptionList).focus()

    @on(OptionList.OptionSelected, "#versions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.answer(Path(event.option.id))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)
