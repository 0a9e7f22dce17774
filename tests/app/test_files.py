"""Opening, saving and settings: every failure is a notice and the app keeps running."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from roadmap_tui import load, loads
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import ChoiceDialog, PathDialog
from roadmap_tui.cli import demo_text
from roadmap_tui.paths import settings_file
from roadmap_tui.settings import read_settings

from .conftest import SIZE, Notices, on_main, screen_text, set_input


async def test_a_broken_file_on_the_command_line_starts_on_its_error(tmp_path: Path) -> None:
    """Never an empty roadmap that looks like the group's work vanished: the file, the line
    and the message, with Open another, New untitled and Quit."""
    from roadmap_tui.app.screens.broken import BrokenFileScreen

    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[roadmap\n", encoding="utf-8")
    app = RoadmapApp(broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrokenFileScreen)
        text = screen_text(app)
        assert "broken.toml" in text and "line 2" in text and "invalid TOML" in text
        for choice in ("Open another", "New untitled", "Quit"):
            assert choice in text
        await pilot.press("n")
        await pilot.pause()
        assert on_main(app) and app.document.path is None
    assert broken.read_text(encoding="utf-8") == "format = 1\n[roadmap\n"


async def test_the_broken_file_screen_opens_another_or_quits(
        tmp_path: Path, roadmap_file: Path) -> None:
    from roadmap_tui.app.screens.broken import BrokenFileScreen

    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[roadmap]\ntitle = 3\n", encoding="utf-8")
    app = RoadmapApp(broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        set_input(app, "#path", "")
        await pilot.press("escape")  # nothing chosen: the error stays on screen
        await pilot.pause()
        assert isinstance(app.screen, BrokenFileScreen)
        await pilot.press("o")
        await pilot.pause()
        set_input(app, "#path", str(roadmap_file))
        await pilot.press("enter")
        await pilot.pause()
        assert on_main(app) and app.document.path == roadmap_file
    app = RoadmapApp(broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_missing_file_is_created_on_first_save(tmp_path: Path) -> None:
    path = tmp_path / "new-plan.toml"
    app = RoadmapApp(path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.document.roadmap.title == "New plan"
        assert not path.exists()
        await pilot.press("ctrl+s")
        assert load(path).title == "New plan"


async def test_open_asks_about_unsaved_changes_and_reports_bad_files(
        roadmap_file: Path, tmp_path: Path, told: Notices) -> None:
    other = tmp_path / "other.toml"
    other.write_text(demo_text(), encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"\xff\xfe")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.press("delete", "ctrl+o")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        set_input(app, "#path", str(broken))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.document.path == roadmap_file
        assert any("broken.toml" in n for n in told)
        app.main.run_worker(app.main.files.open_path(other))
        await pilot.pause()
        assert app.document.path == other and not app.document.is_modified
        assert app.screen.query_one("#field-title", Input).value == \
            app.document.roadmap.signposts[0].title
    assert str(other.resolve()) in read_settings(settings_file())[0].recent_files


async def test_the_demo_copy_saves_only_where_asked(tmp_path: Path) -> None:
    app = RoadmapApp(roadmap=loads(demo_text()))
    async with app.run_test(size=SIZE) as pilot:
        assert not app.document.on_disk and not app.document.is_modified
        assert "not saved yet" in screen_text(app).splitlines()[0]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PathDialog)
        target = tmp_path / "ours.toml"
        set_input(app, "#path", str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert load(target).title == loads(demo_text()).title


async def test_save_as_asks_before_replacing(roadmap_file: Path, tmp_path: Path) -> None:
    existing = tmp_path / "existing.toml"
    existing.write_text("keep me", encoding="utf-8")
    app = RoadmapApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        set_input(app, "#path", str(existing))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        assert existing.read_text(encoding="utf-8") == "keep me"


async def test_a_failed_save_keeps_the_edits(
        roadmap_file: Path, tmp_path: Path, told: Notices) -> None:
    app = RoadmapApp()
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.press("a")
        set_input(app, "#quick-add", "Keep this")
        await pilot.press("enter", "escape", "ctrl+s")
        set_input(app, "#path", str(tmp_path / "no" / "such" / "folder.toml"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.document.is_modified and app.is_running
        assert any("changes are still here" in n for n in told)


async def test_broken_settings_are_reported_and_ignored(roadmap_file: Path, told: Notices) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("timer_minutes = 'soon'\n", encoding="utf-8")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.pause()
        assert app.main.session_timer.timer.minutes == 45
        assert any("timer_minutes" in n for n in told)


async def test_theme_and_timer_length_are_remembered(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "roadmap-high-contrast"
        app.main.action_set_timer()
        await pilot.pause()
        set_input(app, "#form-minutes", "30")
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.session_timer.timer.minutes == 30
    settings, problems = read_settings(settings_file())
    assert (settings.theme, settings.timer_minutes, problems) == (
        "roadmap-high-contrast", 30, [])
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE):
        assert app.theme == "roadmap-high-contrast"
        assert app.main.session_timer.timer.minutes == 30
