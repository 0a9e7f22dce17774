"""Snapshots of the key screens at 80x24, 120x40 and 160x48 (look at any change before
accepting it: ``pytest tests/snapshots --snapshot-update``, then render each changed SVG to
PNG with ``rsvg-convert`` and look at it)."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.app import App
from textual.pilot import Pilot

from roadmap_tui.app import RoadmapApp

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "prevention-resilient-communities.toml"


class SnapCompare(Protocol):
    """pytest-textual-snapshot's ``snap_compare`` fixture, as it is called (the plugin ships
    no type information, and its own annotation of the fixture names the wrong call)."""

    def __call__(self, app: App[Any], press: Iterable[str] = ...,
                 terminal_size: tuple[int, int] = ...,
                 run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = ...,
                 ) -> bool: ...


class PinnedApp(RoadmapApp):
    """The app with a fixed today and a stopped clock, so timelines, past-due marks and
    countdowns never drift (a slow run once drew the report-back at 2:58), and without
    passing notices (they fade, and how long one lasts depends on timing, not the screen);
    warnings and errors stay, since they are part of what a screen says."""

    def today(self) -> date:
        return date(2021, 3, 15)

    def clock(self) -> float:
        return 1000.0

    def notify(self, message: str, **options: Any) -> None:
        if options.get("severity", "information") != "information":
            options["timeout"] = 24 * 60 * 60  # there until the picture is taken, however late
            super().notify(message, **options)


@pytest.fixture
def app(tmp_path: Path) -> PinnedApp:
    path = tmp_path / "prevention.toml"
    shutil.copyfile(EXAMPLE, path)
    return PinnedApp(path)


SIZES = [(80, 24), (120, 40), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40", "160x48"])
def test_main_screen(app: PinnedApp, size: tuple[int, int], snap_compare: SnapCompare) -> None:
    assert snap_compare(app, press=["down"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40", "160x48"])
def test_present(app: PinnedApp, size: tuple[int, int], snap_compare: SnapCompare) -> None:
    """A report-back page: the first phase's signposts, the clocks, the keys."""
    assert snap_compare(app, press=["p", "right"], terminal_size=size)


def test_present_cover(app: PinnedApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, press=["p"], terminal_size=(80, 24))


def test_debrief_form(app: PinnedApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, press=["d"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40", "160x48"])
def test_read_only_review(tmp_path: Path, size: tuple[int, int], snap_compare: SnapCompare) -> None:
    """A reviewer's view: only what works in the footer, a comment kept beside the file."""
    from datetime import datetime, timedelta, timezone

    from roadmap_tui.model import Comment
    from roadmap_tui.storage.review import ReviewComment, add_review_comment

    path = tmp_path / "prevention.toml"
    shutil.copyfile(EXAMPLE, path)
    add_review_comment(path, ReviewComment("s2", Comment(
        "Rin", datetime(2021, 3, 15, 10, 0, tzinfo=timezone(timedelta(hours=7))),
        "Who funds the school sessions?")))
    assert snap_compare(PinnedApp(path, read_only=True), press=["down"], terminal_size=size)


def test_help(app: PinnedApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=(80, 24))


def test_quit_dialog(app: PinnedApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, press=["delete", "q"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40", "160x48"])
def test_timeline_pane(app: PinnedApp, size: tuple[int, int], snap_compare: SnapCompare) -> None:
    assert snap_compare(app, press=["3"], terminal_size=size)


def test_recovery_offer_compared(tmp_path: Path, snap_compare: SnapCompare) -> None:
    """What a facilitator sees after a crash, with the differences listed."""
    from faults import dead_pid

    from roadmap_tui import load
    from roadmap_tui.model.operations import add_owner, update_signpost
    from roadmap_tui.paths import file_key, recovery_folder
    from roadmap_tui.storage.recovery import HEADER, RecoveryJournal

    path = tmp_path / "prevention.toml"
    shutil.copyfile(EXAMPLE, path)
    roadmap = load(path)
    typed = add_owner(update_signpost(roadmap, roadmap.signposts[1].id, status="active",
                                      title="Train village chiefs to spot recruiters"), "Sok")
    journal = RecoveryJournal(recovery_folder(), file_key(path), path, pid=dead_pid())
    journal.write(typed, journal.ticket())
    body = journal.file.read_text().split("\n", 1)[1]
    journal.file.write_text(f'{HEADER}{{"file": "{path}", "written": '
                            f'"2021-03-15T10:42:00+07:00"}}\n{body}')
    assert snap_compare(PinnedApp(path), press=["c"], terminal_size=(80, 24))
