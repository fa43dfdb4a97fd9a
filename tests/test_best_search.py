"""The best-run search: exact (checked against every run, enumerated), bounded, and refused
with a located message when a scenario has too many runs to score exactly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import load
from random_scenarios import random_scenario

from cold_to_gold.engine import find_best
from cold_to_gold.engine.best import OUTCOME_ORDER, SearchTooLarge
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.scenario import Scenario, ScenarioInvalid, load_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from hostile_valid import (
    gated_people,
    lock_step,
    long_grid,
    loop_limiters,
    many_endings,
    post_crowd,
    sixty_people,
    visit_ring,
    wide_hub,
)


def every_run(scenario: Scenario) -> list[tuple]:
    """(score, path, outcome) of every complete run, in file order, choice by choice."""
    rules, scorer, found = rules_for(scenario), Scorer(scenario), []

    def walk(state, path):
        if state.at not in scenario.scenes:
            found.append((scorer.score(state), tuple(path), scenario.ending(state.at).outcome))
            return
        moves = rules.available_moves(state)
        if not moves:
            found.append((scorer.score(state), tuple(path), scenario.out_of_time.outcome))
        for move in moves:
            walk(rules.apply(state, move), [*path, move.choice.id])

    walk(rules.start(), [])
    return found


def by_enumeration(scenario: Scenario) -> tuple:
    runs = every_run(scenario)
    if scenario.best_is_winning:
        outcome = next(o for o in OUTCOME_ORDER if any(run[2] == o for run in runs))
        runs = [run for run in runs if run[2] == outcome]
    top = max(run[0] for run in runs)
    return next(run for run in runs if run[0] == top)  # the first in file order


@pytest.mark.parametrize("seed", range(120))
def test_the_search_finds_exactly_what_enumerating_every_run_finds(seed: int) -> None:
    scenario = load_text(random_scenario(seed), f"random-{seed}.yaml")
    best = find_best(scenario)
    assert (best.score, best.path, best.outcome) == by_enumeration(scenario)


@pytest.mark.parametrize("seed", range(120))
def test_with_person_weights_the_search_still_finds_what_enumeration_finds(seed: int) -> None:
    """Revision B: weights (0 included) change the score and so the bound; both stay exact."""
    scenario = load_text(random_scenario(seed, weighted=True), f"weighted-{seed}.yaml")
    best = find_best(scenario)
    assert (best.score, best.path, best.outcome) == by_enumeration(scenario)


def independent_score(scenario: Scenario, state) -> object:
    """The contract's score, read straight off the state (not through `Scorer`)."""
    weights = scenario.scoring.weights
    total = 0
    for person, (they_know_you, you_know_them, trust) in zip(
        scenario.people, state.people, strict=True
    ):
        terms = (
            weights["they_know_you"] * they_know_you
            + weights["you_know_them"] * you_know_them
            + weights["trust"] * trust
        )
        total += person.weight * terms
    total += weights["referrals"] * state.referrals + weights["minutes"] * state.minutes_spent
    for index, (name, value) in enumerate(scenario.vars.items()):
        if name in weights and not isinstance(value, bool):
            total += weights[name] * state.vars[index]
    return total


@pytest.mark.parametrize("seed", range(0, 120, 3))
def test_with_person_weights_the_bound_never_underestimates_what_is_left(seed: int) -> None:
    from cold_to_gold.engine.bound import Bound

    scenario = load_text(random_scenario(seed, weighted=True), f"weighted-{seed}.yaml")
    rules, scorer = rules_for(scenario), Scorer(scenario)
    bound = Bound(rules, scorer)
    checked = 0

    def most_left(state) -> object:
        """The most any run from `state` still adds (checking the bound on the way)."""
        nonlocal checked
        assert scorer.score(state) == independent_score(scenario, state)
        if state.at not in scenario.scenes:
            return 0
        moves = rules.available_moves(state)
        gains = [0] if not moves else []
        for move in moves:
            after = rules.apply(state, move)
            gains.append(scorer.score(after) - scorer.score(state) + most_left(after))
        left = max(gains)
        assert bound.upper(state) >= left, (state, bound.upper(state), left)
        checked += 1
        return left

    most_left(rules.start())
    assert checked > 0


def test_the_search_stops_at_its_limit() -> None:
    scenario = load_text(gated_people(3, 300), "gated.yaml")
    with pytest.raises(SearchTooLarge):
        find_best(scenario, limit=5)


@pytest.mark.parametrize(
    "text",
    [loop_limiters(10, 3, 900), gated_people(6, 600), long_grid(10, 3840)],
    ids=["loop limiters", "six gated people", "long-budget grid"],
)
def test_scenarios_with_too_many_runs_are_refused_at_their_start_line(text: str) -> None:
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(text, "big.yaml")
    (problem,) = caught.value.problems
    lines = text.splitlines()
    assert problem.line == 1 + next(i for i, line in enumerate(lines) if line.startswith("start:"))
    assert "too many different runs" in problem.message and "time_budget" in problem.message


def test_a_smaller_hostile_scenario_loads_plays_and_lints() -> None:
    from cold_to_gold.author.lint import lint
    from cold_to_gold.engine import play, result_of

    scenario = load_text(gated_people(3, 300), "gated.yaml")
    best = find_best(scenario)
    assert result_of(play(scenario, best.path)).percent == 100
    assert lint(scenario).exploration.states > 0


def test_a_scenario_that_no_run_wins_has_a_best_neutral_run() -> None:
    scenario = load(
        """\
        format: cold-to-gold/2
        id: t
        title: T
        people: [{id: ann, name: Ann}]
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - {channel: meet, label: M, goto: lost_it}
              - {channel: email, label: E, goto: maybe}
        endings:
          lost_it: {title: L, text: L, outcome: lost}
          maybe: {title: M, text: M, outcome: neutral}
        """
    )
    best = find_best(scenario)
    assert (best.path, best.outcome) == (("email",), "neutral")


def test_the_search_counts_work_not_only_states() -> None:
    """A crowd a post reaches: few states, each costly; the work limit stops it, the state
    limit alone would not."""
    from cold_to_gold.engine.work import Meter

    scenario = load_text(post_crowd(60, 120), "crowd.yaml")
    roomy = Meter(10**12, 10**12)
    best = find_best(scenario, meter=roomy)
    assert best.states < 25_000 and roomy.work > 1_000
    with pytest.raises(SearchTooLarge, match="units of work"):
        find_best(scenario, meter=Meter(roomy.work // 2, 10**12))
    with pytest.raises(SearchTooLarge, match="MB of memory"):
        find_best(scenario, meter=Meter(10**12, roomy.most_held // 2))
    again = Meter(10**12, 10**12)
    find_best(scenario, meter=again)
    assert (again.work, again.most_held) == (roomy.work, roomy.most_held)  # deterministic


def test_a_file_with_few_but_costly_states_is_refused_at_its_start_line_for_its_work() -> None:
    """Under the state limit (392 states) but each state costly: the old bound took seconds
    per file and grew with the crowd; now the work itself is the limit."""
    text = post_crowd(200, 300)
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(text, "crowd.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 1 + text.splitlines().index("start: hub")
    assert "units of work" in problem.message and "time_budget" in problem.message


SMALL_SHAPES = {
    "wide hub": lambda: wide_hub(30, 3, 90),
    "a crowd a post reaches": lambda: post_crowd(30, 100),
    "many endings": lambda: many_endings(60, 6, 60),
    "lock-step people": lambda: lock_step(8, 60),
    "a ring of visits": lambda: visit_ring(6, 2, 300),
    "sixty people": lambda: sixty_people(60, 30),
}


@pytest.mark.parametrize("name", list(SMALL_SHAPES))
def test_each_hostile_shape_gets_the_same_verdict_every_time(name: str) -> None:
    """Loaded twice, each shape is accepted with the same best run both times, or refused
    at its `start` line with the same message (the limit named, and the fix)."""
    text = SMALL_SHAPES[name]()
    verdicts = []
    for _ in range(2):
        try:
            scenario = load_text(text, "shape.yaml")
        except ScenarioInvalid as error:
            (problem,) = error.problems
            assert problem.line == 1 + next(
                i for i, line in enumerate(text.splitlines()) if line.startswith("start:")
            )
            assert "too many different runs" in problem.message
            verdicts.append(problem.message)
        else:
            best = find_best(scenario)
            verdicts.append((best.score, best.path))
    assert verdicts[0] == verdicts[1]
