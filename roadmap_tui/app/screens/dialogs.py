"""Modal dialogs: a choice, a path, a small form, export settings, versions, differences,
the key map.

Each returns its answer through ``answer`` (None when cancelled with escape),
so the main screen reads like the conversation it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ...model.text import shown_name
from ..ordered_keys import answered_by_key

AnswerType = TypeVar("AnswerType")


class Dialog(ModalScreen[AnswerType]):
    """A modal that answers once: keys that arrived together (a fast typist, a laggy
    remote terminal) must not answer twice and pop the screen beneath."""

    _answered = False

    def answer(self, result: AnswerType | None) -> None:
        if not self._answered:
            self._answered = True
            self.dismiss(result)


class ChoiceDialog(Dialog[str | None]):
    """A question with a few buttons; escape answers None (cancel).

    Each answer also has a key, its label's first letter (shown as ``s Save``),
    so the facilitator can answer without reaching for tab or the mouse.
    ``details`` (what differs, for example) are listed under the question. A
    question that must be answered (``can_cancel=False``) ignores escape.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: Sequence[tuple[str, str]], *,
                 title: str = "", id: str | None = None, details: Sequence[str] = (),
                 can_cancel: bool = True) -> None:
        super().__init__(id=id)
        # Questions name files and hosts: one last pass of the cleaning function.
        self._question = shown_name(question, keep_newlines=True)
        self._choices = choices
        self._title = title
        self._details = [shown_name(line) for line in details]
        self._can_cancel = can_cancel
        self._keys = {label[0].casefold(): answer for label, answer in choices}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self._title:
                yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Static(Text(self._question), classes="dialog-question")
            if self._details:
                with VerticalScroll(classes="dialog-details"):
                    yield Static(Text("\n".join(f"\u2022 {line}" for line in self._details)))
            with Horizontal(classes="dialog-buttons"):
                for index, (label, answer) in enumerate(self._choices):
                    yield Button(Text.assemble((label[0].casefold(), "underline"), " ", label),
                                 id=f"choice-{answer}",
                                 variant="primary" if index == 0 else "default")
            hint = ("the first letter answers; escape cancels" if self._can_cancel
                    else "the first letter answers")
            yield Static(Text(hint, style="dim"))

    def on_key(self, event: events.Key) -> None:
        answer = self._keys.get((event.character or "").casefold())
        if answer is not None:
            event.stop()
            if not self._answered:
                answered_by_key(self.app, self._keys, event.time)
            self.answer(None if answer == "cancel" else answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        answer = event.button.id.removeprefix("choice-")
        self.answer(None if answer == "cancel" else answer)

    def action_cancel(self) -> None:
        if self._can_cancel:
            self.answer(None)
        else:
            self.app.bell()


class PathDialog(Dialog[Path | None]):
    """Ask for a file path; recent files can be picked from a list."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str = "", *, recent: Sequence[str] = (),
                 action: str = "OK") -> None:
        super().__init__()
        self._title = title
        self._default = default
        self._recent = recent
        self._action = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            # A text field draws its value raw: a path holding escape sequences is offered
            # escaped (the one cleaning function), as the user sees it everywhere else.
            yield Input(shown_name(self._default), placeholder="path/to/roadmap.toml",
                        id="path")
            if self._recent:
                yield Label("Recent files")
                yield OptionList(*(Option(Text(shown_name(name)), id=name)
                                   for name in self._recent),
                                 id="recent")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._action, id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.notify("Type a file path first.", severity="warning", markup=False)
            return
        self.answer(Path(text).expanduser())

    @on(OptionList.OptionSelected, "#recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.answer(Path(event.option.id))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    multiline: bool = False
    """A text area (several lines; Enter starts a new line, tab moves on) for text and
    for lists of sentences, one a line, such as the debrief's."""


class _FormField(Input):
    """A form's line: Enter moves on (or accepts) at once, before the next key is read, so
    keys typed ahead after an Enter land in the next field, not this one."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and isinstance(self.screen, FormDialog):
            event.stop()
            event.prevent_default()
            self.screen.enter_in(self)


class FormDialog(Dialog[dict[str, str] | None]):
    """A few fields (an owner, a phase, the timer, the debrief); Enter in the last
    one-line field saves, and so does ctrl+s or the OK button."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "accept", "OK", priority=True),
                Binding("tab", "move_focus(1)", "Next field", show=False, priority=True),
                Binding("shift+tab", "move_focus(-1)", "Previous field", show=False,
                        priority=True)]

    def __init__(self, title: str, fields: Sequence[FormField], *, id: str | None = None,
                 hint: str = "") -> None:
        super().__init__(id=id)
        self._title = title
        self._fields = fields
        self._hint = hint

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", can_focus=False):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            if self._hint:
                yield Static(Text(self._hint, style="dim italic"), classes="dialog-question")
            for field in self._fields:
                with Horizontal(classes="form-row"):
                    yield Label(field.label, classes="form-label")
                    if field.multiline:
                        area = TextArea(field.value, id=f"form-{field.name}", compact=True,
                                        soft_wrap=True, show_line_numbers=False,
                                        tab_behavior="focus", placeholder=field.placeholder)
                        area.cursor_blink = False
                        yield area
                    else:
                        yield _FormField(field.value, placeholder=field.placeholder,
                                         id=f"form-{field.name}", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def enter_in(self, field: Input) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(field)
        if index + 1 < len(inputs):
            self.set_focus(inputs[index + 1])
        else:
            self._accept()

    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        self.answer({f.name: self.query_one(f"#form-{f.name}", TextArea).text if f.multiline
                     else self.query_one(f"#form-{f.name}", Input).value
                     for f in self._fields})

    def action_accept(self) -> None:
        self._accept()

    def action_move_focus(self, step: int) -> None:
        """Tab moves on as the key arrives, not after the keys read with it: text typed
        right after a tab (a fast typist, a paste, a laggy terminal) lands in the next
        field rather than the one being left."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        # Said, so that a Cancel reached by one Tab too many is never a silent loss.
        self.notify(f"{self._title}: cancelled, nothing changed.", markup=False, timeout=3)
        self.answer(None)


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: Path


class ExportDialog(Dialog[ExportChoice | None]):
    """Pick the format and where to write; the suffix follows the format."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    SUFFIX = {"text": ".txt", "ansi": ".ans", "html": ".html", "svg": ".svg", "md": ".md"}

    def __init__(self, base: Path, fmt: str = "html") -> None:
        super().__init__()
        self._base = base
        self._fmt = fmt

    def compose(self) -> ComposeResult:
        from ...report.export import FORMATS  # Rich's exporters: loaded when first needed

        with Vertical(classes="dialog"):
            yield Static(Text("Export the summary", style="bold"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Format", classes="form-label")
                yield Select([(Text(f), f) for f in FORMATS], value=self._fmt,
                             allow_blank=False, id="export-format", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("File", classes="form-label")
                yield Input(shown_name(self._path_for(self._fmt)), id="export-path",
                            compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _path_for(self, fmt: str) -> Path:
        return self._base.with_suffix(self.SUFFIX[fmt])

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        field = self.query_one("#export-path", Input)
        current = Path(field.value.strip() or str(self._base))
        if current.suffix.lower() in self.SUFFIX.values() or not current.suffix:
            field.value = str(current.with_suffix(self.SUFFIX[fmt]))
        self._fmt = fmt

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        """The format follows the typed suffix, as on the command line; a name without
        one gets the chosen format's, and an unknown one is refused here."""
        from ...report.export import SUFFIXES, format_for_path

        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.notify("Type where to write the summary.", severity="warning", markup=False)
            return
        path = Path(text).expanduser()
        fmt = format_for_path(path)
        if fmt is None and path.suffix:
            self.notify(f'"{shown_name(path.suffix)}" is not a format roadmap-tui writes: '
                        f"end the name with {', '.join(SUFFIXES)}.", severity="error",
                        markup=False, timeout=10)
            return
        if fmt is None:
            fmt, path = self._fmt, path.with_name(path.name + self.SUFFIX[self._fmt])
        self.answer(ExportChoice(fmt, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)


class VersionsDialog(Dialog[Path | None]):
    """The local history of one file, newest first; choosing one answers its path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    RESTORE = ("Each save keeps the version it replaced, listed by when it was replaced, "
               "newest first. Restoring one is an ordinary change: ctrl+z takes it back, "
               "ctrl+s keeps it.")

    def __init__(self, file_name: str, versions: Sequence[tuple[Path, str]], *,
                 intro: str = RESTORE) -> None:
        super().__init__(id="versions-dialog")
        self._file_name = file_name
        self._versions = versions
        self._intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Earlier versions of {self._file_name}", style="bold"),
                         classes="dialog-title")
            yield Static(Text(self._intro), classes="dialog-question")
            yield OptionList(*(Option(Text(label), id=str(path))
                               for path, label in self._versions), id="versions")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#versions", OptionList).focus()

    @on(OptionList.OptionSelected, "#versions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.answer(Path(event.option.id))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)


class DifferencesDialog(Dialog[str | None]):
    """What changed between two versions, one line each; choosing a line that is
    about a signpost answers that signpost's id (the others cannot be chosen)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, intro: str, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__(id="differences-dialog")
        self._title = title
        self._intro = intro
        self._rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Static(Text(self._intro), classes="dialog-question")
            if self._rows:
                yield OptionList(*(Option(Text(line), id=str(index), disabled=not target)
                                   for index, (line, target) in enumerate(self._rows)),
                                 id="differences")
            else:
                yield Static(Text("No differences in content."), id="no-differences")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="cancel")

    def on_mount(self) -> None:
        if self._rows:
            self.query_one("#differences", OptionList).focus()

    @on(OptionList.OptionSelected, "#differences")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.answer(self._rows[int(event.option.id)][1] or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)


class HelpScreen(Dialog[None]):
    """The key map, from the bindings themselves so it cannot drift from them."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help", id="help"):
            yield Static(Text("Keys", style="bold"), classes="dialog-title")
            for title, keys in self._sections:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0),
                              title=Text(title, style="bold"), title_justify="left")
                table.add_column(style="bold", no_wrap=True, width=16)
                table.add_column()
                for key, description in keys:
                    table.add_row(Text(key), Text(description))
                yield Static(table)
            yield Static(Text("escape closes this", style="dim italic"))

    def action_close(self) -> None:
        self.answer(None)
