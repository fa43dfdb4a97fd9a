"""How far a relationship has come: cold, warm or gold — and whether it is one-sided.

    gold  trust >= 5 and you know them >= 5
    warm  trust >= 2 and you know them >= 2
    cold  anything less

A relationship is one-sided when they know you at least 2 more than you know
them, and at least twice as well: the audience of a post knows the performer,
not the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

from cold_to_gold.scenario.model import Number

STAGES = ("cold", "warm", "gold")
GOLD_FROM = 5  # trust and you-know-them both at least this: gold
WARM_FROM = 2  # both at least this: warm


@dataclass(frozen=True)
class Relationship:
    stage: str
    one_sided: bool

    def describe(self) -> str:
        return f"{self.stage}, one-sided" if self.one_sided else self.stage


def relationship(they_know_you: Number, you_know_them: Number, trust: Number) -> Relationship:
    """The stage of one person's relationship with the trainee."""
    if trust >= GOLD_FROM and you_know_them >= GOLD_FROM:
        stage = "gold"
    elif trust >= WARM_FROM and you_know_them >= WARM_FROM:
        stage = "warm"
    else:
        stage = "cold"
    one_sided = they_know_you - you_know_them >= 2 and you_know_them * 2 <= they_know_you
    return Relationship(stage, one_sided)
