"""The bundled library: valid, self-tested, and teaching the lesson."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine import check_all, find_best, play
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario import Scenario

FILES = sorted(bundled_dir("scenarios").glob("*.yaml"))
sys.setrecursionlimit(10_000)  # the reference search below recurses once per step


@pytest.fixture(params=FILES, ids=[path.stem for path in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def test_there_are_bundled_scenarios() -> None:
    assert len(FILES) >= 2


def test_ids_are_unique_and_match_file_names() -> None:
    ids = [load_scenario(path).id for path in FILES]
    assert len(set(ids)) == len(ids)
    assert ids == [path.stem for path in FILES]


def test_scripted_tests_pass(scenario: Scenario) -> None:
    outcomes = check_all(scenario)
    assert outcomes
    assert [o.failures for o in outcomes if not o.passed] == []


def test_best_path_spends_more_time_in_person(scenario: Scenario) -> None:
    run = play(scenario, find_best(scenario).path)
    minutes = {use.channel: use.minutes for use in channel_mix(run)}
    assert minutes["call"] + minutes["meet"] > minutes["post"] + minutes["email"]
    assert run.ending is not None and run.ending.outcome == "won"


def test_every_choice_has_feedback(scenario: Scenario) -> None:
    missing = [
        f"{scene.id}/{choice.id}"
        for scene in scenario.scenes.values()
        for choice in scene.choices
        if not choice.feedback.strip()
    ]
    assert missing == []


def test_a_test_follows_the_best_path(scenario: Scenario) -> None:
    best = find_best(scenario).path
    assert any(test.choose == best for test in scenario.tests)


def test_best_matches_a_search_over_whole_states(scenario: Scenario) -> None:
    """An independent check of the memo key: the same search keyed on the entire state."""
    rules = rules_for(scenario)
    scorer = Scorer(scenario)
    memo: dict = {}

    def best_final(state) -> object:
        if state in memo:
            return memo[state]
        moves = rules.available_moves(state) if state.at in scenario.scenes else []
        result = max(
            (best_final(rules.apply(state, move)) for move in moves),
            default=scorer.score(state),
        )
        memo[state] = result
        return result

    assert find_best(scenario).score == best_final(rules.start())


def test_bundled_folder_is_the_repository_scenarios_in_a_checkout() -> None:
    assert bundled_dir("scenarios").name == "scenarios"
    assert Path(FILES[0]).suffix == ".yaml"
