"""Saving: atomic, canonical, permissions kept, and nothing lost when the disk says no."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import roadmap_tui
from roadmap_tui import Owner, Roadmap, RoadmapFileError, Signpost
from roadmap_tui.storage.files import write_text_atomically

OLD = Roadmap(title="Old plan")
NEW = Roadmap(title="New plan", owners=(Owner("Chab Dai"),),
              signposts=(Signpost("s1", "Build capacity", owners=("Chab Dai",)),))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    roadmap_tui.save(OLD, path)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_writes_the_canonical_text(saved: Path) -> None:
    roadmap_tui.save(NEW, saved)
    assert saved.read_text(encoding="utf-8") == roadmap_tui.dumps(NEW)
    assert roadmap_tui.load(saved) == NEW
    assert leftovers(saved.parent) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        roadmap_tui.save(NEW, tmp_path / "fresh.toml")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((tmp_path / "fresh.toml").stat().st_mode) == 0o640


def test_save_keeps_the_files_permissions(saved: Path) -> None:
    saved.chmod(0o604)
    roadmap_tui.save(NEW, saved)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o604


def test_save_through_a_symlink_replaces_the_real_file(saved: Path) -> None:
    link = saved.parent / "link.toml"
    link.symlink_to(saved.name)
    roadmap_tui.save(NEW, link)
    assert link.is_symlink()
    assert roadmap_tui.load(saved) == NEW


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_a_failed_save_leaves_the_original_and_no_temporary_file(
    saved: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = saved.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, refuse)
    with pytest.raises(RoadmapFileError) as caught:
        roadmap_tui.save(NEW, saved)
    monkeypatch.undo()
    assert str(caught.value) == f"{saved}: not saved: No space left on device"
    assert caught.value.path == saved
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_a_full_disk_leaves_the_original(saved: Path) -> None:
    """A real write failure: the file-size limit makes the write itself fail."""
    before = saved.read_bytes()
    code = (
        "import resource, signal, sys, roadmap_tui\n"
        "from roadmap_tui import Roadmap\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))\n"
        "try:\n"
        "    roadmap_tui.save(Roadmap(title='x' * 10_000), sys.argv[1])\n"
        "except roadmap_tui.RoadmapFileError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(saved)], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == f"{saved}: not saved: File too large"
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_a_folder_that_refuses_new_files_is_a_clear_error(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(RoadmapFileError, match="not saved: Permission denied"):
        roadmap_tui.save(NEW, saved)
    assert roadmap_tui.load(saved) == OLD


def test_missing_folders_are_created_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "plan.toml"
    with pytest.raises(RoadmapFileError, match="does not exist"):
        roadmap_tui.save(NEW, target)
    assert not (tmp_path / "a").exists()
    roadmap_tui.save(NEW, target, create_parents=True)
    assert roadmap_tui.load(target) == NEW


def test_a_folder_or_special_file_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(RoadmapFileError, match="not a regular file"):
        roadmap_tui.save(NEW, tmp_path / "dir.toml")
    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(RoadmapFileError, match="not a regular file"):
        roadmap_tui.save(NEW, tmp_path / "pipe.toml")


def test_an_invalid_roadmap_is_refused_before_the_disk_is_touched(saved: Path) -> None:
    broken = Roadmap(title="x", signposts=(Signpost("s1", "t", phase="Nowhere"),))
    with pytest.raises(RoadmapFileError, match='not valid: signposts\\[1\\] "t": key "phase"'):
        roadmap_tui.save(broken, saved)
    assert roadmap_tui.load(saved) == OLD


def test_text_utf8_cannot_store_is_refused(saved: Path) -> None:
    with pytest.raises(RoadmapFileError, match="UTF-8 cannot store"):
        roadmap_tui.save(Roadmap(title="lone \udc80 surrogate"), saved)
    assert roadmap_tui.load(saved) == OLD


def test_a_roadmap_built_with_wrong_types_is_refused(saved: Path) -> None:
    wrong = Roadmap(title="x", participants=(3,))  # type: ignore[arg-type]  # on purpose
    with pytest.raises(RoadmapFileError, match="not saved"):
        roadmap_tui.save(wrong, saved)
    assert roadmap_tui.load(saved) == OLD


def test_write_text_atomically_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "summary.html"
    write_text_atomically(path, "one")
    write_text_atomically(path, "two ✓")
    assert path.read_text(encoding="utf-8") == "two ✓"
