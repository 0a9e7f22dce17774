"""The session's keeper without Textual: the journal follows the document's announcements
on a fake clock, the lock, the disk watch and closing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from session_fakes import Kept, first_title, keeper_for, retitle, roadmap

from roadmap_tui import load, save
from roadmap_tui.paths import file_key, recovery_folder
from roadmap_tui.session import DiskCheck, DiskNote, Document
from roadmap_tui.session.keeping import JOURNAL_MAX_WAIT_SECONDS, JOURNAL_QUIET_SECONDS
from roadmap_tui.storage.lock import lock_path, this_host
from roadmap_tui.storage.recovery import RecoveryJournal


def journal_of(path: Path | None) -> RecoveryJournal:
    return RecoveryJournal(recovery_folder(), file_key(path), path)


def journaled_title(path: Path | None) -> str | None:
    recovery = journal_of(path).read()
    return None if recovery is None else recovery.roadmap.signposts[0].title


# -- the journal: written when the edits pause or have waited long enough --------------


def test_an_edit_is_written_once_the_edits_pause(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Paused")
    kept.clock.advance(JOURNAL_QUIET_SECONDS - 0.1)
    assert not kept.background.jobs and kept.keeper.waiting
    kept.clock.advance(0.1)
    (_,) = kept.background.jobs  # handed to the background, not written here
    assert journaled_title(plan_file) is None
    kept.background.run()
    assert journaled_title(plan_file) == "Paused"
    assert not kept.keeper.waiting and kept.clock.pending == 0


def test_edits_that_keep_coming_are_written_at_least_every_two_seconds(
        kept: Kept, plan_file: Path) -> None:
    written: list[float] = []
    for step in range(12):  # an edit every 0.4 s: never a second's pause
        retitle(kept.document, f"Edit {step}")
        kept.clock.advance(0.4)
        if kept.background.jobs:
            kept.background.run()
            written.append(round(kept.clock.time, 1))
            assert journaled_title(plan_file) == f"Edit {step}"  # the newest at that moment
    assert written == [JOURNAL_MAX_WAIT_SECONDS, 2 * JOURNAL_MAX_WAIT_SECONDS]


def test_nothing_is_written_or_scheduled_when_nothing_changed(kept: Kept, plan_file: Path) -> None:
    kept.clock.advance(10)
    assert kept.clock.pending == 0 and not kept.background.jobs
    assert not kept.document.apply(kept.document.roadmap, None, "no change")
    kept.clock.advance(10)
    assert not kept.background.jobs and not journal_of(plan_file).file.exists()


def test_a_burst_of_edits_is_one_write_and_one_timer_at_a_time(kept: Kept) -> None:
    for step in range(50):
        retitle(kept.document, f"Edit {step}")
    assert kept.clock.pending == 1  # an edit costs a clock reading, not a timer
    kept.clock.advance(JOURNAL_QUIET_SECONDS)
    assert len(kept.background.jobs) == 1


def test_undoing_back_to_the_saved_roadmap_removes_the_journal(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Changed")
    kept.clock.advance(JOURNAL_QUIET_SECONDS)
    kept.background.run()
    assert journal_of(plan_file).file.exists()
    kept.document.undo()
    kept.clock.advance(JOURNAL_QUIET_SECONDS)
    assert not kept.background.jobs  # nothing to write: the copy is simply removed
    assert not journal_of(plan_file).file.exists()


def test_undoing_to_what_was_written_cancels_the_wait(kept: Kept) -> None:
    retitle(kept.document, "Written")
    kept.keeper.keep_now()
    retitle(kept.document, "Then taken back")
    kept.document.undo()
    assert not kept.keeper.waiting and kept.clock.pending == 0


def test_keep_now_writes_on_the_spot(kept: Kept, plan_file: Path) -> None:
    assert kept.keeper.keep_now() is None  # nothing unsaved
    retitle(kept.document, "Emergency")
    assert kept.keeper.keep_now() == journal_of(plan_file).file
    assert journaled_title(plan_file) == "Emergency"
    assert not kept.keeper.waiting and kept.clock.pending == 0


def test_a_read_only_review_keeps_no_journal(plan_file: Path) -> None:
    kept = keeper_for(Document.open(plan_file, read_only=True))
    assert kept.keeper.keep_now() is None
    assert not journal_of(plan_file).file.exists()


def test_a_journal_that_cannot_be_written_is_reported_once_per_problem(
        kept: Kept, plan_file: Path, user_folders: Path) -> None:
    blocker = user_folders / "xdg_state_home"
    blocker.write_text("")  # the recovery folder's parent is a file
    for title in ("One", "Two", "Three"):
        retitle(kept.document, title)
        kept.clock.advance(JOURNAL_QUIET_SECONDS)
        kept.background.run()
    (problem,) = kept.problems
    assert problem.text.startswith("Unsaved work cannot be kept in a recovery copy: ")
    assert "cannot create the folder" in problem.text and str(blocker) in problem.text
    assert problem.text.endswith(". Save often until this is fixed.")
    assert (problem.title, problem.severity, problem.timeout) == (
        "No recovery copy", "error", 20)
    assert kept.keeper.keep_now() is None  # on the spot: failed, and not said again
    assert len(kept.problems) == 1


def test_dont_save_sets_the_journal_aside(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Let go")
    kept.keeper.keep_now()
    aside = kept.keeper.discard()
    assert aside is not None and aside.parent.name == "discarded"
    assert first_title(aside) == "Let go"
    assert not journal_of(plan_file).file.exists()
    kept.clock.advance(5)
    assert not kept.background.jobs  # let go: not written again


def test_closing_with_nothing_unsaved_removes_journal_and_lock(kept: Kept, plan_file: Path) -> None:
    assert kept.keeper.take_lock() is None
    retitle(kept.document, "Changed")
    kept.keeper.keep_now()
    kept.document.undo()  # back to the saved roadmap within the journal's second
    kept.keeper.close()
    assert not journal_of(plan_file).file.exists() and not lock_path(plan_file).exists()
    retitle(kept.document, "After closing")
    assert kept.clock.pending == 0  # no longer listening


def test_closing_with_unsaved_work_keeps_the_journal(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Unsaved")
    kept.keeper.keep_now()
    kept.keeper.close()
    assert journaled_title(plan_file) == "Unsaved"
    kept.clock.advance(5)
    assert not kept.background.jobs


# -- the lock ----------------------------------------------------------------------------



def test_the_lock_is_taken_and_released(kept: Kept, plan_file: Path) -> None:
    assert kept.keeper.take_lock() is None and kept.keeper.holds_lock
    assert lock_path(plan_file).read_text() == f"{os.getpid()}@{this_host()}\n"
    kept.keeper.release_lock()
    assert not kept.keeper.holds_lock and not lock_path(plan_file).exists()


def test_a_lock_held_by_a_running_session_names_it(
        kept: Kept, plan_file: Path, other_process: subprocess.Popen[bytes]) -> None:
    lock_path(plan_file).write_text(f"{other_process.pid}@{this_host()}\n")
    holder = kept.keeper.take_lock()
    assert holder is not None and str(holder) == f"process {other_process.pid} on this computer"
    assert not kept.keeper.holds_lock
    kept.keeper.close()
    assert lock_path(plan_file).read_text() == f"{other_process.pid}@{this_host()}\n"


def test_review_and_untitled_work_take_no_lock(plan_file: Path) -> None:
    assert keeper_for(Document.open(plan_file, read_only=True)).keeper.take_lock() is None
    assert not lock_path(plan_file).exists()
    untitled = keeper_for(Document.untitled()).keeper
    assert untitled.take_lock() is None and not untitled.holds_lock


def test_save_as_moves_the_journal_and_the_lock(
        kept: Kept, plan_file: Path, other_process: subprocess.Popen[bytes]) -> None:
    kept.keeper.take_lock()
    retitle(kept.document, "Moving")
    kept.keeper.keep_now()
    elsewhere = plan_file.with_name("elsewhere.toml")
    lock_path(elsewhere).write_text(f"{other_process.pid}@{this_host()}\n")
    outcome = kept.keeper.save(elsewhere, replaced=None)
    assert outcome.saved and outcome.moved and outcome.path == elsewhere
    assert not journal_of(plan_file).file.exists() and not lock_path(plan_file).exists()
    assert kept.keeper.journal.file == journal_of(elsewhere).file
    assert outcome.held_by is not None and outcome.held_by.pid == other_process.pid
    warning = next(n for n in outcome.notes if n.severity == "warning")
    assert warning.text == (f"elsewhere.toml is also open in another roadmap-tui (process "
                            f"{other_process.pid} on this computer); saving from both "
                            "overwrites work.")
    assert outcome.notes[-1].text == f"Saved {elsewhere}"
    retitle(kept.document, "Kept under the new name")
    kept.clock.advance(JOURNAL_QUIET_SECONDS)
    kept.background.run()
    assert journaled_title(elsewhere) == "Kept under the new name"


# -- the file behind the app's back ----------------------------------------------------


def test_the_disk_note_follows_the_file(kept: Kept, plan_file: Path) -> None:
    assert kept.keeper.check_disk() == "" and kept.disk_notes == []
    save(roadmap("Theirs"), plan_file)
    assert kept.keeper.check_disk() == "changed on disk"
    (note,) = kept.disk_notes
    assert note == DiskNote("changed on disk", plan_file)
    assert note.note is not None and note.note.text == (
        f"{plan_file} was changed by another program or person. Your work is still here; "
        "ctrl+s will ask before writing anything.")
    assert (note.note.title, note.note.severity) == ("The file changed", "warning")
    assert kept.keeper.check_disk() == "changed on disk" and len(kept.disk_notes) == 1
    plan_file.unlink()
    assert kept.keeper.check_disk() == "file gone"
    assert kept.disk_notes[-1].note is not None
    assert "was deleted or moved" in kept.disk_notes[-1].note.text
    plan_file.mkdir()  # something this app cannot read
    assert kept.keeper.check_disk() == "unreadable on disk"
    assert kept.disk_notes[-1].note is not None
    assert "cannot be read any more" in kept.disk_notes[-1].note.text


def test_the_disk_is_read_only_when_its_stat_changed(
        kept: Kept, plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path | None] = []
    check = kept.document.check_disk

    def counted(target: Path | None = None) -> DiskCheck:
        reads.append(target)
        return check(target)

    monkeypatch.setattr(kept.document, "check_disk", counted)
    for _ in range(5):
        kept.keeper.check_disk()
    assert len(reads) == 1  # the first look; then one stat each
    save(roadmap("Theirs"), plan_file)
    kept.keeper.check_disk()
    kept.keeper.check_disk()
    assert len(reads) == 2


def test_a_save_puts_the_note_right_again(kept: Kept, plan_file: Path) -> None:
    save(roadmap("Theirs"), plan_file)
    kept.keeper.check_disk()
    outcome = kept.keeper.overwrite(plan_file)
    assert outcome.saved
    assert kept.keeper.check_disk() == ""
    assert kept.disk_notes[-1] == DiskNote("", plan_file) and kept.disk_notes[-1].note is None


def test_untitled_work_has_no_disk_note() -> None:
    kept = keeper_for(Document.untitled())
    assert kept.keeper.check_disk() == "" and kept.disk_notes == []


def test_load_still_works_on_what_the_keeper_saved(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Saved through the keeper")
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.go
    assert kept.keeper.save(plan_file, replaced=plan_.replaced).saved
    assert load(plan_file).signposts[0].title == "Saved through the keeper"
    assert not journal_of(plan_file).file.exists() and not kept.document.is_modified
