"""Owners and timeline panes, the mouse, comments and pane switching."""

from __future__ import annotations

from pathlib import Path

from found import found
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import FormDialog
from roadmap_tui.app.widgets.owners import OwnersPane
from roadmap_tui.app.widgets.timeline import TimelinePane

from .conftest import SIZE, Notices, main_screen, screen_text, set_input


async def fill_form(app: RoadmapApp, pilot: Pilot[None], **values: str) -> None:
    assert isinstance(app.screen, FormDialog)
    for name, value in values.items():
        app.screen.query_one(f"#form-{name}", Input).value = value
    await pilot.click("#ok")
    await pilot.pause()


async def test_owner_add_rename_follow_and_delete(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one("#side", TabbedContent).active == "tab-owners"
        assert app.screen.query_one("#owner-table").has_focus
        await pilot.press("n")
        await fill_form(app, pilot, name="Red Cross", country="KH")
        assert found(app.document.roadmap.owner_named("Red Cross")).country == "KH"
        owners = app.screen.query_one("#owners", OwnersPane)
        owners.select_owner("Chab Dai")
        held = [s.id for s in app.document.roadmap.signposts if "Chab Dai" in s.owners]
        await pilot.press("r")
        await fill_form(app, pilot, name="Chab Dai Cambodia")
        roadmap = app.document.roadmap
        assert [s.id for s in roadmap.signposts if "Chab Dai Cambodia" in s.owners] == held
        assert roadmap.owner_named("Chab Dai") is None
        await pilot.press("d")
        assert app.document.roadmap.owner_named("Chab Dai Cambodia") is None
        assert not any("Chab Dai Cambodia" in s.owners for s in app.document.roadmap.signposts)
        await pilot.press("ctrl+z")
        assert app.document.roadmap.owner_named("Chab Dai Cambodia") is not None


async def test_phase_add_date_move_and_delete(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#timeline").has_focus
        await pilot.press("n")
        await fill_form(app, pilot, name="Someday", start="2022-01", end="2022-06")
        phase = found(app.document.roadmap.phase_named("Someday"))
        assert (str(phase.start), str(phase.end)) == ("2022-01-01", "2022-06-30")
        assert app.screen.query_one("#timeline", TimelinePane).selected_phase == "Someday"
        await pilot.press("shift+left")
        assert [p.name for p in app.document.roadmap.phases][-2:] == ["Someday", "Later"]
        await pilot.press("enter")
        await fill_form(app, pilot, name="Next year")
        roadmap = app.document.roadmap
        assert roadmap.phase_named("Next year") is not None
        await pilot.press("d")
        assert app.document.roadmap.phase_named("Next year") is None


async def test_a_bad_phase_date_is_refused_with_a_notice(roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        before = app.document.roadmap
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("n")
        await fill_form(app, pilot, name="Bad", start="2022-13")
        assert app.document.roadmap is before
        assert any("not a real date" in n for n in told)


async def test_clicking_a_row_selects_it(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        signposts = main_screen(app).signposts
        await pilot.click("#signposts", offset=(10, 4))
        assert signposts.cursor == 3
        third = app.document.roadmap.signposts[3]
        assert app.screen.query_one("#field-title", Input).value == third.title


async def test_phase_status_and_comments_are_undoable_edits(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        set_input(app, "#field-status", "BLO")
        await pilot.press("enter")
        assert app.document.roadmap.signposts[0].status == "blocked"
        set_input(app, "#field-phase", "la")
        await pilot.press("tab")
        assert app.document.roadmap.signposts[0].phase == "Later"
        set_input(app, "#new-comment", "Ask Sokha about [bold]budget[/]")
        await pilot.press("enter")
        comment = app.document.roadmap.signposts[0].comments[-1]
        assert comment.text == "Ask Sokha about [bold]budget[/]"
        assert comment.author == app.document.roadmap.facilitator
        await pilot.press("escape", "ctrl+z", "ctrl+z", "ctrl+z")
        assert app.document.roadmap.signposts[0].status != "blocked"


async def test_z_hides_and_shows_the_side_pane(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        side = app.screen.query_one("#side")
        await pilot.press("z")
        assert not side.display
        await pilot.press("z")
        assert side.display


async def test_clicking_a_phase_column_selects_it(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        timeline = app.screen.query_one("#timeline", TimelinePane)
        board = app.screen.query_one("#phase-board")
        columns = len(app.document.roadmap.phases) + any(
            not s.phase for s in app.document.roadmap.signposts)
        await pilot.click("#phase-board", offset=(board.size.width * 3 // (2 * columns), 0))
        assert timeline.selected_phase == app.document.roadmap.phases[1].name


async def test_owner_names_complete_in_the_editor(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        owners = set_input(app, "#field-owners", "")
        await pilot.press(*"Ayu, wo")
        await pilot.pause(0.1)
        await pilot.press("right", "enter")
        assert owners.value == "Ayu, World Vision"
        assert app.document.roadmap.signposts[0].owners == ("Ayu", "World Vision")


async def test_roadmap_details_from_the_palette_action(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        app.main.action_edit_roadmap()
        await pilot.pause()
        await fill_form(app, pilot, title="Legal route, revised", participants="Ana, Sok")
        roadmap = app.document.roadmap
        assert (roadmap.title, roadmap.participants) == ("Legal route, revised", ("Ana", "Sok"))
        assert "Legal route, revised" in screen_text(app).splitlines()[0]


async def test_read_only_opens_no_forms(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        for keys in (("2", "n"), ("3", "n")):
            await pilot.press(*keys)
            await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
        app.main.action_edit_roadmap()
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)


async def test_a_burst_in_the_roadmap_details_form_fills_each_field(roadmap_file: Path) -> None:
    """Keys read together (one paste, a laggy link): each Enter moves to the next field
    before the letters after it land, so no field gets another's text."""
    from textual import events

    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        app.main.action_edit_roadmap()
        await pilot.pause()
        keys: list[tuple[str, str | None]] = [("ctrl+u", None), ("ctrl+k", None)]
        for text in ("New title", "New group"):
            keys += [("space" if c == " " else c, c) for c in text]
            keys += [("enter", None), ("ctrl+u", None), ("ctrl+k", None)]
        for key, character in keys:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.screen.query_one("#form-title", Input).value == "New title"
        assert app.screen.query_one("#form-group", Input).value == "New group"
