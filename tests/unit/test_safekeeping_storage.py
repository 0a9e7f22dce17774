"""The storage side of keeping work safe: recovery copies, locks, local history, digests."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from roadmap_tui import dumps, load, save
from roadmap_tui.model import Roadmap, Signpost
from roadmap_tui.model.compare import differences
from roadmap_tui.model.operations import add_owner, move_signpost, update_signpost
from roadmap_tui.paths import file_key
from roadmap_tui.storage import RoadmapFileError
from roadmap_tui.storage.files import digest_of, read_roadmap
from roadmap_tui.storage.lock import FileLock, LockHolder, is_running, lock_path, this_host
from roadmap_tui.storage.recovery import HEADER, RecoveryJournal, left_behind
from roadmap_tui.storage.versions import MAX_VERSIONS, LocalHistory


def roadmap(title: str = "Plan", count: int = 3) -> Roadmap:
    return Roadmap(title=title, signposts=tuple(
        Signpost(f"s{i}", f"Signpost {i}") for i in range(1, count + 1)))


# -- digests --------------------------------------------------------------------------


def test_the_digest_read_is_the_digest_saved(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    written = save(roadmap(), path)
    assert written == digest_of(path.read_bytes())
    assert read_roadmap(path, with_digest=True).digest == written


def test_a_save_tidies_temporary_files_that_a_killed_save_left(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    old = tmp_path / ".plan.toml.abc123.tmp"
    fresh = tmp_path / ".plan.toml.def456.tmp"
    other = tmp_path / ".other.toml.abc123.tmp"
    for leftover in (old, fresh, other):
        leftover.write_text("half")
    long_ago = datetime.now().timestamp() - 3600
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    save(roadmap(), path)
    assert not old.exists()
    assert fresh.exists()  # it may be another instance's save in progress
    assert other.exists()


# -- recovery copies ------------------------------------------------------------------


def test_a_recovery_copy_is_a_roadmap_file_naming_its_target(tmp_path: Path) -> None:
    target = tmp_path / "plan\nwith newline.toml"
    journal = RecoveryJournal(tmp_path / "recovery", file_key(target), target)
    assert journal.write(roadmap("Kept"), journal.ticket())
    text = journal.file.read_text()
    assert text.startswith(HEADER) and text.count("\n") == dumps(roadmap("Kept")).count("\n") + 1
    assert load(journal.file) == roadmap("Kept")  # opens as a plain roadmap too
    recovery = journal.read()
    assert recovery is not None
    assert recovery.roadmap == roadmap("Kept") and recovery.target == target
    assert recovery.written is not None


def test_an_overtaken_write_never_replaces_a_newer_copy(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path, "plan", None)
    older, newer = journal.ticket(), journal.ticket()
    assert journal.write(roadmap("newer"), newer)
    assert not journal.write(roadmap("older"), older)
    recovery = journal.read()
    assert recovery is not None and recovery.roadmap.title == "newer"


def test_a_discard_drops_writes_still_in_flight(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path, "plan", None)
    in_flight = journal.ticket()
    journal.discard()
    assert not journal.write(roadmap(), in_flight)
    assert journal.read() is None


def test_writes_from_many_threads_leave_the_newest(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path, "plan", None)
    tickets = [(journal.ticket(), f"v{n}") for n in range(20)]
    threads = [threading.Thread(target=journal.write, args=(roadmap(title), ticket))
               for ticket, title in reversed(tickets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recovery = journal.read()
    assert recovery is not None and recovery.roadmap.title == "v19"


def test_a_missing_recovery_folder_is_made_and_a_refused_one_is_a_clear_error(
        tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "deep" / "recovery", "plan", None)
    journal.write(roadmap(), journal.ticket())
    assert journal.file.exists()
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    journal = RecoveryJournal(blocked / "recovery", "plan", None)
    with pytest.raises(RoadmapFileError, match="cannot create the folder"):
        journal.write(roadmap(), journal.ticket())


def test_a_broken_recovery_copy_is_an_error_not_a_crash(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path, "plan", None)
    journal.file.write_text(f"{HEADER}{{not json\nformat = 1\n[roadmap\n")
    with pytest.raises(RoadmapFileError):
        journal.read()


def test_file_keys_are_readable_and_unique_per_file(tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "plan.toml", tmp_path / "b" / "plan.toml"
    assert file_key(one).startswith("plan-") and file_key(one) != file_key(two)
    assert file_key(None) == "untitled"
    assert "/" not in file_key(tmp_path / "../x/ yes [x].toml")


# -- locks ----------------------------------------------------------------------------


def test_a_lock_is_exclusive_and_released_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    lock = FileLock(path)
    assert lock.acquire() is None and lock.owned
    assert lock_path(path).read_text().strip() == f"{os.getpid()}@{this_host()}"
    lock.release()
    assert not lock_path(path).exists()


def test_a_live_process_on_this_host_keeps_its_lock(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock_path(path).write_text(f"{other.pid}@{this_host()}\n")
        lock = FileLock(path)
        assert lock.acquire() == LockHolder(other.pid, this_host())
        assert not lock.owned
        lock.release()  # not ours: left alone
        assert lock_path(path).exists()
    finally:
        other.kill()
        other.wait()
    assert FileLock(path).acquire() is None  # now stale: taken over


def test_a_lock_from_another_host_is_never_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    lock_path(path).write_text("1@some-other-laptop\n")
    holder = FileLock(path).acquire()
    assert holder == LockHolder(1, "some-other-laptop")
    assert "some-other-laptop" in str(holder)


def test_an_empty_lock_left_by_a_kill_mid_creation_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    lock_path(path).write_text("")
    assert FileLock(path).acquire() is None


def test_a_folder_where_no_lock_can_be_made_opens_unlocked(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "missing-folder" / "plan.toml")
    assert lock.acquire() is None and not lock.owned


# -- local history --------------------------------------------------------------------


def test_history_keeps_the_newest_twenty_and_skips_repeats(tmp_path: Path) -> None:
    history = LocalHistory(tmp_path, "plan")
    start = datetime(2021, 1, 1, 9, 0)
    for n in range(MAX_VERSIONS + 5):
        assert history.keep(f"version {n}".encode(), when=start + timedelta(minutes=n))
    assert history.keep(b"version 24", when=start + timedelta(hours=5)) is None
    versions = history.versions()
    assert len(versions) == MAX_VERSIONS
    assert versions[0].file.read_bytes() == b"version 24"
    assert versions[-1].file.read_bytes() == b"version 5"


def test_history_ignores_stray_files(tmp_path: Path) -> None:
    history = LocalHistory(tmp_path, "plan")
    history.keep(dumps(roadmap()).encode())
    (history.folder / "notes.txt").write_text("mine")
    (history.folder / "not-a-stamp.toml").write_text("mine")
    (version,) = history.versions()
    assert history.read(version).roadmap == roadmap()


# -- differences ----------------------------------------------------------------------


def test_differences_name_what_changed() -> None:
    ours = roadmap()
    theirs = update_signpost(ours, "s2", title="Renamed", status="done")
    theirs = add_owner(move_signpost(theirs, "s1", 1), "Chab Dai")
    lines = differences(ours, theirs)
    assert 'owner "Chab Dai" added' in lines
    assert 'signpost s2 "Renamed": title "Signpost 2" -> "Renamed"' in lines
    assert 'signpost s2 "Renamed": status planned -> done' in lines
    assert 'signpost s2 "Renamed" moved up: 2 -> 1' in lines
    statuses = update_signpost(ours, "s3", status="done", due=None)
    assert differences(ours, statuses) == ['signpost s3 "Signpost 3": status planned -> done']
    assert differences(ours, ours) == []


def test_differences_are_capped() -> None:
    ours = roadmap(count=0)
    theirs = roadmap(count=30)
    lines = differences(ours, theirs, limit=5)
    assert len(lines) == 5 and lines[-1] == "\u2026 and 26 more differences"


def test_copies_left_by_ended_sessions_are_found_newest_first(tmp_path: Path) -> None:
    ended = [subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                            capture_output=True, text=True, check=True).stdout.strip()
             for _ in range(2)]
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        for number, pid in enumerate([*ended, str(running.pid), str(os.getpid())]):
            journal = RecoveryJournal(tmp_path, "plan-abc", None, pid=int(pid))
            journal.write(roadmap(f"v{number}"), journal.ticket())
            os.utime(journal.file, (1000 + number, 1000 + number))
        other = RecoveryJournal(tmp_path, "other-def", None, pid=int(ended[0]))
        other.write(roadmap(), other.ticket())
        (tmp_path / "plan-abc-pidx.toml").write_text("")
        found = left_behind(tmp_path, "plan-abc")
    finally:
        running.kill()
        running.wait()
    assert [j.file.name for j in found] == [f"plan-abc-pid{ended[1]}.toml",
                                           f"plan-abc-pid{ended[0]}.toml"]


def test_a_copy_set_aside_leaves_every_offer_but_is_kept(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path, "plan", None, pid=1)
    journal.write(roadmap("Let go"), journal.ticket())
    aside = journal.set_aside()
    assert aside is not None and aside.parent == tmp_path / "discarded"
    assert not journal.file.exists() and load(aside).title == "Let go"
    assert left_behind(tmp_path, "plan") == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_killed_process_not_yet_collected_counts_as_ended() -> None:
    """Seen for real: a killed app's zombie hid its recovery copy from the next start."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        for _ in range(100):  # until it has exited but is not collected: a zombie
            if Path(f"/proc/{child.pid}/stat").read_bytes().split(b") ")[1][:1] == b"Z":
                break
            time.sleep(0.02)
        assert not is_running(child.pid)
        assert is_running(os.getpid())
    finally:
        child.wait()
