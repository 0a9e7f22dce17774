"""The signpost filter: ``text @owner #phase +tag status:active country:cambodia``, all combined.

Every term narrows the list (they are ANDed). Words match anywhere in a
signpost's title or detail; the prefixed terms match the start of one of the
signpost's owners, its phase, a tag, its status or a country, case-insensitively,
with ``_`` standing for a space as in the capture line. ``country:`` also
matches a signpost whose owner is based in that country (the owner's country
as the roadmap given to ``parse_filter`` has it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .roadmap import Roadmap, Signpost

_TERM = re.compile(r'(?:[@#+]|status:|country:)"[^"]*"?|"[^"]*"?|\S+', re.IGNORECASE)
_FIELD_PREFIXES = ("status:", "country:")

Test = Callable[[Signpost], bool]


@dataclass(frozen=True, slots=True)
class SignpostFilter:
    """A parsed filter; ``matches`` is cheap enough for 10,000 signposts per keystroke."""

    query: str
    tests: tuple[Test, ...]

    @property
    def is_empty(self) -> bool:
        return not self.tests

    def matches(self, signpost: Signpost) -> bool:
        return all(test(signpost) for test in self.tests)

    def matching_indexes(self, roadmap: Roadmap) -> list[int]:
        """Positions (0-based) of the matching signposts, in roadmap order."""
        if not self.tests:
            return list(range(len(roadmap.signposts)))
        return [i for i, s in enumerate(roadmap.signposts) if self.matches(s)]


def parse_filter(query: str, roadmap: Roadmap | None = None) -> SignpostFilter:
    """Read a filter; every input is valid (an odd term simply matches as text)."""
    based = {} if roadmap is None else {o.name.casefold(): _key(o.country)
                                        for o in roadmap.owners if o.country}
    tests = [_test(term, based) for term in _TERM.findall(query)]
    return SignpostFilter(query, tuple(t for t in tests if t is not None))


def _test(term: str, based: Mapping[str, str]) -> Test | None:
    lowered = term.casefold()
    for prefix in _FIELD_PREFIXES:
        if lowered.startswith(prefix) and len(term) > len(prefix):
            value = _key(term[len(prefix):])
            if prefix == "status:":
                return lambda s: s.status.value.startswith(value)
            return lambda s: _any_starts(s.countries, value) or any(
                based.get(o.casefold(), "").startswith(value) for o in s.owners)
    if term[0] in "@#+" and len(term) > 1:
        value = _key(term[1:])
        if term[0] == "@":
            return lambda s: _any_starts(s.owners, value)
        if term[0] == "#":
            return lambda s: _key(s.phase).startswith(value)
        return lambda s: _any_starts(s.tags, value)
    text = _unquoted(term).casefold()
    if not text:
        return None
    return lambda s: text in s.title.casefold() or text in s.detail.casefold()


def _unquoted(term: str) -> str:
    return term.strip('"')


def _key(value: str) -> str:
    return _unquoted(value).replace("_", " ").casefold()


def _any_starts(values: Sequence[str], prefix: str) -> bool:
    return any(_key(v).startswith(prefix) for v in values)
