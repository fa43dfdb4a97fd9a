"""The host's network front: one aiohttp application, trainees on `/ws`.

Each WebSocket is one trainee. The first message must be `join`; after that
the connection speaks for that seat only (a message never names a seat, so no
one can act on another's). A message that is not JSON, breaks the protocol,
is too large or comes too fast closes that connection with a reason; an intent
that is valid but not allowed now (out of turn, paused) is answered with
`refused` and the connection stays. Nothing one trainee sends reaches another.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from cold_to_gold.classroom.hub import Hub, Refused, Seat
from cold_to_gold.classroom.protocol import (
    CLIENT,
    CLOSE_POLICY,
    MAX_MESSAGE_BYTES,
    ProtocolError,
    decode,
    encode,
    message,
)

HUB = web.AppKey("hub", Hub)
SOCKETS = web.AppKey("sockets", set)
ROOM = web.AppKey("room", object)
RESERVE = 64  # open files kept free for the records, the logs and the host's own work
RATE_PER_SECOND = 10.0  # a person clicks a few times a second at most
BURST = 20


class RateLimit:
    """A token bucket: `BURST` messages at once, then `RATE_PER_SECOND`.

    Only idle messages spend it (see `spend`): a message that moves the trainee's
    run on is bounded by the scenario itself, so a script may send those as fast
    as the host answers."""

    def __init__(self, rate: float = RATE_PER_SECOND, burst: int = BURST) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.at = time.monotonic()

    def allow(self) -> bool:
        moment = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (moment - self.at) * self.rate)
        self.at = moment
        return self.tokens >= 1

    def spend(self) -> None:
        self.tokens -= 1


class Connection:
    """A seat's sink over a WebSocket: the hub's messages are written in order by one task."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.writer = asyncio.create_task(self._write())

    def send(self, data: dict[str, Any]) -> None:
        self.queue.put_nowait(("send", encode(data)))

    def close(self, reason: str, code: int = CLOSE_POLICY) -> None:
        self.queue.put_nowait(("close", (code, reason)))

    async def _write(self) -> None:
        while True:
            what, payload = await self.queue.get()
            try:
                if what == "send":
                    await self.ws.send_str(payload)
                elif what == "stop":
                    return
                else:
                    code, reason = payload
                    await self.ws.close(code=code, message=reason.encode()[:120])
                    return
            except (ConnectionError, RuntimeError):
                return  # the trainee is gone; the hub hears of it when the reader ends

    async def finish(self) -> None:
        """Let the queued messages go out (briefly), then stop writing."""
        self.queue.put_nowait(("stop", None))
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(self.writer), 0.5)
        self.writer.cancel()


async def trainee_socket(request: web.Request) -> web.WebSocketResponse:
    """One trainee's connection, from `join` until it closes."""
    hub = request.app[HUB]
    room: Room = request.app[ROOM]  # type: ignore[assignment]
    if not room.admit(len(request.app[SOCKETS])):
        return web.Response(status=503, text="the host is full: try again in a moment")
    ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20, autoping=True)
    await ws.prepare(request)
    request.app[SOCKETS].add(ws)
    connection = Connection(ws)
    seat: Seat | None = None
    limit = RateLimit()
    source = request.remote or "?"
    joined = False  # `join` sent (seated, or waiting for the facilitator on a claim)
    try:
        while True:
            if not joined:  # a connection that never joins is not held open
                try:
                    incoming = await asyncio.wait_for(ws.receive(), hub.door.limits.join_seconds)
                except TimeoutError:
                    connection.close("no 'join' in time")
                    break
            else:
                incoming = await ws.receive()
            if incoming.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                break
            if incoming.type == WSMsgType.ERROR:
                break
            if incoming.type != WSMsgType.TEXT:
                connection.close("only text messages are spoken here")
                break
            if not limit.allow():
                connection.close("too many messages: slow down")
                break
            try:
                data = decode(incoming.data, CLIENT)
            except ProtocolError as error:
                connection.close(str(error))
                break
            if seat is None:
                seat = hub.seated(connection)  # a claim the facilitator granted meanwhile
            if seat is None:
                limit.spend()
                if hub.claiming(connection):
                    connection.send(message("refused", reason="wait for the facilitator"))
                    continue
                if data["type"] != "join":
                    connection.close("the first message must be 'join'")
                    break
                try:
                    seat = hub.join(
                        connection, data["code"], data.get("name"), data.get("token"), source
                    )
                except Refused as refused:
                    connection.send(message("refused", reason=str(refused)))
                    connection.close(str(refused))
                    break
                joined = True
                continue
            progress = (seat.step, seat.seen)
            if not _act(hub, seat, connection, data):
                break
            if (seat.step, seat.seen) <= progress:
                limit.spend()
    finally:
        hub.forget(connection)
        seat = seat or hub.seated(connection)
        if seat is not None and seat.sink is connection:
            hub.leave(seat, "disconnected")
        await connection.finish()
        request.app[SOCKETS].discard(ws)
    return ws


def _act(hub: Hub, seat: Seat, connection: Connection, data: dict[str, Any]) -> bool:
    """Carry out one intent of a seated trainee; False when the connection should end."""
    kind = data["type"]
    if kind == "join":
        connection.close("already joined")
        return False
    if kind == "leave":
        return False
    try:
        if kind == "choose":
            hub.choose(seat, data["step"], data["choice"])
        else:
            hub.ready(seat, data["step"])
    except Refused as refused:
        if seat.sink is not connection:  # removed or replaced meanwhile: nothing to answer
            return False
        connection.send(message("refused", reason=str(refused)))
    return True


async def landing(request: web.Request) -> web.Response:
    """What a browser sees without the browser front: how to join from a terminal.

    The join code is never served: only a link that already holds it is answered with it."""
    hub = request.app[HUB]
    host = request.host
    code = request.query.get("code", "").strip().upper()
    shown = hub.code if code == hub.code else "CODE"
    ask = "" if shown == hub.code else " (CODE is the join code on the facilitator's screen)"
    body = (
        "<!doctype html><meta charset=utf-8><title>Cold to Gold</title>"
        f"<h1>{_escape(hub.scenario.title)}</h1>"
        f"<p>Join from a terminal: <code>cold-to-gold join {shown}@{_escape(host)}</code>"
        f"{ask}</p>"
    )
    return web.Response(text=body, content_type="text/html")


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


async def _close_sockets(app: web.Application) -> None:
    for ws in list(app[SOCKETS]):
        await ws.close(code=WSCloseCode.GOING_AWAY, message=b"the host stopped")


class Room:
    """How many trainee connections the host holds at once: fewer than its open-file limit
    allows, so one more is refused with 503 and one log line, never a storm of tracebacks."""

    def __init__(self, most: int | None = None) -> None:
        self.most = most if most is not None else connection_limit()
        self.full = False

    def admit(self, open_now: int) -> bool:
        if open_now < self.most:
            self.full = False
            return True
        if not self.full:  # once per time the room fills, not once per refusal
            log.warning(
                "the host holds %d trainee connections, its limit (open files: ulimit -n); "
                "refusing more until some close",
                self.most,
            )
            self.full = True
        return False


def raise_file_limit() -> int:
    """Lift this process's open-file limit to its hard limit (macOS starts at 256);
    returns the limit now in force."""
    try:
        import resource
    except ImportError:  # not POSIX
        return 8192
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 10240 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    return 65536 if soft == resource.RLIM_INFINITY else soft


def connection_limit() -> int:
    """Trainee connections the open-file limit leaves room for (each is one file)."""
    return max(raise_file_limit() - RESERVE, 16)


class _OneLine(logging.Filter):
    """asyncio's 'out of system resource' on accept: one line a minute, without traceback."""

    def __init__(self) -> None:
        super().__init__()
        self.last = -60.0

    def filter(self, record: logging.LogRecord) -> bool:
        if "out of system resource" not in str(record.msg):
            return True
        moment = time.monotonic()
        if moment - self.last < 60:
            return False
        self.last = moment
        record.exc_info = None
        record.msg, record.args = "cannot accept more connections: too many open files", ()
        return True


log = logging.getLogger("cold_to_gold.host")
logging.getLogger("asyncio").addFilter(_OneLine())


def build_server(
    hub: Hub,
    extra_routes: Callable[[web.Application], Awaitable[None] | None] | None = None,
    most_connections: int | None = None,
) -> web.Application:
    """The host's aiohttp application: `/ws` for trainees and `/` for browsers."""
    app = web.Application(client_max_size=MAX_MESSAGE_BYTES)
    app[HUB] = hub
    app[SOCKETS] = set()
    app[ROOM] = Room(most_connections)
    app.router.add_get("/ws", trainee_socket)
    if extra_routes is not None:
        extra_routes(app)
    else:
        app.router.add_get("/", landing)
    app.on_shutdown.append(_close_sockets)
    return app


async def start(app: web.Application, bind: str, port: int) -> tuple[web.AppRunner, int]:
    """Listen on `bind:port` (0 picks a free port); returns the runner and the real port.

    The backlog is large because a whole room joins in the same second: with
    asyncio's default of 100, joins past it wait for SYN retries (about a second).
    """
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=2)
    await runner.setup()
    site = web.TCPSite(runner, bind, port, backlog=1024)
    await site.start()
    return runner, runner.addresses[0][1]
