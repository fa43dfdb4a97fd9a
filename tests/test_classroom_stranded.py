"""Nobody stranded: a seat comes back to its trainee, the client waits out a restarting
host, a resumed host shows what was answered, a gone SSH client frees its seat, and long
scripted rehearsals are not cut off."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import asyncssh
import pytest
from aiohttp.test_utils import TestServer
from classroom_helpers import Trainee, make_hub, reopen

from cold_to_gold.classroom import seat_keys
from cold_to_gold.classroom.client import Address, HostLost, TraineeClient, new_token
from cold_to_gold.classroom.host import Host, Where
from cold_to_gold.classroom.hub import Hub, Refused
from cold_to_gold.classroom.records import Records
from cold_to_gold.classroom.scripted import play_scripted
from cold_to_gold.classroom.server import SOCKETS, build_server
from cold_to_gold.scenario import load_text
from cold_to_gold.tui.join_app import JoinApp

THE_WEEK = Path(__file__).parent.parent / "scenarios" / "the-week.yaml"
ELEVEN = [  # a path of the-week with eleven decisions
    "call-engaged", "visit-chen", "email-chen", "call-two", "visit-eli", "proposal-eli",
    "visit-bruno", "proposal-bruno", "demo", "report", "none",
]  # fmt: skip


async def wait_for(pilot, condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


async def test_a_restarted_join_app_takes_its_seat_back_without_asking(tmp_path) -> None:
    hub = make_hub(tmp_path, pace="free")
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    address = Address(hub.code, "127.0.0.1", server.port)
    try:
        first = JoinApp(address, "Ann")
        async with first.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: first.screen.view.get("type") == "scene")
            await pilot.press("2")
            await wait_for(pilot, lambda: first.screen.view.get("type") == "feedback")
        assert seat_keys.kept(address).name == "Ann"  # type: ignore[union-attr]
        again = JoinApp(address)  # no name given: the device's seat, no name asked
        async with again.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: again.screen.view.get("type") == "feedback")
            assert hub.seats[1].connected and len(hub.seats) == 1
    finally:
        await server.close()


def test_another_device_gets_a_seat_only_when_the_facilitator_gives_it(tmp_path) -> None:
    hub = make_hub(tmp_path)
    laptop, phone = new_token(), new_token()
    ann = hub.join(Trainee(), hub.code, name="Ann", token=laptop)
    with pytest.raises(Refused, match="taken"):  # the owner is online: not a claim
        hub.join(Trainee(), hub.code, name="ann", token=phone)
    hub.leave(ann)
    asking = Trainee()
    assert hub.join(asking, hub.code, name="ann", token=phone) is None
    assert asking.last["type"] == "wait" and asking.last["reason"] == "claim"
    hub.decline(ann.number)
    assert asking.closed and asking.last["type"] == "refused"
    asking = Trainee()
    hub.join(asking, hub.code, name="Ann", token=phone)
    hub.grant(ann.number)
    assert asking.kinds()[1:3] == ["welcome", "scene"] and hub.seats[1].sink is asking
    with pytest.raises(Refused, match="not known"):
        hub.join(Trainee(), hub.code, token=laptop)  # the old device's token ended
    again = reopen(hub, tmp_path)  # the change is saved
    assert again.join(Trainee(), hub.code, name="Ann", token=phone) is again.seats[1]


def test_without_a_facilitator_a_claim_is_a_taken_name(tmp_path) -> None:
    hub = make_hub(tmp_path, claims=False)
    ann = hub.join(Trainee(), hub.code, name="Ann", token=new_token())
    hub.leave(ann)
    with pytest.raises(Refused, match="taken"):
        hub.join(Trainee(), hub.code, name="Ann", token=new_token())


async def test_a_dropped_client_keeps_coming_back_for_ten_minutes(tmp_path) -> None:
    hub = make_hub(tmp_path)
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    now = [0.0]

    async def sleep(seconds: float) -> None:  # a fake clock: no test waits ten minutes
        now[0] += seconds
        await asyncio.sleep(0)

    states: list[str] = []
    client = TraineeClient(
        Address(hub.code, "127.0.0.1", server.port), "Ann",
        on_state=states.append, clock=lambda: now[0], sleep=sleep,
    )  # fmt: skip
    with pytest.raises(HostLost) as lost:
        async with client:
            async for data in client.messages():
                if data["type"] == "scene":
                    await server.close()  # the host's laptop restarts, and never comes back
    assert states == ["connecting", "connected", "reconnecting"]
    assert now[0] >= 300 and "for 10 minutes" in str(lost.value)
    assert "aiohttp" not in str(lost.value) and "Errno" not in str(lost.value)


async def test_the_join_app_shows_it_is_reconnecting(tmp_path) -> None:
    hub = make_hub(tmp_path)
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    app = JoinApp(Address(hub.code, "127.0.0.1", server.port), "Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.view.get("type") == "scene")
        await server.close()
        await wait_for(pilot, lambda: app.screen.view.get("type") == "reconnecting")
        status = str(app.screen.query_one("#live-status").render())
        assert "Reconnecting" in status and "seat and answers are kept" in status


def test_after_a_resume_those_who_answered_see_the_feedback_and_their_meters(tmp_path) -> None:
    hub = make_hub(tmp_path)
    ann, bo = Trainee(), Trainee()
    a = hub.join(ann, hub.code, name="Ann")
    hub.join(bo, hub.code, name="Bo")
    hub.choose(a, 0, "call")
    hub.records.close()  # the host dies before the reveal
    again = reopen(hub, tmp_path)
    back = Trainee()
    again.join(back, hub.code, token=ann.inbox[0]["token"])
    assert back.last["type"] == "wait" and back.last["reason"] == "answered"
    assert back.last["path"] == ["call"]  # the client draws its meters and its answer from it
    again.reveal()
    assert back.last["type"] == "feedback" and back.last["choice"] == "call"


def test_a_resumed_headless_host_reveals_when_the_room_had_answered(tmp_path) -> None:
    hub = make_hub(tmp_path)
    ann, bo = Trainee(), Trainee()
    a, b = hub.join(ann, hub.code, name="Ann"), hub.join(bo, hub.code, name="Bo")
    hub.choose(a, 0, "call")
    hub.choose(b, 0, "post")  # the whole room answered; the host is killed before the reveal
    hub.records.close()
    again = reopen(hub, tmp_path, auto_reveal=True, auto_advance=True)
    back = Trainee()
    again.join(back, hub.code, token=ann.inbox[0]["token"])
    assert again.round == 1 and "feedback" in back.kinds()  # nobody waits for a reveal


async def test_a_closed_ssh_client_ends_its_app_and_frees_its_seat(tmp_path) -> None:
    hub = make_hub(tmp_path, pace="free")
    host = Host(hub, Where.choose(lan=False), ssh_port=0)
    await host.start(0)
    left = asyncio.Event()
    hub.listeners.append(lambda event: event["event"] == "left" and left.set())
    try:
        ssh = await asyncssh.connect(
            "127.0.0.1", host.ssh_port, known_hosts=None, username="-Sam", password=hub.code
        )
        process = await ssh.create_process(term_type="xterm-256color", term_size=(80, 24))
        seen = ""
        async with asyncio.timeout(20):
            while "Find her number" not in seen:
                seen += await process.stdout.read(65536)
        assert hub.seats[1].name == "-Sam" and hub.seats[1].connected
        ssh.abort()  # the trainee closes the laptop lid: no goodbye
        await asyncio.wait_for(left.wait(), 15)
        assert not hub.seats[1].connected
    finally:
        await host.stop()


def week_hub() -> Hub:
    source = THE_WEEK.read_text()
    scenario = load_text(source, str(THE_WEEK))
    return Hub.create(
        scenario, source, Records.open(), pace="together", auto_reveal=True, auto_advance=True
    )


async def test_a_scripted_rehearsal_of_a_long_scenario_is_not_cut_off() -> None:
    hub = week_hub()
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    try:
        end = await play_scripted(Address(hub.code, "127.0.0.1", server.port), "Rehearsal", ELEVEN)
        assert end.message == "finished" and hub.seats[1].run.path == ELEVEN
    finally:
        await server.close()


async def test_an_idle_flood_is_still_cut_off() -> None:
    hub = week_hub()
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(f"http://127.0.0.1:{server.port}/ws")
            join = {"v": 2, "type": "join", "code": hub.code, "name": "Flo"}
            await ws.send_json(join)
            for _ in range(40):  # answered already: moves nothing on
                await ws.send_json({"v": 2, "type": "choose", "step": 5, "choice": "post"})
            while (
                incoming := await asyncio.wait_for(ws.receive(), 5)
            ).type == aiohttp.WSMsgType.TEXT:
                pass
            assert incoming.type == aiohttp.WSMsgType.CLOSE and "too many" in incoming.extra
    finally:
        await server.close()


async def test_the_join_app_scrolls_shows_the_answer_and_the_counter_stops(tmp_path) -> None:
    hub = make_hub(tmp_path)
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    hub.join(Trainee(), hub.code, name="Bo")
    app = JoinApp(Address(hub.code, "127.0.0.1", server.port), "Ann")
    try:
        async with app.run_test(size=(60, 12)) as pilot:
            await wait_for(pilot, lambda: app.screen.view.get("type") == "scene")
            scroll = app.screen.query_one("#scene-scroll")
            assert scroll.max_scroll_y > 0
            await pilot.press("pagedown")
            assert scroll.scroll_y > 0
            await pilot.press("pageup")
            assert scroll.scroll_y == 0
            await pilot.press("2")
            await wait_for(pilot, lambda: app.screen.view.get("type") == "wait")
            status = str(app.screen.query_one("#live-status").render())
            assert "Your answer: Find her number" in status
    finally:
        await server.close()
    for seat, plan in ((hub.seats[1], ["post", "email"]), (hub.seats[2], ["call", "meet"])):
        for step, choice in enumerate(plan):
            if seat.step <= step:
                hub.advance() if not hub.may_choose(step) else None
                hub.choose(seat, step, choice)
    hub.advance()
    last = hub.round
    hub.advance()
    assert hub.all_finished() and hub.round == last  # no "Decision 12" past the end


async def test_a_full_host_refuses_more_connections_with_one_log_line(tmp_path, caplog) -> None:
    hub = make_hub(tmp_path, pace="free")
    server = TestServer(build_server(hub, most_connections=2), host="127.0.0.1")
    await server.start_server()
    url = f"http://127.0.0.1:{server.port}/ws"
    try:
        async with aiohttp.ClientSession() as http:
            held = [await http.ws_connect(url) for _ in range(2)]
            for _ in range(3):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(url)
                assert refused.value.status == 503
            lines = [r for r in caplog.records if r.name == "cold_to_gold.host"]
            assert len(lines) == 1 and "ulimit" in lines[0].getMessage()
            await held[0].close()
            await asyncio.sleep(0)
            while len(server.app[SOCKETS]) > 1:  # the host lets go of the closed one
                await asyncio.sleep(0.01)
            again = await http.ws_connect(url)  # room again: let in
            await again.send_json({"v": 2, "type": "join", "code": hub.code, "name": "Ann"})
            assert (await again.receive_json())["type"] == "welcome"
    finally:
        await server.close()


async def test_under_a_low_open_file_limit_the_host_refuses_cleanly(tmp_path) -> None:
    import json
    import resource
    import sys

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))  # macOS's default

    first = Path(__file__).parent / "data" / "first-call.yaml"
    host = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cold_to_gold", "host", str(first), "--headless", "--pace", "free",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, preexec_fn=low_limit,
    )  # fmt: skip
    try:
        ready = json.loads(await asyncio.wait_for(host.stdout.readline(), 20))
        url = f"http://127.0.0.1:{ready['port']}/ws"
        seated = refused = 0
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            held = []
            for n in range(260):
                try:  # bounded: a host out of files can leave a connection hanging
                    ws = await asyncio.wait_for(http.ws_connect(url), 10)
                except aiohttp.WSServerHandshakeError as error:
                    assert error.status == 503
                    refused += 1
                    continue
                await ws.send_json({"v": 2, "type": "join", "code": ready["code"], "name": f"T{n}"})
                assert (await asyncio.wait_for(ws.receive_json(), 10))["type"] == "welcome"
                held.append(ws)
                seated += 1
            assert seated + refused == 260 and seated >= 180 and refused > 0
            for ws in held:
                await ws.close()
    finally:
        host.terminate()
        _, errors = await asyncio.wait_for(host.communicate(), 20)
    lines = errors.decode().strip().splitlines()
    assert len(lines) == 1 and "refusing more" in lines[0] and "Traceback" not in errors.decode()


async def test_a_scripted_trainee_killed_and_restarted_carries_on_in_its_seat(tmp_path) -> None:
    hub = make_hub(tmp_path, pace="free", claims=False)  # as headless: nobody to ask
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    address = Address(hub.code, "127.0.0.1", server.port)
    try:
        first = await play_scripted(address, "Ann", ["call"])  # stops after one choice
        assert first.code == 1 and "ran out" in first.message
        again = await play_scripted(address, "Ann", ["call", "meet"])
        assert again.message == "finished" and len(hub.seats) == 1
        assert hub.seats[1].run.path == ["call", "meet"]
        other = await play_scripted(address, "Bo", ["post", "email"])
        assert other.message == "finished" and seat_keys.kept(address).name == "Bo"
        assert seat_keys.kept(address, "ann").token != seat_keys.kept(address, "Bo").token
    finally:
        await server.close()


async def test_an_app_the_host_started_ends_when_the_host_dies(tmp_path) -> None:
    """An SSH or browser trainee's app outlives a killed host only for a moment: it would
    hold the seat and 50 MB while its trainee comes back through the resumed host."""
    import os
    import pty
    import signal
    import sys

    hub = make_hub(tmp_path, pace="free")
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    main, child = pty.openpty()
    stand_in = (  # a stand-in for the host: starts the app as the host does, then waits
        "import os, subprocess, sys, time\n"
        "app = subprocess.Popen(sys.argv[1:], stdout=0, start_new_session=True)\n"
        "print(app.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    env = {**os.environ, "COLD_TO_GOLD_REMOTE": "1", "TERM": "xterm-256color"}
    host = await asyncio.create_subprocess_exec(
        sys.executable, "-c", stand_in, sys.executable, "-m", "cold_to_gold", "join",
        f"{hub.code}@127.0.0.1:{server.port}", "--name=Sam",
        stdin=child, stdout=asyncio.subprocess.PIPE, stderr=child, env=env,
    )  # fmt: skip
    os.close(child)
    left = asyncio.Event()
    hub.listeners.append(lambda event: event["event"] == "left" and left.set())
    loop = asyncio.get_running_loop()
    loop.add_reader(main, lambda: os.read(main, 65536))
    app = 0
    try:
        app = int(await asyncio.wait_for(host.stdout.readline(), 10))
        async with asyncio.timeout(20):
            while not (1 in hub.seats and hub.seats[1].connected):
                await asyncio.sleep(0.05)
        host.send_signal(signal.SIGKILL)  # no goodbye from the host
        await host.wait()
        await asyncio.wait_for(left.wait(), 10)  # the app ended and let go of the seat
        async with asyncio.timeout(10):
            while os.path.exists(f"/proc/{app}") and "Z" not in _state(app):
                await asyncio.sleep(0.05)
    finally:
        loop.remove_reader(main)
        os.close(main)
        if app and _state(app) != "Z":  # when it did not end by itself: end it here
            os.kill(app, signal.SIGKILL)
        await server.close()


def _state(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
