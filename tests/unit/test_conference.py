"""The conference view (SPEC section 6): overlaps between groups, owners and countries across
groups, and the summary's Groups and Across groups sections in every format."""

from __future__ import annotations

import random
import re

from roadmap_tui.model import Owner, Roadmap, Signpost
from roadmap_tui.model.conference import conference, group_names, is_combined
from roadmap_tui.model.overlap import MAX_PAIRS, find_overlaps, significant_words, stem
from roadmap_tui.report.export import render

BRANDS = Roadmap(
    title="Plenary",
    owners=(Owner("Chab Dai", country="Cambodia"), Owner("ILO", country="Thailand"),
            Owner("Ana")),
    signposts=(
        Signpost("s1", "Map the legal duties of brands", group="Legal", owners=("Chab Dai",)),
        Signpost("s2", "Train prosecutors on victim-centred interviews", group="Legal",
                 owners=("ILO",), countries=("cambodia",)),
        Signpost("s3", "Build capacity and awareness at grassroots level", group="Prevention",
                 owners=("chab dai",)),
        Signpost("s4", "Mapping brands' legal duties in supply chains", group="Business",
                 owners=("Ana",), countries=("Vietnam",)),
        Signpost("s5", "Pilot LabourLink with seafood suppliers", group="Business"),
        Signpost("s6", "Publish a guide on legal aid for brands' workers", group="legal"),
    ),
)


def by_group(signpost: Signpost) -> str:
    return signpost.group


def test_stems_and_significant_words() -> None:
    assert significant_words("Map the legal duties of brands") == ("map", "legal", "duty",
                                                                    "brand")
    assert significant_words("Mapping brands' legal duties") == ("map", "brand", "legal", "duty")
    assert [stem(w) for w in ("training", "trained", "creates", "classes", "focus")] == [
        "train", "train", "creat", "class", "focus"]
    assert significant_words("ប្រទេសកម្ពុជា, ไทย") == ("ប្រទេសកម្ពុជា", "ไทย")


def test_two_groups_mapping_the_legal_duties_of_brands_are_found() -> None:
    found = find_overlaps(BRANDS.signposts, by_group)
    assert found.total == 1
    (pair,) = found.pairs
    assert (pair.first[0], pair.first_group, pair.second[0], pair.second_group) == (
        1, "Legal", 4, "Business")
    assert pair.shared == ("map", "legal", "duty", "brand")


def test_unrelated_titles_and_the_same_group_are_not_overlaps() -> None:
    unrelated = (
        Signpost("a", "Map the legal duties of brands", group="A"),
        Signpost("b", "Train teachers to spot recruiters in schools", group="B"),
        Signpost("c", "Legal aid for survivors", group="C"),       # one shared word of three
        Signpost("d", "Brands fund the survivors' shelter", group="D"),
        Signpost("e", "Map the legal duties of brands", group="a"),  # the same group, any case
    )
    assert find_overlaps(unrelated, by_group).total == 0
    same_title = (Signpost("a", "Fundraising", group="A"), Signpost("b", "fundraising!", group="B"))
    assert find_overlaps(same_title, by_group).total == 1


def test_the_join_finds_what_comparing_every_pair_finds() -> None:
    rng = random.Random(4)
    words = [f"w{n}" for n in range(40)] + ["the", "of", "brands", "brand", "mapping", "map"]
    signposts = tuple(
        Signpost(f"s{n}", " ".join(rng.choices(words, k=rng.randrange(1, 7))),
                 group=rng.choice("ABC")) for n in range(400))
    found = find_overlaps(signposts, by_group)

    def overlap(a: set[str], b: set[str]) -> bool:
        if len(a) == 1 or len(b) == 1:
            return a == b
        shared = len(a & b)
        return shared >= 2 and 2 * shared > len(a) and 2 * shared > len(b)

    sets = [set(significant_words(s.title)) for s in signposts]
    expected = {(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))
                if sets[i] and sets[j] and signposts[i].group != signposts[j].group
                and overlap(sets[i], sets[j])}
    assert found.total == len(expected)
    listed = {(p.first[0] - 1, p.second[0] - 1) for p in found.pairs}
    assert len(listed) == min(len(expected), MAX_PAIRS)
    assert listed <= expected


def test_owners_and_countries_across_groups() -> None:
    found = conference(BRANDS)
    assert found is not None
    assert [(g.name, g.signposts) for g in found.groups] == [
        ("Legal", 3), ("Prevention", 1), ("Business", 2)]
    (shared,) = found.shared_owners
    assert shared.owner == "Chab Dai"
    assert [(g.name, g.signposts) for g in shared.groups] == [("Legal", 1), ("Prevention", 1)]
    countries = {c.group: [(n.name, n.signposts) for n in c.countries] for c in found.countries}
    assert countries == {"Legal": [("Cambodia", 2), ("Thailand", 1)],
                         "Prevention": [("Cambodia", 1)], "Business": [("Vietnam", 1)]}


def test_a_single_groups_roadmap_has_no_conference_view() -> None:
    single = Roadmap("The Legal Route", group="Legal", signposts=(
        Signpost("s1", "Map the legal duties of brands"),
        Signpost("s2", "Map brands' legal duties", group="legal")))
    assert not is_combined(single) and conference(single) is None
    assert group_names(single) == ["Legal"]
    for fmt in ("text", "md"):
        text = render(single, fmt)
        assert "Across groups" not in text and "Groups (" not in text


def test_every_format_shows_groups_and_across_groups_literally() -> None:
    hostile = Roadmap("Plenary", owners=(Owner("[bold]Ana[/]"),), signposts=(
        Signpost("s1", "Map the legal duties of brands", group="<b>Legal</b>",
                 owners=("[bold]Ana[/]",)),
        Signpost("s2", "Mapping brands' legal duties", group="*Business*",
                 owners=("[bold]Ana[/]",))))
    text = render(hostile, "text", width=100)
    assert "Groups  2" in text and "Across groups" in text
    assert "Map the legal duties of brands (<b>Legal</b>)" in text
    assert "[bold]Ana[/]  <b>Legal</b> 1 · *Business* 1" in text
    narrow = render(hostile, "text", width=40)
    assert "Across groups" in narrow
    markdown = render(hostile, "md")
    assert "## Groups (2)" in markdown and "### Overlaps (1)" in markdown
    assert "\\<b>Legal\\</b>" in markdown  # escaped: CommonMark reads no HTML there
    assert not re.search(r"(?<!\\)<b>", markdown)
    html = render(hostile, "html")
    assert "<b>Legal" not in html and "&lt;b&gt;Legal" in html
