"""Every bundled scenario plays to its end in the app at 80×24, by keys alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_wait import until

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine import find_best
from cold_to_gold.library.load import load_scenario
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.debrief import DebriefScreen
from cold_to_gold.tui.screens.play import PlayScreen

# A whole run of every scenario by keys, end to end: in the slow set (`pytest -m slow`). The
# app starts as a returning trainee's, the library cache written (see conftest).
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm_library")]

SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
async def test_best_path_by_number_keys_reaches_the_debrief(path: Path) -> None:
    scenario = load_scenario(path)
    best = find_best(scenario)
    app = build_app(scenario=scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = app.screen
        for choice_id in best.path:
            numbers = [o.number for o in screen.run.options() if o.choice.id == choice_id]
            await pilot.press(str(numbers[0]), "enter")
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.query_one("#percent").value == "100"
