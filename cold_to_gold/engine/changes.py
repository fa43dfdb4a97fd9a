"""What one choice changed, in numbers the trainee can read: +2 trust, −20 min."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Scenario, Value
from cold_to_gold.scenario.spec import METRICS

LABELS = {
    "they_know_you": "they know you",
    "you_know_them": "you know them",
    "trust": "trust",
    "referrals": "referrals",
    "minutes": "min",
}


@dataclass(frozen=True)
class Change:
    """One number that moved. `person` is set for relationship metrics."""

    what: str
    before: Value
    after: Value
    person: str | None = None

    @property
    def delta(self) -> Number | None:
        if isinstance(self.after, bool) or isinstance(self.before, bool):
            return None
        return self.after - self.before

    def describe(self) -> str:
        """'+2 trust', '−20 min', 'asked = true'."""
        label = LABELS.get(self.what, self.what)
        delta = self.delta
        if delta is None:
            return f"{label} = {format_number(self.after)}"
        if self.what == "minutes":
            return f"−{format_number(delta)} {label}"  # time spent is a cost
        sign = "+" if delta > 0 else "−"
        if self.what == "referrals" and abs(delta) == 1:
            label = "referral"  # '+1 referral', '+2 referrals'
        return f"{sign}{format_number(abs(delta))} {label}"


def format_number(value: Value) -> str:
    """Numbers as a person writes them: 2, 1.5, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        value = plain(value)
    return str(value)


def plain(value: Value) -> bool | int | float:
    """A number for JSON: whole numbers as int, decimals as float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def changes_between(scenario: Scenario, before: RunState, after: RunState) -> tuple[Change, ...]:
    """Every number that differs between two states, people first, in cast order."""
    found = []
    for person, old, new in zip(scenario.people, before.people, after.people, strict=True):
        for m, metric in enumerate(METRICS):
            if old[m] != new[m]:
                found.append(Change(metric, old[m], new[m], person.id))
    if before.referrals != after.referrals:
        found.append(Change("referrals", before.referrals, after.referrals))
    for name, old, new in zip(scenario.vars, before.vars, after.vars, strict=True):
        if old != new or type(old) is not type(new):
            found.append(Change(name, old, new))
    if before.minutes_spent != after.minutes_spent:
        found.append(Change("minutes", before.minutes_spent, after.minutes_spent))
    return tuple(found)
