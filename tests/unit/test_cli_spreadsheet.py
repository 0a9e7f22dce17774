"""`import` and `export -f json|csv`, black-box: the real command in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import roadmap_tui
from roadmap_tui.storage.files import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legal-route.toml"

SHEET = (
    "\ufeffTitle;Owners;Phase;Due;Status\r\n"
    "Map shelters in Battambang;Chab Dai, Ana;Next 3 months;2021-03;active\r\n"
    ";;;;\r\n"
    '"=HYPERLINK(""http://evil.example"",""x"")";Ana;Later;2021-09-30;\r\n'
)


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_tui", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def assert_one_line_errors(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()
    assert all(line.startswith("roadmap-tui: ") for line in result.stderr.splitlines())


def test_import_writes_a_roadmap_that_passes_check(tmp_path: Path) -> None:
    result = import_sheet(tmp_path, SHEET, "legal_route.toml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("legal_route.toml: created from sheet.csv (2 signposts,"
                             " 2 phases, 2 owners)\n")
    assert result.stderr == ""
    roadmap = roadmap_tui.load(tmp_path / "legal_route.toml")
    assert roadmap.title == "Legal route"  # from OUT's name, as `new` does
    assert roadmap.created is not None
    assert [s.title for s in roadmap.signposts] == [
        "Map shelters in Battambang", '=HYPERLINK("http://evil.example","x")']
    assert [p.name for p in roadmap.phases] == ["Next 3 months", "Later"]
    check = run("check", "legal_route.toml", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (0, "legal_route.toml: ok (2 signposts)\n")

    again = run("import", "sheet.csv", "-o", "legal_route.toml", "--title", "X", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == "roadmap-tui: legal_route.toml: already exists; not overwriting it\n"
    assert roadmap_tui.load(tmp_path / "legal_route.toml") == roadmap

    titled = run("import", "sheet.csv", "-o", "b.toml", "--title", "Legal", cwd=tmp_path)
    assert titled.returncode == 0
    assert roadmap_tui.load(tmp_path / "b.toml").title == "Legal"


def import_sheet(folder: Path, content: str | bytes, out: str = "out.toml",
                 ) -> subprocess.CompletedProcess[str]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / "sheet.csv").write_bytes(data)
    return run("import", "sheet.csv", "-o", out, cwd=folder)


def test_a_bad_csv_exits_1_naming_rows_and_columns_and_writes_nothing(tmp_path: Path) -> None:
    result = import_sheet(tmp_path, "title,owner,due\nA,Ana,2021-13-01\n")
    assert result.returncode == 1
    assert result.stderr == ('roadmap-tui: sheet.csv: row 1, column B: unknown column "owner";'
                             ' did you mean "owners"?\n')
    result = import_sheet(tmp_path, "title,due\nA,2021-13-01\nB,soon\n")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'roadmap-tui: sheet.csv: row 2, column "due": 2021-13-01 is not a real date',
        "roadmap-tui: sheet.csv: row 3, column \"due\": 'soon' is not a date; write"
        " YYYY-MM-DD or YYYY-MM",
    ]
    result = import_sheet(tmp_path, b"title\nok\ncaf\xe9\n")
    assert result.returncode == 1
    assert "row 3" in result.stderr and "UTF-8" in result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_hostile_files_are_refused_in_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    for source in ("big.csv", ".", "missing.csv", "/dev/zero"):
        result = run("import", source, "-o", "out.toml", cwd=tmp_path)
        assert result.returncode == 1, source
        assert_one_line_errors(result)
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.toml").exists()
    usage = run("import", "big.csv", cwd=tmp_path)
    assert usage.returncode == 2 and "-o/--output" in usage.stderr


def test_control_characters_are_a_warning_not_an_error(tmp_path: Path) -> None:
    result = import_sheet(tmp_path, "title\nBad \x1b[31mred\n", "s.toml")
    assert result.returncode == 0
    assert result.stderr == ('roadmap-tui: warning: sheet.csv: row 2, column "title": 1 control,'
                             " line-break or bidi-override character replaced with U+FFFD\n")
    assert roadmap_tui.load(tmp_path / "s.toml").signposts[0].title == "Bad \ufffd[31mred"


def test_export_csv_and_import_give_the_roadmap_back(tmp_path: Path) -> None:
    result = run("export", EXAMPLE, "-o", "legal.csv", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "roadmap-tui: note: the CSV has no place for the roadmap's group, event, question,"
        " facilitator, participants, notes, strategy, goals, outcomes, assumptions,"
        " learnings, asks; phase dates and descriptions; owner details; owners nobody is"
        " given, or their order or spelling; 1 comment",
        "legal.csv: written (csv, 10 signposts)"]
    data = (tmp_path / "legal.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,title,phase,owners,status,")  # BOM for Excel
    stdout = run("export", EXAMPLE, "-f", "csv", cwd=tmp_path)
    assert stdout.returncode == 0
    # Standard output has no BOM (text mode here reads CRLF as LF).
    assert stdout.stdout == data[3:].decode("utf-8").replace("\r\n", "\n")

    assert run("import", "legal.csv", "-o", "back.toml", cwd=tmp_path).returncode == 0
    assert run("export", "back.toml", "-o", "back.csv", cwd=tmp_path).returncode == 0
    assert (tmp_path / "back.csv").read_bytes() == data
    original, back = roadmap_tui.load(EXAMPLE), roadmap_tui.load(tmp_path / "back.toml")
    assert [s.id for s in back.signposts] == [s.id for s in original.signposts]
    assert [s.depends_on for s in back.signposts] == [s.depends_on for s in original.signposts]


def test_export_json_by_flag_or_suffix(tmp_path: Path) -> None:
    result = run("export", EXAMPLE, "-o", "legal.JSON", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "legal.JSON: written (json, 10 signposts)\n"
    document = json.loads((tmp_path / "legal.JSON").read_text(encoding="utf-8"))
    assert list(document) == ["format", "roadmap", "phases", "owners", "signposts"]
    assert document["roadmap"]["created"] == "2020-12-11T09:00:00+07:00"
    to_stdout = run("export", EXAMPLE, "-f", "json", cwd=tmp_path)
    assert json.loads(to_stdout.stdout) == document
    forced = run("export", EXAMPLE, "-f", "csv", "-o", "legal.txt", cwd=tmp_path)
    assert forced.returncode == 0
    assert (tmp_path / "legal.txt").read_text(encoding="utf-8-sig").startswith("id,title,")
    summary = run("export", EXAMPLE, "-o", "legal.md", cwd=tmp_path)  # the others unchanged
    assert summary.returncode == 0
    assert (tmp_path / "legal.md").read_text(encoding="utf-8").startswith("# The Legal Route")
    bad = run("export", "missing.toml", "-f", "json", cwd=tmp_path)
    assert bad.returncode == 1 and bad.stdout == ""
    assert_one_line_errors(bad)
