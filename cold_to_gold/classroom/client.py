"""A trainee's connection to the host: join, read what to show, send intents, reconnect.

Used by the scripted `join --choose`, the join app in a terminal, and (through
that app) by browser and SSH trainees. Every message from the host is checked
against the protocol. The client makes its own seat token before joining
(or is given the one its device keeps), so a drop at any moment, even before
the welcome, ends with the same seat. After a drop it returns to its seat with
that token, for `retry_seconds` (ten minutes: a facilitator restarting a
laptop), telling `on_state` it is reconnecting; it resends an intent the host
had not answered, and the host answers a resent choice without making it twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp

from cold_to_gold.classroom.protocol import CLOSE_POLICY, HOST, decode, encode, message

MAX_HOST_MESSAGE = 2 * 1024 * 1024  # a welcome carries the scenario (at most 1 MB of YAML)
RETRY_SECONDS = 600.0  # how long a dropped trainee keeps coming back


def new_token() -> str:
    """A seat token made by the client (the protocol asks for at least 16 characters)."""
    return secrets.token_urlsafe(24)


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
        retry_seconds: float = RETRY_SECONDS,
        first_seconds: float = 10.0,
        on_state: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`name` for a new seat (with `token`, the device's own, or one made here);
        `token` alone returns to a seat. `on_state` hears "connecting", "reconnecting"
        and "connected"; `clock` and `sleep` are for tests."""
        self.address = address
        self.name = name
        self.token = token or (new_token() if name is not None else None)
        self.retry_seconds = retry_seconds
        self.first_seconds = first_seconds
        self.on_state = on_state or (lambda state: None)
        self.clock = clock
        self.sleep = sleep
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
        """Open a connection and send `join`; retry for `window` seconds."""
        assert self.http is not None
        deadline = self.clock() + window
        pause = 0.1
        while True:
            try:
                ws = await self.http.ws_connect(
                    self.address.url, max_msg_size=MAX_HOST_MESSAGE, heartbeat=20
                )
            except (TimeoutError, aiohttp.ClientError, OSError):
                if self.clock() + pause > deadline:
                    minutes = window / 60
                    waited = f" for {minutes:.0f} minutes" if minutes >= 1 else ""
                    raise HostLost(f"cannot reach the host at {self.address}{waited}") from None
                await self.sleep(pause)
                pause = min(pause * 2, 2.0)
                continue
            fields: dict[str, Any] = {"code": self.address.code}
            if self.name is not None and self.welcome is None:
                fields["name"] = self.name
            if self.token:
                fields["token"] = self.token
            await ws.send_str(encode(message("join", **fields)))
            return ws

    async def messages(self) -> AsyncIterator[dict[str, Any]]:
        """Every message from the host, in order, across reconnects, until the session ends."""
        window = self.first_seconds
        self.on_state("connecting")
        while True:
            self.ws = await self._connect(window)
            window = self.retry_seconds
            while True:
                try:
                    incoming = await self.ws.receive()
                except (aiohttp.ClientError, OSError):
                    break
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
            self.on_state("reconnecting")

    async def _note(self, data: dict[str, Any]) -> None:
        kind = data["type"]
        if kind == "welcome":
            self.token = data["token"]
            self.welcome = data
            self.on_state("connected")
        elif kind == "scene" and self.pending is not None:
            if self.pending.get("step") == data["step"] and self.pending["type"] == "choose":
                await self._send(self.pending)  # the host never answered it: send it again
        elif self.pending is not None and self._answers_pending(data):
            self.pending = None

    def _answers_pending(self, data: dict[str, Any]) -> bool:
        """Whether `data` answers the intent in flight (a feedback shown again after a
        resumed host, for an earlier choice, does not)."""
        kind, step = data["type"], data.get("step", 0)
        assert self.pending is not None
        if kind in ("finished", "refused"):
            return True
        if kind == "feedback":
            return step >= self.pending["step"]
        return kind == "wait" and data["reason"] != "claim" and step > self.pending["step"]

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
