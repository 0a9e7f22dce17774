"""One editor per file: a lock file beside the roadmap, holding ``pid@host``.

The lock is advice between roadmap-tui instances, not enforcement: it is made
with O_EXCL so two instances cannot both believe they took it, a lock left by
a process that died on this machine is taken over, and one held elsewhere is
reported so the person can choose to open read-only or anyway.

A lock file sits in a folder others can write to (a shared drive, a git
checkout), so it is read as a stranger's file: never through a symlink, never
from a FIFO or a device, at most a few hundred bytes. A lock that cannot be
read or is not a plain file means "held by someone": it is reported, never
deleted. A process is known by its id and its start time, so a lock or a
recovery copy whose id was reused by a later process (after a reboot, say)
counts as left behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..model.text import shown_name
from .errors import RoadmapFileError
from .files import NAME_MAX, fitting_name, read_bytes

LOCK_BYTES = 300
"""A lock holds ``pid@host``: anything longer is not one of ours, and is not read."""
SHOWN_HOST = 64


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a lock, as its file says."""

    pid: int | None
    host: str
    problem: str = ""
    """Why the lock could not be read (a symlink, a FIFO, another user's): held all
    the same, by someone this app cannot name."""

    def __str__(self) -> str:
        if self.problem:
            return f"someone this app cannot name: {self.problem}"
        if self.pid is None:
            return "an unknown process"
        here = self.host == this_host()
        host = shown_name(self.host)
        if len(host) > SHOWN_HOST:
            host = host[: SHOWN_HOST - 1] + "\u2026"
        return f"process {self.pid} on {'this computer' if here else host}"


def lock_path(path: Path) -> Path:
    """``plan.toml`` is locked by ``.plan.toml.lock`` in the same folder (a name too
    long for that is shortened, with a digest of the whole, so it always fits)."""
    target = Path(os.path.realpath(path))
    return target.with_name(f".{fitting_name(target.name, NAME_MAX - len('..lock'))}.lock")


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
            if not self._is_stale(holder):
                return holder
            with contextlib.suppress(FileNotFoundError, PermissionError):
                os.unlink(self.file)
        return self.holder()

    def holder(self) -> LockHolder | None:
        """Who the lock file names; None when there is no lock file."""
        try:
            data = read_bytes(self.file, LOCK_BYTES, follow_symlinks=False)
        except RoadmapFileError as error:
            try:
                info: os.stat_result | None = os.lstat(self.file)
            except FileNotFoundError:
                return None
            except OSError:
                info = None
            if info is not None and stat.S_ISLNK(info.st_mode):
                what = "is a symbolic link"
            elif info is not None and not stat.S_ISREG(info.st_mode):
                what = "is not a plain file"
            elif info is not None and info.st_size > LOCK_BYTES:
                what = "is too long to be a lock"
            else:
                what = f"cannot be read ({error.message.rpartition(': ')[2]})"
            return LockHolder(None, "", problem=f"its lock file {shown_name(self.file)} "
                              f"{what}")
        text = data.decode("utf-8", errors="replace")
        pid_text, _, host = text.strip().partition("@")
        pid = int(pid_text) if pid_text.isdigit() and len(pid_text) < 10 else None
        return LockHolder(pid, host)

    def release(self) -> None:
        """Remove the lock, only if it is still this process's."""
        if not self.owned:
            return
        self.owned = False
        with contextlib.suppress(OSError, RoadmapFileError):
            data = read_bytes(self.file, LOCK_BYTES, follow_symlinks=False)
            if data.decode("utf-8", errors="replace").strip() == self._mine:
                os.unlink(self.file)

    def _create(self) -> bool:
        try:
            descriptor = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(self._mine + "\n")
        except OSError:
            # A full disk: an empty lock would stand for nobody; leave none.
            with contextlib.suppress(OSError):
                os.unlink(self.file)
            raise
        return True

    def _is_stale(self, holder: LockHolder) -> bool:
        """A lock from a process on this host that no longer runs, or an empty one; a lock
        that could not be read is never stale."""
        if holder.problem:
            return False
        if holder.pid is None:
            return holder.host == ""
        if holder.host != this_host():
            return False
        try:
            written: float | None = os.lstat(self.file).st_mtime
        except OSError:
            written = None
        return not is_running(holder.pid, since=written)


def is_running(pid: int, *, since: float | None = None) -> bool:
    """Whether a process with this id runs on this machine (another user's counts).

    A killed process whose parent has not collected it yet (a zombie) has ended:
    its work is as left behind as if it were gone. ``since`` is when the process
    asked about was known to run (its lock or copy written then): a process with
    that id started later is another one that reused the id.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's: alive unless a zombie
    except (OverflowError, ValueError):
        return False
    if _is_zombie(pid):
        return False
    if since is not None:
        started = process_started(pid)
        if started is not None and started > since + START_TIME_SLACK:
            return False
    return True


START_TIME_SLACK = 60.0
"""Seconds of doubt: /proc gives the boot time to the second, and it moves when the clock
is stepped (a correction while the app runs). An id reused after a reboot, or after the
ids wrapped round, belongs to a process that started far later than that."""


def process_started(pid: int) -> float | None:
    """When a process started (seconds since the epoch), where the system says (Linux's
    /proc); None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            fields = stream.read().rpartition(b")")[2].split()
        ticks = int(fields[19])  # the 22nd field: start time in clock ticks after boot
        return _boot_time() + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def boot_id() -> str | None:
    """Which boot of this computer this is (Linux); None where the system cannot say."""
    try:
        with open("/proc/sys/kernel/random/boot_id", "rb") as stream:
            return stream.read(64).decode("ascii", errors="replace").strip() or None
    except OSError:
        return None


def _boot_time() -> float:
    with open("/proc/stat", "rb") as stream:
        for line in stream:
            if line.startswith(b"btime "):
                return float(line.split()[1])
    raise ValueError("no boot time in /proc/stat")


def _is_zombie(pid: int) -> bool:
    """Linux's /proc says so; elsewhere (no /proc) a process that answers is alive."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            stat = stream.read()
    except OSError:
        return False
    end_of_name = stat.rfind(b")")  # the command name may hold spaces and brackets
    return stat[end_of_name + 2:end_of_name + 3] == b"Z"
