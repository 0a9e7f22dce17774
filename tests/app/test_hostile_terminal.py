"""The real app in a pseudo-terminal against what used to freeze it (issue 9): a lock file
that is a FIFO, and presenting a merged conference roadmap."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmap_tui import save
from roadmap_tui.storage.lock import lock_path

from .test_kill_app import TerminalApp

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import make_roadmap


@pytest.fixture(autouse=True)
def no_app_left_behind(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A failed wait must not leave the app running (a hung one ignores SIGTERM)."""
    started: list[TerminalApp] = []
    real_init = TerminalApp.__init__

    def init(self: TerminalApp, path: Path, columns: int = 100, rows: int = 30) -> None:
        real_init(self, path, columns, rows)
        started.append(self)

    monkeypatch.setattr(TerminalApp, "__init__", init)
    yield
    for app in started:
        with contextlib.suppress(OSError):
            os.kill(app.pid, signal.SIGKILL)
            os.waitpid(app.pid, 0)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_lock_file_that_is_a_fifo_is_reported_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save(make_roadmap(5), path)
    os.mkfifo(lock_path(path))
    app = TerminalApp(path)
    app.wait_for_text(b"Already open", "the lock dialog")  # it used to hang in open()
    app.wait_for_text(b"not a plain file", "the reason")
    app.type("q")
    assert app.wait_for_exit() == 0
    assert lock_path(path).exists()  # someone's, whatever it is: left alone


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_escape_leaves_a_big_report_back_while_it_is_laid_out(tmp_path: Path) -> None:
    path = tmp_path / "conference.toml"
    save(make_roadmap(10_000), path)
    app = TerminalApp(path, columns=120, rows=40)
    app.wait_for_open()
    app.wait_for_text(b"Signposts 10000", "the list")
    app.type("p")
    app.wait_for_text(b"Preparing the report-back", "the present screen")
    shown = len(app.output)
    os.write(app.fd, b"\x1b")  # while the pages are being laid out
    app.wait_until(lambda: b"Signposts 10000" in app.output[shown:], "the main screen", 5)
    time.sleep(0.8)  # a lone escape is told from an escape sequence by a pause
    app.type("q")
    assert app.wait_for_exit() == 0  # the layout thread stopped: nothing holds the exit
