"""The capture line: what it adds, and what it refuses to guess."""

from __future__ import annotations

from datetime import date

import pytest
from found import found
from hypothesis import given
from hypothesis import strategies as st

from roadmap_tui.model import Owner, Phase, Roadmap, Signpost
from roadmap_tui.model.quickadd import QuickAddError, apply_quick_add, parse_quick_add


@pytest.fixture
def roadmap() -> Roadmap:
    return Roadmap(
        title="T",
        phases=(Phase("Now"), Phase("Next 3 months"), Phase("Later")),
        owners=(Owner("Ana Lopez"), Owner("Anan"), Owner("Chab Dai"), Owner("Sok")),
        signposts=(Signpost("s1", "First"), Signpost("s2", "Second")),
    )


def test_the_whole_syntax(roadmap: Roadmap) -> None:
    entry = parse_quick_add(
        "Map shelters @sok #next +mapping due:2021-03-31 start:2021-01 in Battambang", roadmap)
    assert entry.title == "Map shelters in Battambang"
    assert entry.owners == ("Sok",)
    assert entry.new_owners == ()
    assert entry.phase == "Next 3 months"
    assert entry.tags == ("mapping",)
    assert entry.start == date(2021, 1, 1)
    assert entry.due == date(2021, 3, 31)


def test_month_dates_are_first_and_last_days(roadmap: Roadmap) -> None:
    entry = parse_quick_add("X start:2024-02 due:2024-02", roadmap)
    assert (entry.start, entry.due) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize("token", ['@"chab dai"', "@chab_dai", "@Chab_D", "@CHAB"])
def test_names_with_spaces(roadmap: Roadmap, token: str) -> None:
    assert parse_quick_add(f"Call {token}", roadmap).owners == ("Chab Dai",)


def test_an_exact_name_wins_over_a_longer_one(roadmap: Roadmap) -> None:
    assert parse_quick_add("X @anan", roadmap).owners == ("Anan",)


def test_an_ambiguous_prefix_is_reported(roadmap: Roadmap) -> None:
    with pytest.raises(QuickAddError, match=r'"@an" could be owner "Ana Lopez" or "Anan"'):
        parse_quick_add("X @an", roadmap)


def test_unknown_owners_are_created_once(roadmap: Roadmap) -> None:
    entry = parse_quick_add('X @Vanna @"UN Women" @vanna', roadmap)
    assert entry.owners == ("Vanna", "UN Women")
    assert entry.new_owners == ("Vanna", "UN Women")
    updated, new_id = apply_quick_add(roadmap, entry, after_id="s1")
    assert [o.name for o in updated.owners][-2:] == ["Vanna", "UN Women"]
    assert [s.id for s in updated.signposts] == ["s1", new_id, "s2"]
    assert found(updated.signpost_with_id(new_id)).owners == ("Vanna", "UN Women")


def test_an_underscored_new_owner_gets_spaces(roadmap: Roadmap) -> None:
    assert parse_quick_add("X @red_cross", roadmap).new_owners == ("red cross",)


@pytest.mark.parametrize(("line", "message"), [
    ("X #zzz", r'no phase matches "#zzz" \(phases: Now, Next 3 months, Later\)'),
    ("X #now #later", "two phases given"),
    ("X due:2021-13-01", "due: 2021-13-01 is not a real date"),
    ("X due:2021-02-30", "is not a real date"),
    ("X start:2021-13", "start: 2021-13 is not a real date"),
    ("X due:tomorrow", "due: 'tomorrow' is not a date; write YYYY-MM-DD or YYYY-MM"),
    ("X due:", "due: needs a date: write due:YYYY-MM-DD or due:YYYY-MM"),
    ("X start:2021-05 due:2021-04", "due 2021-04-30 is before start 2021-05-01"),
    ('X @"Chab', "the closing quote is missing"),
    ('X @""', "the name is empty"),
    ("@sok #now +tag", "a signpost needs a title"),
    ("", "a signpost needs a title"),
])
def test_problems_are_reported_not_guessed(roadmap: Roadmap, line: str, message: str) -> None:
    with pytest.raises(QuickAddError, match=message):
        parse_quick_add(line, roadmap)


def test_backslash_keeps_a_word_literal(roadmap: Roadmap) -> None:
    entry = parse_quick_add(r"\#1 priority for \@home", roadmap)
    assert entry.title == "#1 priority for @home"
    assert entry.phase == ""


def test_lone_sigils_and_markup_are_title_words(roadmap: Roadmap) -> None:
    entry = parse_quick_add("Fix [bold] # + @ [/] a@b.org", roadmap)
    assert entry.title == "Fix [bold] # + @ [/] a@b.org"


@given(st.text(max_size=80))
def test_any_line_gives_an_entry_or_a_clear_error(line: str) -> None:
    roadmap = Roadmap(title="T", phases=(Phase("Now"),), owners=(Owner("Ana"),))
    try:
        entry = parse_quick_add(line, roadmap)
    except QuickAddError as error:
        assert str(error)
        return
    assert entry.title.strip()


# -- issue 10: country:, the longest owner name, the case typed, the preview ----------------


def test_country_repeated_or_comma_separated(roadmap: Roadmap) -> None:
    entry = parse_quick_add("Shelter map country:Cambodia country:Laos,viet_nam", roadmap)
    assert entry.title == "Shelter map"
    assert entry.countries == ("Cambodia", "Laos", "viet nam")
    added, new_id = apply_quick_add(roadmap, entry)
    assert found(added.signpost_with_id(new_id)).countries == ("Cambodia", "Laos", "viet nam")


def test_country_takes_the_spelling_the_roadmap_already_uses() -> None:
    roadmap = Roadmap(title="T", owners=(Owner("Sok", country="Cambodia"),))
    assert parse_quick_add("X country:cambodia,CAMBODIA", roadmap).countries == ("Cambodia",)


def test_unquoted_owner_takes_the_words_of_the_longest_name(roadmap: Roadmap) -> None:
    entry = parse_quick_add("Map shelters @Chab Dai in Battambang", roadmap)
    assert entry.owners == ("Chab Dai",)
    assert entry.title == "Map shelters in Battambang"
    # A word that only starts the next word of a name stays in the title.
    entry = parse_quick_add("Call @chab da now", roadmap)
    assert entry.title == "Call da now" and entry.owners == ("Chab Dai",)
    entry = parse_quick_add("Call @ana lopez now", roadmap)
    assert entry.title == "Call now" and entry.owners == ("Ana Lopez",)


def test_unquoted_phase_takes_its_words_too(roadmap: Roadmap) -> None:
    entry = parse_quick_add("Plan #next 3 months review", roadmap)
    assert entry.phase == "Next 3 months" and entry.title == "Plan review"


def test_a_new_owner_keeps_the_case_typed() -> None:
    empty = Roadmap(title="T")
    assert parse_quick_add("X @Chab_Dai", empty).new_owners == ("Chab Dai",)
    assert parse_quick_add("X @chab_dai", empty).new_owners == ("chab dai",)


def test_the_preview_names_every_part(roadmap: Roadmap) -> None:
    entry = parse_quick_add("Map @Chab Dai @Vanna #next +gis country:KH start:2021-01 "
                            "due:2021-03", roadmap)
    assert entry.described() == (
        'owner Chab Dai \u00b7 owner Vanna (new) \u00b7 phase Next 3 months'
        ' \u00b7 start 2021-01-01 \u00b7 due 2021-03-31 \u00b7 +gis \u00b7 country KH \u00b7 "Map"')
