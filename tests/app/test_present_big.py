"""Presenting a big roadmap (issue 9): laid out elsewhere, the same summary, and a huge
value does not reach the screen whole."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui import save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.present import PresentScreen
from roadmap_tui.export import render
from roadmap_tui.model import Owner, Roadmap, Signpost

from .conftest import SIZE, notices


async def test_a_big_summary_is_laid_out_elsewhere_and_is_the_export(tmp_path: Path) -> None:
    from roadmap_tui.app.screens.present import SummaryLines

    roadmap = Roadmap(
        title="Plenary", owners=tuple(Owner(f"Owner {n}", country="Laos") for n in range(120)),
        signposts=tuple(Signpost(f"s{n}", f"Signpost number {n}", owners=(f"Owner {n % 120}",))
                        for n in range(150)))
    path = tmp_path / "plenary.toml"
    save(roadmap, path)
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PresentScreen)
        view = app.screen.query_one(SummaryLines)
        for _ in range(300):
            if view.done:
                break
            await pilot.pause(0.1)
        assert view.done
        shown = ["".join(s.text for s in view._line(i)).rstrip()
                 for i in range(view.line_count)]
        expected = render(roadmap, "text", width=view._width, today=app.today()).splitlines()
        assert shown == expected
        await pilot.press("end")
        await pilot.press("escape")
        assert app.screen is app.main


async def test_a_huge_id_is_a_short_notice(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    huge = "x" * 3_000_000
    path.write_text(f'format = 1\n[roadmap]\ntitle = "t"\n[[signposts]]\nid = "{huge}"\n'
                    'title = "t"\n')
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (message,) = [n for n in notices(app) if "huge.toml" in n]
        assert "must be 1-64 characters" in message and len(message) < 400
