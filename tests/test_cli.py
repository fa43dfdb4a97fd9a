"""The command line: outputs and exit codes (0 ok, 1 input problem, 2 usage)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTRACT_EXAMPLE, MINIMAL

from cold_to_gold.cli import main

ROOT = Path(__file__).resolve().parent.parent


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(
        MINIMAL.replace("channel: call", "channel: phone").replace("title: T", "titl: T")
    )
    return path


# --- validate ---------------------------------------------------------------


def test_validate_ok(capsys) -> None:
    code, out, _ = cli(capsys, "validate", str(CONTRACT_EXAMPLE))
    assert code == 0
    assert out == f"OK {CONTRACT_EXAMPLE}\n"


def test_validate_reports_every_error_as_path_line_column(capsys, broken: Path) -> None:
    code, out, _ = cli(capsys, "validate", str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        f"{broken}:1:1: scenario: missing required key 'title'",
        f"{broken}:3:1: scenario: unknown key 'titl' (did you mean 'title'?)",
        f"{broken}:12:19: scenes.a.choices[0].channel: unknown channel 'phone'; "
        "expected post, email, call or meet",
    ]


def test_validate_searches_folders_recursively(capsys, tmp_path: Path, broken: Path) -> None:
    nested = tmp_path / "more" / "deeper"
    nested.mkdir(parents=True)
    (nested / "ok.yml").write_text(MINIMAL)
    (nested / "notes.txt").write_text("not a scenario")
    code, out, err = cli(capsys, "validate", str(tmp_path))
    assert code == 1
    assert f"OK {nested / 'ok.yml'}" in out
    assert f"{broken}:12:19:" in out
    assert "2 files: 1 valid, 1 invalid" in err


def test_validate_all_valid_is_exit_0(capsys) -> None:
    code, out, _ = cli(capsys, "validate", str(ROOT / "scenarios"), str(CONTRACT_EXAMPLE))
    assert code == 0
    assert out.count("OK ") >= 3


def test_validate_missing_path_is_usage(capsys) -> None:
    code, _, err = cli(capsys, "validate", "nowhere.yaml")
    assert code == 2
    assert "no such file or folder: nowhere.yaml" in err


def test_validate_without_paths_is_usage(capsys) -> None:
    code, _, err = cli(capsys, "validate")
    assert code == 2
    assert "usage:" in err


def test_validate_empty_folder_is_an_input_problem(capsys, tmp_path: Path) -> None:
    code, _, err = cli(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "no *.yaml or *.yml files found" in err


def test_unknown_command_is_usage(capsys) -> None:
    code, _, err = cli(capsys, "frobnicate")
    assert code == 2
    assert "invalid choice" in err


# --- play --------------------------------------------------------------------


def test_the_bare_command_opens_the_app_without_building_the_parser(monkeypatch, capsys) -> None:
    """`cold-to-gold` alone, as most people start it: the parser of every subcommand is
    not built (milliseconds before the first frame), and its failures are still one line."""
    from cold_to_gold.cli import app, parser

    def no_parser() -> None:
        raise AssertionError("the parser was built")

    opened: list[bool] = []
    monkeypatch.setattr(parser, "build_parser", no_parser)
    monkeypatch.setattr(app, "open_app", lambda: opened.append(True) or 0)
    assert main([]) == 0 and opened == [True]

    def broken() -> int:
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(app, "open_app", broken)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError" in err


def test_play_json_is_the_transcript(capsys) -> None:
    code, out, _ = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--choose", "call,meet", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ending"] == "gold"
    assert data["score"] == 42 and data["percent"] == 100
    assert data["best"] == {"score": 42, "path": ["call", "meet"]}


def test_play_summary_is_readable(capsys) -> None:
    code, out, _ = cli(
        capsys, "play", str(CONTRACT_EXAMPLE), "--choose", "post, post, post, post, post"
    )
    assert code == 0
    assert "Ending:   The week ran out (lost)" in out
    assert "Grade:    lost · cold, 14% (score 6 of a best 42)" in out
    assert "Time:     150 minutes of 150" in out
    assert "Dana Ruiz (dana)" in out and "they know you   6" in out
    assert "Best:     call → meet" in out


def test_play_locked_choice_names_step_scene_and_why(capsys) -> None:
    code, out, err = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--choose", "lunch")
    assert code == 1
    assert out == ""
    assert "step 1, scene 'the_comment': choice 'lunch' is locked: needs trust >= 2" in err


def test_play_unknown_choice(capsys) -> None:
    code, _, err = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--choose", "post,fly")
    assert code == 1
    assert "step 2, scene 'quiet_week': scene 'quiet_week' has no choice 'fly'" in err


def test_play_choices_left_over_after_the_end(capsys) -> None:
    code, _, err = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--choose", "call,meet,post")
    assert code == 1
    assert "step 3 ('post'): the run already ended at 'gold' after 2 choices" in err


def test_play_unfinished_run_says_so(capsys) -> None:
    code, out, err = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--choose", "post", "--json")
    assert code == 0
    assert json.loads(out)["at"] == "quiet_week"
    assert "has not ended" in err


def test_play_invalid_scenario_prints_its_errors(capsys, broken: Path) -> None:
    code, _, err = cli(capsys, "play", str(broken), "--choose", "call")
    assert code == 1
    assert f"{broken}:12:19:" in err


def test_play_missing_file_is_usage(capsys) -> None:
    code, _, err = cli(capsys, "play", "missing.yaml", "--choose", "a")
    assert code == 2
    assert "no such scenario file: missing.yaml" in err


def test_play_by_library_id(capsys) -> None:
    code, out, _ = cli(capsys, "play", "first-steps", "--choose", "drop-in,demo", "--json")
    assert code == 0
    assert json.loads(out)["scenario"] == "first-steps"


def test_play_unknown_id_is_usage(capsys) -> None:
    code, _, err = cli(capsys, "play", "no-such-thing", "--choose", "a")
    assert code == 2
    assert "no scenario with the id 'no-such-thing'" in err


@pytest.mark.parametrize("choose", ["call,,meet", "call,", " , "])
def test_play_empty_choice_ids_are_usage(capsys, choose: str) -> None:
    code, _, err = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--choose", choose)
    assert code == 2
    assert "--choose takes choice ids separated by commas" in err


def test_play_json_needs_choose(capsys) -> None:
    code, _, err = cli(capsys, "play", str(CONTRACT_EXAMPLE), "--json")
    assert code == 2
    assert "--json needs --choose" in err


# --- test --------------------------------------------------------------------


def test_test_command_passes(capsys) -> None:
    code, out, _ = cli(capsys, "test", str(CONTRACT_EXAMPLE))
    assert code == 0
    assert "  PASS calling first wins" in out
    assert out.strip().endswith("2 passed, 0 failed")


def test_test_command_shows_what_differed(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        CONTRACT_EXAMPLE.read_text().replace(
            "expect: {ending: gold}", "expect: {ending: out_of_time, min_percent: 101}"
        )
    )
    code, out, _ = cli(capsys, "test", str(path))
    assert code == 1
    assert "  FAIL calling first wins" in out
    assert "expected ending 'out_of_time', got 'gold'" in out
    assert "expected at least 101%, got 100%" in out
    assert "1 passed, 1 failed" in out


def test_test_command_reports_locked_steps(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(CONTRACT_EXAMPLE.read_text().replace("choose: [call, meet]", "choose: [lunch]"))
    code, out, _ = cli(capsys, "test", str(path))
    assert code == 1
    assert "step 1, scene 'the_comment': choice 'lunch' is locked: needs trust >= 2" in out


def test_test_command_invalid_file_fails(capsys, broken: Path) -> None:
    code, out, _ = cli(capsys, "test", str(broken))
    assert code == 1
    assert "1 file invalid" in out


# --- list ------------------------------------------------------------------


def test_list_shows_bundled_and_user_scenarios(capsys, data_home: Path) -> None:
    mine = data_home / "scenarios"
    mine.mkdir()
    (mine / "mine.yaml").write_text(MINIMAL.replace("id: t", "id: my-own"))
    (mine / "bad.yaml").write_text("format: cold-to-gold/1\n")
    code, out, _ = cli(capsys, "list", "--json")
    assert code == 0
    entries = {entry["id"]: entry for entry in json.loads(out)}
    assert entries["first-steps"]["source"] == "bundled"
    assert entries["first-steps"]["level"] == "beginner"
    assert entries["first-steps"]["play_minutes"] == 5
    assert entries["my-own"]["source"] == "yours"
    assert entries["bad"]["valid"] is False
    assert "missing required key" in entries["bad"]["error"]


def test_list_table(capsys) -> None:
    code, out, _ = cli(capsys, "list")
    assert code == 0
    assert "first-steps" in out and "the-stage" in out


def test_list_notes_duplicate_ids(capsys, data_home: Path) -> None:
    mine = data_home / "scenarios"
    mine.mkdir()
    (mine / "copy.yaml").write_text((ROOT / "scenarios" / "the-stage.yaml").read_text())
    _, out, _ = cli(capsys, "list", "--json")
    copy = next(e for e in json.loads(out) if e["path"].endswith("copy.yaml"))
    assert "also used by" in copy["notes"][0]


# --- the whole program ------------------------------------------------------


def test_module_entry_point_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cold_to_gold", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("cold-to-gold ")


def test_internal_errors_never_show_a_traceback(capsys, monkeypatch) -> None:
    import cold_to_gold.cli.validate as validate

    def explode(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "run", explode)
    code, out, err = cli(capsys, "validate", "x")
    assert code == 1
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err + out


@pytest.mark.parametrize(
    "command",
    [
        ["{loop}"],
        ["app", "{loop}"],
        ["list", "{loop}"],
        ["validate", "{loop}"],
        ["lint", "{loop}"],
        ["test", "{loop}"],
        ["graph", "{loop}"],
        ["play", "{loop}"],
        ["play", "{loop}", "--choose", "call"],
        ["host", "{loop}", "--headless"],
        ["history", "--csv", "{loop}"],
        ["new", "abc", "--dir", "{loop}"],
        ["guide", "--html", "{loop}/kit"],
    ],
    ids=lambda command: " ".join(command),
)
def test_a_loop_of_symbolic_links_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    first, second = tmp_path / "loop.yaml", tmp_path / "back.yaml"
    first.symlink_to(second)
    second.symlink_to(first)
    code, out, err = cli(capsys, *[part.replace("{loop}", str(first)) for part in command])
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(first) in lines[0], err
    assert "Traceback" not in err + out and "internal error" not in err
