"""A scripted trainee: joins, makes the given choices in order, and reports how it ended."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from cold_to_gold.classroom import seat_keys
from cold_to_gold.classroom.client import RETRY_SECONDS, Address, JoinError, TraineeClient
from cold_to_gold.verdict import verdict


@dataclass
class ScriptedEnd:
    """How a scripted trainee's session ended: `code` is the command's exit code."""

    code: int
    message: str
    result: dict[str, Any] | None = None


async def play_scripted(
    address: Address,
    name: str,
    plan: Sequence[str],
    retry_seconds: float = RETRY_SECONDS,
    log: TextIO | None = None,
) -> ScriptedEnd:
    """Play `plan` (choice ids in order) as trainee `name`; refusals end it with code 1."""
    log = log or sys.stdout
    last_view = ""
    try:
        token = seat_keys.key_for(address, name).token  # a restarted script takes its seat
        async with TraineeClient(address, name, token, retry_seconds=retry_seconds) as client:
            async for data in client.messages():
                kind = data["type"]
                if kind == "scene":
                    last_view = kind
                    step = data["step"]
                    if step >= len(plan):
                        ids = ", ".join(option["id"] for option in data["options"])
                        return ScriptedEnd(
                            1,
                            f"the choices ran out at decision {step + 1} (scene "
                            f"'{data['scene']['id']}' offers {ids})",
                        )
                    await client.send("choose", step=step, choice=plan[step])
                elif kind == "feedback":
                    last_view = kind
                    await client.send("ready", step=data["step"])
                elif kind in ("wait", "paused"):
                    last_view = kind
                elif kind == "finished":
                    result = data["result"]
                    print(
                        f"{name}: {verdict(result['grade'], result['outcome'])} "
                        f"{result['percent']}% "
                        f"({result['outcome']}, ending {result['ending']})",
                        file=log,
                        flush=True,
                    )
                    return ScriptedEnd(0, "finished", result)
                elif kind == "refused" and last_view != "paused":
                    return ScriptedEnd(1, f"the host refused: {data['reason']}")
                elif kind == "ended":
                    return ScriptedEnd(1, f"the session ended before the run did: {data['reason']}")
    except JoinError as error:
        return ScriptedEnd(1, str(error))
    return ScriptedEnd(1, "the host closed the session")
