"""Exports: the gradebook CSV and xAPI statements, of a class session and of one's own runs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from classroom_helpers import played_hub

from cold_to_gold.classroom.gradebook import session_gradebook
from cold_to_gold.classroom.results import session_results
from cold_to_gold.classroom.xapi import session_statements
from cold_to_gold.cli import main
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store.progress import ProgressStore
from cold_to_gold.store.recorded import RecordedRun

SCHEMA = json.loads((Path(__file__).parent / "data" / "xapi-statement.schema.json").read_text())
PLANS = {"Ann": ["call", "meet"], "=Bo": ["post", "email"], "Cy": ["post"]}


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def hub(tmp_path: Path):
    return played_hub(tmp_path, PLANS)


def test_the_gradebook_has_a_row_per_trainee_with_what_each_earned(hub) -> None:
    rows = list(
        csv.DictReader(io.StringIO(session_gradebook(session_results(hub.records, hub.code))))
    )
    assert [row["name"] for row in rows] == ["Ann", "'=Bo", "Cy"]  # no formula, no removed seat
    ann, bo, cy = rows
    assert (ann["grade"], ann["percent"], ann["outcome"], ann["minutes"]) == (
        "gold",
        "100",
        "won",
        "140",
    )
    assert (
        ann["call_minutes"],
        ann["meet_minutes"],
        ann["decision:the_comment"],
        ann["decision:invited"],
    ) == ("20", "120", "call", "meet")
    assert (bo["decision:the_comment"], bo["decision:invited"]) == ("post", "")  # not there
    assert bo["decision:quiet_week"] == "email"  # each column is one scene's question
    assert (bo["grade"], bo["outcome"], bo["post_minutes"], bo["email_minutes"]) == (
        "cold",
        "lost",
        "30",
        "10",
    )
    assert (cy["grade"], cy["outcome"], cy["decision:the_comment"], cy["decision:invited"]) == (
        "",
        "unfinished",
        "post",
        "",
    )
    assert list(rows[0])[:9] == [
        "name", "grade", "percent", "outcome", "minutes",
        "post_minutes", "email_minutes", "call_minutes", "meet_minutes",
    ]  # fmt: skip


def test_session_statements_follow_the_xapi_rules(hub) -> None:
    statements = session_statements(session_results(hub.records, hub.session.id))
    check = validator()
    for statement in statements:
        check.validate(statement)
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    assert verbs.count("attended") == 3 and verbs.count("answered") == 2 + 2 + 1
    assert verbs.count("completed") == 2 and verbs.count("passed") == verbs.count("failed") == 1
    assert len({s["id"] for s in statements}) == len(statements)
    ann = [s for s in statements if s["actor"]["name"] == "Ann"]
    completed = next(s for s in ann if s["verb"]["display"]["en-US"] == "completed")
    assert completed["result"]["score"]["scaled"] == 1.0 and completed["result"]["success"]
    assert completed["result"]["duration"].startswith("PT")
    assert completed["context"]["contextActivities"]["grouping"][0]["id"].endswith(hub.session.id)
    assert completed["context"]["instructor"]["name"] == "facilitator"
    assert {s["context"]["registration"] for s in ann} == {completed["context"]["registration"]}
    answered = next(s for s in ann if s["verb"]["display"]["en-US"] == "answered")
    assert answered["result"]["response"] == "call"
    for statement in statements:  # each response is one of the choices its activity lists
        if statement["verb"]["display"]["en-US"] == "answered":
            listed = [c["id"] for c in statement["object"]["definition"]["choices"]]
            assert statement["result"]["response"] in listed
    again = session_statements(session_results(hub.records, hub.session.id))
    assert [s["id"] for s in again] == [s["id"] for s in statements]  # stable ids


def test_the_schema_catches_a_broken_statement(hub) -> None:
    statement = session_statements(session_results(hub.records, hub.session.id))[0]
    for broken in (
        {**statement, "actor": {"objectType": "Agent", "name": "no identifier"}},
        {**statement, "id": "not-a-uuid"},
        {**statement, "verb": {"id": "answered"}},
        {**statement, "result": {"score": {"scaled": 1.5}}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator().validate(broken)


def test_export_command_writes_both_files_and_refuses_what_it_cannot(hub, tmp_path, capsys) -> None:
    hub.records.close()
    gradebook, statements = tmp_path / "class.csv", tmp_path / "class.json"
    assert main(["export", hub.code, "--csv", str(gradebook), "--xapi", str(statements)]) == 0
    assert len(list(csv.DictReader(gradebook.open()))) == 3
    assert len(json.loads(statements.read_text())) == 3 + 5 + 2 + 2
    assert main(["export", "NOSUCH", "--csv", str(gradebook)]) == 1
    assert "no session 'NOSUCH'" in capsys.readouterr().err
    assert main(["export", hub.code, "--csv", str(tmp_path / "no" / "dir.csv")]) == 1
    with pytest.raises(SystemExit) as usage:
        main(["export", hub.code])
    assert usage.value.code == 2


def test_own_runs_export_like_a_session(tmp_path, capsys) -> None:
    store = ProgressStore.open()
    scenario = load_scenario(Path(__file__).parent / "data" / "first-call.yaml")
    RecordedRun.start(scenario, store, choices=["call", "meet"])
    RecordedRun.start(scenario, store, choices=["post"])  # unfinished: not in history
    store.close()
    assert main(["history", "--csv", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["grade"], row["decision:invited"]) for row in rows] == [("gold", "meet")]
    assert main(["history", "--xapi", "-"]) == 0
    statements = json.loads(capsys.readouterr().out)
    for statement in statements:
        validator().validate(statement)
    assert [s["verb"]["display"]["en-US"] for s in statements] == [
        "answered", "answered", "completed", "passed",
    ]  # fmt: skip


def test_a_scene_visited_again_gets_a_column_per_visit() -> None:
    from cold_to_gold.classroom.gradebook import Row, gradebook
    from cold_to_gold.engine import play, transcript

    scenario = load_scenario(Path(__file__).parent / "data" / "first-call.yaml")
    runs = [["post", "post", "post"], ["call", "meet"]]
    text = gradebook(Row(str(n), transcript(play(scenario, plan))) for n, plan in enumerate(runs))
    header, looped, called = list(csv.reader(io.StringIO(text)))
    decisions = header[header.index("decision:the_comment") :]
    assert decisions == [
        "decision:the_comment", "decision:quiet_week", "decision:quiet_week#2", "decision:invited",
    ]  # fmt: skip
    assert looped[-4:] == ["post", "post", "post", ""] and called[-4:] == ["call", "", "", "meet"]


def test_a_roster_names_learner_accounts_on_a_home_page_url(hub, tmp_path, monkeypatch) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,account\nann,ann@example.com,\n=Bo,,bo.smith\n")
    monkeypatch.setenv("COLD_TO_GOLD_XAPI_HOMEPAGE", "https://lms.example.com/")
    out = tmp_path / "class.json"
    assert main(["export", hub.code, "--xapi", str(out), "--roster", str(roster)]) == 0
    statements = json.loads(out.read_text())
    check = validator()
    for statement in statements:
        check.validate(statement)
    actors = {s["actor"]["name"]: s["actor"] for s in statements}
    assert actors["Ann"]["mbox"] == "mailto:ann@example.com" and "account" not in actors["Ann"]
    assert actors["=Bo"]["account"] == {"homePage": "https://lms.example.com/", "name": "bo.smith"}
    assert actors["Cy"]["account"]["name"].endswith("/seat-3")  # not on the roster: the seat
    instructor = statements[-1]["context"]["instructor"]["account"]["homePage"]
    assert instructor == "https://lms.example.com/"


def test_the_home_page_is_a_url_by_default_and_a_bad_roster_says_where(
    hub, tmp_path, capsys, monkeypatch
) -> None:
    statements = session_statements(session_results(hub.records, hub.code))
    assert statements[0]["actor"]["account"]["homePage"].startswith("https://")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAnn,\n")
    out = str(tmp_path / "x.json")
    assert main(["export", hub.code, "--xapi", out, "--roster", str(roster)]) == 1
    assert f"{roster}:2: a roster row needs a name and an email" in capsys.readouterr().err
    monkeypatch.setenv("COLD_TO_GOLD_XAPI_HOMEPAGE", "lms.example.com")
    assert main(["export", hub.code, "--xapi", out]) == 1
    assert "COLD_TO_GOLD_XAPI_HOMEPAGE must be an http" in capsys.readouterr().err


def test_a_won_run_with_no_score_is_not_passed() -> None:
    from cold_to_gold.classroom.xapi import agent, attempt_statements
    from cold_to_gold.engine import play, transcript

    scenario = load_scenario(Path(__file__).parent / "data" / "first-call.yaml")
    data = transcript(play(scenario, ["call", "meet"]))
    assert data["outcome"] == "won"
    data = {**data, "percent": 0, "score": 0}
    stamps = ["2026-12-01T10:00:00+00:00", "2026-12-01T10:01:00+00:00"]
    statements = attempt_statements(data, agent("Ann", "x"), "k", stamps[0], stamps)
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    assert "passed" not in verbs and verbs[-1] == "failed"
    assert statements[-1]["result"]["success"] is False
