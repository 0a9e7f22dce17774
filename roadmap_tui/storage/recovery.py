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
from .files import parse, read_bytes, write_text_atomically
from .lock import is_running

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
        self.file = folder / f"{key}-pid{os.getpid() if pid is None else pid}.toml"
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
        text = _with_header(encode(roadmap), self.target)
        with self._lock:
            if ticket < self._newest_done:
                return False
            write_text_atomically(self.file, text, create_parents=True)
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
                aside.parent.mkdir(parents=True, exist_ok=True)
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
    killed or crashed session left. A running instance's copy is its own business."""
    found: list[tuple[float, RecoveryJournal]] = []
    for file in folder.glob(f"{glob_escape(key)}-pid*.toml"):
        pid = file.stem.removeprefix(f"{key}-pid")
        if not pid.isdigit() or int(pid) == os.getpid() or is_running(int(pid)):
            continue
        with contextlib.suppress(OSError):
            found.append((_modified(file), RecoveryJournal(folder, key, None, pid=int(pid))))
    return [journal for _, journal in sorted(found, key=lambda f: f[0], reverse=True)]


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


def _with_header(text: str, target: Path | None) -> str:
    about = {"file": None if target is None else str(target),
             "written": datetime.now().astimezone().isoformat(timespec="seconds")}
    # json.dumps escapes newlines and control characters: the header stays one line.
    return f"{HEADER}{json.dumps(about, ensure_ascii=True)}\n{text}"
