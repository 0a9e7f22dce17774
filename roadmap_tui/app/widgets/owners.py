"""The owners pane: who holds how many signposts, with add, edit (rename) and delete."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from ...model import Roadmap


class OwnersPane(Vertical):
    """The owners as a table; keys here ask the screen for owner edits."""

    BINDINGS = [
        Binding("n", "add", "New owner"),
        Binding("r", "edit", "Edit/rename"),
        Binding("delete,d", "delete", "Delete owner"),
    ]

    @dataclass
    class EditRequested(Message):
        """Add an owner (``name`` None) or edit the named one."""

        name: str | None

    @dataclass
    class DeleteRequested(Message):
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._roadmap: Roadmap | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="owner-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Owner", "Organisation", "Country", "Signposts")
        yield table
        yield Static(Text("n new   enter edit or rename   d delete", style="dim"),
                     classes="pane-hint")

    def show(self, roadmap: Roadmap) -> None:
        if roadmap is self._roadmap or (self._roadmap is not None
                                        and roadmap.owners == self._roadmap.owners
                                        and roadmap.signposts is self._roadmap.signposts):
            self._roadmap = roadmap
            return
        self._roadmap = roadmap
        counts: Counter[str] = Counter()
        for signpost in roadmap.signposts:
            counts.update(signpost.owners)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for owner in roadmap.owners:
            table.add_row(Text(owner.name), Text(owner.organisation), Text(owner.country),
                          Text(str(counts[owner.name]), justify="right"))
        if roadmap.owners:
            table.move_cursor(row=min(row, len(roadmap.owners) - 1))

    def select_owner(self, name: str) -> None:
        if self._roadmap is None:
            return
        names = [o.name for o in self._roadmap.owners]
        if name in names:
            table = self.query_one(DataTable)
            table.move_cursor(row=names.index(name))

    @property
    def selected_name(self) -> str | None:
        if self._roadmap is None or not self._roadmap.owners:
            return None
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self._roadmap.owners):
            return self._roadmap.owners[row].name
        return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        self.post_message(self.EditRequested(None))

    def action_edit(self) -> None:
        if (name := self.selected_name) is not None:
            self.post_message(self.EditRequested(name))

    def action_delete(self) -> None:
        if (name := self.selected_name) is not None:
            self.post_message(self.DeleteRequested(name))
