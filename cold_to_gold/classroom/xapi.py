"""xAPI 1.0.3 statements for a learning record store, built as plain dicts.

Per attempt (one trainee's run): `attended` the session (class sessions only),
`answered` per decision with the channel as the response, `completed` with
the score, success and duration, and `passed` or `failed` (passed means the
run ended `won` with a score above 0 %). Each attempt has its own registration; a class session is
the grouping activity and the facilitator the instructor. Statement ids are
UUIDs derived from what they describe, so the same statement always has the
same id: an outbox can resend it without ever making a second one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cold_to_gold.classroom.results import Attempt, SessionResults
from cold_to_gold.classroom.roster import Roster, home_page
from cold_to_gold.engine import transcript
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.spec import CHANNELS

NAMESPACE = uuid.UUID("6f0d7a3c-0c7e-5e0b-9a55-c01d70601d00")  # this project's own
HOME = "urn:cold-to-gold"
VERBS = {
    name: {"id": f"http://adlnet.gov/expapi/verbs/{name}", "display": {"en-US": name}}
    for name in ("attended", "answered", "completed", "passed", "failed")
}
ACTIVITY_TYPES = {
    "meeting": "http://adlnet.gov/expapi/activities/meeting",
    "simulation": "http://adlnet.gov/expapi/activities/simulation",
    "interaction": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
CHOICE_EXTENSION = f"{HOME}:extension:choice"
# What the class report needs that xAPI has no field for (docs/class-report-from-xapi.md).
MINUTES_EXTENSION = f"{HOME}:extension:minutes"
MISTAKE_EXTENSION = f"{HOME}:extension:mistake"
GRADE_EXTENSION = f"{HOME}:extension:grade"
OUTCOME_EXTENSION = f"{HOME}:extension:outcome"
CHANNELS_EXTENSION = f"{HOME}:extension:channel-mix"


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def agent(name: str, account: str, roster: Roster | None = None) -> dict[str, Any]:
    """A person: their learner identity from the roster, else an account of this session's."""
    return (roster or Roster()).actor(name, account, home_page())


def duration(start: str, end: str) -> str:
    """ISO 8601 duration between two timestamps, to the hundredth of a second."""
    elapsed = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    seconds = max(0.0, elapsed.total_seconds())
    return f"PT{seconds:.2f}S"


def _scenario_activity(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": f"{HOME}:scenario:{data['scenario']}",
        "definition": {"name": {"en-US": data["title"]}, "type": ACTIVITY_TYPES["simulation"]},
    }


def _decision_activity(
    data: dict[str, Any], scene_id: str, scenario: Scenario | None
) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "name": {"en-US": scene_id},
        "type": ACTIVITY_TYPES["interaction"],
        "interactionType": "choice",
    }
    scene = scenario.scenes.get(scene_id) if scenario is not None else None
    if scene is not None:
        # The response is the channel taken, so the listed choices are the channels on
        # offer (an LRS that counts answers per choice can match them); the choice's own
        # id stays in the result's extension.
        definition["name"] = {"en-US": scene.title}
        definition["choices"] = [
            {
                "id": channel,
                "description": {
                    "en-US": f"{channel}: "
                    + " / ".join(c.label for c in scene.choices if c.channel == channel)
                },
            }
            for channel in CHANNELS
            if any(choice.channel == channel for choice in scene.choices)
        ]
    return {
        "objectType": "Activity",
        "id": f"{HOME}:scenario:{data['scenario']}:scene:{scene_id}",
        "definition": definition,
    }


def _score(data: dict[str, Any]) -> dict[str, Any]:
    raw = float(data["score"])
    score: dict[str, Any] = {"scaled": round(data["percent"] / 100, 4), "raw": raw}
    low, best = min(0.0, raw), float(data["best"]["score"])
    score["min"] = low
    if best >= raw and best > low:  # xAPI: min <= raw <= max, and min < max
        score["max"] = best
    return score


def attempt_statements(
    data: dict[str, Any],
    actor: dict[str, Any],
    attempt_key: str,
    started_at: str,
    stamps: Sequence[str],
    scenario: Scenario | None = None,
    session: dict[str, Any] | None = None,
    instructor: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Every statement about one attempt (its transcript `data`), in the order things happened.

    `stamps` are the times each choice was made; `scenario`, when known, names the
    decisions and lists their choices.
    """
    registration = stable_id(attempt_key, "registration")
    context: dict[str, Any] = {"registration": registration, "platform": "Cold to Gold"}
    if instructor is not None:
        context["instructor"] = instructor
    scenario_activity = _scenario_activity(data)
    activities: dict[str, Any] = {"parent": [scenario_activity]}
    if session is not None:
        activities["grouping"] = [session]
    context["contextActivities"] = activities

    def statement(kind: str, key: object, obj: dict[str, Any], at: str, **more: Any):
        return {
            "id": stable_id(attempt_key, kind, key),
            "actor": actor,
            "verb": VERBS[kind],
            "object": obj,
            "timestamp": at,
            **more,
        }

    statements = []
    if session is not None:
        own = dict(context, contextActivities={"parent": [scenario_activity]})
        statements.append(statement("attended", 0, session, started_at, context=own))
    for number, (step, at) in enumerate(zip(data["steps"], stamps, strict=False)):
        extensions = {CHOICE_EXTENSION: step["choice"], MINUTES_EXTENSION: step["minutes"]}
        if step.get("mistake"):
            extensions[MISTAKE_EXTENSION] = True
        result = {"response": step["channel"], "extensions": extensions}
        activity = _decision_activity(data, step["scene"], scenario)
        statements.append(
            statement("answered", number, activity, at, result=result, context=context)
        )
    if data["ending"] is not None and stamps:
        won = data["outcome"] == "won" and data["percent"] > 0  # never "passed" at 0 %
        result = {
            "score": _score(data),
            "success": won,
            "completion": True,
            "duration": duration(started_at, stamps[-1]),
            "extensions": {
                GRADE_EXTENSION: data["grade"],
                OUTCOME_EXTENSION: data["outcome"],
                MINUTES_EXTENSION: data["minutes_spent"],
                CHANNELS_EXTENSION: data["channel_mix"],
            },
        }
        ended_at = stamps[-1]
        for kind in ("completed", "passed" if won else "failed"):
            statements.append(
                statement(kind, 0, scenario_activity, ended_at, result=result, context=context)
            )
    return statements


def session_activity(results: SessionResults) -> dict[str, Any]:
    session = results.session
    return {
        "objectType": "Activity",
        "id": f"{HOME}:session:{session.id}",
        "definition": {
            "name": {"en-US": f"{session.title} — class session {session.id}"},
            "type": ACTIVITY_TYPES["meeting"],
        },
    }


def seat_statements(
    results: SessionResults, attempt: Attempt, roster: Roster | None = None
) -> list[dict[str, Any]]:
    """The statements of one trainee's attempt in a class session."""
    session = results.session
    return attempt_statements(
        transcript(attempt.run),
        agent(attempt.name, f"{session.id}/seat-{attempt.seat.seat}", roster),
        f"{session.id}/{attempt.seat.seat}",
        attempt.seat.joined_at,
        [choice.made_at for choice in attempt.choices],
        scenario=results.scenario,
        session=session_activity(results),
        instructor=agent(session.facilitator, f"{session.id}/facilitator"),
    )


def session_statements(
    results: SessionResults, roster: Roster | None = None
) -> list[dict[str, Any]]:
    """Every statement of a class session, trainee by trainee (removed ones left out)."""
    return [
        statement
        for attempt in results.attempts
        if not attempt.removed
        for statement in seat_statements(results, attempt, roster)
    ]
