"""Pilot helpers: a roadmap file to open, the app on it, and what it told the user."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import ModalScreen
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


class Notices(list[str]):
    """Every notice the app posted (Textual's ``Notify`` messages), in order. Pass one to
    ``app.run_test(message_hook=...)``; it is the list of the notices' messages, and
    ``notifications`` holds them whole (title, severity)."""

    def __init__(self) -> None:
        super().__init__()
        self.notifications: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notifications.append(message.notification)
            self.append(message.notification.message)

    def clear(self) -> None:
        """Forget what was told so far: what follows is what the next step tells."""
        super().clear()
        self.notifications.clear()


@pytest.fixture
def told() -> Notices:
    """The notices of the app run with ``message_hook=told``."""
    return Notices()


def toasts(app: RoadmapApp) -> list[str]:
    """The notices on screen now (title and message), as the user sees them: needs
    ``run_test(notifications=True)``, as Textual shows no toasts in tests otherwise."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def main_screen(app: RoadmapApp) -> MainScreen:
    return app.main


def on_main(app: RoadmapApp) -> bool:
    """The main screen is the one shown. (A call rather than ``app.screen is app.main``
    inline: a type checker keeps an earlier ``isinstance(app.screen, ...)`` narrowing across
    the keys pressed since, and calls that comparison impossible.)"""
    return app.screen is app.main


def set_input(app: RoadmapApp, selector: str, value: str) -> Input:
    field = app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    return field


SVG_TEXT = re.compile(r'<text [^>]*?x="([0-9.]+)" [^>]*?textLength="([0-9.]+)" '
                      r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>')


def screen_text(app: RoadmapApp) -> str:
    """The characters on screen now, line by line (what a person would read), read back
    from Textual's SVG screenshot: each run of text at its column, blanks between."""
    width, height = app.size
    runs: list[list[tuple[int, str]]] = [[] for _ in range(height)]
    for x, length, line, escaped in SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(escaped.replace("&#160;", " "))
        runs[int(line)].append((round(float(x) / (float(length) / len(text))), text))
    lines = []
    for line_runs in runs:
        line, end = "", 0
        for column, text in sorted(line_runs):
            line += " " * (column - end) + text
            end = column + cell_len(text)
        lines.append(line + " " * (width - end))
    return "\n".join(lines)


async def settled(app: RoadmapApp, pilot: Pilot[None], *, limit: float = 30.0) -> None:
    """Until the app is idle as a user sees it: its workers are done, or the one left
    waits for the dialog on screen (a flow asking its next question)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline:
        await pilot.pause()
        if isinstance(app.screen, ModalScreen) or not any(w.is_running for w in app.workers):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"still working after {limit} s: {list(app.workers)}")
