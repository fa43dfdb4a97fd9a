"""The app in the room, second pass (issue 21): nothing reaches the projector that was
not opened for it, nothing hides below the fold. Driven through Textual's Pilot at the
sizes the room uses."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, OptionList

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine import play
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario import Scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.confirm import ConfirmScreen
from cold_to_gold.tui.screens.picker import PickerScreen
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.screens.resume import ResumeScreen
from cold_to_gold.tui.widgets.choices import ChoiceList
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar
from tests.conftest import load
from tests.test_room import shown_text, until, welcomed

SCENARIOS = bundled_dir("scenarios")
FIRST_STEPS = SCENARIOS / "first-steps.yaml"

TWO_EMAILS = """
    format: cold-to-gold/2
    id: two-emails
    title: Two emails
    people:
      - {id: ann, name: Ann Lee}
    vars: {pushed_visit: false}
    start: a
    scenes:
      a:
        title: The first scene
        text: Ann wrote.
        facilitator_notes: Notes of the first scene.
        choices:
          - {id: short, channel: email, label: A short email, goto: b, set: {pushed_visit: true}}
          - {id: long, channel: email, label: A long email, goto: b}
          - {channel: call, label: Call her, goto: b}
      b:
        title: The second scene
        text: Ann answered.
        facilitator_notes: Notes of the second scene.
        choices:
          - {channel: meet, label: Meet her, goto: won}
    endings:
      won: {title: Won, text: Won, outcome: won}
    """


async def on_play(pilot: Pilot) -> PlayScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, PlayScreen))
    return pilot.app.screen  # type: ignore[return-value]


# --- 1. notes: only for the decision in front of the room, labelled with their scene ---


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_notes_opened_on_the_reveal_show_that_decisions_notes_and_close_after(size) -> None:
    app = build_app(scenario=load(TWO_EMAILS), presenter=True)
    async with app.run_test(size=size) as pilot:
        screen = await on_play(pilot)
        notes = screen.query_one("#notes")
        await pilot.press("3", "n")  # the reveal, then the notes
        assert notes.display and notes.region.height > 0
        drawn = shown_text(notes)
        assert "The first scene" in drawn and "Notes of the first scene." in drawn
        assert "second scene" not in drawn
        await pilot.press("enter")  # the next decision: the notes close
        assert not notes.display
        await pilot.press("n")  # opened again: this scene's, labelled so
        drawn = shown_text(notes)
        assert "The second scene" in drawn and "Notes of the second scene." in drawn


@pytest.mark.parametrize("presenter", [True, False])
async def test_notes_opened_during_the_discussion_do_not_follow_to_the_next_scene(
    presenter,
) -> None:
    app = build_app(scenario=load(TWO_EMAILS), presenter=presenter)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_play(pilot)
        await pilot.press("n", "n", "n", "3")  # pressed any number of times
        await pilot.press("enter")
        assert not screen.query_one("#notes").display
        assert "Notes of the second scene." not in shown_text(screen)


# --- 2. resume from `play ID --presenter` and after `q` --------------------------------


async def test_play_id_offers_to_resume_the_run_a_crash_left() -> None:
    store = ProgressStore.open()
    RecordedRun.start(load_scenario(FIRST_STEPS), store, presenter=True).choose("email")
    store.close()  # the window was killed here
    app = build_app(scenario=load_scenario(FIRST_STEPS), presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("r")
        screen = await on_play(pilot)
        assert screen.run.path == ["email"] and screen.revealing


async def test_a_scenario_left_with_q_is_offered_for_resume_when_picked_again() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.entries)
        await pilot.press(*"first steps", "enter")
        await on_play(pilot)
        await pilot.press("2", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # Leave
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("r")
        screen = await on_play(pilot)
        assert screen.run.path == ["email"]


async def test_a_new_run_instead_keeps_the_unfinished_one() -> None:
    store = ProgressStore.open()
    left = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    left.choose("post")
    store.close()
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("l")  # "later" is the start's answer: here it does nothing
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        screen = await on_play(pilot)
        assert screen.run.path == []
    kept = [run.id for run in ProgressStore.open().unfinished_runs() if run.choices]
    assert kept == [left.id]


async def test_escape_on_the_offer_as_a_scenario_opens_plays_nothing() -> None:
    welcomed()
    store = ProgressStore.open()
    left = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    left.choose("post")
    store.close()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await pilot.press("l")  # the offer at start: later
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press(*"first steps", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        assert [str(button.label) for button in app.screen.query(Button)] == [
            "Resume (r)",
            "Discard (d)",
            "New run (n)",
        ]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.current_run is None  # nothing was played
    kept = [run.id for run in ProgressStore.open().unfinished_runs() if run.choices]
    assert kept == [left.id]


# --- 3. the tally's headline sums the channel ---------------------------------------


async def test_the_tally_headline_counts_every_choice_of_the_channel() -> None:
    app = build_app(scenario=load(TWO_EMAILS), presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_play(pilot)
        await pilot.press("t", "8", "enter", "1", "2", "enter", "5", "enter")
        await on_play(pilot)
        await pilot.press("2")  # the long email: 12 of 25 hands; email in all: 20
        drawn = " ".join(shown_text(screen.query_one("#scene-body")).split())
        assert "80% of the room emailed (48% this one)" in drawn
        assert "1 ✉ email 32%" in drawn and "3 ☎ call 20%" in drawn


async def test_a_share_never_wraps_between_the_number_and_its_sign() -> None:
    from cold_to_gold.tui.channels import room_share

    assert room_share(12, "call") == "12% of the room called"


# --- 4. the author's variables stay off the screen ----------------------------------


async def test_variables_are_not_among_the_changes_shown() -> None:
    app = build_app(scenario=load(TWO_EMAILS), presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_play(pilot)
        await pilot.press("1")
        drawn = shown_text(screen)
        assert "Changes:" in drawn and "pushed_visit" not in drawn


def test_the_headless_summary_lists_no_variables(capsys) -> None:
    from cold_to_gold.cli import main

    assert main(["play", str(FIRST_STEPS), "--choose", "call"]) == 0
    out = capsys.readouterr().out
    assert "phoned" not in out and "dropped_in" not in out


# --- 6. the size warning follows every resize at once -------------------------------


async def test_the_size_warning_follows_each_resize() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_play(pilot)
        bar = screen.query_one(TitleBar)
        sizes = [((50, 16), True), ((80, 24), False), ((59, 24), True), ((60, 20), False)]
        for size, small in sizes:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert bar.has_class("-too-small") is small, size
            assert ("too small" in str(bar.content)) is small


# --- 7. every choice within reach of the keys ---------------------------------------


def first_paths(scenario: Scenario) -> dict[str, list[str]]:
    """For each scene a run can reach, one path of choice ids that arrives there."""
    found: dict[str, list[str]] = {scenario.start: []}
    queue = [[]]
    while queue:
        path = queue.pop(0)
        run = play(scenario, path)
        for option in run.options():
            if not option.available:
                continue
            longer = [*path, option.choice.id]
            goto = option.choice.goto
            if goto in scenario.scenes and goto not in found:
                found[goto] = longer
                queue.append(longer)
    return found


def crowded_scene(scenario: Scenario) -> str:
    """The reachable scene whose choices take the most room: many, long, and locked."""
    reachable = first_paths(scenario)

    def room(scene_id: str) -> int:
        choices = scenario.scenes[scene_id].choices
        return sum(len(c.label) + len(c.locked) + 60 for c in choices)

    return max(reachable, key=room)


def visible_choices(choices: ChoiceList, labels: list[str]) -> set[int]:
    """The numbers of the choices whose number and first words are on screen now."""
    lines = shown_text(choices).splitlines()
    seen = set()
    for number, label in enumerate(labels, start=1):
        start = " ".join(label.split()[:2])[:14]
        if any(line.strip().startswith(f"{number} ") and start in line for line in lines):
            seen.add(number)
    return seen


@pytest.mark.parametrize(("size", "presenter"), [((60, 20), False), ((80, 24), True)])
async def test_every_choice_of_each_scenarios_most_crowded_scene_is_reached_by_the_arrows(
    size, presenter
) -> None:
    welcomed()
    store = ProgressStore.open()
    app = build_app(presenter=presenter, store=store)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.entries)
        for file in sorted(SCENARIOS.glob("*.yaml")):
            scenario = load_scenario(file)
            scene = crowded_scene(scenario)
            path = first_paths(scenario)[scene]
            app.show_run(RecordedRun.start(scenario, store, presenter, path))
            screen = await on_play(pilot)
            await pilot.pause()
            choices = screen.query_one("#choices", ChoiceList)
            labels = [choice.label for choice in scenario.scenes[scene].choices]
            seen = visible_choices(choices, labels)
            every = set(range(1, len(labels) + 1))
            for _ in range(len(labels) + 2):  # down, until each choice has been in view
                if seen == every:
                    break
                await pilot.press("down")
                seen |= visible_choices(choices, labels)
            assert seen == every, (file.stem, scene, seen)
            app.pop_screen()
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))


LONG_SECOND_SCENE = """
    format: cold-to-gold/2
    id: long-second
    title: A long second scene
    people:
      - {id: ann, name: Ann Lee}
    start: a
    scenes:
      a:
        title: Short
        text: Ann wrote.
        choices:
          - {channel: email, label: Answer her, goto: b}
      b:
        title: Long
        text: |
LONG_TEXT
        choices:
          - {channel: meet, label: Meet her, goto: won}
          - {channel: call, label: Call her, goto: won}
    endings:
      won: {title: Won, text: Won, outcome: won}
    """.replace(
    "LONG_TEXT", "\n\n".join(f"          Line {n} of a long letter from Ann." for n in range(1, 16))
)


async def test_more_pgdn_is_said_when_the_text_goes_on_below_after_a_choice_at_60x20() -> None:
    app = build_app(scenario=load(LONG_SECOND_SCENE))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await on_play(pilot)
        await pilot.press("1", "enter")  # Undo joins the key bar from now on
        await pilot.pause()
        scroll = screen.query_one("#scene-scroll")
        assert scroll.max_scroll_y > 0
        assert "more: PgDn" in (screen.query_one("#choices").border_title or "")
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert "more: PgDn" not in (screen.query_one("#choices").border_title or "")


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_key_bar_takes_one_row_while_playing(size) -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=size) as pilot:
        screen = await on_play(pilot)
        await pilot.press("2")  # Undo joins the keys
        await pilot.pause()
        assert screen.query_one(KeyBar).outer_size.height == 1


async def test_the_key_bar_keeps_every_key_of_the_picker_and_presenter_play_on_one_row() -> None:
    """At 60x20 (a zoomed projector) the keys go a single space apart rather than take
    a second row of the screen; no key that works now is left out."""
    welcomed()
    app = build_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert bar.outer_size.height == 1
        for key in ("Play", "Help", "Presenter", "History", "Guide", "Quit"):
            assert key in str(bar.content)
        await pilot.press("f2", "enter")
        screen = await on_play(pilot)
        await pilot.pause()
        bar = screen.query_one(KeyBar)
        for works_now in (("Tally hands", "Notes"), ("Undo", "Notes")):
            assert bar.outer_size.height == 1
            for key in (*works_now, "Presenter", "Help", "Leave"):
                assert key in str(bar.content)
            await pilot.press("1")  # the room's choice: Undo from now on
            await pilot.pause()


# --- 5. Markdown is rendered on every surface, never shown as markers ---------------


def test_markdown_reads_as_plain_text_without_markers() -> None:
    from cold_to_gold.scenario.markdown_text import one_line, plain_text

    source = (
        'You have **480 minutes**. Chen: *"Prices in writing."*\n\n'
        "- **Ada** needs `billing`\n- see [the site](https://example.com)\n\nAfter."
    )
    assert plain_text(source) == (
        'You have 480 minutes. Chen: "Prices in writing."\n\n'
        "- Ada needs billing\n- see the site\n\nAfter."
    )
    assert one_line("*a*\nb") == "a b"


def test_the_debriefs_path_lines_and_the_summary_show_no_markers(capsys) -> None:
    from rich.console import Console

    from cold_to_gold.cli import main
    from cold_to_gold.tui.widgets.path_list import step_line

    the_week = load_scenario(SCENARIOS / "the-week.yaml")
    step = play(the_week, ["call-all"]).steps[0]
    said = '"Did you get my email? I only need the prices."'
    assert f"*{said}*" in step.feedback  # written as Markdown
    console = Console(width=80, record=True)
    console.print(step_line(1, step, {}))
    drawn = " ".join(console.export_text().split())
    assert said in drawn and "*" not in drawn
    assert main(["play", "the-week", "--choose", "call-all"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert said in out and '*"' not in out


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("label: Call her *now*", False),
        ("label: Call her **now**", False),
        ("label: Send the `price list`", False),
        ("label: Read [the post](https://x.example)", False),
        ("label: Call _today_", False),
        ("label: Five * three calls", True),
        ("label: Call the north_side shop", True),
    ],
)
def test_a_one_line_field_with_markdown_markup_is_a_located_error(line, ok) -> None:
    from tests.conftest import problems

    text = f"""
        format: cold-to-gold/2
        id: t
        title: T
        people:
          - {{id: ann, name: Ann}}
        start: a
        scenes:
          a:
            title: A
            text: A *scene* text may use Markdown.
            choices:
              - channel: call
                {line}
                goto: won
        endings:
          won: {{title: W, text: W, outcome: won}}
        """
    if ok:
        assert load(text).scenes["a"].choices[0].label == line.split(": ", 1)[1]
        return
    found = problems(text)
    assert len(found) == 1
    assert found[0].line == 13 and "would show as typed" in found[0].message


# --- 8. the reveal at 60x20 is large ------------------------------------------------


async def test_the_presenter_reveal_at_60x20_has_long_bars_and_the_changes() -> None:
    app = build_app(scenario=load_scenario(SCENARIOS / "the-stage.yaml"), presenter=True)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await on_play(pilot)
        await pilot.press("2")  # email Priya
        await pilot.pause()
        drawn = shown_text(screen.query_one("#cast-strip")).splitlines()
        priya = drawn.index(next(line for line in drawn if line.startswith("Priya Shah")))
        assert "cold, one-sided" in drawn[priya]
        bars = drawn[priya + 1]
        assert "3 +1" in bars and "1 +1" in bars
        assert len(bars.split()[0]) >= 8  # a bar eight cells or more, not three
        await pilot.press("enter")
        assert "+1" not in shown_text(screen.query_one("#cast-strip"))


# --- 9. a lock's reason reads right after you did what it asked ---------------------


def test_the_weeks_lock_reasons_follow_what_was_done() -> None:
    the_week = load_scenario(SCENARIOS / "the-week.yaml")
    after_the_visit = play(the_week, ["call-two", "email-chen", "visit-eli", "close-eli-ask"])
    reasons = {option.choice.id: option.reason for option in after_the_visit.options()}
    assert reasons["visit-eli"] == "you have sat in on them already"
    assert reasons["visit-bruno"] is None
    before_a_call = play(the_week, ["post", "email-chen"])
    reasons = {option.choice.id: option.reason for option in before_a_call.options()}
    assert reasons["visit-eli"] == "call Eli first"


LOCKED_VARIANTS = """
    format: cold-to-gold/2
    id: t
    title: T
    people:
      - {id: ann, name: Ann}
    time_budget: 300
    vars: {asked: false}
    start: a
    scenes:
      a:
        title: A
        text: A
        choices:
          - {channel: call, label: Call, goto: a, set: {asked: true}}
          - channel: meet
            label: Meet
            when: trust >= 1 and not asked
            locked:
              - when: asked
                text: you asked already
              - text: call her first
            goto: won
    endings:
      won: {title: W, text: W, outcome: won}
    """


def test_locked_may_be_a_list_of_variants_like_a_text() -> None:
    from tests.conftest import problems

    scenario = load(LOCKED_VARIANTS)
    assert {o.choice.id: o.reason for o in play(scenario, []).options()}["meet"] == (
        "call her first"
    )
    assert {o.choice.id: o.reason for o in play(scenario, ["call"]).options()}["meet"] == (
        "you asked already"
    )
    found = problems(LOCKED_VARIANTS.replace("text: you asked already", "text: you *asked*"))
    assert len(found) == 1 and "would show as typed" in found[0].message
    found = problems(LOCKED_VARIANTS.replace("              - text: call her first\n", ""))
    assert len(found) == 1 and "remove its `when`" in found[0].message


# --- 10. polish ----------------------------------------------------------------------


async def test_a_choice_and_enter_read_at_once_leave_the_feedback_on_screen() -> None:
    from textual import events

    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_play(pilot)
        app.key_guard = 0.4  # as in a terminal
        await pilot.pause(0.5)
        # One read from a slow link: both keys arrive before either is handled.
        app.post_message(events.Key("2", "2"))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert screen.revealing and screen.run.path == ["email"]


@pytest.mark.parametrize("command", ["validate", "test", "lint"])
def test_validate_test_and_lint_take_a_bundled_scenarios_id(command, capsys) -> None:
    from cold_to_gold.cli import main

    assert main([command, "first-steps"]) == 0
    assert "first-steps.yaml" in capsys.readouterr().out


def test_lint_with_no_path_lints_your_own_scenarios(data_home, capsys) -> None:
    from cold_to_gold.cli import main

    assert main(["lint"]) == 1  # none yet: says where it looked
    assert str(data_home / "scenarios") in capsys.readouterr().err
    assert main(["new", "my-one"]) == 0
    capsys.readouterr()
    assert main(["lint"]) == 0
    assert "my-one.yaml: 0 findings" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["lint", "--jsno", "first-steps"], "did you mean --json?"),
        (["play", "first-steps", "--presentr"], "did you mean --presenter?"),
        (["--versoin"], "did you mean --version?"),
    ],
)
def test_a_misspelt_option_suggests_the_right_one(argv, meant, capsys) -> None:
    from cold_to_gold.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert meant in err
    command = "" if argv[0].startswith("-") else f" {argv[0]}"
    assert f"usage: cold-to-gold{command} [" in err  # the usage of the command typed


def test_validate_on_an_empty_folder_names_it(tmp_path, capsys) -> None:
    from cold_to_gold.cli import main

    empty = tmp_path / "drafts"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 1
    assert f"no *.yaml or *.yml files found in {empty}" in capsys.readouterr().err


def test_one_bad_value_gives_one_error() -> None:
    from tests.conftest import problems

    looping = """
        format: cold-to-gold/2
        id: t
        title: T
        time_budget: two hours
        people:
          - {id: ann, name: Ann}
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - {channel: post, label: Post again, goto: a}
              - {channel: meet, label: Meet, goto: won}
        endings:
          won: {title: W, text: W, outcome: won}
        scoring:
          grades:
            gold: {min: 90, outcome: wonn}
            cold: 0
        tests:
          - {name: meeting wins, choose: [meet], expect: {grade: gold}}
        """
    found = problems(looping)
    assert [p.line for p in found] == [4, 19], "\n".join(map(str, found))


def test_check_setup_prints_no_deprecation_notices_of_the_extras() -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-W", "default", "-m", "cold_to_gold", "check-setup"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert "Ready" in done.stdout or "Not ready" in done.stdout
    assert "Warning" not in done.stderr, done.stderr


def finished_first_steps() -> None:
    store = ProgressStore.open()
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    for choice in ["email", "short-note", "listen", "ask"]:
        recorded.choose(choice)
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_history_names_endings_by_their_titles(size) -> None:
    from cold_to_gold.tui.screens.history import HistoryScreen

    welcomed()
    finished_first_steps()
    app = build_app()
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        drawn = " ".join(shown_text(app.screen.query_one("#history")).split())
        assert "Two shops on one street" in drawn
        assert "ended: street" not in drawn and "gold 100 240 street" not in drawn


def test_history_on_the_command_line_names_endings_by_their_titles(capsys) -> None:
    from cold_to_gold.cli import main

    finished_first_steps()
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[1].endswith("Two shops on one street")


async def test_an_empty_history_draws_no_bar() -> None:
    from cold_to_gold.tui.screens.history import HistoryScreen

    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        drawn = shown_text(app.screen.query_one("#history"))
        assert "No finished runs yet." in drawn and "█" not in drawn


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_first_run_welcome_fits_the_window(size) -> None:
    from cold_to_gold.tui.screens.welcome import WelcomeScreen

    app = build_app()
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        assert dialog.region.bottom <= size[1] - 1  # the key bar's row stays clear
        assert "Press Enter to begin" in shown_text(dialog)


async def test_the_tally_dialogs_labels_wrap_under_themselves_at_60x20() -> None:
    from cold_to_gold.tui.screens.tally import TallyScreen

    app = build_app(scenario=load_scenario(FIRST_STEPS), presenter=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await on_play(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TallyScreen)
        await pilot.pause()
        label = shown_text(app.screen.query(".tally-label").first()).splitlines()
        assert len(label) > 1 and label[1].startswith(" " * 10)  # not flush left


async def test_a_quoted_scene_title_is_not_quoted_twice_in_the_rewind_question() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_play(pilot)
        for key in ["2", "enter", "1", "enter", "1", "enter", "1", "enter"]:
            await pilot.press(key)
        await until(pilot, lambda: type(app.screen).__name__ == "DebriefScreen")
        await pilot.press("tab", "down", "enter")  # step 2: "Send me something in writing"
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".question").content)
        assert '"Send me something in writing"' in question and '“"' not in question


async def test_help_at_80x24_shows_many_keys_and_says_typing_filters() -> None:
    from cold_to_gold.tui.screens.help import HelpScreen

    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        drawn = shown_text(app.screen.query_one(".dialog"))
        assert "Filter the list as you type" in drawn
        shown = [key for key in ("Play", "Help", "Presenter", "History", "Guide") if key in drawn]
        assert len(shown) == 5, drawn


async def test_the_guide_at_60x20_reads_in_a_wide_column_and_code_scrolls_sideways() -> None:
    from textual.widgets.markdown import MarkdownFence

    from cold_to_gold.tui.screens.guide import GuideScreen

    screen = GuideScreen()
    page = next(i for i, p in enumerate(screen.pages) if p.name == "authoring.md")
    welcomed()
    app = build_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        app.push_screen(screen)
        await pilot.pause()
        assert screen.query_one("#page-scroll").size.width >= 34
        screen.query_one("#pages", OptionList).highlighted = page
        await pilot.press("tab")
        await until(pilot, lambda: any(f.max_scroll_x > 0 for f in screen.query(MarkdownFence)))
        wide = next(f for f in screen.query(MarkdownFence) if f.max_scroll_x > 0)
        await pilot.press("right", "right")
        assert wide.scroll_x > 0


async def test_a_wrapped_picker_line_keeps_its_indent_at_80x24() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        lines = shown_text(app.screen.query_one("#library")).splitlines()
        at = next(i for i, line in enumerate(lines) if "not" in line and "beginner" in line)
        assert lines[at + 1].startswith("  ") and "played yet" in lines[at + 1]


async def test_a_wide_window_keeps_a_reading_width() -> None:
    welcomed()
    app = build_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        assert app.screen.query_one("#library").size.width >= 46
        await pilot.press("enter")
        screen = await on_play(pilot)
        assert screen.query_one("#scene-pane").outer_size.width <= 100
        row = next(
            line
            for line in shown_text(screen.query_one("#choices")).splitlines()
            if line.startswith("1 ")
        )
        assert len(row.rstrip()) <= 100  # the minutes stay near the label


async def test_the_debriefs_ending_text_keeps_clear_of_the_grade_box() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_play(pilot)
        for key in ["2", "enter", "1", "enter", "1", "enter", "1", "enter"]:
            await pilot.press(key)
        await until(pilot, lambda: type(app.screen).__name__ == "DebriefScreen")
        await pilot.pause()
        ending, grade = app.screen.query_one("#ending"), app.screen.query_one("#grade-box")
        assert ending.region.right + 2 <= grade.region.x


async def test_a_message_over_a_dialog_leaves_its_title_readable() -> None:
    from textual.widgets._toast import Toast

    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        await on_play(pilot)
        await pilot.press("question_mark")  # a tall dialog: its title near the top
        app.notify("Saved a copy to a place with a rather long name", timeout=10)
        await until(pilot, lambda: bool(app.screen.query(Toast)))
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        title_row = dialog.region.y + 1  # inside the border
        for toast in app.screen.query(Toast):
            assert not (toast.region.y <= title_row < toast.region.bottom), toast.region


def test_the_branch_maps_out_of_time_mark_leaves_a_loops_label_alone() -> None:
    from cold_to_gold.author.branch_map import branch_map
    from cold_to_gold.author.dot_map import dot_text

    dot = dot_text(branch_map(load_scenario(FIRST_STEPS)))
    assert "s_silence -> s_silence" in dot and "s_silence -> t_silence" in dot
    # Beside the scene, the mark's line would cross the loop's label: it goes below.
    assert "{rank=same; s_silence; t_silence}" not in dot
    assert "rank=same; s_" in dot  # marks of scenes without a loop stay beside them


async def test_one_run_at_33_percent_is_not_drawn_as_a_full_bar() -> None:
    from cold_to_gold.tui.screens.history import HistoryScreen

    welcomed()
    store = ProgressStore.open()
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    for choice in ["post", "email", "brochure"]:
        if not recorded.run.finished:
            recorded.choose(choice)
    store.close()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.library)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        screen = app.screen
        assert len(screen.percents) == 1 and screen.percents[0] < 90
        assert "█" not in str(screen.query_one("#trend").content)


@pytest.mark.parametrize(
    ("find", "replace", "line"),
    [
        ("title: T\n", "title: T\nobjectives: [Learn **this**]\n", 4),
        ("    title: A\n", "    title: The *first* scene\n", 9),
        ("{id: ann, name: Ann}", "{id: ann, name: Ann, role: '`CEO`'}", 5),
    ],
)
def test_titles_objectives_and_roles_are_plain_text_too(find, replace, line) -> None:
    from tests.conftest import MINIMAL, problems

    text = MINIMAL.replace(find, replace, 1)
    assert text != MINIMAL
    found = problems(text)
    assert [(p.line, "would show as typed" in p.message) for p in found] == [(line, True)]


LABELLED_VARS = TWO_EMAILS.replace(
    "    vars: {pushed_visit: false}\n",
    "    vars: {pushed_visit: false, calls: 0}\n    var_labels: {calls: calls to Ann}\n",
).replace(
    "{channel: call, label: Call her, goto: b}",
    "{channel: call, label: Call her, goto: b, effects: {calls: 1}}",
)


async def test_the_debrief_shows_only_the_vars_the_author_labelled() -> None:
    scenario = load(LABELLED_VARS)
    assert dict(scenario.var_labels) == {"calls": "calls to Ann"}
    app = build_app(scenario=scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_play(pilot)
        await pilot.press("3", "enter", "1", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "DebriefScreen")
        await pilot.pause()
        drawn = shown_text(app.screen.query_one("#kept-track"))
        assert "calls to Ann: 1" in drawn
        page = " ".join(shown_text(app.screen).split())
        assert "pushed_visit" not in page and "calls:" not in page.replace("calls to Ann:", "")


def test_a_var_label_for_an_unknown_var_is_a_located_error() -> None:
    from tests.conftest import problems

    found = problems(LABELLED_VARS.replace("var_labels: {calls:", "var_labels: {cals:"))
    assert len(found) == 1 and "unknown var 'cals'" in found[0].message
    assert "did you mean 'calls'" in found[0].message


async def test_the_people_table_at_60x20_heads_its_stage_column() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await on_play(pilot)
        heading = shown_text(screen.query_one("#cast-strip")).splitlines()[0]
        assert heading.rstrip().endswith("stage") and "…" not in heading


async def test_the_title_says_presenter_mode_when_started_in_it() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS), presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_play(pilot)
        assert "presenter mode" in str(screen.query_one(TitleBar).content)
