"""In-process trainees and a small session maker for the classroom tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cold_to_gold.classroom.hub import Hub
from cold_to_gold.classroom.protocol import HOST, check
from cold_to_gold.classroom.records import Records
from cold_to_gold.library.load import load_text

FIRST_CALL = Path(__file__).parent / "data" / "first-call.yaml"


class Trainee:
    """A sink that keeps what the host sent, checking each message against the protocol."""

    def __init__(self) -> None:
        self.inbox: list[dict[str, Any]] = []
        self.closed: str | None = None

    def send(self, data: dict[str, Any]) -> None:
        self.inbox.append(check(data, HOST))

    def close(self, reason: str) -> None:
        self.closed = reason

    @property
    def last(self) -> dict[str, Any]:
        return self.inbox[-1]

    def kinds(self) -> list[str]:
        return [item["type"] for item in self.inbox]


def make_hub(tmp_path: Path, pace: str = "together", **options: bool) -> Hub:
    source = FIRST_CALL.read_text()
    scenario = load_text(source, str(FIRST_CALL))
    records = Records.open()
    return Hub.create(scenario, source, records, pace=pace, **options)


def played_hub(tmp_path: Path, plans: dict[str, list[str]]) -> Hub:
    """A free-paced class where each name plays its plan's choices in turn, and one more
    trainee, "Gone", joins and is removed."""
    hub = make_hub(tmp_path, pace="free")
    for name, plan in plans.items():
        seat = hub.join(Trainee(), hub.code, name=name)
        for step, choice in enumerate(plan):
            hub.choose(seat, step, choice)
    hub.join(Trainee(), hub.code, name="Gone")
    hub.remove(len(plans) + 1)
    return hub


def reopen(hub: Hub, tmp_path: Path, **options: bool) -> Hub:
    """The same session in a new hub over a new connection, as a restarted host sees it."""
    records = Records.open()
    session = records.session(hub.session.id)
    assert session is not None
    scenario = load_text(session.scenario_source, session.scenario_path)
    return Hub.resume(scenario, records, session, **options)
