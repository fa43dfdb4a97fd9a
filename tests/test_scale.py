"""The meters' scale: the range of numbers any run of a scenario can reach."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import load

from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scale import bounded_range, meter_scale, walked_range
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario, load_text

BUNDLED = sorted(bundled_dir("scenarios").glob("*.yaml"))
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))


def every_state_range(scenario) -> tuple:
    rules = rules_for(scenario)
    seen, todo = {rules.start()}, [rules.start()]
    while todo:
        state = todo.pop()
        for move in rules.available_moves(state):
            after = rules.apply(state, move)
            if after not in seen:
                seen.add(after)
                todo.append(after)
    numbers = [value for state in seen for row in state.people for value in row]
    return min(numbers), max(numbers)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_the_scale_is_the_range_every_run_reaches_and_the_bound_holds_it(path) -> None:
    scenario = load_scenario(path)
    lowest, highest = every_state_range(scenario)
    scale = meter_scale(scenario)
    assert scale.exact
    assert (scale.low, scale.high) == (min(0, lowest), highest)
    bound = bounded_range(scenario)
    assert not bound.exact
    assert bound.low <= scale.low and bound.high >= scale.high


def test_first_steps_scale_is_the_range_every_run_reaches() -> None:
    scenario = load_scenario(bundled_dir("scenarios") / "first-steps.yaml")
    rules, values = rules_for(scenario), set()

    def walk(state) -> None:  # every state of every run, without merging any
        values.update(value for row in state.people for value in row)
        if state.at in scenario.scenes:
            for move in rules.available_moves(state):
                walk(rules.apply(state, move))

    walk(rules.start())
    scale = meter_scale(scenario)
    assert (scale.low, scale.high) == (min(0, *values), max(values))


def test_a_negative_effect_lowers_the_bottom_of_the_scale() -> None:
    scenario = load(
        """
        format: cold-to-gold/1
        id: t
        title: T
        people: [{id: ann, name: Ann}]
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - {channel: post, label: Boast, effects: {trust: -4}, goto: end}
              - {channel: call, label: Call, goto: end}
        endings:
          end: {title: E, text: E}
        """
    )
    scale = meter_scale(scenario)
    assert (scale.low, scale.high) == (-4, 2)


def test_a_walk_too_large_gives_way_to_a_bound_that_still_holds_every_run() -> None:
    from generate import large_scenario

    scenario = load_text(large_scenario(60, budget=200), "large.yaml")
    exact = walked_range(scenario, limit=10**6)
    assert exact is not None
    assert walked_range(scenario, limit=50) is None
    scale = meter_scale(scenario, limit=50)
    assert not scale.exact
    assert scale.low <= exact.low and scale.high >= exact.high
    assert scale.high <= 2 * exact.high  # a bound that still draws useful bars


def test_past_the_relaxed_walks_work_a_cruder_bound_still_holds_every_run() -> None:
    from generate import large_scenario

    from cold_to_gold.engine.scale import crude_range
    from cold_to_gold.engine.work import Meter

    scenario = load_text(large_scenario(60, budget=200), "large.yaml")
    exact = walked_range(scenario, limit=10**6)
    assert exact is not None
    assert bounded_range(scenario, Meter(10, 10**9)) == crude_range(scenario)
    crude = crude_range(scenario)
    assert not crude.exact and crude.low <= exact.low and crude.high >= exact.high
    assert walked_range(scenario, 10**6, Meter(10, 10**9)) is None
