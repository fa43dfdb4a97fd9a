"""What the progress store hands out and takes in: runs as plain, frozen records.

NamedTuples, not dataclasses: the picker reads them before its first frame, and a
NamedTuple class is made in a fifth of a frozen dataclass's time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from cold_to_gold.base.verdict import verdict
from cold_to_gold.store.tally import Tally


class SavedRun(NamedTuple):
    """A run as stored: enough to replay it (its choices) and to list it."""

    id: int
    scenario_id: str
    scenario_path: str
    title: str
    presenter: bool
    started_at: str
    finished_at: str | None
    choices: tuple[str, ...]
    made_at: tuple[str, ...] = ()  # when each choice was made
    votes: tuple[Tally, ...] = ()  # the room's vote per step, presenter mode only


class FinishedRun(NamedTuple):
    """A finished run, as history shows it."""

    id: int
    scenario: str
    title: str
    grade: str
    percent: int
    score: float
    minutes: int
    ending: str
    outcome: str
    started_at: str
    finished_at: str
    votes: tuple[Tally, ...] = ()  # presenter mode only

    @property
    def verdict(self) -> str:
        """The grade with the outcome beside it: 'won · cold'."""
        return verdict(self.grade, self.outcome)

    @property
    def finished_local(self) -> datetime:
        """When it finished, in the user's local time zone (stored in UTC)."""
        return datetime.fromisoformat(self.finished_at).astimezone()

    @property
    def when(self) -> str:
        """When it finished, local time, to the minute, as history shows it: '2026-11-01 09:05'."""
        return self.finished_local.strftime("%Y-%m-%d %H:%M")

    @property
    def zone(self) -> str:
        """The local time zone's name at that moment ('CET', 'CEST', 'UTC')."""
        return self.finished_local.tzname() or "local time"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scenario": self.scenario,
            "title": self.title,
            "grade": self.grade,
            "result": self.verdict,
            "percent": self.percent,
            "score": int(self.score) if self.score == int(self.score) else self.score,
            "minutes": self.minutes,
            "ending": self.ending,
            "outcome": self.outcome,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "votes": [tally.as_json() for tally in self.votes],
        }


def zone_label(runs: list[FinishedRun]) -> str:
    """The time zone the runs' times are shown in: 'CET', or 'CET/CEST' across a change."""
    return "/".join(dict.fromkeys(run.zone for run in runs)) or "local time"


class RunRecord(NamedTuple):
    """A whole run as the app holds it in memory: what `save_run` writes in one go."""

    id: int
    scenario_id: str
    scenario_path: str
    title: str
    presenter: bool
    started_at: str
    choices: tuple[tuple[str, str, str], ...]  # (scene, choice, made_at), in order
    transcript: dict[str, Any] | None = None  # set once the run has ended and been scored
    votes: tuple[Tally, ...] = ()  # the room's vote per step, presenter mode only
