"""The app when saving fails: it says so in one line, plays on, retries, offers a copy."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import read_only
from pilot_wait import until
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from cold_to_gold.base.paths import bundled_dir, database_path
from cold_to_gold.engine import SearchTooLarge
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui import saving
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.confirm import ConfirmScreen
from cold_to_gold.tui.screens.debrief import DebriefScreen
from cold_to_gold.tui.screens.history import HistoryScreen
from cold_to_gold.tui.screens.picker import PickerScreen
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.screens.resume import ResumeScreen
from cold_to_gold.tui.screens.save_copy import SaveCopyScreen

# The app starts as a returning trainee's: the library cache written (see conftest).
pytestmark = pytest.mark.usefixtures("warm_library")

FIRST_STEPS = load_scenario(bundled_dir("scenarios") / "first-steps.yaml")
# First Steps by keys: call, short-note, listen, ask (the "street" ending).
TO_THE_END = ("3", "enter", "4", "enter", "1", "enter", "1", "enter")


def messages(pilot: Pilot) -> list[str]:
    return [notification.message for notification in pilot.app._notifications]


def keys_shown(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("KeyBar", Static).content)


def welcomed() -> None:
    store = ProgressStore.open()
    store.set_setting("welcomed", "yes")
    store.close()


async def test_a_locked_store_never_stops_the_run_and_a_retry_saves_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(saving, "RETRY_SECONDS", 0.1)
    welcomed()
    app = build_app(scenario=FIRST_STEPS)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert "Save a copy" not in keys_shown(pilot)  # saved: nothing to offer
        holder = sqlite3.connect(database_path(), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the file
        await pilot.press(*TO_THE_END)
        assert isinstance(app.screen, DebriefScreen)  # played to the end all the same
        notes = [m for m in messages(pilot) if m.startswith("Not saved")]
        assert notes == [
            "Not saved (database is locked). The run goes on and saving is retried; "
            "s saves a copy elsewhere."
        ]  # said once, on one line
        assert "Save a copy" in keys_shown(pilot)
        holder.execute("ROLLBACK")
        holder.close()
        await until(pilot, lambda: "Saved: every choice so far is in your progress again." in
                    messages(pilot))  # fmt: skip
        assert "Save a copy" not in keys_shown(pilot)
    assert app.farewell == []
    assert [run.ending for run in ProgressStore.open().history()] == ["street"]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_presenters_run_not_saved_keeps_every_key_whole_in_the_bar(size) -> None:
    welcomed()
    app = build_app(scenario=FIRST_STEPS, presenter=True)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        holder = sqlite3.connect(database_path(), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press("t", "2", "enter", "1", "enter", "5", "enter", "0", "enter")  # the vote
        assert app.screen.recorded.unsaved == "database is locked"
        await pilot.press("3")  # the reveal: every key of play, and s, in the bar
        bar = app.screen.query_one("KeyBar", Static)
        lines = [line.strip() for line in str(bar.content).splitlines()]
        assert len(lines) <= 2 and bar.region.width == size[0]
        assert all(cell_len(line) <= size[0] - 2 for line in lines)
        keys = "   ".join(lines)
        # The palette's reminder, and keys that do nothing now, give way before a row does.
        for key in ("u Undo", "s Save a copy", "q Leave"):
            assert key in keys
        holder.execute("ROLLBACK")
        holder.close()
        assert app.screen.recorded.retry()
        assert sorted(ProgressStore.open().tallies(app.screen.recorded.id)) == [0]


async def test_quitting_with_a_run_not_saved_says_how_to_play_it_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(saving, "LAST_CHANCE_MS", 50)
    welcomed()
    app = build_app(scenario=FIRST_STEPS)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        holder = sqlite3.connect(database_path(), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press("3", "enter", "4", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)  # asked, and not told it is saved
        assert app.screen.question.startswith(
            "Quit Cold to Gold? This run is not in your progress file: stay and press s"
        )
        await pilot.press("y")
    assert app.return_code == 0
    holder.close()
    assert len(app.farewell) == 1
    assert app.farewell[0].startswith("a run was not saved (database is locked); play it again")
    assert app.farewell[0].endswith("first-steps.yaml --choose call,short-note")


async def test_a_read_only_folder_lists_history_plays_and_saves_a_copy(
    data_home: Path, tmp_path: Path
) -> None:
    welcomed()
    store = ProgressStore.open()
    recorded = RecordedRun.start(FIRST_STEPS, store)
    for choice in ("call", "short-note", "listen", "ask"):
        recorded.choose(choice)
    store.close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with read_only(data_home):
        app = build_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
            assert any("your history is shown" in m for m in messages(pilot))
            await pilot.press("f3")
            assert isinstance(app.screen, HistoryScreen)
            assert app.screen.query_one("#runs", DataTable).row_count == 1
            await pilot.press("escape", "f", "i", "r", "s", "t", "enter")
            assert isinstance(app.screen, PlayScreen)
            assert "Save a copy" in keys_shown(pilot)
            await pilot.press(*TO_THE_END)
            assert isinstance(app.screen, DebriefScreen)
            await pilot.press("s")
            assert isinstance(app.screen, SaveCopyScreen)
            app.screen.query_one("#copy-path", Input).value = str(data_home / "x.json")
            await pilot.press("enter")  # the data folder is read-only: said, and asked again
            problem = str(app.screen.query_one("#copy-problem", Static).content)
            assert problem.startswith(f"Cannot write {data_home / 'x.json'}:")
            app.screen.query_one("#copy-path", Input).value = "a\x00b"  # a name no system takes
            await pilot.press("enter")
            problem = str(app.screen.query_one("#copy-problem", Static).content)
            assert problem == "Cannot write a\\x00b: embedded null byte"
            app.screen.query_one("#copy-path", Input).value = str(elsewhere)
            await pilot.press("enter")
            assert isinstance(app.screen, DebriefScreen)
        assert any(m.startswith("Saved a copy of this run to") for m in messages(pilot))
        assert app.farewell == []  # the run is in its copy: nothing to tell on the way out
    [copy] = elsewhere.iterdir()
    assert json.loads(copy.read_text())["transcript"]["ending"] == "street"
    assert len(ProgressStore.open().history()) == 1  # the folder was not written


async def test_an_engine_failure_at_the_end_of_a_run_is_said_not_crashed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cold_to_gold.store import recorded as recorded_module

    def too_large(run: object) -> None:
        raise SearchTooLarge("more than 2,000,000 run states")

    monkeypatch.setattr(recorded_module, "transcript", too_large)
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press("f", "i", "r", "s", "t", "enter", *TO_THE_END)
        assert isinstance(app.screen, PickerScreen)  # no debrief to show, no crash
        assert (
            "This run could not be scored (SearchTooLarge: more than 2,000,000 run states); "
            "every choice is saved." in messages(pilot)
        )
    # Next start: offered for resume; resuming fails to score again, and again is said.
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert any(m.startswith("This run could not be scored") for m in messages(pilot))


async def test_history_says_when_the_store_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cold_to_gold.store.progress import StoreError

    welcomed()

    def locked(self: ProgressStore, scenario_id: str | None = None) -> None:
        raise StoreError("database is locked")

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        monkeypatch.setattr(ProgressStore, "history", locked)
        await pilot.press("f3")
        summary = str(app.screen.query_one("#trend-summary", Static).content)
        assert summary == (
            "Your progress cannot be read now (database is locked). Try again in a moment."
        )
