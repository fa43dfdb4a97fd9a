"""A choice's consequence in words: what it builds, for whom, with its signed amounts.

Shared by the answer keys (`guide.answer_keys`) and the printed script (`script`).
"""

from __future__ import annotations

from cold_to_gold.engine.changes import format_number
from cold_to_gold.scenario.model import Choice, Effect, Number, Scenario
from cold_to_gold.scenario.spec import METRICS

WORDS = {"they_know_you": "they know you", "you_know_them": "you know them", "trust": "trust"}


def builds(scenario: Scenario, choice: Choice) -> str:
    """What the channel's gains give, as this choice applies them: 'Sam: trust +1 up to 3'."""
    if choice.gains_none:
        return "builds nothing (a contact that failed)"
    channel = scenario.channels[choice.channel]
    parts = []
    for metric in METRICS:
        gain = choice.gains.get(metric, channel.gain(metric))
        if gain == 0:
            continue
        ceiling = channel.ceiling.get(metric)
        limit = f" up to {format_number(ceiling)}" if gain > 0 and ceiling is not None else ""
        parts.append(f"{WORDS[metric]} {signed(gain)}{limit}")
    if not parts:
        return "builds nothing"
    names = short_names(scenario)
    whom = "everyone" if channel.broadcast else " and ".join(names[p] for p in choice.reaches)
    return f"{whom}: {', '.join(parts)}"


def effect_words(effect: Effect, names: dict[str, str]) -> str:
    """One of a choice's `effects:` in words: 'Sam trust +1', or 'referrals +2'."""
    if effect.scope == "person":
        assert effect.person is not None
        return f"{names[effect.person]} {WORDS[effect.name]} {signed(effect.amount)}"
    return f"{effect.name} {signed(effect.amount)}"


def signed(amount: Number) -> str:
    """An amount with its sign: +2, −1.5 (a true minus)."""
    return ("+" if amount > 0 else "−") + format_number(abs(amount))


def short_names(scenario: Scenario) -> dict[str, str]:
    """Each person by first name, or by full name where two share a first name."""
    first = [person.name.split()[0] for person in scenario.people]
    return {
        person.id: name if first.count(name) == 1 else person.name
        for person, name in zip(scenario.people, first, strict=True)
    }
