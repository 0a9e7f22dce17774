"""Present: the summary on its own, full screen, for the projector.

A small roadmap's summary is drawn at once, as any widget. A big one (a merged
conference roadmap: thousands of signposts or owners) takes seconds to lay out,
so it is laid out in a process of its own (:mod:`roadmap_tui.summary_lines`)
and shown as it comes: the first screenful appears at once, the keys keep
working as fast as ever (escape returns at any moment and stops that process),
and only the lines on screen are unpacked and drawn (the line API), so a
summary of 100,000 owners costs the app its lines in compact form and nothing
more.
"""

from __future__ import annotations

import contextlib
import pickle
import subprocess
import sys
from datetime import date
from time import monotonic
from typing import IO

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Static

from ...model import Roadmap
from ...summary import summary
from ...summary_lines import BATCH

BIG = 200
"""Signposts, owners and phases from which the summary is laid out in another process."""
SUMMARY_WIDTH = 120
"""The widest the summary is drawn (the same as ``#present-summary``'s max-width)."""
UNPACKED = 16
"""Frames of lines kept unpacked: a few screens around the one shown."""
HAND_OVER_SECONDS = 0.25
"""How often lines laid out are handed to the screen (the first ones at once)."""


def is_big(roadmap: Roadmap) -> bool:
    return len(roadmap.signposts) + len(roadmap.owners) + len(roadmap.phases) >= BIG


class PresentScreen(Screen[None]):
    """The same summary as ``roadmap-tui export``, scrollable; escape returns."""

    BINDINGS = [
        Binding("escape,p,q", "app.pop_screen", "Back"),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "End", show=False),
    ]

    def __init__(self, roadmap: Roadmap, *, today: date | None) -> None:
        super().__init__(id="present")
        self._roadmap = roadmap
        self._today = today

    def compose(self) -> ComposeResult:
        if is_big(self._roadmap):
            yield SummaryLines(self._roadmap, today=self._today, id="present-scroll")
        else:
            with VerticalScroll(id="present-scroll"):
                yield Static(summary(self._roadmap, today=self._today), id="present-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#present-scroll").focus()

    def action_page(self, direction: int) -> None:
        scroll = self.query_one("#present-scroll", Widget)
        if direction > 0:
            scroll.scroll_page_down()
        else:
            scroll.scroll_page_up()

    def action_edge(self, end: int) -> None:
        scroll = self.query_one("#present-scroll", Widget)
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)


class SummaryLines(ScrollView, can_focus=True):
    """A big summary, laid out by another process and drawn line by line."""

    DEFAULT_CSS = """
    SummaryLines {
        height: 1fr;
    }
    """

    def __init__(self, roadmap: Roadmap, *, today: date | None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._roadmap = roadmap
        self._today = today
        self.frames: list[bytes] = []
        """Pickled lines, BATCH a frame: compact until shown."""
        self.line_count = 0
        self.done = False
        self._unpacked: dict[int, list[Strip]] = {}
        self._width = 0
        self._left = 0
        self._process: subprocess.Popen[bytes] | None = None

    def on_resize(self) -> None:
        region = self.scrollable_content_region.width
        width = max(20, min(SUMMARY_WIDTH, region - 4))
        if width == self._width:
            return
        self._stop()
        self._width, self._left = width, max(2, (region - width) // 2)
        self.frames, self.line_count, self.done = [], 0, False
        self._unpacked.clear()
        self.virtual_size = Size(width + self._left, 3)
        self._lay_out(width)
        self.refresh()

    def on_unmount(self) -> None:
        self._stop()

    def _stop(self) -> None:
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._process.kill()
            self._process = None

    @work(thread=True, group="present")
    def _lay_out(self, width: int) -> None:
        """Start the layout process and hand its frames to the screen as they come."""
        today = self._today.isoformat() if self._today else ""
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "roadmap_tui.summary_lines", str(width), today],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as error:
            self.app.call_from_thread(self._failed, width, str(error))
            return
        self._process = process
        assert process.stdin is not None and process.stdout is not None
        try:
            with process.stdin:
                pickle.dump(self._roadmap, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            pending: list[tuple[int, bytes]] = []
            handed = 0.0
            while (frame := _read_frame(process.stdout)) is not None:
                pending.append(frame)
                # The first frame at once (the first screenful); then a few times a
                # second, so that the screen spends its time on keys, not on updates.
                if not handed or monotonic() - handed >= HAND_OVER_SECONDS:
                    self.app.call_from_thread(self._add, width, pending)
                    pending, handed = [], monotonic()
        except OSError:
            pending = []  # stopped: the screen is gone or the width changed
        finally:
            process.stdout.close()
            status = process.wait()
        if status == 0:
            self.app.call_from_thread(self._add, width, pending, done=True)
        elif status > 0:
            self.app.call_from_thread(self._failed, width, f"exit status {status}")

    def _add(self, width: int, frames: list[tuple[int, bytes]], *, done: bool = False) -> None:
        if width != self._width:
            return  # laid out for a width the screen no longer has
        for count, frame in frames:
            self.frames.append(frame)
            self.line_count += count
        self.done = done
        self.virtual_size = Size(width + self._left, self.line_count + (1 if done else 3))
        self.refresh()

    def _failed(self, width: int, reason: str) -> None:
        if width == self._width:
            self.app.notify(f"The summary could not be laid out ({reason}); roadmap-tui "
                            "export FILE -o summary.html writes it.", severity="error",
                            markup=False, timeout=15)

    def _line(self, index: int) -> Strip:
        number, offset = divmod(index, BATCH)
        lines = self._unpacked.get(number)
        if lines is None:
            if len(self._unpacked) >= UNPACKED:
                self._unpacked.pop(next(iter(self._unpacked)))
            lines = [Strip(line) for line in pickle.loads(self.frames[number])]
            self._unpacked[number] = lines
        return lines[offset]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y - 1  # a blank line on top
        width = self.scrollable_content_region.width
        style = self.rich_style
        margin = Segment(" " * self._left)
        if 0 <= index < self.line_count:
            line = Strip([margin, *self._line(index)])
        elif index == self.line_count + 1 and not self.done:
            line = Strip([margin, Segment(
                f"Preparing the summary of {len(self._roadmap.signposts):,} signposts\u2026 "
                "(escape returns)", Style(dim=True, italic=True))])
        else:
            return Strip.blank(width, style)
        return line.crop_extend(scroll_x, scroll_x + width, style).apply_style(style)


def _read_frame(stream: IO[bytes]) -> tuple[int, bytes] | None:
    """One frame from the layout process: its line count and its pickled lines."""
    header = stream.read(8)
    if len(header) < 8:
        return None
    count, size = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
    data = stream.read(size)
    return (count, data) if len(data) == size else None
