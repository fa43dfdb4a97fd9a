"""A lock that blocks readers (another program's `BEGIN EXCLUSIVE` in rollback-journal mode,
as a database browser or a backup tool takes it): nothing waits on it for more than a few
seconds; `history`, `check-setup` and the app say, in one line, that progress cannot be
read now. The lock is held by a real second process."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cold_to_gold.base import paths
from cold_to_gold.cli import main, preflight
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun, database

HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
db.execute("PRAGMA journal_mode = DELETE")
db.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.readline()  # until the test lets go (or ends: its pipe closes)
db.execute("ROLLBACK")
"""


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The progress file, with one finished run, held locked by another process.

    The commands and the app give up on it after a tenth of their usual patience (2 s
    to open, 1 s to copy): what they say then is the same, and no test sits out three
    seconds per lock; the first test below times a bounded wait on its own."""
    monkeypatch.setattr(database, "OPEN_PATIENCE_SECONDS", 0.2)
    monkeypatch.setattr(database, "COPY_PATIENCE_SECONDS", 0.1)
    path = paths.database_path()
    store = ProgressStore.open(path)
    scenario = load_scenario(paths.bundled_dir("scenarios") / "first-steps.yaml")
    RecordedRun.start(scenario, store).choose("call")
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        yield path
    finally:
        holder.communicate("\n", timeout=10)


def test_opening_a_file_locked_against_readers_gives_up_quickly_and_says_why(
    locked: Path,
) -> None:
    began = time.monotonic()
    store = ProgressStore.open(locked, patience=0.3)
    took = time.monotonic() - began
    assert store.storage == "memory" and not store.saving
    assert store.notice is not None and "cannot be read now" in store.notice
    assert "another program" in store.notice and "\n" not in store.notice
    assert took < 3  # 0.3 s to open, 0.3 s for the copy: a generous margin, not a race
    store.close()


def test_history_says_it_cannot_read_progress_now(locked: Path, capsys) -> None:
    assert main(["history"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot be read now" in error


def test_check_setup_names_the_lock(locked: Path) -> None:
    finding = preflight.progress_file()
    assert finding.status == "warn"
    assert "another program" in finding.message and "cannot be read now" in finding.message


async def test_the_app_shows_the_picker_and_answers_keys(locked: Path) -> None:
    from cold_to_gold.tui.app import build_app
    from cold_to_gold.tui.screens.picker import PickerScreen

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("cannot be read now" in str(n.message) for n in app._notifications)
        await pilot.press("q")
    assert app.return_code in (0, None)


def hold(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_classroom_records_locked_against_readers_give_up_quickly_and_say_why() -> None:
    """`report` and `export` open the classroom records: a held lock costs them a moment."""
    from cold_to_gold.classroom.records import Records, RecordsError, records_path

    Records.open().close()
    holder = hold(records_path())
    try:
        began = time.monotonic()
        with pytest.raises(RecordsError) as caught:
            Records.open(patience=0.3)
        took = time.monotonic() - began
    finally:
        holder.communicate("\n", timeout=10)
    assert took < 2  # 0.3 s of patience; before, SQLite's busy timeout waited 5 s
    message = str(caught.value)
    assert "another program" in message and "\n" not in message


def test_check_setup_names_a_lock_on_the_class_records() -> None:
    from cold_to_gold.classroom.records import Records, records_path

    Records.open().close()
    holder = hold(records_path())
    try:
        finding = preflight.class_records()
    finally:
        holder.communicate("\n", timeout=10)
    assert finding.status == "warn"
    assert "another program" in finding.message and "\n" not in finding.message


def test_the_guide_waits_for_locked_class_records_once_not_once_per_page(
    tmp_path: Path, monkeypatch
) -> None:
    """`guide --html` fills each debrief page from the class records: held locked, they
    are asked for once (and the pages written without the rooms' numbers)."""
    from cold_to_gold.classroom import records as records_module
    from cold_to_gold.cli import main

    records_module.Records.open().close()
    tries: list[float] = []
    real = records_module.Records.open.__func__  # type: ignore[attr-defined]

    def counted(cls, path=None, patience=0.1):  # type: ignore[no-untyped-def]
        tries.append(patience)
        return real(cls, path, 0.1)

    monkeypatch.setattr(records_module.Records, "open", classmethod(counted))
    holder = hold(records_module.records_path())
    try:
        assert main(["guide", "--html", str(tmp_path / "guide")]) == 0
    finally:
        holder.communicate("\n", timeout=10)
    assert len(tries) == 1  # ten debrief pages, one wait
    assert (tmp_path / "guide" / "index.html").is_file()


def test_check_setup_waits_for_the_lock_no_longer_than_the_app_does(
    locked: Path, monkeypatch
) -> None:
    """check-setup opens the progress file as the app opens it: about half a second for
    a lock, not the commands' two (check-setup took 4.4 s under a held lock)."""
    from cold_to_gold.store import progress
    from cold_to_gold.store.database import APP_OPEN_PATIENCE_SECONDS

    asked: list[float | None] = []
    real = progress.ProgressStore.open.__func__  # type: ignore[attr-defined]

    def recording(cls, path=None, patience=None):  # type: ignore[no-untyped-def]
        asked.append(patience)
        return real(cls, path, patience)

    monkeypatch.setattr(progress.ProgressStore, "open", classmethod(recording))
    assert preflight.progress_file().status == "warn"
    assert asked == [APP_OPEN_PATIENCE_SECONDS] == [0.5]
