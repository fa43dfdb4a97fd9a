"""The best score any complete run can reach, and one path that reaches it.

An exhaustive depth-first search over run states, memoised. The memo key
keeps only what can change the rest of a run: where it is, the numbers some
guard reads, the minutes when a budget or guard depends on them, and the vars
a `set` may overwrite while they carry a weight. Everything else only adds to
the score, so the best gain from a state depends on its key alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from cold_to_gold.engine.rules import Move, Rules, rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Ref
from cold_to_gold.scenario.model import Number, Scenario
from cold_to_gold.scenario.spec import METRICS

STATE_LIMIT = 2_000_000


class SearchTooLarge(Exception):
    """The scenario has more run states than the search will explore."""


@dataclass(frozen=True)
class Best:
    score: Number
    path: tuple[str, ...]
    states: int


def state_key(rules: Rules, scorer: Scorer) -> Callable[[RunState], Hashable]:
    """The part of a state that decides the rest of the run and its gains."""
    refs = rules.refs
    metrics = sorted(
        (rules.person_index[ref.person], METRICS.index(ref.name))
        for ref in refs
        if ref.kind == "metric"
    )
    weighted = {index for index, _ in scorer.vars}
    set_anywhere = {
        index for moves in rules.moves.values() for m in moves for index, _ in m.var_sets
    }
    read = {rules.var_index[ref.name] for ref in refs if ref.kind == "var"}
    var_slots = sorted(read | (weighted & set_anywhere))
    by_referrals = Ref("referrals") in refs
    by_minutes = rules.budget is not None or bool(
        {Ref("minutes_spent"), Ref("minutes_left")} & refs
    )

    def key(state: RunState) -> Hashable:
        return (
            state.at,
            state.minutes_spent if by_minutes else 0,
            state.referrals if by_referrals else 0,
            tuple(state.people[p][m] for p, m in metrics),
            tuple(state.vars[i] for i in var_slots),
            state.visits,
        )

    return key


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

    def expand(state: RunState) -> list[tuple[Move, RunState, Hashable, Number]]:
        here = scorer.score(state)
        children = []
        for move in rules.available_moves(state):
            after = rules.apply(state, move)
            children.append((move, after, key_of(after), scorer.score(after) - here))
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
