"""What the room can still reach: per grade, how many trainees can still earn it.

Once a decision is revealed, the class console says "gold still open for 12 of
20": each trainee's own state, the best grade any complete run from there can
reach (`engine/reachable.py`, exact and bounded), counted per grade. A trainee
counts for a grade when their best is that grade or better. Plain Python: the
console calls it from a worker thread, never on the event loop, and states
that many trainees share cost one search (the engine caches per state).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cold_to_gold.engine.reachable import still_reachable
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Scenario


@dataclass(frozen=True)
class RoomReach:
    """`open[grade]`: trainees whose best reachable grade is `grade` or better, in table order."""

    open: dict[str, int]
    total: int
    unknown: int = 0

    def words(self) -> str:
        """'gold still open for 12 of 20 · warm for 17 · lukewarm for 19 · cold for 20'."""
        parts = []
        for number, (grade, count) in enumerate(self.open.items()):
            if number == 0:
                parts.append(f"{grade} still open for {count} of {self.total}")
            else:
                parts.append(f"{grade} for {count}")
        if self.unknown:
            parts.append(f"unknown for {self.unknown} (too many runs to search)")
        return " · ".join(parts)


def room_reach(scenario: Scenario, states: Iterable[RunState]) -> RoomReach:
    """Count, per grade, the states from which some complete run still earns it (or better)."""
    names = [grade.name for grade in scenario.scoring.grades]  # the best first
    counts = dict.fromkeys(names, 0)
    total = unknown = 0
    for state in states:
        total += 1
        best = still_reachable(scenario, state).grade
        if best is None:
            unknown += 1
            continue
        for name in names[names.index(best) :]:
            counts[name] += 1
    return RoomReach(counts, total, unknown)
