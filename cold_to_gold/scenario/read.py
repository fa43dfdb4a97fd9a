"""Read a scenario file: read, parse, validate. The one door into the format layer.

What the format alone can say of a file. A scenario that is played also has its
best run found first (`cold_to_gold.library.load`): that refusal belongs to the
engine, a layer above this one.
"""

from __future__ import annotations

from pathlib import Path

from cold_to_gold.scenario import spec
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import START_OF_FILE, Problems, ScenarioInvalid
from cold_to_gold.scenario.validate import build_scenario
from cold_to_gold.scenario.yaml_tree import SourceError, parse_yaml, read_source


def read_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; raise `ScenarioInvalid` listing every error."""
    shown = str(path)
    try:
        text = read_source(Path(path))
    except SourceError as error:
        problems = Problems(shown)
        problems.add(error.where, error.message)
        raise ScenarioInvalid(shown, problems.items) from None
    return read_text(text, shown)


def read_text(text: str, path: str = "<text>") -> Scenario:
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
    return scenario
