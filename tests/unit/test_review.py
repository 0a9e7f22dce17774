"""A reviewer's comments in NAME.review.toml beside the roadmap, and in the summary."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rich.console import Console

from roadmap_tui.model import Comment, Roadmap, Signpost
from roadmap_tui.report.summary import summary
from roadmap_tui.storage import RoadmapFileError
from roadmap_tui.storage.review import (
    ReviewComment,
    add_review_comment,
    load_review,
    loads_review,
    review_path,
)

AT = datetime(2020, 12, 12, 10, 0, tzinfo=timezone(timedelta(hours=7)))


def test_comments_go_beside_the_file_and_come_back(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("untouched", encoding="utf-8")
    assert load_review(plan) == ()
    first = ReviewComment("s3", Comment("Rin", AT, "Who funds this?"))
    second = ReviewComment("s1", Comment("Rin", AT, "Two lines\nof [b]text[/b]"))
    add_review_comment(plan, first)
    assert add_review_comment(plan, second) == (first, second)
    assert review_path(plan) == tmp_path / "plan.review.toml"
    assert load_review(plan) == (first, second)
    assert plan.read_text(encoding="utf-8") == "untouched"
    assert 'signpost = "s3"' in review_path(plan).read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "found"), [
    ("format = 1\n[[comments]]\nsignpost = 's1'\nauthor = 'A'\ntext = 'x'\n", '"at"'),
    ("format = 1\n[[comments]]\nsignpost = 's1'\nauthor = 'A'\nat = 2020-12-12T10:00:00Z\n"
     "text = 'x'\nmood = 'sad'\n", '"mood"'),
    ("format = 2\n", "format = 1"),
    ("format = 1\n[[comments]\n", "plan.review.toml:2"),
])
def test_a_broken_sidecar_is_a_clear_error(text: str, found: str) -> None:
    with pytest.raises(RoadmapFileError, match=found.replace("[", r"\[")):
        loads_review(text, Path("plan.review.toml"))


def test_control_characters_in_a_sidecar_are_replaced() -> None:
    text = ("format = 1\n[[comments]]\nsignpost = 's1'\nauthor = \"A\\u001b[2J\"\n"
            "at = 2020-12-12T10:00:00Z\ntext = 'x'\n")
    assert loads_review(text)[0].comment.author == "A\ufffd[2J"


def test_the_summary_shows_review_comments_under_their_signposts() -> None:
    roadmap = Roadmap(title="T", signposts=(Signpost("s1", "First"), Signpost("s2", "Second")))
    review = [ReviewComment("s2", Comment("Rin", AT, "Who funds [b]this[/b]?"))]
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    console.print(summary(roadmap, review=review))
    text = console.export_text()
    assert "Review comments" in text
    assert "2 Second" in text and "Who funds [b]this[/b]?" in text and "Rin" in text
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    console.print(summary(roadmap))
    assert "Review comments" not in console.export_text()
