"""The engine's semantics, rule by rule, as the contract states them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import CONTRACT_EXAMPLE, load

from cold_to_gold.engine import ChoiceLocked, Run, RunFinished, UnknownChoice, play
from cold_to_gold.scenario import Scenario

CAST = """
people:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
  - {id: cy, name: Cy, start: {trust: 2, they_know_you: 1}}
"""


def scenario(scenes: str, head: str = "", cast: str = CAST) -> Scenario:
    """A scenario with three people, the given scenes and a `done` ending."""
    return load(
        "format: cold-to-gold/1\nid: t\ntitle: T\n"
        + head
        + cast
        + "start: a\nscenes:\n"
        + scenes
        + "endings:\n  done: {title: Done, text: Done, outcome: won}\n"
    )


def one_choice(choice: str, head: str = "") -> Scenario:
    return scenario(f"  a:\n    title: A\n    text: A\n    choices:\n      - {choice}\n", head)


def metrics(run: Run, person: str) -> tuple:
    index = [p.id for p in run.scenario.people].index(person)
    return run.state.people[index]


@pytest.mark.parametrize(
    ("channel", "minutes", "gains"),
    [
        ("post", 30, (1, 0, 0)),
        ("email", 10, (1, 1, 0)),
        ("call", 20, (2, 2, 1)),
        ("meet", 90, (3, 3, 3)),
    ],
)
def test_channel_defaults(channel: str, minutes: int, gains: tuple) -> None:
    run = Run(one_choice(f"{{channel: {channel}, label: X, goto: done}}"))
    run.choose(channel)
    assert run.state.minutes_spent == minutes
    assert metrics(run, "ann") == gains


def test_post_is_a_broadcast_to_every_person() -> None:
    run = Run(one_choice("{channel: post, label: X, goto: done}"))
    run.choose("post")
    assert metrics(run, "ann") == (1, 0, 0)
    assert metrics(run, "bob") == (1, 0, 0)
    assert metrics(run, "cy") == (2, 0, 2)  # on top of Cy's start


def test_other_channels_reach_only_the_choice_person() -> None:
    run = Run(one_choice("{channel: meet, with: bob, label: X, goto: done}"))
    run.choose("meet")
    assert metrics(run, "ann") == (0, 0, 0)
    assert metrics(run, "bob") == (3, 3, 3)


def test_start_metrics_default_to_zero() -> None:
    run = Run(one_choice("{channel: call, label: X, goto: done}"))
    assert metrics(run, "cy") == (1, 0, 2)
    assert metrics(run, "ann") == (0, 0, 0)


def test_bare_effects_mean_the_choice_person_and_dotted_name_a_person() -> None:
    choice = "{channel: email, with: bob, label: X, goto: done, effects: {trust: 2, ann.trust: -1}}"
    run = Run(one_choice(choice))
    run.choose("email")
    assert metrics(run, "bob") == (1, 1, 2)
    assert metrics(run, "ann") == (0, 0, -1)  # metrics are not clamped


def test_referrals_and_number_vars_are_run_wide_and_decimals_exact() -> None:
    head = "vars: {warmth: 0.5, met: false}\n"
    choice = (
        "{channel: call, label: X, goto: done, effects: {referrals: 2, warmth: 0.25}, "
        "set: {met: true}}"
    )
    run = Run(one_choice(choice, head))
    run.choose("call")
    assert run.state.referrals == 2
    assert run.state.vars == (Decimal("0.75"), True)


def test_set_comes_after_effects() -> None:
    head = "vars: {level: 1}\n"
    choice = "{channel: call, label: X, goto: done, effects: {level: 5}, set: {level: 0}}"
    run = Run(one_choice(choice, head))
    run.choose("call")
    assert run.state.vars == (0,)


def test_choice_minutes_override_the_channel() -> None:
    run = Run(one_choice("{channel: meet, label: X, minutes: 45, goto: done}"))
    run.choose("meet")
    assert run.state.minutes_spent == 45


def test_channel_overrides_replace_only_what_they_name() -> None:
    head = "channels:\n  call: {minutes: 5, trust: 4}\n"
    run = Run(one_choice("{channel: call, label: X, goto: done}", head))
    run.choose("call")
    assert run.state.minutes_spent == 5
    assert metrics(run, "ann") == (2, 2, 4)


def test_budget_edge_spent_plus_cost_equal_to_budget_is_allowed() -> None:
    run = Run(one_choice("{channel: meet, label: X, goto: done}", "time_budget: 90\n"))
    assert run.options()[0].available
    run.choose("meet")
    assert run.ending is not None and run.ending.id == "done"
    assert run.minutes_left == 0


def test_budget_one_minute_short_locks_the_choice_with_its_reason() -> None:
    scenes = (
        "  a:\n    title: A\n    text: A\n    choices:\n"
        "      - {channel: call, label: X, goto: b}\n"
        "  b:\n    title: B\n    text: B\n    choices:\n"
        "      - {channel: meet, label: M, goto: done}\n"
        "      - {channel: email, label: E, goto: done}\n"
    )
    run = Run(scenario(scenes, "time_budget: 109\n"))
    run.choose("call")
    meet, email = run.options()
    assert not meet.available
    assert meet.reason == "needs 90 minutes, 89 left"
    assert email.available
    with pytest.raises(ChoiceLocked, match="needs 90 minutes, 89 left"):
        run.choose("meet")


def test_out_of_time_built_in_when_no_choice_is_available() -> None:
    scenes = (
        "  a:\n    title: A\n    text: A\n    choices:\n"
        "      - {channel: post, label: P, goto: a}\n"
        "      - {channel: meet, label: M, goto: done}\n"
    )
    run = Run(scenario(scenes, "time_budget: 60\n"))
    run.choose("post")
    assert not run.finished  # 30 left: the post still fits
    run.choose("post")
    assert run.finished
    assert run.at == "out_of_time"
    assert run.ending.outcome == "lost"
    assert run.ending.built_in


def test_out_of_time_overridden_by_the_scenario() -> None:
    run = play(load(CONTRACT_EXAMPLE.read_text()), ["post"] * 5)
    assert run.ending.id == "out_of_time"
    assert run.ending.title == "The week ran out"
    assert not run.ending.built_in


def test_a_run_that_cannot_start_ends_at_once() -> None:
    run = Run(one_choice("{channel: meet, label: X, goto: done, when: trust > 5}"))
    assert run.finished
    assert run.at == "out_of_time"
    assert run.steps == []


def test_guard_locks_with_reason_until_it_holds() -> None:
    scenes = (
        "  a:\n    title: A\n    text: A\n    choices:\n"
        "      - {channel: meet, label: Lunch, goto: done, when: trust >= 2}\n"
        "      - {channel: call, label: Call, goto: a}\n"
    )
    run = Run(scenario(scenes, "time_budget: 200\n"))
    lunch = run.options()[0]
    assert (lunch.number, lunch.available, lunch.reason) == (1, False, "needs trust >= 2")
    run.choose("call")
    assert not run.options()[0].available
    run.choose("call")
    assert run.options()[0].available


def test_locked_text_replaces_the_condition_in_the_reason() -> None:
    choice = "{channel: meet, label: X, goto: done, when: trust > 5, locked: build trust first}"
    other = "\n      - {channel: call, label: C, goto: done}"
    scenario = one_choice(choice + other, "time_budget: 50\n")
    lunch = Run(scenario).options()[0]
    assert lunch.reason == "build trust first; needs 90 minutes, 50 left"


def test_guard_on_minutes_left_and_spent() -> None:
    scenes = (
        "  a:\n    title: A\n    text: A\n    choices:\n"
        "      - {channel: email, label: E, goto: a}\n"
        "      - {channel: call, label: Late, goto: done, when: minutes_left <= 80}\n"
        "      - {channel: call, label: Early, id: early, goto: done, when: minutes_spent < 10}\n"
    )
    run = Run(scenario(scenes, "time_budget: 100\n"))
    assert [o.available for o in run.options()] == [True, False, True]
    run.choose("email")
    run.choose("email")
    assert [o.available for o in run.options()] == [True, True, False]


def test_minutes_left_without_budget_is_no_limit() -> None:
    run = Run(one_choice("{channel: meet, label: X, goto: done, when: minutes_left > 100000}"))
    assert run.options()[0].available


def test_visits_count_arrivals_and_start_counts_at_once() -> None:
    scenes = (
        "  a:\n    title: A\n    text: A\n    choices:\n"
        "      - {channel: email, label: Again, goto: a, when: visits.a < 3}\n"
        "      - {channel: call, label: Once, goto: done, when: visits.a == 1}\n"
        "      - {channel: meet, label: Third, id: third, goto: done, when: visits.a == 3}\n"
    )
    run = Run(scenario(scenes, "time_budget: 500\n"))
    assert [o.available for o in run.options()] == [True, True, False]
    run.choose("email")
    run.choose("email")
    assert [o.available for o in run.options()] == [False, False, True]


def test_guards_read_vars_people_and_referrals() -> None:
    head = "vars: {met: false, calls: 0}\n"
    scenes = (
        "  a:\n    title: A\n    text: A\n    choices:\n"
        "      - {channel: call, label: C, goto: a, effects: {calls: 1, referrals: 1},"
        " set: {met: true}}\n"
        "      - {channel: meet, label: M, goto: done,"
        " when: 'met and calls >= 2 and bob.trust == 0 and referrals * 2 == 4'}\n"
    )
    run = Run(scenario(scenes, "time_budget: 500\n" + head))
    run.choose("call")
    assert not run.options()[1].available
    run.choose("call")
    assert run.options()[1].available


def test_choosing_unknown_or_after_the_end_says_why() -> None:
    run = Run(one_choice("{channel: call, label: X, goto: done}"))
    with pytest.raises(UnknownChoice, match="scene 'a' has no choice 'meet' \\(it has call\\)"):
        run.choose("meet")
    run.choose("call")
    with pytest.raises(RunFinished, match="already ended at 'done'"):
        run.choose("call")


def test_undo_restores_numbers_place_and_machine() -> None:
    example = load(CONTRACT_EXAMPLE.read_text())
    run = Run(example)
    start = run.state
    run.choose("post")
    run.choose("post")
    assert run.state.minutes_spent == 60
    step = run.undo()
    assert step is not None and step.choice.id == "post"
    assert run.at == "quiet_week" and run.state.minutes_spent == 30
    run.undo()
    assert run.state == start and run.at == "the_comment"
    assert run.undo() is None
    run.choose("call")  # the machine follows the restored state
    assert run.at == "invited"


def test_undo_after_the_end_reopens_the_run() -> None:
    run = play(load(CONTRACT_EXAMPLE.read_text()), ["post"] * 5)
    assert run.finished
    run.undo()
    assert not run.finished and run.at == "quiet_week"
    run.choose("email")  # 130 minutes: the 120-minute meeting no longer fits
    assert run.at == "out_of_time"


def test_rewind_keeps_the_first_steps() -> None:
    run = play(load(CONTRACT_EXAMPLE.read_text()), ["post", "post", "email"])
    assert run.at == "out_of_time"
    run.rewind(1)
    assert run.path == ["post"]
    assert run.at == "quiet_week"


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        (0, 1, "+1 referral"),
        (1, 3, "+2 referrals"),
        (2, 1, "−1 referral"),
        (0, 1.5, "+1.5 referrals"),
    ],
)
def test_one_referral_is_said_in_the_singular(before: int, after: float, said: str) -> None:
    from cold_to_gold.engine.changes import Change

    assert Change("referrals", before, after).describe() == said


def test_step_changes_describe_what_moved() -> None:
    run = Run(load(CONTRACT_EXAMPLE.read_text()))
    step = run.choose("call")
    described = [change.describe() for change in step.changes]
    assert described == [
        "+2 they know you",
        "+4 you know them",
        "+1 trust",
        "asked_about_business = true",
        "−20 min",
    ]


def test_engine_uses_a_transitions_machine_over_scene_and_ending_ids() -> None:
    run = Run(load(CONTRACT_EXAMPLE.read_text()))
    states = set(run.machine.states)
    assert states == {"the_comment", "quiet_week", "invited", "gold", "out_of_time"}
    triggers = run.machine.get_triggers("the_comment")
    assert triggers[:3] == ["post", "call", "lunch"]
    assert run.machine.get_triggers("gold") == []


def test_a_choice_id_that_clashes_with_machine_names_still_works() -> None:
    run = Run(one_choice("{id: trigger, channel: call, label: X, goto: done}"))
    run.choose("trigger")
    assert run.at == "done"
