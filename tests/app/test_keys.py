"""Every key of SPEC section 4, pressed for real, checked in the model, file and screen."""

from __future__ import annotations

import re
from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from roadmap_tui import load, paths
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import ChoiceDialog, HelpScreen
from roadmap_tui.app.keys import key_map
from roadmap_tui.app.screens.present import PresentScreen
from roadmap_tui.app.widgets.owners import OwnersPane
from roadmap_tui.app.widgets.signposts import SignpostList

from .conftest import SIZE, Notices, main_screen, on_main, screen_text, set_input, settled, toasts


async def run_from_palette(pilot: Pilot[None], text: str) -> None:
    """Type into the command palette and press Enter until the first hit has run."""
    await pilot.press("ctrl+p", *text)
    await pilot.pause(0.3)
    for _ in range(3):
        if not isinstance(pilot.app.screen, CommandPalette):
            break
        await pilot.press("enter")
        await pilot.pause(0.1)
    assert not isinstance(pilot.app.screen, CommandPalette)
    await pilot.pause()


def titles(app: RoadmapApp) -> list[str]:
    return [s.title for s in app.document.roadmap.signposts]


async def test_opens_on_the_first_signpost_and_the_editor_follows(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        signposts = app.screen.query_one("#signposts", SignpostList)
        assert app.focused is signposts
        assert signposts.cursor == 0
        first, second = app.document.roadmap.signposts[:2]
        assert app.screen.query_one("#field-title", Input).value == first.title
        await pilot.press("down")
        assert signposts.selected_id == second.id
        assert app.screen.query_one("#field-title", Input).value == second.title
        await pilot.press("up")
        assert signposts.cursor == 0
        for selector in ("#signposts", "#editor", "#owners", "#timeline", "#quick-add"):
            assert app.screen.query_one(selector)


async def test_quick_add_keeps_the_typed_order_and_focus(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app)
        await pilot.press("a")
        capture = app.screen.query_one("#quick-add", Input)
        assert app.focused is capture
        await pilot.press(*"Hi @sok", "enter")
        set_input(app, "#quick-add", "Second idea @Vanna #lat +new due:2021-09")
        await pilot.press("enter")
        after = titles(app)
        assert after[:3] == [before[0], "Hi", "Second idea"]
        assert capture.value == "" and app.focused is capture
        added = app.document.roadmap.signposts[2]
        assert added.owners == ("Vanna",) and added.phase == "Later"
        assert added.tags == ("new",) and str(added.due) == "2021-09-30"
        assert app.document.roadmap.owner_named("Vanna") is not None
        assert main_screen(app).signposts.selected_id == added.id


async def test_quick_add_reports_problems_in_the_capture_line(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        before = app.document.roadmap
        await pilot.press("a")
        set_input(app, "#quick-add", "Call #lat due:2021-02-30")
        await pilot.press("enter")
        capture = app.screen.query_one("#quick-add", Input)
        assert app.document.roadmap is before
        assert capture.value == "Call #lat due:2021-02-30"
        assert "not a real date" in str(app.screen.query_one("#capture-note").render())
        assert capture.has_class("-problem")
        await pilot.pause(0.3)  # a person reading the problem, not keys typed ahead
        await pilot.press("x")
        assert capture.value == "Call #lat due:2021-02-30x"
        assert not capture.has_class("-problem")


async def test_delete_undo_redo(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app)
        await pilot.press("delete")
        assert titles(app) == before[1:]
        assert main_screen(app).signposts.cursor == 0
        await pilot.press("ctrl+z")
        assert titles(app) == before
        assert not app.document.is_modified
        await pilot.press("ctrl+y")
        assert titles(app) == before[1:]
        assert app.document.is_modified


async def test_undoing_a_delete_puts_the_cursor_on_the_restored_signpost(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")
        deleted = main_screen(app).signposts.selected_id
        await pilot.press("delete")
        assert main_screen(app).signposts.selected_id != deleted
        await pilot.press("ctrl+z")
        assert main_screen(app).signposts.selected_id == deleted
        assert app.screen.query_one("#field-title", Input).value == titles(app)[3]


async def test_moving_within_the_list_and_between_phases(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        first = app.document.roadmap.signposts[0]
        assert first.phase == "Now"
        await pilot.press("shift+down")
        assert app.document.roadmap.signposts[1].id == first.id
        assert main_screen(app).signposts.selected_id == first.id
        await pilot.press("shift+up")
        assert app.document.roadmap.signposts[0].id == first.id
        await pilot.press("right_square_bracket")
        assert app.document.roadmap.signposts[0].phase == "Next"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.document.roadmap.signposts[0].phase == "Now"


async def test_a_field_edit_is_one_undo_step(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        original = app.document.roadmap.signposts[0].title
        title = app.screen.query_one("#field-title", Input)
        title.focus()
        await pilot.press("end", *" now", "enter")
        assert app.document.roadmap.signposts[0].title == original + " now"
        await pilot.press(*"!!", "tab", "escape")
        assert app.screen.query_one("#signposts").has_focus
        assert app.document.roadmap.signposts[0].title == original + " now!!"
        await pilot.press("ctrl+z")
        assert app.document.roadmap.signposts[0].title == original + " now"
        assert title.value == original + " now"
        await pilot.press("ctrl+z")
        assert app.document.roadmap.signposts[0].title == original
        assert not app.document.is_modified


async def test_a_refused_field_edit_says_why_and_keeps_the_text(
        roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        before = app.document.roadmap
        set_input(app, "#field-due", "2021-02-30")
        await pilot.press("enter")
        assert app.document.roadmap is before
        assert any("not a real date" in n for n in told)
        due = app.screen.query_one("#field-due", Input)
        assert due.value == "2021-02-30" and due.has_class("-refused")
        await pilot.press("escape", "down", "up")
        assert not due.has_class("-refused")


async def test_filter_counts_and_escape_clears(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        signposts = main_screen(app).signposts
        total = signposts.row_count
        await pilot.press("slash")
        assert app.screen.query_one("#filter").has_focus
        await pilot.press(*"@chab")
        expected = sum("Chab Dai" in s.owners for s in app.document.roadmap.signposts)
        assert signposts.row_count == expected < total
        assert f"{expected} of {total}" in str(signposts.border_title)
        await pilot.press("enter")
        assert app.focused is signposts
        await pilot.press("escape")
        assert signposts.row_count == total


async def test_present_and_back(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PresentScreen)
        text = screen_text(app)
        assert app.document.roadmap.title in text
        await pilot.press("right")  # the report-back's pages: the first phase is next
        assert "Now" in screen_text(app)
        await pilot.press("escape")
        assert on_main(app)


async def test_export_writes_next_to_the_roadmap(roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await pilot.press("e")
        path_field = app.screen.query_one("#export-path", Input)
        assert path_field.value == str(roadmap_file.with_suffix(".html"))
        await pilot.press("enter")
        await settled(app, pilot)
        await pilot.pause()
        written = roadmap_file.with_suffix(".html")
        assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert any(str(written) in n for n in told)


async def test_save_stamps_updated_only_when_changed(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        original = load(roadmap_file)
        await pilot.press("ctrl+s")
        assert load(roadmap_file).updated == original.updated
        await pilot.press("shift+down", "ctrl+s")
        saved = load(roadmap_file)
        assert saved.signposts[1].id == original.signposts[0].id
        assert saved.updated != original.updated
        assert not app.document.is_modified


async def test_untitled_save_asks_for_a_path(tmp_path: Path) -> None:
    app = RoadmapApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        set_input(app, "#quick-add", "First idea")
        await pilot.press("enter", "escape", "ctrl+s")
        target = tmp_path / "group" / "plan.toml"
        target.parent.mkdir()
        set_input(app, "#path", str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert [s.title for s in load(target).signposts] == ["First idea"]
        assert app.document.path == target and not app.document.is_modified


async def test_quit_asks_when_there_are_unsaved_changes(roadmap_file: Path) -> None:
    before = roadmap_file.read_bytes()
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete", "q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        assert on_main(app) and app.is_running
        await pilot.press("q")
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert app.return_code == 0
    assert roadmap_file.read_bytes() == before  # "Don't save": the delete never reached it


async def test_quit_can_save_first(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        gone = app.document.roadmap.signposts[0].id
        await pilot.press("delete", "q")
        await pilot.click("#choice-save")
        await pilot.pause()
    assert load(roadmap_file).signpost_with_id(gone) is None


async def test_quit_without_changes_just_quits(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_read_only_refuses_every_change(roadmap_file: Path, told: Notices) -> None:
    before = roadmap_file.read_bytes()
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        roadmap = app.document.roadmap
        await pilot.press("delete", "shift+down", "right_square_bracket", "a", "ctrl+s",
                          "ctrl+z")
        set_input(app, "#field-title", "Changed")
        await pilot.press("enter")
        assert app.document.roadmap is roadmap
        assert app.screen.query_one("#field-title", Input).value == roadmap.signposts[0].title
        assert any("Read-only" in n for n in told)
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running
    assert roadmap_file.read_bytes() == before
    assert sorted(p.name for p in roadmap_file.parent.iterdir()) == [roadmap_file.name]


async def test_timer_starts_and_pauses(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert not screen.session_timer.timer.running
        await pilot.press("t")
        assert screen.session_timer.timer.running
        header = screen_text(app).splitlines()[0]
        assert "\u23f1 45:00" in header or "\u23f1 44:59" in header
        await pilot.press("t")
        assert not screen.session_timer.timer.running
        assert "\u23f8" in screen_text(app).splitlines()[0]


async def test_help_shows_the_key_map(roadmap_file: Path) -> None:
    """All of it, at 80x24 too: what does not fit is read by paging down (the snapshot
    shows the first page only)."""
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        pages = [screen_text(app)]
        for _ in range(20):
            await pilot.press("pagedown")
            if screen_text(app) == pages[-1]:
                break
            pages.append(screen_text(app))
        text = "\n".join(pages)
        for title, keys in key_map():
            assert title[:20] in text, title
            for key, description in keys:  # the key whole, its words from their start
                start = " ".join(description.split()[:3])
                assert re.search(rf"\s{re.escape(key)} +{re.escape(start)}", text), key
        await pilot.press("escape")
        assert on_main(app)


async def test_keys_remapped_in_settings_work_and_show(roadmap_file: Path, told: Notices) -> None:
    settings = paths.settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[keys]\nsave = "ctrl+w"\nsav = "f2"\n', encoding="utf-8")
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=(120, 80)) as pilot:
        assert any('no command "sav"; did you mean "save"?' in n for n in told)
        await pilot.press("down", "shift+down")
        assert app.document.is_modified
        await pilot.press("ctrl+s")  # no longer save
        assert app.document.is_modified
        await pilot.press("ctrl+w")
        assert not app.document.is_modified
        saved = [signpost.id for signpost in load(roadmap_file).signposts]
        assert saved == [signpost.id for signpost in app.document.roadmap.signposts]
        assert saved[1:3] != sorted(saved[1:3], key=lambda i: int(i[1:]))  # moved
        await pilot.press("question_mark")
        assert re.search(r"\sctrl\+w +save \(asks", screen_text(app))


async def test_palette_jumps_to_a_signpost(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        target = app.document.roadmap.signposts[6]
        await run_from_palette(pilot, f"jump to signpost 7: {target.title[:12]}")
        assert main_screen(app).signposts.selected_id == target.id


async def test_palette_jumps_to_an_owner(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "jump to owner: ayu")
        assert app.screen.query_one("#owner-table").has_focus
        assert app.screen.query_one("#owners", OwnersPane).selected_name == "Ayu"


async def test_the_quit_dialog_answers_by_letter(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete", "q", "c")
        assert app.screen is main_screen(app) and app.is_running
        await pilot.press("q", "d")
        await pilot.pause()
        assert not app.is_running


async def test_time_up_is_announced(roadmap_file: Path) -> None:
    from roadmap_tui.session.timer import SessionTimer

    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        now = [0.0]
        screen = main_screen(app)
        screen.session_timer.timer = SessionTimer(1, lambda: now[0])
        await pilot.press("t")
        now[0] = 61.0
        screen.session_timer.tick()
        await pilot.pause()
        assert any("Time is up" in n for n in toasts(app))
        assert "time up" in screen_text(app).splitlines()[0]


async def test_escape_leaves_the_detail_and_cancels_its_edit(
        roadmap_file: Path, told: Notices) -> None:
    """Escape is the way out of a stray key: the edit not applied yet is dropped, said so."""
    from textual.widgets import TextArea

    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        before = app.document.roadmap
        detail = app.screen.query_one("#field-detail", TextArea)
        detail.focus()
        detail.text = "Line one\nLine [b]two[/b]"
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is main_screen(app).signposts
        assert app.document.roadmap is before
        assert detail.text == before.signposts[0].detail
        assert any("edit cancelled" in n for n in told)


async def test_a_word_starting_with_p_typed_at_the_list_is_typing(roadmap_file: Path) -> None:
    """"plan" typed at the list: the p opens present, the l right after takes it back."""
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("p", "l", "a", "n"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is main_screen(app)
        assert app.screen.query_one("#quick-add", Input).value == "plan"


async def test_tab_applies_a_field_and_escape_cancels_the_next(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        assert app.focused is app.screen.query_one("#editor")  # a pane, not a field
        await pilot.press("tab")
        assert app.focused.id == "field-title"
        await pilot.press("ctrl+u", *"Retitled", "tab")
        await pilot.pause()
        assert app.document.roadmap.signposts[0].title == "Retitled"
        await pilot.press("x", "escape")
        await pilot.pause()
        assert app.document.roadmap.signposts[0].detail == load(roadmap_file).signposts[0].detail


async def test_letters_typed_at_the_list_go_to_the_capture_line(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Made together, as a typist's keys are read: their times are what count, not
        # how long a busy machine takes to handle them.
        for key in ("t", "h", "e", "space", "p", "l", "a", "n"):
            app.post_message(events.Key(key, " " if key == "space" else key))
        await pilot.pause()
        capture = app.screen.query_one("#quick-add", Input)
        assert app.focused is capture and capture.value == "the plan"
        timer = main_screen(app).session_timer.timer
        assert not timer.running  # the t was typing, taken back
        assert not timer.started  # as if never pressed: no "paused" either
        assert not any("Session timer" in n for n in toasts(app))
        assert isinstance(app.screen, type(main_screen(app)))


async def test_the_list_answers_to_option_list_and_data_table_names(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        signposts = main_screen(app).signposts
        assert (signposts.highlighted, signposts.cursor_row) == (0, 0)
        assert signposts.option_count == signposts.row_count == 10
        signposts.cursor_row = 4
        await pilot.pause()
        assert signposts.highlighted == 4
        assert app.screen.query_one("#field-title", Input).value == \
            app.document.roadmap.signposts[4].title


async def test_the_editor_heading_follows_a_move(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+down")
        assert "Signpost 2 of 10" in screen_text(app)
        await pilot.press("ctrl+z")
        assert "Signpost 1 of 10" in screen_text(app)


async def test_a_refused_line_typed_ahead_of_waits_in_the_lines_to_fix(
        roadmap_file: Path, told: Notices) -> None:
    """Keys posted together (one burst): the refused line leaves the capture line for the
    list of lines to fix, the next idea is added, and up brings the refused one back."""
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        for key in ["a", *"Bad", "space", "number_sign", *"zz", "enter", *"Good", "enter"]:
            app.post_message(events.Key(key, {"space": " ", "number_sign": "#"}.get(
                key, key if len(key) == 1 else None)))
        await pilot.pause()
        titles = [s.title for s in app.document.roadmap.signposts]
        assert "Good" in titles and not any("Bad" in t for t in titles)
        assert [line for line, _ in app.main.capture.to_fix] == ["Bad #zz"]
        note = str(app.screen.query_one("#capture-note").render())
        assert "1 line to fix: Bad #zz" in note
        errors = [n for n in told.notifications if n.severity == "error"]
        assert not errors  # the problem is shown under the line, not stacked as notices
        await pilot.press("up")
        assert app.screen.query_one("#quick-add", Input).value == "Bad #zz"
        assert not app.main.capture.to_fix


async def test_a_phase_key_at_the_end_says_so(roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        for _ in range(len(app.document.roadmap.phases) + 1):
            await pilot.press("right_square_bracket")
        before = app.document.roadmap
        app.clear_notifications()
        told.clear()
        await pilot.press("right_square_bracket")
        assert app.document.roadmap is before
        assert "Already in the last phase." in told
