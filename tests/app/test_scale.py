"""A merged conference roadmap of 10,000 signposts: open, move, edit, save."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from roadmap_tui import load, save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.model import Roadmap

from .conftest import SIZE, main_screen, set_input

ROOT = Path(__file__).resolve().parents[2]


def make_roadmap(count: int) -> Roadmap:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    roadmap: Roadmap = module.make_roadmap(count, seed=7)
    return roadmap


async def test_ten_thousand_signposts(tmp_path: Path) -> None:
    path = tmp_path / "conference.toml"
    save(make_roadmap(10_000), path)
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE) as pilot:
        signposts = main_screen(app).signposts
        assert signposts.row_count == 10_000
        await pilot.press("end", "up", "shift+up")
        moved = app.document.roadmap.signposts[9_997]
        assert signposts.selected_id == moved.id and signposts.cursor == 9_997
        set_input(app, "#field-title", "Zanzibar plan")
        await pilot.press("enter", "escape", "slash", *"zanzibar", "enter")
        assert signposts.row_count == 1
        await pilot.press("escape", "ctrl+s")
    saved = load(path)
    assert len(saved.signposts) == 10_000
    assert saved.signposts[9_997].title == "Zanzibar plan"
    assert saved.signposts[9_997].id == moved.id
