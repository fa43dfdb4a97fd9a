"""`host --headless`, `join` and `export` as a facilitator's script runs them: real processes.

The host is killed mid-session and started again with `--resume`; the trainees
find their seats again and nothing is lost or made twice.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import signal
import sys
from pathlib import Path

import pytest
from classroom_helpers import FIRST_CALL

from cold_to_gold.classroom.client import Address
from cold_to_gold.classroom.records import Records
from cold_to_gold.classroom.scripted import play_scripted

COMMAND = [sys.executable, "-m", "cold_to_gold"]
PLANS = [["call", "meet"], ["post", "email"], ["post", "post", "post", "post", "post"]]
GRADES = ["gold", "cold", "cold"]
# Real host and join processes, a class of thirty: in the slow set (`pytest -m slow`).
pytestmark = pytest.mark.slow


async def start_host(*args: str) -> tuple[asyncio.subprocess.Process, dict]:
    host = await asyncio.create_subprocess_exec(
        *COMMAND, "host", *args, "--headless",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert host.stdout is not None
    line = await asyncio.wait_for(host.stdout.readline(), 20)
    assert line, (await host.stderr.read()).decode() if host.stderr else ""
    return host, json.loads(line)


async def events_until(host, count: int, event: str = "chose") -> list[dict]:
    seen: list[dict] = []
    while sum(item["event"] == event for item in seen) < count:
        line = await asyncio.wait_for(host.stdout.readline(), 20)
        assert line, "the host stopped printing"
        seen.append(json.loads(line))
    return seen


async def test_thirty_trainees_play_together_through_a_host_killed_and_resumed(tmp_path) -> None:
    host, ready = await start_host(str(FIRST_CALL), "--pace", "together")
    assert set(ready) == {"event", "session", "code", "port", "url"}
    assert ready["url"] == f"http://127.0.0.1:{ready['port']}/?code={ready['code']}"
    address = Address(ready["code"], "127.0.0.1", ready["port"])
    log = io.StringIO()
    trainees = [
        asyncio.create_task(play_scripted(address, f"Trainee {n:02}", PLANS[n % 3], log=log))
        for n in range(30)
    ]
    await events_until(host, 25)
    host.kill()  # no goodbye: the choices answered so far must all be on disk
    await host.wait()
    again, resumed = await start_host("--resume", ready["session"])
    try:
        assert (resumed["session"], resumed["code"], resumed["port"]) == (
            ready["session"], ready["code"], ready["port"],
        )  # fmt: skip
        ends = await asyncio.wait_for(asyncio.gather(*trainees), 60)
        assert [end.message for end in ends] == ["finished"] * 30
        assert [end.result["grade"] for end in ends] == [GRADES[n % 3] for n in range(30)]
    finally:
        again.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(again.wait(), 10) == 0
    records = Records.open()
    choices = records.choices(ready["session"])
    assert len(choices) == sum(len(PLANS[n % 3]) for n in range(30))  # none lost, none twice
    out = tmp_path / "class.csv"
    done = await asyncio.create_subprocess_exec(
        *COMMAND, "export", ready["code"], "--csv", str(out)
    )
    assert await done.wait() == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 30
    assert {row["name"]: row["grade"] for row in rows} == {
        f"Trainee {n:02}": GRADES[n % 3] for n in range(30)
    }


async def test_the_join_command_plays_and_says_why_it_was_refused(tmp_path) -> None:
    host, ready = await start_host(str(FIRST_CALL), "--pace", "free")
    where = f"{ready['code']}@127.0.0.1:{ready['port']}"

    async def join(*args: str, home: Path | None = None) -> tuple[int, str, str]:
        env = {**os.environ, "COLD_TO_GOLD_HOME": str(home)} if home else None
        done = await asyncio.create_subprocess_exec(
            *COMMAND, "join", *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
        )  # fmt: skip
        out, err = await asyncio.wait_for(done.communicate(), 30)
        return done.returncode or 0, out.decode(), err.decode()

    try:
        code, out, _ = await join(where, "--name", "Ann", "--choose", "call,meet")
        assert code == 0 and "won · gold 100%" in out
        code, out, _ = await join(where, "--name", "Ann", "--choose", "call,meet")
        assert code == 0 and "won · gold 100%" in out  # the same device: back in Ann's seat
        elsewhere = tmp_path / "another-laptop"
        code, _, err = await join(where, "--name", "ann", "--choose", "call", home=elsewhere)
        assert code == 1 and "taken" in err  # headless: no facilitator to give it
        code, _, err = await join(where, "--name", "Bo", "--choose", "call,phone")
        assert code == 1 and "no choice 'phone'" in err
        code, _, err = await join("nonsense", "--name", "Bo", "--choose", "call")
        assert code == 2 and "CODE@HOST:PORT" in err
        code, _, err = await join(where, "--choose", "call")
        assert code == 2 and "--name" in err
    finally:
        host.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(host.wait(), 10) == 0
    tail = (await host.stdout.read()).decode().splitlines()
    assert json.loads(tail[-1])["event"] in ("ended", "left")
    assert "Traceback" not in (await host.stderr.read()).decode()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "needs a SCENARIO"),
        (["first-steps", "--resume", "X"], 2, "not both"),
        (["--resume", "NOSUCH"], 1, "no session 'NOSUCH'"),
        (["no-such-scenario"], 2, "no scenario with the id"),
        (["first-steps", "--port", "70000"], 2, "--port"),
    ],
)
def test_host_refuses_what_it_cannot_do(args, code, message, capsys) -> None:
    from cold_to_gold.cli import main

    with pytest.raises(SystemExit) as usage:
        result = main(["host", *args, "--headless"])
        raise SystemExit(result)
    assert usage.value.code == code
    assert message in capsys.readouterr().err
