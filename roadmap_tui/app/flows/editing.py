"""Edits of the open roadmap: each one a pure model edit, one undo step, and a notice
when it is refused (never an exception reaching the screen)."""

from __future__ import annotations

from collections.abc import Callable

from ...model import Roadmap
from ...model.fields import edit_field
from ...model.operations import (
    RoadmapEditError,
    add_comment,
    delete_signpost,
    move_signpost,
    shift_phase,
)
from ...model.quickadd import QuickAddError
from ...model.text import clean_text
from ...model.validate import MULTILINE_FIELDS
from ...session.document import ReadOnlyError, now
from .view import MainView

Change = Callable[[Roadmap], tuple[Roadmap, str | None]]
"""A model edit: the new roadmap and the signpost the cursor goes to."""


class Editing:
    def __init__(self, view: MainView) -> None:
        self.view = view

    def typed(self, text: str, field: str) -> str:
        """Text as typed or pasted, its control and bidi-override characters replaced as a
        file's are on load (they could rewrite the terminal or disguise the text), and
        said when there were any."""
        cleaned, count = clean_text(text, multiline=field in MULTILINE_FIELDS)
        if count:
            label = field.replace("_", " ")
            self.view.app.notify(f"{count} control or bidi-override character"
                                 f"{'s' if count > 1 else ''} in {label} replaced with "
                                 "\ufffd: they could rewrite the screen or disguise the "
                                 "text.", title="Text cleaned", severity="warning",
                                 markup=False)
        return cleaned

    def change(self, description: str, change: Change) -> bool:
        """Apply one undoable edit; refusals become notices."""
        document = self.view.document
        try:
            roadmap, selected_id = change(document.roadmap)
            document.apply(roadmap, selected_id, description)  # announced: the panes follow
        except ReadOnlyError as error:
            self.view.app.notify(str(error), severity="warning", markup=False)
            return False
        except (RoadmapEditError, QuickAddError) as error:
            self.view.app.notify(str(error), title="Not changed", severity="error",
                                 markup=False)
            return False
        return True

    def on_selected(self, description: str, edit: Callable[[Roadmap, str], Roadmap]) -> bool:
        signpost_id = self.view.selected_id
        if signpost_id is None:
            self.view.app.notify("No signpost is selected.", severity="warning", markup=False)
            return False
        return self.change(description, lambda r: (edit(r, signpost_id), signpost_id))

    def move(self, offset: int) -> None:
        self.on_selected("move", lambda r, i: move_signpost(r, i, offset))

    def shift_phase(self, offset: int) -> None:
        document = self.view.document
        before = document.roadmap
        self.on_selected("change phase", lambda r, i: shift_phase(r, i, offset))
        selected = self.view.selected
        if document.roadmap is not before or not before.phases or selected is None \
                or document.read_only:
            return
        # Nothing moved: say why, rather than nothing at all.
        app = self.view.app
        if not selected.phase:
            app.notify("No phase yet: ] puts it in the first phase.", markup=False, timeout=2)
        else:
            where = "first" if offset < 0 else "last"
            app.notify(f"Already in the {where} phase.", markup=False, timeout=2)

    def delete(self, neighbour: str | None) -> None:
        """Delete the selected signpost; the cursor goes to ``neighbour``."""
        signpost = self.view.selected
        if signpost is None:
            return
        if self.change("delete", lambda r: (delete_signpost(r, signpost.id), neighbour)):
            self.view.app.notify(f'Deleted "{signpost.title}". ctrl+z brings it back.',
                                 markup=False)

    def undo(self) -> None:
        self.view.commit_editor()
        app = self.view.app
        try:
            step = self.view.document.undo()
        except ReadOnlyError as error:
            app.notify(str(error), severity="warning", markup=False)
            return
        if step is None:
            app.notify("Nothing to undo.", markup=False)
            return
        undone, current = step
        # The cursor goes back to what the undone change was about (or brought back).
        self.view.cursor_to(restored(undone.roadmap, current.roadmap)
                            or undone.selected_id or current.selected_id)
        app.notify(f"Undone: {undone.description}", markup=False, timeout=2)

    def redo(self) -> None:
        app = self.view.app
        try:
            state = self.view.document.redo()
        except ReadOnlyError as error:
            app.notify(str(error), severity="warning", markup=False)
            return
        if state is None:
            app.notify("Nothing to redo.", markup=False)
            return
        app.notify(f"Redone: {state.description}", markup=False, timeout=2)

    def edit_field(self, signpost_id: str, field: str, typed: str) -> bool:
        """One field of a signpost as typed; what the model noted (a new owner made, a
        date read) is said."""
        notes: list[str] = []
        text = self.typed(typed, field)

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            updated, found = edit_field(roadmap, signpost_id, field, text)
            notes.extend(found)
            return updated, signpost_id

        done = self.change(f"edit {field.replace('_', ' ')}", change)
        for note in notes:
            self.view.app.notify(note, markup=False)
        return done

    def add_comment(self, signpost_id: str, text: str) -> None:
        author = self.view.document.roadmap.facilitator or "facilitator"
        self.change("add comment", lambda r: (
            add_comment(r, signpost_id, author, text, now()), signpost_id))


def restored(undone: Roadmap, current: Roadmap) -> str | None:
    """The first signpost an undo brought back (a delete undone), for the cursor."""
    if len(current.signposts) <= len(undone.signposts):
        return None
    gone = {s.id for s in undone.signposts}
    return next((s.id for s in current.signposts if s.id not in gone), None)
