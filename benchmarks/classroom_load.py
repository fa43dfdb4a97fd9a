"""Load benchmark of the live classroom: 200 trainees on loopback, in `together` pace.

    python benchmarks/classroom_load.py [--trainees N]

Starts `cold-to-gold host --headless` (its own process, its own data folder),
joins N trainees from this process, and plays a whole scenario (each trainee
a path of its own). The host's event lines stand for the dashboard. Prints:
- join time (all N seated);
- choice → dashboard: from a trainee sending a choice to the host printing it, p50/p99;
- reveal fan-out: from the host printing `revealed` to each trainee's feedback, p50/p99;
- the host's CPU time and peak memory;
- choices lost or made twice (read back from the records);
- the memory of one browser trainee's app process (each browser trainee runs one).
Goals (this machine, 2 cores): none lost or doubled, both p99 under 100 ms.
Bounded: every wait has a time limit and the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "tests" / "data" / "first-call.yaml"
PLANS = [["call", "meet"], ["post", "email"], ["post", "post", "post", "post", "post"]]
COMMAND = [sys.executable, "-m", "cold_to_gold"]
LIMIT = 120.0  # seconds: the whole run stops by then, whatever happens


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def host_usage(pid: int) -> tuple[float, int]:
    """CPU seconds used and peak resident memory (KiB) of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    return cpu, peak


class Room:
    def __init__(self) -> None:
        self.sent: dict[tuple[int, int], float] = {}  # (seat, step) -> when sent
        self.printed: dict[tuple[int, int], float] = {}  # (seat, step) -> when the host printed it
        self.doubled = 0
        self.reveals: list[float] = []  # when each `revealed` line arrived
        self.feedback: list[tuple[int, float]] = []  # (step, when a trainee got its feedback)

    async def follow_host(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            event = json.loads(line)
            now = time.perf_counter()
            if event["event"] == "chose":
                key = (event["seat"], event["step"])
                if key in self.printed:
                    self.doubled += 1
                self.printed[key] = now
            elif event["event"] == "revealed":
                self.reveals.append(now)


async def trainee(room: Room, address, name: str, plan: list[str], seated: asyncio.Event):
    from cold_to_gold.classroom.client import TraineeClient

    async with TraineeClient(address, name) as client:
        seat = 0
        async for data in client.messages():
            kind = data["type"]
            if kind == "welcome":
                seat = data["seat"]
                seated.set()
            elif kind == "scene":
                room.sent[(seat, data["step"])] = time.perf_counter()
                await client.send("choose", step=data["step"], choice=plan[data["step"]])
            elif kind == "feedback":
                room.feedback.append((data["step"], time.perf_counter()))
                await client.send("ready", step=data["step"])
            elif kind == "finished":
                return


def browser_trainee_memory(address: str) -> int | None:
    """Resident memory (KiB) of one trainee app process, as textual-serve runs per browser."""
    import pty

    parent, child = pty.openpty()
    app = subprocess.Popen(
        [*COMMAND, "join", address, "--name", "Browser"],
        stdin=child,
        stdout=child,
        stderr=child,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            os.read(parent, 65536) if _readable(parent) else time.sleep(0.1)
            if time.monotonic() > deadline - 7:  # settled: three seconds after start
                break
        status = Path(f"/proc/{app.pid}/status").read_text().splitlines()
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None
    finally:
        app.terminate()
        app.wait(5)
        os.close(parent)
        os.close(child)


def _readable(fd: int) -> bool:
    import select

    return bool(select.select([fd], [], [], 0.1)[0])


async def main(count: int) -> int:
    from cold_to_gold.classroom.client import Address
    from cold_to_gold.classroom.records import Records

    home = tempfile.mkdtemp(prefix="c2g-load-")
    env = {**os.environ, "COLD_TO_GOLD_HOME": home}
    host = await asyncio.create_subprocess_exec(
        *COMMAND, "host", str(SCENARIO), "--headless",
        stdout=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    assert host.stdout is not None
    ready = json.loads(await asyncio.wait_for(host.stdout.readline(), 20))
    room = Room()
    follower = asyncio.create_task(room.follow_host(host.stdout))
    address = Address(ready["code"], "127.0.0.1", ready["port"])
    seated = [asyncio.Event() for _ in range(count)]
    started = time.perf_counter()
    tasks = [
        asyncio.create_task(trainee(room, address, f"T{n:03}", PLANS[n % 3], seated[n]))
        for n in range(count)
    ]
    await asyncio.wait_for(asyncio.gather(*(event.wait() for event in seated)), LIMIT)
    joined = time.perf_counter() - started
    await asyncio.wait_for(asyncio.gather(*tasks), LIMIT)
    await asyncio.sleep(0.3)  # the last lines of the host's output
    cpu, peak = host_usage(host.pid)
    host.terminate()
    await asyncio.wait_for(host.wait(), 10)
    follower.cancel()

    os.environ["COLD_TO_GOLD_HOME"] = home
    records = Records.open()
    saved = records.choices(ready["session"])
    expected = sum(len(PLANS[n % 3]) for n in range(count))
    keys = {(row.seat, row.step) for row in saved}
    lost = expected - len(keys)
    doubled = len(saved) - len(keys) + room.doubled
    latency = [room.printed[key] - room.sent[key] for key in room.printed if key in room.sent]
    fan_out = []
    for step, when in room.feedback:
        if step < len(room.reveals):
            fan_out.append(max(0.0, when - room.reveals[step]))
    memory = browser_trainee_memory(f"{ready['code']}@127.0.0.1:1")

    print(f"Live classroom, {count} trainees on loopback, together pace ({SCENARIO.name})")
    print(f"  join time (all seated)        {ms(joined)}")
    p50, p99 = percentile(latency, 0.5), percentile(latency, 0.99)
    print(
        f"  choice -> dashboard           p50 {ms(p50)}  p99 {ms(p99)}"
        f"   goal p99 < 100 ms: {'ok' if p99 < 0.1 else 'SLOW'}"
    )
    p50, p99 = percentile(fan_out, 0.5), percentile(fan_out, 0.99)
    print(
        f"  reveal fan-out                p50 {ms(p50)}  p99 {ms(p99)}"
        f"   goal p99 < 100 ms: {'ok' if p99 < 0.1 else 'SLOW'}"
    )
    print(f"  host CPU time                 {cpu:7.2f} s")
    print(f"  host peak memory              {peak / 1024:7.1f} MiB")
    verdict = "ok" if lost == doubled == 0 else "FAILED"
    print(f"  choices: {expected} made, {lost} lost, {doubled} twice   goal none: {verdict}")
    if memory is not None:
        print(f"  one browser trainee's app     {memory / 1024:7.1f} MiB (one process each)")
    else:
        print("  one browser trainee's app     not measured")
    print(f"  (records in {home})")
    return 0 if lost == doubled == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=200)
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.trainees)))
