"""What the facilitator kit derives from the scenarios, written by the engine, never by hand.

Each debrief page in `facilitator_guide/debriefs/` carries a block between two
markers; this module writes it from the scenario: the best path step by step,
the minutes per channel, and the result of every scripted test path. It also
writes each scenario's answer key into `facilitator_guide/answer-keys/`
(`guide_keys`), the handout's channel table (`guide_ladder`), the sizing
table of the session plans (`guide_plans`), the check's sheet and key
(`guide_check`), draws each scenario's branch map into `facilitator_guide/maps/`
(`guide_maps`, with Graphviz) and writes the editors' schema beside the bundled
scenarios. Both modes report, and exit 1 on, a session plan that does not add
up (`guide_plans`): that one is for a person to fix.

    python -m cold_to_gold.guide            # rewrite what is out of date
    python -m cold_to_gold.guide --check    # exit 1 if anything is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cold_to_gold.author.render import RenderError
from cold_to_gold.author.schema_file import SCHEMA_FILE, schema_text, write_schema
from cold_to_gold.engine import find_best, play, result_of
from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.guide_check import BEGIN as KEY_BEGIN
from cold_to_gold.guide_check import (
    CHECK_ID,
    SESSION_BEGIN,
    SESSION_END,
    SHEET,
    SHEETS,
    TAUGHT_BEGIN,
    TAUGHT_END,
    key,
    session_block,
    sheet,
    short_sheet,
    taught_items,
    taught_table,
    teaching_problems,
)
from cold_to_gold.guide_check import END as KEY_END
from cold_to_gold.guide_keys import FOLDER as KEYS
from cold_to_gold.guide_keys import answer_key
from cold_to_gold.guide_ladder import BEGIN as LADDER_BEGIN
from cold_to_gold.guide_ladder import END as LADDER_END
from cold_to_gold.guide_ladder import ladder
from cold_to_gold.guide_maps import refresh_map
from cold_to_gold.guide_plans import (
    SIZING_BEGIN,
    SIZING_END,
    plan_pages,
    plan_title,
    played,
    problems,
    sizing,
)
from cold_to_gold.guide_rooms import BEGIN as ROOMS_BEGIN
from cold_to_gold.guide_rooms import END as ROOMS_END
from cold_to_gold.guide_rooms import expectation_block
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import Scenario, load_scenario
from cold_to_gold.scenario.spec import CHANNELS

BEGIN = "<!-- numbers: written by `python -m cold_to_gold.guide`; do not edit by hand -->"
END = "<!-- end of numbers -->"


def numbers(scenario: Scenario) -> str:
    """The Markdown block of a scenario's numbers."""
    best = find_best(scenario)
    run = play(scenario, best.path)
    result = result_of(run)
    titles = {scene.id: scene.title for scene in scenario.scenes.values()}
    lines = [
        BEGIN,
        "",
        "| step | scene | choice | channel | minutes |",
        "|---|---|---|---|---|",
    ]
    minutes = {use.channel: use.minutes for use in channel_mix(run)}
    for number, step in enumerate(run.steps, start=1):
        choice = step.choice
        lines.append(
            f"| {number} | {titles[step.scene]} | {choice.label} (`{choice.id}`) "
            f"| {choice.channel} | {choice.minutes} |"
        )
    ending = run.ending
    assert ending is not None
    in_person = minutes["call"] + minutes["meet"]
    at_a_distance = minutes["post"] + minutes["email"]
    budget = f" of the {scenario.time_budget} available" if scenario.time_budget else ""
    lines += [
        "",
        f"The best path ends at **{ending.title}** ({ending.outcome}) with a score of "
        f"**{format_number(result.score)}**, in {run.state.minutes_spent} minutes{budget}.",
        "Minutes per channel: "
        + ", ".join(f"{channel} {minutes[channel]}" for channel in CHANNELS)
        + f" - **{in_person}** in person (call and meet) against {at_a_distance} "
        "by post and email.",
        "",
    ]
    if scenario.tests:
        lines += [
            "The scenario's scripted paths:",
            "",
            "| path | choices | ending | score | percent | grade |",
            "|---|---|---|---|---|---|",
        ]
        for test in scenario.tests:
            lines.append(_test_row(scenario, test.name, test.choose))
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def _test_row(scenario: Scenario, name: str, choose: tuple[str, ...]) -> str:
    run = play(scenario, choose)
    result = result_of(run)
    ending = run.ending.id if run.ending else f"(at {run.at})"
    return (
        f"| {name} | `{', '.join(choose)}` | {ending} | {format_number(result.score)} "
        f"| {result.percent}% | {result.grade} |"
    )


def page_for(scenario_path: Path) -> Path:
    return bundled_dir("facilitator_guide") / "debriefs" / f"{scenario_path.stem}.md"


def rewrite(page: Path, block: str, begin: str = BEGIN, end: str = END) -> str:
    """The page's text with its block replaced (or appended when it has none)."""
    return rewrite_text(page.read_text(encoding="utf-8"), block, begin, end)


def rewrite_text(text: str, block: str, begin: str = BEGIN, end: str = END) -> str:
    """`text` with its block replaced (or appended when it has none)."""
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        return head + block + tail
    return text.rstrip("\n") + "\n\n" + block + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite what the engine writes in the facilitator guide; `--check` only reports."""
    parser = argparse.ArgumentParser(
        prog="python -m cold_to_gold.guide",
        description="Rewrite the facilitator guide's engine-written parts (numbers, answer "
        "keys, maps, the handout's table, the check's sheet and key, the bundled schema).",
    )
    parser.add_argument(
        "--check", action="store_true", help="only report what is out of date (exit 1 if any)"
    )
    check = parser.parse_args(argv).check
    stale: list[str] = []
    missing: list[str] = []  # pages a person writes; the engine only fills their blocks
    paths = sorted(bundled_dir("scenarios").glob("*.yaml"))
    scenarios = {path.stem: load_scenario(path) for path in paths}
    for path in paths:
        scenario = scenarios[path.stem]
        stale += _refresh(key_page(scenario.id), answer_key(scenario), check)
        page = page_for(path)
        if not page.exists():
            missing.append(str(page))
        else:
            text = rewrite(page, numbers(scenario))
            text = rewrite_text(text, expectation_block(scenario.id), ROOMS_BEGIN, ROOMS_END)
            stale += _refresh(page, text, check)
        try:
            stale += [drawn] if (drawn := refresh_map(scenario, check)) else []
        except RenderError as error:
            print(f"cannot draw the map of {scenario.id}: {error}", file=sys.stderr)
            return 1
    stale += _retired_keys(set(scenarios), check)
    stale += _kit_blocks(scenarios, check, missing)
    stale += _bundled_schema(check)
    for item in stale:
        print(("out of date: " if check else "rewrote: ") + item)
    wrong = [
        f"{page}: missing; write it by hand, the engine fills in its numbers" for page in missing
    ]
    wrong += _plans_that_do_not_add_up(scenarios)
    if CHECK_ID in scenarios:
        wrong += teaching_problems(scenarios[CHECK_ID], scenarios)
    for item in wrong:
        print(item, file=sys.stderr)
    return 1 if (check and stale) or wrong else 0


def _kit_blocks(scenarios: dict[str, Scenario], check: bool, missing: list[str]) -> list[str]:
    """The handout's ladder, the sizing table, and the check's sheet and key; what was stale.

    A page that should hold a block but does not exist is added to `missing`.
    """
    folder = bundled_dir("facilitator_guide")
    blocks = [("handout.md", ladder(), LADDER_BEGIN, LADDER_END)]
    blocks.append(("running-it.md", sizing(list(scenarios.values())), SIZING_BEGIN, SIZING_END))
    the_check = scenarios.get(CHECK_ID)
    stale: list[str] = []
    if the_check is not None:
        stale += _refresh(folder / SHEET, sheet(the_check), check)
        blocks.append(("pre-post-check.md", key(the_check), KEY_BEGIN, KEY_END))
        plans = {
            page.name: (plan_title(text), played(text))
            for page in plan_pages(folder)
            for text in [page.read_text(encoding="utf-8")]
        }
        table = taught_table(the_check, scenarios, plans)
        blocks.append(("pre-post-check.md", table, TAUGHT_BEGIN, TAUGHT_END))
        for name, (title, scenario_ids) in plans.items():
            chosen = taught_items(the_check, scenario_ids)
            short = f"{SHEETS}/check-{name.removeprefix('session-')}"
            stale += _refresh(folder / short, short_sheet(the_check, title, chosen), check)
            block = session_block(the_check, scenarios, short, scenario_ids)
            blocks.append((name, block, SESSION_BEGIN, SESSION_END))
    for name, block, begin, end in blocks:
        page = folder / name
        if not page.exists():
            missing.append(str(page))
        else:
            stale += _refresh(page, rewrite(page, block, begin, end), check)
    return stale


def _plans_that_do_not_add_up(scenarios: dict[str, Scenario]) -> list[str]:
    """Each session plan whose blocks do not add up to its length, with what is wrong."""
    return [
        f"{page}: {problem}"
        for page in plan_pages(bundled_dir("facilitator_guide"))
        for problem in problems(page.read_text(encoding="utf-8"), scenarios)
    ]


def key_page(scenario_id: str) -> Path:
    """Where a bundled scenario's answer key lives."""
    return bundled_dir("facilitator_guide") / KEYS / f"{scenario_id}.md"


def _refresh(page: Path, text: str, check: bool) -> list[str]:
    """Write a page (or its new text) when it differs; what was stale."""
    if page.exists() and page.read_text(encoding="utf-8") == text:
        return []
    if not check:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return [str(page)]


def _retired_keys(ids: set[str], check: bool) -> list[str]:
    """Answer keys of scenarios that are no longer bundled: removed when rewriting."""
    retired = []
    for page in sorted((bundled_dir("facilitator_guide") / KEYS).glob("*.md")):
        if page.stem not in ids:
            retired.append(f"{page} (no such scenario)")
            if not check:
                page.unlink()
    return retired


def _bundled_schema(check: bool) -> list[str]:
    """The editors' schema the bundled scenarios' first lines point at, if out of date."""
    folder = bundled_dir("scenarios")
    target = folder / SCHEMA_FILE
    if target.exists() and target.read_text(encoding="utf-8") == schema_text():
        return []
    if not check:
        write_schema(folder)
    return [str(target)]


if __name__ == "__main__":
    raise SystemExit(main())
