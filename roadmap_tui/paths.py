"""Every user folder the app uses, looked up when asked and never created at import.

platformdirs follows the XDG variables, so tests and unusual homes can move
them all by setting ``XDG_CONFIG_HOME`` and friends.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "roadmap-tui"


def config_folder() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    """The user's settings (theme, timer length, recent files)."""
    return config_folder() / "settings.toml"
