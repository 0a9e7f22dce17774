"""The forms behind the owners and timeline panes, the roadmap's own details, its
debrief and the report-back's length.

Each is a straight conversation (``push_screen_wait`` in a worker): ask, then one
model edit, so renames follow every reference and every change is one undo step.
"""

from __future__ import annotations

from typing import Any

from ...model import DEBRIEF_LISTS, Roadmap
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
from ...model.overview import DEBRIEF_HEADINGS
from ..dialogs import FormDialog, FormField
from .editing import Editing
from .view import MainView

OWNER_FIELDS = (("name", "Name"), ("organisation", "Organisation"), ("role", "Role"),
                ("country", "Country"), ("contact", "Contact"))


class Forms:
    def __init__(self, view: MainView, editing: Editing) -> None:
        self.view = view
        self.editing = editing

    def _refused_when_read_only(self) -> bool:
        if self.view.document.read_only:
            self.view.app.notify("Read-only: this roadmap cannot be changed.",
                                 severity="warning", markup=False)
        return self.view.document.read_only

    async def _ask(self, dialog: FormDialog) -> dict[str, str] | None:
        values = await self.view.app.push_screen_wait(dialog)
        if values is None:
            return None
        return {name: self.editing.typed(value, name) for name, value in values.items()}

    async def edit_owner(self, name: str | None) -> None:
        """A new owner (``name`` None) or an existing one; a rename follows everywhere."""
        if self._refused_when_read_only():
            return
        owner = None if name is None else self.view.document.roadmap.owner_named(name)
        fields = [FormField(key, label, getattr(owner, key, "") if owner else "")
                  for key, label in OWNER_FIELDS]
        title = "New owner" if owner is None else "Edit owner (a rename follows everywhere)"
        values = await self._ask(FormDialog(title, fields))
        if values is None:
            return
        new_name = values.pop("name").strip()
        details = {k: v.strip() for k, v in values.items()}
        selected = self.view.selected_id

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            if owner is None:
                return add_owner(roadmap, new_name, **details), selected
            if new_name != owner.name:
                roadmap = rename_owner(roadmap, owner.name, new_name)
            return update_owner(roadmap, new_name, **details), selected

        if self.editing.change("add owner" if owner is None else "edit owner", change):
            self.view.show_owner(new_name)

    def delete_owner(self, name: str) -> None:
        held = sum(name in s.owners for s in self.view.document.roadmap.signposts)
        selected = self.view.selected_id
        if self.editing.change("delete owner", lambda r: (delete_owner(r, name), selected)):
            self.view.app.notify(f'Deleted the owner "{name}" (held {held} signposts). '
                                 "ctrl+z brings them back.", markup=False)

    async def edit_phase(self, name: str | None) -> None:
        if self._refused_when_read_only():
            return
        phase = None if name is None else self.view.document.roadmap.phase_named(name)
        fields = [
            FormField("name", "Name", phase.name if phase else "", "(the phase's name)"),
            FormField("start", "Start", str(phase.start or "") if phase else "",
                      "YYYY-MM-DD or YYYY-MM"),
            FormField("end", "End", str(phase.end or "") if phase else "",
                      "YYYY-MM-DD or YYYY-MM"),
            FormField("description", "Description", phase.description if phase else ""),
        ]
        title = "New phase" if phase is None else "Edit phase (a rename follows everywhere)"
        values = await self._ask(FormDialog(title, fields))
        if values is None:
            return
        new_name = values["name"].strip()
        selected = self.view.selected_id

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            details: dict[str, Any] = {"start": parse_date(values["start"], "start"),
                                       "end": parse_date(values["end"], "due"),
                                       "description": values["description"]}
            if phase is None:
                return add_phase(roadmap, new_name, **details), selected
            if new_name != phase.name:
                roadmap = rename_phase(roadmap, phase.name, new_name)
            return update_phase(roadmap, new_name, **details), selected

        if self.editing.change("add phase" if phase is None else "edit phase", change):
            self.view.show_phase(new_name)

    def move_phase(self, name: str, offset: int) -> None:
        selected = self.view.selected_id
        if self.editing.change("move phase",
                               lambda r: (move_phase(r, name, offset), selected)):
            self.view.show_phase(name)

    def delete_phase(self, name: str) -> None:
        selected = self.view.selected_id
        if self.editing.change("delete phase", lambda r: (delete_phase(r, name), selected)):
            self.view.app.notify(f'Deleted the phase "{name}". ctrl+z brings it back.',
                                 markup=False)

    async def edit_roadmap(self) -> None:
        """The roadmap's own fields: title, group, event, question, facilitator, people."""
        if self._refused_when_read_only():
            return
        roadmap = self.view.document.roadmap
        fields = [
            FormField("title", "Title", roadmap.title),
            FormField("group", "Group", roadmap.group),
            FormField("event", "Event", roadmap.event),
            FormField("question", "Question", roadmap.question),
            FormField("facilitator", "Facilitator", roadmap.facilitator),
            FormField("participants", "Participants", ", ".join(roadmap.participants),
                      "(none) names, comma separated"),
        ]
        values = await self._ask(FormDialog("Roadmap details", fields))
        if values is None:
            return
        changes: dict[str, Any] = {k: v.strip() for k, v in values.items()}
        changes["participants"] = split_list(values["participants"])
        selected = self.view.selected_id
        self.editing.change("edit roadmap details",
                            lambda r: (update_roadmap(r, **changes), selected))

    async def edit_debrief(self) -> None:
        """The group's debrief for the plenary: its strategy, then goals, outcomes,
        assumptions, learnings and asks, one a line. Saving it is one undo step."""
        if self._refused_when_read_only():
            return
        roadmap = self.view.document.roadmap
        fields = [FormField("strategy", "Strategy", roadmap.strategy,
                            "how the group means to get there", multiline=True)]
        fields += [FormField(name, DEBRIEF_HEADINGS[name], "\n".join(getattr(roadmap, name)),
                             "one a line", multiline=True) for name in DEBRIEF_LISTS]
        values = await self.view.app.push_screen_wait(FormDialog(
            "Debrief", fields, id="debrief",
            hint="What the group tells the plenary. Lists: one item a line. "
                 "tab moves on, ctrl+s saves, escape cancels."))
        if values is None:
            return
        typed = self.editing.typed
        changes: dict[str, Any] = {"strategy": typed(values["strategy"].strip(), "strategy")}
        for name in DEBRIEF_LISTS:  # one item a line: each line cleaned as one line
            changes[name] = [typed(line.strip(), name) for line in values[name].splitlines()
                             if line.strip()]
        selected = self.view.selected_id
        self.editing.change("edit debrief", lambda r: (update_roadmap(r, **changes), selected))

    async def ask_minutes(self, title: str, now: int, most: int, what: str) -> int | None:
        """A length in whole minutes from 1 to ``most``; a wrong one is said, not taken."""
        values = await self.view.app.push_screen_wait(
            FormDialog(title, [FormField("minutes", "Minutes", str(now))]))
        if values is None:
            return None
        text = values["minutes"].strip()
        if not text.isdigit() or not 1 <= int(text) <= most:
            self.view.app.notify(f"{what} takes whole minutes from 1 to {most}.",
                                 severity="error", markup=False)
            return None
        return int(text)
