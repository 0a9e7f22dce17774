"""``export FILE --by owner|country|group -o DIR`` (SPEC section 6), black-box in a subprocess,
and the file names and safe writes underneath it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import roadmap_tui
from roadmap_tui.model import Owner, Phase, Roadmap, Signpost
from roadmap_tui.report.export_by import export_by, file_names, slug

KHMER = "ប្រទេសកម្ពុជា"
ROADMAP = Roadmap(
    title="Plenary", event="Day 4",
    phases=(Phase("Now"), Phase("Later")),
    owners=(
        Owner("Chab Dai", organisation="Chab Dai", role="Coalition lead", country="Cambodia",
              contact="legal@example.org"),
        Owner("IJM", country="cambodia"),
        Owner("../../escape", country="/etc"),
        Owner(KHMER, country=KHMER),
        Owner("Chab-Dai!", country="Thailand"),
        Owner("/"),
    ),
    signposts=(
        Signpost("s1", "Map the legal duties of brands", phase="Now", owners=("Chab Dai", "IJM"),
                 start=date(2021, 1, 4), due=date(2021, 3, 31), group="Legal"),
        Signpost("s2", "Train prosecutors", phase="Later", owners=("IJM",),
                 depends_on=("s1",), group="Legal"),
        Signpost("s3", "Pilot LabourLink", owners=("Chab-Dai!",), countries=("CAMBODIA",),
                 group="Business"),
        Signpost("s4", "Shelter standards", countries=("Vietnam",), group="Aftercare"),
    ),
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_tui", *map(str, args)],
                          capture_output=True, text=True, check=False)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plenary.toml"
    roadmap_tui.save(ROADMAP, path)
    return path


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_slugs_keep_letters_digits_and_hyphens() -> None:
    assert slug("Chab Dai") == "chab-dai"
    assert slug("Tô Thị Hà") == "to-thi-ha"
    assert slug("Đà Nẵng") == "da-nang"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("../") == slug("/") == slug("") == slug(KHMER) == ""
    assert slug("x" * 200) == "x" * 60


def test_file_names_are_distinct_and_fall_back_to_kind_and_number() -> None:
    names = ["Chab Dai", "chab-dai", "../", KHMER, "", "owner-4", "CON"]
    assert file_names(names, "owner", ".md") == [
        "chab-dai.md", "chab-dai-2.md", "owner-3.md", "owner-4.md", "owner-5.md",
        "owner-4-2.md", "con-owner.md"]


def test_owner_cards_one_file_per_owner_each_path_printed(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards" / "nested"
    result = run("export", plan, "--by", "owner", "-o", out)
    assert result.returncode == 0, result.stderr
    names = ["chab-dai.md", "ijm.md", "escape.md", "owner-4.md", "chab-dai-2.md", "owner-6.md"]
    assert result.stdout.splitlines() == [str(out / name) for name in names]
    assert listing(out) == sorted(names)
    assert listing(tmp_path) == ["cards", "plenary.toml"]  # nothing outside DIR
    card = (out / "chab-dai.md").read_text()
    assert "Commitment card: Chab Dai" in card
    assert "Coalition lead" in card and "legal\\@example.org" in card  # no autolink
    assert "| 1 | Map the legal duties of brands | Legal | Now | 4 Jan 2021 | 31 Mar 2021 |" \
        in card
    assert "| IJM |" in card  # the co-owner
    assert "## Waiting on Chab Dai (1)" in card
    assert "| 2 | Train prosecutors | Legal | IJM | 1 Map the legal duties of brands |" in card
    assert KHMER in (out / "owner-4.md").read_text()


def test_country_files_match_names_case_insensitively(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "countries"
    result = run("export", plan, "--by", "country", "-o", out)
    assert result.returncode == 0, result.stderr
    # sorted by name: /etc, Cambodia, Thailand, Vietnam, then the Khmer name (the 5th)
    assert listing(out) == ["cambodia.md", "country-5.md", "etc.md", "thailand.md",
                            "vietnam.md"]
    cambodia = (out / "cambodia.md").read_text()
    # owners based there (any case), and signposts naming it or owned from there, by group
    assert "**Chab Dai**" in cambodia and "**IJM**" in cambodia
    assert "### Legal (2)" in cambodia and "### Business (1)" in cambodia
    assert "Shelter standards" not in cambodia
    assert "Shelter standards" in (out / "vietnam.md").read_text()


def test_group_files_hold_each_groups_summary(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "groups"
    result = run("export", plan, "--by", "group", "-o", out, "-f", "text")
    assert result.returncode == 0, result.stderr
    assert listing(out) == ["aftercare.txt", "business.txt", "legal.txt"]
    legal = (out / "legal.txt").read_text()
    assert "Train prosecutors" in legal and "Pilot LabourLink" not in legal


@pytest.mark.parametrize("fmt", ["text", "ansi", "html", "svg", "md"])
def test_every_format_has_its_suffix(plan: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    assert run("export", plan, "--by", "owner", "-o", out, "-f", fmt).returncode == 0
    suffix = {"text": ".txt", "ansi": ".ans", "html": ".html", "svg": ".svg", "md": ".md"}[fmt]
    assert {p.suffix for p in out.iterdir()} == {suffix}
    text = (out / "chab-dai").with_suffix(suffix).read_text()
    assert "Map the legal duties of brands" in text or fmt in ("svg",)


def test_a_planted_symlink_is_refused_and_nothing_written_through_it(
    plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cards"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / "chab-dai.md").symlink_to(victim)
    (out / "ijm.md").symlink_to(tmp_path / "not-there.txt")  # a dangling link too
    result = run("export", plan, "--by", "owner", "-o", out)
    assert result.returncode == 1
    assert victim.read_text() == "precious"
    assert not (tmp_path / "not-there.txt").exists()
    refused = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert len(refused) == 2 and "chab-dai.md" in refused[0]
    assert "Traceback" not in result.stderr
    assert (out / "escape.md").is_file()  # the others are still written
    assert str(out / "escape.md") in result.stdout.splitlines()


def test_an_existing_card_is_replaced_not_appended(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards"
    assert run("export", plan, "--by", "owner", "-o", out).returncode == 0
    first = (out / "ijm.md").read_text()
    assert run("export", plan, "--by", "owner", "-o", out).returncode == 0
    assert (out / "ijm.md").read_text() == first
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporaries left


def test_errors_are_one_line_with_the_right_status(plan: Path, tmp_path: Path) -> None:
    missing_dir = run("export", plan, "--by", "owner")
    assert missing_dir.returncode == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n")
    result = run("export", bad, "--by", "owner", "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    a_file = tmp_path / "file"
    a_file.write_text("")
    result = run("export", plan, "--by", "owner", "-o", a_file)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not a folder" in result.stderr
    assert run("export", plan, "--by", "nobody", "-o", tmp_path / "x").returncode == 2


def test_the_written_files_stay_in_the_folder_whatever_the_names(tmp_path: Path) -> None:
    hostile = Roadmap("x", owners=tuple(Owner(n) for n in (
        "..", ".", "../..", "/", "\\..\\", "a/../../b", "~", "$HOME", "-", " ", "\u202e")))
    out = tmp_path / "out"
    written = list(export_by(hostile, "owner", out))
    assert all(not w.problem for w in written)
    assert {w.path.parent for w in written} == {out}
    assert len(listing(out)) == len(hostile.owners)
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_cards_show_hostile_names_as_text_in_every_format(tmp_path: Path) -> None:
    hostile = Roadmap("x", owners=(Owner("<script>alert(1)</script>", role="[bold]r[/]",
                                         contact="[link](http://evil.example)"),),
                      signposts=(Signpost("s1", "*not bold* <b>x</b>",
                                          owners=("<script>alert(1)</script>",)),))
    for fmt in ("md", "html", "text", "svg"):
        (written,) = list(export_by(hostile, "owner", tmp_path / fmt, fmt))
        text = written.path.read_text()
        if fmt == "md":  # escaped where Markdown would read HTML: \<script>
            assert not re.search(r"(?<!\\)<(script|b)>", text)
            assert "\\<script>alert(1)\\</script>" in text
        elif fmt != "text":
            assert "<script>" not in text and "<b>x" not in text
        else:
            assert "<script>alert(1)</script>" in text and "*not bold* <b>x</b>" in text
            assert "[link](http://evil.example)" in text and "[bold]r[/]" in text
        if fmt == "html":
            assert "&lt;script&gt;" in text and "href" not in text
            assert "default-src 'none'" in text


def test_a_folder_that_is_a_symlink_is_refused(plan: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    result = run("export", plan, "--by", "owner", "-o", tmp_path / "link")
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert list(real.iterdir()) == []
    inside = run("export", plan, "--by", "owner", "-o", tmp_path / "link" / "cards")
    assert inside.returncode == 0  # links above DIR are the user's own folders
    svg = run("export", plan, "--by", "group", "-o", tmp_path / "svg", "-f", "svg")
    assert svg.returncode == 0
    assert all("@font-face" not in p.read_text() for p in (tmp_path / "svg").iterdir())
