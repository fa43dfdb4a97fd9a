"""The app in a real room: keys that cannot surprise it, screens whole at small sizes,
the projector's view and the room's vote, driven through Textual's Pilot."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from fake_clock import FakeClock, TextualClock
from pilot_wait import PATIENCE, until
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Markdown, OptionList, Static

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.cli import main
from cold_to_gold.engine import best_for
from cold_to_gold.engine.scale import meter_scale
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.confirm import ConfirmScreen
from cold_to_gold.tui.screens.debrief import DebriefScreen
from cold_to_gold.tui.screens.help import HelpScreen
from cold_to_gold.tui.screens.picker import PickerScreen
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.screens.tally import TallyScreen
from cold_to_gold.tui.widgets.cast import PersonCard
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar
from cold_to_gold.tui.widgets.vote import VotePrompt

# The app starts as a returning trainee's: the library cache written (see conftest).
pytestmark = pytest.mark.usefixtures("warm_library")

SCENARIOS = bundled_dir("scenarios")
FIRST_STEPS = SCENARIOS / "first-steps.yaml"
THE_STAGE = SCENARIOS / "the-stage.yaml"
DATA = Path(__file__).parent / "data"
CAPPED = DATA / "room-cap.yaml"
FIRST_CALL = DATA / "first-call.yaml"  # its meeting costs 120 minutes
WINNING_FIRST_STEPS = ["email", "short-note", "listen", "ask"]


def welcomed() -> None:
    store = ProgressStore.open()
    store.set_setting("welcomed", "yes")
    store.close()


def shown_text(widget: Widget) -> str:
    """What a widget shows on screen, line by line (as the screen draws it)."""
    lines = widget.screen._compositor.render_strips()
    region = widget.region
    return "\n".join(
        strip.crop(region.x, region.right).text.rstrip()
        for strip in lines[region.y : region.bottom]
    )


async def play_to_the_end(pilot: Pilot, path: list[str]) -> None:
    screen = pilot.app.screen
    for choice in path:
        number = next(o.number for o in screen.run.options() if o.choice.id == choice)
        await pilot.press(str(number), "enter")


# --- keys that cannot surprise a room ------------------------------------------


async def test_a_double_enter_after_the_feedback_leaves_the_next_scene_unanswered() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = app.screen
        await pilot.press("2")  # email
        assert screen.revealing
        await pilot.press("enter", "enter")
        assert screen.run.path == ["email"]
        assert not screen.revealing
        assert screen.query_one("#choices", OptionList).highlighted is None


async def test_enter_takes_a_choice_only_once_the_highlight_was_moved_to_it() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("enter")
        assert app.screen.run.path == []
        await pilot.press("down", "down", "enter")
        assert app.screen.run.path == ["email"]


async def test_keys_pressed_just_after_a_new_scene_are_not_applied_to_it(monkeypatch) -> None:
    clock = TextualClock(monkeypatch)  # the clock keys are stamped with, moved on by hand
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        # As in a terminal (headless tests leave it off); a minute, so that no pause a busy
        # machine makes between two keys of one press lets the second one through.
        app.key_guard = 60.0
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        clock.advance(61)
        await pilot.press("2")
        assert app.screen.run.path == ["email"] and app.screen.revealing
        clock.advance(61)
        await pilot.press("enter", "1")  # a clicker's double press: on to the next scene, then 1
        assert app.screen.run.path == ["email"]
        assert not app.screen.revealing
        first = app.screen.run.options()[0].choice.id
        clock.advance(61)
        await pilot.press("1")  # read, then chosen
        assert app.screen.run.path == ["email", first]


async def test_a_second_enter_on_the_debrief_does_not_rewind() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await play_to_the_end(pilot, WINNING_FIRST_STEPS)
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.run.path == WINNING_FIRST_STEPS


async def test_the_debriefs_path_is_reached_with_the_arrow_keys_and_rewind_asks() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await play_to_the_end(pilot, WINNING_FIRST_STEPS)
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        assert "Your path" in str(screen.query_one(KeyBar).content)
        page, rewind = screen.query_one("#debrief"), screen.query_one("#rewind", OptionList)
        assert page.has_focus and page.scroll_y == 0
        for _ in range(60):
            if rewind.has_focus:
                break
            await pilot.press("down")
        assert rewind.has_focus and rewind.highlighted == 0
        assert page.scroll_y > 0  # the page moved on the way down
        assert "Rewind to this step" in str(screen.query_one(KeyBar).content)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen
        await pilot.press("up", "up")  # above the first step: back to the page
        assert page.has_focus


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_page_follows_the_step_picked_for_rewinding(size) -> None:  # type: ignore[no-untyped-def]
    """The path is as tall as its steps and the page scrolls: each step the arrows pick
    is brought on screen whole, so nobody is asked to rewind to a step they cannot see."""
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await play_to_the_end(pilot, WINNING_FIRST_STEPS)
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        await pilot.press("tab")
        page = screen.query_one("#debrief")
        for step, title in enumerate(["Your first prospect", "Send me", "Tuesday", "A month"]):
            if step:
                await pilot.press("down")
            await pilot.pause()
            shown = shown_text(page)
            assert f"{step + 1}.  " in shown and title in shown, (step, shown)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen) and "step 4" in str(
            app.screen.query_one(".question", Static).content
        )


async def test_quitting_asks_while_a_run_is_open() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("2", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("ctrl+q", "y")
    assert app.return_code == 0
    assert [saved.choices for saved in ProgressStore.open().unfinished_runs()] == [("email",)]


# --- the picker's filter ---------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_typing_gold_and_quick_in_the_picker_filters(size) -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        picker = app.screen
        await pilot.press(*"gold")
        assert app.screen is picker
        assert picker.query_one("#filter", Input).value == "gold"
        assert "Cold to Gold" in [entry.title for entry in picker.shown]
        await pilot.press("ctrl+u", *"quick")
        assert app.screen is picker and app.is_running
        assert picker.query_one("#filter", Input).value == "quick"
        await pilot.press("escape", *"stage")
        assert picker.query_one("#filter", Input).value == "stage"


async def test_titles_that_match_come_before_summaries_that_match(data_home: Path) -> None:
    welcomed()
    mine = data_home / "scenarios"
    mine.mkdir()
    text = FIRST_CALL.read_text()
    (mine / "a.yaml").write_text(
        text.replace("id: first-call", "id: aaa-summary").replace(
            "summary: A reader liked your post. Do you know who they are?",
            "summary: A harbour town.",
        )
    )
    (mine / "b.yaml").write_text(
        text.replace("id: first-call", "id: zzz-title").replace(
            "title: The First Call", "title: The Harbour Call"
        )
    )
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press(*"harbour")
        assert [entry.id for entry in app.screen.shown] == ["zzz-title", "aaa-summary"]


async def test_back_at_the_picker_new_typing_replaces_the_old_filter() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        picker = app.screen
        await pilot.press(*"stage", "enter")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("q")  # nothing chosen yet: straight back
        await until(pilot, lambda: app.screen is picker)
        await pilot.press(*"first")
        assert picker.query_one("#filter", Input).value == "first"


# --- whole at 80×24 and 60×20 ------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_notes_open_with_the_choices_readable(size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        notes, choices = screen.query_one("#notes"), screen.query_one("#choices")
        assert notes.display and notes.region.height >= 4
        assert choices.size.width >= 44  # a label reads as words, never a letter a line
        assert not notes.region.overlaps(choices.region)
        assert "Post a follow-up - what would" in shown_text(choices)
        assert not screen.query_one("#sidebar").display  # the notes take the cast's place


async def test_a_120_minute_choice_reads_120_min_at_80x24() -> None:
    app = build_app(scenario=load_scenario(FIRST_CALL))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("2", "enter")  # a call, then the invitation: a 120-minute meeting
        await pilot.pause()
        assert "120 min" in shown_text(app.screen.query_one("#choices"))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_key_bar_never_ends_in_a_bare_key(size) -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        lines = shown_text(app.screen.query_one(KeyBar)).splitlines()
        assert len(lines[-1].rstrip().rsplit(" ", 1)[-1]) > 2  # a word, not a bare key
        assert all(len(line) <= size[0] for line in lines)


async def test_a_window_below_60x20_says_so() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(50, 16)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        bar = app.screen.query_one(TitleBar)
        assert bar.has_class("-too-small")
        assert "too small" in str(bar.content) and "60×20" in str(bar.content)
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert not app.screen.query_one(TitleBar).has_class("-too-small")


async def test_a_long_role_wraps_between_words() -> None:
    app = build_app(scenario=load_scenario(CAPPED))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        card = app.screen.query_one(PersonCard)
        lines = [card.line(y).plain for y in range(card.size.height)]
        role = " ".join(line for line in lines[1:4] if not line.startswith(("they", "you")))
        assert "Buyer at a very large and very slow company" in role


async def test_the_cast_is_drawn_on_the_scenarios_scale() -> None:
    scenario = load_scenario(FIRST_STEPS)
    app = build_app(scenario=scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        for card in app.screen.query(PersonCard):
            assert card.scale == meter_scale(scenario)


# --- presenter mode and the room's vote -------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_presenter_mode_shows_the_bars_on_reveal(size) -> None:
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = app.screen
        sidebar = screen.query_one("#sidebar")
        await pilot.press("n")  # the facilitator's notes are open, too
        assert not sidebar.display  # hidden while the room decides
        await pilot.press("2")  # email Priya
        await pilot.pause()
        assert sidebar.display and sidebar.region.width >= 36
        cards = list(screen.query(PersonCard))
        assert all(card.large for card in cards)
        drawn = shown_text(sidebar)
        assert "10 min spent" in drawn
        assert "Priya Shah" in drawn and "stage: cold, one-sided" in drawn
        assert "they know you 3  +1" in " ".join(drawn.split("\n")).replace("   ", " ")
        assert "█" in drawn
        await pilot.press("enter")
        assert not sidebar.display
        assert not any(card.large for card in cards)


async def test_a_tally_is_saved_before_the_choice_and_shown_on_the_reveal() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS), presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("t")
        assert isinstance(app.screen, TallyScreen)
        await pilot.press("5", "enter", "2", "enter", "1", "enter", "enter")  # the last: none
        assert isinstance(app.screen, PlayScreen)
        store = app.screen.recorded.store
        run_id = app.screen.recorded.id
        hands = {"post": 5, "email": 2, "call": 1, "drop-in": 0}
        assert store.tallies(run_id)[0].hands == hands
        await pilot.press("1")  # the room posted
        assert "63% of the room posted" in shown_text(app.screen.query_one("#scene-body"))
        await pilot.press("enter", "t", "enter")  # a blank field is no hands: the next one
        assert isinstance(app.screen, TallyScreen)
        await pilot.press("enter", "enter", "enter")  # left wholly blank: no tally
        assert isinstance(app.screen, PlayScreen)
        assert list(store.tallies(run_id)) == [0]
        await pilot.press("t", "enter", "4", "enter", "enter")  # no hands for choice 1
        assert store.tallies(run_id)[1].hands == {"post": 0, "email": 4, "email-time": 0}


async def test_the_rooms_vote_is_in_the_debrief_and_in_history_json(capsys) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS), presenter=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("t", "1", "enter", "1", "enter", "6", "enter", "enter")  # 6 of 8 call
        await play_to_the_end(pilot, ["call", "short-note", "listen", "ask"])
        assert isinstance(app.screen, DebriefScreen)
        assert "75% of the room called" in shown_text(app.screen.query_one("#rewind"))
    capsys.readouterr()
    assert main(["history", "--json"]) == 0
    (run,) = json.loads(capsys.readouterr().out)
    assert run["votes"] == [
        {"step": 1, "scene": "hello", "hands": {"post": 1, "email": 1, "call": 6, "drop-in": 0}}
    ]


async def test_the_discussion_countdown_runs_only_when_asked_for(monkeypatch) -> None:
    clock = FakeClock()  # the countdown's clock: it moves only when the test says so
    monkeypatch.setattr(VotePrompt, "clock", clock)
    ticked = asyncio.Event()  # set each time the countdown's own timer has ticked
    tick = VotePrompt.tick
    monkeypatch.setattr(VotePrompt, "tick", lambda prompt: (tick(prompt), ticked.set()))

    async def advance(seconds: int) -> None:
        """Move the clock on, then let the countdown's timer tick once on the new time."""
        ticked.clear()  # a tick before this line read the old time
        clock.advance(seconds)
        await asyncio.wait_for(ticked.wait(), PATIENCE)

    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert not app.screen.query_one("#vote-prompt").counting
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True, countdown=90)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        prompt = app.screen.query_one("#vote-prompt", VotePrompt)
        assert prompt.counting and prompt.seconds_left == 90
        assert "Discuss — 1:30 left" in str(prompt.content)
        await advance(31)  # the next tick shows the time left
        assert prompt.seconds_left == 59 and "Discuss — 0:59 left" in str(prompt.content)
        await pilot.press("2")  # the vote is in: the countdown stops
        assert not prompt.counting
    # A store of its own: the run left open above would be offered for resume first.
    store = ProgressStore.in_memory()
    app = build_app(scenario=load_scenario(THE_STAGE), presenter=True, countdown=90, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        prompt = app.screen.query_one("#vote-prompt", VotePrompt)
        await advance(90)
        assert not prompt.counting  # time is up: the room is asked for its vote
        assert "Time to vote" in str(prompt.content)


# --- the debrief for format 2 -------------------------------------------------------


async def test_the_debrief_says_when_the_outcome_capped_the_grade() -> None:
    app = build_app(scenario=load_scenario(CAPPED))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await play_to_the_end(pilot, ["post", "dinner"])
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        note = screen.query_one("#cap-note", Static)
        assert note.display
        assert str(note.content) == (  # every grade the loss held back, named
            "100 % of the best, but the deal was lost: gold needs a won ending; "
            "warm and lukewarm a won or neutral one"
        )
        chart = shown_text(screen.query_one("#mix")).splitlines()
        post = next(line for line in chart if "post" in line)
        meet = next(line for line in chart if "meet" in line)
        assert post.endswith("−3") and "▓│" in post  # below zero, left of the line
        assert meet.endswith("+86") and "│███" in meet
        call = next(line for line in chart if "call" in line)
        assert "█" not in call  # unused: no bar at all


async def test_a_won_run_says_nothing_about_a_cap() -> None:
    app = build_app(scenario=load_scenario(CAPPED))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await play_to_the_end(pilot, ["call", "call"])
        assert not app.screen.query_one("#cap-note").display


# --- help and the palette speak the user's words -------------------------------------


async def test_help_and_palette_list_keys_once_and_by_their_names() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        commands = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        helps = " ".join(command.help for command in commands)
        assert "Focus Next" not in titles and "Keys" not in titles and "Screenshot" not in titles
        assert "question_mark" not in helps and "key ?" in helps
        assert len(titles) == len(set(titles))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        assert "1–9" in text and "Choose 1" not in text and "Choose 9" not in text
        assert "question_mark" not in text and "`?`" in text


async def test_at_60x20_the_cast_is_a_strip_under_the_choices_with_every_number() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("2")  # an email: Sam's numbers move
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        assert not screen.query_one("#cast").display
        strip = shown_text(screen.query_one("#cast-strip")).splitlines()
        sam = next(line for line in strip if line.startswith("Sam Whitfield"))
        assert sam.split()[-1] == "cold"
        assert [int(word) for word in sam.split() if word.isdigit()] == [1, 1, 0]
        assert screen.query_one("#cast-strip").region.y > screen.query_one("#choices").region.y


async def test_history_at_80x24_loses_nothing() -> None:
    welcomed()
    store = ProgressStore.open()
    for path in (SCENARIOS / "the-stage.yaml", SCENARIOS / "small-group.yaml", FIRST_STEPS):
        scenario = load_scenario(path)
        recorded = RecordedRun.start(scenario, store)
        for choice in best_for(scenario).path:
            recorded.choose(choice)
    store.close()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press("f3")
        screen = app.screen
        runs, best = screen.query_one("#runs"), screen.query_one("#best")
        assert runs.virtual_size.width <= runs.size.width  # no column off the side
        assert best.row_count == 3  # every scenario
        details = shown_text(screen.query_one("#run-details"))
        assert "First Steps: Four Ways to Reach Someone" in details
        assert "100 min" in details and "street (won)" in details
        await pilot.press("down")
        assert "The Big Congregation" in shown_text(screen.query_one("#run-details"))
