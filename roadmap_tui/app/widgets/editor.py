"""The editor: every field of the selected signpost.

A field's text becomes an edit only when the field is left or Enter is
pressed, so one field change is one undo step, never one per keystroke. The
editor only reports ``FieldEdited``; the screen turns it into a model edit and
answers by showing the new roadmap (or the old value, if the edit was refused).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from ...model import Owner, Roadmap, Signpost, Status
from ...model.fields import field_text
from ...model.text import shown

_LINE_FIELDS = (
    ("title", "Title", "(what the group will do)"),
    ("phase", "Phase", "(none) type a phase's name"),
    ("status", "Status", " | ".join(s.value for s in Status)),
    ("owners", "Owners", "(none) names, comma separated"),
    ("start", "Start", "(none) YYYY-MM-DD or YYYY-MM"),
    ("due", "Due", "(none) YYYY-MM-DD or YYYY-MM"),
    ("tags", "Tags", "(none) comma separated"),
    ("countries", "Countries", "(none) comma separated"),
    ("depends_on", "Depends on", "(none) signpost ids, comma separated"),
)
NO_PHASE = ""


class FieldInput(Input):
    """A one-line field whose size the form fixes (CSS height 1, width 1fr).

    Textual's Input records its text's width as its virtual size, and a change of
    virtual size asks for a layout pass of the whole screen. The form's fields
    never change size with their text, so here the virtual size only repaints:
    moving the cursor through 10,000 signposts refills eight fields per keypress
    without relaying out the screen each time.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def on_focus(self) -> None:
        # Tabbing in lands after the text, so typing adds to it rather than before it.
        self.cursor_position = len(self.value)


class ListSuggester(Suggester):
    """Completes the last name of a comma-separated list ("Ana, ch" offers "Chab Dai").

    Case-sensitive as far as Textual knows, so the names already typed keep their
    case when the suggestion is taken; the matching itself ignores case.
    """

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        taken = {n.strip().casefold() for n in head.split(",")}
        key = typed.casefold()
        for name in self.names:
            if name.casefold().startswith(key) and name.casefold() not in taken:
                return value + name[len(typed):]
        return None


class SignpostEditor(VerticalScroll):
    """A form bound to one signpost of the current roadmap."""

    @dataclass
    class FieldEdited(Message):
        signpost_id: str
        field: str
        text: str

    @dataclass
    class CommentAdded(Message):
        signpost_id: str
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._signpost: Signpost | None = None
        self._phases: tuple[str, ...] = ()
        self._owners: tuple[str, ...] = ()
        self._owner_values: tuple[Owner, ...] = ()
        self._position: int | None = None

    @property
    def signpost_id(self) -> str | None:
        return None if self._signpost is None else self._signpost.id

    def compose(self) -> ComposeResult:
        yield Static(id="editor-heading", markup=False)
        with Grid(classes="editor-grid"):
            yield from self._line("title")
        with Grid(classes="editor-grid", id="editor-detail"):
            yield Label("Detail", classes="field-label")
            yield TextArea(id="field-detail", soft_wrap=True, show_line_numbers=False,
                           compact=True, tab_behavior="focus", classes="field")
        with Grid(classes="editor-grid"):
            for name, *_ in _LINE_FIELDS[1:]:
                yield from self._line(name)
        yield Label("Comments", classes="field-label comments-label")
        yield Static(id="comments", markup=False)
        with Grid(classes="editor-grid"):
            yield Label("Comment", classes="field-label")
            yield Input(placeholder="add a review comment, Enter", id="new-comment",
                        compact=True)

    def _line(self, name: str) -> ComposeResult:
        label, placeholder = next((lbl, ph) for n, lbl, ph in _LINE_FIELDS if n == name)
        suggester = (SuggestFromList([s.value for s in Status], case_sensitive=False)
                     if name == "status" else None)
        yield Label(label, classes="field-label")
        yield FieldInput(placeholder=placeholder, id=f"field-{name}", compact=True,
                         select_on_focus=False, classes="field", suggester=suggester)

    # -- showing ------------------------------------------------------------------------

    def show(self, roadmap: Roadmap, signpost: Signpost | None, position: int | None = None,
             *, force: bool = False) -> None:
        """Fill the form from ``signpost`` (at ``position``, 0-based, when the caller knows
        it); cheap when nothing it shows has changed."""
        phases = tuple(p.name for p in roadmap.phases)
        if (signpost is self._signpost and phases == self._phases
                and roadmap.owners is self._owner_values and position == self._position
                and position is not None and not force):
            return
        self._position = position
        if phases != self._phases:
            # Typing the start of a phase offers the rest (right arrow takes it).
            self.query_one("#field-phase", Input).suggester = SuggestFromList(
                phases, case_sensitive=False)
            self._phases = phases
        self._owner_values = roadmap.owners
        owners = tuple(o.name for o in roadmap.owners)
        if owners != self._owners:
            self.query_one("#field-owners", Input).suggester = ListSuggester(owners)
            self._owners = owners
        previous, self._signpost = self._signpost, signpost
        if (previous is None) != (signpost is None):
            for widget in self.query(".field"):
                widget.disabled = signpost is None
        heading = self.query_one("#editor-heading", Static)
        if signpost is None:
            heading.update(Text("No signpost selected. Press a to add one.", style="italic"))
            for name, *_ in _LINE_FIELDS:
                self.query_one(f"#field-{name}", Input).value = ""
            self.query_one("#field-detail", TextArea).text = ""
            self.query_one("#comments", Static).update("")
            return
        if position is None:
            position = roadmap.index_of(signpost.id)
        position += 1
        # layout=False: these keep their size, and a layout pass per cursor move costs
        # more than everything else the move does.
        origin = "  \u00b7  ".join(shown(v) for v in (signpost.group, signpost.origin) if v)
        heading.update(Text.assemble(("Signpost ", "bold"), (str(position), "bold"),
                                     f" of {len(roadmap.signposts)}  \u00b7  id {signpost.id}",
                                     f"  \u00b7  {origin}" if origin else ""),
                       layout=False)
        for name, *_ in _LINE_FIELDS:
            field = self.query_one(f"#field-{name}", Input)
            text = field_text(signpost, name)
            field.remove_class("-refused")
            if field.value != text:
                field.value = text
                field.cursor_position = 0
        detail = self.query_one("#field-detail", TextArea)
        if detail.text != signpost.detail:
            detail.text = signpost.detail
        if previous is None or previous.comments != signpost.comments:
            self.query_one("#comments", Static).update(_comments(signpost))

    # -- reporting edits --------------------------------------------------------------

    def _report(self, widget: Widget) -> None:
        edit = self._edit_in(widget)
        if edit is not None:
            self.post_message(edit)

    def _edit_in(self, widget: Widget) -> FieldEdited | None:
        """The edit ``widget`` holds that the roadmap does not have yet, if any."""
        if self._signpost is None or widget.id is None or not widget.id.startswith("field-"):
            return None
        name = widget.id.removeprefix("field-")
        if isinstance(widget, Input):
            text = widget.value
        elif isinstance(widget, TextArea):
            text = widget.text
        else:
            return None
        if text == field_text(self._signpost, name):
            return None
        return self.FieldEdited(self._signpost.id, name, text)

    def mark_refused(self, field: str) -> None:
        """Show that the text in ``field`` was not taken (until it is corrected or reloaded)."""
        for widget in self.query(f"#field-{field}"):
            widget.add_class("-refused")

    def pending(self) -> FieldEdited | None:
        """The edit in the focused field, not applied yet: a save, quit or export must take
        it first, and a posted message would arrive after they have read the model."""
        focused = self.screen.focused
        if focused is not None and focused in self.query(".field"):
            return self._edit_in(focused)
        return None

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._report(event.widget)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "new-comment":
            text = event.value.strip()
            if text and self._signpost is not None:
                self.post_message(self.CommentAdded(self._signpost.id, text))
            event.input.value = ""
            return
        self._report(event.input)


def _comments(signpost: Signpost) -> Text:
    if not signpost.comments:
        return Text("none yet", style="italic dim")
    text = Text()
    for index, comment in enumerate(signpost.comments):
        if index:
            text.append("\n")
        text.append(shown(comment.author), "bold")
        text.append(f"  {comment.at:%Y-%m-%d %H:%M}\n", "dim")
        text.append(shown(comment.text, multiline=True))
    return text
