"""Every user folder the app uses, looked up when asked and never created at import.

platformdirs follows the XDG variables, so tests and unusual homes can move
them all by setting ``XDG_CONFIG_HOME`` and friends. The folders themselves
are created by whoever first writes into them (``create_parents=True``), so a
read-only home costs only the feature that needed the folder.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs

APP_NAME = "roadmap-tui"


def config_folder() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    """The user's settings (theme, timer length, recent files)."""
    return config_folder() / "settings.toml"


def recovery_folder() -> Path:
    """Recovery copies of unsaved work: state that matters only until it is saved."""
    return platformdirs.user_state_path(APP_NAME, appauthor=False) / "recovery"


def history_folder() -> Path:
    """Earlier versions of saved roadmaps, kept by each save: the user's data."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "history"


def parse_cache_folder() -> Path:
    """Large roadmaps as last parsed, by the file's hash: only ever a shortcut."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "parsed"


def folders() -> list[tuple[str, Path]]:
    """What ``roadmap-tui --where`` prints."""
    return [("settings", settings_file()),
            ("recovery copies", recovery_folder()),
            ("local history", history_folder())]


def file_key(path: Path | None) -> str:
    """A file name standing for one roadmap file: readable, and unique per absolute path.

    Untitled work (no path) has the one key ``untitled``.
    """
    if path is None:
        return "untitled"
    absolute = Path(path).resolve()
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()
    stem = re.sub(r"[^\w.-]+", "-", absolute.stem, flags=re.ASCII).strip("-.")[:40]
    return f"{stem or 'roadmap'}-{digest[:12]}"
