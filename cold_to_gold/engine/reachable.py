"""What is still reachable: the best grade a run can still earn from where it stands.

For a run in progress, "still reachable after choice X" is the best grade,
and its percent, of any complete run that goes on from the state after X
(contract, section 14). Percent is against the scenario's best run, as in
scoring; the grade follows the scenario's grade table, outcome requirements
included. So the search runs once per outcome (won, neutral, lost): the best
score ending won, the best ending neutral, the best ending lost; each gives a
percent and the grade that outcome allows at that percent, and the best of
those grades is what is still reachable. Among outcomes that reach that same
grade, the highest percent is the one shown.

Each search is the best-run search itself (`find_best_from`), with its
bound: when a search hits it, the answer is `UNKNOWN`, never a hang. Answers
are cached per state, so a room of trainees in the same state costs one search.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, replace

from cold_to_gold.engine.best import OUTCOME_ORDER, STATE_LIMIT, SearchTooLarge, find_best_from
from cold_to_gold.engine.result import best_for
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import percent
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Choice, Number, Scenario

CACHE_SIZE = 20_000  # states remembered per scenario before the cache starts afresh


@dataclass(frozen=True)
class Reach:
    """The best grade still open, its percent and the outcome it comes with; or unknown.

    `path` is one run that earns it, as the choices from the state it was asked about.
    """

    grade: str | None
    percent: int | None = None
    outcome: str | None = None
    path: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.grade is not None

    def words(self) -> str:
        """'warm at best, 71 %', or 'unknown (too many runs to search)'."""
        if self.grade is None:
            return "unknown (too many runs to search)"
        return f"{self.grade} at best, {self.percent} %"


UNKNOWN = Reach(None)


def best_reach(scenario: Scenario, scores: Mapping[str, Number]) -> Reach:
    """The best grade over the best final score each outcome can end with.

    `scores` maps an outcome to the highest final score of a run ending with it
    (outcomes no run reaches are left out). Grade ties go to the higher percent,
    then to the better outcome.
    """
    scoring = scenario.scoring
    rank = {grade.name: number for number, grade in enumerate(scoring.grades)}  # 0: the top
    best_score = best_for(scenario).score
    found: tuple[tuple[int, int], Reach] | None = None
    for outcome in OUTCOME_ORDER:
        if outcome not in scores:
            continue
        share = percent(scores[outcome], best_score)
        grade = scoring.grade_for(share, outcome)
        order = (-rank[grade], share)
        if found is None or order > found[0]:
            found = (order, Reach(grade, share, outcome))
    return UNKNOWN if found is None else found[1]


class _Cache:
    """Answers per state for one scenario; shared by threads, so guarded by a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: dict[tuple[RunState, int], Reach] = {}  # (state, limit) -> answer

    def get(self, state: RunState, limit: int) -> Reach | None:
        with self.lock:
            return self.answers.get((state, limit))

    def put(self, state: RunState, limit: int, reach: Reach) -> None:
        with self.lock:
            if len(self.answers) >= CACHE_SIZE:
                self.answers.clear()
            self.answers[(state, limit)] = reach


_caches: weakref.WeakKeyDictionary[Scenario, _Cache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def _cache_for(scenario: Scenario) -> _Cache:
    with _caches_lock:
        cache = _caches.get(scenario)
        if cache is None:
            cache = _caches[scenario] = _Cache()
        return cache


def still_reachable(scenario: Scenario, state: RunState, limit: int = STATE_LIMIT) -> Reach:
    """The best grade (and percent) of any complete run that goes on from `state`.

    A state at an ending is a finished run: its own grade. `UNKNOWN` when a
    search passes `limit` states examined. Cached per state and scenario.
    """
    cache = _cache_for(scenario)
    known = cache.get(state, limit)
    if known is not None:
        return known
    try:
        reach = _search(scenario, state, limit)
    except SearchTooLarge:
        reach = UNKNOWN
    cache.put(state, limit, reach)
    return reach


def _search(scenario: Scenario, state: RunState, limit: int) -> Reach:
    scoring = scenario.scoring
    rank = {grade.name: number for number, grade in enumerate(scoring.grades)}
    scores: dict[str, Number] = {}
    paths: dict[str, tuple[str, ...]] = {}
    top: int | None = None  # the rank of the best grade found so far
    if not any(grade.outcomes for grade in scoring.grades):  # one search serves every outcome
        best = find_best_from(scenario, state, None, limit)
        assert best is not None and best.outcome is not None  # every run ends somehow
        return replace(best_reach(scenario, {best.outcome: best.score}), path=best.path)
    for outcome in OUTCOME_ORDER:
        ceiling = rank[scoring.grade_for(100, outcome)]  # the best this outcome could give
        if top is not None and ceiling > top:
            continue  # even a perfect run ending so grades lower than one already found
        best = find_best_from(scenario, state, outcome, limit)
        if best is None:
            continue
        scores[outcome], paths[outcome] = best.score, best.path
        reach = best_reach(scenario, scores)
        assert reach.grade is not None
        top = rank[reach.grade]
    reach = best_reach(scenario, scores)
    return reach if reach.outcome is None else replace(reach, path=paths[reach.outcome])


@dataclass(frozen=True)
class ChoiceReach:
    """One choice of a decision, numbered as on screen, and what is still reachable after it.

    `reach` is None when the choice is locked in that state.
    """

    number: int
    choice: Choice
    reach: Reach | None


def reach_after_each(
    scenario: Scenario, state: RunState, limit: int = STATE_LIMIT
) -> list[ChoiceReach]:
    """Every choice of the scene `state` stands in, with what is still reachable after it."""
    rules = rules_for(scenario)
    found = []
    for number, move in enumerate(rules.moves.get(state.at, ()), start=1):
        if not rules.available(state, move):
            found.append(ChoiceReach(number, move.choice, None))
            continue
        after = rules.apply(state, move)
        found.append(ChoiceReach(number, move.choice, still_reachable(scenario, after, limit)))
    return found
