"""The palette's Compare with...: a file or an earlier version, then jump to a signpost."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from roadmap_tui import load, save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import ChoiceDialog, DifferencesDialog, VersionsDialog
from roadmap_tui.model.compare import comparison
from roadmap_tui.model.operations import delete_signpost, update_signpost

from .conftest import SIZE, Notices, on_main, screen_text, set_input


def differences_listed(app: RoadmapApp) -> list[str]:
    assert isinstance(app.screen, DifferencesDialog)
    options = app.screen.query_one("#differences", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_compare_with_a_file_lists_the_changes_and_jumps_to_a_signpost(
        roadmap_file: Path, tmp_path: Path) -> None:
    opened = load(roadmap_file)
    third = opened.signposts[2]
    other = delete_signpost(update_signpost(opened, third.id, title="Older title"),
                            opened.signposts[4].id)
    save(other, tmp_path / "older.toml")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"compare with", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and app.screen.id == "compare-dialog"
        await pilot.press("f")
        await pilot.pause()
        set_input(app, "#path", str(tmp_path / "older.toml"))
        await pilot.press("enter")
        await pilot.pause()
        expected = comparison(other, opened)
        assert differences_listed(app) == [d.line for d in expected]
        fifth, sixth = opened.signposts[4:6]
        # The third's title, the fifth (which the older file lacks), the sixth's dependency.
        assert [d.signpost_id for d in expected] == [third.id, fifth.id, sixth.id]
        assert "Compared with older.toml" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert on_main(app)
        assert app.main.signposts.selected_id == fifth.id
        assert app.document.roadmap == opened  # comparing changes nothing


async def test_compare_with_an_earlier_version(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        first = app.document.roadmap.signposts[0]
        app.main.editing.change("status", lambda r: (update_signpost(r, first.id, status="done"),
                                              first.id))
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.main.action_compare()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, VersionsDialog)
        await pilot.press("enter")
        await pilot.pause()
        lines = differences_listed(app)
        assert lines == [f'signpost {first.id} "{first.title}": status '
                         f'{first.status} -> done']
        await pilot.press("escape")
        await pilot.pause()
        assert on_main(app)


async def test_a_file_that_does_not_load_is_reported_not_compared(
        roadmap_file: Path, tmp_path: Path, told: Notices) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[roadmap\n")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        app.main.action_compare()
        await pilot.pause()
        assert "Earlier version" not in screen_text(app)  # nothing saved yet
        await pilot.press("f")
        await pilot.pause()
        set_input(app, "#path", str(broken))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert any("broken.toml" in n for n in told)
