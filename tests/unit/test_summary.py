"""The summary of SPEC section 3, rendered to plain text at fixed widths with no colour."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from roadmap_tui.model import Owner, Phase, Roadmap, Signpost, Status
from roadmap_tui.model.overview import (
    SECTIONS,
    GapKind,
    country_groups,
    gaps,
    owner_groups,
    phase_groups,
    sections,
    signposts_with_gaps,
    tag_groups,
)
from roadmap_tui.model.timeline import signpost_spans
from roadmap_tui.report.summary import Summary, summary
from roadmap_tui.report.timeline import Timeline

ICT = timezone(timedelta(hours=7))
TODAY = date(2021, 2, 10)
FSI, PDI = "\u2068", "\u2069"

HOSTILE = (
    "[bold]x[/]",
    "[@click=app.quit]x[/]",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "*x* [a](javascript:alert(1)) <b>",
    ":smile: :thumbs_up:",
    "{title} %s \\n \\x1b",
)
SCRIPTS = ("ភាសាខ្មែរ", "ภาษาไทย", "العربية", "עברית", "中文字符", "日本語", "🚀 🌏")


def breakout() -> Roadmap:
    """A breakout group's roadmap from the reference session, with one of each gap."""
    phases = (
        Phase("Before we go home", date(2020, 12, 11), date(2020, 12, 31),
              "Commitments made in the room"),
        Phase("Next 3 months", date(2021, 1, 1), date(2021, 3, 31)),
        Phase("3 to 6 months", date(2021, 4, 1), date(2021, 6, 30)),
        Phase("6 to 12 months", date(2021, 7, 1), date(2021, 12, 31)),
        Phase("Next conference"),
    )
    owners = (
        Owner("Chab Dai", organisation="NGO coalition", country="Cambodia"),
        Owner("STOP THE TRAFFIK Australia", organisation="NGO", country="Australia"),
        Owner("Ministry of Social Affairs", organisation="Government", country="Cambodia"),
        Owner("LabourLink", organisation="Supply-chain technology"),
        Owner("Sok", role="Grassroots practitioner", country="Cambodia"),
        Owner("Dewi", role="Researcher", country="Indonesia"),
        Owner("Freedom Business Alliance"),
    )
    s = Signpost
    signposts = (
        s("s1", "Build capacity and awareness at grassroots level",
          "Train village chiefs and teachers first.\nThen the commune councils.",
          "Next 3 months", ("Chab Dai", "Sok"), Status.ACTIVE,
          date(2021, 1, 10), date(2021, 3, 31)),
        s("s2", "More research to drive evidence-based policy", "", "6 to 12 months",
          ("Dewi",), Status.PLANNED, date(2021, 7, 1), date(2021, 12, 15)),
        s("s3", "Pilot LabourLink with two garment suppliers", "", "3 to 6 months",
          ("LabourLink", "STOP THE TRAFFIK Australia"), Status.PLANNED,
          date(2021, 4, 1), date(2021, 6, 30), depends_on=("s9",)),
        s("s4", "Job creation aimed at family members, not survivors in recovery", "",
          "6 to 12 months", ("Freedom Business Alliance",), Status.IDEA),
        s("s5", "Map which conception of justice each survivor wants", "",
          "Next 3 months", ("Ministry of Social Affairs",), Status.BLOCKED,
          due=date(2021, 2, 28)),
        s("s6", "Share the roadmap at the plenary", "", "Before we go home", ("Chab Dai",),
          Status.DONE, date(2020, 12, 11), date(2020, 12, 11)),
        s("s7", "Connect with grassroots practitioners in Indonesia", "", "Next conference",
          ("Dewi", "Chab Dai"), Status.PLANNED, due=date(2022, 11, 30)),
        s("s8", "Agree a referral pathway with the ministry", "", "3 to 6 months", (),
          Status.PLANNED, date(2021, 4, 15), date(2021, 8, 31)),
        s("s9", "Fund a LabourLink translation into Khmer", "", "Next 3 months",
          ("STOP THE TRAFFIK Australia",), Status.DROPPED),
        s("s10", "Monthly call for the new partners", "", "Before we go home", ("Sok",),
          Status.ACTIVE, start=date(2020, 12, 18)),
        s("s11", "Trauma-informed training for frontline police", "", "",
          ("Ministry of Social Affairs",), Status.IDEA),
        s("s12", "Write up key learnings for the conference report", "", "Next 3 months",
          ("STOP THE TRAFFIK Australia",), Status.PLANNED, due=date(2021, 1, 31)),
    )
    return Roadmap(
        title="Prevention and Building Resilient Communities",
        group="Prevention",
        event="Regional Anti-Trafficking Conference 2020, day 4",
        question="What do we do next?",
        facilitator="Lisa",
        participants=("Ana", "Sok", "Dewi"),
        created=datetime(2020, 12, 11, 9, 0, tzinfo=ICT),
        updated=datetime(2020, 12, 12, 11, 30, tzinfo=ICT),
        phases=phases,
        owners=owners,
        signposts=signposts,
    )


def render(roadmap: Roadmap, width: int = 100, *, today: date | None = None,
           isolate_bidi: bool = False) -> str:
    """The summary as plain text; the console keeps Rich's defaults (markup on, emoji on)
    to prove the summary never hands it a string to interpret. Lines are not cropped to
    the width, so a line drawn too wide shows as too wide."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(summary(roadmap, today=today, isolate_bidi=isolate_bidi), crop=False)
    return console.export_text()


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_sections_come_in_the_order_of_the_spec() -> None:
    text = render(breakout())
    order = [
        "Prevention and Building Resilient Communities",
        "Prevention\n",  # the group
        "Regional Anti-Trafficking Conference 2020, day 4",
        "What do we do next?",
        "Lisa",
        "11 Dec 2020",  # created, then updated
        "12 Dec 2020",
        "Signposts  12",
        "Timeline",
        "Owners  7",
        "Gaps",
    ]
    flat = re.sub(r" +(│)?\n", "\n", text)
    positions = [flat.index(needle) for needle in order]
    assert positions == sorted(positions)
    header = text.split("Signposts")[0]
    assert "Created" in header and "Updated" in header


def test_the_header_counts_each_signpost_with_gaps_once() -> None:
    roadmap = Roadmap("R", signposts=(Signpost("a", "No owner, phase or date"),))
    text = render(roadmap)
    assert "1 signpost · 0 phases · 0 owners · 1 with gaps" in text
    assert "Gaps  1 " in text


def test_created_date_is_shown_when_never_updated() -> None:
    roadmap = Roadmap("R", created=datetime(2020, 12, 11, 9, 0, tzinfo=ICT))
    assert "Created" in render(roadmap) and "11 Dec 2020" in render(roadmap)


def test_signposts_are_grouped_by_phase_in_phase_order_unphased_last() -> None:
    text = render(breakout())
    signposts = text.split("Signposts  12")[1].split("Timeline")[0]
    headings = [m.group(1) for m in re.finditer(r"▍(.+?)  ", signposts)]
    assert headings == ["Before we go home", "Next 3 months", "3 to 6 months",
                        "6 to 12 months", "Next conference", "No phase yet"]
    assert "11   Trauma-informed" in signposts.split("No phase yet")[1]
    # Roadmap order inside a phase: 1, 5, 9, 12 in "Next 3 months".
    next_three = signposts.split("Next 3 months")[1].split("3 to 6 months")[0]
    numbers = [int(n) for n in re.findall(r"^ +(\d+)   ", next_three, re.MULTILINE)]
    assert numbers == [1, 5, 9, 12]


def test_each_signpost_shows_position_title_owners_dates_and_status() -> None:
    text = render(breakout(), 160)
    row = line_with(text, "Build capacity and awareness")
    assert re.match(r"^ +1 ", row)
    for part in ("Chab Dai", "10 Jan \u2013 31 Mar 2021", "◐ active"):
        assert part in row
    assert "Sok" in text.splitlines()[text.splitlines().index(row) + 1]
    assert "⊘ blocked" in line_with(text, "Map which conception")
    assert "✕ dropped" in line_with(text, "Fund a LabourLink")
    assert "no owner" in line_with(text, "Agree a referral pathway")
    assert "no date" in line_with(text, "Trauma-informed")
    assert "Train village chiefs and teachers first." in text  # the detail's first line
    assert "Then the commune councils" not in text


def test_statuses_read_without_colour() -> None:
    text = render(breakout())
    for word in ("◇ idea", "○ planned", "◐ active", "⊘ blocked", "✓ done", "✕ dropped"):
        assert word in text


def test_every_kind_of_gap_is_reported() -> None:
    text = render(breakout(), 160, today=TODAY)
    found = text.split("\nGaps")[1]
    sections = {kind: found.index(heading) for kind, heading in (
        ("owner", "No owner"), ("phase", "No phase  "), ("date", "No date"),
        ("blocked", "Blocked"), ("dropped", "Depends on dropped"), ("late", "Past due"))}
    assert list(sections.values()) == sorted(sections.values())
    assert "8 Agree a referral pathway" in line_with(found, "No owner")
    assert "11 Trauma-informed" in line_with(found, "No phase  ")
    assert "4 Job creation" in found.split("No date")[1].split("Blocked")[0]
    assert "5 Map which conception" in line_with(found, "Blocked")
    dependency = line_with(found, "Depends on dropped")
    assert "3 Pilot LabourLink" in dependency and "needs 9 Fund a LabourLink" in dependency
    assert "(dropped)" in dependency
    assert "12 Write up key learnings" in line_with(found, "Past due")


def test_closed_signposts_are_not_gaps_and_past_due_needs_today() -> None:
    found = {gap.kind: [item.position for item in gap.items]
             for gap in gaps(breakout(), today=None)}
    assert GapKind.OVERDUE not in found
    assert 9 not in found[GapKind.NO_DATE]  # dropped
    assert found[GapKind.NO_DATE] == [4, 11]
    assert found[GapKind.NO_OWNER] == [8]
    assert found[GapKind.DROPPED_DEPENDENCY] == [3]


def test_no_gaps_says_so() -> None:
    roadmap = Roadmap("R", phases=(Phase("Now"),), owners=(Owner("A"),), signposts=(
        Signpost("a", "Done it", phase="Now", owners=("A",), due=date(2021, 1, 1)),))
    assert "No gaps" in render(roadmap)


def test_timeline_draws_a_bar_per_dated_signpost() -> None:
    text = render(breakout(), 160, today=TODAY)
    timeline = text.split("\nTimeline")[1].split("\nOwners")[0]
    assert "Dec Jan Feb Mar" in timeline and "2021" in timeline and "2022" in timeline
    one = line_with(timeline, "Build capacity")
    assert one.count("█") == 3 * 4  # Jan to Mar, four columns a month at 160
    assert "░" in line_with(timeline, "Job creation")  # dated only by its phase
    assert "Trauma-informed" not in timeline.split("Not on the timeline")[0]
    assert "Not on the timeline: 1 signpost has no dates (11)." in timeline
    assert "│ today, 10 Feb 2021" in timeline
    assert "━" in line_with(timeline, "Next 3 months")  # phases drawn for reference


@pytest.mark.parametrize(("width", "header"), [(160, "Dec Jan"), (100, "D J F M"),
                                               (60, "Q4 Q1 Q2")])
def test_timeline_scale_follows_the_width(width: int, header: str) -> None:
    assert header in render(breakout(), width).split("\nTimeline")[1]


def test_timeline_of_decades_uses_years() -> None:
    roadmap = Roadmap("R", signposts=(
        Signpost("a", "A", start=date(2000, 1, 1), due=date(2001, 1, 1)),
        Signpost("b", "B", due=date(2090, 6, 1))))
    timeline = render(roadmap, 60).split("\nTimeline")[1]
    assert "2000" in timeline and "Jan" not in timeline


def test_owners_list_their_signposts_by_position() -> None:
    text = render(breakout(), 160)
    owners = text.split("\nOwners")[1].split("\nGaps")[0]
    block = owners.split("Chab Dai")[1].split("STOP THE TRAFFIK")[0]
    assert re.findall(r"(\d+) [◇○◐⊘✓✕] ", block) == ["1", "6", "7"]
    assert "NGO coalition · Cambodia" in block


def test_a_roadmap_with_only_a_title_explains_each_empty_section() -> None:
    text = render(Roadmap("Only a title"), 60)
    assert "Only a title" in text
    for message in ("No signposts yet", "Nothing is dated yet", "No owners yet",
                    "Nothing to check"):
        assert message in text


def test_empty_phases_and_owners_say_so() -> None:
    roadmap = Roadmap("R", phases=(Phase("Now"), Phase("Later")), owners=(Owner("Idle"),),
                      signposts=(Signpost("a", "A", phase="Now"),))
    text = render(roadmap)
    assert "Nothing here yet" in text.split("Later")[1]
    assert "no signposts yet" in text.split("Idle")[1]
    assert "Phases ready for them: Now, Later" in render(
        Roadmap("R", phases=roadmap.phases))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_is_shown_literally(hostile: str) -> None:
    roadmap = Roadmap(hostile, group=hostile, event=hostile, question=hostile,
                      facilitator=hostile, phases=(Phase(hostile),), owners=(Owner(hostile),),
                      signposts=(Signpost("a", hostile, hostile, hostile, (hostile,)),))
    text = render(roadmap, 160)
    assert text.count(hostile) >= 8
    if hostile.startswith(":smile:"):
        assert "😄" not in text


def test_control_and_bidi_override_characters_never_reach_the_output() -> None:
    nasty = "a\x1b[31mb\x07c\u202ed\x00e\ud800f"
    text = render(Roadmap(nasty, signposts=(Signpost("a", nasty, owners=(nasty,)),)), 100)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\ud800-\udfff]", text)
    assert "a\ufffd[31mb\ufffdc\ufffdd\ufffde\ufffdf" in text


@pytest.mark.parametrize("script", SCRIPTS)
def test_other_scripts_appear(script: str) -> None:
    roadmap = Roadmap(script, phases=(Phase(script),), owners=(Owner(script),),
                      signposts=(Signpost("a", script, phase=script, owners=(script,),
                                          due=date(2021, 1, 1)),))
    text = render(roadmap, 100)
    # The title, the phase heading, the signpost and the owner: every place shows it whole.
    header, listed, timeline, owners, _ = re.split(
        r"\n(?=(?:Signposts|Timeline|Owners|Gaps) )", text)
    assert script in header, text
    assert f"\u258d{script}" in listed and listed.count(script) == 3, listed  # title, owner
    assert script in timeline, timeline
    assert owners.count(script) == 2, owners  # the owner, and their signpost
    narrow = render(roadmap, 20)
    assert script.split()[0][:3] in narrow  # folded to fit, never dropped


def test_right_to_left_text_is_isolated_only_when_asked() -> None:
    roadmap = Roadmap("العربية", owners=(Owner("עברית"), Owner("Chab Dai")),
                      signposts=(Signpost("a", "مرحبا", owners=("עברית", "Chab Dai")),))
    plain_text = render(roadmap)
    assert FSI not in plain_text
    isolated = render(roadmap, isolate_bidi=True)
    for value in ("العربية", "עברית", "مرحبا"):
        assert f"{FSI}{value}{PDI}" in isolated
    assert f"{FSI}Chab Dai" not in isolated


@pytest.mark.parametrize("width", [20, 60, 100, 160])
def test_every_line_fits_the_width(width: int) -> None:
    long_word = "Supercalifragilistic" * 4
    roadmap = Roadmap(breakout().title, signposts=(
        *breakout().signposts, Signpost("x", long_word, owners=(long_word,))),
        phases=breakout().phases, owners=(*breakout().owners, Owner(long_word)))
    text = render(roadmap, width, today=TODAY)
    assert all(cell_len(line) <= width for line in text.splitlines())
    assert "Prevention" in text


@pytest.mark.parametrize("width", [1, 5, 12, 20])
def test_tiny_widths_do_not_crash(width: int) -> None:
    extremes = Roadmap("R", signposts=(
        Signpost("a", "First", start=date.min, due=date(1, 1, 31)),
        Signpost("b", "Last", start=date(9999, 12, 1), due=date.max)))
    text = render(extremes, width, today=TODAY)
    fits = max(width, 2)  # at 1 column, Rich still draws the title panel's two corners
    assert all(cell_len(line) <= fits for line in text.splitlines()), width  # never wider
    if width >= 5:  # a narrower console has room for borders only
        assert "R" in text
    drawn = render(breakout(), width)
    assert all(cell_len(line) <= fits for line in drawn.splitlines())


def test_unvalidated_references_are_still_shown() -> None:
    roadmap = Roadmap("R", signposts=(
        Signpost("a", "Orphan", phase="Ghost phase", owners=("Ghost owner",)),))
    text = render(roadmap)
    assert "Ghost phase" in text and "not one of the roadmap's phases" in text
    assert "Ghost owner" in text.split("\nOwners")[1]


def test_a_status_given_as_a_string_becomes_a_status() -> None:
    # Wrong types on purpose: the model takes what an unchecked caller hands it.
    signpost = Signpost("a", "Orphan", status="done", owners=["Ana"])  # type: ignore[arg-type]
    assert signpost.status is Status.DONE and signpost.owners == ("Ana",)
    with pytest.raises(ValueError, match="weird"):
        Signpost("a", "Orphan", status="weird")  # type: ignore[arg-type]


def test_large_roadmaps_stay_linear() -> None:
    """10,000 signposts: the pure parts and the timeline (the full render is benchmarked,
    not tested, to keep the suite fast)."""
    count = 10_000
    roadmap = Roadmap(
        "Big", phases=tuple(Phase(f"P{i}") for i in range(5)),
        owners=tuple(Owner(f"O{i}") for i in range(50)),
        signposts=tuple(
            Signpost(f"s{i}", f"Signpost {i}", phase=f"P{i % 6}" if i % 6 < 5 else "",
                     owners=(f"O{i % 50}",) if i % 7 else (), status=list(Status)[i % 6],
                     due=date(2000 + i % 30, 1 + i % 12, 28),
                     depends_on=(f"s{i - 1}",) if i else ())
            for i in range(count)))
    assert sum(len(g.signposts) for g in phase_groups(roadmap)) == count
    assert sum(len(g.signposts) for g in owner_groups(roadmap)) == count - len(
        range(0, count, 7))
    assert len(signpost_spans(roadmap)) == count
    # Linear, counted rather than timed: doubling the roadmap doubles the work (a
    # quadratic step, such as looking every dependency up in a list, would quadruple it).
    half = replace(roadmap, signposts=roadmap.signposts[: count // 2])
    assert _steps(roadmap) <= 2.2 * _steps(half)
    assert {gap.kind for gap in gaps(roadmap, today=None)} >= {GapKind.NO_OWNER, GapKind.BLOCKED}
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(Timeline(roadmap))
    assert len(console.export_text().splitlines()) > count


def _steps(roadmap: Roadmap) -> int:
    """Lines of Python run grouping and spanning the roadmap (a stand-in for time): every
    turn of a loop counts, so a lookup that scans a list inside one call shows too."""
    import sys
    from types import FrameType

    lines = 0

    def count(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal lines
        if event == "line":
            lines += 1
        return count

    sys.settrace(count)
    try:
        phase_groups(roadmap)
        owner_groups(roadmap)
        signpost_spans(roadmap)
    finally:
        sys.settrace(None)
    return lines


def test_summary_is_a_reusable_renderable() -> None:
    """One value, drawn twice and at two widths: it keeps no state between draws."""
    made = summary(breakout(), today=TODAY)
    assert isinstance(made, Summary)
    first, again = (_drawn(made, 100) for _ in range(2))
    assert first == again and "Build capacity" in first
    narrow = _drawn(made, 50)
    assert narrow != first and max(len(line) for line in narrow.splitlines()) <= 50
    assert _drawn(made, 100) == first
    for width in (50, 160, 100):  # laid out for each width, as a fresh one would be
        assert _drawn(made, width) == _drawn(summary(breakout(), today=TODAY), width), width


def _drawn(renderable: object, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return out.getvalue()


def test_a_lone_first_december_still_shows_its_year() -> None:
    roadmap = Roadmap("R", signposts=(
        Signpost("a", "An early signpost with a long title", start=date(2020, 12, 1),
                 due=date(2020, 12, 20)),
        Signpost("b", "A later signpost with a long title", start=date(2021, 1, 4),
                 due=date(2021, 12, 10)),
    ))
    timeline = render(roadmap, width=100).split("Timeline")[1]
    assert "'20 2021" in timeline


def debriefed() -> Roadmap:
    return replace(
        breakout(), strategy="Start in the villages,\nthen the ministries.",
        goals=("Every village chief trained",), outcomes=("Fewer families recruited",),
        assumptions=("The ministry keeps its pilot",), learnings=("Families need jobs too",),
        asks=("Who can fund a Khmer translation?",),
        signposts=tuple(replace(s, tags=("grassroots", "Grassroots") if s.id in ("s1", "s7")
                                else (), countries=("cambodia ", "Thailand") if s.id == "s4"
                                else ()) for s in breakout().signposts))


def test_the_debrief_follows_the_header_with_every_field_in_file_order() -> None:
    text = render(debriefed())
    order = ["Debrief", "Strategy", "Start in the villages,", "then the ministries.",
             "Goals", "• Every village chief trained", "Outcomes", "Assumptions",
             "Key learnings", "• Families need jobs too", "Asks of the room",
             "• Who can fund a Khmer translation?", "Signposts  12"]
    positions = [text.index(needle) for needle in order]
    assert positions == sorted(positions)
    assert "Debrief" not in render(breakout())


def test_countries_gather_owners_based_there_and_signposts_naming_them() -> None:
    roadmap = debriefed()
    groups = {g.name: g for g in country_groups(roadmap)}
    assert list(groups) == ["Cambodia", "Australia", "Indonesia", "Thailand"]
    cambodia = groups["Cambodia"]
    assert [o.name for o in cambodia.owners] == ["Chab Dai", "Ministry of Social Affairs", "Sok"]
    assert [p for p, _ in cambodia.signposts] == [1, 4, 5, 6, 7, 10, 11]  # 4 names it
    assert [p for p, _ in groups["Thailand"].signposts] == [4]
    text = render(roadmap)
    assert text.index("Owners  7") < text.index("Countries  4") < text.index("Tags  1") \
        < text.index("Gaps")
    assert "Based here: Chab Dai, Ministry of Social Affairs, Sok" in text


def test_tags_list_their_signposts_once_each() -> None:
    groups = tag_groups(debriefed())
    assert [(g.name, [p for p, _ in g.signposts]) for g in groups] == [("grassroots", [1, 7])]
    assert "Tags" not in render(breakout())


def test_sections_list_the_optional_ones_only_when_filled() -> None:
    assert sections(breakout()) == ["signposts", "timeline", "owners", "countries", "gaps"]
    assert sections(debriefed()) == [name for name in SECTIONS if name not in ("groups", "across")]
    combined = replace(debriefed(), signposts=tuple(
        replace(s, group="Legal" if n % 2 else "Prevention")
        for n, s in enumerate(debriefed().signposts)))
    assert sections(combined) == list(SECTIONS)  # a plenary's Groups and Across groups
    assert sections(Roadmap("R")) == ["signposts", "timeline", "owners", "gaps"]


def test_one_gap_count_in_every_format() -> None:
    """The header, the Gaps heading and every format count signposts with gaps once."""
    from roadmap_tui.report.export import render as export

    roadmap = breakout()
    for today in (None, TODAY):
        count = signposts_with_gaps(gaps(roadmap, today=today))
        assert f"{count} with gaps" in export(roadmap, "text", today=today)
        assert f"Gaps  {count} " in export(roadmap, "text", today=today)
        md = export(roadmap, "md", today=today)
        assert f"{count} with gaps*" in md and f"## Gaps ({count})" in md
    assert signposts_with_gaps(gaps(roadmap, today=TODAY)) > \
        signposts_with_gaps(gaps(roadmap, today=None))


def test_every_format_draws_every_section() -> None:
    """A section added to SECTIONS (a combined roadmap's groups) needs a renderer in each
    format: this says which is missing."""
    from roadmap_tui.report import html, markdown, sections

    built_in = {"signposts", "timeline", "owners", "gaps"}  # drawn by Summary itself
    assert set(SECTIONS) == built_in | set(sections.RENDERERS)
    assert set(SECTIONS) == set(markdown._SECTIONS)
    assert set(SECTIONS) == set(html._SECTIONS) == set(html.SECTION_TITLES)
