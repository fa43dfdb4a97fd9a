"""The best score any complete run can reach, and one path that reaches it.

An exhaustive depth-first search over run states, memoised on `state_key`:
the best gain from a state depends on its key alone.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from cold_to_gold.engine.rules import Move, rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.state_key import state_key
from cold_to_gold.scenario.model import Number, Scenario

STATE_LIMIT = 2_000_000


class SearchTooLarge(Exception):
    """The scenario has more run states than the search will explore."""


@dataclass(frozen=True)
class Best:
    score: Number
    path: tuple[str, ...]
    states: int


class _Frame:
    __slots__ = ("best", "children", "key", "move", "next")

    def __init__(self, key: Hashable, children: list[tuple[Move, RunState, Hashable, Number]]):
        self.key = key
        self.children = children
        self.next = 0
        self.best: Number | None = None
        self.move: Move | None = None


def find_best(scenario: Scenario, limit: int = STATE_LIMIT) -> Best:
    """The highest score of any complete run, with one path that reaches it.

    Ties go to the choice that comes first in the file. Raises `SearchTooLarge`
    past `limit` distinct states.
    """
    rules = rules_for(scenario)
    scorer = Scorer(scenario)
    key_of = state_key(rules, scorer)
    memo: dict[Hashable, tuple[Number, Move | None]] = {}

    gains = {id(move): scorer.gain(move) for moves in rules.moves.values() for move in moves}

    available, apply, moves_at = rules.available, rules.apply, rules.moves

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
    stack = [_Frame(root, expand(start))]
    open_keys = {root}
    while stack:
        frame = stack[-1]
        if frame.next < len(frame.children):
            move, after, key, gain = frame.children[frame.next]
            known = memo.get(key)
            if known is None:
                if key in open_keys:
                    raise SearchTooLarge("the run can return to a state it has left (endless loop)")
                if len(memo) + len(stack) >= limit:
                    raise SearchTooLarge(f"more than {limit:,} run states to explore")
                stack.append(_Frame(key, expand(after)))
                open_keys.add(key)
                continue
            total = gain + known[0]
            if frame.best is None or total > frame.best:
                frame.best, frame.move = total, move
            frame.next += 1
            continue
        memo[frame.key] = (0 if frame.best is None else frame.best, frame.move)
        open_keys.discard(frame.key)
        stack.pop()

    path = []
    state = start
    while (move := memo[key_of(state)][1]) is not None:
        path.append(move.choice.id)
        state = rules.apply(state, move)
    return Best(scorer.score(start) + memo[root][0], tuple(path), len(memo))
