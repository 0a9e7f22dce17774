"""Overlaps between groups: signposts whose titles share most of their significant words.

Two groups that both plan to "map the legal duties of brands" should meet
before they both do it. A title's *significant words* are its words less
English stop-words ("the", "of", "with"...), each cut to a simple stem
("duties" -> "duty", "mapping" -> "map", "brands'" -> "brand"), so that
wording differences do not hide the same plan. Two titles overlap when they
share at least two significant words and the shared words are more than half
of each title's (or, for one-word titles, when the words are the same).

Finding the pairs must not compare every title with every other (10,000
signposts would be 50 million comparisons). Titles with the same words are
taken together, and the distinct word sets are joined with *prefix filtering*:
words are ranked rarest first, and two sets that share more than half of each
one's words must share a word among the first few (rarest) of both; only those
prefixes are indexed and probed, so a word that is in every title (the
conference's own vocabulary) never makes every title a candidate. Pairs are
counted exactly, but only the first :data:`MAX_PAIRS` are listed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from .roadmap import Signpost

MAX_PAIRS = 200
"""More pairs than this are counted, not listed: the plenary could not read them."""

_SPLIT = re.compile("[\\s!-/:-@\\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+")
_STOP_WORDS_TEXT = """
a about above across after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each
etc few for from further had has have having he her here hers him his how i if in into
is it its itself just me more most my no nor not now of off on once only or other our
ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up upon us very via was we were
what when where which while who whom why will with within without would you your yours
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

Numbered = tuple[int, Signpost]


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two signposts of different groups that plan much the same (1-based positions)."""

    first: Numbered
    first_group: str
    second: Numbered
    second_group: str
    shared: tuple[str, ...]
    """The significant words (stems) both titles have, in the first title's order."""


@dataclass(frozen=True, slots=True)
class Overlaps:
    pairs: tuple[Overlap, ...]
    """At most :data:`MAX_PAIRS` pairs (all of them when there are no more), in
    order of the first signpost's position."""
    total: int
    """How many pairs there are in all."""


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A rough English stem: enough to match "duties" with "duty", "mapping" with "map".

    Words in other scripts are kept as they are (their case folded).
    """
    if len(word) <= 3 or not word.isascii():
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            if not replacement and len(word) > 3 and word[-1] == word[-2] \
                    and word[-1] not in "lsz":
                word = word[:-1]  # mapping -> mapp -> map
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # create / created / creating alike
    return word


def significant_words(title: str) -> tuple[str, ...]:
    """The title's stems, stop-words left out, each once, in the title's order."""
    words = (w for w in _SPLIT.split(title.casefold()) if w and w not in STOP_WORDS)
    return tuple(dict.fromkeys(stem(w) for w in words))


def find_overlaps(
    signposts: Sequence[Signpost], group_of: Callable[[Signpost], str]
) -> Overlaps:
    """Every pair of signposts of different groups whose titles overlap.

    ``group_of`` tells a signpost's group; groups are compared case-insensitively.
    """
    members: dict[frozenset[str], list[int]] = defaultdict(list)
    groups = [group_of(s).casefold() for s in signposts]
    for index, signpost in enumerate(signposts):
        words = significant_words(signpost.title)
        if words:
            members[frozenset(words)].append(index)
    sets = list(members)
    set_groups = [Counter(groups[i] for i in members[words]) for words in sets]
    set_pairs = [(a, a) for a in range(len(sets))]  # identical titles in other groups
    set_pairs += _similar_sets(sets)
    total = 0
    found: list[tuple[int, int]] = []
    for a, b in set_pairs:
        left, right = members[sets[a]], members[sets[b]]
        total += _cross_group_pairs(set_groups[a], set_groups[b], same=a == b)
        if len(found) < MAX_PAIRS:
            found.extend(_pairs(left, right, groups, same=a == b, limit=MAX_PAIRS))
    found = sorted(set(found))[:MAX_PAIRS]
    pairs = []
    for i, j in found:
        first, second = signposts[i], signposts[j]
        shared = set(significant_words(second.title))
        pairs.append(Overlap((i + 1, first), group_of(first), (j + 1, second), group_of(second),
                             tuple(w for w in significant_words(first.title) if w in shared)))
    return Overlaps(tuple(pairs), total)


def _similar_sets(sets: list[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs of distinct word sets that overlap, found by prefix filtering."""
    frequency = Counter(word for words in sets for word in words)
    rank = {word: (count, word) for word, count in frequency.items()}
    index: dict[str, list[int]] = defaultdict(list)
    similar: list[tuple[int, int]] = []
    for number, words in enumerate(sets):
        if len(words) == 1:
            continue  # a one-word title overlaps only the same word: taken above
        ordered = sorted(words, key=rank.__getitem__)
        needed = _needed(len(ordered))
        prefix = ordered[: len(ordered) - needed + 1]
        candidates: set[int] = set()
        for word in prefix:
            candidates.update(index[word])
        for other in candidates:
            if _overlap(words, sets[other]):
                similar.append((other, number))
        for word in prefix:
            index[word].append(number)
    return similar


def _needed(size: int) -> int:
    """The fewest shared words a set of ``size`` words needs to overlap another."""
    return max(2, size // 2 + 1) if size > 1 else 1


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    if len(a) == 1 or len(b) == 1:
        return a == b
    return shared >= max(_needed(len(a)), _needed(len(b)))


def _cross_group_pairs(left: Counter[str], right: Counter[str], *, same: bool) -> int:
    """How many pairs of members join different groups, counted without listing them
    (``left`` and ``right``: how many members each group has in the two sets)."""
    left_size = sum(left.values())
    if same:
        everyone = left_size * (left_size - 1) // 2
        return everyone - sum(n * (n - 1) // 2 for n in left.values())
    return left_size * sum(right.values()) - sum(n * right[g] for g, n in left.items())


def _pairs(left: list[int], right: list[int], groups: list[str], *, same: bool,
           limit: int) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    candidates = combinations(left, 2) if same else ((i, j) for i in left for j in right)
    for i, j in candidates:
        if groups[i] != groups[j]:
            pairs.append((min(i, j), max(i, j)))
            if len(pairs) >= limit:
                break
    return pairs
