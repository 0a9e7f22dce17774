"""The HTML export: a standalone semantic document from the model, inert with any user text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
from strategies import HOSTILE as STRATEGY_HOSTILE
from test_export import HOSTILE, everywhere, legal_route
from test_summary import breakout

from roadmap_tui.model import Comment, Roadmap, Signpost
from roadmap_tui.model.overview import gaps, signposts_with_gaps
from roadmap_tui.report.export import render
from roadmap_tui.report.html import CSP, SECTION_TITLES
from roadmap_tui.report.style import safe

TODAY = date(2021, 2, 10)
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "nav",
    "section", "h1", "h2", "h3", "p", "div", "span", "dl", "dt", "dd", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "br", "a",
}


class Page(HTMLParser):
    """Tags with their attributes, and the text a reader sees (outside head)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self._in_head = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_head = self._in_head or tag == "head"

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if not self._in_head:
            self.text += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def test_a_standalone_document_with_a_policy_that_allows_no_script() -> None:
    page = render(legal_route(), "html")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    parsed = Page(page)
    metas = parsed.all("meta")
    assert {"charset": "utf-8"} in metas
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas
    policy = next(m["content"] for m in metas
                  if m.get("http-equiv") == "Content-Security-Policy")
    assert policy == CSP
    assert "default-src 'none'" in CSP and "script-src 'none'" in CSP
    # Nothing fetched from anywhere: no external URL, import or resource attribute.
    assert not re.search(r"https?:|//[a-z]|url\(|@import|\bsrc=|<link|<script", page)
    assert "@media print" in page and "@media (max-width: 40em)" in page


def test_semantic_headings_and_tables_for_every_section() -> None:
    roadmap = replace(breakout(), learnings=("Families need jobs too",),
                      signposts=tuple(replace(s, tags=("grassroots",)) for s in
                                      breakout().signposts))
    parsed = Page(render(roadmap, "html", today=TODAY))
    assert [t for t, _ in parsed.tags].count("h1") == 1
    sections = [name for a in parsed.all("section") if (name := a.get("id"))]
    assert sections == ["debrief", "signposts", "timeline", "owners", "countries", "tags",
                        "gaps"]
    assert [a["href"] for a in parsed.all("a")] == [f"#{s}" for s in sections]
    for name in sections:
        assert re.search(rf"<h2>{SECTION_TITLES[name]}\b", render(roadmap, "html", today=TODAY))
    phases = re.findall(r'<section class="phase">\n<h3>(.*?)</h3>',
                        render(roadmap, "html", today=TODAY))
    assert phases == [p.name for p in roadmap.phases] + ["No phase yet"]
    assert all(attrs.get("scope") == "col" for attrs in parsed.all("th"))
    assert "Families need jobs too" in parsed.text


def test_details_are_shown_in_full_with_their_line_breaks() -> None:
    detail = "First line " + "word " * 120 + "end.\nSecond line.\n\nA new paragraph."
    roadmap = Roadmap("R", signposts=(Signpost(
        "a", "Long", detail=detail, tags=("t",), countries=("Cambodia",), depends_on=("b",),
        comments=(Comment("Reviewer", datetime(2021, 1, 2, tzinfo=timezone(timedelta())),
                          "Who funds this?"),)),
        Signpost("b", "Other")))
    page = render(roadmap, "html")
    body = "First line " + "word " * 120
    assert f"<p>{body.strip()} end.<br>Second line.</p><p>A new paragraph.</p>" in page
    assert "Tags: t · Countries: Cambodia · Depends on: 2 Other" in page
    assert "Reviewer, 2 Jan 2021: Who funds this?" in page


def test_the_gap_count_is_the_same_as_every_other_format() -> None:
    for today in (None, TODAY):
        count = signposts_with_gaps(gaps(breakout(), today=today))
        page = render(breakout(), "html", today=today)
        assert f"{count} with gaps" in page
        assert f'<h2>Gaps <span class="count">{count}</span></h2>' in page
        assert f"{count} with gaps" in render(breakout(), "text", today=today)
        assert f"{count} with gaps" in render(breakout(), "md", today=today)


@pytest.mark.parametrize("hostile", (*HOSTILE, *STRATEGY_HOSTILE))
def test_user_text_is_escaped_everywhere(hostile: str) -> None:
    page = render(everywhere(hostile), "html", today=TODAY)
    parsed = Page(page)
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], tag
        if tag == "a":
            assert attrs["href"] in {f"#{name}" for name in SECTION_TITLES}
    expected = safe(hostile).strip()
    assert expected in parsed.text
    for raw in ("<script", "<img", "<b>", "\x1b", "\x07"):
        assert raw not in page


def test_an_empty_roadmap_explains_each_section() -> None:
    text = Page(render(Roadmap("Only a title"), "html")).text
    for note in ("No signposts yet.", "Nothing is dated yet.", "No owners yet",
                 "Nothing to check until there are signposts."):
        assert note in text
