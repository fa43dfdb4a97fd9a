"""Revision B on screen: the outcome beside every grade, mistakes marked, weight 0 noted."""

from __future__ import annotations

from pathlib import Path

from classroom_helpers import Trainee, make_hub
from textual.widgets import DataTable, OptionList

from cold_to_gold.classroom.report import Taken, class_report
from cold_to_gold.classroom.report_data import report_text
from cold_to_gold.cli import main
from cold_to_gold.engine import play
from cold_to_gold.scenario import load_scenario
from cold_to_gold.store import ProgressStore, RecordedRun
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.console_app import ConsoleApp
from cold_to_gold.tui.screens.debrief import DebriefScreen
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.verdict import MISTAKE_MARK, verdict

TINY = Path(__file__).parent / "data" / "revision-b" / "tiny.yaml"


def test_verdict_puts_the_outcome_before_the_grade() -> None:
    assert verdict("cold", "won") == "won · cold"
    assert verdict("lukewarm", None) == "lukewarm"  # a run not ended has no outcome yet
    assert verdict("", "lost") == ""


def test_the_class_debrief_counts_each_grade_with_its_outcome() -> None:
    scenario = load_scenario(TINY)
    runs = [
        play(scenario, ["meet_ann", "call"]),
        play(scenario, ["meet_ann", "give_up"]),
        play(scenario, ["tell_boss", "post"]),
        play(scenario, ["tell_boss", "call"]),
        play(scenario, ["meet_ann"]),  # not finished: not counted
    ]
    start = "2026-12-01T09:00:00+00:00"
    report = class_report(scenario, [Taken(f"t{n}", run, (), start) for n, run in enumerate(runs)])
    counted = {(r.outcome, r.grade): r.count for r in report.results}
    assert counted == {("won", "gold"): 1, ("won", "warm"): 1, ("lost", "cold"): 2}
    text = report_text(report)
    assert "lost · cold 2" in text and "won · gold 1" in text and "won · warm 1" in text


def test_history_shows_the_outcome_beside_the_grade(capsys) -> None:
    store = ProgressStore.open()
    for path in (["meet_ann", "call"], ["meet_ann", "give_up"]):
        recorded = RecordedRun.start(load_scenario(TINY), store)
        for choice in path:
            recorded.choose(choice)
    store.close()
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "tiny-revision-b  lost · cold  36%" in out
    assert "tiny-revision-b  won · gold  100%" in out
    assert "Best per scenario: tiny-revision-b won · gold 100%" in out
    assert main(["history", "--json"]) == 0
    import json

    runs = json.loads(capsys.readouterr().out)
    assert [(run["grade"], run["outcome"], run["result"]) for run in runs] == [
        ("cold", "lost", "lost · cold"),
        ("gold", "won", "won · gold"),
    ]


async def test_the_debrief_marks_mistakes_and_who_does_not_count() -> None:
    app = build_app(scenario=load_scenario(TINY))
    async with app.run_test(size=(100, 40)) as pilot:
        for _ in range(50):
            if isinstance(app.screen, PlayScreen):
                break
            await pilot.pause(0.05)
        from cold_to_gold.tui.widgets.cast import PersonCard

        cards = {card.person.id: card for card in app.screen.query(PersonCard)}
        card = cards["boss"]
        boss = [card.line(y).plain for y in range(len(card.rows(card.size.width)))]
        assert "does not count" in boss  # shown in the cast during play, as in the debrief
        await pilot.press("1", "enter", "3", "enter")  # tell the boss, walk away
        for _ in range(50):
            if isinstance(app.screen, DebriefScreen):
                break
            await pilot.pause(0.05)
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        assert str(screen.query_one("#grade").render()) == "Grade: lost · COLD"
        rewind = screen.query_one("#rewind", OptionList)
        steps = [str(rewind.get_option_at_index(n).prompt) for n in range(rewind.option_count)]
        assert len(steps) == 2
        cast = screen.query_one("#debrief-cast")
        lines = [cast.line(y).plain for y in range(4)]
        assert any("Your Boss" in line and "does not count" in line for line in lines)
        assert any("Stu Student" in line and "counts ×0.5" in line for line in lines)
        assert not any("Ann Buyer" in line and "count" in line for line in lines)


def test_the_path_line_says_a_mistake_in_words() -> None:
    from rich.console import Console

    from cold_to_gold.tui.widgets.path_list import step_line

    run = play(load_scenario(TINY), ["tell_boss", "call"])
    console = Console(width=80, record=True)
    for number, step in enumerate(run.steps, start=1):
        console.print(step_line(number, step, {}))
    text = console.export_text()
    first, second = text.split("\n2. ")
    assert MISTAKE_MARK in first and MISTAKE_MARK not in second


async def test_the_console_roster_shows_a_finished_run_with_its_outcome(tmp_path) -> None:
    from cold_to_gold.classroom.host import Host, Where

    hub = make_hub(tmp_path, pace="free")
    app = ConsoleApp(hub, Host(hub, Where.choose(lan=False)), port=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ann = Trainee()
        seat = hub.join(ann, hub.code, name="Ann")
        hub.choose(seat, 0, "post")
        for step in range(1, 8):
            if seat.run.finished:
                break
            hub.ready(seat, step - 1)
            hub.choose(seat, step, "post")
        assert seat.run.finished
        table = app.screen.query_one("#roster", DataTable)
        for _ in range(100):  # the console redraws the roster at most twice a second
            if table.row_count and table.get_row_at(0)[5] == "finished: lost · cold":
                break
            await pilot.pause(0.05)
        assert table.get_row_at(0)[5] == "finished: lost · cold"
