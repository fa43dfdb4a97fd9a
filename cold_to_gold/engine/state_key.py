"""The memo key of a run state: only what can change the rest of the run.

Two states with the same key have the same choices ahead of them, forever,
and every choice adds the same to the score from either (when no weighted var
is overwritten by `set`). So the best-path search, and any exploration of all
run states, may treat them as one. The key holds:

- where the run is;
- the minutes spent, when a budget or a guard depends on them;
- each value a guard reads, and each weighted var some `set` overwrites.

A value that only ever grows, and that guards only compare with constants,
is capped: once it is past the largest constant, every comparison has its
final answer, so 7 and 12 trust are the same state for `trust >= 2`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from operator import attrgetter

from cold_to_gold.engine.rules import Rules
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Binary, Compare, Const, Expr, Ref, Unary
from cold_to_gold.scenario.model import Number
from cold_to_gold.scenario.spec import METRICS

ABOVE = "past every threshold"  # stands for any value beyond the largest constant


def state_key(rules: Rules, scorer: Scorer) -> Callable[[RunState], Hashable]:
    """A function from a state to its memo key (one flat tuple, built in one pass)."""
    caps = _caps(rules)
    layout = rules.layout
    metrics, slots, visits = [], [], []
    by_referrals: tuple[bool, Number | None] = (False, None)
    for ref in sorted(rules.refs, key=lambda ref: (ref.kind, ref.person, ref.name)):
        cap = caps.get(ref)
        if ref.kind == "metric":
            metrics.append((layout.people[ref.person], METRICS.index(ref.name), cap))
        elif ref.kind == "var":
            slots.append((layout.vars[ref.name], cap))
        elif ref.kind == "visits":
            visits.append((layout.visits[ref.name], cap))
        elif ref.kind == "referrals":
            by_referrals = (True, cap)
    weighted = {index for index, _ in scorer.vars}
    overwritten = {
        index for moves in rules.moves.values() for move in moves for index, _ in move.var_sets
    }
    read = {index for index, _ in slots}
    slots += [(index, None) for index in sorted((weighted & overwritten) - read)]
    minutes_refs = {Ref("minutes_spent"), Ref("minutes_left")}
    by_minutes = rules.budget is not None or bool(minutes_refs & rules.refs)
    track_referrals, referrals_cap = by_referrals

    # A hot path (called for every state the search meets): plain loops, no calls.
    def key(state: RunState) -> Hashable:
        values: list[Hashable] = [state.at]
        if by_minutes:
            values.append(state.minutes_spent)
        if track_referrals:
            value = state.referrals
            values.append(ABOVE if referrals_cap is not None and value > referrals_cap else value)
        people = state.people
        for person, metric, cap in metrics:
            value = people[person][metric]
            values.append(ABOVE if cap is not None and value > cap else value)
        numbers = state.vars
        for index, cap in slots:
            value = numbers[index]
            values.append(ABOVE if cap is not None and value > cap else value)
        counts = state.visits
        for index, cap in visits:
            value = counts[index]
            values.append(ABOVE if cap is not None and value > cap else value)
        return tuple(values)

    if not (by_minutes or track_referrals or metrics or slots or visits):
        return attrgetter("at")
    return key


def _caps(rules: Rules) -> dict[Ref, Number]:
    """The refs that can be capped, each with the largest constant it is compared with."""
    largest: dict[Ref, Number] = {}
    other_uses: set[Ref] = set()
    for moves in rules.moves.values():
        for move in moves:
            if move.choice.when is not None:
                _uses(move.choice.when.expr, largest, other_uses)
    return {
        ref: cap
        for ref, cap in largest.items()
        if ref not in other_uses and _only_grows(ref, rules)
    }


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


def _only_grows(ref: Ref, rules: Rules) -> bool:
    """Whether no choice can ever lower this value."""
    if ref.kind == "visits":
        return True
    moves = [move for moves in rules.moves.values() for move in moves]
    if ref.kind == "referrals":
        return all(move.referrals >= 0 for move in moves)
    if ref.kind == "metric":
        person, metric = rules.person_index[ref.person], METRICS.index(ref.name)
        return all(
            gains[metric] >= 0 for move in moves for index, gains in move.people if index == person
        )
    if ref.kind == "var":
        index = rules.var_index[ref.name]
        if isinstance(rules.scenario.vars[ref.name], bool):
            return False
        return all(
            amount >= 0 for move in moves for slot, amount in move.var_gains if slot == index
        ) and not any(slot == index for move in moves for slot, _ in move.var_sets)
    return False
