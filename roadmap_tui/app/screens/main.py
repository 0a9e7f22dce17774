"""The main screen: the panes bound to the open roadmap, and every key of SPEC section 4.

The screen shows and asks; what a key or a widget's message does lives in the
flows it holds (``app/flows/``): editing, capture, forms, files, safekeeping,
the timer, comparing, the conference's exports. ``roadmap`` is the one value the
panes draw: every change to the document sets it, and its watcher redraws what
depends on it, so nothing is refreshed by hand.
"""

from __future__ import annotations

import contextlib
from collections.abc import Coroutine
from pathlib import Path

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from ...model import Roadmap, Signpost
from ...model.conference import group_names
from ...model.text import has_unsafe_characters
from ...session.document import Change, Document, DocumentChange
from ..dialogs import HelpScreen
from ..flows.capture import Capture
from ..flows.comparing import Comparing
from ..flows.conference import ConferenceExports
from ..flows.editing import Editing
from ..flows.files import Files
from ..flows.forms import Forms
from ..flows.keeping import Keeping
from ..flows.review import Review
from ..flows.timer import TimerControl
from ..flows.typing import ListTyping
from ..host import Host
from ..keys import EDITING_ACTIONS, REFUSED_IN_REVIEW, bindings, key_map, review_refusal
from ..notices import tell_once
from ..widgets.editor import SignpostEditor
from ..widgets.header import RoadmapHeader
from ..widgets.keybar import KeyBar
from ..widgets.signposts import SignpostList
from .capture_panel import CapturePanel
from .side_panes import SidePanes
from .signpost_column import SignpostColumn

WIDE_SCREEN = 140
NARROW_SCREEN = 76


class MainScreen(Screen[None]):
    BINDINGS = bindings()

    roadmap: var[Roadmap | None] = var(None, always_update=True, init=False)
    """The roadmap the panes show (bound to them): the document's, set after every change."""
    read_only: var[bool] = var(False, init=False)
    """Whether the document is open for review (bound to the panes)."""

    def __init__(self, document: Document, *, host: Host) -> None:
        super().__init__(id="main")
        self.document = document
        self.host = host
        self.crash_recovery: Path | None = None
        """Where unsaved work went when the app stopped on an unexpected error or signal."""
        self.editing = Editing(self)
        self.capture = Capture(self, self.editing)
        self.forms = Forms(self, self.editing)
        self.session_timer = TimerControl(self, self.forms, host.settings.timer_minutes)
        self.comparing = Comparing(self)
        self.conference = ConferenceExports(self)
        self.review = Review(self)
        self.typing = ListTyping({"t": self.session_timer.take_back,
                                  "z": self.action_toggle_side})
        self.keeping = Keeping(self, self)
        self.files = Files(self, self.keeping)
        self._unsubscribe = document.subscribe(self._document_changed)

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield RoadmapHeader(id="header")
        with Horizontal(id="body"):
            yield SignpostColumn(self.capture, on_highlight=self._show_selected,
                                 id="left").data_bind(MainScreen.roadmap, MainScreen.read_only)
            yield SidePanes(self.forms, today=self.host.today, id="side").data_bind(
                MainScreen.roadmap, MainScreen.read_only)
        # One widget for the keys (Textual's Footer is a widget per key, composed again at
        # each focus move). No "^p palette" key: ctrl+p still opens it, and ? says so.
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.roadmap_changed(self.document.selected_id)
        self.signposts.focus()
        if self.document.read_only and self.document.path is not None:
            self.app.notify(f"Read-only review. c writes a comment on the selected signpost; "
                            f"it is kept in {self.review.kept_in()}.",
                            markup=False, timeout=6)
        self.files.show_warnings()
        self.keeping.start()
        self.converse(self.keeping.settle_new())

    def on_unmount(self) -> None:
        """The app is ending. After a deliberate quit the unsaved work was settled by the
        quit question; after an unexpected error (a non-zero return code and no question
        asked) it is written to the recovery copy first."""
        if self.app.return_code and self.crash_recovery is None:
            self.keep_before_ending()
        self._unsubscribe()
        self.keeping.close()

    def keep_before_ending(self) -> None:
        """Keep everything typed (the field being edited, the capture line) in the recovery
        copy, and let the file go: the app ends on a signal or an error."""
        try:
            with contextlib.suppress(Exception):
                self.commit_editor()
            with contextlib.suppress(Exception):
                self.capture_panel.keep_left()
            self.crash_recovery = self.keeping.keep_now()
        except Exception:  # the reason for ending is the one to report
            self.crash_recovery = None
        finally:
            self.keeping.keeper.release_lock()

    def adopt(self, document: Document) -> None:
        """``document`` is the open one now (ctrl+o, the broken file's screen): the panes,
        the keeper and the footer follow it."""
        self._unsubscribe()
        self.document = document
        self._unsubscribe = document.subscribe(self._document_changed)
        self.keeping.adopt(document)
        self.refresh_bindings()
        self.roadmap_changed(document.selected_id)

    def opened_instead(self, document: Document | None) -> None:
        """The broken FILE's screen answered: the roadmap opened instead, or None (the new
        untitled one already open)."""
        if document is not None:
            self.converse(self.files.opened(document))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In read-only review the footer shows only what works: the editing keys are
        hidden, and ``on_key`` answers them with a notice."""
        if action == "comment":
            return self.document.read_only
        return not (self.document.read_only and action in EDITING_ACTIONS)

    def on_resize(self, event: events.Resize) -> None:
        # Wide screens (a projector at 160 columns) give the list more room for its
        # columns; below 80 columns the side pane steps aside (1 / 2 / 3 or z bring it).
        width = event.size.width
        self.set_class(width >= WIDE_SCREEN, "-wide")
        narrow = width < NARROW_SCREEN
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.side.display = not narrow

    @property
    def column(self) -> SignpostColumn:
        return self.query_one("#left", SignpostColumn)

    @property
    def side(self) -> SidePanes:
        return self.query_one("#side", SidePanes)

    @property
    def signposts(self) -> SignpostList:
        return self.column.signposts

    @property
    def editor(self) -> SignpostEditor:
        return self.side.editor

    @property
    def capture_panel(self) -> CapturePanel:
        return self.column.capture_panel

    @property
    def selected_id(self) -> str | None:
        return self.signposts.selected_id

    @property
    def selected(self) -> Signpost | None:
        return self.signposts.selected

    # -- showing the roadmap ------------------------------------------------------------

    def _document_changed(self, change: DocumentChange) -> None:
        """The document announced a change: a save only changes the header; anything else
        is drawn from the roadmap it announced."""
        if change.kind is Change.SAVE:
            self.show_header()
            return
        if change.kind is Change.READ_ONLY:
            self.refresh_bindings()  # the editing keys leave the footer
        self.roadmap_changed(change.selected_id)

    def roadmap_changed(self, selected_id: str | None) -> None:
        """Draw the document's roadmap again, the list's cursor on ``selected_id``."""
        self.column.aim(selected_id)
        self.read_only = self.document.read_only
        self.roadmap = self.document.roadmap
        self.show_header()

    def cursor_to(self, signpost_id: str | None) -> None:
        if signpost_id is not None and signpost_id != self.selected_id:
            self.roadmap_changed(signpost_id)

    def show_header(self) -> None:
        document = self.document
        timer = self.session_timer.timer
        self.query_one("#header", RoadmapHeader).show(
            title=document.roadmap.title, group=document.roadmap.group,
            file=document.path.name if document.path else "untitled (ctrl+s saves)",
            modified=document.is_modified, on_disk=document.on_disk,
            read_only=document.read_only,
            timer=timer.text() if timer.started or timer.running else "",
            timer_running=timer.running, time_up=timer.is_up, disk=self.keeping.disk_note)

    def _show_selected(self, *, force: bool = False) -> None:
        signposts = self.signposts
        self.side.show_signpost(self.document.roadmap, signposts.selected,
                                signposts.selected_position,
                                review=self.review.by_signpost(), force=force)

    def select_signpost(self, signpost_id: str) -> None:
        """Put the cursor on a signpost, clearing a filter that hides it."""
        self.column.reveal(signpost_id)
        self.signposts.focus()

    def select_owner(self, name: str) -> None:
        self.action_side("owners")
        self.show_owner(name)

    def show_owner(self, name: str) -> None:
        self.side.show_owner(name)

    def show_phase(self, name: str) -> None:
        self.side.show_phase(name)

    def unfilter(self, why: str) -> None:
        self.column.unfilter(why)

    # -- the editor -------------------------------------------------------------------

    def commit_editor(self) -> None:
        """Apply the edit still in the focused field, now (see ``SignpostEditor.pending``)."""
        edit = self.editor.pending()
        if edit is not None:
            self._field_edited(edit)
            self._show_selected()  # the editor now holds the edited signpost

    @on(SignpostEditor.FieldEdited)
    def _field_edited(self, event: SignpostEditor.FieldEdited) -> None:
        if self.editing.edit_field(event.signpost_id, event.field, event.text):
            return
        if self.document.read_only:
            self._show_selected(force=True)
        else:
            self.editor.mark_refused(event.field)

    @on(SignpostEditor.CommentAdded)
    def _comment_added(self, event: SignpostEditor.CommentAdded) -> None:
        text = self.editing.typed(event.text, "text")
        if not self.document.read_only:
            self.editing.add_comment(event.signpost_id, text)
        elif self.review.keep(event.signpost_id, text):
            self._show_selected(force=True)

    # -- capture and filter -------------------------------------------------------------

    def action_quick_add(self) -> None:
        self._typing_elsewhere()
        if self.document.read_only:
            tell_once(self.app, f"Read-only: {REFUSED_IN_REVIEW['quick_add']}.")
            return
        self.typing.forget()
        self.start_capture()

    def start_capture(self, text: str = "") -> None:
        """Focus the capture line, with ``text`` typed at its end."""
        self.capture_panel.start(text)

    @on(Input.Changed)
    def _clean_as_typed(self, event: Input.Changed) -> None:
        """A pasted escape sequence or bidi override is replaced the moment it lands, so
        the line never shows it raw (applying the text cleans it again)."""
        if has_unsafe_characters(event.value):
            field = event.input
            cursor = field.cursor_position
            name = (field.id or "text").removeprefix("field-")
            field.value = self.editing.typed(event.value, name)
            field.cursor_position = cursor

    def action_filter(self) -> None:
        self._typing_elsewhere()
        self.focus_now(self.column.open_filter())

    def action_escape(self) -> None:
        """Back to the list. In an editor field, the edit not applied yet is dropped (Enter
        or Tab applies it): escape is the way out of a stray key."""
        focused = self.focused
        if focused is not None and focused.id == "filter":
            self.column.set_filter("")
        elif isinstance(focused, Input | TextArea):
            field = self.editor.revert(focused) if focused in self.editor.query(".field") else None
            if field is not None:
                self.app.notify(f"{field.replace('_', ' ').capitalize()}: edit cancelled "
                                "(Enter or Tab applies a field).", markup=False, timeout=3)
        elif not self.column.filter.is_empty:
            self.column.set_filter("")
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

    # -- letters typed at the list ------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Letters typed at the list (or the editor pane) are typing (see flows/typing.py);
        in review, the editing keys are answered with a notice."""
        if self._refused_in_review(event.key):
            event.stop()
            event.prevent_default()
            return
        character = event.character
        if (not event.is_printable or character is None or self.document.read_only
                or self.focused not in (self.signposts, self.editor)):
            return
        if event.key in self.active_bindings:
            self.typing.command_letter(event.key, character, event.time)
            return
        event.stop()
        event.prevent_default()
        self.start_capture(self.typing.typed(character, event.time))

    def _refused_in_review(self, key: str) -> bool:
        """A key that would change the roadmap, pressed in read-only review: say so."""
        refusal = review_refusal(key) if self.document.read_only else None
        if refusal is not None:
            tell_once(self.app, refusal)
        return refusal is not None

    # -- panes ------------------------------------------------------------------------

    def action_side(self, pane: str) -> None:
        target = self.query_one(self.side.open(pane))
        if target.focusable:
            self.focus_now(target)  # before the next key, which may follow at once
        else:  # focusable once it is laid out: after this refresh
            self.call_after_refresh(target.focus)

    def action_comment(self) -> None:
        """Review: straight to the comment line of the selected signpost."""
        self.side.open("editor")
        self.focus_now(self.query_one("#new-comment", Input))

    def action_toggle_side(self) -> None:
        side = self.side
        side.display = not side.display
        self.signposts.focus()

    def action_group_by(self) -> None:
        """Gather the list by breakout group (a combined roadmap), or back to roadmap order."""
        self.column.toggle_grouped()
        if self.column.grouped:
            count = len(group_names(self.document.roadmap))
            self.app.notify(f"Listed by breakout group ({count}); g again for roadmap "
                            "order. Filter one group with group:NAME.", markup=False, timeout=3)
        else:
            self.app.notify("Roadmap order.", markup=False, timeout=2)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(key_map(self.host.keymap)))

    def action_present(self) -> None:
        from .present import PresentScreen  # the report's modules load on first use

        self.commit_editor()
        self.app.push_screen(PresentScreen(
            self.document.roadmap, today=self.host.today(), session=self.session_timer.timer,
            report_minutes=self.host.settings.report_minutes, clock=self.host.clock,
            typed_ahead=self.start_capture, opened_at=self.typing.last_time("p"),
            review=self.review.comments, toggle_session_timer=self.session_timer.toggle))

    # -- what the keys ask of the flows -------------------------------------------------

    def converse(self, conversation: Coroutine[object, object, object]) -> None:
        """Run a flow that asks questions (``push_screen_wait``) in a worker: the screen
        keeps drawing while a dialog waits for its answer."""
        self.run_worker(conversation, group="dialog")

    def action_move(self, offset: int) -> None:
        self.editing.move(offset)

    def action_shift_phase(self, offset: int) -> None:
        self.editing.shift_phase(offset)

    def action_delete_signpost(self) -> None:
        # The cursor stays on the same row: the next signpost, or the new last one.
        self.editing.delete(self.signposts.neighbour_id())

    def action_undo(self) -> None:
        self.editing.undo()

    def action_redo(self) -> None:
        self.editing.redo()

    def action_save(self) -> None:
        self.converse(self.files.save())

    def action_save_as(self) -> None:
        self.converse(self.files.save_as())

    def action_open(self) -> None:
        self.converse(self.files.open())

    def action_quit(self) -> None:
        self.converse(self.files.quit())

    def action_export(self) -> None:
        self.converse(self.files.export())

    def action_versions(self) -> None:
        self.converse(self.keeping.restore_version())

    def action_timer(self) -> None:
        self.session_timer.toggle()

    def action_reset_timer(self) -> None:
        self.session_timer.reset()

    def action_set_timer(self) -> None:
        self.converse(self.session_timer.set_length())

    def action_set_report_time(self) -> None:
        self.converse(self.session_timer.set_report_length())

    def action_edit_roadmap(self) -> None:
        self.converse(self.forms.edit_roadmap())

    def action_debrief(self) -> None:
        self.converse(self.forms.edit_debrief())

    def action_compare(self) -> None:
        self.converse(self.comparing.compare())

    def action_export_by(self, kind: str) -> None:
        self.converse(self.conference.export_by(kind))
