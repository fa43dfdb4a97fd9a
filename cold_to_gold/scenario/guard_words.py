"""A guard (`when:`) read out in plain English, for people who do not read the guard language.

    trust >= 2                  Ada's trust is at least 2
    visits.coffee >= 1          after you have been at "Coffee with Ada"
    visits.coffee == 0          before you have been at "Coffee with Ada"
    not asked and minutes_left >= 90
                                asked is false and the minutes left are at least 90

The script of a scenario (`cold-to-gold script`) prints lock conditions and
text variants this way, for a reviewer who signs off what the trainee can see.
Comparisons read with the name first ("2 <= trust" reads as "trust is at least
2"); `not` is pushed inside where English has a word for it; what has no plain
reading keeps its symbols ("Ada's trust + Ben's trust is at least 4").
"""

from __future__ import annotations

from decimal import Decimal

from cold_to_gold.scenario.guards import Binary, Compare, Const, Expr, Guard, Ref, Unary
from cold_to_gold.scenario.model import Scenario

_SAID = {
    ">=": "is at least",
    ">": "is more than",
    "<=": "is at most",
    "<": "is less than",
    "==": "is",
    "!=": "is not",
}
_TURNED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}  # sides swapped
_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}
_METRIC = {
    "trust": "{name}'s trust",
    "they_know_you": "how well {name} knows you",
    "you_know_them": "how well you know {name}",
}
_RUN = {
    "referrals": "the referrals",
    "minutes_spent": "the minutes spent",
    "minutes_left": "the minutes left",
}


def in_words(guard: Guard, scenario: Scenario) -> str:
    """The guard as one plain-English condition (no leading "when")."""
    return _Words(scenario).say(guard.expr)


def when_clause(guard: Guard, scenario: Scenario) -> str:
    """The guard as a clause: 'when Ada's trust is at least 2', 'after you have been at "X"'."""
    words = in_words(guard, scenario)
    if words.startswith(("after ", "before ", "while ", "unless ", "when ")):
        return words
    return f"when {words}"


class _Words:
    def __init__(self, scenario: Scenario) -> None:
        self.names = {person.id: person.name for person in scenario.people}
        self.titles = {scene.id: scene.title for scene in scenario.scenes.values()}
        self.flags = {name for name, value in scenario.vars.items() if isinstance(value, bool)}

    def say(self, expr: Expr, negated: bool = False) -> str:
        if isinstance(expr, Binary) and expr.op in ("and", "or"):
            op = expr.op if not negated else ("or" if expr.op == "and" else "and")
            parts = [self._part(side, op, negated) for side in (expr.left, expr.right)]
            return f" {op} ".join(parts)
        if isinstance(expr, Unary) and expr.op == "not":
            return self.say(expr.operand, not negated)
        if isinstance(expr, Compare):
            return self._compare(expr, negated)
        if isinstance(expr, Const) and isinstance(expr.value, bool):
            return "always" if expr.value != negated else "never"
        if isinstance(expr, Ref) and expr.kind == "var" and expr.name in self.flags:
            return f"{expr.name} is {'false' if negated else 'true'}"
        said = self.value(expr)  # a number standing alone: true when it is not zero
        return f"{said} is {'0' if negated else 'not 0'}"

    def _part(self, side: Expr, op: str, negated: bool) -> str:
        """One side of and/or, in parentheses when its own top word is the other one."""
        text = self.say(side, negated)
        inner = _top(side, negated)
        return f"({text})" if inner is not None and inner != op else text

    def _compare(self, expr: Compare, negated: bool) -> str:
        pairs = []
        left = expr.first
        for op, right in expr.rest:
            pairs.append((left, op, right))
            left = right
        if negated and len(pairs) > 1:
            return "not (" + self._compare(expr, False) + ")"
        said = []
        for left, op, right in pairs:
            if negated:
                op = _NEGATED[op]
            said.append(self._one(left, op, right))
        return " and ".join(said)

    def _one(self, left: Expr, op: str, right: Expr) -> str:
        if isinstance(left, Const) and not isinstance(right, Const):
            left, op, right = right, _TURNED[op], left  # the name first
        if isinstance(left, Ref) and left.kind == "visits" and isinstance(right, Const):
            visits = self._visits(left.name, op, right.value)
            if visits is not None:
                return visits
        if isinstance(right, Const) and isinstance(right.value, bool) and op in ("==", "!="):
            truth = right.value == (op == "==")
            return f"{self.value(left)} is {'true' if truth else 'false'}"
        return f"{self.value(left)} {_SAID[op]} {self.value(right)}"

    def _visits(self, scene: str, op: str, count: object) -> str | None:
        """Arrivals at a scene in words: 'after you have been at "X" (at least twice)'."""
        at = self._title(scene)
        if not isinstance(count, int) or isinstance(count, bool):
            return None
        if (op, count) in ((">=", 1), (">", 0), ("!=", 0)):
            return f"after you have been at {at}"
        if (op, count) in (("==", 0), ("<", 1), ("<=", 0)):
            return f"before you have been at {at}"
        if op == ">=":
            return f"after you have been at {at} {_times(count)} or more"
        if op == ">":
            return f"after you have been at {at} more than {_times(count)}"
        if op == "<":
            return f"while you have been at {at} fewer than {_times(count)}"
        if op == "<=":
            return f"while you have been at {at} no more than {_times(count)}"
        if op == "==":
            return f"when you have been at {at} exactly {_times(count)}"
        return f"unless you have been at {at} exactly {_times(count)}"

    def value(self, expr: Expr) -> str:
        """A number-valued part of a guard, in words."""
        if isinstance(expr, Const):
            return _number(expr.value)
        if isinstance(expr, Ref):
            if expr.kind == "metric":
                name = self.names.get(expr.person, expr.person)
                return _METRIC[expr.name].format(name=name)
            if expr.kind == "visits":
                return f"the visits to {self._title(expr.name)}"
            if expr.kind == "var":
                return expr.name
            return _RUN.get(expr.kind, expr.kind)
        if isinstance(expr, Unary):
            if expr.op == "-":
                return f"minus {self.value(expr.operand)}"
            return f"not ({self.say(expr.operand)})"
        if isinstance(expr, Binary):
            word = {"+": "plus", "-": "minus", "*": "times"}.get(expr.op)
            if word is None:
                return f"({self.say(expr)})"
            return f"{self._operand(expr.left)} {word} {self._operand(expr.right)}"
        return f"({self.say(expr)})"

    def _title(self, scene: str) -> str:
        title = self.titles.get(scene, scene)
        return title if title[:1] in "\"“'" else f'"{title}"'

    def _operand(self, expr: Expr) -> str:
        text = self.value(expr)
        nested = isinstance(expr, Binary) and expr.op in ("+", "-", "*")
        return f"({text})" if nested else text


def _top(expr: Expr, negated: bool) -> str | None:
    """The word ("and", "or") that joins the parts of `expr` once said, if any."""
    if isinstance(expr, Binary) and expr.op in ("and", "or"):
        return expr.op if not negated else ("or" if expr.op == "and" else "and")
    if isinstance(expr, Unary) and expr.op == "not":
        return _top(expr.operand, not negated)
    if isinstance(expr, Compare) and len(expr.rest) > 1 and not negated:
        return "and"  # a chain: "is more than 1 and is less than 3"
    return None


def _number(value: bool | int | Decimal) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
