"""Presenting a big roadmap (issue 9): laid out in a thread, the same pages, stopped when
no longer wanted, and a huge value does not reach the screen whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui import save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.present import CHROME, PresentScreen, is_big
from roadmap_tui.model import Owner, Roadmap, Signpost
from roadmap_tui.report.pages import LayoutCancelled, report_pages

from .conftest import SIZE, screen_text


async def test_a_big_report_back_is_laid_out_in_a_thread_as_the_same_pages(
        tmp_path: Path) -> None:
    roadmap = Roadmap(
        title="Plenary", owners=tuple(Owner(f"Owner {n}", country="Laos") for n in range(120)),
        signposts=tuple(Signpost(f"s{n}", f"Signpost number {n}", owners=(f"Owner {n % 120}",))
                        for n in range(150)))
    path = tmp_path / "plenary.toml"
    save(roadmap, path)
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        assert is_big(roadmap)
        for _ in range(300):
            if screen.laid_out:
                break
            await pilot.pause(0.1)
        expected = report_pages(roadmap, today=app.today(), width=SIZE[0] - CHROME[0],
                                height=SIZE[1] - CHROME[1])
        assert [page.plain for page in screen.pages] == [page.plain for page in expected]
        await pilot.press("end", "escape")
        assert app.screen is app.main


def test_the_layout_stops_when_it_is_no_longer_wanted() -> None:
    roadmap = Roadmap("Many", signposts=tuple(Signpost(f"s{n}", f"Signpost {n}")
                                             for n in range(300)))
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3

    with pytest.raises(LayoutCancelled):
        report_pages(roadmap, today=None, width=60, height=10, cancelled=cancelled)
    assert len(asked) == 4  # stopped at the first question after it was told


async def test_a_huge_id_is_a_short_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    huge = "x" * 3_000_000
    path.write_text(f'format = 1\n[roadmap]\ntitle = "t"\n[[signposts]]\nid = "{huge}"\n'
                    'title = "t"\n')
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.id == "broken-file"  # the file's error, never an empty roadmap
        shown = screen_text(app)
        assert "must be 1-64" in shown and "huge.toml" in shown
        assert "x" * 100 not in shown
