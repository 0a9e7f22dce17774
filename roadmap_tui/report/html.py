"""The summary as a standalone HTML document, written from the model.

A group emails it, opens it on a phone, prints it for the country table. So it
is a real document rather than a terminal picture: headings, tables, the full
detail of every signpost (nothing cut to a column), one stylesheet with phone
and print rules, and nothing fetched from anywhere. The sections are those of
the Rich summary, in the same order (``SECTIONS``), with the same gap count.

Safety with untrusted roadmaps: every piece of user text goes through
:func:`_h` (unsafe characters replaced, then ``html.escape`` with quotes), is
only ever element content (never an attribute, a URL or a style), and the page
carries a Content-Security-Policy that allows no script, no fetch, no frame
and no form, so even a mistake here could not run anything. The only links are
the page's own section anchors.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from ..model.conference import GroupCount, conference
from ..model.overview import (
    SECTIONS,
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
    Month,
    format_dates,
    format_day,
    format_month_range,
    overall_span,
    signpost_spans,
)
from .html_style import STYLESHEET
from .style import isolate_rtl, safe, status_mark

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
"""Styles from the page itself and nothing else: no script can run, nothing is fetched."""

SECTION_TITLES = {"debrief": "Debrief", "signposts": "Signposts", "timeline": "Timeline",
                  "owners": "Owners", "countries": "Countries", "tags": "Tags", "gaps": "Gaps",
                  "groups": "Groups", "across": "Across groups"}
SERIOUS_GAPS = frozenset({GapKind.BLOCKED, GapKind.DROPPED_DEPENDENCY, GapKind.OVERDUE})
_DROPPED = ' class="dropped"'
_STATUS_CLASSES = {status.value: f"status-{status.value}" for status in Status}


def _h(text: str) -> str:
    """One line of user text, safe as HTML element content."""
    return html.escape(isolate_rtl(safe(text).strip()), quote=True)


def _paragraphs(text: str) -> str:
    """Multi-line user text: blank lines part paragraphs, other line breaks are kept."""
    blocks = "\n".join(line.strip() for line in safe(text, multiline=True).strip()
                       .splitlines()).split("\n\n")
    return "".join("<p>" + "<br>".join(_h(line) for line in block.split("\n") if line)
                   + "</p>" for block in blocks if block.strip())


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def html_page(roadmap: Roadmap, *, today: date | None = None) -> str:
    """The whole document; ``today`` finds past-due signposts and marks the timeline."""
    found = gaps(roadmap, today=today)
    shown = sections(roadmap)
    title = _h(roadmap.title) or "Untitled roadmap"
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="roadmap-tui">\n',
        f"<title>{title}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n<body>\n",
        *_header(roadmap, found, shown),
        "<main>\n",
    ]
    for name in shown:
        count = _SECTION_COUNTS[name](roadmap, found) if name in _SECTION_COUNTS else None
        heading = SECTION_TITLES[name]
        if count is not None:
            heading += f' <span class="count">{count:,}</span>'
        parts.append(f'<section id="{name}">\n<h2>{heading}</h2>\n')
        parts.extend(_SECTIONS[name](roadmap, found, today))
        parts.append("</section>\n")
    parts.append("</main>\n<footer><p>Made with roadmap-tui")
    if today is not None:
        parts.append(f" on {format_day(today)}")
    parts.append(".</p></footer>\n</body>\n</html>\n")
    return "".join(parts)


def _header(roadmap: Roadmap, found: list[Gap], shown: list[str]) -> Iterator[str]:
    yield '<header class="card">\n'
    yield f"<h1>{_h(roadmap.title) or 'Untitled roadmap'}</h1>\n"
    facts = [("Group", _h(roadmap.group)), ("Event", _h(roadmap.event)),
             ("Question", f'<span class="question">{_h(roadmap.question)}</span>'
              if roadmap.question.strip() else ""),
             ("Facilitator", _h(roadmap.facilitator)),
             ("Participants", ", ".join(_h(p) for p in roadmap.participants))]
    for label, when in (("Created", roadmap.created), ("Updated", roadmap.updated)):
        if when is not None:
            facts.append((label, format_day(when.date())))
    rows = "".join(f"<dt>{label}</dt><dd>{value}</dd>\n" for label, value in facts if value)
    if rows:
        yield f'<dl class="facts">\n{rows}</dl>\n'
    if roadmap.notes.strip():
        yield f'<div class="notes">{_paragraphs(roadmap.notes)}</div>\n'
    counts = [_count(len(roadmap.signposts), "signpost"), _count(len(roadmap.phases), "phase"),
              _count(len(roadmap.owners), "owner")]
    if with_gaps := signposts_with_gaps(found):
        counts.append(f"{with_gaps:,} with gaps")
    yield f'<p class="counts">{" · ".join(counts)}</p>\n'
    links = "".join(f'<li><a href="#{name}">{SECTION_TITLES[name]}</a></li>' for name in shown)
    yield f'<nav aria-label="Sections"><ul>{links}</ul></nav>\n</header>\n'


def _debrief(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    if roadmap.strategy.strip():
        yield f'<h3>Strategy</h3>\n<div class="debrief-text">{_paragraphs(roadmap.strategy)}'
        yield "</div>\n"
    for heading, items in debrief_lists(roadmap):
        yield f"<h3>{heading}</h3>\n<ul>"
        yield "".join(f"<li>{_h(item)}</li>" for item in items)
        yield "</ul>\n"


def _status(status: str) -> str:
    css = _STATUS_CLASSES.get(str(status), "status-unknown")
    return f'<span class="{css}">{status_mark(status)} {_h(str(status))}</span>'


def _signposts(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    if not roadmap.signposts:
        names = ", ".join(_h(p.name) for p in roadmap.phases)
        ready = f" Phases ready for them: {names}." if names else ""
        yield f'<p class="note">No signposts yet.{ready}</p>\n'
        return
    titles = {s.id: (position, s) for position, s in enumerate(roadmap.signposts, 1)}
    for group in phase_groups(roadmap):
        phase = group.phase
        meta = []
        if phase is not None and (dates := format_month_range(phase.start, phase.end)):
            meta.append(dates)
        meta.append(_count(len(group.signposts), "signpost"))
        if phase is not None and not group.known:
            meta.append("not one of the roadmap's phases")
        name = _h(phase.name) if phase is not None else "No phase yet"
        yield f'<section class="phase">\n<h3>{name}</h3>\n<p class="meta">{" · ".join(meta)}</p>\n'
        if phase is not None and phase.description.strip():
            yield f'<div class="description">{_paragraphs(phase.description)}</div>\n'
        if not group.signposts:
            yield '<p class="note">Nothing here yet.</p>\n</section>\n'
            continue
        yield ('<table class="signposts cards">\n<thead><tr><th class="number" scope="col">#'
               '</th><th scope="col">Signpost</th><th class="owners" scope="col">Owners</th>'
               '<th class="dates" scope="col">Dates</th><th class="status" scope="col">Status'
               '</th></tr></thead>\n<tbody>\n')
        for position, signpost in group.signposts:
            yield _signpost_row(position, signpost, titles)
        yield "</tbody>\n</table>\n</section>\n"


def _signpost_row(position: int, signpost: Signpost,
                  titles: dict[str, tuple[int, Signpost]]) -> str:
    dropped = _DROPPED if signpost.status == Status.DROPPED else ""
    what = [f'<span class="title">{_h(signpost.title)}</span>']
    if signpost.detail.strip():
        what.append(f'<div class="detail">{_paragraphs(signpost.detail)}</div>')
    facets = []
    if signpost.tags:
        facets.append("Tags: " + ", ".join(_h(t) for t in signpost.tags))
    if signpost.countries:
        facets.append("Countries: " + ", ".join(_h(c) for c in signpost.countries))
    if signpost.depends_on:
        needs = (f"{titles[i][0]} {_h(titles[i][1].title)}" if i in titles else _h(i)
                 for i in signpost.depends_on)
        facets.append("Depends on: " + "; ".join(needs))
    if facets:
        what.append(f'<p class="facets">{" · ".join(facets)}</p>')
    if signpost.comments:
        what.append('<ul class="comments">' + "".join(
            f"<li>{_h(c.author)}, {format_day(c.at.date())}: {_h(c.text)}</li>"
            for c in signpost.comments) + "</ul>")
    owners = ('<ul class="names">' + "".join(f"<li>{_h(o)}</li>" for o in signpost.owners)
              + "</ul>") if signpost.owners else '<span class="note">no owner</span>'
    dates = format_dates(signpost.start, signpost.due) or '<span class="note">no date</span>'
    return (f'<tr{dropped}><td class="number" data-label="#">{position}</td>'
            f'<td class="what">{"".join(what)}</td>'
            f'<td data-label="Owners">{owners}</td>'
            f'<td class="dates" data-label="Dates">{dates}</td>'
            f'<td class="status" data-label="Status">{_status(signpost.status)}</td></tr>\n')


def _timeline(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    spans = signpost_spans(roadmap)
    overall = overall_span(span for _, _, span in spans)
    if overall is None:
        yield '<p class="note">Nothing is dated yet.</p>\n'
        return
    first, months = overall.first.ordinal, len(overall)

    def share(ordinal: int) -> str:
        return f"{100 * (ordinal - first) / months:.3f}"

    marker = ""
    if today is not None and Month.of(today) in overall:
        month = Month.of(today)
        within = (today.day - 1) / 31
        marker = (f'<span class="today" style="left:{share(month.ordinal) }%;'
                  f'margin-left:{100 * within / months:.3f}%" title="today"></span>')
    period = f"{_month(overall.first)} {DASH} {_month(overall.last)}"
    yield ('<table class="timeline cards">\n<thead><tr><th class="number" scope="col">#</th>'
           '<th scope="col">Signpost</th><th scope="col">When</th>'
           f'<th scope="col">{period}</th></tr></thead>\n<tbody>\n')
    for position, signpost, span in spans:
        phase_only = " from-phase" if span.from_phase else ""
        when = format_dates(signpost.start, signpost.due) or \
            f"{format_month_range(span.first.first_day, span.last.last_day)} (its phase)"
        dropped = _DROPPED if signpost.status == Status.DROPPED else ""
        yield (f'<tr{dropped}><td class="number" data-label="#">{position}</td>'
               f'<td class="what"><span class="title">{_h(signpost.title)}</span></td>'
               f'<td class="dates" data-label="When">{when}</td>'
               f'<td class="bar-cell"><div class="track">'
               f'<span class="bar{phase_only}" style="left:{share(span.first.ordinal)}%;'
               f'width:{100 * len(span) / months:.3f}%"></span>{marker}</div></td></tr>\n')
    yield "</tbody>\n</table>\n"
    legend = ["Bars run from the first month to the last."]
    if any(span.from_phase for _, _, span in spans):
        legend.append("A pale bar: only its phase is dated.")
    if marker:
        legend.append(f"The red line: today, {format_day(today)}.")  # type: ignore[arg-type]
    dated = {position for position, _, _ in spans}
    undated = [str(p) for p in range(1, len(roadmap.signposts) + 1) if p not in dated]
    if undated:
        legend.append(f"Not on the timeline (no dates): {', '.join(undated)}.")
    yield f'<p class="note">{" ".join(legend)}</p>\n'


def _month(month: Month) -> str:
    return f"{month.abbreviation} {month.year}"


def _numbered(items: Iterable[Numbered]) -> str:
    lines = "".join(
        f"<li{_DROPPED if s.status == Status.DROPPED else ''}>"
        f'<span class="position">{p}</span><span>{_status_mark(s)} '
        f'<span class="what">{_h(s.title)}</span></span></li>' for p, s in items)
    return f'<ol class="signposts">{lines}</ol>' if lines else \
        '<span class="note">no signposts yet</span>'


def _status_mark(signpost: Signpost) -> str:
    css = _STATUS_CLASSES.get(str(signpost.status), "status-unknown")
    return f'<span class="{css}" title="{_h(str(signpost.status))}">' \
        f"{status_mark(signpost.status)}</span>"


def _owners(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    groups = owner_groups(roadmap)
    if not groups:
        yield '<p class="note">No owners yet: nobody has taken a signpost on.</p>\n'
        return
    yield _two_column_table("Owner", "Signposts", (
        (f'<span class="title">{_h(g.owner.name)}</span>' + _about(
            [g.owner.organisation, g.owner.role, g.owner.country, g.owner.contact],
            "" if g.known else "not one of the roadmap's owners"),
         _numbered(g.signposts)) for g in groups))


def _about(values: list[str], note: str) -> str:
    about = " · ".join(_h(v) for v in values if v.strip())
    if note:
        about += f' <span class="note">{note}</span>'
    return f'<div class="about">{about}</div>' if about else ""


def _two_column_table(first: str, second: str, rows: Iterable[tuple[str, str]]) -> str:
    body = "".join(f'<tr><td data-label="{first}">{a}</td><td data-label="{second}">{b}</td>'
                   "</tr>\n" for a, b in rows)
    return (f'<table class="pairs cards">\n<thead><tr><th scope="col">{first}</th>'
            f'<th scope="col">{second}</th></tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n')


def _countries(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    yield _two_column_table("Country", "Signposts", (
        (f'<span class="title">{_h(g.name)}</span>'
         + (f'<div class="about">Based here: {", ".join(_h(o.name) for o in g.owners)}</div>'
            if g.owners else ""),
         _numbered(g.signposts)) for g in country_groups(roadmap)))


def _tags(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    yield _two_column_table("Tag", "Signposts", (
        (f'<span class="title">{_h(g.name)}</span>', _numbered(g.signposts))
        for g in tag_groups(roadmap)))


def _gaps(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    if not roadmap.signposts:
        yield '<p class="note">Nothing to check until there are signposts.</p>\n'
        return
    if not found:
        yield ('<p class="note">No gaps: every open signpost has an owner, a phase and a date, '
               'and nothing is blocked.</p>\n')
        return
    for gap in found:
        serious = ' class="gap-serious"' if gap.kind in SERIOUS_GAPS else ""
        yield (f'<h3{serious}>{gap.heading} <span class="count">{len(gap.items):,}</span>'
               '</h3>\n<ol class="signposts">')
        for item in gap.items:
            line = _h(item.signpost.title)
            if item.dropped:
                needs = "; ".join(f"{p} {_h(s.title)}" for p, s in item.dropped)
                line += f' <span class="note">→ needs {needs} (dropped)</span>'
            yield f'<li><span class="position">{item.position}</span><span>{line}</span></li>'
        yield "</ol>\n"


SectionWriter = Callable[[Roadmap, list[Gap], "date | None"], Iterator[str]]


def _groups(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    analysis = conference(roadmap)
    if analysis is not None:
        yield _two_column_table("Group", "Signposts", (
            (f'<span class="title">{_h(g.name)}</span>', f"{g.signposts:,}")
            for g in analysis.groups))


def _across(roadmap: Roadmap, found: list[Gap], today: date | None) -> Iterator[str]:
    analysis = conference(roadmap)
    if analysis is None:
        return
    overlaps = analysis.overlaps
    yield (f'<h3>Overlaps <span class="count">{overlaps.total:,}</span></h3>\n'
           '<p class="note">Signposts of different groups that plan much the same.</p>\n')
    if overlaps.pairs:
        yield _two_column_table("Signpost", "Much the same as", (
            (_in_group(pair.first, pair.first_group), _in_group(pair.second, pair.second_group))
            for pair in overlaps.pairs))
    else:
        yield '<p class="note">None found.</p>\n'
    if overlaps.total > len(overlaps.pairs):
        more = overlaps.total - len(overlaps.pairs)
        yield f'<p class="note">\u2026 and {more:,} more pairs</p>\n'
    shared = analysis.shared_owners
    yield f'<h3>Owners in several groups <span class="count">{len(shared):,}</span></h3>\n'
    if shared:
        yield _two_column_table("Owner", "Signposts in each group", (
            (f'<span class="title">{_h(s.owner)}</span>', _group_counts(s.groups))
            for s in shared))
    else:
        yield '<p class="note">None: every owner committed in one group only.</p>\n'
    yield "<h3>Countries by group</h3>\n"
    yield _two_column_table("Group", "Countries (signposts each)", (
        (f'<span class="title">{_h(c.group)}</span>',
         _group_counts(c.countries) or '<span class="note">no country named</span>')
        for c in analysis.countries))


def _in_group(numbered: Numbered, group: str) -> str:
    position, signpost = numbered
    return (f'<span class="position">{position}</span> <span class="what">{_h(signpost.title)}'
            f'</span> <span class="note">({_h(group)})</span>')


def _group_counts(counts: Iterable[GroupCount]) -> str:
    return ", ".join(f"{_h(c.name)} ({c.signposts:,})" for c in counts)


_SECTIONS: dict[str, SectionWriter] = {
    "debrief": _debrief, "signposts": _signposts, "timeline": _timeline, "owners": _owners,
    "countries": _countries, "tags": _tags, "gaps": _gaps, "groups": _groups,
    "across": _across,
}
_SECTION_COUNTS: dict[str, Callable[[Roadmap, list[Gap]], int]] = {
    "signposts": lambda r, _: len(r.signposts),
    "owners": lambda r, _: len(r.owners),
    "countries": lambda r, _: len(country_groups(r)),
    "tags": lambda r, _: len(tag_groups(r)),
    "gaps": lambda _, found: signposts_with_gaps(found),
    "groups": lambda r, _: len(analysis.groups) if (analysis := conference(r)) else 0,
}
assert set(_SECTIONS) == set(SECTIONS) == set(SECTION_TITLES)
