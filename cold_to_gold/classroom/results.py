"""A session's results read back from the records: each trainee's run, replayed by the engine.

The export, the class debrief and the statements for a learning record store
all start here, so they agree with each other and with what the host saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from cold_to_gold.classroom.records import ChoiceRow, Records, SeatRow, SessionRow
from cold_to_gold.engine import Run, RunError
from cold_to_gold.scenario.model import Scenario


class NoSuchSession(Exception):
    """No session by that id or code in the records."""


@dataclass(frozen=True)
class Attempt:
    """One trainee's seat and run in a session."""

    seat: SeatRow
    run: Run
    choices: tuple[ChoiceRow, ...]

    @property
    def name(self) -> str:
        return self.seat.name

    @property
    def removed(self) -> bool:
        return self.seat.removed_at is not None


@dataclass(frozen=True)
class SessionResults:
    session: SessionRow
    scenario: Scenario
    attempts: tuple[Attempt, ...]


def session_results(records: Records, key: str) -> SessionResults:
    """Every seat of the session `key` (id or code) with its run replayed from its choices."""
    from cold_to_gold.library.load import load_text

    session = records.session(key)
    if session is None:
        raise NoSuchSession(f"no session '{key}' in {records.path}")
    scenario = load_text(session.scenario_source, session.scenario_path)
    by_seat: dict[int, list[ChoiceRow]] = {}
    for choice in records.choices(session.id):
        by_seat.setdefault(choice.seat, []).append(choice)
    attempts = []
    for seat in records.seats(session.id):
        run = Run(scenario)
        made = by_seat.get(seat.seat, [])
        for choice in made:
            try:
                run.choose(choice.choice_id)
            except RunError:
                break  # cannot happen with the stored source; never let an export crash
        attempts.append(Attempt(seat, run, tuple(made[: len(run.steps)])))
    return SessionResults(session, scenario, tuple(attempts))
