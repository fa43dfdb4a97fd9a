"""The progress store: runs, their choices as made, and what each finished run scored."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from cold_to_gold.base import paths
from cold_to_gold.base.one_line import one_line
from cold_to_gold.store import database
from cold_to_gold.store.database import SAVE_PATIENCE_MS, now, transaction
from cold_to_gold.store.holds import holds_for
from cold_to_gold.store.records import FinishedRun, RunRecord, SavedRun, zone_label
from cold_to_gold.store.tally import Tally

if TYPE_CHECKING:
    from cold_to_gold.scenario.model import Scenario

__all__ = [
    "FinishedRun",
    "ProgressStore",
    "RunRecord",
    "SaveFailed",
    "SavedRun",
    "StoreClosed",
    "StoreError",
    "Tally",
    "new_run_id",
    "zone_label",
]


class StoreError(Exception):
    """Reading the progress store failed; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SaveFailed(StoreError):
    """A write did not reach the file (locked past the wait, read-only, disk full...)."""


class StoreClosed(Exception):
    """The store was closed (the app is shutting down) while someone still used it."""


_last_id = 0
_id_lock = threading.Lock()


def new_run_id() -> int:
    """A run id that another process, or another progress file, will not pick.

    Milliseconds since 1970 then 10 random bits: ids grow with time (the newest
    run has the largest; within one process strictly), are never reused after a
    run is discarded, and stay below 2**53 (exact in JSON) until the year 2248.
    The primary key settles the rare tie within one file (`start_run` draws again).
    """
    global _last_id
    with _id_lock:
        random_bits = int.from_bytes(os.urandom(2), "big") & 0x3FF  # not `secrets`: 3 ms to load
        drawn = (time.time_ns() // 1_000_000) << 10 | random_bits
        _last_id = max(drawn, _last_id + 1)
        return _last_id


Method = TypeVar("Method", bound=Callable[..., Any])


def _guarded(failure: type[StoreError]) -> Callable[[Method], Method]:
    """One call at a time (the library loader reads from a thread); SQLite's errors as
    `failure`, with SQLite's one-line reason."""

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        def guarded(self: ProgressStore, *args: Any, **kwargs: Any) -> Any:
            with self.lock:
                if self.closed:
                    raise StoreClosed(self.path)
                try:
                    return method(self, *args, **kwargs)
                except sqlite3.Error as error:
                    raise failure(one_line(str(error))) from error

        return guarded  # type: ignore[return-value]

    return decorate


_reading = _guarded(StoreError)
_writing = _guarded(SaveFailed)

Storage = Literal["disk", "copy", "memory"]

# A finished run as `FinishedRun` holds it, and what makes a run finished.
_FINISHED_COLUMNS = (
    "id, scenario_id, title, grade, percent, score, minutes, ending, outcome, "
    "started_at, finished_at"
)
_FINISHED = "finished_at IS NOT NULL AND percent IS NOT NULL"


class ProgressStore:
    """Progress in SQLite; every write is committed at once (WAL), so nothing is lost.

    `storage` says where runs go: "disk" (the progress file), "copy" (a copy of the
    file in memory, when it can be read but not written: history shows, nothing new
    is kept) or "memory" (nothing could be read). `notice` says, in one sentence,
    why when it is not "disk", and when an unreadable file was moved aside.
    Reads raise `StoreError`, writes `SaveFailed`: never a bare SQLite error.
    The connection is shared by the app and its library loader, one call at a time.
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        notice: str | None = None,
        storage: Storage = "disk",
    ) -> None:
        self.db = db
        self.path = path
        self.notice = notice
        self.storage = storage
        self.lock = threading.RLock()
        self.closed = False
        self.holds = holds_for(path.parent / "open-runs") if storage == "disk" else None

    @property
    def saving(self) -> bool:
        """Whether what is written here reaches the progress file."""
        return self.storage == "disk"

    @classmethod
    def open(cls, path: Path | None = None, patience: float | None = None) -> ProgressStore:
        """Open the store. Never raises: an unreadable file is moved aside and a fresh one
        started; a file that cannot be written is read into memory (history still shows);
        a file another program holds locked is waited for about `patience` seconds at
        most; the notice says what happened (see `store.opening`)."""
        from cold_to_gold.store.opening import open_store

        return open_store(cls, path or paths.database_path(), patience)

    @classmethod
    def in_memory(cls) -> ProgressStore:
        """A store that keeps nothing after the app closes (the live preview uses one)."""
        return cls(database.in_memory(), Path(":memory:"), storage="memory")

    def close(self) -> None:
        with self.lock:  # waits for a call in progress on another thread
            if not self.closed:
                self.closed = True
                self.db.close()

    def hold_run(self, run_id: int) -> None:
        """Mark the run as played by this window, so no other window offers to resume it."""
        if self.holds is not None:
            self.holds.hold(run_id)

    def let_go(self, run_id: int) -> None:
        """The run ended or was discarded here: nothing to keep it from others any more."""
        if self.holds is not None:
            self.holds.release(run_id)

    @contextmanager
    def patience(self, milliseconds: int) -> Iterator[None]:
        """Within the block, writes wait this long for another process's lock, then fail."""
        with self.lock:
            if self.closed:
                raise StoreClosed(self.path)
            self.db.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
            try:
                yield
            finally:
                if not self.closed:
                    self.db.execute(f"PRAGMA busy_timeout = {SAVE_PATIENCE_MS}")

    # --- settings --------------------------------------------------------

    @_reading
    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @_writing
    def set_setting(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- a run's life --------------------------------------------------------

    @_writing
    def start_run(
        self,
        scenario_id: str,
        scenario_path: str,
        title: str,
        presenter: bool = False,
        run_id: int | None = None,
        started_at: str | None = None,
    ) -> int:
        """Add a run; returns its id (`run_id` when given and free, else a new one)."""
        run_id = run_id or new_run_id()
        for _ in range(8):
            try:
                self.db.execute(
                    "INSERT INTO runs (id, scenario_id, scenario_path, title, presenter, "
                    "started_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (run_id, scenario_id, scenario_path, title, int(presenter),
                     started_at or now()),
                )  # fmt: skip
                return run_id
            except sqlite3.IntegrityError:  # the id is taken (the same millisecond): draw again
                run_id = new_run_id()
        raise sqlite3.IntegrityError("no free run id")

    @_writing
    def record_choice(
        self, run_id: int, position: int, scene_id: str, choice_id: str, made_at: str = ""
    ) -> None:
        """Save one choice the moment it is made (position counts from 0)."""
        self.db.execute(
            "INSERT OR REPLACE INTO choices (run_id, position, scene_id, choice_id, made_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (run_id, position, scene_id, choice_id, made_at or now()),
        )

    @_writing
    def record_tally(
        self, run_id: int, position: int, scene_id: str, hands: dict[str, int]
    ) -> None:
        """Save the room's vote for the step at `position`, before its choice is made."""
        self.db.execute(
            "INSERT OR REPLACE INTO tallies (run_id, position, scene_id, hands) "
            "VALUES (?, ?, ?, ?)",
            (run_id, position, scene_id, json.dumps(hands)),
        )

    @_reading
    def tallies(self, run_id: int) -> dict[int, Tally]:
        """The room's votes of a run, by step position."""
        return self._tallies(run_id)

    def _tallies(self, run_id: int) -> dict[int, Tally]:
        rows = self.db.execute(
            "SELECT position, scene_id, hands FROM tallies WHERE run_id = ? ORDER BY position",
            (run_id,),
        ).fetchall()
        return {row[0]: Tally(row[0], row[1], json.loads(row[2])) for row in rows}

    @_writing
    def keep_choices(self, run_id: int, count: int) -> None:
        """Forget every choice after the first `count` (undo, rewind); the run is open again.

        The room's vote for the scene the run is back at stays: it was that scene's vote.
        """
        with transaction(self.db):
            self.db.execute(
                "DELETE FROM choices WHERE run_id = ? AND position >= ?", (run_id, count)
            )
            self.db.execute(
                "DELETE FROM tallies WHERE run_id = ? AND position > ?", (run_id, count)
            )
            self._reopen(run_id)

    @_writing
    def finish_run(self, run_id: int, transcript: dict[str, Any]) -> None:
        """Mark a run finished and store its transcript (idempotent)."""
        self._finish(run_id, transcript)

    @_writing
    def save_run(self, record: RunRecord) -> None:
        """Write a whole run as it stands in memory, in one transaction.

        After a failed save, this brings the file up to date however far behind it
        fell: the run's row is added if missing, its choices and the room's votes
        replaced, and it is marked finished or open as the record says.
        """
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO runs (id, scenario_id, scenario_path, title, presenter, "
                "started_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (record.id, record.scenario_id, record.scenario_path, record.title,
                 int(record.presenter), record.started_at),
            )  # fmt: skip
            self.db.execute("DELETE FROM choices WHERE run_id = ?", (record.id,))
            self.db.executemany(
                "INSERT INTO choices (run_id, position, scene_id, choice_id, made_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (record.id, position, scene, choice, made_at)
                    for position, (scene, choice, made_at) in enumerate(record.choices)
                ],
            )
            self.db.execute("DELETE FROM tallies WHERE run_id = ?", (record.id,))
            self.db.executemany(
                "INSERT INTO tallies (run_id, position, scene_id, hands) VALUES (?, ?, ?, ?)",
                [
                    (record.id, tally.position, tally.scene, json.dumps(tally.hands))
                    for tally in record.votes
                ],
            )
            if record.transcript is None:
                self._reopen(record.id)
            else:
                self._finish(record.id, record.transcript)

    def _reopen(self, run_id: int) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at = NULL, ending = NULL, outcome = NULL, grade = NULL, "
            "percent = NULL, score = NULL, minutes = NULL, transcript = NULL WHERE id = ?",
            (run_id,),
        )

    def _finish(self, run_id: int, transcript: dict[str, Any]) -> None:
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

    @_writing
    def discard_run(self, run_id: int) -> None:
        self.db.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    # --- reading ---------------------------------------------------------------

    @_reading
    def unfinished_runs(self) -> list[SavedRun]:
        """Runs that were left before their end, most recent first — not those another
        window is playing right now (resuming one there would mix two windows' choices)."""
        rows = self.db.execute(
            "SELECT id, scenario_id, scenario_path, title, presenter, started_at, finished_at "
            "FROM runs WHERE finished_at IS NULL ORDER BY id DESC"
        ).fetchall()
        holds = self.holds
        return [
            self._saved(row) for row in rows if holds is None or not holds.held_elsewhere(row[0])
        ]

    def unfinished_run_of(self, scenario: Scenario) -> SavedRun | None:
        """The most recent unfinished run of this scenario with a choice made (the same
        file, else the same id), that no other window is playing; None when there is none."""
        path = str(Path(scenario.path).resolve()) if scenario.path else None
        runs = [saved for saved in self.unfinished_runs() if saved.choices]
        same_file = [saved for saved in runs if path is not None and saved.scenario_path == path]
        same_id = [saved for saved in runs if saved.scenario_id == scenario.id]
        return next(iter(same_file or same_id), None)

    def _saved(self, row: tuple) -> SavedRun:
        choices = self.db.execute(
            "SELECT choice_id, made_at FROM choices WHERE run_id = ? ORDER BY position", (row[0],)
        ).fetchall()
        return SavedRun(
            row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6],
            tuple(choice for choice, _ in choices), tuple(made for _, made in choices),
            tuple(self._tallies(row[0]).values()),
        )  # fmt: skip

    @_reading
    def history(self, scenario_id: str | None = None) -> list[FinishedRun]:
        """Finished runs, newest first, each with the room's votes (presenter mode)."""
        runs = self._finished(scenario_id)
        votes: dict[int, list[Tally]] = {}
        rows = self.db.execute(
            "SELECT run_id, position, scene_id, hands FROM tallies ORDER BY run_id, position"
        )
        for run_id, position, scene, hands in rows:
            votes.setdefault(run_id, []).append(Tally(position, scene, json.loads(hands)))
        return [run._replace(votes=tuple(votes.get(run.id, ()))) for run in runs]

    def _finished(self, scenario_id: str | None = None) -> list[FinishedRun]:
        query = f"SELECT {_FINISHED_COLUMNS} FROM runs WHERE {_FINISHED}"
        args: tuple = ()
        if scenario_id is not None:
            query += " AND scenario_id = ?"
            args = (scenario_id,)
        rows = self.db.execute(query + " ORDER BY finished_at DESC, id DESC", args).fetchall()
        return [FinishedRun(*row) for row in rows]

    @_reading
    def scenario_ids(self) -> set[str]:
        """The id of every scenario with a run in the store, finished or not."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT scenario_id FROM runs")}

    @_reading
    def best_by_scenario(self) -> dict[str, FinishedRun]:
        """Each scenario's best finished run (highest percent, the earliest on a tie).

        Found in the `best_runs` index: the rows of the other runs are not read.
        """
        rows = self.db.execute(
            f"SELECT {_FINISHED_COLUMNS} FROM runs WHERE id IN ("
            "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY scenario_id "
            "ORDER BY percent DESC, finished_at, id) AS place "
            f"FROM runs WHERE {_FINISHED}) WHERE place = 1)"
        ).fetchall()
        return {run.scenario: run for run in (FinishedRun(*row) for row in rows)}

    @_reading
    def choice_times(self, run_id: int) -> tuple[str, ...]:
        """When each choice of a run was made, in order."""
        rows = self.db.execute(
            "SELECT made_at FROM choices WHERE run_id = ? ORDER BY position", (run_id,)
        ).fetchall()
        return tuple(made_at for (made_at,) in rows)

    @_reading
    def transcript(self, run_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT transcript FROM runs WHERE id = ?", (run_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None
