"""Pilot helpers: a roadmap file to open, the app on it, and what it told the user."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.main import MainScreen

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "prevention-resilient-communities.toml"
SIZE = (120, 40)


@pytest.fixture
def roadmap_file(tmp_path: Path) -> Path:
    path = tmp_path / "prevention.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def notices(app: RoadmapApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def main_screen(app: RoadmapApp) -> MainScreen:
    return app.main


def set_input(app: RoadmapApp, selector: str, value: str) -> Input:
    field = app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    return field


def screen_text(app: RoadmapApp) -> str:
    """The characters on screen now, line by line (what a person would read)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
