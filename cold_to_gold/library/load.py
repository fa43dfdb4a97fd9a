"""Load a scenario to play: the format's reading and validation, then the best-run refusal.

The one door every command and screen loads a scenario through. The format
layer reads and validates the file (`scenario.read`); the refusal of a scenario
whose best run cannot be found exactly is the engine's, so it is made here, a
layer above both.
"""

from __future__ import annotations

from pathlib import Path

from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import Problems
from cold_to_gold.scenario.read import read_scenario, read_text


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file; raise `ScenarioInvalid` listing every error."""
    scenario = read_scenario(path)
    _check_best_run(scenario, Problems(str(path)))
    return scenario


def load_text(text: str, path: str = "<text>") -> Scenario:
    """Validate scenario YAML given as text; `path` is used in messages and kept on the scenario."""
    scenario = read_text(text, path)
    _check_best_run(scenario, Problems(path))
    return scenario


def _check_best_run(scenario: Scenario, problems: Problems) -> None:
    """Refuse a scenario whose best run cannot be found exactly (contract, format 2, §8).

    The search belongs to the engine, which reads the format's model: it is
    imported here, at the last step of loading, rather than at the top. Its
    answer is remembered for the scenario, so play and the debrief reuse it.
    """
    from cold_to_gold.engine.best import ScoresInexact, SearchTooLarge
    from cold_to_gold.engine.result import best_for

    try:
        best_for(scenario)
    except ScoresInexact:
        problems.add(
            scenario.where("start"),
            "start: this scenario's scores cannot be added up exactly: its numbers need more "
            "than 28 digits (very small decimals beside very large numbers); use fewer "
            "decimal places or smaller numbers",
        )
        problems.raise_if_any()
    except SearchTooLarge as error:
        problems.add(
            scenario.where("start"),
            f"start: this scenario has too many different runs to find its best run exactly "
            f"(finding it needs {error}); shorten its time_budget, or give its "
            "loops fewer ways round (fewer choices that lead back, lower `visits` limits, "
            "fewer choices or people in one scene)",
        )
        problems.raise_if_any()
