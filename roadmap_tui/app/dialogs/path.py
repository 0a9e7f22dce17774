"""A file path asked for, with the recent files to pick from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...model.text import shown_name
from .base import Dialog


class PathDialog(Dialog[Path | None]):
    """Ask for a file path; recent files can be picked from a list."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str = "", *, recent: Sequence[str] = (),
                 action: str = "OK") -> None:
        super().__init__()
        self._title = title
        self._default = default
        self._recent = recent
        self._action = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            # A text field draws its value raw: a path holding escape sequences is offered
            # escaped (the one cleaning function), as the user sees it everywhere else.
            yield Input(shown_name(self._default), placeholder="path/to/roadmap.toml",
                        id="path")
            if self._recent:
                yield Label("Recent files")
                yield OptionList(*(Option(Text(shown_name(name)), id=name)
                                   for name in self._recent),
                                 id="recent")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._action, id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.notify("Type a file path first.", severity="warning", markup=False)
            return
        self.answer(Path(text).expanduser())

    @on(OptionList.OptionSelected, "#recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.answer(Path(event.option.id))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)
