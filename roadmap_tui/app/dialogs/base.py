"""A modal that answers once."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

AnswerType = TypeVar("AnswerType")


class Dialog(ModalScreen[AnswerType]):
    """A modal that answers once: keys that arrived together (a fast typist, a laggy
    remote terminal) must not answer twice and pop the screen beneath."""

    _answered = False

    def answer(self, result: AnswerType | None) -> None:
        if not self._answered:
            self._answered = True
            self.dismiss(result)
