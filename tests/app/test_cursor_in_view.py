"""The cursor row is always on screen: after adds, moves, undo, redo, a filter, a resize."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.widgets.signposts import SignpostList

from .conftest import main_screen, set_input


def in_view(signposts: SignpostList) -> bool:
    top = round(signposts.scroll_offset.y)
    height = signposts.scrollable_content_region.height
    return top <= signposts.cursor < top + height


def no_horizontal_scrollbar(signposts: SignpostList) -> bool:
    return not signposts.show_horizontal_scrollbar


async def test_the_cursor_row_stays_in_view_at_80x24(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        signposts = screen.signposts
        screen.start_capture()
        for number in range(1, 26):
            screen.capture.submit(f"Idea {number}")
            await pilot.pause()
            assert in_view(signposts), number
            assert no_horizontal_scrollbar(signposts)
        screen.focus_now(signposts)
        await pilot.press("end", "shift+up", "shift+up")
        await pilot.pause()
        assert in_view(signposts)
        await pilot.press("home", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert in_view(signposts)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert in_view(signposts)
        await pilot.resize_terminal(80, 14)
        await pilot.pause()
        assert in_view(signposts)
        screen.action_filter()
        set_input(app, "#filter", "idea")
        await pilot.pause()
        assert in_view(signposts)
