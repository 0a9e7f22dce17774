"""A small form of named fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from .base import Dialog


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    multiline: bool = False
    """A text area (several lines; Enter starts a new line, tab moves on) for text and
    for lists of sentences, one a line, such as the debrief's."""


class _FormField(Input):
    """A form's line: Enter moves on (or accepts) at once, before the next key is read, so
    keys typed ahead after an Enter land in the next field, not this one."""

    async def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and isinstance(self.screen, FormDialog):
            event.stop()
            event.prevent_default()
            self.screen.enter_in(self)


class FormDialog(Dialog[dict[str, str] | None]):
    """A few fields (an owner, a phase, the timer, the debrief); Enter in the last
    one-line field saves, and so does ctrl+s or the OK button."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "accept", "OK", priority=True),
                Binding("tab", "move_focus(1)", "Next field", show=False, priority=True),
                Binding("shift+tab", "move_focus(-1)", "Previous field", show=False,
                        priority=True)]

    def __init__(self, title: str, fields: Sequence[FormField], *, id: str | None = None,
                 hint: str = "") -> None:
        super().__init__(id=id)
        self._title = title
        self._fields = fields
        self._hint = hint

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", can_focus=False):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            if self._hint:
                yield Static(Text(self._hint, style="dim italic"), classes="dialog-question")
            for field in self._fields:
                with Horizontal(classes="form-row"):
                    yield Label(field.label, classes="form-label")
                    if field.multiline:
                        area = TextArea(field.value, id=f"form-{field.name}", compact=True,
                                        soft_wrap=True, show_line_numbers=False,
                                        tab_behavior="focus", placeholder=field.placeholder)
                        area.cursor_blink = False
                        yield area
                    else:
                        yield _FormField(field.value, placeholder=field.placeholder,
                                         id=f"form-{field.name}", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def enter_in(self, field: Input) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(field)
        if index + 1 < len(inputs):
            self.set_focus(inputs[index + 1])
        else:
            self._accept()

    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        self.answer({f.name: self.query_one(f"#form-{f.name}", TextArea).text if f.multiline
                     else self.query_one(f"#form-{f.name}", Input).value
                     for f in self._fields})

    def action_accept(self) -> None:
        self._accept()

    def action_move_focus(self, step: int) -> None:
        """Tab moves on as the key arrives, not after the keys read with it: text typed
        right after a tab (a fast typist, a paste, a laggy terminal) lands in the next
        field rather than the one being left."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        # Said, so that a Cancel reached by one Tab too many is never a silent loss.
        self.notify(f"{self._title}: cancelled, nothing changed.", markup=False, timeout=3)
        self.answer(None)
