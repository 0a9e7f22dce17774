"""The roadmap domain: immutable values and pure edits. Standard library only."""

from .roadmap import (
    DEBRIEF_LISTS,
    DEFAULT_PHASE_NAMES,
    DEFAULT_STATUS,
    Comment,
    Owner,
    Phase,
    Roadmap,
    Signpost,
    Status,
)
from .validate import Problem, validate

__all__ = [
    "DEBRIEF_LISTS",
    "DEFAULT_PHASE_NAMES",
    "DEFAULT_STATUS",
    "Comment",
    "Owner",
    "Phase",
    "Problem",
    "Roadmap",
    "Signpost",
    "Status",
    "validate",
]
