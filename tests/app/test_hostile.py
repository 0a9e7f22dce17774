"""User text is shown literally everywhere, and nothing in it can act."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui import save
from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.screens.present import PresentScreen
from roadmap_tui.model import Comment, Owner, Phase, Roadmap, Signpost

from .conftest import Notices, screen_text, toasts

CLICK = "[@click=app.quit]quit[/]"
HOSTILE_TITLES = [CLICK, "[bold]loud[/bold] [/]", "[link=https://x.example]x[/link]",
                  "ភាសាខ្មែរ សុវត្ថិភាព", "مرحبا بالعالم", "👩‍👩‍👧 family", "ends with \\"]


def hostile_roadmap() -> Roadmap:
    at = __import__("datetime").datetime(2021, 1, 1, tzinfo=__import__("datetime").UTC)
    return Roadmap(
        title=f"Plan {CLICK}", group="[red]group[/]",
        phases=(Phase("[b]Now[/b]"), Phase("لاحقا")),
        owners=(Owner(CLICK, organisation="[i]org[/i]"), Owner("ស្រី")),
        signposts=tuple(
            Signpost(f"s{i}", title, detail=f"[dim]{title}[/dim]", phase="[b]Now[/b]",
                     owners=(CLICK,), tags=("[x]",),
                     comments=(Comment("[u]me[/u]", at, CLICK),))
            for i, title in enumerate(HOSTILE_TITLES, 1)),
    )


async def test_markup_in_every_field_is_shown_literally_and_never_acts(
        tmp_path: Path, told: Notices) -> None:
    path = tmp_path / "hostile.toml"
    save(hostile_roadmap(), path)
    app = RoadmapApp(path)
    async with app.run_test(message_hook=told, size=(160, 48), notifications=True) as pilot:
        text = screen_text(app)
        assert CLICK in text  # header title, list, editor
        assert "[bold]loud[/bold] [/]" in text
        assert "[red]group[/]" in text
        # Clicks and hovers over every pane are the matrix test's (test_hostile_matrix.py);
        # here: the panes' text, a notice quoting a title, the present view, the palette.
        for pane in ("2", "3", "1"):
            await pilot.press(pane)
            await pilot.pause()
            if pane == "2":
                assert "[i]org[/i]" in screen_text(app)
            if pane == "3":
                assert "[b]Now[/b]" in screen_text(app)
        await pilot.press("escape", "delete")  # a notice that quotes the title
        await pilot.pause(0.3)
        (notice,) = told
        assert any(notice.startswith(f'Deleted "{title}"') for title in HOSTILE_TITLES)
        assert toasts(app) == [notice]  # the toast shows the notice literally
        for y in range(36, 47, 2):
            await pilot.click(offset=(140, y))
        assert app.is_running
        await pilot.press("ctrl+z", "p")
        assert isinstance(app.screen, PresentScreen)
        assert CLICK in screen_text(app)
        for y in range(1, 45, 11):
            await pilot.click(offset=(20, y))
        assert app.is_running
        await pilot.press("escape", "ctrl+p", *"jump to signpost 1")
        await pilot.pause(0.3)
        assert CLICK in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
