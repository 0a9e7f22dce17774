"""The summary as Markdown, written from the model: the same sections as the Rich summary.

Markdown is read two ways: as plain text (an email, a terminal) and rendered
(GitHub, chat tools, wikis). So user text is escaped only where CommonMark or
GitHub's extensions (tables, strikethrough, extended autolinks) would misread
it, with a backslash, which CommonMark defines as "show this character":
"Anti-Trafficking" and "3-6 months (Q1)" stay as typed, while "*x*", "[a](b)",
"<b>", "&amp;", "www.x.org", "http://x", "ana@x.org", a "|" in a table and a
leading "# " or "1. " are escaped, so user text never becomes emphasis, a
link, an autolink, raw HTML, a heading or a list. Right-to-left values are
isolated (FSI .. PDI) so that a table row with Arabic in one cell keeps its
cells in order.

Pure standard library apart from the shared text helpers; no Rich rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from ..model.overview import (
    Gap,
    GapKind,
    Numbered,
    country_groups,
    debrief_lists,
    gaps,
    owner_groups,
    phase_groups,
    sections,
    signposts_with_gaps,
    tag_groups,
)
from ..model.roadmap import Roadmap, Signpost, Status
from ..model.timeline import (
    DASH,
    MonthSpan,
    buckets,
    format_dates,
    format_day,
    format_month_range,
    overall_span,
    signpost_spans,
)
from .style import first_line, isolate_rtl, safe, status_mark

_INLINE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash that would escape what follows, or break the line
    r"|[`*\[|~]"  # code, emphasis, links and images, table cells, strikethrough
    r"|_(?![^\W_])|(?<![^\W_])_"  # underscores, unless inside a word (snake_case)
    r"|<(?=[A-Za-z/!?])"  # raw HTML and autolinks
    r"|&(?=#?\w+;)"  # entities
    r"|(?<=\bwww)\.|(?<=\bWWW)\."  # GitHub's www. autolinks
    r"|\b[A-Za-z][A-Za-z0-9+.-]*:(?=//)|\b(?:mailto|xmpp):"  # URLs: the colon is escaped
    r"|(?<=[\w.+-])@(?=[\w-]+\.\w)"  # e-mail autolinks
)
_BLOCK_START = re.compile(r"^(?:[#>+=-]|\d{1,9}(?=[.)]))")
"""What makes a line a heading, quote, list item, setext underline or ordered list."""
MAX_TIMELINE_ROWS = 36
"""The Markdown timeline switches to quarters, years, ... beyond this many rows."""
_SCALES = (1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 120000)


def escape(text: str, *, line_start: bool = False) -> str:
    """User text as Markdown that shows exactly that text (one line; newlines become spaces).

    ``line_start``: the text begins a block (a list item's text, a paragraph's
    line), where a leading "#", ">", "-", "+", "=" or "1." would start a
    heading, quote or list.
    """
    escaped = _INLINE.sub(_escaped, safe(text).replace("\n", " ").strip())
    if line_start:
        escaped = _BLOCK_START.sub(_after_backslash, escaped, count=1)
    return escaped


def _escaped(match: re.Match[str]) -> str:
    found = match.group(0)
    return f"{found[:-1]}\\:" if len(found) > 1 else "\\" + found


def _after_backslash(match: re.Match[str]) -> str:
    found = match.group(0)  # "1" before "." is escaped as "1\.", the rest as "\#"
    return found + "\\" if found[0].isdigit() else "\\" + found


def cell(text: str, *, line_start: bool = False) -> str:
    """Escaped and isolated: ready for a table cell or a list item."""
    return isolate_rtl(escape(text, line_start=line_start)) if text else ""


def heading(text: str) -> str:
    """Escaped for an ATX heading, where a trailing "#" would be taken as its closing."""
    escaped = cell(text)
    return re.sub(r"(#+)(\u2069?)$", r"\\\1\2", escaped) if escaped.endswith(("#", "#\u2069")) \
        else escaped


def markdown(roadmap: Roadmap, *, today: date | None = None) -> str:
    """The whole summary; ends with one newline."""
    found = gaps(roadmap, today=today)
    lines = [f"# {heading(roadmap.title) or 'Untitled roadmap'}", ""]
    lines += _header(roadmap, found)
    for name in sections(roadmap):
        lines += ["", ""]
        lines += _SECTIONS[name](roadmap, found)
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
    parts = [_count(len(roadmap.signposts), "signpost"), _count(len(roadmap.phases), "phase"),
             _count(len(roadmap.owners), "owner")]
    if with_gaps := signposts_with_gaps(found):
        parts.append(f"{with_gaps:,} with gaps")
    yield f"*{' · '.join(parts)}*"


def _debrief(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    yield "## Debrief"
    if roadmap.strategy.strip():
        yield ""
        yield "### Strategy"
        yield ""
        yield from _paragraphs(roadmap.strategy)
    for title, items in debrief_lists(roadmap):
        yield ""
        yield f"### {title}"
        yield ""
        yield from (f"- {cell(item, line_start=True)}" for item in items)


def _signposts(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    yield f"## Signposts ({len(roadmap.signposts):,})"
    yield ""
    yield from _phases(roadmap)


def _countries(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    groups = country_groups(roadmap)
    yield f"## Countries ({len(groups):,})"
    for group in groups:
        based = ", ".join(cell(o.name) for o in group.owners)
        yield from _listed(group.name, group.signposts, f"Based here: {based}" if based else "")


def _tags(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    groups = tag_groups(roadmap)
    yield f"## Tags ({len(groups):,})"
    for group in groups:
        yield from _listed(group.name, group.signposts, "")


def _listed(name: str, signposts: tuple[Numbered, ...], note: str) -> Iterator[str]:
    yield ""
    yield f"### {heading(name)} ({len(signposts):,})"
    yield ""
    if note:
        yield note
        yield ""
    yield from _numbered_list(signposts)


def _paragraphs(text: str) -> Iterator[str]:
    """Multi-line text with its line breaks kept (a trailing backslash is a hard break)."""
    lines = [escape(line, line_start=True)
             for line in safe(text, multiline=True).strip().splitlines()]
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
        yield f"### {heading(phase.name) if phase else 'No phase yet'}"
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
            yield cell(description, line_start=True)
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


def _timeline(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    yield "## Timeline"
    yield ""
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


def _owners(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    yield f"## Owners ({len(roadmap.owners):,})"
    yield ""
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
    yield f"## Gaps ({signposts_with_gaps(found):,})"
    yield ""
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


def _groups(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    from .markdown_conference import groups_markdown  # it builds on this module's cell()

    yield from groups_markdown(roadmap)


def _across(roadmap: Roadmap, found: list[Gap]) -> Iterator[str]:
    from .markdown_conference import across_markdown

    yield from across_markdown(roadmap)


_SECTIONS: dict[str, Callable[[Roadmap, list[Gap]], Iterator[str]]] = {
    "debrief": _debrief, "signposts": _signposts, "timeline": _timeline, "owners": _owners,
    "countries": _countries, "tags": _tags, "gaps": _gaps, "groups": _groups,
    "across": _across,
}
"""Each section of ``SECTIONS`` in Markdown, by name."""
