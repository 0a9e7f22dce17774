"""Keys that arrive together, as a live room sends them: the real app in a pseudo-terminal,
each burst written in one ``write`` (a paste without bracketed paste, type-ahead, lag)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from roadmap_tui import load

from .conftest import EXAMPLE
from .test_kill_app import TerminalApp

BRACKETED_START, BRACKETED_END = "\x1b[200~", "\x1b[201~"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(EXAMPLE, plan)
    return plan


def burst(app: TerminalApp, keys: str) -> None:
    os.write(app.fd, keys.encode())


def saved_titles(app: TerminalApp, path: Path, before: bytes) -> list[str]:
    """After a ctrl+s at the end of a burst: the titles in the file, once it changed."""
    app.wait_until(lambda: path.read_bytes() != before, "the save")
    time.sleep(0.2)
    return [s.title for s in load(path).signposts]


def stop(app: TerminalApp) -> None:
    app.kill()


def test_each_enter_submits_exactly_the_text_typed_before_it(path: Path) -> None:
    before = path.read_bytes()
    first = load(path).signposts[0].title
    app = TerminalApp(path, columns=80, rows=24)
    app.wait_for_open()
    burst(app, "aIdea one\rIdea two\rBad idea #nosuchphase\rIdea three\r\x13")
    titles = saved_titles(app, path, before)
    stop(app)
    assert titles[:4] == [first, "Idea one", "Idea two", "Idea three"]
    assert not any("Bad idea" in title or "oneIdea" in title for title in titles)


def test_a_multi_line_paste_adds_one_signpost_per_line(path: Path) -> None:
    before = path.read_bytes()
    app = TerminalApp(path, columns=80, rows=24)
    app.wait_for_open()
    burst(app, "a" + BRACKETED_START + "From the chat 1\n\nFrom the chat 2\r\nFrom the chat 3\n"
          + BRACKETED_END + "\x13")
    titles = saved_titles(app, path, before)
    assert titles[1:4] == ["From the chat 1", "From the chat 2", "From the chat 3"]
    before = path.read_bytes()
    burst(app, "\x1a\x13")  # ctrl+z takes the whole paste back, ctrl+s
    titles = saved_titles(app, path, before)
    stop(app)
    assert not any(title.startswith("From the chat") for title in titles)


def test_a_burst_in_the_editor_fills_each_field_it_names(path: Path) -> None:
    """``1 Tab C-u text Tab Tab C-u lat Enter`` sent at once: the title and the phase each get
    their own text, as if typed slowly (Textual alone sent letters after a Tab to the field
    it was leaving)."""
    before = path.read_bytes()
    detail = load(path).signposts[0].detail
    app = TerminalApp(path, columns=80, rows=24)
    app.wait_for_open()
    burst(app, "1\t\x15Retitled in a burst\t\t\x15lat\r\x13")
    app.wait_until(lambda: path.read_bytes() != before, "the save")
    time.sleep(0.2)
    stop(app)
    first = load(path).signposts[0]
    assert (first.title, first.phase, first.detail) == ("Retitled in a burst", "Later", detail)
