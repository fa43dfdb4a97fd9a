"""The scenario format: loading YAML with positions, validation, guards, the immutable model.

Names are imported on first use: listing the library must not load the validator.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cold_to_gold.scenario.model import Choice, Ending, Person, Scenario, Scene
    from cold_to_gold.scenario.problems import Problem, ScenarioInvalid
    from cold_to_gold.scenario.read import read_scenario, read_text

_WHERE = {
    "Choice": "cold_to_gold.scenario.model",
    "Ending": "cold_to_gold.scenario.model",
    "Person": "cold_to_gold.scenario.model",
    "Scenario": "cold_to_gold.scenario.model",
    "Scene": "cold_to_gold.scenario.model",
    "Problem": "cold_to_gold.scenario.problems",
    "ScenarioInvalid": "cold_to_gold.scenario.problems",
    "read_scenario": "cold_to_gold.scenario.read",
    "read_text": "cold_to_gold.scenario.read",
}

__all__ = [
    "Choice",
    "Ending",
    "Person",
    "Problem",
    "Scenario",
    "ScenarioInvalid",
    "Scene",
    "read_scenario",
    "read_text",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(import_module(_WHERE[name]), name)
