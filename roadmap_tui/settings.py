"""The user's settings: a small TOML file read tolerantly.

A broken or hand-edited settings file must never stop the app from opening a
roadmap, so reading returns defaults plus a list of problems to show, never an
exception. Writing is atomic like a roadmap save.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from .model.text import quoted, shown_name
from .storage.errors import RoadmapFileError
from .storage.files import read_bytes, write_text_atomically

DEFAULT_TIMER_MINUTES = 45
DEFAULT_REPORT_MINUTES = 3
"""A group's report-back to the plenary, counted down in present mode."""
MAX_TIMER_MINUTES = 24 * 60
MAX_RECENT_FILES = 10
DEFAULT_THEME = "textual-dark"
SETTINGS_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    timer_minutes: int = DEFAULT_TIMER_MINUTES
    report_minutes: int = DEFAULT_REPORT_MINUTES
    recent_files: tuple[str, ...] = field(default=())
    keys: tuple[tuple[str, str], ...] = ()
    """``[keys]``: binding id -> key names, as the user remapped them (the app checks
    the ids, since only it knows its commands)."""

    def with_recent(self, path: Path) -> Settings:
        """The settings with ``path`` first among the recent files."""
        name = str(path.resolve())
        recent = (name, *(f for f in self.recent_files if f != name))
        return replace(self, recent_files=recent[:MAX_RECENT_FILES])


def read_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in ``path`` (defaults where missing or wrong) and what was wrong."""
    if not os.path.lexists(path):
        return Settings(), []
    try:
        # Read as a stranger's file would be: a FIFO or a device in its place must not
        # hang or flood the app at start.
        text = read_bytes(path, SETTINGS_BYTES).decode("utf-8")
    except (RoadmapFileError, UnicodeDecodeError) as error:
        reason = str(error).rpartition(": ")[2]
        return Settings(), [f"{shown_name(path)}: cannot read the settings ({reason}); "
                            "using defaults"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(), [f"{shown_name(path)}: not valid TOML ({error}); using defaults"]
    return _from_table(path, data)


def write_settings(path: Path, settings: Settings) -> None:
    """Save the settings; raises RoadmapFileError with a readable message on failure."""
    table: dict[str, Any] = {
        "theme": settings.theme,
        "timer_minutes": settings.timer_minutes,
        "report_minutes": settings.report_minutes,
        "recent_files": list(settings.recent_files),
    }
    if settings.keys:
        table["keys"] = dict(settings.keys)
    text = tomli_w.dumps(table)
    write_text_atomically(path, text, create_parents=True, private=True)


def _from_table(path: Path, data: dict[str, Any]) -> tuple[Settings, list[str]]:
    problems: list[str] = []
    settings = Settings()
    theme = data.get("theme", settings.theme)
    if isinstance(theme, str) and theme.strip():
        settings = replace(settings, theme=theme.strip())
    else:
        problems.append(f"{shown_name(path)}: theme should be a theme's name; "
                        f"using {settings.theme}")
    settings = replace(
        settings,
        timer_minutes=_minutes(path, data, "timer_minutes", settings.timer_minutes, problems),
        report_minutes=_minutes(path, data, "report_minutes", settings.report_minutes,
                                problems))
    recent = data.get("recent_files", [])
    if isinstance(recent, list) and all(isinstance(f, str) for f in recent):
        settings = replace(settings, recent_files=tuple(
            f for f in recent if f and "\x00" not in f and os.path.isabs(f)
        )[:MAX_RECENT_FILES])
    else:
        problems.append(f"{shown_name(path)}: recent_files should be a list of paths; ignored")
    keys = data.get("keys", {})
    if isinstance(keys, dict):
        settings = replace(settings, keys=tuple(
            (name, value) for name, value in keys.items() if isinstance(value, str)))
        problems.extend(f"{shown_name(path)}: [keys] {shown_name(name)} should be key names"
                        " in quotes; ignored"
                        for name, value in keys.items() if not isinstance(value, str))
    else:
        problems.append(f"{shown_name(path)}: keys should be a table ([keys]); ignored")
    for key in sorted(set(data) - {"theme", "timer_minutes", "report_minutes",
                                   "recent_files", "keys"}):
        problems.append(f'{shown_name(path)}: unknown setting {quoted(key)} ignored')
    return settings, problems


def _minutes(path: Path, data: dict[str, Any], key: str, default: int,
             problems: list[str]) -> int:
    minutes = data.get(key, default)
    if type(minutes) is int and 1 <= minutes <= MAX_TIMER_MINUTES:
        return minutes
    problems.append(f"{shown_name(path)}: {key} should be a whole number from 1 to"
                    f" {MAX_TIMER_MINUTES}; "
                    f"using {default}")
    return default
