"""Hosting a session: open it (new or resumed), listen, say where to join, stop cleanly.

The same `Host` runs under the headless command and under the facilitator's
console; both only add a way to show events and to call the hub's actions.
"""

from __future__ import annotations

import shutil
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from cold_to_gold.classroom.hub import Hub
from cold_to_gold.classroom.records import Records
from cold_to_gold.classroom.server import build_server, start
from cold_to_gold.scenario.model import Scenario

LOOPBACK = "127.0.0.1"


class HostError(Exception):
    """The session cannot be hosted as asked; one line says why."""


def lan_address() -> str:
    """This machine's address on the local network, as trainees' devices reach it.

    Taken from the interfaces, never from the host name (on Debian and Ubuntu it
    resolves to 127.0.1.1): first the address the system would send from to
    reach outside addresses (no packet is sent), then the interface list.
    Falls back to loopback when there is no network.
    """
    for address in [*_routed_addresses(), *_interface_addresses()]:
        if _reachable(address):
            return address
    return LOOPBACK


_PROBES = ("192.0.2.1", "10.255.255.255", "172.31.255.255", "192.168.255.255")


def _routed_addresses() -> list[str]:
    """The source address of a route to each probe (a UDP `connect` sends nothing)."""
    found = []
    for probe in _PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found.append(udp.getsockname()[0])
        except OSError:
            continue
    return found


def _interface_addresses() -> list[str]:
    """The IPv4 address of each network interface (Linux; elsewhere none are found)."""
    import struct

    try:
        import fcntl

        names = [name for _, name in socket.if_nameindex()]
    except (ImportError, OSError):
        return []
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for name in names:
            packed = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), 0x8915, packed)  # SIOCGIFADDR
            except OSError:
                continue
            found.append(socket.inet_ntoa(answer[20:24]))
    return found


def _reachable(address: str) -> bool:
    """An address another device could use: not loopback, link-local or unspecified."""
    return not address.startswith(("127.", "169.254.", "0."))


@dataclass
class Where:
    """Where the host listens (`bind`) and the address it gives trainees (`public`)."""

    bind: str
    public: str

    @classmethod
    def choose(cls, lan: bool) -> Where:
        return cls("0.0.0.0", lan_address()) if lan else cls(LOOPBACK, LOOPBACK)


def new_session(
    scenario: Scenario, records: Records, pace: str, where: Where, **options: bool
) -> Hub:
    source = Path(scenario.path).read_text(encoding="utf-8")
    return Hub.create(scenario, source, records, pace=pace, host=where.public, **options)


def resumed_session(records: Records, key: str, **options: bool) -> Hub:
    """The session `key` (its id or code) as saved; `HostError` if there is none."""
    from cold_to_gold.scenario import ScenarioInvalid, load_text

    session = records.session(key)
    if session is None:
        raise HostError(f"no session '{key}' in {records.path}")
    try:
        scenario = load_text(session.scenario_source, session.scenario_path)
    except ScenarioInvalid as error:
        raise HostError(f"the session's scenario no longer loads: {error}") from None
    return Hub.resume(scenario, records, session, **options)


class Host:
    """A hub served over HTTP and WebSocket until `stop`."""

    def __init__(
        self, hub: Hub, where: Where, browser: bool = False, ssh_port: int | None = None
    ) -> None:
        """`browser` serves the join app to web pages too (raises `BrowserUnavailable`);
        `ssh_port` to SSH sessions (raises `SshUnavailable`)."""
        self.hub = hub
        self.where = where
        self.front = None
        self.ssh = None
        self.ssh_port = ssh_port
        if ssh_port is not None:
            from cold_to_gold.classroom.ssh import SshFront

            self.ssh = SshFront(hub)
        if browser:
            from cold_to_gold.classroom.browser import BrowserFront

            self.front = BrowserFront(hub)
        self.app = build_server(hub, self.front.attach if self.front else None)
        self.runner: web.AppRunner | None = None
        self.port = 0

    async def start(self, port: int | None = None) -> None:
        """Listen; with no port, the session's saved one (a resumed host keeps its address)."""
        wanted = self.hub.session.port if port is None else port
        try:
            self.runner, self.port = await start(self.app, self.where.bind, wanted)
        except OSError as error:
            raise HostError(
                f"cannot listen on {self.where.bind}:{wanted}: {error.strerror or error}"
            ) from None
        self.hub.records.save_address(self.hub.session.id, self.where.public, self.port)
        if self.front is not None:
            self.front.listening(self.where.public, self.port)
        if self.ssh is not None:
            assert self.ssh_port is not None
            try:
                self.ssh_port = await self.ssh.start(self.where.bind, self.ssh_port, self.port)
            except OSError as error:
                await self.stop()
                raise HostError(f"cannot listen for SSH: {error.strerror or error}") from None

    @property
    def address(self) -> str:
        """What a terminal trainee types after `cold-to-gold join`."""
        return f"{self.hub.code}@{self.where.public}:{self.port}"

    @property
    def ssh_command(self) -> str | None:
        """What an SSH trainee types (the password is the join code), when SSH is on."""
        if self.ssh is None:
            return None
        return f"ssh -p {self.ssh_port} NAME@{self.where.public}"

    @property
    def url(self) -> str:
        """The join link, for a browser and the QR code."""
        return f"http://{self.where.public}:{self.port}/?code={self.hub.code}"

    def ready(self) -> dict[str, Any]:
        """The first line of the headless output."""
        ready = {
            "event": "ready",
            "session": self.hub.session.id,
            "code": self.hub.code,
            "port": self.port,
            "url": self.url,
        }
        if self.ssh is not None:
            ready["ssh"] = self.ssh_port
        return ready

    async def stop(self) -> None:
        """Save the end and close every connection (trainees then wait for a resumed host)."""
        self.hub.stop()
        if self.ssh is not None:
            await self.ssh.stop()
        if self.runner is not None:
            await self.runner.cleanup()  # closes browser pages too, ending their app processes
            self.runner = None
        if self.front is not None:
            shutil.rmtree(self.front.templates, ignore_errors=True)
            shutil.rmtree(self.front.folder, ignore_errors=True)
