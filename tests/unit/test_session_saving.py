"""The session's rules of saving, reloading, local history and recovered work, as plain
results, without Textual."""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from faults import dead_pid
from session_fakes import Kept, first_title, keeper_for, retitle, roadmap

from roadmap_tui import load, save
from roadmap_tui.model.operations import update_signpost
from roadmap_tui.paths import file_key, history_folder, recovery_folder
from roadmap_tui.session import Ask, Document, RecoveryFindings
from roadmap_tui.session.saving import NOT_SAVED
from roadmap_tui.storage.recovery import RecoveryJournal
from roadmap_tui.storage.versions import LocalHistory


def versions_of(path: Path) -> list[Path]:
    return [v.file for v in LocalHistory(history_folder(), file_key(path)).versions()]


def theirs_saved(path: Path, title: str = "Theirs") -> None:
    on_disk = load(path)
    save(update_signpost(on_disk, on_disk.signposts[0].id, title=title), path)


# -- what a save must ask ---------------------------------------------------------------


def test_a_file_as_left_is_saved_without_a_question(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Ours")
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.go and plan_.ask is Ask.NOTHING and plan_.question == ""
    assert plan_.replaced == plan_file.read_bytes()
    outcome = kept.keeper.save(plan_file, replaced=plan_.replaced)
    assert outcome.saved and not outcome.moved
    assert [n.text for n in outcome.notes] == [f"Saved {plan_file}"]
    (version,) = versions_of(plan_file)
    assert first_title(version) == "Signpost 1"  # what it replaced is kept


def test_a_file_changed_on_disk_asks_with_the_differences(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Ours")
    theirs_saved(plan_file)
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.ask is Ask.CHANGED and plan_.can_reload
    assert plan_.title == "Changed on disk"
    assert plan_.question.startswith(f"{plan_file} was changed on disk since you opened it, by "
                                     "another program or person.\nOverwrite: yours replaces")
    assert plan_.question.endswith("What changes from yours to the file on disk:")
    assert any('-> "Theirs"' in line for line in plan_.differences)
    assert plan_.answers == [("Overwrite", "overwrite"), ("Save as", "save-as"),
                             ("Reload", "reload"), ("Cancel", "cancel")]
    assert plan_.replaced == plan_file.read_bytes()


def test_a_changed_file_that_is_no_roadmap_cannot_be_reloaded(kept: Kept, plan_file: Path) -> None:
    plan_file.write_text("format = 1\n[roadmap\n")
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.ask is Ask.CHANGED and not plan_.can_reload
    (line,) = plan_.differences
    assert line.startswith("the file on disk is not a valid roadmap now: ")
    assert ("Reload", "reload") not in plan_.answers


def test_the_same_content_in_other_bytes_is_still_their_version(
        kept: Kept, plan_file: Path) -> None:
    plan_file.write_bytes(plan_file.read_bytes() + b"# a comment\n")
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.ask is Ask.CHANGED
    assert plan_.differences == ("no differences in content, only in the file's text",)


def test_an_unreadable_file_asks_before_it_is_replaced(kept: Kept, plan_file: Path) -> None:
    plan_file.unlink()
    plan_file.mkdir()
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.ask is Ask.UNREADABLE and plan_.reason and plan_.title == "Changed on disk"
    assert f"({plan_.reason}): another program" in plan_.question
    assert "what is there now cannot be read, so it cannot be kept" in plan_.question
    assert plan_.answers == [("Overwrite", "overwrite"), ("Save as", "save-as"),
                             ("Cancel", "cancel")]


def test_a_vanished_file_asks_before_it_is_written_again(kept: Kept, plan_file: Path) -> None:
    plan_file.unlink()
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.ask is Ask.VANISHED and plan_.title == "File gone"
    assert plan_.question == (f"{plan_file} was deleted or moved since you opened it. Write it "
                              "again where it was, or save elsewhere?")
    assert plan_.answers[0] == ("Write it again", "write")
    assert kept.keeper.overwrite(plan_file).saved and plan_file.exists()


def test_a_file_without_write_permission_asks(
        kept: Kept, plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: (
        False if Path(str(path)) == plan_file and mode == os.W_OK else real_access(path, mode)))
    plan_ = kept.keeper.plan_save(plan_file)
    assert plan_.ask is Ask.NO_PERMISSION and plan_.title == "Read-only file"
    assert plan_.question.startswith("plan.toml is read-only (you have no write permission")
    assert plan_.answers[0] == ("Replace", "replace")


def test_another_file_is_never_their_version(kept: Kept, plan_file: Path) -> None:
    other = plan_file.with_name("other.toml")
    save(roadmap("Other"), other)
    assert kept.keeper.plan_save(other).go  # replacing it is asked by save as itself


# -- what a save did ----------------------------------------------------------------------


def test_overwriting_keeps_their_version_in_local_history(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Ours")
    theirs_saved(plan_file)
    outcome = kept.keeper.overwrite(plan_file)
    assert outcome.saved and first_title(plan_file) == "Ours"
    (version,) = versions_of(plan_file)
    assert first_title(version) == "Theirs" and outcome.kept is not None
    assert outcome.kept.file == version
    assert outcome.replaced_note is not None
    assert outcome.replaced_note.text == ("The version it replaced is in Earlier versions "
                                          "(ctrl+p).")


def test_reload_takes_their_version_and_keeps_ours(kept: Kept, plan_file: Path) -> None:
    retitle(kept.document, "Ours")
    theirs_saved(plan_file)
    outcome = kept.keeper.reload(kept.keeper.plan_save(plan_file))
    assert kept.document.roadmap.signposts[0].title == "Theirs"
    assert not kept.document.is_modified
    (version,) = versions_of(plan_file)
    assert first_title(version) == "Ours"
    assert [n.text for n in outcome.notes] == [
        "Reloaded plan.toml from disk. Your version is in Earlier versions (ctrl+p), and "
        "ctrl+z brings it back."]
    kept.document.undo()
    assert kept.document.roadmap.signposts[0].title == "Ours" and kept.document.is_modified
    assert kept.keeper.plan_save(plan_file).go  # in step with the disk again


def test_a_failed_save_keeps_the_work_in_the_journal_and_says_where(
        kept: Kept, plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_mkstemp = tempfile.mkstemp

    def disk_full(*args: object, **kwargs: object) -> tuple[int, str]:
        if kwargs.get("dir") == plan_file.parent:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", disk_full)
    retitle(kept.document, "Not lost")
    outcome = kept.keeper.save(plan_file, replaced=plan_file.read_bytes())
    journal = RecoveryJournal(recovery_folder(), file_key(plan_file), plan_file)
    assert not outcome.saved and outcome.unsaved and outcome.recovery_copy == journal.file
    (note,) = outcome.notes
    assert (note.title, note.severity, note.timeout) == (NOT_SAVED, "error", 20)
    assert "No space left on device" in note.text
    assert (f"\nYour changes are still here, and kept in the recovery copy {journal.file}. "
            "Put right what the message says and press ctrl+s again, or save elsewhere "
            "(ctrl+p, Save as).") in note.text
    assert first_title(journal.file) == "Not lost" and kept.document.is_modified
    assert versions_of(plan_file) == [] and outcome.replaced_note is None


def test_a_failed_save_of_nothing_new_says_only_why(
        kept: Kept, plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "mkstemp", _refuse)
    outcome = kept.keeper.save(plan_file.with_name("elsewhere.toml"), replaced=None)
    assert not outcome.saved and not outcome.unsaved and outcome.recovery_copy is None
    assert "\n Put right what the message says" in outcome.notes[0].text


def _refuse(*args: object, **kwargs: object) -> tuple[int, str]:
    raise OSError(errno.EACCES, os.strerror(errno.EACCES))


def test_a_history_that_cannot_be_kept_is_said_after_the_save(
        kept: Kept, plan_file: Path, user_folders: Path) -> None:
    (user_folders / "xdg_data_home").write_text("")  # the history's parent is a file
    retitle(kept.document, "Saved anyway")
    outcome = kept.keeper.save(plan_file, replaced=plan_file.read_bytes())
    assert outcome.saved and first_title(plan_file) == "Saved anyway"
    warning, saved = outcome.notes
    assert warning.text.startswith("Saved, but the version it replaced could not be kept in "
                                   "the local history: ")
    assert warning.severity == "warning" and saved.text == f"Saved {plan_file}"
    assert outcome.replaced_note is None  # it is not in Earlier versions: never said so


# -- local history ------------------------------------------------------------------------


def test_earlier_versions_say_why_there_are_none(plan_file: Path) -> None:
    untitled = keeper_for(Document.untitled()).keeper.earlier_versions()
    assert untitled.refusal is not None
    assert untitled.refusal.text == "An untitled roadmap has no saved versions yet."
    review = keeper_for(Document.open(plan_file, read_only=True)).keeper.earlier_versions()
    assert review.refusal is not None and review.refusal.severity == "warning"
    assert review.refusal.text == "Read-only: no version can be restored here."
    none_yet = keeper_for(Document.open(plan_file)).keeper.earlier_versions()
    assert none_yet.refusal is not None and none_yet.choices == []
    assert none_yet.refusal.text == ("No earlier versions of plan.toml yet: each save keeps "
                                     "the one it replaces.")


def test_earlier_versions_are_labelled_and_restored_as_an_undoable_change(
        kept: Kept, plan_file: Path) -> None:
    original = load(plan_file)
    for title in ("First save", "Second save"):
        retitle(kept.document, title)
        kept.keeper.save(plan_file, replaced=kept.keeper.plan_save(plan_file).replaced)
    offered = kept.keeper.earlier_versions()
    assert offered.refusal is None and offered.name == "plan.toml"
    assert len(offered.choices) == 2
    assert all("  \u00b7  3 signposts  \u00b7  " in label for _, label in offered.choices)
    assert all(label.startswith("replaced ") and label.endswith(" bytes")
               for _, label in offered.choices)
    oldest = offered.choices[1][0]
    restored = kept.keeper.restore_version(oldest)
    assert restored.restored and restored.selected_id == "s1"
    assert restored.note.text.startswith("Restored the version saved before ")
    assert restored.note.text.endswith(": ctrl+z takes it back, ctrl+s keeps it.")
    assert replace(kept.document.roadmap, updated=None) == replace(original, updated=None)
    kept.document.undo()
    assert kept.document.roadmap.signposts[0].title == "Second save"


def test_a_version_gone_meanwhile_is_not_restored(kept: Kept, plan_file: Path) -> None:
    restored = kept.keeper.restore_version(plan_file.with_name("gone.toml"))
    assert not restored.restored and restored.note.title == "Not restored"
    assert restored.note.text.endswith("gone.toml: no longer in the local history")
    assert not kept.document.is_modified


# -- recovered work -------------------------------------------------------------------


def leave_recovery(path: Path | None, title: str) -> RecoveryJournal:
    """A recovery copy as a killed session leaves it: named after a process that ended."""
    journal = RecoveryJournal(recovery_folder(), file_key(path), path, pid=dead_pid())
    base = load(path) if path is not None else roadmap()
    journal.write(update_signpost(base, base.signposts[0].id, title=title), journal.ticket())
    return journal


def test_work_an_ended_session_left_is_offered(kept: Kept, plan_file: Path) -> None:
    left = leave_recovery(plan_file, "Typed before the crash")
    found = kept.keeper.recovery_offer()
    assert found.notes == () and found.offer is not None
    offer = found.offer
    assert offer.file == left.file
    assert offer.question().startswith("Unsaved changes to plan.toml from ")
    assert offer.question().endswith(" were kept when roadmap-tui stopped without saving. "
                                     "Restore them, compare them with what is open, or "
                                     "discard them?")
    assert offer.question(compared=True).endswith(
        "\nWhat changes from what is open to the recovered work:")
    assert offer.answers() == [("Restore", "restore"), ("Compare", "compare"),
                               ("Discard", "discard")]
    assert [a for _, a in offer.answers(compared=True)] == ["restore", "discard"]
    assert any('-> "Typed before the crash"' in line for line in kept.keeper.compare(offer))
    restored = kept.keeper.restore(offer)
    assert restored.note.text == "Recovered work restored: ctrl+s saves it, ctrl+z undoes it."
    assert kept.document.roadmap.signposts[0].title == "Typed before the crash"
    assert kept.document.is_modified
    assert not left.file.exists()  # taken over: this session keeps it now
    assert first_title(kept.keeper.journal.file) == "Typed before the crash"


def test_recovered_work_can_be_discarded_and_is_set_aside(kept: Kept, plan_file: Path) -> None:
    left = leave_recovery(plan_file, "Unwanted")
    offer = kept.keeper.recovery_offer().offer
    assert offer is not None
    note = kept.keeper.discard_offer(offer)
    (aside,) = (recovery_folder() / "discarded").iterdir()
    assert note.text == f"The recovered work was discarded. It is set aside in {aside} for a while."
    assert not left.file.exists() and first_title(aside) == "Unwanted"


def test_a_copy_equal_to_the_file_goes_quietly(kept: Kept, plan_file: Path) -> None:
    left = RecoveryJournal(recovery_folder(), file_key(plan_file), plan_file, pid=dead_pid())
    left.write(load(plan_file), left.ticket())
    assert kept.keeper.recovery_offer() == RecoveryFindings()
    assert not left.file.exists()


def test_a_review_only_points_at_the_copy(plan_file: Path) -> None:
    left = leave_recovery(plan_file, "Pending")
    found = keeper_for(Document.open(plan_file, read_only=True)).keeper.recovery_offer()
    assert found.offer is None
    (note,) = found.notes
    assert note.text == (f"Unsaved work on this roadmap from a session that ended is kept "
                         f"in {left.file}; open the roadmap for editing to restore it.")
    assert left.file.exists()


def test_an_unreadable_copy_is_left_in_place_and_mentioned(kept: Kept, plan_file: Path) -> None:
    left = leave_recovery(plan_file, "Broken")
    left.file.write_text("format = 1\n[roadmap\n")
    (note,) = kept.keeper.recovery_offer().notes
    assert note.text.startswith("A recovery copy could not be read, so it was left in place: ")
    assert left.file.exists()



def test_a_copy_a_running_session_keeps_is_only_mentioned(
        other_process: subprocess.Popen[bytes]) -> None:
    theirs = RecoveryJournal(recovery_folder(), "untitled", None, pid=other_process.pid)
    theirs.write(roadmap("Theirs"), theirs.ticket())
    found = keeper_for(Document.untitled()).keeper.recovery_offer()
    assert found.offer is None
    (note,) = found.notes
    assert note.text == ("Another roadmap-tui that is still running keeps unsaved work on this "
                         f"roadmap in {theirs.file}; it is offered here once that session ends.")
    assert theirs.read() is not None
