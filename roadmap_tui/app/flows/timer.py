"""The session timer on the shared screen: ``t`` starts and pauses it, the header
counts down, and time up rings once."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ...session.timer import SessionTimer
from ..notices import withdraw
from .forms import Forms
from .view import MainView

TIME_UP_TITLE = "Session timer"


@runtime_checkable
class HasCountdown(Protocol):
    """A screen with a report-back countdown (present)."""

    def restart_countdown(self, minutes: int | None = None) -> None: ...


class TimerControl:
    def __init__(self, view: MainView, forms: Forms, minutes: int) -> None:
        self.view = view
        self.forms = forms
        self.timer = SessionTimer(minutes, view.host.clock)
        self._ticking = False
        self._time_up_told = False
        self._before: tuple[float, float, float | None] | None = None
        """The timer before the last ``t``: a ``t`` that began a word is taken back."""

    def toggle(self) -> None:
        timer = self.timer
        self._before = timer.state()
        if timer.is_up:
            timer.reset()
            self._time_up_told = False
        self._forget_time_up()
        timer.toggle()
        if timer.running and not self._ticking:
            self._ticking = True
            self.view.set_interval(1, self.tick)
        self.view.show_header()  # the header says running or paused, and the time left

    def take_back(self) -> None:
        """The ``t`` was the first letter of a word typed at the list: as if never pressed."""
        if self._before is not None:
            self.timer.restore(self._before)
            self._before = None
        self.view.show_header()

    def tick(self) -> None:
        self.view.show_header()
        if self.timer.is_up and not self._time_up_told:
            self._time_up_told = True
            self.view.app.bell()
            self.view.app.notify(f"Time is up: the {self.timer.minutes}-minute session is "
                                 "over (t starts it again).", title=TIME_UP_TITLE,
                                 severity="warning", timeout=20, markup=False)

    def _forget_time_up(self) -> None:
        """A restart or a new length makes the time-up notice wrong: it goes at once."""
        withdraw(self.view.app, lambda notice: notice.title == TIME_UP_TITLE)

    async def set_length(self) -> None:
        minutes = await self.forms.ask_minutes("Session timer length", self.timer.minutes,
                                               24 * 60, "The timer")
        if minutes is None:
            return
        timer = self.timer
        timer.set_length(minutes)
        self._time_up_told = timer.is_up and self._time_up_told
        if not timer.is_up:
            self._forget_time_up()
        self.view.host.set_timer_minutes(minutes)
        self.view.show_header()
        if timer.running:
            said = f"still running, {timer.text()} left"
        elif timer.started:
            said = f"paused, {timer.text()} left; t resumes it"
        else:
            said = "t starts it"
        self.view.app.notify(f"Timer set to {minutes} minutes: {said}.", markup=False)

    def reset(self) -> None:
        self._forget_time_up()
        self.timer.reset()
        self._time_up_told = False
        self.view.show_header()

    async def set_report_length(self) -> None:
        """The report-back countdown's length, kept in the settings; a report-back being
        presented restarts with it."""
        minutes = await self.forms.ask_minutes("Report-back length",
                                               self.view.host.settings.report_minutes, 60,
                                               "The report-back")
        if minutes is None:
            return
        self.view.host.set_report_minutes(minutes)
        for screen in self.view.app.screen_stack:
            if isinstance(screen, HasCountdown):
                screen.restart_countdown(minutes)
        self.view.app.notify(f"Report-back set to {minutes} minutes; present (p) starts it.",
                             markup=False)
