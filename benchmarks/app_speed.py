"""App benchmarks: start-up against a bare Textual app, key-to-frame time, peak memory.

    python benchmarks/app_speed.py

Start-up: each start is a fresh process, timed from just before it is spawned
to the first frame that shows what it waits for (the bare app: its label; Cold
to Gold: the picker with the library listed, i.e. what the trainee acts on).
Cold to Gold is loaded as the command loads it (`cold_to_gold.cli.app.load_app`).
Both are caught at the same place, the app's display step. The two apps run in
turns, pair by pair, and the goal is read on the median of each pair's ratio, so
the machine's slow and fast spells cancel out. Cold to Gold starts as a
returning trainee's would (library checked before, welcome seen). The very
first start (no cache, new store) is printed too: its first frame (the welcome
over the picker, the rows filling in as the files are read) and the frame that
lists the whole library. So is a returning trainee's start after a long history
(HISTORY_RUNS finished runs, each with its transcript). After its first frame
Textual settles the layout (scroll bars appear) for a few tens of milliseconds
more; keys pressed meanwhile are queued, not lost.

Keys: CPU time from a key's action to the frame that shows its result, for every
choice of a whole run of The Stage, in turns with a bare Textual app's key.

Goals: the picker within 1.15x of the bare app's first frame; a choice to its
redrawn feedback under 16 ms of app work (median); peak memory printed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 31

# Both apps report the first frame that shows what they wait for, from the same
# place: the app's display step, which every frame passes through once rendered.
BARE = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Hello")

app = Bare()
display = app._display
waiting = ["ready"]

def shown(screen, update):
    display(screen, update)
    if update is not None and waiting:
        print(waiting.pop(), flush=True)
        app.exit()

app._display = shown
app.run(headless=True)
"""

PICKER = """
from cold_to_gold.cli.app import load_app

app = load_app()
display = app._display
waiting = ["ready", "shown"]

def shown(screen, update):
    display(screen, update)
    if not waiting or update is None:
        return
    if type(screen).__name__ not in ("PickerScreen", "WelcomeScreen"):
        return
    if waiting[-1] == "shown":  # the first frame
        print(waiting.pop(), flush=True)
    if app.library:  # the whole library is listed in this frame
        print(waiting.pop(), flush=True)
        import resource  # measured after the frame: the bare app measures no memory

        print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
        app.exit()

app._display = shown
app.run(headless=True)
"""


def spawn(code: str, home: str) -> dict[str, float]:
    """Seconds from spawn to the 'ready' line the child prints (and other figures it prints)."""
    # A terminal of 80x24, as a real one reports it: headless, without these, Rich
    # guesses 80x25 and the driver says 80x24, which costs any app a second layout.
    env = dict(os.environ, COLD_TO_GOLD_HOME=home, COLUMNS="80", LINES="24")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have cached bytecode; so should we
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    marks: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        word, *rest = line.split()
        marks[word] = float(rest[0]) if rest else time.perf_counter() - start
    child.wait()
    return marks


def welcomed(home: str) -> None:
    """A data folder whose trainee has started once before: cache written, welcome seen."""
    subprocess.run(
        [sys.executable, "-c", WELCOMED],
        check=True,
        env=dict(os.environ, COLD_TO_GOLD_HOME=home),
    )


WELCOMED = """
from cold_to_gold.library.listing import discover
from cold_to_gold.store.progress import ProgressStore
discover(use_cache=True)
ProgressStore.open().set_setting("welcomed", "yes")
"""


HISTORY_RUNS = 1500

LONG_HISTORY = f"""
import random
from cold_to_gold.engine import Run, find_best
from cold_to_gold.engine.transcript import transcript
from cold_to_gold.library.listing import discover
from cold_to_gold.store.progress import ProgressStore

store = ProgressStore.open()
played = []  # each scenario's best run: its path and its transcript
for entry in discover(use_cache=True):
    if entry.valid:
        scenario = entry.load()
        run = Run(scenario)
        for choice in find_best(scenario).path:
            run.choose(choice)
        played.append((scenario, run.path, transcript(run)))
chance = random.Random(7)
for number in range({HISTORY_RUNS}):
    scenario, path, ended = played[number % len(played)]
    run_id = store.start_run(scenario.id, "/bench", scenario.title)
    for position, choice in enumerate(path):
        store.record_choice(run_id, position, "scene", choice)
    store.finish_run(run_id, dict(ended, percent=chance.randint(5, 100)))
"""


def long_history(home: str) -> None:
    """A returning trainee's data folder after a long while: HISTORY_RUNS finished runs."""
    welcomed(home)
    subprocess.run(
        [sys.executable, "-c", LONG_HISTORY],
        check=True,
        env=dict(os.environ, COLD_TO_GOLD_HOME=home),
    )


def startup() -> None:
    bare, ready, first, first_listed, rss, history = [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as veteran:
        welcomed(home)
        long_history(veteran)
        spawn(PICKER, home)  # compiles bytecode
        for round_ in range(ROUNDS):
            if round_ % 2:  # who goes first alternates, so neither gains from the order
                marks = spawn(PICKER, home)
                bare.append(spawn(BARE, home)["ready"])
            else:
                bare.append(spawn(BARE, home)["ready"])
                marks = spawn(PICKER, home)
            ready.append(marks["ready"])
            rss.append(marks["rss"])
            history.append(spawn(PICKER, veteran)["ready"])
            with tempfile.TemporaryDirectory() as fresh:
                marks = spawn(PICKER, fresh)
                first.append(marks["shown"])
                first_listed.append(marks["ready"])
    base = statistics.median(bare)
    print(f"Start-up (median of {ROUNDS}, from spawn, 80x24)")
    print(f"  bare Textual app, first frame   {base * 1000:7.1f} ms")
    interactive = statistics.median(ready)
    # Each round's pair ran back to back, so their ratio cancels the machine's slow and
    # fast spells; the median of those ratios is the figure the goal is read against.
    ratio = statistics.median(ours / floor for ours, floor in zip(ready, bare, strict=True))
    verdict = "ok" if ratio <= 1.15 else "SLOW"
    print(
        f"  Cold to Gold, picker listed     {interactive * 1000:7.1f} ms"
        f"  = {ratio:.2f}x bare  goal <= 1.15x: {verdict}"
    )
    veteran = statistics.median(history)
    veteran_ratio = statistics.median(
        ours / floor for ours, floor in zip(history, bare, strict=True)
    )
    print(
        f"  after {HISTORY_RUNS:,} finished runs       {veteran * 1000:7.1f} ms"
        f"  = {veteran_ratio:.2f}x bare  (no goal)"
    )
    very_first = statistics.median(first)
    first_ratio = statistics.median(ours / floor for ours, floor in zip(first, bare, strict=True))
    listed = statistics.median(first_listed)
    print(
        f"  the very first start: welcome   {very_first * 1000:7.1f} ms  = {first_ratio:.2f}x bare"
    )
    print(
        f"    the whole library listed      {listed * 1000:7.1f} ms"
        f"  (every file checked, new store)"
    )
    print(f"  peak memory at the picker       {statistics.median(rss) / 1024:7.1f} MB")


ROUNDS_OF_KEYS = 12  # each: one run of The Stage for us, as many key presses for the floor


async def frame_after(app, action: str) -> float:
    """CPU seconds from running `action` to the frame that shows its result."""
    import asyncio

    from textual._context import active_app

    # The two apps run nested: `self.app` inside each must be that app, as when it runs alone.
    token = active_app.set(app)
    try:
        drawn = asyncio.Event()
        start = time.process_time()
        await app.screen.run_action(action)
        app.call_after_refresh(drawn.set)
        await asyncio.wait_for(drawn.wait(), timeout=5)
        return time.process_time() - start
    finally:
        active_app.reset(token)


async def one_run(app, path: tuple[str, ...]) -> tuple[list[float], list[float]]:
    """Play `path` by number keys; time each choice to its feedback, and each Enter to the
    next scene; then undo back to the start (not timed)."""
    chosen, onward = [], []
    for choice_id in path:
        if chosen:
            onward.append(await frame_after(app, "continue"))
        number = next(o.number for o in app.screen.run.options() if o.choice.id == choice_id)
        chosen.append(await frame_after(app, f"choose({number})"))
    for _ in path:
        await frame_after(app, "undo")
    return chosen, onward


async def key_latency() -> None:
    """Every choice of a whole run of The Stage (its best path) at 80x24, in rounds that
    alternate with the floor: a bare Textual app whose key updates a Static."""
    from textual.app import App
    from textual.widgets import Static

    from cold_to_gold.base.paths import bundled_dir
    from cold_to_gold.engine import find_best
    from cold_to_gold.library.load import load_scenario
    from cold_to_gold.tui.app import build_app, keep_out_of_collections

    class Bare(App):
        count = 0

        def compose(self):
            yield Static(id="text")

        def action_answer(self) -> None:
            self.count += 1
            self.query_one(Static).update(f"Answer {self.count}: " + "a few words " * 20)

    scenario = load_scenario(bundled_dir("scenarios") / "the-stage.yaml")
    path = find_best(scenario).path
    app = build_app(scenario=scenario)
    ours: list[float] = []
    onward: list[float] = []
    bare: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        while type(app.screen).__name__ != "PlayScreen":
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()  # the library is read; nothing else runs
        keep_out_of_collections()  # as `ColdToGoldApp.run` does (run_test does not)
        await one_run(app, path)  # the first draw of each scene fills caches: not counted
        bare_app = Bare()
        async with bare_app.run_test(size=(80, 24)):
            for _ in range(ROUNDS_OF_KEYS):
                chosen, went_on = await one_run(app, path)
                ours += chosen
                onward += went_on
                for _ in chosen:
                    bare.append(await frame_after(bare_app, "app.answer"))

    def figures(timings: list[float]) -> str:
        median = statistics.median(timings) * 1000
        p90 = statistics.quantiles(timings, n=10)[-1] * 1000
        return f"median {median:5.1f} ms   p90 {p90:5.1f} ms"

    median = statistics.median(ours) * 1000
    verdict = "ok" if median < 16 else "SLOW"
    print(f"Key to frame (80x24, CPU time; {len(ours)} choices: The Stage's best path, in turns")
    print("with as many key presses in a bare Textual app)")
    print(f"  bare Textual, a Static updated  {figures(bare)}")
    print(f"  a choice, its feedback, meters  {figures(ours)}   goal median < 16 ms: {verdict}")
    print(f"  Enter, the next scene           {figures(onward)}   (no goal)")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory after {len(ours)} choices   {peak:.1f} MB")


if __name__ == "__main__":
    import asyncio

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    startup()
    print()
    with tempfile.TemporaryDirectory() as home:
        os.environ["COLD_TO_GOLD_HOME"] = home
        asyncio.run(key_latency())
