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

from .storage.files import write_text_atomically

DEFAULT_TIMER_MINUTES = 45
DEFAULT_REPORT_MINUTES = 3
"""A group's report-back to the plenary, counted down in present mode."""
MAX_TIMER_MINUTES = 24 * 60
MAX_RECENT_FILES = 10
DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    timer_minutes: int = DEFAULT_TIMER_MINUTES
    report_minutes: int = DEFAULT_REPORT_MINUTES
    recent_files: tuple[str, ...] = field(default=())

    def with_recent(self, path: Path) -> Settings:
        """The settings with ``path`` first among the recent files."""
        name = str(path.resolve())
        recent = (name, *(f for f in self.recent_files if f != name))
        return replace(self, recent_files=recent[:MAX_RECENT_FILES])


def read_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in ``path`` (defaults where missing or wrong) and what was wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), [f"{path}: cannot read the settings ({error}); using defaults"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(), [f"{path}: not valid TOML ({error}); using defaults"]
    return _from_table(path, data)


def write_settings(path: Path, settings: Settings) -> None:
    """Save the settings; raises RoadmapFileError with a readable message on failure."""
    text = tomli_w.dumps({
        "theme": settings.theme,
        "timer_minutes": settings.timer_minutes,
        "report_minutes": settings.report_minutes,
        "recent_files": list(settings.recent_files),
    })
    write_text_atomically(path, text, create_parents=True)


def _from_table(path: Path, data: dict[str, Any]) -> tuple[Settings, list[str]]:
    problems: list[str] = []
    settings = Settings()
    theme = data.get("theme", settings.theme)
    if isinstance(theme, str) and theme.strip():
        settings = replace(settings, theme=theme.strip())
    else:
        problems.append(f"{path}: theme should be a theme's name; using {settings.theme}")
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
        problems.append(f"{path}: recent_files should be a list of paths; ignored")
    for key in sorted(set(data) - {"theme", "timer_minutes", "report_minutes",
                                   "recent_files"}):
        problems.append(f'{path}: unknown setting "{key}" ignored')
    return settings, problems


def _minutes(path: Path, data: dict[str, Any], key: str, default: int,
             problems: list[str]) -> int:
    minutes = data.get(key, default)
    if type(minutes) is int and 1 <= minutes <= MAX_TIMER_MINUTES:
        return minutes
    problems.append(f"{path}: {key} should be a whole number from 1 to {MAX_TIMER_MINUTES}; "
                    f"using {default}")
    return default
