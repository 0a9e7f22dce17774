"""Every command of the main screen, declared once.

The screen's bindings, the footer, the ``?`` key map and the command palette
are all made from ``COMMANDS``, so a key cannot be documented in one place and
bound differently in another. Each binding has an id, so a ``[keys]`` table in
settings.toml can remap it (Textual's keymap); the key map and the palette
then show the user's key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from ..model import Status
from ..model.roadmap import STATUS_MARKS
from ..model.text import quoted
from ..model.validate import nearest


@dataclass(frozen=True, slots=True)
class Command:
    """One thing the facilitator can do: its key (if any), its names and its help."""

    id: str
    """The binding id, as a ``[keys]`` entry in settings.toml names it."""
    action: str
    label: str
    """Short: the footer's word and the palette's name."""
    help: str
    key: str | None = None
    """Textual key names, comma-separated; None for palette-only commands."""
    section: str = "Roadmap"
    footer: bool = True
    priority: bool = False
    editing: bool = False
    """Changes the roadmap or writes a file: refused in read-only review."""
    palette: bool = True


LIST = "Signposts (when no text field has focus)"
ROADMAP = "Roadmap"
PANES = "Panes"
PRESENT = "Present (the report-back)"

COMMANDS: tuple[Command, ...] = (
    Command("help", "help", "Keys", "this key map (f1 also works in a text field)",
            "question_mark,f1"),
    Command("quick_add", "quick_add", "Add", "capture a new signpost after the selected one",
            "a", LIST, priority=True, editing=True),
    Command("filter", "filter", "Filter",
            "filter: words @owner #phase +tag status: country: group:", "slash", LIST,
            priority=True),
    Command("present", "present", "Present", "present: the report-back, page by page", "p"),
    Command("debrief", "debrief", "Debrief",
            "the debrief: strategy, goals, outcomes, assumptions, learnings, asks", "d",
            editing=True),
    Command("timer", "timer", "Timer", "start / pause the session timer", "t"),
    Command("comment", "comment", "Comment", "in review: comment on the selected signpost",
            "c", LIST),
    Command("export", "export", "Export", "export the summary (text, ansi, html, svg, md)",
            "e"),
    Command("quit", "quit", "Quit", "quit (asks first when there are unsaved changes)", "q"),
    Command("save", "save", "Save", "save (asks for a path when untitled)", "ctrl+s",
            editing=True),
    Command("undo", "undo", "Undo", "undo any change", "ctrl+z", LIST, editing=True),
    Command("redo", "redo", "Redo", "redo what was undone", "ctrl+y", LIST, editing=True),
    Command("delete", "delete_signpost", "Delete", "delete the selected signpost", "delete",
            LIST, editing=True),
    Command("move_up", "move(-1)", "Move up", "move the signpost up (its priority)",
            "shift+up", LIST, footer=False, editing=True),
    Command("move_down", "move(1)", "Move down", "move the signpost down", "shift+down",
            LIST, footer=False, editing=True),
    Command("phase_back", "shift_phase(-1)", "Previous phase",
            "move the signpost to the previous phase", "left_square_bracket", LIST,
            footer=False, editing=True),
    Command("phase_on", "shift_phase(1)", "Next phase", "move the signpost to the next phase",
            "right_square_bracket", LIST, footer=False, editing=True),
    Command("group_by", "group_by", "By group", "list by breakout group; again: roadmap order",
            "g", LIST, footer=False),
    Command("open", "open", "Open", "open another roadmap", "ctrl+o", footer=False),
    Command("show_editor", "side('editor')", "Editor",
            "the editor pane; tab or enter goes into its fields", "1",
            PANES, footer=False),
    Command("show_owners", "side('owners')", "Owners", "owners: add, rename, delete", "2",
            PANES, footer=False),
    Command("show_timeline", "side('timeline')", "Timeline",
            "phases as columns and dated bars", "3", PANES, footer=False),
    Command("toggle_side", "toggle_side", "Wide list",
            "hide or show the side pane (a wider list)", "z", PANES, footer=False),
    Command("escape", "escape", "Back to list", "back to the list; clears the filter",
            "escape", LIST, footer=False, palette=False),
    Command("save_as", "save_as", "Save as", "write the roadmap to another file",
            editing=True),
    Command("versions", "versions", "Earlier versions",
            "local history: restore a version an earlier save replaced"),
    Command("compare", "compare", "Compare with\u2026",
            "what changed from a file or an earlier version; jump to a signpost"),
    Command("edit_roadmap", "edit_roadmap", "Edit roadmap details",
            "title, group, event, question, facilitator", editing=True),
    Command("set_timer", "set_timer", "Set timer length", "minutes for the session timer"),
    Command("reset_timer", "reset_timer", "Reset timer", "back to the full length, paused"),
    Command("set_report_time", "set_report_time", "Set report-back length",
            "minutes for the report-back countdown in present mode (default 3)"),
    Command("export_cards", "export_by('owner')", "Export commitment cards",
            "one file per owner, into a folder"),
    Command("export_countries", "export_by('country')", "Export country tables",
            "one file per country, into a folder"),
    Command("export_groups", "export_by('group')", "Export group summaries",
            "one file per breakout group, into a folder"),
)

BY_ID = {command.id: command for command in COMMANDS}
EDITING_ACTIONS = frozenset(command.action.split("(")[0] for command in COMMANDS
                            if command.editing)
REFUSED_IN_REVIEW = {"save": "no saving", "undo": "no undo", "redo": "no redo",
                     "delete_signpost": "no deleting", "move": "no moving",
                     "shift_phase": "no phase changes", "quick_add": "no adding",
                     "debrief": "the debrief cannot be changed"}
"""How read-only review answers the editing keys (else the command's label)."""


def review_refusal(key: str) -> str | None:
    """What read-only review says to ``key`` when it is an editing key (else None)."""
    for command in COMMANDS:
        if command.editing and command.key and key in command.key.split(","):
            action = command.action.split("(")[0]
            return f"Read-only: {REFUSED_IN_REVIEW.get(action, command.label)}."
    return None

# What the key map says beyond the bindings: keys that belong to one widget, and the
# capture syntax. Written here, beside the bindings, so the help has one source.
FIRST_NOTES: dict[str, tuple[tuple[str, str], ...]] = {
    LIST: (("up / down", "move the cursor; the editor follows"),),
}
LAST_NOTES: dict[str, tuple[tuple[str, str], ...]] = {
    ROADMAP: (("ctrl+p", "command palette: every action, jump to a signpost or owner,"
                         " roadmap details, earlier versions of the file"),),
    PANES: (
        ("tab / shift+tab", "next / previous field or pane"),
        ("enter", "in a field: apply it (leaving the field applies it too)"),
        ("n, enter, d", "owners and timeline panes: new, edit or rename, delete"),
        ("left / right", "timeline: choose a phase; shift+left / right moves it"),
    ),
    PRESENT: (
        ("right / space", "next page"),
        ("left", "previous page; home / end: the first / last"),
        ("g / shift+g", "a combined roadmap: the next / previous group (a fresh countdown)"),
        ("t", "start / pause the session timer"),
        ("c / r", "pause / restart the report-back countdown"),
        ("escape", "back to editing"),
    ),
    "Capture line": (
        ("@name", 'owner by prefix; @"Two Words" or @two_words; new names are added'),
        ("#phase", "phase by prefix"),
        ("+tag", "a tag"),
        ("country:", "a country; repeat it or separate with commas"),
        ("due:  start:", "YYYY-MM-DD or YYYY-MM"),
        ("\\#word", "a backslash keeps a word literal"),
    ),
}

_KEY_NAMES = {"left_square_bracket": "[", "right_square_bracket": "]", "slash": "/",
              "question_mark": "?", "comma": ",", "full_stop": ".", "space": "space"}
_KEY_SPEC = re.compile(r"[a-z0-9_+]+(,[a-z0-9_+]+)*")


def bindings(commands: Iterable[Command] = COMMANDS) -> list[BindingType]:
    """The screen's bindings, each with its id so the user's keymap can move it."""
    return [Binding(command.key, command.action, command.label, show=command.footer,
                    priority=command.priority, id=command.id)
            for command in commands if command.key is not None]


def key_of(command: Command, keymap: Mapping[str, str]) -> str | None:
    """The keys that run ``command`` now, as a person writes them (``[``, ``ctrl+s``)."""
    keys = keymap.get(command.id, command.key)
    if keys is None:
        return None
    return " or ".join(_KEY_NAMES.get(key, key) for key in keys.split(","))


def key_map(keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The ``?`` screen's sections, with the keys the user's keymap gives."""
    keymap = keymap or {}
    sections: dict[str, list[tuple[str, str]]] = {
        title: list(FIRST_NOTES.get(title, ())) for title in (LIST, ROADMAP, PANES)}
    for command in COMMANDS:
        key = key_of(command, keymap)
        if key is not None:
            sections[command.section].append((key, command.help))
    for title, notes in LAST_NOTES.items():
        sections.setdefault(title, []).extend(notes)
    sections["Status marks (the same in the list, timeline and summary)"] = [
        (STATUS_MARKS[status], status.value) for status in Status]
    return list(sections.items())


def palette_entries(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(name, action, help) for the palette; the help names the key that runs it now."""
    keymap = keymap or {}
    entries = []
    for command in COMMANDS:
        if command.palette:
            key = key_of(command, keymap)
            entries.append((command.label, command.action,
                            f"{command.help} ({key})" if key else command.help))
    return entries


def checked_keymap(entries: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """The ``[keys]`` entries that can be used, and a line for each that cannot."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in entries.items():
        if binding_id not in BY_ID or BY_ID[binding_id].key is None:
            suggestion = nearest(binding_id, [c.id for c in COMMANDS if c.key is not None])
            hint = f'; did you mean "{suggestion}"?' if suggestion else ""
            problems.append(f"[keys]: no command {quoted(binding_id)}{hint} (ignored)")
        elif not isinstance(keys, str) or not _KEY_SPEC.fullmatch(keys.strip()):
            problems.append(f'[keys]: {binding_id} needs key names such as "ctrl+w" or'
                            f' "f2,ctrl+w" (ignored)')
        else:
            keymap[binding_id] = keys.strip()
    return keymap, problems
