"""The readable summary of a headless run."""

from __future__ import annotations

from typing import Any

from cold_to_gold.engine import Run
from cold_to_gold.engine.changes import format_number


def summary(run: Run, data: dict[str, Any]) -> str:
    scenario = run.scenario
    lines = [scenario.title, ""]
    ending = run.ending
    if ending is not None:
        lines.append(f"Ending:   {ending.title} ({ending.outcome})")
    else:
        lines.append(f"Not ended: at scene '{run.at}'")
    lines.append(
        f"Grade:    {data['grade']}, {data['percent']}% "
        f"(score {format_number(data['score'])} of a best {format_number(data['best']['score'])})"
    )
    budget = scenario.time_budget
    spent = data["minutes_spent"]
    lines.append(f"Time:     {spent} minutes" + (f" of {budget}" if budget is not None else ""))
    lines.append(
        f"Path:     {' → '.join(data_step['choice'] for data_step in data['steps']) or '-'}"
    )
    lines.append(f"Best:     {' → '.join(data['best']['path']) or '-'}")
    lines.append("")
    width = max(len(f"{person.name} ({person.id})") for person in scenario.people)
    for person in scenario.people:
        metrics = data["people"][person.id]
        name = f"{person.name} ({person.id})"
        lines.append(
            f"{name:<{width}}  they know you {format_number(metrics['they_know_you']):>3}"
            f"   you know them {format_number(metrics['you_know_them']):>3}"
            f"   trust {format_number(metrics['trust']):>3}"
        )
    lines.append(f"Referrals: {format_number(data['referrals'])}")
    for name, value in data["vars"].items():
        lines.append(f"{name}: {format_number(value)}")
    return "\n".join(lines)
