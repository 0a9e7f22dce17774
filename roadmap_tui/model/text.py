"""Which characters user text may hold.

Control characters can rewrite a terminal (escape sequences, OSC 52 clipboard
writes) and bidirectional overrides can make text read differently from what it
is ("Trojan Source"), so neither is ever kept. Newline (in multi-line fields)
and tab are the only controls allowed.
"""

from __future__ import annotations

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
