"""The main screen's side: the signpost editor, the owners and the timeline, as tabs.

Bound to the screen's ``roadmap`` and ``read_only``: a change redraws the pane on
screen; a hidden pane draws the roadmap when its tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on, work
from textual.reactive import var
from textual.widgets import TabbedContent, TabPane

from ...model import Comment, Roadmap, Signpost
from ..flows.forms import Forms
from ..widgets.editor import SignpostEditor
from ..widgets.owners import OwnersPane
from ..widgets.timeline import TimelinePane

TABS = {"editor": "tab-editor", "owners": "tab-owners", "timeline": "tab-timeline"}
FOCUS = {"editor": "#editor", "owners": "#owner-table", "timeline": "#timeline"}
"""Where ``1`` / ``2`` / ``3`` put the focus: a pane, never one of its text fields (a stray
key after them must not become an edit)."""


class SidePanes(TabbedContent):
    roadmap: var[Roadmap | None] = var(None, always_update=True, init=False)
    read_only: var[bool] = var(False, init=False)

    def __init__(self, forms: Forms, *, today: Callable[[], date],
                 id: str | None = None) -> None:
        super().__init__(id=id, initial=TABS["editor"])
        self._forms = forms
        self._today = today
        # The panes go in as TabbedContent's children (its own compose lays out the tabs).
        self.compose_add_child(TabPane("Editor", SignpostEditor(id="editor"),
                                       id=TABS["editor"]))
        self.compose_add_child(TabPane("Owners", OwnersPane(id="owners"), id=TABS["owners"]))
        self.compose_add_child(TabPane("Timeline", TimelinePane(id="timeline"),
                                       id=TABS["timeline"]))

    @property
    def editor(self) -> SignpostEditor:
        return self.query_one("#editor", SignpostEditor)

    def watch_read_only(self, read_only: bool) -> None:
        self.editor.read_only = read_only

    def watch_roadmap(self, roadmap: Roadmap | None) -> None:
        if roadmap is not None:
            self._show_active(roadmap)

    def _show_active(self, roadmap: Roadmap) -> None:
        if self.active == TABS["owners"]:
            self.query_one("#owners", OwnersPane).show(roadmap)
        elif self.active == TABS["timeline"]:
            timeline = self.query_one("#timeline", TimelinePane)
            timeline.today = self._today()
            timeline.show(roadmap)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.tabbed_content is not self:
            return
        # On a wide screen the list takes two thirds beside the editor; the owners table
        # and the timeline board need half.
        self.screen.set_class(self.active != TABS["editor"], "-board")
        if self.roadmap is not None:
            self._show_active(self.roadmap)

    def show_signpost(self, roadmap: Roadmap, signpost: Signpost | None,
                      position: int | None, *,
                      review: dict[str, tuple[Comment, ...]] | None = None,
                      force: bool = False) -> None:
        """The editor holds ``signpost`` of ``roadmap`` (the list's, which may be drawn
        before this pane hears of it), with the reviewers' comments when given."""
        editor = self.editor
        if review is not None:
            editor.review = review
        editor.show(roadmap, signpost, position, force=force)

    def open(self, pane: str) -> str:
        """Show ``pane`` ("editor", "owners", "timeline"); returns what to focus there."""
        self.display = True
        self.active = TABS[pane]
        return FOCUS[pane]

    def show_owner(self, name: str) -> None:
        if self.roadmap is not None:
            owners = self.query_one("#owners", OwnersPane)
            owners.show(self.roadmap)
            owners.select_owner(name)

    def show_phase(self, name: str) -> None:
        if self.roadmap is not None:
            self.query_one("#timeline", TimelinePane).show(self.roadmap, selected=name)

    # -- what the owners and timeline panes ask ------------------------------------------

    @work(group="dialog")
    async def on_owners_pane_edit_requested(self, event: OwnersPane.EditRequested) -> None:
        await self._forms.edit_owner(event.name)

    def on_owners_pane_delete_requested(self, event: OwnersPane.DeleteRequested) -> None:
        self._forms.delete_owner(event.name)

    @work(group="dialog")
    async def on_timeline_pane_edit_requested(self, event: TimelinePane.EditRequested) -> None:
        await self._forms.edit_phase(event.name)

    def on_timeline_pane_move_requested(self, event: TimelinePane.MoveRequested) -> None:
        self._forms.move_phase(event.name, event.offset)

    def on_timeline_pane_delete_requested(self, event: TimelinePane.DeleteRequested) -> None:
        self._forms.delete_phase(event.name)
