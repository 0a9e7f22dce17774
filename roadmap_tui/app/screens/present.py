"""Present: the summary on its own, full screen, for the projector."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...model import Comment, Roadmap
from ...summary import summary
from ..keys import TYPING_RUN
from ..timer import SessionTimer


class PresentScreen(Screen[None]):
    """The same summary as ``roadmap-tui export``, scrollable; escape returns."""

    BINDINGS = [
        Binding("escape,p,q", "app.pop_screen", "Back"),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "End", show=False),
        Binding("question_mark", "keys", "Keys"),
    ]

    def __init__(self, roadmap: Roadmap, *, today: date | None,
                 timer: SessionTimer | None = None,
                 review: Sequence[tuple[str, Comment]] = (),
                 typed_ahead: Callable[[str], None] | None = None,
                 opened_at: float | None = None) -> None:
        super().__init__(id="present")
        self._review = review
        self._typed_ahead = typed_ahead
        self._opened_at = opened_at
        self._roadmap = roadmap
        self._today = today
        self._timer = timer

    def compose(self) -> ComposeResult:
        yield Static(id="present-timer", markup=False)
        with VerticalScroll(id="present-scroll"):
            yield Static(summary(self._roadmap, today=self._today, review=self._review),
                         id="present-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#present-scroll").focus()
        self._show_timer()
        self.set_interval(1, self._show_timer)

    def _show_timer(self) -> None:
        """The session timer stays in sight on the projector (once it has been started)."""
        timer, shown = self._timer, self.query_one("#present-timer", Static)
        shown.display = timer is not None and timer.started
        if timer is not None and timer.started:
            state = "" if timer.running else "  (paused)"
            style = "bold red" if timer.is_up else "bold"
            shown.update(Text(f"\u23f1 {timer.text()}{state}", style=style))

    def on_key(self, event: events.Key) -> None:
        """``p`` typed at the list as the first letter of a word ("plan ..."): a letter
        that is no key here, right after, takes the words back to the capture line."""
        if (self._typed_ahead is None or self._opened_at is None or not event.is_printable
                or event.character is None or event.key in self.active_bindings
                or event.time - self._opened_at >= TYPING_RUN):
            return
        event.stop()
        event.prevent_default()
        typed_ahead, self._typed_ahead = self._typed_ahead, None
        self.dismiss()
        typed_ahead("p" + event.character)

    def action_keys(self) -> None:
        from .dialogs import HelpScreen

        self.app.push_screen(HelpScreen([("Present", [
            ("escape / p / q", "back to the roadmap"),
            ("space / pagedown", "page down"),
            ("b / pageup", "page up"),
            ("home / end", "top / end"),
            ("up / down", "scroll a line"),
        ])]))

    def action_page(self, direction: int) -> None:
        scroll = self.query_one("#present-scroll", VerticalScroll)
        if direction > 0:
            scroll.scroll_page_down()
        else:
            scroll.scroll_page_up()

    def action_edge(self, end: int) -> None:
        scroll = self.query_one("#present-scroll", VerticalScroll)
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)
