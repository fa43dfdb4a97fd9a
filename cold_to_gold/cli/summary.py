"""The readable summary of a headless run."""

from __future__ import annotations

from typing import Any

from cold_to_gold.base.verdict import MISTAKE_MARK, verdict
from cold_to_gold.engine import Run, result_of
from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.engine.relationship import relationship
from cold_to_gold.scenario.markdown_text import one_line


def summary(run: Run, data: dict[str, Any]) -> str:
    """The run as a person reads it: ending, grade (and why it was capped), time, path,
    each person's numbers and stage, the channels' minutes and net value, and each step's
    feedback."""
    scenario = run.scenario
    lines = [scenario.title, ""]
    ending = run.ending
    if ending is not None:
        lines.append(f"Ending:   {ending.title} ({ending.outcome})")
    else:
        lines.append(f"Not ended: at scene '{run.at}'")
    lines.append(
        f"Grade:    {verdict(data['grade'], data['outcome'])}, {data['percent']}% "
        f"(score {format_number(data['score'])} of a best {format_number(data['best']['score'])})"
    )
    note = result_of(run).cap_words
    if note:
        lines.append(f"          {note}")
    budget = scenario.time_budget
    spent = data["minutes_spent"]
    lines.append(f"Time:     {spent} minutes" + (f" of {budget}" if budget is not None else ""))
    lines.append(
        f"Path:     {' → '.join(data_step['choice'] for data_step in data['steps']) or '-'}"
    )
    lines.append(f"Best:     {' → '.join(data['best']['path']) or '-'}")
    lines.append("")
    width = max(len(f"{person.name} ({person.id})") for person in scenario.people)
    for person, row in zip(scenario.people, run.state.people, strict=True):
        metrics = data["people"][person.id]
        name = f"{person.name} ({person.id})"
        lines.append(
            f"{name:<{width}}  they know you {format_number(metrics['they_know_you']):>3}"
            f"   you know them {format_number(metrics['you_know_them']):>3}"
            f"   trust {format_number(metrics['trust']):>3}"
            f"   {relationship(*row).describe()}"
            + (f" · {person.weight_note}" if person.weight_note else "")
        )
    lines.append(f"Referrals: {format_number(data['referrals'])}")
    lines += ["", "Channel  uses  minutes  value"]
    for use in channel_mix(run):
        value = ("+" if use.value > 0 else "") + format_number(use.value)
        lines.append(f"{use.channel:<7}  {use.count:>4}  {use.minutes:>7}  {value:>5}")
    if run.steps:
        lines += ["", "Steps:"]
        names = {person.id: person.name for person in scenario.people}
        for number, step in enumerate(run.steps, start=1):
            choice = step.choice
            whom = ", ".join(names[person] for person in choice.reaches)
            lines.append(
                f"  {number}. {choice.label} ({choice.channel}, {whom}, {choice.minutes} min)"
            )
            if choice.mistake:
                lines.append(f"     {MISTAKE_MARK}")
            if step.feedback:
                lines.append(f"     {one_line(step.feedback)}")  # Markdown, markers off
    return "\n".join(lines)
