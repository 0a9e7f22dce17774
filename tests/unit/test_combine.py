"""``combine`` of SPEC section 6: the model function, and the command in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from strategies import roadmaps

import roadmap_tui
from roadmap_tui.model import Comment, Owner, Phase, Roadmap, Signpost, validate
from roadmap_tui.model.combine import CombineInput, combine
from roadmap_tui.model.conference import split_by_group

ZONE = timezone(timedelta(hours=7))

LEGAL = Roadmap(
    title="The Legal Route", group="Legal", event="Day 4", question="What do we do next?",
    participants=("Lisa", "Sok"), learnings=("Justice is personal",), strategy="Victim first",
    phases=(Phase("Next 3 months", date(2021, 1, 1), date(2021, 3, 31)), Phase("Later")),
    owners=(Owner("Chab Dai", country="Cambodia"), Owner("IJM", role="casework")),
    signposts=(
        Signpost("s1", "Map the legal duties of brands", phase="next 3 MONTHS",
                 owners=("chab dai",)),
        Signpost("s2", "Train prosecutors", phase="Later", owners=("IJM",),
                 depends_on=("s1",),
                 comments=(Comment("Ana", datetime(2020, 12, 12, 10, tzinfo=ZONE), "Who?"),)),
    ),
)
BUSINESS = Roadmap(
    title="Engaging with the Business Sector", event="Day 4", participants=("sok", "Mei"),
    learnings=("Workers need a voice",),
    phases=(Phase("NEXT 3 months", date(2021, 2, 1)), Phase("Now", description="first")),
    owners=(Owner("CHAB DAI", organisation="Chab Dai", country="Thailand",
                  contact="a@example.org"),),
    signposts=(
        Signpost("s1", "Pilot LabourLink", phase="Now", owners=("Chab Dai",)),
        Signpost("x9", "Map brands' legal duties", phase="next 3 months",
                 group="Supply chains", origin="older.toml#s7", depends_on=("s1",)),
    ),
)


def combined() -> Roadmap:
    return combine([CombineInput("legal-route.toml", LEGAL),
                    CombineInput("business.toml", BUSINESS)])


def test_phases_merge_by_name_first_spelling_in_order_of_first_appearance() -> None:
    result = combined()
    assert [p.name for p in result.phases] == ["Next 3 months", "Later", "Now"]
    # the first input's dates, as a pair
    assert (result.phases[0].start, result.phases[0].end) == (date(2021, 1, 1),
                                                              date(2021, 3, 31))
    assert result.phases[2].description == "first"


def test_owners_merge_by_name_with_the_first_non_empty_value_of_each_field() -> None:
    result = combined()
    assert [o.name for o in result.owners] == ["Chab Dai", "IJM"]
    assert result.owners[0] == Owner("Chab Dai", organisation="Chab Dai", country="Cambodia",
                                     contact="a@example.org")


def test_signposts_follow_in_input_order_renumbered_with_group_and_origin() -> None:
    result = combined()
    assert [(s.id, s.title, s.group, s.origin) for s in result.signposts] == [
        ("s1", "Map the legal duties of brands", "Legal", "legal-route.toml#s1"),
        ("s2", "Train prosecutors", "Legal", "legal-route.toml#s2"),
        ("s3", "Pilot LabourLink", "Engaging with the Business Sector", "business.toml#s1"),
        ("s4", "Map brands' legal duties", "Supply chains", "older.toml#s7"),
    ]
    # references follow: the first spelling of names, and the renumbered ids
    assert result.signposts[0].phase == "Next 3 months"
    assert result.signposts[0].owners == ("Chab Dai",)
    assert result.signposts[1].depends_on == ("s1",)
    assert result.signposts[3].depends_on == ("s3",)
    assert result.signposts[1].comments == LEGAL.signposts[1].comments
    assert validate(result) == []


def test_header_title_event_and_the_debrief_of_every_group() -> None:
    result = combined()
    assert result.title == "Plenary"
    assert result.event == "Day 4"
    assert result.question == "What do we do next?"
    assert result.participants == ("Lisa", "Sok", "Mei")
    assert result.learnings == ("Legal: Justice is personal",
                                "Engaging with the Business Sector: Workers need a voice")
    other = combine([CombineInput("a.toml", LEGAL),
                     CombineInput("b.toml", Roadmap("B", event="Day 5"))],
                    title="Conference", event=None)
    assert (other.title, other.event) == ("Conference", "")
    assert combine([CombineInput("a", LEGAL)], event="Given").event == "Given"


def test_split_by_group_gives_each_group_its_own_signposts_and_debrief() -> None:
    parts = split_by_group(combined())
    assert [name for name, _ in parts] == ["Legal", "Engaging with the Business Sector",
                                           "Supply chains"]
    legal = parts[0][1]
    assert [s.title for s in legal.signposts] == ["Map the legal duties of brands",
                                                  "Train prosecutors"]
    assert legal.learnings == ("Justice is personal",)
    assert legal.strategy == "Victim first"
    assert [p.name for p in legal.phases] == ["Next 3 months", "Later"]
    supply = parts[2][1]
    assert supply.signposts[0].depends_on == ()  # its dependency is another group's
    assert all(validate(part) == [] for _, part in parts)
    single = Roadmap("Solo", signposts=(Signpost("s1", "x"),))
    assert split_by_group(single) == [("Solo", single)]


@given(st.lists(roadmaps(), min_size=1, max_size=3))
def test_the_combined_roadmap_always_passes_check_and_round_trips(
    inputs: list[Roadmap],
) -> None:
    result = combine([CombineInput(f"g{n}.toml", r) for n, r in enumerate(inputs)])
    assert validate(result) == []
    assert roadmap_tui.loads(roadmap_tui.dumps(result)) == result
    assert len(result.signposts) == sum(len(r.signposts) for r in inputs)
    assert [s.id for s in result.signposts] == [f"s{n}" for n in
                                                range(1, len(result.signposts) + 1)]


# -- the command, black-box -----------------------------------------------------------


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_tui", *map(str, args)],
                          capture_output=True, text=True, check=False, cwd=cwd)


def test_combine_writes_a_roadmap_that_passes_check(tmp_path: Path) -> None:
    legal, business = tmp_path / "legal.toml", tmp_path / "business.toml"
    roadmap_tui.save(LEGAL, legal)
    roadmap_tui.save(BUSINESS, business)
    out = tmp_path / "plenary.toml"
    result = run("combine", legal, business, "-o", out, "--title", "Day 4 plenary",
                 "--event", "Conference 2020")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    written = roadmap_tui.load(out)
    assert (written.title, written.event) == ("Day 4 plenary", "Conference 2020")
    assert written.signposts[0].origin == "legal.toml#s1"
    assert run("check", out).returncode == 0


def test_combine_refuses_an_existing_output_without_force(tmp_path: Path) -> None:
    legal = tmp_path / "legal.toml"
    roadmap_tui.save(LEGAL, legal)
    out = tmp_path / "plenary.toml"
    out.write_text("keep me")
    result = run("combine", legal, "-o", out)
    assert result.returncode == 1
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text() == "keep me"
    assert run("combine", legal, "-o", out, "--force").returncode == 0
    assert roadmap_tui.load(out).title == "Plenary"


def test_combine_writes_nothing_when_an_input_is_invalid(tmp_path: Path) -> None:
    legal, broken = tmp_path / "legal.toml", tmp_path / "broken.toml"
    roadmap_tui.save(LEGAL, legal)
    broken.write_text('format = 1\n[roadmap]\ntitle = "x"\n[[signposts]]\nid = "s1"\n')
    out = tmp_path / "plenary.toml"
    result = run("combine", legal, broken, "-o", out)
    assert result.returncode == 1
    assert "broken.toml" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    missing = run("combine", legal, tmp_path / "missing.toml", "-o", out)
    assert missing.returncode == 1 and not out.exists()


def test_combine_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("combine", "-o", tmp_path / "x.toml").returncode == 2
    assert run("combine", tmp_path / "a.toml").returncode == 2


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GROUP_FILES = ("legal-route.toml", "prevention-resilient-communities.toml",
               "social-enterprise-freedom-business.toml", "business-sector-supply-chains.toml",
               "trauma-informed-care.toml")


def test_the_plenary_example_is_what_combine_makes_from_the_five_groups_today(
    tmp_path: Path,
) -> None:
    """Change a group's example and this fails until the plenary is made again:
    cd examples && roadmap-tui combine <the five files, in this order> -o plenary.toml
    --title "Day 4 plenary" --force"""
    out = tmp_path / "plenary.toml"
    result = run("combine", *GROUP_FILES, "-o", out, "--title", "Day 4 plenary", cwd=EXAMPLES)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (EXAMPLES / "plenary.toml").read_bytes()
    plenary = roadmap_tui.load(out)
    assert len(split_by_group(plenary)) == 5
    assert all(plenary.strategy and getattr(plenary, name) for name in
               ("goals", "outcomes", "assumptions", "learnings", "asks"))


def test_every_group_example_has_a_debrief() -> None:
    for name in GROUP_FILES:
        roadmap = roadmap_tui.load(EXAMPLES / name)
        assert roadmap.strategy and all(getattr(roadmap, field) for field in (
            "goals", "outcomes", "assumptions", "learnings", "asks")), name


def test_a_typed_title_and_event_are_kept_like_a_files_text(tmp_path: Path) -> None:
    legal = tmp_path / "legal.toml"
    roadmap_tui.save(LEGAL, legal)
    out = tmp_path / "plenary.toml"
    result = run("combine", legal, "-o", out, "--title", "Day\x1b[31m 4\nplenary",
                 "--event", "\u202eevil")
    assert result.returncode == 0, result.stderr
    written = roadmap_tui.load(out)
    assert written.title == "Day\ufffd[31m 4\ufffdplenary"
    assert written.event == "\ufffdevil"
    assert run("combine", legal, "-o", tmp_path / "x.toml", "--title", "  ").returncode == 1
