"""The progress store's schema: an ordered list of migration steps.

`STEPS[n]` takes a database at version n (its `PRAGMA user_version`) to n + 1,
so a file of any older version is brought up to date one step at a time.

To change the schema, add one function at the end of this file, decorated
with `@step`. Never edit, remove or reorder a step that has shipped: files in
the field were made by it. A step runs inside the transaction that also sets
the new version, under SQLite's write lock (see `database.migrate`), so it is
applied whole or not at all, and by one process only. Run each statement with
`db.execute`: `executescript` would commit the transaction half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Step = Callable[[sqlite3.Connection], None]

STEPS: list[Step] = []


def step(migration: Step) -> Step:
    """Register `migration` as the next step of the schema."""
    STEPS.append(migration)
    return migration


@step
def runs_and_their_choices(db: sqlite3.Connection) -> None:
    """Version 1: settings, runs (with the transcript of a finished one), each choice made."""
    db.execute(
        """CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE runs (
            id            INTEGER PRIMARY KEY,
            scenario_id   TEXT NOT NULL,
            scenario_path TEXT NOT NULL,
            title         TEXT NOT NULL,
            presenter     INTEGER NOT NULL DEFAULT 0,
            started_at    TEXT NOT NULL,
            finished_at   TEXT,
            ending        TEXT,
            outcome       TEXT,
            grade         TEXT,
            percent       INTEGER,
            score         REAL,
            minutes       INTEGER,
            transcript    TEXT
        )"""
    )
    db.execute("CREATE INDEX runs_by_scenario ON runs (scenario_id, finished_at)")
    db.execute(
        """CREATE TABLE choices (
            run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            scene_id  TEXT NOT NULL,
            choice_id TEXT NOT NULL,
            made_at   TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        )"""
    )


@step
def the_rooms_votes(db: sqlite3.Connection) -> None:
    """Version 2: the room's vote in presenter mode, hands raised per choice at a step.

    The same table a version-2 file from before the steps were functions already has,
    so such a file is current as it is.
    """
    db.execute(
        """CREATE TABLE tallies (
            run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            scene_id TEXT NOT NULL,
            hands    TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        )"""
    )


@step
def a_long_history_read_quickly(db: sqlite3.Connection) -> None:
    """Version 3: indexes for what the picker reads before its first frame, so a long
    history does not slow the start: each scenario's best run, and the unfinished runs.

    Without them both read every run's row, transcript included (6 ms for 1,500 runs).
    """
    db.execute(
        "CREATE INDEX best_runs ON runs (scenario_id, percent DESC, finished_at, id) "
        "WHERE finished_at IS NOT NULL AND percent IS NOT NULL"
    )
    db.execute("CREATE INDEX unfinished_runs ON runs (id) WHERE finished_at IS NULL")
