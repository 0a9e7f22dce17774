"""The main screen: the panes bound to the open roadmap, and every key of SPEC section 4.

Widgets only show and ask. Every change goes through ``_change``: a pure model
edit gives a new roadmap, the document records it (or refuses it when
read-only), and the panes are shown the result. Files, export and the timer
live in ``FileActions`` (files.py, with the safekeeping of keeping.py), and the
owner, phase and roadmap forms in ``PaneForms`` (forms.py), to keep this module
about editing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane, TextArea

from ...model import Roadmap
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
from ...session.document import Document, ReadOnlyError, now
from ..keys import EDITING_ACTIONS, bindings, key_map
from ..widgets.capture import CaptureLine
from ..widgets.editor import SignpostEditor
from ..widgets.header import RoadmapHeader
from ..widgets.owners import OwnersPane
from ..widgets.signposts import SignpostList
from ..widgets.timeline import TimelinePane
from .dialogs import HelpScreen
from .files import FileActions
from .forms import PaneForms

Change = Callable[[Roadmap], tuple[Roadmap, str | None]]
SIDE_TABS = {"editor": "tab-editor", "owners": "tab-owners", "timeline": "tab-timeline"}
SIDE_FOCUS = {"editor": "#field-title", "owners": "#owner-table", "timeline": "#timeline"}

WIDE_SCREEN = 140
QUICK_ADD_HINT = "Add: Title words @Owner #Phase +tag due:2021-03-31 start:2021-01"


class MainScreen(FileActions, PaneForms, Screen[None]):
    BINDINGS = bindings()

    def __init__(self, document: Document, *, timer_minutes: int,
                 keymap: Mapping[str, str] | None = None) -> None:
        super().__init__(id="main")
        self.document = document
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's remapped keys (settings.toml ``[keys]``), for the key map's text."""
        self.filter: SignpostFilter = parse_filter("")
        self._refused = ("", "")
        """The capture line last refused, and why: shown while the line still reads so."""
        self.to_fix: list[tuple[str, str]] = []
        """Capture lines refused while more ideas were typed after them: (line, problem)."""
        self._init_files(timer_minutes)
        self._init_keeping()

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield RoadmapHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Input(id="filter", compact=True,
                            placeholder="filter: words @owner #phase +tag status:active "
                            "country:cambodia (escape clears)")
                yield SignpostList(id="signposts", on_highlight=self._show_selected)
                yield CaptureLine(id="quick-add", placeholder=QUICK_ADD_HINT,
                                  submit=self._submit_capture, park=self._park_line,
                                  paste_lines=self._paste_lines, recall=self._recall_line)
                yield Static(id="capture-note", markup=False)
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

    def _submit_capture(self, text: str) -> bool:
        """Enter in the capture line: add the idea now (the next keys wait for it)."""
        added, refused = self._add_lines([text], "add signpost")
        if refused:
            self._refused = (text, refused[0][1])
            self._show_capture_note()
            self.app.bell()
        return added > 0

    def _paste_lines(self, lines: Sequence[str]) -> None:
        """Several lines pasted into the capture line: one signpost each, one undo step;
        a line that cannot be read waits in the lines to fix."""
        added, refused = self._add_lines(lines, f"add {len(lines)} signposts")
        self.to_fix.extend(refused)
        if added:
            self.app.notify(f"Added {added} signposts from the pasted lines, in order "
                            "(ctrl+z takes them all back)."
                            + (f" {len(refused)} to fix: up arrow." if refused else ""),
                            markup=False)
        if refused:
            self.app.bell()
        self._show_capture_note()

    def _add_lines(self, lines: Sequence[str],
                   description: str) -> tuple[int, list[tuple[str, str]]]:
        """Add one signpost per line after the selected one, in order, as one change;
        returns how many were added and the lines refused with their problems."""
        after = self.signposts.selected_id
        new_owners: list[str] = []
        refused: list[tuple[str, str]] = []
        cleaned = [self.typed(text.strip(), "capture line") for text in lines]

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            selected = after
            for line in cleaned:
                try:  # read against the roadmap so far: a new owner is made once
                    entry = parse_quick_add(line, roadmap)
                except QuickAddError as error:
                    refused.append((line, str(error)))
                    continue
                new_owners.extend(entry.new_owners)
                roadmap, selected = apply_quick_add(roadmap, entry, after_id=selected)
            return roadmap, selected

        if not self._change(description, change):
            return 0, refused
        added = len(cleaned) - len(refused)
        if added and not self.filter.is_empty:
            self._set_filter("")
            self.show_roadmap(self.document.selected_id)
            self.app.notify("The filter was cleared to show the new signpost.", markup=False)
        if added:
            self._show_capture_note()
        for name in new_owners:
            self.app.notify(f'Added the owner "{name}"', markup=False, timeout=3)
        return added, refused

    def _park_line(self, text: str) -> None:
        line, problem = self._refused
        self.to_fix.append((text, problem if line == text else "cannot be read"))
        self._show_capture_note()

    def _recall_line(self, current: str) -> str | None:
        if not self.to_fix:
            return None
        if current.strip():
            self.to_fix.append((current, self._refused[1]
                                if current == self._refused[0] else "not added yet"))
        self._refused = self.to_fix.pop(0)
        return self._refused[0]

    def _show_capture_note(self) -> None:
        """Under the capture line: the problem with the line, else how it will be read,
        and how many refused lines wait to be fixed."""
        capture = self.query_one("#quick-add", Input)
        note = self.query_one("#capture-note", Static)
        line, problem = self._refused
        if capture.value != line:
            problem = ""
        capture.set_class(bool(problem), "-problem")
        text = Text()
        if problem:
            text.append(f"\u26a0 {problem}", "bold red")
        elif capture.value.strip():
            try:
                entry = parse_quick_add(capture.value.strip(), self.document.roadmap)
                text.append(f"\u2192 {entry.described()}", "dim")
            except QuickAddError as error:
                text.append(f"\u2192 {error}", "yellow")
        if self.to_fix:
            count = len(self.to_fix)
            text.append(f"{chr(10) if text else ''}\u2191 {count} line"
                        f"{'s' if count > 1 else ''} to fix: {self.to_fix[0][0]} "
                        f"({self.to_fix[0][1]})", "bold yellow")
        note.update(text)
        note.display = bool(text)

    @on(Input.Changed, "#quick-add")
    def _capture_changed(self) -> None:
        self._show_capture_note()

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
        if self.filter.is_empty:
            return range(len(roadmap.signposts))
        self.filter = parse_filter(self.filter.query, roadmap)  # owners' countries change
        return self.filter.matching_indexes(roadmap)

    def select_owner(self, name: str) -> None:
        self.action_side("owners")
        owners = self.query_one("#owners", OwnersPane)
        owners.show(self.document.roadmap)
        owners.select_owner(name)

    # -- help -------------------------------------------------------------------------

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(key_map(self.keymap)))
