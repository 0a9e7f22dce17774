"""The main screen: the panes bound to the open roadmap, and every key of SPEC section 4.

Widgets only show and ask. Every change goes through ``_change``: a pure model
edit gives a new roadmap, the document records it (or refuses it when
read-only), and the panes are shown the result. Files, export and the timer
live in ``FileActions`` (files.py, with the safekeeping of keeping.py), and the
owner, phase and roadmap forms in ``PaneForms`` (forms.py), to keep this module
about editing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, TabbedContent, TabPane, TextArea

from ...model import Roadmap, Status
from ...model.fields import edit_field
from ...model.operations import (
    RoadmapEditError,
    add_comment,
    delete_signpost,
    move_signpost,
    shift_phase,
)
from ...model.quickadd import QuickAddError, apply_quick_add, parse_quick_add
from ...model.search import SignpostFilter, parse_filter
from ...model.text import clean_text, has_unsafe_characters
from ...model.validate import MULTILINE_FIELDS
from ...summary_style import STATUS_MARKS
from ..document import Document, ReadOnlyError, now
from ..widgets.editor import SignpostEditor
from ..widgets.header import RoadmapHeader
from ..widgets.owners import OwnersPane
from ..widgets.signposts import SignpostList
from ..widgets.timeline import TimelinePane
from .comparing import Comparing
from .dialogs import HelpScreen
from .files import FileActions
from .forms import PaneForms

Change = Callable[[Roadmap], tuple[Roadmap, str | None]]
SIDE_TABS = {"editor": "tab-editor", "owners": "tab-owners", "timeline": "tab-timeline"}
SIDE_FOCUS = {"editor": "#field-title", "owners": "#owner-table", "timeline": "#timeline"}

EDITING_ACTIONS = frozenset({"quick_add", "save", "undo", "redo", "delete_signpost", "move",
                             "shift_phase", "export"})
WIDE_SCREEN = 140
QUICK_ADD_HINT = "Add: Title words @Owner #Phase +tag due:2021-03-31 start:2021-01"


class MainScreen(Comparing, FileActions, PaneForms, Screen[None]):
    BINDINGS = [
        Binding("a", "quick_add", "Add", priority=True),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("delete", "delete_signpost", "Delete"),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("left_square_bracket", "shift_phase(-1)", "Phase \u2190", show=False),
        Binding("right_square_bracket", "shift_phase(1)", "Phase \u2192", show=False),
        Binding("slash", "filter", "Filter", priority=True),
        Binding("p", "present", "Present"),
        Binding("e", "export", "Export"),
        Binding("t", "timer", "Timer"),
        Binding("question_mark", "help", "Keys"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+o", "open", "Open", show=False),
        Binding("1", "side('editor')", "Editor", show=False),
        Binding("2", "side('owners')", "Owners", show=False),
        Binding("3", "side('timeline')", "Timeline", show=False),
        Binding("z", "toggle_side", "Wide list", show=False),
        Binding("escape", "escape", "Back to list", show=False),
    ]

    def __init__(self, document: Document, *, timer_minutes: int) -> None:
        super().__init__(id="main")
        self.document = document
        self.filter: SignpostFilter = parse_filter("")
        self._init_files(timer_minutes)
        self._init_keeping()

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield RoadmapHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Input(id="filter", compact=True,
                            placeholder="filter: words @owner #phase +tag status:active "
                            "country:KH (escape clears)")
                yield SignpostList(id="signposts", on_highlight=self._show_selected)
                yield Input(id="quick-add", placeholder=QUICK_ADD_HINT)
            with TabbedContent(id="side", initial="tab-editor"):
                with TabPane("Editor", id="tab-editor"):
                    yield SignpostEditor(id="editor")
                with TabPane("Owners", id="tab-owners"):
                    yield OwnersPane(id="owners")
                with TabPane("Timeline", id="tab-timeline"):
                    yield TimelinePane(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.show_roadmap(self.document.selected_id)
        self.signposts.focus()
        self.show_warnings()
        self.start_keeping()

    def on_unmount(self) -> None:
        if not self.document.is_modified:
            self.journal.discard()  # an undo back to the saved state in the last second
        self.release_lock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In read-only review the editing keys show dimmed in the footer: nothing they
        would do is allowed (``None`` disables a binding without hiding it)."""
        if self.document.read_only and action in EDITING_ACTIONS:
            return None
        return True

    def on_resize(self, event: events.Resize) -> None:
        # Wide screens (a projector at 160 columns) give the side panes half the room.
        self.set_class(event.size.width >= WIDE_SCREEN, "-wide")

    @property
    def signposts(self) -> SignpostList:
        return self.query_one("#signposts", SignpostList)

    @property
    def editor(self) -> SignpostEditor:
        return self.query_one("#editor", SignpostEditor)

    # -- showing the roadmap ------------------------------------------------------------

    def show_roadmap(self, selected_id: str | None) -> None:
        """Show the document's current roadmap in every pane that is on screen."""
        roadmap = self.document.roadmap
        rows = self._rows()
        signposts = self.signposts
        signposts.show(roadmap, rows, selected_id)
        total = len(roadmap.signposts)
        title = (f"Signposts {total}" if self.filter.is_empty
                 else f"Signposts: {len(rows)} of {total} match")
        if str(signposts.border_title) != title:  # setting it redraws the whole list
            signposts.border_title = title
        self._show_side_pane()
        self.show_header()

    def _show_side_pane(self) -> None:
        active = self.query_one("#side", TabbedContent).active
        roadmap = self.document.roadmap
        if active == "tab-owners":
            self.query_one("#owners", OwnersPane).show(roadmap)
        elif active == "tab-timeline":
            timeline = self.query_one("#timeline", TimelinePane)
            timeline.today = self.roadmap_app.today()
            timeline.show(roadmap)

    def show_header(self) -> None:
        document = self.document
        roadmap = document.roadmap
        timer = self.timer
        self.query_one("#header", RoadmapHeader).show(
            title=roadmap.title, group=roadmap.group,
            file=document.path.name if document.path else "untitled (ctrl+s saves)",
            modified=document.is_modified, on_disk=document.on_disk,
            read_only=document.read_only,
            timer=timer.text() if timer.started or timer.running else "",
            timer_running=timer.running, time_up=timer.is_up, disk=self.disk_note)

    def _show_selected(self) -> None:
        signposts = self.signposts
        self.editor.show(self.document.roadmap, signposts.selected, signposts.selected_position)

    @on(TabbedContent.TabActivated, "#side")
    def _tab_activated(self) -> None:
        self._show_side_pane()

    # -- changing the roadmap ---------------------------------------------------------

    def _change(self, description: str, change: Change) -> bool:
        """Apply one undoable edit; refusals become notices, never exceptions."""
        try:
            roadmap, selected_id = change(self.document.roadmap)
            changed = self.document.apply(roadmap, selected_id, description)
        except ReadOnlyError as error:
            self.app.notify(str(error), severity="warning", markup=False)
            return False
        except (RoadmapEditError, QuickAddError) as error:
            self.app.notify(str(error), title="Not changed", severity="error", markup=False)
            return False
        if changed:
            self.show_roadmap(selected_id)
        return True

    def _on_selected(self, description: str, edit: Callable[[Roadmap, str], Roadmap]) -> None:
        signpost_id = self.signposts.selected_id
        if signpost_id is None:
            self.app.notify("No signpost is selected.", severity="warning", markup=False)
            return
        self._change(description, lambda r: (edit(r, signpost_id), signpost_id))

    def action_move(self, offset: int) -> None:
        self._on_selected("move", lambda r, i: move_signpost(r, i, offset))

    def action_shift_phase(self, offset: int) -> None:
        self._on_selected("change phase", lambda r, i: shift_phase(r, i, offset))

    def action_delete_signpost(self) -> None:
        signposts = self.signposts
        signpost = signposts.selected
        if signpost is None:
            return
        row = signposts.cursor
        neighbour = None
        if signposts.row_count > 1:
            # The cursor stays on the same row: the next signpost, or the new last one.
            signposts.select_row(row + 1 if row + 1 < signposts.row_count else row - 1)
            neighbour = signposts.selected_id
            signposts.select_row(row)
        if self._change("delete", lambda r: (delete_signpost(r, signpost.id), neighbour)):
            self.app.notify(f'Deleted "{signpost.title}". ctrl+z brings it back.',
                            markup=False)

    def action_undo(self) -> None:
        self.commit_editor()
        try:
            step = self.document.undo()
        except ReadOnlyError as error:
            self.app.notify(str(error), severity="warning", markup=False)
            return
        if step is None:
            self.app.notify("Nothing to undo.", markup=False)
            return
        undone, current = step
        self.show_roadmap(undone.selected_id or current.selected_id)
        self.app.notify(f"Undone: {undone.description}", markup=False, timeout=2)

    def action_redo(self) -> None:
        try:
            state = self.document.redo()
        except ReadOnlyError as error:
            self.app.notify(str(error), severity="warning", markup=False)
            return
        if state is None:
            self.app.notify("Nothing to redo.", markup=False)
            return
        self.show_roadmap(state.selected_id)
        self.app.notify(f"Redone: {state.description}", markup=False, timeout=2)

    # -- the editor -------------------------------------------------------------------

    def typed(self, text: str, field: str) -> str:
        """Text as typed or pasted, its control and bidi-override characters replaced as a
        file's are on load: they could rewrite the terminal or disguise the text."""
        cleaned, count = clean_text(text, multiline=field in MULTILINE_FIELDS)
        if count:
            label = field.replace("_", " ")
            self.app.notify(f"{count} control or bidi-override character"
                            f"{'s' if count > 1 else ''} in {label} replaced with "
                            f"\ufffd: they could rewrite the screen or disguise the text.",
                            title="Text cleaned", severity="warning", markup=False)
        return cleaned

    def _typed_values(self, values: dict[str, str]) -> dict[str, str]:
        return {name: self.typed(value, name) for name, value in values.items()}

    def commit_editor(self) -> None:
        """Apply the edit still in the focused field, now (see ``SignpostEditor.pending``)."""
        edit = self.editor.pending()
        if edit is not None:
            self._field_edited(edit)
            self._show_selected()  # the editor now holds the edited signpost

    @on(SignpostEditor.FieldEdited)
    def _field_edited(self, event: SignpostEditor.FieldEdited) -> None:
        notes: list[str] = []
        text = self.typed(event.text, event.field)

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            updated, found = edit_field(roadmap, event.signpost_id, event.field, text)
            notes.extend(found)
            return updated, event.signpost_id

        label = event.field.replace("_", " ")
        if not self._change(f"edit {label}", change):
            if self.document.read_only:
                self.editor.show(self.document.roadmap, self.signposts.selected,
                                 self.signposts.selected_position, force=True)
            else:
                self.editor.mark_refused(event.field)
        for note in notes:
            self.app.notify(note, markup=False)

    @on(SignpostEditor.CommentAdded)
    def _comment_added(self, event: SignpostEditor.CommentAdded) -> None:
        author = self.document.roadmap.facilitator or "facilitator"
        text = self.typed(event.text, "text")
        self._change("add comment", lambda r: (
            add_comment(r, event.signpost_id, author, text, now()), event.signpost_id))

    # -- capture and filter -------------------------------------------------------------

    def action_quick_add(self) -> None:
        self._typing_elsewhere()
        if self.document.read_only:
            self.app.notify("Read-only: signposts cannot be added.", severity="warning",
                            markup=False)
            return
        self.focus_now(self.query_one("#quick-add", Input))

    @on(Input.Submitted, "#quick-add")
    def _quick_add(self, event: Input.Submitted) -> None:
        capture = event.input
        line = self.typed(event.value.strip(), "capture line")
        if not line:
            return
        try:
            entry = parse_quick_add(line, self.document.roadmap)
        except QuickAddError as error:
            self._capture_problem(str(error))
            return
        if not self.filter.is_empty:
            self._set_filter("")
            self.app.notify("The filter was cleared to show the new signpost.", markup=False)
        after = self.signposts.selected_id
        if self._change("add signpost", lambda r: apply_quick_add(r, entry, after_id=after)):
            capture.value = ""
            self._capture_problem("")
            for name in entry.new_owners:
                self.app.notify(f'Added the owner "{name}"', markup=False, timeout=3)
        capture.focus()

    def _capture_problem(self, problem: str) -> None:
        capture = self.query_one("#quick-add", Input)
        capture.set_class(bool(problem), "-problem")
        capture.border_subtitle = Content(problem) if problem else None
        if problem:
            # Also as a notice: on a narrow screen the border cannot hold a long message.
            self.app.notify(problem, title="Not added", severity="error", markup=False)
            self.app.bell()

    @on(Input.Changed, "#quick-add")
    def _capture_changed(self) -> None:
        self._capture_problem("")

    @on(Input.Changed)
    def _clean_as_typed(self, event: Input.Changed) -> None:
        """A pasted escape sequence or bidi override is replaced the moment it lands, so
        the line never shows it raw (applying the text cleans it again)."""
        if has_unsafe_characters(event.value):
            field = event.input
            cursor = field.cursor_position
            field.value = self.typed(event.value, (field.id or "text").removeprefix("field-"))
            field.cursor_position = cursor

    def action_filter(self) -> None:
        self._typing_elsewhere()
        field = self.query_one("#filter", Input)
        field.display = True
        self.focus_now(field)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = parse_filter(event.value)
        self.show_roadmap(self.signposts.selected_id)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.signposts.focus()

    def _set_filter(self, query: str) -> None:
        field = self.query_one("#filter", Input)
        with field.prevent(Input.Changed):
            field.value = query
        field.display = bool(query)
        self.filter = parse_filter(query)
        self.show_roadmap(self.signposts.selected_id)

    def action_escape(self) -> None:
        focused = self.focused
        if focused is not None and focused.id == "filter":
            self._set_filter("")
        elif isinstance(focused, Input | TextArea):
            pass
        elif not self.filter.is_empty:
            self._set_filter("")
        self.focus_now(self.signposts)

    def focus_now(self, widget: Widget) -> None:
        """Move focus before the next key is handled (``Widget.focus`` waits its turn)."""
        self.set_focus(widget)

    def _typing_elsewhere(self) -> None:
        """``a`` and ``/`` are priority bindings, run as each key arrives rather than after
        the keys read with it (a fast typist, a laggy remote terminal) were handed to the
        list, where they would be lost or taken as commands. In a text field they are
        just letters."""
        if isinstance(self.focused, Input | TextArea):
            raise SkipAction()


    # -- panes ------------------------------------------------------------------------

    def action_side(self, pane: str) -> None:
        side = self.query_one("#side", TabbedContent)
        side.display = True
        side.active = SIDE_TABS[pane]
        # The pane becomes focusable once it is laid out: after this refresh.
        self.call_after_refresh(self.query_one(SIDE_FOCUS[pane]).focus)

    def action_toggle_side(self) -> None:
        side = self.query_one("#side", TabbedContent)
        side.display = not side.display
        self.signposts.focus()

    def select_signpost(self, signpost_id: str) -> None:
        """Put the cursor on a signpost, clearing a filter that hides it."""
        if not self.filter.is_empty and not self.filter.matches(
                self.document.roadmap.signposts[self.document.roadmap.index_of(signpost_id)]):
            self._set_filter("")
        self.signposts.show(self.document.roadmap, self._rows(), signpost_id)
        self.signposts.focus()

    def _rows(self) -> Sequence[int]:
        """The positions the list shows: all of them, or those the filter matches."""
        roadmap = self.document.roadmap
        return (range(len(roadmap.signposts)) if self.filter.is_empty
                else self.filter.matching_indexes(roadmap))

    def select_owner(self, name: str) -> None:
        self.action_side("owners")
        owners = self.query_one("#owners", OwnersPane)
        owners.show(self.document.roadmap)
        owners.select_owner(name)

    # -- help -------------------------------------------------------------------------

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(key_map()))


def key_map() -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys by pane, as the help screen and the README show them."""
    return [
        ("Signposts (when no text field has focus)", [
            ("up / down", "move the cursor; the editor follows"),
            ("a", "capture a new signpost after the selected one"),
            ("delete", "delete the selected signpost"),
            ("shift+up / down", "move the signpost up / down"),
            ("[ / ]", "move it to the previous / next phase"),
            ("/", "filter: words @owner #phase +tag status: country:"),
            ("escape", "back to the list; clears the filter"),
            ("ctrl+z / ctrl+y", "undo / redo any change"),
        ]),
        ("Roadmap", [
            ("ctrl+s", "save (asks for a path when untitled)"),
            ("ctrl+o", "open another roadmap"),
            ("p", "present the summary full screen"),
            ("e", "export the summary (text, ansi, html, svg, md)"),
            ("t", "start / pause the session timer"),
            ("ctrl+p", "command palette: every action, jump to a signpost or owner,"
                       " roadmap details, earlier versions of the file"),
            ("?", "this key map"),
            ("q", "quit (asks first when there are unsaved changes)"),
        ]),
        ("Panes", [
            ("1 / 2 / 3", "editor / owners / timeline"),
            ("z", "hide or show the side pane (a wider list)"),
            ("tab / shift+tab", "next / previous field or pane"),
            ("enter", "in a field: apply it (leaving the field applies it too)"),
            ("n, enter, d", "owners and timeline panes: new, edit or rename, delete"),
            ("left / right", "timeline: choose a phase; shift+left / right moves it"),
        ]),
        ("Status marks (the same in the list, timeline and summary)", [
            (STATUS_MARKS[status], status.value) for status in Status]),
        ("Capture line", [
            ("@name", 'owner by prefix; @"Two Words" or @two_words; new names are added'),
            ("#phase", "phase by prefix"),
            ("+tag", "a tag"),
            ("due:  start:", "YYYY-MM-DD or YYYY-MM"),
            ("\\#word", "a backslash keeps a word literal"),
        ]),
    ]
