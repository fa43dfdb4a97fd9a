"""The scenario format: loading YAML with positions, validation, guards, the immutable model."""

from cold_to_gold.scenario.load import load_scenario, load_text
from cold_to_gold.scenario.model import Choice, Ending, Person, Scenario, Scene
from cold_to_gold.scenario.problems import Problem, ScenarioInvalid

__all__ = [
    "Choice",
    "Ending",
    "Person",
    "Problem",
    "Scenario",
    "ScenarioInvalid",
    "Scene",
    "load_scenario",
    "load_text",
]
