"""Playing a list of choice ids from the start: headless play and scripted tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cold_to_gold.engine.result import result_of
from cold_to_gold.engine.run import Run, RunError
from cold_to_gold.scenario.model import Scenario, ScenarioTest


class PlayError(Exception):
    """A choice in the list could not be made; the message names the step, scene and why."""

    def __init__(self, message: str, run: Run) -> None:
        super().__init__(message)
        self.run = run


def play(scenario: Scenario, choices: Sequence[str]) -> Run:
    """A run with `choices` made in order; raises `PlayError` at the first that cannot be."""
    run = Run(scenario)
    for number, choice_id in enumerate(choices, start=1):
        if run.finished:
            left = len(choices) - number + 1
            raise PlayError(
                f"step {number} ('{choice_id}'): the run already ended at '{run.at}' after "
                f"{number - 1} choice{'s' if number != 2 else ''}; {left} left over",
                run,
            )
        scene = run.at
        try:
            run.choose(choice_id)
        except RunError as error:
            raise PlayError(f"step {number}, scene '{scene}': {error}", run) from None
    return run


@dataclass(frozen=True)
class TestOutcome:
    test: ScenarioTest
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def check(scenario: Scenario, test: ScenarioTest) -> TestOutcome:
    """Play a scripted test and compare the run's end with what it expects."""
    try:
        run = play(scenario, test.choose)
    except PlayError as error:
        return TestOutcome(test, (str(error),))
    expect = test.expect
    wanted = [expect.ending, expect.grade, expect.outcome, expect.min_percent, expect.max_percent]
    if not run.finished:
        if any(value is not None for value in wanted):
            return TestOutcome(test, (f"the run has not ended: it is at scene '{run.at}'",))
        return TestOutcome(test, ())
    result = result_of(run)
    ending = run.ending
    assert ending is not None
    failures = []
    if expect.ending is not None and expect.ending != ending.id:
        failures.append(f"expected ending '{expect.ending}', got '{ending.id}'")
    if expect.outcome is not None and expect.outcome != ending.outcome:
        failures.append(f"expected outcome '{expect.outcome}', got '{ending.outcome}'")
    if expect.grade is not None and expect.grade != result.grade:
        failures.append(
            f"expected grade '{expect.grade}', got '{result.grade}' ({result.percent}%)"
        )
    if expect.min_percent is not None and result.percent < expect.min_percent:
        failures.append(f"expected at least {expect.min_percent}%, got {result.percent}%")
    if expect.max_percent is not None and result.percent > expect.max_percent:
        failures.append(f"expected at most {expect.max_percent}%, got {result.percent}%")
    return TestOutcome(test, tuple(failures))


def check_all(scenario: Scenario) -> list[TestOutcome]:
    return [check(scenario, test) for test in scenario.tests]
