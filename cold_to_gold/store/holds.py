"""Which unfinished runs another window is playing: a lock file per open run.

Two windows on one progress file must not both resume the same unfinished run:
their choices would mix in one record. The window playing a run holds an
exclusive lock on a small file named after it, in `open-runs/` beside the
progress file. The operating system drops the lock when that window's process
ends, however it ends (`kill -9` included), so a crashed window never keeps a
run from being resumed. Where such locks do not exist (not POSIX), nothing is
held and every unfinished run is offered, as before.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks of this kind
    fcntl = None  # type: ignore[assignment]


class RunHolds:
    """The locks this process holds on the runs it plays, and a test for other holders."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.held: dict[int, IO[bytes]] = {}

    def _path(self, run_id: int) -> Path:
        return self.folder / f"{int(run_id)}.lock"

    def hold(self, run_id: int) -> bool:
        """Hold the run for this process; False when another one holds it (or no locks)."""
        if fcntl is None or run_id in self.held:
            return run_id in self.held
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = self._path(run_id).open("ab")
        except OSError:
            return False  # a folder that cannot be written: play on, unheld
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self.held[run_id] = handle
        return True

    def release(self, run_id: int) -> None:
        """Let go of a run (it ended, or was discarded); its lock file is removed."""
        handle = self.held.pop(run_id, None)
        if handle is None:
            return
        with contextlib.suppress(OSError):
            self._path(run_id).unlink()
        handle.close()

    def held_elsewhere(self, run_id: int) -> bool:
        """Whether another process is playing this run right now."""
        if fcntl is None or run_id in self.held:
            return False
        try:
            handle = self._path(run_id).open("rb")
        except OSError:
            return False  # no lock file: nobody has held it since it was last let go
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return False

    def release_all(self) -> None:
        for run_id in list(self.held):
            self.release(run_id)


_holds: dict[Path, RunHolds] = {}


def holds_for(folder: Path) -> RunHolds:
    """The one `RunHolds` of this process for a folder: every store this process opens on
    the same progress file shares it, so only other processes count as other windows."""
    key = folder.resolve()
    found = _holds.get(key)
    if found is None:
        found = _holds[key] = RunHolds(key)
    return found
