"""A scenario's answer key for the facilitator, written by the engine, never by hand.

One Markdown page per scenario (`facilitator_guide/answer-keys/<id>.md`): the
best, reflex and broadcast runs with their grades and what each step changed,
then every choice of every scene with its consequence — whom it reaches, what
it builds (the channel's gains, `gains:` overrides and ceilings), its effects,
its minutes, when it is locked, where it leads and the best grade of any run
that takes it (`engine/through.py`) — and the branch map.
`python -m cold_to_gold.guide` writes the pages; its `--check` fails while one
is out of date.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable

from cold_to_gold.author.choice_words import WORDS, builds, effect_words, short_names, signed
from cold_to_gold.engine import Result, Run, Step, play, result_of
from cold_to_gold.engine.changes import Change, changes_between, format_number
from cold_to_gold.engine.reachable import Reach
from cold_to_gold.engine.reflex import broadcast_run, reflex_run
from cold_to_gold.engine.result import best_for
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.state_key import state_key
from cold_to_gold.engine.through import best_through
from cold_to_gold.scenario.guards import describe
from cold_to_gold.scenario.model import Choice, Scenario

FOLDER = "answer-keys"
MARK = "<!-- written by `python -m cold_to_gold.guide` from the scenario; do not edit by hand -->"
LENGTH_LIMIT = 50_000  # run states examined when counting how long a run can be

RUNS = (
    ("best", "the best run", "the highest score among the runs with the best outcome"),
    ("reflex", "the reflex", "always the highest rung on offer: meet, call, email, post"),
    ("broadcast", "the broadcast", "a post whenever one is on offer, else the lowest rung"),
)
SIGNS = {"best": "★", "reflex": "▲", "broadcast": "▽"}
MISTAKE = "✗"  # a choice the author marks `mistake: true`


def answer_key(scenario: Scenario) -> str:
    """The whole answer-key page of a scenario, as Markdown."""
    runs = {
        "best": play(scenario, best_for(scenario).path),
        "reflex": reflex_run(scenario),
        "broadcast": broadcast_run(scenario),
    }
    names = short_names(scenario)
    lines = [f"# Answer key: {scenario.title} (`{scenario.id}`)", "", MARK, ""]
    lines += _about(scenario, runs["best"])
    lines += ["## Three runs to compare", ""]
    for key, title, _ in RUNS:
        lines.append(_summary(f"{SIGNS[key]} **{title[0].upper()}{title[1:]}**", runs[key]))
    lines.append("")
    lines += _mistakes(scenario)
    for key, title, how in RUNS:
        lines += _run_steps(scenario, f"{SIGNS[key]} {title[0].upper()}{title[1:]}", how, runs[key])
    lines += _every_choice(scenario, runs, names)
    picture = f"../maps/{scenario.id}.svg"
    lines += [
        "## The map",
        "",
        f"[![Branch map of {scenario.title}]({picture})]({picture})",
        "",
    ]
    return "\n".join(lines)


def _about(scenario: Scenario, best: Run) -> list[str]:
    budget = f"{scenario.time_budget} minutes" if scenario.time_budget else "no time limit"
    cast = "; ".join(
        f"**{person.name}**"
        + (f", {person.role}" if person.role else "")
        + (f" ({person.weight_note})" if person.weight_note else "")
        for person in scenario.people
    )
    level = scenario.level or "any level"
    lines = [f"*{level} · format {scenario.format} · {budget}* — {cast}.", ""]
    span = decision_range(scenario)
    if span is not None:
        shortest, longest = span
        lines.append(
            f"A run takes {shortest} to {longest} decisions; the best run takes "
            f"{len(best.steps)}. Every choice below is numbered as on screen."
        )
    lines += [
        f"Read with the [debrief page](../debriefs/{scenario.id}.md) and the "
        f"[branch map](../maps/{scenario.id}.svg).",
        "",
    ]
    return lines


def _mistakes(scenario: Scenario) -> list[str]:
    """The choices the author marks as mistakes (revision B), in file order."""
    marked = [
        f"- {scene.title}: *{choice.label}* ({_named(choice)})"
        for scene in scenario.scenes.values()
        for choice in scene.choices
        if choice.mistake
    ]
    if not marked:
        return []
    return ["## The choices the author marks as mistakes", "", *marked, ""]


def _summary(title: str, run: Run) -> str:
    result = result_of(run)
    ending = run.ending
    where = f"*{ending.title}* ({ending.outcome})" if ending else f"stopped at {run.at}"
    return (
        f"- {title}: {len(run.steps)} decisions, {run.state.minutes_spent} min → {where} — "
        f"**{result.grade}**, {result.percent} %"
    )


def _run_steps(scenario: Scenario, title: str, how: str, run: Run) -> list[str]:
    result = result_of(run)
    lines = [f"### {title}", "", f"*{how}* — {_verdict(scenario, run, result)}", ""]
    names = short_names(scenario)
    number = 0
    for group in _repeats(run.steps):
        first, last = group[0], group[-1]
        choice = first.choice
        changed = _changes(changes_between(scenario, first.before, last.after), names)
        numbers = f"{number + 1}" if len(group) == 1 else f"{number + 1}–{number + len(group)}"
        times = f", {len(group)} times" if len(group) > 1 else ""
        mistake = f" {MISTAKE} a mistake" if choice.mistake else ""
        lines.append(
            f"- **{numbers} ·** {scenario.scenes[first.scene].title}: *{choice.label}* "
            f"({_named(choice)}{times}){mistake} — {changed}"
        )
        number += len(group)
    lines.append("")
    return lines


def _repeats(steps: list[Step]) -> list[list[Step]]:
    """The steps, with the same choice made again and again in a row taken together."""
    groups: list[list[Step]] = []
    for step in steps:
        if groups and (groups[-1][-1].scene, groups[-1][-1].choice.id) == (
            step.scene,
            step.choice.id,
        ):
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def _named(choice: Choice) -> str:
    """'email', or '`brochure`, email' when the id is not the channel's name."""
    return choice.channel if choice.id == choice.channel else f"`{choice.id}`, {choice.channel}"


def _changes(changes: tuple[Change, ...], names: dict[str, str]) -> str:
    """'Sam they know you +1, you know them +1; −10 min': each person's changes together.

    People with the same changes (everyone a post reached) are named together.
    """
    parts: list[str] = []
    people: dict[str, list[str]] = {}
    for change in changes:
        if change.person is not None:
            people.setdefault(change.person, []).append(_reworded(change))
        elif change.what in ("referrals", "minutes"):
            parts.append(change.describe())
        else:
            parts.append(_reworded(change))
    alike: dict[str, list[str]] = {}
    for person, items in people.items():
        alike.setdefault(", ".join(items), []).append(names[person])
    grouped = [f"{_and(who)} {what}" for what, who in alike.items()]
    return "; ".join(grouped + parts) or "nothing"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _reworded(change: Change) -> str:
    """'they know you +1', 'ada_calls +2', 'signed = true': the name first."""
    delta = change.delta
    name = WORDS.get(change.what, change.what)
    if delta is None:
        return f"{name} = {format_number(change.after)}"
    return f"{name} {signed(delta)}"


def _verdict(scenario: Scenario, run: Run, result: Result) -> str:
    budget = f" of {scenario.time_budget}" if scenario.time_budget else ""
    ending = run.ending
    where = f"ends at **{ending.title}** ({ending.outcome})" if ending else f"stops at {run.at}"
    text = (
        f"{where} after {run.state.minutes_spent}{budget} minutes: score "
        f"{format_number(result.score)}, {result.percent} % of the best, **{result.grade}**."
    )
    if result.cap_note:
        text += f" Capped: {result.cap_words}."
    return text


def _every_choice(scenario: Scenario, runs: dict[str, Run], names: dict[str, str]) -> list[str]:
    taken = {key: {(step.scene, step.choice.id) for step in run.steps} for key, run in runs.items()}
    through = best_through(scenario)
    lines = [
        "## Every choice",
        "",
        "Scenes in the order of the file. The marks say which of the three runs takes a "
        f"choice: {SIGNS['best']} best, {SIGNS['reflex']} reflex, {SIGNS['broadcast']} "
        f"broadcast; {MISTAKE} marks a choice the author calls a mistake. A gain *up to* a "
        "number stops at that number (the channel's ceiling). *At best* is the best grade "
        "of any complete run that takes the choice, with its percent and outcome.",
        "",
    ]
    for scene in scenario.scenes.values():
        lines += [f"### {scene.title} (`{scene.id}`)", ""]
        if scene.facilitator_notes:
            notes = " ".join(scene.facilitator_notes.split())
            lines += [f"*Your notes* (`n` in the app): {notes}", ""]
        for number, choice in enumerate(scene.choices, start=1):
            marks = "".join(SIGNS[key] for key, _, _ in RUNS if (scene.id, choice.id) in taken[key])
            marks = f"{marks} {MISTAKE} a mistake".strip() if choice.mistake else marks
            lines.append(
                f"- **{number} · {choice.label}** ({_named(choice)})"
                + (f" {marks}" if marks else "")
            )
            lines.append(f"  - {choice.minutes} min: {builds(scenario, choice)}")
            extra = [effect_words(effect, names) for effect in choice.effects]
            extra += [f"{name} = {format_number(value)}" for name, value in choice.sets]
            if extra:
                lines.append(f"  - also: {', '.join(extra)}")
            if choice.when is not None:
                why = f" (*{choice.locked}*)" if choice.locked else ""
                lines.append(f"  - only when `{describe(choice.when)}`{why}")
            lines.append(f"  - leads to {_target(scenario, choice.goto)}")
            lines.append(f"  - at best: {_at_best(through.get((scene.id, choice.id)))}")
        lines.append("")
    return lines


def _at_best(reach: Reach | None) -> str:
    """'**gold**, 100 % (won)'; or why there is no grade to give."""
    if reach is None:
        return "no complete run takes it"
    if reach.grade is None:
        return "unknown (too many runs to search)"
    return f"**{reach.grade}**, {reach.percent} % ({reach.outcome})"


def _target(scenario: Scenario, goto: str) -> str:
    scene = scenario.scenes.get(goto)
    if scene is not None:
        return f"*{scene.title}*"
    ending = scenario.ending(goto)
    assert ending is not None
    return f"the ending **{ending.title}** ({ending.outcome})"


def decision_range(scenario: Scenario, limit: int = LENGTH_LIMIT) -> tuple[int, int] | None:
    """The fewest and the most decisions a complete run can take; None past `limit` states."""
    rules = rules_for(scenario)
    key_of = state_key(rules, Scorer(scenario))
    memo: dict[Hashable, tuple[int, int]] = {}
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 10_000))  # one frame per decision of the longest run

    def span(state: RunState) -> tuple[int, int]:
        key = key_of(state)
        known = memo.get(key)
        if known is not None:
            return known
        if len(memo) >= limit:
            raise OverflowError
        moves = rules.available_moves(state) if state.at in scenario.scenes else []
        after = [span(rules.apply(state, move)) for move in moves]
        found = (1 + min(a for a, _ in after), 1 + max(b for _, b in after)) if after else (0, 0)
        memo[key] = found
        return found

    try:
        return span(rules.start())
    except OverflowError:
        return None
    finally:
        sys.setrecursionlimit(old_limit)
