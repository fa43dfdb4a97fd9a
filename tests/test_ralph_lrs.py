"""Opt-in (`pytest -m ralph`): a real Learning Record Store, Ralph, takes our statements.

A class session is played through a real host by scripted trainees; the host is
resumed with the LRS settings, first with a wrong secret, then the right one, and
its outbox forwards the session to Ralph in one batch. Ralph's copy is read back
and compared with `export --xapi`. What the outbox counts on is then asked of
Ralph itself: the same batch again is answered 204, and a statement that conflicts
with one Ralph holds 409 and is set aside. Every statement `export` and `history`
write is checked with Ralph's own statement models.

Ralph lives in a virtual environment of its own: tests/external/tools.py says how
to make it.
"""

from __future__ import annotations

import asyncio
import copy
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from classroom_helpers import FIRST_CALL, played_hub
from ralph_server import KEY, SECRET, Ralph, running_ralph

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.classroom.client import Address
from cold_to_gold.classroom.lrs import XAPI_VERSION, LrsConfig, Outbox
from cold_to_gold.classroom.records import Records
from cold_to_gold.classroom.scripted import play_scripted
from cold_to_gold.cli import main
from cold_to_gold.engine import Run, find_best
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario import Scenario
from cold_to_gold.store.progress import ProgressStore
from cold_to_gold.store.recorded import RecordedRun

sys.path.insert(0, str(Path(__file__).parent / "external"))
from tools import HERE, need_ralph

pytestmark = pytest.mark.ralph

COMMAND = [sys.executable, "-m", "cold_to_gold"]
PLANS = {
    "Ann": ["call", "meet"],  # won
    "Bo": ["post", "email"],  # lost
    "Cy": ["post", "post", "post", "post", "post"],
    "Di": ["call"],  # stops there: an unfinished attempt
}
HEADERS = {
    "Authorization": aiohttp.encode_basic_auth(KEY, SECRET),
    "X-Experience-API-Version": XAPI_VERSION,
}
DEADLINE = 30.0  # seconds for anything the host or Ralph is waited for


def refusals(python: Path, statements: list[dict]) -> list[dict]:
    """What Ralph's statement models refuse, as tests/external/ralph_check.py reports it."""
    done = subprocess.run(
        [str(python), str(HERE / "ralph_check.py")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        pytest.fail(f"Ralph's statement models could not run:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    with running_ralph(need_ralph(), tmp_path / "ralph") as lrs:
        yield lrs


async def start_host(*args: str, env: dict[str, str] | None = None):
    host = await asyncio.create_subprocess_exec(
        *COMMAND, "host", *args, "--headless",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    assert host.stdout is not None and host.stderr is not None
    line = await asyncio.wait_for(host.stdout.readline(), DEADLINE)
    assert line, (await host.stderr.read()).decode()
    return host, json.loads(line)


async def next_event(host, kind: str) -> dict:
    while True:
        line = await asyncio.wait_for(host.stdout.readline(), DEADLINE)
        assert line, f"the host stopped before any '{kind}' event"
        if (event := json.loads(line))["event"] == kind:
            return event


async def stop_host(host) -> list[dict]:
    """Stop the host as a facilitator does; the events it printed since last read."""
    host.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(host.communicate(), DEADLINE)
    assert host.returncode == 0, err.decode()
    return [json.loads(line) for line in out.decode().splitlines()]


def lrs_settings(ralph: Ralph, secret: str) -> dict[str, str]:
    return {
        **os.environ,
        "COLD_TO_GOLD_LRS_ENDPOINT": ralph.endpoint,
        "COLD_TO_GOLD_LRS_KEY": KEY,
        "COLD_TO_GOLD_LRS_SECRET": secret,
    }


async def until_sent(records: Records, count: int) -> None:
    deadline = time.monotonic() + DEADLINE
    while records.outbox_counts()["sent"] < count:
        assert time.monotonic() < deadline, f"the outbox holds {records.outbox_counts()}"
        await asyncio.sleep(0.1)


async def held_by(http: aiohttp.ClientSession, ralph: Ralph) -> dict[str, dict]:
    """Every statement Ralph holds, by id (one page: far fewer than its page size)."""
    url = ralph.endpoint + "statements"
    async with http.get(url, params={"limit": "100"}, headers=HEADERS) as response:
        assert response.status == 200
        page = await response.json()
    assert not page.get("more")
    return {statement["id"]: statement for statement in page["statements"]}


async def test_a_class_session_forwarded_by_the_host_lands_in_ralph_whole(
    ralph: Ralph, tmp_path: Path
) -> None:
    host, ready = await start_host(str(FIRST_CALL), "--pace", "free")
    address = Address(ready["code"], "127.0.0.1", ready["port"])
    try:
        log = io.StringIO()
        trainees = [play_scripted(address, name, plan, log=log) for name, plan in PLANS.items()]
        ends = await asyncio.wait_for(asyncio.gather(*trainees), DEADLINE)
    finally:
        await stop_host(host)
    assert [end.code for end in ends] == [0, 0, 0, 1]
    exported_file = tmp_path / "class.json"
    assert main(["export", ready["session"], "--xapi", str(exported_file)]) == 0
    exported = json.loads(exported_file.read_text())
    assert refusals(need_ralph(), exported) == []

    records = Records.open()
    host, _ = await start_host("--resume", ready["session"], env=lrs_settings(ralph, "wrong"))
    refused = await next_event(host, "lrs")
    await stop_host(host)
    assert refused["error"] == "the LRS refused the credentials (HTTP 401)"
    assert records.outbox_counts() == {"sent": 0, "waiting": len(exported), "rejected": 0}

    host, _ = await start_host("--resume", ready["session"], env=lrs_settings(ralph, SECRET))
    try:
        await until_sent(records, len(exported))
    finally:
        events = await stop_host(host)
    assert [event for event in events if event["event"] == "lrs"] == []
    assert records.outbox_counts() == {"sent": len(exported), "waiting": 0, "rejected": 0}
    assert ralph.requests("POST") == [401, 200]  # one batch, taken whole

    async with aiohttp.ClientSession() as http:
        held = await held_by(http, ralph)
        assert set(held) == {statement["id"] for statement in exported}
        for statement in exported:  # Ralph adds only when it stored it and on whose authority
            copy_held = held[statement["id"]]
            assert copy_held.pop("authority")["account"]["name"] == KEY
            copy_held.pop("stored")
            assert copy_held == statement

        # The outbox resends a batch whose answer was lost: Ralph keeps one copy, says 204.
        url = ralph.endpoint + "statements"
        async with http.post(url, json=exported, headers=HEADERS) as response:
            assert response.status == 204
        # A statement Ralph holds differently is set aside; the others still count as sent.
        other = Records.open(tmp_path / "other.sqlite3")
        changed = copy.deepcopy(exported[1])
        changed["result"]["response"] = "meet"
        other.queue_statements(ready["session"], [exported[0], changed])
        config = LrsConfig(ralph.endpoint, KEY, SECRET)
        delivered = await Outbox(other, config, http).deliver()
        assert (delivered.sent, delivered.rejected) == (1, 1)
        assert ralph.requests("POST")[-2:] == [204, 409]
        assert sorted(ralph.requests("PUT")) == [204, 409]
        assert (await held_by(http, ralph))[changed["id"]]["result"] == exported[1]["result"]
        other.close()
    records.close()


def first_offered(scenario: Scenario) -> list[str]:
    """The run that always takes the first choice it is offered (often one that loses)."""
    run, path = Run(scenario), []
    while not run.finished and (offered := [o for o in run.options() if o.available]):
        path.append(offered[0].choice.id)
        run.choose(path[-1])
    return path


def test_ralphs_statement_models_accept_every_statement_we_export(tmp_path: Path) -> None:
    python = need_ralph()
    hub = played_hub(tmp_path, PLANS)
    hub.records.close()
    store = ProgressStore.open()
    for path in sorted(bundled_dir("scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        RecordedRun.start(scenario, store, choices=find_best(scenario).path)
        RecordedRun.start(scenario, store, choices=first_offered(scenario))
    store.close()
    session_file, own_file = tmp_path / "class.json", tmp_path / "own.json"
    assert main(["export", hub.code, "--xapi", str(session_file)]) == 0
    assert main(["history", "--xapi", str(own_file)]) == 0
    statements = json.loads(session_file.read_text()) + json.loads(own_file.read_text())
    verbs = {statement["verb"]["display"]["en-US"] for statement in statements}
    assert verbs == {"attended", "answered", "completed", "passed", "failed"}
    assert len(statements) > 150  # ten scenarios, twice each, and the class
    broken = copy.deepcopy(statements[-1])
    broken["result"]["score"]["scaled"] = 1.5  # the check can fail
    found = refusals(python, [*statements, broken])
    assert [refusal["index"] for refusal in found] == [len(statements)], found
    assert found[0]["errors"][0].startswith("result.score.scaled")
