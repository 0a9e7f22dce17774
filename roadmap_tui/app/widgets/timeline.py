"""The timeline pane: phases as columns (now / next / later), then the dated chart.

The chart is the summary's own Timeline renderable, so the pane, the present
view and the exports draw dates the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ...model import Roadmap
from ...model.overview import Numbered, PhaseGroup, phase_groups
from ...model.text import shown
from ...model.timeline import format_month_range, signpost_spans

COLUMN_CELLS = 22
"""Below this many cells a phase gets, the board stacks phases instead of columns."""
CARDS_PER_PHASE = 40
"""A column shows this many signposts, then how many more: a board of 3,000 cards
helps nobody, and the list and the filter are there for the rest."""
DATED_ROWS = 200


class TimelinePane(VerticalScroll, can_focus=True):
    """The board and the chart; the selected phase can be added, edited, moved."""

    BINDINGS = [
        Binding("left", "select_phase(-1)", "Prev phase", show=False),
        Binding("right", "select_phase(1)", "Next phase", show=False),
        Binding("n", "add", "New phase"),
        Binding("enter,r", "edit", "Edit phase"),
        # The pane's own hint line lists these; the footer keeps room for "?" at 80 columns.
        Binding("shift+left", "move(-1)", "Move left", show=False),
        Binding("shift+right", "move(1)", "Move right", show=False),
        Binding("delete,d", "delete", "Delete phase", show=False),
    ]

    @dataclass
    class EditRequested(Message):
        """Add a phase (``name`` None) or edit the named one."""

        name: str | None

    @dataclass
    class MoveRequested(Message):
        name: str
        offset: int

    @dataclass
    class DeleteRequested(Message):
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._roadmap: Roadmap | None = None
        self._selected = 0
        self.today: date | None = None
        self._made = False

    def compose(self) -> ComposeResult:
        yield from ()  # the pane starts hidden: its parts are made when it first shows

    def _parts(self) -> tuple[Static, Static]:
        """The board and the dated chart, made the first time the pane shows a roadmap, so
        a hidden pane costs the app's first frame nothing."""
        if not self._made:
            self._made = True
            self.mount_all([
                Static(id="phase-board"),
                Static(Text("\u2190 \u2192 phase   n new   enter edit   shift+\u2190 \u2192 move"
                            "   d delete", style="dim"), classes="pane-hint"),
                Static(id="dated-chart")])
        return self.query_one("#phase-board", Static), self.query_one("#dated-chart", Static)

    @property
    def selected_phase(self) -> str | None:
        if self._roadmap is None or not self._roadmap.phases:
            return None
        return self._roadmap.phases[min(self._selected, len(self._roadmap.phases) - 1)].name

    def show(self, roadmap: Roadmap, *, selected: str | None = None) -> None:
        if selected is not None:
            names = [p.name for p in roadmap.phases]
            if selected in names:
                self._selected = names.index(selected)
        elif roadmap is self._roadmap:
            return
        self._roadmap = roadmap
        self._selected = max(0, min(self._selected, len(roadmap.phases) - 1))
        board, chart = self._parts()
        board.update(self._board(roadmap))
        chart.update(self._chart(roadmap))

    def _board(self, roadmap: Roadmap) -> RenderableType:
        groups = phase_groups(roadmap)
        if not groups:
            return Text("No phases yet: press n to add one.", style="italic")
        return _Board(self._columns(roadmap), self._stacked(roadmap), len(groups))

    def _stacked(self, roadmap: Roadmap) -> RenderableType:
        """One phase under the other: for a pane too narrow for readable columns."""
        number_width = len(str(len(roadmap.signposts)))
        parts: list[RenderableType] = []
        for index, group in enumerate(phase_groups(roadmap)):
            parts.append(self._heading(group, index))
            parts.append(_cards(group.signposts, number_width))
        return Group(*parts)

    def _heading(self, group: PhaseGroup, index: int, before_dates: str = "  ") -> Text:
        selected = group.phase is not None and index == self._selected and group.known
        name = "(no phase)" if group.phase is None else group.phase.name
        heading = Text(shown(name), style="bold reverse" if selected else "bold",
                       no_wrap=True, overflow="ellipsis")
        heading.append(f" {len(group.signposts)}", style="dim")
        if group.phase is not None and (group.phase.start or group.phase.end):
            heading.append(before_dates + format_month_range(group.phase.start, group.phase.end),
                           style="dim")
        return heading

    def _columns(self, roadmap: Roadmap) -> RenderableType:
        groups = phase_groups(roadmap)
        board = Table(expand=True, show_lines=False, padding=(0, 1), box=None,
                      show_edge=False)
        number_width = len(str(len(roadmap.signposts)))
        for index, group in enumerate(groups):
            heading = self._heading(group, index, "\n")
            board.add_column(heading, ratio=1, no_wrap=True, overflow="ellipsis")
        cards = [_cards(group.signposts, number_width) for group in groups]
        board.add_row(*cards)
        return board

    def _chart(self, roadmap: Roadmap) -> RenderableType:
        from ...report.timeline import Timeline  # loaded when the pane is first shown

        title = Text("Dated signposts", style="bold")
        spans = signpost_spans(roadmap)
        if len(spans) <= DATED_ROWS:
            return Group(title, Timeline(roadmap, today=self.today))
        kept = {position for position, _, _ in spans[:DATED_ROWS]}
        first = replace(roadmap, signposts=tuple(
            s for position, s in enumerate(roadmap.signposts, 1) if position in kept))
        return Group(title, Timeline(first, today=self.today),
                     Text(f"\u2026 and {len(spans) - DATED_ROWS} more dated signposts: "
                          "press p to present the whole timeline", style="italic"))

    def on_click(self, event: events.Click) -> None:
        """A click on the board selects the phase under it (the columns share the width)."""
        board = self._parts()[0]
        if self._roadmap is None or not self._roadmap.phases:
            return
        offset = event.get_content_offset(board)
        if offset is None or board.size.width <= 0:
            return
        columns = len(phase_groups(self._roadmap))
        column = min(columns - 1, offset.x * columns // board.size.width)
        if column < len(self._roadmap.phases):
            self.action_select_phase(column - self._selected)

    def action_select_phase(self, offset: int) -> None:
        if self._roadmap is None or not self._roadmap.phases:
            return
        self._selected = max(0, min(self._selected + offset, len(self._roadmap.phases) - 1))
        self._parts()[0].update(self._board(self._roadmap))

    def action_add(self) -> None:
        self.post_message(self.EditRequested(None))

    def action_edit(self) -> None:
        if (name := self.selected_phase) is not None:
            self.post_message(self.EditRequested(name))

    def action_move(self, offset: int) -> None:
        if (name := self.selected_phase) is not None:
            self.post_message(self.MoveRequested(name, offset))

    def action_delete(self) -> None:
        if (name := self.selected_phase) is not None:
            self.post_message(self.DeleteRequested(name))


class _Board:
    """Phases as columns when each gets ``COLUMN_CELLS``, else stacked (80x24)."""

    def __init__(self, columns: RenderableType, stacked: RenderableType, count: int) -> None:
        self.columns, self.stacked, self.count = columns, stacked, count

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width // max(1, self.count) >= COLUMN_CELLS
        yield self.columns if wide else self.stacked


def _cards(signposts: tuple[Numbered, ...], number_width: int) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for count, (position, signpost) in enumerate(signposts[:CARDS_PER_PHASE]):
        if count:
            text.append("\n")
        text.append(f"{position:>{number_width}} ", style="dim")
        text.append(shown(signpost.title))
    hidden = len(signposts) - CARDS_PER_PHASE
    if hidden > 0:
        text.append(f"\n\u2026 and {hidden} more", style="italic dim")
    if not signposts:
        text.append("(empty)", style="italic dim")
    return text
