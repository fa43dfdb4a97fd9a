"""Lint: one purpose-built scenario per code, the summary, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import dedent, load

from cold_to_gold.author.lint import CODES, lint
from cold_to_gold.cli import main
from cold_to_gold.paths import bundled_dir

HEAD = """\
format: cold-to-gold/1
id: t
title: T
people: [{id: ann, name: Ann}]
"""

CLEAN = (
    HEAD
    + """\
start: a
scenes:
  a:
    title: A
    text: A
    choices:
      - {channel: post, label: Post, goto: lost, feedback: Bad.}
      - {channel: call, label: Call, goto: b, feedback: Good.}
      - {id: drop-in, channel: meet, label: Drop in, goto: lost, feedback: Too soon.}
  b:
    title: B
    text: B
    choices:
      - {channel: meet, label: Meet, goto: won, feedback: Best.}
endings:
  won: {title: W, text: W, outcome: won}
  lost: {title: L, text: L, outcome: lost}
tests:
  - {choose: [call, meet], expect: {ending: won}}
"""
)


def codes(text: str, ignore: frozenset[str] = frozenset()) -> list[tuple[str, int]]:
    report = lint(load(text), ignore)
    return [(finding.code, finding.line) for finding in report.findings]


def test_a_clean_scenario_has_no_findings() -> None:
    assert codes(CLEAN) == []


def test_unreachable_scene() -> None:
    island = (
        "  island:\n    title: I\n    text: I\n"
        "    choices: [{channel: meet, label: M, goto: won, feedback: F}]\n"
    )
    text = CLEAN.replace("endings:", island + "endings:")
    assert codes(text) == [("unreachable-scene", 19)]


def test_unreachable_ending_including_a_defined_out_of_time() -> None:
    extra = "  out_of_time: {title: O, text: O}\n  never: {title: N, text: N}\n"
    text = CLEAN.replace("  lost: {", extra + "  lost: {")
    assert codes(text) == [("unreachable-ending", 21), ("unreachable-ending", 22)]


def test_never_available_by_guard_or_by_cost() -> None:
    text = CLEAN.replace(
        "      - {channel: post, label: Post, goto: lost, feedback: Bad.}",
        "      - {channel: post, label: Post, goto: lost, feedback: Bad.}\n"
        "      - {id: lunch, channel: meet, label: L, goto: won, feedback: F, when: trust > 9}\n"
        "      - {id: long, channel: meet, minutes: 500, label: X, goto: won, feedback: F}",
    ).replace("start: a", "time_budget: 200\nstart: a")
    found = lint(load(text)).findings
    assert [(f.code, f.line) for f in found] == [("never-available", 13), ("never-available", 14)]
    assert "its condition or its cost" in found[0].message
    assert "by its cost" in found[1].message


def test_stuck_when_guards_lock_every_choice() -> None:
    text = (
        CLEAN.replace(
            "      - {channel: meet, label: Meet, goto: won, feedback: Best.}",
            "      - {channel: meet, label: Meet, goto: won, feedback: Best., when: trust > 1}",
        )
        .replace(
            "      - {channel: call, label: Call, goto: b, feedback: Good.}",
            "      - {channel: call, label: Call, goto: b, feedback: Good.}\n"
            "      - {id: twice, channel: call, label: C2, goto: c, feedback: F}",
        )
        .replace(
            "endings:",
            "  c:\n    title: C\n    text: C\n"
            "    choices: [{channel: call, label: C, goto: b, feedback: F}]\nendings:",
        )
    )
    assert ("stuck", 15) in codes(text)  # b is reached with trust 1 straight from a


def test_time_running_out_is_not_stuck() -> None:
    text = CLEAN.replace("start: a", "time_budget: 30\nstart: a")
    assert "stuck" not in [code for code, _ in codes(text, frozenset({"lesson", "untested"}))]


def test_unwinnable() -> None:
    text = CLEAN.replace("outcome: won}", "outcome: neutral}")
    assert ("unwinnable", 19) in codes(text)  # at the `endings` key


def test_no_feedback() -> None:
    text = CLEAN.replace(", feedback: Bad.}", "}")
    assert codes(text) == [("no-feedback", 11)]


def test_lesson_when_the_best_run_is_by_post_and_email() -> None:
    rich_post = "goto: won, feedback: Bad., effects: {referrals: 9}"
    text = CLEAN.replace("goto: lost, feedback: Bad.", rich_post)
    text = text.replace("choose: [call, meet]", "choose: [post]")
    # A rich first post is also guessed by a room that picks the first button.
    ignore = frozenset({"unreachable-ending", "guessable", "position"})
    found = lint(load(text), ignore).findings
    assert [(f.code, f.line) for f in found] == [("lesson", 5)]
    assert "30 minutes on posts and emails and 0 on calls and meetings" in found[0].message


def test_untested_without_tests_and_with_tests_off_the_best_path() -> None:
    assert codes(CLEAN[: CLEAN.index("tests:")]) == [("untested", 5)]
    assert codes(CLEAN.replace("choose: [call, meet]", "choose: [post]")) == [("untested", 22)]


def test_ignore_silences_codes() -> None:
    text = CLEAN.replace(", feedback: Bad.}", "}")
    assert codes(text, frozenset({"no-feedback"})) == []


def test_exploration_stops_at_its_limit_and_says_so(monkeypatch) -> None:
    import cold_to_gold.author.lint as lint_module

    def small(scenario, limit=3):
        from cold_to_gold.author.explore import explore

        return explore(scenario, limit=3)

    monkeypatch.setattr(lint_module, "explore", small)
    report = lint(load(CLEAN))
    assert [finding.code for finding in report.findings] == ["too-large"]
    assert not report.exploration.complete


def test_summary_names_states_scores_best_path_and_grades() -> None:
    scenario = load(CLEAN)
    report = lint(scenario)
    summary = "\n".join(report.summary(scenario))
    assert "run states explored" in summary
    assert "score: worst 1, best 27" in summary  # a post (1) against a call and a meeting (27)
    assert "best path (2 decisions): call → meet" in summary
    assert "gold 1 (won)" in summary and "cold 1 (lost)" in summary


# Revision B's label lints fire on some bundled scenarios today. The content issue
# (a library a room of salespeople cannot argue with) rewrites them and removes these
# pairs; until then exactly these (scenario, code) pairs are ignored, nothing else.
KNOWN_CONTENT_FINDINGS: set[tuple[str, str]] = set()


def test_every_bundled_scenario_lints_clean_but_for_the_known_content_findings(capsys) -> None:
    from cold_to_gold.scenario.load import load_scenario

    files = sorted(bundled_dir("scenarios").glob("*.yaml"))
    fired, clean = set(), []
    for file in files:
        scenario = load_scenario(file)
        ignore = frozenset(code for sid, code in KNOWN_CONTENT_FINDINGS if sid == scenario.id)
        assert lint(scenario, ignore).findings == (), file.name
        found = {(scenario.id, finding.code) for finding in lint(scenario).findings}
        fired |= found
        clean += [] if found else [str(file)]
    assert fired == KNOWN_CONTENT_FINDINGS  # a pair the content no longer earns is dropped
    assert main(["lint", *clean]) == 0  # the command agrees on the files with no findings
    assert capsys.readouterr().out.count(": 0 findings") == len(clean)


def test_lint_json_and_exit_code(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(dedent(CLEAN.replace(", feedback: Bad.}", "}")))
    assert main(["lint", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert findings == [
        {"file": str(path), "line": 11, "column": 9, "code": "no-feedback",
         "message": "choice 'post' has no feedback"},
    ]  # fmt: skip


def test_lint_text_lines(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(CLEAN.replace(", feedback: Bad.}", "}"))
    assert main(["lint", str(path), "--ignore", "untested"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:11:9: warning[no-feedback]: choice 'post' has no feedback" in out


def test_lint_invalid_scenario_prints_its_errors(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(CLEAN.replace("channel: post", "channel: fax"))
    assert main(["lint", str(path)]) == 1
    assert "unknown channel 'fax'" in capsys.readouterr().out


def test_unknown_ignore_code_is_usage(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["lint", str(bundled_dir("scenarios")), "--ignore", "speling"])
    assert caught.value.code == 2
    assert "unknown lint code speling" in capsys.readouterr().err


def test_codes_are_documented() -> None:
    import cold_to_gold.author.lint as lint_module

    for code in CODES:
        assert code in (lint_module.__doc__ or "")


# --- format 2: the reflex and the lesson in value -----------------------------------

REFLEX = """\
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
      - {channel: email, label: Write, goto: b, feedback: F}
      - {channel: meet, label: Visit, goto: b, feedback: F}
  b:
    title: B
    text: B
    choices:
      - {channel: meet, label: Meet, goto: won, feedback: F}
      - {channel: post, label: Post, goto: lost, feedback: F}
endings:
  won: {title: W, text: W, outcome: won}
  lost: {title: L, text: L, outcome: lost}
tests:
  - {choose: [meet, meet], expect: {ending: won}}
"""


def test_reflex_when_always_the_highest_rung_reaches_the_top_grade(capsys, tmp_path) -> None:
    found = lint(load(REFLEX)).findings
    assert [(f.code, f.line) for f in found] == [("reflex", 5)]
    assert "always taking the highest rung (meet, meet) grades gold (100 %)" in found[0].message
    path = tmp_path / "reflex.yaml"
    path.write_text(REFLEX)
    assert main(["lint", str(path), "--json"]) == 1
    assert [item["code"] for item in json.loads(capsys.readouterr().out)] == ["reflex"]


def test_no_reflex_when_the_buyer_asked_for_something_in_writing() -> None:
    # The visit is listed first, so a room picking the first button is not rewarded either.
    judged = REFLEX.replace(
        "      - {channel: email, label: Write, goto: b, feedback: F}\n"
        "      - {channel: meet, label: Visit, goto: b, feedback: F}",
        "      - {channel: meet, label: Visit, goto: lost, gains: none, feedback: F}\n"
        "      - {channel: email, label: Write, goto: b, feedback: F}",
    ).replace("choose: [meet, meet]", "choose: [email, meet]")
    assert codes(judged) == []


def test_lesson_in_format_2_weighs_value_and_grades_the_broadcast_run() -> None:
    weights = "people: [{id: ann, name: Ann}]\nscoring: {weights: {they_know_you: 40}}"
    posting_pays = REFLEX.replace("people: [{id: ann, name: Ann}]", weights)
    broadcast = posting_pays.replace("goto: lost, feedback: F}", "goto: won, feedback: F}")
    found = [f for f in lint(load(broadcast), frozenset({"reflex", "untested"})).findings]
    messages = " ".join(f.message for f in found if f.code == "lesson")
    assert (
        "the broadcast run (a post whenever possible, else the lowest rung: email, post)"
        in messages
    )


def test_exploration_stops_at_its_work_limit_and_says_what_it_could_not_check(monkeypatch) -> None:
    """Many endings: every state carries the scores of every ending it can reach, so
    lint's memory grew with states × endings; its work and memory are bounded now."""
    import sys

    import cold_to_gold.author.lint as lint_module
    from cold_to_gold.author.explore import explore
    from cold_to_gold.engine.work import Meter
    from cold_to_gold.scenario import load_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from hostile_valid import many_endings

    scenario = load_text(many_endings(120, 6, 90), "many.yaml")
    roomy = Meter(10**12, 10**12)
    assert explore(scenario, meter=roomy).complete
    monkeypatch.setattr(
        lint_module, "explore", lambda s: explore(s, meter=Meter(roomy.work // 3, 10**12))
    )
    report = lint(scenario)
    (finding,) = [f for f in report.findings if f.code == "too-large"]
    assert "units of work" in finding.message and "were not checked" in finding.message
    assert not report.exploration.complete
    monkeypatch.setattr(
        lint_module, "explore", lambda s: explore(s, meter=Meter(10**12, roomy.most_held // 3))
    )
    (finding,) = [f for f in lint(scenario).findings if f.code == "too-large"]
    assert "MB of memory" in finding.message
