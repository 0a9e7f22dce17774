"""Read-only review that answers: each refused key says so once, the footer offers only
what works, fields cannot be typed in, and a reviewer's comment is kept beside the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.present import PresentScreen
from roadmap_tui.storage.review import load_review, review_path

from .conftest import SIZE, Notices, screen_text, set_input

REFUSED = ["delete", "a", "ctrl+s", "left_square_bracket", "right_square_bracket",
           "shift+down", "shift+up", "ctrl+z", "ctrl+y", "d"]


@pytest.mark.parametrize("key", REFUSED)
async def test_every_refused_key_says_so_once(roadmap_file: Path, key: str, told: Notices) -> None:
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.pause()
        app.clear_notifications()
        told.clear()
        roadmap = app.document.roadmap
        await pilot.press(key)
        await pilot.pause()
        said = [n for n in told if "Read-only" in n]
        assert len(said) == 1, (key, told)
        await pilot.press(key)
        await pilot.pause()
        assert len([n for n in told if "Read-only" in n]) == 1
        assert app.document.roadmap is roadmap


async def test_the_footer_offers_only_what_works(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for offered in ("Save", "Add", "Delete", "Undo"):
            assert offered not in footer, footer
        assert "Filter" in footer and "Present" in footer and "c Comment" in footer
        assert "Export" in footer  # a reviewer exports the summary to another file


async def test_fields_cannot_be_typed_in(roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        title = app.screen.query_one("#field-title", Input)
        before = title.value
        title.focus()
        await pilot.pause()
        await pilot.press("end", "x", "backspace", "ctrl+u")
        await pilot.pause()
        assert title.value == before
        assert any("Read-only: fields cannot be changed" in n for n in told)


async def test_a_review_comment_is_kept_beside_the_file(roadmap_file: Path, told: Notices) -> None:
    before = roadmap_file.read_bytes()
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        signpost = app.main.signposts.selected
        assert signpost is not None
        await pilot.press("c")  # straight to the comment line
        assert app.focused is app.screen.query_one("#new-comment", Input)
        set_input(app, "#new-comment", "Who funds [b]this[/b]?")
        await pilot.press("enter")
        await pilot.pause()
        kept = load_review(roadmap_file)
        assert [(c.signpost_id, c.comment.text) for c in kept] == [
            (signpost.id, "Who funds [b]this[/b]?")]
        comments = str(app.screen.query_one("#comments").render())
        assert "Who funds [b]this[/b]?" in comments
        assert any(review_path(roadmap_file).name in n for n in told)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        await pilot.press("end")  # the report-back's last page
        await pilot.pause()
        assert "Review comments" in screen_text(app)
        assert "Who funds [b]this[/b]?" in screen_text(app)
    assert roadmap_file.read_bytes() == before
    # Opened again, even for editing, the comments are shown under their signpost.
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Who funds [b]this[/b]?" in str(app.screen.query_one("#comments").render())
