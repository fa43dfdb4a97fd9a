"""Clocks a test moves on by hand, so nothing waits on the wall clock."""

from __future__ import annotations

import time

import pytest
from textual import _time


class FakeClock:
    """A clock that stands still until the test moves it on (give it where a clock is asked)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class TextualClock:
    """Textual's own clock (key events are stamped with it, timers run on it), moved on by
    hand: real time plus whatever the test has added. It only ever jumps forward, so
    Textual's timers and animations skip ahead as after a long pause."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ahead = 0.0
        monkeypatch.setattr(_time, "get_time", self)

    def __call__(self) -> float:
        return time.monotonic() + self.ahead

    def advance(self, seconds: float) -> None:
        self.ahead += seconds
