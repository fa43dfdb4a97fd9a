"""Snapshot tests: each screen at 80×24 and 120×40 (update with `pytest --snapshot-update`)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.picker import PickerScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"
THE_STAGE = bundled_dir("scenarios") / "the-stage.yaml"


def welcomed_store(*paths: tuple[str, ...]) -> None:
    """A store that has shown the welcome and holds finished runs with fixed dates."""
    store = ProgressStore.open()
    store.set_setting("welcomed", "yes")
    for day, path in enumerate(paths, start=1):
        recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
        for choice in path:
            recorded.choose(choice)
        store.db.execute(
            "UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?",
            (f"2026-11-0{day}T09:00:00+00:00", f"2026-11-0{day}T09:05:00+00:00", recorded.id),
        )
    store.close()


async def library_loaded(pilot: Pilot) -> None:
    """Wait until the picker has listed the library."""
    for _ in range(200):
        screen = pilot.app.screen
        if isinstance(screen, PickerScreen) and pilot.app.library:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def welcome_shown(pilot: Pilot) -> None:
    for _ in range(200):
        if type(pilot.app.screen).__name__ == "WelcomeScreen":
            break
        await pilot.pause(0.02)
    await pilot.pause()


@SIZES
def test_welcome(snap_compare, size) -> None:
    assert snap_compare(build_app(), terminal_size=size, run_before=welcome_shown)


@SIZES
def test_picker(snap_compare, size) -> None:
    welcomed_store(("call", "short-note", "listen", "ask"))
    assert snap_compare(build_app(), terminal_size=size, run_before=library_loaded)


@SIZES
def test_play(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    assert snap_compare(app, terminal_size=size)


@SIZES
def test_play_feedback(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    assert snap_compare(app, press=["3"], terminal_size=size)


@SIZES
def test_play_with_a_locked_choice(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    keys = ["2", "enter", "3", "enter"]  # email Priya, a lunch she declines: now locked
    assert snap_compare(app, press=keys, terminal_size=size)


@SIZES
def test_presenter_with_notes(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    assert snap_compare(app, press=["n"], terminal_size=size)


@SIZES
def test_debrief(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    keys = ["2", "enter", "1", "enter", "1", "enter", "1", "enter"]
    assert snap_compare(app, press=keys, terminal_size=size)


@SIZES
def test_history(snap_compare, size) -> None:
    welcomed_store(("post",) * 8, ("email", "brochure"), ("call", "short-note", "listen", "ask"))
    assert snap_compare(build_app(), press=["h"], terminal_size=size, run_before=library_loaded)


@SIZES
def test_help(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    assert snap_compare(app, press=["question_mark"], terminal_size=size)
