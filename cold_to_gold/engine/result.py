"""How a run scored against the best any run of its scenario can do."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from cold_to_gold.engine.best import Best, find_best
from cold_to_gold.engine.run import Run
from cold_to_gold.engine.scoring import Scorer, grade, percent
from cold_to_gold.scenario.model import Number, Scenario

_best: weakref.WeakKeyDictionary[Scenario, Best] = weakref.WeakKeyDictionary()


def best_for(scenario: Scenario) -> Best:
    """The scenario's best run, searched once and remembered while the scenario lives."""
    best = _best.get(scenario)
    if best is None:
        best = _best[scenario] = find_best(scenario)
    return best


@dataclass(frozen=True)
class Result:
    score: Number
    best: Best
    percent: int
    grade: str
    parts: dict[str, Number]


def result_of(run: Run) -> Result:
    """Score, percent and grade of the run as it stands (final once it has ended)."""
    scenario = run.scenario
    scorer = Scorer(scenario)
    best = best_for(scenario)
    score = scorer.score(run.state)
    share = percent(score, best.score)
    parts = scorer.parts(run.state, list(scenario.vars))
    return Result(score, best, share, grade(scenario.scoring, share), parts)
