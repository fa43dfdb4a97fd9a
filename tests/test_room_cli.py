"""The command line's rough edges found in a real room, and the room's vote on record."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.cli import main
from cold_to_gold.library.load import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun

FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):
    """A local time zone two hours east of UTC, named XYZ (a POSIX rule: no tz database)."""
    monkeypatch.setenv("TZ", "XYZ-2")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def finished_runs(*days: int, votes: bool = False) -> None:
    """Finished runs of First Steps, on the given days of November 2026 at 09:05 UTC."""
    store = ProgressStore.open()
    for day in days:
        recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store, presenter=votes)
        for choice in ("email", "short-note", "listen", "ask"):
            if votes:
                recorded.record_tally({"post": 5, "email": 2, "call": 1})
            recorded.choose(choice)
        store.db.execute(
            "UPDATE runs SET finished_at = ? WHERE id = ?",
            (f"2026-11-{day:02}T09:05:00+00:00", recorded.id),
        )
    store.close()


def test_history_lists_newest_first_in_local_time_and_says_which(capsys, zone) -> None:
    finished_runs(1, 3, 2)
    code, out, _ = cli(capsys, "history")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Finished runs, newest first (times in XYZ):"
    assert [line[:16] for line in lines[1:4]] == [
        "2026-11-03 11:05",
        "2026-11-02 11:05",
        "2026-11-01 11:05",
    ]
    runs = json.loads(cli(capsys, "history", "--json")[1])
    assert [run["finished_at"][:10] for run in runs] == ["2026-11-03", "2026-11-02", "2026-11-01"]


def test_history_of_an_unknown_scenario_says_so(capsys) -> None:
    code, out, err = cli(capsys, "history", "--scenario", "nope")
    assert code == 2
    assert out == ""
    assert "no scenario with the id 'nope'" in err


def test_history_of_a_scenario_not_played_yet_names_it(capsys) -> None:
    finished_runs(1)
    code, out, _ = cli(capsys, "history", "--scenario", "the-stage")
    assert (code, out) == (0, "No finished runs of 'the-stage' yet.\n")


def test_the_rooms_vote_is_in_history_json(capsys) -> None:
    finished_runs(1, votes=True)
    (run,) = json.loads(cli(capsys, "history", "--json")[1])
    assert run["votes"][0] == {
        "step": 1,
        "scene": "hello",
        "hands": {"post": 5, "email": 2, "call": 1},
    }
    assert len(run["votes"]) == 4


def test_undo_keeps_the_vote_of_the_scene_it_returns_to() -> None:
    store = ProgressStore.open()
    recorded = RecordedRun.start(load_scenario(FIRST_STEPS), store, presenter=True)
    recorded.record_tally({"call": 3})
    recorded.choose("call")
    recorded.record_tally({"short-note": 4})
    recorded.choose("short-note")
    recorded.undo()
    assert sorted(store.tallies(recorded.id)) == [0, 1]
    recorded.undo()
    assert sorted(store.tallies(recorded.id)) == [0]
    assert recorded.vote_on(0).share("call") == 100


def test_a_rewind_keeps_the_votes_of_the_steps_it_keeps() -> None:
    store = ProgressStore.open()
    scenario = load_scenario(FIRST_STEPS)
    first = RecordedRun.start(scenario, store, presenter=True)
    for count, choice in enumerate(("call", "short-note", "listen")):
        first.record_tally({choice: count + 1})
        first.choose(choice)
    again = RecordedRun.start(
        scenario, store, True, choices=first.run.path[:1], votes=tuple(first.votes.values())
    )
    assert sorted(store.tallies(again.id)) == [0, 1]
    assert store.tallies(again.id)[1].hands == {"short-note": 2}


def test_new_refuses_an_id_the_library_already_has(capsys, tmp_path: Path) -> None:
    code, _, err = cli(capsys, "new", "first-steps", "--dir", str(tmp_path))
    assert code == 1
    assert "'first-steps' is already taken by the bundled scenario" in err
    assert not (tmp_path / "first-steps.yaml").exists()


def test_play_presenter_with_choose_is_wrong_usage(capsys) -> None:
    code, out, err = cli(capsys, "play", "first-steps", "--presenter", "--choose", "call")
    assert code == 2
    assert out == ""
    assert "--presenter is for the app" in err


def test_a_file_without_a_command_opens_the_app_with_it(capsys, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr("cold_to_gold.cli.app.open_app", lambda **kw: opened.append(kw) or 0)
    assert cli(capsys, str(FIRST_STEPS))[0] == 0
    assert cli(capsys, "app", str(FIRST_STEPS))[0] == 0
    assert opened == [{"paths": [str(FIRST_STEPS)], "countdown": None}] * 2
    code, _, err = cli(capsys, "missing.yaml")
    assert code == 2
    assert "no such file or folder: missing.yaml" in err
