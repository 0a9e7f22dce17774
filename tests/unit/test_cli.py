"""The command line of SPEC section 2: output, files written and exit statuses."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import roadmap_tui
from roadmap_tui.cli import main

if TYPE_CHECKING:  # the app is imported where it is used: loading Textual is slow
    from roadmap_tui.app import RoadmapApp

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))

VALID = """\
format = 1

[roadmap]
title = "The Legal Route"

[[phases]]
name = "Now"

[[owners]]
name = "Chab Dai"

[[signposts]]
id = "s1"
title = "Build capacity"
phase = "Now"
owners = [
    "Chab Dai",
]
status = "planned"
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"roadmap-tui {roadmap_tui.__version__}"


def test_check_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "legal.toml", VALID)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok (1 signposts)\n"


def test_check_reports_each_error_on_stderr_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.toml", VALID)
    bad = write(tmp_path / "bad.toml", VALID.replace("owners = [", "owner = ["))
    assert main(["check", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"{good}: ok (1 signposts)\n"
    assert "bad.toml:16" in captured.err
    assert 'unknown key "owner"; did you mean "owners"?' in captured.err
    assert "Traceback" not in captured.err


def test_check_missing_file_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nowhere.toml")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "nowhere.toml" in err


def test_check_prints_warnings_but_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "odd.toml", VALID.replace("Build capacity", "Build \\u202ecapacity"))
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert "ok (1 signposts)" in captured.out
    assert "warning" in captured.err


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_checks(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(example)]) == 0
    assert capsys.readouterr().err == ""


def test_new_writes_default_phases_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "legal-route.toml"
    assert main(["new", str(path), "--title", "The Legal Route", "--group", "Legal"]) == 0
    roadmap = roadmap_tui.load(path)
    assert roadmap.title == "The Legal Route"
    assert roadmap.group == "Legal"
    assert [p.name for p in roadmap.phases] == ["Now", "Next", "Later"]
    assert roadmap.created is not None and roadmap.created.utcoffset() is not None
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["new", str(path)]) == 1
    assert "exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_new_takes_its_title_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "trauma_informed-care.toml"
    assert main(["new", str(path)]) == 0
    assert roadmap_tui.load(path).title == "Trauma informed care"


def test_new_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    """In a subprocess, as a user meets it: one line on stderr, exit 1, nothing made."""
    target = tmp_path / "no" / "such" / "x.toml"
    result = subprocess.run([sys.executable, "-m", "roadmap_tui", "new", str(target)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("roadmap-tui: ") and str(target.parent) in line
    assert not (tmp_path / "no").exists()


def test_export_to_stdout_defaults_to_text_when_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "legal.toml", VALID)
    assert main(["export", str(path), "--width", "80"]) == 0
    out = capsys.readouterr().out
    assert "The Legal Route" in out
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize(
    ("suffix", "marker"),
    [(".html", "<html"), (".svg", "<svg"), (".md", "# The Legal Route"), (".txt", "Build")],
)
def test_export_format_follows_the_output_suffix(tmp_path: Path, suffix: str, marker: str) -> None:
    path = write(tmp_path / "legal.toml", VALID)
    out = tmp_path / f"summary{suffix}"
    assert main(["export", str(path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert marker in text
    if suffix == ".svg":
        ET.fromstring(text)


def test_export_explicit_format_wins_over_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "legal.toml", VALID)
    out = tmp_path / "summary.txt"
    assert main(["export", str(path), "-f", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# The Legal Route")


def test_export_of_a_bad_file_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "bad.toml", "format = 1\n[roadmap\n")
    out = tmp_path / "summary.html"
    assert main(["export", str(path), "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "bad.toml:2" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [["export"], ["export", "x.toml", "-f", "pdf"], ["check"], ["new"], ["--bogus"],
     ["export", "x.toml", "--width", "wide"], ["--read-only"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


@pytest.fixture
def opened_apps(monkeypatch: pytest.MonkeyPatch) -> list[RoadmapApp]:
    """The apps the command line would run, captured instead of run."""
    from roadmap_tui.app import RoadmapApp

    apps: list[RoadmapApp] = []
    monkeypatch.setattr(RoadmapApp, "run", lambda self, **_: apps.append(self))
    monkeypatch.setattr("roadmap_tui.cli.has_terminal", lambda: True)
    return apps


def test_demo_opens_a_copy_never_the_installed_file(opened_apps: list[RoadmapApp]) -> None:
    demo = ROOT / "roadmap_tui" / "data" / "demo.toml"
    before = demo.read_bytes()
    assert main(["demo"]) == 0
    (app,) = opened_apps
    assert app.document.path is None
    assert not app.document.on_disk and not app.document.is_modified
    assert app.document.roadmap == roadmap_tui.loads(before.decode())
    assert demo.read_bytes() == before


def test_file_and_read_only_open_the_app(tmp_path: Path, opened_apps: list[RoadmapApp]) -> None:
    path = write(tmp_path / "legal.toml", VALID)
    assert main([str(path)]) == 0
    assert main(["--read-only", str(path)]) == 0
    assert main([]) == 0
    first, second, untitled = opened_apps
    assert first.document.path == path and not first.document.read_only
    assert second.document.read_only
    assert untitled.document.path is None


def test_a_missing_file_opens_as_new(tmp_path: Path, opened_apps: list[RoadmapApp]) -> None:
    path = tmp_path / "later.toml"
    assert main([str(path)]) == 0
    (app,) = opened_apps
    assert app.document.path == path
    assert app.document.roadmap.title == "Later"
    assert not path.exists()


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_python_dash_m_is_the_same_command(tmp_path: Path) -> None:
    path = write(tmp_path / "legal.toml", VALID)
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "check", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0
    assert result.stdout == f"{path}: ok (1 signposts)\n"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_canonical(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    assert roadmap_tui.dumps(roadmap_tui.loads(text)) == text


def test_there_is_an_example_per_breakout_group_and_the_demo_is_one_of_them() -> None:
    groups = [example for example in EXAMPLES if example.name != "plenary.toml"]
    assert len(groups) == 5 and len(EXAMPLES) == 6  # and the plenary combined from them
    demo = (ROOT / "roadmap_tui" / "data" / "demo.toml").read_bytes()
    assert demo in [example.read_bytes() for example in groups]


def test_export_of_a_big_roadmap_to_a_file_shows_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import roadmap_tui.cli as cli

    shown: list[str] = []

    class Status:
        def __init__(self, message: str) -> None:
            shown.append(message)

        def __enter__(self) -> None:
            return None

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr(cli, "_PROGRESS_THRESHOLD", 1)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr("rich.console.Console.status", lambda self, message: Status(message))
    path = write(tmp_path / "legal.toml", VALID)
    out = tmp_path / "summary.html"
    assert main(["export", str(path), "-o", str(out)]) == 0
    assert shown == ["Rendering 1 signposts as html..."]
    assert "<html" in out.read_text(encoding="utf-8")


def test_where_prints_every_folder_and_creates_none(
        user_folders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--where"]) == 0
    out = capsys.readouterr().out
    for label, folder in (("settings:", "xdg_config_home"), ("recovery copies:", "xdg_state_home"),
                          ("local history:", "xdg_data_home")):
        (line,) = [line for line in out.splitlines() if line.startswith(label)]
        assert str(user_folders / folder / "roadmap-tui") in line
    assert "lock files:" in out
    assert not any(user_folders.iterdir())


def test_a_crash_says_where_the_unsaved_work_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from roadmap_tui.app import RoadmapApp

    kept = tmp_path / "kept.toml"

    def crash(self: RoadmapApp, **_: object) -> None:
        self.main.crash_recovery = kept
        self.exit(return_code=1)

    monkeypatch.setattr(RoadmapApp, "run", crash)
    monkeypatch.setattr("roadmap_tui.cli.has_terminal", lambda: True)
    assert main([str(tmp_path / "plan.toml")]) == 1
    err = capsys.readouterr().err
    assert "stopped before your changes were saved" in err and str(kept) in err
    assert f"start roadmap-tui {tmp_path / 'plan.toml'} to restore" in err
    assert main([]) == 1
    assert "start roadmap-tui with no file to restore" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["frobnicate"], ["plan.toml"], [], ["demo"], ["--read-only", "legal.toml"]])
def test_without_a_terminal_the_app_never_starts(tmp_path: Path, args: list[str]) -> None:
    write(tmp_path / "legal.toml", VALID)
    result = subprocess.run([sys.executable, "-m", "roadmap_tui", *args], cwd=tmp_path,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()  # SPEC: one clear line
    assert line == ("roadmap-tui: error: the app needs a terminal (standard input and "
                    "output are not one); in scripts use check, export or another command"
                    " (see 'roadmap-tui --help')")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "plan.toml").exists()


@pytest.mark.parametrize(("word", "command"), [("exprot", "export"), ("chek", "check")])
@pytest.mark.parametrize("rest", [[], ["plan.toml"]])
def test_a_misspelt_command_is_a_usage_error_not_a_new_file(
        word: str, command: str, rest: list[str], opened_apps: list[RoadmapApp],
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([word, *rest])
    assert exited.value.code == 2
    assert f"unknown command '{word}'; did you mean '{command}'?" in capsys.readouterr().err
    assert opened_apps == []


@pytest.mark.parametrize("args", [
    ["new"], ["--bogus"], ["export", "a.toml", "--width", "abc"], ["chek"],
    ["check"], ["export", "a.toml", "-f", "pdf"]])
def test_a_usage_error_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "roadmap_tui", *args], cwd=tmp_path,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("roadmap-tui") and ": error: " in line and "--help" in line
    assert result.stdout == ""
