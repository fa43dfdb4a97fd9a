"""Exports: the gradebook CSV and xAPI statements, of a class session and of one's own runs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from classroom_helpers import Trainee, make_hub

from cold_to_gold.classroom.gradebook import session_gradebook
from cold_to_gold.classroom.results import session_results
from cold_to_gold.classroom.xapi import session_statements
from cold_to_gold.cli import main
from cold_to_gold.scenario import load_scenario
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
    hub = make_hub(tmp_path, pace="free")
    for name, plan in PLANS.items():
        seat = hub.join(Trainee(), hub.code, name=name)
        for step, choice in enumerate(plan):
            hub.choose(seat, step, choice)
    hub.join(Trainee(), hub.code, name="Gone")
    hub.remove(4)
    return hub


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
    assert (ann["call_minutes"], ann["meet_minutes"], ann["decision_1"], ann["decision_2"]) == (
        "20",
        "120",
        "call",
        "meet",
    )
    assert (bo["grade"], bo["outcome"], bo["post_minutes"], bo["email_minutes"]) == (
        "cold",
        "lost",
        "30",
        "10",
    )
    assert (cy["grade"], cy["outcome"], cy["decision_1"], cy["decision_2"]) == (
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
    assert [(row["grade"], row["decision_2"]) for row in rows] == [("gold", "meet")]
    assert main(["history", "--xapi", "-"]) == 0
    statements = json.loads(capsys.readouterr().out)
    for statement in statements:
        validator().validate(statement)
    assert [s["verb"]["display"]["en-US"] for s in statements] == [
        "answered", "answered", "completed", "passed",
    ]  # fmt: skip


def test_the_account_home_page_is_an_irl_the_facilitator_names(hub, monkeypatch, capsys) -> None:
    from cold_to_gold.classroom.xapi import LOCAL_HOME_PAGE, account_home_page

    def homes() -> set[str]:
        statements = session_statements(session_results(hub.records, hub.session.id))
        return {s["actor"]["account"]["homePage"] for s in statements}

    monkeypatch.delenv("COLD_TO_GOLD_ACCOUNT_HOME", raising=False)
    monkeypatch.delenv("COLD_TO_GOLD_LRS_ENDPOINT", raising=False)
    assert homes() == {LOCAL_HOME_PAGE}
    monkeypatch.setenv("COLD_TO_GOLD_LRS_ENDPOINT", "https://lrs.example.com/xapi/")
    assert homes() == {"https://lrs.example.com/"}
    monkeypatch.setenv("COLD_TO_GOLD_ACCOUNT_HOME", "https://learning.example.com/people")
    assert homes() == {"https://learning.example.com/people"}
    for statement in session_statements(session_results(hub.records, hub.session.id)):
        validator().validate(statement)
    with pytest.raises(ValueError, match="COLD_TO_GOLD_ACCOUNT_HOME"):
        account_home_page({"COLD_TO_GOLD_ACCOUNT_HOME": "urn:not-a-page"})
    monkeypatch.setenv("COLD_TO_GOLD_ACCOUNT_HOME", "urn:not-a-page")
    hub.records.close()
    assert main(["export", hub.code, "--xapi", "-"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
