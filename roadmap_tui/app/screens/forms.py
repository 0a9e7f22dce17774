"""The forms behind the owners and timeline panes and the roadmap's own details.

Each form's answer becomes one model edit through the main screen's ``_change``,
so renames follow every reference and every change is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...model import Roadmap
from ...model.fields import parse_date, split_list
from ...model.operations import (
    add_owner,
    add_phase,
    delete_owner,
    delete_phase,
    move_phase,
    rename_owner,
    rename_phase,
    update_owner,
    update_phase,
    update_roadmap,
)
from ...session.document import Document
from ..widgets.owners import OwnersPane
from ..widgets.timeline import TimelinePane
from .dialogs import FormDialog, FormField

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..widgets.signposts import SignpostList

    _Base = Screen[None]
else:
    _Base = object


class PaneForms(_Base):
    """Handlers go by Textual's naming rule (``on_owners_pane_edit_requested``), not
    ``@on``: the decorator registers only in classes Textual builds, and this mixin is
    not one."""

    document: Document

    if TYPE_CHECKING:
        @property
        def signposts(self) -> SignpostList: ...
        def _change(self, description: str,
                    change: Callable[[Roadmap], tuple[Roadmap, str | None]]) -> bool: ...
        def _typed_values(self, values: dict[str, str]) -> dict[str, str]: ...
        def show_header(self) -> None: ...

    def _refused_when_read_only(self) -> bool:
        if self.document.read_only:
            self.app.notify("Read-only: this roadmap cannot be changed.", severity="warning",
                            markup=False)
        return self.document.read_only

    def on_owners_pane_edit_requested(self, event: OwnersPane.EditRequested) -> None:
        if self._refused_when_read_only():
            return
        owner = None if event.name is None else self.document.roadmap.owner_named(event.name)
        fields = [FormField(key, label, getattr(owner, key, "") if owner else "")
                  for key, label in (("name", "Name"), ("organisation", "Organisation"),
                                     ("role", "Role"), ("country", "Country"),
                                     ("contact", "Contact"))]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            values = self._typed_values(values)
            name = values.pop("name").strip()
            details = {k: v.strip() for k, v in values.items()}
            selected = self.signposts.selected_id

            def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
                if owner is None:
                    return add_owner(roadmap, name, **details), selected
                if name != owner.name:
                    roadmap = rename_owner(roadmap, owner.name, name)
                return update_owner(roadmap, name, **details), selected

            if self._change("add owner" if owner is None else "edit owner", change):
                self.query_one("#owners", OwnersPane).select_owner(name)

        title = "New owner" if owner is None else "Edit owner (a rename follows everywhere)"
        self.app.push_screen(FormDialog(title, fields), done)

    def on_owners_pane_delete_requested(self, event: OwnersPane.DeleteRequested) -> None:
        held = sum(event.name in s.owners for s in self.document.roadmap.signposts)
        if self._change("delete owner", lambda r: (delete_owner(r, event.name),
                                                   self.signposts.selected_id)):
            self.app.notify(f'Deleted the owner "{event.name}" (held {held} signposts). '
                            "ctrl+z brings them back.", markup=False)

    def on_timeline_pane_edit_requested(self, event: TimelinePane.EditRequested) -> None:
        if self._refused_when_read_only():
            return
        phase = None if event.name is None else self.document.roadmap.phase_named(event.name)
        fields = [
            FormField("name", "Name", phase.name if phase else "", "(the phase's name)"),
            FormField("start", "Start", str(phase.start or "") if phase else "",
                      "YYYY-MM-DD or YYYY-MM"),
            FormField("end", "End", str(phase.end or "") if phase else "",
                      "YYYY-MM-DD or YYYY-MM"),
            FormField("description", "Description", phase.description if phase else ""),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            values = self._typed_values(values)
            name = values["name"].strip()
            selected = self.signposts.selected_id

            def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
                details: dict[str, Any] = {"start": parse_date(values["start"], "start"),
                                           "end": parse_date(values["end"], "due"),
                                           "description": values["description"]}
                if phase is None:
                    return add_phase(roadmap, name, **details), selected
                if name != phase.name:
                    roadmap = rename_phase(roadmap, phase.name, name)
                return update_phase(roadmap, name, **details), selected

            if self._change("add phase" if phase is None else "edit phase", change):
                self.query_one("#timeline", TimelinePane).show(self.document.roadmap,
                                                               selected=name)

        title = "New phase" if phase is None else "Edit phase (a rename follows everywhere)"
        self.app.push_screen(FormDialog(title, fields), done)

    def on_timeline_pane_move_requested(self, event: TimelinePane.MoveRequested) -> None:
        if self._change("move phase", lambda r: (move_phase(r, event.name, event.offset),
                                                 self.signposts.selected_id)):
            self.query_one("#timeline", TimelinePane).show(self.document.roadmap,
                                                           selected=event.name)

    def on_timeline_pane_delete_requested(self, event: TimelinePane.DeleteRequested) -> None:
        if self._change("delete phase", lambda r: (delete_phase(r, event.name),
                                                   self.signposts.selected_id)):
            self.app.notify(f'Deleted the phase "{event.name}". ctrl+z brings it back.',
                            markup=False)

    def action_edit_roadmap(self) -> None:
        """The roadmap's own fields: title, group, event, question, facilitator, people."""
        if self._refused_when_read_only():
            return
        roadmap = self.document.roadmap
        fields = [
            FormField("title", "Title", roadmap.title),
            FormField("group", "Group", roadmap.group),
            FormField("event", "Event", roadmap.event),
            FormField("question", "Question", roadmap.question),
            FormField("facilitator", "Facilitator", roadmap.facilitator),
            FormField("participants", "Participants", ", ".join(roadmap.participants),
                      "(none) names, comma separated"),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            values = self._typed_values(values)
            changes: dict[str, Any] = {k: v.strip() for k, v in values.items()}
            changes["participants"] = split_list(values["participants"])
            selected = self.signposts.selected_id
            if self._change("edit roadmap details",
                            lambda r: (update_roadmap(r, **changes), selected)):
                self.show_header()

        self.app.push_screen(FormDialog("Roadmap details", fields), done)
