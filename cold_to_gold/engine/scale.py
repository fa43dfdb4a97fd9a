"""The range the cast's meters are drawn on: the lowest and highest value any run can reach.

One scale per scenario, so a bar means the same length from the first scene to
the debrief, and a 9 never looks like a 10 because the scale moved. Found by a
walk over every reachable run state, bounded: past `STATE_LIMIT` states, or
past the work and memory its `Meter` allows, the walk stops and a safe bound
is used instead (every run stays inside it, the bars are just drawn a little
shorter); when even that bound would be too much work, a cruder one, from the
largest gain times the most choices a run can make. Either way it takes milliseconds for the
bundled library and a few tenths of a second for hundreds of looping scenes:
the app computes it off its UI thread.
"""

from __future__ import annotations

import graphlib
import heapq
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.work import Costs, Meter, TooMuchWork
from cold_to_gold.scenario.model import Number, Scenario

STATE_LIMIT = 60_000
QUICK_LIMIT = 5_000  # a walk this small takes a few milliseconds: fine on any thread
WORK_LIMIT = 10_000_000  # about a second here (see `engine.work`)
QUICK_WORK = 200_000
MEMORY_LIMIT = 150_000_000  # bytes, estimated
FLOOR = -(10**9)  # far below any ceiling: a move applied here shows its full gain


@dataclass(frozen=True)
class MeterScale:
    """`low` <= 0 <= `high`: every relationship number of every run lies between them."""

    low: Number
    high: Number
    exact: bool  # False when the walk was too large and the range is a safe bound

    @property
    def span(self) -> Number:
        return self.high - self.low


_scales: weakref.WeakKeyDictionary[Scenario, MeterScale] = weakref.WeakKeyDictionary()


def meter_scale(scenario: Scenario, limit: int = STATE_LIMIT) -> MeterScale:
    """The scenario's meter range, computed once and remembered while the scenario lives."""
    scale = _scales.get(scenario)
    if scale is None:
        scale = walked_range(scenario, limit) or bounded_range(scenario)
        _scales[scenario] = scale
    return scale


def known_scale(scenario: Scenario) -> MeterScale | None:
    """The range if it was already computed (no work on the caller's thread)."""
    return _scales.get(scenario)


def quick_scale(scenario: Scenario) -> MeterScale | None:
    """The range, when it is known or takes a walk of at most `QUICK_LIMIT` states to find
    (milliseconds); None when a larger walk is needed (leave that to a worker thread)."""
    scale = _scales.get(scenario)
    if scale is None:
        scale = walked_range(scenario, QUICK_LIMIT, Meter(QUICK_WORK, MEMORY_LIMIT))
        if scale is not None:
            _scales[scenario] = scale
    return scale


def _numbers(state: RunState) -> Iterable[Number]:
    for row in state.people:
        yield from row


def walked_range(scenario: Scenario, limit: int, meter: Meter | None = None) -> MeterScale | None:
    """The exact range over every reachable state, or None past `limit` states or past
    the work and memory `meter` allows (default: `WORK_LIMIT`, `MEMORY_LIMIT`)."""
    rules = rules_for(scenario)
    meter = meter or Meter(WORK_LIMIT, MEMORY_LIMIT)
    costs = Costs(rules)
    kept = costs.state + 100
    start = rules.start()
    seen = {start}
    todo = [start]
    low: Number = 0
    high: Number = 0
    try:
        while todo:
            state = todo.pop()
            for value in _numbers(state):
                low, high = min(low, value), max(high, value)
            moves = rules.available_moves(state)
            meter.spend(costs.expanded(state.at, len(moves)) + 6 * len(state.people))
            for move in moves:
                after = rules.apply(state, move)
                if after not in seen:
                    if len(seen) >= limit:
                        return None
                    meter.hold(kept)
                    seen.add(after)
                    todo.append(after)
    except TooMuchWork:
        return None
    return MeterScale(low, max(high, 1), exact=True)


def bounded_range(scenario: Scenario, meter: Meter | None = None) -> MeterScale:
    """A range no run can leave, from a relaxed walk over (scene, minutes spent).

    Guards are ignored and each choice adds its full gain (a ceiling only ever
    lowers a gain), so every real run follows one of the relaxed paths and stays
    inside their range. Minutes only grow, and choices that cost none never form a
    loop (the validator refuses such a loop), so the pairs can be visited in order.
    Past the work `meter` allows, the cruder `crude_range`.
    """
    try:
        return _relaxed_walk(scenario, meter or Meter(WORK_LIMIT, MEMORY_LIMIT))
    except TooMuchWork:
        return crude_range(scenario)


def crude_range(scenario: Scenario) -> MeterScale:
    """A range no run can leave: each number moved by the largest gain (and the largest
    loss) any choice makes, as many times as a run can choose.

    A run makes at most one choice per scene between two choices that cost time
    (choices that cost none never loop), and at most `budget // cheapest` of those;
    without a budget there are no loops, so at most one choice per scene.
    """
    rules = rules_for(scenario)
    start = rules.start()
    floor = start._replace(people=tuple((FLOOR, FLOOR, FLOOR) for _ in start.people))
    up: Number = 0
    down: Number = 0
    for moves in rules.moves.values():
        for move in moves:
            after = rules.apply(floor, move)
            for before_row, after_row in zip(floor.people, after.people, strict=True):
                for before, now in zip(before_row, after_row, strict=True):
                    up, down = max(up, now - before), min(down, now - before)
    scenes = len(scenario.scenes)
    budget = scenario.time_budget
    costly = [move.cost for moves in rules.moves.values() for move in moves if move.cost > 0]
    steps = scenes if budget is None or not costly else (budget // min(costly) + 1) * scenes
    numbers = list(_numbers(start))
    return MeterScale(
        min([0, *numbers]) + down * steps, max([1, *numbers]) + up * steps, exact=False
    )


def _relaxed_walk(scenario: Scenario, meter: Meter) -> MeterScale:
    rules = rules_for(scenario)
    start = rules.start()
    floor = start._replace(people=tuple((FLOOR, FLOOR, FLOOR) for _ in start.people))
    floor_numbers = list(_numbers(floor))
    gains = {
        id(move): tuple(
            after - before
            for before, after in zip(floor_numbers, _numbers(rules.apply(floor, move)), strict=True)
        )
        for moves in rules.moves.values()
        for move in moves
    }
    budget = scenario.time_budget
    rank = _zero_cost_order(scenario, budget)
    first = tuple(_numbers(start))
    high, low = list(first), list(first)
    # minutes -> scene -> (highest, lowest) numbers on arrival, one per person and metric
    buckets: dict[int, dict[str, tuple[tuple[Number, ...], tuple[Number, ...]]]] = {
        0: {scenario.start: (first, first)}
    }
    pending = [0]
    while pending:
        minutes = heapq.heappop(pending)
        bucket = buckets.pop(minutes)
        order = [(rank[scene], scene) for scene in bucket]
        heapq.heapify(order)
        while order:
            _, scene = heapq.heappop(order)
            top, bottom = bucket[scene]
            meter.spend(len(rules.moves.get(scene, ())) * (20 + 12 * len(top)))
            for move in rules.moves.get(scene, ()):
                cost = move.cost if budget is not None else 0
                if budget is not None and minutes + cost > budget:
                    continue
                gain = gains[id(move)]
                new_top = tuple(a + g for a, g in zip(top, gain, strict=True))
                new_bottom = tuple(a + g for a, g in zip(bottom, gain, strict=True))
                high = [max(a, b) for a, b in zip(high, new_top, strict=True)]
                low = [min(a, b) for a, b in zip(low, new_bottom, strict=True)]
                target = move.choice.goto
                if target not in scenario.scenes:
                    continue
                into = bucket if cost == 0 else buckets.get(minutes + cost)
                if into is None:
                    into = buckets[minutes + cost] = {}
                    heapq.heappush(pending, minutes + cost)
                known = into.get(target)
                if known is None:
                    if into is bucket:
                        heapq.heappush(order, (rank[target], target))
                    into[target] = (new_top, new_bottom)
                else:
                    into[target] = (
                        tuple(max(a, b) for a, b in zip(known[0], new_top, strict=True)),
                        tuple(min(a, b) for a, b in zip(known[1], new_bottom, strict=True)),
                    )
    return MeterScale(min([0, *low]), max([1, *high]), exact=False)


def _zero_cost_order(scenario: Scenario, budget: int | None) -> dict[str, int]:
    """Scenes ranked so a choice that costs no time (any choice, without a budget)
    always leads to a higher rank."""
    free: dict[str, set[str]] = {scene: set() for scene in scenario.scenes}
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.goto in free and (budget is None or choice.minutes == 0):
                free[scene.id].add(choice.goto)
    sorter = graphlib.TopologicalSorter({target: set() for target in free})
    for source, targets in free.items():
        for target in targets:
            sorter.add(target, source)
    try:
        order = list(sorter.static_order())
    except graphlib.CycleError:  # the validator refuses such a loop; never hang on one
        order = list(free)
    return {scene: index for index, scene in enumerate(order)}
