"""The class debrief: what the room did, measured — grades, channels, paths, each decision."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cold_to_gold.engine import Run, best_for, play, result_of
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.spec import CHANNELS

OUTCOMES = ("won", "neutral", "lost")  # the order the debrief lists them in


@dataclass(frozen=True)
class Decision:
    """One decision of the room: the scene it was taken in and how the answers split."""

    step: int
    scene: str
    title: str
    split: dict[str, int]  # choice id -> trainees, most chosen first


@dataclass(frozen=True)
class ClassDebrief:
    finished: int
    grades: list[tuple[str, int]]  # every grade of the scenario, best first, with its count
    mix: dict[str, float]  # the class's average minutes per channel (finished runs)
    best_mix: dict[str, int]  # the best run's minutes per channel
    common_path: tuple[str, ...]
    common_count: int
    decisions: list[Decision]
    # Each grade beside the outcomes that earned it (revision B): (grade, outcome, count),
    # best grade first, then won, neutral, lost; a grade nobody earned has ("", 0).
    verdicts: list[tuple[str, str, int]] = field(default_factory=list)


def _minutes(run: Run) -> dict[str, int]:
    minutes = dict.fromkeys(CHANNELS, 0)
    for step in run.steps:
        minutes[step.choice.channel] += step.choice.minutes
    return minutes


def class_debrief(scenario: Scenario, runs: Sequence[Run]) -> ClassDebrief:
    """The debrief of `runs` (each trainee's, finished or not) of `scenario`."""
    finished = [run for run in runs if run.finished]
    awarded = [(result_of(run).grade, run.ending.outcome if run.ending else "") for run in finished]
    grades = Counter(grade for grade, _ in awarded)
    by_outcome = Counter(awarded)
    mix = dict.fromkeys(CHANNELS, 0.0)
    for run in finished:
        for channel, minutes in _minutes(run).items():
            mix[channel] += minutes / len(finished)
    best = play(scenario, best_for(scenario).path)
    paths = Counter(tuple(run.path) for run in finished)
    common, count = paths.most_common(1)[0] if paths else ((), 0)
    splits: dict[tuple[int, str], Counter[str]] = {}
    for run in runs:
        for number, step in enumerate(run.steps):
            splits.setdefault((number, step.scene), Counter())[step.choice.id] += 1
    decisions = [
        Decision(number, scene, scenario.scenes[scene].title, dict(counts.most_common()))
        for (number, scene), counts in sorted(splits.items())
    ]
    return ClassDebrief(
        len(finished),
        [(grade.name, grades.get(grade.name, 0)) for grade in scenario.scoring.grades],
        mix,
        _minutes(best),
        common,
        count,
        decisions,
        _verdicts(scenario, by_outcome),
    )


def _verdicts(scenario: Scenario, counts: Counter[tuple[str, str]]) -> list[tuple[str, str, int]]:
    rows: list[tuple[str, str, int]] = []
    for grade in scenario.scoring.grades:
        earned = [(o, counts[(grade.name, o)]) for o in OUTCOMES if counts[(grade.name, o)]]
        rows += [(grade.name, outcome, n) for outcome, n in earned] or [(grade.name, "", 0)]
    return rows
