"""How a run scored against the best any run of its scenario can do."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from cold_to_gold.engine.best import Best, find_best
from cold_to_gold.engine.run import Run
from cold_to_gold.engine.scoring import Scorer, percent
from cold_to_gold.scenario.model import Award, Number, Scenario

_best: weakref.WeakKeyDictionary[Scenario, Best] = weakref.WeakKeyDictionary()

_WHAT_HAPPENED = {"lost": "the deal was lost", "neutral": "the deal was not won"}


def best_for(scenario: Scenario) -> Best:
    """The scenario's best run, searched once and remembered while the scenario lives."""
    best = _best.get(scenario)
    if best is None:
        best = _best[scenario] = find_best(scenario)
    return best


@dataclass(frozen=True)
class Result:
    """Score, percent of the best, the grade, and where the score came from.

    `capped_by_outcome` is true when the percent reached a better grade whose
    outcome the run did not have; `cap_note` then says so in words.
    """

    score: Number
    best: Best
    percent: int
    grade: str
    parts: dict[str, Number]
    capped_by_outcome: bool = False
    cap_note: str | None = None
    cap_more: str = ""  # the other grades the outcome kept it from, to follow `cap_note`

    @property
    def cap_words(self) -> str | None:
        """`cap_note` with every grade the outcome held back: what the screens show."""
        return None if self.cap_note is None else self.cap_note + self.cap_more


def result_of(run: Run) -> Result:
    """Score, percent and grade of the run as it stands (final once it has ended)."""
    scenario = run.scenario
    scorer = Scorer(scenario)
    best = best_for(scenario)
    score = scorer.score(run.state)
    share = percent(score, best.score)
    parts = scorer.parts(run.state, list(scenario.vars))
    ending = run.ending
    outcome = ending.outcome if ending is not None else None
    award = scenario.scoring.award(share, outcome)
    note = cap_note(share, outcome, award) if ending is not None else None
    return Result(
        score,
        best,
        share,
        award.grade,
        parts,
        award.capped_by_outcome and ending is not None,
        note,
        cap_more(award) if note else "",
    )


def cap_note(share: int, outcome: str | None, award: Award) -> str | None:
    """'92 % of the best, but the deal was lost: gold needs a won ending', or None."""
    grade = award.capped_by
    if grade is None or outcome is None:
        return None
    needed = " or ".join(grade.outcomes)
    happened = _WHAT_HAPPENED.get(outcome, f"the run ended {outcome}")
    return f"{share} % of the best, but {happened}: {grade.name} needs {_a(needed)} {needed} ending"


def cap_more(award: Award) -> str:
    """The other grades the outcome kept the run from, to follow `cap_note`: ', and so does
    warm', or '; warm and lukewarm a won or neutral one' ('' when there are none)."""
    grade = award.capped_by
    if grade is None:
        return ""
    same = [g.name for g in award.capped[1:] if g.outcomes == grade.outcomes]
    other: dict[str, list[str]] = {}
    for g in award.capped[1:]:
        if g.outcomes != grade.outcomes:
            other.setdefault(" or ".join(g.outcomes), []).append(g.name)
    more = f", and so {'does' if len(same) == 1 else 'do'} {' and '.join(same)}" if same else ""
    for wanted, names in other.items():
        more += f"; {' and '.join(names)} {_a(wanted)} {wanted} one"
    return more


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
