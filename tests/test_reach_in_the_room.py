"""Still reachable, where the facilitator sees it: presenter mode's notes after the reveal
(at 80×24), and the class console once a decision is revealed."""

from __future__ import annotations

from collections.abc import Callable

from classroom_helpers import Trainee, make_hub
from textual.pilot import Pilot
from textual.widgets import Static

from cold_to_gold.classroom.host import Host, Where
from cold_to_gold.classroom.reach import room_reach
from cold_to_gold.engine.reachable import reach_after_each, still_reachable
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.console_app import ConsoleApp
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.widgets.reach_notes import ReachNotes

FIRST_STEPS = bundled_dir("scenarios") / "first-steps.yaml"


async def until(pilot: Pilot, condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never reached the expected state")


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_presenter_notes_show_what_each_choice_left_open_after_the_reveal() -> None:
    scenario = load_scenario(FIRST_STEPS)
    app = build_app(scenario=scenario, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = app.screen
        reach = screen.query_one("#notes-reach", ReachNotes)
        assert not reach.display  # nothing revealed yet
        await pilot.press("3")  # the room calls the shop
        assert screen.revealing and screen.query_one("#sidebar").display  # the reveal: the cast
        await pilot.press("n")  # the facilitator glances at the notes
        assert screen.query_one("#notes").display and not screen.query_one("#sidebar").display
        await until(pilot, lambda: "if the room takes" in shown(reach))
        step = screen.run.steps[-1]
        expected = reach_after_each(scenario, step.before)
        lines = shown(reach).splitlines()
        assert lines[:2] == ["Still reachable (you only)", "if the room takes"]
        assert lines[-1] == "◀ the room's choice"
        for item, line in zip(expected, lines[2:-1], strict=True):
            assert item.reach is not None
            marked = " ◀" if item.choice.id == "call" else ""
            assert line == f"{item.number}: {item.reach.words()}{marked}"
        assert lines[3] == "2: gold at best, 100 %"  # the email keeps the best run open
        # on screen, whole, at 80×24
        region = reach.region
        assert region.height == len(lines) and region.bottom <= 24 and region.right <= 80
        await pilot.press("enter")  # the next scene: nothing revealed there yet
        assert not reach.display


async def test_without_presenter_mode_the_notes_do_not_say_what_is_left() -> None:
    app = build_app(scenario=load_scenario(FIRST_STEPS))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("2", "n")
        await pilot.pause(0.1)
        reach = app.screen.query_one("#notes-reach", ReachNotes)
        assert not reach.display and "reachable" not in shown(reach)


async def test_the_console_counts_who_can_still_reach_each_grade_once_revealed(tmp_path) -> None:
    hub = make_hub(tmp_path)  # the contract's example: call, meet reaches gold
    app = ConsoleApp(hub, Host(hub, Where.choose(lan=False)), port=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seats = [hub.join(Trainee(), hub.code, name=name) for name in ("Ann", "Bo", "Cy")]
        hub.choose(seats[0], 0, "call")
        hub.choose(seats[1], 0, "post")
        hub.choose(seats[2], 0, "call")
        await pilot.pause(0.4)
        line = app.screen.query_one("#reach", Static)
        assert shown(line) == ""  # hidden until the reveal, like the split
        await pilot.press("r")
        await until(pilot, lambda: "still open" in shown(line))
        expected = room_reach(hub.scenario, [seat.run.state for seat in seats])
        assert shown(line) == expected.words()
        assert "gold still open for 2 of 3" in shown(line)
        await pilot.press("a")  # the next decision: the counts wait for its reveal
        await pilot.pause(0.3)
        assert shown(line) == ""


def test_room_reach_counts_each_grade_at_or_below_each_trainees_best() -> None:
    scenario = load_scenario(FIRST_STEPS)
    from cold_to_gold.engine import Run

    runs = []
    for first in ("post", "email", "call", "drop-in"):
        run = Run(scenario)
        run.choose(first)
        runs.append(run)
    counts = room_reach(scenario, [run.state for run in runs])
    best = [still_reachable(scenario, run.state).grade for run in runs]
    names = [grade.name for grade in scenario.scoring.grades]
    for grade in names:
        at_least = sum(names.index(b) <= names.index(grade) for b in best if b is not None)
        assert counts.open[grade] == at_least
    assert counts.total == 4 and counts.unknown == 0
    assert counts.words().startswith(f"gold still open for {counts.open['gold']} of 4")
