"""What the host tells one trainee about their own run: the protocol's host messages.

These read the engine's public objects only; a trainee's view never holds
anything about another seat.
"""

from __future__ import annotations

from typing import Any

from cold_to_gold.classroom.protocol import message
from cold_to_gold.engine import Run, Step, result_of


def scene_message(run: Run) -> dict[str, Any]:
    """The scene the trainee stands in and its numbered options (locked ones say why)."""
    scene = run.scene
    assert scene is not None
    options = [
        {
            "number": option.number,
            "id": option.choice.id,
            "label": option.choice.label,
            "channel": option.choice.channel,
            "locked": option.reason,
        }
        for option in run.options()
    ]
    return message(
        "scene",
        step=len(run.steps),
        path=run.path,
        scene={"id": scene.id, "title": scene.title, "text": run.scene_text or ""},
        options=options,
    )


def feedback_message(run: Run, step: Step, number: int) -> dict[str, Any]:
    """What the trainee's `number`-th choice (from 0) did, once it may be shown."""
    choice = step.choice
    return message(
        "feedback",
        step=number,
        choice=choice.id,
        channel=choice.channel,
        label=choice.label,
        text=step.feedback or "",  # the variant shown (format 2), or none
        path=run.path[: number + 1],
        finished=run.finished and number == len(run.steps) - 1,
    )


def finished_message(run: Run) -> dict[str, Any]:
    return message("finished", path=run.path, result=result_summary(run))


def result_summary(run: Run) -> dict[str, Any]:
    """The end of a finished run as the trainee, the roster and the export see it."""
    ending = run.ending
    assert ending is not None
    result = result_of(run)
    score = result.score
    return {
        "ending": ending.id,
        "title": ending.title,
        "text": run.ending_text or "",
        "outcome": ending.outcome,
        "grade": result.grade,
        "percent": result.percent,
        "score": int(score) if score == int(score) else float(score),
        "minutes": run.state.minutes_spent,
    }
