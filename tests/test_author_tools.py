"""The author's toolchain: new, schema and the live preview (the graph: test_branch_map)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import CONTRACT_EXAMPLE
from textual.css.query import NoMatches

from cold_to_gold.author.lint import lint
from cold_to_gold.author.schema import json_schema
from cold_to_gold.cli import main
from cold_to_gold.engine import check_all
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario
from cold_to_gold.store import ProgressStore
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.play import PlayScreen
from cold_to_gold.tui.screens.problems import ProblemsScreen

SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))
ALL = [*SCENARIOS, CONTRACT_EXAMPLE]


# --- new ---------------------------------------------------------------------


@pytest.mark.parametrize("people", [1, 2, 3, 4])
def test_new_writes_a_scenario_that_validates_lints_and_plays(
    tmp_path: Path, capsys, people: int
) -> None:
    assert main(["new", "trade-show", "--people", str(people), "--dir", str(tmp_path)]) == 0
    path = tmp_path / "trade-show.yaml"
    assert f"Created {path}" in capsys.readouterr().out
    scenario = load_scenario(path)
    assert len(scenario.people) == people
    assert scenario.title == "Trade Show"
    assert lint(scenario).findings == ()
    assert all(outcome.passed for outcome in check_all(scenario))
    assert main(["play", str(path), "--choose", "call,meet"]) == 0


@pytest.mark.parametrize("people", [1, 4])
def test_the_starter_marks_a_mistake_and_its_gold_run_makes_the_buyer_gold(
    tmp_path: Path, people: int
) -> None:
    from cold_to_gold.author.lint import CODES
    from cold_to_gold.engine import best_for, play, result_of
    from cold_to_gold.engine.relationship import relationship

    assert main(["new", "trade-show", "--people", str(people), "--dir", str(tmp_path)]) == 0
    scenario = load_scenario(tmp_path / "trade-show.yaml")
    marked = [c.id for scene in scenario.scenes.values() for c in scene.choices if c.mistake]
    assert marked == ["present"]
    assert lint(scenario).findings == ()  # clean of every code, the new ones included
    assert {"guessable", "position", "superset-label", "inversion", "lenient"} <= set(CODES)
    gold = play(scenario, best_for(scenario).path)
    assert result_of(gold).grade == "gold"
    buyer = gold.state.people[0]
    assert relationship(*buyer).stage == "gold"


def test_new_goes_to_your_scenarios_and_refuses_to_overwrite(data_home: Path, capsys) -> None:
    assert main(["new", "mine"]) == 0
    path = data_home / "scenarios" / "mine.yaml"
    before = path.read_text()
    path.write_text(before + "# my edits\n")
    assert main(["new", "mine"]) == 1
    assert "already exists; not overwritten" in capsys.readouterr().err
    assert path.read_text().endswith("# my edits\n")


@pytest.mark.parametrize("args", [["new", "Not A Slug"], ["new", "ok", "--people", "5"]])
def test_new_wrong_arguments_are_usage(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2


# --- schema ------------------------------------------------------------------


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", ALL, ids=[path.stem for path in ALL])
def test_every_valid_scenario_passes_the_schema(path: Path) -> None:
    errors = list(schema_validator().iter_errors(yaml.safe_load(path.read_text())))
    assert errors == []


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d.update(titel="x"), "'titel' was unexpected"),
        (lambda d: d["scenes"]["invited"]["choices"][0].update(chanel="meet"), "'chanel'"),
        (
            lambda d: d["scenes"]["invited"]["choices"][0].update(channel="fax"),
            "'fax' is not one of",
        ),
        (lambda d: d.update(format="cold-to-gold/3"), "'cold-to-gold/3' is not one of"),
        (lambda d: d.update(time_budget=0), "less than the minimum of 1"),
        (lambda d: d.pop("start"), "'start' is a required property"),
        (lambda d: d.update(level="expert"), "'expert' is not one of"),
    ],
)
def test_broken_scenarios_fail_the_schema(change, fragment: str) -> None:
    data = yaml.safe_load(CONTRACT_EXAMPLE.read_text())
    change(data)
    messages = [error.message for error in schema_validator().iter_errors(data)]
    assert any(fragment in message for message in messages), messages


def test_schema_command_prints_json(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {
        "format",
        "id",
        "title",
        "people",
        "start",
        "scenes",
        "endings",
    }


def test_schema_and_validator_share_their_keys() -> None:
    from cold_to_gold.scenario import spec

    schema = json_schema()
    assert set(schema["properties"]) == set(spec.SCENARIO.names)
    assert set(schema["$defs"]["choice"]["properties"]) == set(spec.CHOICE.names)


# --- the live preview ------------------------------------------------------


async def until(pilot, condition, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.05)):
        try:
            if condition():
                return
        except NoMatches:  # a screen still being put together
            pass
        await pilot.pause(0.05)
    raise AssertionError("the live preview never caught up")


async def save(pilot, path: Path, text: str, condition) -> None:
    """Save the file until the preview shows the change (the watcher may still be starting)."""
    for _ in range(5):
        path.write_text(text)
        try:
            await until(pilot, condition, seconds=2)
            return
        except AssertionError:
            continue
    raise AssertionError("the live preview never caught up")


async def test_watch_reloads_on_save_keeps_choices_and_shows_errors(tmp_path: Path) -> None:
    path = tmp_path / "live.yaml"
    path.write_text(CONTRACT_EXAMPLE.read_text())
    app = build_app(load_scenario(path), store=ProgressStore.in_memory(), watch=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("1", "enter")  # post: to the quiet week

        def title() -> str:
            return str(app.screen.query_one("#scene-title").content)

        quieter = path.read_text().replace("title: A quiet week", "title: A very quiet week")
        await save(pilot, path, quieter, lambda: "very quiet" in title())
        assert app.screen.run.path == ["post"]  # the choice made before the save is kept
        broken = quieter.replace("goto: invited}", "goto: invitd}")
        await save(pilot, path, broken, lambda: isinstance(app.screen, ProblemsScreen))
        problems = app.screen.problems
        assert any("unknown scene or ending 'invitd'" in p.message for p in problems)
        assert problems[0].line == 50  # the quiet week's email
        back = lambda: isinstance(app.screen, PlayScreen) and "very quiet" in title()  # noqa: E731
        await save(pilot, path, quieter, back)
        assert app.screen.run.path == ["post"]
