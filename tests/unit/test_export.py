"""Exports: every format renders, HTML and SVG are well-formed and inert, Markdown is literal."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from strategies import HOSTILE as STRATEGY_HOSTILE

from roadmap_tui.export_writer import export_to
from roadmap_tui.model import Owner, Phase, Roadmap, Signpost, Status
from roadmap_tui.report.export import FORMATS, format_for_path, render
from roadmap_tui.report.markdown import escape
from roadmap_tui.report.style import safe

FSI, PDI = "\u2068", "\u2069"
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
MARKDOWN_TRAP = "*x* [a](javascript:alert(1)) <b>"
HOSTILE = (SCRIPT, BREAKOUT, MARKDOWN_TRAP, "[bold]x[/]", "a & b 'q' {x}", "\x1b[31mred\x07")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\ufffe\uffff]")


def legal_route() -> Roadmap:
    return Roadmap(
        "The Legal Route", group="Legal", question="What do we do next?",
        phases=(Phase("Now", date(2021, 1, 1), date(2021, 3, 31)), Phase("Later")),
        owners=(Owner("Chab Dai", country="Cambodia"), Owner("Ministry of Justice")),
        signposts=(
            Signpost("s1", "Support the justice each victim wants", phase="Now",
                     owners=("Chab Dai",), status=Status.ACTIVE, start=date(2021, 1, 10),
                     due=date(2021, 3, 31)),
            Signpost("s2", "Train prosecutors", phase="Later", owners=("Ministry of Justice",),
                     status=Status.DROPPED),
            Signpost("s3", "Compensation fund", depends_on=("s2",), due=date(2021, 2, 1)),
        ),
    )


def everywhere(value: str) -> Roadmap:
    """The value in every text field the summary shows."""
    return Roadmap(
        value, group=value, event=value, question=value, facilitator=value,
        participants=(value,), notes=value, strategy=value, goals=(value,), outcomes=(value,),
        assumptions=(value,), learnings=(value,), asks=(value,),
        phases=(Phase(value, description=value),),
        owners=(Owner(value, value, value, value, value),),
        signposts=(Signpost("a", value, value, value, (value,), Status.BLOCKED,
                            due=date(2021, 1, 1), tags=(value,), countries=(value,),
                            depends_on=("b",)),
                   Signpost("b", value, status=Status.DROPPED)),
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("roadmap", [legal_route(), Roadmap("Only a title")],
                         ids=["legal", "bare"])
def test_every_format_renders(fmt: str, roadmap: Roadmap) -> None:
    output = render(roadmap, fmt, width=80)
    if fmt == "svg":  # Rich writes spaces as no-break spaces there
        output = "".join(ET.fromstring(output).itertext()).replace("\xa0", " ")
    assert roadmap.title in output
    assert output.endswith("\n")


def test_formats_and_unknown_format() -> None:
    assert FORMATS == ("text", "ansi", "html", "svg", "md")
    with pytest.raises(ValueError, match="unknown format"):
        render(legal_route(), "pdf")


@pytest.mark.parametrize(("name", "fmt"), [
    ("out.txt", "text"), ("out.text", "text"), ("out.ans", "ansi"), ("out.ansi", "ansi"),
    ("out.html", "html"), ("out.htm", "html"), ("OUT.HTML", "html"), ("out.svg", "svg"),
    ("out.md", "md"), ("out.markdown", "md"), ("dir.v2/summary.Md", "md"),
    ("out.pdf", None), ("out", None), (".md", None), ("out.md.bak", None),
])
def test_format_for_path(name: str, fmt: str | None) -> None:
    assert format_for_path(name) == fmt
    assert format_for_path(Path(name)) == fmt


def test_text_is_plain_and_fits_the_width() -> None:
    text = render(legal_route(), "text", width=60)
    assert "\x1b" not in text
    assert all(len(line) <= 60 and line == line.rstrip() for line in text.splitlines())
    assert "◐ active" in text


def test_ansi_has_colour_and_no_isolates() -> None:
    ansi = render(Roadmap("العربية"), "ansi")
    assert "\x1b[" in ansi
    assert FSI not in ansi


def test_today_adds_past_due_only_when_given() -> None:
    assert "Past due" not in render(legal_route(), "text")
    assert "Past due" in render(legal_route(), "text", today=date(2021, 6, 1))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_svg_parses_and_is_inert_with_any_user_text(hostile: str) -> None:
    svg = render(everywhere(hostile), "svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    tags = {element.tag.split("}")[1] for element in root.iter()}
    assert tags <= {"svg", "style", "defs", "clipPath", "rect", "g", "text", "circle"}
    for raw in (SCRIPT, BREAKOUT, "<b>", "<img", "\x1b", "\x07"):
        assert raw not in svg
    assert "url(http" not in svg and "cdnjs" not in svg  # nothing fetched on opening
    assert not _UNSAFE.search(svg)


def test_svg_and_html_titles_are_the_literal_title() -> None:
    svg = ET.fromstring(render(everywhere(SCRIPT), "svg"))
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert SCRIPT in texts
    page = render(everywhere(SCRIPT), "html")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_characters_xml_forbids_are_replaced() -> None:
    for fmt in ("html", "svg"):
        output = render(everywhere("a\x00b\x0bc\ud800d\uffff"), fmt)
        assert not re.search("[\x00\x0b\ud800\uffff]", output)
    ET.fromstring(render(everywhere("a\x00b\x0bc\ud800d\uffff"), "svg"))


@pytest.mark.parametrize(("text", "shown"), [
    (MARKDOWN_TRAP, r"\*x\* \[a](javascript:alert(1)) \<b>"),
    ("a | b", r"a \| b"),
    ("`code` _em_ ~~s~~ snake_case __init__", r"\`code\` \_em\_ \~\~s\~\~ snake_case \_\_init\_\_"),
    ("<!-- x --> &amp; a < b & c", r"\<!-- x --> \&amp; a < b & c"),
    ("back\\slash \\* end\\", "back\\slash \\\\\\* end\\\\"),
    ("www.x.org http://x.org ana@x.org mailto:a", r"www\.x.org http\://x.org ana\@x.org mailto\:a"),
    # What CommonMark reads as text stays as typed: plain text stays readable.
    ("Anti-Trafficking", "Anti-Trafficking"),
    ("3-6 months (Q1), e.g. 1.5 + 2 = 3.5!", "3-6 months (Q1), e.g. 1.5 + 2 = 3.5!"),
    ("# mid-line #", "# mid-line #"),
    (":smile: @team {x} $5", ":smile: @team {x} $5"),
])
def test_markdown_escapes_only_what_commonmark_would_misread(text: str, shown: str) -> None:
    assert escape(text) == shown
    # CommonMark shows a backslash-escaped punctuation character as itself.
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escape(text)) == text


@pytest.mark.parametrize(("text", "shown"), [
    ("# not a heading", r"\# not a heading"),
    ("- not a list", r"\- not a list"),
    ("1. not a list", r"1\. not a list"),
    ("12) not a list", r"12\) not a list"),
    ("+ plus", r"\+ plus"),
    ("> not a quote", r"\> not a quote"),
    ("=== not a heading's underline", r"\=== not a heading's underline"),
    ("Anti-Trafficking", "Anti-Trafficking"),
])
def test_markdown_escapes_block_markers_only_at_the_start_of_a_line(text: str,
                                                                    shown: str) -> None:
    assert escape(text, line_start=True) == shown
    assert escape(text) == text


def test_markdown_has_every_section_from_the_model() -> None:
    md = render(legal_route(), "md", today=date(2021, 6, 1))
    headings = re.findall(r"^(#+ .*)$", md, re.MULTILINE)
    assert headings[:5] == ["# The Legal Route", "## Signposts (3)", "### Now", "### Later",
                            "### No phase yet"]
    sections = [h for h in headings if h.startswith("## ")]
    assert sections[1:] == ["## Timeline", "## Owners (2)", "## Countries (1)", "## Gaps (2)"]
    assert "- **Group:** Legal" in md
    assert "| 1 | Support the justice each victim wants | Chab Dai | " in md
    assert "◐ active" in md and "~~Train prosecutors~~" in md
    assert "| Jan 2021 | 1 |" in md and "| Feb 2021 | 1, 3 |" in md
    assert "### Depends on dropped (1)" in md and "needs **2** Train prosecutors" in md
    assert "### Past due (2)" in md
    assert "*3 signposts · 2 phases · 2 owners · 2 with gaps*" in md


def test_markdown_tables_keep_their_columns() -> None:
    md = render(everywhere("a | b || c"), "md")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "a \\| b" in line]
    assert rows
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6


LINKS = ("www.example.org", "http://example.org/x", "https://x.org", "ana@example.org",
         "mailto:ana@example.org", "<http://x.org>", "[ref]: http://x.org", "[ref]",
         "![img](x.png)", "<b>bold</b>", "&lt;b&gt; &#60;", "~~struck~~", "__strong__",
         "\\", "trail \\", "a\\*b", "1) item", "> quote", "--- ", "===", "    indented")


@pytest.mark.parametrize("hostile", (*HOSTILE, *STRATEGY_HOSTILE, *LINKS))
def test_markdown_user_text_never_becomes_markup(hostile: str) -> None:
    """Rendered as GitHub would (tables, strikethrough, autolinks): user text stays text."""
    md = render(everywhere(hostile), "md")
    parser = _Tags()
    parser.feed(MarkdownIt("gfm-like", {"linkify": True}).render(md))
    assert {tag for tag, _ in parser.tags} <= {
        "h1", "h2", "h3", "p", "ul", "li", "strong", "em", "del", "table", "thead", "tbody",
        "tr", "th", "td", "br", "s"}
    expected = safe(hostile).strip()
    if expected:
        assert expected in parser.text


def test_right_to_left_values_are_isolated_in_text_and_markdown() -> None:
    roadmap = Roadmap("العربية", owners=(Owner("עברית"),), signposts=(
        Signpost("a", "مرحبا بكم", owners=("עברית",), due=date(2021, 1, 1)),))
    for fmt in ("text", "md", "html"):
        output = render(roadmap, fmt)
        assert f"{FSI}עברית{PDI}" in output
        assert f"{FSI}مرحبا بكم{PDI}" in output
    assert f"{FSI}The Legal Route" not in render(legal_route(), "md")


def test_export_to_writes_the_rendered_text(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    text = export_to(legal_route(), "md", target)
    assert target.read_bytes() == text.encode("utf-8")
    assert text == render(legal_route(), "md")


def test_exports_do_not_load_the_ui_toolkit() -> None:
    code = (
        "import json, sys\n"
        "import roadmap_tui.report.export, roadmap_tui.report.markdown\n"
        "import roadmap_tui.report.summary\n"
        "import roadmap_tui.report.timeline, roadmap_tui.model.timeline\n"
        "import roadmap_tui.model.overview\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert not [name for name in json.loads(result.stdout) if name.startswith("textual")]
