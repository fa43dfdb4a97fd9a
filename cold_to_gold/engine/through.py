"""The best grade of any complete run through each choice: what the answer keys print.

"Through a choice" means every run that reaches its scene and takes it. A
run's score is a function of its state, so the best run through a choice is
the best over every state the choice can be taken in of (the best score that
leads to that state) + (what the choice adds) + (the best the rest of the run
adds), per outcome, so that the grade table's outcome requirements apply.

One exhaustive walk over run states, merged on `state_key` (two states with
one key have the same choices ahead and each adds the same to the score):
backwards, the best gain to each outcome from each state; forwards, in
topological order, the best score on arriving at each state. The walk is
bounded: past `limit` states it gives up and every choice is `UNKNOWN`.
"""

from __future__ import annotations

from collections.abc import Hashable

from cold_to_gold.engine.expand import Expander
from cold_to_gold.engine.reachable import UNKNOWN, Reach, best_reach
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Scenario

STATE_LIMIT = 60_000  # as lint's exploration: a few seconds at most on a small laptop

Edge = tuple[str, Hashable, Number]  # the choice id, the key after it, what it adds


class TooManyStates(Exception):
    """The walk met more run states than its limit."""


def best_through(scenario: Scenario, limit: int = STATE_LIMIT) -> dict[tuple[str, str], Reach]:
    """(scene id, choice id) -> the best grade of a complete run that takes that choice.

    A choice no run can take is left out; every choice is `UNKNOWN` when the
    walk passes `limit` run states.
    """
    try:
        walk = _Walk(scenario, limit)
    except TooManyStates:
        return {
            (scene.id, choice.id): UNKNOWN
            for scene in scenario.scenes.values()
            for choice in scene.choices
        }
    return walk.through()


class _Walk:
    def __init__(self, scenario: Scenario, limit: int) -> None:
        self.scenario = scenario
        rules = rules_for(scenario)
        scorer = Scorer(scenario)
        expander = Expander(rules, scorer)
        start = rules.start()
        self.start_key = expander.key_of(start)
        self.start_score = scorer.score(start)
        self.scene_of: dict[Hashable, str] = {}
        self.edges: dict[Hashable, list[Edge]] = {}
        self.ahead: dict[Hashable, dict[str, Number]] = {}  # outcome -> best gain from here
        self.order: list[Hashable] = []  # post-order: every state after the states it leads to
        self._explore(expander, start, limit)

    def _explore(self, expander: Expander, start: RunState, limit: int) -> None:
        scenes = self.scenario.scenes
        stack: list[tuple[Hashable, RunState]] = [(self.start_key, start)]
        entered: set[Hashable] = set()
        while stack:
            key, state = stack[-1]
            if key not in entered:
                entered.add(key)
                if len(entered) > limit:
                    raise TooManyStates
                self.scene_of[key] = state.at
                children = expander.children(state) if state.at in scenes else []
                self.edges[key] = [(m.choice.id, child, gain) for m, _, child, gain in children]
                for _, after, child, _ in reversed(children):
                    if child not in entered:
                        stack.append((child, after))
                continue
            stack.pop()
            if key in self.ahead:
                continue  # reached again by another branch after it was settled
            self.ahead[key] = self._settle(key, state)
            self.order.append(key)

    def _settle(self, key: Hashable, state: RunState) -> dict[str, Number]:
        """The best gain from this state to each outcome, its children being settled."""
        edges = self.edges[key]
        if not edges:
            ending = self.scenario.ending(state.at)
            ended = ending if ending is not None else self.scenario.out_of_time
            return {ended.outcome: 0}
        best: dict[str, Number] = {}
        for _, child, gain in edges:
            if child not in self.ahead:
                raise RuntimeError("a run can return to a state it has left")
            for outcome, rest in self.ahead[child].items():
                if outcome not in best or gain + rest > best[outcome]:
                    best[outcome] = gain + rest
        return best

    def through(self) -> dict[tuple[str, str], Reach]:
        arriving: dict[Hashable, Number] = {self.start_key: self.start_score}
        scores: dict[tuple[str, str], dict[str, Number]] = {}
        for key in reversed(self.order):  # every state before the states it leads to
            here = arriving[key]
            scene = self.scene_of[key]
            for choice_id, child, gain in self.edges[key]:
                after = here + gain
                if child not in arriving or after > arriving[child]:
                    arriving[child] = after
                best = scores.setdefault((scene, choice_id), {})
                for outcome, rest in self.ahead[child].items():
                    if outcome not in best or after + rest > best[outcome]:
                        best[outcome] = after + rest
        return {where: best_reach(self.scenario, found) for where, found in scores.items()}
