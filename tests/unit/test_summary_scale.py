"""The summary at scale (issue 9): very long values stay short and cheap."""

from __future__ import annotations

from roadmap_tui.model import Owner, Roadmap, Signpost
from roadmap_tui.report.export import render


def test_a_huge_value_is_shortened_in_every_format() -> None:
    huge = ("word " * 100_000).strip()  # 500 KB: Rich's layout of it grew faster than it
    roadmap = Roadmap(title=huge, notes=huge, participants=(huge,),
                      owners=(Owner(huge, country=huge),),
                      signposts=(Signpost("s1", huge, detail=huge, owners=(huge,)),))
    for fmt in ("text", "ansi", "svg"):  # Rich lays these out: its cost grew faster
        text = render(roadmap, fmt, width=100)
        assert "more characters)" in text.replace("&#160;", " "), fmt
        assert len(text) < 600_000, (fmt, len(text))  # not the whole value, many times
    # HTML and Markdown are written, not laid out: they keep every detail in full (issue
    # 12), once a mention, so their size stays linear in the file's.
    for fmt in ("html", "md"):
        text = render(roadmap, fmt, width=100)
        assert "more characters)" not in text
        assert len(text) < 20 * len(huge), (fmt, len(text))  # ~15 mentions of it


def test_no_suggestion_is_looked_for_a_huge_value() -> None:
    """difflib indexes every character of the value: 15 MB took most of a gigabyte."""
    from roadmap_tui.model.validate import nearest

    assert nearest("planed", ["planned", "done"]) == "planned"
    assert nearest("planned" + "x" * 1000, ["planned" + "x" * 1000]) is None
