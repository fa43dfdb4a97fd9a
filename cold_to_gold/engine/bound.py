"""An upper bound on what the rest of a run can still add to its score.

The best-run search prunes every branch that cannot beat the best run found
so far; this bound is what it prunes with. It must never be lower than what a
branch can really reach (or the search would miss the best run), and it
should be close (or it prunes little). It is built from three parts:

- **headroom under ceilings**: a channel's ceiling-limited gains can lift a
  metric at most to the highest ceiling ahead, so they add at most
  weight × (that ceiling − the value now), once;
- **what time can still buy**: every other gain of a choice that costs
  minutes is at most the best value per minute any choice offers, times the
  minutes left (with a time budget);
- **what is free**: a choice that costs nothing can be taken at most once per
  run where it sits outside every loop, so those add up per scene.

Without a time budget the scene graph has no loops, and the last two parts
are replaced by the exact best sum along the graph. Where a part has no
finite bound (a free choice inside a loop that adds to the score, a `set` of
a weighted var, a ceiling-limited metric that some choice can lower) the
bound gives up and the search simply does not prune.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Context, Decimal

from cold_to_gold.engine.rules import Rules
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.loops import strongly_connected
from cold_to_gold.scenario.model import Number

UNBOUNDED = Decimal("Infinity")  # Decimal infinities add to ints and decimals alike
UNREACHABLE = -UNBOUNDED
_UP = Context(rounding=ROUND_CEILING)  # a bound rounds up, never down


class Bound:
    """`upper(state)`: at least what the rest of any run from `state` can add to the score."""

    def __init__(self, rules: Rules, scorer: Scorer) -> None:
        self.rules = rules
        moves = [move for moves in rules.moves.values() for move in moves]
        flats = {id(move): scorer.flat_gain(move) for move in moves}
        self.finite = all(value is not None for value in flats.values())
        weights = scorer.person_weights
        self._headroom = self._slots_ahead(rules, weights)
        if rules.budget is None:
            self._rest = self._along_the_graph(rules, flats)
            self._rate: Number = 0
        else:
            self._rest, self._rate = self._per_minute(rules, flats)
        if self._headroom is None:
            self.finite = False

    def upper(self, state: RunState) -> Number:
        """A number no run from `state` can add more than (`UNBOUNDED` when there is none)."""
        if not self.finite:
            return UNBOUNDED
        at = state.at
        rest = self._rest.get(at)
        if rest is None:
            return 0  # an ending
        total = rest
        if self._rate:
            assert self.rules.budget is not None
            total += self._rate * (self.rules.budget - state.minutes_spent)
        assert self._headroom is not None
        people = state.people
        for person, metric, ceiling, weight in self._headroom[at]:
            value = people[person][metric]
            if value < ceiling:
                total += weight * (ceiling - value)
        return total

    # --- building ------------------------------------------------------------

    @staticmethod
    def _slots_ahead(
        rules: Rules, weights: tuple[tuple[Number, Number, Number], ...]
    ) -> dict[str, list[tuple[int, int, Number, Number]]] | None:
        """Per scene: (person, metric, highest ceiling, weight) for limited gains ahead.

        `weights` are per person (the metric's weight times the person's weight), so a
        person of weight 0 leaves no headroom: nothing done with them scores.
        """
        lowered = {
            (index, m)
            for moves in rules.moves.values()
            for move in moves
            for index, gains in (*move.people, *move.capped)
            for m, gain in enumerate(gains)
            if gain < 0
        }
        local: dict[str, dict[tuple[int, int], Number]] = {}
        for scene, moves in rules.moves.items():
            slots: dict[tuple[int, int], Number] = {}
            for move in moves:
                for person, gains in move.capped:
                    for m, ceiling in enumerate(move.ceilings):
                        if gains[m] > 0 and ceiling is not None and weights[person][m] > 0:
                            if (person, m) in lowered:
                                return None  # headroom could open again: no finite bound
                            slots[(person, m)] = max(slots.get((person, m), ceiling), ceiling)
            local[scene] = slots
        ahead = _add_up_ahead(rules, local, _merge_max, _merge_max)
        return {
            scene: [
                (person, m, ceiling, weights[person][m]) for (person, m), ceiling in slots.items()
            ]
            for scene, slots in ahead.items()
        }

    @staticmethod
    def _along_the_graph(rules: Rules, flats: dict[int, Number | None]) -> dict[str, Number]:
        """No budget, so no loops: the best sum of other gains along the scene graph."""
        scenes = rules.scenario.scenes
        best: dict[str, Number] = {}
        following = {
            scene: [move.choice.goto for move in moves if move.choice.goto in scenes]
            for scene, moves in rules.moves.items()
        }
        for group in strongly_connected(list(scenes), following):  # later scenes first
            for scene in group:
                value: Number = 0  # the run may stop here, out of choices
                for move in rules.moves[scene]:
                    flat = flats[id(move)]
                    if flat is None:
                        continue
                    value = max(value, flat + best.get(move.choice.goto, 0))
                best[scene] = value
        return best

    @staticmethod
    def _per_minute(
        rules: Rules, flats: dict[int, Number | None]
    ) -> tuple[dict[str, Number], Number]:
        """With a budget: the best value per minute, and what free choices add per scene."""
        rate: Number = 0
        for moves in rules.moves.values():
            for move in moves:
                flat = flats[id(move)]
                if flat is not None and move.cost > 0 and flat > 0:
                    rate = max(rate, _UP.divide(Decimal(flat), move.cost))
        looping = _scenes_in_loops(rules)
        local: dict[str, Number] = {}
        for scene, moves in rules.moves.items():
            free = [flats[id(move)] or 0 for move in moves if move.cost == 0]
            most = max([0, *free])
            if most > 0 and scene in looping:
                local[scene] = UNBOUNDED
            else:
                local[scene] = most
        ahead = _add_up_ahead(rules, local, _sum, max)
        return ahead, rate


def _merge_max(
    into: dict[tuple[int, int], Number], other: dict[tuple[int, int], Number]
) -> dict[tuple[int, int], Number]:
    merged = dict(into)
    for slot, ceiling in other.items():
        merged[slot] = max(merged.get(slot, ceiling), ceiling)
    return merged


def _sum(into: Number, other: Number) -> Number:
    return into + other


def _add_up_ahead(rules: Rules, local: dict, within: Callable, across: Callable) -> dict:
    """Per scene, its own value combined with what lies ahead of it.

    Scenes in one loop form a group and share one value (`within` combines
    them); a run enters each group at most once and leaves it for one later
    group, so the value of what lies ahead is `across` the later groups.
    """
    scenes = rules.scenario.scenes
    following = {
        scene: {move.choice.goto for move in moves if move.choice.goto in scenes}
        for scene, moves in rules.moves.items()
    }
    value_of: dict[str, object] = {}
    for group in strongly_connected(list(scenes), {s: list(t) for s, t in following.items()}):
        own = local[group[0]]
        for scene in group[1:]:
            own = within(own, local[scene])
        later = {target for scene in group for target in following[scene]} - set(group)
        if later:
            ahead = None
            for target in sorted(later):
                reached = value_of[target]
                ahead = reached if ahead is None else across(ahead, reached)
            own = within(own, ahead)
        for scene in group:
            value_of[scene] = own
    return value_of


def _scenes_in_loops(rules: Rules) -> set[str]:
    scenes = rules.scenario.scenes
    following = {
        scene: [move.choice.goto for move in moves if move.choice.goto in scenes]
        for scene, moves in rules.moves.items()
    }
    looping = set()
    for group in strongly_connected(list(scenes), following):
        if len(group) > 1 or group[0] in following[group[0]]:
            looping.update(group)
    return looping
