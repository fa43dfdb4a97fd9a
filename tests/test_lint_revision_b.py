"""Revision B's lint codes, one purpose-built scenario each that triggers it, and a clean one.

`guessable`, `position` (at the `start` line), `superset-label` (at the second
choice), `inversion` (at the lost ending), `lenient` (at the marked choice).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load

from cold_to_gold.author.label_checks import extends
from cold_to_gold.author.lint import CODES, lint
from cold_to_gold.cli import main

CLEAN = """\
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
      - {channel: post, label: Post about it, goto: lost, feedback: Bad.}
      - {channel: call, label: Call her, goto: b, feedback: Good.}
      - {id: drop-in, channel: meet, label: Drop in, goto: lost, gains: none, feedback: Too soon.}
  b:
    title: B
    text: B
    choices:
      - {id: wait, channel: email, label: Wait for news, goto: lost, feedback: Too slow.}
      - {channel: meet, label: Meet, goto: won, feedback: Best.}
      - {channel: call, label: Phone again, goto: lost, gains: none, feedback: No answer.}
endings:
  won: {title: W, text: W, outcome: won}
  lost: {title: L, text: L, outcome: lost}
tests:
  - {choose: [call, meet], expect: {ending: won, grade: gold}}
"""

A_CHOICES = CLEAN[CLEAN.index("      - {channel: post") : CLEAN.index("  b:\n")]
B_CHOICES = CLEAN[CLEAN.index("      - {id: wait") : CLEAN.index("endings:")]


def lines(text: str) -> dict[str, str]:
    """Each choice line of the clean scenario, by its id."""
    found = {}
    for line in text.splitlines():
        if line.startswith("      - {"):
            part = line.split("id: ", 1)[1] if "id: " in line else line.split("channel: ", 1)[1]
            found[part.split(",", 1)[0]] = line
    return found


A, B = lines(A_CHOICES), lines(B_CHOICES)


def with_scenes(a: list[str], b: list[str], text: str = CLEAN) -> str:
    """The clean scenario with scene a's and b's choices in another order or other words."""
    text = text.replace(A_CHOICES, "\n".join(a) + "\n")
    return text.replace(B_CHOICES, "\n".join(b) + "\n")


def codes(text: str, ignore: frozenset[str] = frozenset()) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint(load(text), ignore).findings]


def line_of(text: str, fragment: str) -> int:
    return 1 + next(i for i, line in enumerate(text.splitlines()) if fragment in line)


def test_the_clean_scenario_has_no_findings() -> None:
    assert codes(CLEAN) == []


def test_the_new_codes_are_known() -> None:
    for code in ("guessable", "position", "superset-label", "inversion", "lenient"):
        assert code in CODES


# --- guessable ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "a", "b"),
    [
        ("always the first choice", ["call", "post", "drop-in"], ["meet", "wait"]),
        ("always the last choice", ["post", "drop-in", "call"], ["wait", "meet"]),
    ],
)
def test_guessable_by_place(policy: str, a: list[str], b: list[str]) -> None:
    text = with_scenes([A[c] for c in a], [B[c] for c in b])
    found = lint(load(text), frozenset({"position"})).findings
    assert [(f.code, f.line) for f in found] == [("guessable", 5)]
    assert f"reading only the labels reaches gold: {policy} (call, meet)" in found[0].message


def test_guessable_by_the_longest_label() -> None:
    text = CLEAN.replace("label: Call her,", "label: Call her and listen to what she needs,")
    text = text.replace("label: Meet,", "label: Meet her at the office to talk it through,")
    found = lint(load(text)).findings
    assert [(f.code, f.line) for f in found] == [("guessable", 5)]
    assert "always the longest label (call, meet)" in found[0].message


def test_guessable_by_the_shortest_label_with_ties_in_file_order() -> None:
    # "Call" ties with "Post" and "Meet" with "Wait" at four letters: the first in the file wins.
    call, post = A["call"].replace("Call her", "Call"), A["post"].replace("Post about it", "Post")
    text = with_scenes(
        [call, post, A["drop-in"].replace("Drop in", "Drop in now")],
        [B["meet"], B["wait"].replace("Wait for news", "Wait"), B["call"]],
    )
    found = lint(load(text), frozenset({"position"})).findings
    assert ("guessable", 5) in [(f.code, f.line) for f in found]
    assert "always the shortest label (call, meet)" in found[0].message


# --- position ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "a", "b"),
    [
        ("first", ["call", "post", "drop-in"], ["wait", "meet"]),
        ("last", ["post", "drop-in", "call"], ["meet", "wait"]),
    ],
)
def test_position_when_the_best_choice_sits_at_one_place(place, a, b) -> None:
    text = with_scenes([A[c] for c in a], [B[c] for c in b])
    found = lint(load(text)).findings
    assert [(f.code, f.line) for f in found] == [("position", 5)]
    assert f"the best choice is the {place} one in 1 of the 1 decisions" in found[0].message


def test_no_position_at_exactly_half_nor_for_decisions_with_two_choices() -> None:
    half = with_scenes([A["call"], A["post"], A["drop-in"]], [B["wait"], B["meet"], B["call"]])
    assert "position" not in [code for code, _ in codes(half)]  # first in 1 of 2
    two = with_scenes([A["call"], A["post"]], [B["meet"], B["wait"]])
    assert "position" not in [code for code, _ in codes(two, frozenset({"guessable"}))]


# --- superset-label ------------------------------------------------------------------

SUPERSET = CLEAN.replace(
    A["drop-in"],
    A["drop-in"]
    + "\n      - {id: call-ask, channel: call, label: 'Call her, and ask about the budget',"
    " goto: lost, gains: none, feedback: Too soon.}",
)


def test_superset_label_at_the_second_choice() -> None:
    found = lint(load(SUPERSET)).findings
    assert [(f.code, f.line) for f in found] == [("superset-label", line_of(SUPERSET, "call-ask"))]
    assert "'call-ask' is the label of 'call' with more words" in found[0].message


def test_superset_label_when_the_longer_label_comes_first() -> None:
    text = with_scenes(
        [A["post"], A["call"].replace("Call her", "Call her at once and then write"), A["drop-in"]],
        [B["wait"], B["meet"], B["call"].replace("Phone again", "Call her at once")],
    )
    # Only within a scene: the two labels sit in different scenes here.
    assert "superset-label" not in [code for code, _ in codes(text)]
    ask = next(line for line in SUPERSET.splitlines() if "call-ask" in line)
    same = with_scenes([A["post"], ask, A["drop-in"], A["call"]], [B["wait"], B["meet"], B["call"]])
    assert codes(same) == [("superset-label", line_of(same, "label: Call her,"))]
    assert "'call-ask' is the label of 'call'" in lint(load(same)).findings[0].message


@pytest.mark.parametrize(
    ("longer", "shorter", "extends_it"),
    [
        ("Call Victor to thank him, and ask who else…", "Call Victor to thank him", True),
        ("Call him, and ask", "Call him.", True),
        ("call  HIM and ask", "Call him", True),
        ("Caller", "Call", False),
        ("Call Victor's assistant", "Call Victor", False),
        ("Call Victor - and ask who else", "Call Victor", True),
        ("Call Victor (and ask who else)", "Call Victor", True),
        ("Call him", "Call him", False),
        ("Call him.", "Call him", False),
        ("Email her", "Call her", False),
    ],
)
def test_what_counts_as_more_words(longer: str, shorter: str, extends_it: bool) -> None:
    assert extends(longer, shorter) is extends_it


# --- inversion -----------------------------------------------------------------------

# A lost deal made rich by referrals, a won deal made cheaply, and a table in which
# only gold needs the deal won.
INVERTED = CLEAN.replace(
    "tests:",
    "scoring:\n  grades: {gold: {min: 90, outcome: won}, warm: 50, cold: 0}\ntests:",
).replace(
    A["drop-in"],
    "      - {id: drop-in, channel: meet, label: Drop in, goto: lost, effects: {referrals: 4},"
    " feedback: Too soon.}",
).replace(B["call"], "      - {channel: call, label: Phone again, goto: won, gains: none,"
          " feedback: Lucky.}")  # fmt: skip


def test_inversion_at_the_lost_ending() -> None:
    found = lint(load(INVERTED)).findings
    assert [(f.code, f.line) for f in found] == [("inversion", line_of(INVERTED, "  lost: {"))]
    assert "'lost' can grade warm, above a won run's cold" in found[0].message


def test_no_inversion_under_the_default_table_where_a_lost_deal_grades_cold() -> None:
    default = INVERTED.replace(
        "scoring:\n  grades: {gold: {min: 90, outcome: won}, warm: 50, cold: 0}\n", ""
    )
    assert "inversion" not in [code for code, _ in codes(default)]


# --- lenient -------------------------------------------------------------------------


def test_lenient_when_gold_is_still_reachable_after_a_marked_mistake() -> None:
    text = CLEAN.replace("label: Call her, goto: b,", "label: Call her, goto: b, mistake: true,")
    found = lint(load(text)).findings
    assert [(f.code, f.line) for f in found] == [("lenient", line_of(text, "Call her"))]
    assert "choice 'call' is marked a mistake, yet a run that takes it can still grade gold" in (
        found[0].message
    )


def test_no_lenient_when_every_run_through_the_mistake_grades_below_the_top() -> None:
    marked = CLEAN
    for label in ("Post about it", "Drop in", "Wait for news", "Phone again"):
        marked = marked.replace(f"label: {label},", f"label: {label}, mistake: true,")
    assert codes(marked) == []


def test_lenient_counts_only_runs_with_an_outcome_the_top_grade_allows() -> None:
    # After the marked choice only lost runs remain, however rich: gold needs a won ending.
    rich_loss = CLEAN.replace(
        A["drop-in"],
        "      - {id: drop-in, channel: meet, label: Drop in, goto: lost, mistake: true,"
        " effects: {referrals: 40}, feedback: Too soon.}",
    )
    assert "lenient" not in [code for code, _ in codes(rich_loss)]


# --- the command line ----------------------------------------------------------------


def test_lint_json_reports_the_new_codes_and_ignore_silences_them(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        SUPERSET.replace("label: Call her, goto: b,", "label: Call her, goto: b, mistake: true,")
    )
    assert main(["lint", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert sorted(item["code"] for item in findings) == ["lenient", "superset-label"]
    assert all(set(item) == {"file", "line", "column", "code", "message"} for item in findings)
    assert main(["lint", str(path), "--json", "--ignore", "lenient,superset-label"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# --- lenient is exact: checked against every run, enumerated -----------------------


@pytest.mark.parametrize("seed", range(0, 120, 2))
def test_lenient_agrees_with_enumerating_every_run(seed: int) -> None:
    from random_scenarios import random_scenario

    from cold_to_gold.author.lenient import lenient_choices
    from cold_to_gold.engine.result import best_for
    from cold_to_gold.engine.rules import rules_for
    from cold_to_gold.engine.scoring import Scorer, percent
    from cold_to_gold.library.load import load_text

    text = random_scenario(seed, weighted=seed % 4 == 0)
    text = text.replace("{id: c0,", "{id: c0, mistake: true,").replace(
        "{id: c2,", "{id: c2, mistake: true,"
    )
    scenario = load_text(text, f"random-{seed}.yaml")
    rules, scorer, best = rules_for(scenario), Scorer(scenario), best_for(scenario)
    top = scenario.scoring.grades[0].name
    expected = set()

    def walk(state, taken):
        moves = rules.available_moves(state) if state.at in scenario.scenes else []
        if not moves:
            ending = scenario.ending(state.at) or scenario.out_of_time
            share = percent(scorer.score(state), best.score)
            if scenario.scoring.grade_for(share, ending.outcome) == top:
                expected.update(taken)
            return
        for move in moves:
            here = (state.at, move.choice.id)
            marked = {here} if move.choice.mistake else set()
            walk(rules.apply(state, move), taken | marked)

    walk(rules.start(), frozenset())
    assert set(lenient_choices(scenario, best, 100_000)) == expected


def test_superset_label_compares_a_bounded_number_of_pairs_and_says_so() -> None:
    """A scene of 3,000 choices is 4.5 million pairs (lint took 26 s on 5,000): past its
    limit the check stops, deterministically, and lint says what it did not compare."""
    from cold_to_gold.author import label_checks

    choices = "\n".join(
        f"      - {{id: c{i}, channel: email, label: Ask about {i}, goto: lost, feedback: F.}}"
        for i in range(3000)
    )
    text = CLEAN.replace(A["drop-in"], A["drop-in"] + "\n" + choices)
    found = lint(load(text)).findings
    limited = [f for f in found if f.code == "too-large" and "superset-label" in f.message]
    assert len(limited) == 1 and "'a'" in limited[0].message
    assert label_checks.PAIR_LIMIT < 3000 * 2999 // 2
