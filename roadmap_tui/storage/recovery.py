"""Recovery copies: unsaved work kept on disk until it is saved or let go.

A recovery copy is itself a roadmap file (the canonical TOML) with one comment
line on top naming the file it belongs to, so a person can open it with
roadmap-tui even without the recovery offer. Copies are written atomically,
from a worker thread, in the order the edits were made: a write that was
overtaken by a newer one, or by a discard, is dropped rather than let an older
roadmap win.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path

from ..model.roadmap import Roadmap
from .codec import encode
from .errors import RoadmapFileError
from .files import make_folder, parse, read_bytes, read_start, write_text_atomically
from .lock import START_TIME_SLACK, boot_id, is_running, process_started

HEADER = "# roadmap-tui recovery copy: "
DISCARDED = "discarded"
MAX_DISCARDED = 20


@dataclass(frozen=True, slots=True)
class Recovery:
    """A recovery copy found on disk."""

    file: Path
    roadmap: Roadmap
    target: Path | None
    """The roadmap file the work belongs to; None for untitled work."""
    written: datetime | None


class RecoveryJournal:
    """The recovery copy of one open roadmap in one process, at
    ``folder / f"{key}-pid{pid}.toml"``: each process keeps its own, so a second
    instance on the same file never overwrites or removes the first one's."""

    def __init__(self, folder: Path, key: str, target: Path | None, *,
                 pid: int | None = None) -> None:
        self.pid = os.getpid() if pid is None else pid
        self.file = folder / f"{key}-pid{self.pid}.toml"
        self.target = target
        self._lock = threading.Lock()
        self._tickets = itertools.count(1)
        self._newest_done = 0

    def ticket(self) -> int:
        """Taken on the UI thread when a roadmap is handed to ``write``: its place in line."""
        return next(self._tickets)

    def write(self, roadmap: Roadmap, ticket: int) -> bool:
        """Keep ``roadmap`` as the recovery copy unless a later ticket got there first.

        Raises RoadmapFileError when the copy cannot be written.
        """
        text = _with_header(encode(roadmap), self.target, process_started(self.pid))
        with self._lock:
            if ticket < self._newest_done:
                return False
            write_text_atomically(self.file, text, create_parents=True, private=True)
            self._newest_done = ticket
            return True

    def set_aside(self) -> Path | None:
        """Let the copy go without destroying it: it moves to ``discarded/`` (the newest
        20 are kept), out of every recovery offer. Returns where it went."""
        ticket = self.ticket()
        with self._lock:
            self._newest_done = ticket
            aside = self.file.parent / DISCARDED / (
                f"{self.file.stem}-{datetime.now():%Y%m%dT%H%M%S.%f}.toml")
            try:
                make_folder(aside.parent, private=True)
                os.replace(self.file, aside)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(self.file)
                return None
        kept = sorted(aside.parent.glob("*.toml"), key=_modified, reverse=True)
        for old in kept[MAX_DISCARDED:]:
            with contextlib.suppress(OSError):
                old.unlink()
        return aside

    def discard(self) -> None:
        """Remove the copy; writes still in flight from before are dropped.

        A copy that cannot be removed does no harm: on the next start it is
        dropped quietly if it matches the file, and offered otherwise.
        """
        ticket = self.ticket()
        with self._lock:
            self._newest_done = ticket
            with contextlib.suppress(OSError):
                os.unlink(self.file)

    def read(self) -> Recovery | None:
        """The copy on disk, if there is one; a copy that cannot be read raises."""
        try:
            data = read_bytes(self.file)
        except RoadmapFileError:
            if not self.file.exists():
                return None
            raise
        return read_recovery(self.file, data)


def left_behind(folder: Path, key: str) -> list[RecoveryJournal]:
    """Recovery copies for ``key`` whose process has ended, newest first: the work a
    killed or crashed session left. A running instance's copy is its own business;
    a process that merely reuses the id of the one that wrote a copy (after a
    reboot) is not it."""
    found: list[tuple[float, RecoveryJournal]] = []
    for pid, file in _copies(folder, key):
        if is_running(pid) and not _written_by_another(file, pid):
            continue
        with contextlib.suppress(OSError):
            found.append((_modified(file), RecoveryJournal(folder, key, None, pid=pid)))
    return [journal for _, journal in sorted(found, key=lambda f: f[0], reverse=True)]


def kept_by_running(folder: Path, key: str) -> list[Path]:
    """Copies for ``key`` that another running instance keeps: not offered, but worth a
    mention, so unsaved work is never hidden without a word."""
    return [file for pid, file in _copies(folder, key)
            if is_running(pid) and not _written_by_another(file, pid)]


def _copies(folder: Path, key: str) -> list[tuple[int, Path]]:
    """Every other process's copy for ``key``, with the process id in its name."""
    copies: list[tuple[int, Path]] = []
    for file in folder.glob(f"{glob_escape(key)}-pid*.toml"):
        pid = file.stem.removeprefix(f"{key}-pid")
        if pid.isdigit() and len(pid) < 10 and int(pid) != os.getpid():
            copies.append((int(pid), file))
    return copies


def _written_by_another(file: Path, pid: int) -> bool:
    """Whether the process now running as ``pid`` started at another time than the one
    that wrote ``file`` (its header says when that one started)."""
    try:
        first = read_start(file, _HEADER_BYTES).partition(b"\n")[0]
        about = json.loads(first.decode("utf-8", errors="replace").removeprefix(HEADER))
        started, boot = about.get("started"), about.get("boot")
    except (RoadmapFileError, ValueError, AttributeError):
        return False
    if isinstance(boot, str) and boot_id() not in (None, boot):
        return True  # written before this computer last started
    now = process_started(pid)
    return (isinstance(started, int | float) and now is not None
            and abs(now - started) > START_TIME_SLACK)


_HEADER_BYTES = 4096


def _modified(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0


def read_recovery(file: Path, data: bytes) -> Recovery:
    text = data.decode("utf-8", errors="replace")
    target: Path | None = None
    written: datetime | None = None
    first, _, _ = text.partition("\n")
    if first.startswith(HEADER):
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            about = json.loads(first[len(HEADER):])
            if isinstance(about.get("file"), str):
                target = Path(about["file"])
            if isinstance(about.get("written"), str):
                written = datetime.fromisoformat(about["written"])
    roadmap = parse(text, file).roadmap
    return Recovery(file, roadmap, target, written)


def _with_header(text: str, target: Path | None, started: float | None) -> str:
    about: dict[str, object] = {
        "file": None if target is None else str(target),
        "written": datetime.now().astimezone().isoformat(timespec="seconds")}
    if started is not None:
        about["started"] = round(started, 2)  # who wrote it: its process's start time...
    if (boot := boot_id()) is not None:
        about["boot"] = boot  # ...in this boot of the computer
    # json.dumps escapes newlines and control characters: the header stays one line.
    return f"{HEADER}{json.dumps(about, ensure_ascii=True)}\n{text}"
