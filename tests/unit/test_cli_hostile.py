"""The command line run as a stranger's files would drive it, in a subprocess as a script
runs it: links, names, full disks, strict encodings (issue 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legal-route.toml"
HOSTILE = "plan\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202egnp.\x9b31m"
"""A file name that sets the clipboard (OSC 52), clears the screen, reverses the text and
starts a C1 control sequence, if printed raw."""
RAW = (b"\x1b", b"\x07", "\u202e".encode(), "\x9b".encode())


def run(*args: str | Path, cwd: Path, stdout: int | IO[bytes] = subprocess.PIPE,
        environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    command: list[str | bytes] = [sys.executable, "-m", "roadmap_tui", *map(os.fsencode, args)]
    return subprocess.run(command,
                          cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, check=False,
                          env={**os.environ, **(environment or {})}, timeout=60)


def one_clear_line(result: subprocess.CompletedProcess[bytes]) -> str:
    error = result.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in error
    assert error.count("\n") == 1 and error.startswith("roadmap-tui: "), error
    return error


def no_raw_controls(*outputs: bytes) -> None:
    for output in outputs:
        for raw in RAW:
            assert raw not in output, (raw, output)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


# -- 1. exports and links ----------------------------------------------------------------


@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-file", "dangling"])
def test_an_export_never_writes_through_a_symlink(plan: Path, dangling: bool) -> None:
    bashrc = plan.parent / "bashrc"
    if not dangling:
        bashrc.write_text("echo hello\n")
    (plan.parent / "plan.md").symlink_to("bashrc")
    result = run("export", plan, "-o", "plan.md", cwd=plan.parent)
    assert result.returncode == 1
    assert "symbolic link" in one_clear_line(result)
    assert (plan.parent / "plan.md").is_symlink()
    if dangling:
        assert not bashrc.exists()
    else:
        assert bashrc.read_text() == "echo hello\n"


@pytest.mark.parametrize("out", ["plan.toml", "other.toml"])
def test_an_export_never_replaces_a_roadmap_file(plan: Path, out: str) -> None:
    other = plan.parent / "other.toml"
    other.write_text('format = 1\n[roadmap]\ntitle = "x"\nbroken = 1\n')  # invalid, still one
    before = (plan.parent / out).read_bytes()
    result = run("export", plan, "-f", "text", "-o", out, cwd=plan.parent)
    assert result.returncode == 1
    assert "is a roadmap file" in one_clear_line(result)
    assert (plan.parent / out).read_bytes() == before


def test_an_export_replaces_an_ordinary_file(plan: Path) -> None:
    (plan.parent / "plan.txt").write_text("last week's summary")
    result = run("export", plan, "-o", "plan.txt", cwd=plan.parent)
    assert result.returncode == 0
    assert "The Legal Route" in (plan.parent / "plan.txt").read_text()


# -- 10. an unknown suffix, new without one ------------------------------------------


@pytest.mark.parametrize("out", ["out.pdf", "plan.toml"])
def test_an_unknown_export_suffix_is_a_usage_error_naming_the_formats(
        plan: Path, out: str) -> None:
    before = (plan.parent / out).read_bytes() if (plan.parent / out).exists() else None
    result = run("export", plan, "-o", out, cwd=plan.parent)
    assert result.returncode == 2
    error = one_clear_line(result)
    assert all(fmt in error for fmt in ("text", "ansi", "html", "svg", "md"))
    after = (plan.parent / out).read_bytes() if (plan.parent / out).exists() else None
    assert after == before


def test_new_without_a_suffix_writes_a_toml_file(tmp_path: Path) -> None:
    result = run("new", "noext", cwd=tmp_path)
    assert result.returncode == 0
    assert not (tmp_path / "noext").exists()
    assert (tmp_path / "noext.toml").is_file()
    assert result.stdout.decode().startswith("noext.toml: created")
    assert run("new", "noext", cwd=tmp_path).returncode == 1  # noext.toml exists now


def test_a_long_file_name_can_be_made_saved_and_locked(tmp_path: Path) -> None:
    from roadmap_tui import load, save
    from roadmap_tui.storage.lock import FileLock, lock_path

    name = "\u1780" * 80 + ".toml"  # 245 bytes: fits, but ".NAME.xxxxxxxx.tmp" would not
    assert len(name.encode()) <= 255
    result = run("new", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / name
    save(load(path), path)
    lock = FileLock(path)
    assert lock.acquire() is None and lock.owned
    assert lock_path(path).exists() and len(lock_path(path).name.encode()) <= 255
    assert lock_path(path).read_text().startswith(f"{os.getpid()}@")
    lock.release()
    assert [p.name for p in tmp_path.iterdir()] == [name]


# -- 9. no tracebacks, whatever stdout is --------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "plan.toml"], ["--where"],
                                  ["export", "plan.toml"], ["--version"], ["--help"],
                                  ["export", "--help"]],
                         ids=["check", "where", "export", "version", "help", "export-help"])
def test_a_full_disk_on_stdout_is_one_line_and_a_failure(plan: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = run(*args, cwd=plan.parent, stdout=full)
    assert result.returncode == 1
    assert "No space left on device" in one_clear_line(result)


def test_a_name_that_is_not_utf8_prints_with_a_strict_encoding(plan: Path) -> None:
    name = b"plan-\xff\xfe.toml"
    os.rename(plan, os.path.join(os.fsencode(plan.parent), name))
    result = run("check", os.fsdecode(name), cwd=plan.parent,
                 environment={"PYTHONIOENCODING": "utf-8:strict"})
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0
    assert result.stdout == b"plan-\\xff\\xfe.toml: ok (10 signposts)\n"


def test_an_encoding_that_cannot_show_a_name_is_one_line_and_a_failure(plan: Path) -> None:
    khmer = plan.rename(plan.parent / "\u1780\u17d2\u179a\u17bb\u1798.toml")
    result = run("check", khmer.name, cwd=plan.parent,
                 environment={"PYTHONIOENCODING": "ascii:strict"})
    assert result.returncode == 1
    assert "encoding" in one_clear_line(result)


# -- 2. names shown raw ------------------------------------------------------------------


def test_a_hostile_name_is_escaped_in_every_message_that_names_a_file(
        plan: Path, tmp_path: Path) -> None:
    folder = plan.parent
    hostile = folder / f"{HOSTILE}.toml"
    hostile.write_bytes(plan.read_bytes())
    broken = folder / f"{HOSTILE}-broken.toml"
    broken.write_text('format = 1\n[roadmap]\ntitle = "x"\nowner = 1\n')
    repaired = folder / f"{HOSTILE}-repaired.toml"
    repaired.write_text('format = 1\n[roadmap]\ntitle = "x\\u0007"\n')
    runs = [
        run("check", hostile.name, broken.name, repaired.name, f"{HOSTILE}-missing.toml",
            cwd=folder),
        run("export", hostile.name, "-o", f"{HOSTILE}.html", cwd=folder),
        run("export", hostile.name, "-f", "text", "-o", broken.name, cwd=folder),
        run("export", f"{HOSTILE}-missing.toml", cwd=folder),
        run("new", f"{HOSTILE}-new.toml", cwd=folder),
        run("new", hostile.name, cwd=folder),
        run("export", hostile.name, "-f", HOSTILE, cwd=folder),  # argparse's message
        run("export", hostile.name, "-o", f"out.{HOSTILE}", cwd=folder),
        run(folder, cwd=folder),  # a folder is not a roadmap
        run("--where", cwd=folder, environment={"XDG_CONFIG_HOME": str(folder / HOSTILE)}),
    ]
    for result in runs:
        assert b"Traceback" not in result.stderr
        no_raw_controls(result.stdout, result.stderr)
    shown = b"plan\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J\\u202egnp.\\x9b31m"
    assert runs[0].stdout.startswith(shown + b".toml: ok")
    assert shown in runs[0].stderr and shown in runs[1].stderr and shown in runs[4].stdout
    assert all(shown in result.stdout + result.stderr for result in runs[1:7])
    assert b'".\\x9b31m"' in runs[7].stderr  # the suffix: what follows the name's last dot
    assert shown in runs[9].stdout


def test_a_huge_value_gives_a_short_error_line(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    huge = "x" * 2_000_000
    path.write_text(f'format = 1\n[roadmap]\ntitle = "t"\n[[signposts]]\nid = "{huge}"\n'
                    f'title = "t"\n[[signposts]]\nid = "s2"\ntitle = "t"\n'
                    f'depends_on = ["{huge}y"]\nstatus = "{huge}"\n{huge} = 1\n')
    result = run("check", path, cwd=tmp_path)
    assert result.returncode == 1
    error = result.stderr.decode()
    assert "Traceback" not in error
    assert len(error) < 2000, len(error)
    assert all(len(line) < 400 for line in error.splitlines())
