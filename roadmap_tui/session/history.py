"""Undo and redo as a list of roadmap values.

The model is immutable, so each state is simply a Roadmap (with the signpost
that was selected, so undo puts the cursor back where the change happened).
Whether there are unsaved changes is a question about values, not a counter:
the current roadmap is compared with the one last saved, so undoing back to it
reads "saved" again.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Roadmap

MAX_UNDO_LEVELS = 500


@dataclass(frozen=True, slots=True)
class State:
    roadmap: Roadmap
    selected_id: str | None = None
    description: str = ""


class History:
    def __init__(self, roadmap: Roadmap, selected_id: str | None = None) -> None:
        self._states = [State(roadmap, selected_id)]
        self._index = 0
        self._saved = roadmap

    @property
    def current(self) -> State:
        return self._states[self._index]

    @property
    def roadmap(self) -> Roadmap:
        return self.current.roadmap

    @property
    def is_modified(self) -> bool:
        return self._saved is not self.roadmap and self._saved != self.roadmap

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._states) - 1

    def push(self, roadmap: Roadmap, selected_id: str | None, description: str) -> None:
        """Record an edit; anything that was undone can no longer be redone."""
        del self._states[self._index + 1:]
        self._states.append(State(roadmap, selected_id, description))
        if len(self._states) > MAX_UNDO_LEVELS + 1:
            del self._states[0]
        self._index = len(self._states) - 1

    def undo(self) -> tuple[State, State] | None:
        """Step back; returns (the undone state, the state now current)."""
        if not self.can_undo:
            return None
        undone = self.current
        self._index -= 1
        return undone, self.current

    def redo(self) -> State | None:
        if not self.can_redo:
            return None
        self._index += 1
        return self.current

    def mark_saved(self, roadmap: Roadmap) -> None:
        """The file now holds ``roadmap``; it replaces the current state's value
        (a save that stamps ``updated`` is not an undoable step of its own)."""
        state = self.current
        self._states[self._index] = State(roadmap, state.selected_id, state.description)
        self._saved = roadmap
