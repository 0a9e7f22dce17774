"""``git-setup`` and the merge driver with the real ``git`` binary, in throwaway repos.

The user's git configuration is never read or written: HOME, the global and
system config are pointed at the test's own folder. The driver is run the way
git runs it, with a PATH that does not hold roadmap-tui's virtual environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from roadmap_tui import load, save
from roadmap_tui.model.operations import add_signpost, update_signpost

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed; these tests run "
                                "the real git binary (CI machines have it)")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "legal-route.toml"
PYPROJECT = "".join(f'key{n} = "value {n}"\n' for n in range(12))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repo on branch main holding plan.toml and pyproject.toml, git kept to itself."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "gitconfig").write_text("")
    for name, value in (("HOME", home), ("GIT_CONFIG_GLOBAL", home / "gitconfig"),
                        ("GIT_CONFIG_NOSYSTEM", "1"), ("GIT_AUTHOR_NAME", "Ana"),
                        ("GIT_AUTHOR_EMAIL", "ana@example.org"), ("GIT_COMMITTER_NAME", "Ana"),
                        ("GIT_COMMITTER_EMAIL", "ana@example.org"),
                        ("GIT_TERMINAL_PROMPT", "0"), ("LANG", "C")):
        monkeypatch.setenv(name, str(value))
    # Git runs the driver from a PATH without the venv: the driver must not need it.
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    shutil.copyfile(EXAMPLE, path / "plan.toml")
    (path / "pyproject.toml").write_text(PYPROJECT)
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "start")
    yield path


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    assert GIT is not None
    return subprocess.run([GIT, *args], cwd=repo, capture_output=True, text=True, check=check)


def roadmap_tui(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_tui", *args], cwd=repo,
                          capture_output=True, text=True, check=False)


def on_branch(repo: Path, branch: str, change: Callable[[Path], None], message: str) -> None:
    """Commit ``change(repo)`` on a new branch from main, then go back to main."""
    git(repo, "checkout", "-q", "-b", branch, "main")
    change(repo)
    git(repo, "commit", "-q", "-am", message)
    git(repo, "checkout", "-q", "main")


def add_at_end(title: str) -> Callable[[Path], None]:
    def change(repo: Path) -> None:
        save(add_signpost(load(repo / "plan.toml"), title)[0], repo / "plan.toml")
    return change


def set_due(day: date) -> Callable[[Path], None]:
    def change(repo: Path) -> None:
        save(update_signpost(load(repo / "plan.toml"), "s2", due=day), repo / "plan.toml")
    return change


def test_git_setup_registers_the_driver_once(repo: Path) -> None:
    first = roadmap_tui(repo, "git-setup")
    assert first.returncode == 0, first.stderr
    assert (repo / ".gitattributes").read_text() == "*.toml merge=roadmap-tui\n"
    driver = git(repo, "config", "--local", "merge.roadmap-tui.driver").stdout.strip()
    assert driver.startswith(sys.executable) and driver.endswith(" merge %O %A %B")
    config = (repo / ".git" / "config").read_bytes()
    again = roadmap_tui(repo, "git-setup")
    assert again.returncode == 0 and "already set up" in again.stdout
    assert (repo / ".gitattributes").read_text() == "*.toml merge=roadmap-tui\n"
    assert (repo / ".git" / "config").read_bytes() == config
    more = roadmap_tui(repo / ".git" / "..", "git-setup", "*.toml", "roadmaps/*.roadmap")
    assert more.returncode == 0
    assert (repo / ".gitattributes").read_text().splitlines() == [
        "*.toml merge=roadmap-tui", "roadmaps/*.roadmap merge=roadmap-tui"]
    assert not (Path(os.environ["HOME"]) / "gitconfig").read_text()


def test_git_setup_from_a_subfolder_writes_the_top_gitattributes(repo: Path) -> None:
    sub = repo / "roadmaps" / "2021"
    sub.mkdir(parents=True)
    (repo / ".gitattributes").write_text("*.png binary")  # no final newline
    assert roadmap_tui(sub, "git-setup").returncode == 0
    assert (repo / ".gitattributes").read_text() == "*.png binary\n*.toml merge=roadmap-tui\n"
    assert not (sub / ".gitattributes").exists()


def test_git_setup_outside_a_work_tree_exits_1(tmp_path: Path, repo: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = roadmap_tui(outside, "git-setup")
    assert result.returncode == 1 and "not in a git work tree" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (outside / ".gitattributes").exists()


def test_the_driver_command_survives_a_venv_path_with_spaces_and_quotes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_tui.gitsetup import driver_command

    folder = tmp_path / "Ana's venv (copy) $HOME"
    folder.mkdir()
    python = folder / "python"
    python.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/args"\n')
    python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(python))
    command = driver_command().replace("%O", "o.toml").replace("%A", "a.toml")
    subprocess.run(["/bin/sh", "-c", command.replace("%B", "b.toml")], check=True)
    assert (folder / "args").read_text().splitlines() == [
        "-m", "roadmap_tui", "merge", "o.toml", "a.toml", "b.toml"]


def test_two_additions_at_the_end_merge_cleanly_with_the_driver(repo: Path) -> None:
    on_branch(repo, "ana", add_at_end("Ana's idea"), "Ana adds")
    on_branch(repo, "sok", add_at_end("Sok's idea"), "Sok adds")
    git(repo, "merge", "-q", "ana")
    without = git(repo, "merge", "sok", check=False)
    assert without.returncode != 0 and "CONFLICT" in without.stdout  # git alone
    git(repo, "merge", "--abort")

    assert roadmap_tui(repo, "git-setup").returncode == 0
    done = git(repo, "merge", "-q", "--no-edit", "sok", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = load(repo / "plan.toml")
    assert [s.title for s in merged.signposts][-2:] == ["Ana's idea", "Sok's idea"]
    assert len({s.id for s in merged.signposts}) == len(merged.signposts)
    assert roadmap_tui(repo, "check", "plan.toml").returncode == 0


def test_the_same_field_changed_on_both_branches_conflicts_and_still_loads(
        repo: Path) -> None:
    assert roadmap_tui(repo, "git-setup").returncode == 0
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "merge roadmaps with roadmap-tui")
    on_branch(repo, "ana", set_due(date(2021, 5, 31)), "Ana's date")
    on_branch(repo, "sok", set_due(date(2021, 8, 31)), "Sok's date")
    git(repo, "merge", "-q", "ana")
    done = git(repo, "merge", "sok", check=False)
    assert done.returncode != 0 and "CONFLICT" in done.stdout
    assert "plan.toml" in git(repo, "diff", "--name-only", "--diff-filter=U").stdout
    merged = load(repo / "plan.toml")
    signpost = merged.signposts[1]
    assert signpost.due == date(2021, 5, 31)
    assert signpost.comments[-1].author == "roadmap-tui merge"
    assert "2021-08-31" in signpost.comments[-1].text


def test_a_pyproject_under_the_same_pattern_merges_line_by_line(repo: Path) -> None:
    assert roadmap_tui(repo, "git-setup").returncode == 0

    def edit(line: int, text: str) -> Callable[[Path], None]:
        def change(repo: Path) -> None:
            lines = (repo / "pyproject.toml").read_text().splitlines(keepends=True)
            lines[line] = text
            (repo / "pyproject.toml").write_text("".join(lines))
        return change

    on_branch(repo, "top", edit(0, 'key0 = "top"\n'), "top")
    on_branch(repo, "bottom", edit(11, 'key11 = "bottom"\n'), "bottom")
    on_branch(repo, "clash", edit(0, 'key0 = "clash"\n'), "clash")
    git(repo, "merge", "-q", "top")
    done = git(repo, "merge", "-q", "--no-edit", "bottom", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo / "pyproject.toml").read_text()
    assert text.startswith('key0 = "top"\n') and text.endswith('key11 = "bottom"\n')
    clash = git(repo, "merge", "clash", check=False)
    assert clash.returncode != 0
    text = (repo / "pyproject.toml").read_text()
    assert '<<<<<<<' in text and 'key0 = "top"' in text and 'key0 = "clash"' in text
