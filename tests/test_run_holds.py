"""Another window playing an unfinished run keeps it from being offered for resume here,
and a window that dies (however it dies) lets it go."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store.progress import ProgressStore
from cold_to_gold.store.recorded import RecordedRun

FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"

# Another window: starts a run, makes one choice, says so, then waits to be killed.
OTHER_WINDOW = textwrap.dedent(
    f"""
    import sys
    from cold_to_gold.library.load import load_scenario
    from cold_to_gold.store.progress import ProgressStore
    from cold_to_gold.store.recorded import RecordedRun
    recorded = RecordedRun.start(load_scenario({str(FIRST_STEPS)!r}), ProgressStore.open())
    recorded.choose("email")
    print(recorded.id, flush=True)
    sys.stdin.read()
    """
)


def test_a_run_another_window_plays_is_not_offered_until_that_window_is_gone() -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_WINDOW],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert other.stdout is not None
        theirs = int(other.stdout.readline())
        mine = RecordedRun.start(load_scenario(FIRST_STEPS), ProgressStore.open())
        mine.choose("post")
        offered = [run.id for run in ProgressStore.open().unfinished_runs()]
        assert offered == [mine.id]  # this window's own run, not the other window's
    finally:
        other.kill()  # no goodbye: the operating system drops its lock
        other.wait(10)
    offered = [run.id for run in ProgressStore.open().unfinished_runs()]
    assert sorted(offered) == sorted([mine.id, theirs])


def test_a_finished_run_lets_go_of_its_lock_file(data_home) -> None:
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), ProgressStore.open())
    held = data_home / "open-runs" / f"{recorded.id}.lock"
    assert held.exists()
    for choice in ("email", "short-note", "listen", "ask"):
        recorded.choose(choice)
    assert recorded.run.finished and not held.exists()
