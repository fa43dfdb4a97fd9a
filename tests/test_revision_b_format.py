"""Revision B's new keys, `mistake` on a choice and `weight` on a person: read and checked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import MINIMAL, load, only_problem

from cold_to_gold.author.schema import json_schema


def replace(old: str, new: str, text: str = MINIMAL) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_mistake_and_weight_default_to_false_and_one() -> None:
    scenario = load(MINIMAL)
    assert scenario.scenes["a"].choices[0].mistake is False
    assert scenario.people[0].weight == 1
    assert scenario.people[0].counts


def test_mistake_and_weight_are_read() -> None:
    text = replace("goto: win}", "goto: win, mistake: true}")
    text = replace("{id: ann, name: Ann}", "{id: ann, name: Ann, weight: 0.5}", text)
    scenario = load(text)
    assert scenario.scenes["a"].choices[0].mistake is True
    assert scenario.people[0].weight == Decimal("0.5")


def test_weight_zero_keeps_the_person_but_does_not_count() -> None:
    scenario = load(replace("{id: ann, name: Ann}", "{id: ann, name: Ann, weight: 0}"))
    assert scenario.people[0].weight == 0
    assert not scenario.people[0].counts


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("yes please", "mistake: expected true or false, got 'yes please'"),
        ("1", "mistake: expected true or false, got '1'"),
        ("[true]", "mistake: expected true or false, got a list"),
    ],
)
def test_mistake_must_be_true_or_false(value: str, fragment: str) -> None:
    problem = only_problem(replace("goto: win}", f"goto: win, mistake: {value}}}"))
    assert problem.line == 12
    assert fragment in problem.message
    assert "scenes.a.choices[0].mistake" in problem.message


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("-1", "people[0].weight: must be 0 or more, got -1"),
        ("-0.5", "people[0].weight: must be 0 or more, got -0.5"),
        ("heavy", "people[0].weight: expected a number, 0 or more, got 'heavy'"),
        ("true", "people[0].weight: expected a number, 0 or more"),
    ],
)
def test_weight_must_be_a_number_zero_or_more(value: str, fragment: str) -> None:
    problem = only_problem(
        replace("{id: ann, name: Ann}", f"{{id: ann, name: Ann, weight: {value}}}")
    )
    assert problem.line == 5
    assert fragment in problem.message


def test_a_misspelt_key_suggests_the_new_ones() -> None:
    problem = only_problem(replace("goto: win}", "goto: win, mistak: true}"))
    assert "did you mean 'mistake'" in problem.message
    problem = only_problem(replace("{id: ann, name: Ann}", "{id: ann, name: Ann, wieght: 2}"))
    assert "did you mean 'weight'" in problem.message


def test_the_json_schema_knows_mistake_and_weight() -> None:
    schema = json_schema()
    choice = schema["$defs"]["choice"]["properties"]["mistake"]
    person = schema["$defs"]["person"]["properties"]["weight"]
    assert choice["type"] == "boolean"
    assert (person["type"], person["minimum"]) == ("number", 0)


def test_the_json_schema_accepts_and_refuses_what_the_validator_does() -> None:
    import jsonschema
    import yaml

    validator = jsonschema.Draft202012Validator(json_schema())
    good = yaml.safe_load(
        replace("{id: ann, name: Ann}", "{id: ann, name: Ann, weight: 0}").replace(
            "goto: win}", "goto: win, mistake: true}"
        )
    )
    assert not list(validator.iter_errors(good))
    for old, new in (
        ("{id: ann, name: Ann}", "{id: ann, name: Ann, weight: -1}"),
        ("goto: win}", "goto: win, mistake: 'yes'}"),
    ):
        assert list(validator.iter_errors(yaml.safe_load(replace(old, new))))
