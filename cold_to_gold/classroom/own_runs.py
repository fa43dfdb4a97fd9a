"""A trainee's own finished runs (the progress store), exported like a class session."""

from __future__ import annotations

import getpass
from typing import Any

from cold_to_gold.classroom.gradebook import Row, gradebook
from cold_to_gold.classroom.xapi import agent, attempt_statements
from cold_to_gold.store.progress import FinishedRun, ProgressStore


def who() -> str:
    """The name a single trainee's exports carry: their login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "trainee"


def _finished(store: ProgressStore, scenario: str | None) -> list[tuple[FinishedRun, dict]]:
    found = []
    for run in reversed(store.history(scenario)):  # history is newest first; exports are not
        data = store.transcript(run.id)
        if data is not None:
            found.append((run, data))
    return found


def own_gradebook(store: ProgressStore, scenario: str | None = None) -> str:
    """A row per finished run, named by the trainee (oldest first)."""
    name = who()
    return gradebook(Row(name, data) for _, data in _finished(store, scenario))


def own_statements(store: ProgressStore, scenario: str | None = None) -> list[dict[str, Any]]:
    """xAPI statements for each finished run: answered per decision, completed, passed/failed."""
    name = who()
    actor = agent(name, f"local/{name}")
    statements = []
    for run, data in _finished(store, scenario):
        stamps = list(store.choice_times(run.id))
        if len(stamps) != len(data["steps"]):
            stamps = [run.finished_at] * len(data["steps"])  # a run saved before stamps
        key = f"local/{name}/{run.id}/{run.started_at}"
        statements += attempt_statements(data, actor, key, run.started_at, stamps)
    return statements
