"""A roadmap from a spreadsheet and back (storage/csv_table.py, SPEC section 7)."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import roadmaps

import roadmap_tui
from roadmap_tui import Owner, Phase, Roadmap, RoadmapFileError, Signpost
from roadmap_tui.model import validate
from roadmap_tui.model.text import UNSAFE_IN_ONE_LINE_TEXT
from roadmap_tui.storage import csv_table, exchange
from roadmap_tui.storage.csv_table import (
    COLUMNS,
    import_csv,
    parse_csv,
    read_csv,
    to_csv,
)
from roadmap_tui.storage.exchange import left_out
from roadmap_tui.storage.files import MAX_FILE_BYTES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "legal-route.toml"


def imported(text: str | bytes, title: str = "Imported") -> Roadmap:
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = parse_csv(data, title=title, name="plan.csv")
    assert result.warnings == ()
    assert validate(result.roadmap) == []
    return result.roadmap


def problems(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(RoadmapFileError) as caught:
        parse_csv(data, title="Imported", name="plan.csv")
    lines = list(caught.value.problems)
    assert str(caught.value) == "\n".join(lines)
    assert all("\n" not in line and line.startswith("plan.csv: ") for line in lines)
    return lines


# -- what round-trips ---------------------------------------------------------


def carried(roadmap: Roadmap) -> Roadmap:
    """What a CSV holds of a roadmap, as the module's docstring states it: each
    signpost but its group, origin and comments; phases and owners rebuilt from the
    names the signposts use, in order of first appearance, first spelling; the
    title (given to import) and nothing else of the header."""
    phases: dict[str, str] = {}
    owners: dict[str, str] = {}
    for signpost in roadmap.signposts:
        if signpost.phase:
            phases.setdefault(signpost.phase.casefold(), signpost.phase)
        for owner in signpost.owners:
            owners.setdefault(owner.casefold(), owner)
    return Roadmap(
        title=roadmap.title,
        phases=tuple(Phase(name) for name in phases.values()),
        owners=tuple(Owner(name) for name in owners.values()),
        signposts=tuple(replace(s, group="", origin="", comments=()) for s in roadmap.signposts))


@given(roadmaps())
def test_a_csv_exported_and_imported_again_gives_the_same_roadmap(roadmap: Roadmap) -> None:
    expected = carried(roadmap)
    assert validate(expected) == []
    for data in (to_csv(expected).encode("utf-8"),
                 exchange.render(expected, "csv", for_file=True).encode("utf-8"),
                 to_csv(roadmap).encode("utf-8")):
        assert parse_csv(data, title=roadmap.title).roadmap == expected
    assert left_out(expected) == []
    assert (left_out(roadmap) == []) == (expected == replace(roadmap, created=None,
                                                             updated=None))


@given(roadmaps())
def test_no_exported_cell_can_run_as_a_formula(roadmap: Roadmap) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(roadmap), newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(roadmap.signposts) + 1
    for row in rows:
        for cell in row:
            assert cell.startswith("'") or not re.match(r"[ \t\r\n]*[=+\-@]|[\t\r]", cell)


def test_the_example_round_trips_in_what_a_csv_holds() -> None:
    roadmap = roadmap_tui.load(EXAMPLE)
    text = to_csv(roadmap)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "\r\n" in text
    assert parse_csv(text.encode(), title=roadmap.title).roadmap == carried(roadmap)
    notes = left_out(roadmap)
    assert "1 comment" in notes and "owner details" in notes
    assert any(note.startswith("the roadmap's group, event") for note in notes)


def test_hostile_cells_are_guarded_and_come_back() -> None:
    roadmap = Roadmap("t", phases=(Phase("-Later"),), owners=(Owner("@ana"),), signposts=(
        Signpost("-1", '=HYPERLINK("http://evil.example","x")', detail="\t=cmd",
                 phase="-Later", owners=("@ana",), tags=("+cmd",)),
        Signpost("s2", "'=already quoted", countries=("=x", "y")),
    ))
    text = to_csv(roadmap)
    assert "'=HYPERLINK" in text and "'-1" in text and "'@ana" in text and "'+cmd" in text
    assert "''=already" in text and ",'\t=cmd\r\n" in text
    assert parse_csv(text.encode(), title="t").roadmap == roadmap


# -- reading what people write ------------------------------------------------


def test_columns_by_name_in_any_order_and_case() -> None:
    roadmap = imported(
        "\ufeffDue,TITLE,Owners,Phase,Status,Start,Tags,Countries,Detail\r\n"
        "2021-03,Map shelters,Chab Dai; Ana,Next,Active,2021-01,mapping,Cambodia,\"why\r\nhow\"\r\n"
        ",,,,,,,,\r\n"
        "\r\n"
        "2021-06-30,Train police,\"ana, Sok\",next,,,,,\r\n")
    first, second = roadmap.signposts
    assert (first.id, first.title, first.phase, first.owners, first.status) == (
        "s1", "Map shelters", "Next", ("Chab Dai", "Ana"), "active")
    assert (first.start, first.due) == (date(2021, 1, 1), date(2021, 3, 31))
    assert first.detail == "why\nhow"
    assert (second.id, second.owners, second.status) == ("s2", ("ana", "Sok"), "planned")
    repeated = imported("id,title,owners,depends_on,tags\n"
                        "s1,a,,,\n"
                        "s2,b,Ana; ana; Sok; ANA,s1; s1,x; x\n").signposts[1]
    assert (repeated.owners, repeated.depends_on, repeated.tags) == (
        ("Ana", "Sok"), ("s1",), ("x", "x"))
    assert [p.name for p in roadmap.phases] == ["Next"]
    assert [o.name for o in roadmap.owners] == ["Chab Dai", "Ana", "Sok"]
    assert roadmap.title == "Imported"


def test_european_excel_semicolons_and_tabs() -> None:
    semicolons = imported("title;owners;due\nMap shelters;Ana, Sok;2021-03-31\n")
    assert semicolons.signposts[0].owners == ("Ana", "Sok")
    tabs = imported("title\towners\nMap shelters\tAna; Sok\n")
    assert tabs.signposts[0].owners == ("Ana", "Sok")
    unicode_text = imported("title\towners\nប្រទេសកម្ពុជា\tAna\n".encode("utf-16"))
    assert unicode_text.signposts[0].title == "ប្រទេសកម្ពុជា"


def test_dates_as_spreadsheets_rewrite_them_when_unambiguous() -> None:
    roadmap = imported("title,start,due\n"
                       "a,2021/01/05,2021.03.31 00:00:00\n"
                       "b,2021-1,2021-02-03T00:00\n")
    assert [(s.start, s.due) for s in roadmap.signposts] == [
        (date(2021, 1, 5), date(2021, 3, 31)), (date(2021, 1, 1), date(2021, 2, 3))]
    assert problems("title,due\na,3/4/2021\nb,2021-03-31 09:30\n") == [
        "plan.csv: row 2, column \"due\": '3/4/2021' is not a date; write YYYY-MM-DD or"
        " YYYY-MM (the order of day and month is not guessed)",
        "plan.csv: row 3, column \"due\": '2021-03-31 09:30' is not a date; write YYYY-MM-DD"
        " or YYYY-MM",
    ]


def test_phase_names_are_read_without_surrounding_spaces() -> None:
    roadmap = imported('title,phase\na,Next \nb, next\nc,"  "\nd,""" Later"""\n')
    assert [s.phase for s in roadmap.signposts] == ["Next", "next", "", " Later"]
    assert [p.name for p in roadmap.phases] == ["Next", " Later"]


def test_a_one_column_list_keeps_its_commas() -> None:
    roadmap = imported("Title\nBuild capacity, awareness\n\"Map; shelters\"\n")
    assert [s.title for s in roadmap.signposts] == ["Build capacity, awareness",
                                                    "Map; shelters"]


def test_missing_ids_never_collide_with_given_ones() -> None:
    roadmap = imported("title,id,depends_on\na,,\nb,s1,\nc,,s1\nd,s3,\ne,,\n")
    assert [s.id for s in roadmap.signposts] == ["s2", "s1", "s4", "s3", "s5"]
    assert roadmap.signposts[2].depends_on == ("s1",)


def test_a_header_only_csv_is_an_empty_roadmap() -> None:
    assert imported("title,owners\n").signposts == ()


def test_formulas_typed_into_a_sheet_are_kept_as_text() -> None:
    roadmap = imported('title,tags\n"=HYPERLINK(""http://x"",""y"")",@SUM\n')
    assert roadmap.signposts[0].title == '=HYPERLINK("http://x","y")'
    assert roadmap.signposts[0].tags == ("@SUM",)


# -- mistakes, each with its row and column ------------------------------------


def test_unknown_column_suggests_the_nearest() -> None:
    assert problems("title,Owner,due date,Notes\nx,y,z\n") == [
        'plan.csv: row 1, column B: unknown column "Owner"; did you mean "owners"?',
        'plan.csv: row 1, column C: unknown column "due date"; did you mean "due"?',
        'plan.csv: row 1, column D: unknown column "Notes"; the columns are title, detail,'
        " phase, owners, status, start, due, tags, countries, depends_on, id",
    ]


def test_header_problems() -> None:
    assert problems("owners,due\nAna,2021-01-01\n") == [
        'plan.csv: row 1: no "title" column; the header row names the columns, such as'
        " title,owners,due"]
    assert problems("title,Title\n") == [
        'plan.csv: row 1, column B: a second "title" column (the first is A)']
    assert problems("") == ["plan.csv: row 1: no header row; the first row names the"
                            " columns, such as title,owners,due"]


def test_bad_values_name_their_row_and_column() -> None:
    assert problems(
        "id,title,status,start,due,depends_on\n"
        "s1,ok,planed,2021-02-30,2021-01,\n"
        "\n"
        "s1,,done,,31/03/2021,s9\n"
        "bad id,x,,2021-05-01,2021-04-01,s1\n") == [
        'plan.csv: row 2, column "status": unknown status "planed"; did you mean "planned"?',
        'plan.csv: row 2, column "start": 2021-02-30 is not a real date',
        "plan.csv: row 4, column \"due\": '31/03/2021' is not a date; write YYYY-MM-DD or"
        " YYYY-MM (the order of day and month is not guessed)",
    ]
    assert problems("id,title,depends_on,start,due\n"
                    "s1,ok,s2,,\n"
                    "s1,  ,s9,,\n"
                    "bad id,x,s1,2021-05-01,2021-04-01\n"
                    "s2,y,s1,,\n") == [
        'plan.csv: row 3, column "id": duplicate id "s1"',
        'plan.csv: row 3, column "title": "title" must not be empty',
        'plan.csv: row 3, column "depends_on": unknown signpost id "s9"',
        'plan.csv: row 4, column "id": id "bad id" must be 1-64 characters of letters,'
        " digits and . _ / -",
        'plan.csv: row 4, column "due": "due" 2021-04-01 is before "start" 2021-05-01',
        'plan.csv: row 5, column "depends_on": dependency cycle: s1 -> s2 -> s1',
    ]


def test_ragged_rows() -> None:
    # Too few cells: the rest are empty. Extra empty cells (Excel's trailing
    # separators) are nothing. Extra cells with text are an error.
    roadmap = imported("title,owners,due\nshort\nlong,Ana,,,,\n")
    assert [s.title for s in roadmap.signposts] == ["short", "long"]
    assert problems("title,owners\na,b,c\n") == [
        "plan.csv: row 2, column C: 3 cells, but the header row names 2 columns"]
    assert problems("title,,owners\na,b,c\n") == [
        "plan.csv: row 2, column B: a value in a column with no name in the header row"]


def test_bad_utf8_names_its_row_and_column() -> None:
    assert problems("title,owners\nok,Ana\ncaf\xe9,Sok\n".encode("latin-1")) == [
        'plan.csv: row 3, column "title": not valid UTF-8 (byte 0xe9); save the spreadsheet'
        ' as "CSV UTF-8"']


def test_control_and_bidi_characters_are_replaced_with_a_warning() -> None:
    result = parse_csv("title,detail,owners\n"
                       "a\x1b]52;c;x\x07b,\"line\x00\r\nnext\",An\u202ea\n"
                       "\"two\nlines\",ok,\n".encode(), title="T", name="plan.csv")
    first, second = result.roadmap.signposts
    assert first.title == "a\ufffd]52;c;x\ufffdb"
    assert first.detail == "line\ufffd\nnext"
    assert first.owners == ("An\ufffda",)
    assert second.title == "two\ufffdlines"
    assert result.warnings == (
        'plan.csv: row 2, column "title": 2 control, line-break or bidi-override characters'
        " replaced with U+FFFD",
        'plan.csv: row 2, column "detail": 1 control or bidi-override character replaced'
        " with U+FFFD",
        'plan.csv: row 2, column "owners": 1 control, line-break or bidi-override character'
        " replaced with U+FFFD",
        'plan.csv: row 3, column "title": 1 control, line-break or bidi-override character'
        " replaced with U+FFFD",
    )
    assert validate(result.roadmap) == []


def test_many_problems_are_cut_short() -> None:
    lines = problems("title,due\n" + "x,never\n" * 30)
    assert len(lines) == 21
    assert lines[-1] == "plan.csv: ... and 10 more problems"


def test_a_huge_cell_is_read() -> None:
    detail = "x" * 200_000  # more than the csv module's default field limit
    assert imported(f"title,detail\na,{detail}\n").signposts[0].detail == detail


# -- the file ------------------------------------------------------------------


def test_a_file_over_16_mib_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(RoadmapFileError, match="too large for a CSV file"):
        read_csv(path, title="T")


def test_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(RoadmapFileError, match="is not a regular file"):
        read_csv(fifo, title="T")
    with pytest.raises(RoadmapFileError, match="is a folder"):
        read_csv(tmp_path, title="T")


CSV_TEXT = st.lists(
    st.sampled_from(["title", "id", "owners", "due", "depends_on", "detail", ",", ";", "\t",
                     "\n", "\r\n", '"', "'=", "s1", "s2", "2021-01", "\x1b", "\u202e", "Ana",
                     " ", "\ufeff", "é", "\x00"]),
    max_size=40).map("".join)


@given(st.one_of(CSV_TEXT.map(lambda text: text.encode("utf-8")), st.binary(max_size=200),
                 CSV_TEXT.map(lambda text: b"title,id,depends_on\n" + text.encode("utf-8"))))
def test_any_bytes_give_a_valid_roadmap_or_a_clear_error(data: bytes) -> None:
    try:
        result = parse_csv(data, title="T", name="any.csv")
    except RoadmapFileError as error:
        assert error.problems
        for line in error.problems:
            assert line.startswith("any.csv: ") and not UNSAFE_IN_ONE_LINE_TEXT.search(line)
            line.encode("utf-8")  # no lone surrogate from a bad byte: stderr can print it
    else:
        assert validate(result.roadmap) == []
        assert roadmap_tui.loads(roadmap_tui.dumps(result.roadmap)) == result.roadmap


def test_import_writes_a_new_file_that_loads_again(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "s.csv", tmp_path / "s.toml"
    source.write_text("title,owners\n" + "".join(f"a,o{n}\n" for n in range(60)),
                      encoding="utf-8")
    imported_roadmap = import_csv(source, target, title="T").roadmap
    assert roadmap_tui.load(target) == imported_roadmap
    with pytest.raises(RoadmapFileError, match="already exists; not overwriting it"):
        import_csv(source, target, title="Other")
    assert roadmap_tui.load(target) == imported_roadmap
    # A file TOML makes over the limit would not load again: it is not written.
    # (The CSV is 556 bytes, its TOML about 2,600.)
    monkeypatch.setattr(csv_table, "MAX_FILE_BYTES", 2000)
    with pytest.raises(RoadmapFileError, match=r"s.csv: its roadmap would take 0.0 MiB, over"
                       " the 0 MiB a roadmap file may have; split the spreadsheet"):
        import_csv(source, tmp_path / "big.toml", title="T")
    assert not (tmp_path / "big.toml").exists()
    with pytest.raises(RoadmapFileError, match="the title holds a character UTF-8 cannot"):
        import_csv(source, tmp_path / "odd.toml", title="caf\udce9")
