"""Side files a stranger or a shared folder could turn against the user (issue 9): lock
files, recovery copies after a reboot, local history when the clock goes back, and the
permissions of what the app keeps."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from faults import in_child, shared_folder

from roadmap_tui import load, save
from roadmap_tui.model import Roadmap, Signpost
from roadmap_tui.paths import file_key, history_folder, recovery_folder, settings_file
from roadmap_tui.settings import Settings, read_settings, write_settings
from roadmap_tui.storage.lock import FileLock, LockHolder, lock_path, this_host
from roadmap_tui.storage.recovery import HEADER, RecoveryJournal, left_behind
from roadmap_tui.storage.versions import MAX_VERSIONS, LocalHistory


def roadmap(title: str = "Plan") -> Roadmap:
    return Roadmap(title=title, signposts=(Signpost("s1", "First"),))


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    save(roadmap(), path)
    return path


def acquire_within(lock: FileLock, seconds: float = 5) -> LockHolder | None:
    """``lock.acquire()``, failing the test instead of hanging it (a FIFO used to)."""
    result: list[LockHolder | None] = []
    worker = threading.Thread(target=lambda: result.append(lock.acquire()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "acquiring the lock hung"
    assert result, "acquiring the lock raised"
    return result[0]


# -- 3. hostile lock files ---------------------------------------------------------------


def make_symlink_to_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside").write_text("x")


def make_dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere")


def make_huge(path: Path) -> None:
    path.write_bytes(b"1" * 10_000_000 + b"@host")


@pytest.mark.parametrize("make", [make_symlink_to_zero, make_fifo, make_folder,
                                  make_dangling, make_huge],
                         ids=["symlink-to-dev-zero", "fifo", "folder", "dangling-symlink",
                              "huge"])
def test_an_odd_lock_file_means_held_and_is_never_deleted(plan: Path, make: object) -> None:
    assert callable(make)
    lock_file = lock_path(plan)
    make(lock_file)
    lock = FileLock(plan)
    holder = acquire_within(lock)
    assert holder is not None and not lock.owned
    assert holder.problem and lock_file.name in str(holder)
    assert os.path.lexists(lock_file)
    lock.release()
    assert os.path.lexists(lock_file)


def test_an_unreadable_lock_of_another_user_is_held_not_taken() -> None:
    """Run as an ordinary user: root reads every file."""
    with shared_folder() as folder:
        plan = folder / "plan.toml"
        save(roadmap(), plan)
        lock_file = lock_path(plan)
        lock_file.write_text(f"{os.getpid()}@{this_host()}\n")
        lock_file.chmod(0o600)
        folder.chmod(0o777)  # the other user may delete it, and must not

        def acquire() -> str:
            holder = FileLock(plan).acquire()
            return "held: " + str(holder) if holder is not None else "taken"

        report = in_child(acquire, unprivileged=True)
        assert report.startswith("held: someone this app cannot name"), report
        assert "Permission denied" in report
        assert lock_file.read_text() == f"{os.getpid()}@{this_host()}\n"


def test_a_full_disk_at_start_leaves_no_empty_lock(plan: Path) -> None:
    def acquire() -> str:
        lock = FileLock(plan)
        return f"{lock.acquire()} {lock.owned}"

    assert in_child(acquire, file_size_limit=1) == "None False"  # opens unlocked
    assert not os.path.lexists(lock_path(plan))


def test_a_lock_names_its_host_without_raw_escapes(plan: Path) -> None:
    lock_path(plan).write_text("1@evil\x1b]52;c;cm0gLXJmIH4=\x07\u202e" + "h" * 100)
    holder = FileLock(plan).acquire()
    shown = str(holder)
    assert holder is not None and "\x1b" not in shown and "\x07" not in shown
    assert "\u202e" not in shown and "evil\\x1b]52" in shown and len(shown) < 100


# -- 5. a process id reused after a reboot -----------------------------------------------


@pytest.fixture
def running() -> object:
    """A live process whose id stands for one that died long ago (a reboot reused it)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    time.sleep(0.1)
    yield process
    process.kill()
    process.wait()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_lock_whose_process_id_was_reused_is_taken_over(
        plan: Path, running: subprocess.Popen[bytes]) -> None:
    lock_file = lock_path(plan)
    lock_file.write_text(f"{running.pid}@{this_host()}\n")
    assert FileLock(plan).acquire() is not None  # written after it started: its lock
    long_ago = time.time() - 3600
    os.utime(lock_file, (long_ago, long_ago))  # written before it started: not its lock
    lock = FileLock(plan)
    assert lock.acquire() is None and lock.owned


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_recovery_copy_whose_process_id_was_reused_is_offered(
        tmp_path: Path, running: subprocess.Popen[bytes]) -> None:
    from roadmap_tui.storage.recovery import kept_by_running

    journal = RecoveryJournal(tmp_path, "plan-abc", None, pid=running.pid)
    journal.write(roadmap("Unsaved before the battery died"), journal.ticket())
    assert left_behind(tmp_path, "plan-abc") == []  # its process runs: not offered...
    assert kept_by_running(tmp_path, "plan-abc") == [journal.file]  # ...but mentioned
    first, _, rest = journal.file.read_text().partition("\n")
    about = json.loads(first.removeprefix(HEADER))
    # The same id, but the copy was written by a process that started an hour earlier
    # (the ids wrapped round), or before the computer last started (a dead battery).
    for change in ({"started": about["started"] - 3600},
                   {"boot": "3f1c0000-0000-4000-8000-000000000000"}):
        journal.file.write_text(f"{HEADER}{json.dumps({**about, **change})}\n{rest}")
        (found,) = left_behind(tmp_path, "plan-abc")
        recovery = found.read()
        assert recovery is not None
        assert recovery.roadmap.title == "Unsaved before the battery died"
        assert kept_by_running(tmp_path, "plan-abc") == []
    # A clock stepped by seconds while it ran does not make it someone else.
    journal.file.write_text(f"{HEADER}{json.dumps({**about, 'started': about['started'] + 5})}"
                            f"\n{rest}")
    assert left_behind(tmp_path, "plan-abc") == []


# -- 6. local history when the clock goes back ----------------------------------------


def test_history_order_survives_the_clock_going_back(tmp_path: Path) -> None:
    history = LocalHistory(tmp_path, "plan")
    start = datetime(2021, 3, 28, 2, 30)
    for n in range(MAX_VERSIONS):
        history.keep(f"version {n}".encode(), when=start + timedelta(minutes=n))
    # The clock is set back an hour (daylight saving ends, a corrected clock, travel).
    kept = history.keep(b"after the clock went back", when=start - timedelta(hours=1))
    assert kept is not None and kept.exists()  # kept as the app says, not pruned at once
    versions = history.versions()
    assert len(versions) == MAX_VERSIONS
    assert versions[0].file.read_bytes() == b"after the clock went back"
    assert versions[-1].file.read_bytes() == b"version 1"  # the oldest went
    history.keep(b"and one more", when=start - timedelta(hours=2))
    assert [v.file.read_bytes() for v in history.versions()[:2]] == [
        b"and one more", b"after the clock went back"]


def test_history_written_by_earlier_versions_sorts_before_new_versions(tmp_path: Path) -> None:
    history = LocalHistory(tmp_path, "plan")
    history.folder.mkdir(parents=True)
    (history.folder / "20991231T235959.000000.toml").write_bytes(b"old style, future stamp")
    history.keep(b"new style")
    assert [v.file.read_bytes() for v in history.versions()] == [
        b"new style", b"old style, future stamp"]


# -- 7. what the app keeps is the user's alone -----------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_copies_history_and_settings_are_private(plan: Path) -> None:
    plan.chmod(0o600)
    old_mask = os.umask(0o022)
    try:
        journal = RecoveryJournal(recovery_folder(), file_key(plan), plan)
        journal.write(roadmap("Unsaved"), journal.ticket())
        history = LocalHistory(history_folder(), file_key(plan))
        version = history.keep(plan.read_bytes())
        write_settings(settings_file(), Settings().with_recent(plan))
        aside = journal.set_aside()
    finally:
        os.umask(old_mask)
    assert version is not None and aside is not None
    for file in (version, settings_file(), aside):
        assert mode(file) == 0o600, file
    home = recovery_folder().parents[2]  # the test's own XDG home
    for folder in (recovery_folder(), recovery_folder().parent, aside.parent,
                   history.folder, history_folder(), history_folder().parent,
                   settings_file().parent):
        assert mode(folder) == 0o700, folder
        assert home in folder.parents


def test_a_folder_an_earlier_version_left_open_is_narrowed(plan: Path) -> None:
    folder = recovery_folder()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    journal = RecoveryJournal(folder, file_key(plan), plan)
    journal.write(roadmap(), journal.ticket())
    assert mode(folder) == 0o700 and mode(journal.file) == 0o600


def test_a_settings_file_that_is_a_fifo_does_not_hang_the_start(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    result: list[tuple[Settings, list[str]]] = []
    reader = threading.Thread(target=lambda: result.append(read_settings(path)), daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive() and result
    settings, problems = result[0]
    assert settings == Settings() and "cannot read the settings" in problems[0]


# -- 10. names too long for a side file ----------------------------------------------


def test_side_file_names_always_fit_and_stay_distinct() -> None:
    from roadmap_tui.storage.files import fitting_name

    long_a, long_b = "\u1780" * 83 + "a.toml", "\u1780" * 83 + "b.toml"
    assert len(long_a.encode()) <= 255
    assert fitting_name("plan.toml", 240) == "plan.toml"
    short_a, short_b = fitting_name(long_a, 240), fitting_name(long_b, 240)
    assert len(short_a.encode()) <= 240 and short_a != short_b
    undecodable = os.fsdecode(b"\xff" * 250)
    assert len(os.fsencode(fitting_name(undecodable, 240))) <= 240
    assert socket.gethostname()  # this_host() names something


def test_a_long_name_saves_and_locks(tmp_path: Path) -> None:
    path = tmp_path / ("\u1780" * 83 + ".toml")
    save(roadmap("Long"), path)
    save(roadmap("Longer"), path)
    assert load(path).title == "Longer"
    lock = FileLock(path)
    assert lock.acquire() is None and lock.owned and lock_path(path).is_file()
    lock.release()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# -- the same class, found while fixing the above ----------------------------------------


def test_the_export_api_refuses_a_symlink_too(tmp_path: Path) -> None:
    from roadmap_tui.export_writer import export_to
    from roadmap_tui.storage import RoadmapFileError

    target = tmp_path / "bashrc"
    target.write_text("echo hello\n")
    (tmp_path / "summary.txt").symlink_to(target)
    with pytest.raises(RoadmapFileError, match="symbolic link"):
        export_to(roadmap(), "text", tmp_path / "summary.txt")
    assert target.read_text() == "echo hello\n"
    export_to(roadmap(), "text", tmp_path / "other.txt")
    assert "Plan" in (tmp_path / "other.txt").read_text()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_fifo_among_recovery_copies_is_not_waited_on(
        tmp_path: Path, running: subprocess.Popen[bytes]) -> None:
    os.mkfifo(tmp_path / f"plan-abc-pid{running.pid}.toml")
    found: list[object] = []
    looker = threading.Thread(target=lambda: found.append(left_behind(tmp_path, "plan-abc")),
                              daemon=True)
    looker.start()
    looker.join(5)
    assert not looker.is_alive() and found == [[]]
