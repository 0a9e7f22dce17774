"""The parse cache: the same bytes are answered from it, anything else is parsed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from roadmap_tui.storage import RoadmapFileError, files, parse_cache
from roadmap_tui.storage.files import read_roadmap

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "prevention-resilient-communities.toml"


@pytest.fixture(autouse=True)
def every_file_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example is small; caching is tested on it as on a large file."""
    monkeypatch.setattr(parse_cache, "SMALLEST", 0)


@pytest.fixture
def roadmap_file(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_the_same_bytes_come_from_the_cache(roadmap_file: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    first = parse_cache.read_roadmap_cached(roadmap_file, folder)
    assert first == read_roadmap(roadmap_file, with_digest=True)
    assert len(cached_files(folder)) == 1

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse_cache, "parse", no_parsing)
    again = parse_cache.read_roadmap_cached(roadmap_file, folder)
    assert again == first and again.digest == first.digest


def test_changed_bytes_are_parsed_again(roadmap_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    parse_cache.read_roadmap_cached(roadmap_file, folder)
    text = roadmap_file.read_text(encoding="utf-8")
    roadmap_file.write_text(text.replace('title = "Build capacity', 'title = "Grow capacity'),
                            encoding="utf-8")
    again = parse_cache.read_roadmap_cached(roadmap_file, folder)
    assert again == read_roadmap(roadmap_file, with_digest=True)
    assert again.roadmap.signposts[0].title.startswith("Grow capacity")


def test_warnings_name_the_file_they_were_read_from(roadmap_file: Path, tmp_path: Path) -> None:
    """Repairs made while reading are shown with the file's name: the same bytes under
    another name are not answered with the first name's warnings."""
    folder = tmp_path / "cache"
    text = roadmap_file.read_text(encoding="utf-8")
    text = text.replace('title = "Build capacity', 'title = "Build\x1b[2J capacity')
    roadmap_file.write_text(text, encoding="utf-8")
    first = parse_cache.read_roadmap_cached(roadmap_file, folder)
    assert first.warnings and all("r.toml" in w for w in first.warnings)
    other = tmp_path / "other.toml"
    other.write_bytes(roadmap_file.read_bytes())
    second = parse_cache.read_roadmap_cached(other, folder)
    assert second.warnings and all("other.toml" in w for w in second.warnings)
    assert parse_cache.read_roadmap_cached(roadmap_file, folder).warnings == first.warnings


def test_a_broken_cache_file_is_parsed_past(roadmap_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = parse_cache.read_roadmap_cached(roadmap_file, folder)
    [cached] = cached_files(folder)
    cached.write_bytes(b"not a pickle")
    assert parse_cache.read_roadmap_cached(roadmap_file, folder) == expected


def test_a_cache_file_others_can_write_is_not_read(roadmap_file: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    parse_cache.read_roadmap_cached(roadmap_file, folder)
    [cached] = cached_files(folder)
    os.chmod(cached, 0o666)
    parsed: list[Path | None] = []
    real_parse = files.parse

    def counted(text: str, path: Path | None) -> object:
        parsed.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(parse_cache, "parse", counted)
    parse_cache.read_roadmap_cached(roadmap_file, folder)
    assert parsed == [roadmap_file]


def test_a_file_that_does_not_open_is_never_cached(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[roadmap\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RoadmapFileError, match="invalid TOML"):
            parse_cache.read_roadmap_cached(broken, folder)
    assert cached_files(folder) == []


def test_small_files_and_no_folder_skip_the_cache(roadmap_file: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "SMALLEST", 10**9)
    folder = tmp_path / "cache"
    assert parse_cache.read_roadmap_cached(roadmap_file, folder) == read_roadmap(
        roadmap_file, with_digest=True)
    assert cached_files(folder) == []
    assert parse_cache.read_roadmap_cached(roadmap_file, None).digest


def test_only_the_most_recent_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "KEEP", 2)
    folder = tmp_path / "cache"
    for number in range(4):
        path = tmp_path / f"r{number}.toml"
        path.write_bytes(EXAMPLE.read_bytes())
        parse_cache.read_roadmap_cached(path, folder)
        os.utime(folder, None)
    assert len(cached_files(folder)) == 2


def test_the_cache_can_be_written_later(roadmap_file: Path, tmp_path: Path) -> None:
    """An app's first frame does not wait for the cache: it is written in a thread."""
    folder = tmp_path / "cache"
    loaded = parse_cache.read_roadmap_cached(roadmap_file, folder, store_after=0.05)
    assert cached_files(folder) == []
    for _ in range(200):
        if cached_files(folder):
            break
        time.sleep(0.01)
    assert len(cached_files(folder)) == 1
    assert parse_cache.read_roadmap_cached(roadmap_file, folder) == loaded
