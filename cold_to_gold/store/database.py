"""The SQLite file behind the progress store: opening it, migrating it, and what to do when
it cannot be used.

Several processes may open one file at once (two app windows, the app and
`cold-to-gold history`). Creating or migrating the schema takes SQLite's write
lock first (`BEGIN IMMEDIATE`) and reads the version again inside it, so a
second process waits for the first and then finds nothing left to do.

Only a file SQLite itself calls corrupt or not a database (or that fails
`PRAGMA quick_check`) is `Unreadable`: the store moves it aside, never deletes
it. A file that is busy, locked, read-only or on a failing disk is
`Unavailable`: it is left exactly where it is.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from cold_to_gold.store.schema import STEPS

SCHEMA_VERSION = len(STEPS)

# How long opening waits for another process holding the write lock (one creating the
# schema, or a backup tool): long enough for any migration, short enough to start.
OPEN_PATIENCE_SECONDS = 2.0
# How long the app waits to open the file (it must show its first screen at once), and
# check-setup, which opens it as the app does.
APP_OPEN_PATIENCE_SECONDS = 0.5
# How long reading a copy of a file that cannot be opened for saving may wait for a
# lock that blocks readers (another program's `BEGIN EXCLUSIVE`, in rollback-journal mode).
COPY_PATIENCE_SECONDS = 1.0
# How long a save waits for the lock once open. Another window's saves take a millisecond;
# past this the save fails, the run goes on in memory and the save is retried, so a lock
# held for minutes costs the app this much once, never a frozen screen.
SAVE_PATIENCE_MS = 500

# SQLite's primary result codes: another process holds the file; the bytes are not a database.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class Unreadable(Exception):
    """SQLite says the file is not a database, or it fails its integrity check."""


class Unavailable(Exception):
    """The file cannot be used now (busy, locked, read-only, disk error); it is not moved."""


class Locked(Unavailable):
    """Another program holds the file locked against readers, past every wait."""


class _OutOfPatience(Exception):
    """Raised from the backup's progress callback to end a copy that waits for a lock."""


class NewerSchema(Unavailable):
    """The file was written by a newer Cold to Gold; this one must not touch it."""


LOCKED = "another program (a database browser or a backup tool?)"


def reason(error: sqlite3.Error) -> Unreadable | Unavailable:
    """Sort an SQLite error into corruption (`Unreadable`) or anything else."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return Unreadable(str(error))
    return Unavailable(str(error))


def is_lock(error: sqlite3.Error) -> bool:
    """Whether SQLite failed because another connection holds the file (busy or locked)."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


def connect(path: Path, patience: float | None = None) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`, waiting at most about
    `patience` seconds (default `OPEN_PATIENCE_SECONDS`) for another process's lock.

    Raises `Unreadable` or `Unavailable` (the folder must already exist).
    """
    patience = OPEN_PATIENCE_SECONDS if patience is None else patience
    try:
        db = sqlite3.connect(path, timeout=patience, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise reason(error) from None
    try:
        _patiently(lambda: _set_up(db), patience)
        db.execute(f"PRAGMA busy_timeout = {SAVE_PATIENCE_MS}")
    except sqlite3.Error as error:
        db.close()
        raise reason(error) from None
    except BaseException:
        db.close()
        raise
    return db


def _set_up(db: sqlite3.Connection) -> None:
    """Settings, a health check and the schema; each part is safe to run again.

    The version is read first: a file from a newer Cold to Gold is not changed at all.
    """
    prepare(db)
    _current(version_of(db))
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    check(db)
    migrate(db)


def _patiently(action: Callable[[], None], patience: float) -> None:
    """Run `action`, again while another process holds the file, for up to `patience` seconds.

    SQLite's own wait does not cover every case: switching a new file to WAL while
    another process reads it fails at once with "database is locked".
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF
            if code not in (_SQLITE_BUSY, _SQLITE_LOCKED) or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


def in_memory() -> sqlite3.Connection:
    """A fresh database that lives as long as the process."""
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    prepare(db)
    migrate(db)
    return db


def read_only_copy(path: Path, patience: float | None = None) -> sqlite3.Connection:
    """The database at `path` copied into memory, without writing anything next to it.

    For a read-only folder or a file that cannot be opened for writing: history can
    still be shown. Raises `Unreadable` or `Unavailable` when it cannot be read at all,
    and `Locked` when another program holds it locked against readers for longer than
    `patience` seconds (default `COPY_PATIENCE_SECONDS`): `Connection.backup` alone
    would wait for such a lock forever.
    """
    patience = COPY_PATIENCE_SECONDS if patience is None else patience
    deadline = time.monotonic() + patience

    def waiting(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise _OutOfPatience

    uri = path.resolve().as_uri()
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    last: sqlite3.Error | None = None
    # `mode=ro` reads the latest committed runs, but needs the folder writable or the WAL
    # files present; `immutable=1` reads the main file alone, with no file created (never
    # tried past a lock: it would read pages another program is writing).
    for options in ("mode=ro", "immutable=1"):
        try:
            source = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=patience)
        except sqlite3.Error as error:
            last = error
            continue
        try:
            source.backup(memory, pages=64, progress=waiting, sleep=0.05)
            break
        except _OutOfPatience:
            memory.close()
            raise Locked(LOCKED) from None
        except sqlite3.Error as error:
            last = error
            if is_lock(error):
                memory.close()
                raise Locked(LOCKED) from None
        finally:
            source.close()
    else:
        memory.close()
        raise reason(last) if last else Unavailable("cannot read the file")
    try:
        prepare(memory)
        check(memory)
        migrate(memory)
    except sqlite3.Error as error:
        memory.close()
        raise reason(error) from None
    except BaseException:
        memory.close()
        raise
    return memory


def prepare(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA foreign_keys = ON")


def check(db: sqlite3.Connection) -> None:
    """Raise `Unreadable` when SQLite finds the file damaged."""
    verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise Unreadable(f"the database failed its integrity check ({verdict})")


def version_of(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to `SCHEMA_VERSION` under the write lock, one step at a time.

    The version is read again once the lock is held: a process that waited for
    another one to create the schema finds it done and changes nothing.
    """
    if _current(version_of(db)):
        return
    with transaction(db):
        version = version_of(db)
        if _current(version):
            return
        for number in range(version, SCHEMA_VERSION):
            STEPS[number](db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _current(version: int) -> bool:
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"it was written by a newer Cold to Gold (schema {version}; this one reads "
            f"{SCHEMA_VERSION})"
        )
    return version == SCHEMA_VERSION


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taking the write lock at its start (waits while busy)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


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
