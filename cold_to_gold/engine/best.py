"""The best score a complete run can reach, and one path that reaches it.

An exhaustive depth-first search over run states, memoised on `state_key`:
the best gain from a state depends on its key alone. In format 2 the best run
is a winning run: the search keeps, per state, the best gain towards each
outcome (won, neutral, lost), and the answer is the best run among those that
end with the best outcome any run can reach. In format 1 every run counts.

The search is bounded: past `limit` distinct states it stops with
`SearchTooLarge`, and the validator refuses such a file, so a scenario that
loads always has an exact best run, found in well under a second.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from cold_to_gold.engine.rules import Move, rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.state_key import state_key
from cold_to_gold.scenario.model import Number, Scenario

STATE_LIMIT = 150_000
OUTCOME_ORDER = ("won", "neutral", "lost")  # the best outcome first

Value = tuple[Number, Move | None] | None  # best gain from a state towards one outcome


class SearchTooLarge(Exception):
    """The scenario has more run states than the search will explore."""


@dataclass(frozen=True)
class Best:
    """The best run: its score, its choices, its outcome, and how many states were searched."""

    score: Number
    path: tuple[str, ...]
    states: int
    outcome: str | None = None


class _Frame:
    __slots__ = ("best", "children", "key", "next")

    def __init__(self, key: Hashable, children: list, classes: int) -> None:
        self.key = key
        self.children = children
        self.next = 0
        self.best: list[Value] = [None] * classes


def find_best(scenario: Scenario, limit: int = STATE_LIMIT) -> Best:
    """The best run of the scenario, with one path that reaches it.

    Format 2: the highest score among the runs whose outcome is the best one any
    run can reach (won, else neutral, else lost); format 1: among all runs.
    Ties go to the choice that comes first in the file, choice by choice.
    Raises `SearchTooLarge` past `limit` distinct states.
    """
    rules = rules_for(scenario)
    scorer = Scorer(scenario)
    key_of = state_key(rules, scorer)
    by_outcome = scenario.best_is_winning
    classes = len(OUTCOME_ORDER) if by_outcome else 1
    memo: dict[Hashable, tuple[Value, ...]] = {}
    gains = {id(move): scorer.gain(move) for moves in rules.moves.values() for move in moves}
    available, apply, moves_at, scenes = rules.available, rules.apply, rules.moves, scenario.scenes
    ran_out = OUTCOME_ORDER.index(scenario.out_of_time.outcome) if by_outcome else 0

    def ended(state: RunState) -> tuple[Value, ...]:
        """The value of a state where the run is over: its outcome reached with no more gain."""
        values: list[Value] = [None] * classes
        if state.at in scenes:
            values[ran_out] = (0, None)
        elif by_outcome:
            ending = scenario.ending(state.at)
            assert ending is not None
            values[OUTCOME_ORDER.index(ending.outcome)] = (0, None)
        else:
            values[0] = (0, None)
        return tuple(values)

    def expand(state: RunState) -> list[tuple[Move, RunState, Hashable, Number]]:
        children = []
        for move in moves_at.get(state.at, ()):
            if not available(state, move):
                continue
            after = apply(state, move)
            gain = gains[id(move)]
            if gain is None:
                gain = scorer.score(after) - scorer.score(state)
            children.append((move, after, key_of(after), gain))
        return children

    start = rules.start()
    root = key_of(start)
    stack: list[_Frame] = []
    open_keys: set[Hashable] = set()

    def enter(state: RunState, key: Hashable) -> None:
        children = expand(state) if state.at in scenes else []
        if not children:
            memo[key] = ended(state)
            return
        if len(memo) + len(stack) >= limit:
            raise SearchTooLarge(f"more than {limit:,} run states to explore")
        stack.append(_Frame(key, children, classes))
        open_keys.add(key)

    enter(start, root)
    while stack:
        frame = stack[-1]
        if frame.next < len(frame.children):
            move, after, key, gain = frame.children[frame.next]
            known = memo.get(key)
            if known is None:
                if key in open_keys:
                    raise SearchTooLarge("the run can return to a state it has left (endless loop)")
                enter(after, key)
                continue
            best = frame.best
            for index, value in enumerate(known):
                if value is not None:
                    total = gain + value[0]
                    current = best[index]
                    if current is None or total > current[0]:
                        best[index] = (total, move)
            frame.next += 1
            continue
        memo[frame.key] = tuple(frame.best)
        open_keys.discard(frame.key)
        stack.pop()

    values = memo[root]
    chosen = next(index for index, value in enumerate(values) if value is not None)
    path = []
    state = start
    while (value := memo[key_of(state)][chosen]) is not None and value[1] is not None:
        move = value[1]
        path.append(move.choice.id)
        state = rules.apply(state, move)
    outcome = _outcome_at(scenario, state)
    root_value = values[chosen]
    assert root_value is not None
    return Best(scorer.score(start) + root_value[0], tuple(path), len(memo), outcome)


def _outcome_at(scenario: Scenario, state: RunState) -> str:
    ending = scenario.ending(state.at)
    return scenario.out_of_time.outcome if ending is None else ending.outcome
