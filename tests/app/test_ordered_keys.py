"""``ordered_keys`` on its own, in a small Textual app: keys read together are handled as if
typed slowly, through public Textual API only.

Each burst is posted to the app at once, as one terminal read is, and checked after the
app has gone quiet. The roadmap's own bursts are in test_bursts.py (a real terminal),
test_keys.py, test_panes.py and test_safekeeping.py."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input

from roadmap_tui.app import RoadmapApp, ordered_keys
from roadmap_tui.app.ordered_keys import TakesOwnKeys, answered_by_key, in_order


class Question(ModalScreen[str]):
    """Answered by its first letter, as the app's dialogs are."""

    def compose(self) -> ComposeResult:
        yield Button("yes", id="yes")

    def on_key(self, event: events.Key) -> None:
        if event.character == "y":
            event.stop()
            answered_by_key(self.app, "y", event.time)
            self.dismiss("yes")


class Note(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="note")


class Submitting(TakesOwnKeys, Input):
    """Takes Enter itself, at once, as the capture line does."""

    OWN_KEYS = frozenset({"enter"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines: list[str] = []

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.lines.append(self.value)
            self.value = ""


class Keys(App[None]):
    """Two fields where Enter (an Input binding, then a Submitted message) moves to the
    next, a capture line, and keys that open a screen."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("n", "note", "Note"), Binding("q", "ask", "Ask"), Binding("y", "ask", "Ask")]

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Button("list", id="list")
        yield Input(id="first")
        yield Input(id="second")
        yield Submitting(id="capture")

    async def on_event(self, event: events.Event) -> None:
        if not await in_order(self, event, super().on_event):
            await super().on_event(event)

    @on(Input.Submitted, "#first")
    def _next_field(self) -> None:
        self.query_one("#second").focus()

    def action_note(self) -> None:
        self.push_screen(Note())

    def action_ask(self) -> None:
        self.push_screen(Question(), self.answers.append)

    def value(self, selector: str) -> str:
        return self.screen.query_one(selector, Input).value


def typed(text: str) -> list[events.Key]:
    names = {"\r": ("enter", None), "\t": ("tab", None), " ": ("space", " ")}
    return [events.Key(*names.get(c, (c, c))) for c in text]


async def burst(pilot: Pilot[Any], at: Widget, text: str) -> None:
    """Focus ``at``, then post the keys of ``text`` at once, as one terminal read is."""
    at.focus()
    await pilot.pause()
    for key in typed(text):
        pilot.app.post_message(key)
    await pilot.pause()


async def test_each_enter_and_tab_acts_before_the_keys_after_it() -> None:
    """Enter in ``#first`` runs Input's binding when the key is back at the app, which
    posts Submitted, whose handler moves the focus: the letters after it wait for all of
    that. A Tab (the screen's binding) likewise."""
    app = Keys()
    async with app.run_test() as pilot:
        await burst(pilot, app.query_one("#first"), "one\rtwo\tthree")
        assert (app.value("#first"), app.value("#second")) == ("one", "two")
        assert app.focused is app.query_one("#capture")
        assert app.value("#capture") == "three"


async def test_a_widget_taking_its_own_enter_gets_each_line_whole() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        capture = app.query_one("#capture", Submitting)
        await burst(pilot, capture, "Idea one\rIdea two\rIdea three\r")
        assert capture.lines == ["Idea one", "Idea two", "Idea three"]


async def test_keys_after_one_that_opens_a_screen_land_on_that_screen() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await burst(pilot, app.query_one("#list"), "nsaid")
        assert isinstance(app.screen, Note)
        assert app.value("#note") == "said"


async def test_an_answer_key_read_with_the_answer_stays_with_the_dialog() -> None:
    """``q y y`` read together: the first y answers; the second was meant for the dialog
    too (a double press), not for the screen beneath, where it would ask again."""
    app = Keys()
    async with app.run_test() as pilot:
        await burst(pilot, app.query_one("#list"), "qyy")
        assert app.answers == ["yes"]
        assert not isinstance(app.screen, ModalScreen)


async def test_in_the_roadmap_app_a_burst_into_the_detail_area_stays_there(
        roadmap_file: Path) -> None:
    """A text area takes printable keys itself (they follow each other without waiting);
    the Tab after them still moves on before the letters after it."""
    from textual.widgets import TextArea

    app = RoadmapApp(roadmap_file)
    async with app.run_test() as pilot:
        area = app.screen.query_one("#field-detail", TextArea)
        area.text = ""
        await burst(pilot, area, "Noted\tafter")
        assert area.text == "Noted"
        assert isinstance(app.focused, Input) and "after" in app.focused.value


def _private_uses(tree: ast.AST, own: tuple[str, ...] = ("self", "cls")) -> list[str]:
    """Underscored names reached on anything but ``own`` (a class of our own's instance),
    and imports from a private Textual module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual._"):
            found.append(f"from {node.module} import")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            found += [f"import {a.name}" for a in node.names if a.name.startswith("_")]
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in own)):
            found.append(f".{node.attr}")
    return found


def test_key_order_uses_no_private_textual_api() -> None:
    source = Path(inspect.getfile(ordered_keys)).read_text()
    assert _private_uses(ast.parse(source)) == []
    on_event = textwrap.dedent(inspect.getsource(RoadmapApp.on_event))
    assert _private_uses(ast.parse(on_event), own=()) == []  # self is a Textual App there
    # and the check finds what it looks for
    assert _private_uses(ast.parse("from textual._callback import invoke\napp._parent")) == [
        "from textual._callback import", "._parent"]
    assert _private_uses(ast.parse("self._check_bindings('q')"), own=()) == [
        "._check_bindings"]
