"""Editor checks out of the box: the language-server line, and the schema file beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cold_to_gold.author.schema_file import MODELINE, SCHEMA_FILE, schema_text
from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.cli import main

SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))


def test_new_writes_the_language_server_line_and_the_schema_beside_it(
    tmp_path: Path, capsys
) -> None:
    assert main(["new", "trade-show", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    starter = (tmp_path / "trade-show.yaml").read_text()
    assert (
        starter.splitlines()[0]
        == MODELINE
        == ("# yaml-language-server: $schema=./cold-to-gold.schema.json")
    )
    schema = tmp_path / SCHEMA_FILE
    assert schema.read_text() == schema_text()
    assert f"Wrote {schema}" in out
    assert main(["new", "second", "--dir", str(tmp_path)]) == 0
    assert "Wrote" not in capsys.readouterr().out  # already up to date: left alone


def test_new_in_your_scenarios_folder_puts_one_schema_there(data_home: Path) -> None:
    assert main(["new", "mine"]) == 0
    assert (data_home / "scenarios" / SCHEMA_FILE).read_text() == schema_text()


def test_new_refreshes_a_schema_from_another_version(tmp_path: Path) -> None:
    old = json.loads(schema_text())
    old["properties"]["format"] = {"const": "cold-to-gold/0"}
    (tmp_path / SCHEMA_FILE).write_text(json.dumps(old))
    assert main(["new", "fresh", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / SCHEMA_FILE).read_text() == schema_text()


def test_validate_refreshes_the_schema_beside_files_that_name_it(tmp_path: Path, capsys) -> None:
    named, plain = tmp_path / "named", tmp_path / "plain"
    assert main(["new", "one", "--dir", str(named)]) == 0
    assert main(["new", "two", "--dir", str(plain)]) == 0
    (named / SCHEMA_FILE).write_text("{}")  # as left by an older version
    (plain / SCHEMA_FILE).write_text("{}")
    text = (plain / "two.yaml").read_text()
    (plain / "two.yaml").write_text(text.split("\n", 1)[1])  # its first line removed
    capsys.readouterr()
    assert main(["validate", str(named), str(plain)]) == 0
    captured = capsys.readouterr()
    assert (named / SCHEMA_FILE).read_text() == schema_text()
    assert (plain / SCHEMA_FILE).read_text() == "{}"  # not named by any file: not ours to touch
    assert f"refreshed {named / SCHEMA_FILE}" in captured.err
    assert captured.out.splitlines() == [f"OK {named / 'one.yaml'}", f"OK {plain / 'two.yaml'}"]
    assert main(["validate", str(named)]) == 0
    assert "refreshed" not in capsys.readouterr().err  # up to date now


def test_validate_reports_a_schema_it_cannot_write_but_still_validates(
    tmp_path: Path, capsys
) -> None:
    assert main(["new", "one", "--dir", str(tmp_path)]) == 0
    (tmp_path / SCHEMA_FILE).unlink()
    (tmp_path / SCHEMA_FILE).mkdir()  # something in the way
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "one.yaml")]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"cannot refresh the schema in {tmp_path}:") and err.count("\n") == 1


def test_a_broken_file_still_gets_its_schema_refreshed(tmp_path: Path, capsys) -> None:
    assert main(["new", "one", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "one.yaml"
    path.write_text(path.read_text().replace("level: beginner", "level: expert"))
    (tmp_path / SCHEMA_FILE).unlink()
    assert main(["validate", str(path)]) == 1
    assert (tmp_path / SCHEMA_FILE).read_text() == schema_text()


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_bundled_scenarios_name_the_schema_that_ships_beside_them(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert (path.parent / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()


def test_the_schema_command_prints_the_file_editors_read(capsys) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_the_wheel_ships_the_schema_with_the_scenarios() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    included = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    # the whole folder goes, so the schema lands beside the scenarios that point at it
    assert included["scenarios"] == "cold_to_gold/bundled/scenarios"
    assert (bundled_dir("scenarios") / SCHEMA_FILE).exists()
