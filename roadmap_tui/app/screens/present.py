"""Present: the report-back for the plenary, one page at a time, with its clocks.

The pages come from :func:`roadmap_tui.report.pages.report_pages`, a pure function of
the roadmap and the page size (no Textual), so laying them out can move to a
worker for huge roadmaps without touching this screen's keys. The top bar says
where the speaker is (page 3 of 8) and shows the session timer and the
report-back countdown, both readable from the back of the room: the screen
keeps to black, white and saturated colours whatever the app's theme.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...model import Comment, Roadmap
from ...report.pages import LayoutCancelled, ReportPage, report_pages
from ...session.timer import SessionTimer
from ...settings import DEFAULT_REPORT_MINUTES
from ..ordered_keys import TYPING_RUN

BAR = "bold #000000 on #ffff00"
CLOCK = "bold #ffffff on #000000"
OVER = "bold #ffffff on #c00000"
WARN_SECONDS = 30
"""The countdown turns red this long before the end."""
CHROME = (4, 4)
"""Columns and rows around the page: padding, the top bar and the footer."""
BIG = 200
"""Signposts, owners and phases from which the pages are laid out in a thread: a merged
conference roadmap takes seconds, and escape must answer at once meanwhile."""


PREPARING = "Preparing"
"""The title of the page shown while a big roadmap's pages are laid out."""


def is_big(roadmap: Roadmap) -> bool:
    return len(roadmap.signposts) + len(roadmap.owners) + len(roadmap.phases) >= BIG


class PresentScreen(Screen[None]):
    """``right`` / ``space`` next page, ``left`` back, ``escape`` returns."""

    BINDINGS = [
        Binding("question_mark,f1", "keys", "Keys"),
        Binding("right,space,pagedown,down", "turn(1)", "Next"),
        Binding("left,pageup,up,backspace", "turn(-1)", "Back"),
        Binding("home", "edge(0)", "First", show=False),
        Binding("g", "group(1)", "Next group", show=False),
        Binding("shift+g", "group(-1)", "Previous group", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("escape,p,q", "app.pop_screen", "Leave"),
        Binding("t", "session_timer", "Timer"),
        Binding("c", "countdown", "Countdown"),
        Binding("r", "restart_countdown", "Restart countdown", show=False),
    ]

    def __init__(self, roadmap: Roadmap, *, today: date | None,
                 session: SessionTimer | None = None,
                 report_minutes: int = DEFAULT_REPORT_MINUTES,
                 clock: Callable[[], float] = time.monotonic,
                 typed_ahead: Callable[[str], None] | None = None,
                 opened_at: float | None = None,
                 review: Sequence[tuple[str, Comment]] = (),
                 toggle_session_timer: Callable[[], None] | None = None) -> None:
        super().__init__(id="present")
        self._review = review
        self._toggle_session_timer = toggle_session_timer
        """``t`` here starts and pauses the main screen's session timer."""
        self._typed_ahead = typed_ahead
        """Hands letters back to the capture line: ``p`` began a word typed at the list."""
        self._opened_at = opened_at
        self._roadmap = roadmap
        self._today = today
        self.session = session
        self.countdown = SessionTimer(report_minutes, clock)
        self.pages: list[ReportPage] = []
        self.page = 0
        self._laid_out_for: Size | None = None
        self._group = ""
        """The group whose pages are being shown (a combined roadmap), for its countdown."""
        self._time_up_told = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-bar"):
            yield Static(id="present-where")
            yield Static(id="present-clocks")
        yield Static(id="present-page")
        yield Footer()

    def on_mount(self) -> None:
        self.countdown.toggle()  # the report-back starts when the speaker does
        self.set_interval(1, self.show_clocks)
        self.lay_out(self.app.size)

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out(event.size)

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
        from ..dialogs import HelpScreen
        from ..keys import LAST_NOTES, PRESENT

        self.app.push_screen(HelpScreen([(PRESENT, list(LAST_NOTES[PRESENT]))]))

    # -- pages ----------------------------------------------------------------------------

    def lay_out(self, size: Size) -> None:
        """Pages for this screen size; the speaker stays on the page they were on."""
        if size == self._laid_out_for or not size.width or not size.height:
            return
        self._laid_out_for = size
        if not is_big(self._roadmap):
            self.show_pages(self._pages_for(size))
            return
        count = len(self._roadmap.signposts)
        self.show_pages([ReportPage(PREPARING, (Text(
            f"Preparing the report-back of {count:,} signposts\u2026 (escape returns)",
            style="italic"),))])
        self._lay_out_in_a_thread(size)

    def _pages_for(self, size: Size, cancelled: Callable[[], bool] = lambda: False,
                   ) -> list[ReportPage]:
        return report_pages(self._roadmap, today=self._today, width=size.width - CHROME[0],
                            height=size.height - CHROME[1], cancelled=cancelled,
                            review=self._review)

    @work(thread=True, exclusive=True, group="report-pages")
    def _lay_out_in_a_thread(self, size: Size) -> None:
        def unwanted() -> bool:  # escape, or a resize that wants other pages
            return not self.is_attached or size != self._laid_out_for

        try:
            pages = self._pages_for(size, unwanted)
        except LayoutCancelled:
            return
        if not unwanted():
            with contextlib.suppress(RuntimeError):  # the app ended meanwhile
                self.app.call_from_thread(self._laid_out, size, pages)

    def _laid_out(self, size: Size, pages: list[ReportPage]) -> None:
        if self.is_attached and size == self._laid_out_for:
            self.show_pages(pages)

    @property
    def laid_out(self) -> bool:
        """Whether the pages shown are the report-back's, not the note that they are coming."""
        return bool(self.pages) and self.pages[0].title != PREPARING

    def show_pages(self, pages: list[ReportPage]) -> None:
        self.pages = pages
        self.page = min(self.page, len(pages) - 1)
        self.show_page()

    def show_page(self) -> None:
        page = self.pages[self.page]
        if page.group and page.group != self._group:
            # Each group reports back in its own time: a fresh countdown for the next one.
            if self._group:
                self.restart_countdown()
            self._group = page.group
        self.query_one("#present-page", Static).update(page.body)
        where = Text(f" {self.page + 1}/{len(self.pages)}  ", style=BAR)
        where.append(page.title)  # a phase's name: literal text, never markup
        self.query_one("#present-where", Static).update(where)
        self.show_clocks()

    def action_group(self, step: int) -> None:
        """A combined roadmap: to the first page of the next or the previous group."""
        starts = [n for n, page in enumerate(self.pages)
                  if page.group and (n == 0 or self.pages[n - 1].group != page.group)]
        if not starts:
            self.notify("g steps between the groups of a combined roadmap; this one has one.",
                        markup=False, timeout=3)
            return
        if step > 0:
            target = next((n for n in starts if n > self.page), None)
        else:
            current = max((n for n in starts if n <= self.page), default=starts[0])
            target = max((n for n in starts if n < current), default=current)
        if target is not None and target != self.page:
            self.page = target
            self.show_page()

    def action_turn(self, step: int) -> None:
        page = max(0, min(len(self.pages) - 1, self.page + step))
        if page != self.page:
            self.page = page
            self.show_page()

    def action_edge(self, end: int) -> None:
        self.page = len(self.pages) - 1 if end else 0
        self.show_page()

    # -- clocks ---------------------------------------------------------------------------

    def show_clocks(self) -> None:
        clocks = Text(style=CLOCK)
        if self.session is not None:
            state = "" if self.session.running else " paused"
            clocks.append(f" session {self.session.text()}{state} ", CLOCK)
        remaining = self.countdown.remaining
        style = OVER if remaining <= WARN_SECONDS else BAR
        state = "" if self.countdown.running else " paused"
        clocks.append(f" report-back {self.countdown.text()}{state} ", style)
        self.query_one("#present-clocks", Static).update(clocks)
        if self.countdown.is_up and not self._time_up_told:
            self._time_up_told = True
            self.app.bell()
            self.app.notify(f"The {self.countdown.minutes}-minute report-back is over.",
                            title="Report-back", severity="warning", timeout=10, markup=False)

    def action_session_timer(self) -> None:
        if self._toggle_session_timer is not None:
            self._toggle_session_timer()
        self.show_clocks()

    def action_countdown(self) -> None:
        if self.countdown.is_up:
            self.restart_countdown()
            return
        self.countdown.toggle()
        self.show_clocks()

    def action_restart_countdown(self) -> None:
        self.restart_countdown()

    def restart_countdown(self, minutes: int | None = None) -> None:
        """Back to the full length (``minutes`` when given), running."""
        self.countdown.reset(minutes)
        self.countdown.toggle()
        self._time_up_told = False
        self.show_clocks()
