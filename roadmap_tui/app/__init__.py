"""The Textual app. Importing this package loads Textual; the core never does."""

from .app import RoadmapApp

__all__ = ["RoadmapApp"]
