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

from ...model import Comment, Owner, Roadmap, Signpost, Status
from ...model.fields import field_text
from ...model.text import shown
from ..notices import tell_once

_LINE_FIELDS = (
    ("title", "Title", "(what the group will do)"),
    ("phase", "Phase", "(none) a phase"),
    ("status", "Status", " | ".join(s.value for s in Status)),
    ("owners", "Owners", "(none) a, b"),
    ("start", "Start", "(none) YYYY-MM(-DD)"),
    ("due", "Due", "(none) YYYY-MM(-DD)"),
    ("tags", "Tags", "(none) a, b"),
    ("countries", "Countries", "(none) a, b"),
    ("depends_on", "Depends on", "(none) ids: s1, s2"),
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
    read_only = False
    """In review: the text can be read, selected and copied, never changed."""

    EDITING = frozenset({"delete_left", "delete_right", "delete_left_word",
                         "delete_right_word", "delete_left_all", "delete_right_all", "cut",
                         "paste"})

    def on_focus(self) -> None:
        # Tabbing in lands after the text, so typing adds to it rather than before it.
        self.cursor_position = len(self.value)

    def _refuse(self) -> None:
        tell_once(self.app, "Read-only: fields cannot be changed. A comment (at the end of "
                            "the editor) is kept beside the file.")

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only and event.is_printable:
            event.stop()
            event.prevent_default()
            self._refuse()

    def _on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            event.stop()
            event.prevent_default()
            self._refuse()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in self.EDITING:
            self._refuse()
            return False
        return True


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
        self._read_only = False
        self._shown_comments: tuple[tuple[Comment, ...], tuple[Comment, ...]] | None = None
        self.review: dict[str, tuple[Comment, ...]] = {}
        """Reviewers' comments kept beside the file, by signpost id (shown, never edited)."""

    @property
    def read_only(self) -> bool:
        return self._read_only

    @read_only.setter
    def read_only(self, read_only: bool) -> None:
        if read_only == self._read_only:
            return
        self._read_only = read_only
        for field in self.query(FieldInput):
            field.read_only = read_only
        self.query_one("#field-detail", TextArea).read_only = read_only
        self.query_one("#new-comment", Input).placeholder = (
            "a review comment, Enter" if read_only else "a comment, Enter")

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
            yield Input(placeholder="a comment, Enter", id="new-comment",
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
            heading.update(Text("No signposts to show." if self._read_only
                                else "No signpost selected. Press a to add one.",
                                style="italic"))
            for name, *_ in _LINE_FIELDS:
                self.query_one(f"#field-{name}", Input).value = ""
            self.query_one("#field-detail", TextArea).text = ""
            self.query_one("#comments", Static).update("")
            self._shown_comments = None
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
        # The field being typed in keeps its text while another field's edit lands (keys
        # that arrived together: the edit of the field left, then letters for this one);
        # its own edit, once applied, shows as the roadmap has it ("wo" became "World").
        typing_in = (self.screen.focused if previous is not None and not force
                     and previous.id == signpost.id else None)
        unchanged = {name for name, *_ in _LINE_FIELDS
                     if previous is not None and typing_in is not None
                     and field_text(previous, name) == field_text(signpost, name)}
        for name, *_ in _LINE_FIELDS:
            field = self.query_one(f"#field-{name}", Input)
            text = field_text(signpost, name)
            field.remove_class("-refused")
            if field is typing_in and name in unchanged:
                continue
            if field.value != text:
                field.value = text
                field.cursor_position = 0
        detail = self.query_one("#field-detail", TextArea)
        keep = (detail is typing_in and previous is not None
                and previous.detail == signpost.detail)
        if not keep and detail.text != signpost.detail:
            detail.text = signpost.detail
        comments = (signpost.comments, self.review.get(signpost.id, ()))
        if comments != self._shown_comments or force:
            self._shown_comments = comments
            self.query_one("#comments", Static).update(_comments(signpost, comments[1]))

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

    def revert(self, widget: Widget) -> str | None:
        """Put back the signpost's value in ``widget``, dropping an edit not applied yet;
        returns the field's name when there was one."""
        edit = self._edit_in(widget)
        if edit is None or self._signpost is None:
            return None
        text = field_text(self._signpost, edit.field)
        if isinstance(widget, Input):
            widget.value = text
            widget.cursor_position = 0  # the focus leaves: show the start again
        elif isinstance(widget, TextArea):
            widget.text = text
        widget.remove_class("-refused")
        return edit.field

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


def _comments(signpost: Signpost, review: tuple[Comment, ...] = ()) -> Text:
    if not signpost.comments and not review:
        return Text("none yet", style="italic dim")
    text = Text()
    for index, comment in enumerate((*signpost.comments, *review)):
        if index:
            text.append("\n")
        text.append(shown(comment.author), "bold")
        text.append(f"  {comment.at:%Y-%m-%d %H:%M}", "dim")
        if index >= len(signpost.comments):
            text.append("  (review)", "italic dim")
        text.append("\n")
        text.append(shown(comment.text, multiline=True))
    return text
