"""The rules of play, as pure functions over `RunState`.

`Rules` reads a scenario once and prepares each choice as a `Move`: its guard
compiled, its channel gains and effects added up per person, its cost. The
`Run` (driven by a state machine) and the best-path search both play through
these same functions, so no rule exists twice.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from cold_to_gold.engine.evaluate import Layout, compile_guard
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Guard, Ref, describe
from cold_to_gold.scenario.model import Choice, Number, Scenario, Value, Variant, pick_text
from cold_to_gold.scenario.spec import METRICS

Triple = tuple[Number, Number, Number]


Ceilings = tuple[Number | None, Number | None, Number | None]


@dataclass(frozen=True, slots=True)
class Move:
    """One choice, prepared for fast play.

    `capped` holds the channel's gains that a ceiling limits (step 1), applied
    first, value by value; `people` every other change to a person, simply
    added (the channel's unlimited gains and the choice's effects).
    """

    choice: Choice
    guard: Callable[[RunState], bool] | None
    cost: int
    people: tuple[tuple[int, Triple], ...]  # (person index, gains in METRICS order)
    referrals: Number
    var_gains: tuple[tuple[int, Number], ...]
    var_sets: tuple[tuple[int, Value], ...]
    capped: tuple[tuple[int, Triple], ...] = ()
    ceilings: Ceilings = (None, None, None)


class Rules:
    """Everything needed to play a scenario, computed once."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.budget = scenario.time_budget
        self.person_index = {person.id: i for i, person in enumerate(scenario.people)}
        self.var_index = {name: i for i, name in enumerate(scenario.vars)}
        # What choices depend on (availability); text variants only change what is shown.
        self.refs: frozenset[Ref] = frozenset(
            ref
            for scene in scenario.scenes.values()
            for choice in scene.choices
            if choice.when is not None
            for ref in choice.when.refs
        )
        shown = frozenset(ref for guard in _text_guards(scenario) for ref in guard.refs)
        self.tracked_scenes = tuple(
            scene for scene in scenario.scenes if Ref("visits", scene) in self.refs | shown
        )
        self.visit_index = {scene: i for i, scene in enumerate(self.tracked_scenes)}
        self.layout = Layout(self.person_index, self.var_index, self.visit_index, self.budget)
        self._text_tests: dict[Guard, Callable[[RunState], bool]] = {}
        self.moves: dict[str, tuple[Move, ...]] = {
            scene.id: tuple(self._prepare(choice) for choice in scene.choices)
            for scene in scenario.scenes.values()
        }

    def _prepare(self, choice: Choice) -> Move:
        channel = self.scenario.channels[choice.channel]
        gains = [[0, 0, 0] for _ in self.scenario.people]
        capped = [[0, 0, 0] for _ in self.scenario.people]
        if channel.broadcast:
            reached = list(range(len(gains)))
        else:
            reached = [self.person_index[person] for person in choice.reaches]
        ceilings = tuple(channel.ceiling.get(metric) for metric in METRICS)
        for index in reached:  # 1. the channel's gains, to everyone a post reaches
            for m, metric in enumerate(METRICS):
                gain = choice.gains.get(metric, channel.gain(metric))
                if gain > 0 and ceilings[m] is not None:
                    capped[index][m] += gain
                else:
                    gains[index][m] += gain
        referrals: Number = 0
        var_gains: dict[int, Number] = {}
        for effect in choice.effects:  # 2. the choice's own effects
            if effect.scope == "person":
                gains[self.person_index[effect.person]][METRICS.index(effect.name)] += effect.amount
            elif effect.scope == "referrals":
                referrals += effect.amount
            else:
                index = self.var_index[effect.name]
                var_gains[index] = var_gains.get(index, 0) + effect.amount
        touched = tuple((index, (g[0], g[1], g[2])) for index, g in enumerate(gains) if any(g))
        limited = tuple((index, (g[0], g[1], g[2])) for index, g in enumerate(capped) if any(g))
        return Move(
            choice,
            compile_guard(choice.when, self.layout) if choice.when else None,
            choice.minutes,
            touched,
            referrals,
            tuple(var_gains.items()),
            tuple((self.var_index[name], value) for name, value in choice.sets),
            limited,
            ceilings,  # type: ignore[arg-type]
        )

    def holds(self, guard: Guard, state: RunState) -> bool:
        """Whether a text variant's condition holds in a state (compiled once per guard)."""
        test = self._text_tests.get(guard)
        if test is None:
            test = self._text_tests[guard] = compile_guard(guard, self.layout)
        return test(state)

    # --- the run's life -----------------------------------------------------

    def start(self) -> RunState:
        """The state on arriving at the start scene (so its visit is already counted)."""
        people = tuple(
            tuple(person.start.get(metric, 0) for metric in METRICS)
            for person in self.scenario.people
        )
        begin = RunState(
            "",
            people,  # type: ignore[arg-type]
            0,
            tuple(self.scenario.vars.values()),
            0,
            (0,) * len(self.tracked_scenes),
        )
        return self.arrive(begin, self.scenario.start)

    def lock_reason(self, state: RunState, move: Move) -> str | None:
        """Why a choice cannot be taken now, in the trainee's words; None when it can."""
        reasons = []
        choice = move.choice
        if move.guard is not None and not move.guard(state):
            assert choice.when is not None
            locked = pick_text(
                choice.locked_variants, lambda guard: self.holds(guard, state), choice.locked
            )
            reasons.append(locked or f"needs {describe(choice.when)}")
        if self.budget is not None and state.minutes_spent + move.cost > self.budget:
            left = self.budget - state.minutes_spent
            reasons.append(f"needs {move.cost} minutes, {left} left")
        return "; ".join(reasons) or None

    def available(self, state: RunState, move: Move) -> bool:
        if self.budget is not None and state.minutes_spent + move.cost > self.budget:
            return False
        return move.guard is None or move.guard(state)

    def available_moves(self, state: RunState) -> list[Move]:
        return [move for move in self.moves.get(state.at, ()) if self.available(state, move)]

    def pay(self, state: RunState, move: Move) -> RunState:
        """Steps 1 to 4 of a choice: gains, effects, `set`, minutes. The run stays put."""
        return self._advance(state, move, state.at, state.visits)

    def arrive(self, state: RunState, target: str) -> RunState:
        """Step 5: move to `target`; an arrival at a scene counts as a visit."""
        return state._replace(at=target, visits=self._visit(state.visits, target))

    def apply(self, state: RunState, move: Move) -> RunState:
        """All five steps of a choice at once."""
        target = move.choice.goto
        return self._advance(state, move, target, self._visit(state.visits, target))

    def _visit(self, visits: tuple[int, ...], target: str) -> tuple[int, ...]:
        slot = self.visit_index.get(target)
        if slot is None:
            return visits
        return (*visits[:slot], visits[slot] + 1, *visits[slot + 1 :])

    def _advance(self, state: RunState, move: Move, at: str, visits: tuple[int, ...]) -> RunState:
        people = state.people
        if move.capped:  # step 1, where a ceiling limits the channel's gain
            changed = list(people)
            for index, gains in move.capped:
                row = list(changed[index])
                for m, ceiling in enumerate(move.ceilings):
                    gain, value = gains[m], row[m]
                    if gain and ceiling is not None and value < ceiling:
                        row[m] = min(value + gain, ceiling)
                changed[index] = (row[0], row[1], row[2])
            people = tuple(changed)
        if move.people:
            changed = list(people)
            for index, (a, b, c) in move.people:
                x, y, z = changed[index]
                changed[index] = (x + a, y + b, z + c)
            people = tuple(changed)
        values = state.vars
        if move.var_gains or move.var_sets:
            changed_vars = list(values)
            for index, amount in move.var_gains:
                changed_vars[index] += amount
            for index, value in move.var_sets:
                changed_vars[index] = value
            values = tuple(changed_vars)
        return RunState(
            at,
            people,
            state.referrals + move.referrals,
            values,
            state.minutes_spent + move.cost,
            visits,
        )


def _text_guards(scenario: Scenario) -> list[Guard]:
    """The conditions of every text variant: scenes, endings and feedback."""
    variants: list[Variant] = []
    for scene in scenario.scenes.values():
        variants += scene.variants
        for choice in scene.choices:
            variants += choice.feedback_variants + choice.locked_variants
    for ending in scenario.endings.values():
        variants += ending.variants
    return [variant.when for variant in variants if variant.when is not None]


_cache: weakref.WeakKeyDictionary[Scenario, Rules] = weakref.WeakKeyDictionary()


def rules_for(scenario: Scenario) -> Rules:
    """The scenario's `Rules`, built once and shared while the scenario lives."""
    rules = _cache.get(scenario)
    if rules is None:
        rules = _cache[scenario] = Rules(scenario)
    return rules
