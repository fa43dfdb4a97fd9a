"""The seat tokens a trainee's device keeps, so a restarted join app takes its seat back.

One small JSON file in the trainee's data folder: for each session address
(`CODE@HOST:PORT`), the name and the token the app joined with. The token is
made before the first `join` is sent, so even a welcome lost on the way finds
the same seat. A file that cannot be read or written only means the trainee
types their name again (and the facilitator confirms the seat).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

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


def _read() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def kept(address: Address) -> SeatKey | None:
    """The seat this device holds in the session at `address`, if any."""
    entry = _read().get(str(address))
    if not isinstance(entry, dict):
        return None
    name, token = entry.get("name"), entry.get("token")
    if isinstance(name, str) and isinstance(token, str) and len(token) >= 16:
        return SeatKey(name, token)
    return None


def key_for(address: Address, name: str) -> SeatKey:
    """The token to join `address` as `name` with: the kept one for that name, else a new
    one, kept before it is used."""
    held = kept(address)
    if held is not None and held.name.casefold() == " ".join(name.split()).casefold():
        return held
    key = SeatKey(name, new_token())
    data = _read()
    data.pop(str(address), None)
    data[str(address)] = {"name": key.name, "token": key.token}
    data = dict(list(data.items())[-KEPT:])
    path = _path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        spare = path.with_suffix(".tmp")
        spare.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.chmod(spare, 0o600)
        spare.replace(path)
    return key
