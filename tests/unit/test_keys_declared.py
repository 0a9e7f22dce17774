"""Keys are declared once: bindings, key map, palette and remapping agree."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from roadmap_tui.app.keys import (
    COMMANDS,
    EDITING_ACTIONS,
    bindings,
    checked_keymap,
    key_map,
    palette_entries,
)
from roadmap_tui.app.screens.main import MainScreen


def test_every_command_runs_an_action_of_the_main_screen() -> None:
    for command in COMMANDS:
        name = command.action.split("(")[0]
        assert callable(getattr(MainScreen, f"action_{name}", None)), command.id


def test_ids_are_unique_and_every_binding_has_one() -> None:
    ids = [command.id for command in COMMANDS]
    assert len(ids) == len(set(ids))
    made = bindings()
    assert all(isinstance(b, Binding) for b in made)
    assert [b.id for b in made if isinstance(b, Binding)] == [
        c.id for c in COMMANDS if c.key is not None]
    assert made == MainScreen.BINDINGS


def test_the_key_map_lists_every_bound_key_with_its_help() -> None:
    rows = {row for _, section in key_map() for row in section}
    for command in COMMANDS:
        if command.key is not None:
            assert any(command.help == text for _, text in rows), command.id
    assert ("[", "move the signpost to the previous phase") in rows
    assert ("? or f1", "this key map (f1 also works in a text field)") in rows
    assert ("ctrl+s", "save (asks for a path when untitled)") in rows


def test_a_remapped_key_shows_in_the_key_map_and_palette() -> None:
    rows = {row for _, section in key_map({"save": "ctrl+w,f2"}) for row in section}
    assert ("ctrl+w or f2", "save (asks for a path when untitled)") in rows
    assert ("ctrl+s", "save (asks for a path when untitled)") not in rows
    save = next(entry for entry in palette_entries({"save": "ctrl+w"}) if entry[0] == "Save")
    assert save == ("Save", "save", "save (asks for a path when untitled) (ctrl+w)")


def test_read_only_refuses_exactly_the_editing_commands() -> None:
    editing = {"quick_add", "delete_signpost", "move", "shift_phase", "undo", "redo", "save",
               "save_as", "edit_roadmap", "debrief"}
    assert editing == EDITING_ACTIONS


@pytest.mark.parametrize(("entries", "kept", "problem"), [
    ({"save": "ctrl+w"}, {"save": "ctrl+w"}, None),
    ({"sav": "ctrl+w"}, {}, '[keys]: no command "sav"; did you mean "save"? (ignored)'),
    ({"versions": "f5"}, {}, '[keys]: no command "versions"'),
    ({"save": "ctrl w"}, {}, "[keys]: save needs key names"),
    ({"save": 3}, {}, "[keys]: save needs key names"),
])
def test_a_bad_keys_entry_is_reported_and_ignored(
        entries: dict[str, object], kept: dict[str, str], problem: str | None) -> None:
    keymap, problems = checked_keymap(entries)
    assert keymap == kept
    if problem is None:
        assert problems == []
    else:
        (line,) = problems
        assert line.startswith(problem)
