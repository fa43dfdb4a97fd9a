"""The best score a complete run can reach, and one path that reaches it: exact and bounded.

In format 2 the best run is a winning run: the search looks for the best run
ending `won`, and only if no run can, for the best `neutral` run, then `lost`.
In format 1 every run counts.

The search is a depth-first branch and bound over run states:

- **states are merged** on `state_key`, which keeps only what can still change
  the rest of the run, and a table remembers, per key, either the exact best
  gain from there or an upper bound on it (when that branch was cut short);
- **branches are cut** when `Bound.upper` says they cannot beat the best run
  already found (ceilings make what is left to gain finite);
- **a good run is found first**: a greedy dive, led by the same bound, gives a
  score to beat before the search starts;
- **choices are tried in file order**, so among equally good runs the one
  whose choices come first in the file is the one found.

The work is bounded, not only the steps: past `limit` states examined, or
past the work or memory a `Meter` allows (counted from what each state
really costs: its choices, the people they touch, the size of its key), it
stops with `SearchTooLarge`, and the validator refuses such a file, so a
scenario that loads always has an exact best run, found in well under a
second. The counts never read the clock: the same file, the same verdict.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

from cold_to_gold.engine.bound import UNREACHABLE, Bound
from cold_to_gold.engine.expand import Child, Expander
from cold_to_gold.engine.rules import Move, Rules, rules_for
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.work import Costs, Meter, TooMuchWork
from cold_to_gold.scenario.model import Number, Scenario

STATE_LIMIT = 25_000
OUTCOME_ORDER = ("won", "neutral", "lost")  # the best outcome first


class SearchTooLarge(Exception):
    """The scenario has more run states than the search will examine."""


class ScoresInexact(SearchTooLarge):
    """The scenario's numbers need more digits than Decimal keeps (28): sums round, and
    the exact search, which prunes on sums, can lose every run."""


@dataclass(frozen=True)
class Best:
    """The best run: its score, its choices, its outcome, and how many states were examined."""

    score: Number
    path: tuple[str, ...]
    states: int
    outcome: str | None = None


def find_best(scenario: Scenario, limit: int = STATE_LIMIT, meter: Meter | None = None) -> Best:
    """The best run of the scenario, with one path that reaches it.

    Format 2: the highest score among the runs whose outcome is the best one any
    run can reach (won, else neutral, else lost); format 1: among all runs.
    Ties go to the choice that comes first in the file, choice by choice.
    Raises `SearchTooLarge` past `limit` states examined, or past the work or
    memory `meter` allows (default: `work.WORK_LIMIT` and `work.MEMORY_LIMIT`).
    """
    world = _world(scenario, limit, meter)
    start = world.rules.start()
    targets: tuple[str | None, ...] = OUTCOME_ORDER if scenario.best_is_winning else (None,)
    for target in targets:
        found = _best_toward(world, start, target)
        if found is not None:
            return found
    # Every run ends with some outcome, so only rounded sums can have lost them all.
    raise ScoresInexact("scores added up with more than 28 digits")


def find_best_from(
    scenario: Scenario, state: RunState, outcome: str | None, limit: int = STATE_LIMIT
) -> Best | None:
    """The best complete run that goes on from `state` and ends with `outcome` (None: any).

    `score` is the run's final score, `path` the choices after `state`. None when
    no run from there ends so. The same search as `find_best`, with its bound:
    raises `SearchTooLarge` past `limit` states examined.
    """
    return _best_toward(_world(scenario, limit), state, outcome)


def _world(scenario: Scenario, limit: int, meter: Meter | None = None) -> _World:
    """What one search needs, shared by its passes (one per outcome)."""
    return _World(scenario, rules_for(scenario), Scorer(scenario), limit, meter)


def _best_toward(world: _World, start: RunState, target: str | None) -> Best | None:
    """One pass: the best run from `start` ending with `target` (None: any), or None."""
    found = _Search(world, target).run(start)
    if found is None:
        return None
    gain, path = found
    end = _play(world.rules, start, path)
    score = Scorer(world.scenario).score(start) + gain
    return Best(score, path, world.examined, _outcome(world.scenario, end))


class _World:
    """What every pass of the search shares: rules, keys, gains, the bound, the work done."""

    def __init__(
        self,
        scenario: Scenario,
        rules: Rules,
        scorer: Scorer,
        limit: int,
        meter: Meter | None = None,
    ) -> None:
        self.scenario = scenario
        self.rules = rules
        self.limit = limit
        self.examined = 0
        self.meter = meter or Meter()
        self.expander = Expander(rules, scorer)
        self.key_of = self.expander.key_of
        self.costs = Costs(rules, self.key_of)
        self.bound = Bound(rules, scorer)
        self.quantum = _quantum(scenario)

    def children(self, state: RunState) -> list[Child]:
        """The choices open in `state`, each with the state after it, its key and its gain."""
        self.examined += 1
        if self.examined > self.limit:
            raise SearchTooLarge(f"more than {self.limit:,} run states to examine")
        costs = self.costs
        children = self.expander.children(state)
        try:
            self.meter.spend(costs.expanded(state.at, len(children)))
        except TooMuchWork as error:
            raise SearchTooLarge(f"more than {error.what}") from None
        self.hold(costs.key[state.at] + 120)  # the memo entry this state will leave
        return children

    def hold(self, size: int) -> None:
        """Count memory the search keeps; past the meter's limit, `SearchTooLarge`."""
        try:
            self.meter.hold(size)
        except TooMuchWork as error:
            raise SearchTooLarge(f"more than {error.what}") from None

    def frame_size(self, at: str, children: list[Child]) -> int:
        """Bytes a frame on the search's stack holds while its children are searched."""
        return self.costs.children(at, len(children))


class _Frame:
    __slots__ = ("best", "children", "key", "loose", "move", "next", "size", "threshold")

    def __init__(self, key: Hashable, children: list[Child], threshold: Number, size: int) -> None:
        self.key = key
        self.size = size  # bytes held, for the meter
        self.children = children
        self.threshold = threshold  # the gain from here must beat this to matter
        self.next = 0
        self.best: Number = UNREACHABLE
        self.move: Move | None = None
        self.loose = False  # a child was cut short: `best` may be only a bound


class _Search:
    """One pass: the best run ending with `target` (None: any outcome)."""

    def __init__(self, world: _World, target: str | None) -> None:
        self.world = world
        self.target = target
        self.reaches = _reaching(world.scenario, world.rules, target)
        # key -> (exact, gain from there, the first best move); inexact: an upper bound.
        self.table: dict[Hashable, tuple[bool, Number, Move | None]] = {}

    def run(self, start: RunState) -> tuple[Number, tuple[str, ...]] | None:
        world = self.world
        floor = self._dive(start)
        threshold = UNREACHABLE if floor is None else floor - world.quantum
        root = world.key_of(start)
        value = self._solve(start, root, threshold)
        if value == UNREACHABLE:
            return None
        path: list[str] = []
        state = start
        while True:
            entry = self.table.get(world.key_of(state))
            if entry is None or entry[2] is None:
                break
            move = entry[2]
            path.append(move.choice.id)
            state = world.rules.apply(state, move)
        return value, tuple(path)

    # --- the pieces -----------------------------------------------------------

    def _end_value(self, state: RunState) -> Number:
        """0 when a run over in `state` ends with the target outcome, else unreachable."""
        if self.target is None or _outcome(self.world.scenario, state) == self.target:
            return 0
        return UNREACHABLE

    def _upper(self, state: RunState) -> Number:
        """At least the best gain from `state` towards the target (unreachable: none)."""
        if state.at not in self.world.scenario.scenes:
            return self._end_value(state)
        if state.at not in self.reaches:
            return UNREACHABLE
        return self.world.bound.upper(state)

    def _dive(self, start: RunState) -> Number | None:
        """A quick, greedy run towards the target: a score for the search to beat."""
        world, state, total = self.world, start, 0
        while state.at in world.scenario.scenes:
            children = world.children(state)
            if not children:
                break
            best: tuple[Number, Child] | None = None
            for child in children:
                promise = child[3] + self._upper(child[1])
                if promise != UNREACHABLE and (best is None or promise > best[0]):
                    best = (promise, child)
            if best is None:
                return None
            total += best[1][3]
            state = best[1][1]
        return total if self._end_value(state) == 0 else None

    def _solve(self, start: RunState, root: Hashable, threshold: Number) -> Number:
        """The best gain from `start` towards the target, exact when it beats `threshold`."""
        world, table = self.world, self.table
        scenes = world.scenario.scenes
        children = world.children(start)
        if not children:
            value = self._end_value(start)
            table[root] = (True, value, None)
            return value
        meter = world.meter
        size = world.frame_size(start.at, children)
        stack = [_Frame(root, children, threshold, size)]
        world.hold(size)
        returned: tuple[Number, bool] | None = None
        while stack:
            frame = stack[-1]
            if returned is not None:  # the child just searched
                value, exact = returned
                returned = None
                move, _, _, gain = frame.children[frame.next - 1]
                frame.loose = frame.loose or not exact
                if gain + value > frame.best:
                    frame.best, frame.move = gain + value, move
            pushed = False
            while frame.next < len(frame.children):
                move, after, key, gain = frame.children[frame.next]
                frame.next += 1
                need = max(frame.threshold, frame.best) - gain
                entry = table.get(key)
                if entry is not None and (entry[0] or entry[1] <= need):
                    value = entry[1]
                    frame.loose = frame.loose or not entry[0]
                elif after.at not in scenes:
                    value = self._end_value(after)
                    table[key] = (True, value, None)
                else:
                    upper = self._upper(after)
                    if upper == UNREACHABLE:
                        continue  # no run from there ends with the target outcome
                    if upper <= need:
                        frame.loose = True  # cut: it cannot beat what is already found
                        continue
                    grandchildren = world.children(after)
                    if not grandchildren:
                        value = self._end_value(after)
                        table[key] = (True, value, None)
                    else:
                        size = world.frame_size(after.at, grandchildren)
                        stack.append(_Frame(key, grandchildren, need, size))
                        world.hold(size)
                        pushed = True
                        break
                if gain + value > frame.best:
                    frame.best, frame.move = gain + value, move
            if pushed:
                continue
            exact = frame.best > frame.threshold or not frame.loose
            if exact:
                table[frame.key] = (True, frame.best, frame.move)
                returned = (frame.best, True)
            else:
                table[frame.key] = (False, frame.threshold, None)
                returned = (frame.threshold, False)
            meter.release(frame.size)
            stack.pop()
        assert returned is not None
        value, exact = returned
        return value if exact else UNREACHABLE


def _reaching(scenario: Scenario, rules: Rules, target: str | None) -> set[str]:
    """The scenes from which the scene graph leads to an ending with the target outcome."""
    scenes = set(scenario.scenes)
    if target is None or scenario.out_of_time.outcome == target:
        return scenes  # any scene may run out of choices
    leads_to: dict[str, set[str]] = {}
    for scene, moves in rules.moves.items():
        for move in moves:
            leads_to.setdefault(move.choice.goto, set()).add(scene)
    todo = [e.id for e in scenario.endings.values() if e.outcome == target]
    found: set[str] = set()
    while todo:
        for scene in leads_to.get(todo.pop(), ()):
            if scene not in found:
                found.add(scene)
                todo.append(scene)
    return found


def _quantum(scenario: Scenario) -> Number:
    """The smallest step two scores can differ by: 1, or 0.1, 0.01, ... with decimals."""
    # A person's weight multiplies the metric weights: their places add up.
    places_weights = _places(scenario.scoring.weights.values())
    places_weights += _places(person.weight for person in scenario.people)
    numbers: list[Number] = []
    for channel in scenario.channels.values():
        numbers += [channel.they_know_you, channel.you_know_them, channel.trust]
        numbers += list(channel.ceiling.values())
    for person in scenario.people:
        numbers += list(person.start.values())
    numbers += [value for value in scenario.vars.values() if not isinstance(value, bool)]
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            numbers += list(choice.gains.values())
            numbers += [effect.amount for effect in choice.effects]
            numbers += [value for _, value in choice.sets if not isinstance(value, bool)]
    places = places_weights + _places(numbers)
    return 1 if places == 0 else Decimal(1).scaleb(-places)


def _places(numbers: object) -> int:
    most = 0
    for number in numbers:  # type: ignore[attr-defined]
        if isinstance(number, Decimal):
            exponent = number.normalize().as_tuple().exponent
            if isinstance(exponent, int):
                most = max(most, -exponent)
    return most


def _play(rules: Rules, start: RunState, path: tuple[str, ...]) -> RunState:
    state = start
    for choice_id in path:
        move = next(m for m in rules.moves[state.at] if m.choice.id == choice_id)
        state = rules.apply(state, move)
    return state


def _outcome(scenario: Scenario, state: RunState) -> str:
    ending = scenario.ending(state.at)
    return scenario.out_of_time.outcome if ending is None else ending.outcome
