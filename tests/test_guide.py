"""The facilitator guide stays true: its numbers are the engine's, and it covers every scenario."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Markdown, OptionList

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.cli import main
from cold_to_gold.guide import generate
from cold_to_gold.library.load import load_scenario
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.guide import GuideScreen, guide_pages

GUIDE = bundled_dir("facilitator_guide")
SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))


def test_the_numbers_in_every_debrief_page_are_the_engines() -> None:
    assert generate.main(["--check"]) == 0


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_scenario_has_a_debrief_page_and_is_in_the_overview(path: Path) -> None:
    scenario = load_scenario(path)
    page = generate.page_for(path).read_text(encoding="utf-8")
    for heading in (
        "## Objective",
        "## The decision that matters most",
        "## What most people choose",
        "## Discussion questions",
        "## The numbers",
    ):
        assert heading in page
    assert generate.BEGIN in page and generate.END in page
    assert f"`{scenario.id}`" in (GUIDE / "README.md").read_text(encoding="utf-8")  # fmt: skip
    sessions = (GUIDE / "session-half-day.md").read_text(encoding="utf-8")
    assert f"`{scenario.id}`" in sessions


def test_a_stale_numbers_block_is_replaced(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# A page\n\n" + generate.BEGIN + "\nold\n" + generate.END + "\n")
    fresh = generate.rewrite(page, generate.BEGIN + "\nnew\n" + generate.END)
    assert fresh == "# A page\n\n" + generate.BEGIN + "\nnew\n" + generate.END + "\n"


def test_guide_links_point_at_pages_and_maps_that_exist() -> None:
    for page in GUIDE.rglob("*.md"):
        for link in re.findall(r"\]\(([^)#]+\.(?:md|svg))\)", page.read_text(encoding="utf-8")):
            assert (page.parent / link).exists(), f"{page.name} links to missing {link}"


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_debrief_page_shows_its_scenarios_map_and_the_plans_link_it(path: Path) -> None:
    scenario = load_scenario(path)
    page = generate.page_for(path).read_text(encoding="utf-8")
    picture = f"(../maps/{scenario.id}.svg)"
    assert f"## The map\n\n[![Branch map of {scenario.title}]{picture}]{picture}" in page
    assert page.index("## The map") < page.index("## The numbers")
    for plan in ("session-60-minutes.md", "session-half-day.md"):
        text = (GUIDE / plan).read_text(encoding="utf-8")
        if f"`{scenario.id}`" in text:
            assert f"(maps/{scenario.id}.svg)" in text, (
                f"{plan} plays {scenario.id} without its map"
            )


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_map_was_drawn_from_the_scenario_as_it_is_now(path: Path) -> None:
    """The fingerprint in the SVG is the scenario's DOT map's: no Graphviz needed to check."""
    from cold_to_gold.author.graph import dot
    from cold_to_gold.guide.maps import drawn_from, fingerprint, map_path

    scenario = load_scenario(path)
    svg = map_path(scenario.id)
    assert drawn_from(svg) == fingerprint(dot(scenario)), "run `python -m cold_to_gold.guide`"
    assert "<svg" in svg.read_text(encoding="utf-8")[:1000]


def test_a_stale_map_is_reported_and_redrawing_needs_graphviz(
    tmp_path: Path, monkeypatch, capsys, guide_copy: Path
) -> None:
    maps = guide_copy / "maps"  # `main([])` below writes what it finds stale: into a copy
    (maps / "the-week.svg").write_text("<svg/>")  # drawn from nothing we know
    assert generate.main(["--check"]) == 1
    assert f"out of date: {maps / 'the-week.svg'}" in capsys.readouterr().out
    monkeypatch.setenv("PATH", str(tmp_path))  # no Graphviz
    assert generate.main([]) == 1
    assert "cannot draw the map of the-week: --format svg needs Graphviz" in capsys.readouterr().err


def test_the_worked_example_in_the_authoring_guide_is_true(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    text = (GUIDE / "authoring.md").read_text(encoding="utf-8")
    example = text[text.index("## A worked example") :]
    scenario = tmp_path / "trade-show-lead.yaml"
    scenario.write_text("".join(re.findall(r"```yaml\n(.*?)```", example, re.S)))
    transcripts = re.findall(r"```\n\$ (.*?)```", example, re.S)
    assert transcripts
    monkeypatch.chdir(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text(scenario.read_text().replace("goto: office_move", "goto: ofice_move"))
    for block in transcripts:
        for command_and_output in ("$ " + block).split("\n$ "):
            lines = command_and_output.removeprefix("$ ").splitlines()
            command, shown = lines[0].split(), [line for line in lines[1:] if line != "..."]
            args = command[1:]
            if "validate" in args and "broken" not in args[-1]:
                args = ["validate", "broken.yaml"]
                shown = [line.replace("trade-show-lead.yaml", "broken.yaml") for line in shown]
            main(args)
            out = capsys.readouterr().out.splitlines()
            for line in shown:
                assert line in out, f"{' '.join(command)}: {line!r} not in {out}"


async def test_the_guide_opens_from_the_picker_and_follows_links() -> None:
    from test_app import picker_ready, welcomed

    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        await pilot.press("f4")
        assert isinstance(app.screen, GuideScreen)
        screen = app.screen
        assert "facilitator's guide" in screen.query_one("#page", Markdown).source
        pages = screen.query_one("#pages", OptionList)
        assert pages.option_count == len(guide_pages(GUIDE)) >= 13
        screen.post_message(Markdown.LinkClicked(screen.query_one("#page", Markdown), "handout.md"))
        await pilot.pause()
        assert "The channel ladder" in screen.query_one("#page", Markdown).source
        await pilot.press("escape")
        assert type(app.screen).__name__ == "PickerScreen"


def test_the_author_tools_section_shows_real_output(tmp_path: Path, capsys, monkeypatch) -> None:
    """Each `$ cold-to-gold ...` in the tools section, run for real, prints what the guide shows."""
    from cold_to_gold.author.starter import starter

    text = (GUIDE / "authoring.md").read_text(encoding="utf-8")
    tools = text[text.index("## The author's tools") : text.index("## A worked example")]
    example = text[text.index("## A worked example") :]
    worked = "".join(re.findall(r"```yaml\n(.*?)```", example, re.S))
    harder = starter("trade-show-lead", 1, "trade-show-lead.yaml").replace(
        "when: trust >= 1 ", "when: trust >= 5 "
    )
    blocks = re.findall(r"```\n\$ (.*?)```", tools, re.S)
    assert len(blocks) >= 4
    for number, block in enumerate(blocks):
        folder = tmp_path / str(number)
        folder.mkdir()
        monkeypatch.chdir(folder)
        (folder / "harder.yaml").write_text(harder)
        command, *shown = block.splitlines()
        if " new " not in command:
            (folder / "trade-show-lead.yaml").write_text(worked)
        args = command.split(">")[0].split()[1:]
        main(args)
        out = capsys.readouterr().out.splitlines()
        for line in shown:
            if line.strip() not in ("...", ""):
                assert line in out, f"{command}: {line!r} not in the output"


async def test_a_map_link_in_the_guide_says_where_the_picture_is() -> None:
    from test_app import picker_ready, welcomed

    welcomed()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        await pilot.press("f4")  # the picker's guide key (letters go to the filter)
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        page = screen.query_one("#page", Markdown)
        screen.post_message(Markdown.LinkClicked(page, "maps/the-week.svg"))
        await pilot.pause()
        (note,) = app._notifications
        assert note.title == "A picture"
        assert str(GUIDE / "maps" / "the-week.svg") in note.message
