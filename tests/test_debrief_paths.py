"""The debrief's two paths show every line of every step, at 80×24, mistakes marked."""

from __future__ import annotations

import pytest
from pilot_wait import until

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine.reflex import reflex_run
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario.markdown_text import one_line
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.debrief import DebriefScreen
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.widgets.path_list import RewindList

pytestmark = pytest.mark.usefixtures("warm_library")


async def test_every_step_of_your_path_is_shown_whole() -> None:
    scenario = load_scenario(bundled_dir("scenarios") / "before-and-after.yaml")
    run = reflex_run(scenario)  # several steps marked as mistakes
    assert any(step.choice.mistake for step in run.steps)
    app = build_app(scenario=scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        for step in run.steps:
            numbers = [o.number for o in app.screen.run.options() if o.choice.id == step.choice.id]
            await pilot.press(str(numbers[0]), "enter")
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        # One run, read at each size the terminal is given (played once, not once a size).
        for width, height in [(80, 24), (60, 20), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await until(pilot, lambda w=width: app.screen.size.width == w)
            await pilot.pause()
            rewind = app.screen.query_one("#rewind", RewindList)
            shown = " ".join(rewind.render_line(y).text.strip() for y in range(rewind.size.height))
            shown = " ".join(shown.split())
            lines = rewind.get_content_height(rewind.size, rewind.size, rewind.size.width)
            assert rewind.size.height == lines, (width, height)  # nothing below its box
            for step in run.steps:
                words = one_line(step.feedback or "").split()
                assert " ".join(words[-3:]) in shown, (width, step.choice.id)


@pytest.mark.parametrize(
    ("width", "shown"),
    [(40, "Time: 25 min spent (no limit)"), (24, "Time: 25 min spent"), (16, "25 min spent")],
)
async def test_the_clock_without_a_budget_says_what_fits(width: int, shown: str) -> None:
    from textual.app import App

    from cold_to_gold.tui.widgets.clock import Clock

    class One(App):
        def compose(self):
            yield Clock(None)

    app = One()
    async with app.run_test(size=(width, 5)) as pilot:
        clock = app.query_one(Clock)
        clock.show(25)
        await pilot.pause()
        assert clock.line(0).plain == shown
