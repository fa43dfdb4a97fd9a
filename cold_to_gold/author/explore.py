"""Every run a scenario allows, explored once: what is reached, what never is, and the scores.

The same exhaustive, memoised walk as the best-path search, on the same state
key (`state_key`), but it keeps more: the scenes and endings reached, the
choices ever available, the states where guards lock every choice, and for
each ending the final scores it can be reached with.

Its work and memory are bounded like the search's (`engine.work`): each state
expanded, each ending's scores carried back and kept, is counted; past a
limit the walk stops and says which one (`Exploration.stopped`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from cold_to_gold.engine.expand import Child, Expander
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.work import Costs, Meter, TooMuchWork
from cold_to_gold.scenario.model import Number, Scenario
from cold_to_gold.scenario.spec import OUT_OF_TIME

STATE_LIMIT = 60_000  # a few seconds on a small laptop; past it lint says `too-large`
WORK_LIMIT = 20_000_000  # about 1.5 s here (see `engine.work`)
MEMORY_LIMIT = 250_000_000  # bytes, estimated
SCORES_KEPT = 16  # distinct scores kept per ending and state before keeping only the range


class Scores:
    """The final scores an ending can be reached with: exact while few, else their range.

    Made millions of times by a walk: the lowest and highest are carried along
    rather than computed again from the values.
    """

    __slots__ = ("high", "low", "values")

    def __init__(
        self,
        values: frozenset[Number] | None,
        low: Number | None = None,
        high: Number | None = None,
    ) -> None:
        self.values = values
        self.low = min(values) if low is None and values else low
        self.high = max(values) if high is None and values else high

    @classmethod
    def of(cls, *values: Number) -> Scores:
        return cls(frozenset(values))

    def shifted(self, amount: Number) -> Scores:
        values = None if self.values is None else frozenset([v + amount for v in self.values])
        return Scores(values, self.low + amount, self.high + amount)

    def merged(self, other: Scores) -> Scores:
        low, high = min(self.low, other.low), max(self.high, other.high)
        if self.values is None or other.values is None:
            return Scores(None, low, high)
        union = self.values | other.values
        return Scores(union if len(union) <= SCORES_KEPT else None, low, high)

    @property
    def exact(self) -> bool:
        return self.values is not None


Outcomes = dict[str, Scores]  # ending id -> gains from a state to that ending


@dataclass
class Exploration:
    """What exploring every reachable run state found."""

    states: int = 0
    complete: bool = True
    stopped: str = ""  # the limit it stopped at, in words, when not complete
    scenes: set[str] = field(default_factory=set)
    endings: dict[str, Scores] = field(default_factory=dict)  # final scores, from the start
    available: set[tuple[str, str]] = field(default_factory=set)  # (scene, choice)
    stuck: set[str] = field(default_factory=set)
    ran_out: set[str] = field(default_factory=set)  # scenes where a run can end out of time

    @property
    def worst(self) -> Number:
        return min(scores.low for scores in self.endings.values())

    @property
    def best(self) -> Number:
        return max(scores.high for scores in self.endings.values())


def explore(
    scenario: Scenario, limit: int = STATE_LIMIT, meter: Meter | None = None
) -> Exploration:
    """Walk every reachable run state (up to `limit` of them, and the work and memory
    `meter` allows: by default `WORK_LIMIT` and `MEMORY_LIMIT`)."""
    rules = rules_for(scenario)
    scorer = Scorer(scenario)
    expander = Expander(rules, scorer)
    key_of = expander.key_of
    meter = meter or Meter(WORK_LIMIT, MEMORY_LIMIT)
    costs = Costs(rules, key_of)
    found = Exploration()
    memo: dict[Hashable, Outcomes] = {}
    available = found.available

    def expand(state: RunState) -> list[Child]:
        found.scenes.add(state.at)
        children = expander.children(state)
        meter.spend(costs.expanded(state.at, len(children)))
        if not children:
            found.ran_out.add(state.at)
            moves = rules.moves[state.at]
            if all(move.guard is not None and not move.guard(state) for move in moves):
                found.stuck.add(state.at)
        for move, _, _, _ in children:
            available.add((state.at, move.choice.id))
        return children

    def settled(state: RunState, children: list) -> Outcomes | None:
        """The outcome of a state that needs no children: an ending, or no choice left."""
        if state.at not in scenario.scenes:
            return {state.at: Scores.of(0)}
        if not children:
            return {OUT_OF_TIME: Scores.of(0)}
        return None

    start = rules.start()
    stack: list[list] = []

    def remember(key: Hashable, outcomes: Outcomes) -> None:
        memo[key] = outcomes
        meter.hold(costs.key.get(key[0], 80) + 120 + sum(map(_size, outcomes.values())))  # type: ignore[index]

    def push(state: RunState, key: Hashable) -> None:
        children = [] if state.at not in scenario.scenes else expand(state)
        done = settled(state, children)
        if done is not None:
            remember(key, done)
        else:
            size = costs.children(state.at, len(children))
            meter.hold(size)
            stack.append([key, children, 0, {}, size])

    try:
        _walk(start, key_of(start), push, remember, memo, stack, meter, limit)
    except TooMuchWork as error:
        found.complete, found.stopped = False, error.what
    else:
        if stack:
            found.complete, found.stopped = False, f"{limit:,} run states"

    found.states = len(memo)
    base = scorer.score(start)
    for ending, scores in memo.get(key_of(start), {}).items():
        found.endings[ending] = scores.shifted(base)
    return found


def _size(scores: Scores) -> int:
    """Bytes one ending's scores take in the memo (estimated)."""
    return 300 + 150 * (2 if scores.values is None else len(scores.values))


def _walk(
    start: RunState,
    root: Hashable,
    push: Callable[[RunState, Hashable], None],
    remember: Callable[[Hashable, Outcomes], None],
    memo: dict[Hashable, Outcomes],
    stack: list[list],
    meter: Meter,
    limit: int,
) -> None:
    """The depth-first walk itself: every child's outcomes carried back to its parent."""
    push(start, root)
    open_keys = {frame[0] for frame in stack}
    while stack:
        if len(memo) + len(stack) >= limit:
            return
        frame = stack[-1]
        key, children, index, outcomes, size = frame
        if index < len(children):
            _, after, child_key, gain = children[index]
            known = memo.get(child_key)
            if known is None:
                if child_key in open_keys:
                    raise RuntimeError("a run can return to a state it has left")
                push(after, child_key)
                if stack[-1] is not frame:
                    open_keys.add(child_key)
                continue
            meter.spend(sum(40 + 25 * len(scores.values or ()) for scores in known.values()))
            for ending, scores in known.items():
                shifted = scores.shifted(gain)
                outcomes[ending] = (
                    outcomes[ending].merged(shifted) if ending in outcomes else shifted
                )
            frame[2] = index + 1
            continue
        remember(key, outcomes)
        meter.release(size)
        open_keys.discard(key)
        stack.pop()
