"""Several processes on one progress file at once: nothing moved aside, no run lost."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.store.database import SCHEMA_VERSION

FIRST_STEPS = load_scenario(bundled_dir("scenarios") / "first-steps.yaml")
TO_THE_END = ("call", "short-note", "listen", "ask")

# Forked children start at once (no interpreter to load), so they really race.
FORK = multiprocessing.get_context("fork")


def play_runs(path: str, runs: int, start: object, results: object) -> None:
    """A child process: wait for the others, open the store, play `runs` runs to the end."""
    start.wait()  # type: ignore[attr-defined]
    try:
        store = ProgressStore.open(Path(path))
        ids = []
        for _ in range(runs):
            recorded = RecordedRun.start(FIRST_STEPS, store)
            for choice in TO_THE_END:
                recorded.choose(choice)
            ids.append(recorded.id)
            assert recorded.kept, recorded.unsaved
        results.put((store.notice, store.storage, ids))  # type: ignore[attr-defined]
        store.close()
    except BaseException as error:  # reported to the parent, which fails the test
        results.put((repr(error), "failed", []))  # type: ignore[attr-defined]


def race(folder: Path, processes: int, runs: int) -> list[tuple[str | None, str, list[int]]]:
    """Start `processes` children on a fresh folder at the same moment; their reports."""
    path = folder / "progress.sqlite3"
    start, results = FORK.Barrier(processes), FORK.Queue()
    children = [
        FORK.Process(target=play_runs, args=(str(path), runs, start, results))
        for _ in range(processes)
    ]
    for child in children:
        child.start()
    reports = [results.get(timeout=60) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    return reports


@pytest.mark.slow  # a race of processes, many rounds
def test_thirty_pairs_opening_one_fresh_folder_move_nothing_aside_and_lose_no_run(
    tmp_path: Path,
) -> None:
    for attempt in range(30):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        reports = race(folder, processes=2, runs=1)
        assert [(notice, storage) for notice, storage, _ in reports] == [(None, "disk")] * 2
        assert not list(folder.glob("*unreadable*"))  # nothing moved aside
        store = ProgressStore.open(folder / "progress.sqlite3")
        assert sorted(run.id for run in store.history()) == sorted(
            run_id for _, _, ids in reports for run_id in ids
        )
        store.close()


@pytest.mark.slow  # a race of processes, many rounds
def test_every_run_of_four_processes_lands_in_history(tmp_path: Path) -> None:
    reports = race(tmp_path, processes=4, runs=6)
    ids = [run_id for _, _, report_ids in reports for run_id in report_ids]
    assert len(set(ids)) == 24  # no two processes were given the same run id
    store = ProgressStore.open(tmp_path / "progress.sqlite3")
    history = store.history()
    assert sorted(run.id for run in history) == sorted(ids)
    assert {run.ending for run in history} == {"street"}
    assert store.unfinished_runs() == []


def test_a_second_process_waits_for_the_schema_then_uses_it(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    start, results = FORK.Barrier(2), FORK.Queue()
    child = FORK.Process(target=play_runs, args=(str(path), 1, start, results))
    child.start()  # before the parent opens the file: a fork must not inherit SQLite's locks
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # as a process creating the schema would
    holder.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    start.wait()
    time.sleep(0.3)  # the child is waiting for the lock by now
    holder.execute("ROLLBACK")  # the first process gave up half-way; nothing of it stays
    holder.close()
    notice, storage, ids = results.get(timeout=30)
    child.join(timeout=30)
    assert (notice, storage, len(ids)) == (None, "disk", 1)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_a_file_locked_past_the_wait_is_read_not_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cold_to_gold.store import database

    path = tmp_path / "progress.sqlite3"
    first = ProgressStore.open(path)
    RecordedRun.start(FIRST_STEPS, first).choose("call")
    first.close()
    # A newer release adds a step: opening the file must migrate it, so take the lock.
    steps = [*database.STEPS, lambda db: db.execute("CREATE TABLE votes (run_id INTEGER)")]
    monkeypatch.setattr(database, "STEPS", steps)
    monkeypatch.setattr(database, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(database, "OPEN_PATIENCE_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a backup tool, or another program, holds the lock
    store = ProgressStore.open(path)
    holder.execute("ROLLBACK")
    holder.close()
    assert store.storage == "copy"
    assert "database is locked" in (store.notice or "")
    assert [run.choices for run in store.unfinished_runs()] == [("call",)]
    assert not list(tmp_path.glob("*unreadable*"))
    store.close()
    store = ProgressStore.open(path)  # once the lock is gone, the file is migrated and used
    assert (store.storage, store.notice) == ("disk", None)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(steps)


def test_run_ids_are_not_reused_after_a_discard(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    first = RecordedRun.start(FIRST_STEPS, store)
    first.discard()
    second = RecordedRun.start(FIRST_STEPS, store)
    assert second.id > first.id
    assert 0 < second.id < 2**53  # exact in JSON
