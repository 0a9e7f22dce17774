"""Reading roadmap files: SPEC section 1's rules and every error a user can meet."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from faults import in_child, shared_folder

import roadmap_tui
from roadmap_tui import RoadmapFileError, RoadmapWarning, Status
from roadmap_tui.storage.files import MAX_FILE_BYTES, read_roadmap

GOOD = """\
format = 1

[roadmap]
title = "The Legal Route"
group = "Legal"
participants = [
    "Ana",
    "Sok",
]
notes = \"\"\"
free text,
several lines\"\"\"
created = 2020-12-11 09:00:00+07:00
strategy = \"\"\"
Start where the courts already listen,
then widen.\"\"\"
goals = [
    "Victims choose what justice means",
]
outcomes = [
    "Compensation claims filed",
]
assumptions = [
    "Courts accept NGO evidence",
]
learnings = [
    "Justice is personal",
]
asks = [
    "Introductions to labour lawyers",
]

[[phases]]
name = "Next 3 months"
start = 2021-01-01
end = 2021-03-31

[[phases]]
name = "Later"

[[owners]]
name = "Chab Dai"
country = "Cambodia"

[[signposts]]
id = "s1"
title = "Build capacity and awareness at grassroots level"
detail = \"\"\"
why,
how\"\"\"
phase = "Next 3 months"
owners = [
    "Chab Dai",
]
status = "active"
start = 2021-01-10
due = 2021-03-31
tags = [
    "grassroots",
]

[[signposts]]
id = "s2"
title = "Research to drive evidence-based policy"
status = "planned"
depends_on = [
    "s1",
]
group = "Legal"
origin = "legal-route.toml#s4"

[[signposts.comments]]
author = "Reviewer"
at = 2020-12-12 10:00:00+07:00
text = "Who funds this?"
"""


def error_for(text: str) -> RoadmapFileError:
    with pytest.raises(RoadmapFileError) as caught:
        roadmap_tui.loads(text)
    return caught.value


def replaced(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_good_file_loads_into_the_model() -> None:
    roadmap = roadmap_tui.loads(GOOD)
    assert roadmap.title == "The Legal Route"
    assert roadmap.participants == ("Ana", "Sok")
    assert roadmap.notes == "free text,\nseveral lines"
    assert roadmap.created == datetime(2020, 12, 11, 9, tzinfo=timezone(timedelta(hours=7)))
    assert roadmap.updated is None
    assert [p.name for p in roadmap.phases] == ["Next 3 months", "Later"]
    assert roadmap.phases[0].end == date(2021, 3, 31)
    first, second = roadmap.signposts
    assert first.status == "active" and first.status is Status.ACTIVE
    assert first.owners == ("Chab Dai",)
    assert second.depends_on == ("s1",)
    assert second.phase == "" and second.start is None
    assert second.comments[0].text == "Who funds this?"


def test_the_debrief_and_the_origin_load_into_the_model() -> None:
    roadmap = roadmap_tui.loads(GOOD)
    assert roadmap.strategy == "Start where the courts already listen,\nthen widen."
    assert roadmap.goals == ("Victims choose what justice means",)
    assert roadmap.outcomes == ("Compensation claims filed",)
    assert roadmap.assumptions == ("Courts accept NGO evidence",)
    assert roadmap.learnings == ("Justice is personal",)
    assert roadmap.asks == ("Introductions to labour lawyers",)
    first, second = roadmap.signposts
    assert (first.group, first.origin) == ("", "")
    assert (second.group, second.origin) == ("Legal", "legal-route.toml#s4")


@pytest.mark.parametrize(("old", "new", "message"), [
    ('goals = [\n    "Victims', 'goals = [\n    "", "Victims', '"goals" must not be empty'),
    ('asks = [\n    "Intro', 'asks = [\n    1, "Intro', '"asks" must be a list of strings'),
    ('origin = "legal', 'origin = 3\norigin_ = "legal', '"origin" must be a string'),
    ('strategy = ', 'stratgy = ', 'did you mean "strategy"?'),
])
def test_debrief_values_are_checked(old: str, new: str, message: str) -> None:
    assert message in str(error_for(replaced(old, new)))


def test_the_canonical_text_round_trips_to_the_same_bytes() -> None:
    assert roadmap_tui.dumps(roadmap_tui.loads(GOOD)) == GOOD


def test_load_reads_a_path_and_names_it_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(GOOD.replace('status = "active"', 'status = "actve"'), encoding="utf-8")
    with pytest.raises(RoadmapFileError) as caught:
        roadmap_tui.load(path)
    error = caught.value
    assert error.path == path
    assert error.line == line_of(path.read_text(), 'status = "actve"')
    assert str(error) == (
        f'{path}:{error.line}: signposts[1] "Build capacity and awareness at grass...":'
        ' key "status": unknown status "actve"; did you mean "active"?')


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("owners = [\n    \"Chab Dai\",\n]\nstatus",
         "owner = [\n    \"Chab Dai\",\n]\nstatus",
         'signposts[1] "Build capacity and awareness at grass...": unknown key "owner";'
         ' did you mean "owners"?'),
        ('phase = "Next 3 months"', 'phase = "Next 3 month"',
         'key "phase": unknown phase "Next 3 month"; did you mean "Next 3 months"?'),
        ('owners = [\n    "Chab Dai",', 'owners = [\n    "Chab Dia",',
         'key "owners": unknown owner "Chab Dia"; did you mean "Chab Dai"?'),
        ('depends_on = [\n    "s1",', 'depends_on = [\n    "s11",',
         'signposts[2] "Research to drive evidence-based policy": key "depends_on":'
         ' unknown signpost id "s11"; did you mean "s1"?'),
        ('due = 2021-03-31', 'due = 2021-01-01', '"due" 2021-01-01 is before "start"'),
        ('id = "s2"', 'id = "s1"', 'duplicate id "s1"'),
        ('name = "Later"', 'name = "next 3 MONTHS"', 'duplicate name "next 3 MONTHS"'),
        ('title = "The Legal Route"', 'title = 42',
         '[roadmap]: "title" must be a string, not a number'),
        ('title = "The Legal Route"', 'title = "  "', '"title" must not be empty'),
        ('tags = [\n    "grassroots",\n]', 'tags = "grassroots"',
         '"tags" must be a list of strings, not a string'),
        ('start = 2021-01-10', 'start = 2021-01-10T10:00:00',
         '"start" must be a date without a time, such as 2021-01-10'),
        ('created = 2020-12-11 09:00:00+07:00', 'created = 2020-12-11 09:00:00',
         '"created" needs a UTC offset'),
        ('at = 2020-12-12 10:00:00+07:00', 'at = 2020-12-12',
         'comments[1]: "at" must be a date-time'),
        ('text = "Who funds this?"', 'text = ""', '"text" must not be empty'),
        ('group = "Legal"', 'grup = "Legal"',
         '[roadmap]: unknown key "grup"; did you mean "group"?'),
        ('[[owners]]\nname = "Chab Dai"', '[[owners]]\nnam = "Chab Dai"',
         'owners[1]: missing required key "name"'),
    ],
)
def test_each_problem_names_the_item_the_key_and_the_line(
    old: str, new: str, expected: str
) -> None:
    text = replaced(old, new)
    error = error_for(text)
    assert expected in str(error)
    changed_line = text[: GOOD.index(old)].count("\n") + 1
    assert error.line is not None
    # The line is the changed key's own line, or the line of the list holding it.
    assert changed_line - 2 <= error.line <= changed_line + 1
    assert str(error).startswith(f"<string>:{error.line}: ")


def test_a_dependency_cycle_is_an_error() -> None:
    text = replaced('status = "active"', 'status = "active"\ndepends_on = [\n    "s2",\n]')
    assert "dependency cycle: s1 -> s2 -> s1" in str(error_for(text)) or (
        "dependency cycle: s2 -> s1 -> s2" in str(error_for(text)))


def test_every_problem_is_reported_once_in_file_order() -> None:
    text = replaced('status = "active"', 'status = "busy"').replace(
        'title = "Research', 'titel = "Research')
    error = error_for(text)
    assert len(error.problems) == 3  # the status, the unknown key, the missing title
    lines = [int(problem.split(":")[1]) for problem in error.problems]
    assert lines == sorted(lines)
    assert str(error) == "\n".join(error.problems)
    assert any('unknown key "titel"; did you mean "title"?' in p for p in error.problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 'missing "format = 1"'),
        ('format = "1"\n', '"format" must be the whole number 1, not a string'),
        ("format = 2\n[future]\nx = 1\n", "format 2 is newer than this roadmap-tui reads"),
        ("format = 0\n", "unknown format 0"),
        ("format = 1\n", 'missing required key "roadmap"'),
        ("format = 1\nroadmap = 3\n", '"roadmap" must be a table'),
        ('format = 1\n[roadmap]\ntitle = "x"\nsignposts = 3\n',
         'unknown key "signposts"'),
        ('format = 1\nsignposts = [1, 2]\n[roadmap]\ntitle = "x"\n',
         '"signposts" must be an array of tables'),
        ('format = 1\nextra = true\n[roadmap]\ntitle = "x"\n', 'unknown key "extra"'),
    ],
)
def test_the_shape_of_the_document_is_checked(text: str, expected: str) -> None:
    assert expected in str(error_for(text))


def test_a_newer_format_is_refused_without_listing_its_keys() -> None:
    error = error_for("format = 7\n[roadmap]\ntitle = 'x'\nnew_key = 1\n")
    assert error.problems == (
        "<string>:1: key \"format\": format 7 is newer than this roadmap-tui reads "
        "(format 1); upgrade roadmap-tui to open it",)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("format = 1\n[roadmap\n", 2, 9),
        ('format = 1\n[roadmap]\ntitle = "open\n', 3, 14),
        ("format = 1\nformat = 1\n", 2, 11),
    ],
)
def test_broken_toml_gives_line_and_column(text: str, line: int, column: int) -> None:
    error = error_for(text)
    assert str(error).startswith(f"<string>:{line}:{column}: invalid TOML: ")
    assert str(error).endswith(f" (line {line}, column {column})")
    assert error.line == line


def test_deep_nesting_and_huge_numbers_are_clear_errors() -> None:
    deep = "format = 1\nx = " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert "invalid TOML" in str(error_for(deep))
    huge = "format = " + "9" * 5000 + "\n"
    assert "invalid TOML" in str(error_for(huge))
    big_but_readable = "format = " + "9" * 100 + "\n"
    assert "is newer than" in str(error_for(big_but_readable))


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    roadmap = roadmap_tui.load(path)
    assert roadmap == roadmap_tui.loads(GOOD)
    assert roadmap.notes == "free text,\nseveral lines"


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD.replace("Chab Dai", "Chab D\xe4i").encode("latin-1"))
    with pytest.raises(RoadmapFileError, match=r"latin1.toml:\d+: not valid UTF-8 \(byte 0xe4\)"):
        roadmap_tui.load(path)


def test_only_regular_files_of_sane_size_are_read(tmp_path: Path) -> None:
    with pytest.raises(RoadmapFileError, match="is a folder"):
        roadmap_tui.load(tmp_path)
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(RoadmapFileError, match="not a regular file"):
        roadmap_tui.load(fifo)  # and does not hang waiting for a writer
    with pytest.raises(RoadmapFileError, match="No such file"):
        roadmap_tui.load(tmp_path / "missing.toml")
    large = tmp_path / "large.toml"
    with large.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(RoadmapFileError, match="too large for a roadmap file"):
        roadmap_tui.load(large)


def test_a_file_of_exactly_the_limit_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "limit.toml"
    padding = MAX_FILE_BYTES - len(GOOD.encode())
    path.write_bytes(GOOD.encode() + b"#" * (padding - 1) + b"\n")
    assert roadmap_tui.load(path).title == "The Legal Route"


def test_unreadable_file_is_a_clear_error() -> None:
    """Read as an ordinary user even under root, who reads every file."""
    with shared_folder() as folder:
        path = folder / "secret.toml"
        path.write_text(GOOD)
        path.chmod(0)
        report = in_child(lambda: roadmap_tui.load(path), unprivileged=True)
    assert report.startswith("RoadmapFileError:") and "Permission denied" in report


@pytest.mark.parametrize(
    ("escaped", "kind"),
    [
        ("\\u001b[31m", "title"),   # an escape sequence
        ("\\u009b", "title"),       # a C1 control
        ("\\u202e", "title"),       # a right-to-left override
        ("\\u0000", "title"),
        ("\\n", "title"),           # a line break in a one-line field
    ],
)
def test_unsafe_characters_become_replacement_with_a_warning(escaped: str, kind: str) -> None:
    text = replaced('title = "Research', f'title = "{escaped}Research')
    with pytest.warns(RoadmapWarning, match=r"signposts\[2\].*key \"title\".*U\+FFFD") as caught:
        roadmap = roadmap_tui.loads(text)
    assert roadmap.signposts[1].title == "\ufffd" + "[31m" * (escaped == "\\u001b[31m") + (
        "Research to drive evidence-based policy")
    assert str(caught[0].message).startswith(f"<string>:{line_of(text, escaped)}: ")


def test_raw_bidi_overrides_and_c1_controls_are_replaced() -> None:
    text = replaced('text = "Who funds this?"', 'text = "Who \u202efunds\u0085 this?\nok"')
    text = text.replace('text = "Who', 'text = """Who').replace('?\nok"', '?\nok"""')
    with pytest.warns(RoadmapWarning, match="2 control or bidi-override characters"):
        roadmap = roadmap_tui.loads(text)
    assert roadmap.signposts[1].comments[0].text == "Who \ufffdfunds\ufffd this?\nok"


def test_multiline_fields_keep_line_breaks_and_tabs() -> None:
    text = replaced('why,\nhow', 'why,\n\tindented\nhow')
    assert roadmap_tui.loads(text).signposts[0].detail == "why,\n\tindented\nhow"


def test_read_roadmap_returns_warnings_instead_of_issuing_them(tmp_path: Path) -> None:
    path = tmp_path / "warned.toml"
    path.write_text(replaced('group = "Legal"', 'group = "Le\\u0007gal"'), encoding="utf-8")
    loaded = read_roadmap(path)
    assert loaded.roadmap.group == "Le\ufffdgal"
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0].startswith(f"{path}:5: [roadmap]: key \"group\"")


def test_hostile_text_in_messages_is_made_safe() -> None:
    text = replaced('phase = "Next 3 months"', 'phase = "\\u001b]52;c;evil\\u0007"')
    error = error_for(text)  # an error: the repair warnings are not issued
    assert "\x1b" not in str(error) and "\x07" not in str(error)
    assert 'unknown phase "\ufffd]52;c;evil\ufffd"' in str(error)
    bad_key = replaced('status = "active"', '"\\u001b[2J" = 1')
    assert "\x1b" not in str(error_for(bad_key))


def test_a_problem_in_an_inline_table_still_has_a_line() -> None:
    text = ('format = 1\n'
            'signposts = [{ id = "s1", title = "t", phase = "nowhere" }]\n'
            '[roadmap]\ntitle = "x"\n')
    error = error_for(text)
    assert error.line == 2
    assert 'signposts[1] "t": key "phase": unknown phase "nowhere"' in str(error)


@pytest.mark.parametrize("raw", ["\x1b[2J", "\x07", "\x00", "\x7f", "\x1b]52;c;cm0gLXJmIH4=\x07"])
def test_raw_control_bytes_in_a_string_are_replaced_with_a_warning(raw: str) -> None:
    """tomllib refuses these bytes, but SPEC promises the file still opens."""
    text = replaced('title = "Build capacity', f'title = "Build {raw}capacity')
    with pytest.warns(RoadmapWarning, match=r"<string>:\d+: \d+ raw control characters?"
                                            r" replaced with U\+FFFD"):
        roadmap = roadmap_tui.loads(text)
    title = roadmap.signposts[0].title
    assert title.startswith("Build \ufffd") and "\x1b" not in title and "\x07" not in title


def test_broken_toml_at_the_end_names_the_last_line() -> None:
    text = 'format = 1\n[roadmap]\ntitle = "T"\nnotes = """never closed\nstill going'
    error = error_for(text)
    assert error.line == 5
    assert "<string>:5: invalid TOML at the end of the file" in str(error)


@pytest.mark.parametrize(("text", "line", "message"), [
    ('format = 1\n[roadmap]\ntitle = "T"\n[[signpost]]\nid = "s1"\n', 4,
     'unknown key "signpost"; did you mean "signposts"?'),
    ('format = 1\n[roadmap]\ntitle = "T"\n[[signposts]]\nid = "s1"\ntitle = "x"\n\n'
     '[[signposts.coments]]\nauthor = "a"\n', 8,
     'signposts[1] "x": unknown key "coments"; did you mean "comments"?'),
])
def test_a_misspelt_table_header_names_its_line(text: str, line: int, message: str) -> None:
    error = error_for(text)
    assert error.line == line
    assert f"<string>:{line}: {message}" in str(error)


def test_the_format_is_an_attribute_like_every_other_key() -> None:
    assert roadmap_tui.loads(GOOD).format == 1


def test_a_misspelt_dependency_is_never_suggested_as_itself() -> None:
    """s2 depends on "s22": s2 itself is the closest id, but cannot be the answer."""
    text = replaced('depends_on = [\n    "s1",\n]', 'depends_on = [\n    "s22",\n]')
    message = str(error_for(text))
    assert 'unknown signpost id "s22"' in message and 'did you mean "s2"' not in message


def test_a_list_with_a_wrong_item_names_the_item() -> None:
    text = replaced('    "Sok",\n]', '    3,\n]')
    assert '"participants" must be a list of strings; item 2 is a number' in str(
        error_for(text))


def test_a_file_without_its_roadmap_table_is_one_problem() -> None:
    error = error_for("format = 1\n")
    assert list(error.problems) == [
        '<string>: [roadmap]: missing required key "roadmap" (the [roadmap] table, with at'
        ' least title = "...")']
