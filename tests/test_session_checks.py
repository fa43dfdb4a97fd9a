"""The facilitator kit's check measures the session; notes on a shared screen; the rehearsal.

Each item of the check names where the library teaches it; each session plan
checks only what its scenarios teach, on a sheet with a column before and one
after. The guide gives one rule for `n` on a shared screen, and the live-class
page's rehearsal runs as written.
"""

from __future__ import annotations

import json
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cold_to_gold.engine import play, result_of
from cold_to_gold.engine.result import best_for
from cold_to_gold.guide_check import (
    CHECK_ID,
    LETTERS,
    SHEETS,
    items,
    sound_answers,
    taught_items,
    teaching_problems,
)
from cold_to_gold.guide_keys import answer_key
from cold_to_gold.guide_plans import plan_pages, played
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario

GUIDE = bundled_dir("facilitator_guide")
SCENARIOS = {
    path.stem: load_scenario(path) for path in sorted(bundled_dir("scenarios").glob("*.yaml"))
}
CHECK = SCENARIOS[CHECK_ID]
PLANS = plan_pages(GUIDE)


def read(name: str) -> str:
    return (GUIDE / name).read_text(encoding="utf-8")


# --- the check measures the session -------------------------------------------------


def test_every_item_names_scenes_of_the_library_that_teach_it() -> None:
    assert teaching_problems(CHECK, SCENARIOS) == []
    assert all(item.taught_in for item in items(CHECK))
    page = read("pre-post-check.md")
    for item in items(CHECK):
        for scenario_id, scene_id in item.taught_in:
            title = SCENARIOS[scenario_id].scenes[scene_id].title
            assert f"`{scenario_id}` · *{title}*" in page


def test_a_wrong_teaching_scene_is_reported_by_item() -> None:
    others = {sid: s for sid, s in SCENARIOS.items() if sid != "the-week"}
    problems = teaching_problems(CHECK, others)
    assert "the check's item 8 (not_ready): no bundled scenario 'the-week'" in problems


@pytest.mark.parametrize("plan", PLANS, ids=lambda page: page.stem)
def test_each_plan_checks_only_what_its_scenarios_teach(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    scenario_ids = played(text)
    chosen = taught_items(CHECK, scenario_ids)
    assert 4 <= len(chosen) < len(items(CHECK))  # a short check, and a real one
    for item in chosen:
        assert any(sid in scenario_ids for sid, _ in item.taught_in)
    numbers = [str(item.number) for item in chosen]
    listed = re.search(r"\*\*This session's check\*\*: items ([\d, and]+) of", text)
    assert listed is not None
    assert re.findall(r"\d+", listed[1]) == numbers
    sheet_name = f"{SHEETS}/check-{plan.name.removeprefix('session-')}"
    assert f"]({sheet_name})" in text
    sheet = read(sheet_name)
    headings = re.findall(r"^## (\d+) of 8: ", sheet, re.M)
    assert headings == numbers
    assert "1, 2, 6 and 8" not in text  # the old four items, two of them taught elsewhere


def test_the_sheets_have_a_column_before_and_one_after_and_no_answers() -> None:
    for name in ["check-sheet.md", *(f"{SHEETS}/{p.name}" for p in (GUIDE / SHEETS).glob("*"))]:
        sheet = read(name)
        assert sheet.count("| | | before | after |") == len(re.findall(r"^## ", sheet, re.M))
        for item in items(CHECK):
            if f"## {item.number} of 8:" in sheet:
                for letter, choice in zip(LETTERS, item.scene.choices, strict=False):
                    assert f"| **{letter}** | {choice.label} | ☐ | ☐ |" in sheet
                    assert choice.feedback.split(".")[0] not in sheet


def test_gold_on_the_check_needs_every_item_and_the_page_says_so() -> None:
    best = best_for(CHECK).path
    for number in range(len(best)):  # one unsound answer, anywhere
        scene = items(CHECK)[number].scene
        slip = next(choice.id for choice in scene.choices if choice.mistake)
        path = [*best[:number], slip, *best[number + 1 :]]
        assert result_of(play(CHECK, path)).grade != "gold"
    assert "Gold needs all eight by choice" in read("pre-post-check.md")


def test_an_item_with_two_sound_answers_lists_both_in_the_key() -> None:
    doubles = [(title, found) for title, found in sound_answers(CHECK) if len(found) > 1]
    assert len(doubles) >= 2  # three distinct gold runs at least
    page = read("pre-post-check.md")
    for title, found in doubles:
        for letter, choice in found:
            assert f"| {title} | **{letter}** {choice.label}" in page


# --- your notes on a shared screen ------------------------------------------------


def test_every_answer_key_prints_each_scenes_notes() -> None:
    for scenario in SCENARIOS.values():
        key = answer_key(scenario)
        for scene in scenario.scenes.values():
            if scene.facilitator_notes:
                assert " ".join(scene.facilitator_notes.split()) in key


def test_the_guide_gives_one_rule_for_notes_on_a_shared_screen() -> None:
    assert "## Your notes on a shared screen" in read("running-it.md")
    assert "**Before the vote, keep `n` closed.**" in read("running-it.md")
    pages = [GUIDE / "README.md", *sorted(GUIDE.glob("session-*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for paragraph in re.split(r"\n\s*\n|\n\|", text):
            if "`n`" in paragraph and "notes" in paragraph:
                assert "closed" in paragraph, f"{page.name}: {paragraph[:80]}"
                assert "glance" not in paragraph.lower(), f"{page.name}: {paragraph[:80]}"


# --- the live-class rehearsal, exactly as the page writes it ----------------------


def rehearsal_lines() -> list[list[str]]:
    page = read("live-class.md")
    block = page.split("then a rehearsal:", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [shlex.split(line, comments=True) for line in block.strip().splitlines()]
    assert [line[:2] for line in lines] == [
        ["cold-to-gold", "host"], ["cold-to-gold", "join"], ["cold-to-gold", "export"],
    ]  # fmt: skip
    return lines


def test_the_live_class_rehearsal_runs_as_the_page_writes_it(tmp_path: Path) -> None:
    host_line, join_line, export_line = rehearsal_lines()
    command = [sys.executable, "-m", "cold_to_gold"]
    host = subprocess.Popen(
        [*command, *host_line[1:]], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert host.stdout is not None
        ready = json.loads(host.stdout.readline())  # the "ready" line the page promises
        assert ready["event"] == "ready"
        given = {"CODE": ready["code"], "PORT": str(ready["port"])}

        def filled(line: list[str]) -> list[str]:
            return [*command, *(re.sub(r"CODE|PORT", lambda m: given[m[0]], w) for w in line[1:])]

        joined = subprocess.run(filled(join_line), capture_output=True, text=True, timeout=60)
        assert joined.returncode == 0, joined.stderr
        exported = subprocess.run(
            filled(export_line), capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        assert exported.returncode == 0, exported.stderr
        rows = (tmp_path / "rehearsal.csv").read_text(encoding="utf-8").splitlines()
        assert len(rows) == 2 and "Test" in rows[1]
    finally:
        host.send_signal(signal.SIGINT)  # Ctrl+C, as the page says
        try:
            assert host.wait(timeout=20) == 0
        finally:
            if host.poll() is None:
                host.kill()
