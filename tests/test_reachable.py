"""What is still reachable (contract section 14), checked against every run, enumerated.

For random small scenarios and the contract's example, every state a run can
stand in after a choice is compared with a brute-force reading: the best grade
(and its percent) among all complete runs that go on from there; and for every
choice of every scene, the best grade among all complete runs that take it.
"""

from __future__ import annotations

import pytest
from conftest import CONTRACT_EXAMPLE, load
from random_scenarios import random_scenario

from cold_to_gold.engine import Run, play
from cold_to_gold.engine.best import SearchTooLarge
from cold_to_gold.engine.reachable import (
    UNKNOWN,
    Reach,
    reach_after_each,
    still_reachable,
)
from cold_to_gold.engine.result import best_for
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer, percent
from cold_to_gold.engine.through import best_through
from cold_to_gold.scenario import Scenario, load_scenario, load_text


def runs_from(scenario: Scenario, state) -> list[tuple[tuple, object]]:
    """Every complete run from `state`: (the (scene, choice) steps taken, the final state)."""
    rules, found = rules_for(scenario), []

    def walk(state, steps):
        moves = rules.available_moves(state) if state.at in scenario.scenes else []
        if not moves:
            found.append((tuple(steps), state))
        for move in moves:
            walk(rules.apply(state, move), [*steps, (state.at, move.choice.id)])

    walk(state, [])
    return found


def outcome_of(scenario: Scenario, state) -> str:
    ending = scenario.ending(state.at)
    return (ending or scenario.out_of_time).outcome


def by_hand(scenario: Scenario, finals: list) -> tuple[str, int]:
    """The best (grade, percent) among runs ending in `finals`: best grade, then percent."""
    scorer, best = Scorer(scenario), best_for(scenario).score
    rank = {grade.name: n for n, grade in enumerate(scenario.scoring.grades)}
    graded = []
    for state in finals:
        share = percent(scorer.score(state), best)
        grade = scenario.scoring.grade_for(share, outcome_of(scenario, state))
        graded.append((-rank[grade], share, grade))
    _, share, grade = max(graded)
    return grade, share


def states_after_a_choice(scenario: Scenario) -> list:
    """Every distinct state right after some choice, over every run from the start."""
    seen = {}
    for steps, _ in runs_from(scenario, rules_for(scenario).start()):
        run = Run(scenario)
        for _, choice in steps:
            seen.setdefault(run.choose(choice).after, None)
    return list(seen)


def scenarios() -> list[Scenario]:
    found = [load_scenario(CONTRACT_EXAMPLE)]
    for seed in range(40):
        found.append(load_text(random_scenario(seed), f"random-{seed}.yaml"))
    return found


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.id)
def test_still_reachable_equals_the_best_of_every_run_from_that_state(scenario) -> None:
    for state in states_after_a_choice(scenario):
        reach = still_reachable(scenario, state)
        expected = by_hand(scenario, [final for _, final in runs_from(scenario, state)])
        assert (reach.grade, reach.percent) == expected, state
        # the run it names is a real run from there, and earns what it says
        run = play_from(scenario, state, reach.path)
        assert by_hand(scenario, [run]) == expected


def play_from(scenario: Scenario, state, path: tuple[str, ...]):
    rules = rules_for(scenario)
    for choice_id in path:
        move = next(m for m in rules.moves[state.at] if m.choice.id == choice_id)
        assert rules.available(state, move)
        state = rules.apply(state, move)
    assert state.at not in scenario.scenes or not rules.available_moves(state)
    return state


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.id)
def test_the_best_through_each_choice_equals_the_best_of_every_run_taking_it(scenario) -> None:
    taking: dict[tuple[str, str], list] = {}
    for steps, final in runs_from(scenario, rules_for(scenario).start()):
        for step in set(steps):
            taking.setdefault(step, []).append(final)
    found = best_through(scenario)
    assert set(found) == set(taking)  # a choice no run takes is left out
    for where, finals in taking.items():
        assert (found[where].grade, found[where].percent) == by_hand(scenario, finals), where


def test_the_contract_example_after_each_first_choice() -> None:
    scenario = load(
        CONTRACT_EXAMPLE.read_text().replace("format: cold-to-gold/1", "format: cold-to-gold/2")
    )
    start = rules_for(scenario).start()
    after = {item.choice.id: item for item in reach_after_each(scenario, start)}
    assert after["call"].reach == Reach("gold", 100, "won", ("meet",))
    assert after["lunch"].reach is None  # locked: trust is 0
    # A post first: the 120-minute meeting no longer fits after the email that leads to it.
    # The best left is one more post (they know you 2 -> 3), then the email (4, and you
    # know them 1): 4 + 2 = 6 of the best 42, 14 %, and the run ends out of time, lost.
    post = after["post"].reach
    assert post == Reach("cold", 14, "lost", ("post", "email"))
    assert post.words() == "cold at best, 14 %"


def test_a_finished_run_can_still_reach_only_its_own_grade() -> None:
    scenario = load_scenario(CONTRACT_EXAMPLE)
    run = play(scenario, ["post", "post", "post", "post", "post"])
    assert run.finished
    reach = still_reachable(scenario, run.state)
    assert (reach.grade, reach.outcome, reach.path) == ("cold", "lost", ())


def test_past_the_search_bound_the_answer_is_unknown_not_a_hang() -> None:
    scenario = load_text(random_scenario(7), "random-7.yaml")
    state = rules_for(scenario).start()
    assert still_reachable(scenario, state, limit=1) == UNKNOWN
    assert still_reachable(scenario, state).known  # the answer is kept per limit
    assert still_reachable(scenario, state, limit=1) == UNKNOWN
    assert UNKNOWN.words() == "unknown (too many runs to search)"
    assert set(best_through(scenario, limit=1).values()) == {UNKNOWN}
    with pytest.raises(SearchTooLarge):  # the bound is the search's own
        from cold_to_gold.engine.best import find_best_from

        find_best_from(scenario, state, None, limit=1)


def test_the_answer_keys_print_the_best_grade_through_every_choice() -> None:
    from cold_to_gold.guide_keys import answer_key
    from cold_to_gold.paths import bundled_dir

    scenario = load_scenario(bundled_dir("scenarios") / "first-steps.yaml")
    page = answer_key(scenario)
    through = best_through(scenario)
    at_best = [line for line in page.splitlines() if line.startswith("  - at best: ")]
    choices = [(s.id, c.id) for s in scenario.scenes.values() for c in s.choices]
    assert len(at_best) == len(choices)
    for line, where in zip(at_best, choices, strict=True):
        reach = through.get(where)
        if reach is None:
            assert line == "  - at best: no complete run takes it"
        else:
            assert line == f"  - at best: **{reach.grade}**, {reach.percent} % ({reach.outcome})"
    assert "  - at best: **gold**, 100 % (won)" in at_best  # the best run's choices
