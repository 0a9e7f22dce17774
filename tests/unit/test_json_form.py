"""export -f json: the roadmap file's document as JSON, dates ISO 8601 (SPEC section 7)."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from strategies import roadmaps

import roadmap_tui
from roadmap_tui import Comment, Phase, Roadmap, Signpost
from roadmap_tui.storage.codec import SIGNPOST_KEYS
from roadmap_tui.storage.json_form import to_json


def with_iso_dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: with_iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_iso_dates(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@given(roadmaps())
def test_json_is_the_toml_document_with_iso_dates(roadmap: Roadmap) -> None:
    text = to_json(roadmap)
    expected = with_iso_dates(tomllib.loads(roadmap_tui.dumps(roadmap)))
    found = json.loads(text)
    assert found == expected
    # The same key order as the file, table by table.
    assert json.dumps(found) == json.dumps(expected)
    assert text.endswith("\n")


def test_an_example_document() -> None:
    zone = timezone(timedelta(hours=7))
    roadmap = Roadmap(
        "The Legal Route", created=datetime(2020, 12, 11, 9, 0, tzinfo=zone),
        phases=(Phase("Now", date(2021, 1, 1)),),
        signposts=(Signpost("s1", "Build capacity", phase="Now", due=date(2021, 3, 31),
                            comments=(Comment("Ana", datetime(2020, 12, 12, 10, 0,
                                                              tzinfo=zone), "Who funds this?"),)),
                   Signpost("s2", "ប្រទេសកម្ពុជា")))
    assert json.loads(to_json(roadmap)) == {
        "format": 1,
        "roadmap": {"title": "The Legal Route", "created": "2020-12-11T09:00:00+07:00"},
        "phases": [{"name": "Now", "start": "2021-01-01"}],
        "signposts": [
            {"id": "s1", "title": "Build capacity", "phase": "Now", "status": "planned",
             "due": "2021-03-31",
             "comments": [{"author": "Ana", "at": "2020-12-12T10:00:00+07:00",
                           "text": "Who funds this?"}]},
            {"id": "s2", "title": "ប្រទេសកម្ពុជា", "status": "planned"},
        ],
    }
    assert "ប្រទេសកម្ពុជា" in to_json(roadmap)  # readable, not \\u escapes
    keys = list(json.loads(to_json(roadmap))["signposts"][0])
    assert keys == [key for key in SIGNPOST_KEYS if key in keys]
