"""The summary as Markdown, written from the model: the same sections as the Rich summary.

Markdown is read in places that render it (GitHub, chat tools, wikis), so user
text must never become markup there: every ASCII punctuation character that
Markdown or its common extensions give a meaning (emphasis, links, HTML,
tables, headings, list markers, strikethrough, entities, emoji shortcodes,
mentions) is backslash-escaped, which CommonMark defines as "show this
character". Right-to-left values are isolated (FSI .. PDI) so that a table
row with Arabic in one cell keeps its cells in order.

Pure standard library apart from the shared text helpers; no Rich rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from .model.overview import Gap, GapKind, Numbered, gaps, owner_groups, phase_groups
from .model.roadmap import Roadmap, Signpost, Status
from .model.timeline import (
    DASH,
    MonthSpan,
    buckets,
    format_dates,
    format_day,
    format_month_range,
    overall_span,
    signpost_spans,
)
from .summary_style import first_line, isolate_rtl, safe, status_mark

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&$:@^=])")
MAX_TIMELINE_ROWS = 36
"""The Markdown timeline switches to quarters, years, ... beyond this many rows."""
_SCALES = (1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 120000)


def escape(text: str) -> str:
    """User text as Markdown that shows exactly that text (one line; newlines become spaces)."""
    return _SPECIAL.sub(r"\\\1", safe(text).replace("\n", " ")).strip()


def cell(text: str) -> str:
    """Escaped and isolated: ready for a table cell or a list item."""
    return isolate_rtl(escape(text)) if text else ""


def markdown(roadmap: Roadmap, *, today: date | None = None) -> str:
    """The whole summary; ends with one newline."""
    found = gaps(roadmap, today=today)
    lines = [f"# {cell(roadmap.title) or 'Untitled roadmap'}", ""]
    lines += _header(roadmap, found)
    lines += ["", f"## Signposts ({len(roadmap.signposts):,})", ""]
    lines += _phases(roadmap)
    lines += ["## Timeline", ""]
    lines += _timeline(roadmap)
    lines += ["", f"## Owners ({len(roadmap.owners):,})", ""]
    lines += _owners(roadmap)
    lines += ["", f"## Gaps ({sum(len(g.items) for g in found):,})", ""]
    lines += _gaps(roadmap, found)
    from .markdown_conference import conference_markdown  # it imports this module

    lines += ["", *conference_markdown(roadmap)]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def _header(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    facts = [
        ("Group", cell(roadmap.group)),
        ("Event", cell(roadmap.event)),
        ("Question", f"*{cell(roadmap.question)}*" if roadmap.question else ""),
        ("Facilitator", cell(roadmap.facilitator)),
        ("Participants", ", ".join(cell(p) for p in roadmap.participants)),
    ]
    when = roadmap.updated or roadmap.created
    if when is not None:
        facts.append(("Updated" if roadmap.updated else "Created", format_day(when.date())))
    for label, value in facts:
        if value:
            yield f"- **{label}:** {value}"
    if roadmap.notes.strip():
        yield ""
        yield from _paragraphs(roadmap.notes)
    yield ""
    gap_count = sum(len(g.items) for g in found)
    yield (f"*{len(roadmap.signposts):,} signposts · {len(roadmap.phases):,} phases · "
           f"{len(roadmap.owners):,} owners · {gap_count:,} gaps*")


def _paragraphs(text: str) -> Iterator[str]:
    """Multi-line text with its line breaks kept (a trailing backslash is a hard break)."""
    lines = [escape(line) for line in safe(text, multiline=True).strip().splitlines()]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        yield isolate_rtl(line) + ("\\" if line and following else "")


def _phases(roadmap: Roadmap) -> Iterator[str]:
    if not roadmap.signposts:
        yield "*No signposts yet.*"
        yield ""
        return
    for group in phase_groups(roadmap):
        phase = group.phase
        yield f"### {cell(phase.name) if phase else 'No phase yet'}"
        yield ""
        notes = []
        if phase is not None and (dates := format_month_range(phase.start, phase.end)):
            notes.append(dates)
        notes.append(_count(len(group.signposts), "signpost"))
        if phase is not None and not group.known:
            notes.append("not one of the roadmap's phases")
        yield f"*{' · '.join(notes)}*"
        if phase is not None and (description := first_line(phase.description)):
            yield ""
            yield cell(description)
        yield ""
        if group.signposts:
            yield "| # | Signpost | Owners | Dates | Status |"
            yield "|--:|---|---|---|---|"
            for position, signpost in group.signposts:
                yield _signpost_row(position, signpost)
            yield ""


def _signpost_row(position: int, signpost: Signpost) -> str:
    title = cell(signpost.title)
    if signpost.status == Status.DROPPED:
        title = f"~~{title}~~"
    detail = first_line(signpost.detail)
    if detail:
        title += f" — *{cell(detail)}*"
    owners = ", ".join(cell(o) for o in signpost.owners) or "*no owner*"
    dates = format_dates(signpost.start, signpost.due) or "*no date*"
    return f"| {position} | {title} | {owners} | {dates} | {_status(signpost)} |"


def _status(signpost: Signpost) -> str:
    return f"{status_mark(signpost.status)} {escape(str(signpost.status))}"


def _timeline(roadmap: Roadmap) -> Iterator[str]:
    spans = signpost_spans(roadmap)
    overall = overall_span(span for _, _, span in spans)
    if overall is None:
        yield "*Nothing is dated yet.*"
        return
    months = next(m for m in _SCALES if -(-len(overall) // m) <= MAX_TIMELINE_ROWS)
    periods = buckets(overall, months)
    origin = overall.first.ordinal - overall.first.ordinal % months
    during: list[list[str]] = [[] for _ in periods]
    for position, _, span in spans:
        first = (span.first.ordinal - origin) // months
        last = (span.last.ordinal - origin) // months
        label = f"{position}\\*" if span.from_phase else str(position)
        for index in range(first, last + 1):
            during[index].append(label)
    yield f"| {_scale_name(months)} | Signposts under way |"
    yield "|---|---|"
    index = 0
    while index < len(periods):
        if during[index]:
            name = _period_name(periods[index], months)
            yield f"| {name} | {', '.join(during[index])} |"
            index += 1
            continue
        quiet = index  # a run of empty periods is one row
        while index + 1 < len(periods) and not during[index + 1]:
            index += 1
        name = _period_name(periods[quiet], months)
        if index > quiet:
            name += f" {DASH} {_period_name(periods[index], months)}"
        yield f"| {name} | — |"
        index += 1
    yield ""
    notes = ["Numbers are signpost positions."]
    if any(span.from_phase for _, _, span in spans):
        notes.append("\\* only its phase is dated.")
    dated = {position for position, _, _ in spans}
    undated = [str(p) for p in range(1, len(roadmap.signposts) + 1) if p not in dated]
    if undated:
        notes.append(f"Not on the timeline (no dates): {', '.join(undated)}.")
    yield f"*{' '.join(notes)}*"


def _scale_name(months: int) -> str:
    return {1: "Month", 3: "Quarter", 6: "Half-year", 12: "Year"}.get(months, "Years")


def _period_name(period: MonthSpan, months: int) -> str:
    first = period.first
    if months == 1:
        return f"{first.abbreviation} {first.year}"
    if months == 3:
        return f"Q{first.quarter} {first.year}"
    if months == 6:
        return f"H{(first.month - 1) // 6 + 1} {first.year}"
    if months == 12:
        return str(first.year)
    return f"{first.year}{DASH}{period.last.year}"


def _owners(roadmap: Roadmap) -> Iterator[str]:
    groups = owner_groups(roadmap)
    if not groups:
        yield "*No owners yet.*"
        return
    for group in groups:
        owner = group.owner
        about = [cell(v) for v in (owner.organisation, owner.role, owner.country, owner.contact)
                 if v]
        if not group.known:
            about.append("*not one of the roadmap's owners*")
        yield f"**{cell(owner.name)}**" + (f" — {' · '.join(about)}" if about else "")
        yield ""
        if group.signposts:
            yield from _numbered_list(group.signposts)
        else:
            yield "- *no signposts yet*"
        yield ""


def _numbered_list(items: Iterable[Numbered]) -> Iterator[str]:
    for position, signpost in items:
        yield f"- **{position}** {cell(signpost.title)} ({_status(signpost)})"


def _gaps(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    if not roadmap.signposts:
        yield "*Nothing to check until there are signposts.*"
        return
    if not found:
        yield ("*No gaps: every open signpost has an owner, a phase and a date, "
               "and nothing is blocked.*")
        return
    for gap in found:
        yield f"### {gap.heading} ({len(gap.items):,})"
        yield ""
        for item in gap.items:
            line = f"- **{item.position}** {cell(item.signpost.title)}"
            if gap.kind == GapKind.DROPPED_DEPENDENCY:
                needs = ", ".join(f"**{p}** {cell(s.title)}" for p, s in item.dropped)
                line += f" → needs {needs} (dropped)"
            yield line
        yield ""


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
