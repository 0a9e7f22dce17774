"""The edits the app makes: pure, reference-following, and never leaving a roadmap invalid."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.model import Owner, Phase, Roadmap, Signpost, Status, validate
from roadmap_tui.model import operations as ops
from roadmap_tui.model.operations import RoadmapEditError

ZONE = timezone(timedelta(hours=7))


def sample() -> Roadmap:
    return Roadmap(
        title="The Legal Route",
        phases=(Phase("Now"), Phase("Next", date(2021, 4, 1), date(2021, 6, 30)),
                Phase("Later")),
        owners=(Owner("Chab Dai", country="Cambodia"), Owner("IJM"), Owner("Sok")),
        signposts=(
            Signpost("s1", "Build capacity", phase="Now", owners=("Chab Dai", "Sok")),
            Signpost("s2", "Research policy", phase="Next", owners=("IJM",),
                     depends_on=("s1",)),
            Signpost("s7", "Fund shelters", depends_on=("s1", "s2")),
        ),
    )


def ids(roadmap: Roadmap) -> list[str]:
    return [s.id for s in roadmap.signposts]


def test_new_roadmap_has_the_default_phases() -> None:
    created = datetime(2020, 12, 11, 9, tzinfo=ZONE)
    roadmap = ops.new_roadmap("  Legal  ", group="Legal", created=created)
    assert roadmap.title == "Legal" and roadmap.group == "Legal"
    assert [p.name for p in roadmap.phases] == ["Now", "Next", "Later"]
    assert roadmap.created == created
    with pytest.raises(RoadmapEditError, match="must not be empty"):
        ops.new_roadmap(" ")
    with pytest.raises(RoadmapEditError, match="UTC offset"):
        ops.new_roadmap("x", created=datetime(2020, 1, 1))


def test_next_id_is_one_past_the_highest_numbered_id() -> None:
    assert ops.next_signpost_id(Roadmap("x")) == "s1"
    assert ops.next_signpost_id(sample()) == "s8"
    odd = Roadmap("x", signposts=(Signpost("intro", "t"), Signpost("s09", "u")))
    assert ops.next_signpost_id(odd) == "s10"


def test_add_signpost_after_the_selected_one_keeps_typing_order() -> None:
    roadmap, first = ops.add_signpost(sample(), "One", after_id="s1")
    roadmap, second = ops.add_signpost(roadmap, "Two", after_id=first, owners=["sok"],
                                       phase="later", due=date(2021, 3, 31))
    assert ids(roadmap) == ["s1", "s8", "s9", "s2", "s7"]
    added = roadmap.signposts[2]
    assert (added.title, added.owners, added.phase) == ("Two", ("Sok",), "Later")
    assert second == "s9"
    roadmap, last = ops.add_signpost(roadmap, "At the end")
    assert ids(roadmap)[-1] == last == "s10"


def test_add_signpost_refuses_what_would_be_invalid() -> None:
    roadmap = sample()
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("", {}, "must not be empty"),
        ("a\nb", {}, "one line"),
        ("x\x1b[2J", {}, "control or bidi"),
        ("x", {"phase": "Soon"}, 'no phase named "Soon"'),
        ("x", {"owners": ["Nobody"]}, 'no owner named "Nobody"'),
        ("x", {"status": "busy"}, 'unknown status "busy"'),
        ("x", {"start": date(2021, 5, 1), "due": date(2021, 4, 1)}, "before the start"),
        ("x", {"due": datetime(2021, 5, 1)}, "must be a date"),
        ("x", {"depends_on": ["s99"]}, 'no signpost with id "s99"'),
        ("x", {"colour": "red"}, 'no field "colour"'),
    ]
    for title, values, message in cases:
        with pytest.raises(RoadmapEditError, match=message):
            ops.add_signpost(roadmap, title, **values)
    with pytest.raises(RoadmapEditError, match='no signpost with id "nope"'):
        ops.add_signpost(roadmap, "x", after_id="nope")


def test_delete_signpost_removes_it_from_dependencies() -> None:
    roadmap = ops.delete_signpost(sample(), "s1")
    assert ids(roadmap) == ["s2", "s7"]
    assert roadmap.signposts[0].depends_on == ()
    assert roadmap.signposts[1].depends_on == ("s2",)
    with pytest.raises(RoadmapEditError):
        ops.delete_signpost(roadmap, "s1")


def test_insert_signpost_puts_a_deleted_one_back() -> None:
    original = sample()
    removed = original.signposts[0]
    roadmap = ops.delete_signpost(original, "s1")
    restored = ops.insert_signpost(roadmap, 0, removed)
    assert ids(restored) == ids(original)
    with pytest.raises(RoadmapEditError, match="already exists"):
        ops.insert_signpost(restored, 1, removed)


def test_move_signpost_stops_at_the_ends() -> None:
    roadmap = sample()
    assert ids(ops.move_signpost(roadmap, "s7", -1)) == ["s1", "s7", "s2"]
    assert ids(ops.move_signpost(roadmap, "s1", 5)) == ["s2", "s7", "s1"]
    assert ops.move_signpost(roadmap, "s1", -1) is roadmap


def test_update_signpost_sets_fields_and_canonicalises_names() -> None:
    roadmap = ops.update_signpost(sample(), "s7", title="Fund two shelters", status="blocked",
                                  owners=("ijm", "IJM"), phase="NEXT",
                                  tags=["funding", " ", "shelter "], detail="why\nhow")
    signpost = roadmap.signposts[2]
    assert signpost.status is Status.BLOCKED
    assert signpost.owners == ("IJM",) and signpost.phase == "Next"
    assert signpost.tags == ("funding", "shelter")
    assert signpost.detail == "why\nhow"
    assert sample().signposts[2].title == "Fund shelters"  # the original is untouched


def test_a_new_id_is_followed_by_dependants() -> None:
    roadmap = ops.update_signpost(sample(), "s1", id="capacity")
    assert roadmap.signposts[1].depends_on == ("capacity",)
    assert roadmap.signposts[2].depends_on == ("capacity", "s2")
    with pytest.raises(RoadmapEditError, match="already exists"):
        ops.update_signpost(roadmap, "s2", id="s7")
    with pytest.raises(RoadmapEditError, match="1-64"):
        ops.update_signpost(roadmap, "s2", id="has space")


def test_dependency_cycles_and_self_dependencies_are_refused() -> None:
    with pytest.raises(RoadmapEditError, match="dependency cycle"):
        ops.update_signpost(sample(), "s1", depends_on=["s7"])
    with pytest.raises(RoadmapEditError, match="itself"):
        ops.update_signpost(sample(), "s1", depends_on=["s1"])


def test_shift_phase_walks_the_phase_order() -> None:
    roadmap = sample()
    assert ops.shift_phase(roadmap, "s1", 1).signposts[0].phase == "Next"
    assert ops.shift_phase(roadmap, "s1", -1) is roadmap
    assert ops.shift_phase(roadmap, "s7", 1).signposts[2].phase == "Now"
    assert ops.shift_phase(roadmap, "s7", -1) is roadmap
    last = ops.update_signpost(roadmap, "s1", phase="Later")
    assert ops.shift_phase(last, "s1", 1) is last
    with pytest.raises(RoadmapEditError, match="no phases"):
        ops.shift_phase(Roadmap("x", signposts=(Signpost("s1", "t"),)), "s1", 1)


def test_rename_owner_follows_every_reference() -> None:
    roadmap = ops.rename_owner(sample(), "chab dai", "Chab Dai International")
    assert roadmap.owners[0].name == "Chab Dai International"
    assert roadmap.owners[0].country == "Cambodia"
    assert roadmap.signposts[0].owners == ("Chab Dai International", "Sok")
    assert ops.rename_owner(sample(), "IJM", "ijm").owners[1].name == "ijm"
    with pytest.raises(RoadmapEditError, match='an owner named "Sok" already exists'):
        ops.rename_owner(sample(), "IJM", "SOK")
    with pytest.raises(RoadmapEditError, match='no owner named "Hagar"'):
        ops.rename_owner(sample(), "Hagar", "x")


def test_delete_owner_removes_it_from_signposts() -> None:
    roadmap = ops.delete_owner(sample(), "sok")
    assert [o.name for o in roadmap.owners] == ["Chab Dai", "IJM"]
    assert roadmap.signposts[0].owners == ("Chab Dai",)
    assert validate(roadmap) == []


def test_owner_add_update_move() -> None:
    roadmap = ops.add_owner(sample(), "Hagar", organisation="Hagar International",
                            country="Cambodia")
    assert roadmap.owners[-1] == Owner("Hagar", "Hagar International", country="Cambodia")
    roadmap = ops.update_owner(roadmap, "hagar", role="aftercare", name="Hagar Intl")
    assert roadmap.owners[-1].role == "aftercare" and roadmap.owners[-1].name == "Hagar Intl"
    assert ops.move_owner(roadmap, "Hagar Intl", -10).owners[0].name == "Hagar Intl"
    with pytest.raises(RoadmapEditError, match="already exists"):
        ops.add_owner(roadmap, "chab dai")
    with pytest.raises(RoadmapEditError, match='no field "email"'):
        ops.add_owner(roadmap, "New", email="x@example.org")


def test_phase_rename_delete_update_move() -> None:
    roadmap = ops.rename_phase(sample(), "now", "Next 3 months")
    assert roadmap.signposts[0].phase == "Next 3 months"
    roadmap = ops.delete_phase(roadmap, "Next")
    assert roadmap.signposts[1].phase == ""
    assert validate(roadmap) == []
    roadmap = ops.update_phase(roadmap, "Later", start=date(2021, 7, 1), description="H2")
    assert roadmap.phases[-1] == Phase("Later", date(2021, 7, 1), None, "H2")
    with pytest.raises(RoadmapEditError, match="ends"):
        ops.update_phase(roadmap, "Later", end=date(2021, 1, 1))
    assert [p.name for p in ops.move_phase(roadmap, "Later", -1).phases] == [
        "Later", "Next 3 months"]
    roadmap = ops.add_phase(roadmap, "Backlog", index=0)
    assert roadmap.phases[0].name == "Backlog"


def test_update_roadmap_and_comments() -> None:
    roadmap = ops.update_roadmap(sample(), question="What next?", notes="a\nb",
                                 participants=["Ana", "Sok"])
    assert roadmap.participants == ("Ana", "Sok")
    with pytest.raises(RoadmapEditError, match="one line"):
        ops.update_roadmap(roadmap, question="a\nb")
    at = datetime(2020, 12, 12, 10, tzinfo=ZONE)
    roadmap = ops.add_comment(roadmap, "s2", "Reviewer", "Who funds this?", at)
    assert roadmap.signposts[1].comments[0].text == "Who funds this?"
    with pytest.raises(RoadmapEditError, match="UTC offset"):
        ops.add_comment(roadmap, "s2", "Reviewer", "x", datetime(2020, 1, 1))
    with pytest.raises(RoadmapEditError, match="whole minutes"):
        ops.add_comment(roadmap, "s2", "R", "x",
                        datetime(2020, 1, 1, tzinfo=timezone(timedelta(seconds=30))))


# -- no sequence of edits makes a valid roadmap invalid ---------------------------

TEXT = st.one_of(
    st.sampled_from(["", " ", "Now", "next", "Chab Dai", "sok", "s1", "s2", "s7", "New",
                     "[bold]", "[@click=app.quit]x[/]", "a\nb", "\x1b[31m", "\u202eevil",
                     "ប្រទេស", "🙂", "Later", "IJM", "x" * 70]),
    st.text(max_size=6),
)
DATES = st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2022, 12, 31)))
LISTS = st.lists(TEXT, max_size=3)
IDS = st.sampled_from(["s1", "s2", "s7", "s8", "s9", "s10", "nope", "a b", ""])
NAMES = st.sampled_from(["Now", "next", "LATER", "Chab Dai", "ijm", "Sok", "New one", "Soon",
                         "", " ", "[bold]", "a\nb", "\u202eevil", "ប្រទេស"])
VALUES = {
    "title": TEXT, "detail": TEXT, "group": TEXT, "tags": LISTS, "id": IDS,
    "phase": NAMES, "owners": st.lists(NAMES, max_size=3),
    "status": st.sampled_from([*Status, "busy", "DONE"]),
    "start": DATES, "due": DATES, "depends_on": st.lists(IDS, max_size=3),
}


def _steps() -> st.SearchStrategy[tuple[str, Any]]:
    updates = st.sampled_from(sorted(VALUES)).flatmap(
        lambda key: st.tuples(IDS, st.just(key), VALUES[key]))
    return st.one_of(
        st.tuples(st.just("add_signpost"), st.tuples(TEXT, st.one_of(st.none(), IDS))),
        st.tuples(st.just("delete_signpost"), IDS),
        st.tuples(st.just("move_signpost"), st.tuples(IDS, st.integers(-3, 3))),
        st.tuples(st.just("shift_phase"), st.tuples(IDS, st.sampled_from([-1, 1]))),
        st.tuples(st.just("update_signpost"), updates),
        st.tuples(st.just("owner"), st.tuples(
            st.sampled_from(["add", "rename", "delete", "move"]), NAMES, NAMES)),
        st.tuples(st.just("phase"), st.tuples(
            st.sampled_from(["add", "rename", "delete", "move", "dates"]), NAMES, NAMES,
            DATES, DATES)),
    )


def _apply(roadmap: Roadmap, step: tuple[str, Any]) -> Roadmap:
    kind, args = step
    if kind == "add_signpost":
        return ops.add_signpost(roadmap, args[0], after_id=args[1])[0]
    if kind == "delete_signpost":
        return ops.delete_signpost(roadmap, args)
    if kind == "move_signpost":
        return ops.move_signpost(roadmap, *args)
    if kind == "shift_phase":
        return ops.shift_phase(roadmap, *args)
    if kind == "update_signpost":
        signpost_id, key, value = args
        return ops.update_signpost(roadmap, signpost_id, **{key: value})
    if kind == "owner":
        action, name, other = args
        if action == "add":
            return ops.add_owner(roadmap, name)
        if action == "rename":
            return ops.rename_owner(roadmap, name, other)
        if action == "delete":
            return ops.delete_owner(roadmap, name)
        return ops.move_owner(roadmap, name, 1)
    action, name, other, start, end = args
    if action == "add":
        return ops.add_phase(roadmap, name, start=start, end=end)
    if action == "rename":
        return ops.rename_phase(roadmap, name, other)
    if action == "delete":
        return ops.delete_phase(roadmap, name)
    if action == "move":
        return ops.move_phase(roadmap, name, -1)
    return ops.update_phase(roadmap, name, start=start, end=end)


@settings(max_examples=150)
@given(st.lists(_steps(), max_size=25))
def test_no_sequence_of_edits_makes_the_roadmap_invalid(steps: list[tuple[str, Any]]) -> None:
    roadmap = sample()
    for step in steps:
        try:
            roadmap = _apply(roadmap, step)
        except RoadmapEditError as error:
            assert str(error)
        assert validate(roadmap) == [], step


def test_a_title_from_a_file_name_keeps_the_words_case() -> None:
    from roadmap_tui.model.operations import title_from_file_name

    assert title_from_file_name("Social Enterprise") == "Social Enterprise"
    assert title_from_file_name("trauma_informed-care") == "Trauma informed care"
    assert title_from_file_name("LabourLink pilot") == "LabourLink pilot"
