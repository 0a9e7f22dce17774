"""The app's export and the command line's give the same summary for the same day."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Select

from roadmap_tui.app import RoadmapApp

from .conftest import SIZE, set_input, settled

PINNED = date(2021, 3, 15)


class PinnedApp(RoadmapApp):
    def today(self) -> date:
        return PINNED


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt"])
async def test_the_app_and_the_command_line_export_the_same(roadmap_file: Path,
                                                             suffix: str) -> None:
    target = roadmap_file.with_suffix(suffix)
    fmt = {".md": "md", ".html": "html", ".txt": "text"}[suffix]
    app = PinnedApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#export-format", Select).value = fmt
        await pilot.pause()
        set_input(app, "#export-path", str(target))
        await pilot.press("enter")
        await settled(app, pilot)
        await pilot.pause()
    cli = subprocess.run([sys.executable, "-m", "roadmap_tui", "export", str(roadmap_file),
                          "-o", "-", "-f", fmt,
                          "--today", PINNED.isoformat()],
                         capture_output=True, text=True, check=True)
    assert target.read_text(encoding="utf-8") == cli.stdout
    assert "Past due" in cli.stdout  # counted by both
