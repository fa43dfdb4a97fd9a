"""The SQLite file behind the progress store: opening it, its schema and migrations.

The schema version lives in `PRAGMA user_version`. Each migration takes the
database from one version to the next, so any older file is brought up to
date in order. A file that cannot be read (corrupt, not SQLite, or from a
newer version) is moved aside — never deleted — and a fresh one started.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

SCHEMA_VERSION = 2


# MIGRATIONS[n] is the SQL that takes a database at version n to version n + 1.
MIGRATIONS: dict[int, str] = {
    0: """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE runs (
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
        );
        CREATE INDEX runs_by_scenario ON runs (scenario_id, finished_at);
        CREATE TABLE choices (
            run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            scene_id  TEXT NOT NULL,
            choice_id TEXT NOT NULL,
            made_at   TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        );
    """,
    # The room's vote in presenter mode: hands raised per choice, for the step at `position`.
    1: """
        CREATE TABLE tallies (
            run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            scene_id TEXT NOT NULL,
            hands    TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        );
    """,
}


class UnreadableDatabase(Exception):
    """The progress file cannot be used as it is."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database; raise `UnreadableDatabase`."""
    try:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise UnreadableDatabase(str(error)) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise UnreadableDatabase("the database failed its integrity check")
        migrate(db)
    except sqlite3.DatabaseError as error:
        db.close()
        raise UnreadableDatabase(str(error)) from None
    except UnreadableDatabase:
        db.close()
        raise
    return db


def migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to `SCHEMA_VERSION`, one migration at a time."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UnreadableDatabase(
            f"it was written by a newer Cold to Gold (schema {version}, this one reads "
            f"{SCHEMA_VERSION})"
        )
    while version < SCHEMA_VERSION:
        # One script, one transaction: a migration is applied whole or not at all.
        db.executescript(
            f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version + 1}; COMMIT;"
        )
        version += 1


def move_aside(path: Path) -> Path:
    """Rename an unreadable database (and its WAL files) out of the way; return the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{counter}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.rename(target.with_name(target.name + suffix))
    return target


def now() -> str:
    """The current time as ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
