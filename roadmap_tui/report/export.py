"""The summary in the formats a group takes home: text, ANSI, HTML, SVG and Markdown.

Text, ANSI and SVG are the Rich summary recorded on an off-screen console
(``Console(record=True, file=io.StringIO())``) at a fixed width, so they match
what the terminal shows. Markdown and HTML are written from the model instead
(export_markdown, export_html), because their readers lay out tables and lists
themselves, on any screen and on paper, and box-drawing characters would fight
them.

Safety with untrusted roadmaps: the summary shows user text only as literal
``Text``, already cleaned of control and bidi-override characters; the HTML
escapes user text itself and forbids scripts by its Content-Security-Policy;
Rich's SVG export escapes ``< > & " '``; and a last pass here replaces anything
XML forbids, in case a future change lets something through. No user text
becomes a link: owner contacts are shown as text. The SVG leaves out Rich's web-font
references so that opening it fetches nothing from the network.

Right-to-left values are isolated (FSI .. PDI) in text, HTML, SVG and Markdown,
which are read in bidi-aware viewers; ANSI output is for terminals and is not.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path
from typing import Literal

from rich.console import Console

from ..model.roadmap import Roadmap
from .html import html_page
from .markdown import markdown
from .style import safe, shortened
from .summary import summary

FORMATS = ("text", "ansi", "html", "svg", "md")
"""Every format :func:`render` knows, in the order the command line lists them."""

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".ans": "ansi",
    ".ansi": "ansi",
    ".html": "html",
    ".htm": "html",
    ".svg": "svg",
    ".md": "md",
    ".markdown": "md",
}

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WEB_FONTS = re.compile(r"\s*@font-face\s*\{[^}]*\}")

def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for by its suffix (any case); None when it asks for none."""
    return SUFFIXES.get(Path(path).suffix.lower())


def render(roadmap: Roadmap, fmt: str, *, width: int = 100, today: date | None = None) -> str:
    """The summary of ``roadmap`` in ``fmt`` (one of :data:`FORMATS`) at ``width`` columns.

    ``today`` marks the timeline and finds past-due signposts; without it neither
    is shown, so an export made from a script is the same every day.
    """
    if fmt not in FORMATS:
        raise ValueError(f'unknown format "{fmt}"; choose one of {", ".join(FORMATS)}')
    if fmt == "md":
        return markdown(roadmap, today=today)
    if fmt == "html":
        return _XML_FORBIDDEN.sub("\ufffd", html_page(roadmap, today=today))
    width = max(20, width)
    if fmt == "ansi":
        # Colour for a terminal; NO_COLOR in the environment is honoured.
        console = _console(width, force_terminal=True, color_system="standard")
        console.print(summary(roadmap, today=today))
        return console.export_text(styles=True)
    console = _console(width, force_terminal=False, color_system="truecolor", no_color=False)
    console.print(summary(roadmap, today=today, isolate_bidi=True))
    if fmt == "text":
        text = console.export_text(styles=False)
        return "".join(line.rstrip() + "\n" for line in text.splitlines())
    title = safe(shortened(roadmap.title)) or "Roadmap"
    output = _WEB_FONTS.sub("", console.export_svg(title=title))
    return _XML_FORBIDDEN.sub("\ufffd", output)


def _console(
    width: int,
    *,
    force_terminal: bool,
    color_system: Literal["standard", "truecolor"],
    no_color: bool | None = None,
) -> Console:
    """An off-screen recording console whose output depends on nothing but its arguments."""
    return Console(
        record=True,
        file=io.StringIO(),
        width=width,
        force_terminal=force_terminal,
        force_jupyter=False,
        force_interactive=False,
        color_system=color_system,
        no_color=no_color,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )
