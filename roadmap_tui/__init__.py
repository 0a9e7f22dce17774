"""roadmap-tui: plan a breakout group's roadmap of signposts, owners and timelines.

The top level offers the file API in the manner of ``tomllib``::

    import roadmap_tui
    roadmap = roadmap_tui.load(path)
    roadmap_tui.save(roadmap, path)
"""

from .model import Comment, Owner, Phase, Roadmap, Signpost, Status
from .storage import RoadmapFileError, RoadmapWarning, dumps, load, loads, save

__version__ = "0.1.0"

__all__ = [
    "Comment",
    "Owner",
    "Phase",
    "Roadmap",
    "RoadmapFileError",
    "RoadmapWarning",
    "Signpost",
    "Status",
    "__version__",
    "dumps",
    "load",
    "loads",
    "save",
]
