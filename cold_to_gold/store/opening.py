"""Opening the progress file, whatever state it is in: the store is always usable.

A damaged file (SQLite says it is not a database, or it fails its check) is
moved aside and a fresh one started. A file that is locked past the wait,
read-only, or in a read-only folder is left alone and read into memory:
history still shows, and what is played is not kept (the notice says so). A
file from a newer Cold to Gold is not touched at all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from cold_to_gold.one_line import one_line
from cold_to_gold.store import database
from cold_to_gold.store.database import (
    Locked,
    NewerSchema,
    Unavailable,
    Unreadable,
    connect,
    move_aside,
)

if TYPE_CHECKING:
    from cold_to_gold.store.progress import ProgressStore

Store = type["ProgressStore"]


def open_store(cls: Store, path: Path, patience: float | None = None) -> ProgressStore:
    """A store on `path`, or in memory with a notice that says why.

    `patience`: about how many seconds opening may wait for another program's lock
    (twice that at most, reading a copy included); by default `database`'s.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _unsaved(cls, path, f"cannot create {path.parent}: {error.strerror or error}")
    if not _writable(path):
        return _read_only(cls, path, "the file or its folder is read-only", patience)
    for _ in range(3):  # another process may replace a damaged file while we look at it
        found = _identity(path)
        try:
            return cls(connect(path, patience), path)
        except NewerSchema as error:
            return _unsaved(cls, path, str(error))
        except Unavailable as error:
            return _read_only(cls, path, str(error), patience)
        except Unreadable as error:
            if _identity(path) != found:
                continue  # not the file that failed: another process already moved it
            return _moved_aside(cls, path, str(error))
    return _unsaved(cls, path, "the file keeps changing while it is opened")


def _moved_aside(cls: Store, path: Path, problem: str) -> ProgressStore:
    try:
        moved = move_aside(path)
        store = cls(connect(path), path)
    except (OSError, Unreadable, Unavailable) as error:
        return _unsaved(cls, path, f"{problem}; then {error}")
    store.notice = one_line(
        f"Your progress file could not be read ({problem}); it was moved to "
        f"{moved} and a fresh one was started."
    )
    return store


def _read_only(cls: Store, path: Path, problem: str, patience: float | None) -> ProgressStore:
    """The file's runs copied into memory: history shows, what is played is not kept."""
    if not path.exists():
        return _unsaved(cls, path, problem)
    try:
        db = database.read_only_copy(path, patience)
    except Locked as error:
        notice = (
            f"Your progress cannot be read now: {error} holds {path}; close it and start "
            "again (this session is not saved)."
        )
        return cls(database.in_memory(), path, one_line(notice), "memory")
    except (Unreadable, Unavailable) as error:
        return _unsaved(cls, path, f"{problem}; reading it: {error}")
    notice = (
        f"Progress cannot be saved to {path} ({problem}): your history is shown, "
        "but what you play now is not saved."
    )
    return cls(db, path, one_line(notice), "copy")


def _unsaved(cls: Store, path: Path, problem: str) -> ProgressStore:
    """A store in memory, when nothing can be read or written: the app still works."""
    notice = f"Progress cannot be saved to {path} ({problem}); this session is not saved."
    return cls(database.in_memory(), path, one_line(notice), "memory")


def _writable(path: Path) -> bool:
    """Whether SQLite could write the file and the journal files beside it."""
    if not os.access(path.parent, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now (device and inode), or None."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)
