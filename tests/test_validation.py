"""One test per validation rule of the contract, each asserting where the error is reported."""

from __future__ import annotations

import pytest
from conftest import MINIMAL, dedent, load, only_problem, problems

from cold_to_gold.library.load import load_text
from cold_to_gold.scenario import ScenarioInvalid


def replace(old: str, new: str, text: str = MINIMAL) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_minimal_scenario_is_valid() -> None:
    scenario = load(MINIMAL)
    assert scenario.id == "t"
    assert scenario.scenes["a"].choices[0].id == "call"


# Each case: (rule, YAML, line, column, a fragment of the message).
CASES = [
    (
        "yaml syntax error",
        replace("title: T\n", "title: [T\n"),
        3,  # where the bracket opens, not where the parser gave up
        8,
        "YAML syntax error: the '[' here is not closed",
    ),
    ("root is a list", "- a\n- b\n", 1, 1, "must be a mapping"),
    ("root is a scalar", "just text\n", 1, 1, "must be a mapping"),
    ("missing top-level key", replace("title: T\n", ""), 1, 1, "missing required key 'title'"),
    (
        "missing key in a scene",
        replace("    title: A\n", ""),
        8,
        3,
        "scenes.a: missing required key 'title'",
    ),
    (
        "missing key in a choice",
        replace("{channel: call, label: Call, goto: win}", "{channel: call, goto: win}"),
        12,
        9,
        "missing required key 'label'",
    ),
    (
        "unknown top-level key with did-you-mean",
        replace("title: T\n", "title: T\nsumary: S\n"),
        4,
        1,
        "unknown key 'sumary' (did you mean 'summary'?)",
    ),
    (
        "unknown key in a choice",
        replace("goto: win}", "goto: win, feedbak: x}"),
        12,
        None,
        "unknown key 'feedbak' (did you mean 'feedback'?)",
    ),
    (
        "wrong type: text where a number belongs",
        replace("goto: win}", "goto: win, minutes: ten}"),
        12,
        None,
        "minutes: expected a whole number, got 'ten'",
    ),
    (
        "wrong type: a decimal where whole minutes belong",
        replace("title: T\n", "title: T\ntime_budget: 1.5\n"),
        4,
        14,
        "expected a whole number",
    ),
    (
        "wrong type: a mapping where text belongs",
        replace("title: T\n", "title: {a: 1}\n"),
        3,
        8,
        "expected text, got a mapping",
    ),
    (
        "wrong type: people is not a list",
        replace("people:\n  - {id: ann, name: Ann}\n", "people: ann\n"),
        4,
        9,
        "people: expected a list",
    ),
    (
        "duplicate top-level key",
        replace("title: T\n", "title: T\ntitle: U\n"),
        4,
        1,
        "duplicate key 'title' (first at line 3)",
    ),
    (
        "duplicate key in a nested mapping",
        replace("goto: win}", "goto: win, effects: {trust: 1, trust: 2}}"),
        12,
        None,
        "duplicate key 'trust'",
    ),
    (
        "duplicate scene id",
        MINIMAL.replace(
            "endings:",
            "  a:\n    title: B\n    text: B\n    choices: [{channel: post, label: P, goto: win}]\n"
            "endings:",
        ),
        13,
        3,
        "scenes: duplicate key 'a' (first at line 8)",
    ),
    (
        "unknown channel",
        replace("channel: call", "channel: phone"),
        12,
        19,
        "unknown channel 'phone'",
    ),
    (
        "unknown person in with",
        replace("goto: win}", "goto: win, with: anne}"),
        12,
        None,
        "unknown person 'anne' (did you mean 'ann'?)",
    ),
    (
        "unknown person in an effect",
        replace("goto: win}", "goto: win, effects: {bob.trust: 1}}"),
        12,
        None,
        "unknown person 'bob'",
    ),
    (
        "unknown metric in an effect",
        replace("goto: win}", "goto: win, effects: {ann.trst: 1}}"),
        12,
        None,
        "unknown metric 'trst' (did you mean 'trust'?)",
    ),
    (
        "unknown var in set",
        replace("goto: win}", "goto: win, set: {met: true}}"),
        12,
        None,
        "unknown var 'met'",
    ),
    (
        "unknown var in an effect",
        replace("goto: win}", "goto: win, effects: {mood: 1}}"),
        12,
        None,
        "unknown metric or var 'mood'",
    ),
    (
        "unknown metric in a person's start",
        replace("{id: ann, name: Ann}", "{id: ann, name: Ann, start: {trusted: 1}}"),
        5,
        None,
        "unknown metric 'trusted'",
    ),
    (
        "goto names no scene or ending, with did-you-mean",
        replace("goto: win}", "goto: wn}"),
        12,
        None,
        "unknown scene or ending 'wn' (did you mean 'win'?)",
    ),
    ("start is not a scene", replace("start: a\n", "start: b\n"), 6, 8, "unknown scene 'b'"),
    (
        "start is an ending",
        replace("start: a\n", "start: win\n"),
        6,
        8,
        "'win' is an ending; start must be a scene",
    ),
    (
        "duplicate choice ids in a scene (default ids)",
        replace(
            "      - {channel: call, label: Call, goto: win}\n",
            "      - {channel: call, label: Call, goto: win}\n"
            "      - {channel: call, label: Again, goto: win}\n",
        ),
        13,
        19,
        "duplicate choice id 'call' in this scene (first at line 12)",
    ),
    (
        "a scene with an empty list of choices",
        replace(
            "    choices:\n      - {channel: call, label: Call, goto: win}\n", "    choices: []\n"
        )
        + "",
        11,
        14,
        "scenes.a.choices: needs at least 1",
    ),
    (
        "an id used for both a scene and an ending",
        replace("  win: {title: W", "  a: {title: X, text: X}\n  win: {title: W"),
        14,
        3,
        "'a' is also a scene id",
    ),
    (
        "a scene may not be called out_of_time",
        MINIMAL.replace("start: a", "start: out_of_time").replace("  a:\n", "  out_of_time:\n"),
        8,
        3,
        "'out_of_time' is the ending reached when time runs out",
    ),
    (
        "guard syntax error at the guard's own column",
        replace("goto: win}", "goto: win, when: trust >= }"),
        12,
        63,
        "the condition ends too early",
    ),
    (
        "guard with an unknown name",
        replace("goto: win}", "goto: win, when: trst >= 2}"),
        12,
        55,
        "unknown name 'trst' (did you mean 'trust'?)",
    ),
    (
        "guard using = instead of ==",
        replace("goto: win}", "goto: win, when: 'trust = 2'}"),
        12,
        62,
        "use == to compare",
    ),
    (
        "a test naming an unknown choice",
        MINIMAL + "tests:\n  - {name: x, choose: [call, meet]}\n",
        16,
        None,
        "no choice has the id 'meet'",
    ),
    (
        "a test naming an unknown ending",
        MINIMAL + "tests:\n  - {name: x, choose: [call], expect: {ending: wn}}\n",
        16,
        None,
        "unknown ending 'wn' (did you mean 'win'?)",
    ),
    (
        "a test expecting an unknown grade",
        MINIMAL + "tests:\n  - {choose: [call], expect: {grade: platinum}}\n",
        16,
        None,
        "unknown grade 'platinum'",
    ),
    (
        "a loop without a time budget",
        replace("goto: win}", "goto: a}"),
        8,
        3,
        "the loop a → a may never end: loops are allowed only with a time_budget",
    ),
    (
        "a loop of 0-minute choices with a budget",
        replace(
            "goto: win}",
            "goto: a, minutes: 0}",
            MINIMAL.replace("start: a", "time_budget: 60\nstart: a"),
        ),
        9,
        3,
        "every choice on it costs 0 minutes",
    ),
    (
        "another format version",
        replace("format: cold-to-gold/1", "format: cold-to-gold/3"),
        1,
        9,
        "unsupported format 'cold-to-gold/3'; this version reads cold-to-gold/1 or cold-to-gold/2",
    ),
    (
        "missing format",
        replace("format: cold-to-gold/1\n", ""),
        1,
        1,
        "missing required key 'format'",
    ),
    ("id that is not a slug", replace("id: t\n", "id: My Scenario\n"), 2, 5, "not a valid id"),
    (
        "level outside the list",
        replace("title: T\n", "title: T\nlevel: expert\n"),
        4,
        8,
        "unknown level 'expert'",
    ),
    (
        "time_budget of zero",
        replace("title: T\n", "title: T\ntime_budget: 0\n"),
        4,
        14,
        "must be 1 or more",
    ),
    (
        "negative minutes on a choice",
        replace("goto: win}", "goto: win, minutes: -5}"),
        12,
        None,
        "must be 0 or more",
    ),
    (
        "outcome outside the list",
        replace("outcome: won}", "outcome: victory}"),
        14,
        37,
        "unknown outcome 'victory'",
    ),
    (
        "grades without a 0 threshold",
        MINIMAL + "scoring:\n  grades: {gold: 90, warm: 50}\n",
        16,
        3,
        "needs a grade at threshold 0",
    ),
    (
        "an unknown weight",
        MINIMAL + "scoring:\n  weights: {trusts: 2}\n",
        16,
        13,
        "unknown weight 'trusts' (did you mean 'trust'?)",
    ),
    (
        "a var with a reserved name",
        replace("start: a\n", "vars: {trust: 1}\nstart: a\n"),
        6,
        8,
        "'trust' is a reserved name",
    ),
    (
        "set assigns the wrong type",
        replace(
            "goto: win}",
            "goto: win, set: {met: 3}}",
            MINIMAL.replace("start: a", "vars: {met: false}\nstart: a"),
        ),
        13,
        None,
        "this var takes true or false",
    ),
    (
        "an unknown channel override",
        replace("start: a\n", "channels: {fax: {minutes: 5}}\nstart: a\n"),
        6,
        12,
        "unknown channel 'fax'",
    ),
    (
        "a person without a name",
        replace("{id: ann, name: Ann}", "{id: ann}"),
        5,
        5,
        "people[0]: missing required key 'name'",
    ),
    (
        "duplicate person ids",
        replace(
            "  - {id: ann, name: Ann}\n", "  - {id: ann, name: Ann}\n  - {id: ann, name: Ann B}\n"
        ),
        6,
        10,
        "duplicate person id 'ann' (first at line 5)",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_reports_its_line(text: str, line: int, column: int | None, fragment: str) -> None:
    found = problems(text)
    matching = [p for p in found if fragment in p.message]
    assert matching, "\n".join(map(str, found))
    assert matching[0].line == line, str(matching[0])
    if column is not None:
        assert matching[0].column == column, str(matching[0])


def test_empty_file_is_reported_at_the_start() -> None:
    for text in ("", "# only a comment\n", "\n\n"):
        problem = only_problem(text)
        assert (problem.line, problem.column) == (1, 1)
        assert "empty" in problem.message


def test_every_error_is_reported_at_once_sorted_by_line() -> None:
    text = replace("title: T\n", "title: T\ntitel: U\n")
    text = replace("channel: call", "channel: phone", text)
    text = replace("outcome: won}", "outcome: great}", text)
    found = problems(text)
    assert [p.line for p in found] == sorted(p.line for p in found)
    messages = " | ".join(p.message for p in found)
    for fragment in ("unknown key 'titel'", "unknown channel 'phone'", "unknown outcome 'great'"):
        assert fragment in messages


def test_problem_prints_as_path_line_column_message() -> None:
    problem = only_problem(replace("channel: call", "channel: phone"))
    assert str(problem).startswith("s.yaml:12:19: ")


def test_guard_column_inside_a_quoted_guard() -> None:
    problem = only_problem(replace("goto: win}", 'goto: win, when: "trust >= 2 and nope"}'))
    assert problem.line == 12
    # the guard starts after the quote at column 56; "nope" stands 15 characters into it
    assert problem.column == 56 + 15


def test_guard_on_a_block_line_reports_the_guard_line() -> None:
    text = replace(
        "      - {channel: call, label: Call, goto: win}\n",
        "      - channel: call\n        label: Call\n        goto: win\n        when: >-\n"
        "          trust >=\n",
    )
    problem = only_problem(text)
    assert problem.line == 15


def test_loop_with_budget_and_a_costing_choice_is_allowed() -> None:
    text = MINIMAL.replace("start: a", "time_budget: 60\nstart: a").replace(
        "goto: win}", "goto: a}\n      - {channel: meet, label: Meet, goto: win}"
    )
    scenario = load(text)
    assert scenario.time_budget == 60


def test_loop_through_two_scenes_names_the_loop() -> None:
    text = MINIMAL.replace("goto: win}", "goto: b}").replace(
        "endings:",
        "  b:\n    title: B\n    text: B\n"
        "    choices: [{channel: post, label: P, goto: a}]\nendings:",
    )
    problem = only_problem(text)
    assert "a → b → a" in problem.message
    assert problem.line == 8


def test_out_of_time_is_a_known_ending_for_goto_and_tests() -> None:
    text = replace("goto: win}", "goto: out_of_time}")
    text += "tests:\n  - {choose: [call], expect: {ending: out_of_time}}\n"
    assert load(text).scenes["a"].choices[0].goto == "out_of_time"


def test_wrong_format_reports_only_the_format() -> None:
    problem = only_problem("format: cold-to-gold/3\nwhatever: 1\n")
    assert "unsupported format" in problem.message


def test_invalid_scenario_exception_lists_problems() -> None:
    with pytest.raises(ScenarioInvalid) as caught:
        load_text("format: cold-to-gold/1\n", "x.yaml")
    assert caught.value.path == "x.yaml"
    assert len(caught.value.problems) >= 5
    assert str(caught.value).startswith("x.yaml:1:1:")


def test_contract_example_is_valid() -> None:
    from conftest import CONTRACT_EXAMPLE

    scenario = load(CONTRACT_EXAMPLE.read_text())
    assert [person.id for person in scenario.people] == ["dana"]
    assert scenario.channels["meet"].minutes == 120
    assert scenario.channels["call"].minutes == 20
    assert [test.name for test in scenario.tests] == [
        "calling first wins",
        "posting alone runs out of time",
    ]


def test_text_fields_keep_what_the_author_wrote() -> None:
    scenario = load(replace("title: T\n", "title: No\n").replace("label: Call", "label: 2024"))
    assert scenario.title == "No"
    assert scenario.scenes["a"].choices[0].label == "2024"


def test_yaml_anchors_and_merge_keys_are_supported() -> None:
    text = dedent(
        """
        format: cold-to-gold/1
        id: t
        title: T
        people:
          - {id: ann, name: Ann}
        start: a
        scenes:
          a:
            title: A
            text: A
            choices:
              - &call {channel: call, label: Call, goto: win, effects: {trust: 1}}
              - {<<: *call, id: again, label: Again}
        endings:
          win: {title: W, text: W}
        """
    )
    scenario = load_text(text, "s.yaml")
    again = scenario.scenes["a"].choices[1]
    assert (again.id, again.label, again.channel) == ("again", "Again", "call")
    assert again.effects[0].amount == 1
