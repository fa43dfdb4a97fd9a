"""The state of a run at one moment: where it is and every number that counts."""

from __future__ import annotations

from typing import NamedTuple

from cold_to_gold.scenario.model import Number, Value


class RunState(NamedTuple):
    """An immutable snapshot; choosing makes a new one, so undo is keeping the old.

    `people` holds, per person in cast order, (they_know_you, you_know_them,
    trust). `vars` follows the scenario's var order. `visits` counts arrivals
    only at the scenes some guard asks about (`Rules.tracked_scenes`). A named
    tuple rather than a dataclass: the best-path search makes millions of these.
    """

    at: str
    people: tuple[tuple[Number, Number, Number], ...]
    referrals: Number
    vars: tuple[Value, ...]
    minutes_spent: int
    visits: tuple[int, ...]
