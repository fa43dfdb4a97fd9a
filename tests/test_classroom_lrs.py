"""The outbox delivers statements to an LRS that was down, once each, never twice."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from classroom_helpers import make_hub
from lrs_stub import KEY, SECRET, StubLrs

from cold_to_gold.classroom.forwarding import queue_seat
from cold_to_gold.classroom.hub import Hub
from cold_to_gold.classroom.lrs import DeliveryFailed, LrsConfig, LrsConfigError, Outbox


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def played_hub(tmp_path: Path) -> Hub:
    """A free-pace session where two trainees finished: 2 × (answered, completed, passed/failed)."""
    from classroom_helpers import Trainee

    hub = make_hub(tmp_path, pace="free")
    for name, plan in (("Ann", ["call", "meet"]), ("Bo", ["post", "email"])):
        seat = hub.join(Trainee(), hub.code, name=name)
        for step, choice in enumerate(plan):
            hub.choose(seat, step, choice)
        queue_seat(hub, seat)
    return hub


def config(port: int, secret: str = SECRET) -> LrsConfig:
    return LrsConfig(f"http://127.0.0.1:{port}/xapi", KEY, secret)


async def test_the_outbox_waits_while_the_lrs_is_down_then_delivers_each_once(tmp_path) -> None:
    hub = played_hub(tmp_path)
    records = hub.records
    waiting = records.outbox_counts()["waiting"]
    assert waiting == 2 * (1 + 2 + 2)  # attended, two answers, completed, passed or failed
    port = free_port()
    lrs = StubLrs()
    async with aiohttp.ClientSession() as http:
        outbox = Outbox(records, config(port), http, batch=4)
        with pytest.raises(DeliveryFailed, match="cannot reach"):
            await outbox.deliver()  # nobody listens on that port yet
        assert records.outbox_counts()["waiting"] == waiting
        tried = records.db.execute(
            "SELECT last_error FROM outbox WHERE attempts = 1"
        ).fetchall()  # a connection failure counts as an attempt, for the batch it carried
        assert len(tried) == 4 and all("cannot reach" in error for (error,) in tried)
        server = TestServer(lrs.app(), host="127.0.0.1", port=port)
        await server.start_server()
        try:
            lrs.fail_after_store = 1  # the first batch is stored, but its answer is lost
            with pytest.raises(DeliveryFailed, match="500"):
                await outbox.deliver()
            delivered = await outbox.deliver()
            assert delivered.sent == waiting
            assert len(lrs.stored) == waiting  # the lost answer did not make a second copy
            assert ("POST", 204) in lrs.requests  # the resent batch was recognised
            assert records.outbox_counts() == {"sent": waiting, "waiting": 0, "rejected": 0}
            queue_seat(hub, hub.seats[1])  # queued again: nothing new to send
            assert (await outbox.deliver()).sent == 0
        finally:
            await server.close()


async def test_wrong_credentials_keep_everything_and_a_conflict_is_set_aside(tmp_path) -> None:
    hub = played_hub(tmp_path)
    lrs = StubLrs()
    server = TestServer(lrs.app(), host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(DeliveryFailed, match="credentials"):
                await Outbox(hub.records, config(server.port, "wrong"), http).deliver()
            assert lrs.stored == {}
            first = hub.records.unsent(1)[0]
            lrs.stored[first["id"]] = {**first, "verb": {"id": "http://example.com/other"}}
            delivered = await Outbox(hub.records, config(server.port), http).deliver()
            assert (delivered.sent, delivered.rejected) == (9, 1)
            assert hub.records.outbox_counts()["rejected"] == 1
    finally:
        await server.close()


def test_the_lrs_is_configured_by_three_variables() -> None:
    assert LrsConfig.from_env({}) is None
    found = LrsConfig.from_env(
        {
            "COLD_TO_GOLD_LRS_ENDPOINT": "https://lrs.example.com/xapi",
            "COLD_TO_GOLD_LRS_KEY": "k",
            "COLD_TO_GOLD_LRS_SECRET": "hush",
        }
    )
    assert found is not None and found.statements_url == "https://lrs.example.com/xapi/statements"
    assert "hush" not in repr(found)
    with pytest.raises(LrsConfigError, match="KEY"):
        LrsConfig.from_env({"COLD_TO_GOLD_LRS_ENDPOINT": "https://lrs.example.com/xapi"})
    with pytest.raises(LrsConfigError, match="http"):
        LrsConfig.from_env({"COLD_TO_GOLD_LRS_ENDPOINT": "lrs.example.com"})
