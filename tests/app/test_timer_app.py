"""The session timer in the app: a new length, present mode, the time-up notice."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.present import PresentScreen
from roadmap_tui.session.timer import SessionTimer

from .conftest import SIZE, Notices, screen_text, set_input, toasts


async def test_setting_the_length_keeps_the_timer_running(
        roadmap_file: Path, told: Notices) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(message_hook=told, size=SIZE) as pilot:
        now = [0.0]
        app.main.session_timer.timer = SessionTimer(45, lambda: now[0])
        await pilot.press("t")
        now[0] = 300.0
        app.main.action_set_timer()
        await pilot.pause()
        set_input(app, "#form-minutes", "30")
        await pilot.press("enter")
        await pilot.pause()
        timer = app.main.session_timer.timer
        assert timer.running and timer.text() == "25:00"
        assert any("still running, 25:00 left" in n for n in told)


async def test_present_mode_shows_the_timer(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "p")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        bar = screen_text(app).splitlines()[0]
        assert "session 45:00" in bar or "session 44:5" in bar


async def test_the_time_up_notice_goes_when_the_timer_restarts(roadmap_file: Path) -> None:
    app = RoadmapApp(roadmap_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        now = [0.0]
        screen = app.main
        screen.session_timer.timer = SessionTimer(1, lambda: now[0])
        await pilot.press("t")
        now[0] = 61.0
        screen.session_timer.tick()
        await pilot.pause()
        assert any("Time is up" in n for n in toasts(app))
        await pilot.press("t")
        await pilot.pause()
        assert not any("Time is up" in n for n in toasts(app))
        assert screen.session_timer.timer.running
