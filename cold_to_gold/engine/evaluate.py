"""Guards turned into small Python closures over a `RunState` — no `eval`, no attribute access."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Binary, Compare, Const, Expr, Guard, Ref, Unary
from cold_to_gold.scenario.spec import METRICS

Reader = Callable[[RunState], Any]
NO_LIMIT = Decimal("Infinity")

_ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class Layout:
    """Where each name lives inside a `RunState` (built by `Rules`)."""

    def __init__(
        self,
        people: dict[str, int],
        vars: dict[str, int],
        visits: dict[str, int],
        budget: int | None,
    ) -> None:
        self.people = people
        self.vars = vars
        self.visits = visits
        self.budget = budget


def compile_guard(guard: Guard, layout: Layout) -> Callable[[RunState], bool]:
    """A test that says whether the guard holds in a state.

    Arithmetic that has no answer (no time limit times 0) makes the guard false.
    """
    read = _compile(guard.expr, layout)

    def holds(state: RunState) -> bool:
        try:
            return bool(read(state))
        except (ArithmeticError, TypeError):
            return False

    return holds


def reader_for(ref: Ref, layout: Layout) -> Reader:
    """How to read one named value from a state."""
    if ref.kind == "metric":
        person, metric = layout.people[ref.person], METRICS.index(ref.name)
        return lambda state: state.people[person][metric]
    if ref.kind == "var":
        index = layout.vars[ref.name]
        return lambda state: state.vars[index]
    if ref.kind == "visits":
        index = layout.visits[ref.name]
        return lambda state: state.visits[index]
    if ref.kind == "referrals":
        return lambda state: state.referrals
    if ref.kind == "minutes_spent":
        return lambda state: state.minutes_spent
    budget = layout.budget
    if budget is None:
        return lambda state: NO_LIMIT
    return lambda state: budget - state.minutes_spent


def _compile(expr: Expr, layout: Layout) -> Reader:
    if isinstance(expr, Const):
        value = expr.value
        return lambda state: value
    if isinstance(expr, Ref):
        return reader_for(expr, layout)
    if isinstance(expr, Unary):
        operand = _compile(expr.operand, layout)
        if expr.op == "not":
            return lambda state: not operand(state)
        return lambda state: -operand(state)
    if isinstance(expr, Binary):
        left, right = _compile(expr.left, layout), _compile(expr.right, layout)
        if expr.op == "and":
            return lambda state: bool(left(state)) and bool(right(state))
        if expr.op == "or":
            return lambda state: bool(left(state)) or bool(right(state))
        apply = _ARITHMETIC[expr.op]
        return lambda state: apply(left(state), right(state))
    assert isinstance(expr, Compare)
    first = _compile(expr.first, layout)
    rest = [(_COMPARE[op], _compile(operand, layout)) for op, operand in expr.rest]

    def chained(state: RunState) -> bool:
        left = first(state)
        for compare, read in rest:
            right = read(state)
            if not compare(left, right):
                return False
            left = right
        return True

    return chained
