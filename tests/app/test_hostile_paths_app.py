"""The app against what surrounds a roadmap (issue 9): the export dialog, names that hold
escape sequences, a file that became unreadable, a stranger's lock."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from roadmap_tui import load, save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import ChoiceDialog, PathDialog, VersionsDialog
from roadmap_tui.model.operations import update_signpost
from roadmap_tui.paths import file_key, history_folder, recovery_folder
from roadmap_tui.storage.lock import lock_path
from roadmap_tui.storage.recovery import RecoveryJournal
from roadmap_tui.storage.versions import LocalHistory

from .conftest import EXAMPLE, SIZE, Notices, screen_text, set_input, settled, toasts

HOSTILE = "plan\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202egnp.\x9b31m"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def edit(app: RoadmapApp, title: str) -> None:
    app.main.editing.change("edit", lambda r: (update_signpost(r, r.signposts[0].id, title=title),
                                        r.signposts[0].id))


async def export_to(app: RoadmapApp, pilot: Pilot[None], typed: str) -> None:
    await pilot.press("e")
    set_input(app, "#export-path", typed)
    await pilot.press("enter")
    await settled(app, pilot)
    await pilot.pause()


# -- 1. the export dialog ----------------------------------------------------------------


async def test_the_export_dialog_asks_before_replacing_a_file(roadmap_file: Path) -> None:
    existing = roadmap_file.with_suffix(".html")
    existing.write_text("the group's own notes")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, str(existing))
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.id == "export-replace-dialog"
        await pilot.press("c")
        await settled(app, pilot)
        await pilot.pause()
        assert existing.read_text() == "the group's own notes"
        await export_to(app, pilot, str(existing))
        await pilot.press("r")
        await settled(app, pilot)
        await pilot.pause()
    assert existing.read_text().startswith("<!DOCTYPE html>")


async def test_the_export_dialog_never_writes_through_a_link_or_over_a_roadmap(
        roadmap_file: Path, told: Notices) -> None:
    bashrc = roadmap_file.parent / "bashrc"
    bashrc.write_text("echo hello\n")
    roadmap_file.with_suffix(".html").symlink_to(bashrc)  # the dialog's default name
    other = roadmap_file.parent / "other.html"
    shutil.copyfile(EXAMPLE, other)  # a roadmap, whatever its name
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await settled(app, pilot)
        await pilot.pause()
        assert app.screen is app.main
        assert any("symbolic link" in n for n in told)
        await export_to(app, pilot, str(other))
        assert app.screen is app.main
        assert any("is a roadmap file" in n for n in told)
        await export_to(app, pilot, str(roadmap_file))  # .toml is no export format
        assert app.screen.query_one("#export-path", Input)
        await pilot.press("escape")
    assert bashrc.read_text() == "echo hello\n"
    assert roadmap_file.with_suffix(".html").is_symlink()
    assert other.read_bytes() == EXAMPLE.read_bytes()
    assert load(roadmap_file).title


async def test_the_export_format_follows_the_typed_suffix(
        roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    folder = roadmap_file.parent
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await export_to(app, pilot, str(folder / "summary.md"))  # html is selected
        await export_to(app, pilot, str(folder / "summary.TXT"))
        await export_to(app, pilot, str(folder / "no-suffix"))  # the chosen format's
        await pilot.press("e")
        set_input(app, "#export-path", str(folder / "summary.pdf"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input)  # still asking
        assert any(".pdf" in n and ".html" in n for n in told)
    assert (folder / "summary.md").read_text().startswith("# ")
    assert not (folder / "summary.TXT").read_text().startswith("<")
    assert (folder / "no-suffix.html").read_text().startswith("<!DOCTYPE html>")
    assert not (folder / "summary.pdf").exists()


# -- 4. a file that became unreadable is guarded like a changed one ----------------------


async def test_an_unreadable_file_is_not_overwritten_without_asking(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    theirs = b"# someone's 17 MiB file\n" + b"x" * (17 * 1024 * 1024)
    async with app.run_test(size=SIZE) as pilot:
        edit(app, "Ours")
        roadmap_file.write_bytes(theirs)
        app.main.keeping.watch_disk()
        await pilot.pause()
        assert "\u26a0 unreadable on disk" in screen_text(app).splitlines()[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and app.screen.id == "changed-dialog"
        assert "kept in Earlier versions" in str(
            app.screen.query_one(".dialog-question", Static).render())
        await pilot.press("escape")
        assert roadmap_file.read_bytes() == theirs
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")  # overwrite: theirs goes to Earlier versions
        await pilot.pause()
    assert load(roadmap_file).signposts[0].title == "Ours"
    (kept,) = LocalHistory(history_folder(), file_key(roadmap_file)).versions()
    assert kept.file.read_bytes() == theirs


# -- 2. one hostile name through every message that names a file -----------------------


def shown_text(app: RoadmapApp) -> str:
    """Everything the app shows now: the screen, every notice, the open dialog's words."""
    parts = [screen_text(app)]
    parts += toasts(app)
    screen = app.screen
    parts += [str(words.render()) for words in screen.query(Static)]  # whole, not cut to fit
    for options in screen.query(OptionList):
        parts += [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
    return "\n".join(parts)


def assert_clean(app: RoadmapApp, seen: list[str]) -> None:
    text = shown_text(app)
    seen.append(text)
    for raw in RAW:
        assert raw not in text, (raw, text)


async def test_a_hostile_file_name_is_shown_escaped_everywhere(tmp_path: Path) -> None:
    folder = tmp_path / HOSTILE
    folder.mkdir()
    path = folder / f"{HOSTILE}.toml"
    shutil.copyfile(EXAMPLE, path)
    missing = folder / f"{HOSTILE}-broken.toml"
    missing.write_text("format = 1\n[roadmap\n")
    lock_path(path).write_text(f"1@{HOSTILE}\n")  # held by a hostile host elsewhere
    left = RecoveryJournal(recovery_folder(), file_key(path), path, pid=1 << 22)
    left.write(update_signpost(load(path), load(path).signposts[0].id, title="Left"),
               left.ticket())
    seen: list[str] = []
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.screen.id == "lock-dialog"
        assert_clean(app, seen)
        await pilot.press("o")  # open anyway: then the recovery offer
        await pilot.pause()
        assert app.screen.id == "recovery-dialog"
        assert_clean(app, seen)
        await pilot.press("d")
        await pilot.pause()
        assert_clean(app, seen)  # "set aside in ..."
        edit(app, "Ours")
        await pilot.press("ctrl+s")  # "Saved ..."
        await pilot.pause()
        assert_clean(app, seen)
        save(update_signpost(load(path), load(path).signposts[0].id, title="Theirs"), path)
        app.main.keeping.watch_disk()  # "... was changed by another program"
        edit(app, "Ours again")
        await pilot.press("ctrl+s")  # the changed-on-disk question
        await pilot.pause()
        assert app.screen.id == "changed-dialog"
        assert_clean(app, seen)
        await pilot.press("o")
        await pilot.pause()
        assert_clean(app, seen)
        app.main.action_versions()  # "Earlier versions of ..."
        await pilot.pause()
        assert isinstance(app.screen, VersionsDialog)
        assert_clean(app, seen)
        app.screen.dismiss(None)
        await pilot.pause()
        app.main.run_worker(app.main.files.open_path(missing))  # "Cannot open ..."
        await pilot.pause()
        # "Opened ...", and the stranger's lock again
        app.main.run_worker(app.main.files.open_path(path))
        await pilot.pause()
        assert app.screen.id == "lock-dialog"
        assert_clean(app, seen)
        await pilot.press("o")
        await pilot.pause()
        app.main.action_open()  # the recent files
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert_clean(app, seen)
        app.screen.dismiss(None)
        await pilot.pause()
        app.main.action_save_as()  # the path offered in a text field
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert_clean(app, seen)
        app.screen.dismiss(None)
        await pilot.pause()
        await pilot.press("e")  # the export dialog's default path, then "Exported ..."
        assert_clean(app, seen)
        await pilot.press("escape")
        await export_to(app, pilot, str(folder / f"{HOSTILE}.html"))
        assert_clean(app, seen)
        path.unlink()
        edit(app, "Gone")
        await pilot.press("ctrl+s")  # "... was deleted or moved"
        await pilot.pause()
        assert_clean(app, seen)
    shown = "plan\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J\\u202egnp.\\x9b31m"
    everything = "\n".join(seen)
    assert everything.count(shown) >= 10  # the names are there, escaped
    assert f"on {shown}" in everything  # the lock's host
    assert os.path.exists(folder / f"{HOSTILE}.html")


async def test_a_reviewer_exports_without_touching_the_roadmap(roadmap_file: Path) -> None:
    before = roadmap_file.read_bytes()
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await settled(app, pilot)
        await pilot.pause()
        assert app.screen is app.main
    assert roadmap_file.with_suffix(".html").read_text().startswith("<!DOCTYPE html>")
    assert roadmap_file.read_bytes() == before


async def test_notices_never_read_markup_unless_asked(roadmap_file: Path) -> None:
    """A notice naming a file called "[bold]x[/]" shows the name as it is: every notice the
    app posts is plain text unless it asks for markup (seen through message_hook)."""
    from textual.notifications import Notify

    posted: list[Notify] = []
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE, message_hook=lambda m: posted.append(m)
                            if isinstance(m, Notify) else None) as pilot:
        app.notify("Saved [bold]plan[/].toml")
        await pilot.press("down", "shift+down", "ctrl+z")  # the app's own notices too
        await pilot.pause()
    assert posted
    assert all(not m.notification.markup for m in posted)
    assert any(m.notification.message == "Saved [bold]plan[/].toml" for m in posted)
