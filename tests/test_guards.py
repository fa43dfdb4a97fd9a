"""The guard language: parsed once, names resolved, evaluated without eval."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cold_to_gold.engine.evaluate import Layout, compile_guard
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import GuardError, Names, Ref, parse_guard

PERSON = "dana-ruiz"
NAMES = Names(
    people=["dana-ruiz", "bo", "3m"],
    scenes=["intro", "quiet-week"],
    endings=["gold"],
    vars=["met", "calls"],
)
LAYOUT = Layout(
    {"dana-ruiz": 0, "bo": 1, "3m": 2}, {"met": 0, "calls": 1}, {"intro": 0, "quiet-week": 1}, 100
)


def state(**values: object) -> RunState:
    people = values.get("people", ((0, 0, 0), (0, 0, 0), (0, 0, 0)))
    return RunState(
        "intro",
        people,  # type: ignore[arg-type]
        values.get("referrals", 0),  # type: ignore[arg-type]
        values.get("vars", (False, 0)),  # type: ignore[arg-type]
        values.get("minutes_spent", 0),  # type: ignore[arg-type]
        values.get("visits", (1, 0)),  # type: ignore[arg-type]
    )


def holds(source: str, at: RunState | None = None, layout: Layout = LAYOUT) -> bool:
    return compile_guard(parse_guard(source, NAMES, PERSON), layout)(at or state())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3 == 7", True),
        ("(1 + 2) * 3 == 9", True),
        ("2 - 3 == -1", True),
        ("- -2 == 2", True),
        ("0.5 + 0.25 == 0.75", True),
        ("not 1 == 2", True),
        ("not true or true", True),
        ("true and not false", True),
        ("false or false", False),
        ("1 < 2 < 3", True),
        ("3 > 2 > 2", False),
        ("1 != 1", False),
        ("2 >= 2 and 2 <= 2", True),
    ],
)
def test_operators_and_precedence(source: str, expected: bool) -> None:
    assert holds(source) is expected


def test_names_resolve_to_the_choice_person_and_named_people() -> None:
    guard = parse_guard("trust >= 2 and bo.you_know_them == 0 and 3m.trust < 1", NAMES, PERSON)
    assert guard.refs == {
        Ref("metric", "trust", "dana-ruiz"),
        Ref("metric", "you_know_them", "bo"),
        Ref("metric", "trust", "3m"),
    }
    at = state(people=((0, 0, 2), (0, 0, 0), (0, 0, 0)))
    assert holds("trust >= 2 and bo.you_know_them == 0 and 3m.trust < 1", at)


def test_hyphenated_ids_read_whole_but_minus_still_subtracts() -> None:
    at = state(people=((5, 0, 4), (0, 0, 0), (0, 0, 0)))
    assert holds("dana-ruiz.trust-1 == 3", at)
    assert holds("trust-1 == 3", at)
    assert holds("visits.quiet-week == 0", at)


def test_run_numbers_vars_and_visits() -> None:
    at = state(referrals=2, vars=(True, 3), minutes_spent=40, visits=(2, 1))
    assert holds("referrals == 2 and met and calls * 2 == 6", at)
    assert holds("minutes_spent == 40 and minutes_left == 60", at)
    assert holds("visits.intro == 2 and visits.quiet-week == 1", at)


def test_minutes_left_without_a_budget_is_unlimited() -> None:
    no_budget = Layout(LAYOUT.people, LAYOUT.vars, LAYOUT.visits, None)
    assert holds("minutes_left > 1000000", layout=no_budget)
    assert not holds("minutes_left * 0 == 0", layout=no_budget)  # no answer: the guard is false


@pytest.mark.parametrize(
    ("source", "fragment", "offset"),
    [
        ("trst >= 2", "unknown name 'trst' (did you mean 'trust'?)", 0),
        ("trust >= ", "the condition ends too early", 9),
        ("trust = 2", "use == to compare", 6),
        ("trust && met", "use and", 6),
        ("(trust >= 2", "missing ')'", 11),
        ("trust >= 2)", "unexpected ')'", 10),
        ("dana.trust > 1", "unknown person 'dana' (did you mean 'dana-ruiz'?)", 0),
        ("bo.trsut > 1", "unknown metric 'trsut' (did you mean 'trust'?)", 3),
        ("bo > 1", "'bo' is a person", 0),
        ("visits > 1", "visits needs a scene", 0),
        ("visits.gold > 1", "'gold' is an ending", 7),
        ("visits.outro > 1", "unknown scene 'outro' (did you mean 'intro'?)", 7),
        ("intro > 1", "'intro' is a scene: use visits.intro", 0),
        ("True", "unknown name 'True' (did you mean 'true'?)", 0),
        ("trust >= 2 and", "the condition ends too early", 14),
        ("and trust", "'and' needs a value before it", 0),
        ("__import__ > 1", "unknown name '__import__'", 0),
        ("name == 'os'", "conditions compare numbers", 8),
        ("trust.__class__", "unknown person 'trust'", 0),
        ("2abc > 1", "is not a number or a name", 0),
        ("trust $ 2", "unexpected character '$'", 6),
        ("", "the condition is empty", 0),
        ("(" * 50 + "1" + ")" * 50, "nests more than 40 levels", 41),
        ("1 + " * 400 + "1", "longer than 1000 characters", 0),
    ],
)
def test_guard_errors_name_the_mistake_and_where(source: str, fragment: str, offset: int) -> None:
    with pytest.raises(GuardError) as caught:
        parse_guard(source, NAMES, PERSON)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_numbers_are_exact_decimals() -> None:
    guard = parse_guard("0.1 + 0.2 == 0.3", NAMES, PERSON)
    assert holds("0.1 + 0.2 == 0.3")
    assert guard.expr.first.left.value == Decimal("0.1")  # type: ignore[union-attr]


def test_var_names_shadow_nothing_reserved() -> None:
    names = Names(["bo"], ["intro"], vars=["asked"])
    assert parse_guard("asked", names, "bo").refs == {Ref("var", "asked")}
