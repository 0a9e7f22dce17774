"""The diff engine of SPEC section 7: plain language, renames, moves, JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from strategies import roadmaps

from roadmap_tui import dumps, loads
from roadmap_tui.model import Roadmap
from roadmap_tui.model.diff import as_json, describe, diff, moved
from roadmap_tui.model.operations import (
    add_comment,
    add_owner,
    add_phase,
    add_signpost,
    delete_owner,
    delete_signpost,
    move_signpost,
    rename_owner,
    rename_phase,
    update_owner,
    update_phase,
    update_roadmap,
    update_signpost,
)

ZONE = timezone(timedelta(hours=7))


def plan() -> Roadmap:
    roadmap = add_phase(add_phase(Roadmap("The Legal Route"), "Now"), "Later")
    roadmap = add_owner(add_owner(roadmap, "Chab Dai"), "Ana")
    for number, title in enumerate(("Build capacity", "Research", "LabourLink", "Jobs"), 1):
        roadmap, _ = add_signpost(roadmap, title, phase="Now",
                                  owners=["Ana"] if number % 2 else [],
                                  due=date(2021, 3, 31))
    return roadmap


def lines(old: Roadmap, new: Roadmap) -> list[str]:
    return [describe(change) for change in diff(old, new)]


def test_the_reviewers_story_in_plain_language() -> None:
    old = plan()
    new = update_signpost(old, "s3", owners=["Chab Dai"], due=date(2021, 4, 30))
    new = delete_signpost(delete_signpost(new, "s2"), "s4")
    assert lines(old, new) == [
        'signpost s2 "Research" removed',
        'signpost s4 "Jobs" removed',
        'signpost s3 "LabourLink": owners "Ana" -> "Chab Dai"',
        'signpost s3 "LabourLink": due 2021-03-31 -> 2021-04-30',
    ]


def test_every_kind_of_item_and_change() -> None:
    old = plan()
    new = update_roadmap(old, title="The Legal Way", goals=["justice"])
    new = update_phase(add_phase(new, "Next"), "Now", end=date(2021, 3, 31))
    new = update_owner(new, "Chab Dai", country="Cambodia")
    new, _ = add_signpost(new, "Map shelters", after_id="s1")
    new = add_comment(new, "s2", "Lisa", "Who funds this?", at=datetime(2020, 12, 12, 10,
                                                                       tzinfo=ZONE))
    new = update_signpost(new, "s1", status="done", tags=["a", "b"])
    assert lines(old, new) == [
        'roadmap: title "The Legal Route" -> "The Legal Way"',
        'roadmap: goals (none) -> "justice"',
        'phase "Now": end (none) -> 2021-03-31',
        'phase "Next" added',
        'owner "Chab Dai": country (none) -> "Cambodia"',  # an empty text reads as none
        'signpost s1 "Build capacity": status planned -> done',
        'signpost s1 "Build capacity": tags (none) -> "a", "b"',
        'signpost s5 "Map shelters" added at position 2',
        'signpost s2 "Research": comment by "Lisa" (2020-12-12 10:00) added: '
        '"Who funds this?"',
    ]


def test_renames_are_recognised_and_their_references_not_repeated() -> None:
    old = plan()
    new = rename_phase(rename_owner(old, "Ana", "Ana Lim"), "Now", "Next 3 months")
    assert lines(old, new) == ['phase renamed: "Now" -> "Next 3 months"',
                               'owner renamed: "Ana" -> "Ana Lim"']
    # An owner gone and another come with other signposts is no rename.
    other = add_owner(old, "Sok")
    other = update_signpost(other, "s3", owners=["Sok"])
    assert lines(old, delete_owner(other, "Ana"))[:2] == [
        'owner "Ana" removed', 'owner "Sok" added']
    # One nobody was given yet, gone while another comes: renamed in the app.
    assert lines(old, rename_owner(old, "Chab Dai", "CD")) == [
        'owner renamed: "Chab Dai" -> "CD"']


def test_a_rename_that_comes_with_a_hand_over_is_still_a_rename() -> None:
    old = update_signpost(plan(), "s2", owners=["Ana"])  # Ana: s1, s2, s3
    new = update_signpost(rename_owner(old, "Ana", "Ana Lim"), "s4", owners=["Ana Lim"])
    new = delete_signpost(new, "s1")
    assert lines(old, new) == ['owner renamed: "Ana" -> "Ana Lim"',
                               'signpost s1 "Build capacity" removed',
                               'signpost s4 "Jobs": owners (none) -> "Ana Lim"']
    # Mostly other signposts: not a rename.
    other = update_signpost(add_owner(old, "Sok"), "s4", owners=["Sok"])
    other = update_signpost(other, "s3", owners=["Sok"])
    assert lines(delete_owner(old, "Ana"), other)[0] != 'owner renamed'


def test_of_two_owners_nobody_was_given_the_one_alike_is_the_rename() -> None:
    old = update_owner(add_owner(plan(), "Dara"), "Chab Dai", country="Cambodia")
    old = update_owner(old, "Dara", country="Thailand")
    new = rename_owner(delete_owner(old, "Dara"), "Chab Dai", "Chab Dai KH")
    assert lines(old, new) == ['owner "Dara" removed', 'owner renamed: "Chab Dai" -> '
                               '"Chab Dai KH"']
    new = rename_owner(delete_owner(old, "Chab Dai"), "Dara", "Dara T")
    assert lines(old, new) == ['owner "Chab Dai" removed',
                               'owner renamed: "Dara" -> "Dara T"']


def test_moves_are_the_fewest_in_priority_order() -> None:
    old = plan()
    new = move_signpost(move_signpost(old, "s4", -3), "s1", 3)
    assert lines(old, new) == ['signpost s4 "Jobs" moved up: 4 -> 1',
                               'signpost s1 "Build capacity" moved down: 1 -> 4']
    assert moved(list("abcdef"), list("bcdefa")) == {"a"}
    assert moved(list("abc"), list("abc")) == set()


def test_json_holds_iso_dates_lists_and_the_keys_spec_names() -> None:
    old = plan()
    new = update_signpost(old, "s1", due=date(2021, 4, 30))
    new = update_signpost(new, "s2", owners=["Chab Dai"])
    new = rename_owner(new, "Ana", "Ana Lim")
    changes = json.loads(json.dumps([as_json(c) for c in diff(old, new)]))
    assert changes == [
        {"item": "owner", "change": "renamed", "name": "Ana", "field": "name",
         "old": "Ana", "new": "Ana Lim"},
        {"item": "signpost", "change": "changed", "id": "s1", "field": "due",
         "old": "2021-03-31", "new": "2021-04-30"},
        {"item": "signpost", "change": "changed", "id": "s2", "field": "owners",
         "old": [], "new": ["Chab Dai"]},
    ]
    assert as_json(diff(old, delete_signpost(old, "s2"))[0]) == {
        "item": "signpost", "change": "removed", "id": "s2"}


def test_user_text_is_shown_quoted_on_one_line_and_never_raw() -> None:
    old = plan()
    new = update_signpost(old, "s1", title="[bold]x", detail="a\nb")
    from dataclasses import replace
    new = replace(new, signposts=(replace(new.signposts[0], title="[bold]x\x1b[31m"),
                                  *new.signposts[1:]))  # as a script might build it
    text = "\n".join(lines(old, new))
    assert "\x1b" not in text and "[bold]x" in text and "a \u23ce b" in text


@given(roadmaps(), roadmaps())
def test_formatting_never_counts_and_only_equal_roadmaps_have_no_changes(
        first: Roadmap, second: Roadmap) -> None:
    assert diff(first, loads(dumps(first))) == []
    assert (diff(first, second) == []) == (first == second)


@given(roadmaps(), st.data())
def test_each_change_of_a_signpost_field_is_one_line(roadmap: Roadmap,
                                                     data: st.DataObject) -> None:
    if not roadmap.signposts:
        return
    signpost = data.draw(st.sampled_from(roadmap.signposts))
    changed = update_signpost(roadmap, signpost.id, status="done" if signpost.status != "done"
                              else "idea")
    (change,) = diff(roadmap, changed)
    assert (change.item, change.change, change.key, change.field) == (
        "signpost", "changed", signpost.id, "status")
