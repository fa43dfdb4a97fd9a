"""Load benchmark of the live classroom: 200 trainees on loopback, in `together` pace.

    python benchmarks/classroom_load.py [--trainees N] [--only headless|console]

Twice: once with `cold-to-gold host --headless`, once with the facilitator's
console on (the real app in a pseudo-terminal of 100×30, `--auto-reveal`, the
next decision opened by pressing `a` as a facilitator would). Each host is its
own process with its own data folder; N trainees join from this process and
play a whole scenario (each trainee a path of its own). Prints:
- join time (all N seated);
- choice → ack: from a trainee sending a choice to the host's answer, p50/p99;
- choice → dashboard (headless): to the host printing the choice, p50/p99;
- reveal fan-out: from the host printing `revealed` to each trainee's feedback, p50/p99;
- the host's CPU time and peak memory;
- choices lost or made twice (read back from the records);
- the memory of one browser trainee's app process (each browser trainee runs one).
Goals (this machine, 2 cores): none lost or doubled; p99 under 100 ms headless,
choice → ack p99 under 150 ms with the console on.
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
    def __init__(self, count: int) -> None:
        self.count = count
        self.sent: dict[tuple[int, int], float] = {}  # (seat, step) -> when sent
        self.acks: list[float] = []  # from sending a choice to the host's answer
        self.idle: set[int] = set()  # seats with nothing to do until the next decision
        self.all_idle = asyncio.Event()
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

    def note_idle(self, seat: int, idle: bool) -> None:
        (self.idle.add if idle else self.idle.discard)(seat)
        if len(self.idle) == self.count:
            self.all_idle.set()


async def trainee(room: Room, address, name: str, plan: list[str], seated: asyncio.Event):
    from cold_to_gold.classroom.client import TraineeClient

    async with TraineeClient(address, name) as client:
        seat = 0
        asked: float | None = None
        async for data in client.messages():
            kind = data["type"]
            if asked is not None and kind in ("wait", "feedback", "finished", "refused"):
                room.acks.append(time.perf_counter() - asked)
                asked = None
            room.note_idle(seat, kind == "finished" or data.get("reason") == "facilitator")
            if kind == "welcome":
                seat = data["seat"]
                seated.set()
            elif kind == "scene":
                asked = room.sent[(seat, data["step"])] = time.perf_counter()
                await client.send("choose", step=data["step"], choice=plan[data["step"]])
            elif kind == "feedback":
                room.feedback.append((data["step"], time.perf_counter()))
                await client.send("ready", step=data["step"])
            elif kind == "finished":
                room.note_idle(seat, True)
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


class Headless:
    """`host --headless`: its event lines stand for the dashboard."""

    name = "headless"

    async def start(self, env: dict[str, str], room: Room) -> dict:
        self.process = await asyncio.create_subprocess_exec(
            *COMMAND, "host", str(SCENARIO), "--headless",
            stdout=asyncio.subprocess.PIPE, env=env,
        )  # fmt: skip
        assert self.process.stdout is not None
        ready = json.loads(await asyncio.wait_for(self.process.stdout.readline(), 20))
        self.follower = asyncio.create_task(room.follow_host(self.process.stdout))
        return ready

    async def facilitate(self, room: Room) -> None:
        return None  # headless opens each decision by itself

    async def stop(self) -> None:
        self.process.terminate()
        await asyncio.wait_for(self.process.wait(), 10)
        self.follower.cancel()


class Console:
    """The facilitator's console in a pseudo-terminal; `a` opens each next decision."""

    name = "console"

    async def start(self, env: dict[str, str], room: Room) -> dict:
        import fcntl
        import pty
        import socket
        import struct
        import termios

        from cold_to_gold.classroom.records import Records

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.parent, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = await asyncio.create_subprocess_exec(
            *COMMAND, "host", str(SCENARIO), "--auto-reveal", "--port", str(port),
            stdin=child, stdout=child, stderr=child, start_new_session=True,
            env={**env, "TERM": "xterm-256color"},
        )  # fmt: skip
        os.close(child)
        self.drawn = 0
        asyncio.get_running_loop().add_reader(self.parent, self._drain)
        os.environ["COLD_TO_GOLD_HOME"] = env["COLD_TO_GOLD_HOME"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            records = Records.open()
            sessions = records.sessions()
            records.close()
            if sessions and sessions[-1].port:
                return {"session": sessions[-1].id, "code": sessions[-1].code, "port": port}
        raise SystemExit("the console did not start")

    def _drain(self) -> None:
        try:
            self.drawn += len(os.read(self.parent, 65536))
        except OSError:
            asyncio.get_running_loop().remove_reader(self.parent)

    async def facilitate(self, room: Room) -> None:
        """Press `a` whenever every trainee waits for the next decision."""
        while True:
            await room.all_idle.wait()
            os.write(self.parent, b"a")
            room.all_idle.clear()
            while len(room.idle) == room.count:  # until the decision has opened
                await asyncio.sleep(0.01)

    async def stop(self) -> None:
        os.write(self.parent, b"\x11")  # ctrl+q
        try:
            await asyncio.wait_for(self.process.wait(), 10)
        except TimeoutError:
            self.process.terminate()
            await self.process.wait()
        asyncio.get_running_loop().remove_reader(self.parent)
        os.close(self.parent)


async def measure(host, count: int) -> tuple[bool, dict]:
    from cold_to_gold.classroom.client import Address
    from cold_to_gold.classroom.records import Records

    home = tempfile.mkdtemp(prefix="c2g-load-")
    env = {**os.environ, "COLD_TO_GOLD_HOME": home}
    room = Room(count)
    ready = await host.start(env, room)
    address = Address(ready["code"], "127.0.0.1", ready["port"])
    seated = [asyncio.Event() for _ in range(count)]
    started = time.perf_counter()
    tasks = [
        asyncio.create_task(trainee(room, address, f"T{n:03}", PLANS[n % 3], seated[n]))
        for n in range(count)
    ]
    facilitator = asyncio.create_task(host.facilitate(room))
    await asyncio.wait_for(asyncio.gather(*(event.wait() for event in seated)), LIMIT)
    joined = time.perf_counter() - started
    await asyncio.wait_for(asyncio.gather(*tasks), LIMIT)
    facilitator.cancel()
    await asyncio.sleep(0.3)  # the last lines of the host's output
    cpu, peak = host_usage(host.process.pid)
    await host.stop()

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
    goal = 0.1 if host.name == "headless" else 0.15

    print(f"With the host {host.name}:")
    print(f"  join time (all seated)        {ms(joined)}")
    p50, p99 = percentile(room.acks, 0.5), percentile(room.acks, 0.99)
    print(
        f"  choice -> ack                 p50 {ms(p50)}  p99 {ms(p99)}"
        f"   goal p99 < {goal * 1000:.0f} ms: {'ok' if p99 < goal else 'SLOW'}"
    )
    fast = p99 < goal
    if latency:
        p50, p99 = percentile(latency, 0.5), percentile(latency, 0.99)
        print(
            f"  choice -> dashboard           p50 {ms(p50)}  p99 {ms(p99)}"
            f"   goal p99 < 100 ms: {'ok' if p99 < 0.1 else 'SLOW'}"
        )
    if fan_out:
        p50, p99 = percentile(fan_out, 0.5), percentile(fan_out, 0.99)
        print(
            f"  reveal fan-out                p50 {ms(p50)}  p99 {ms(p99)}"
            f"   goal p99 < 100 ms: {'ok' if p99 < 0.1 else 'SLOW'}"
        )
    print(f"  host CPU time                 {cpu:7.2f} s")
    print(f"  host peak memory              {peak / 1024:7.1f} MiB")
    verdict = "ok" if lost == doubled == 0 else "FAILED"
    print(f"  choices: {expected} made, {lost} lost, {doubled} twice   goal none: {verdict}")
    print(f"  (records in {home})")
    return lost == doubled == 0 and fast, ready


async def main(count: int, only: str | None) -> int:
    print(f"Live classroom, {count} trainees on loopback, together pace ({SCENARIO.name})")
    hosts = [host for host in (Headless(), Console()) if only in (None, host.name)]
    good = True
    ready: dict = {}
    for host in hosts:
        ok, ready = await measure(host, count)
        good = good and ok
    memory = browser_trainee_memory(f"{ready['code']}@127.0.0.1:1")
    if memory is not None:
        print(f"One browser trainee's app       {memory / 1024:7.1f} MiB (one process each)")
    else:
        print("One browser trainee's app       not measured")
    return 0 if good else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--only", choices=("headless", "console"))
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.trainees, arguments.only)))
