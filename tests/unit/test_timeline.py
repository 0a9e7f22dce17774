"""Month arithmetic for the timeline: spans, ranges, buckets and date wording."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_tui.model import Phase, Roadmap, Signpost, Status
from roadmap_tui.model.timeline import (
    Month,
    MonthSpan,
    buckets,
    format_dates,
    format_day,
    format_month_range,
    is_overdue,
    month_end,
    month_start,
    overall_span,
    parse_month,
    roadmap_span,
    signpost_span,
    signpost_spans,
    span_of_dates,
)


@pytest.mark.parametrize(
    ("year", "month", "first", "last"),
    [
        (2021, 1, date(2021, 1, 1), date(2021, 1, 31)),
        (2021, 2, date(2021, 2, 1), date(2021, 2, 28)),
        (2020, 2, date(2020, 2, 1), date(2020, 2, 29)),
        (2021, 4, date(2021, 4, 1), date(2021, 4, 30)),
        (2021, 12, date(2021, 12, 1), date(2021, 12, 31)),
        (9999, 12, date(9999, 12, 1), date(9999, 12, 31)),
        (1, 1, date(1, 1, 1), date(1, 1, 31)),
    ],
)
def test_month_start_and_end(year: int, month: int, first: date, last: date) -> None:
    assert month_start(year, month) == first
    assert month_end(year, month) == last
    assert Month(year, month).first_day == first
    assert Month(year, month).last_day == last


def test_month_counts_ordering_and_names() -> None:
    december = Month(2020, 12)
    assert december.plus(1) == Month(2021, 1)
    assert december.plus(-12) == Month(2019, 12)
    assert Month.from_ordinal(december.ordinal) == december
    assert Month(2021, 1).ordinal - december.ordinal == 1
    assert Month(2021, 1) > december
    assert str(Month(2021, 3)) == "2021-03"
    assert Month(2021, 3).abbreviation == "Mar"
    assert [Month(2021, m).quarter for m in (1, 3, 4, 9, 10, 12)] == [1, 1, 2, 3, 4, 4]
    assert Month.of(date(2021, 7, 19)) == Month(2021, 7)


@pytest.mark.parametrize(("year", "month"), [(2021, 0), (2021, 13), (0, 1), (10000, 1)])
def test_impossible_months_are_refused(year: int, month: int) -> None:
    with pytest.raises(ValueError):
        Month(year, month)


def test_parse_month() -> None:
    assert parse_month("2021-03") == Month(2021, 3)
    assert parse_month(" 2021-12 ") == Month(2021, 12)
    for bad in ("2021-3", "2021-13", "2021-00", "21-03", "March", "2021-03-01", ""):
        with pytest.raises(ValueError, match=r"YYYY-MM|01 to 12"):
            parse_month(bad)


def test_span_of_dates() -> None:
    assert span_of_dates(None, None) is None
    both = span_of_dates(date(2021, 1, 10), date(2021, 3, 31))
    assert both == MonthSpan(Month(2021, 1), Month(2021, 3))
    assert len(both) == 3
    assert list(both.months()) == [Month(2021, 1), Month(2021, 2), Month(2021, 3)]
    assert Month(2021, 2) in both and Month(2021, 4) not in both
    only_start = span_of_dates(date(2021, 5, 2), None)
    only_due = span_of_dates(None, date(2021, 5, 30))
    assert only_start == only_due == MonthSpan(Month(2021, 5), Month(2021, 5))
    # An invalid range (reported by the validator) still draws: at its start.
    assert span_of_dates(date(2021, 6, 1), date(2021, 2, 1)) == MonthSpan(
        Month(2021, 6), Month(2021, 6))


def test_a_span_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        MonthSpan(Month(2021, 2), Month(2021, 1))


def test_signpost_dates_win_and_phase_dates_fill_in_only_when_it_has_none() -> None:
    phase = Phase("Next 3 months", date(2021, 1, 1), date(2021, 3, 31))
    dated = Signpost("a", "A", phase=phase.name, due=date(2021, 2, 15))
    assert signpost_span(dated, phase) == MonthSpan(Month(2021, 2), Month(2021, 2))
    undated = Signpost("b", "B", phase=phase.name)
    from_phase = signpost_span(undated, phase)
    assert from_phase == MonthSpan(Month(2021, 1), Month(2021, 3), from_phase=True)
    assert signpost_span(undated, None) is None
    assert signpost_span(undated, Phase("Later")) is None
    half_dated_phase = Phase("Later", end=date(2021, 12, 31))
    assert signpost_span(undated, half_dated_phase) == MonthSpan(
        Month(2021, 12), Month(2021, 12), from_phase=True)


def test_signpost_spans_and_roadmap_span() -> None:
    roadmap = Roadmap(
        "R",
        phases=(Phase("Now", date(2021, 1, 1), date(2021, 1, 31)),),
        signposts=(
            Signpost("a", "A", start=date(2021, 3, 1), due=date(2021, 4, 30)),
            Signpost("b", "B"),
            Signpost("c", "C", phase="now"),  # names match ignoring case
            Signpost("d", "D", phase="Unknown phase"),
        ),
    )
    spans = signpost_spans(roadmap)
    assert [(position, s.id) for position, s, _ in spans] == [(1, "a"), (3, "c")]
    assert spans[1][2].from_phase
    assert roadmap_span(roadmap) == MonthSpan(Month(2021, 1), Month(2021, 4))
    assert roadmap_span(Roadmap("Empty")) is None
    assert overall_span([]) is None


def test_buckets_are_calendar_aligned() -> None:
    span = MonthSpan(Month(2020, 12), Month(2021, 8))
    quarters = buckets(span, 3)
    assert [(b.first, b.last) for b in quarters] == [
        (Month(2020, 10), Month(2020, 12)),
        (Month(2021, 1), Month(2021, 3)),
        (Month(2021, 4), Month(2021, 6)),
        (Month(2021, 7), Month(2021, 9)),
    ]
    assert [b.first.year for b in buckets(span, 12)] == [2020, 2021]
    assert len(buckets(span, 1)) == len(span)
    with pytest.raises(ValueError):
        buckets(span, 0)


def test_buckets_stay_inside_the_years_a_date_can_hold() -> None:
    everything = MonthSpan(Month(1, 1), Month(9999, 12))
    for size in (1200, 12000, 120000):
        columns = buckets(everything, size)
        assert columns[0].first == Month(1, 1)
        assert columns[-1].last == Month(9999, 12)


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from((120, 1200, 12000)),
)
def test_buckets_cover_every_month_of_a_span_once(a: date, b: date, size: int) -> None:
    start, end = sorted((a, b))
    span = span_of_dates(start, end)
    assert span is not None
    assert len(span) == (end.year - start.year) * 12 + end.month - start.month + 1
    columns = buckets(span, size)
    assert columns[0].first <= span.first and columns[-1].last >= span.last
    for before, after in pairwise(columns):
        assert after.first.ordinal == before.last.ordinal + 1


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(min_value=0, max_value=400),
    st.sampled_from((1, 3, 6, 12, 24)),
)
def test_buckets_of_plausible_plans(start: date, months: int, size: int) -> None:
    span = MonthSpan(Month.of(start), Month.of(start).plus(months))
    columns = buckets(span, size)
    covered = [m for column in columns for m in column.months()]
    assert covered[0].ordinal % size == 0 and covered[-1].ordinal % size == size - 1
    assert set(span.months()) <= set(covered)
    assert len(covered) == len(set(covered))


def test_is_overdue() -> None:
    today = date(2021, 2, 10)
    assert is_overdue(Signpost("a", "A", due=date(2021, 2, 9)), today)
    assert not is_overdue(Signpost("a", "A", due=date(2021, 2, 10)), today)
    assert not is_overdue(Signpost("a", "A"), today)
    for closed in (Status.DONE, Status.DROPPED):
        assert not is_overdue(Signpost("a", "A", status=closed, due=date(2020, 1, 1)), today)


def test_date_wording() -> None:
    assert format_day(date(2021, 3, 31)) == "31 Mar 2021"
    assert format_dates(date(2021, 1, 10), date(2021, 3, 31)) == "10 Jan \u2013 31 Mar 2021"
    assert format_dates(date(2020, 12, 1), date(2021, 1, 5)) == (
        "1 Dec 2020 \u2013 5 Jan 2021")
    assert format_dates(date(2021, 1, 10), date(2021, 1, 10)) == "10 Jan 2021"
    assert format_dates(None, date(2021, 3, 31)) == "due 31 Mar 2021"
    assert format_dates(date(2021, 1, 10), None) == "from 10 Jan 2021"
    assert format_dates(None, None) == ""
    assert format_month_range(date(2021, 1, 1), date(2021, 3, 31)) == "Jan \u2013 Mar 2021"
    assert format_month_range(date(2021, 11, 1), date(2022, 2, 1)) == (
        "Nov 2021 \u2013 Feb 2022")
    assert format_month_range(date(2021, 1, 1), date(2021, 1, 31)) == "Jan 2021"
    assert format_month_range(date(2021, 1, 1), None) == "from Jan 2021"
    assert format_month_range(None, date(2021, 1, 1)) == "until Jan 2021"
    assert format_month_range(None, None) == ""
