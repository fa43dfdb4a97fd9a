"""The classroom's records on disk: sessions, seats, every choice as it arrives, the outbox.

Kept in their own SQLite file (`classroom.sqlite3` in the data folder, WAL),
apart from the trainee's progress store: a host can be killed at any moment
and a new one started with `--resume` carries the session on from here.
Every write is committed before the host answers the trainee, so what a
trainee was told is saved is saved.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cold_to_gold.base import paths
from cold_to_gold.store.database import LOCKED, is_lock

# Each step takes the schema from its index to the next version; applied in order.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id              TEXT PRIMARY KEY,
        code            TEXT NOT NULL UNIQUE,
        scenario_id     TEXT NOT NULL,
        title           TEXT NOT NULL,
        scenario_path   TEXT NOT NULL,
        scenario_source TEXT NOT NULL,
        pace            TEXT NOT NULL,
        host            TEXT NOT NULL,
        port            INTEGER NOT NULL,
        facilitator     TEXT NOT NULL,
        round           INTEGER NOT NULL DEFAULT 0,
        revealed        INTEGER NOT NULL DEFAULT 0,
        paused          INTEGER NOT NULL DEFAULT 0,
        started_at      TEXT NOT NULL,
        ended_at        TEXT
    );
    CREATE TABLE seats (
        session_id  TEXT NOT NULL REFERENCES sessions (id),
        seat        INTEGER NOT NULL,
        name        TEXT NOT NULL,
        token_hash  TEXT NOT NULL,
        joined_at   TEXT NOT NULL,
        removed_at  TEXT,
        PRIMARY KEY (session_id, seat)
    );
    CREATE TABLE choices (
        session_id  TEXT NOT NULL,
        seat        INTEGER NOT NULL,
        step        INTEGER NOT NULL,
        scene_id    TEXT NOT NULL,
        choice_id   TEXT NOT NULL,
        made_at     TEXT NOT NULL,
        PRIMARY KEY (session_id, seat, step),
        FOREIGN KEY (session_id, seat) REFERENCES seats (session_id, seat)
    );
    CREATE TABLE outbox (
        id          TEXT PRIMARY KEY,
        session_id  TEXT NOT NULL,
        statement   TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        sent_at     TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        rejected_at TEXT
    );
    CREATE INDEX outbox_unsent ON outbox (sent_at, created_at);
    """,
    # When each decision of a paced session opened to the room: the class report's time to decide.
    """
    CREATE TABLE rounds (
        session_id  TEXT NOT NULL REFERENCES sessions (id),
        round       INTEGER NOT NULL,
        opened_at   TEXT NOT NULL,
        PRIMARY KEY (session_id, round)
    );
    """,
    # How the host served the session (--browser, --ssh, --lan): `--resume` serves it the same way.
    """
    CREATE TABLE host_options (
        session_id  TEXT PRIMARY KEY REFERENCES sessions (id),
        options     TEXT NOT NULL
    );
    """,
]


# Opening waits this long for another program's lock (the host, a backup tool); once
# open, a write waits longer: the host and a report may write at the same moment.
OPEN_PATIENCE_SECONDS = 2.0
WRITE_PATIENCE_MS = 5000


class RecordsError(Exception):
    """The classroom file cannot be used; the message says why in one line."""


def now() -> str:
    """The current time in UTC, ISO 8601 to the millisecond (xAPI durations need it)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def token_hash(token: str) -> str:
    """Only a hash of a seat's token is kept: the file alone cannot open anyone's seat."""
    return hashlib.sha256(token.encode()).hexdigest()


def records_path() -> Path:
    return paths.data_dir() / "classroom.sqlite3"


@dataclass(frozen=True)
class SessionRow:
    id: str
    code: str
    scenario_id: str
    title: str
    scenario_path: str
    scenario_source: str
    pace: str
    host: str
    port: int
    facilitator: str
    round: int
    revealed: bool
    paused: bool
    started_at: str
    ended_at: str | None


@dataclass(frozen=True)
class SeatRow:
    seat: int
    name: str
    token_hash: str
    joined_at: str
    removed_at: str | None


@dataclass(frozen=True)
class ChoiceRow:
    seat: int
    step: int
    scene_id: str
    choice_id: str
    made_at: str


_SESSION_COLUMNS = (
    "id, code, scenario_id, title, scenario_path, scenario_source, pace, host, port, "
    "facilitator, round, revealed, paused, started_at, ended_at"
)


class Records:
    """One connection to the classroom file; every method commits before it returns."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None, patience: float = OPEN_PATIENCE_SECONDS) -> Records:
        """Open (creating and migrating) the records, waiting at most about `patience`
        seconds for another program that holds the file locked (a database browser, a
        backup tool): then `RecordsError` says so, in one line."""
        path = path or records_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute(f"PRAGMA busy_timeout = {int(patience * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            _migrate(db)
            db.execute(f"PRAGMA busy_timeout = {WRITE_PATIENCE_MS}")
        except (OSError, sqlite3.Error) as error:
            if isinstance(error, sqlite3.Error) and is_lock(error):
                raise RecordsError(
                    f"{path}: {LOCKED} holds it locked; close it and try again"
                ) from None
            raise RecordsError(f"{path}: {error}") from None
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    # --- sessions ---------------------------------------------------------------

    def create_session(self, row: SessionRow) -> None:
        values = tuple(getattr(row, name.strip()) for name in _SESSION_COLUMNS.split(","))
        marks = ", ".join("?" * len(values))
        self.db.execute(f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES ({marks})", values)

    def session(self, key: str) -> SessionRow | None:
        """A session by its id or its join code (codes are not case-sensitive)."""
        row = self.db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ? OR code = ?",
            (key, key.upper()),
        ).fetchone()
        if row is None:
            return None
        return SessionRow(*row[:11], bool(row[11]), bool(row[12]), row[13], row[14])

    def sessions(self) -> list[SessionRow]:
        ids = self.db.execute("SELECT id FROM sessions ORDER BY started_at").fetchall()
        return [session for (key,) in ids if (session := self.session(key))]

    def code_in_use(self, code: str) -> bool:
        found = self.db.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone()
        return found is not None

    def save_gate(self, session_id: str, round_: int, revealed: bool, paused: bool) -> None:
        self.db.execute(
            "UPDATE sessions SET round = ?, revealed = ?, paused = ? WHERE id = ?",
            (round_, int(revealed), int(paused), session_id),
        )
        self.db.execute(
            "INSERT OR IGNORE INTO rounds (session_id, round, opened_at) VALUES (?, ?, ?)",
            (session_id, round_, now()),
        )

    def save_host_options(self, session_id: str, options: dict[str, Any]) -> None:
        """How the host serves the session (JSON-ready values), for `--resume`."""
        self.db.execute(
            "INSERT OR REPLACE INTO host_options (session_id, options) VALUES (?, ?)",
            (session_id, json.dumps(options)),
        )

    def host_options(self, session_id: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT options FROM host_options WHERE session_id = ?", (session_id,)
        ).fetchone()
        try:
            found = json.loads(row[0]) if row else {}
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def round_times(self, session_id: str) -> dict[int, str]:
        """When each decision of the session was opened to the room (paced sessions)."""
        rows = self.db.execute(
            "SELECT round, opened_at FROM rounds WHERE session_id = ?", (session_id,)
        ).fetchall()
        return dict(rows)

    def save_address(self, session_id: str, host: str, port: int) -> None:
        self.db.execute(
            "UPDATE sessions SET host = ?, port = ? WHERE id = ?", (host, port, session_id)
        )

    def end_session(self, session_id: str) -> None:
        self.db.execute(
            "UPDATE sessions SET ended_at = COALESCE(ended_at, ?) WHERE id = ?",
            (now(), session_id),
        )

    def reopen_session(self, session_id: str) -> None:
        self.db.execute("UPDATE sessions SET ended_at = NULL WHERE id = ?", (session_id,))

    # --- seats and choices --------------------------------------------------------

    def add_seat(self, session_id: str, seat: SeatRow) -> None:
        self.db.execute(
            "INSERT INTO seats (session_id, seat, name, token_hash, joined_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (session_id, seat.seat, seat.name, seat.token_hash, seat.joined_at),
        )

    def change_token(self, session_id: str, seat: int, hashed: str) -> None:
        """The seat given to another device: only the new token opens it from now on."""
        self.db.execute(
            "UPDATE seats SET token_hash = ? WHERE session_id = ? AND seat = ?",
            (hashed, session_id, seat),
        )

    def remove_seat(self, session_id: str, seat: int) -> None:
        self.db.execute(
            "UPDATE seats SET removed_at = COALESCE(removed_at, ?) WHERE session_id = ? "
            "AND seat = ?",
            (now(), session_id, seat),
        )

    def seats(self, session_id: str) -> list[SeatRow]:
        rows = self.db.execute(
            "SELECT seat, name, token_hash, joined_at, removed_at FROM seats "
            "WHERE session_id = ? ORDER BY seat",
            (session_id,),
        ).fetchall()
        return [SeatRow(*row) for row in rows]

    def record_choice(self, session_id: str, choice: ChoiceRow) -> None:
        """Save one choice; a second one for the same seat and step is refused by the key."""
        self.db.execute(
            "INSERT INTO choices (session_id, seat, step, scene_id, choice_id, made_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, choice.seat, choice.step, choice.scene_id, choice.choice_id,
             choice.made_at),
        )  # fmt: skip

    def choices(self, session_id: str, seat: int | None = None) -> list[ChoiceRow]:
        """The session's choices (or one seat's), by seat and step."""
        query = "SELECT seat, step, scene_id, choice_id, made_at FROM choices WHERE session_id = ?"
        args: tuple = (session_id,)
        if seat is not None:
            query += " AND seat = ?"
            args += (seat,)
        rows = self.db.execute(query + " ORDER BY seat, step", args).fetchall()
        return [ChoiceRow(*row) for row in rows]

    # --- the outbox of statements for a learning record store ------------------------

    def queue_statements(self, session_id: str, statements: Iterable[dict[str, Any]]) -> int:
        """Add statements by their id; one already queued is left as it is. Returns how many new."""
        before = self.db.total_changes
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "INSERT OR IGNORE INTO outbox (id, session_id, statement, created_at) "
                "VALUES (?, ?, ?, ?)",
                [(s["id"], session_id, json.dumps(s), now()) for s in statements],
            )
        return self.db.total_changes - before

    def unsent(self, limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT statement FROM outbox WHERE sent_at IS NULL AND rejected_at IS NULL "
            "ORDER BY created_at, id LIMIT ?",
            (limit,),
        ).fetchall()
        return [json.loads(text) for (text,) in rows]

    def mark_sent(self, ids: Iterable[str]) -> None:
        stamp = now()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?",
                [(stamp, key) for key in ids],
            )

    def mark_failed(self, ids: Iterable[str], error: str) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                [(error, key) for key in ids],
            )

    def mark_rejected(self, key: str, error: str) -> None:
        """The LRS will never take this statement (it holds a different one by this id)."""
        self.db.execute(
            "UPDATE outbox SET rejected_at = ?, last_error = ? WHERE id = ?", (now(), error, key)
        )

    def outbox_counts(self) -> dict[str, int]:
        """How many statements were sent, wait to be sent, and were rejected."""
        sent, rejected, total = self.db.execute(
            "SELECT COUNT(sent_at), COUNT(rejected_at), COUNT(*) FROM outbox"
        ).fetchone()
        return {"sent": sent, "waiting": total - sent - rejected, "rejected": rejected}


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to date; the write lock is taken first so two hosts cannot race."""
    if db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise RecordsError(
                f"it was written by a newer Cold to Gold (schema {version}, this one reads "
                f"{len(MIGRATIONS)})"
            )
        for step in MIGRATIONS[version:]:
            for statement in step.split(";"):
                if statement.strip():
                    db.execute(statement)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
