"""A roadmap as JSON, for scripts and other programs (SPEC section 7).

The JSON is the roadmap file's document: the same keys with the same names,
nested the same way (``format``, ``roadmap``, ``phases``, ``owners``,
``signposts`` with their ``comments``), in the same order, with empty values
left out as the TOML writer leaves them out. Dates and date-times are ISO 8601
strings (``2021-03-31``, ``2020-12-11T09:00:00+07:00``). So
``json.loads(to_json(r))`` is ``tomllib.loads(dumps(r))`` with dates as text.
"""

from __future__ import annotations

import json
from datetime import date

from ..model.roadmap import Roadmap
from .codec import document


def to_json(roadmap: Roadmap) -> str:
    """The roadmap as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(document(roadmap), ensure_ascii=False, indent=2, default=_iso) + "\n"


def _iso(value: object) -> str:
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form")
