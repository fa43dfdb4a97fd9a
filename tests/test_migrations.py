"""The schema as an ordered list of steps: adding one is one function, applied whole or not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.library.load import load_scenario
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


# The schema as each earlier release wrote it, kept as SQL so these files stay what was
# shipped: version 1 (runs and choices), and version 2 as written before the steps were
# functions (the same tables plus the room's tallies, in one script per version).
VERSION_1 = """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_path TEXT NOT NULL,
        title TEXT NOT NULL, presenter INTEGER NOT NULL DEFAULT 0, started_at TEXT NOT NULL,
        finished_at TEXT, ending TEXT, outcome TEXT, grade TEXT, percent INTEGER,
        score REAL, minutes INTEGER, transcript TEXT
    );
    CREATE INDEX runs_by_scenario ON runs (scenario_id, finished_at);
    CREATE TABLE choices (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL, scene_id TEXT NOT NULL, choice_id TEXT NOT NULL,
        made_at TEXT NOT NULL, PRIMARY KEY (run_id, position)
    );
"""
TALLIES = """
    CREATE TABLE tallies (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL, scene_id TEXT NOT NULL, hands TEXT NOT NULL,
        PRIMARY KEY (run_id, position)
    );
"""
A_RUN = (
    "INSERT INTO runs (id, scenario_id, scenario_path, title, presenter, started_at) "
    "VALUES (7, 'first-steps', '/old/first-steps.yaml', 'First Steps', 1, "
    "'2026-11-01T09:00:00+00:00');"
    "INSERT INTO choices VALUES (7, 0, 'hello', 'call', '2026-11-01T09:01:00+00:00');"
)


def old_file(path: Path, version: int, script: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(f"BEGIN; {script}; PRAGMA user_version = {version}; COMMIT;")
    db.close()


def test_the_rooms_votes_are_step_two_and_the_quick_reads_step_three() -> None:
    assert [step.__name__ for step in schema.STEPS] == [
        "runs_and_their_choices",
        "the_rooms_votes",
        "a_long_history_read_quickly",
    ]
    assert database.SCHEMA_VERSION == 3


def test_a_version_1_file_gains_the_rooms_votes_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    old_file(path, 1, VERSION_1 + A_RUN)
    store = ProgressStore.open(path)
    assert (store.storage, store.notice) == ("disk", None)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 3
    [saved] = store.unfinished_runs()
    assert (saved.id, saved.choices, saved.votes) == (7, ("call",), ())
    store.record_tally(7, 1, "in_writing", {"short-note": 4})
    assert store.tallies(7)[1].hands == {"short-note": 4}


def test_a_version_2_file_keeps_its_tallies_and_gains_the_indexes(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    vote = "INSERT INTO tallies VALUES (7, 0, 'hello', '{\"call\": 6, \"post\": 2}');"
    old_file(path, 2, VERSION_1 + TALLIES + A_RUN + vote)
    store = ProgressStore.open(path)
    assert (store.storage, store.notice) == ("disk", None)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 3
    indexes = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master")}
    assert {"best_runs", "unfinished_runs"} <= indexes
    [saved] = store.unfinished_runs()
    assert [(tally.position, tally.hands) for tally in saved.votes] == [(0, {"call": 6, "post": 2})]
    replay = RecordedRun.resume(FIRST_STEPS, store, saved)
    assert replay.recorded.vote_on(0).share("call") == 75
    replay.recorded.choose("short-note")  # ids from time and random bits sit beside the old ones
    new = RecordedRun.start(FIRST_STEPS, store, presenter=True)
    new.record_tally({"post": 1})
    assert new.id > 7 and new.kept and sorted(store.tallies(new.id)) == [0]
