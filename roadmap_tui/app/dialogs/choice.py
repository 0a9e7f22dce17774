"""A question with a few answers, each with its own key."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ...model.text import shown_name
from ..ordered_keys import answered_by_key
from .base import Dialog


class ChoiceDialog(Dialog[str | None]):
    """A question with a few buttons; escape answers None (cancel).

    Each answer also has a key, its label's first letter (shown as ``s Save``),
    so the facilitator can answer without reaching for tab or the mouse.
    ``details`` (what differs, for example) are listed under the question. A
    question that must be answered (``can_cancel=False``) ignores escape.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: Sequence[tuple[str, str]], *,
                 title: str = "", id: str | None = None, details: Sequence[str] = (),
                 can_cancel: bool = True) -> None:
        super().__init__(id=id)
        # Questions name files and hosts: one last pass of the cleaning function.
        self._question = shown_name(question, keep_newlines=True)
        self._choices = choices
        self._title = title
        self._details = [shown_name(line) for line in details]
        self._can_cancel = can_cancel
        self._keys = {label[0].casefold(): answer for label, answer in choices}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self._title:
                yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Static(Text(self._question), classes="dialog-question")
            if self._details:
                with VerticalScroll(classes="dialog-details"):
                    yield Static(Text("\n".join(f"\u2022 {line}" for line in self._details)))
            with Horizontal(classes="dialog-buttons"):
                for index, (label, answer) in enumerate(self._choices):
                    yield Button(Text.assemble((label[0].casefold(), "underline"), " ", label),
                                 id=f"choice-{answer}",
                                 variant="primary" if index == 0 else "default")
            hint = ("the first letter answers; escape cancels" if self._can_cancel
                    else "the first letter answers")
            yield Static(Text(hint, style="dim"))

    def on_key(self, event: events.Key) -> None:
        answer = self._keys.get((event.character or "").casefold())
        if answer is not None:
            event.stop()
            if not self._answered:
                answered_by_key(self.app, self._keys, event.time)
            self.answer(None if answer == "cancel" else answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        answer = event.button.id.removeprefix("choice-")
        self.answer(None if answer == "cancel" else answer)

    def action_cancel(self) -> None:
        if self._can_cancel:
            self.answer(None)
        else:
            self.app.bell()
