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
from dataclasses import dataclass, field

from cold_to_gold.engine.rules import Move, Rules
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Binary, Compare, Const, Expr, Ref, Unary
from cold_to_gold.scenario.loops import strongly_connected
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
    plans: dict[str, _Plan] = {}
    for members, ahead in _ahead(rules):
        plan = _plan(rules, scorer, ahead, caps, grows)
        plans |= dict.fromkeys(members, plan)

    builders = {scene: _compiled(plan) for scene, plan in plans.items()}
    at_an_ending = _at_an_ending

    def key(state: RunState) -> Hashable:
        return builders.get(state.at, at_an_ending)(state)

    return key


def _at_an_ending(state: RunState) -> Hashable:
    return (state.at,)  # nothing lies ahead


def _compiled(plan: _Plan) -> Callable[[RunState], Hashable]:
    """The plan as one small generated function, the way `dataclasses` builds `__init__`.

    The search calls it for every state it meets; a generated tuple display
    with no loop and no call is several times faster than walking the plan.
    Only integers (indexes) are written into the source; caps are passed in.
    """
    names: dict[str, object] = {"ABOVE": ABOVE}
    parts = ["s.at"]
    if plan.minutes:
        parts.append("s.minutes_spent")

    def part(expression: str, cap: Number | None) -> str:
        if cap is None:
            return expression
        name = f"cap{len(names)}"
        names[name] = cap
        return f"(ABOVE if (v := {expression}) > {name} else v)"

    track_referrals, referrals_cap = plan.referrals
    if track_referrals:
        parts.append(part("s.referrals", referrals_cap))
    parts += [part(f"p[{int(person)}][{int(m)}]", cap) for person, m, cap in plan.metrics]
    parts += [part(f"n[{int(index)}]", cap) for index, cap in plan.slots]
    parts += [part(f"c[{int(index)}]", cap) for index, cap in plan.visits]
    source = (
        f"def key(s):\n    p, n, c = s.people, s.vars, s.visits\n    return ({', '.join(parts)},)\n"
    )
    exec(source, names)  # generated from integers only, see above
    return names["key"]  # type: ignore[return-value]


@dataclass
class _Ahead:
    """What the moves of a group of scenes depend on or change."""

    refs: set[Ref] = field(default_factory=set)
    capped: dict[tuple[int, int], Number] = field(default_factory=dict)  # slot -> top ceiling
    sets: set[int] = field(default_factory=set)

    def add_move(self, move: Move) -> None:
        if move.choice.when is not None:
            self.refs |= move.choice.when.refs
        for person, gains in move.capped:
            for m, ceiling in enumerate(move.ceilings):
                if gains[m] and ceiling is not None:
                    self._cap((person, m), ceiling)
        self.sets.update(index for index, _ in move.var_sets)

    def add(self, other: _Ahead) -> None:
        self.refs |= other.refs
        for slot, ceiling in other.capped.items():
            self._cap(slot, ceiling)
        self.sets |= other.sets

    def _cap(self, slot: tuple[int, int], ceiling: Number) -> None:
        known = self.capped.get(slot)
        self.capped[slot] = ceiling if known is None else max(known, ceiling)


def _ahead(rules: Rules) -> list[tuple[list[str], _Ahead]]:
    """Scenes grouped by loops, each group with what lies ahead of it (itself included).

    Tarjan's algorithm gives the groups (strongly connected components) with
    every group after the groups it leads to, so one pass adds them up.
    """
    scenes = rules.scenario.scenes
    following = {
        scene: [move.choice.goto for move in moves if move.choice.goto in scenes]
        for scene, moves in rules.moves.items()
    }
    group_of: dict[str, int] = {}
    found: list[tuple[list[str], _Ahead]] = []
    for members in strongly_connected(list(scenes), following):
        ahead = _Ahead()
        index = len(found)
        for scene in members:
            group_of[scene] = index
            for move in rules.moves[scene]:
                ahead.add_move(move)
        later = {group_of[target] for scene in members for target in following[scene]}
        for group in later - {index}:
            ahead.add(found[group][1])
        found.append((members, ahead))
    return found


def _plan(
    rules: Rules, scorer: Scorer, ahead: _Ahead, caps: dict[Ref, Number], grows: _Growth
) -> _Plan:
    refs = ahead.refs
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
    # Ceilings: a limited gain depends on how far the metric already is.
    for slot, ceiling in ahead.capped.items():
        if slot not in metrics:
            metrics[slot] = ceiling
        elif (cap := metrics[slot]) is not None:
            metrics[slot] = max(cap, ceiling)
    for slot, cap in list(metrics.items()):
        if cap is not None and not grows.metric_only_grows(*slot):
            metrics[slot] = None
    weighted = {index for index, _ in scorer.vars}
    for index in sorted((weighted & ahead.sets) - set(slots)):
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
        self.lowered: set[tuple[int, int]] = {
            (index, m)
            for move in self.moves
            for index, gains in (*move.people, *move.capped)
            for m, gain in enumerate(gains)
            if gain < 0
        }
        self._known: dict[Ref, bool] = {}

    def metric_only_grows(self, person: int, metric: int) -> bool:
        return (person, metric) not in self.lowered

    def only_grows(self, ref: Ref) -> bool:
        known = self._known.get(ref)
        if known is None:
            known = self._known[ref] = self._only_grows(ref)
        return known

    def _only_grows(self, ref: Ref) -> bool:
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
