"""What a choice did, in words: every number it moved, person by person."""

from __future__ import annotations

from cold_to_gold.engine.run import Step
from cold_to_gold.scenario.model import Scenario


def changes_line(scenario: Scenario, step: Step) -> str:
    """'Dana Ruiz: +2 they know you, +1 trust · −20 min', grouped by person.

    The scenario's variables are the author's bookkeeping: never shown here."""
    names = {person.id: person.name for person in scenario.people}
    groups: dict[str, list[str]] = {}
    run_wide = []
    for change in step.changes:
        if change.what in scenario.vars:
            continue
        if change.person is not None:
            groups.setdefault(names[change.person], []).append(change.describe())
        else:
            run_wide.append(change.describe())
    parts = [f"{name}: {', '.join(items)}" for name, items in groups.items()]
    return " · ".join(parts + run_wide) or "nothing changed"
