"""What the progress store hands out and takes in: runs as plain, frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SavedRun:
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


@dataclass(frozen=True)
class FinishedRun:
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

    @property
    def when(self) -> str:
        """When it finished, to the minute, as history shows it: '2026-11-01 09:05'."""
        return self.finished_at.replace("T", " ")[:16]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scenario": self.scenario,
            "title": self.title,
            "grade": self.grade,
            "percent": self.percent,
            "score": int(self.score) if self.score == int(self.score) else self.score,
            "minutes": self.minutes,
            "ending": self.ending,
            "outcome": self.outcome,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }


@dataclass(frozen=True)
class RunRecord:
    """A whole run as the app holds it in memory: what `save_run` writes in one go."""

    id: int
    scenario_id: str
    scenario_path: str
    title: str
    presenter: bool
    started_at: str
    choices: tuple[tuple[str, str, str], ...]  # (scene, choice, made_at), in order
    transcript: dict[str, Any] | None = None  # set once the run has ended and been scored
