"""How user text and statuses look in the summary: literal, safe, and readable without colour.

Text from a roadmap file is untrusted. It reaches the screen, HTML and SVG only
through :func:`literal`, which never parses markup and replaces anything a
terminal, browser or XML parser could act on (control characters, bidi
overrides, characters XML forbids) with U+FFFD, even when the roadmap was built
in code and never went through the loader's cleaning.

Colour is an accent, never the only signal: every status also has a word and a
symbol, so the summary reads the same in a plain-text export, on a projector
and on light or dark terminals. Only the standard named colours that stay
legible on both backgrounds are used (no blue, cyan or yellow text).
"""

from __future__ import annotations

import re
import unicodedata

from rich.style import Style
from rich.text import Text

from ..model.roadmap import STATUS_MARKS, Status
from ..model.text import REPLACEMENT, UNSAFE_CHARACTERS

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# What the model never keeps, plus what output cannot carry: lone surrogates
# (not encodable) and U+FFFE/U+FFFF (forbidden in XML).
_UNSAFE = UNSAFE_CHARACTERS + "\ud800-\udfff\ufffe\uffff"
_UNSAFE_MULTILINE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_ONE_LINE = re.compile(f"[{_UNSAFE}\n]")

# Blocks where right-to-left letters live; a hit is confirmed with unicodedata,
# so the common all-left-to-right text costs one regex search.
_MAYBE_RTL = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


STATUS_STYLES: dict[Status, Style] = {
    Status.IDEA: Style(color="magenta"),
    Status.PLANNED: Style(),
    Status.ACTIVE: Style(color="green", bold=True),
    Status.BLOCKED: Style(color="red", bold=True),
    Status.DONE: Style(color="green", dim=True),
    Status.DROPPED: Style(dim=True),
}

TITLE = Style(bold=True)
HEADING = Style(bold=True)
RULE = Style(dim=True)
PHASE = Style(bold=True, color="magenta")
LABEL = Style(dim=True)
DIM = Style(dim=True)
NOTE = Style(dim=True, italic=True)
POSITION = Style(bold=True)
OWNER = Style(bold=True)
GAP = Style(color="red", bold=True)
DROPPED_TITLE = Style(dim=True, strike=True)


def safe(text: str, *, multiline: bool = False) -> str:
    """The text with every unsafe character replaced by U+FFFD (see the module doc)."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_ONE_LINE
    return pattern.sub(REPLACEMENT, text)


def has_rtl(text: str) -> bool:
    """Whether the text holds a strong right-to-left character (Arabic, Hebrew, ...)."""
    if _MAYBE_RTL.search(text) is None:
        return False
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def isolate_rtl(text: str) -> str:
    """Wrap right-to-left text in FIRST STRONG ISOLATE .. POP DIRECTIONAL ISOLATE.

    A bidi-aware viewer (a browser, an editor, a Markdown renderer) otherwise
    lets an Arabic or Hebrew value pull the neutral characters around it (table
    borders, separators, the next cell's number) into its own direction, so
    cells can appear swapped. Isolated, it stays in its own box.
    """
    if has_rtl(text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


SHOWN_CHARACTERS = 4000
"""The most of one value the summary shows. A summary is read, and Rich's layout of a
single huge text grows faster than its length (a 2 MB title took 10 s, 4 MB 26 s):
cut here, the summary's cost stays linear in the roadmap's size."""


def shortened(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text``, or its first ``limit`` characters and how many more there are."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def plain(text: str, *, isolate: bool = False, multiline: bool = False) -> str:
    """User text made safe (and shortened), and isolated when asked and when it needs it."""
    cleaned = safe(shortened(text), multiline=multiline)
    return isolate_rtl(cleaned) if isolate else cleaned


def literal(
    text: str, style: Style | str = "", *, isolate: bool = False, multiline: bool = False
) -> Text:
    """User text as a Text that is shown exactly as typed: never markup, never emoji codes."""
    return Text(plain(text, isolate=isolate, multiline=multiline), style=style)


def first_line(text: str) -> str:
    """The first non-blank line of a multi-line field, for a one-line preview."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _known(status: str) -> Status | None:
    """The Status a value names; None for one that names none (an unvalidated roadmap)."""
    try:
        return Status(status)
    except ValueError:
        return None


def status_mark(status: str) -> str:
    """The status's symbol; ``?`` for a value that is not a status."""
    known = _known(status)
    return "?" if known is None else STATUS_MARKS[known]


def status_style(status: str) -> Style:
    known = _known(status)
    return Style() if known is None else STATUS_STYLES[known]


def status_text(status: str) -> Text:
    """``"◐ active"``: symbol and word, styled; readable in monochrome."""
    return Text(f"{status_mark(status)} {safe(str(status))}", style=status_style(status))


def title_style(status: str) -> Style:
    """Dropped signposts are struck through; the rest keep the text colour."""
    return DROPPED_TITLE if status == Status.DROPPED else Style()
