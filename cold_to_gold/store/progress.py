"""The progress store: runs, their choices as made, and what each finished run scored."""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from cold_to_gold import paths
from cold_to_gold.store.database import UnreadableDatabase, connect, move_aside, now
from cold_to_gold.store.tally import Tally


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
    votes: tuple[Tally, ...] = field(default=(), compare=False)  # presenter mode only

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


class StoreClosed(Exception):
    """The store was closed (the app is shutting down) while someone still used it."""


Method = TypeVar("Method", bound=Callable[..., Any])


def _one_at_a_time(method: Method) -> Method:
    """Serialise use of the connection: the library loader reads from a thread."""

    @functools.wraps(method)
    def locked(self: ProgressStore, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            if self.closed:
                raise StoreClosed(self.path)
            return method(self, *args, **kwargs)

    return locked  # type: ignore[return-value]


class ProgressStore:
    """Progress in SQLite; every write is committed at once (WAL), so nothing is lost.

    `notice` says, in one sentence, when an unreadable file was moved aside.
    The connection is shared by the app and its library loader, one call at a time.
    """

    def __init__(self, db: sqlite3.Connection, path: Path, notice: str | None = None) -> None:
        self.db = db
        self.path = path
        self.notice = notice
        self.lock = threading.RLock()
        self.closed = False

    @classmethod
    def open(cls, path: Path | None = None) -> ProgressStore:
        """Open the store; an unreadable file is moved aside and a fresh one started."""
        path = path or paths.database_path()
        try:
            return cls(connect(path), path)
        except UnreadableDatabase as error:
            if not path.is_file():
                return cls._unsaved(path, str(error))
            try:
                moved = move_aside(path)
                notice = (
                    f"Your progress file could not be read ({error}); it was moved to "
                    f"{moved} and a fresh one was started."
                )
                return cls(connect(path), path, notice)
            except (OSError, UnreadableDatabase) as second:
                return cls._unsaved(path, str(second))

    @classmethod
    def in_memory(cls) -> ProgressStore:
        """A store that keeps nothing after the app closes (the live preview uses one)."""
        return cls(connect(Path(":memory:")), Path(":memory:"))

    @classmethod
    def _unsaved(cls, path: Path, reason: str) -> ProgressStore:
        """A store in memory, when nothing can be written to disk: the app still works."""
        notice = f"Progress cannot be saved to {path} ({reason}); this session is not saved."
        return cls(connect(Path(":memory:")), path, notice)

    def close(self) -> None:
        with self.lock:  # waits for a call in progress on another thread
            if not self.closed:
                self.closed = True
                self.db.close()

    # --- settings --------------------------------------------------------

    @_one_at_a_time
    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @_one_at_a_time
    def set_setting(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- a run's life --------------------------------------------------------

    @_one_at_a_time
    def start_run(
        self, scenario_id: str, scenario_path: str, title: str, presenter: bool = False
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO runs (scenario_id, scenario_path, title, presenter, started_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (scenario_id, scenario_path, title, int(presenter), now()),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @_one_at_a_time
    def record_choice(self, run_id: int, position: int, scene_id: str, choice_id: str) -> None:
        """Save one choice the moment it is made (position counts from 0)."""
        self.db.execute(
            "INSERT OR REPLACE INTO choices (run_id, position, scene_id, choice_id, made_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (run_id, position, scene_id, choice_id, now()),
        )

    @_one_at_a_time
    def record_tally(
        self, run_id: int, position: int, scene_id: str, hands: dict[str, int]
    ) -> None:
        """Save the room's vote for the step at `position`, before its choice is made."""
        self.db.execute(
            "INSERT OR REPLACE INTO tallies (run_id, position, scene_id, hands) "
            "VALUES (?, ?, ?, ?)",
            (run_id, position, scene_id, json.dumps(hands)),
        )

    @_one_at_a_time
    def tallies(self, run_id: int) -> dict[int, Tally]:
        """The room's votes of a run, by step position."""
        return self._tallies(run_id)

    def _tallies(self, run_id: int) -> dict[int, Tally]:
        rows = self.db.execute(
            "SELECT position, scene_id, hands FROM tallies WHERE run_id = ? ORDER BY position",
            (run_id,),
        ).fetchall()
        return {row[0]: Tally(row[0], row[1], json.loads(row[2])) for row in rows}

    @_one_at_a_time
    def keep_choices(self, run_id: int, count: int) -> None:
        """Forget every choice after the first `count` (undo, rewind); the run is open again.

        The room's vote for the scene the run is back at stays: it was that scene's vote.
        """
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "DELETE FROM choices WHERE run_id = ? AND position >= ?", (run_id, count)
            )
            self.db.execute(
                "DELETE FROM tallies WHERE run_id = ? AND position > ?", (run_id, count)
            )
            self.db.execute(
                "UPDATE runs SET finished_at = NULL, transcript = NULL WHERE id = ?", (run_id,)
            )

    @_one_at_a_time
    def finish_run(self, run_id: int, transcript: dict[str, Any]) -> None:
        """Mark a run finished and store its transcript (idempotent)."""
        self.db.execute(
            "UPDATE runs SET finished_at = COALESCE(finished_at, ?), ending = ?, outcome = ?, "
            "grade = ?, percent = ?, score = ?, minutes = ?, transcript = ? WHERE id = ?",
            (
                now(),
                transcript["ending"],
                transcript["outcome"],
                transcript["grade"],
                transcript["percent"],
                transcript["score"],
                transcript["minutes_spent"],
                json.dumps(transcript),
                run_id,
            ),
        )

    @_one_at_a_time
    def discard_run(self, run_id: int) -> None:
        self.db.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    # --- reading ---------------------------------------------------------------

    @_one_at_a_time
    def unfinished_runs(self) -> list[SavedRun]:
        """Runs that were left before their end, most recent first."""
        rows = self.db.execute(
            "SELECT id, scenario_id, scenario_path, title, presenter, started_at, finished_at "
            "FROM runs WHERE finished_at IS NULL ORDER BY id DESC"
        ).fetchall()
        return [self._saved(row) for row in rows]

    def _saved(self, row: tuple) -> SavedRun:
        choices = self.db.execute(
            "SELECT choice_id FROM choices WHERE run_id = ? ORDER BY position", (row[0],)
        ).fetchall()
        return SavedRun(
            row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6],
            tuple(choice for (choice,) in choices),
        )  # fmt: skip

    @_one_at_a_time
    def history(self, scenario_id: str | None = None) -> list[FinishedRun]:
        """Finished runs, newest first, each with the room's votes (presenter mode)."""
        runs = self._finished(scenario_id)
        votes: dict[int, list[Tally]] = {}
        rows = self.db.execute(
            "SELECT run_id, position, scene_id, hands FROM tallies ORDER BY run_id, position"
        )
        for run_id, position, scene, hands in rows:
            votes.setdefault(run_id, []).append(Tally(position, scene, json.loads(hands)))
        return [replace(run, votes=tuple(votes.get(run.id, ()))) for run in runs]

    def _finished(self, scenario_id: str | None = None) -> list[FinishedRun]:
        query = (
            "SELECT id, scenario_id, title, grade, percent, score, minutes, ending, outcome, "
            "started_at, finished_at FROM runs "
            "WHERE finished_at IS NOT NULL AND percent IS NOT NULL"
        )
        args: tuple = ()
        if scenario_id is not None:
            query += " AND scenario_id = ?"
            args = (scenario_id,)
        rows = self.db.execute(query + " ORDER BY finished_at DESC, id DESC", args).fetchall()
        return [FinishedRun(*row) for row in rows]

    @_one_at_a_time
    def scenario_ids(self) -> set[str]:
        """The id of every scenario with a run in the store, finished or not."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT scenario_id FROM runs")}

    @_one_at_a_time
    def best_by_scenario(self) -> dict[str, FinishedRun]:
        """Each scenario's best finished run (highest percent, the earliest on a tie)."""
        best: dict[str, FinishedRun] = {}
        for run in reversed(self._finished()):
            if run.scenario not in best or run.percent > best[run.scenario].percent:
                best[run.scenario] = run
        return best

    @_one_at_a_time
    def transcript(self, run_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT transcript FROM runs WHERE id = ?", (run_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None
