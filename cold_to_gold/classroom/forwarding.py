"""Queueing a live session's statements for the LRS as things happen, and sending them."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import aiohttp

from cold_to_gold.classroom.hub import Hub, Seat
from cold_to_gold.classroom.lrs import LrsConfig, Outbox
from cold_to_gold.classroom.records import SeatRow
from cold_to_gold.classroom.results import Attempt, SessionResults
from cold_to_gold.classroom.xapi import seat_statements

_NEWS = ("joined", "chose", "finished")


def queue_seat(hub: Hub, seat: Seat) -> None:
    """Put the seat's statements so far in the outbox (those already there stay as they are)."""
    row = SeatRow(seat.number, seat.name, seat.token_hash, seat.joined_at, None)
    choices = tuple(hub.records.choices(hub.session.id, seat.number))
    attempt = Attempt(row, seat.run, choices)
    results = SessionResults(hub.session, hub.scenario, ())
    statements = seat_statements(results, attempt, hub.roster)
    hub.records.queue_statements(hub.session.id, statements)


class Forwarder:
    """Follows the hub's events into the outbox and runs the outbox until stopped."""

    def __init__(self, hub: Hub, config: LrsConfig, report: Callable[[str], None]) -> None:
        self.hub = hub
        self.config = config
        self.report = report
        self.stop_event = asyncio.Event()
        self.news = asyncio.Event()  # something was queued: send it now, not at the next tick
        self.task: asyncio.Task | None = None

    def __call__(self, event: dict[str, Any]) -> None:
        if event["event"] in _NEWS:
            seat = self.hub.seats.get(event["seat"])
            if seat is not None and not seat.removed:
                queue_seat(self.hub, seat)
                self.news.set()

    def start(self) -> None:
        for seat in self.hub.active_seats():  # a resumed session: anything not queued yet
            queue_seat(self.hub, seat)
        self.hub.listeners.append(self)
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        async with aiohttp.ClientSession() as http:
            outbox = Outbox(self.hub.records, self.config, http)
            await outbox.run(self.stop_event, report=self.report, news=self.news)

    async def stop(self) -> None:
        self.stop_event.set()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self.task, 5)


def forward_from_env(hub: Hub, report: Callable[[str], None]) -> Forwarder | None:
    """Forward statements to the LRS the environment names, if any (the console and headless)."""
    config = LrsConfig.from_env()
    if config is None:
        return None
    forwarder = Forwarder(hub, config, report)
    forwarder.start()
    return forwarder
