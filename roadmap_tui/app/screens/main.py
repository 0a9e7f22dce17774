"""The main screen: the panes bound to the open roadmap, and every key of SPEC section 4.

Widgets only show and ask. Every change goes through ``_change``: a pure model
edit gives a new roadmap, the document records it (or refuses it when
read-only), and the panes are shown the result. Files, export and the timer
live in ``FileActions`` (files.py, with the safekeeping of keeping.py), and the
owner, phase and roadmap forms in ``PaneForms`` (forms.py), to keep this module
about editing.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, TabbedContent, TabPane, TextArea

from ...model import Comment, Roadmap, Status
from ...model.conference import group_names
from ...model.fields import edit_field
from ...model.operations import (
    RoadmapEditError,
    add_comment,
    add_signpost,
    delete_signpost,
    move_signpost,
    shift_phase,
)
from ...model.quickadd import QuickAddError, apply_quick_add, parse_quick_add
from ...model.search import SignpostFilter, parse_filter
from ...model.text import clean_text, has_unsafe_characters
from ...model.validate import MULTILINE_FIELDS
from ...session.document import Document, ReadOnlyError, now
from ...storage import RoadmapFileError
from ...storage.review import ReviewComment, add_review_comment, load_review, review_path
from ..keys import EDITING_ACTIONS, bindings, key_map
from ..notices import tell_once
from ..ordered_keys import TYPING_RUN
from ..widgets.capture import CaptureLine
from ..widgets.editor import SignpostEditor
from ..widgets.header import RoadmapHeader
from ..widgets.keybar import KeyBar
from ..widgets.owners import OwnersPane
from ..widgets.signposts import SignpostList, grouped_rows
from ..widgets.timeline import TimelinePane
from .comparing import Comparing
from .conference import ConferenceActions
from .dialogs import HelpScreen
from .files import FileActions
from .forms import PaneForms

Change = Callable[[Roadmap], tuple[Roadmap, str | None]]
SIDE_TABS = {"editor": "tab-editor", "owners": "tab-owners", "timeline": "tab-timeline"}
SIDE_FOCUS = {"editor": "#editor", "owners": "#owner-table", "timeline": "#timeline"}
"""Where ``1`` / ``2`` / ``3`` put the focus: a pane, never one of its text fields (a stray
key after them must not become an edit)."""

WIDE_SCREEN = 140
NARROW_SCREEN = 76
UNDONE_BY_TYPING = {"t": "take_back_timer", "z": "action_toggle_side"}
REFUSED_IN_REVIEW = {"save": "no saving", "undo": "no undo", "redo": "no redo",
                     "delete_signpost": "no deleting", "move": "no moving",
                     "shift_phase": "no phase changes", "quick_add": "no adding",
                     "debrief": "the debrief cannot be changed"}
"""One-letter commands that a run of typing takes back by running them again."""
QUICK_ADD_HINT = "Add: Title words @Owner #Phase +tag due:2021-03-31 start:2021-01"


class MainScreen(Comparing, FileActions, PaneForms, ConferenceActions, Screen[None]):
    BINDINGS = bindings()

    def __init__(self, document: Document, *, timer_minutes: int,
                 keymap: Mapping[str, str] | None = None) -> None:
        super().__init__(id="main")
        self.document = document
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's remapped keys (settings.toml ``[keys]``), for the key map's text."""
        self.filter: SignpostFilter = parse_filter("")
        self.review: tuple[ReviewComment, ...] = ()
        self._review_of: Path | None = None
        self._last_letter: tuple[str, str, float] | None = None
        """The last printable key typed at the list: (key, character, when)."""
        self._refused = ("", "")
        """The capture line last refused, and why: shown while the line still reads so."""
        self.to_fix: list[tuple[str, str]] = []
        """Capture lines refused while more ideas were typed after them: (line, problem)."""
        self.grouped = False
        """Whether the list gathers the signposts by breakout group, under headings."""
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
        # One widget for the keys (Textual's Footer is a widget per key, composed again at
        # each focus move). No "^p palette" key: ctrl+p still opens it, and ? says so.
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.show_roadmap(self.document.selected_id)
        self.signposts.focus()
        if self.document.read_only and self.document.path is not None:
            self.app.notify(f"Read-only review. c writes a comment on the selected signpost; "
                            f"it is kept in {review_path(self.document.path).name}.",
                            markup=False, timeout=6)
        self.show_warnings()
        self.start_keeping()

    def on_unmount(self) -> None:
        if not self.document.is_modified:
            self.journal.discard()  # an undo back to the saved state in the last second
        self.release_lock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In read-only review the footer shows only what works: the editing keys are
        hidden, and ``on_key`` answers them with a notice."""
        if action == "comment":
            return self.document.read_only
        return not (self.document.read_only and action in EDITING_ACTIONS)

    def _refused_in_review(self, key: str) -> bool:
        """A key that would change the roadmap, pressed in read-only review: say so."""
        if not self.document.read_only:
            return False
        binding = next((b for b in self.BINDINGS if isinstance(b, Binding)
                        and key in b.key.split(",") and b.action.split("(")[0]
                        in EDITING_ACTIONS), None)
        if binding is None:
            return False
        what = REFUSED_IN_REVIEW.get(binding.action.split("(")[0], binding.description)
        tell_once(self.app, f"Read-only: {what}.")
        return True

    def on_resize(self, event: events.Resize) -> None:
        # Wide screens (a projector at 160 columns) give the list more room for its
        # columns; below 80 columns the side pane steps aside (1 / 2 / 3 or z bring it).
        width = event.size.width
        self.set_class(width >= WIDE_SCREEN, "-wide")
        narrow = width < NARROW_SCREEN
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.query_one("#side", TabbedContent).display = not narrow

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
        rows, headings = self._rows()
        signposts = self.signposts
        self.editor.read_only = self.document.read_only
        # In review nothing is captured: the list takes the capture line's room.
        self.query_one("#quick-add").display = not self.document.read_only
        if self._review_of != self.document.path:
            self._load_review()
        signposts.show(roadmap, rows, selected_id, headings)
        total = len(roadmap.signposts)
        title = (f"Signposts {total}" if self.filter.is_empty
                 else f"Signposts: {len(rows) - len(headings)} of {total} match")
        if self.grouped:
            title += f" \u00b7 {len(headings)} group{'' if len(headings) == 1 else 's'}"
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
        # On a wide screen the list takes two thirds beside the editor; the owners table
        # and the timeline board need half.
        active = self.query_one("#side", TabbedContent).active
        self.set_class(active != SIDE_TABS["editor"], "-board")
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
        before = self.document.roadmap
        self._on_selected("change phase", lambda r, i: shift_phase(r, i, offset))
        selected = self.signposts.selected
        if self.document.roadmap is not before or not before.phases or selected is None \
                or self.document.read_only:
            return
        # Nothing moved: say why, rather than nothing at all.
        if not selected.phase:
            self.app.notify("No phase yet: ] puts it in the first phase.", markup=False,
                            timeout=2)
        else:
            where = "first" if offset < 0 else "last"
            self.app.notify(f"Already in the {where} phase.", markup=False, timeout=2)

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
        self.show_roadmap(_restored(undone.roadmap, current.roadmap)
                          or undone.selected_id or current.selected_id)
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
        text = self.typed(event.text, "text")
        if self.document.read_only:
            self._keep_review_comment(event.signpost_id, text)
            return
        author = self.document.roadmap.facilitator or "facilitator"
        self._change("add comment", lambda r: (
            add_comment(r, event.signpost_id, author, text, now()), event.signpost_id))

    def _keep_review_comment(self, signpost_id: str, text: str) -> None:
        """In review the group's file is never touched: the comment goes beside it."""
        path = self.document.path
        if path is None:
            self.app.notify("Read-only: this roadmap has no file to keep comments beside.",
                            severity="warning", markup=False)
            return
        comment = ReviewComment(signpost_id, Comment(reviewer_name(), now(), text))
        try:
            self.review = add_review_comment(path, comment)
        except RoadmapFileError as error:
            self.app.notify(f"Comment not kept: {error}", severity="error", markup=False)
            return
        self._show_review()
        self.app.notify(f"Comment kept in {review_path(path).name}; the roadmap file is "
                        "not changed.", markup=False)

    def _load_review(self) -> None:
        """The reviewers' comments beside the open file (if any), read when a file opens."""
        path = self.document.path
        self._review_of = path
        self.review = ()
        if path is not None:
            try:
                self.review = load_review(path)
            except RoadmapFileError as error:
                self.app.notify(f"Review comments not shown: {error}", severity="warning",
                                markup=False)
        self._show_review()

    def _show_review(self) -> None:
        by_signpost: dict[str, tuple[Comment, ...]] = {}
        for signpost_id, comment in self.review:
            by_signpost[signpost_id] = (*by_signpost.get(signpost_id, ()), comment)
        self.editor.review = by_signpost
        self.editor.show(self.document.roadmap, self.signposts.selected,
                         self.signposts.selected_position, force=True)

    # -- capture and filter -------------------------------------------------------------

    def action_quick_add(self) -> None:
        self._typing_elsewhere()
        if self.document.read_only:
            tell_once(self.app, f"Read-only: {REFUSED_IN_REVIEW['quick_add']}.")
            return
        self._last_letter = None
        self.start_capture()

    def start_capture(self, text: str = "") -> None:
        """Focus the capture line, with ``text`` typed at its end."""
        capture = self.query_one("#quick-add", Input)
        self.focus_now(capture)
        if text:
            capture.value += text
            capture.cursor_position = len(capture.value)

    def last_letter_time(self, key: str) -> float | None:
        """When ``key`` was last typed at the list (its command is running now), if it was
        the last letter typed there."""
        last = self._last_letter
        return last[2] if last is not None and last[0] == key else None

    def _typed_ahead(self, when: float) -> str:
        """The letter typed at the list just before ``when``, if it starts a run of typing:
        its command (if it ran one that can be taken back) is taken back."""
        last, self._last_letter = self._last_letter, None
        if last is None or when - last[2] >= TYPING_RUN:
            return ""
        key, character, _when = last
        if key in UNDONE_BY_TYPING:
            getattr(self, UNDONE_BY_TYPING[key])()
        return character

    def on_key(self, event: events.Key) -> None:
        """Letters typed at the list (or the editor pane) are typing: a printable key that
        is no command opens the capture line with it, together with the command letter
        typed just before it (within ``TYPING_RUN``), whose command is taken back when it
        can be (``t``, ``z``): "the plan" typed at the list is a new idea, not a timer."""
        if self._refused_in_review(event.key):
            event.stop()
            event.prevent_default()
            return
        character = event.character
        if (not event.is_printable or character is None or self.document.read_only
                or self.focused not in (self.signposts, self.editor)):
            return
        if event.key in self.active_bindings:
            self._last_letter = (event.key, character, event.time)
            return
        event.stop()
        event.prevent_default()
        self.start_capture(self._typed_ahead(event.time) + character)

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

    def keep_capture(self) -> None:
        """The app is ending (a hang-up, a signal): the ideas still in the capture line and
        the lines to fix become signposts, as typed, so the recovery copy has them."""
        capture = self.query_one("#quick-add", Input)
        lines = [line for line in (capture.value, *(t for t, _ in self.to_fix)) if line.strip()]
        if not lines or self.document.read_only:
            return
        after = self.signposts.selected_id

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            selected = after
            for line in lines:
                text = self.typed(line.strip(), "capture line")
                try:
                    roadmap, selected = apply_quick_add(
                        roadmap, parse_quick_add(text, roadmap), after_id=selected)
                except (QuickAddError, RoadmapEditError):  # kept word for word instead
                    roadmap, selected = add_signpost(roadmap, text, after_id=selected,
                                                     status=Status.IDEA)
            return roadmap, selected

        if self._change("add the ideas left in the capture line", change):
            capture.value = ""
            self.to_fix.clear()

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
        """Back to the list. In an editor field, the edit not applied yet is dropped (Enter
        or Tab applies it): escape is the way out of a stray key."""
        focused = self.focused
        if focused is not None and focused.id == "filter":
            self._set_filter("")
        elif isinstance(focused, Input | TextArea):
            field = self.editor.revert(focused) if focused in self.editor.query(".field") else None
            if field is not None:
                self.app.notify(f"{field.replace('_', ' ').capitalize()}: edit cancelled "
                                "(Enter or Tab applies a field).", markup=False, timeout=3)
        elif not self.filter.is_empty:
            self._set_filter("")
        self.focus_now(self.signposts)

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True,
                  from_app_focus: bool = False) -> None:
        """Leaving an editor field applies its edit now, not when the blur is handled: a
        save or undo in the same burst of keys must see it."""
        if widget is not self.focused:
            self.commit_editor()
        super().set_focus(widget, scroll_visible, from_app_focus)

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
        target = self.query_one(SIDE_FOCUS[pane])
        if target.focusable:
            self.focus_now(target)  # before the next key, which may follow at once
        else:  # focusable once it is laid out: after this refresh
            self.call_after_refresh(target.focus)

    def action_comment(self) -> None:
        """Review: straight to the comment line of the selected signpost."""
        side = self.query_one("#side", TabbedContent)
        side.display = True
        side.active = SIDE_TABS["editor"]
        self.focus_now(self.query_one("#new-comment", Input))

    def action_toggle_side(self) -> None:
        side = self.query_one("#side", TabbedContent)
        side.display = not side.display
        self.signposts.focus()

    def select_signpost(self, signpost_id: str) -> None:
        """Put the cursor on a signpost, clearing a filter that hides it."""
        if not self.filter.is_empty and not self.filter.matches(
                self.document.roadmap.signposts[self.document.roadmap.index_of(signpost_id)]):
            self._set_filter("")
        rows, headings = self._rows()
        self.signposts.show(self.document.roadmap, rows, signpost_id, headings)
        self.signposts.focus()

    def _rows(self) -> tuple[Sequence[int], dict[int, str]]:
        """The positions the list shows (all of them, or those the filter matches), and
        the headings among them when grouped by group."""
        roadmap = self.document.roadmap
        if self.filter.is_empty:
            positions: Sequence[int] = range(len(roadmap.signposts))
        else:
            self.filter = parse_filter(self.filter.query, roadmap)  # owners' countries change
            positions = self.filter.matching_indexes(roadmap)
        if not self.grouped:
            return positions, {}
        return grouped_rows(roadmap, positions)

    def action_group_by(self) -> None:
        """Gather the list by breakout group (a combined roadmap), or back to roadmap order."""
        self.grouped = not self.grouped
        self.show_roadmap(self.signposts.selected_id)
        if self.grouped:
            count = len(group_names(self.document.roadmap))
            self.app.notify(f"Listed by breakout group ({count}); g again for roadmap "
                            "order. Filter one group with group:NAME.", markup=False, timeout=3)
        else:
            self.app.notify("Roadmap order.", markup=False, timeout=2)

    def select_owner(self, name: str) -> None:
        self.action_side("owners")
        owners = self.query_one("#owners", OwnersPane)
        owners.show(self.document.roadmap)
        owners.select_owner(name)

    # -- help -------------------------------------------------------------------------

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(key_map(self.keymap)))


def reviewer_name() -> str:
    """Who wrote a review comment: the computer's user name (a reviewer works alone)."""
    try:
        return getpass.getuser() or "reviewer"
    except (OSError, KeyError):
        return "reviewer"


def _restored(undone: Roadmap, current: Roadmap) -> str | None:
    """The first signpost an undo brought back (a delete undone), for the cursor."""
    if len(current.signposts) <= len(undone.signposts):
        return None
    gone = {s.id for s in undone.signposts}
    return next((s.id for s in current.signposts if s.id not in gone), None)
