"""The open roadmap's rules: what a save stamps, what read-only refuses, what it announces."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from roadmap_tui import load, save
from roadmap_tui.model.operations import add_signpost, new_roadmap
from roadmap_tui.session.document import Change, Document, DocumentChange, ReadOnlyError
from roadmap_tui.storage import RoadmapFileError
from roadmap_tui.storage.files import read_roadmap

AT = datetime(2021, 2, 1, 9, 30, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture
def saved_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    save(new_roadmap("Plan", created=AT - timedelta(days=1)), path)
    return path


def test_saving_unchanged_content_keeps_updated(saved_file: Path) -> None:
    document = Document.open(saved_file)
    document.save(at=AT)
    assert load(saved_file).updated is None


def test_saving_a_change_stamps_updated(saved_file: Path) -> None:
    document = Document.open(saved_file)
    roadmap, new_id = add_signpost(document.roadmap, "First")
    assert document.apply(roadmap, new_id, "add")
    assert document.is_modified
    document.save(at=AT)
    assert load(saved_file).updated == AT
    assert not document.is_modified


def test_an_unchanged_value_is_not_an_edit(saved_file: Path) -> None:
    document = Document.open(saved_file)
    assert not document.apply(document.roadmap, None, "nothing")
    assert not document.history.can_undo


def test_read_only_refuses_changes_and_saves(saved_file: Path) -> None:
    document = Document.open(saved_file, read_only=True)
    roadmap, new_id = add_signpost(document.roadmap, "First")
    with pytest.raises(ReadOnlyError):
        document.apply(roadmap, new_id, "add")
    with pytest.raises(ReadOnlyError):
        document.save()


def test_a_missing_file_is_new_until_saved(tmp_path: Path) -> None:
    path = tmp_path / "breakout-legal.toml"
    document = Document.open(path)
    assert document.roadmap.title == "Breakout legal"
    assert not document.on_disk and not document.is_modified and not path.exists()
    document.save()
    assert document.on_disk and load(path).title == "Breakout legal"


def test_a_missing_file_cannot_be_reviewed(tmp_path: Path) -> None:
    with pytest.raises(RoadmapFileError, match="no such file"):
        Document.open(tmp_path / "none.toml", read_only=True)


def test_untitled_needs_a_path() -> None:
    document = Document.untitled()
    with pytest.raises(ValueError, match="needs a path"):
        document.save()


# -- announcements ----------------------------------------------------------------------


def told(document: Document) -> list[DocumentChange]:
    changes: list[DocumentChange] = []
    document.subscribe(changes.append)
    return changes


def test_every_change_is_announced_with_the_state_after_it(saved_file: Path) -> None:
    document = Document.open(saved_file)
    changes = told(document)
    first, first_id = add_signpost(document.roadmap, "First")
    document.apply(first, first_id, "add")
    second, second_id = add_signpost(first, "Second")
    document.apply(second, second_id, "add again")
    document.undo()
    document.redo()
    kinds = [(c.kind, c.selected_id, c.is_modified, c.description) for c in changes]
    assert kinds == [(Change.EDIT, first_id, True, "add"),
                     (Change.EDIT, second_id, True, "add again"),
                     (Change.UNDO, first_id, True, "add again"),
                     (Change.REDO, second_id, True, "add again")]
    assert changes[2].roadmap is first and changes[3].roadmap is second
    document.save(at=AT)
    saved = changes[-1]
    assert (saved.kind, saved.is_modified, saved.path) == (Change.SAVE, False, saved_file)
    assert saved.roadmap is document.roadmap and saved.roadmap.updated == AT


def test_a_save_as_announces_the_new_path(saved_file: Path) -> None:
    document = Document.open(saved_file)
    changes = told(document)
    document.save(saved_file.with_name("other.toml"), at=AT)
    (change,) = changes
    assert change.kind is Change.SAVE and change.path == saved_file.with_name("other.toml")


def test_nothing_changed_is_not_announced(saved_file: Path) -> None:
    document = Document.open(saved_file)
    changes = told(document)
    assert not document.apply(document.roadmap, None, "nothing")
    assert document.undo() is None and document.redo() is None
    document.read_only = False  # as it was
    assert changes == []


def test_replace_reload_and_read_only_are_announced_once_each(saved_file: Path) -> None:
    document = Document.open(saved_file)
    changes = told(document)
    other, other_id = add_signpost(document.roadmap, "Recovered")
    assert document.replace_all(other, "restore") == other_id
    save(other, saved_file)
    selected = document.reload(read_roadmap(saved_file, with_digest=True))
    document.read_only = True
    assert [c.kind for c in changes] == [Change.REPLACE, Change.RELOAD, Change.READ_ONLY]
    assert changes[0].is_modified and not changes[1].is_modified
    assert changes[1].selected_id == selected == other_id
    assert changes[2].read_only and not changes[1].read_only


def test_an_unsubscribed_listener_hears_nothing_more(saved_file: Path) -> None:
    document = Document.open(saved_file)
    changes: list[DocumentChange] = []
    stop = document.subscribe(changes.append)
    roadmap, new_id = add_signpost(document.roadmap, "First")
    document.apply(roadmap, new_id, "add")
    stop()
    stop()  # twice is harmless
    document.undo()
    assert [c.kind for c in changes] == [Change.EDIT]


def test_a_listener_may_unsubscribe_while_being_told(saved_file: Path) -> None:
    document = Document.open(saved_file)
    heard: list[str] = []
    stops: list[Callable[[], None]] = []

    def first(change: DocumentChange) -> None:
        heard.append("first")
        stops[0]()

    stops.append(document.subscribe(first))
    document.subscribe(lambda change: heard.append("second"))
    roadmap, new_id = add_signpost(document.roadmap, "First")
    document.apply(roadmap, new_id, "add")
    document.undo()
    assert heard == ["first", "second", "second"]
