"""The app, driven by keyboard and mouse through Textual's Pilot."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import load
from pilot_wait import until
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList, Static

from cold_to_gold.base.paths import bundled_dir, database_path
from cold_to_gold.cli import main
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.confirm import ConfirmScreen
from cold_to_gold.tui.screens.debrief import DebriefScreen
from cold_to_gold.tui.screens.help import HelpScreen
from cold_to_gold.tui.screens.history import HistoryScreen
from cold_to_gold.tui.screens.picker import PickerScreen
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.screens.resume import ResumeScreen
from cold_to_gold.tui.screens.welcome import WelcomeScreen
from cold_to_gold.tui.widgets.prose import Prose

# The app starts as a returning trainee's: the library cache written (see conftest).
pytestmark = pytest.mark.usefixtures("warm_library")

FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"
THE_STAGE = bundled_dir("scenarios") / "the-stage.yaml"


def welcomed() -> None:
    """A data folder whose owner has already seen the welcome."""
    store = ProgressStore.open()
    store.set_setting("welcomed", "yes")
    store.close()


async def picker_ready(pilot: Pilot) -> PickerScreen:
    """The picker once it has listed the library and read the store."""
    await until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen) and pilot.app.library)
    return pilot.app.screen  # type: ignore[return-value]


def scene_title(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#scene-title", Static).content)


@pytest.mark.cold_library  # the very first start: every file is checked, in the background
async def test_first_start_welcomes_then_lists_the_library() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("enter")
        picker = await picker_ready(pilot)
        titles = [entry.title for entry in picker.shown]
        assert "The Stage and the Audience" in titles
        assert "First Steps: Four Ways to Reach Someone" in titles
    store = ProgressStore.open()
    assert store.setting("welcomed") == "yes"


async def test_second_start_skips_the_welcome() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        assert not isinstance(app.screen, WelcomeScreen)


async def test_typing_filters_and_escape_clears() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await picker_ready(pilot)
        await pilot.press("s", "t", "a", "g", "e")
        assert picker.query_one("#filter", Input).value == "stage"
        assert [entry.id for entry in picker.shown] == ["the-stage"]
        preview = picker.query_one("#preview", Static)
        assert "The Stage and the Audience" in str(preview.content)
        await pilot.press("escape")
        assert len(picker.shown) >= 2
        assert picker.query_one("#filter", Input).value == ""


async def test_the_picker_commands_are_on_keys_the_filter_does_not_take() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        await pilot.press("f2")
        assert app.presenter
        await pilot.press("f3")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_play_a_scenario_to_the_end_by_keys_then_rewind() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await picker_ready(pilot)
        await pilot.press("f", "i", "r", "s", "t", "enter")
        assert isinstance(app.screen, PlayScreen)
        assert scene_title(pilot) == "Your first prospect"
        await pilot.press("2")  # email
        changes = app.screen.query_one("#scene-body").changes
        assert "Sam Whitfield: +1 they know you, +1 you know them" in changes
        assert "−10 min" in changes
        # the note Sam asked for, an hour on Sam's Mondays, the introduction to Ines
        await pilot.press("enter", "4", "enter", "1", "enter", "1", "enter")
        assert isinstance(app.screen, DebriefScreen)
        assert str(app.screen.query_one("#grade", Static).content) == "Grade: won · GOLD"
        assert app.screen.query_one("#percent").value == "100"
        # into the path (tab), down to the third step; Enter asks first, y rewinds
        await pilot.press("tab", "down", "down", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, PlayScreen)
        assert scene_title(pilot) == "Tuesday at three"
        await pilot.press("2", "enter")  # the demo instead of Sam's Mondays
        assert isinstance(app.screen, DebriefScreen)
        assert str(app.screen.query_one("#grade", Static).content) == "Grade: won · LUKEWARM"
        await pilot.press("escape")
        assert app.screen is picker
        assert "best: won·gold 100%" in str(
            picker.query_one("#library", OptionList).get_option_at_index(0).prompt
        )
    store = ProgressStore.open()
    history = store.history()
    assert [(run.ending, run.grade) for run in history] == [  # newest first
        ("one_shop", "lukewarm"),
        ("street", "gold"),
    ]


async def test_history_command_lists_what_the_app_saved(capsys) -> None:
    scenario = load_scenario(FIRST_STEPS)
    store = ProgressStore.open()
    recorded = RecordedRun.start(scenario, store)
    for choice in ("post", "email-time", "short-note", "listen", "ask"):
        recorded.choose(choice)
    store.close()
    assert main(["history", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert runs[0]["scenario"] == "first-steps"
    assert runs[0]["grade"] == "gold" and runs[0]["percent"] == 97
    assert runs[0]["finished_at"]


async def test_locked_choice_says_why_and_cannot_be_chosen() -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        # email Priya, invite her to the lunch she declines: back to her reply
        await pilot.press("2", "enter", "3", "enter")
        assert scene_title(pilot) == "Priya writes back"
        choices = app.screen.query_one("#choices", OptionList)
        assert choices.get_option_at_index(2).disabled
        await pilot.press("3")
        assert scene_title(pilot) == "Priya writes back"
        assert not app.screen.revealing
        assert any("Priya would like a call first" in n.message for n in app._notifications)


async def test_undo_takes_back_the_choice_and_the_saved_step() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = app.screen
        await pilot.press("3")
        assert screen.run.state.minutes_spent == 10
        await pilot.press("u")
        assert screen.run.state.minutes_spent == 0
        assert scene_title(pilot) == "Your first prospect"
        assert ProgressStore.open().unfinished_runs()[0].choices == ()


async def test_leaving_a_run_asks_first_and_keeps_it_for_resume() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        await pilot.press("enter", "3")
        await pilot.press("enter", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("q", "y")
        assert isinstance(app.screen, PickerScreen)
    saved = ProgressStore.open().unfinished_runs()
    assert [run.choices for run in saved] == [("call",)]


async def test_an_interrupted_run_is_offered_and_resumes_where_it_was() -> None:
    welcomed()
    store = ProgressStore.open()
    recorded = RecordedRun.start(load_scenario(THE_STAGE), store)
    recorded.choose("email-priya")
    recorded.choose("call-ask")
    store.close()  # the terminal closed here
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("r")
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.run.path == ["email-priya", "call-ask"]
        # it may have been left during the last feedback: that feedback is shown again
        assert app.screen.revealing
        assert "You chose ☎ call" in str(app.screen.query_one("#scene-body").content.renderables[0])
        await pilot.press("enter")
        assert scene_title(pilot) == "After the call"
        await pilot.press("1", "enter", "1", "enter", "1", "enter")
        assert isinstance(app.screen, DebriefScreen)
    assert ProgressStore.open().unfinished_runs() == []


async def test_a_discarded_run_is_gone() -> None:
    welcomed()
    store = ProgressStore.open()
    RecordedRun.start(load_scenario(THE_STAGE), store).choose("post")
    store.close()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("d")  # asked first: the run's choices would be lost
        assert isinstance(app.screen, ConfirmScreen) and "1 choice cannot" in question(app)
        await pilot.press("n")
        assert isinstance(app.screen, ResumeScreen)
        assert len(ProgressStore.open().unfinished_runs()) == 1
        await pilot.press("d", "y")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
    assert ProgressStore.open().unfinished_runs() == []


def question(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(".question", Static).content)


async def test_a_corrupt_database_is_moved_aside_and_the_app_opens() -> None:
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert any("could not be read" in n.message for n in app._notifications)
    moved = list(path.parent.glob("progress.sqlite3.unreadable-*"))
    assert len(moved) == 1
    assert moved[0].read_bytes().startswith(b"this is not a database")


async def test_play_file_goes_straight_to_the_scene_without_the_welcome() -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert scene_title(pilot) == "The applause"
        await app.workers.wait_for_complete()  # the library is listed behind the scene
        await pilot.pause()
        assert app.library
        assert isinstance(app.screen, PlayScreen)  # no welcome pushed over it


async def test_presenter_mode_hides_numbers_until_the_vote_is_revealed() -> None:
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = app.screen
        assert screen.has_class("presenter")
        assert not screen.query_one("#sidebar").display
        assert screen.query_one("#vote-prompt").display
        assert not screen.query_one("#notes").display
        await pilot.press("n")
        assert screen.query_one("#notes").display
        assert "one-sided relationship" in screen.query_one("#notes-text", Prose).source
        await pilot.press("2")
        assert screen.revealing
        assert not screen.query_one("#vote-prompt").display
        changes = screen.query_one("#scene-body").changes
        assert "Priya Shah: +1 they know you, +1 you know them" in changes
        assert screen.query_one("#sidebar").display  # the reveal: now the numbers show
        await pilot.press("enter")
        assert scene_title(pilot) == "Priya writes back"
        assert not screen.query_one("#sidebar").display


async def test_presenter_mode_toggles_in_play() -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.screen.query_one("#sidebar").display
        await pilot.press("p")
        assert app.presenter and app.screen.has_class("presenter")
        assert not app.screen.query_one("#sidebar").display


async def test_a_click_on_a_choice_makes_it() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        choices = app.screen.query_one("#choices", OptionList)
        # below the rule, one line per choice at this width: the third is the call
        await pilot.click(choices, offset=(10, 1 + 2))
        assert app.screen.revealing
        assert app.screen.run.path == ["call"]


async def test_help_lists_the_keys_of_the_screen() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        for fragment in ("1–9", "Undo", "Leave", "Notes", "Presenter", "channel ladder"):
            assert fragment in text
        # Keys that do nothing yet say so: no choice to undo, no room to tally
        assert "Undo (not now)" in text and "Tally hands (not now)" in text
        assert "Notes (not now)" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1", "question_mark")
        assert "Undo (not now)" not in app.screen.query_one(Markdown).source


async def test_every_screen_action_is_in_the_command_palette() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Choose 1", "Choose 4", "Notes", "Presenter", "Help", "Leave"):
            assert title in titles
        assert "Choose 5" not in titles  # the scene has four choices
        await pilot.press("3")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Continue", "Undo", "Notes", "Presenter", "Help", "Leave"):
            assert title in titles
        assert "Choose 1" not in titles  # not while the feedback is shown


WON = ("post", "email-time", "short-note", "listen", "ask")


def played(*paths: tuple[str, ...]) -> None:
    """Runs of First Steps along these paths in the store of a trainee already welcomed."""
    welcomed()
    store = ProgressStore.open()
    for path in paths:
        recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
        for choice in path:
            recorded.choose(choice)
    store.close()


async def history(pilot: Pilot) -> HistoryScreen:
    await picker_ready(pilot)
    await pilot.press("f3")
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


async def test_history_screen_shows_runs_and_best() -> None:
    played(("post",) * 8, WON)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await history(pilot)
        runs = screen.query_one("#runs")
        assert runs.row_count == 2
        best = screen.query_one("#best")
        assert best.get_row_at(0)[2:4] == ["won · gold", 97]
        assert screen.percents == [0, 97]  # oldest first, one block a run on a 0-100 scale
        assert str(screen.query_one("#trend").content) == "▁█"
        assert str(screen.query_one("#trend-summary").content).startswith("2 runs · first 0%")


async def test_history_says_one_run_in_the_singular() -> None:
    played(WON)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await history(pilot)
        assert str(screen.query_one("#trend-summary").content).startswith("1 run · first")


async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.no_color


async def test_an_invalid_user_scenario_is_listed_but_not_played(data_home: Path) -> None:
    welcomed()
    mine = data_home / "scenarios"
    mine.mkdir()
    (mine / "broken.yaml").write_text("format: cold-to-gold/1\nid: broken\n")
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await picker_ready(pilot)
        await pilot.press("b", "r", "o", "k", "enter")
        assert isinstance(app.screen, PickerScreen)
        assert "This file has errors" in str(picker.query_one("#preview", Static).content)
        assert any(n.title == "Cannot play" for n in app._notifications)


FOLLOWS_THE_PATH = """\
format: cold-to-gold/2
id: follows
title: Follows
time_budget: 120
people: [{id: ann, name: Ann}]
start: a
scenes:
  a:
    title: A
    text:
      - {when: visits.a >= 2, text: Back again.}
      - text: First time.
    choices:
      - channel: post
        label: Post
        feedback:
          - {when: they_know_you >= 1, text: Ann has seen you now.}
          - text: Nobody saw it.
        goto: a
      - {channel: call, label: Call, feedback: Ann answers., goto: won}
endings:
  won:
    title: Won
    outcome: won
    text:
      - {when: visits.a >= 2, text: You called in the end.}
      - text: You called straight away.
"""


async def test_scene_feedback_and_ending_texts_follow_the_path() -> None:
    app = build_app(scenario=load(FOLLOWS_THE_PATH))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        body = app.screen.query_one("#scene-body")
        assert body.source == "First time."
        await pilot.press("1")
        assert body.source == "Ann has seen you now."
        await pilot.press("enter")
        assert body.source == "Back again."
        await pilot.press("2", "enter")
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.query_one("#ending-text", Prose).source == "You called in the end."


def test_the_command_loads_nothing_heavy_before_it_pauses_garbage_collection() -> None:
    """What the command imports before `load_app` pauses the collector is collected over
    and over while it loads: pathlib, JSON, SQLite and Textual come after the pause."""
    script = (
        "import sys; before = set(sys.modules)\n"
        "import cold_to_gold.cli, cold_to_gold.cli.app\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "cold_to_gold.cli.app" in loaded
    heavy = {"pathlib", "json", "sqlite3", "textual", "rich"}
    assert heavy.isdisjoint(loaded)


def test_the_command_pauses_garbage_collection_only_until_the_first_frame() -> None:
    from cold_to_gold.cli.app import load_app

    welcomed()
    seen: list[bool] = []

    async def first_frame(pilot: Pilot) -> None:
        await picker_ready(pilot)
        await pilot.pause()
        seen.append(gc.isenabled())
        pilot.app.exit()

    try:
        app = load_app()
        seen.append(gc.isenabled())
        app.run(headless=True, size=(80, 24), auto_pilot=first_frame)
    finally:
        gc.enable()
    assert seen == [False, True]
