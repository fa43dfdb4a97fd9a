"""Guards read out in plain English, as the printable script prints lock conditions."""

from __future__ import annotations

import pytest
from conftest import load

from cold_to_gold.scenario.guard_words import in_words, when_clause
from cold_to_gold.scenario.guards import Names, parse_guard

SCENARIO = load(
    """\
    format: cold-to-gold/2
    id: t
    title: T
    time_budget: 300
    people: [{id: ada, name: Ada Brennan}, {id: ben, name: Ben}]
    vars: {asked: false, signed: 0}
    start: coffee
    scenes:
      coffee:
        title: Coffee with Ada
        text: T
        choices: [{channel: call, label: C, goto: quote}]
      quote:
        title: '"Send me a quote"'
        text: T
        choices: [{channel: call, label: C, goto: done}]
    endings:
      done: {title: D, text: D, outcome: won}
    """
)
NAMES = Names(["ada", "ben"], ["coffee", "quote"], ["done"], ["asked", "signed"])


def said(source: str) -> str:
    return in_words(parse_guard(source, NAMES, "ada"), SCENARIO)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("trust >= 2", "Ada Brennan's trust is at least 2"),
        ("2 <= trust", "Ada Brennan's trust is at least 2"),
        ("ben.they_know_you > 1", "how well Ben knows you is more than 1"),
        ("you_know_them < 3", "how well you know Ada Brennan is less than 3"),
        ("visits.coffee >= 1", 'after you have been at "Coffee with Ada"'),
        ("visits.coffee == 0", 'before you have been at "Coffee with Ada"'),
        ("visits.coffee >= 2", 'after you have been at "Coffee with Ada" twice or more'),
        ("visits.quote < 3", 'while you have been at "Send me a quote" fewer than 3 times'),
        ("asked", "asked is true"),
        ("not asked", "asked is false"),
        ("asked == false", "asked is false"),
        ("signed == 1", "signed is 1"),
        ("not trust >= 2", "Ada Brennan's trust is less than 2"),
        ("minutes_left >= 90", "the minutes left is at least 90"),
        ("referrals != 0", "the referrals is not 0"),
        ("1 < trust < 3",
         "Ada Brennan's trust is more than 1 and Ada Brennan's trust is less than 3"),
        ("asked and trust >= 2", "asked is true and Ada Brennan's trust is at least 2"),
        ("asked or trust >= 2 and signed >= 1",
         "asked is true or (Ada Brennan's trust is at least 2 and signed is at least 1)"),
        ("not (asked or signed >= 1)", "asked is false and signed is less than 1"),
        ("(asked or signed >= 1) and trust >= 2",
         "(asked is true or signed is at least 1) and Ada Brennan's trust is at least 2"),
        ("not (asked and signed >= 1) or trust >= 2",
         "asked is false or signed is less than 1 or Ada Brennan's trust is at least 2"),
        ("ada.trust + ben.trust >= 4", "Ada Brennan's trust plus Ben's trust is at least 4"),
        ("true", "always"),
        ("not true", "never"),
        ("signed", "signed is not 0"),
    ],
)  # fmt: skip
def test_a_guard_reads_as_plain_english(source: str, words: str) -> None:
    assert said(source) == words


def test_every_bundled_guard_reads_without_a_symbol_of_the_guard_language() -> None:
    from cold_to_gold.paths import bundled_dir
    from cold_to_gold.scenario import load_scenario

    for path in sorted(bundled_dir("scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        for scene in scenario.scenes.values():
            guards = [v.when for v in scene.variants]
            for choice in scene.choices:
                guards += [choice.when, *(v.when for v in choice.feedback_variants)]
            for guard in filter(None, guards):
                words = in_words(guard, scenario)
                assert not any(mark in words for mark in (">=", "<=", "==", "!=", "visits.")), (
                    path.name,
                    guard.source,
                    words,
                )


def test_a_clause_starts_with_when_unless_it_already_says_when() -> None:
    guard = parse_guard("trust >= 2", NAMES, "ada")
    assert when_clause(guard, SCENARIO) == "when Ada Brennan's trust is at least 2"
    guard = parse_guard("visits.coffee >= 1", NAMES, "ada")
    assert when_clause(guard, SCENARIO) == 'after you have been at "Coffee with Ada"'
