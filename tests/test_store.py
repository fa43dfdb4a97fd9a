"""The progress store: saved as it goes, versioned, and never the reason the app cannot open."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

import pytest

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.store.database import SCHEMA_VERSION
from cold_to_gold.store.progress import StoreClosed

FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"


def test_every_choice_is_saved_as_it_is_made(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    recorded.choose("call")
    # a second connection (another process, or the app after a crash) sees it at once
    other = sqlite3.connect(path)
    assert other.execute("SELECT choice_id FROM choices").fetchall() == [("call",)]
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_undo_forgets_the_choice_and_reopens_a_finished_run(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    for choice in ("call", "short-note", "listen", "ask"):
        recorded.choose(choice)
    assert [run.ending for run in store.history()] == ["street"]
    recorded.undo()
    assert store.history() == []
    assert store.unfinished_runs()[0].choices == ("call", "short-note", "listen")


def test_finishing_twice_keeps_the_first_finish_time(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store)
    for choice in ("email", "brochure"):
        recorded.choose(choice)
    first = store.history()[0].finished_at
    from cold_to_gold.engine import transcript

    store.finish_run(recorded.id, transcript(recorded.run))
    assert store.history()[0].finished_at == first
    assert store.transcript(recorded.id)["ending"] == "filed"


def test_resume_drops_choices_that_no_longer_apply(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    scenario = load_scenario(FIRST_STEPS)
    recorded = RecordedRun.start(scenario, store)
    recorded.choose("call")
    store.record_choice(recorded.id, 1, "conversation", "no-such-choice")
    replay = RecordedRun.resume(scenario, store, store.unfinished_runs()[0])
    assert replay.dropped == 1
    assert replay.recorded.run.path == ["call"]
    assert store.unfinished_runs()[0].choices == ("call",)


def test_a_corrupt_file_is_moved_aside_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"not sqlite" * 50)
    store = ProgressStore.open(path)
    assert store.notice is not None and "could not be read" in store.notice
    moved = list(tmp_path.glob("p.sqlite3.unreadable-*"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"not sqlite")
    assert store.history() == []
    assert store.saving


def test_a_file_that_fails_its_integrity_check_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore.open(path)
    scenario = load_scenario(FIRST_STEPS)
    for _ in range(40):
        RecordedRun.start(scenario, store).choose("call")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page : page + 12] = b"\xff" * 12  # damage the second page's header, keep the file's
    path.write_bytes(bytes(data))
    store = ProgressStore.open(path)
    assert "could not be read" in (store.notice or "")
    assert len(list(tmp_path.glob("p.sqlite3.unreadable-*"))) == 1
    assert store.saving and store.unfinished_runs() == []


def test_a_file_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()
    before = path.read_bytes()
    store = ProgressStore.open(path)
    assert "newer Cold to Gold" in (store.notice or "")
    assert store.storage == "memory"
    assert not list(tmp_path.glob("p.sqlite3.unreadable-*"))  # the newer app still finds it
    store.set_setting("welcomed", "yes")
    store.close()
    assert path.read_bytes() == before


def test_an_unwritable_place_gives_a_store_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    store = ProgressStore.open(blocker / "p.sqlite3")  # its folder cannot be created
    assert "cannot be saved" in (store.notice or "")
    store.set_setting("welcomed", "yes")
    assert store.setting("welcomed") == "yes"


def test_closing_while_another_thread_reads_is_safe(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(2000):
                store.best_by_scenario()
        except StoreClosed:
            return
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=reader)
    thread.start()
    store.close()
    thread.join()
    assert errors == []
    with pytest.raises(StoreClosed):
        store.history()


def finished(store: ProgressStore, scenario: str, percent: int, finished_at: str) -> int:
    """A finished run as the store keeps it, with the percent and time given."""
    run_id = store.start_run(scenario, f"/{scenario}.yaml", scenario.title())
    store.db.execute(
        "UPDATE runs SET finished_at = ?, grade = 'warm', percent = ?, score = 1, minutes = 5, "
        "ending = 'end', outcome = 'won' WHERE id = ?",
        (finished_at, percent, run_id),
    )
    return run_id


def test_the_best_run_is_the_highest_percent_and_the_first_on_a_tie(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    finished(store, "a", 40, "2026-11-01T09:00:00+00:00")
    first_best = finished(store, "a", 90, "2026-11-02T09:00:00+00:00")
    finished(store, "a", 90, "2026-11-03T09:00:00+00:00")
    finished(store, "a", 70, "2026-11-04T09:00:00+00:00")
    only = finished(store, "b", 10, "2026-11-01T10:00:00+00:00")
    store.start_run("c", "/c.yaml", "C")  # unfinished: no best
    best = store.best_by_scenario()
    assert {scenario: run.id for scenario, run in best.items()} == {"a": first_best, "b": only}
    assert best["a"].percent == 90 and best["a"].outcome == "won"


def test_the_picker_s_reads_do_not_walk_every_run(tmp_path: Path) -> None:
    """Each scenario's best run and the unfinished runs come from their indexes: a long
    history's rows (transcripts and all) are not read before the picker's first frame."""
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    captured: list[str] = []
    store.db.set_trace_callback(captured.append)
    store.best_by_scenario()
    store.unfinished_runs()
    store.db.set_trace_callback(None)
    plans = [
        " / ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {query}"))
        for query in captured
        if query.startswith("SELECT") and "FROM runs" in query
    ]
    assert len(plans) == 2
    assert "COVERING INDEX best_runs" in plans[0]
    assert "INDEX unfinished_runs" in plans[1]
    for plan in plans:  # a walk through the table itself reads as "SCAN runs" alone
        assert re.search(r"SCAN runs(?! USING)", plan) is None, plan
