"""The sound answers of a scenario's decisions, as the pre/post check scores them.

Per scene the best run passes through: every choice the author did not mark a
`mistake`; where nothing in the scene is marked, the best run's own choice. The
check's printed key and the class report's gain by item both read it here.
"""

from __future__ import annotations

from cold_to_gold.engine.playthrough import play
from cold_to_gold.engine.result import best_for
from cold_to_gold.scenario.model import Scenario


def sound_choices(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Scene id -> the ids of its sound choices (file order), in the best run's order."""
    found: dict[str, tuple[str, ...]] = {}
    for step in play(scenario, best_for(scenario).path).steps:
        choices = scenario.scenes[step.scene].choices
        unmarked = tuple(choice.id for choice in choices if not choice.mistake)
        found[step.scene] = unmarked if len(unmarked) < len(choices) else (step.choice.id,)
    return found
