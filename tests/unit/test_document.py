"""The open roadmap's rules: what a save stamps, what read-only refuses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from roadmap_tui import load, save
from roadmap_tui.model.operations import add_signpost, new_roadmap
from roadmap_tui.session.document import Document, ReadOnlyError
from roadmap_tui.storage import RoadmapFileError

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
