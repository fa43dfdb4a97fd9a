"""Snapshot tests: every screen at 60×20, 80×24 and 120×40 (update with `pytest --snapshot-update`,
then look at what changed)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pilot_wait import until
from textual.pilot import Pilot

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.picker import PickerScreen

SIZES = pytest.mark.parametrize(
    "size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"]
)
# The app starts as a returning trainee's: the library cache written (see conftest).
pytestmark = pytest.mark.usefixtures("warm_library")

FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"
THE_STAGE = bundled_dir("scenarios") / "the-stage.yaml"
CAPPED = Path(__file__).parent / "data" / "room-cap.yaml"
TO_THE_DEBRIEF = ["2", "enter", "4", "enter", "1", "enter", "1", "enter"]


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch):
    """History shows local times: the snapshots are taken in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


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
    await until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen) and pilot.app.library)
    await pilot.pause()


async def welcome_shown(pilot: Pilot) -> None:
    """Wait for the welcome, and for the library listed behind it."""
    await until(
        pilot, lambda: type(pilot.app.screen).__name__ == "WelcomeScreen" and pilot.app.library
    )
    await pilot.pause()


# --- every screen at three sizes -----------------------------------------------------


@SIZES
@pytest.mark.cold_library  # the very first start: every file is checked, in the background
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
def test_play_with_notes(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    assert snap_compare(app, press=["n"], terminal_size=size)


@SIZES
def test_play_with_a_locked_choice(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    keys = ["2", "enter", "3", "enter"]  # email Priya, a meeting she declines: now locked
    assert snap_compare(app, press=keys, terminal_size=size)


@SIZES
def test_presenter_reveal(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    assert snap_compare(app, press=["2"], terminal_size=size)


@SIZES
def test_debrief(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    assert snap_compare(app, press=TO_THE_DEBRIEF, terminal_size=size)


@SIZES
def test_presenter_debrief(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS), presenter=True)
    assert snap_compare(app, press=TO_THE_DEBRIEF, terminal_size=size)


@SIZES
def test_history(snap_compare, size) -> None:
    welcomed_store(("post",) * 8, ("email", "brochure"), ("call", "short-note", "listen", "ask"))
    assert snap_compare(build_app(), press=["f3"], terminal_size=size, run_before=library_loaded)


@SIZES
def test_help(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    assert snap_compare(app, press=["question_mark"], terminal_size=size)


# --- particular states -------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_presenter_with_notes(snap_compare, size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    assert snap_compare(app, press=["n"], terminal_size=size)


def test_presenter_tally(snap_compare) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    assert snap_compare(app, press=["t", "5", "enter", "3"], terminal_size=(80, 24))


def test_debrief_capped_by_the_outcome_with_a_loss(snap_compare) -> None:
    """The cap said in words, and a channel worth less than nothing drawn below zero."""
    app = build_app(scenario=load_scenario(CAPPED))
    keys = ["1", "enter", "2", "enter"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_a_window_too_small(snap_compare) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    assert snap_compare(app, terminal_size=(50, 16))
