"""The play screen redraws only what a choice changed: and what it shows is still right."""

from __future__ import annotations

import pytest
from pilot_wait import until
from rich.console import Console
from textual.geometry import Region
from textual.pilot import Pilot

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine import Run
from cold_to_gold.library.load import load_scenario
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.widgets.cast import PersonCard
from cold_to_gold.tui.widgets.choices import ChoiceList, ChoicePrompt
from cold_to_gold.tui.widgets.prose import Prose

# The app starts as a returning trainee's: the library cache written (see conftest).
pytestmark = pytest.mark.usefixtures("warm_library")

THE_STAGE = bundled_dir("scenarios") / "the-stage.yaml"


async def play_screen(pilot: Pilot) -> PlayScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, PlayScreen))
    return pilot.app.screen


def shown_lines(card: PersonCard) -> list[str]:
    """The card's lines as the screen has them (from its cache of drawn lines)."""
    width, height = card.size
    return [strip.text.rstrip() for strip in card.render_lines(Region(0, 0, width, height))]


def fresh_lines(card: PersonCard) -> list[str]:
    """The card's lines drawn anew from its numbers, cut to its width as the screen cuts them."""
    lines = []
    for y in range(card.size.height):
        line = card.line(y)
        line.truncate(card.size.width, overflow="ellipsis")
        lines.append(line.plain.rstrip())
    return lines


async def test_the_cast_shows_every_number_after_every_choice() -> None:
    # Two posts (one number moves, for everyone), then an email, a call, a meeting, an email.
    path = ["post", "post", "email-priya", "call-ask", "visit", "proposal"]
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await play_screen(pilot)
        for choice_id in path:
            options = {option.choice.id: option for option in screen.run.options()}
            await pilot.press(str(options[choice_id].number))
            await pilot.pause()
            people = screen.run.state.people
            for card, numbers in zip(screen.query(PersonCard), people, strict=True):
                assert card.numbers == numbers
                assert shown_lines(card) == fresh_lines(card)
            if not screen.run.finished:
                await pilot.press("enter")
        assert [step.choice.id for step in screen.run.steps] == path


async def test_the_feedback_gets_the_room_the_choices_had() -> None:
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await play_screen(pilot)
        choices = screen.query_one("#choices", ChoiceList)
        scroll = screen.query_one("#scene-scroll")
        await pilot.pause()
        height, text_height = choices.outer_size.height, scroll.size.height
        assert height > 3  # several choices, not one line
        await pilot.press("1")
        await pilot.pause()
        assert str(choices.options[0].prompt).startswith("⏎ Continue")
        assert choices.outer_size.height == 2  # the rule and Continue
        assert scroll.size.height == text_height + height - 2
        await pilot.press("u")  # back to the same choices: as tall as they need again
        await pilot.pause()
        assert choices.outer_size.height == height


async def test_open_notes_close_at_the_next_scene_and_open_on_its_own() -> None:
    scenario = load_scenario(THE_STAGE)
    app = build_app(scenario=scenario, presenter=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await play_screen(pilot)
        notes = screen.query_one("#notes-text", Prose)
        await pilot.press("n")
        assert notes.source == scenario.scenes["applause"].facilitator_notes
        await pilot.press("2", "enter")  # email Priya: on to her reply
        await pilot.pause()
        assert not screen.query_one("#notes").display  # not carried on to a new decision
        shown = screen.run.state.at
        await pilot.press("n")
        assert notes.source == (
            scenario.scenes[shown].facilitator_notes or "*No notes for this scene.*"
        )


def test_a_choice_reads_as_columns_and_its_label_wraps_under_itself() -> None:
    run = Run(load_scenario(THE_STAGE))
    console = Console(width=46, color_system=None)
    with console.capture() as capture:
        for option in run.options():
            console.print(ChoicePrompt(option))
    assert capture.get().splitlines() == [
        "1 ◉ post  Post a follow-up - what would 30 min",
        "          readers like to hear next?          ",
        "2 ✉ email Reply to Priya privately -    10 min",
        '          what does "our problem" look        ',
        "          like at Kestrel?                    ",
        "3 ✉ email Write to Marta - thank her,   10 min",
        "          and find out how her agency         ",
        "          wins clients                        ",
        "4 ☎ call  Look up Kestrel's number and  20 min",
        "          call Priya about her comment        ",
    ]


async def test_a_scene_of_many_choices_is_measured_once_per_width(monkeypatch) -> None:
    """OptionList measured every option at every layout pass: a scene of 600 locked
    choices took about 5 s to show. The list's height is kept until its options change."""
    from textual.geometry import Size
    from textual.widgets import OptionList

    measured: list[int] = []
    real = OptionList.get_content_height

    def counting(self: OptionList, container: Size, viewport: Size, width: int) -> int:
        measured.append(width)
        return real(self, container, viewport, width)

    monkeypatch.setattr(OptionList, "get_content_height", counting)
    app = build_app(scenario=load_scenario(THE_STAGE))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await play_screen(pilot)
        choices = screen.query_one("#choices", ChoiceList)
        measured.clear()
        for _ in range(3):
            choices.get_content_height(Size(60, 20), Size(80, 24), 60)
        assert measured == [60]
        choices.show(screen.run.options())
        choices.get_content_height(Size(60, 20), Size(80, 24), 60)
        assert measured == [60, 60]  # new options: measured anew


def test_a_choice_counts_its_rows_as_drawing_it_makes_them() -> None:
    """The list asks each choice its height at every width; it is counted, not drawn."""
    run = Run(load_scenario(THE_STAGE))
    console = Console(width=200, color_system=None)
    for option in run.options():
        prompt = ChoicePrompt(option)
        for width in range(8, 90, 3):
            options = console.options.update_width(width)
            drawn = sum(text.count("\n") for text, _, _ in console.render(prompt, options))
            assert prompt.height(console, width) == drawn
