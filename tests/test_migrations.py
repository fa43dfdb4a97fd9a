"""The schema as an ordered list of steps: adding one is one function, applied whole or not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun, database, schema

FIRST_STEPS = load_scenario(bundled_dir("scenarios") / "first-steps.yaml")


def with_steps(monkeypatch: pytest.MonkeyPatch, *extra: schema.Step) -> int:
    """The schema as a later release would have it, with `extra` steps at the end."""
    steps = [*schema.STEPS, *extra]
    monkeypatch.setattr(database, "STEPS", steps)
    monkeypatch.setattr(database, "SCHEMA_VERSION", len(steps))
    return len(steps)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def test_the_version_is_the_number_of_steps(tmp_path: Path) -> None:
    assert database.SCHEMA_VERSION == len(schema.STEPS) >= 1
    ProgressStore.open(tmp_path / "p.sqlite3").close()
    with sqlite3.connect(tmp_path / "p.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    assert {"settings", "runs", "choices"} <= tables(tmp_path / "p.sqlite3")


def test_a_new_step_migrates_an_existing_file_and_keeps_its_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    run_id = RecordedRun.start(FIRST_STEPS, store).id
    store.close()

    def votes(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE votes (run_id INTEGER REFERENCES runs (id), tally TEXT)")

    version = with_steps(monkeypatch, votes)
    store = ProgressStore.open(path)
    assert (store.storage, store.notice) == ("disk", None)
    assert [run.id for run in store.unfinished_runs()] == [run_id]
    store.db.execute("INSERT INTO votes VALUES (?, '3,5,1')", (run_id,))
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == version


def test_a_step_that_fails_changes_nothing_and_moves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    for _ in range(2):
        RecordedRun.start(FIRST_STEPS, store)
    store.close()

    def half_done(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE partial (x)")
        # fails on this file (two runs of one scenario), as a step can on data in the field
        db.execute("CREATE UNIQUE INDEX one_run_each ON runs (scenario_id)")

    with_steps(monkeypatch, half_done)
    store = ProgressStore.open(path)
    assert store.storage == "memory" and "UNIQUE constraint failed" in (store.notice or "")
    store.close()
    assert "partial" not in tables(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.STEPS)
    assert not list(tmp_path.glob("*unreadable*"))
