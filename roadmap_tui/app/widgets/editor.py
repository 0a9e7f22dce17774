"""The editor: every field of the selected signpost, drawn as one sheet.

Moving the cursor through 10,000 signposts redraws one widget: the sheet draws
each field's label and text as plain lines. Each field still has its own input,
with the id SPEC section 4 names (``#field-title`` ...) and the selected
signpost's text in it, but only the field being edited is shown, over its line
of the sheet; the others cost nothing to lay out or draw.

A field's text becomes an edit only when the field is left or Enter is
pressed, so one field change is one undo step, never one per keystroke. The
editor only reports ``FieldEdited``; the screen turns it into a model edit and
answers by showing the new roadmap (or the old value, if the edit was refused).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from ...model import Comment, Owner, Roadmap, Signpost, Status
from ...model.fields import field_text
from ...model.text import shown
from ..notices import tell_once
from .signposts import fit_cells

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
        # The editor keeps only the text in a field while it is hidden (``set_reactive``):
        # set it again now, so the input works out its cursor, width and suggestion.
        text = self.value
        self.set_reactive(Input.value, "")
        with self.prevent(Input.Changed):
            self.value = text
        # Tabbing in lands after the text, so typing adds to it rather than before it.
        self.cursor_position = len(self.value)

    def _refuse(self) -> None:
        tell_once(self.app, "Read-only: fields cannot be changed. A comment (at the end of "
                            "the editor) is kept beside the file.")

    async def on_key(self, event: events.Key) -> None:
        if self.read_only and event.is_printable:
            event.stop()
            event.prevent_default()
            self._refuse()

    def on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            event.stop()
            event.prevent_default()
            self._refuse()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in self.EDITING:
            self._refuse()
            return False
        return True


class DetailArea(TextArea):
    """The detail's text area. Loading text into a text area lays out the whole screen
    again (its wrapped size may change), so while it is not being edited it only holds
    the text of the signpost under the cursor (``text`` says it all the same), and loads
    it when it gets the focus."""

    _held: str | None = None

    def hold(self, text: str) -> None:
        if self.has_focus:
            if self.text != text:
                self.text = text
        else:
            self._held = text

    @property
    def text(self) -> str:
        return super().text if self._held is None else self._held

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def load_text(self, text: str) -> None:
        """Text set directly (``text = ...``) replaces the held text."""
        self._held = None
        super().load_text(text)

    def on_focus(self) -> None:
        if self._held is not None:
            self.load_text(self._held)


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



LABEL_CELLS = 11
"""The label column of the sheet; a field's input is drawn to its right."""
FIELD_ORDER = ("title", "detail", *(name for name, *_ in _LINE_FIELDS[1:]))
"""Tab and shift+tab go through the fields in this order (the order on screen)."""
DETAIL_ROWS = 4
_FIRST_ROW = 2
"""The heading, then a blank line, then the fields."""
ROWS = {"title": _FIRST_ROW, "detail": _FIRST_ROW + 1,
        **{name: _FIRST_ROW + 1 + DETAIL_ROWS + index
           for index, (name, *_) in enumerate(_LINE_FIELDS[1:])}}
"""The sheet's line of each field (the detail takes DETAIL_ROWS lines)."""
SHEET_HEIGHT = max(ROWS.values()) + 1
_LABELS = {name: label for name, label, _ in _LINE_FIELDS} | {"detail": "Detail"}
_PLACEHOLDERS = {name: placeholder for name, _, placeholder in _LINE_FIELDS} | {"detail": ""}


class EditorSheet(Widget):
    """The heading and every field of the signpost, label and text, as lines.

    One widget, so a cursor move repaints it once; it never changes size, so it
    never asks for a layout pass. A click on a field's line edits that field.
    """

    COMPONENT_CLASSES = {"editor-sheet--label", "editor-sheet--heading", "editor-sheet--empty",
                         "editor-sheet--refused", "editor-sheet--detail"}

    @dataclass
    class FieldClicked(Message):
        field: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._heading = Text()
        self._texts: Mapping[str, str] = {}
        self._refused: frozenset[str] = frozenset()
        self._detail: tuple[str, int, list[Text]] = ("", 0, [])
        self._strips: list[Strip] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return SHEET_HEIGHT

    def show(self, heading: Text, texts: Mapping[str, str], refused: frozenset[str]) -> None:
        """Draw ``texts`` (each field's text, by name) under ``heading``."""
        if (heading, texts, refused) != (self._heading, self._texts, self._refused):
            self._heading, self._texts, self._refused = heading, texts, refused
            self._strips = None
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None
        self.refresh()

    def on_resize(self) -> None:
        self._strips = None

    def render_line(self, y: int) -> Strip:
        if self._strips is None or len(self._strips) != SHEET_HEIGHT:
            self._strips = self._render_strips(self.size.width)
        return self._strips[y] if 0 <= y < len(self._strips) else Strip.blank(self.size.width)

    def _render_strips(self, width: int) -> list[Strip]:
        """Every line of the sheet, drawn at once: the styles are looked up once a draw."""
        base = self.rich_style
        console = self.app.console

        def part(name: str) -> Style:
            return self.get_component_rich_style(f"editor-sheet--{name}", partial=True)

        label_style, empty = part("label"), part("empty")
        # Whole styles (not partial): their backgrounds are blended over the sheet's.
        refused = self.get_component_rich_style("editor-sheet--refused")
        detail_style = self.get_component_rich_style("editor-sheet--detail")
        room = max(0, width - LABEL_CELLS)
        strips = [Strip.blank(width, base)] * SHEET_HEIGHT
        heading = Segment.apply_style(self._heading.render(console), part("heading"))
        strips[0] = Strip(heading).crop_extend(0, width, None).apply_style(base)
        for name, row in ROWS.items():
            text = self._texts.get(name, "")
            style = refused if name in self._refused else Style()
            if name == "detail":
                lines = self._detail_lines(text, room)
                for offset in range(DETAIL_ROWS):
                    line = lines[offset] if offset < len(lines) else Text()
                    segments = [Segment(fit_cells(_LABELS[name] if not offset else "",
                                                  LABEL_CELLS), label_style),
                                *Segment.apply_style(line.render(console), detail_style + style),
                                Segment(" " * max(0, room - line.cell_len), detail_style + style)]
                    strips[row + offset] = Strip(segments).adjust_cell_length(width).apply_style(
                        base)
                continue
            value = (Segment(fit_cells(shown(text), room), style) if text
                     else Segment(fit_cells(_PLACEHOLDERS[name], room), style + empty))
            strips[row] = Strip([Segment(fit_cells(_LABELS[name], LABEL_CELLS), label_style),
                                 value]).adjust_cell_length(width).apply_style(base)
        return strips

    def _detail_lines(self, text: str, width: int) -> list[Text]:
        """The detail wrapped to ``width``, at most DETAIL_ROWS lines (the last one ends
        in an ellipsis when there is more)."""
        if self._detail[:2] == (text, width):
            return self._detail[2]
        lines = list(Text(shown(text, multiline=True)).wrap(self.app.console, max(1, width)))
        if len(lines) > DETAIL_ROWS:
            lines = lines[:DETAIL_ROWS]
            last = lines[-1]
            last.truncate(max(0, width - 1))
            last.append("\u2026")
        self._detail = (text, width, lines)
        return lines

    def on_click(self, event: events.Click) -> None:
        y = event.y
        for name, row in ROWS.items():
            if row <= y < row + (DETAIL_ROWS if name == "detail" else 1):
                self.post_message(self.FieldClicked(name))
                return


class SignpostEditor(VerticalScroll):
    """A form bound to one signpost of the current roadmap."""

    BINDINGS = [
        Binding("tab", "next_field(1)", "Next field", show=False),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False),
    ]

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
        self._heading = Text()
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
        self._detail.read_only = read_only
        self.query_one("#new-comment", Input).placeholder = (
            "a review comment, Enter" if read_only else "a comment, Enter")

    @property
    def signpost_id(self) -> str | None:
        return None if self._signpost is None else self._signpost.id

    def compose(self) -> ComposeResult:
        yield EditorSheet(id="editor-sheet")
        yield Label("Comments", classes="field-label comments-label")
        yield Static(id="comments", markup=False)
        with Grid(classes="editor-grid"):
            yield Label("Comment", classes="field-label")
            yield Input(placeholder="a comment, Enter", id="new-comment",
                        compact=True)
        # Last, and placed over their lines of the sheet: they take no room in the flow.
        for name in FIELD_ORDER:
            field = (self._detail_area() if name == "detail" else self._line(name))
            field.styles.offset = (LABEL_CELLS, ROWS[name])
            yield field

    def _line(self, name: str) -> FieldInput:
        suggester = (SuggestFromList([s.value for s in Status], case_sensitive=False)
                     if name == "status" else None)
        return FieldInput(placeholder=_PLACEHOLDERS[name], id=f"field-{name}", compact=True,
                          select_on_focus=False, classes="field", suggester=suggester)

    @staticmethod
    def _detail_area() -> DetailArea:
        return DetailArea(id="field-detail", soft_wrap=True, show_line_numbers=False,
                          compact=True, tab_behavior="focus", classes="field")

    @property
    def _detail(self) -> DetailArea:
        return self.query_one("#field-detail", DetailArea)

    def _field(self, name: str) -> Input:
        return self.query_one(f"#field-{name}", Input)

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
            self._field("phase").suggester = SuggestFromList(phases, case_sensitive=False)
            self._phases = phases
        self._owner_values = roadmap.owners
        owners = tuple(o.name for o in roadmap.owners)
        if owners != self._owners:
            self._field("owners").suggester = ListSuggester(owners)
            self._owners = owners
        previous, self._signpost = self._signpost, signpost
        if (previous is None) != (signpost is None):
            for widget in self.query(".field"):
                widget.disabled = signpost is None
        # Filling the fields is the editor's own doing, not typing: nothing to clean.
        with self.prevent(Input.Changed, TextArea.Changed):
            self._fill(roadmap, signpost, previous, position, force=force)
        self._show_sheet()

    def _fill(self, roadmap: Roadmap, signpost: Signpost | None, previous: Signpost | None,
              position: int | None, *, force: bool) -> None:
        if signpost is None:
            self._heading = Text("No signposts to show." if self._read_only
                                 else "No signpost selected. Press a to add one.",
                                 style="italic")
            for name, *_ in _LINE_FIELDS:
                self._field(name).value = ""
            self._detail.hold("")
            self.query_one("#comments", Static).update("")
            self._shown_comments = None
            return
        if position is None:
            position = roadmap.index_of(signpost.id)
        origin = "  \u00b7  ".join(shown(v) for v in (signpost.group, signpost.origin) if v)
        self._heading = Text.assemble(("Signpost ", "bold"), (str(position + 1), "bold"),
                                      f" of {len(roadmap.signposts)}  \u00b7  id {signpost.id}",
                                      f"  \u00b7  {origin}" if origin else "")
        # The field being typed in keeps its text while another field's edit lands (keys
        # that arrived together: the edit of the field left, then letters for this one);
        # its own edit, once applied, shows as the roadmap has it ("wo" became "World").
        typing_in = (self.screen.focused if previous is not None and not force
                     and previous.id == signpost.id else None)
        unchanged = {name for name, *_ in _LINE_FIELDS
                     if previous is not None and typing_in is not None
                     and field_text(previous, name) == field_text(signpost, name)}
        for name, *_ in _LINE_FIELDS:
            field = self._field(name)
            text = field_text(signpost, name)
            field.remove_class("-refused")
            if field is typing_in and name in unchanged:
                continue
            if field.value == text:
                continue
            if field.has_focus:
                field.value = text
                field.cursor_position = 0
            else:
                # Hidden until edited: only the text is kept, none of what shows an input
                # (cursor, suggestion, size) is worked out now; focusing it does that.
                field.set_reactive(Input.value, text)
        detail = self._detail
        detail.remove_class("-refused")
        keep = (detail is typing_in and previous is not None
                and previous.detail == signpost.detail)
        if not keep:
            detail.hold(signpost.detail)
        comments = (signpost.comments, self.review.get(signpost.id, ()))
        if comments != self._shown_comments or force:
            self._shown_comments = comments
            self.query_one("#comments", Static).update(_comments(signpost, comments[1]))

    def _show_sheet(self) -> None:
        """The sheet draws what the fields hold: the signpost's text, or an edit that was
        refused (marked), or one not applied yet."""
        texts = {name: self._field(name).value for name, *_ in _LINE_FIELDS}
        texts["detail"] = self._detail.text
        refused = frozenset(name for name in FIELD_ORDER
                            if self.query_one(f"#field-{name}").has_class("-refused"))
        self.query_one(EditorSheet).show(self._heading, texts, refused)

    # -- editing one field at a time ------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        field = event.widget
        if field.has_class("field"):
            self._fit(field)
            field.add_class("-editing")

    def on_resize(self) -> None:
        for field in self.query(".field.-editing"):
            self._fit(field)

    def _fit(self, field: Widget) -> None:
        """Shown over its line of the sheet, as wide as the sheet's text column."""
        width = max(1, self.scrollable_content_region.width - LABEL_CELLS)
        if field.styles.width is None or field.styles.width.cells != width:
            field.styles.width = width

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        field = event.widget
        self._report(field)
        if field.has_class("field"):
            field.remove_class("-editing")
            self._show_sheet()

    @on(EditorSheet.FieldClicked)
    def _clicked(self, event: EditorSheet.FieldClicked) -> None:
        event.stop()
        self.screen.set_focus(self.query_one(f"#field-{event.field}"))

    def action_next_field(self, step: int) -> None:
        """Tab and shift+tab go from field to field (only the one edited is on screen, so
        Textual's own focus chain would skip the others)."""
        focused = self.screen.focused
        comment = self.query_one("#new-comment", Input)
        if focused is self and step > 0:
            target: Widget = self.query_one(f"#field-{FIELD_ORDER[0]}")
        elif focused is comment and step < 0:
            target = self.query_one(f"#field-{FIELD_ORDER[-1]}")
        elif focused is not None and focused.has_class("field") and focused.id:
            index = FIELD_ORDER.index(focused.id.removeprefix("field-")) + step
            if index < 0:
                raise SkipAction()
            target = (self.query_one(f"#field-{FIELD_ORDER[index]}")
                      if index < len(FIELD_ORDER) else comment)
        else:
            raise SkipAction()
        self.screen.set_focus(target)

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
        elif isinstance(widget, DetailArea):
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
        self._show_sheet()
        return edit.field

    def mark_refused(self, field: str) -> None:
        """Show that the text in ``field`` was not taken (until it is corrected or reloaded)."""
        for widget in self.query(f"#field-{field}"):
            widget.add_class("-refused")
        self._show_sheet()

    def pending(self) -> FieldEdited | None:
        """The edit in the focused field, not applied yet: a save, quit or export must take
        it first, and a posted message would arrive after they have read the model."""
        focused = self.screen.focused
        if focused is not None and focused in self.query(".field"):
            return self._edit_in(focused)
        return None

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
