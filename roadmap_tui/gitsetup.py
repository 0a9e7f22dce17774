"""``roadmap-tui git-setup``: make git merge roadmaps with ``roadmap-tui merge``.

Two things, both needed: the driver's command in the repository's own config
(``merge.roadmap-tui.driver``; config is never shared by a clone, so each
person runs this once) and ``PATTERN merge=roadmap-tui`` in the work tree's
``.gitattributes`` (committed, so the whole group shares it). Running it again
changes nothing.

The command names this very interpreter by its absolute path, so it works
when roadmap-tui lives in a virtual environment that is not on PATH; the path
is not resolved through symlinks, because a venv's ``python`` is a symlink
whose location is what makes it that venv.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

DRIVER = "roadmap-tui"
DEFAULT_PATTERNS = ("*.toml",)
DRIVER_NAME = "roadmap-tui: merges roadmaps by signpost ids and owner and phase names"


@dataclass
class Setup:
    ok: bool
    messages: list[str] = field(default_factory=list)


class GitError(Exception):
    """git is missing or refused; the message says which, fit for a user."""


def driver_command() -> str:
    """What git runs: this interpreter, absolute, quoted for the shell git uses."""
    return f"{shlex.quote(sys.executable)} -m roadmap_tui merge %O %A %B"


def git_setup(patterns: Sequence[str] = (), folder: Path | None = None) -> Setup:
    """Register the driver and the patterns in the work tree around ``folder``."""
    where = folder or Path.cwd()
    try:
        top = Path(_git(where, "rev-parse", "--show-toplevel"))
    except GitError as error:
        return Setup(False, [str(error)])
    messages = []
    try:
        for key, value in (("driver", driver_command()), ("name", DRIVER_NAME)):
            if _config(where, f"merge.{DRIVER}.{key}") != value:
                _git(where, "config", "--local", f"merge.{DRIVER}.{key}", value)
                messages.append(f"registered the merge driver {DRIVER} in the "
                                f"repository's config: merge.{DRIVER}.{key}")
    except GitError as error:
        return Setup(False, [str(error)])
    try:
        added = _add_attributes(top / ".gitattributes", patterns or DEFAULT_PATTERNS)
    except OSError as error:
        return Setup(False, [f"{top / '.gitattributes'}: cannot write it: "
                             f"{error.strerror or error}"])
    messages += [f"{top / '.gitattributes'}: added {line}" for line in added]
    if not messages:
        messages.append(f"already set up: git merges {', '.join(patterns or DEFAULT_PATTERNS)}"
                        f" with {DRIVER}")
    elif added:
        messages.append("commit .gitattributes so that everyone's git uses it; each clone "
                        f"runs '{DRIVER} git-setup' once for the driver")
    return Setup(True, messages)


def _add_attributes(path: Path, patterns: Sequence[str]) -> list[str]:
    """Append each missing ``PATTERN merge=roadmap-tui`` line; returns those added."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    present = {tuple(line.split()) for line in text.splitlines()}
    wanted = [f"{pattern} merge={DRIVER}" for pattern in dict.fromkeys(patterns)]
    added = [line for line in wanted if tuple(line.split()) not in present]
    if added:
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{line}\n" for line in added), encoding="utf-8")
    return added


def _config(folder: Path, key: str) -> str | None:
    try:
        return _git(folder, "config", "--local", "--get", key)
    except GitError:
        return None  # not set


def _git(folder: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("git was not found; install git first")
    done = subprocess.run([git, *args], cwd=folder, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        if args[:1] == ("rev-parse",):
            raise GitError(f"{folder}: not in a git work tree (run it inside the "
                           "repository that holds your roadmaps)")
        first = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[0]
        raise GitError(f"git {args[0]} failed: {first}")
    return done.stdout.strip()
