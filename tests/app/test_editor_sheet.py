"""The editor drawn as one sheet: each field's input shows only while it is edited."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.widgets.editor import FIELD_ORDER, ROWS

from .conftest import SIZE, screen_text, set_input


async def test_the_sheet_shows_every_field_and_only_the_edited_input_is_on_screen(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        second = app.document.roadmap.signposts[1]
        text = screen_text(app)
        for shown in (second.phase, second.status.value, ", ".join(second.owners)):
            assert shown in text
        fields = [app.screen.query_one(f"#field-{name}") for name in FIELD_ORDER]
        assert not any(field.display for field in fields)
        assert app.screen.query_one("#field-phase", Input).value == second.phase
        await pilot.press("1", "tab")
        assert [field.id for field in fields if field.display] == ["field-title"]
        await pilot.press("tab")  # the detail
        assert isinstance(app.focused, TextArea)
        assert [field.id for field in fields if field.display] == ["field-detail"]
        await pilot.press("shift+tab")
        assert app.focused is fields[0]


async def test_tab_walks_every_field_in_order_then_the_comment(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        seen = []
        for _ in FIELD_ORDER:
            await pilot.press("tab")
            assert app.focused is not None
            seen.append(app.focused.id)
        assert seen == [f"field-{name}" for name in FIELD_ORDER]
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#new-comment", Input)


async def test_a_click_on_a_line_edits_that_field(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#editor-sheet", offset=(14, ROWS["due"]))
        await pilot.pause()
        due = app.screen.query_one("#field-due", Input)
        assert app.focused is due and due.display
        assert due.region.y == app.screen.query_one("#editor-sheet").region.y + ROWS["due"]


async def test_a_refused_edit_stays_on_the_sheet_marked_after_leaving_it(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        before = app.document.roadmap
        set_input(app, "#field-due", "2021-02-30")
        await pilot.press("tab")  # applies the field, and leaves it
        await pilot.pause()
        assert app.document.roadmap is before
        due = app.screen.query_one("#field-due", Input)
        assert not due.display and due.has_class("-refused")
        sheet = app.screen.query_one("#editor-sheet")
        line = sheet.render_line(ROWS["due"]).text  # the text typed, not the old date
        due_before = before.signposts[0].due
        assert due_before is not None
        assert "2021-02-30" in line and due_before.isoformat() not in line


async def test_the_edited_input_keeps_to_the_text_column_when_the_screen_resizes(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "tab")
        title = app.screen.query_one("#field-title", Input)
        sheet = app.screen.query_one("#editor-sheet")
        for width in (SIZE[0], 160):
            await pilot.resize_terminal(width, SIZE[1])
            await pilot.pause()
            assert title.region.right == sheet.region.right
            assert title.region.x == sheet.region.x + 11


async def test_the_detail_is_loaded_into_its_text_area_only_when_it_is_edited(
        roadmap_file: Path) -> None:
    """Loading a text area lays the screen out again: a cursor move only hands it the
    text, which it loads when it gets the focus; the sheet shows the text all along."""
    from roadmap_tui.app.widgets.editor import DetailArea
    from roadmap_tui.model.operations import update_signpost

    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        detail = app.screen.query_one("#field-detail", DetailArea)
        app.main.editing.change("detail", lambda r: (update_signpost(
            r, r.signposts[1].id, detail="Who pays for the shelter beds"), r.signposts[0].id))
        await pilot.pause()
        first, second = app.document.roadmap.signposts[:2]
        assert first.detail != second.detail
        loaded = detail.document.text
        await pilot.press("down")
        assert detail.document.text == loaded  # not loaded on the way past
        assert detail.text == second.detail  # though it says it holds it
        assert second.detail.splitlines()[0][:30] in screen_text(app)
        await pilot.press("1", "tab", "tab")  # title, then the detail
        assert app.focused is detail
        assert detail.document.text == second.detail
        await pilot.press("end", "!", "escape")  # an edit, cancelled: the text goes back
        assert detail.text == second.detail
