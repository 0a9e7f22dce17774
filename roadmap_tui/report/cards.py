"""Commitment cards and country tables as Markdown, and in the other export formats.

Markdown is the default (a card is ready to paste into an email after the
event). The other formats render that same Markdown with Rich's Markdown
renderable on the off-screen recording console, so every format says the same.
User text goes in escaped (``export_markdown.cell``), so Rich's Markdown parser
shows it as typed: never a link, never markup, never HTML. No Textual.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date

from rich.console import Console
from rich.markdown import Markdown
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from ..model.cards import Commitment, CountryTable, OwnerCard, Waiting
from ..model.overview import Numbered
from ..model.roadmap import Owner, Roadmap, Signpost
from ..model.timeline import format_dates, format_day
from .markdown import cell
from .style import safe, status_mark

NONE = "—"


def owner_card_markdown(card: OwnerCard, roadmap: Roadmap) -> str:
    """An owner's commitment card: who, what they agreed to, and what waits on them."""
    owner = card.owner
    lines = [f"# Commitment card: {cell(owner.name)}", ""]
    lines += _context(roadmap)
    lines += [f"- **{label}:** {cell(value)}" for label, value in _details(owner) if value]
    lines += ["", f"## What {cell(owner.name)} agreed to ({len(card.commitments)})", ""]
    if card.commitments:
        lines += ["| # | Signpost | Group | Phase | Start | Due | Status | With |",
                  "|--:|---|---|---|---|---|---|---|"]
        lines += [_commitment_row(c) for c in card.commitments]
    else:
        lines.append("*No signposts yet.*")
    lines += ["", f"## Waiting on {cell(owner.name)} ({len(card.waiting)})", ""]
    if card.waiting:
        lines += ["| # | Signpost | Group | Owners | Needs |", "|--:|---|---|---|---|"]
        lines += [_waiting_row(w) for w in card.waiting]
    else:
        lines.append("*Nothing depends on these signposts.*")
    return "\n".join(lines) + "\n"


def country_markdown(table: CountryTable, roadmap: Roadmap) -> str:
    """A country's file: the owners based there, then its signposts group by group."""
    count = sum(len(items) for _, items in table.groups)
    lines = [f"# {cell(table.country)}", ""]
    lines += _context(roadmap)
    lines += [f"## Owners based in {cell(table.country)} ({len(table.owners)})", ""]
    if table.owners:
        for owner in table.owners:
            about = [cell(v) for label, v in _details(owner) if v and label != "Country"]
            lines.append(f"- **{cell(owner.name)}**" + (f" — {' · '.join(about)}"
                                                        if about else ""))
    else:
        lines.append("*Nobody in the roadmap is based here yet.*")
    lines += ["", f"## Signposts ({count})", ""]
    if not table.groups:
        lines.append("*No signpost names this country yet.*")
    for group, items in table.groups:
        lines += [f"### {cell(group)} ({len(items)})", "",
                  "| # | Signpost | Owners | Phase | Dates | Status |",
                  "|--:|---|---|---|---|---|"]
        lines += [_country_row(item) for item in items]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def convert(markdown: str, fmt: str, *, width: int, title: str) -> str:
    """Markdown written above as ``fmt`` (text, ansi, html, svg or md)."""
    if fmt == "md":
        return markdown
    console = Console(record=True, file=io.StringIO(), width=max(20, width),
                      force_terminal=fmt == "ansi", force_jupyter=False,
                      force_interactive=False,
                      color_system="standard" if fmt == "ansi" else "truecolor",
                      legacy_windows=False, markup=False, emoji=False, highlight=False)
    console.print(Markdown(markdown, hyperlinks=False))
    if fmt == "ansi":
        return console.export_text(styles=True)
    if fmt == "text":
        return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())
    if fmt == "html":
        page = _HTML_PAGE.replace("@TITLE@", html.escape(safe(title))
                                  .replace("{", "{{").replace("}", "}}"))
        return console.export_html(inline_styles=True, code_format=page,
                                   theme=DEFAULT_TERMINAL_THEME)
    # Opening it fetches nothing: Rich's web-font rules are left out.
    return re.sub(r"\s*@font-face\s*\{[^}]*\}", "", console.export_svg(title=safe(title)))


_HTML_PAGE = """\
<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>@TITLE@</title>
<style>
{stylesheet}
body {{ color: {foreground}; background-color: {background}; }}
</style>
</head>
<body>
<pre style="font-family:Menlo,'DejaVu Sans Mono',consolas,monospace;white-space:pre-wrap">\
<code style="font-family:inherit">{code}</code></pre>
</body>
</html>
"""


def _context(roadmap: Roadmap) -> Iterator[str]:
    about = [cell(v) for v in (roadmap.title, roadmap.event) if v]
    when = roadmap.updated or roadmap.created
    if when is not None:
        about.append(format_day(when.date()))
    yield f"*{' · '.join(about)}*"
    yield ""


def _details(owner: Owner) -> list[tuple[str, str]]:
    return [("Organisation", owner.organisation), ("Role", owner.role),
            ("Country", owner.country), ("Contact", owner.contact)]


def _day(value: date | None) -> str:
    return format_day(value) if value is not None else NONE


def _status(signpost: Signpost) -> str:
    return f"{status_mark(signpost.status)} {signpost.status.value}"


def _names(names: Iterable[str]) -> str:
    return ", ".join(cell(n) for n in names) or NONE


def _commitment_row(c: Commitment) -> str:
    s = c.signpost
    return (f"| {c.position} | {cell(s.title)} | {cell(c.group)} | {cell(s.phase) or NONE} | "
            f"{_day(s.start)} | {_day(s.due)} | {_status(s)} | {_names(c.with_)} |")


def _waiting_row(w: Waiting) -> str:
    needs = ", ".join(f"{p} {cell(s.title)}" for p, s in w.needs)
    return (f"| {w.position} | {cell(w.signpost.title)} | {cell(w.group)} | "
            f"{_names(w.signpost.owners)} | {needs} |")


def _country_row(item: Numbered) -> str:
    position, s = item
    dates = format_dates(s.start, s.due) or NONE
    return (f"| {position} | {cell(s.title)} | {_names(s.owners)} | {cell(s.phase) or NONE} | "
            f"{dates} | {_status(s)} |")
