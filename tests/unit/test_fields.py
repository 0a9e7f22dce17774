"""The editor's field texts and the edits they make."""

from __future__ import annotations

from datetime import date

import pytest
from found import found

from roadmap_tui.model import Owner, Phase, Roadmap, Signpost
from roadmap_tui.model.fields import EDITABLE_FIELDS, edit_field, field_text, parse_date
from roadmap_tui.model.operations import RoadmapEditError

ROADMAP = Roadmap(
    title="T", phases=(Phase("Now"), Phase("Next")), owners=(Owner("Ana"),),
    signposts=(Signpost("s1", "One", owners=("Ana",), tags=("a", "b"), due=date(2021, 3, 31)),
               Signpost("s2", "Two")))


def test_field_texts() -> None:
    signpost = ROADMAP.signposts[0]
    assert field_text(signpost, "owners") == "Ana"
    assert field_text(signpost, "tags") == "a, b"
    assert field_text(signpost, "due") == "2021-03-31"
    assert field_text(signpost, "start") == ""
    assert field_text(signpost, "status") == "planned"
    assert all(isinstance(field_text(signpost, name), str) for name in EDITABLE_FIELDS)


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("2021-02", "due", date(2021, 2, 28)),
    ("2021-02", "start", date(2021, 2, 1)),
    (" 2021-2-3 ", "start", date(2021, 2, 3)),
    ("", "due", None),
])
def test_dates(text: str, name: str, expected: date | None) -> None:
    assert parse_date(text, name) == expected


@pytest.mark.parametrize("text", ["2021-02-30", "March", "2021-13"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(RoadmapEditError, match="due: "):
        parse_date(text, "due")


def test_unchanged_text_returns_the_same_roadmap() -> None:
    assert edit_field(ROADMAP, "s1", "tags", "a,  b")[0] is ROADMAP
    assert edit_field(ROADMAP, "s1", "title", " One ")[0] is ROADMAP


def test_edits_apply_and_unknown_owners_are_added() -> None:
    roadmap, notes = edit_field(ROADMAP, "s2", "owners", "ana, Vanna")
    assert found(roadmap.signpost_with_id("s2")).owners == ("Ana", "Vanna")
    assert notes == ['Added the owner "Vanna"']
    roadmap, _ = edit_field(roadmap, "s2", "due", "2021-04")
    assert found(roadmap.signpost_with_id("s2")).due == date(2021, 4, 30)
    roadmap, _ = edit_field(roadmap, "s2", "status", "done")
    assert found(roadmap.signpost_with_id("s2")).status == "done"


def test_phase_and_status_take_a_unique_prefix() -> None:
    roadmap, _ = edit_field(ROADMAP, "s1", "phase", "ne")
    assert roadmap.signposts[0].phase == "Next"
    roadmap, _ = edit_field(roadmap, "s1", "status", "ACT")
    assert roadmap.signposts[0].status == "active"
    roadmap, _ = edit_field(roadmap, "s1", "phase", " ")
    assert roadmap.signposts[0].phase == ""


@pytest.mark.parametrize(("name", "text", "message"), [
    ("phase", "n", '"n" could be the phase "Now" or "Next": type more'),
    ("status", "d", '"d" could be the status "done" or "dropped"'),
    ("status", "", "unknown status"),
    ("title", "  ", "title"),
    ("phase", "Someday", r'no phase "Someday" \(choose from: Now, Next\)'),
    ("depends_on", "s9", 'no signpost with id "s9"'),
    ("start", "2021-05-01", "before the start"),
    ("colour", "red", 'no field "colour"'),
])
def test_refused_edits_say_why(name: str, text: str, message: str) -> None:
    with pytest.raises(RoadmapEditError, match=message):
        edit_field(ROADMAP, "s1", name, text)
