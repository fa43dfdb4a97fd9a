"""The whole test suite, run after run, while other processes keep the cores busy.

    python benchmarks/suite_under_load.py [--runs N] [--load K] [--timeout MIN] [-- PYTEST ARGS]

Each run is the default test command (`pytest`: the pyproject's options, two
xdist workers, `slow` left out) and then the slow set (`pytest -m slow`), as
`.ci/run` runs them. Meanwhile K busy-loop processes (default: one per core,
`--load 0` for none) compete for the CPU, as other work on a shared machine
does; they are stopped at the end, also on Ctrl-C. Anything after `--` is given
to both pytest commands (e.g. `-- -p randomly`).

Prints for each run and part: its wall time, passed and failed counts and the
ids of the tests that failed (read from pytest's JUnit XML report); then how
many runs passed in a row, the slowest default run, and every test that ever
failed with how often. A part that outlives its time limit (default 15 min)
counts as failed and its whole process group is killed.

Goals: the default run under 120 s on this machine (2 cores), even loaded; every
run passes. Exit status 1 when any run failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
PARTS = {"default": [], "slow": ["-m", "slow"]}
GOAL = 120.0  # seconds, the default run
NOTHING_SELECTED = 5  # pytest's exit code when a marker selects no test


@dataclass
class Part:
    name: str
    seconds: float
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    problem: str = ""  # a timeout or an exit status with no failing test to show for it

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problem


def spin() -> None:
    """Keep one core busy until killed."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        while True:
            pass
    except KeyboardInterrupt:
        pass


def test_id(case: ElementTree.Element) -> str:
    """`tests/test_room.py::test_x` from a JUnit test case (classname `tests.test_room`)."""
    module, _, cls = case.get("classname", "").partition(".Test")
    path = module.replace(".", "/") + ".py"
    return f"{path}::{'Test' + cls + '::' if cls else ''}{case.get('name')}"


def read_report(report: Path) -> tuple[int, list[str]]:
    passed, failed = 0, []
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        outcomes = {child.tag for child in case}
        if outcomes & {"failure", "error"}:
            failed.append(test_id(case))
        elif "skipped" not in outcomes:
            passed += 1
    return passed, failed


def run_part(name: str, extra: list[str], limit: float, logs: Path, run: int) -> Part:
    report = logs / f"run{run}-{name}.xml"
    log = logs / f"run{run}-{name}.log"
    command = [*PYTEST, *PARTS[name], f"--junitxml={report}", *extra]
    start = time.monotonic()
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            status = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            status = None
        finally:  # a timeout, Ctrl-C or any error: leave no test process behind
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    part = Part(name, time.monotonic() - start)
    if status is None:
        part.problem = f"timed out after {limit:.0f} s (log: {log})"
        return part
    if report.exists():
        part.passed, part.failed = read_report(report)
    if status not in (0, NOTHING_SELECTED) and not part.failed:
        part.problem = f"pytest exited {status} (log: {log})"
    return part


def show(run: int, part: Part) -> None:
    verdict = "ok" if part.ok else "FAILED"
    print(
        f"run {run:2} {part.name:7} {part.seconds:7.1f} s  "
        f"{part.passed:4} passed {len(part.failed):3} failed  {verdict}",
        flush=True,
    )
    for test in part.failed:
        print(f"        failed: {test}", flush=True)
    if part.problem:
        print(f"        {part.problem}", flush=True)


def summary(runs: list[list[Part]]) -> None:
    passed = [all(part.ok for part in run) for run in runs]
    streak = longest = 0
    for ok in passed:
        streak = streak + 1 if ok else 0
        longest = max(longest, streak)
    print(f"\n{sum(passed)} of {len(runs)} runs passed; {longest} in a row (the longest streak)")
    parts = [part for run in runs for part in run]
    for name in PARTS:
        times = [part.seconds for part in parts if part.name == name]
        if times:
            goal = f" (goal {GOAL:.0f} s)" if name == "default" else ""
            print(f"slowest {name} run {max(times):6.1f} s, fastest {min(times):6.1f} s{goal}")
    failures = Counter(test for part in parts for test in part.failed)
    failures.update(f"{part.name}: {part.problem.split(' (')[0]}" for part in parts if part.problem)
    for test, count in failures.most_common():
        print(f"  {count} of {len(runs)}  {test}")


def stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # a `kill` cleans up as Ctrl-C does


def main() -> int:
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started ignoring it
    signal.signal(signal.SIGTERM, stop)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--load", type=int, default=os.cpu_count() or 1, help="busy cores")
    parser.add_argument("--timeout", type=float, default=15.0, help="minutes per part")
    parser.add_argument("--logs", type=Path, help="keep the reports and logs here")
    parser.add_argument("pytest_args", nargs="*", help="after --: given to both pytest runs")
    arguments = parser.parse_args()
    logs = arguments.logs or Path(tempfile.mkdtemp(prefix="suite-under-load-"))
    logs.mkdir(parents=True, exist_ok=True)
    print(
        f"{arguments.runs} runs of the default suite and the slow set, "
        f"{arguments.load} busy-loop processes, {os.cpu_count()} cores; logs in {logs}",
        flush=True,
    )
    spinners = [multiprocessing.Process(target=spin, daemon=True) for _ in range(arguments.load)]
    runs: list[list[Part]] = []
    try:
        for spinner in spinners:
            spinner.start()
        for run in range(1, arguments.runs + 1):
            runs.append([])
            for name in PARTS:
                part = run_part(name, arguments.pytest_args, arguments.timeout * 60, logs, run)
                runs[-1].append(part)
                show(run, part)
    except KeyboardInterrupt:
        print("\ninterrupted", flush=True)
        runs = [run for run in runs if len(run) == len(PARTS)]
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.join()
    summary(runs)
    return 0 if runs and all(part.ok for run in runs for part in run) else 1


if __name__ == "__main__":
    sys.exit(main())
