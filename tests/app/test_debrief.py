"""The debrief form: one key from the list, every field, one undo step, hostile text literal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import FormDialog
from roadmap_tui.app.keys import key_map
from roadmap_tui.model import DEBRIEF_LISTS

from .conftest import SIZE, Notices, main_screen, on_main


def area(app: RoadmapApp, name: str) -> TextArea:
    return app.screen.query_one(f"#form-{name}", TextArea)


async def test_d_opens_the_debrief_and_ctrl_s_saves_it_as_one_undo_step(
        roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        before = app.document.roadmap
        await pilot.press("d")
        assert isinstance(app.screen, FormDialog) and app.screen.id == "debrief"
        assert area(app, "strategy").has_focus
        assert [f"form-{n}" for n in ("strategy", *DEBRIEF_LISTS)] == \
            [w.id for w in app.screen.query(TextArea)]
        area(app, "strategy").text = "Start in the villages,\nthen the ministries."
        area(app, "learnings").text = "Families need jobs too\n\n  [bold]not markup[/]  \n"
        area(app, "asks").text = "Who funds a Khmer translation?\x1b[31m"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert on_main(app)
        roadmap = app.document.roadmap
        assert roadmap.strategy == "Start in the villages,\nthen the ministries."
        assert roadmap.learnings == ("Families need jobs too", "[bold]not markup[/]")
        assert roadmap.asks == ("Who funds a Khmer translation?\ufffd[31m",)
        assert roadmap.goals == before.goals
        assert any("replaced" in n for n in told)
        assert app.document.is_modified
        await pilot.press("ctrl+z")
        assert app.document.roadmap == before


async def test_the_form_shows_what_is_there_and_escape_changes_nothing(
        roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        app.main.action_debrief()
        await pilot.pause()
        area(app, "goals").text = "One goal\nTwo goals"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.document.roadmap.goals == ("One goal", "Two goals")
        await pilot.press("d")
        assert area(app, "goals").text == "One goal\nTwo goals"
        area(app, "goals").text = "changed"
        await pilot.press("escape")
        await pilot.pause()
        assert app.document.roadmap.goals == ("One goal", "Two goals")


async def test_read_only_refuses_the_debrief(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert app.screen is main_screen(app)


def test_the_key_map_lists_d() -> None:
    keys = dict(key for _, keys in key_map() for key in keys)
    assert "debrief" in keys["d"]


async def test_text_typed_right_after_tab_lands_in_the_next_field(roadmap_file: Path) -> None:
    """One terminal read holding "a", tab, "b" (a fast typist, a paste over ssh)."""
    from dataclasses import replace

    from textual import events

    from roadmap_tui import load, save

    save(replace(load(roadmap_file), strategy="", goals=(), outcomes=()), roadmap_file)
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        for key, character in (("a", "a"), ("tab", None), ("b", "b"), ("tab", None),
                               ("c", "c")):
            event = events.Key(key, character)
            event.set_sender(app)
            app.post_message(event)
        await pilot.pause()
        assert [area(app, name).text for name in ("strategy", "goals", "outcomes")] == \
            ["a", "b", "c"]
