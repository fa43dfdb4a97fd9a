"""Format 2, rule by rule: ceilings, gains, `with` lists, text variants, the price on time,
grades earned by the outcome, the best winning run, and the transcript's new keys."""

from __future__ import annotations

import re

import pytest
from conftest import CONTRACT_EXAMPLE, dedent, load, only_problem, problems

from cold_to_gold.engine import Run, play, result_of, transcript

HEAD = """\
format: cold-to-gold/2
id: t
title: T
people:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
"""


def example_2():
    """The contract's example with `format: cold-to-gold/2` and no `scoring:` block."""
    text = CONTRACT_EXAMPLE.read_text().replace("cold-to-gold/1", "cold-to-gold/2")
    return load(re.sub(r"scoring:.*?\n(?=tests:)", "", text, flags=re.S))


# --- the contract's worked example in format 2 -------------------------------


@pytest.mark.parametrize(
    ("path", "ending", "outcome", "minutes", "people", "score", "percent", "grade", "values"),
    [
        (["call", "meet"], "gold", "won", 140, (6, 7, 4), 28, 100, "gold",
         {"post": 0, "email": 0, "call": 11, "meet": 16}),
        (["post", "email"], "out_of_time", "lost", 40, (3, 1, 0), 1, 4, "cold",
         {"post": -2, "email": 2, "call": 0, "meet": 0}),
        (["post"] * 5, "out_of_time", "lost", 150, (3, 0, 0), -12, 0, "cold",
         {"post": -13, "email": 0, "call": 0, "meet": 0}),
    ],
)  # fmt: skip
def test_the_contracts_format_2_table(
    path, ending, outcome, minutes, people, score, percent, grade, values
) -> None:
    data = transcript(play(example_2(), path))
    assert (data["ending"], data["outcome"], data["minutes_spent"]) == (ending, outcome, minutes)
    dana = data["people"]["dana"]
    assert (dana["they_know_you"], dana["you_know_them"], dana["trust"]) == people
    assert (data["score"], data["percent"], data["grade"]) == (score, percent, grade)
    assert {channel: mix["value"] for channel, mix in data["channel_mix"].items()} == values
    assert data["best"] == {"score": 28, "path": ["call", "meet"]}


def test_format_2_transcript_keys() -> None:
    data = transcript(play(example_2(), ["call", "meet"]))
    assert data["format"] == 2
    assert data["steps"][0]["feedback"] == "She talks about her bakery for twenty minutes."
    assert data["steps"][1]["feedback"] is None  # the contract's `meet` has no feedback
    assert data["ending_text"] == "Dana introduces you to three shop owners."
    assert data["people"]["dana"]["stage"] == "warm"
    assert data["people"]["dana"]["one_sided"] is False
    assert data["capped_by_outcome"] is False


def test_format_1_transcript_keeps_exactly_the_format_1_keys() -> None:
    data = transcript(play(load(CONTRACT_EXAMPLE.read_text()), ["call", "meet"]))
    assert "format" not in data and "ending_text" not in data
    assert "capped_by_outcome" not in data and "feedback" not in data["steps"][0]
    assert set(data["people"]["dana"]) == {"they_know_you", "you_know_them", "trust"}
    assert set(data["channel_mix"]["call"]) == {"count", "minutes"}


# --- ceilings ----------------------------------------------------------------


def one_scene(choices: str, extra: str = "", endings: str = "") -> str:
    return (
        HEAD
        + extra
        + "start: a\nscenes:\n  a:\n    title: A\n    text: A\n    choices:\n"
        + choices
        + "endings:\n  win: {title: W, text: W, outcome: won}\n"
        + "  lose: {title: L, text: L, outcome: lost}\n"
        + endings
    )


def people_after(text: str, path: list[str]) -> dict[str, tuple]:
    run = play(load(text), path)
    return {
        person.id: tuple(row)
        for person, row in zip(run.scenario.people, run.state.people, strict=True)
    }


def test_a_gain_stops_at_the_channels_ceiling_and_never_lowers_a_metric() -> None:
    text = one_scene(
        "      - {channel: call, label: C, goto: a, minutes: 1}\n"
        "      - {id: done, channel: email, label: E, goto: win}\n",
        "time_budget: 100\n",
    )
    assert people_after(text, ["call"] * 4 + ["done"])["ann"] == (6, 6, 3)  # ceilings 6/6/3
    lifted = text.replace("{id: ann, name: Ann}", "{id: ann, name: Ann, start: {trust: 5}}")
    assert people_after(lifted, ["call"])["ann"][2] == 5  # already past 3: not lowered


def test_ceilings_do_not_apply_to_effects_and_can_be_changed_or_removed() -> None:
    effects = one_scene("      - {channel: post, label: P, effects: {trust: 4}, goto: win}\n")
    assert people_after(effects, ["post"])["ann"] == (1, 0, 4)
    raised = one_scene(
        "      - {channel: call, label: C, goto: win}\n",
        "channels: {call: {trust: 5, ceiling: {trust: 4, you_know_them: null}}}\n",
    )
    assert people_after(raised, ["call"])["ann"] == (2, 2, 4)
    format_1 = raised.replace("cold-to-gold/2", "cold-to-gold/1")
    assert people_after(format_1, ["call"])["ann"] == (2, 2, 4)  # stated: applies in both


def test_format_1_has_no_ceilings_by_default() -> None:
    text = one_scene(
        "      - {channel: post, label: P, goto: a}\n"
        "      - {channel: meet, label: M, goto: win}\n",
        "time_budget: 300\n",
    ).replace("cold-to-gold/2", "cold-to-gold/1")
    assert people_after(text, ["post"] * 5 + ["meet"])["ann"][0] == 8


# --- gains and with lists -------------------------------------------------------


def test_gains_none_builds_nothing_but_spends_the_time_and_keeps_effects() -> None:
    text = one_scene(
        "      - {channel: meet, label: M, gains: none, effects: {referrals: 1}, goto: win}\n"
    )
    run = play(load(text), ["meet"])
    assert run.state.people[0] == (0, 0, 0)
    assert (run.state.referrals, run.state.minutes_spent) == (1, 90)


def test_partial_gains_replace_only_what_they_name_and_ceilings_still_apply() -> None:
    text = one_scene(
        "      - {channel: call, label: C, gains: {trust: 5, they_know_you: 0}, goto: win}\n"
    )
    assert people_after(text, ["call"])["ann"] == (0, 2, 3)


def test_a_with_list_credits_everyone_and_the_first_is_the_choices_person() -> None:
    text = one_scene(
        "      - {channel: meet, with: [bob, ann], label: M, effects: {trust: 1}, goto: win,"
        " when: you_know_them == 0, feedback: [{when: trust >= 4, text: Bob.}, {text: Else.}]}\n"
    )
    run = Run(load(text))
    step = run.choose("meet")
    assert run.state.people == ((3, 3, 4), (3, 3, 4))
    assert step.feedback == "Bob."


def test_a_post_reaches_everyone_whatever_its_with_list() -> None:
    text = one_scene(
        "      - {channel: post, with: [bob], label: P, effects: {trust: 1}, goto: win}\n"
    )
    assert people_after(text, ["post"]) == {"ann": (1, 0, 0), "bob": (1, 0, 1)}


# --- text that follows the path --------------------------------------------------


def test_variants_are_chosen_at_the_right_moment() -> None:
    text = HEAD + dedent(
        """\
        time_budget: 200
        start: a
        scenes:
          a:
            title: A
            text:
              - {when: visits.a >= 2, text: Back again.}
              - {text: First time.}
            choices:
              - channel: post
                label: P
                goto: a
                feedback:
                  - {when: visits.a >= 2, text: Seen twice.}
                  - {when: they_know_you >= 1, text: Known.}
                  - {text: Nothing.}
              - {channel: call, label: C, goto: win}
        endings:
          win:
            title: W
            outcome: won
            text:
              - {when: visits.a >= 2, text: After a post.}
              - {text: Straight there.}
        """
    )
    run = Run(load(text))
    assert run.scene_text == "First time."  # visits.a is 1 on arrival at the start
    step = run.choose("post")
    assert step.feedback == "Known."  # the move back to `a` is not counted yet
    assert run.scene_text == "Back again."
    assert run.choose("post").feedback == "Seen twice."
    run.choose("call")
    assert run.ending_text == "After a post."
    assert Run(load(text)).choose("call") and play(load(text), ["call"]).ending_text == (
        "Straight there."
    )


# --- the price on time, grades by outcome, the best winning run -----------------


LOST_BUT_RICH = one_scene(
    "      - {channel: meet, label: Win small, goto: win}\n"
    "      - {id: rich, channel: meet, label: Lose big, effects: {referrals: 9}, goto: lose}\n"
    "      - {id: poor, channel: email, label: Lose small, goto: lose}\n"
)


def test_the_best_run_is_a_winning_run_and_a_richer_lost_run_is_capped() -> None:
    scenario = load(LOST_BUT_RICH)
    won = result_of(play(scenario, ["meet"]))
    assert (won.best.path, won.best.outcome, won.percent, won.grade) == (
        ("meet",),
        "won",
        100,
        "gold",
    )
    rich = result_of(play(scenario, ["rich"]))
    assert (rich.percent, rich.grade, rich.capped_by_outcome) == (100, "cold", True)  # rev. B
    assert rich.cap_note == "100 % of the best, but the deal was lost: gold needs a won ending"
    poor = result_of(play(scenario, ["poor"]))
    assert not poor.capped_by_outcome and poor.cap_note is None


def test_format_1_best_is_over_every_run_and_grades_ignore_the_outcome() -> None:
    scenario = load(LOST_BUT_RICH.replace("cold-to-gold/2", "cold-to-gold/1"))
    result = result_of(play(scenario, ["rich"]))
    assert (result.best.path, result.percent, result.grade) == (("rich",), 100, "gold")


def test_a_neutral_ending_caps_at_warm_and_the_note_says_why() -> None:
    text = one_scene(
        "      - {channel: meet, label: M, goto: maybe}\n"
        "      - {channel: email, label: E, goto: win}\n",
        endings="  maybe: {title: M, text: M, outcome: neutral}\n",
    )
    result = result_of(play(load(text), ["meet"]))
    assert (result.grade, result.capped_by_outcome) == ("warm", True)
    assert result.cap_note.endswith("the deal was not won: gold needs a won ending")


def test_grades_with_outcomes_are_read_and_apply_in_format_1_too() -> None:
    grades = (
        "scoring:\n  grades:\n    top: {min: 50, outcome: [won]}\n"
        "    mid: {min: 20, outcome: lost}\n    low: 0\n"
    )
    text = LOST_BUT_RICH.replace("cold-to-gold/2", "cold-to-gold/1") + grades
    result = result_of(play(load(text), ["rich"]))
    assert (result.grade, result.capped_by_outcome) == ("mid", True)


def test_time_costs_a_tenth_of_a_point_a_minute_unless_a_weight_says_otherwise() -> None:
    text = one_scene("      - {channel: email, label: E, goto: win}\n")
    assert str(result_of(play(load(text), ["email"])).score) == "2.0"  # 1 + 2 - 1
    free = text + "scoring: {weights: {minutes: 0}}\n"
    assert result_of(play(load(free), ["email"])).score == 3


# --- validation of the new keys, each at its line --------------------------------


@pytest.mark.parametrize(
    ("choice", "at", "message"),
    [
        ("{channel: call, label: C, goto: win, gains: nothing}", "nothing",
         "expected `none` or a mapping"),
        ("{channel: call, label: C, goto: win, gains: 'none'}", "'none'", "expected `none`"),
        ("{channel: call, label: C, goto: win, gains: {trst: 1}}", "trst", "unknown metric 'trst'"),
        ("{channel: call, label: C, goto: win, with: [ann, cy]}", "cy", "unknown person 'cy'"),
        ("{channel: call, label: C, goto: win, with: [ann, ann]}", "ann]", "already in the list"),
        ("{channel: call, label: C, goto: win, with: []}", "[]", "needs at least 1"),
        ("{channel: call, label: C, goto: win, feedback: [{when: trust > 1, text: X}]}", "when",
         "the last variant is shown when no other holds"),
        ("{channel: call, label: C, goto: win, feedback: [{text: X}, {text: Y}]}", "{text: X}",
         "only the last variant may leave out `when`"),
        ("{channel: call, label: C, goto: win, feedback: [{when: trst > 1, text: X}, {text: Y}]}",
         "trst", "unknown name 'trst'"),
    ],
)  # fmt: skip
def test_new_choice_keys_are_checked_at_their_place(choice: str, at: str, message: str) -> None:
    """Each mistake is reported on the choice's line, at the column of what is wrong."""
    line = f"      - {choice}"
    problem = only_problem(one_scene(line + "\n"))
    assert (problem.line, problem.column) == (13, line.index(at) + 1), str(problem)
    assert message in problem.message


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("channels: {call: {ceiling: {trst: 3}}}\n", "unknown metric 'trst'"),
        ("channels: {call: {ceiling: {trust: high}}}\n", "expected a number"),
    ],
)
def test_ceilings_are_checked(extra: str, message: str) -> None:
    problem = only_problem(one_scene("      - {channel: call, label: C, goto: win}\n", extra))
    assert problem.line == 7 and message in problem.message


@pytest.mark.parametrize(
    ("grades", "message"),
    [
        ("{gold: {min: 90, outcome: wonn}, cold: 0}", "unknown outcome 'wonn'"),
        ("{gold: {min: 90}, cold: {min: 0, outcome: lost}}", "the grade at 0 cannot require"),
        ("{gold: {mn: 90}, cold: 0}", "unknown key 'mn'"),
        ("{gold: {min: 90, outcome: []}, cold: 0}", "needs at least 1"),
    ],
)
def test_grade_tables_with_outcomes_are_checked(grades: str, message: str) -> None:
    text = (
        one_scene("      - {channel: call, label: C, goto: win}\n")
        + f"scoring: {{grades: {grades}}}\n"
    )
    found = problems(text)
    assert any(message in problem.message and problem.line == 17 for problem in found), found


def test_scene_and_ending_text_variants_are_checked() -> None:
    text = one_scene("      - {channel: call, label: C, goto: win}\n").replace(
        "    text: A\n", "    text: [{when: visits.a > 1, text: X}, {when: trust > 1, text: Y}]\n"
    )
    problem = only_problem(text)
    assert problem.line == 11 and "the last variant" in problem.message
