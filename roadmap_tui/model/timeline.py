"""Month arithmetic for the timeline: which months a signpost spans, and the roadmap's range.

A roadmap is planned in months ("by March", "from next quarter"), so the timeline
works in whole calendar months rather than days. Everything here is pure: the
current day is always a parameter (``today``), never read from the clock, so a
summary rendered in a test or a year later shows the same thing.

Which dates a signpost's bar uses (the rule, decided once here):

* its own ``start`` .. ``due`` when it has both;
* the one month of ``start`` or of ``due`` when it has only one of them;
* when it has neither, its phase's ``start`` .. ``end`` (or the one month of
  whichever the phase has), marked ``from_phase`` so views can draw it
  differently: the group placed it in a dated phase but did not date it;
* otherwise it has no span and stays off the timeline.

A signpost's own date always wins over its phase's: partly dated signposts are
never stretched to the phase, since "due in March" says nothing about when work
starts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .roadmap import Phase, Roadmap, Signpost, Status

MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
"""English month names, fixed: ``strftime("%b")`` would follow the process locale."""

_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
DASH = "\u2013"
"""The en dash between the ends of a range ("Jan \u2013 Mar 2021")."""
CLOSED_STATUSES = frozenset({Status.DONE, Status.DROPPED})
_FIRST_ORDINAL = 12  # January of year 1, the first month a date can hold
_LAST_ORDINAL = 9999 * 12 + 11


def month_start(year: int, month: int) -> date:
    """The first day of a month; also what a ``start:YYYY-MM`` in quick-add means."""
    return date(year, month, 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month; also what a ``due:YYYY-MM`` in quick-add means."""
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month; ordered, hashable, and countable by its ordinal."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1 <= self.year <= 9999):
            raise ValueError(f"no such month: {self.year}-{self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        """The month a day falls in."""
        return cls(day.year, day.month)

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Month:
        """The inverse of :attr:`ordinal`."""
        year, zero_based = divmod(ordinal, 12)
        return cls(year, zero_based + 1)

    @property
    def ordinal(self) -> int:
        """Months since the start of year 0: consecutive months differ by one."""
        return self.year * 12 + self.month - 1

    @property
    def first_day(self) -> date:
        return month_start(self.year, self.month)

    @property
    def last_day(self) -> date:
        return month_end(self.year, self.month)

    @property
    def abbreviation(self) -> str:
        """``"Jan"``, ``"Feb"``, ...: locale-independent."""
        return MONTH_ABBREVIATIONS[self.month - 1]

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    def plus(self, months: int) -> Month:
        """The month ``months`` later (earlier when negative)."""
        return Month.from_ordinal(self.ordinal + months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def parse_month(text: str) -> Month:
    """Read ``YYYY-MM``; raises ValueError with a message fit for a user."""
    match = _YEAR_MONTH.fullmatch(text.strip())
    if match is None:
        raise ValueError(f'"{text}" is not a month; write it as YYYY-MM, e.g. 2021-03')
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or year < 1:
        raise ValueError(f'"{text}" is not a month; the month must be 01 to 12')
    return Month(year, month)


@dataclass(frozen=True, slots=True)
class MonthSpan:
    """The months from ``first`` to ``last``, both included."""

    first: Month
    last: Month
    from_phase: bool = False
    """True when the dates are the phase's, the signpost having none of its own."""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"span ends ({self.last}) before it starts ({self.first})")

    def __len__(self) -> int:
        return self.last.ordinal - self.first.ordinal + 1

    def __contains__(self, month: object) -> bool:
        return isinstance(month, Month) and self.first <= month <= self.last

    def months(self) -> Iterator[Month]:
        """Every month of the span, in order."""
        for ordinal in range(self.first.ordinal, self.last.ordinal + 1):
            yield Month.from_ordinal(ordinal)


def span_of_dates(start: date | None, end: date | None) -> MonthSpan | None:
    """The months from ``start`` to ``end``; one month when only one is known."""
    if start is None and end is None:
        return None
    first = Month.of(start if start is not None else end)  # type: ignore[arg-type]
    last = Month.of(end if end is not None else start)  # type: ignore[arg-type]
    if last < first:  # an invalid range (the validator reports it): show the start month
        last = first
    return MonthSpan(first, last)


def signpost_span(signpost: Signpost, phase: Phase | None = None) -> MonthSpan | None:
    """The months a signpost's bar covers, by the rule in the module docstring."""
    own = span_of_dates(signpost.start, signpost.due)
    if own is not None or phase is None:
        return own
    inherited = span_of_dates(phase.start, phase.end)
    if inherited is None:
        return None
    return MonthSpan(inherited.first, inherited.last, from_phase=True)


def signpost_spans(roadmap: Roadmap) -> list[tuple[int, Signpost, MonthSpan]]:
    """Every signpost that has a span, as (1-based position, signpost, span), in order.

    Phases are looked up once in a dictionary so that long roadmaps stay linear.
    """
    phases = {phase.name.casefold(): phase for phase in roadmap.phases}
    spans: list[tuple[int, Signpost, MonthSpan]] = []
    for position, signpost in enumerate(roadmap.signposts, start=1):
        phase = phases.get(signpost.phase.casefold()) if signpost.phase else None
        span = signpost_span(signpost, phase)
        if span is not None:
            spans.append((position, signpost, span))
    return spans


def overall_span(spans: Iterable[MonthSpan]) -> MonthSpan | None:
    """The smallest span holding every given one; None when there are none."""
    first: Month | None = None
    last: Month | None = None
    for span in spans:
        if first is None or span.first < first:
            first = span.first
        if last is None or span.last > last:
            last = span.last
    if first is None or last is None:
        return None
    return MonthSpan(first, last)


def roadmap_span(roadmap: Roadmap) -> MonthSpan | None:
    """The months the roadmap's timeline covers, from its signposts' spans."""
    return overall_span(span for _, _, span in signpost_spans(roadmap))


def buckets(span: MonthSpan, months_per_bucket: int) -> list[MonthSpan]:
    """The calendar-aligned buckets covering ``span``: its columns at that scale.

    Buckets of 3, 6 and 12 months are quarters, halves and years; longer ones
    start on years divisible by their length in years (decades for 120). The
    first and last buckets are clipped to years 1 and 9999.
    """
    if months_per_bucket < 1:
        raise ValueError("a bucket holds at least one month")
    result: list[MonthSpan] = []
    aligned = span.first.ordinal - span.first.ordinal % months_per_bucket
    while aligned <= span.last.ordinal:
        # Clipped so that buckets never leave the years a date can hold.
        first = max(aligned, _FIRST_ORDINAL)
        last = min(aligned + months_per_bucket - 1, _LAST_ORDINAL)
        result.append(MonthSpan(Month.from_ordinal(first), Month.from_ordinal(last)))
        aligned += months_per_bucket
    return result


def is_overdue(signpost: Signpost, today: date) -> bool:
    """Due before ``today`` and neither done nor dropped."""
    return (
        signpost.due is not None
        and signpost.due < today
        and signpost.status not in CLOSED_STATUSES
    )


def format_day(day: date, *, with_year: bool = True) -> str:
    """``"31 Mar 2021"``: day first and the month as a word, unambiguous everywhere."""
    text = f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def format_dates(start: date | None, due: date | None) -> str:
    """A signpost's dates in a few words: ``"10 Jan \u2013 31 Mar 2021"``, ``"due 31 Mar 2021"``.

    The year is written once when both days fall in the same year.
    """
    if start is not None and due is not None:
        if start == due:
            return format_day(due)
        same_year = start.year == due.year
        return f"{format_day(start, with_year=not same_year)} {DASH} {format_day(due)}"
    if due is not None:
        return f"due {format_day(due)}"
    if start is not None:
        return f"from {format_day(start)}"
    return ""


def format_month_range(start: date | None, end: date | None) -> str:
    """A phase's dates as months: ``"Jan \u2013 Mar 2021"``, ``"from Jan 2021"``."""
    if start is not None and end is not None:
        first, last = Month.of(start), Month.of(end)
        if first == last:
            return f"{first.abbreviation} {first.year}"
        if first.year == last.year:
            return f"{first.abbreviation} {DASH} {last.abbreviation} {last.year}"
        return f"{first.abbreviation} {first.year} {DASH} {last.abbreviation} {last.year}"
    if start is not None:
        return f"from {Month.of(start).abbreviation} {start.year}"
    if end is not None:
        return f"until {Month.of(end).abbreviation} {end.year}"
    return ""
