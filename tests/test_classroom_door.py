"""The room's door on loopback: the code needed and never served, floods and guesses held
back, idle connections closed, and the host's trainee processes kept away from its secrets."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import aiohttp
import asyncssh
import pytest
from aiohttp.test_utils import TestClient, TestServer
from classroom_helpers import Trainee, make_hub

from cold_to_gold.classroom.browser import COOKIE, DEVICE, BrowserFront
from cold_to_gold.classroom.children import child_environment, scrubbed_command
from cold_to_gold.classroom.guard import Door, Limits
from cold_to_gold.classroom.host import Host, Where
from cold_to_gold.classroom.hub import Refused
from cold_to_gold.classroom.server import build_server


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_landing_page_never_serves_the_join_code(tmp_path) -> None:
    hub = make_hub(tmp_path)
    async with TestClient(TestServer(build_server(hub), host="127.0.0.1")) as http:
        page = await (await http.get("/")).text()
        assert hub.code not in page and "join code on the facilitator's screen" in page
        linked = await (await http.get(f"/?code={hub.code}")).text()
        assert f"cold-to-gold join {hub.code}@" in linked  # the link already held it


async def test_browser_pages_start_no_app_without_the_code_and_are_capped(tmp_path) -> None:
    hub = make_hub(tmp_path)
    hub.door = Door(Limits(browser_apps=2, browser_apps_per_address=1))
    front = BrowserFront(hub)
    started: list[str] = []
    release = asyncio.Event()

    async def app_process(request):  # stands in for textual-serve starting `cold-to-gold join`
        started.append(request.remote)
        await release.wait()
        return aiohttp.web.Response(text="served")

    front.server.handle_websocket = app_process
    async with TestClient(TestServer(build_server(hub, front.attach), host="127.0.0.1")) as http:
        front.listening("127.0.0.1", http.port)
        assert (await http.get("/browser/ws")).status == 403  # no code, no process
        http.session.cookie_jar.update_cookies({COOKIE: "WRONG1"})
        assert (await http.get("/browser/ws")).status == 403
        assert started == [] and hub.door.failed == 1
        page = await http.get(f"/?code={hub.code}")
        assert page.cookies[COOKIE].value == hub.code  # the page hands the code to its socket
        assert len(page.cookies[DEVICE].value) >= 16  # and the browser an id of its own
        first = asyncio.create_task(http.get("/browser/ws"))
        while not started:
            await asyncio.sleep(0)
        assert (await http.get("/browser/ws")).status == 429  # one page per address here
        release.set()
        assert (await (await first).text()) == "served" and started == ["127.0.0.1"]
        assert front.running["127.0.0.1"] == 0
    front.listening("127.0.0.1", 1)
    assert "env -i" in front.server.command


def test_new_seats_are_capped_per_address_and_the_room_locks(tmp_path) -> None:
    hub = make_hub(tmp_path)
    hub.door = Door(Limits(seats_per_address=2, exempt=()))
    ann = hub.join(Trainee(), hub.code, name="Ann", source="10.0.0.5")
    hub.join(Trainee(), hub.code, name="Bo", source="10.0.0.5")
    with pytest.raises(Refused, match="as many seats"):
        hub.join(Trainee(), hub.code, name="Bot3", source="10.0.0.5")
    hub.join(Trainee(), hub.code, name="Cy", source="10.0.0.6")
    hub.lock()
    with pytest.raises(Refused, match="locked"):
        hub.join(Trainee(), hub.code, name="Di", source="10.0.0.7")
    token = hub.seats[ann.number].sink.inbox[0]["token"]  # type: ignore[union-attr]
    assert hub.join(Trainee(), hub.code, token=token, source="10.0.0.5") is ann
    hub.remove_many([2, 3])
    assert [seat.name for seat in hub.active_seats()] == ["Ann"]


def test_wrong_codes_are_limited_per_address_and_counted(tmp_path) -> None:
    hub = make_hub(tmp_path)
    clock = Clock()
    hub.door = Door(Limits(wrong_burst=3, retry_after=10, clock=clock))
    events: list[dict] = []
    hub.listeners.append(events.append)
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC"):
        with pytest.raises(Refused, match="not this session's"):
            hub.join(Trainee(), guess, name="Eve", source="10.0.0.9")
    with pytest.raises(Refused, match="too many wrong codes"):
        hub.join(Trainee(), hub.code, name="Eve", source="10.0.0.9")  # even the right one
    hub.join(Trainee(), hub.code, name="Ann", source="10.0.0.2")  # another address is not held
    clock.now += 10
    hub.join(Trainee(), hub.code, name="Eve", source="10.0.0.9")
    assert hub.door.failed == 3 and [e["event"] for e in events].count("failed") == 3


async def test_a_connection_that_never_joins_is_closed(tmp_path) -> None:
    hub = make_hub(tmp_path)
    hub.door = Door(Limits(join_seconds=0.05))
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(f"http://127.0.0.1:{server.port}/ws")
            incoming = await asyncio.wait_for(ws.receive(), 5)
            assert incoming.type == aiohttp.WSMsgType.CLOSE and "no 'join'" in incoming.extra
    finally:
        await server.close()


async def test_the_console_shows_failed_attempts_and_locks_the_room(tmp_path) -> None:
    from textual.widgets import Static

    from cold_to_gold.tui.console_app import ConsoleApp

    hub = make_hub(tmp_path)
    app = ConsoleApp(hub, Host(hub, Where.choose(lan=False)), port=0)
    async with app.run_test(size=(100, 30)) as pilot:
        for n in range(3):
            with pytest.raises(Refused):
                hub.join(Trainee(), "WRONG1", name=f"Bot{n}", source="10.0.0.9")
        for name in ("Ann", "Bot1", "Bot2"):
            hub.join(Trainee(), hub.code, name=name)
        app.screen.show()  # the next redraw, without waiting for its timer
        await pilot.pause()
        door = str(app.screen.query_one("#door", Static).render())
        assert "3 failed attempts" in door and "1 address" in door
        await pilot.press("l")
        assert hub.locked and "LOCKED" in str(app.screen.query_one("#door", Static).render())
        await pilot.press("down", "space", "space", "x", "y")  # mark Bot1 and Bot2, remove both
        assert [seat.name for seat in hub.active_seats()] == ["Ann"]


async def test_trainee_processes_get_no_secret_and_a_home_of_their_own(tmp_path) -> None:
    os.environ["COLD_TO_GOLD_LRS_SECRET"] = "s3cret"
    try:
        env = child_environment(tmp_path)
        assert "COLD_TO_GOLD_LRS_SECRET" not in env and env["HOME"] == str(tmp_path)
        command = scrubbed_command(
            [sys.executable, "-c", "import os,json;print(json.dumps(dict(os.environ)))"], tmp_path
        )
        shell = await asyncio.create_subprocess_shell(
            command,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "TEXTUAL_DRIVER": "web", "AWS_SECRET_ACCESS_KEY": "x"},
        )
        out, _ = await shell.communicate()
    finally:
        del os.environ["COLD_TO_GOLD_LRS_SECRET"]
    seen = json.loads(out)
    assert "COLD_TO_GOLD_LRS_SECRET" not in seen and "AWS_SECRET_ACCESS_KEY" not in seen
    assert seen["TEXTUAL_DRIVER"] == "web" and seen["COLD_TO_GOLD_REMOTE"] == "1"
    assert Path(seen["HOME"]) == tmp_path and "TEXTUAL_FPS" not in seen


async def test_the_join_app_served_by_the_host_takes_no_screenshot(tmp_path, monkeypatch) -> None:
    from cold_to_gold.classroom.client import Address
    from cold_to_gold.tui.join_app import JoinApp

    monkeypatch.setenv("COLD_TO_GOLD_REMOTE", "1")
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    app = JoinApp(Address("AAAAAA", "127.0.0.1", 9), "Sam")
    assert not app.use_command_palette
    assert app.deliver_screenshot() is None and list(here.iterdir()) == []


async def test_ssh_password_tries_are_limited_and_counted(tmp_path) -> None:
    hub = make_hub(tmp_path, pace="free")
    host = Host(hub, Where.choose(lan=False), ssh_port=0)
    await host.start(0)
    tried: list[str] = []

    class Guesser(asyncssh.SSHClient):
        def password_auth_requested(self) -> str:
            tried.append("x")
            return f"GUESS{len(tried)}"

    try:
        with pytest.raises(
            (asyncssh.PermissionDenied, asyncssh.ConnectionLost, asyncssh.DisconnectError)
        ):
            await asyncssh.connect(
                "127.0.0.1", host.ssh_port, known_hosts=None, username="eve",
                client_factory=Guesser, preferred_auth="password",
            )  # fmt: skip
        assert len(tried) == 3 and hub.door.failed == 3  # the connection was closed after 3
    finally:
        await host.stop()
