"""Forwarding statements to the company's Learning Record Store through an outbox.

Statements wait in the outbox table of the classroom records until the LRS
has taken them. Each keeps its stable id, so a batch that went out but whose
answer was lost is simply sent again: the LRS answers an identical resend
without storing it twice. A flaky venue network only delays delivery.

Configured by environment variables, so the secret stays off the command line:
`COLD_TO_GOLD_LRS_ENDPOINT` (the xAPI endpoint, e.g. https://lrs.example.com/xapi/),
`COLD_TO_GOLD_LRS_KEY` and `COLD_TO_GOLD_LRS_SECRET` (HTTP Basic credentials).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from cold_to_gold.classroom.records import Records

XAPI_VERSION = "1.0.3"
BATCH = 50


class LrsConfigError(Exception):
    """The LRS settings are incomplete or malformed."""


@dataclass(frozen=True)
class LrsConfig:
    endpoint: str
    key: str
    secret: str = field(repr=False)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> LrsConfig | None:
        """The LRS named by the environment, None when none is; `LrsConfigError` if half-set."""
        env = dict(os.environ) if env is None else env
        endpoint = env.get("COLD_TO_GOLD_LRS_ENDPOINT", "").strip()
        if not endpoint:
            return None
        if not endpoint.startswith(("http://", "https://")):
            raise LrsConfigError("COLD_TO_GOLD_LRS_ENDPOINT must be an http:// or https:// URL")
        key = env.get("COLD_TO_GOLD_LRS_KEY", "")
        secret = env.get("COLD_TO_GOLD_LRS_SECRET", "")
        if not (key and secret):
            raise LrsConfigError("COLD_TO_GOLD_LRS_KEY and COLD_TO_GOLD_LRS_SECRET must be set")
        return cls(endpoint.rstrip("/") + "/", key, secret)

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"


class DeliveryFailed(Exception):
    """The LRS could not be reached or refused the batch; the statements wait for next time."""


@dataclass
class Delivered:
    sent: int = 0
    rejected: int = 0


class Outbox:
    """Sends what waits in the outbox, a batch at a time, oldest first."""

    def __init__(
        self, records: Records, config: LrsConfig, http: aiohttp.ClientSession, batch: int = BATCH
    ) -> None:
        self.records = records
        self.config = config
        self.http = http
        self.batch = batch
        self.last_error: str | None = None

    def _request(self, method: str, url: str, **kwargs: Any):
        return self.http.request(
            method,
            url,
            headers={
                "Authorization": aiohttp.encode_basic_auth(self.config.key, self.config.secret),
                "X-Experience-API-Version": XAPI_VERSION,
            },
            timeout=aiohttp.ClientTimeout(total=30),
            **kwargs,
        )

    async def deliver(self) -> Delivered:
        """Send until the outbox is empty; `DeliveryFailed` leaves the rest for a retry."""
        done = Delivered()
        while batch := self.records.unsent(self.batch):
            ids = [statement["id"] for statement in batch]
            request = self._request("POST", self.config.statements_url, json=batch)
            status = await self._send(request, ids)
            if status in (200, 204):
                self.records.mark_sent(ids)
                done.sent += len(ids)
            elif status == 409:  # one of them conflicts: find it, deliver the others
                for statement in batch:
                    await self._put(statement, done)
            else:
                self._fail(ids, status)
        self.last_error = None
        return done

    async def _put(self, statement: dict[str, Any], done: Delivered) -> None:
        url = self.config.statements_url
        request = self._request("PUT", url, params={"statementId": statement["id"]}, json=statement)
        status = await self._send(request, [statement["id"]])
        if status in (200, 204):
            self.records.mark_sent([statement["id"]])
            done.sent += 1
        elif status == 409:
            self.records.mark_rejected(
                statement["id"], "the LRS holds a different statement with this id"
            )
            done.rejected += 1
        else:
            self._fail([statement["id"]], status)

    async def _send(self, request, ids: list[str]) -> int:
        try:
            async with request as response:
                await response.read()
                return response.status
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            self.last_error = f"cannot reach the LRS: {error or type(error).__name__}"
            self.records.mark_failed(ids, self.last_error)  # an attempt, like an HTTP error
            raise DeliveryFailed(self.last_error) from None

    def _fail(self, ids: list[str], status: int) -> None:
        if status in (401, 403):
            self.last_error = f"the LRS refused the credentials (HTTP {status})"
        else:
            self.last_error = f"the LRS answered HTTP {status}"
        self.records.mark_failed(ids, self.last_error)
        raise DeliveryFailed(self.last_error)

    async def run(
        self,
        stop: asyncio.Event,
        every: float = 2.0,
        longest: float = 60.0,
        report: Callable[[str], None] | None = None,
        news: asyncio.Event | None = None,
    ) -> None:
        """Deliver now and then until `stop` is set, waiting longer after each failure.

        `news`, when set by whoever queues statements, ends a pause early (not a backoff)."""
        pause = every
        while not stop.is_set():
            try:
                await self.deliver()
                pause = every
            except DeliveryFailed as error:
                if report is not None:
                    report(str(error))
                pause = min(pause * 2, longest)
            await _pause(stop, news if pause == every else None, pause)


async def _pause(stop: asyncio.Event, news: asyncio.Event | None, seconds: float) -> None:
    """Wait `seconds`, or until `stop` (or `news`, which is then cleared) is set."""
    waits = [asyncio.ensure_future(stop.wait())]
    if news is not None:
        waits.append(asyncio.ensure_future(news.wait()))
    try:
        await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in waits:
            waiting.cancel()
    if news is not None:
        news.clear()
