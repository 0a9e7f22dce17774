"""Running a piece of a test in a forked child under harsher conditions."""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


@functools.cache
def dead_pid() -> int:
    """The id of a process that has ended: what a killed session's files name."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                             capture_output=True, text=True, check=True)
    return int(process.stdout)


def in_child(action: Callable[[], object], *, file_size_limit: int | None = None,
             unprivileged: bool = False) -> str:
    """Run ``action`` in a forked child, its files limited to ``file_size_limit`` bytes
    (a full disk) or as an ordinary user (root writes anywhere); returns what it
    reported: its exception as "Type: message", else what it returned, as text."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reader)
        try:
            if file_size_limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
            if unprivileged and os.geteuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            report = str(action() or "ok")
        except BaseException as error:  # whatever it is, the parent reports it
            report = f"{type(error).__name__}: {error}"
        os.write(writer, report.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as stream:
        report = stream.read().decode()
    os.waitpid(child, 0)
    return report


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder an unprivileged child can reach (pytest's own are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="roadmap-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
