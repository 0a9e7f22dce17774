"""``diff`` and ``merge`` of SPEC section 7, black-box: a real process, files, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from found import found

from roadmap_tui import Roadmap, dumps, load, save
from roadmap_tui.model.operations import (
    add_signpost,
    delete_signpost,
    rename_owner,
    update_signpost,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legal-route.toml"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_tui", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, check=False)


def written(path: Path, roadmap: Roadmap) -> Path:
    save(roadmap, path)
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def test_diff_tells_the_reviewers_story_and_exits_1(base: Path, tmp_path: Path) -> None:
    old = load(base)
    owner = old.owners[0].name
    new = update_signpost(old, "s3", owners=[owner], due=date(2021, 7, 31))
    new = delete_signpost(delete_signpost(new, "s5"), "s6")
    result = run("diff", base, written(tmp_path / "new.toml", new))
    assert result.returncode == 1 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith('signpost s5 "') and lines[0].endswith('" removed')
    assert any(line.startswith('signpost s3 "') and ": due 2021-" in line
               and line.endswith(" -> 2021-07-31") for line in lines)
    assert any(": owners " in line and line.endswith(f' -> "{owner}"') for line in lines)


def test_diff_of_the_same_roadmap_in_another_form_exits_0(base: Path, tmp_path: Path) -> None:
    other = tmp_path / "reformatted.toml"
    other.write_text("\n\n" + base.read_text(encoding="utf-8").replace(" = ", "="),
                     encoding="utf-8")
    assert base.read_bytes() != other.read_bytes()
    result = run("diff", base, other)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    result = run("diff", base, other, "-f", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == {"changes": []}


def test_diff_json_is_exactly_the_spec_shape(base: Path, tmp_path: Path) -> None:
    old = load(base)
    new = rename_owner(old, old.owners[1].name, "Renamed Org")
    new = update_signpost(new, "s1", due=date(2021, 4, 30), tags=["a", "b"])
    new, added = add_signpost(new, "A new idea")
    result = run("diff", base, written(tmp_path / "new.toml", new), "-f", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert list(document) == ["changes"]
    changes = document["changes"]
    assert {"item": "owner", "change": "renamed", "name": old.owners[1].name,
            "field": "name", "old": old.owners[1].name, "new": "Renamed Org"} in changes
    assert {"item": "signpost", "change": "changed", "id": "s1", "field": "due",
            "old": found(old.signposts[0].due).isoformat(),
            "new": "2021-04-30"} in changes
    assert {"item": "signpost", "change": "changed", "id": "s1", "field": "tags",
            "old": list(old.signposts[0].tags), "new": ["a", "b"]} in changes
    assert {"item": "signpost", "change": "added", "id": added} in changes


def test_diff_markdown_escapes_user_text(base: Path, tmp_path: Path) -> None:
    new = update_signpost(load(base), "s1", title="*bold* [link](x) <b>")
    result = run("diff", base, written(tmp_path / "new.toml", new), "-f", "md")
    assert result.returncode == 1
    # Escaped where CommonMark would read emphasis, a link or HTML (export_markdown.cell).
    assert r"\*bold\* \[link](x) \<b>" in result.stdout
    assert not re.search(r"(?<!\\)[*[<]", result.stdout.split(": title ", 1)[1])
    assert result.stdout.startswith("**1 change** from `")


def test_diff_trouble_exits_2_with_one_line(base: Path, tmp_path: Path) -> None:
    result = run("diff", base, tmp_path / "missing.toml")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert run("diff", base).returncode == 2


def test_merge_replaces_ours_and_exits_0_when_clean(base: Path, tmp_path: Path) -> None:
    start = load(base)
    ours = written(tmp_path / "ours.toml", add_signpost(start, "Ours")[0])
    theirs = written(tmp_path / "theirs.toml",
                     update_signpost(add_signpost(start, "Theirs")[0], "s2", status="done"))
    result = run("merge", base, ours, theirs)
    assert (result.returncode, result.stderr) == (0, "")
    merged = load(ours)
    assert [s.title for s in merged.signposts][-2:] == ["Ours", "Theirs"]
    assert merged.signposts[1].status == "done"
    assert run("check", ours).returncode == 0


def test_merge_conflicts_are_named_on_stderr_and_exit_1(base: Path, tmp_path: Path) -> None:
    start = load(base)
    ours = written(tmp_path / "ours.toml", update_signpost(start, "s2", due=date(2021, 5, 1)))
    theirs = written(tmp_path / "theirs.toml",
                     update_signpost(start, "s2", due=date(2021, 6, 1)))
    out = tmp_path / "out.toml"
    before = ours.read_bytes()
    result = run("merge", base, ours, theirs, "-o", out)
    assert result.returncode == 1 and ours.read_bytes() == before
    (line,) = result.stderr.splitlines()
    assert "s2" in line and "due" in line and "2021-06-01" in line
    merged = load(out)
    assert merged.signposts[1].due == date(2021, 5, 1)
    assert merged.signposts[1].comments[-1].author == "roadmap-tui merge"


def test_merge_trouble_exits_2_and_writes_nothing(base: Path, tmp_path: Path) -> None:
    ours = tmp_path / "ours.toml"
    shutil.copyfile(base, ours)
    before = ours.read_bytes()
    result = run("merge", base, ours, tmp_path / "missing.toml")
    assert result.returncode == 2 and ours.read_bytes() == before
    assert len(result.stderr.splitlines()) == 1
    result = run("merge", base, ours, base, "-o", tmp_path / "no" / "such" / "out.toml")
    assert result.returncode == 2 and not (tmp_path / "no").exists()


def test_a_file_that_is_not_a_roadmap_is_merged_line_by_line(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the line-by-line merge runs git merge-file")
    lines = [f"line {n}\n" for n in range(10)]
    base, ours, theirs = (tmp_path / name for name in ("base.txt", "ours.txt", "theirs.txt"))
    base.write_text("".join(lines))
    ours.write_text("".join(["ours 0\n", *lines[1:]]))
    theirs.write_text("".join([*lines[:9], "theirs 9\n"]))
    assert run("merge", base, ours, theirs).returncode == 0
    assert ours.read_text() == "".join(["ours 0\n", *lines[1:9], "theirs 9\n"])
    theirs.write_text("".join(["theirs 0\n", *lines[1:]]))
    result = run("merge", base, ours, theirs)
    assert result.returncode == 1 and "<<<<<<<" in ours.read_text()


def test_an_empty_ancestor_means_both_sides_added_the_roadmap(base: Path,
                                                             tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    start = load(base)
    ours = written(tmp_path / "ours.toml", start)
    theirs = written(tmp_path / "theirs.toml", add_signpost(start, "Theirs")[0])
    result = run("merge", empty, ours, theirs)
    assert result.returncode == 0, result.stderr
    assert load(ours).signposts[-1].title == "Theirs"
    assert dumps(load(ours)) == ours.read_text(encoding="utf-8")
