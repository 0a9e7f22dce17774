"""Undo, redo and the unsaved-changes marker."""

from __future__ import annotations

from roadmap_tui.model import Roadmap
from roadmap_tui.session.history import MAX_UNDO_LEVELS, History


def test_undo_redo_and_the_saved_marker() -> None:
    first = Roadmap(title="A")
    history = History(first)
    assert not history.is_modified and not history.can_undo
    history.push(Roadmap(title="B"), None, "rename")
    history.push(Roadmap(title="C"), "s1", "rename")
    assert history.is_modified
    undone, now = history.undo()
    assert (undone.roadmap.title, now.roadmap.title) == ("C", "B")
    history.undo()
    assert history.roadmap is first
    assert not history.is_modified
    assert history.undo() is None
    assert history.redo().roadmap.title == "B"
    history.push(Roadmap(title="D"), None, "rename")
    assert not history.can_redo
    assert history.redo() is None


def test_an_equal_value_counts_as_saved() -> None:
    history = History(Roadmap(title="A"))
    history.push(Roadmap(title="B"), None, "")
    history.push(Roadmap(title="A"), None, "")
    assert not history.is_modified


def test_mark_saved_replaces_the_current_value() -> None:
    history = History(Roadmap(title="A"))
    history.push(Roadmap(title="B"), None, "")
    stamped = Roadmap(title="B", notes="stamped")
    history.mark_saved(stamped)
    assert history.roadmap is stamped and not history.is_modified
    history.undo()
    assert history.is_modified


def test_levels_are_bounded() -> None:
    history = History(Roadmap(title="0"))
    for index in range(MAX_UNDO_LEVELS + 50):
        history.push(Roadmap(title=str(index + 1)), None, "")
    steps = 0
    while history.undo():
        steps += 1
    assert steps == MAX_UNDO_LEVELS
