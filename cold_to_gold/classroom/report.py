"""The class report: a session's own numbers, per decision, per channel, per path, per trainee.

Everything here is counted from what the records hold — every trainee's
choices, replayed by the engine — so the page, `report --json`, the console's
class debrief and the numbers across sessions agree with each other and with
what the host saw. A choice stored twice cannot exist (the records key it by
seat and step), so a session killed and resumed counts each choice once.

Time to decide is measured per trainee and decision: from the moment the
decision was open to that trainee (their previous answer, their joining, or,
in a paced session, the facilitator opening that decision to the room,
whichever came last) to their answer.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cold_to_gold.engine import Run, best_for, play, result_of
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Scenario
from cold_to_gold.scenario.spec import CHANNELS

# The best grade a run can still reach from a state (None when it cannot be told within bounds).
Reachable = Callable[[Scenario, RunState], str | None]


@dataclass(frozen=True)
class Taken:
    """One trainee's run as the report reads it: who, the run, and when each choice was made."""

    name: str
    run: Run
    made_at: tuple[str, ...]  # one ISO time per step of the run
    opened_at: str  # when the trainee joined (or the session began)
    round_opened: dict[int, str] = field(default_factory=dict)  # paced: when decision n opened


@dataclass(frozen=True)
class ChoiceCount:
    id: str
    label: str
    channel: str
    count: int
    best: bool
    mistake: bool
    # After this choice, how many of the trainees who took it could still reach each grade.
    still_open: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionCount:
    scene: str
    title: str
    reached: int
    answered: int
    median_seconds: float | None
    choices: tuple[ChoiceCount, ...]


@dataclass(frozen=True)
class ResultCount:
    outcome: str
    grade: str
    count: int


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    minutes: float  # per finished trainee, on average
    value: float  # net value per finished trainee, on average
    best_minutes: int
    best_value: float


@dataclass(frozen=True)
class PathCount:
    path: tuple[str, ...]
    scenes: tuple[str, ...]
    count: int
    ending: str
    outcome: str
    grade: str


@dataclass(frozen=True)
class TraineeRow:
    name: str
    finished: bool
    grade: str | None
    outcome: str | None
    percent: int | None
    minutes: int
    mistakes: int


@dataclass(frozen=True)
class ClassReport:
    scenario: str
    title: str
    trainees: int
    finished: int
    results: tuple[ResultCount, ...]
    median_minutes: float | None
    decisions: tuple[DecisionCount, ...]
    channels: tuple[ChannelCount, ...]
    paths: tuple[PathCount, ...]
    people: tuple[TraineeRow, ...]
    grade_order: tuple[str, ...]  # the scenario's grades, best first
    traffic: dict[tuple[str, str], int] = field(default_factory=dict)  # (scene, goto) -> steps

    def results_line(self) -> str:
        """ "won · gold 7, won · warm 9, lost · cold 4" (most first)."""
        return ", ".join(f"{r.outcome} · {r.grade} {r.count}" for r in self.results) or "none yet"


def class_report(
    scenario: Scenario, taken: Sequence[Taken], reachable: Reachable | None = None
) -> ClassReport:
    """The report of the runs `taken` (one per trainee, finished or not) of `scenario`.

    `reachable` tells the best grade still open from a state (omitted: not shown).
    Runs from several sessions of the scenario pool into one report: every count is a sum.
    """
    finished = [t for t in taken if t.run.finished]
    best_run = play(scenario, best_for(scenario).path)
    return ClassReport(
        scenario.id,
        scenario.title,
        len(taken),
        len(finished),
        _results(finished),
        _median([float(t.run.state.minutes_spent) for t in finished]),
        _decisions(scenario, taken, best_run, reachable),
        _channels(finished, best_run),
        _paths(finished),
        tuple(_row(t) for t in taken),
        tuple(grade.name for grade in scenario.scoring.grades),
        _traffic(taken),
    )


def _traffic(taken: Sequence[Taken]) -> dict[tuple[str, str], int]:
    """How many times each arrow of the branch map was taken, by every trainee."""
    counts: Counter[tuple[str, str]] = Counter()
    for t in taken:
        for step in t.run.steps:
            counts[(step.scene, step.choice.goto)] += 1
    return dict(counts)


def _results(finished: Iterable[Taken]) -> tuple[ResultCount, ...]:
    counts: Counter[tuple[str, str]] = Counter()
    for t in finished:
        ending = t.run.ending
        outcome = ending.outcome if ending is not None else "lost"
        counts[(outcome, result_of(t.run).grade)] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ResultCount(outcome, grade, count) for (outcome, grade), count in ordered)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _seconds(start: str, end: str) -> float | None:
    try:
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except ValueError:
        return None


def _decisions(
    scenario: Scenario,
    taken: Sequence[Taken],
    best_run: Run,
    reachable: Reachable | None,
) -> tuple[DecisionCount, ...]:
    best_choice = {step.scene: step.choice.id for step in best_run.steps}
    reached: dict[str, set[int]] = {}
    first_met: dict[str, list[int]] = {}
    split: dict[str, Counter[str]] = {}
    waits: dict[str, list[float]] = {}
    open_after: dict[tuple[str, str], Counter[str]] = {}
    for who, t in enumerate(taken):
        scenes = [step.scene for step in t.run.steps]
        if not t.run.finished and t.run.scene is not None:
            scenes.append(t.run.scene.id)
        for index, scene in enumerate(scenes):
            if who not in reached.setdefault(scene, set()):
                reached[scene].add(who)
                first_met.setdefault(scene, []).append(index)
        for index, step in enumerate(t.run.steps):
            split.setdefault(step.scene, Counter())[step.choice.id] += 1
            if index < len(t.made_at):
                opened = max(
                    [t.opened_at]
                    + ([t.made_at[index - 1]] if index else [])
                    + ([t.round_opened[index]] if index in t.round_opened else [])
                )
                wait = _seconds(opened, t.made_at[index])
                if wait is not None and wait >= 0:
                    waits.setdefault(step.scene, []).append(wait)
            if reachable is not None:
                grade = reachable(scenario, step.after)
                if grade is not None:
                    open_after.setdefault((step.scene, step.choice.id), Counter())[grade] += 1
    order = list(scenario.scenes)
    met = sorted(reached, key=lambda s: (statistics.median(first_met[s]), order.index(s)))
    grades = [grade.name for grade in scenario.scoring.grades]
    decisions = []
    for scene_id in met:
        scene = scenario.scenes[scene_id]
        counts = split.get(scene_id, Counter())
        choices = tuple(
            ChoiceCount(
                choice.id,
                choice.label,
                choice.channel,
                counts.get(choice.id, 0),
                best_choice.get(scene_id) == choice.id,
                choice.mistake,
                _at_least(open_after.get((scene_id, choice.id)), grades),
            )
            for choice in scene.choices
        )
        decisions.append(
            DecisionCount(
                scene_id,
                scene.title,
                len(reached[scene_id]),
                sum(counts.values()),
                _median(waits.get(scene_id, [])),
                choices,
            )
        )
    return tuple(decisions)


def _at_least(best_grades: Counter[str] | None, grades: list[str]) -> dict[str, int]:
    """For each grade, how many could still reach it or better (grades listed best first)."""
    if not best_grades:
        return {}
    open_: dict[str, int] = {}
    running = 0
    for grade in grades:
        running += best_grades.get(grade, 0)
        open_[grade] = running
    return open_


def _channels(finished: Sequence[Taken], best_run: Run) -> tuple[ChannelCount, ...]:
    n = len(finished) or 1
    minutes = dict.fromkeys(CHANNELS, 0.0)
    value: dict[str, float] = dict.fromkeys(CHANNELS, 0.0)
    for t in finished:
        for use in channel_mix(t.run):
            minutes[use.channel] += use.minutes / n
            value[use.channel] += float(use.value) / n
    best = {use.channel: use for use in channel_mix(best_run)}
    return tuple(
        ChannelCount(
            channel,
            round(minutes[channel], 1),
            round(value[channel], 1),
            best[channel].minutes,
            _plain(best[channel].value),
        )
        for channel in CHANNELS
    )


def _plain(number: Number) -> float:
    return round(float(number), 1)


def _paths(finished: Sequence[Taken], top: int = 5) -> tuple[PathCount, ...]:
    groups: dict[tuple[str, ...], list[Taken]] = {}
    for t in finished:
        groups.setdefault(tuple(t.run.path), []).append(t)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    paths = []
    for path, group in ranked:
        run = group[0].run
        ending = run.ending
        paths.append(
            PathCount(
                path,
                tuple(step.scene for step in run.steps),
                len(group),
                run.at,
                ending.outcome if ending is not None else "lost",
                result_of(run).grade,
            )
        )
    return tuple(paths)


def _row(t: Taken) -> TraineeRow:
    run = t.run
    result = result_of(run) if run.finished else None
    ending = run.ending
    return TraineeRow(
        t.name,
        run.finished,
        result.grade if result else None,
        ending.outcome if ending is not None else None,
        result.percent if result else None,
        run.state.minutes_spent,
        sum(1 for step in run.steps if step.choice.mistake),
    )
