"""A validated scenario as plain, immutable objects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from cold_to_gold.scenario.guards import Guard
from cold_to_gold.scenario.problems import START_OF_FILE, Where
from cold_to_gold.scenario.spec import OUT_OF_TIME

Number = int | Decimal
Value = bool | int | Decimal
NO_CEILINGS: Mapping[str, Number] = MappingProxyType({})


@dataclass(frozen=True)
class Channel:
    """What one channel costs and builds, per use.

    `ceiling` maps a metric to the value up to which this channel's gain lifts
    it (format 2); a metric not in it has no ceiling.
    """

    name: str
    minutes: int
    they_know_you: Number
    you_know_them: Number
    trust: Number
    ceiling: Mapping[str, Number] = field(default_factory=lambda: NO_CEILINGS)

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

# Format 2: only time in person takes a relationship past these values.
DEFAULT_CHANNELS_2: Mapping[str, Channel] = MappingProxyType(
    {
        "post": Channel("post", 30, 1, 0, 0, MappingProxyType({"they_know_you": 3})),
        "email": Channel(
            "email", 10, 1, 1, 0, MappingProxyType({"they_know_you": 4, "you_know_them": 3})
        ),
        "call": Channel(
            "call",
            20,
            2,
            2,
            1,
            MappingProxyType({"they_know_you": 6, "you_know_them": 6, "trust": 3}),
        ),
        "meet": Channel("meet", 90, 3, 3, 3),
    }
)

DEFAULT_WEIGHTS: Mapping[str, Number] = MappingProxyType(
    {"trust": 3, "you_know_them": 2, "they_know_you": 1, "referrals": 5, "minutes": 0}
)

# Format 2: time has a price; a 90-minute meeting must build 9 points to pay for itself.
DEFAULT_WEIGHTS_2: Mapping[str, Number] = MappingProxyType(
    {**DEFAULT_WEIGHTS, "minutes": Decimal("-0.1")}
)


@dataclass(frozen=True)
class Variant:
    """One version of a text; `when` None marks the last, the one shown otherwise."""

    when: Guard | None
    text: str
    where: Where = START_OF_FILE  # the variant's line, for the script and messages


def pick_text(variants: tuple[Variant, ...], holds: Callable[[Guard], bool], plain: str) -> str:
    """The first variant whose condition holds, or `plain` when there are no variants."""
    for variant in variants:
        if variant.when is None or holds(variant.when):
            return variant.text
    return plain


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str = ""
    about: str = ""
    start: Mapping[str, Number] = field(default_factory=lambda: MappingProxyType({}))
    where: Where = START_OF_FILE
    weight: Number = 1  # revision B: how much this person's metric terms count in the score

    @property
    def counts(self) -> bool:
        """False for `weight: 0`: shown in the cast, but nothing done with them scores."""
        return self.weight != 0

    @property
    def weight_note(self) -> str:
        """How the person counts, for the cast: 'does not count' (weight 0), 'counts ×0.5'
        (another weight), or '' (the usual weight 1)."""
        if self.weight == 1:
            return ""
        if self.weight == 0:
            return "does not count"
        shown = self.weight.normalize() if isinstance(self.weight, Decimal) else self.weight
        return f"counts ×{shown:f}" if isinstance(shown, Decimal) else f"counts ×{shown}"


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
    """One option at a decision.

    `person` is the choice's person (the first of `with`); `people` everyone
    its gains and bare-metric effects reach (a post's gains reach the whole
    cast). `gains` replaces the channel's default gains per metric for this
    choice; `gains_none` says the file wrote `gains: none` (all of them 0).
    `feedback` is the last variant's text; `feedback_variants` the list, if any.
    """

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
    people: tuple[str, ...] = ()
    gains: Mapping[str, Number] = field(default_factory=lambda: NO_CEILINGS)
    gains_none: bool = False
    feedback_variants: tuple[Variant, ...] = ()
    mistake: bool = False  # revision B: the author judged it a mistake; changes no number
    locked_variants: tuple[Variant, ...] = ()  # `locked` as variants: the first that holds

    @property
    def reaches(self) -> tuple[str, ...]:
        """Whom the choice is aimed at: `people`, or the one `person`."""
        return self.people or (self.person,)


@dataclass(frozen=True)
class Scene:
    """A decision point. `text` is the last variant's text; `variants` the list, if any."""

    id: str
    title: str
    text: str
    choices: tuple[Choice, ...]
    facilitator_notes: str = ""
    where: Where = START_OF_FILE
    variants: tuple[Variant, ...] = ()

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


@dataclass(frozen=True)
class Ending:
    """Where a run ends. `text` is the last variant's text; `variants` the list, if any."""

    id: str
    title: str
    text: str
    outcome: str = "neutral"
    where: Where = START_OF_FILE
    built_in: bool = False
    variants: tuple[Variant, ...] = ()


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
    """A grade: earned at `threshold` percent, and only with one of `outcomes` when given."""

    name: str
    threshold: Number
    outcomes: tuple[str, ...] = ()

    def allows(self, outcome: str | None) -> bool:
        return not self.outcomes or outcome in self.outcomes


@dataclass(frozen=True)
class Award:
    """The grade a run earned, and the better grade its outcome kept it from, if any."""

    grade: str
    capped_by: Grade | None = None  # the best grade the percent reached but the outcome did not
    capped: tuple[Grade, ...] = ()  # every such grade, the best first

    @property
    def capped_by_outcome(self) -> bool:
        return self.capped_by is not None


@dataclass(frozen=True)
class Scoring:
    weights: Mapping[str, Number]
    grades: tuple[Grade, ...]  # highest threshold first

    def weight(self, name: str) -> Number:
        return self.weights.get(name, 0)

    def grade_for(self, percent: int, outcome: str | None = None) -> str:
        """The grade of a run at `percent` that ended with `outcome`."""
        return self.award(percent, outcome).grade

    def award(self, percent: int, outcome: str | None = None) -> Award:
        """The highest grade whose threshold the percent reaches and whose outcomes allow it.

        A run that has not ended (outcome None) meets no outcome requirement.
        """
        capped: list[Grade] = []
        for grade in self.grades:
            if grade.threshold > percent:
                continue
            if grade.allows(outcome):
                return Award(grade.name, capped[0] if capped else None, tuple(capped))
            capped.append(grade)
        return Award(self.grades[-1].name, capped[0] if capped else None, tuple(capped))


DEFAULT_SCORING = Scoring(
    DEFAULT_WEIGHTS,
    (Grade("gold", 90), Grade("warm", 60), Grade("lukewarm", 30), Grade("cold", 0)),
)

DEFAULT_SCORING_2 = Scoring(
    DEFAULT_WEIGHTS_2,
    (
        Grade("gold", 90, ("won",)),
        Grade("warm", 60, ("won", "neutral")),
        Grade("lukewarm", 30, ("won", "neutral")),  # revision B: a lost deal grades cold
        Grade("cold", 0),
    ),
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
    # var -> the words the debrief shows it under; a var without one is never shown
    var_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    scoring: Scoring = DEFAULT_SCORING
    tests: tuple[ScenarioTest, ...] = ()
    key_where: Mapping[str, Where] = field(default_factory=lambda: MappingProxyType({}))
    format: int = 1

    @property
    def best_is_winning(self) -> bool:
        """Format 2: the best run is among those with the best outcome any run can reach."""
        return self.format >= 2

    @property
    def marks_mistakes(self) -> bool:
        """Whether some choice is marked `mistake: true` (revision B)."""
        return any(choice.mistake for scene in self.scenes.values() for choice in scene.choices)

    @property
    def weighs_people(self) -> bool:
        """Whether some person's `weight` is other than the default 1 (revision B)."""
        return any(person.weight != 1 for person in self.people)

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
