"""The summary at scale (issue 9): very long values stay short and cheap, and the lines
the present view gets from its layout process are the summary's own lines."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from datetime import date

from rich.console import Console

from roadmap_tui.export import render
from roadmap_tui.model import Owner, Roadmap, Signpost
from roadmap_tui.summary import summary


def test_a_huge_value_is_shortened_in_every_format() -> None:
    huge = ("word " * 100_000).strip()  # 500 KB: Rich's layout of it grew faster than it
    roadmap = Roadmap(title=huge, notes=huge, participants=(huge,),
                      owners=(Owner(huge, country=huge),),
                      signposts=(Signpost("s1", huge, detail=huge, owners=(huge,)),))
    for fmt in ("text", "ansi", "html", "svg"):
        text = render(roadmap, fmt, width=100)
        assert "more characters)" in text.replace("&#160;", " "), fmt
        assert len(text) < 600_000, (fmt, len(text))  # not the whole value, many times


def test_present_lines_are_the_summary_lines() -> None:
    from roadmap_tui.summary_lines import BATCH, frames, summary_lines

    owners = tuple(Owner(f"Owner {n}", country="Cambodia") for n in range(250))
    roadmap = Roadmap(title="Many owners", owners=owners, signposts=tuple(
        Signpost(f"s{n}", f"Signpost {n}", owners=(f"Owner {n}",)) for n in range(120)))
    console = Console(file=io.StringIO(), width=90, force_terminal=True,
                      color_system="truecolor", legacy_windows=False)
    expected = console.render_lines(summary(roadmap, today=date(2021, 1, 1)), console.options)
    assert list(summary_lines(roadmap, 90, date(2021, 1, 1))) == expected
    sent = list(frames(roadmap, 90, date(2021, 1, 1)))
    counts = [int.from_bytes(frame[:4], "big") for frame in sent]
    assert counts[:-1] == [BATCH] * (len(sent) - 1) and sum(counts) == len(expected)
    assert pickle.loads(sent[0][8:]) == expected[:BATCH]


def test_the_layout_process_answers_frames() -> None:
    roadmap = Roadmap(title="Small", signposts=(Signpost("s1", "First"),))
    result = subprocess.run([sys.executable, "-m", "roadmap_tui.summary_lines", "60", ""],
                            input=pickle.dumps(roadmap), capture_output=True, check=True,
                            timeout=60)
    count, size = int.from_bytes(result.stdout[:4], "big"), int.from_bytes(
        result.stdout[4:8], "big")
    lines = pickle.loads(result.stdout[8:8 + size])
    assert len(lines) == count and len(result.stdout) == 8 + size
    assert any("Small" in "".join(segment.text for segment in line) for line in lines)


def test_no_suggestion_is_looked_for_a_huge_value() -> None:
    """difflib indexes every character of the value: 15 MB took most of a gigabyte."""
    from roadmap_tui.model.validate import nearest

    assert nearest("planed", ["planned", "done"]) == "planned"
    assert nearest("planned" + "x" * 1000, ["planned" + "x" * 1000]) is None
