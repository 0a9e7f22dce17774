"""The real app in a real terminal (a pseudo-terminal): kill -9 and restart; two instances.

This is the facilitator's laptop dying mid-session: the edits typed more than
about two seconds before the kill must come back through the recovery offer.
"""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from roadmap_tui import load
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import ChoiceDialog
from roadmap_tui.paths import file_key, history_folder, recovery_folder
from roadmap_tui.storage.lock import lock_path
from roadmap_tui.storage.versions import LocalHistory

from .conftest import EXAMPLE, SIZE, on_main, set_input

ROUNDS = 3
JOURNAL_WAIT = 2.5
"""The journal promises ~2 seconds; a little more for a busy machine."""


class TerminalApp:
    """``roadmap-tui FILE`` running in a pseudo-terminal, as a person would run it."""

    def __init__(self, path: Path, columns: int = 100, rows: int = 30) -> None:
        self.path = path
        environment = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(sys.executable, [sys.executable, "-m", "roadmap_tui", str(path)],
                      environment)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_until(self, condition: object, what: str, seconds: float = 15) -> None:
        assert callable(condition)
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.05)

    def wait_for_open(self) -> None:
        """Until the app has mounted (its lock file appears), and a moment to settle."""
        self.wait_until(lock_path(self.path).exists, "the app to open the file")
        time.sleep(0.3)

    @property
    def recovery_copy(self) -> Path:
        return recovery_folder() / f"{file_key(self.path)}-pid{self.pid}.toml"

    def wait_for_text(self, text: bytes, what: str) -> None:
        self.wait_until(lambda: text in self.output, what)

    def type(self, text: str) -> None:
        for character in text:
            os.write(self.fd, character.encode())
            time.sleep(0.02)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def wait_for_exit(self, seconds: float = 10) -> int:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        self.kill()
        raise AssertionError("the app did not exit")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A roadmap file to open, a copy of an example."""
    plan = tmp_path / "plan.toml"
    shutil.copyfile(EXAMPLE, plan)
    return plan


def test_kill_9_mid_session_loses_nothing_older_than_two_seconds(path: Path) -> None:
    folder = recovery_folder()
    ideas = [f"Idea {n} typed before kill {n}" for n in range(1, ROUNDS + 1)]
    for round_number, idea in enumerate(ideas):
        app = TerminalApp(path)
        app.wait_for_open()
        if round_number:
            app.wait_for_text(b"Recovered work", "the recovery offer")
            app.type("r")
            time.sleep(0.3)
        app.type("a" + idea + "\r")
        time.sleep(JOURNAL_WAIT)
        app.type("Typed just before the kill\r")  # within the last 2 s: may be lost
        app.kill()
        recovered = load(app.recovery_copy)  # a recovery copy is a roadmap file
        assert all(any(s.title == kept for s in recovered.signposts)
                   for kept in ideas[: round_number + 1])
        assert lock_path(path).exists()  # left by the dead process
    app = TerminalApp(path)
    app.wait_for_text(b"Recovered work", "the recovery offer")
    app.type("r")
    time.sleep(0.3)
    app.type("\x13")  # ctrl+s
    app.wait_until(lambda: not list(folder.glob("*.toml")), "the save to remove every copy")
    app.type("q")
    assert app.wait_for_exit() == 0
    titles = [s.title for s in load(path).signposts]
    assert all(idea in titles for idea in ideas), titles
    assert titles.count(ideas[0]) == 1
    assert not lock_path(path).exists()


async def test_two_instances_on_one_file_warn_and_never_overwrite_silently(
        path: Path) -> None:
    first = TerminalApp(path)
    first.wait_for_open()
    first.type("aTyped in the first instance\r")
    time.sleep(JOURNAL_WAIT)
    first_copy = first.recovery_copy
    assert first_copy.exists()
    second = RoadmapApp(path)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert isinstance(second.screen, ChoiceDialog) and second.screen.id == "lock-dialog"
        question = second.screen.query_one(".dialog-question", Static).render()
        assert f"process {first.pid} on this computer" in str(question)
        await pilot.press("o")  # open anyway: the first one's live copy is not offered
        await pilot.pause()
        assert on_main(second)
        set_input(second, "#quick-add", "Saved by the second instance")
        await pilot.press("enter", "ctrl+s")
        assert "Saved by the second instance" in path.read_text()
    # The second one saved and quit: the first one's unsaved work is still kept.
    assert "Typed in the first instance" in first_copy.read_text()
    first.type("\x13")  # ctrl+s: the file changed since the first one opened it
    first.wait_for_text(b"Changed on disk", "the first instance to ask")
    first.type("r")  # reload: theirs is taken; ours goes to the earlier versions
    time.sleep(0.3)
    first.type("\x1b")  # from the capture line back to the list
    time.sleep(0.8)  # a lone escape is told from an escape sequence by a pause
    first.type("q")
    assert first.wait_for_exit() == 0
    titles = [s.title for s in load(path).signposts]
    assert "Saved by the second instance" in titles
    assert "Typed in the first instance" not in titles
    kept = LocalHistory(history_folder(), file_key(path)).versions()
    assert any("Typed in the first instance" in [s.title for s in load(v.file).signposts]
               for v in kept)  # the reload kept the first one's version
    assert not lock_path(path).exists()


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGTERM], ids=["hangup", "terminate"])
def test_a_dropped_terminal_or_a_shutdown_keeps_even_the_last_edit(
        path: Path, stop: signal.Signals) -> None:
    app = TerminalApp(path)
    app.wait_for_open()
    app.type("aTyped a moment before the connection dropped\r")
    time.sleep(0.2)  # far less than the journal's two seconds
    os.kill(app.pid, stop)
    assert app.wait_for_exit() == 128 + stop.value
    recovered = load(app.recovery_copy)
    assert "Typed a moment before the connection dropped" in [
        s.title for s in recovered.signposts]
    assert not lock_path(path).exists()


def test_a_hang_up_keeps_the_idea_still_in_the_capture_line(path: Path) -> None:
    app = TerminalApp(path)
    app.wait_for_open()
    os.write(app.fd, b"aAn idea typed but not entered @Nobody_Yet")
    time.sleep(0.3)
    os.kill(app.pid, signal.SIGHUP)
    assert app.wait_for_exit() == 128 + signal.SIGHUP.value
    recovered = load(app.recovery_copy)
    assert "An idea typed but not entered" in [s.title for s in recovered.signposts]
    assert "Nobody Yet" in [o.name for o in recovered.owners]
