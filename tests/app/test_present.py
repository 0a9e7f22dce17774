"""Present mode as the plenary's report-back: pages, keys, clocks, size, literal text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from textual.widgets import Static

from roadmap_tui import load, save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.present import PresentScreen
from roadmap_tui.model import Roadmap, Signpost
from roadmap_tui.model.overview import gaps, signposts_with_gaps
from roadmap_tui.report.pages import report_pages

from .conftest import main_screen, screen_text, set_input
from .test_keys import run_from_palette

TODAY = date(2021, 3, 15)


def present(app: RoadmapApp) -> PresentScreen:
    assert isinstance(app.screen, PresentScreen)
    return app.screen


def debriefed(path: Path) -> Path:
    roadmap = load(path)
    save(replace(roadmap, learnings=("Families need jobs too",),
                 asks=("[bold]Who funds a Khmer translation?[/]",)), path)
    return path


async def test_right_space_and_left_turn_pages_and_escape_returns(roadmap_file: Path) -> None:
    app = RoadmapApp(debriefed(roadmap_file))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = present(app)
        titles = [page.title for page in screen.pages]
        assert titles[0] == "Report-back" and titles[-1].startswith("Gaps")
        assert "Who does what" in titles and "Learnings and asks" in titles
        roadmap = app.document.roadmap
        text = screen_text(app)
        assert roadmap.title in text and roadmap.question in text
        assert f"1/{len(titles)}" in text
        await pilot.press("right")
        assert screen.page == 1 and f"2/{len(titles)}" in screen_text(app)
        await pilot.press("space")
        assert screen.page == 2
        await pilot.press("left")
        assert screen.page == 1
        await pilot.press("left", "left")
        assert screen.page == 0  # the first page stays the first
        await pilot.press("end")
        assert screen.page == len(titles) - 1
        await pilot.press("right")
        assert screen.page == len(titles) - 1
        count = signposts_with_gaps(gaps(roadmap, today=app.today()))
        assert f"Gaps · {count} signposts" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is main_screen(app)


async def test_every_signpost_owner_learning_and_ask_is_on_some_page(roadmap_file: Path) -> None:
    app = RoadmapApp(debriefed(roadmap_file))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = present(app)
        seen = []
        for _ in screen.pages:
            seen.append(screen_text(app))
            await pilot.press("right")
        shown = "\n".join(seen)
        roadmap = app.document.roadmap
        for signpost in roadmap.signposts:
            assert signpost.title in shown
        for owner in roadmap.owners:
            assert owner.name in shown
        assert "Families need jobs too" in shown
        assert "[bold]Who funds a Khmer translation?[/]" in shown  # literal, not markup


def test_phases_share_a_page_when_they_fit_and_take_one_each_when_not() -> None:
    roadmap = Roadmap("R", signposts=tuple(
        Signpost(f"s{n}", f"Signpost {n}", phase="") for n in range(1, 3)))
    titles = [p.title for p in report_pages(roadmap, today=None, width=76, height=20)]
    assert titles == ["Report-back", "Signposts", "Gaps · 2 signposts"]
    long = Roadmap("R", signposts=tuple(Signpost(f"s{n}", f"Signpost {n}")
                                        for n in range(1, 40)))
    pages = report_pages(long, today=None, width=76, height=20)
    phase_pages = [p for p in pages if p.title.startswith("No phase yet")]
    assert [p.title for p in phase_pages] == ["No phase yet"] + \
        ["No phase yet (continued)"] * (len(phase_pages) - 1)
    assert all(len(p.plain.splitlines()) <= 20 for p in pages)  # the gaps too: split
    assert len([p for p in pages if p.title.startswith("Gaps")]) > 1
    shown = "\n".join(p.plain for p in phase_pages)
    assert all(f"Signpost {n}\n" in shown + "\n" for n in range(1, 40))


async def test_the_clocks_are_visible_and_c_pauses_the_countdown(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = present(app)
        assert screen.countdown.running and screen.countdown.minutes == 3
        clocks = str(app.screen.query_one("#present-clocks", Static).render())
        assert "session 45:00 paused" in clocks and "report-back 3:00" in clocks
        await pilot.press("c")
        assert not screen.countdown.running
        assert "report-back 3:00 paused" in str(
            app.screen.query_one("#present-clocks", Static).render())
        await pilot.press("t")  # the session timer, the main screen's own
        assert main_screen(app).session_timer.timer.running
        assert "paused" not in str(app.screen.query_one("#present-clocks", Static).render()
                                   ).split("report-back")[0]
        await pilot.press("r")
        assert screen.countdown.running and screen.countdown.remaining > 179


async def test_the_report_back_length_is_set_from_the_palette(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await run_from_palette(pilot, "set report-back length")
        set_input(app, "#form-minutes", "5")
        await pilot.press("enter")
        await pilot.pause()
        screen = present(app)
        assert screen.countdown.minutes == 5 and screen.countdown.running
        assert app.settings.report_minutes == 5
        await pilot.press("escape")
        await pilot.press("p")
        assert present(app).countdown.minutes == 5


async def test_a_resize_lays_the_pages_out_again_keeping_the_page(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "right")
        screen = present(app)
        wide = len(screen.pages)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert len(screen.pages) >= wide and screen.page == 1


def test_report_pages_show_user_text_literally() -> None:
    from strategies import HOSTILE

    from roadmap_tui.model import Owner, Phase
    from roadmap_tui.report.style import safe

    for hostile in HOSTILE:
        roadmap = Roadmap(f"T {hostile}", question=f"Q {hostile}", goals=(f"G {hostile}",),
                          learnings=(f"L {hostile}",), asks=(f"A {hostile}",),
                          phases=(Phase(f"P {hostile}"),), owners=(Owner(f"O {hostile}"),),
                          signposts=(Signpost("s1", f"S {hostile}", phase=f"P {hostile}",
                                              owners=(f"O {hostile}",)),))
        pages = report_pages(roadmap, today=TODAY, width=76, height=20)
        shown = "\n".join(page.plain for page in pages)
        for prefix in "TQGLAPOS":
            assert f"{prefix} {safe(hostile)}".strip() in shown, (prefix, hostile)
        assert all(not span.style or not str(span.style).startswith("link")
                   for page in pages for block in page.blocks for span in block.spans)


async def test_the_plenary_steps_through_the_groups_each_with_its_countdown(
        tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "plenary.toml"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "examples" / "plenary.toml", path)
    now = [0.0]

    class Clocked(RoadmapApp):
        def clock(self) -> float:
            return now[0]

    app = Clocked(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        assert screen.pages[0].title == "Plenary" and not screen.pages[0].group
        await pilot.press("g")
        first = screen.pages[screen.page]
        assert first.group == "Legal" and first.title == "Legal \u00b7 Report-back"
        assert first.plain.startswith("Legal")  # the group's own cover
        now[0] = 100.0  # the Legal group has been speaking for 100 s
        await pilot.press("g")
        second = screen.pages[screen.page]
        assert second.group == "Prevention"
        assert screen.countdown.text() == "3:00"  # a fresh countdown for the next group
        await pilot.press("shift+g")
        assert screen.pages[screen.page] == first
        await pilot.press("end")
        assert screen.pages[screen.page].title.startswith("Across groups")
