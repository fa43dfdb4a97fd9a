"""Writes that fail (a lock held too long, a full disk, a read-only folder) lose nothing."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import read_only

from cold_to_gold.base.paths import bundled_dir, database_path
from cold_to_gold.cli import main
from cold_to_gold.engine import SearchTooLarge
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.store.recorded import CATCH_UP_PATIENCE_MS
from cold_to_gold.store.run_copy import as_json, write_copy

FIRST_STEPS = load_scenario(bundled_dir("scenarios") / "first-steps.yaml")
TO_THE_END = ("call", "short-note", "listen", "ask")


def test_a_lock_held_too_long_fails_the_save_quickly_and_a_retry_saves_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    recorded = RecordedRun.start(FIRST_STEPS, store)
    recorded.choose("call")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a backup tool holds the write lock for minutes
    began = time.monotonic()
    recorded.choose("short-note")
    assert time.monotonic() - began < 2  # the wait is short: the app never freezes on it
    assert recorded.unsaved == "database is locked"
    asked: list[int] = []  # how long each later write may wait for the lock, in ms
    patience = store.patience
    monkeypatch.setattr(store, "patience", lambda ms: asked.append(ms) or patience(ms))
    for choice in TO_THE_END[2:]:  # the run goes on in memory, and no longer waits
        asked.clear()
        recorded.choose(choice)
        assert asked and set(asked) == {CATCH_UP_PATIENCE_MS}  # not the 500 ms of a save
    assert recorded.run.finished and not recorded.kept
    assert not recorded.retry()  # still locked
    holder.execute("ROLLBACK")
    holder.close()
    assert recorded.retry() and recorded.kept
    other = ProgressStore.open(path)
    assert [(run.id, run.ending) for run in other.history()] == [(recorded.id, "street")]
    assert other.transcript(recorded.id)["steps"][1]["choice"] == "short-note"


def test_a_file_that_turns_read_only_is_survived_and_the_next_choice_catches_up(
    tmp_path: Path,
) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(FIRST_STEPS, store)
    store.db.execute("PRAGMA query_only = ON")  # every write now fails as on a read-only file
    for choice in TO_THE_END[:3]:
        recorded.choose(choice)
    assert recorded.unsaved == "attempt to write a readonly database"
    assert recorded.run.path == list(TO_THE_END[:3])
    store.db.execute("PRAGMA query_only = OFF")
    recorded.choose("ask")  # the next change writes the whole run
    assert recorded.kept
    assert [run.ending for run in store.history()] == ["street"]
    saved = store.db.execute(
        "SELECT choice_id FROM choices WHERE run_id = ? ORDER BY position", (recorded.id,)
    ).fetchall()
    assert [choice for (choice,) in saved] == list(TO_THE_END)


def test_a_run_discarded_by_another_window_is_written_back(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    recorded = RecordedRun.start(FIRST_STEPS, store)
    recorded.choose("call")
    other = ProgressStore.open(path)
    other.discard_run(recorded.id)  # the other window offered it for resume; "discard"
    recorded.choose("short-note")  # its run row is gone: the save fails, then writes it back
    assert recorded.unsaved is not None
    assert recorded.retry()
    assert [run.choices for run in other.unfinished_runs()] == [("call", "short-note")]


def test_a_read_only_folder_still_shows_history_and_plays_without_saving(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ProgressStore.open()
    recorded = RecordedRun.start(FIRST_STEPS, store)
    for choice in TO_THE_END:
        recorded.choose(choice)
    store.close()
    path = database_path()
    before = sorted(data_home.iterdir())
    contents = path.read_bytes()
    with read_only(data_home):
        store = ProgressStore.open()
        assert store.storage == "copy"
        assert "your history is shown" in (store.notice or "")
        assert [run.ending for run in store.history()] == ["street"]
        replay = RecordedRun.start(FIRST_STEPS, store)
        for choice in TO_THE_END:
            replay.choose(choice)
        assert replay.unsaved is None and not replay.kept  # played in memory only
        assert len(store.history()) == 2
        store.close()
        assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert "first-steps" in out and "No finished runs" not in out
    assert "cannot be saved" in err
    assert sorted(data_home.iterdir()) == before  # nothing moved, nothing added
    assert path.read_bytes() == contents


def test_a_read_only_file_is_read_not_moved(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    RecordedRun.start(FIRST_STEPS, store).choose("call")
    store.close()
    with read_only(path):
        store = ProgressStore.open(path)
        assert store.storage == "copy"
        assert [run.choices for run in store.unfinished_runs()] == [("call",)]
    assert not list(tmp_path.glob("*unreadable*"))


def test_history_says_when_the_progress_cannot_be_read(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database_path().write_bytes(b"not a database" * 100)
    with read_only(data_home):  # it cannot even be moved aside
        assert main(["history"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read your progress" in err


def test_an_engine_failure_at_the_end_keeps_every_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cold_to_gold.store import recorded as recorded_module

    def too_large(run: object) -> None:
        raise SearchTooLarge("more than 2,000,000 run states")

    monkeypatch.setattr(recorded_module, "transcript", too_large)
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(FIRST_STEPS, store)
    for choice in TO_THE_END:
        recorded.choose(choice)
    assert recorded.run.finished
    assert recorded.unscored == "SearchTooLarge: more than 2,000,000 run states"
    assert recorded.kept
    [saved] = store.unfinished_runs()  # not finished in the store: it could not be graded
    assert saved.choices == TO_THE_END
    replay = RecordedRun.resume(FIRST_STEPS, store, saved)
    assert replay.recorded.run.finished and replay.recorded.unscored is not None


def test_a_copy_elsewhere_replays_the_run(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(FIRST_STEPS, store)
    for choice in TO_THE_END:
        recorded.choose(choice)
    target = write_copy(recorded.record(), tmp_path / "copy.json")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data == as_json(recorded.record())
    assert [step["choice"] for step in data["choices"]] == list(TO_THE_END)
    assert data["transcript"]["ending"] == "street"
    assert data["replay"].endswith("--choose call,short-note,listen,ask")
    with pytest.raises(FileExistsError):  # never over an existing file
        write_copy(recorded.record(), target)


def test_the_rooms_votes_missed_by_a_failed_save_are_written_with_the_run(
    tmp_path: Path,
) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(FIRST_STEPS, store, presenter=True)
    recorded.record_tally({"post": 1, "call": 6})
    recorded.choose("call")
    store.db.execute("PRAGMA query_only = ON")  # every write fails from here
    recorded.record_tally({"short-note": 5})
    assert recorded.unsaved == "attempt to write a readonly database"
    recorded.choose("short-note")
    recorded.record_tally({"listen": 2, "show-demo": 2})
    recorded.undo()  # back at the second scene: its vote stays, the third's is forgotten
    assert sorted(recorded.votes) == [0, 1]
    store.db.execute("PRAGMA query_only = OFF")
    assert recorded.retry() and recorded.kept
    assert {at: tally.hands for at, tally in store.tallies(recorded.id).items()} == {
        0: {"post": 1, "call": 6},
        1: {"short-note": 5},
    }
    for choice in TO_THE_END[1:]:
        recorded.choose(choice)
    [finished] = store.history()
    assert [vote.as_json()["step"] for vote in finished.votes] == [1, 2]


def test_a_copy_elsewhere_keeps_the_rooms_votes(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(FIRST_STEPS, store, presenter=True)
    recorded.record_tally({"call": 6, "post": 2})
    recorded.choose("call")
    data = as_json(recorded.record())
    assert data["votes"] == [{"step": 1, "scene": "hello", "hands": {"call": 6, "post": 2}}]
