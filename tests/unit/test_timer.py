"""The session countdown, on a clock the test moves."""

from __future__ import annotations

from roadmap_tui.session.timer import SessionTimer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_counts_down_only_while_running() -> None:
    clock = Clock()
    timer = SessionTimer(45, clock)
    assert (timer.text(), timer.running, timer.started) == ("45:00", False, False)
    timer.toggle()
    clock.now += 61
    assert timer.text() == "43:59"
    timer.toggle()
    clock.now += 600
    assert timer.text() == "43:59" and timer.started and not timer.running


def test_time_up_and_over_time() -> None:
    clock = Clock()
    timer = SessionTimer(1, clock)
    timer.toggle()
    clock.now += 60
    assert timer.is_up and timer.text() == "0:00"
    clock.now += 125
    assert timer.text() == "-2:05"


def test_reset_sets_a_new_length() -> None:
    clock = Clock()
    timer = SessionTimer(45, clock)
    timer.toggle()
    clock.now += 30
    timer.reset(30)
    assert (timer.text(), timer.running, timer.minutes) == ("30:00", False, 30)


def test_a_new_length_keeps_a_running_timer_running() -> None:
    clock = Clock()
    timer = SessionTimer(45, clock)
    timer.toggle()
    clock.now += 600
    timer.set_length(30)
    assert timer.running and timer.text() == "20:00"
