"""The memo key of a run state: only what can still change the rest of the run.

Two states with the same key have the same choices ahead of them, forever,
and every choice adds the same to the score from either. So the best-run
search, and any exploration of all run states, may treat them as one. The
key is built per scene, from what the choices still reachable from that
scene can depend on:

- where the run is;
- the minutes spent, when a budget or a guard depends on them;
- each value a reachable guard reads, and each weighted var a reachable
  `set` overwrites;
- each metric a reachable channel gain is limited on by a ceiling (format 2),
  for the people that gain reaches.

A value that only ever grows, and that guards only compare with constants,
is capped: once it is past the largest constant (and past every ceiling that
limits it), every comparison has its final answer and no ceiling holds it
back any more, so 7 and 12 trust are the same state for `trust >= 2`.
Whatever no reachable choice depends on is left out: once the run has moved
past the scenes where Dana could be emailed, how well Dana knows you no
longer tells two states apart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from cold_to_gold.engine.rules import Move, Rules
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Binary, Compare, Const, Expr, Ref, Unary
from cold_to_gold.scenario.model import Number
from cold_to_gold.scenario.spec import METRICS

ABOVE = "past every threshold"  # stands for any value beyond the largest constant
_NO_CAP = None


@dataclass(frozen=True)
class _Plan:
    """What tells two states apart at one scene: each part with its cap (None: none)."""

    minutes: bool
    referrals: tuple[bool, Number | None]
    metrics: tuple[tuple[int, int, Number | None], ...]  # (person, metric, cap)
    slots: tuple[tuple[int, Number | None], ...]  # (var index, cap)
    visits: tuple[tuple[int, Number | None], ...]  # (visit slot, cap)


def state_key(rules: Rules, scorer: Scorer) -> Callable[[RunState], Hashable]:
    """A function from a state to its memo key (one flat tuple, built in one pass)."""
    caps, grows = _caps(rules), _Growth(rules)
    plans = {
        scene: _plan(rules, scorer, moves, caps, grows) for scene, moves in _ahead(rules).items()
    }

    # A hot path (called for every state the search meets): plain loops, no calls.
    def key(state: RunState) -> Hashable:
        plan = plans.get(state.at)
        if plan is None:
            return (state.at,)  # an ending: nothing lies ahead
        values: list[Hashable] = [state.at]
        if plan.minutes:
            values.append(state.minutes_spent)
        track_referrals, referrals_cap = plan.referrals
        if track_referrals:
            value = state.referrals
            values.append(ABOVE if referrals_cap is not None and value > referrals_cap else value)
        people = state.people
        for person, metric, cap in plan.metrics:
            value = people[person][metric]
            values.append(ABOVE if cap is not None and value > cap else value)
        numbers = state.vars
        for index, cap in plan.slots:
            value = numbers[index]
            values.append(ABOVE if cap is not None and value > cap else value)
        counts = state.visits
        for index, cap in plan.visits:
            value = counts[index]
            values.append(ABOVE if cap is not None and value > cap else value)
        return tuple(values)

    return key


def _ahead(rules: Rules) -> dict[str, list[Move]]:
    """For each scene, the moves of every scene reachable from it (itself included)."""
    scenes = rules.scenario.scenes
    following = {
        scene: {move.choice.goto for move in moves if move.choice.goto in scenes}
        for scene, moves in rules.moves.items()
    }
    ahead: dict[str, list[Move]] = {}
    for scene in scenes:
        seen, todo = {scene}, [scene]
        while todo:
            for target in following[todo.pop()]:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        ahead[scene] = [move for reached in seen for move in rules.moves[reached]]
    return ahead


def _plan(
    rules: Rules, scorer: Scorer, moves: list[Move], caps: dict[Ref, Number], grows: _Growth
) -> _Plan:
    refs = {ref for move in moves if move.choice.when is not None for ref in move.choice.when.refs}
    layout = rules.layout
    metrics: dict[tuple[int, int], Number | None] = {}
    slots: dict[int, Number | None] = {}
    visits: list[tuple[int, Number | None]] = []
    referrals: tuple[bool, Number | None] = (False, None)
    for ref in sorted(refs, key=lambda ref: (ref.kind, ref.person, ref.name)):
        cap = caps.get(ref) if grows.only_grows(ref) else _NO_CAP
        if ref.kind == "metric":
            metrics[(layout.people[ref.person], METRICS.index(ref.name))] = cap
        elif ref.kind == "var":
            slots[layout.vars[ref.name]] = cap
        elif ref.kind == "visits":
            visits.append((layout.visits[ref.name], cap))
        elif ref.kind == "referrals":
            referrals = (True, cap)
    for move in moves:  # ceilings: the gain depends on how far the metric already is
        for person, gains in move.capped:
            for m, ceiling in enumerate(move.ceilings):
                if not gains[m] or ceiling is None:
                    continue
                slot = (person, m)
                if slot not in metrics:
                    metrics[slot] = ceiling
                elif (cap := metrics[slot]) is not None:
                    metrics[slot] = max(cap, ceiling)
    for slot, cap in list(metrics.items()):
        if cap is not None and not grows.metric_only_grows(*slot):
            metrics[slot] = None
    weighted = {index for index, _ in scorer.vars}
    overwritten = {index for move in moves for index, _ in move.var_sets}
    for index in sorted((weighted & overwritten) - set(slots)):
        slots[index] = None
    minutes_refs = {Ref("minutes_spent"), Ref("minutes_left")}
    return _Plan(
        minutes=rules.budget is not None or bool(minutes_refs & refs),
        referrals=referrals,
        metrics=tuple((person, m, cap) for (person, m), cap in sorted(metrics.items())),
        slots=tuple(sorted(slots.items())),
        visits=tuple(visits),
    )


def _caps(rules: Rules) -> dict[Ref, Number]:
    """The refs guards only compare with constants, each with the largest such constant."""
    largest: dict[Ref, Number] = {}
    other_uses: set[Ref] = set()
    for moves in rules.moves.values():
        for move in moves:
            if move.choice.when is not None:
                _uses(move.choice.when.expr, largest, other_uses)
    return {ref: cap for ref, cap in largest.items() if ref not in other_uses}


def _uses(expr: Expr, largest: dict[Ref, Number], other_uses: set[Ref]) -> None:
    if isinstance(expr, Compare) and len(expr.rest) == 1:
        left, right = expr.first, expr.rest[0][1]
        for ref, const in ((left, right), (right, left)):
            number = isinstance(const, Const) and not isinstance(const.value, bool)
            if isinstance(ref, Ref) and number:
                largest[ref] = max(largest.get(ref, const.value), const.value)
                return
    if isinstance(expr, Ref):
        other_uses.add(expr)
        return
    for child in _children(expr):
        _uses(child, largest, other_uses)


def _children(expr: Expr) -> Iterable[Expr]:
    if isinstance(expr, Compare):
        return [expr.first, *(operand for _, operand in expr.rest)]
    if isinstance(expr, Binary):
        return [expr.left, expr.right]
    if isinstance(expr, Unary):
        return [expr.operand]
    return []  # a constant or a name: nothing below it


class _Growth:
    """Which values no choice can ever lower (only those may be capped)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.moves = [move for moves in rules.moves.values() for move in moves]

    def metric_only_grows(self, person: int, metric: int) -> bool:
        return all(
            gains[metric] >= 0
            for move in self.moves
            for index, gains in (*move.people, *move.capped)
            if index == person
        )

    def only_grows(self, ref: Ref) -> bool:
        rules, moves = self.rules, self.moves
        if ref.kind == "visits":
            return True
        if ref.kind == "referrals":
            return all(move.referrals >= 0 for move in moves)
        if ref.kind == "metric":
            return self.metric_only_grows(rules.person_index[ref.person], METRICS.index(ref.name))
        if ref.kind == "var":
            index = rules.var_index[ref.name]
            if isinstance(rules.scenario.vars[ref.name], bool):
                return False
            return all(
                amount >= 0 for move in moves for slot, amount in move.var_gains if slot == index
            ) and not any(slot == index for move in moves for slot, _ in move.var_sets)
        return False
