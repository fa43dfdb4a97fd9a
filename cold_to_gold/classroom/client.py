"""A trainee's connection to the host: join, read what to show, send intents, reconnect.

Used by the scripted `join --choose`, the join app in a terminal, and (through
that app) by browser and SSH trainees. Every message from the host is checked
against the protocol. After a network drop the client returns to its seat
with its token and resends an intent the host had not answered; the host
answers a resent choice without making it twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp

from cold_to_gold.classroom.protocol import CLOSE_POLICY, HOST, decode, encode, message

MAX_HOST_MESSAGE = 2 * 1024 * 1024  # a welcome carries the scenario (at most 1 MB of YAML)


class JoinError(Exception):
    """Joining failed or ended badly; the text is the reason shown to the trainee."""


class HostRefused(JoinError):
    """The host refused the trainee (a wrong code, a taken name, a removed seat...)."""


class HostLost(JoinError):
    """The host could not be reached, or did not come back in time."""


@dataclass(frozen=True)
class Address:
    code: str
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/ws"

    def __str__(self) -> str:
        return f"{self.code}@{self.host}:{self.port}"


_ADDRESS = re.compile(r"^(?P<code>[A-Za-z0-9]{4,12})@(?P<host>\[[^\]]+\]|[^:@/\s]+):(?P<port>\d+)$")


def parse_address(text: str) -> Address:
    """`CODE@HOST:PORT`, or the join link `http://HOST:PORT/?code=CODE`; ValueError says why."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        parts = urlsplit(text)
        code = parse_qs(parts.query).get("code", [""])[0]
        if not (parts.hostname and parts.port and code):
            raise ValueError(f"'{text}' is not a join link (http://HOST:PORT/?code=CODE)")
        return Address(code.upper(), parts.hostname, parts.port)
    found = _ADDRESS.match(text)
    if found is None:
        raise ValueError(f"'{text}' is not CODE@HOST:PORT (for example K7P2QX@192.168.1.20:8765)")
    port = int(found["port"])
    if not 0 < port < 65536:
        raise ValueError(f"'{text}': the port must be between 1 and 65535")
    return Address(found["code"].upper(), found["host"].strip("[]"), port)


class TraineeClient:
    """One trainee's seat, over as many connections as it takes."""

    def __init__(
        self,
        address: Address,
        name: str | None = None,
        token: str | None = None,
        retry_seconds: float = 60.0,
        first_seconds: float = 10.0,
    ) -> None:
        self.address = address
        self.name = name
        self.token = token
        self.retry_seconds = retry_seconds
        self.first_seconds = first_seconds
        self.welcome: dict[str, Any] | None = None
        self.pending: dict[str, Any] | None = None  # an intent not yet answered by the host
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.http: aiohttp.ClientSession | None = None
        self.reconnects = 0

    async def __aenter__(self) -> TraineeClient:
        self.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, connect=5))
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            with contextlib.suppress(ConnectionError, RuntimeError, aiohttp.ClientError):
                await self.ws.send_str(encode(message("leave")))
                await self.ws.close()
        if self.http is not None:
            await self.http.close()

    # --- connecting ---------------------------------------------------------------

    async def _connect(self, window: float) -> aiohttp.ClientWebSocketResponse:
        """Open a connection and send `join` (by token once seated); retry for `window` s."""
        assert self.http is not None
        deadline = time.monotonic() + window
        pause = 0.1
        while True:
            try:
                ws = await self.http.ws_connect(
                    self.address.url, max_msg_size=MAX_HOST_MESSAGE, heartbeat=20
                )
            except (TimeoutError, aiohttp.ClientError, OSError) as error:
                if time.monotonic() + pause > deadline:
                    raise HostLost(f"cannot reach the host at {self.address}: {error}") from None
                await asyncio.sleep(pause)
                pause = min(pause * 2, 1.0)
                continue
            fields: dict[str, Any] = {"code": self.address.code}
            if self.token:
                fields["token"] = self.token
            elif self.name is not None:
                fields["name"] = self.name
            await ws.send_str(encode(message("join", **fields)))
            return ws

    async def messages(self) -> AsyncIterator[dict[str, Any]]:
        """Every message from the host, in order, across reconnects, until the session ends."""
        window = self.first_seconds
        while True:
            self.ws = await self._connect(window)
            window = self.retry_seconds
            while True:
                incoming = await self.ws.receive()
                if incoming.type == aiohttp.WSMsgType.TEXT:
                    data = decode(incoming.data, HOST)
                    await self._note(data)
                    yield data
                    if data["type"] == "ended":
                        return
                    continue
                if incoming.type == aiohttp.WSMsgType.CLOSE and incoming.data == CLOSE_POLICY:
                    raise HostRefused(incoming.extra or "the host closed the connection")
                break  # closed or broken: come back to the seat
            if self.token is None:
                raise HostLost("the connection ended before the host seated this trainee")
            self.reconnects += 1

    async def _note(self, data: dict[str, Any]) -> None:
        kind = data["type"]
        if kind == "welcome":
            self.token = data["token"]
            self.welcome = data
        elif kind == "scene" and self.pending is not None:
            if self.pending.get("step") == data["step"] and self.pending["type"] == "choose":
                await self._send(self.pending)  # the host never answered it: send it again
        elif kind in ("feedback", "wait", "finished", "refused"):
            self.pending = None

    async def send(self, kind: str, **fields: Any) -> None:
        """Send an intent; if the connection is down it goes again after the reconnect."""
        data = message(kind, **fields)
        if kind == "choose":
            self.pending = data
        await self._send(data)

    async def _send(self, data: dict[str, Any]) -> None:
        if self.ws is None or self.ws.closed:
            return
        # On a broken connection the reader notices the drop and reconnects.
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.ws.send_str(encode(data))
