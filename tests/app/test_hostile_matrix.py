"""A matrix of hostile strings in every field of one roadmap file, driven through the app.

Each string sits in a phase, an owner (and its details), and a signpost (title,
detail, tags, countries, a comment). The app opens the file, the user clicks,
hovers and scrolls over every pane, walks the list, presents and searches: the
text must stay literal (markup is never read, actions never fire), control and
bidi-override characters must never reach the screen (the loader has replaced
them with U+FFFD and said so), and nothing may crash, quit or change the roadmap.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.command import CommandPalette
from textual.events import MouseScrollDown, MouseScrollUp
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TabbedContent

from roadmap_tui.app import RoadmapApp
from roadmap_tui.app.dialogs import FormDialog
from roadmap_tui.app.screens.main import MainScreen
from roadmap_tui.app.screens.present import PresentScreen

from .conftest import Notices, on_main, screen_text

SIZE = (160, 48)
# What must never be drawn: C0 controls (newline joins screen lines), DEL, C1 and
# the bidi embeddings, overrides and isolates. Written out here, not imported from
# the app, so that the test does not share a mistake with the code it checks.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Hostile:
    id: str
    text: str
    """What the file holds."""
    shown: str
    """What the screen must show: the text, with U+FFFD for each unsafe character."""

    @property
    def repaired(self) -> bool:
        return self.text != self.shown


def _hostile(id: str, text: str, shown: str | None = None) -> Hostile:
    return Hostile(id, text, text if shown is None else shown)


HOSTILE = [
    _hostile("markup", "[bold]x[/bold]"),
    _hostile("click-quit", "[@click=app.quit]quit[/]"),
    _hostile("click-dismiss", "[@click=screen.dismiss]x[/]"),
    _hostile("unbalanced", "[[[ ]] ["),
    _hostile("open-close-tag", "[/"),
    _hostile("close-tag", "[/]"),
    _hostile("trailing-backslash", "ends \\"),
    _hostile("ansi-sgr", "\x1b[31mred\x1b[0m", "\ufffd[31mred\ufffd[0m"),
    _hostile("osc8-link", "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
             "\ufffd]8;;https://evil.example\ufffdlink\ufffd]8;;\ufffd"),
    _hostile("osc52-clipboard", "\x1b]52;c;ZXZpbA==\x07", "\ufffd]52;c;ZXZpbA==\ufffd"),
    _hostile("c1-controls", "\x9b31m c1 \x85", "\ufffd31m c1 \ufffd"),
    _hostile("nul", "a\x00b", "a\ufffdb"),
    _hostile("bidi-override", "\u202eevil\u202c", "\ufffdevil\ufffd"),
    _hostile("khmer", "ភាសាខ្មែរ"),
    _hostile("thai", "ภาษาไทย"),
    _hostile("emoji-zwj", "👩\u200d👩\u200d👧\u200d👦 family"),
    _hostile("arabic", "مرحبا بالعالم"),
    _hostile("long-word", "w" * 10_000),
]
LONG = 100
"""Strings longer than this cannot be seen whole on a 160-column screen."""


def _visible(hostile: Hostile, length: int = 60) -> str:
    """The part of a long string that a field of ``length`` columns shows."""
    return hostile.shown if len(hostile.shown) <= LONG else hostile.shown[:length]


# -- the file -------------------------------------------------------------------------


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` exactly: controls as \\uXXXX escapes."""
    escaped = []
    for character in text:
        code = ord(character)
        if character in '"\\':
            escaped.append("\\" + character)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E:
            escaped.append(f"\\u{code:04X}")
        else:
            escaped.append(character)
    return '"' + "".join(escaped) + '"'


def toml_list(texts: list[str]) -> str:
    return "[" + ", ".join(toml_string(text) for text in texts) + "]"


def hostile_file_text() -> str:
    texts = [hostile.text for hostile in HOSTILE]
    short = [text for text in texts if len(text) <= LONG]
    lines = [
        "format = 1",
        "",
        "[roadmap]",
        f"title = {toml_string(' | '.join(short[:8]))}",
        f"group = {toml_string(short[1])}",
        f"event = {toml_string(' '.join(short))}",
        f"question = {toml_string(' '.join(short[7:13]))}",
        f"facilitator = {toml_string(short[2])}",
        f"participants = {toml_list(texts)}",
        f"notes = {toml_string(chr(10).join(texts))}",
        "created = 2020-12-11T09:00:00+07:00",
        f"learnings = {toml_list(texts)}",
    ]
    for index, text in enumerate(texts):
        lines += ["", "[[phases]]", f"name = {toml_string(f'P{index} {text}')}",
                  f"description = {toml_string(text)}"]
    for index, text in enumerate(texts):
        lines += ["", "[[owners]]", f"name = {toml_string(f'O{index} {text}')}"]
        lines += [f"{key} = {toml_string(text)}"
                  for key in ("organisation", "role", "country", "contact")]
    for index, text in enumerate(texts):
        lines += [
            "", "[[signposts]]",
            f'id = "s{index}"',
            f"title = {toml_string(f'S{index} {text}')}",
            f"detail = {toml_string(text)}",
            f"phase = {toml_string(f'P{index} {text}')}",
            f"owners = {toml_list([f'O{index} {text}'])}",
            f"tags = {toml_list([text])}",
            f"countries = {toml_list([text])}",
            "", "[[signposts.comments]]",
            f"author = {toml_string(text)}",
            "at = 2020-12-12T10:00:00+07:00",
            f"text = {toml_string(text)}",
        ]
    return "\n".join(lines) + "\n"


def test_the_file_holds_the_raw_strings() -> None:
    """The escapes reach the loader as the very characters (the matrix tests something)."""
    document = tomllib.loads(hostile_file_text())
    for index, hostile in enumerate(HOSTILE):
        signpost = document["signposts"][index]
        assert signpost["detail"] == hostile.text
        assert signpost["title"] == f"S{index} {hostile.text}"
        assert document["owners"][index]["contact"] == hostile.text
        assert signpost["comments"][0]["author"] == hostile.text


# -- the run --------------------------------------------------------------------------


class Seen:
    """Every screen the test looked at, each checked for raw control characters."""

    def __init__(self, app: RoadmapApp) -> None:
        self.app = app
        self.count = 0

    def look(self, where: str) -> str:
        text = screen_text(self.app)
        raw = RAW_CONTROL.search(text)
        assert raw is None, f"{where}: {raw.group()!r} reached the screen:\n{text}"
        self.count += 1
        return text


def _side(app: RoadmapApp) -> str:
    return app.main.query_one("#side", TabbedContent).active


async def _scroll(pilot: Pilot[None], offset: tuple[int, int], *, down: bool) -> None:
    # Pilot has no wheel of its own: the wheel event is posted to the app, as the terminal
    # driver posts it, and the app hands it to the widget under the pointer.
    event = MouseScrollDown if down else MouseScrollUp
    x, y = offset
    pilot.app.post_message(event(None, x, y, 0, 0, 0, False, False, False, x, y))
    await pilot.pause()


async def _still_main(pilot: Pilot[None], app: RoadmapApp, seen: Seen, where: str) -> None:
    """Nothing quit or dismissed the main screen; a dialog a click opened is read, then closed."""
    assert app.is_running, where
    assert app.screen_stack[0] is app.main, where
    while app.screen is not app.main:
        assert len(app.screen_stack) == 2, f"{where}: {app.screen_stack}"
        seen.look(f"{where}: {type(app.screen).__name__}")
        if isinstance(app.screen, FormDialog):  # an owner's form: its name, as it is
            name = app.screen.query_one("#form-name", Input).value
            assert name in [owner.name for owner in app.document.roadmap.owners], where
        await pilot.press("escape")
        assert app.is_running, where
    assert isinstance(app.screen, MainScreen), where


def widget_text(widget: Widget) -> str:
    """All of a widget's lines, scrolled into view or not, as the screen would draw them."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


PANES = {"1": "tab-editor", "2": "tab-owners", "3": "tab-timeline"}
# The side pane, from below its tabs to above the footer; and, once, the list.
SIDE_GRID = [(x, y) for y in (5, 22, 40) for x in (95, 140)]
LIST_GRID = [(30, 20), (30, 44)]  # a row, the quick-add line


async def test_hostile_matrix_is_shown_literally_and_nothing_acts(
        tmp_path: Path, told: Notices) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(hostile_file_text(), encoding="utf-8")
    app = RoadmapApp(path)
    async with app.run_test(message_hook=told, size=SIZE, notifications=True) as pilot:
        seen = Seen(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [s.id for s in app.document.roadmap.signposts] == [
            f"s{index}" for index in range(len(HOSTILE))]

        # The loader's repairs: each one recorded, a few told one by one and the rest in
        # one notice (a hostile file must not bury the screen); the toasts are literal.
        seen.look("open, with the notices")
        warnings = app.document.warnings
        assert len(told) == 4 and told[:3] == list(warnings[:3])
        assert told[3].startswith(f"\u2026 and {len(warnings) - 3} more repairs")
        assert f"roadmap-tui check {path}" in told[3]
        assert all("replaced with U+FFFD" in warning for warning in warnings), warnings
        assert RAW_CONTROL.search("".join(told) + "".join(warnings)) is None
        for index, hostile in enumerate(HOSTILE):
            for section, letter in (("signposts", "S"), ("phases", "P"), ("owners", "O")):
                # The item is named as it now reads: signposts[9] "S8 \ufffd]8;;https...".
                item = f'{section}[{index + 1}] "{letter}{index} {hostile.shown}'[:40]
                said = [warning for warning in warnings if item in warning]
                assert bool(said) == hostile.repaired, (hostile.id, item, said)
        assert any('[roadmap]: key "notes"' in warning for warning in warnings)
        app.clear_notifications()  # read: now the panes can be seen
        await pilot.pause()

        # The list: every title, from its start, as typed.
        text = seen.look("open")
        for index, hostile in enumerate(HOSTILE):
            assert f"S{index} {hostile.shown}"[:24] in text, hostile.id
        header = text.splitlines()[0]
        assert header.startswith(f" {HOSTILE[0].shown} | {HOSTILE[1].shown} | "), header

        # Each pane: its key, then clicks and hovers over the whole screen.
        for key, tab in PANES.items():
            await pilot.press("escape", key)
            await pilot.pause()
            assert _side(app) == tab, key
            pane = seen.look(f"pane {key}")
            if key == "2":
                for index, hostile in enumerate(HOSTILE):
                    assert f"O{index} {_visible(hostile)}" in pane, hostile.id
                # A click on an owner's row, then on it again: the owner's form.
                index = 8
                hostile = HOSTILE[index]
                table = app.main.query_one("#owner-table").region
                row = (table.x + 4, table.y + 1 + index)  # below the table's header
                await pilot.click(offset=row)
                await pilot.click(offset=row)
                assert isinstance(app.screen, FormDialog), hostile.id
                form = seen.look(f"owner form for {hostile.id}")
                for label, value in (("Name", f"O{index} {hostile.shown}"),
                                     ("Organisation", hostile.shown),
                                     ("Contact", hostile.shown)):
                    assert re.search(rf"{label} +{re.escape(value)}", form), label
                await pilot.press("escape")
                await _still_main(pilot, app, seen, f"owner form for {hostile.id}")
            for x, y in SIDE_GRID + (LIST_GRID if key == "1" else []):
                await pilot.click(offset=(x, y))
                await _still_main(pilot, app, seen, f"pane {key}, click {x},{y}")
                assert _side(app) == tab
            for y in (10, 30):
                await pilot.hover(offset=(120, y))
            await _scroll(pilot, (30, 20), down=True)
            await _scroll(pilot, (120, 20), down=True)
            seen.look(f"pane {key}, clicked")
            assert app.is_running

        # Down the list: the editor shows each signpost's fields, literally.
        await pilot.press("escape", "1", "escape", "home")
        await pilot.pause()
        for index, hostile in enumerate(HOSTILE):
            if index:
                await pilot.press("down")
            assert app.main.signposts.selected_id == f"s{index}"
            editor = seen.look(f"editor on {hostile.id}")
            visible = _visible(hostile)
            for label, value in (("Title", f"S{index} {visible}"),
                                 ("Detail", visible),
                                 ("Phase", f"P{index} {visible}"),
                                 ("Owners", f"O{index} {visible}"),
                                 ("Tags", visible),
                                 ("Countries", visible)):
                # A field shows the start of its text: at 160 columns the list takes two
                # thirds of the width (issue 10), so the longest values show their first
                # 40 characters.
                assert re.search(rf"│ {label} +{re.escape(value[:40])}", editor), (
                    hostile.id, label)
            assert _visible(hostile, 40) in editor.split("Comments", 1)[1], hostile.id
        await pilot.press("escape")
        assert app.is_running and app.screen is app.main

        # Present: the report-back, page by page, clicked, hovered and scrolled.
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        seen.look("present")
        pages = []
        for step in range(len(app.screen.pages)):
            if step < 4:
                await pilot.click(offset=(20 + 35 * step, 4 + 12 * step))
                await pilot.hover(offset=(150 - 35 * step, 44 - 12 * step))
                await _scroll(pilot, (80, 24), down=True)
            assert isinstance(app.screen, PresentScreen), step
            seen.look(f"present, page {step}")
            pages.append(widget_text(app.screen.query_one("#present-page")))
            await pilot.press("right")
        assert isinstance(app.screen, PresentScreen)
        whole = "\n".join(pages)
        assert RAW_CONTROL.search(whole) is None
        for index, hostile in enumerate(HOSTILE):
            if len(hostile.shown) <= LONG:
                assert f" S{index} {hostile.shown}" in whole, hostile.id
                assert f"P{index} {hostile.shown}" in whole, hostile.id
                assert f"O{index} {hostile.shown}" in whole, hostile.id
                assert f"• {hostile.shown}" in whole, hostile.id  # a learning
            else:  # wrapped over many lines
                assert re.search(rf" S{index}\s", whole), hostile.id
                assert hostile.shown[:60] in whole, hostile.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.screen is app.main

        # The palette: the jumps list hostile titles literally; escape closes it.
        await pilot.press("ctrl+p", *"jump")
        wanted = [f"Jump to signpost {index + 1}: S{index} {HOSTILE[index].shown}"
                  for index in (0, 1)]
        for _ in range(100):  # the palette searches in the background
            palette = seen.look("palette")
            if all(jump in palette for jump in wanted):
                break
            await pilot.pause(0.02)
        assert all(jump in palette for jump in wanted), palette
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and on_main(app)

        # Nothing the user did changed the roadmap.
        assert not app.document.is_modified
        assert "✓ saved" in seen.look("end").splitlines()[0]
        assert seen.count > 30  # the screens above were all looked at
