"""Load a scenario file: read, parse, validate. The one door into the format layer."""

from __future__ import annotations

from pathlib import Path

from cold_to_gold.scenario import spec
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import START_OF_FILE, Problems, ScenarioInvalid
from cold_to_gold.scenario.validate import build_scenario
from cold_to_gold.scenario.yaml_tree import SourceError, parse_yaml, read_source


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file; raise `ScenarioInvalid` listing every error."""
    shown = str(path)
    try:
        text = read_source(Path(path))
    except SourceError as error:
        problems = Problems(shown)
        problems.add(error.where, error.message)
        raise ScenarioInvalid(shown, problems.items) from None
    return load_text(text, shown)


def load_text(text: str, path: str = "<text>") -> Scenario:
    """Validate scenario YAML given as text; `path` is used in messages and kept on the scenario."""
    problems = Problems(path)
    try:
        root = parse_yaml(text)
    except SourceError as error:
        problems.add(error.where, error.message)
        raise ScenarioInvalid(path, problems.items) from None
    if root is None:
        problems.add(
            START_OF_FILE, f"the file is empty; a scenario starts with `format: {spec.FORMAT}`"
        )
        raise ScenarioInvalid(path, problems.items)
    scenario = build_scenario(root, problems)
    problems.raise_if_any()
    assert scenario is not None
    _check_best_run(scenario, problems)
    return scenario


def _check_best_run(scenario: Scenario, problems: Problems) -> None:
    """Refuse a scenario whose best run cannot be found exactly (contract, format 2, §8).

    The search belongs to the engine, which reads the format's model: it is
    imported here, at the last step of loading, rather than at the top. Its
    answer is remembered for the scenario, so play and the debrief reuse it.
    """
    from cold_to_gold.engine.best import SearchTooLarge
    from cold_to_gold.engine.result import best_for

    try:
        best_for(scenario)
    except SearchTooLarge as error:
        problems.add(
            scenario.where("start"),
            f"start: this scenario has too many different runs to find its best run exactly "
            f"(finding it needs {error}); shorten its time_budget, or give its "
            "loops fewer ways round (fewer choices that lead back, lower `visits` limits, "
            "fewer choices or people in one scene)",
        )
        problems.raise_if_any()
