"""The transcript of a run: the contract's JSON for headless play and saved runs."""

from __future__ import annotations

from typing import Any

from cold_to_gold.engine.changes import plain
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.engine.relationship import relationship
from cold_to_gold.engine.result import result_of
from cold_to_gold.engine.run import Run
from cold_to_gold.scenario.spec import METRICS


def transcript(run: Run) -> dict[str, Any]:
    """Everything about a run as plain JSON-ready data, in the contract's key order.

    A format-2 scenario's transcript has the keys format 2 adds (`format`,
    each step's `feedback`, `ending_text`, each person's `stage` and
    `one_sided`, `capped_by_outcome`, each channel's `value`); a format-1
    scenario's keeps exactly the format-1 keys, so it reads as it always did.
    Revision B: format 2 always adds `steps[].mistake` and `people.<id>.weight`;
    a format-1 file adds each only when it uses it (a choice marked `mistake: true`,
    a person whose `weight` is not 1), to every step or every person alike.
    An unfinished run has `ending` and `outcome` null and says where it stands in `at`.
    """
    scenario, state = run.scenario, run.state
    rich = scenario.format >= 2
    mistakes = rich or scenario.marks_mistakes
    weights = rich or scenario.weighs_people
    result = result_of(run)
    ending = run.ending
    steps = []
    for step in run.steps:
        choice = step.choice
        item: dict[str, Any] = {
            "scene": step.scene,
            "choice": choice.id,
            "channel": choice.channel,
            "with": choice.person,
            "minutes": choice.minutes,
        }
        if rich:
            item["feedback"] = step.feedback
        if mistakes:
            item["mistake"] = choice.mistake
        steps.append(item)
    data: dict[str, Any] = {"scenario": scenario.id, "title": scenario.title}
    if rich:
        data["format"] = scenario.format
    data |= {
        "steps": steps,
        "ending": ending.id if ending else None,
        "outcome": ending.outcome if ending else None,
    }
    if rich:
        data["ending_text"] = run.ending_text
    if ending is None:
        data["at"] = run.at
    people = {}
    for person, row in zip(scenario.people, state.people, strict=True):
        numbers: dict[str, Any] = {metric: plain(row[m]) for m, metric in enumerate(METRICS)}
        if rich:
            stage = relationship(*row)
            numbers |= {"stage": stage.stage, "one_sided": stage.one_sided}
        if weights:
            numbers["weight"] = plain(person.weight)
        people[person.id] = numbers
    data |= {
        "minutes_spent": state.minutes_spent,
        "people": people,
        "referrals": plain(state.referrals),
        "vars": {name: plain(value) for name, value in zip(scenario.vars, state.vars, strict=True)},
        "score": plain(result.score),
        "best": {"score": plain(result.best.score), "path": list(result.best.path)},
        "percent": result.percent,
        "grade": result.grade,
    }
    if rich:
        data["capped_by_outcome"] = result.capped_by_outcome
    mix = {}
    for use in channel_mix(run):
        mix[use.channel] = {"count": use.count, "minutes": use.minutes}
        if rich:
            mix[use.channel]["value"] = plain(use.value)
    data["channel_mix"] = mix
    return data
