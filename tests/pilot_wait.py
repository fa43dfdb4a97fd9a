"""Waiting for the app in Pilot tests: on what it shows, never on a count of pauses.

A wait ends as soon as the condition holds; it gives up only after `PATIENCE`
seconds, long enough for a machine busy with other work, so a slow spell makes a
test slower, never red.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.css.query import NoMatches
from textual.pilot import Pilot

PATIENCE = 60.0  # seconds


async def until(
    pilot: Pilot,
    condition: Callable[[], object],
    seconds: float = PATIENCE,
    what: str = "the app never reached the expected state",
) -> None:
    """Let the app run until `condition()` is true (a query that finds nothing yet is false)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except NoMatches:  # a screen still being put together
            pass
        if time.monotonic() > deadline:
            raise AssertionError(what)
        await pilot.pause(0.02)
