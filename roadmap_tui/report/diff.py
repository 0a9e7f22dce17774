"""``roadmap-tui diff``'s three forms of the same changes: text, Markdown and JSON.

The sentences are the model's (model/diff.py), so the command line and the app
say the same thing; this only chooses how user text is quoted: on one line
for the terminal, escaped for a Markdown review comment, whole in JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model.diff import Change, as_json, describe, quoted
from ..model.text import shown

FORMATS = ("text", "md", "json")


def report(changes: Sequence[Change], fmt: str, old_name: str, new_name: str) -> str:
    """The changes from ``old_name`` to ``new_name`` in ``fmt``, ending with a newline."""
    if fmt == "json":
        return json.dumps({"changes": [as_json(c) for c in changes]}, ensure_ascii=False,
                          indent=2) + "\n"
    if fmt == "md":
        return _markdown(changes, old_name, new_name)
    return "".join(f"{describe(change, _long)}\n" for change in changes)


def _long(text: str) -> str:
    """The terminal has room for whole titles; the app's dialogs shorten them."""
    return quoted(text, limit=200)


def _markdown(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    from .markdown import cell, escape

    def quote(text: str) -> str:
        return cell(quoted(text, limit=120))

    count = len(changes)
    heading = (f"**{count} change{'' if count == 1 else 's'}** from `{_code(old_name)}` "
               f"to `{_code(new_name)}`" if count else
               f"**No changes** from `{_code(old_name)}` to `{_code(new_name)}`")
    lines = [heading, ""] + [f"- {describe(c, quote, escape)}" for c in changes]
    return "\n".join(lines).rstrip("\n") + "\n"


def _code(name: str) -> str:
    """A file name inside a Markdown code span (which cannot hold a backtick)."""
    return shown(name).replace("`", "'")
