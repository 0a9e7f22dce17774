"""The signpost list: a virtual list that draws only the rows on screen.

A roadmap can hold 10,000 signposts; a widget per row (ListView) would cost
memory and time in proportion. This list keeps the roadmap and the positions
that pass the filter, and renders each visible line on demand, so moving the
cursor or editing one signpost costs the same at 10 rows as at 10,000.

Grouped (a combined roadmap by breakout group), some rows are headings: their
position is :data:`HEADING` and their text is in ``headings``; the cursor steps
over them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Roadmap, Signpost, Status
from ...model.conference import positions_by_group
from ...model.roadmap import STATUS_MARKS
from ...model.text import shown

HEADING = -1
"""The position of a heading row (a group's name) in the rows the list shows."""


class SignpostList(ScrollView, can_focus=True):
    """The ordered signposts; the cursor's signpost is the one the editor shows."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    COMPONENT_CLASSES = {"signposts--cursor", "signposts--dim", "signposts--status-active",
                         "signposts--status-blocked", "signposts--status-done"}

    def __init__(self, *, id: str | None = None,
                 on_highlight: Callable[[], None] | None = None) -> None:
        """``on_highlight`` is called as the cursor moves, before the next frame is drawn,
        so that the list and whatever follows it (the editor) change in one frame rather
        than one frame behind, as they would through a posted message."""
        super().__init__(id=id)
        self._on_highlight = on_highlight
        self._roadmap = Roadmap(title="")
        self._rows: Sequence[int] = ()
        self._headings: Mapping[int, str] = {}
        self._cursor = 0
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    # -- what the list shows ----------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor(self) -> int:
        return self._cursor

    # The names Textual's OptionList (highlighted) and DataTable (cursor_row) use, so
    # code and tests written against those widgets read this list the same way.

    @property
    def highlighted(self) -> int | None:
        return self._cursor if self._rows else None

    @highlighted.setter
    def highlighted(self, row: int | None) -> None:
        if row is not None:
            self._move_to(row)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @cursor_row.setter
    def cursor_row(self, row: int) -> None:
        self._move_to(row)

    @property
    def option_count(self) -> int:
        return len(self._rows)

    @property
    def selected(self) -> Signpost | None:
        if not self._rows:
            return None
        return self._roadmap.signposts[self._rows[self._cursor]]

    @property
    def selected_position(self) -> int | None:
        """The selected signpost's place in the roadmap (0-based)."""
        return self._rows[self._cursor] if self._rows else None

    @property
    def selected_id(self) -> str | None:
        signpost = self.selected
        return None if signpost is None else signpost.id

    def neighbour_id(self) -> str | None:
        """The signpost the cursor goes to when the selected one goes: the next one
        listed, else the one before (headings are passed over)."""
        rows = self._rows
        later = (rows[row] for row in range(self._cursor + 1, len(rows)) if rows[row] != HEADING)
        earlier = (rows[row] for row in range(self._cursor - 1, -1, -1) if rows[row] != HEADING)
        position = next(later, None)
        if position is None:
            position = next(earlier, None)
        return None if position is None else self._roadmap.signposts[position].id

    def show(self, roadmap: Roadmap, rows: Sequence[int], selected_id: str | None,
             headings: Mapping[int, str] | None = None) -> None:
        """Show ``rows`` (positions in ``roadmap``) with the cursor on ``selected_id``.

        When that signpost is not among the rows, the cursor keeps its row number.
        ``headings`` gives the text of each row whose position is HEADING.
        """
        headings = headings or {}
        changed_rows = (self._changed_visible_rows(roadmap, rows)
                        if headings == self._headings else None)
        self._roadmap = roadmap
        self._rows = rows
        self._headings = headings
        self._cursor = max(0, min(self._cursor, len(rows) - 1))
        row = self._row_of(selected_id)
        self.virtual_size = Size(0, len(rows))  # rows fit the width: never a sideways bar
        top = round(self.scroll_offset.y)
        self._move_to(self._cursor if row is None else row, announce=True, force=True)
        if changed_rows is None or round(self.scroll_offset.y) != top:
            self.refresh()
        else:
            for changed in changed_rows:
                self._refresh_row(changed)

    def _changed_visible_rows(self, roadmap: Roadmap, rows: Sequence[int]) -> list[int] | None:
        """The on-screen rows whose signpost differs in ``roadmap``; None: redraw them all.

        An edit replaces one signpost object and keeps the others, so comparing the
        visible rows by identity finds what to redraw without looking at the rest.
        """
        if rows != self._rows or len(roadmap.signposts) != len(self._roadmap.signposts):
            return None
        old, new = self._roadmap.signposts, roadmap.signposts
        top = round(self.scroll_offset.y)
        visible = range(top, min(len(rows), top + self.scrollable_content_region.height))
        return [row for row in visible
                if rows[row] != HEADING and old[rows[row]] is not new[rows[row]]]

    def _row_of(self, signpost_id: str | None) -> int | None:
        """The row showing ``signpost_id``; O(1) when the cursor is already on it."""
        if signpost_id is None or not self._rows:
            return None
        signposts = self._roadmap.signposts
        rows = self._rows
        if rows[self._cursor] != HEADING and signposts[rows[self._cursor]].id == signpost_id:
            return self._cursor
        if isinstance(rows, range) and rows == range(len(signposts)):
            try:
                return self._roadmap.index_of(signpost_id)
            except KeyError:
                return None
        return next((r for r, index in enumerate(rows)
                     if index != HEADING and signposts[index].id == signpost_id), None)

    # -- moving -------------------------------------------------------------------------

    def action_cursor(self, offset: int) -> None:
        self._move_to(self._cursor + offset)

    def action_page(self, direction: int) -> None:
        self._move_to(self._cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, row: int) -> None:
        self._move_to(row if row >= 0 else len(self._rows) - 1)

    def select_row(self, row: int) -> None:
        self._move_to(row)

    def _move_to(self, row: int, *, announce: bool = True, force: bool = False) -> None:
        row = self._off_heading(max(0, min(row, len(self._rows) - 1)),
                                -1 if row < self._cursor else 1)
        if row == self._cursor and not force:
            return
        old = self._cursor
        self._cursor = row
        self._refresh_row(old)
        self._refresh_row(row)
        self._scroll_to_cursor()
        if announce and self._on_highlight is not None:
            self._on_highlight()

    def _off_heading(self, row: int, step: int) -> int:
        """The nearest signpost's row from ``row``, going ``step`` first (headings are
        never under the cursor)."""
        if not self._headings or row not in self._headings:
            return row
        for direction in (step, -step):
            other = row + direction
            while 0 <= other < len(self._rows):
                if other not in self._headings:
                    return other
                other += direction
        return row

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_offset.y)
        # The heading just above the cursor comes into view with it.
        first = self._cursor - 1 if self._cursor - 1 in self._headings else self._cursor
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif height and self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, immediate=True)

    def _refresh_row(self, row: int) -> None:
        y = row - round(self.scroll_offset.y)
        self.refresh(Region(0, y, self.size.width, 1))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or the scrollbar
            return
        row = offset.y + round(self.scroll_offset.y)
        if 0 <= row < len(self._rows):
            self._move_to(row)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self._rows))
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self._refresh_row(self._cursor)

    def on_blur(self) -> None:
        self._refresh_row(self._cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        index = self._rows[row]
        if index == HEADING:
            return self._heading(self._headings.get(row, ""), width)
        signpost = self._roadmap.signposts[index]
        is_cursor = row == self._cursor
        key = (signpost, index, width, is_cursor, self.has_focus, len(self._roadmap.signposts))
        strip = self._lines.get(key)
        if strip is None:
            strip = self._line(signpost, index, width, is_cursor)
            self._lines[key] = strip
        return strip

    def _line(self, signpost: Signpost, index: int, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        dim = self.get_component_rich_style("signposts--dim", partial=True)
        status_style = self._status_style(signpost.status)
        number_width = len(str(len(self._roadmap.signposts)))
        due = signpost.due.isoformat() if signpost.due else ""
        columns = _Columns.for_width(width, number_width)
        segments = [
            Segment(f"{index + 1:>{number_width}} ", dim),
            Segment(f"{STATUS_MARKS[signpost.status]} ", status_style),
            Segment(fit_cells(shown(signpost.title), columns.title)),
        ]
        if columns.owners:
            segments.append(Segment(" " + fit_cells(shown(", ".join(signpost.owners)),
                                               columns.owners), dim))
        if columns.phase:
            segments.append(Segment(" " + fit_cells(shown(signpost.phase), columns.phase), dim))
        if columns.status:
            segments.append(Segment(" " + fit_cells(signpost.status.value, columns.status),
                                    status_style))
        if columns.due:
            segments.append(Segment(" " + fit_cells(due, columns.due), dim))
        strip = Strip(segments).adjust_cell_length(width).apply_style(base)
        if is_cursor:
            # A post-style, so the cursor's background wins over the row's own.
            cursor = self.get_component_rich_style("signposts--cursor", partial=True)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), width)
        return strip

    def _heading(self, text: str, width: int) -> Strip:
        """A group's heading row: its name in bold over the rows that follow."""
        dim = self.get_component_rich_style("signposts--dim", partial=True)
        name, _, count = text.rpartition("  ")
        segments = [Segment("\u258d", dim), Segment(shown(name), Style(bold=True)),
                    Segment(f" \u00b7 {count}", dim)]
        return Strip(segments).crop(0, width).adjust_cell_length(width).apply_style(
            self.rich_style)

    def _status_style(self, status: Status) -> Style:
        name = f"signposts--status-{status.value}"
        if name in self.COMPONENT_CLASSES:
            return self.get_component_rich_style(name, partial=True)
        if status in (Status.IDEA, Status.DROPPED):
            return self.get_component_rich_style("signposts--dim", partial=True)
        return Style()


def grouped_rows(roadmap: Roadmap, positions: Sequence[int]) -> tuple[list[int], dict[int, str]]:
    """``positions`` gathered by group, each group led by a heading row (its name and count)."""
    rows: list[int] = []
    headings: dict[int, str] = {}
    for name, members in positions_by_group(roadmap, positions):
        headings[len(rows)] = f"{name}  {len(members):,} signpost{'' if len(members) == 1 else 's'}"
        rows.append(HEADING)
        rows.extend(members)
    return rows, headings


@dataclass(frozen=True)
class _Columns:
    """How many cells each column gets at a width; narrow lists drop the side columns."""

    title: int
    owners: int = 0
    phase: int = 0
    status: int = 0
    due: int = 0

    @classmethod
    def for_width(cls, width: int, number_width: int) -> _Columns:
        fixed = number_width + 3
        room = max(1, width - fixed)
        if room >= 90:  # a projector: the title keeps at least half the row
            owners = min(30, max(16, (room - 90) // 3 + 16))
            phase = min(18, max(12, (room - 90) // 5 + 12))
            return cls(room - owners - phase - 8 - 11 - 4, owners=owners, phase=phase,
                       status=8, due=11)
        if room >= 64:  # 120 columns: the title still gets about half
            return cls(room - 36, owners=12, phase=10, status=0, due=11)
        if room >= 44:
            return cls(room - 23, owners=0, phase=10, due=11)
        if room >= 38:  # 80x24 beside the editor: the phase still shows
            return cls(room - 11, phase=10)
        return cls(room)



def fit_cells(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "\u2026"
    return set_cell_size(text, width)
