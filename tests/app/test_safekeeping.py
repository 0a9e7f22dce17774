"""Nothing lost: the recovery journal and offer, guarded saves, locks, local history,
typed control characters, and an unexpected error."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from faults import NOBODY, dead_pid, in_child, shared_folder
from found import found
from textual.pilot import Pilot
from textual.widgets import Input, Static

from roadmap_tui import dumps, load, save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import ChoiceDialog, PathDialog, VersionsDialog
from roadmap_tui.model import Roadmap, Signpost
from roadmap_tui.model.operations import update_signpost
from roadmap_tui.paths import file_key, history_folder, recovery_folder
from roadmap_tui.storage.lock import lock_path, this_host
from roadmap_tui.storage.recovery import RecoveryJournal
from roadmap_tui.storage.versions import LocalHistory, Version

from .conftest import EXAMPLE, SIZE, Notices, on_main, screen_text, set_input


def journal_of(path: Path | None) -> RecoveryJournal:
    return RecoveryJournal(recovery_folder(), file_key(path), path)


def retitled(roadmap: Roadmap, title: str) -> Roadmap:
    return update_signpost(roadmap, roadmap.signposts[0].id, title=title)


def edit(app: RoadmapApp, title: str) -> None:
    """One undoable change through the screen's own choke point."""
    app.main.editing.change("edit title", lambda r: (retitled(r, title), r.signposts[0].id))


async def wait_for(condition: Callable[[], bool], pilot: Pilot[None],
                   seconds: float = 4.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("condition not met in time")


def versions_of(path: Path) -> list[Version]:
    return LocalHistory(history_folder(), file_key(path)).versions()


async def save_over_their_change(app: RoadmapApp, pilot: Pilot[None], path: Path) -> Roadmap:
    """Ours and theirs both change the first title; ours saves second: the question."""
    theirs = retitled(load(path), "Their change")
    edit(app, "Our change")
    save(theirs, path)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return theirs


def details(app: RoadmapApp) -> str:
    """The differences a choice dialog lists, unwrapped."""
    return str(app.screen.query_one(".dialog-details Static", Static).render())


def dialog(app: RoadmapApp, dialog_id: str) -> ChoiceDialog:
    screen = app.screen
    assert isinstance(screen, ChoiceDialog) and screen.id == dialog_id, screen
    return screen


# -- the journal --------------------------------------------------------------------------


async def test_edits_reach_the_journal_within_two_seconds_and_a_save_removes_it(
        roadmap_file: Path) -> None:
    journal = journal_of(roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Kept by the journal")
        started = asyncio.get_running_loop().time()
        await wait_for(journal.file.exists, pilot)
        assert asyncio.get_running_loop().time() - started <= 2.5
        await app.workers.wait_for_complete()
        recovery = journal.read()
        assert recovery is not None and recovery.roadmap == app.document.roadmap
        assert recovery.target == roadmap_file
        await pilot.press("ctrl+s")
        assert not journal.file.exists()
        assert load(roadmap_file).signposts[0].title == "Kept by the journal"


async def test_undoing_back_to_the_saved_roadmap_removes_the_journal(roadmap_file: Path) -> None:
    journal = journal_of(roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Changed")
        app.main.keeping.keep_now()
        assert journal.file.exists()
        await pilot.press("ctrl+z")
        app.main.keeping.keep_now()
        assert not journal.file.exists()


async def test_quitting_without_saving_discards_the_journal(roadmap_file: Path) -> None:
    journal = journal_of(roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Let go")
        app.main.keeping.keep_now()
        await pilot.press("q", "d")
    assert not journal.file.exists()


# -- the recovery offer -------------------------------------------------------------------


def leave_recovery(path: Path | None, roadmap: Roadmap) -> RecoveryJournal:
    """A recovery copy as a killed session leaves it: named after a process that ended."""
    journal = RecoveryJournal(recovery_folder(), file_key(path), path, pid=dead_pid())
    journal.write(roadmap, journal.ticket())
    return journal


async def test_recovered_work_can_be_compared_then_restored_and_undone(
        roadmap_file: Path) -> None:
    on_disk = load(roadmap_file)
    journal = leave_recovery(roadmap_file, retitled(on_disk, "Typed before the crash"))
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog(app, "recovery-dialog")
        assert "Unsaved changes to prevention.toml" in screen_text(app)
        await pilot.press("escape")  # must be answered: nothing is dropped by accident
        dialog(app, "recovery-dialog")
        await pilot.press("c")
        await pilot.pause()
        dialog(app, "recovery-compared")
        assert ': title "' in details(app)
        assert '-> "Typed before the crash"' in details(app)
        await pilot.press("r")
        await pilot.pause()
        assert app.document.roadmap.signposts[0].title == "Typed before the crash"
        assert app.document.is_modified
        assert not journal.file.exists()  # taken over: this session keeps it now
        assert journal_of(roadmap_file).file.exists()
        await pilot.press("ctrl+z")
        assert app.document.roadmap == on_disk
        await pilot.press("ctrl+y", "ctrl+s")
        assert not journal_of(roadmap_file).file.exists()
    assert load(roadmap_file).signposts[0].title == "Typed before the crash"


async def test_recovered_work_can_be_discarded(roadmap_file: Path) -> None:
    journal = leave_recovery(roadmap_file, retitled(load(roadmap_file), "Unwanted"))
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not journal.file.exists()
        assert not app.document.is_modified
    (aside,) = (recovery_folder() / "discarded").iterdir()  # a stray key is not fatal
    assert load(aside).signposts[0].title == "Unwanted"


async def test_untitled_work_is_offered_to_the_next_untitled_session(tmp_path: Path) -> None:
    app = RoadmapApp()
    async with app.run_test(size=SIZE) as pilot:
        set_input(app, "#quick-add", "Remember me @Ana")
        await pilot.press("enter")
        assert app.main.keeping.keep_now() == journal_of(None).file
    # As if that session's process had been killed: its copy carries a dead pid.
    left = journal_of(None).file.with_name(f"untitled-pid{dead_pid()}.toml")
    journal_of(None).file.rename(left)
    app = RoadmapApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog(app, "recovery-dialog")
        await pilot.press("r")
        assert [s.title for s in app.document.roadmap.signposts] == ["Remember me"]
        assert not left.exists()  # taken over: now in this session's own copy
        recovery = journal_of(None).read()
        assert recovery is not None and recovery.roadmap == app.document.roadmap


async def test_a_running_untitled_session_keeps_its_copy_to_itself(
        other_process: subprocess.Popen[bytes]) -> None:
    theirs = RecoveryJournal(recovery_folder(), "untitled", None, pid=other_process.pid)
    theirs.write(Roadmap(title="Theirs"), theirs.ticket())
    app = RoadmapApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen is app.main
        app.main.editing.change("retitle", lambda r: (replace(r, title="Mine"), None))
        app.main.keeping.keep_now()
    assert found(theirs.read()).roadmap.title == "Theirs"


async def test_a_recovery_copy_equal_to_the_file_is_removed_quietly(roadmap_file: Path) -> None:
    journal = leave_recovery(roadmap_file, load(roadmap_file))
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen is app.main
        assert not journal.file.exists()


async def test_read_only_review_only_points_at_the_recovery_copy(
        roadmap_file: Path, told: Notices) -> None:
    journal = leave_recovery(roadmap_file, retitled(load(roadmap_file), "Pending"))
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.screen is app.main
        assert any(str(journal.file) in n for n in told)
    assert journal.file.exists()


# -- guarded saves --------------------------------------------------------------------


async def test_a_file_changed_behind_the_apps_back_is_not_overwritten_silently(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await save_over_their_change(app, pilot, roadmap_file)
        dialog(app, "changed-dialog")
        assert '-> "Their change"' in details(app)
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is app.main
    assert load(roadmap_file).signposts[0].title == "Our change"
    (kept,) = versions_of(roadmap_file)
    assert load(kept.file).signposts[0].title == "Their change"  # their work is not lost


async def test_reload_takes_the_disk_version_and_undo_brings_ours_back(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        theirs = await save_over_their_change(app, pilot, roadmap_file)
        await pilot.press("r")
        await pilot.pause()
        assert app.document.roadmap == theirs and not app.document.is_modified
        (ours,) = versions_of(roadmap_file)
        assert load(ours.file).signposts[0].title == "Our change"  # kept, not only in undo
        await pilot.press("ctrl+z")
        assert app.document.roadmap.signposts[0].title == "Our change"
        assert app.document.is_modified
        await pilot.press("ctrl+s")  # the disk is now as reloaded: no question
        await pilot.pause()
        assert app.screen is app.main
    assert load(roadmap_file).signposts[0].title == "Our change"


async def test_a_changed_file_can_be_saved_elsewhere(roadmap_file: Path, tmp_path: Path) -> None:
    roadmap_file.write_text(roadmap_file.read_text() + "\n# a comment from a text editor\n")
    app = RoadmapApp(roadmap_file)
    before = roadmap_file.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        # Content the same, bytes different: still someone else's version.
        roadmap_file.write_bytes(before + b"# another\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no differences in content" in details(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        suggested = app.screen.query_one("#path", Input).value
        assert suggested == str(roadmap_file.with_name("prevention-2.toml"))  # never theirs
        (tmp_path / "mine").mkdir()
        set_input(app, "#path", str(tmp_path / "mine"))  # a folder: the file goes inside
        await pilot.press("enter")
        await pilot.pause()
        assert app.document.path == tmp_path / "mine" / "prevention.toml"
    assert roadmap_file.read_bytes() == before + b"# another\n"
    mine = load(tmp_path / "mine" / "prevention.toml")
    assert replace(mine, updated=None) == replace(load(roadmap_file), updated=None)
    assert not lock_path(roadmap_file).exists()  # the lock moved with the work


async def test_a_deleted_file_is_written_again_only_when_asked(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Still here")
        roadmap_file.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog(app, "changed-dialog")
        assert "deleted or moved" in screen_text(app)
        await pilot.press("escape")
        assert not roadmap_file.exists() and app.document.is_modified
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
    assert load(roadmap_file).signposts[0].title == "Still here"


async def test_a_read_only_file_asks_before_it_is_replaced(
        roadmap_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roadmap_file.chmod(0o444)
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        # root writes anything: ask the question a normal user would get
        if Path(str(path)) == roadmap_file and mode == os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Replaced")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog(app, "changed-dialog")
        assert "read-only" in screen_text(app)
        await pilot.press("c")
        assert load(roadmap_file).signposts[0].title != "Replaced"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
    assert load(roadmap_file).signposts[0].title == "Replaced"
    assert roadmap_file.stat().st_mode & 0o777 == 0o444


async def test_a_failed_save_keeps_the_edits_and_the_journal(
        roadmap_file: Path, monkeypatch: pytest.MonkeyPatch, told: Notices) -> None:
    before = roadmap_file.read_bytes()

    def disk_full(suffix: str | None = None, prefix: str | None = None,
                  dir: str | Path | None = None, text: bool = False) -> tuple[int, str]:
        if dir == roadmap_file.parent:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(suffix, prefix, dir, text)

    real_mkstemp = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", disk_full)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        edit(app, "Not lost")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (message,) = [n for n in told if "not saved" in n]
        assert "No space left on device" in message
        assert str(journal_of(roadmap_file).file) in message
        assert app.document.is_modified
        recovery = journal_of(roadmap_file).read()
        assert recovery is not None and recovery.roadmap.signposts[0].title == "Not lost"
        await pilot.press("q")  # still asks: the changes are not saved
        dialog(app, "quit-dialog")
    assert roadmap_file.read_bytes() == before


def test_a_disk_that_fills_mid_session_keeps_the_edits(roadmap_file: Path, told: Notices) -> None:
    """RLIMIT_FSIZE in a forked child: every file (roadmap, recovery copy) stops growing."""
    before = roadmap_file.read_bytes()

    def grow(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
        extra = tuple(Signpost(f"x{n}", f"Added {n}", detail="so much to say " * 20)
                      for n in range(300))
        return replace(roadmap, signposts=roadmap.signposts + extra), "x0"

    async def session() -> str:
        app = RoadmapApp(roadmap_file)
        async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
            app.main.editing.change("add many", grow)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.is_running and app.document.is_modified
            return "\n".join(told)

    report = in_child(lambda: asyncio.run(session()), file_size_limit=len(before) + 8192)
    assert os.strerror(errno.EFBIG) in report, report
    assert "Your changes are still here" in report
    assert "could not be kept in a recovery copy either" in report
    assert roadmap_file.read_bytes() == before


async def test_local_history_restores_an_earlier_save_as_an_undoable_change(
        roadmap_file: Path, told: Notices) -> None:
    original = load(roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"earlier versions", "enter")
        await pilot.pause()
        assert any("No earlier versions" in n for n in told)
        for title in ("First save", "Second save"):
            edit(app, title)
            await pilot.press("ctrl+s")
        await pilot.press("ctrl+p", *"earlier versions", "enter")
        await pilot.pause()
        assert isinstance(app.screen, VersionsDialog)
        listed = screen_text(app)
        assert listed.count(f"{len(original.signposts)} signposts") == 2
        await pilot.press("down", "enter")  # the older of the two: the original file
        await pilot.pause()
        assert on_main(app)
        assert replace(app.document.roadmap, updated=None) == replace(original, updated=None)
        assert app.document.is_modified
        await pilot.press("ctrl+z")
        assert app.document.roadmap.signposts[0].title == "Second save"
        assert not app.document.is_modified


# -- one editor per file --------------------------------------------------------------


@pytest.fixture
def other_process() -> object:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


async def test_a_file_open_elsewhere_offers_read_only_or_open_anyway(
        roadmap_file: Path, other_process: subprocess.Popen[bytes]) -> None:
    lock = lock_path(roadmap_file)
    lock.write_text(f"{other_process.pid}@{this_host()}\n")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        dialog(app, "lock-dialog")
        question = app.screen.query_one(".dialog-question", Static).render()
        assert f"(process {other_process.pid} on this computer)" in str(question)
        await pilot.press("r")
        await pilot.pause()
        assert app.document.read_only
        bindings = app.main.active_bindings
        assert "a" not in bindings and "ctrl+s" not in bindings  # hidden (issue 10)
        assert bindings["p"].enabled
        await pilot.press("delete")
        assert app.document.roadmap == load(roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert not app.document.read_only
    assert lock.read_text() == f"{other_process.pid}@{this_host()}\n"  # theirs, untouched


async def test_a_lock_is_taken_while_editing_and_removed_on_exit(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert lock_path(roadmap_file).read_text() == f"{os.getpid()}@{this_host()}\n"
        await pilot.press("q")
    assert not lock_path(roadmap_file).exists()


async def test_a_stale_lock_from_a_dead_process_is_taken_over(roadmap_file: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    lock_path(roadmap_file).write_text(f"{dead.stdout.strip()}@{this_host()}\n")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen is app.main
        assert lock_path(roadmap_file).read_text() == f"{os.getpid()}@{this_host()}\n"


# -- hostile input typed or pasted ------------------------------------------------------


async def test_control_characters_typed_or_pasted_are_replaced_with_a_notice(
        roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        capture = set_input(app, "#quick-add", "red \x1b[31malert\x1b[0m \u202eevil")
        await pilot.pause()
        assert capture.value == "red \ufffd[31malert\ufffd[0m \ufffdevil"  # never shown raw
        await pilot.press("enter")
        selected = app.main.signposts.selected
        assert selected is not None
        assert selected.title == "red \ufffd[31malert\ufffd[0m \ufffdevil"
        assert any("3 control or bidi-override characters" in n for n in told)
        field = set_input(app, "#field-title", "")
        await pilot.press("escape")  # cancels the emptied title (issue 10)
        field = set_input(app, "#field-title", "")
        from textual import events

        field.post_message(events.Paste("pasted \x9b2J\x07 title"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.signposts.selected is not None
        assert app.main.signposts.selected.title == "pasted \ufffd2J\ufffd title"
        assert app.query_one("#field-title", Input).value == "pasted \ufffd2J\ufffd title"
        assert "\x1b" not in screen_text(app) and "\x9b" not in screen_text(app)


# -- an unexpected error --------------------------------------------------------------


async def test_an_unexpected_error_writes_the_journal_first(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)

    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            edit(app, "Typed just before the bug")
            app.call_later(broken)
            await pilot.pause()
    assert app.crash_recovery == journal_of(roadmap_file).file
    recovery = journal_of(roadmap_file).read()
    assert recovery is not None
    assert recovery.roadmap.signposts[0].title == "Typed just before the bug"
    assert not lock_path(roadmap_file).exists()


def test_dumps_of_a_recovered_roadmap_is_canonical(roadmap_file: Path) -> None:
    journal = leave_recovery(roadmap_file, load(roadmap_file))
    recovery = journal.read()
    assert recovery is not None
    assert dumps(recovery.roadmap) == roadmap_file.read_text()


async def test_user_folders_that_cannot_be_made_are_named_in_a_notice(
        roadmap_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Notices) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        edit(app, "Changed")
        assert app.main.keeping.keep_now() is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = told
        assert any(n.startswith("Unsaved work cannot be kept in a recovery copy")
                   and "cannot create the folder" in n and str(blocker) in n for n in shown)
        assert any(n.startswith("Saved, but the version it replaced could not be kept")
                   for n in shown)
    assert load(roadmap_file).signposts[0].title == "Changed"  # the save itself went through


async def test_a_broken_recent_file_is_a_notice_and_the_app_stays(
        roadmap_file: Path, tmp_path: Path, told: Notices) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[roadmap]\ntitle = "x"\n[[signposts]]\nid = "\x1b"\n')
    app = RoadmapApp(roadmap_file)
    app.settings = app.settings.with_recent(broken)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one("#recent").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running and on_main(app)
        assert app.document.path == roadmap_file
        assert any(n.startswith(str(broken)) for n in told)


async def test_keys_arriving_together_answer_a_dialog_once(roadmap_file: Path) -> None:
    """A laggy remote terminal delivers "o" and "q" in one read: "q" must not quit. Another
    of the dialog's answer keys read with its answer was meant for the dialog (a double
    press), so it is dropped rather than handed to the screen beneath."""
    from textual import events

    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        answers: list[str | None] = []
        question = ChoiceDialog("Open anyway?", [("Open anyway", "anyway"), ("Quit", "quit")])
        await app.push_screen(question, answers.append)
        for key in ("o", "q"):
            event = events.Key(key, key)
            event.set_sender(app)
            app.post_message(event)
        await pilot.pause()
        assert answers == ["anyway"]
        assert app.is_running and app.screen is app.main


async def test_keys_typed_right_after_a_land_in_the_capture_line(roadmap_file: Path) -> None:
    from textual import events

    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        for key in "a" + "Sec":  # "e" would open the export dialog from the list
            event = events.Key(key, key)  # all queued at once, as one terminal read is
            event.set_sender(app)
            app.post_message(event)
        await pilot.pause()
        assert app.screen is app.main
        assert app.query_one("#quick-add", Input).value == "Sec"


async def test_a_broken_file_with_a_recovery_copy_says_where_the_copy_is(
        roadmap_file: Path) -> None:
    journal = leave_recovery(roadmap_file, retitled(load(roadmap_file), "Kept"))
    roadmap_file.write_text("format = 1\n[roadmap\n")  # broken by another program
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        # The app starts on the broken file's screen (issue 10), which says both.
        assert "invalid TOML" in screen_text(app)
        assert f"kept in {journal.file}" in str(app.screen.query_one("#broken-earlier").render())
    assert load(journal.file).signposts[0].title == "Kept"


async def test_quitting_right_after_undoing_to_the_saved_state_leaves_no_copy(
        roadmap_file: Path) -> None:
    journal = journal_of(roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Changed")
        app.main.keeping.keep_now()
        await pilot.press("ctrl+z", "q")  # within the journal's second: not yet updated
    assert not journal.file.exists()


async def test_quitting_while_the_recovery_offer_is_up_keeps_the_copy(
        roadmap_file: Path) -> None:
    journal = leave_recovery(roadmap_file, retitled(load(roadmap_file), "Undecided"))
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog(app, "recovery-dialog")
        await pilot.press("ctrl+q")
    assert not app.is_running
    assert journal.read() is not None  # decided later, at the next start


async def test_an_unfinished_field_is_kept_when_the_app_must_stop(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)

    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            set_input(app, "#field-title", "Typed, never applied")  # no Enter, not left
            app.call_later(broken)
            await pilot.pause()
    recovery = journal_of(roadmap_file).read()
    assert recovery is not None
    assert recovery.roadmap.signposts[0].title == "Typed, never applied"


async def test_text_still_in_a_field_is_saved_by_ctrl_s_and_guarded_by_quit(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        set_input(app, "#field-title", "Typed, then ctrl+s at once")
        await pilot.press("ctrl+s")
        assert load(roadmap_file).signposts[0].title == "Typed, then ctrl+s at once"
        set_input(app, "#field-title", "Typed, then ctrl+q at once")
        await pilot.press("ctrl+q")
        await pilot.pause()
        dialog(app, "quit-dialog")  # not lost: the quit asks first
        step = app.document.history.current
        await pilot.press("escape")
        await pilot.press("escape")  # leaving the field reports nothing new
        await pilot.pause()
        assert app.document.history.current is step


def test_a_read_only_folder_keeps_the_edits_and_says_so(told: Notices) -> None:
    """As an ordinary user (root writes anywhere): the roadmap's folder refuses the save;
    the edits stay in the app and in the recovery copy."""
    with shared_folder() as shared:
        folder = shared / "meeting"
        folder.mkdir()
        path = folder / "plan.toml"
        shutil.copyfile(EXAMPLE, path)
        path.chmod(0o666)  # the file may be written: only its folder refuses
        before = path.read_bytes()
        home = shared / "home"
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
            (home / name).mkdir(parents=True)
        os.chmod(home, 0o777)
        for child in home.iterdir():
            child.chmod(0o777)
        folder.chmod(0o555)

        async def session() -> str:
            for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
                os.environ[name] = str(home / name)
            app = RoadmapApp(path)
            async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
                if os.geteuid() == 0:
                    # Only now: the interpreter under /root cannot be read by nobody,
                    # so everything must be imported before this point.
                    os.setgid(NOBODY)
                    os.setuid(NOBODY)
                edit(app, "Kept although the folder refuses")
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert app.is_running and app.document.is_modified
                copy = journal_of(path).read()
                assert copy is not None
                assert copy.roadmap.signposts[0].title == "Kept although the folder refuses"
                return "\n".join(told)

        report = in_child(lambda: asyncio.run(session()))
        folder.chmod(0o755)
        assert "not saved: Permission denied" in report, report
        assert "kept in the recovery copy" in report
        assert path.read_bytes() == before


async def test_the_header_says_at_once_when_the_file_changes_or_goes(
        roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        header = screen_text(app).splitlines()[0]
        assert "\u2713 saved" in header
        save(retitled(load(roadmap_file), "Changed elsewhere"), roadmap_file)
        await pilot.pause(2.2)  # the app looks at the file every two seconds
        assert "\u26a0 changed on disk" in screen_text(app).splitlines()[0]
        assert any("was changed by another program" in n for n in told)
        await pilot.press("ctrl+s", "r")  # reload theirs: in step with the disk again
        await pilot.pause()
        assert "\u2713 saved" in screen_text(app).splitlines()[0]
        roadmap_file.unlink()
        app.main.keeping.watch_disk()
        await pilot.pause()
        assert "\u26a0 file gone" in screen_text(app).splitlines()[0]
