"""The classroom's wire protocol: JSON messages over a WebSocket, versioned, checked on arrival.

Every message is one JSON object with `v` (the protocol version) and `type`.
Each type lists its fields; a message with a missing, mistyped or unknown
field is refused with a reason (`ProtocolError`), the way the scenario format
refuses an unknown key. The whole contract is written down in
`docs/classroom-protocol.md`; a test keeps the two in step.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

VERSION = 2
MAX_MESSAGE_BYTES = 4096  # what a trainee may send; the host's own messages may be larger
MAX_NAME = 40


class ProtocolError(Exception):
    """A message that breaks the contract; the text says what, in one line."""


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = True
    nullable: bool = False


def _fields(**fields: Field) -> dict[str, Field]:
    return fields


TEXT = Field(str)
COUNT = Field(int)

# What a trainee's client may send.
CLIENT: Mapping[str, dict[str, Field]] = {
    "join": _fields(code=TEXT, name=Field(str, required=False), token=Field(str, required=False)),
    "choose": _fields(step=COUNT, choice=TEXT),
    "ready": _fields(step=COUNT),
    "leave": _fields(),
}

# What the host sends to a trainee: only that trainee's own seat, never anyone else's.
HOST: Mapping[str, dict[str, Field]] = {
    "welcome": _fields(
        session=TEXT, seat=COUNT, name=TEXT, token=TEXT, pace=TEXT, scenario=Field(dict)
    ),
    "scene": _fields(step=COUNT, path=Field(list), scene=Field(dict), options=Field(list)),
    "wait": _fields(step=COUNT, reason=TEXT, message=TEXT, path=Field(list)),
    "feedback": _fields(
        step=COUNT,
        choice=TEXT,
        channel=TEXT,
        label=TEXT,
        text=TEXT,
        path=Field(list),
        finished=Field(bool),
    ),
    "paused": _fields(message=TEXT, path=Field(list)),
    "finished": _fields(path=Field(list), result=Field(dict)),
    "refused": _fields(reason=TEXT),
    "ended": _fields(reason=TEXT),
}

# WebSocket close codes with a reason (RFC 6455): policy violation, too big, going away.
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_GOING_AWAY = 1001


def message(kind: str, **fields: Any) -> dict[str, Any]:
    """A message of `kind` with the protocol version (not checked: the sender builds it)."""
    return {"v": VERSION, "type": kind, **fields}


def encode(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(text: str | bytes, catalogue: Mapping[str, dict[str, Field]]) -> dict[str, Any]:
    """Parse and check one message against `catalogue` (`CLIENT` or `HOST`)."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise ProtocolError("the message is not JSON") from None
    return check(data, catalogue)


def check(data: Any, catalogue: Mapping[str, dict[str, Field]]) -> dict[str, Any]:
    """`data` itself if it is a valid message of the catalogue, else `ProtocolError`."""
    if not isinstance(data, dict):
        raise ProtocolError("a message is a JSON object")
    version = data.get("v")
    if version != VERSION:
        raise ProtocolError(
            f"protocol version {version!r} is not spoken here (this speaks {VERSION})"
        )
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in catalogue:
        known = ", ".join(catalogue)
        raise ProtocolError(f"unknown message type {kind!r} (expected one of: {known})")
    fields = catalogue[kind]
    for name in data:
        if name not in fields and name not in ("v", "type"):
            raise ProtocolError(f"'{kind}' has no field '{name}'")
    for name, field in fields.items():
        if name not in data:
            if field.required:
                raise ProtocolError(f"'{kind}' needs the field '{name}'")
            continue
        value = data[name]
        if value is None and field.nullable:
            continue
        # bool is an int in Python; a step count must not be `true`.
        if isinstance(value, bool) and field.kind is not bool:
            raise ProtocolError(f"'{kind}.{name}' has the wrong type")
        if not isinstance(value, field.kind):
            raise ProtocolError(f"'{kind}.{name}' has the wrong type")
        if field.kind is int and not 0 <= value < 10_000:
            raise ProtocolError(f"'{kind}.{name}' is out of range")
    return data


def clean_name(name: str) -> str:
    """A trainee's name as shown: stripped, single-spaced; `ProtocolError` if unusable."""
    name = " ".join(name.split())
    if not name:
        raise ProtocolError("a name cannot be empty")
    if len(name) > MAX_NAME:
        raise ProtocolError(f"a name has at most {MAX_NAME} characters")
    if any(not character.isprintable() for character in name):
        raise ProtocolError("a name cannot hold control characters")
    return name
