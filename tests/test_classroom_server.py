"""The host over real WebSockets on loopback: joining, refusals, limits, reconnects."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from classroom_helpers import make_hub

from cold_to_gold.classroom.client import (
    Address,
    HostRefused,
    TraineeClient,
    parse_address,
)
from cold_to_gold.classroom.protocol import MAX_MESSAGE_BYTES
from cold_to_gold.classroom.scripted import play_scripted
from cold_to_gold.classroom.server import build_server


@pytest.fixture
async def served(tmp_path: Path):
    hub = make_hub(tmp_path, auto_reveal=True, auto_advance=True)
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    yield hub, server
    await server.close()


def address_of(hub, server) -> Address:
    return Address(hub.code, "127.0.0.1", server.port)


async def raw_socket(server, session: aiohttp.ClientSession):
    return await session.ws_connect(f"http://127.0.0.1:{server.port}/ws")


async def closed_with(ws) -> tuple[int | None, str]:
    """Read until the host closes; the close code and its reason."""
    while True:
        incoming = await asyncio.wait_for(ws.receive(), 5)
        if incoming.type == aiohttp.WSMsgType.CLOSE:
            return incoming.data, incoming.extra
        if incoming.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            return ws.close_code, ""


def test_addresses_parse_from_the_screen_and_the_link() -> None:
    assert parse_address("k7p2qx@192.168.1.20:8765") == Address("K7P2QX", "192.168.1.20", 8765)
    assert parse_address("http://10.0.0.2:9000/?code=AB23CD") == Address("AB23CD", "10.0.0.2", 9000)
    for bad in ("K7P2QX", "K7P2QX@host", "@h:1", "K7P2QX@h:0", "http://h:1/"):
        with pytest.raises(ValueError):
            parse_address(bad)


async def test_scripted_trainees_play_together_to_the_end(served) -> None:
    hub, server = served
    plans = {f"T{n:02}": (["call", "meet"] if n % 2 else ["post", "email"]) for n in range(12)}
    ends = await asyncio.gather(
        *(play_scripted(address_of(hub, server), name, plan) for name, plan in plans.items())
    )
    assert [end.code for end in ends] == [0] * 12
    assert {end.result["grade"] for end in ends} == {"gold", "cold"}
    saved = hub.records.choices(hub.session.id)
    assert len(saved) == 12 * 2
    assert len({(row.seat, row.step) for row in saved}) == len(saved)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("not json", "not JSON"),
        ('{"v": 2, "type": "join", "code": "X", "name": "A", "admin": true}', "no field 'admin'"),
        ('{"v": 1, "type": "join", "code": "X"}', "version"),
        ('{"v": 2, "type": "choose", "step": 0, "choice": "call"}', "must be 'join'"),
        ('{"v": 2, "type": "shout"}', "unknown message type"),
        ("[1, 2]", "JSON object"),
    ],
)
async def test_malformed_messages_close_that_connection_only(served, payload, reason) -> None:
    hub, server = served
    async with (
        aiohttp.ClientSession() as http,
        TraineeClient(address_of(hub, server), "Ann") as ann,
    ):
        messages = ann.messages()
        assert (await anext(messages))["type"] == "welcome"
        bad = await raw_socket(server, http)
        await bad.send_str(payload)
        code, why = await closed_with(bad)
        assert code == 1008 and reason in why
        assert (await anext(messages))["type"] == "scene"  # Ann is not disturbed
        await ann.send("choose", step=0, choice="call")
        assert (await anext(messages))["type"] == "feedback"


async def test_an_oversized_message_is_refused(served) -> None:
    hub, server = served
    async with aiohttp.ClientSession() as http:
        ws = await raw_socket(server, http)
        name = "x" * (MAX_MESSAGE_BYTES + 10)
        await ws.send_str(json.dumps({"v": 2, "type": "join", "code": hub.code, "name": name}))
        code, _ = await closed_with(ws)
        assert code == 1009
    assert not hub.seats


async def test_a_flood_of_messages_is_cut_off(served) -> None:
    hub, server = served
    async with aiohttp.ClientSession() as http:
        ws = await raw_socket(server, http)
        await ws.send_str(json.dumps({"v": 2, "type": "join", "code": hub.code, "name": "Flo"}))
        for _ in range(60):
            await ws.send_str(json.dumps({"v": 2, "type": "ready", "step": 0}))
        code, why = await closed_with(ws)
        assert code == 1008 and "too many" in why


async def test_out_of_turn_is_refused_and_the_connection_stays(served) -> None:
    hub, server = served
    async with TraineeClient(address_of(hub, server), "Ann") as ann:
        messages = ann.messages()
        await anext(messages)
        await anext(messages)
        await ann.send("choose", step=3, choice="call")
        refused = await anext(messages)
        assert refused["type"] == "refused" and "out of turn" in refused["reason"]
        await ann.send("choose", step=0, choice="call")
        assert (await anext(messages))["type"] == "feedback"


async def test_a_wrong_code_or_token_is_refused_with_the_reason(served) -> None:
    hub, server = served
    wrong = Address("ZZZZZZ", "127.0.0.1", server.port)
    with pytest.raises(HostRefused, match="join code"):
        async with TraineeClient(wrong, "Ann") as client:
            async for _ in client.messages():
                pass
    stranger = TraineeClient(address_of(hub, server), token="not-a-token")
    with pytest.raises(HostRefused, match="not known"):
        async with stranger:
            async for _ in stranger.messages():
                pass


async def test_a_second_trainee_cannot_act_on_the_first_seat(served) -> None:
    hub, server = served
    async with (
        TraineeClient(address_of(hub, server), "Ann") as ann,
        TraineeClient(address_of(hub, server), "Bo") as bo,
    ):
        ann_messages, bo_messages = ann.messages(), bo.messages()
        assert (await anext(ann_messages))["seat"] == 1
        assert (await anext(bo_messages))["seat"] == 2
        await anext(bo_messages)
        await bo.send("choose", step=0, choice="post")  # Bo's connection speaks for Bo only
        assert (await anext(bo_messages))["type"] in ("wait", "feedback")
        assert hub.seats[1].run.path == [] and hub.seats[2].run.path == ["post"]


async def test_a_dropped_trainee_returns_to_the_seat_without_a_second_choice(served) -> None:
    hub, server = served
    async with TraineeClient(address_of(hub, server), "Ann", retry_seconds=5) as ann:
        messages = ann.messages()
        await anext(messages)
        await anext(messages)
        await ann.send("choose", step=0, choice="call")
        # The network drops before the answer is read: the socket dies under the client.
        await ann.ws.close()
        seen = []
        async for data in messages:
            seen.append(data["type"])
            if data["type"] == "feedback":
                break
        assert seen[0] == "welcome" and ann.reconnects == 1
        assert hub.seats[1].run.path == ["call"]
        assert len(hub.records.choices(hub.session.id)) == 1
