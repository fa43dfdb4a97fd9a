"""`cold-to-gold check-setup`: one line per check, exit 0 when the laptop can run the workshop."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.cli import main, preflight


def test_a_working_install_is_ready(capsys) -> None:
    assert main(["check-setup"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cold to Gold: can this laptop run the workshop?")
    assert re.search(r"^  ok    Python 3\.\d+", out, re.M)
    assert re.search(r"^  ok    \d+ bundled scenarios load and validate$", out, re.M)
    assert "  ok    your own scenarios: none yet" in out
    assert "FAIL" not in out
    assert out.rstrip().splitlines()[-1].startswith(("Ready: this laptop", "look)."))


def test_a_data_folder_that_cannot_be_written_fails_with_what_to_do(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COLD_TO_GOLD_HOME", str(blocker / "data"))
    assert main(["check-setup"]) == 1
    out = capsys.readouterr().out
    assert "  FAIL  data folder" in out and "COLD_TO_GOLD_HOME" in out
    assert "Not ready: 1 problem to fix (FAIL above)." in out


def test_a_broken_bundled_scenario_fails(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "broken.yaml").write_text("format: cold-to-gold/2\nid: broken\n")
    monkeypatch.setattr(preflight.paths, "bundled_dir", lambda name: folder)
    found = preflight.bundled_library()
    assert found.status == "fail"
    assert found.message.startswith("1 bundled scenarios do not load: broken.yaml:")


def test_own_scenarios_with_problems_are_a_warning_naming_them(data_home: Path) -> None:
    mine = data_home / "scenarios"
    mine.mkdir()
    (mine / "mine.yaml").write_text("format: cold-to-gold/2\n")
    found = preflight.own_scenarios()
    assert found.status == "warn"
    assert "1 of your 1 scenarios have problems (mine.yaml)" in found.message
    assert f"cold-to-gold validate {mine}" in found.message


def test_the_terminal_is_checked_when_there_is_one(monkeypatch) -> None:
    monkeypatch.setattr(preflight.os, "get_terminal_size", lambda fd: (80, 24))
    assert preflight.terminal_size() == preflight.ok("terminal 80×24")
    monkeypatch.setattr(preflight.os, "get_terminal_size", lambda fd: (70, 22))
    assert preflight.terminal_size().status == "warn"
    monkeypatch.setattr(preflight.os, "get_terminal_size", lambda fd: (50, 15))
    assert "at least 60×20" in preflight.terminal_size().message


def test_no_colours_is_a_warning_never_a_failure(monkeypatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert preflight.terminal_text().status == "warn"


@pytest.mark.parametrize(
    ("check", "missing"),
    [(preflight.graphviz, "Graphviz not found"), (preflight.live_class, None)],
)
def test_optional_parts_only_warn(check, missing, monkeypatch) -> None:
    monkeypatch.setattr(preflight.shutil, "which", lambda name: None)
    found = check()
    assert found.status in ("ok", "warn")
    if missing:
        assert found.message.startswith(missing)


def test_a_missing_extra_says_how_to_install_it() -> None:
    found = preflight.extra("no_such_module_here", "browser trainees", "browser")
    assert found == preflight.warn(
        "browser trainees: not installed; optional: pip install 'cold-to-gold[browser]'"
    )


def test_the_example_in_the_guide_follows_the_checks_in_order() -> None:
    page = (bundled_dir("facilitator_guide") / "running-it.md").read_text(encoding="utf-8")
    example = page.split("Cold to Gold: can this laptop run the workshop?")[1].split("```")[0]
    shown = re.split(r"^  (?:ok|warn|FAIL)  ", example, flags=re.M)[1:]
    found = preflight.run_checks()
    topics = ["Python", "packages", "terminal", "colours", "data folder", "progress file",
              "class records", "bundled", "your", "Graphviz", "live class", "browser",
              "SSH"]  # fmt: skip
    assert len(shown) == len(found) == len(topics)
    for line, finding, topic in zip(shown, found, topics, strict=True):
        assert topic in line and topic in finding.message, (topic, line, finding.message)


def test_the_progress_file_is_opened_as_the_app_opens_it(data_home) -> None:
    from cold_to_gold.store.progress import ProgressStore

    assert "no progress file yet" in preflight.progress_file().message
    ProgressStore.open().close()
    found = preflight.progress_file()
    assert found.status == "ok" and "opens for saving, 0 finished runs" in found.message
    newer = data_home / "progress.sqlite3"
    database = sqlite3.connect(newer)
    database.execute("PRAGMA user_version = 999")  # written by a newer Cold to Gold
    database.commit()
    database.close()
    found = preflight.progress_file()
    assert found.status == "warn" and str(newer) in found.message


def test_the_class_records_are_opened_as_report_opens_them(data_home) -> None:
    from cold_to_gold.classroom.records import Records

    assert "none yet" in preflight.class_records().message
    Records.open().close()
    found = preflight.class_records()
    assert found.status == "ok" and "open, 0 live sessions" in found.message


def test_every_installed_requirement_is_checked_against_the_packages_metadata() -> None:
    from importlib import metadata

    from packaging.requirements import Requirement

    wrong, checked = preflight.unmet_requirements()
    assert wrong == {}
    plain = [
        Requirement(line)
        for line in metadata.requires("cold-to-gold") or []
        if "extra ==" not in line
    ]
    assert checked is not None and checked >= len(plain)
    assert preflight.packages().status == "ok"


def test_a_textual_another_app_downgraded_fails_with_the_range_and_the_fix(monkeypatch) -> None:
    from importlib import metadata

    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "0.80.0" if name == "textual" else real(name)
    )
    finding = preflight.packages()
    assert finding.status == "fail"
    assert "textual 0.80.0 is installed" in finding.message
    needed = next(line for line in metadata.requires("cold-to-gold") if line.startswith("textual"))
    assert f"pip install '{needed.split(';')[0].strip()}'" in finding.message


def test_an_optional_extra_is_checked_only_when_installed(monkeypatch) -> None:
    from importlib import metadata

    real = metadata.version

    def version(name: str) -> str:
        if name == "asyncssh":
            raise metadata.PackageNotFoundError(name)
        return "1.0" if name == "textual-serve" else real(name)

    monkeypatch.setattr(metadata, "version", version)
    wrong, _ = preflight.unmet_requirements()
    assert list(wrong) == [
        next(
            line.split(";")[0].strip()
            for line in metadata.requires("cold-to-gold")
            if line.startswith("textual-serve") and "browser" in line
        )
    ]
