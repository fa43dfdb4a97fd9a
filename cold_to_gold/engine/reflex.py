"""Runs made by a habit instead of judgment: always the highest rung, or always the lowest.

The **reflex run** takes, at every decision, the available choice on the
highest rung of the ladder (meet, then call, then email, then post; ties by
file order) — the contract's lint code `reflex` checks it never reaches the
top grade. The **broadcast run** does the opposite: a post whenever one is
available, otherwise the lowest rung there is (email, then call, then meet);
a scenario that teaches the lesson grades it at the bottom.

The **label-only runs** (revision B, lint code `guessable`) read nothing but
the buttons: always the first available choice, always the last, always the
longest label, always the shortest (ties by file order).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cold_to_gold.engine.run import Option, Run
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.spec import CHANNELS

_RUNG = {channel: rung for rung, channel in enumerate(CHANNELS)}  # post 0 ... meet 3


def reflex_run(scenario: Scenario) -> Run:
    """The run that always takes the highest rung available."""
    return _habit(scenario, highest=True)


def broadcast_run(scenario: Scenario) -> Run:
    """The run that always posts when it can, and otherwise takes the lowest rung."""
    return _habit(scenario, highest=False)


Pick = Callable[[Sequence[Option]], Option]  # from the available options, in file order

# The label-only policies, by the words the lint message uses for them.
LABEL_POLICIES: dict[str, Pick] = {
    "always the first choice": lambda options: options[0],
    "always the last choice": lambda options: options[-1],
    "always the longest label": lambda options: max(
        options, key=lambda option: (len(option.choice.label), -option.number)
    ),
    "always the shortest label": lambda options: min(
        options, key=lambda option: (len(option.choice.label), option.number)
    ),
}


def label_runs(scenario: Scenario) -> dict[str, Run]:
    """The run each label-only policy makes, by the policy's name."""
    return {name: habit_run(scenario, pick) for name, pick in LABEL_POLICIES.items()}


def _highest(options: Sequence[Option]) -> Option:
    return max(options, key=lambda option: (_RUNG[option.choice.channel], -option.number))


def _lowest(options: Sequence[Option]) -> Option:
    return min(options, key=lambda option: (_RUNG[option.choice.channel], option.number))


def _habit(scenario: Scenario, highest: bool) -> Run:
    return habit_run(scenario, _highest if highest else _lowest)


def habit_run(scenario: Scenario, pick: Pick) -> Run:
    """The run made by letting `pick` choose among the available options at every decision."""
    run = Run(scenario)
    while not run.finished:
        options = [option for option in run.options() if option.available]
        if not options:  # the engine ends a stuck run itself; this is only a guard
            break
        run.choose(pick(options).choice.id)
    return run
