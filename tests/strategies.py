"""Hypothesis strategies for valid roadmaps full of awkward text.

The text mixes many scripts (Khmer, Thai, Arabic, CJK, emoji) with strings
that Rich, Textual or a browser would interpret if given the chance, so every
property that uses these roadmaps also checks that user text stays literal.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from roadmap_tui.model import DEBRIEF_LISTS, Comment, Owner, Phase, Roadmap, Signpost, Status

HOSTILE = (
    "[bold]", "[/]", "[@click=app.quit]x[/]", "<script>alert(1)</script>", "\\",
    '"quoted"', "'single'", "a\"\"\"b", "''' x", "# not a comment", "[[signposts]]",
    "key = value", "&amp; <b>", "*star* _under_ `tick`", "| pipe |", "$(rm -rf)",
    "%s {0}", "\t tab", "ប្រទេសកម្ពុជា", "ประเทศไทย", "العربية", "中文标题", "🙂👩‍👩‍👧",
    "שלום", "e\u0301", "\u00a0nbsp", "\u200bzero width",
)
WORD = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                          exclude_characters="\u202a\u202b\u202c\u202d\u202e"
                                             "\u2066\u2067\u2068\u2069\x7f"),
            min_size=1, max_size=12),
)


def _joined(words: list[str]) -> str:
    return " ".join(words)


ONE_LINE = st.lists(WORD, min_size=1, max_size=4).map(_joined).filter(str.strip)
OPTIONAL_LINE = st.one_of(st.just(""), ONE_LINE)
MULTILINE = st.one_of(
    st.just(""),
    st.lists(st.one_of(ONE_LINE, st.just("")), min_size=1, max_size=4).map("\n".join),
)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
OFFSETS = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))
DATETIMES = st.builds(
    lambda day, seconds, micro, zone: datetime.combine(day, datetime.min.time(), zone)
    + timedelta(seconds=seconds, microseconds=micro),
    DATES, st.integers(0, 86_399), st.sampled_from((0, 500_000, 123_456)), OFFSETS)
SIGNPOST_ID = st.from_regex(r"[A-Za-z0-9._/-]{1,12}", fullmatch=True)


def _date_range() -> st.SearchStrategy[tuple[date | None, date | None]]:
    return st.one_of(
        st.tuples(st.none(), st.none()),
        st.tuples(DATES, st.none()),
        st.tuples(st.none(), DATES),
        st.tuples(DATES, DATES).map(lambda pair: tuple(sorted(pair))),
    )


def _unique_names(count_max: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ONE_LINE, max_size=count_max, unique_by=str.casefold)


@st.composite
def roadmaps(draw: st.DrawFn, *, max_signposts: int = 8) -> Roadmap:
    """A valid roadmap: references resolve, names are unique, dependencies acyclic."""
    phase_names = draw(_unique_names(4))
    phases = []
    for name in phase_names:
        start, end = draw(_date_range())
        phases.append(Phase(name, start, end, draw(MULTILINE)))
    owner_names = draw(_unique_names(5))
    owners = [Owner(name, draw(OPTIONAL_LINE), draw(OPTIONAL_LINE), draw(OPTIONAL_LINE),
                    draw(OPTIONAL_LINE)) for name in owner_names]
    ids = draw(st.lists(SIGNPOST_ID, max_size=max_signposts, unique=True))
    signposts = []
    for index, signpost_id in enumerate(ids):
        start, due = draw(_date_range())
        # Depending only on earlier signposts keeps the graph acyclic.
        depends_on = draw(st.lists(st.sampled_from(ids[:index]), unique=True, max_size=2)
                          if index else st.just([]))
        signposts.append(Signpost(
            id=signpost_id,
            title=draw(ONE_LINE),
            detail=draw(MULTILINE),
            phase=draw(st.sampled_from(["", *phase_names])),
            owners=tuple(draw(st.lists(st.sampled_from(owner_names), unique=True,
                                       max_size=3)) if owner_names else []),
            status=draw(st.sampled_from(list(Status))),
            start=start,
            due=due,
            tags=tuple(draw(st.lists(ONE_LINE, max_size=3))),
            countries=tuple(draw(st.lists(ONE_LINE, max_size=2))),
            depends_on=tuple(depends_on),
            group=draw(OPTIONAL_LINE),
            origin=draw(OPTIONAL_LINE),
            comments=tuple(draw(st.lists(
                st.builds(Comment, ONE_LINE, DATETIMES, ONE_LINE), max_size=2))),
        ))
    return Roadmap(
        title=draw(ONE_LINE),
        group=draw(OPTIONAL_LINE),
        event=draw(OPTIONAL_LINE),
        question=draw(OPTIONAL_LINE),
        facilitator=draw(OPTIONAL_LINE),
        participants=tuple(draw(st.lists(ONE_LINE, max_size=3))),
        notes=draw(MULTILINE),
        created=draw(st.one_of(st.none(), DATETIMES)),
        updated=draw(st.one_of(st.none(), DATETIMES)),
        strategy=draw(MULTILINE),
        **{key: tuple(draw(st.lists(ONE_LINE, max_size=2))) for key in DEBRIEF_LISTS},
        phases=tuple(phases),
        owners=tuple(owners),
        signposts=tuple(signposts),
    )
