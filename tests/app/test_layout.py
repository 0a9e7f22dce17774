"""The layout at 80x24, 120x40, 160x48 and 60x18: the key map in reach, frames whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.widgets.signposts import _Columns

from .conftest import screen_text

SIZES = [(60, 18), (80, 24), (120, 40), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_footer_always_offers_the_key_map(roadmap_file: Path,
                                                    size: tuple[int, int]) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=size) as pilot:
        for keys in ((), ("3",), ("2",), ("escape", "p")):
            await pilot.press(*keys)
            await pilot.pause()
            footer = screen_text(app).splitlines()[-1]
            assert "?" in footer, (keys, footer)
        await pilot.press("escape", "a")  # in a text field "?" is a letter: f1 opens the map
        await pilot.pause()
        assert "f1 Keys" in screen_text(app).splitlines()[-1]


async def test_at_60x18_the_list_keeps_its_frame(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        rows = [line for line in screen_text(app).splitlines()[2:12]]
        assert all(line.rstrip().endswith("│") for line in rows), "\n".join(rows)
        await pilot.press("1")  # the editor comes back when asked for
        await pilot.pause()
        assert app.screen.query_one("#side").display


def test_wide_lists_give_the_title_the_room() -> None:
    assert _Columns.for_width(96, 2).title >= 38  # 160 columns beside the editor
    assert _Columns.for_width(44, 2).phase == 10  # 80x24: the phase still shows
    wide = _Columns.for_width(150, 2)
    assert wide.title >= 70 and wide.owners <= 30
