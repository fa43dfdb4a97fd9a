"""Score, weights, grades, percent rounding, the best path and the transcript."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import CONTRACT_EXAMPLE, load

from cold_to_gold.engine import Run, SearchTooLarge, find_best, play, result_of, transcript
from cold_to_gold.engine.scoring import Scorer, percent
from cold_to_gold.scenario import Scenario
from cold_to_gold.scenario.model import DEFAULT_SCORING


def example() -> Scenario:
    return load(CONTRACT_EXAMPLE.read_text())


def test_contract_transcript_exactly() -> None:
    expected = {
        "scenario": "first-call",
        "title": "The First Call",
        "steps": [
            {"scene": "the_comment", "choice": "call", "channel": "call", "with": "dana",
             "minutes": 20},
            {"scene": "invited", "choice": "meet", "channel": "meet", "with": "dana",
             "minutes": 120},
        ],
        "ending": "gold",
        "outcome": "won",
        "minutes_spent": 140,
        "people": {"dana": {"they_know_you": 6, "you_know_them": 7, "trust": 4}},
        "referrals": 2,
        "vars": {"asked_about_business": True},
        "score": 42,
        "best": {"score": 42, "path": ["call", "meet"]},
        "percent": 100,
        "grade": "gold",
        "channel_mix": {
            "post": {"count": 0, "minutes": 0},
            "email": {"count": 0, "minutes": 0},
            "call": {"count": 1, "minutes": 20},
            "meet": {"count": 1, "minutes": 120},
        },
    }  # fmt: skip
    data = transcript(play(example(), ["call", "meet"]))
    assert data == expected
    assert list(data) == list(expected)  # the contract's key order
    assert json.loads(json.dumps(data)) == expected


def test_contract_tests_hold() -> None:
    posting = result_of(play(example(), ["post"] * 5))
    assert (posting.score, posting.percent, posting.grade) == (6, 14, "cold")


def test_unfinished_transcript_says_where_it_stands() -> None:
    data = transcript(play(example(), ["post"]))
    assert data["ending"] is None and data["outcome"] is None
    assert data["at"] == "quiet_week"


def scored(weights: str = "", grades: str = "", vars_: str = "", effects: str = "") -> Scenario:
    lines = [
        "format: cold-to-gold/1",
        "id: s",
        "title: S",
        "people: [{id: ann, name: Ann}, {id: bob, name: Bob}]",
        vars_,
        "start: a",
        "scenes:",
        "  a:",
        "    title: A",
        "    text: A",
        "    choices:",
        f"      - {{channel: call, label: C, goto: done, effects: {{referrals: 1{effects}}}}}",
        "      - {channel: post, label: P, goto: done}",
        "endings:",
        "  done: {title: D, text: D}",
    ]
    if weights or grades:
        lines.append("scoring:")
        lines += [f"  weights: {weights}"] if weights else []
        lines += [f"  grades: {grades}"] if grades else []
    return load("\n".join(lines) + "\n")


def test_default_weights() -> None:
    run = play(scored(), ["call"])
    # ann: know you 2, know them 2, trust 1; referrals 1
    assert Scorer(run.scenario).score(run.state) == 1 * 2 + 2 * 2 + 3 * 1 + 5 * 1


def test_weights_replace_only_what_they_name() -> None:
    scenario = scored(weights="{trust: 10, minutes: 1}")
    weights = scenario.scoring.weights
    assert weights == {
        "trust": 10, "you_know_them": 2, "they_know_you": 1, "referrals": 5, "minutes": 1,
    }  # fmt: skip
    run = play(scenario, ["call"])
    assert Scorer(scenario).score(run.state) == 2 + 4 + 10 + 5 + 20


def test_number_vars_with_a_weight_count() -> None:
    scenario = scored(
        weights="{mood: 4}", vars_="vars: {mood: 0.5, met: false}", effects=", mood: 1"
    )
    run = play(scenario, ["call"])
    assert Scorer(scenario).score(run.state) == 2 + 4 + 3 + 5 + 4 * Decimal("1.5")


def test_grades_given_replace_the_whole_table() -> None:
    scenario = scored(grades="{pass: 50, fail: 0}")
    assert [g.name for g in scenario.scoring.grades] == ["pass", "fail"]
    assert scenario.scoring.grade_for(50) == "pass"
    assert scenario.scoring.grade_for(49) == "fail"


@pytest.mark.parametrize(
    ("percent_value", "grade"),
    [(100, "gold"), (90, "gold"), (89, "warm"), (60, "warm"), (59, "lukewarm"), (30, "lukewarm"),
     (29, "cold"), (0, "cold")],
)  # fmt: skip
def test_default_grade_thresholds(percent_value: int, grade: str) -> None:
    assert DEFAULT_SCORING.grade_for(percent_value) == grade


@pytest.mark.parametrize(
    ("score", "best", "expected"),
    [
        (1, 8, 13),  # 12.5 rounds half up
        (3, 8, 38),  # 37.5
        (1, 3, 33),
        (2, 3, 67),
        (1, 200, 1),  # 0.5
        (1, 201, 0),
        (Decimal("0.5"), Decimal("1.6"), 31),  # 31.25
        (Decimal("44.5"), 89, 50),  # exactly 50
        (Decimal("8.5"), 17, 50),
        (Decimal("2.5"), 2, 100),  # clamped
        (-5, 10, 0),  # clamped
        (5, 0, 0),  # best <= 0
        (5, -3, 0),
    ],
)
def test_percent_rounds_half_up_and_clamps(score, best, expected: int) -> None:
    assert percent(score, best) == expected


def every_complete_score(run: Run) -> list:
    """Plain depth-first enumeration of every complete run, by choosing and undoing."""
    if run.finished:
        return [Scorer(run.scenario).score(run.state)]
    scores = []
    for option in run.options():
        if option.available:
            run.choose(option.choice.id)
            scores += every_complete_score(run)
            run.undo()
    return scores


def test_best_is_the_exhaustive_maximum() -> None:
    scenario = example()
    best = find_best(scenario)
    assert (best.score, best.path) == (42, ("call", "meet"))
    assert best.score == max(every_complete_score(Run(scenario)))


def test_best_path_replays_to_the_best_score() -> None:
    scenario = load(
        """
        format: cold-to-gold/1
        id: loop
        title: Loop
        time_budget: 100
        people: [{id: ann, name: Ann}]
        vars: {calls: 0}
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - {channel: call, label: C, goto: a, effects: {calls: 1}}
              - {channel: meet, label: M, goto: done, when: calls >= 2, effects: {referrals: 3}}
              - {channel: post, label: P, goto: done}
        endings:
          done: {title: D, text: D, outcome: won}
        """
    )
    best = find_best(scenario)
    run = play(scenario, best.path)
    assert run.finished
    assert Scorer(scenario).score(run.state) == best.score
    # two calls then the meeting (130 minutes) do not fit; five calls beat four and a post
    assert best.path == ("call",) * 5
    assert best.score == max(every_complete_score(Run(scenario)))


def test_ties_go_to_the_first_choice_in_the_file() -> None:
    scenario = load(
        """
        format: cold-to-gold/1
        id: tie
        title: Tie
        people: [{id: ann, name: Ann}]
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - {id: one, channel: call, label: One, goto: done}
              - {id: two, channel: call, label: Two, goto: done}
        endings:
          done: {title: D, text: D}
        """
    )
    assert find_best(scenario).path == ("one",)


def test_best_of_a_run_that_cannot_start_is_its_start() -> None:
    scenario = load(
        """
        format: cold-to-gold/1
        id: stuck
        title: Stuck
        people: [{id: ann, name: Ann, start: {trust: 1}}]
        start: a
        scenes:
          a:
            title: A
            text: A
            choices: [{channel: call, label: C, goto: done, when: trust > 1}]
        endings:
          done: {title: D, text: D}
        """
    )
    best = find_best(scenario)
    assert (best.score, best.path) == (3, ())
    assert result_of(Run(scenario)).percent == 100


def test_guards_with_decimal_constants_and_nested_operators_are_searched() -> None:
    scenario = load(
        """
        format: cold-to-gold/1
        id: decimal
        title: Decimal
        people: [{id: ann, name: Ann}]
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - {channel: call, label: C, goto: done, when: 'not (trust - 0.5 > 2.0 * -1)'}
              - {channel: post, label: P, goto: done, when: -trust < 0.0}
        endings:
          done: {title: D, text: D}
        """
    )
    assert find_best(scenario).path == ()  # both stay locked: the run ends at once


def test_search_stops_at_its_state_limit() -> None:
    with pytest.raises(SearchTooLarge, match="more than 2 run states"):
        find_best(example(), limit=2)


def test_result_parts_add_up_to_the_score() -> None:
    result = result_of(play(example(), ["call", "meet"]))
    assert sum(result.parts.values()) == result.score
    assert result.parts == {"they_know_you": 6, "you_know_them": 14, "trust": 12, "referrals": 10}
