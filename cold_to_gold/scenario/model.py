"""A validated scenario as plain, immutable objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from cold_to_gold.scenario.guards import Guard
from cold_to_gold.scenario.problems import START_OF_FILE, Where
from cold_to_gold.scenario.spec import OUT_OF_TIME

Number = int | Decimal
Value = bool | int | Decimal


@dataclass(frozen=True)
class Channel:
    """What one channel costs and builds, per use."""

    name: str
    minutes: int
    they_know_you: Number
    you_know_them: Number
    trust: Number

    @property
    def broadcast(self) -> bool:
        """A post reaches every person in the cast; the others only the choice's person."""
        return self.name == "post"

    def gain(self, metric: str) -> Number:
        return getattr(self, metric)


DEFAULT_CHANNELS: Mapping[str, Channel] = MappingProxyType(
    {
        "post": Channel("post", 30, 1, 0, 0),
        "email": Channel("email", 10, 1, 1, 0),
        "call": Channel("call", 20, 2, 2, 1),
        "meet": Channel("meet", 90, 3, 3, 3),
    }
)

DEFAULT_WEIGHTS: Mapping[str, Number] = MappingProxyType(
    {"trust": 3, "you_know_them": 2, "they_know_you": 1, "referrals": 5, "minutes": 0}
)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str = ""
    about: str = ""
    start: Mapping[str, Number] = field(default_factory=lambda: MappingProxyType({}))
    where: Where = START_OF_FILE


@dataclass(frozen=True)
class Effect:
    """An extra change made by a choice.

    `scope` is "person" (with `person` and a metric `name`), "referrals", or
    "var" (with the var's `name`).
    """

    scope: str
    name: str
    amount: Number
    person: str | None = None


@dataclass(frozen=True)
class Choice:
    id: str
    channel: str
    label: str
    goto: str
    person: str
    minutes: int
    when: Guard | None = None
    effects: tuple[Effect, ...] = ()
    sets: tuple[tuple[str, Value], ...] = ()
    feedback: str = ""
    where: Where = START_OF_FILE
    locked: str = ""  # the author's words for why `when` locks it, if given


@dataclass(frozen=True)
class Scene:
    id: str
    title: str
    text: str
    choices: tuple[Choice, ...]
    facilitator_notes: str = ""
    where: Where = START_OF_FILE

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    text: str
    outcome: str = "neutral"
    where: Where = START_OF_FILE
    built_in: bool = False


BUILT_IN_OUT_OF_TIME = Ending(
    OUT_OF_TIME,
    "Out of time",
    "The time ran out before anything came of it. Relationships are built by time "
    "spent together, and the time is gone.",
    "lost",
    built_in=True,
)


@dataclass(frozen=True)
class Grade:
    name: str
    threshold: Number


@dataclass(frozen=True)
class Scoring:
    weights: Mapping[str, Number]
    grades: tuple[Grade, ...]  # highest threshold first

    def weight(self, name: str) -> Number:
        return self.weights.get(name, 0)

    def grade_for(self, percent: int) -> str:
        for grade in self.grades:
            if grade.threshold <= percent:
                return grade.name
        return self.grades[-1].name


DEFAULT_SCORING = Scoring(
    DEFAULT_WEIGHTS,
    (Grade("gold", 90), Grade("warm", 60), Grade("lukewarm", 30), Grade("cold", 0)),
)


@dataclass(frozen=True)
class Expectation:
    ending: str | None = None
    grade: str | None = None
    outcome: str | None = None
    min_percent: Number | None = None
    max_percent: Number | None = None


@dataclass(frozen=True)
class ScenarioTest:
    name: str
    choose: tuple[str, ...]
    expect: Expectation
    where: Where = START_OF_FILE


@dataclass(frozen=True, eq=False)
class Scenario:
    """A loaded, valid scenario. Nothing in it changes while it is played."""

    path: str
    id: str
    title: str
    people: tuple[Person, ...]
    channels: Mapping[str, Channel]
    start: str
    scenes: Mapping[str, Scene]
    endings: Mapping[str, Ending]
    summary: str = ""
    level: str = ""
    play_minutes: int | None = None
    objectives: tuple[str, ...] = ()
    time_budget: int | None = None
    vars: Mapping[str, Value] = field(default_factory=lambda: MappingProxyType({}))
    scoring: Scoring = DEFAULT_SCORING
    tests: tuple[ScenarioTest, ...] = ()
    key_where: Mapping[str, Where] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def primary(self) -> Person:
        return self.people[0]

    @property
    def out_of_time(self) -> Ending:
        """The scenario's own `out_of_time` ending, or the built-in one."""
        return self.endings.get(OUT_OF_TIME, BUILT_IN_OUT_OF_TIME)

    def ending(self, ending_id: str) -> Ending | None:
        if ending_id == OUT_OF_TIME:
            return self.out_of_time
        return self.endings.get(ending_id)

    def where(self, key: str) -> Where:
        return self.key_where.get(key, START_OF_FILE)
