"""Runs made by a habit instead of judgment: always the highest rung, or always the lowest.

The **reflex run** takes, at every decision, the available choice on the
highest rung of the ladder (meet, then call, then email, then post; ties by
file order) — the contract's lint code `reflex` checks it never reaches the
top grade. The **broadcast run** does the opposite: a post whenever one is
available, otherwise the lowest rung there is (email, then call, then meet);
a scenario that teaches the lesson grades it at the bottom.
"""

from __future__ import annotations

from cold_to_gold.engine.run import Run
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.spec import CHANNELS

_RUNG = {channel: rung for rung, channel in enumerate(CHANNELS)}  # post 0 ... meet 3


def reflex_run(scenario: Scenario) -> Run:
    """The run that always takes the highest rung available."""
    return _habit(scenario, highest=True)


def broadcast_run(scenario: Scenario) -> Run:
    """The run that always posts when it can, and otherwise takes the lowest rung."""
    return _habit(scenario, highest=False)


def _habit(scenario: Scenario, highest: bool) -> Run:
    run = Run(scenario)
    while not run.finished:
        options = [option for option in run.options() if option.available]
        if not options:  # the engine ends a stuck run itself; this is only a guard
            break
        if highest:
            pick = max(options, key=lambda option: (_RUNG[option.choice.channel], -option.number))
        else:
            pick = min(options, key=lambda option: (_RUNG[option.choice.channel], option.number))
        run.choose(pick.choice.id)
    return run
