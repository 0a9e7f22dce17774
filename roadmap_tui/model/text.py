"""Which characters user text may hold.

Control characters can rewrite a terminal (escape sequences, OSC 52 clipboard
writes) and bidirectional overrides can make text read differently from what it
is ("Trojan Source"), so neither is ever kept. Newline (in multi-line fields)
and tab are the only controls allowed.
"""

from __future__ import annotations

import os
import re

REPLACEMENT = "\ufffd"

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings,
# overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""The body of a regex character class: every character user text may not keep."""
UNSAFE_IN_MULTILINE_TEXT = re.compile(f"[{UNSAFE_CHARACTERS}]")
UNSAFE_IN_ONE_LINE_TEXT = re.compile(f"[{UNSAFE_CHARACTERS}\n]")


def clean_text(text: str, *, multiline: bool = True) -> tuple[str, int]:
    """Replace every unsafe character with U+FFFD; return the text and how many."""
    pattern = UNSAFE_IN_MULTILINE_TEXT if multiline else UNSAFE_IN_ONE_LINE_TEXT
    return pattern.subn(REPLACEMENT, text)


def repair_note(count: int, *, multiline: bool) -> str:
    """What :func:`clean_text` did, worded for the warning a loader gives."""
    kinds = "control or bidi-override" if multiline else "control, line-break or bidi-override"
    plural = "s" if count != 1 else ""
    return f"{count} {kinds} character{plural} replaced with U+FFFD"


def has_unsafe_characters(text: str) -> bool:
    return UNSAFE_IN_MULTILINE_TEXT.search(text) is not None


def is_one_line(text: str) -> bool:
    return "\n" not in text


def shown(text: str, *, multiline: bool = False) -> str:
    """``text`` ready to draw: unsafe characters replaced; on one line, newlines too,
    and tabs become spaces so that a row's cells add up."""
    if multiline:
        return UNSAFE_IN_MULTILINE_TEXT.sub(REPLACEMENT, text)
    return UNSAFE_IN_ONE_LINE_TEXT.sub(REPLACEMENT, text).replace("\t", " ")


# -- names and values shown in messages ------------------------------------------

_ESCAPED_IN_NAMES = re.compile(
    f"[{UNSAFE_CHARACTERS}\t\n\u061c\u200e\u200f\u2028\u2029\ud800-\udfff]")
_ESCAPED_IN_MESSAGES = re.compile(
    f"[{UNSAFE_CHARACTERS}\t\u061c\u200e\u200f\u2028\u2029\ud800-\udfff]")
QUOTED_LENGTH = 60
"""Characters of a user's value quoted in a message; a longer one is shortened."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_name(name: object, *, keep_newlines: bool = False) -> str:
    """A path, host or file name (or a message holding them) made safe to print.

    The one cleaning function for everything that names a file or a computer,
    on the command line and in the app: control characters (escape sequences,
    OSC 52), bidi controls and the bytes of a name that is not UTF-8 become
    visible escapes (``\\x1b``, ``\\u202e``, ``\\xff``), so the name can be
    told apart and typed back, and no terminal acts on it. ``keep_newlines``
    is for whole messages whose lines are the message's own.
    """
    text = os.fspath(name) if isinstance(name, os.PathLike) else str(name)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    pattern = _ESCAPED_IN_MESSAGES if keep_newlines else _ESCAPED_IN_NAMES
    return pattern.sub(_escape, text)


def quoted(value: str, limit: int = QUOTED_LENGTH) -> str:
    """A user's value for a message: ``"..."`` with unsafe characters replaced and at
    most ``limit`` characters kept, so a 15 MB id is a one-line message."""
    text = shown(value[: limit + 1])
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return f'"{text}"'
