"""The room's vote at one step of a run played in presenter mode: hands raised per choice.

A NamedTuple, as the store's other records are (see `records`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple


class Tally(NamedTuple):
    """How many hands went up for each choice at the step `position` (from 0) of a run."""

    position: int
    scene: str
    hands: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.hands.values())

    def share(self, choice_id: str) -> int | None:
        """The percent of the raised hands that went to a choice (None when nobody voted)."""
        return self.share_of((choice_id,))

    def share_of(self, choice_ids: Iterable[str]) -> int | None:
        """The percent of the raised hands that went to any of these choices (say, every
        email choice of the scene); None when nobody voted."""
        total = self.total
        if not total:
            return None
        hands = sum(self.hands.get(choice_id, 0) for choice_id in set(choice_ids))
        return (200 * hands + total) // (2 * total)  # rounded half up

    def as_json(self) -> dict[str, Any]:
        return {"step": self.position + 1, "scene": self.scene, "hands": dict(self.hands)}
