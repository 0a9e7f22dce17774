"""The combined plenary roadmap in the app: the list grouped by group (g) and the group: filter."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.widgets.signposts import HEADING, SignpostList

from .conftest import ROOT, SIZE, Notices, screen_text, set_input, settled

PLENARY = ROOT / "examples" / "plenary.toml"
GROUPS = ["Legal", "Prevention", "Freedom business", "Business and supply chains", "Aftercare"]


def plenary(tmp_path: Path) -> RoadmapApp:
    path = tmp_path / "plenary.toml"
    shutil.copyfile(PLENARY, path)
    return RoadmapApp(path)


async def test_g_groups_the_list_under_headings_and_the_cursor_steps_over_them(
    tmp_path: Path, told: Notices
) -> None:
    app = plenary(tmp_path)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        signposts = app.screen.query_one("#signposts", SignpostList)
        await pilot.press("end")
        last = signposts.selected_id
        await pilot.press("g")
        await pilot.pause()
        rows = signposts._rows
        headings = [row for row, position in enumerate(rows) if position == HEADING]
        assert len(headings) == 5 and headings[0] == 0
        assert signposts.row_count == len(app.document.roadmap.signposts) + 5
        assert signposts.selected_id == last  # the cursor stays on its signpost
        assert "5 groups" in str(signposts.border_title)
        assert "\u258dAftercare \u00b7 10 signposts" in screen_text(app)  # scrolled to the end
        await pilot.press("home")
        assert signposts.cursor == 1 and signposts.selected is not None  # not the heading
        await pilot.pause()
        assert "\u258dLegal \u00b7 10 signposts" in screen_text(app)
        await pilot.press("up")
        assert signposts.cursor == 1
        signposts.select_row(headings[1] - 1)  # the last of Legal
        await pilot.press("down")
        assert signposts.cursor == headings[1] + 1  # over Prevention's heading
        assert signposts.selected.group == "Prevention"
        await pilot.press("up")
        assert signposts.cursor == headings[1] - 1
        assert any("Listed by breakout group (5)" in n for n in told)
        await pilot.press("g")
        assert HEADING not in signposts._rows
        assert signposts.row_count == len(app.document.roadmap.signposts)


async def test_the_group_filter_and_grouping_combine(tmp_path: Path) -> None:
    app = plenary(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        signposts = app.screen.query_one("#signposts", SignpostList)
        await pilot.press("g")
        set_input(app, "#filter", "group:business")
        await pilot.pause()
        assert signposts._rows[0] == HEADING
        shown = [app.document.roadmap.signposts[p] for p in signposts._rows[1:]]
        assert len(shown) == 11 and {s.group for s in shown} == {"Business and supply chains"}
        assert str(signposts.border_title).startswith("Signposts: 11 of 49 match")


async def test_editing_while_grouped_keeps_the_headings_in_place(tmp_path: Path) -> None:
    app = plenary(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        signposts = app.screen.query_one("#signposts", SignpostList)
        await pilot.press("g", "down", "down")
        chosen = signposts.selected_id
        await pilot.press("delete")
        await pilot.pause()
        assert chosen not in {s.id for s in app.document.roadmap.signposts}
        assert signposts.selected is not None
        assert signposts.selected_position != HEADING
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert chosen in {s.id for s in app.document.roadmap.signposts}
        assert chosen in {app.document.roadmap.signposts[p].id for p in signposts._rows
                          if p != HEADING}
        assert signposts.selected_position != HEADING


async def test_commitment_cards_from_the_palette(tmp_path: Path, told: Notices) -> None:
    from .test_keys import run_from_palette

    app = plenary(tmp_path)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        await run_from_palette(pilot, "commitment cards")
        form = app.screen
        assert form.query_one("#form-folder", Input).value == str(tmp_path / "plenary-cards")
        form.query_one("#form-format", Input).value = "html"
        await pilot.press("enter", "enter")  # Enter in the last field accepts
        await settled(app, pilot)
        await pilot.pause()
        cards = sorted((tmp_path / "plenary-cards").iterdir())
        assert len(cards) == len(app.document.roadmap.owners)
        assert {c.suffix for c in cards} == {".html"}
        assert any(f"Wrote {len(cards)} commitment cards" in n for n in told)


async def test_country_tables_refuse_a_planted_link_and_say_so(
        tmp_path: Path, told: Notices) -> None:
    app = plenary(tmp_path)
    folder = tmp_path / "plenary-countries"
    folder.mkdir()
    (folder / "cambodia.md").symlink_to(tmp_path / "elsewhere.md")
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        app.main.action_export_by("country")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await settled(app, pilot)
        await pilot.pause()
        assert not (tmp_path / "elsewhere.md").exists()
        assert any("cambodia.md: not written: it is a symbolic link" in n
                   for n in told)
        assert (folder / "thailand.md").is_file()
