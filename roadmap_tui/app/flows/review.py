"""A reviewer's comments: kept beside the group's file (``NAME.review.toml``), never in it,
and shown under their signposts."""

from __future__ import annotations

import getpass
from pathlib import Path

from ...model import Comment
from ...session.document import now
from ...storage import RoadmapFileError
from ...storage.review import ReviewComment, add_review_comment, load_review, review_path
from .view import MainView


class Review:
    def __init__(self, view: MainView) -> None:
        self.view = view
        self.comments: tuple[ReviewComment, ...] = ()
        self._of: Path | None = None
        self._loaded = False
        self._grouped: dict[str, tuple[Comment, ...]] | None = None

    def kept_in(self) -> str:
        """The name of the file the comments on the open roadmap are kept in."""
        path = self.view.document.path
        return review_path(path).name if path is not None else ""

    def by_signpost(self) -> dict[str, tuple[Comment, ...]]:
        """The comments of the open file, read when it is first shown."""
        path = self.view.document.path
        if not self._loaded or self._of != path:
            self._load(path)
        if self._grouped is None:  # asked at every cursor move: grouped once per change
            self._grouped = {}
            for signpost_id, comment in self.comments:
                self._grouped[signpost_id] = (*self._grouped.get(signpost_id, ()), comment)
        return self._grouped

    def _load(self, path: Path | None) -> None:
        self._of, self._loaded, self.comments, self._grouped = path, True, (), None
        if path is None:
            return
        try:
            self.comments = load_review(path)
        except RoadmapFileError as error:
            self.view.app.notify(f"Review comments not shown: {error}", severity="warning",
                                 markup=False)

    def keep(self, signpost_id: str, text: str) -> bool:
        """In review the group's file is never touched: the comment goes beside it."""
        app = self.view.app
        path = self.view.document.path
        if path is None:
            app.notify("Read-only: this roadmap has no file to keep comments beside.",
                       severity="warning", markup=False)
            return False
        comment = ReviewComment(signpost_id, Comment(reviewer_name(), now(), text))
        try:
            self.comments = add_review_comment(path, comment)
            self._grouped = None
        except RoadmapFileError as error:
            app.notify(f"Comment not kept: {error}", severity="error", markup=False)
            return False
        app.notify(f"Comment kept in {review_path(path).name}; the roadmap file is not "
                   "changed.", markup=False)
        return True


def reviewer_name() -> str:
    """Who wrote a review comment: the computer's user name (a reviewer works alone)."""
    try:
        return getpass.getuser() or "reviewer"
    except (OSError, KeyError):
        return "reviewer"
