"""Roadmap files: TOML to the model and back, validated and saved atomically.

Never imports Textual.
"""

from .errors import RoadmapFileError, RoadmapWarning
from .files import dumps, load, loads, save

__all__ = ["RoadmapFileError", "RoadmapWarning", "dumps", "load", "loads", "save"]
