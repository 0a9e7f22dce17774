"""Spreadsheet cells: the formula guard, list cells and the delimiter (storage/csv_cells.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from roadmap_tui.storage.csv_cells import (
    column_letter,
    guarded,
    joined,
    quoted_name,
    read_name,
    sniff_delimiter,
    split,
    unguarded,
)

# What a spreadsheet runs, written independently of the module: a cell starting
# with = + - @ (after any spaces, tabs or line breaks), or with a tab or a CR.
RUNS_AS_FORMULA = re.compile(r"[ \t\r\n]*[=+\-@]|[\t\r]")
CELL = st.text(st.sampled_from("'=+-@ \t\r\nab;,\"x1"), max_size=8) | st.text(max_size=8)


@pytest.mark.parametrize("cell", [
    '=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
    "  =1+1", "\t=1+1", "\tplain", "\rplain", " \n@x", "=", "-",
])
def test_formula_cells_get_a_leading_apostrophe(cell: str) -> None:
    assert guarded(cell) == "'" + cell
    assert unguarded(guarded(cell)) == cell


@pytest.mark.parametrize("cell", ["Map shelters", "'quoted in the sheet", "a=b", "x-1",
                                  " spaced", "", "'", "2021-03-31", "\u00a0=nbsp"])
def test_other_cells_are_written_as_they_are(cell: str) -> None:
    assert guarded(cell) == cell
    assert unguarded(cell) == cell


def test_a_cell_that_looks_guarded_already_is_guarded_again() -> None:
    # Otherwise reading would take off the user's own apostrophe.
    assert guarded("'=x") == "''=x"
    assert unguarded("''=x") == "'=x"
    assert unguarded("'=x") == "=x"


@given(CELL)
@example("'=x")
@example("''\t")
def test_guard_round_trips_and_leaves_nothing_runnable(cell: str) -> None:
    written = guarded(cell)
    assert unguarded(written) == cell
    assert written.startswith("'") or not RUNS_AS_FORMULA.match(written)


@pytest.mark.parametrize(("cell", "items"), [
    ("Ana, Sok", ["Ana", "Sok"]),
    ("Ana; Sok", ["Ana", "Sok"]),
    ("Ministry of Justice, Cambodia; Chab Dai", ["Ministry of Justice, Cambodia", "Chab Dai"]),
    ('"Ministry of Justice, Cambodia"', ["Ministry of Justice, Cambodia"]),
    ('"A, B", C', ["A, B", "C"]),
    ('"A; B"; C', ["A; B", "C"]),
    (" Ana ;; ; Sok;", ["Ana", "Sok"]),
    ("", []), ("  ", []), (";", []),
    ('The "big" plan', ['The "big" plan']),
    ('"unclosed, x', ['"unclosed', "x"]),
    ('"a" b, c', ['"a" b', "c"]),
    ('"say ""hi""", x', ['say "hi"', "x"]),
])
def test_list_cells_as_people_type_them(cell: str, items: list[str]) -> None:
    assert split(cell) == items


ITEM = st.text(st.sampled_from(' ;,"ab\t\u00a0'), min_size=1, max_size=6).filter(str.strip) | (
    st.text(min_size=1, max_size=8).filter(lambda t: t.strip() and "\n" not in t
                                           and "\r" not in t))


@given(st.lists(ITEM, max_size=5))
@example([" x", "y "])
@example(['"quoted"', "a;b", "a,b"])
@example(["a;"])
def test_every_list_comes_back(items: list[str]) -> None:
    cell = joined(items)
    assert split(cell) == items
    assert split(unguarded(guarded(cell))) == items


@given(ITEM)
@example(' "x" ')
def test_every_name_comes_back(name: str) -> None:
    assert read_name(quoted_name(name)) == name


@pytest.mark.parametrize(("cell", "name"), [
    ("Next 3 months", "Next 3 months"), (" Next ", "Next"), ('" Next "', " Next "),
    ('"a, b"', "a, b"), ("a, b", "a, b"), ('"x" y', '"x" y'), ("", ""),
])
def test_name_cells(cell: str, name: str) -> None:
    assert read_name(cell) == name


def test_lists_are_joined_for_reading() -> None:
    assert joined(["Ratana", "Chab Dai"]) == "Ratana; Chab Dai"
    assert joined(["Ministry of Justice, Cambodia"]) == '"Ministry of Justice, Cambodia"'
    assert joined([]) == ""


@pytest.mark.parametrize(("text", "delimiter"), [
    ("title,owners,due\r\na;b,c,d\r\n", ","),
    ("Title;Owners;Due\na,b;c;d\n", ";"),
    ("title\towners\ta,b;c\n", "\t"),
    ("title\nx, y\n", "\x1f"),
    ('"title;x",owners\n', ","),
    ("\n\n;;\ntitle;due\n", ";"),
    ("", "\x1f"),
])
def test_the_delimiter_is_the_header_rows(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_column_letters_as_spreadsheets_name_them() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
