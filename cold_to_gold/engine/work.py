"""What a walk over run states costs, counted the same way on every machine.

The best-run search, lint's exploration and the meter scale each walk run
states. Counting states alone does not bound them: one state of a scenario
with four hundred choices, or four hundred people a post reaches, costs a
hundred times what one state of a small scenario costs. So each walk counts
**work units** (roughly one step of Python, about a tenth of a microsecond on
a small laptop) and **memory** (an estimate, in bytes, of what it keeps), and
stops at fixed limits. The counts depend only on the scenario, never on the
clock, so the same file always gets the same verdict on any machine.

A unit is charged from the shape of what is done: each choice looked at, its
guard's size, the people its gains and effects touch, the people a state
copies, the length of the memo key of the state it leads to.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from decimal import Decimal

from cold_to_gold.engine.rules import Move, Rules
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Binary, Compare, Expr, Unary

# Calibrated on this project's hostile scenarios (benchmarks/hostile_commands.py):
# 15 million units take from 0.6 to 1.5 s of search here, whatever the shape.
WORK_LIMIT = 15_000_000
MEMORY_LIMIT = 200_000_000  # bytes, estimated; the process stays well under 500 MB


class TooMuchWork(Exception):
    """A walk reached its work or memory limit; `what` names it ("200 MB of memory")."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class Meter:
    """Work done and memory held by one walk, against its limits."""

    __slots__ = ("held", "memory_limit", "most_held", "work", "work_limit")

    def __init__(self, work_limit: int = WORK_LIMIT, memory_limit: int = MEMORY_LIMIT) -> None:
        self.work = 0
        self.held = 0
        self.most_held = 0
        self.work_limit = work_limit
        self.memory_limit = memory_limit

    def spend(self, units: int) -> None:
        """Count work; past the limit, raise `TooMuchWork`."""
        self.work += units
        if self.work > self.work_limit:
            raise TooMuchWork(f"{self.work_limit:,} units of work")

    def hold(self, size: int) -> None:
        """Count memory kept (bytes, estimated); past the limit, raise `TooMuchWork`."""
        self.held += size
        if self.held > self.most_held:
            self.most_held = self.held
            if self.held > self.memory_limit:
                raise TooMuchWork(f"{self.memory_limit // 1_000_000:,} MB of memory")

    def release(self, size: int) -> None:
        self.held -= size


class Costs:
    """Per scene, what expanding one state there costs, and what one state or key takes.

    Expanding a state looks at every choice of its scene (`look[scene]`: budget
    and guard) and plays each one open (`play[scene]`, on average per choice:
    gains, effects, the copied state, its key, what the search does with it).
    `state`: bytes of one run state; `key[scene]`: bytes of the memo key there.
    """

    def __init__(self, rules: Rules, key_of: Callable[[RunState], Hashable] | None = None) -> None:
        scenario = rules.scenario
        start = rules.start()
        people = len(start.people)
        self.state = 200 + 8 * (people + len(start.vars) + len(start.visits))
        # A number made by arithmetic is a new object (a decimal: about 100 bytes); a key
        # or a changed row keeps it alive. Small whole numbers are shared by Python.
        number = 112 if _has_decimals(rules) else 8
        self.key: dict[str, int] = {}
        lengths: dict[str, int] = {}
        for at in (*scenario.scenes, *scenario.endings):
            length = 1 if key_of is None else len(key_of(start._replace(at=at)))  # type: ignore[arg-type]
            lengths[at] = length
            self.key[at] = 64 + (8 + number // 2) * length  # its numbers partly shared
        # One person's (they_know_you, you_know_them, trust) made anew by a choice: a limited
        # gain keeps the kind of number it had; an effect may make a decimal.
        capped_row, changed_row = 88, 64 + 3 * number
        # The bound reads each ceiling-limited (person, metric) once per state it rates.
        slots = len(
            {
                (i, m)
                for ms in rules.moves.values()
                for mv in ms
                for i, _ in mv.capped
                for m in range(3)
            }
        )
        self.look: dict[str, int] = {}
        self.play: dict[str, int] = {}
        self.frame: dict[str, int] = {}
        for scene, moves in rules.moves.items():
            self.look[scene] = 40 + sum(2 + 2 * guard_size(move) for move in moves)
            each = [
                _play_cost(move, people) + 2 * lengths.get(move.choice.goto, 1) + slots
                for move in moves
            ]
            self.play[scene] = -(-sum(each) // max(1, len(each)))  # rounded up
            self.frame[scene] = (
                self.state
                + 80
                + max(
                    (
                        self.key.get(move.choice.goto, 80)
                        + capped_row * len(move.capped)
                        + changed_row * len(move.people)
                        for move in moves
                    ),
                    default=80,
                )
            )

    def expanded(self, at: str, children: int) -> int:
        """The work of expanding a state at `at` that has `children` choices open."""
        return self.look.get(at, 4) + self.play.get(at, 0) * children

    def children(self, at: str, children: int) -> int:
        """Bytes the children of a state at `at` take on a walk's stack (states, keys, tuples)."""
        return 120 + self.frame[at] * children


def _has_decimals(rules: Rules) -> bool:
    """Whether any number a run's state can hold may be a decimal."""
    start = rules.start()
    numbers = [value for row in start.people for value in row]
    for moves in rules.moves.values():
        for move in moves:
            numbers += [gain for _, gains in (*move.people, *move.capped) for gain in gains]
            numbers.append(move.referrals)
    return any(isinstance(number, Decimal) for number in numbers)


def _play_cost(move: Move, people: int) -> int:
    """Work of playing one choice and handling what it leads to."""
    cost = 60  # the new state, the gain, the memo lookup, the bound's base
    cost += 6 * len(move.capped) + 4 * len(move.people)
    cost += people // 4  # the cast's rows copied into the new state (a C loop: cheap each)
    cost += 2 * (len(move.var_gains) + len(move.var_sets))
    return cost


def guard_size(move: Move) -> int:
    """How many parts a choice's guard has (0 with none): its evaluation cost."""
    when = move.choice.when
    return 0 if when is None else _size(when.expr)


def _size(expr: Expr) -> int:
    if isinstance(expr, Compare):
        return 1 + _size(expr.first) + sum(_size(operand) for _, operand in expr.rest)
    if isinstance(expr, Binary):
        return 1 + _size(expr.left) + _size(expr.right)
    if isinstance(expr, Unary):
        return 1 + _size(expr.operand)
    return 1
