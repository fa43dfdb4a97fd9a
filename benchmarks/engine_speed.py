"""Engine benchmarks: validation, best-path search, hostile input and headless play.

    python benchmarks/engine_speed.py

Prints its figures and the goals beside them (this machine: 2 cores):
each bundled scenario validated and its best path found in under 50 ms; lint
of every bundled scenario under 0.5 s in total; the generated 300-scene
scenario in under 1 s; hostile input refused in well under a second; and
hostile-but-valid scenarios (loop limiters, gated meetings with many people,
a long-budget grid) validated — best run included — in under 1.5 s and linted
in seconds, under 500 MB each, or refused by the validator with its reason.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import large_scenario
from hostile_valid import gated_people, long_grid, loop_limiters

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine import find_best, play, transcript
from cold_to_gold.library.load import load_scenario, load_text
from cold_to_gold.scenario import ScenarioInvalid


def timed(action: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """Median seconds of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def verdict(ok: bool) -> str:
    return "ok" if ok else "SLOW"


def bundled() -> None:
    print(
        "Bundled scenarios: load + validate (best run included), then the best run again"
        " (median of 5)"
    )
    for path in sorted(bundled_dir("scenarios").glob("*.yaml")):
        load_time, scenario = timed(lambda path=path: load_scenario(path))
        best_time, best = timed(lambda scenario=scenario: find_best(scenario))
        total = load_time + best_time
        print(
            f"  {path.stem:<24} validate {ms(load_time)}  best {ms(best_time)}"
            f"  ({best.states:>6} states)  total {ms(total)}  goal < 50 ms: {verdict(total < 0.05)}"
        )


def linting() -> None:
    from cold_to_gold.author.lint import lint

    scenarios = [load_scenario(path) for path in sorted(bundled_dir("scenarios").glob("*.yaml"))]

    def lint_all() -> int:
        return sum(len(lint(scenario).findings) for scenario in scenarios)

    seconds, findings = timed(lint_all)
    print("Lint: every bundled scenario explored (median of 5)")
    print(
        f"  {len(scenarios)} scenarios, {findings} findings, {ms(seconds)}"
        f"  goal < 500 ms: {verdict(seconds < 0.5)}"
    )


def large() -> None:
    text = large_scenario(300)
    load_time, scenario = timed(lambda: load_text(text, "large.yaml"), repeat=3)
    best_time, best = timed(lambda: find_best(scenario), repeat=3)
    total = load_time + best_time
    print("Generated scenario: 300 scenes, 1,200 choices, time budget 360, loops and guards")
    print(f"  validate {ms(load_time)}  best {ms(best_time)}  ({best.states:,} states explored)")
    print(f"  total {ms(total)}  goal < 1 s: {verdict(total < 1)}")


def hostile() -> None:
    bomb = "\n".join(
        ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    cases = {
        "alias bomb (9^9 values)": bomb,
        "20,000-deep nesting": "a: " + "[" * 20_000 + "]" * 20_000,
        "1 MB of values": "a: [" + ",".join(["1"] * 340_000) + "]",
        "123,000 nested values": ("- " * 40 + "x\n") * 3000,
    }
    print("Hostile input: time to a clear refusal")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        big.write_text("# " + "x" * 2_000_000)
        for name, text in cases.items():
            seconds, _ = timed(lambda text=text: _refuse(lambda: load_text(text)), repeat=3)
            print(f"  {name:<26} {ms(seconds)}  goal < 1 s: {verdict(seconds < 1)}")
        seconds, _ = timed(lambda: _refuse(lambda: load_scenario(big)), repeat=3)
        print(f"  {'a 2 MB file':<26} {ms(seconds)}  goal < 1 s: {verdict(seconds < 1)}")


HOSTILE_VALID = {
    "loop limiters, 10 scenes, 3 people, 900 min": (loop_limiters, (10, 3, 900)),
    "loop limiters, 6 scenes, 2 people, 500 min": (loop_limiters, (6, 2, 500)),
    "gated meetings, 6 people, 600 min": (gated_people, (6, 600)),
    "gated meetings, 3 people, 480 min": (gated_people, (3, 480)),
    "long-budget grid, 100 scenes, 3,840 min": (long_grid, (10, 3840)),
    "grid, 25 scenes, 300 min": (long_grid, (5, 300)),
}

_ONE_CASE = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import hostile_valid
from cold_to_gold.author.lint import lint
from cold_to_gold.scenario import ScenarioInvalid
from cold_to_gold.library.load import load_text
make, args = sys.argv[2], json.loads(sys.argv[3])
text = getattr(hostile_valid, make)(*args)
start = time.perf_counter()
try:
    scenario = load_text(text, "case.yaml")
except ScenarioInvalid as error:
    result = {"refused": error.problems[0].message}
else:
    from cold_to_gold.engine import best_for
    loaded = time.perf_counter()
    report = lint(scenario)
    result = {"states": best_for(scenario).states, "lint": time.perf_counter() - loaded,
              "explored": report.exploration.states, "complete": report.exploration.complete}
result["validate"] = (result.get("lint") and loaded or time.perf_counter()) - start
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def hostile_but_valid() -> None:
    """Each case in its own process, so its peak memory is its own."""
    print("Hostile but valid: validate (best run included), then lint; peak memory per case")
    folder = str(Path(__file__).resolve().parent)
    for name, (make, args) in HOSTILE_VALID.items():
        done = subprocess.run(
            [sys.executable, "-c", _ONE_CASE, folder, make.__name__, json.dumps(args)],
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(done.stdout)
        memory = f"peak {found['peak_mb']:5.0f} MB"
        if "refused" in found:
            ok = found["validate"] < 1.5 and found["peak_mb"] < 500
            print(
                f"  {name:<42} refused in {ms(found['validate'])}  {memory}"
                f"  goal < 1.5 s, < 500 MB: {verdict(ok)}"
            )
            print(f"    {found['refused'][:110]}...")
        else:
            ok = found["validate"] < 1.5 and found["lint"] < 10 and found["peak_mb"] < 500
            explored = "" if found["complete"] else " (stopped: too-large)"
            print(
                f"  {name:<42} validate {ms(found['validate'])} ({found['states']:,} states)"
                f"  lint {ms(found['lint'])} ({found['explored']:,}{explored})  {memory}"
                f"  goal: {verdict(ok)}"
            )


def _refuse(action: Callable[[], object]) -> None:
    try:
        action()
    except ScenarioInvalid:
        return
    raise AssertionError("hostile input was accepted")


def throughput() -> None:
    scenarios = [load_scenario(path) for path in sorted(bundled_dir("scenarios").glob("*.yaml"))]
    paths = [(scenario, find_best(scenario).path) for scenario in scenarios]
    runs = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 2:
        for scenario, path in paths:
            transcript(play(scenario, path))
            runs += 1
    seconds = time.perf_counter() - start
    print("Headless play: a run along the best path, with its transcript")
    print(f"  {runs / seconds:,.0f} runs per second")


if __name__ == "__main__":
    bundled()
    print()
    linting()
    print()
    large()
    print()
    hostile()
    print()
    hostile_but_valid()
    print()
    throughput()
