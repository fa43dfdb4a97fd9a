"""SSH trainees: the join code as the password, the join app in a PTY, played by keys."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest
from classroom_helpers import make_hub

from cold_to_gold.classroom.host import Host, Where


async def read_until(process, text: str, seconds: float = 15.0) -> str:
    seen = ""
    async with asyncio.timeout(seconds):
        while text not in seen:
            seen += await process.stdout.read(65536)
    return seen


async def test_a_trainee_joins_by_ssh_and_plays(tmp_path) -> None:
    hub = make_hub(tmp_path, pace="free")
    host = Host(hub, Where.choose(lan=False), ssh_port=0)
    await host.start(0)
    options = dict(known_hosts=None, username="Sam Lee", password=hub.code.lower())
    try:
        async with asyncssh.connect("127.0.0.1", host.ssh_port, **options) as ssh:
            process = await ssh.create_process(term_type="xterm-256color", term_size=(80, 24))
            await read_until(process, "Find her number")
            process.stdin.write("2")
            await read_until(process, "She talks about her bakery")
            assert hub.seats[1].name == "Sam Lee" and hub.seats[1].run.path == ["call"]
            process.stdin.write("q")
            await asyncio.wait_for(process.wait_closed(), 10)
        with pytest.raises(asyncssh.PermissionDenied):
            await asyncssh.connect("127.0.0.1", host.ssh_port, **{**options, "password": "WRONG"})
    finally:
        await host.stop()
