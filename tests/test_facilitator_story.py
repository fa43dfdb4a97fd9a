"""The origin story, the references behind every quoted number, and the pushback on the score.

The numbers the pushback page quotes are recomputed here with the engine, so the
page cannot drift from the channel model.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cold_to_gold.engine import play, result_of
from cold_to_gold.guide_html import NAV
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario
from cold_to_gold.scenario.model import DEFAULT_CHANNELS_2
from cold_to_gold.tui.screens.guide import FRONT_PAGES

GUIDE = bundled_dir("facilitator_guide")
SCENARIOS = bundled_dir("scenarios")


def read(name: str) -> str:
    return (GUIDE / name).read_text(encoding="utf-8")


def section(page: str, heading: str) -> str:
    """The text under one `## ` heading, up to the next one."""
    start = page.index(f"## {heading}")
    end = page.find("\n## ", start + 3)
    return page[start : end if end != -1 else len(page)]


# --- the origin story -------------------------------------------------------------


def test_the_story_cites_its_source_and_tells_its_three_pictures() -> None:
    page = read("origin-story.md")
    assert "Scott Andrews" in page
    assert '"Creating Real Relationships From Social Networks"' in page
    assert "14 December 2007" in page
    story = section(page, "The story, in our words").lower()
    for picture in ("nephew", "time", "congregation", "small group", "sax solo", "forty"):
        assert picture in story, picture
    assert "their name" in story  # the forty forget to say theirs


def test_every_study_quoted_to_the_room_has_a_full_reference() -> None:
    page = section(read("origin-story.md"), "Every number you quote")
    for reference in (
        'Roghanizad and V. K. Bohns, "Ask in person',
        "doi:10.1016/j.jesp.2016.10.002",
        '"Should I ask over Zoom, phone, or in-person?',
        "Kumar and N. Epley",
        "*Journal of Experimental Psychology: General* 150(3) (2021)",
        '"Schmooze or lose',
        "*Group Dynamics: Theory, Research, and Practice* 6(1) (2002)",
        "Dennis and S. T. Kinney",
        "*Information Systems Research* 9(3) (1998)",
    ):
        assert reference in page, reference
    assert "**34 times**" in page and "**57 %**" in page and "**44 %**" in page
    assert "Not a measurement" in page


def test_a_trainer_opening_the_60_minute_plan_finds_the_story() -> None:
    link = "(origin-story.md)"
    assert link in read("session-60-minutes.md")
    assert link in read("README.md")
    for plan in ("session-half-day.md", "session-pairs.md", "session-remote.md"):
        assert link in read(plan), plan
    assert "origin-story.md" in FRONT_PAGES  # the app's guide viewer lists it up front
    assert "origin-story.md" in dict(NAV)  # and the printed guide's navigation


@pytest.mark.parametrize(
    "scenario_id", ["first-steps", "the-stage", "the-audience", "small-group", "radio-guest"]
)
def test_what_most_people_choose_is_marked_as_an_expectation(scenario_id: str) -> None:
    page = (GUIDE / "debriefs" / f"{scenario_id}.md").read_text(encoding="utf-8")
    expected = section(page, "What most people choose")
    assert "What we expect from experience, not a measurement" in expected
    assert "your own\nroom's numbers" in expected


# --- the pushback on the score --------------------------------------------------------

CALLS_OR_A_MEETING = """\
format: cold-to-gold/2
id: calls-or-a-meeting
title: Three calls or a meeting
people:
  - {id: dana, name: Dana}
start: a
scenes:
  a:
    title: A stranger
    text: Dana has never heard of you.
    choices:
      - {channel: call, label: Call, goto: b}
      - {channel: meet, label: Meet, goto: done}
      - {channel: email, label: Email, goto: e2}
  e2: {title: E, text: E, choices: [{channel: email, label: Email, goto: e3}]}
  e3: {title: E, text: E, choices: [{channel: email, label: Email, goto: done}]}
  b: {title: B, text: B, choices: [{channel: call, label: Call, goto: c}]}
  c: {title: C, text: C, choices: [{channel: call, label: Call, goto: d}]}
  d:
    title: After three calls
    text: D
    choices:
      - {channel: meet, label: Meet, goto: done}
      - {id: fourth, channel: call, label: Call again, goto: done}
      - {id: stop, channel: email, label: Stop here, gains: none, minutes: 0, goto: done}
endings:
  done: {title: Done, text: Done, outcome: won}
"""


def test_three_calls_against_a_meeting_quotes_the_engines_numbers(tmp_path: Path) -> None:
    path = tmp_path / "calls.yaml"
    path.write_text(CALLS_OR_A_MEETING, encoding="utf-8")
    scenario = load_scenario(path)

    def score(*choices: str) -> int:
        value = result_of(play(scenario, choices)).score
        assert value == int(value)
        return int(value)

    answer = section(read("pushback.md"), '"Three calls beat a meeting')
    numbers = {
        "one meeting": score("meet"),
        "three calls": score("call", "call", "call", "stop"),
        "a fourth call": score("call", "call", "call", "fourth"),
        "calls then a meeting": score("call", "call", "call", "meet"),
        "three emails": score("email", "email", "email"),
    }
    assert numbers == {
        "one meeting": 9,
        "three calls": 21,
        "a fourth call": 19,
        "calls then a meeting": 30,
        "three emails": 6,
    }
    for value in numbers.values():
        assert re.search(rf"\b{value}\b", answer), value
    run = play(scenario, ["call", "call", "call", "meet"])
    assert tuple(run.state.people[0]) == (9, 9, 6)  # they know you, you know them, trust


def test_the_channel_table_on_the_pushback_page_is_the_contracts() -> None:
    page = section(read("pushback.md"), "Pushback on the score itself")
    for name, channel in DEFAULT_CHANNELS_2.items():
        cells = [channel.minutes]
        for metric in ("they_know_you", "you_know_them", "trust"):
            gain = getattr(channel, metric)
            ceiling = channel.ceiling.get(metric)
            if not gain:
                cells.append("0")
            elif ceiling is None:
                cells.append(f"+{gain}, no ceiling")
            else:
                cells.append(f"+{gain}, up to {ceiling}")
        assert f"| {name} | " + " | ".join(str(cell) for cell in cells) + " |" in page


def test_won_and_cold_quotes_a_run_the_engine_grades_that_way() -> None:
    scenario = load_scenario(SCENARIOS / "the-stage.yaml")
    run = play(scenario, ["email-priya", "call-ask", "demo"])
    result = result_of(run)
    assert run.ending is not None and run.ending.outcome == "won"
    answer = section(read("pushback.md"), '"We won and got cold."')
    assert f"**{result.grade} ({result.percent} %)**" in answer
    assert f"{run.state.minutes_spent}\nminutes" in answer


def test_how_could_we_have_known_points_at_cues_the_first_screens_show() -> None:
    answer = section(read("pushback.md"), '"How could we have known?"')
    stage = load_scenario(SCENARIOS / "the-stage.yaml")
    assert "Priya - your order desk!" in stage.scenes[stage.start].text
    assert "Marta's reply" in answer
    radio = load_scenario(SCENARIOS / "radio-guest.yaml")
    assert "stock count" in radio.scenes["theo_tip"].text and "stock count" in answer
