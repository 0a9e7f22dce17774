"""Saving under fire: processes killed mid-save, a disk that fills, folders that refuse.

Each kill lands at a random moment of a loop of saves, so over many kills they
cover every step (both versions are seen on disk, and the temporary files left
behind prove many landed mid-write); three more kills land exactly before the
fsync, before the rename and after it. Whatever the moment, the file must be
the old version or the new one, and load.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import time
from pathlib import Path

import pytest
from faults import in_child, shared_folder

from roadmap_tui import dumps, load, save
from roadmap_tui.model import Roadmap, Signpost
from roadmap_tui.storage import files
from roadmap_tui.storage.recovery import RecoveryJournal

KILLS = 200
RECOVERY_KILLS = 40


def big_roadmap(title: str, count: int = 1500) -> Roadmap:
    return Roadmap(title=title, signposts=tuple(
        Signpost(f"s{i}", f"{title} signpost {i}", detail="why, how, first step " * 4)
        for i in range(count)))


def _save_forever(path: Path, versions: list[Roadmap]) -> None:
    """In a forked child: save the versions in turn until killed."""
    try:
        while True:
            for roadmap in versions:
                save(roadmap, path)
    finally:
        os._exit(1)


def test_kill_9_mid_save_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    versions = [big_roadmap("Old", 100), big_roadmap("New", 100)]
    allowed = {dumps(v).encode() for v in versions}
    save(versions[0], path)
    random.seed(4)
    seen = set()
    started = time.monotonic()
    for _ in range(KILLS):
        child = os.fork()
        if child == 0:
            _save_forever(path, versions)
        time.sleep(random.uniform(0.0, 0.05))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        data = path.read_bytes()
        assert data in allowed
        seen.add(data)
    assert load(path) in versions
    # The kills landed all over the save: both versions were on disk at some kill, and
    # many kills came while a temporary file was being written (about 90 of 200 here).
    assert len(seen) == 2
    assert len(list(tmp_path.glob(".plan.toml.*.tmp"))) >= KILLS // 10
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(("stop_in", "left"), [
    ("os.fsync", "Old"),                 # written, not yet on the disk
    ("os.replace", "Old"),               # on the disk, not yet in place
    ("files._sync_folder", "New"),       # in place, the folder not yet synced
])
def test_kill_9_at_each_step_of_a_save(tmp_path: Path, stop_in: str, left: str) -> None:
    """Killed exactly at each step: the file is whole, and the new one once renamed."""
    path = tmp_path / "plan.toml"
    save(big_roadmap("Old", 5), path)
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        def stop(*args: object, **kwargs: object) -> None:
            os.write(writer, b"here")
            time.sleep(30)

        owner, name = stop_in.split(".")
        monkeypatch_target = os if owner == "os" else files
        setattr(monkeypatch_target, name, stop)
        try:
            save(big_roadmap("New", 5), path)
        finally:
            os._exit(1)
    assert os.read(reader, 4) == b"here"
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    assert load(path).title == left


def test_kill_9_mid_recovery_write_leaves_a_readable_copy(tmp_path: Path) -> None:
    versions = [big_roadmap("First", 100), big_roadmap("Second", 100)]
    journal = RecoveryJournal(tmp_path, "plan", tmp_path / "plan.toml")
    journal.write(versions[0], journal.ticket())
    seen = set()
    for _ in range(RECOVERY_KILLS):
        child = os.fork()
        if child == 0:
            try:
                while True:
                    for roadmap in versions:
                        journal.write(roadmap, journal.ticket())
            finally:
                os._exit(1)
        time.sleep(random.uniform(0.0, 0.05))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        recovery = journal.read()
        assert recovery is not None and recovery.roadmap in versions
        seen.add(recovery.roadmap.title)
    assert seen == {"First", "Second"}


def test_a_full_disk_refuses_the_save_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save(big_roadmap("Small", 5), path)
    before = path.read_bytes()
    report = in_child(lambda: save(big_roadmap("Too big for the disk"), path),
                      file_size_limit=64 * 1024)
    assert report.startswith("RoadmapFileError:")
    assert "not saved" in report and os.strerror(errno.EFBIG) in report
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".plan.toml.*.tmp"))  # nothing half-written left


def test_a_full_disk_refuses_the_recovery_copy_with_a_clear_error(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "recovery", "plan", None)
    journal.write(big_roadmap("Small", 5), journal.ticket())
    before = journal.file.read_bytes()
    report = in_child(lambda: journal.write(big_roadmap("Too big"), journal.ticket()),
                      file_size_limit=64 * 1024)
    assert report.startswith("RoadmapFileError:") and "not saved" in report
    assert journal.file.read_bytes() == before


def test_a_read_only_folder_refuses_the_save_and_keeps_the_file() -> None:
    """Run as an ordinary user even under root (CI containers): root writes anywhere."""
    with shared_folder() as folder:
        path = folder / "plan.toml"
        save(big_roadmap("Old", 3), path)
        folder.chmod(0o555)
        report = in_child(lambda: save(big_roadmap("New", 3), path), unprivileged=True)
        assert report.startswith("RoadmapFileError:"), report
        assert "not saved: Permission denied" in report
        assert load(path).title == "Old"


def test_a_read_only_file_in_a_writable_folder_is_replaced_keeping_its_mode(
        tmp_path: Path) -> None:
    """The app asks first (see the app's tests); the core replaces and keeps 0o444."""
    path = tmp_path / "plan.toml"
    save(big_roadmap("Old", 3), path)
    path.chmod(0o444)
    save(big_roadmap("New", 3), path)
    assert load(path).title == "New"
    assert path.stat().st_mode & 0o777 == 0o444
