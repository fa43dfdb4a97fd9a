"""Score, percent and grade, exactly as the contract defines them."""

from __future__ import annotations

import math
from fractions import Fraction

from cold_to_gold.engine.rules import Move
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Scenario, Scoring
from cold_to_gold.scenario.spec import METRICS


class Scorer:
    """score = Σ people weight·(w·metrics) + w.referrals·referrals + w.minutes·minutes
    + Σ w.var·var.

    A person's `weight` (revision B, default 1) multiplies only their metric terms.
    """

    def __init__(self, scenario: Scenario) -> None:
        scoring = scenario.scoring
        self.metric_weights = tuple(scoring.weight(metric) for metric in METRICS)
        # Per person, in cast order: each metric's weight times the person's weight.
        self.person_weights: tuple[tuple[Number, Number, Number], ...] = tuple(
            _times(self.metric_weights, person.weight) for person in scenario.people
        )
        self.referrals = scoring.weight("referrals")
        self.minutes = scoring.weight("minutes")
        self.vars = tuple(
            (index, scoring.weights[name])
            for index, name in enumerate(scenario.vars)
            if name in scoring.weights and not isinstance(scenario.vars[name], bool)
        )

    def score(self, state: RunState) -> Number:
        total: Number = 0
        for (a, b, c), (x, y, z) in zip(self.person_weights, state.people, strict=True):
            total += a * x + b * y + c * z
        total += self.referrals * state.referrals + self.minutes * state.minutes_spent
        for index, weight in self.vars:
            total += weight * state.vars[index]
        return total

    def flat_gain(self, move: Move) -> Number | None:
        """What a choice adds to the score besides its ceiling-limited gains.

        None when it `set`s a weighted var: then what it adds depends on the old value.
        With no limited gains, this is all the choice adds, whatever the state.
        """
        weights = dict(self.vars)
        if any(index in weights for index, _ in move.var_sets):
            return None
        weighted = self.person_weights
        total: Number = sum(
            (
                weighted[index][0] * x + weighted[index][1] * y + weighted[index][2] * z
                for index, (x, y, z) in move.people
            ),
            0,
        )
        total += self.referrals * move.referrals + self.minutes * move.cost
        for index, amount in move.var_gains:
            total += weights.get(index, 0) * amount
        return total

    def parts(self, state: RunState, var_names: list[str]) -> dict[str, Number]:
        """Where the score came from: one entry per weighted quantity that is not zero."""
        parts: dict[str, Number] = {}
        for m, metric in enumerate(METRICS):
            amount = sum(
                (w[m] * row[m] for w, row in zip(self.person_weights, state.people, strict=True)),
                0,
            )
            parts[metric] = amount
        parts["referrals"] = self.referrals * state.referrals
        parts["minutes"] = self.minutes * state.minutes_spent
        for index, weight in self.vars:
            parts[var_names[index]] = weight * state.vars[index]
        return {name: amount for name, amount in parts.items() if amount}


def _times(weights: tuple[Number, ...], weight: Number) -> tuple[Number, Number, Number]:
    """The metric weights for a person of `weight` (kept as they are for the usual weight 1)."""
    if weight == 1:
        return (weights[0], weights[1], weights[2])
    return (weights[0] * weight, weights[1] * weight, weights[2] * weight)


def percent(score: Number, best: Number) -> int:
    """0 if best <= 0, else 100·score/best rounded half up, clamped to 0..100."""
    if best <= 0:
        return 0
    exact = Fraction(score) * 100 / Fraction(best)
    return max(0, min(100, math.floor(exact + Fraction(1, 2))))


def grade(scoring: Scoring, percent_value: int, outcome: str | None = None) -> str:
    """The grade with the highest threshold at or below the percent that the outcome allows."""
    return scoring.grade_for(percent_value, outcome)
