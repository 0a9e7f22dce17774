"""The three-way merge of SPEC section 7: by ids and names, conflicts kept loadable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from found import found
from hypothesis import given
from hypothesis import strategies as st
from strategies import ONE_LINE, roadmaps

from roadmap_tui import dumps, loads
from roadmap_tui.model import Roadmap, validate
from roadmap_tui.model.diff import Change, diff
from roadmap_tui.model.merge import AUTHOR, merge
from roadmap_tui.model.operations import (
    RoadmapEditError,
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
    update_roadmap,
    update_signpost,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ZONE = timezone(timedelta(hours=7))


def plan(count: int = 4) -> Roadmap:
    roadmap = Roadmap("Plan")
    roadmap = add_phase(add_phase(roadmap, "Now"), "Later")
    roadmap = add_owner(add_owner(roadmap, "Chab Dai"), "Ana")
    for number in range(1, count + 1):
        roadmap, _ = add_signpost(roadmap, f"Signpost {number}", phase="Now",
                                  owners=["Ana"] if number % 2 else [])
    return roadmap


def ids(roadmap: Roadmap) -> list[str]:
    return [s.id for s in roadmap.signposts]


def test_two_sides_adding_at_the_end_keep_both_theirs_renumbered() -> None:
    base = plan()
    ours, ours_id = add_signpost(base, "Ours")
    theirs, their_id = add_signpost(base, "Theirs")
    theirs, _ = add_signpost(theirs, "Depends on theirs", depends_on=[their_id])
    assert ours_id == their_id == "s5"
    result = merge(base, ours, theirs, now=NOW)
    assert result.conflicts == ()
    titles = [s.title for s in result.roadmap.signposts]
    assert titles[-3:] == ["Ours", "Theirs", "Depends on theirs"]
    renumbered = result.roadmap.signposts[-2].id
    assert renumbered not in ("s5", "s6") and result.roadmap.signposts[-3].id == "s5"
    assert result.roadmap.signposts[-1].depends_on == (renumbered,)
    assert validate(result.roadmap) == []


def test_theirs_new_signposts_follow_the_one_they_follow_in_theirs() -> None:
    base = plan()
    theirs, _ = add_signpost(base, "After s2", after_id="s2")
    ours = move_signpost(base, "s4", -3)
    result = merge(base, ours, theirs, now=NOW).roadmap
    assert [s.title for s in result.signposts] == [
        "Signpost 4", "Signpost 1", "Signpost 2", "After s2", "Signpost 3"]


def test_one_side_changes_are_taken_and_the_same_change_once() -> None:
    base = plan()
    ours = update_signpost(base, "s1", status="done", due=date(2021, 3, 1))
    theirs = update_signpost(base, "s2", title="Theirs' title", due=date(2021, 3, 1))
    theirs = update_signpost(theirs, "s1", due=date(2021, 3, 1))
    result = merge(base, ours, theirs, now=NOW)
    assert result.conflicts == ()
    first, second = result.roadmap.signposts[:2]
    assert (first.status, first.due) == ("done", date(2021, 3, 1))
    assert (second.title, second.due) == ("Theirs' title", date(2021, 3, 1))


def test_the_same_field_changed_differently_keeps_ours_and_records_theirs() -> None:
    base = plan()
    ours = update_signpost(base, "s3", due=date(2021, 4, 30))
    theirs = update_signpost(base, "s3", due=date(2021, 5, 31))
    result = merge(base, ours, theirs, now=NOW)
    (conflict,) = result.conflicts
    assert conflict.key == "s3" and "due" in conflict.message
    assert "2021-04-30" in conflict.message and "2021-05-31" in conflict.message
    signpost = result.roadmap.signposts[2]
    assert signpost.due == date(2021, 4, 30)
    (comment,) = signpost.comments
    assert comment.author == AUTHOR and comment.at == NOW
    assert "theirs has due 2021-05-31" in comment.text
    assert loads(dumps(result.roadmap)) == result.roadmap


def test_a_conflict_is_one_line_and_its_comment_holds_theirs_whole() -> None:
    base = plan()
    theirs_detail = "Why: families hear about jobs abroad\nfrom brokers first. " + "x" * 200
    ours = update_signpost(base, "s1", detail="Ours\nin two lines")
    theirs = update_signpost(base, "s1", detail=theirs_detail)
    (conflict,) = merge(base, ours, theirs, now=NOW).conflicts
    assert "\n" not in conflict.message and len(conflict.message) < 300
    result = merge(base, ours, theirs, now=NOW).roadmap
    assert theirs_detail in result.signposts[0].comments[-1].text
    assert result.signposts[0].detail == "Ours\nin two lines"


def test_a_change_against_a_deletion_keeps_the_changed_signpost() -> None:
    base = plan()
    ours = delete_signpost(base, "s2")
    theirs = update_signpost(base, "s2", title="Still wanted")
    result = merge(base, ours, theirs, now=NOW)
    (conflict,) = result.conflicts
    assert "deleted in ours" in conflict.message
    kept = result.roadmap.signpost_with_id("s2")
    assert kept is not None and kept.title == "Still wanted"
    assert ids(result.roadmap) == ["s1", "s2", "s3", "s4"]
    assert "ours deleted this signpost" in kept.comments[-1].text
    # Deleted on one side and untouched on the other: simply deleted.
    assert ids(merge(base, ours, base, now=NOW).roadmap) == ["s1", "s3", "s4"]
    assert ids(merge(base, base, ours, now=NOW).roadmap) == ["s1", "s3", "s4"]


def test_a_rename_on_one_side_meets_new_references_on_the_other() -> None:
    base = plan()
    ours = rename_owner(rename_phase(base, "Now", "Next 3 months"), "Ana", "Ana Lim")
    theirs = update_signpost(base, "s2", owners=["Ana", "Chab Dai"])
    theirs, _ = add_signpost(theirs, "New", phase="now", owners=["ana"])
    result = merge(base, ours, theirs, now=NOW)
    assert result.conflicts == ()
    roadmap = result.roadmap
    assert [o.name for o in roadmap.owners] == ["Chab Dai", "Ana Lim"]
    assert roadmap.signposts[1].owners == ("Ana Lim", "Chab Dai")
    assert roadmap.signposts[-1].owners == ("Ana Lim",)
    assert roadmap.signposts[-1].phase == "Next 3 months"


def test_an_owner_deleted_on_one_side_but_given_work_on_the_other_stays() -> None:
    base = plan()
    ours = delete_owner(base, "Chab Dai")
    theirs = update_signpost(base, "s2", owners=["Chab Dai"])
    result = merge(base, ours, theirs, now=NOW)
    assert [o.name for o in result.roadmap.owners] == ["Ana", "Chab Dai"]
    assert result.roadmap.signposts[1].owners == ("Chab Dai",)
    assert any("Chab Dai" in c.message for c in result.conflicts)
    assert validate(result.roadmap) == []


def test_conflicts_outside_signposts_are_kept_in_the_notes() -> None:
    base = plan()
    ours = update_owner(update_roadmap(base, title="Ours"), "Ana", country="Cambodia")
    theirs = update_owner(update_roadmap(base, title="Theirs"), "Ana", country="Thailand")
    result = merge(base, ours, theirs, now=NOW)
    assert len(result.conflicts) == 2
    roadmap = result.roadmap
    assert roadmap.title == "Ours" and found(roadmap.owner_named("Ana")).country == "Cambodia"
    assert '"Theirs"' in roadmap.notes and '"Thailand"' in roadmap.notes
    assert roadmap.notes.count(AUTHOR) == 2


def test_dependencies_from_both_sides_never_make_a_cycle() -> None:
    base = plan()
    ours = update_signpost(base, "s1", depends_on=["s2"])
    theirs = update_signpost(base, "s2", depends_on=["s1"])
    result = merge(base, ours, theirs, now=NOW)
    assert validate(result.roadmap) == []
    assert result.conflicts and result.roadmap.signposts[0].depends_on == ("s2",)


def test_dates_from_both_sides_never_end_before_they_start() -> None:
    base = plan()
    ours = update_signpost(base, "s1", start=date(2021, 5, 1))
    theirs = update_signpost(base, "s1", due=date(2021, 4, 1))
    result = merge(base, ours, theirs, now=NOW)
    assert validate(result.roadmap) == [] and result.conflicts


def test_a_dependency_on_a_signpost_the_other_side_deleted_is_dropped() -> None:
    base = plan()
    ours = delete_signpost(base, "s1")
    theirs = update_signpost(base, "s3", depends_on=["s1"])
    result = merge(base, ours, theirs, now=NOW)
    assert validate(result.roadmap) == []
    assert found(result.roadmap.signpost_with_id("s3")).depends_on == ()
    assert result.conflicts


def test_comments_added_on_both_sides_are_all_kept_oldest_first() -> None:
    base = plan()
    ours = add_comment(base, "s1", "Ana", "ours", at=datetime(2021, 1, 2, tzinfo=ZONE))
    theirs = add_comment(base, "s1", "Sok", "theirs", at=datetime(2021, 1, 1, tzinfo=ZONE))
    result = merge(base, ours, theirs, now=NOW)
    assert result.conflicts == ()
    assert [c.text for c in result.roadmap.signposts[0].comments] == ["theirs", "ours"]


def test_updated_takes_the_later_save_without_a_conflict() -> None:
    base = update_roadmap(plan(), updated=datetime(2021, 1, 1, tzinfo=ZONE))
    ours = update_roadmap(base, updated=datetime(2021, 1, 3, tzinfo=ZONE))
    theirs = update_roadmap(base, updated=datetime(2021, 1, 2, tzinfo=ZONE))
    result = merge(base, ours, theirs, now=NOW)
    assert result.conflicts == () and result.roadmap.updated == ours.updated


# -- properties -------------------------------------------------------------------------

EDITS = ("title", "status", "due", "add", "delete", "move", "comment", "rename_owner",
         "add_owner", "delete_owner", "rename_phase", "owners", "header", "depends")


@st.composite
def edited(draw: st.DrawFn, base: Roadmap) -> Roadmap:
    """``base`` after a few edits such as a person makes in the app."""
    roadmap = base
    for edit in draw(st.lists(st.sampled_from(EDITS), max_size=4)):
        signpost = (draw(st.sampled_from(roadmap.signposts)) if roadmap.signposts
                    else None)
        try:
            roadmap = _apply(draw, roadmap, edit, signpost.id if signpost else None)
        except RoadmapEditError:
            continue
    return roadmap


def _apply(draw: st.DrawFn, roadmap: Roadmap, edit: str, sid: str | None) -> Roadmap:
    owner = draw(st.sampled_from(roadmap.owners)).name if roadmap.owners else None
    phase = draw(st.sampled_from(roadmap.phases)).name if roadmap.phases else None
    if edit == "add":
        after = draw(st.sampled_from([None, sid]))
        return add_signpost(roadmap, draw(ONE_LINE), after_id=after)[0]
    if edit == "add_owner":
        return add_owner(roadmap, draw(ONE_LINE))
    if edit == "header":
        return update_roadmap(roadmap, title=draw(ONE_LINE))
    if edit == "rename_owner" and owner:
        return rename_owner(roadmap, owner, draw(ONE_LINE))
    if edit == "delete_owner" and owner:
        return delete_owner(roadmap, owner)
    if edit == "rename_phase" and phase:
        return rename_phase(roadmap, phase, draw(ONE_LINE))
    if sid is None:
        return roadmap
    if edit == "delete":
        return delete_signpost(roadmap, sid)
    if edit == "move":
        return move_signpost(roadmap, sid, draw(st.integers(-3, 3)))
    if edit == "comment":
        return add_comment(roadmap, sid, "Ana", draw(ONE_LINE), at=NOW)
    if edit == "owners" and owner:
        return update_signpost(roadmap, sid, owners=[owner])
    if edit == "depends":
        other = draw(st.sampled_from(roadmap.signposts)).id
        return update_signpost(roadmap, sid, depends_on=[other])
    values = {"title": draw(ONE_LINE), "status": draw(st.sampled_from(["done", "blocked"])),
              "due": draw(st.dates(date(2020, 1, 1), date(2022, 1, 1)))}
    return update_signpost(roadmap, sid, **{edit: values[edit]} if edit in values else {})


@st.composite
def three(draw: st.DrawFn) -> tuple[Roadmap, Roadmap, Roadmap]:
    base = draw(roadmaps(max_signposts=6))
    return base, draw(edited(base)), draw(edited(base))


@given(three())
def test_merging_with_an_unchanged_side_gives_the_other(sides: tuple[Roadmap, ...]) -> None:
    base, ours, theirs = sides
    assert merge(base, base, theirs, now=NOW).roadmap == theirs
    assert merge(base, ours, base, now=NOW).roadmap == ours
    assert merge(base, base, theirs, now=NOW).conflicts == ()


@given(three())
def test_merging_the_same_change_twice_gives_it_once(sides: tuple[Roadmap, ...]) -> None:
    base, ours, _ = sides
    result = merge(base, ours, ours, now=NOW)
    assert result.roadmap == ours and result.conflicts == ()


@given(three())
def test_the_result_always_passes_check(sides: tuple[Roadmap, Roadmap, Roadmap]) -> None:
    base, ours, theirs = sides
    result = merge(base, ours, theirs, now=NOW)
    assert validate(result.roadmap) == []
    assert loads(dumps(result.roadmap)) == result.roadmap
    assert not any("kept ours whole" in c.message for c in result.conflicts)


def _holds_named(roadmap: Roadmap, change: Change) -> None:
    """An owner nobody was given, removed while another is added, reads as a rename,
    and which of two such was renamed cannot be told afterwards: so owners and phases
    are checked by the names and values the result holds."""
    items = {x.name.casefold(): x for x in (roadmap.phases if change.item == "phase"
                                            else roadmap.owners)}
    key = change.key.casefold()
    if change.change == "added":
        assert key in items
    elif change.change in ("removed", "renamed"):
        assert key not in items or change.new == change.key
        assert change.change == "removed" or str(change.new).casefold() in items
    elif change.change == "changed" and key in items:
        assert getattr(items[key], change.field) == change.new


def _shape(change: Change) -> tuple[object, ...]:
    return (change.item, change.change, change.key, change.field, change.new)


@given(three())
def test_a_clean_merge_holds_every_change_of_both_sides(
        sides: tuple[Roadmap, Roadmap, Roadmap]) -> None:
    base, ours, theirs = sides
    result = merge(base, ours, theirs, now=NOW)
    if result.conflicts:
        return
    merged = {_shape(c) for c in diff(base, result.roadmap)}
    titles = [s.title for s in result.roadmap.signposts]
    for side, other in ((ours, theirs), (theirs, ours)):
        renamed = any(c.change == "renamed" for c in diff(base, other))
        for change in diff(base, side):
            if change.change == "moved" or change.field in ("updated", "notes"):
                continue  # places shift with the other side's additions
            if change.item == "signpost" and change.change == "added":
                assert change.title in titles  # maybe renumbered; once if on both sides
            elif change.item in ("owner", "phase"):
                _holds_named(result.roadmap, change)
            elif change.item == "comment":
                assert any(change.comment in s.comments for s in result.roadmap.signposts)
            elif (not (renamed and change.field in ("owners", "phase"))
                  and (change.item != "signpost" or change.key in ids(base))):
                assert _shape(change) in merged, change
