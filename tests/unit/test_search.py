"""The signpost filter's terms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_tui.model import Roadmap, Signpost, Status
from roadmap_tui.model.search import parse_filter

ROADMAP = Roadmap(title="T", signposts=(
    Signpost("s1", "Map shelters", detail="in Battambang", phase="Now", owners=("Chab Dai",),
             tags=("mapping",), countries=("KH",), status=Status.ACTIVE),
    Signpost("s2", "Train [bold] volunteers", phase="Next", owners=("Sok", "Ana"),
             tags=("training",), countries=("TH",), status=Status.DONE),
    Signpost("s3", "Write report", status=Status.IDEA),
))


@pytest.mark.parametrize(("query", "expected"), [
    ("", [0, 1, 2]),
    ("   ", [0, 1, 2]),
    ("shelter", [0]),
    ("battambang", [0]),
    ("[bold]", [1]),
    ("@chab_dai", [0]),
    ('@"chab d"', [0]),
    ("@an", [1]),
    ("#n", [0, 1]),
    ("#next", [1]),
    ("+train", [1]),
    ("status:act", [0]),
    ("STATUS:done", [1]),
    ("country:kh", [0]),
    ("@sok status:done", [1]),
    ("@sok status:active", []),
    ("r #now", [0]),
    ('"write rep"', [2]),
])
def test_terms_combine(query: str, expected: list[int]) -> None:
    assert parse_filter(query).matching_indexes(ROADMAP) == expected


def test_empty_filter_is_empty() -> None:
    assert parse_filter("  ").is_empty
    assert not parse_filter("x").is_empty


@given(st.text(max_size=40))
def test_any_query_is_accepted(query: str) -> None:
    """Whatever is typed, the filter answers positions of the roadmap, in order, each one
    a signpost it matches; an empty filter matches them all."""
    found = parse_filter(query)
    indexes = found.matching_indexes(ROADMAP)
    assert indexes == sorted(set(indexes))
    assert all(0 <= i < len(ROADMAP.signposts) for i in indexes)
    assert all(found.matches(ROADMAP.signposts[i]) for i in indexes)
    assert not any(found.matches(signpost) for i, signpost in enumerate(ROADMAP.signposts)
                   if i not in indexes)  # and every signpost it matches is answered
    if found.is_empty:
        assert indexes == list(range(len(ROADMAP.signposts)))


def test_group_term_matches_the_start_of_a_combined_signposts_group() -> None:
    plenary = Roadmap(title="Plenary", signposts=(
        Signpost("s1", "Map duties", group="Legal"),
        Signpost("s2", "Pilot LabourLink", group="Business and supply chains"),
        Signpost("s3", "Added in the plenary"),
    ))
    assert parse_filter("group:legal").matching_indexes(plenary) == [0]
    assert parse_filter("GROUP:business_and").matching_indexes(plenary) == [1]
    assert parse_filter('group:"business and s"').matching_indexes(plenary) == [1]
    assert parse_filter("group:b pilot").matching_indexes(plenary) == [1]
    assert parse_filter("group:aftercare").matching_indexes(plenary) == []
    # given the roadmap, a signpost with no group is its roadmap's (here: the title)
    assert parse_filter("group:plen", plenary).matching_indexes(plenary) == [2]
    legal = Roadmap(title="The Legal Route", group="Legal", signposts=(Signpost("s1", "x"),))
    assert parse_filter("group:legal", legal).matching_indexes(legal) == [0]


def test_country_also_matches_the_owners_countries() -> None:
    from roadmap_tui.model import Owner
    roadmap = Roadmap(title="T", owners=(Owner("Chab Dai", country="Cambodia"), Owner("Sok")),
                      signposts=(Signpost("s1", "A", owners=("chab dai",)),
                                 Signpost("s2", "B", owners=("Sok",)),
                                 Signpost("s3", "C", countries=("Cambodia",))))
    assert parse_filter("country:camb", roadmap).matching_indexes(roadmap) == [0, 2]
    assert parse_filter("country:cambodia").matching_indexes(roadmap) == [2]


def test_the_readme_country_example_matches_an_example_roadmap() -> None:
    import re
    from pathlib import Path

    from roadmap_tui import load
    root = Path(__file__).resolve().parents[2]
    example = re.search(r"`(country:[^`]+)`", (root / "README.md").read_text())
    assert example is not None, "the README shows a country: filter"
    term = example.group(1)
    found = []
    for path in sorted((root / "examples").glob("*.toml")):
        roadmap = load(path)
        found += parse_filter(term, roadmap).matching_indexes(roadmap)
    assert found, f"the README's {term} matches nothing in examples/"
