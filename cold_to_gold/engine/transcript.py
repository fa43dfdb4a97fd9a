"""The transcript of a run: the contract's JSON for headless play and saved runs."""

from __future__ import annotations

from typing import Any

from cold_to_gold.engine.changes import plain
from cold_to_gold.engine.result import result_of
from cold_to_gold.engine.run import Run
from cold_to_gold.scenario.spec import CHANNELS, METRICS


def transcript(run: Run) -> dict[str, Any]:
    """Everything about a run as plain JSON-ready data, in the contract's key order.

    An unfinished run has `ending` and `outcome` null and says where it stands in `at`.
    """
    scenario, state = run.scenario, run.state
    result = result_of(run)
    ending = run.ending
    mix = {channel: {"count": 0, "minutes": 0} for channel in CHANNELS}
    steps = []
    for step in run.steps:
        choice = step.choice
        steps.append(
            {
                "scene": step.scene,
                "choice": choice.id,
                "channel": choice.channel,
                "with": choice.person,
                "minutes": choice.minutes,
            }
        )
        mix[choice.channel]["count"] += 1
        mix[choice.channel]["minutes"] += choice.minutes
    data: dict[str, Any] = {
        "scenario": scenario.id,
        "title": scenario.title,
        "steps": steps,
        "ending": ending.id if ending else None,
        "outcome": ending.outcome if ending else None,
    }
    if ending is None:
        data["at"] = run.at
    data |= {
        "minutes_spent": state.minutes_spent,
        "people": {
            person.id: {metric: plain(row[m]) for m, metric in enumerate(METRICS)}
            for person, row in zip(scenario.people, state.people, strict=True)
        },
        "referrals": plain(state.referrals),
        "vars": {name: plain(value) for name, value in zip(scenario.vars, state.vars, strict=True)},
        "score": plain(result.score),
        "best": {"score": plain(result.best.score), "path": list(result.best.path)},
        "percent": result.percent,
        "grade": result.grade,
        "channel_mix": mix,
    }
    return data
