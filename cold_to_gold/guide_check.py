"""The pre/post check on paper, and its key, from the check scenario.

The check is a scenario (`scenarios/before-and-after.yaml`) whose decisions are
the items, so it plays in the app and in a live class. For a room without
laptops, or for a "before" that gives nothing away, `sheet` writes the same
items as a printable page (letters instead of numbers, no feedback), and `key`
the block of the facilitator's page that scores it: per item, the letter of
the sound answer (the best run's choice), the answer and why.
"""

from __future__ import annotations

from cold_to_gold.engine.result import best_for
from cold_to_gold.scenario.model import Choice, Scenario

CHECK_ID = "before-and-after"
SHEET = "check-sheet.md"
BEGIN = "<!-- the key: written by `python -m cold_to_gold.guide`; do not edit by hand -->"
END = "<!-- end of the key -->"
LETTERS = "ABCDEFGHI"


def sheet(scenario: Scenario) -> str:
    """The whole participant's page: the items, lettered, with boxes to tick."""
    lines = [
        f"# {scenario.title}",
        "",
        "<!-- written by `python -m cold_to_gold.guide` from the check scenario; "
        "do not edit by hand -->",
        "",
        "Name: ________________________  Date: ____________  ☐ before  ☐ after",
        "",
        "Eight situations from a seller's month. For each, tick the **one** thing you "
        "would do. There is no trick: answer as you would at work.",
        "",
    ]
    for scene in scenario.scenes.values():
        lines += [f"## {scene.title}", "", scene.text.strip(), ""]
        for letter, choice in zip(LETTERS, scene.choices, strict=False):
            lines.append(f"- ☐ **{letter}** {choice.label}")
        lines.append("")
    return "\n".join(lines)


def key(scenario: Scenario) -> str:
    """The scoring block: the letters in one line, then each sound answer and why."""
    answers = sound_answers(scenario)
    letters = " · ".join(f"{n} **{letter}**" for n, (_, letter, _) in enumerate(answers, 1))
    lines = [BEGIN, "", f"Sound answers: {letters}", "", "| item | the sound answer | why |"]
    lines.append("|---|---|---|")
    for title, letter, choice in answers:
        why = " ".join(choice.feedback.split())
        lines.append(f"| {title} | **{letter}** {choice.label} ({choice.channel}) | {why} |")
    lines += ["", END]
    return "\n".join(lines)


def sound_answers(scenario: Scenario) -> list[tuple[str, str, Choice]]:
    """Per scene on the best run, in order: its title, the best choice's letter and the choice."""
    found = []
    at = scenario.start
    for choice_id in best_for(scenario).path:
        scene = scenario.scenes[at]
        index = next(i for i, choice in enumerate(scene.choices) if choice.id == choice_id)
        found.append((scene.title, LETTERS[index], scene.choices[index]))
        at = scene.choices[index].goto
    return found
