"""Lint: what a valid scenario gets wrong as teaching material, found by exploring every run.

Codes (each can be silenced with `--ignore`):

    unreachable-scene   a scene no run reaches
    unreachable-ending  an ending no run reaches (out_of_time included, when defined)
    never-available     a choice locked (by guard or cost) wherever its scene is reached
    stuck               a reachable state where guards lock every choice (not time)
    unwinnable          no reachable ending has outcome won
    no-feedback         a choice without feedback
    lesson              format 1: the best run spends as many minutes on post+email as on
                        call+meet; format 2: the best run's posts and emails add as much
                        value as its calls and meetings, or the broadcast run (a post
                        whenever possible, else the lowest rung) grades above the bottom
    reflex              the highest-rung reflex (meet, then call, then email, then post)
                        reaches the top grade: the scenario rewards a habit, not judgment
    untested            no tests, or none that follows the best path
    too-large           exploration stopped at its state, work or memory limit; it says what
                        it could not check, and the findings above are partial

Revision B (contract sections 11 and 13), for a room that reads the labels:

    guessable           a label-only policy reaches the top grade: always the first
                        available choice, always the last, always the longest label, always
                        the shortest label (ties by file order); at the `start` line
    position            on the best path, among decisions with three or more available
                        choices, the best choice sits at the same position (first, or last)
                        in more than half of them; at the `start` line
    superset-label      two choices of one scene where one label is the other's whole label
                        followed by more words: the longer is picked for being longer; at
                        the second of the two
    inversion           a run ending at this lost ending can grade above some run that
                        ends won (grades compared by their thresholds); at the ending
    lenient             a choice marked `mistake` after which the top grade is still
                        reachable by a complete run that takes it; at the choice
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from cold_to_gold.author.explore import STATE_LIMIT, Exploration, explore
from cold_to_gold.author.label_checks import check_labels, check_position
from cold_to_gold.author.lenient import lenient_choices
from cold_to_gold.engine import play, result_of
from cold_to_gold.engine.best import Best
from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.engine.reflex import broadcast_run, label_runs, reflex_run
from cold_to_gold.engine.result import best_for
from cold_to_gold.engine.scoring import percent
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import START_OF_FILE, Where
from cold_to_gold.scenario.spec import OUT_OF_TIME

Add = Callable[[Where, str, str], None]

CODES = (
    "unreachable-scene",
    "unreachable-ending",
    "never-available",
    "stuck",
    "unwinnable",
    "no-feedback",
    "lesson",
    "reflex",
    "untested",
    "too-large",
    "guessable",
    "position",
    "superset-label",
    "inversion",
    "lenient",
)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: warning[{self.code}]: {self.message}"

    def as_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """A scenario's findings, sorted by line, and the summary of its exploration."""

    findings: tuple[Finding, ...]
    exploration: Exploration
    best: Best

    def summary(self, scenario: Scenario) -> list[str]:
        found = self.exploration
        lines = [
            f"  {found.states:,} run states explored"
            + ("" if found.complete else f" (stopped at its limit of {found.stopped})"),
        ]
        if found.endings:
            lines.append(
                f"  score: worst {format_number(found.worst)}, best {format_number(found.best)}"
            )
        path = " → ".join(self.best.path) or "(no choices)"
        lines.append(f"  best path ({len(self.best.path)} decisions): {path}")
        by_grade = endings_by_grade(scenario, found, self.best)
        parts = [
            f"{grade} {len(endings)}" + (f" ({', '.join(endings)})" if endings else "")
            for grade, endings in by_grade.items()
        ]
        lines.append("  endings each grade reaches: " + "; ".join(parts))
        return lines


def endings_by_grade(scenario: Scenario, found: Exploration, best: Best) -> dict[str, list[str]]:
    """For each grade, the endings some complete run reaches with that grade."""
    scoring = scenario.scoring
    grades: dict[str, list[str]] = {grade.name: [] for grade in scoring.grades}
    for ending, scores in found.endings.items():
        outcome = scenario.out_of_time.outcome if ending == OUT_OF_TIME else None
        outcome = outcome or scenario.endings[ending].outcome
        if scores.exact and scores.values is not None:
            reached = {scoring.grade_for(percent(s, best.score), outcome) for s in scores.values}
        else:  # too many scores to keep: every grade between the lowest and the highest
            low = scoring.grade_for(percent(scores.low, best.score), outcome)
            high = scoring.grade_for(percent(scores.high, best.score), outcome)
            low_min = next(g.threshold for g in scoring.grades if g.name == low)
            high_min = next(g.threshold for g in scoring.grades if g.name == high)
            reached = {
                grade.name
                for grade in scoring.grades
                if grade.name in (low, high)
                or (low_min <= grade.threshold <= high_min and grade.allows(outcome))
            }
        for name in reached:
            grades[name].append(ending)
    return {name: sorted(endings) for name, endings in grades.items()}


def lint(scenario: Scenario, ignore: frozenset[str] = frozenset()) -> Report:
    """Explore the scenario and report what it gets wrong."""
    found = explore(scenario)
    best = best_for(scenario)
    findings: list[Finding] = []

    def add(where: Where, code: str, message: str) -> None:
        if code not in ignore:
            findings.append(Finding(scenario.path, where.line, where.column, code, message))

    if not found.complete:
        add(START_OF_FILE, "too-large", _not_explored(scenario, found))
    complete = found.complete
    for scene in scenario.scenes.values():
        if complete and scene.id not in found.scenes:
            add(scene.where, "unreachable-scene", f"no run reaches the scene '{scene.id}'")
        for choice in scene.choices:
            if not choice.feedback.strip():
                add(choice.where, "no-feedback", f"choice '{choice.id}' has no feedback")
            reached = scene.id in found.scenes
            if complete and reached and (scene.id, choice.id) not in found.available:
                why = "its condition or its cost" if choice.when else "its cost"
                add(
                    choice.where,
                    "never-available",
                    f"choice '{choice.id}' is locked by {why} every time its scene is reached",
                )
        if scene.id in found.stuck:
            add(
                scene.where,
                "stuck",
                f"a run can reach '{scene.id}' with every choice locked by its condition",
            )
    for ending in scenario.endings.values():
        if complete and ending.id not in found.endings:
            add(ending.where, "unreachable-ending", f"no run reaches the ending '{ending.id}'")
    outcomes = {scenario.ending(ending).outcome for ending in found.endings}
    if complete and "won" not in outcomes:
        add(scenario.where("endings"), "unwinnable", "no reachable ending has the outcome won")
    if scenario.format >= 2:
        _check_judgment(scenario, best, add)
    else:
        _check_lesson(scenario, best, add)
    _check_reflex(scenario, add)
    _check_tested(scenario, best, add)
    _check_guessable(scenario, add)
    check_position(scenario, best, add)
    check_labels(scenario, add)
    if complete:
        _check_inversion(scenario, found, best, add)
        _check_lenient(scenario, best, add)
    return Report(tuple(sorted(findings, key=lambda f: (f.line, f.column, f.code))), found, best)


def _not_explored(scenario: Scenario, found: Exploration) -> str:
    """What lint could not explore, and so could not check, in one line."""
    unseen = [scene for scene in scenario.scenes if scene not in found.scenes]
    where = ""
    if unseen:
        listed = ", ".join(unseen[:5]) + (f" and {len(unseen) - 5} more" if len(unseen) > 5 else "")
        where = f"; scenes it did not reach before stopping: {listed}"
    return (
        f"exploration stopped at its limit of {found.stopped} after {found.states:,} run states: "
        "unreachable scenes and endings, never-available choices and unwinnable were not "
        f"checked, stuck states only where it went{where}"
    )


def _check_lesson(scenario: Scenario, best: Best, add: Add) -> None:
    minutes = {use.channel: use.minutes for use in channel_mix(play(scenario, best.path))}
    distant, in_person = minutes["post"] + minutes["email"], minutes["call"] + minutes["meet"]
    if distant >= in_person:
        add(
            scenario.where("start"),
            "lesson",
            f"the best run spends {distant} minutes on posts and emails and {in_person} on "
            "calls and meetings: it does not teach that in-person wins",
        )


def _check_judgment(scenario: Scenario, best: Best, add: Add) -> None:
    """Format 2: time in person must build more than broadcasting, and broadcasting grades low."""
    value = {use.channel: use.value for use in channel_mix(play(scenario, best.path))}
    distant, in_person = value["post"] + value["email"], value["call"] + value["meet"]
    if distant >= in_person:
        add(
            scenario.where("start"),
            "lesson",
            f"the best run's posts and emails add {format_number(distant)} to the score and its "
            f"calls and meetings {format_number(in_person)}: it does not teach that time "
            "together builds the relationship",
        )
    run = broadcast_run(scenario)
    result = result_of(run)
    bottom = scenario.scoring.grades[-1].name
    if run.finished and result.grade != bottom:
        path = ", ".join(run.path)
        add(
            scenario.where("start"),
            "lesson",
            f"the broadcast run (a post whenever possible, else the lowest rung: {path}) "
            f"grades {result.grade} ({result.percent} %), not {bottom}",
        )


def _check_reflex(scenario: Scenario, add: Add) -> None:
    run = reflex_run(scenario)
    if not run.finished:
        return
    result = result_of(run)
    top = scenario.scoring.grades[0].name
    if result.grade == top:
        path = ", ".join(run.path)
        add(
            scenario.where("start"),
            "reflex",
            f"always taking the highest rung ({path}) grades {top} ({result.percent} %): "
            "the scenario rewards a habit, not judgment",
        )


def _check_guessable(scenario: Scenario, add: Add) -> None:
    top = scenario.scoring.grades[0].name
    reached = []
    for policy, run in label_runs(scenario).items():
        if run.finished and result_of(run).grade == top:
            reached.append(f"{policy} ({', '.join(run.path)})")
    if reached:
        add(
            scenario.where("start"),
            "guessable",
            f"reading only the labels reaches {top}: {'; '.join(reached)}",
        )


def _check_inversion(scenario: Scenario, found: Exploration, best: Best, add: Add) -> None:
    """A lost ending whose best run grades above the worst run that ends won."""
    scoring = scenario.scoring
    rank = {grade.name: grade.threshold for grade in scoring.grades}

    def outcome_of(ending: str) -> str:
        return scenario.ending(ending).outcome  # type: ignore[union-attr]

    won = [
        scoring.grade_for(percent(scores.low, best.score), "won")
        for ending, scores in found.endings.items()
        if outcome_of(ending) == "won"
    ]
    if not won:
        return
    lowest_won = min(won, key=rank.__getitem__)
    for ending, scores in sorted(found.endings.items()):
        if outcome_of(ending) != "lost":
            continue
        highest = scoring.grade_for(percent(scores.high, best.score), "lost")
        if rank[highest] > rank[lowest_won]:
            defined = scenario.endings.get(ending)
            where = defined.where if defined is not None else scenario.where("endings")
            add(
                where,
                "inversion",
                f"a run ending at the lost ending '{ending}' can grade {highest}, above a "
                f"won run's {lowest_won}: the deal lost grades above a deal won",
            )


def _check_lenient(scenario: Scenario, best: Best, add: Add) -> None:
    found = lenient_choices(scenario, best, STATE_LIMIT)
    top = scenario.scoring.grades[0].name
    if found is None:
        add(
            scenario.where("start"),
            "too-large",
            "the choices marked `mistake` were not checked (lenient): walking every run "
            "through them passes the work or memory limit",
        )
    for scene_id, choice_id in found or ():
        choice = scenario.scenes[scene_id].choice(choice_id)
        assert choice is not None
        add(
            choice.where,
            "lenient",
            f"choice '{choice_id}' is marked a mistake, yet a run that takes it can still "
            f"grade {top}",
        )


def _check_tested(scenario: Scenario, best: Best, add: Add) -> None:
    if not scenario.tests:
        add(scenario.where("start"), "untested", "the scenario has no tests")
    elif not any(test.choose == best.path for test in scenario.tests):
        path = ", ".join(best.path)
        add(scenario.where("tests"), "untested", f"no test follows the best path [{path}]")
