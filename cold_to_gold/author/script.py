"""The script of a scenario: every word a trainee can see, in file order, with its YAML line.

What a subject-matter expert or a compliance reviewer signs off, and what a
trainer reads aloud when the projector fails: every scene (its text, and each
text variant with its condition in words), every choice (channel, minutes,
whom it reaches, what it builds, its effects, when it is locked, `mistake`,
where it leads) and its feedback (each variant with its condition), and every
ending. Each row carries the line of the file it comes from, and the printed
forms leave an empty column for comments.

`script_rows` builds the rows; `script_text` lays them out as plain text for
a terminal or a printer; `author/script_html.py` as a printable web page.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from cold_to_gold.engine.changes import format_number
from cold_to_gold.guide_keys import WORDS, builds, short_names
from cold_to_gold.scenario.guard_words import when_clause
from cold_to_gold.scenario.model import Choice, Effect, Ending, Scenario, Scene, Variant

TEXT_WIDTH = 56  # the script column of the plain text; with line and comments, 80 columns
COMMENTS = 11  # the width left blank for comments in the plain text


@dataclass(frozen=True)
class Row:
    """One row of the script.

    `line` is the YAML line it comes from (None: no line of its own, such as the
    built-in out-of-time ending); `kind` is scene, text, notes, choice, feedback
    or ending; `facts` are short lines (channel, minutes, conditions); `text` is
    what the trainee reads, as written (Markdown).
    """

    line: int | None
    kind: str
    heading: str
    facts: tuple[str, ...] = ()
    text: str = ""


def script_rows(scenario: Scenario) -> list[Row]:
    """Every scene, choice, feedback and ending of the scenario, in the order of the file."""
    items: list[Scene | Ending] = [*scenario.scenes.values(), *scenario.endings.values()]
    items.sort(key=lambda item: item.where.line)  # stable: file order within each kind
    rows: list[Row] = []
    numbers = {scene.id: n for n, scene in enumerate(scenario.scenes.values(), start=1)}
    for item in items:
        if isinstance(item, Scene):
            rows += _scene(scenario, item, numbers[item.id])
        else:
            rows += _ending(scenario, item)
    if not any(ending.id == scenario.out_of_time.id for ending in scenario.endings.values()):
        ending = scenario.out_of_time
        rows.append(
            Row(
                None,
                "ending",
                f"Ending: {ending.title} ({ending.outcome})",
                ("built in: shown when no choice is left (out of time)",),
                ending.text,
            )
        )
    return rows


def _scene(scenario: Scenario, scene: Scene, number: int) -> list[Row]:
    facts = [f"id: {scene.id}" + (" (the start)" if scene.id == scenario.start else "")]
    rows = [Row(scene.where.line, "scene", f"Scene {number}: {scene.title}", tuple(facts))]
    if scene.variants:
        rows += _variants(scenario, scene.variants, "Text")
    else:
        rows.append(Row(None, "text", "Text", (), scene.text))
    if scene.facilitator_notes:
        rows.append(Row(None, "notes", "Facilitator notes", (), scene.facilitator_notes))
    for number_on_screen, choice in enumerate(scene.choices, start=1):
        rows.append(_choice(scenario, choice, number_on_screen))
        if choice.feedback_variants:
            rows += _variants(scenario, choice.feedback_variants, "Feedback")
        elif choice.feedback:
            rows.append(Row(None, "feedback", "Feedback", (), choice.feedback))
        else:
            rows.append(Row(None, "feedback", "Feedback: none"))
    return rows


def _choice(scenario: Scenario, choice: Choice, number: int) -> Row:
    names = short_names(scenario)
    whom = ", ".join(scenario_names(scenario)[person] for person in choice.reaches)
    facts = [
        f"id: {choice.id} · {choice.channel} · {choice.minutes} min · with {whom}",
        f"builds: {builds(scenario, choice)}",
    ]
    extra = [_effect(effect, names) for effect in choice.effects]
    extra += [f"{name} = {format_number(value)}" for name, value in choice.sets]
    if extra:
        facts.append(f"also: {', '.join(extra)}")
    if choice.when is not None:
        lock = f"open only {when_clause(choice.when, scenario)}"
        # `locked` as variants, where the format allows them (the first that holds is shown)
        reasons: tuple[Variant, ...] = getattr(choice, "locked_variants", ())
        if choice.locked and not reasons:
            lock += f' (the trainee reads: "{choice.locked}")'
        facts.append(lock)
        for reason in reasons:
            said = "otherwise" if reason.when is None else when_clause(reason.when, scenario)
            facts.append(f'while locked, {said}, the trainee reads: "{reason.text}"')
    if choice.mistake:
        facts.append("marked as a mistake (mistake: true)")
    facts.append(f"leads to: {_target(scenario, choice.goto)}")
    return Row(choice.where.line, "choice", f"Choice {number}: {choice.label}", tuple(facts))


def _ending(scenario: Scenario, ending: Ending) -> list[Row]:
    heading = f"Ending: {ending.title} ({ending.outcome})"
    row = Row(ending.where.line, "ending", heading, (f"id: {ending.id}",))
    if not ending.variants:
        return [Row(row.line, row.kind, row.heading, row.facts, ending.text)]
    return [row, *_variants(scenario, ending.variants, "Text")]


def _variants(scenario: Scenario, variants: tuple[Variant, ...], what: str) -> list[Row]:
    kind = "feedback" if what == "Feedback" else "text"
    rows = []
    for variant in variants:
        if variant.when is None:
            heading = f"{what}, otherwise"
        else:
            heading = f"{what}, {when_clause(variant.when, scenario)}"
        rows.append(Row(variant.where.line, kind, heading, (), variant.text))
    return rows


def _effect(effect: Effect, names: dict[str, str]) -> str:
    amount = ("+" if effect.amount > 0 else "−") + format_number(abs(effect.amount))
    if effect.scope == "person":
        assert effect.person is not None
        return f"{names[effect.person]} {WORDS[effect.name]} {amount}"
    return f"{effect.name} {amount}"


def _target(scenario: Scenario, goto: str) -> str:
    scene = scenario.scenes.get(goto)
    if scene is not None:
        return f"the scene {scene.title} ({goto})"
    ending = scenario.ending(goto)
    assert ending is not None
    return f"the ending {ending.title} ({ending.outcome})"


def scenario_names(scenario: Scenario) -> dict[str, str]:
    """Each person's full name, and 'does not count' beside a weight of 0."""
    return {
        person.id: person.name + (" (does not count)" if person.weight == 0 else "")
        for person in scenario.people
    }


def header(scenario: Scenario) -> list[str]:
    """What the script is of: title, file, format, time, cast, objectives."""
    budget = f"{scenario.time_budget} minutes" if scenario.time_budget else "no time limit"
    lines = [
        f"Script: {scenario.title} ({scenario.id})",
        f"File: {Path(scenario.path).name} · format {scenario.format} · {budget}",
    ]
    if scenario.summary:
        lines.append(f"Summary: {scenario.summary}")
    for objective in scenario.objectives:
        lines.append(f"Objective: {objective}")
    for person in scenario.people:
        role = f", {person.role}" if person.role else ""
        weight = ""
        if person.weight != 1:
            weight = " (does not count)" if person.weight == 0 else f" (weight {person.weight})"
        lines.append(f"Person: {person.name}{role}{weight}")
    return lines


SIGN_OFF = "Reviewed by: ______________________   Date: ____________   Signature: ______________"


def script_text(scenario: Scenario) -> str:
    """The script as plain text: line | script | comments, 80 columns wide."""
    out = [*header(scenario), "", SIGN_OFF, ""]
    rule = f"{'-' * 5}-+-{'-' * TEXT_WIDTH}-+-{'-' * COMMENTS}"
    out += [f"{'line':>5} | {'script':<{TEXT_WIDTH}} | comments", rule]
    for row in script_rows(scenario):
        if row.kind in ("scene", "ending") and out[-1] != rule:
            out.append(rule)
        cells = _wrapped(row.heading.upper() if row.kind in ("scene", "ending") else row.heading)
        for fact in row.facts:
            cells += _wrapped(fact, "  ")
        for paragraph in paragraphs(row.text):
            cells += _wrapped(paragraph, "    ") if paragraph else [""]
        number = "" if row.line is None else str(row.line)
        for index, cell in enumerate(cells):
            out.append(f"{number if index == 0 else '':>5} | {cell:<{TEXT_WIDTH}} |".rstrip())
    out.append(rule)
    return "\n".join(out) + "\n"


def _wrapped(text: str, indent: str = "") -> list[str]:
    width = TEXT_WIDTH - len(indent)
    return [indent + line for line in textwrap.wrap(text, width, break_on_hyphens=False)] or [""]


_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)]|>)\s")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs and list items, each on one line ('' between paragraphs).

    A scene's text is Markdown: lines within a paragraph are one flowing line,
    so the printed script wraps them to its own width.
    """
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if found:
            found.append("")
        items: list[str] = []
        for line in block.splitlines():
            if not items or _ITEM.match(line):
                items.append(line.strip())
            else:
                items[-1] += " " + line.strip()
        found += items
    return found
