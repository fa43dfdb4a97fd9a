"""Opening the Textual app from the command line."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from cold_to_gold.cli.common import EXIT_OK, existing_paths

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.tui.app import ColdToGoldApp


def open_app(
    scenario: Scenario | None = None,
    presenter: bool = False,
    paths: list[str] | None = None,
    watch: Path | None = None,
    countdown: int | None = None,
) -> int:
    """Run the app until the trainee quits. With `watch`, a live preview that is not saved."""
    app = load_app(scenario, presenter, paths, watch, countdown)
    app.run()
    for note in app.farewell:  # a run the progress file could not take: how to get it back
        print(f"cold-to-gold: {note}", file=sys.stderr)
    return EXIT_OK


def load_app(
    scenario: Scenario | None = None,
    presenter: bool = False,
    paths: list[str] | None = None,
    watch: Path | None = None,
    countdown: int | None = None,
) -> ColdToGoldApp:
    """The app, loaded as the command starts it (benchmarks/app_speed.py times this).

    Loading Textual and the app makes tens of thousands of objects that live as long
    as the process: the garbage collector is paused while they are made (its passes
    would walk them again and again) and resumes once the first frame is drawn.
    """
    gc.disable()  # enabled again by the app after its first frame (ColdToGoldApp.run)
    from cold_to_gold.tui.app import build_app

    store = None
    if watch is not None:
        from cold_to_gold.store.progress import ProgressStore

        store = ProgressStore.in_memory()
    return build_app(scenario, existing_paths(paths or []), presenter, store, watch, countdown)


def run(args: argparse.Namespace) -> int:
    paths = getattr(args, "paths", [])
    existing_paths(paths)  # a missing one is wrong usage, said before the app opens
    return open_app(paths=paths, countdown=getattr(args, "countdown", None))
