"""The main screen's left column: the filter, the signpost list and the capture panel.

It is bound to the screen's ``roadmap`` and ``read_only``, and draws the list from
them with what it owns itself: the filter and the grouping by breakout group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Input

from ...model import Roadmap
from ...model.search import SignpostFilter, parse_filter
from ..flows.capture import Capture
from ..widgets.signposts import SignpostList, grouped_rows
from .capture_panel import CapturePanel

FILTER_HINT = ("filter: words @owner #phase +tag status:active country:cambodia "
               "(escape clears)")


class SignpostColumn(Vertical):
    roadmap: var[Roadmap | None] = var(None, always_update=True, init=False)
    read_only: var[bool] = var(False, init=False)

    def __init__(self, capture: Capture, *, on_highlight: Callable[[], None],
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._capture = capture
        self._on_highlight = on_highlight
        self.filter: SignpostFilter = parse_filter("")
        self.grouped = False
        """Whether the list gathers the signposts by breakout group, under headings."""
        self._aim: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(id="filter", compact=True, placeholder=FILTER_HINT)
        yield SignpostList(id="signposts", on_highlight=self._on_highlight)
        yield CapturePanel(self._capture, id="capture")

    @property
    def signposts(self) -> SignpostList:
        return self.query_one("#signposts", SignpostList)

    @property
    def capture_panel(self) -> CapturePanel:
        return self.query_one("#capture", CapturePanel)

    def aim(self, signpost_id: str | None) -> None:
        """Where the cursor goes when the roadmap is drawn next."""
        self._aim = signpost_id

    def watch_read_only(self, read_only: bool) -> None:
        # In review nothing is captured: the list takes the capture line's room.
        self.capture_panel.display = not read_only

    def watch_roadmap(self, roadmap: Roadmap | None) -> None:
        if roadmap is None:
            return
        rows, headings = self._rows(roadmap)
        signposts = self.signposts
        signposts.show(roadmap, rows, self._aim, headings)
        total = len(roadmap.signposts)
        title = (f"Signposts {total}" if self.filter.is_empty
                 else f"Signposts: {len(rows) - len(headings)} of {total} match")
        if self.grouped:
            title += f" \u00b7 {len(headings)} group{'' if len(headings) == 1 else 's'}"
        if str(signposts.border_title) != title:  # setting it redraws the whole list
            signposts.border_title = title
        self.capture_panel.show_note()

    def redraw(self) -> None:
        """Draw the list again (the filter or the grouping changed), the cursor kept."""
        self._aim = self.signposts.selected_id
        self.roadmap = self.roadmap

    def _rows(self, roadmap: Roadmap) -> tuple[Sequence[int], dict[int, str]]:
        """The positions the list shows (all of them, or those the filter matches), and
        the headings among them when grouped by group."""
        if self.filter.is_empty:
            positions: Sequence[int] = range(len(roadmap.signposts))
        else:
            self.filter = parse_filter(self.filter.query, roadmap)  # owners' countries change
            positions = self.filter.matching_indexes(roadmap)
        if not self.grouped:
            return positions, {}
        return grouped_rows(roadmap, positions)

    def toggle_grouped(self) -> None:
        self.grouped = not self.grouped
        self.redraw()

    def reveal(self, signpost_id: str) -> None:
        """The cursor on a signpost, clearing a filter that hides it."""
        roadmap = self.roadmap
        if roadmap is not None and not self.filter.is_empty and not self.filter.matches(
                roadmap.signposts[roadmap.index_of(signpost_id)]):
            self.set_filter("")
        self._aim = signpost_id
        self.roadmap = self.roadmap

    # -- the filter ---------------------------------------------------------------------

    def open_filter(self) -> Input:
        field = self.query_one("#filter", Input)
        field.display = True
        return field

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = parse_filter(event.value)
        self.redraw()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.signposts.focus()

    def set_filter(self, query: str) -> None:
        field = self.query_one("#filter", Input)
        with field.prevent(Input.Changed):
            field.value = query
        field.display = bool(query)
        self.filter = parse_filter(query)
        self.redraw()

    def unfilter(self, why: str) -> None:
        """Clear the filter, if one is set, saying ``why``."""
        if not self.filter.is_empty:
            self.set_filter("")
            self.app.notify(why, markup=False)
