"""The pre/post check on paper, and its key, from the check scenario.

The check is a scenario (`scenarios/before-and-after.yaml`) whose decisions are
the items, so it plays in the app and in a live class. For a room without
laptops, or for a "before" that gives nothing away, `sheet` writes the same
items as a printable page (letters instead of numbers, no feedback, a column
to tick before the workshop and one after), and `key` the block of the
facilitator's page that scores it: per item, the letters of the sound answers
(the choices not marked `mistake`), the answer and why.

Each item's facilitator notes name where the library teaches it, as
`` `scenario` · `scene` `` pairs after "Taught in". From those, `taught_table`
writes the item-to-scenario table of the check's page, and each session plan
gets its own short check (`session_block`, `short_sheet`): only the items that
the scenarios it plays teach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cold_to_gold.engine.result import best_for
from cold_to_gold.engine.sound import sound_choices
from cold_to_gold.scenario.model import Choice, Scenario, Scene

CHECK_ID = "before-and-after"
SHEET = "check-sheet.md"
SHEETS = "check-sheets"  # the short sheet of each session plan
BEGIN = "<!-- the key: written by `python -m cold_to_gold.guide`; do not edit by hand -->"
END = "<!-- end of the key -->"
TAUGHT_BEGIN = "<!-- where each item is taught: written by `python -m cold_to_gold.guide` -->"
TAUGHT_END = "<!-- end of where each item is taught -->"
SESSION_BEGIN = "<!-- this session's check: written by `python -m cold_to_gold.guide` -->"
SESSION_END = "<!-- end of this session's check -->"
LETTERS = "ABCDEFGHI"
_WORDS = dict(enumerate(["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"]))
_TAUGHT = re.compile(r"`([a-z0-9][a-z0-9-]*)` · `([\w-]+)`")


@dataclass(frozen=True)
class Item:
    number: int
    scene: Scene
    taught_in: tuple[tuple[str, str], ...]  # (scenario id, scene id), as the notes name them


def items(check: Scenario) -> list[Item]:
    """The check's items in the order they are asked (its best run visits every one)."""
    found = []
    at = check.start
    for number, choice_id in enumerate(best_for(check).path, start=1):
        scene = check.scenes[at]
        notes = scene.facilitator_notes.split("Taught in", 1)
        pairs = tuple(_TAUGHT.findall(notes[1])) if len(notes) == 2 else ()
        found.append(Item(number, scene, pairs))
        at = next(choice.goto for choice in scene.choices if choice.id == choice_id)
    return found


def teaching_problems(check: Scenario, scenarios: dict[str, Scenario]) -> list[str]:
    """An item that names no teaching scene, or a scenario or scene that does not exist."""
    wrong = []
    for item in items(check):
        where = f"the check's item {item.number} ({item.scene.id})"
        if not item.taught_in:
            wrong.append(f"{where}: its notes name no `scenario` · `scene` after 'Taught in'")
        for scenario_id, scene_id in item.taught_in:
            scenario = scenarios.get(scenario_id)
            if scenario is None:
                wrong.append(f"{where}: no bundled scenario '{scenario_id}'")
            elif scene_id not in scenario.scenes:
                wrong.append(f"{where}: '{scenario_id}' has no scene '{scene_id}'")
    return wrong


def taught_items(check: Scenario, played: list[str]) -> list[Item]:
    """The items that at least one of the played scenarios teaches."""
    return [item for item in items(check) if any(sid in played for sid, _ in item.taught_in)]


def sheet(scenario: Scenario) -> str:
    """The whole participant's page: every item, lettered, a column before and one after."""
    return _sheet(scenario.title, items(scenario), len(items(scenario)))


def short_sheet(check: Scenario, plan_title: str, chosen: list[Item]) -> str:
    """A session's own sheet: only its items, numbered as in the whole check."""
    return _sheet(f"The check: {plan_title}", chosen, len(items(check)))


def _sheet(title: str, chosen: list[Item], total: int) -> str:
    count = _WORDS.get(len(chosen), str(len(chosen)))
    lines = [
        f"# {title}",
        "",
        "<!-- written by `python -m cold_to_gold.guide` from the check scenario; "
        "do not edit by hand -->",
        "",
        "Name: ________________________  Date: ____________",
        "",
        f"{count} situations from a seller's month. For each, tick the **one** thing you "
        "would do, in the **before** column at the start and in the **after** column at "
        "the end. There is no trick: answer as you would at work.",
        "",
    ]
    for item in chosen:
        title_ = item.scene.title.split(": ", 1)[-1]  # "1 of 8: The tender" -> "The tender"
        lines += [f"## {item.number} of {total}: {title_}", "", item.scene.text.strip(), ""]
        lines += ["| | | before | after |", "|---|---|:-:|:-:|"]
        for letter, choice in zip(LETTERS, item.scene.choices, strict=False):
            lines.append(f"| **{letter}** | {choice.label} | ☐ | ☐ |")
        lines.append("")
    return "\n".join(lines)


def key(scenario: Scenario) -> str:
    """The scoring block: the letters in one line, then each sound answer and why."""
    answers = sound_answers(scenario)
    letters = " · ".join(
        f"{n} **{' or '.join(letter for letter, _ in found)}**"
        for n, (_, found) in enumerate(answers, 1)
    )
    lines = [BEGIN, "", f"Sound answers: {letters}", "", "| item | the sound answer | why |"]
    lines.append("|---|---|---|")
    for title, found in answers:
        for letter, choice in found:
            why = " ".join(choice.feedback.split())
            lines.append(f"| {title} | **{letter}** {choice.label} ({choice.channel}) | {why} |")
    lines += ["", END]
    return "\n".join(lines)


def sound_answers(scenario: Scenario) -> list[tuple[str, list[tuple[str, Choice]]]]:
    """Per item, in order: its title and the letters and choices of its sound answers.

    A sound answer is a choice not marked `mistake`; in a check where no choice
    is marked, it is the best run's choice.
    """
    found = []
    sound_ids = sound_choices(scenario)
    for item in items(scenario):
        lettered = zip(LETTERS, item.scene.choices, strict=False)
        sound = [(letter, c) for letter, c in lettered if c.id in sound_ids[item.scene.id]]
        found.append((item.scene.title, sound))
    return found


def taught_table(
    check: Scenario, scenarios: dict[str, Scenario], plans: dict[str, tuple[str, list[str]]]
) -> str:
    """The check's page block: per item, where the library teaches it and which plans measure it."""
    lines = [
        TAUGHT_BEGIN,
        "",
        "| item | taught in (scenario · scene) | measured in |",
        "|---|---|---|",
    ]
    for item in items(check):
        where = "; ".join(_place(scenarios, sid, scene) for sid, scene in item.taught_in)
        measured = [
            f"[{title}]({page})"
            for page, (title, played) in plans.items()
            if any(sid in played for sid, _ in item.taught_in)
        ]
        lines.append(
            f"| {item.scene.title} | {where} | {', '.join(measured) or 'no session plan'} |"
        )
    lines += ["", TAUGHT_END]
    return "\n".join(lines)


def session_block(
    check: Scenario, scenarios: dict[str, Scenario], sheet_link: str, played: list[str]
) -> str:
    """A session plan's block: its items, where its scenarios teach them, and their key."""
    chosen = taught_items(check, played)
    if not chosen:
        return "\n".join(
            [
                SESSION_BEGIN,
                "",
                "No item of the check is taught by the scenarios this session plays.",
                "",
                SESSION_END,
            ]
        )
    numbers = _listed([str(item.number) for item in chosen])
    sound = dict(zip([item.number for item in items(check)], sound_answers(check), strict=True))
    lines = [
        SESSION_BEGIN,
        "",
        f"**This session's check**: items {numbers} of [the check](pre-post-check.md), the "
        f"ones its scenarios teach; print [its sheet]({sheet_link}), one per person, for "
        "before and after.",
        "",
        "| item | taught here in | sound answer |",
        "|---|---|---|",
    ]
    for item in chosen:
        _, found = sound[item.number]
        letters = " or ".join(f"**{letter}**" for letter, _ in found)
        here = [(sid, scene) for sid, scene in item.taught_in if sid in played]
        where = "; ".join(_place(scenarios, sid, scene) for sid, scene in here)
        lines.append(f"| {item.scene.title} | {where} | {letters} |")
    lines += ["", SESSION_END]
    return "\n".join(lines)


def _place(scenarios: dict[str, Scenario], scenario_id: str, scene_id: str) -> str:
    scenario = scenarios.get(scenario_id)
    scene = scenario.scenes.get(scene_id) if scenario else None
    return f"`{scenario_id}` · *{scene.title if scene else scene_id}*"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
