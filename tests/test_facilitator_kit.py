"""The facilitator kit: plans that add up, answer keys and the check written by the engine."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from cold_to_gold.author.lint import lint
from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.engine import check_all, play, result_of
from cold_to_gold.engine.reflex import broadcast_run, reflex_run
from cold_to_gold.engine.result import best_for
from cold_to_gold.guide import answer_keys, generate, plans
from cold_to_gold.guide.check_sheet import CHECK_ID, LETTERS, sound_answers
from cold_to_gold.guide.ladder import ladder
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario.model import DEFAULT_CHANNELS_2
from cold_to_gold.scenario.spec import CHANNELS

GUIDE = bundled_dir("facilitator_guide")
FILES = sorted(bundled_dir("scenarios").glob("*.yaml"))
SCENARIOS = {path.stem: load_scenario(path) for path in FILES}
PLANS = plans.plan_pages(GUIDE)


def read(name: str) -> str:
    return (GUIDE / name).read_text(encoding="utf-8")


# --- session plans ---------------------------------------------------------------


def test_there_is_a_plan_for_each_kind_of_session() -> None:
    lengths = {page.name: plans.stated_length(page.read_text()) for page in PLANS}
    assert lengths == {
        "session-60-minutes.md": 60,
        "session-half-day.md": 210,
        "session-pairs.md": 210,
        "session-remote.md": 90,
    }


@pytest.mark.parametrize("page", PLANS, ids=[page.stem for page in PLANS])
def test_each_plan_adds_up_to_its_stated_length_with_a_buffer(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    rows = plans.blocks(text)
    assert rows[0].start == 0
    assert sum(row.minutes for row in rows) == plans.stated_length(text)
    for before, after in itertools.pairwise(rows):
        assert after.start == before.start + before.minutes, after.what
    assert any("buffer" in row.what.lower() for row in rows)
    assert plans.problems(text, SCENARIOS) == []


@pytest.mark.parametrize("page", PLANS, ids=[page.stem for page in PLANS])
def test_each_plan_gives_the_scenarios_it_plays_the_time_their_best_run_needs(page: Path) -> None:
    played = 0
    for row in plans.blocks(page.read_text(encoding="utf-8")):
        for scenario_id in re.findall(r"`([a-z0-9-]+)`", row.what):
            decisions = len(best_for(SCENARIOS[scenario_id]).path)
            pace = plans.VOTE_MINUTES if row.voted else plans.PAIR_MINUTES
            assert row.minutes >= decisions * pace, (row.what, row.minutes, decisions)
            played += 1
    assert played >= 2


def test_the_first_steps_slot_is_sized_for_a_room_that_votes() -> None:
    (slot,) = [
        row for row in plans.blocks(read("session-60-minutes.md")) if "`first-steps`" in row.what
    ]
    assert slot.voted and "`t`" in slot.how and "--presenter" in slot.how
    assert slot.minutes >= len(best_for(SCENARIOS["first-steps"]).path) * 2.5


def test_a_plan_that_does_not_add_up_is_reported_with_what_is_wrong() -> None:
    plan = (
        "Length: **30 minutes**\n\n## Part 1 — warming up (20 minutes)\n\n"
        "| time | min | what | how |\n|---|---|---|---|\n"
        "| 0:00 | 5 | **The question** | ask |\n"
        "| 0:06 | 3 | **`first-steps`**, presenter mode, the room votes | vote |\n"
        "| 0:09 | 17 | Debrief | talk |\n"
    )
    found = plans.problems(plan, SCENARIOS)
    assert "'The question' starts" not in " ".join(found)
    assert "'first-steps, presenter mode, the room votes' starts at 0:06, not 0:05" in found
    needed = plans.needed(SCENARIOS["first-steps"], voted=True)
    assert any(f"its best run needs {needed} with a room that votes" in item for item in found)
    assert "the blocks add up to 25 minutes, the plan says 30" in found
    assert any(item.startswith("no buffer") for item in found)
    assert "'Part 1 — warming up' says 20 minutes, its blocks add up to 25" in found
    assert plans.problems("no plan here", SCENARIOS) == ["no line 'Length: **N minutes**'"]


def test_the_guide_command_fails_while_a_plan_does_not_add_up(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    folder = tmp_path / "facilitator_guide"
    shutil.copytree(GUIDE, folder)
    page = folder / "session-60-minutes.md"
    page.write_text(page.read_text().replace("| 0:49 | 3 |", "| 0:49 | 4 |"))
    monkeypatch.setattr(plans, "plan_pages", lambda _: [page])
    monkeypatch.setattr(generate, "plan_pages", lambda _: [page])
    assert generate.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "the blocks add up to 61 minutes, the plan says 60" in err
    assert "'After: the same items' starts at 0:52, not 0:53" in err


def test_the_sizing_table_says_what_the_plans_are_checked_against() -> None:
    text = read("running-it.md")
    for scenario in SCENARIOS.values():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{scenario.id}` |"))
        assert f"| {plans.needed(scenario, True)} min |" in row
        assert f"| {plans.needed(scenario, False)} min |" in row


def test_plans_use_the_live_room_and_the_keys_that_exist() -> None:
    for name in ("session-60-minutes.md", "session-half-day.md", "session-pairs.md"):
        assert "live class" in read(name).lower()
    presses = read("running-it.md")
    for key in ("`n`", "`p`", "`u`", "`Enter`", "`r`", "`a`"):
        assert key in presses
    from cold_to_gold.tui.classroom.console import ConsoleScreen
    from cold_to_gold.tui.screens.play import PlayScreen

    play_keys = {binding.key for binding in PlayScreen.BINDINGS}
    assert {"n", "p", "u"} <= play_keys
    assert {"r", "a", "v", "d"} <= {binding.key for binding in ConsoleScreen.BINDINGS}


# --- answer keys ------------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_every_scenario_has_an_answer_key_with_every_choice_and_the_three_runs(
    scenario_id: str,
) -> None:
    scenario = SCENARIOS[scenario_id]
    page = (GUIDE / "answer-keys" / f"{scenario_id}.md").read_text(encoding="utf-8")
    for scene in scenario.scenes.values():
        assert f"### {scene.title} (`{scene.id}`)" in page
        for number, choice in enumerate(scene.choices, start=1):
            assert f"**{number} · {choice.label}**" in page
    runs = {
        "The best run": play(scenario, best_for(scenario).path),
        "The reflex": reflex_run(scenario),
        "The broadcast": broadcast_run(scenario),
    }
    for title, run in runs.items():
        result = result_of(run)
        line = next(line for line in page.splitlines() if f"**{title}**:" in line)
        assert f"{len(run.steps)} decisions" in line
        assert f"**{result.grade}**, {result.percent} %" in line
    assert f"(../maps/{scenario_id}.svg)" in page


def test_an_answer_key_says_what_each_choice_builds_as_it_applies() -> None:
    scenario = SCENARIOS[CHECK_ID]
    by_id = {c.id: c for scene in scenario.scenes.values() for c in scene.choices}
    assert (
        answer_keys.builds(scenario, by_id["drop-by"]) == "builds nothing (a contact that failed)"
    )
    assert answer_keys.builds(scenario, by_id["one-call"]) == (
        "Piotr: they know you +2 up to 6, you know them +2 up to 6, trust +1 up to 3"
    )
    assert answer_keys.builds(scenario, by_id["brochure"]) == "Ruth: they know you +1 up to 4"
    page = (GUIDE / "answer-keys" / f"{CHECK_ID}.md").read_text(encoding="utf-8")
    assert "  - also: Ruth trust −1" in page  # an effect, beside the channel's gains
    assert "everyone: they know you +1 up to 3" in page  # a post reaches the whole cast


def test_decision_range_counts_the_shortest_and_longest_run() -> None:
    assert answer_keys.decision_range(SCENARIOS[CHECK_ID]) == (8, 8)
    first = answer_keys.decision_range(SCENARIOS["first-steps"])
    assert first is not None and first[0] <= len(best_for(SCENARIOS["first-steps"]).path)
    assert answer_keys.decision_range(SCENARIOS["the-week"], limit=3) is None


def test_a_stale_or_retired_answer_key_is_reported_and_rewritten(capsys, guide_copy: Path) -> None:
    folder = guide_copy
    key = folder / "answer-keys" / "first-steps.md"
    key.write_text("edited by hand\n")
    (folder / "answer-keys" / "gone.md").write_text("a scenario that left\n")
    assert generate.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert f"out of date: {key}" in out and "gone.md (no such scenario)" in out
    assert generate.main([]) == 0
    assert key.read_text() == answer_keys.answer_key(SCENARIOS["first-steps"])
    assert not (folder / "answer-keys" / "gone.md").exists()
    assert generate.main(["--check"]) == 0


# --- the handout ------------------------------------------------------------------


def test_the_handout_states_the_rule_and_the_format_2_numbers() -> None:
    text = read("handout.md")
    assert "match the channel to the stage, the buyer and the permission you have" in text
    assert ladder() in text
    call = DEFAULT_CHANNELS_2["call"]
    assert call.ceiling["trust"] == 3
    row = next(line for line in text.splitlines() if line.startswith("| 3 **Call**"))
    assert row == "| 3 **Call** | 20 | +2, up to 6 | +2, up to 6 | +1, up to 3 |"
    assert "each minute costs 0.1 of a point" in text and "build 9 points" in text
    assert "Climb one rung at a time" not in text  # the old reflex rule is gone


# --- the check --------------------------------------------------------------------


def test_the_check_is_a_scenario_that_validates_tests_and_lints_clean() -> None:
    scenario = SCENARIOS[CHECK_ID]
    assert scenario.format == 2
    assert 6 <= len(scenario.scenes) <= 8
    assert all(outcome.passed for outcome in check_all(scenario))
    assert lint(scenario).findings == ()
    best = play(scenario, best_for(scenario).path)
    assert best.ending is not None and best.ending.outcome == "won"
    assert result_of(best).grade == "gold"
    assert result_of(broadcast_run(scenario)).grade == "cold"
    assert result_of(reflex_run(scenario)).grade != "gold"


def test_the_checks_items_ask_about_the_conversation_as_well_as_the_channel() -> None:
    scenario = SCENARIOS[CHECK_ID]
    shared = [
        scene.id
        for scene in scenario.scenes.values()
        if len({choice.channel for choice in scene.choices}) < len(scene.choices)
    ]
    assert len(shared) >= 2  # the brochure or the tailored email; asking for the referral or not
    # An offer to meet is made on the call or by email, and its icon says so: what
    # the check asks is whether a lower rung is sound while a higher one is on offer.
    rung = {channel: n for n, channel in enumerate(CHANNELS)}
    lower = 0
    for title, found in sound_answers(scenario):
        scene = next(s for s in scenario.scenes.values() if s.title == title)
        highest_on_offer = max(rung[other.channel] for other in scene.choices)
        if all(rung[choice.channel] < highest_on_offer for _, choice in found):
            lower += 1
    assert lower >= 3  # a lower rung is the sound answer while a higher one is on offer


def test_the_check_sheet_and_key_follow_the_scenario() -> None:
    scenario = SCENARIOS[CHECK_ID]
    sheet = read("check-sheet.md")
    for scene in scenario.scenes.values():
        assert f"## {scene.title}" in sheet
        for letter, choice in zip(LETTERS, scene.choices, strict=False):
            assert f"| **{letter}** | {choice.label} | ☐ | ☐ |" in sheet  # before | after
        assert all(choice.feedback.split(".")[0] not in sheet for choice in scene.choices)
    page = read("pre-post-check.md")
    best = best_for(scenario).path
    for number, (title, found) in enumerate(sound_answers(scenario), start=1):
        assert f"{number} **{' or '.join(letter for letter, _ in found)}**" in page
        for letter, choice in found:
            assert f"| {title} | **{letter}** {choice.label} ({choice.channel}) |" in page
            assert not choice.mistake
        assert any(choice.id in best for _, choice in found)


def test_what_the_check_page_says_of_the_reflex_and_the_broadcast_is_true() -> None:
    scenario = SCENARIOS[CHECK_ID]
    right = set(best_for(scenario).path)
    reflex_wrong = sum(choice not in right for choice in reflex_run(scenario).path)
    broadcast_right = sum(choice in right for choice in broadcast_run(scenario).path)
    words = {4: "four", 6: "six"}
    assert f"wrong in {words[reflex_wrong]} of the eight" in read("pre-post-check.md")
    assert f"wrong in {words[reflex_wrong]} of its eight" in read("pushback.md")
    assert broadcast_right == 0 and "in all of them" in read("pre-post-check.md")


def test_the_objectives_name_items_that_exist() -> None:
    page = read("pre-post-check.md")
    rows = re.findall(r"^\| (\d) \| .*? \| ([\d, ]+) \|$", page, re.M)
    assert [number for number, _ in rows] == ["1", "2", "3", "4"]
    items = sorted(int(item) for _, listed in rows for item in listed.split(","))
    assert items == list(range(1, len(SCENARIOS[CHECK_ID].scenes) + 1))


# --- the pushback page --------------------------------------------------------------


def test_the_pushback_page_answers_each_objection_and_cites_the_evidence_honestly() -> None:
    page = read("pushback.md")
    for objection in (
        "Our buyers are remote.",
        "Inside sales can't meet.",
        "Cold calling works for us.",
        "Procurement won't let us.",
        "Does a video call count?",
    ):
        assert f'## "{objection}"' in page
    notes = "doi:10.1016/j.jesp.2016.10.002"
    assert notes in page and "34" in page and "4 in 5" in page and "3 in 5" in page
    assert "counterweight" in page.lower() and "itself an ask" in page


# --- anchors between pages ------------------------------------------------------------


def test_links_to_a_heading_of_another_page_find_that_heading() -> None:
    from mdit_py_plugins.anchors.index import slugify

    for page in GUIDE.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#]*\.md)#([^)]+)\)", text):
            headings = (page.parent / target).read_text(encoding="utf-8")
            slugs = {
                slugify(line.lstrip("#").strip())
                for line in headings.splitlines()
                if line.startswith("#")
            }
            assert anchor in slugs, f"{page.name} links to {target}#{anchor}"


# --- in the app's guide viewer -------------------------------------------------------


async def test_the_guide_viewer_lists_the_new_pages_and_answer_keys_in_order() -> None:
    from test_app import picker_ready, welcomed
    from textual.widgets import Markdown, OptionList

    from cold_to_gold.tui.app import build_app
    from cold_to_gold.tui.screens.guide import GuideScreen, guide_pages, page_title

    pages = guide_pages(GUIDE)
    names = [page.relative_to(GUIDE).as_posix() for page in pages]
    assert names[:4] == ["README.md", "running-it.md", "session-60-minutes.md",
                         "session-half-day.md"]  # fmt: skip
    debriefs = [name for name in names if name.startswith("debriefs/")]
    keys = [name for name in names if name.startswith("answer-keys/")]
    assert [name.split("/")[1] for name in keys] == [name.split("/")[1] for name in debriefs]
    assert names.index(keys[0]) > names.index(debriefs[-1])
    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        listing = screen.query_one("#pages", OptionList)
        listing.highlighted = names.index("answer-keys/first-steps.md")
        await pilot.pause()
        shown = screen.query_one("#page", Markdown).source
        assert shown.startswith("# Answer key: First Steps")
        assert "## Three runs to compare" in shown
        assert page_title(pages[names.index("answer-keys/first-steps.md")]).startswith(
            "Answer key: First Steps"
        )


async def test_tab_gives_the_page_the_whole_width_and_brings_the_list_back() -> None:
    from test_app import picker_ready, welcomed
    from textual.widgets import OptionList

    from cold_to_gold.tui.app import build_app

    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        await pilot.press("f4")
        screen = app.screen
        pages = screen.query_one("#pages", OptionList)
        scroll = screen.query_one("#page-scroll")
        narrow = scroll.size.width
        await pilot.press("tab")
        assert not pages.display and scroll.has_focus
        assert scroll.size.width > narrow + 20
        await pilot.press("tab")
        assert pages.display and pages.has_focus


def test_a_missing_debrief_page_is_for_a_person_to_write(capsys, guide_copy: Path) -> None:
    folder = guide_copy
    (folder / "debriefs" / "first-steps.md").unlink()
    assert generate.main([]) == 1  # nothing the engine can write fixes it
    err = capsys.readouterr().err
    assert f"{folder / 'debriefs' / 'first-steps.md'}: missing; write it by hand" in err
