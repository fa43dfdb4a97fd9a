"""The gradebook: a CSV with a row per trainee, for a session or for one person's own runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cold_to_gold.classroom.results import SessionResults
from cold_to_gold.engine import transcript
from cold_to_gold.scenario.spec import CHANNELS

FIXED = ["name", "grade", "percent", "outcome", "minutes"]
CHANNEL_COLUMNS = [f"{channel}_minutes" for channel in CHANNELS]


@dataclass(frozen=True)
class Row:
    """A trainee's name and the transcript of their run (finished or not)."""

    name: str
    transcript: dict[str, Any]


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would be read as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cells(row: Row, decisions: int) -> list[str | int]:
    data = row.transcript
    finished = data["ending"] is not None
    path = [step["choice"] for step in data["steps"]]
    path += [""] * (decisions - len(path))
    return [
        safe_cell(row.name),
        data["grade"] if finished else "",
        data["percent"] if finished else "",
        data["outcome"] if finished else "unfinished",
        data["minutes_spent"],
        *(data["channel_mix"][channel]["minutes"] for channel in CHANNELS),
        *path,
    ]


def gradebook(rows: Iterable[Row]) -> str:
    """The CSV text: `name, grade, percent, outcome, minutes`, minutes per channel, decisions."""
    rows = list(rows)
    decisions = max((len(row.transcript["steps"]) for row in rows), default=0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIXED + CHANNEL_COLUMNS + [f"decision_{n}" for n in range(1, decisions + 1)])
    for row in rows:
        writer.writerow(_cells(row, decisions))
    return out.getvalue()


def session_gradebook(results: SessionResults) -> str:
    """One row per trainee of the session (removed trainees are left out), in seat order."""
    rows = [Row(a.name, transcript(a.run)) for a in results.attempts if not a.removed]
    return gradebook(rows)
