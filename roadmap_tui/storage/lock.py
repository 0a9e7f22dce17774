"""One editor per file: a lock file beside the roadmap, holding ``pid@host``.

The lock is advice between roadmap-tui instances, not enforcement: it is made
with O_EXCL so two instances cannot both believe they took it, a lock left by
a process that died on this machine is taken over, and one held elsewhere is
reported so the person can choose to open read-only or anyway.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a lock, as its file says."""

    pid: int | None
    host: str

    def __str__(self) -> str:
        if self.pid is None:
            return "an unknown process"
        here = self.host == this_host()
        return f"process {self.pid} on {'this computer' if here else self.host}"


def lock_path(path: Path) -> Path:
    """``plan.toml`` is locked by ``.plan.toml.lock`` in the same folder."""
    target = Path(os.path.realpath(path))
    return target.with_name(f".{target.name}.lock")


def this_host() -> str:
    import socket  # here: only opening a file for editing needs it

    return socket.gethostname() or "localhost"


class FileLock:
    def __init__(self, path: Path) -> None:
        self.file = lock_path(path)
        self.owned = False
        self._mine = f"{os.getpid()}@{this_host()}"

    def acquire(self) -> LockHolder | None:
        """Take the lock; returns who holds it instead when another live process does.

        A folder where no lock can be made (read-only, gone) is not an error:
        the roadmap opens unlocked, as an editor of a read-only file would.
        """
        for _ in range(3):
            try:
                created = self._create()
            except OSError:
                return None
            if created:
                self.owned = True
                return None
            holder = self.holder()
            if holder is None:
                continue  # vanished between the two calls: try again
            if holder.pid == os.getpid() and holder.host == this_host():
                self.owned = True  # this very process (the file opened again)
                return None
            if not _is_stale(holder):
                return holder
            with contextlib.suppress(FileNotFoundError, PermissionError):
                os.unlink(self.file)
        return self.holder()

    def holder(self) -> LockHolder | None:
        try:
            text = self.file.read_text(encoding="utf-8", errors="replace")[:300]
        except FileNotFoundError:
            return None
        except OSError:
            return LockHolder(None, "")
        pid_text, _, host = text.strip().partition("@")
        return LockHolder(int(pid_text) if pid_text.isdigit() else None, host)

    def release(self) -> None:
        """Remove the lock, only if it is still this process's."""
        if not self.owned:
            return
        self.owned = False
        with contextlib.suppress(OSError):
            if self.file.read_text(encoding="utf-8", errors="replace").strip() == self._mine:
                os.unlink(self.file)

    def _create(self) -> bool:
        try:
            descriptor = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(self._mine + "\n")
        return True


def _is_stale(holder: LockHolder) -> bool:
    """A lock from a process on this host that no longer runs (or an unreadable one)."""
    if holder.pid is None:
        return holder.host == ""
    return holder.host == this_host() and not is_running(holder.pid)


def is_running(pid: int) -> bool:
    """Whether a process with this id runs on this machine (another user's counts).

    A killed process whose parent has not collected it yet (a zombie) has ended:
    its work is as left behind as if it were gone.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's: alive unless a zombie
    except OverflowError:
        return False
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """Linux's /proc says so; elsewhere (no /proc) a process that answers is alive."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            stat = stream.read()
    except OSError:
        return False
    end_of_name = stat.rfind(b")")  # the command name may hold spaces and brackets
    return stat[end_of_name + 2:end_of_name + 3] == b"Z"
