"""The seat tokens a trainee's device keeps, so a restarted join app takes its seat back.

One small JSON file in the trainee's data folder: for each session address
(`CODE@HOST:PORT`), the token of each name joined with from here, and the
last name used. The token is
made before the first `join` is sent, so even a welcome lost on the way finds
the same seat. A file that cannot be read or written only means the trainee
types their name again (and the facilitator confirms the seat).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cold_to_gold import paths
from cold_to_gold.classroom.client import Address, new_token

FILE = "classroom-seats.json"
KEPT = 50  # the latest sessions; older ones are dropped


@dataclass(frozen=True)
class SeatKey:
    name: str
    token: str


def _path() -> Path:
    return paths.data_dir() / FILE


def _read() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _seat(entry: Any, name: str) -> SeatKey | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("seats"), dict):
        return None
    seat = entry["seats"].get(_key(name))
    if not isinstance(seat, dict):
        return None
    held, token = seat.get("name"), seat.get("token")
    if isinstance(held, str) and isinstance(token, str) and len(token) >= 16:
        return SeatKey(held, token)
    return None


def kept(address: Address, name: str | None = None) -> SeatKey | None:
    """The seat this device holds at `address` under `name` (or the last one it took)."""
    entry = _read().get(str(address))
    if name is None:
        last = entry.get("last") if isinstance(entry, dict) else None
        return _seat(entry, last) if isinstance(last, str) else None
    return _seat(entry, name)


def key_for(address: Address, name: str) -> SeatKey:
    """The token to join `address` as `name` with: the one kept for that name, else a new
    one, kept before it is used (so a welcome lost on the way still finds the seat)."""
    with _locked():
        data = _read()
        entry = data.pop(str(address), None)
        key = _seat(entry, name) or SeatKey(name, new_token())
        seats = entry["seats"] if _valid(entry) else {}
        seats[_key(name)] = {"name": key.name, "token": key.token}
        data[str(address)] = {"last": key.name, "seats": seats}
        _write(dict(list(data.items())[-KEPT:]))
    return key


def _valid(entry: Any) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("seats"), dict)


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One writer at a time (several `join` processes may share a data folder)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, at worst a seat asked for again
        yield
        return
    path = _path().with_suffix(".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _write(data: dict[str, Any]) -> None:
    path = _path()
    with contextlib.suppress(OSError):
        spare = path.with_suffix(f".{os.getpid()}.tmp")
        spare.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.chmod(spare, 0o600)
        spare.replace(path)
