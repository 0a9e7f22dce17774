"""Settings are read tolerantly and written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui import paths
from roadmap_tui.settings import (
    MAX_RECENT_FILES,
    Settings,
    read_settings,
    write_settings,
)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "none.toml") == (Settings(), [])


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.toml"
    settings = Settings(theme="roadmap-high-contrast", timer_minutes=30,
                        recent_files=(str(tmp_path / "a.toml"),),
                        keys=(("save", "ctrl+w"), ("quit", "f10")))
    write_settings(path, settings)
    assert read_settings(path) == (settings, [])


@pytest.mark.parametrize(("text", "problem"), [
    ("theme = [", "not valid TOML"),
    ("timer_minutes = 0", "timer_minutes should be a whole number"),
    ("timer_minutes = true", "timer_minutes should be a whole number"),
    ("theme = 3", "theme should be"),
    ("recent_files = 'x'", "recent_files should be a list"),
    ("colour = 'red'", 'unknown setting "colour"'),
    ("keys = 'ctrl+w'", "keys should be a table"),
    ("[keys]\nsave = 3\nquit = \"f10\"", "[keys] save should be key names"),
])
def test_broken_settings_are_reported_and_ignored(tmp_path: Path, text: str,
                                                  problem: str) -> None:
    """The broken line falls back to its default; the good lines around it still count."""
    path = tmp_path / "settings.toml"
    good = {"theme": 'theme = "roadmap-high-contrast"', "timer_minutes": "timer_minutes = 30"}
    broken_key = text.split("=")[0].strip()
    kept = [line for key, line in good.items() if key != broken_key]
    path.write_text("\n".join([*kept, text]) + "\n", encoding="utf-8")
    settings, problems = read_settings(path)
    if text == "theme = [":  # not TOML at all: nothing in the file can be trusted
        assert settings == Settings()
    else:
        expected = Settings(theme="roadmap-high-contrast", timer_minutes=30)
        for key in good:
            if key == broken_key:
                assert getattr(settings, key) == getattr(Settings(), key)
            else:
                assert getattr(settings, key) == getattr(expected, key), key
    assert len(problems) == 1
    assert problem in problems[0]
    if text.startswith("[keys]"):  # the good key beside the broken one still counts
        assert settings.keys == (("quit", "f10"),)


def test_undecodable_settings_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xff\xfe\x00")
    settings, problems = read_settings(path)
    assert settings == Settings()
    assert "cannot read the settings" in problems[0]


def test_recent_files_keep_the_newest_first(tmp_path: Path) -> None:
    settings = Settings()
    for index in range(MAX_RECENT_FILES + 3):
        settings = settings.with_recent(tmp_path / f"{index}.toml")
    settings = settings.with_recent(tmp_path / "5.toml")
    assert settings.recent_files[0] == str(tmp_path / "5.toml")
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert len(set(settings.recent_files)) == MAX_RECENT_FILES


def test_settings_live_under_xdg_config_home(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert paths.settings_file() == tmp_path / "roadmap-tui" / "settings.toml"
    assert not (tmp_path / "roadmap-tui").exists()
