"""Properties of the file format: every valid roadmap round-trips; nothing else crashes."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import roadmaps

import roadmap_tui
from roadmap_tui import Roadmap, RoadmapFileError, RoadmapWarning
from roadmap_tui.model import validate

SEED_TEXT = roadmap_tui.dumps(Roadmap(title="seed"))


@given(roadmaps())
def test_every_valid_roadmap_round_trips_canonically(roadmap: Roadmap) -> None:
    assert validate(roadmap) == []  # the strategy's promise
    text = roadmap_tui.dumps(roadmap)
    assert roadmap_tui.loads(text) == roadmap
    assert roadmap_tui.dumps(roadmap_tui.loads(text)) == text
    # Arrays of tables are [[...]] blocks from save to save, never inline.
    assert not re.search(r"^(signposts|phases|owners|comments) = \[\s*\{", text, re.MULTILINE)
    assert text.count("\n[[signposts]]\n") >= len(roadmap.signposts)


def _load_quietly(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoadmapWarning)
        try:
            roadmap_tui.loads(text)
        except RoadmapFileError as error:
            assert str(error)
            assert "Traceback" not in str(error)


MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["delete", "insert", "replace", "duplicate-line", "drop-line"]),
              st.integers(min_value=0), st.text(max_size=3)),
    min_size=1, max_size=6,
)


def _mutated(text: str, mutations: list[tuple[str, int, str]]) -> str:
    for kind, position, fragment in mutations:
        if not text:
            text = fragment
            continue
        at = position % len(text)
        lines = text.split("\n")
        line = position % len(lines)
        if kind == "delete":
            text = text[:at] + text[at + 1 + len(fragment):]
        elif kind == "insert":
            text = text[:at] + fragment + text[at:]
        elif kind == "replace":
            text = text[:at] + fragment + text[at + len(fragment):]
        elif kind == "duplicate-line":
            text = "\n".join([*lines[: line + 1], *lines[line:]])
        else:
            text = "\n".join(lines[:line] + lines[line + 1:])
    return text


@given(roadmaps(max_signposts=4), MUTATIONS)
def test_mutated_files_give_a_roadmap_or_a_clear_error(
    roadmap: Roadmap, mutations: list[tuple[str, int, str]]
) -> None:
    _load_quietly(_mutated(roadmap_tui.dumps(roadmap), mutations))


@given(st.text(max_size=300))
@example("format = 1\n[roadmap]\ntitle = 'x'\n[[signposts]]\n[[signposts.comments]]\n")
@example("format = 1\n[[signposts.comments]]\nauthor = 1\n")
@example("format = 1\n[roadmap]\ntitle = 'x'\n[[signposts]]\nid = 's1'\ntitle = 't'\n"
         "comments = 'nope'\n")
@example("format = 1\n[roadmap]\ntitle = 'x'\n[[signposts]]\nid = 's1'\ntitle = 't'\n"
         "status = ['planned']\n")
@example("format = 1\n[roadmap]\ntitle = 'x'\nparticipants = [1, 'a']\n")
@example("format = 1\n[roadmap]\ntitle = 'x'\n[[phases]]\nname = 'a'\n"
         "[[phases]]\nname = 'A'\n[[signposts]]\nid='a'\ntitle='b'\nphase='a'\n")
def test_any_text_gives_a_roadmap_or_a_clear_error(text: str) -> None:
    _load_quietly(text)


@settings(max_examples=30)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_roadmap_or_a_clear_error(tmp_path_factory: pytest.TempPathFactory,
                                                   data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "roadmap.toml"
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoadmapWarning)
        try:
            roadmap_tui.load(path)
        except RoadmapFileError as error:
            assert error.path == path


def test_every_key_order_reads_the_same() -> None:
    shuffled = (
        '[[signposts]]\nstatus = "done"\ntitle = "t"\nid = "s1"\nowners = ["A"]\n'
        '[[owners]]\ncountry = "KH"\nname = "A"\n'
        '[roadmap]\ntitle = "x"\n'
        "format = 1\n"
    )
    # format after [roadmap] belongs to that table: the top level has none.
    with pytest.raises(RoadmapFileError, match='missing "format = 1"'):
        roadmap_tui.loads(shuffled)
    roadmap = roadmap_tui.loads("format = 1\n" + shuffled.replace("format = 1\n", ""))
    assert roadmap_tui.dumps(roadmap).startswith('format = 1\n\n[roadmap]\ntitle = "x"\n')


def test_seed_text_is_minimal() -> None:
    assert SEED_TEXT == 'format = 1\n\n[roadmap]\ntitle = "seed"\n'
    assert roadmap_tui.loads(SEED_TEXT) == Roadmap(title="seed")


def test_load_accepts_str_paths(tmp_path: Path) -> None:
    path = tmp_path / "seed.toml"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert roadmap_tui.load(str(path)).title == "seed"


@given(st.text(max_size=40).filter(str.strip), st.sampled_from(["title", "notes"]))
def test_unsafe_characters_are_replaced_with_a_warning_never_kept(
    text: str, key: str
) -> None:
    """Whatever a file's strings hold, the loaded roadmap holds no unsafe character."""
    import tomli_w

    from roadmap_tui.model.text import clean_text

    document = {"format": 1, "roadmap": {"title": "t", key: text}}
    source = tomli_w.dumps(document)
    cleaned, count = clean_text(text, multiline=key == "notes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoadmapWarning)
        try:
            roadmap = roadmap_tui.loads(source)
        except RoadmapFileError as error:
            assert key == "title" and not cleaned.strip(), error  # an empty title
            return
    assert getattr(roadmap, key) == cleaned
    assert len(caught) == (1 if count else 0)
