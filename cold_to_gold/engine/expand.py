"""The choices open in a run state, each with what it leads to: the step every search takes.

The best-run search and lint's exploration both walk run states; they share
this one expansion, so a gain is computed once, the same way, and fast.
"""

from __future__ import annotations

from collections.abc import Hashable

from cold_to_gold.engine.rules import Move, Rules
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.state_key import state_key
from cold_to_gold.scenario.model import Number

Child = tuple[Move, RunState, Hashable, Number]  # the move, the state after it, its key, its gain


class Expander:
    """`children(state)`: every open choice with the state after it, its memo key and its gain."""

    def __init__(self, rules: Rules, scorer: Scorer) -> None:
        self.rules = rules
        self.scorer = scorer
        self.key_of = state_key(rules, scorer)
        self.flat = {id(m): scorer.flat_gain(m) for moves in rules.moves.values() for m in moves}
        weights = scorer.person_weights
        # What a limited move's other gains add for the people its limited gains reach.
        self.flat_on_capped = {
            id(move): sum(
                (
                    sum((w * g for w, g in zip(weights[index], gains, strict=True)), 0)
                    for index, gains in move.people
                    if index in {person for person, _ in move.capped}
                ),
                0,
            )
            for moves in rules.moves.values()
            for move in moves
            if move.capped
        }

    def gain(self, move: Move, before: RunState, after: RunState) -> Number:
        """What the move added to the score, from `before` to `after`."""
        scorer = self.scorer
        gain = self.flat[id(move)]
        if gain is None:
            return scorer.score(after) - scorer.score(before)
        if move.capped:
            gain -= self.flat_on_capped[id(move)]
            weights = scorer.person_weights
            for index, _ in move.capped:
                a, b, c = weights[index]
                x0, y0, z0 = before.people[index]
                x1, y1, z1 = after.people[index]
                gain += a * (x1 - x0) + b * (y1 - y0) + c * (z1 - z0)
        return gain

    def children(self, state: RunState) -> list[Child]:
        """The choices open in `state`, in file order."""
        rules, key_of, gain_of = self.rules, self.key_of, self.gain
        apply, budget, spent = rules.apply, rules.budget, state.minutes_spent
        found = []
        for move in rules.moves.get(state.at, ()):  # `Rules.available`, inlined: a hot path
            if budget is not None and spent + move.cost > budget:
                continue
            if move.guard is not None and not move.guard(state):
                continue
            after = apply(state, move)
            found.append((move, after, key_of(after), gain_of(move, state, after)))
        return found
