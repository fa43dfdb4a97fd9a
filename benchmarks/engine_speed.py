"""Engine benchmarks: validation, best-path search, hostile input and headless play.

    python benchmarks/engine_speed.py

Prints its figures and the goals beside them (this machine: 2 cores):
each bundled scenario validated and its best path found in under 50 ms; lint
of every bundled scenario under 0.5 s in total; the generated 300-scene
scenario in under 1 s; hostile input refused in well under a second.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import large_scenario

from cold_to_gold.engine import find_best, play, transcript
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import ScenarioInvalid, load_scenario, load_text


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
    print("Bundled scenarios: load + validate, then best path (median of 5)")
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
    throughput()
