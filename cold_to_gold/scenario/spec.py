"""The scenario formats `cold-to-gold/1` and `/2` as data: every key, required or not, its kind.

The validator reads these definitions to check keys and values, and the JSON
Schema is generated from them, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

FORMAT_1 = "cold-to-gold/1"
FORMAT_2 = "cold-to-gold/2"
FORMATS = (FORMAT_1, FORMAT_2)
FORMAT = FORMAT_2  # the current format: what `new` writes and the library uses
GAINS_NONE = "none"  # `gains: none`: the channel's default gains are not applied
METRICS = ("they_know_you", "you_know_them", "trust")
CHANNELS = ("post", "email", "call", "meet")
LEVELS = ("beginner", "intermediate", "advanced")
OUTCOMES = ("won", "lost", "neutral")
RUN_NUMBERS = ("referrals", "minutes_spent", "minutes_left")
OUT_OF_TIME = "out_of_time"

SLUG_PATTERN = r"[a-z0-9][a-z0-9-]*"
NAME_PATTERN = r"[A-Za-z0-9_][A-Za-z0-9_-]*"
VAR_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*"


@dataclass(frozen=True)
class Kind:
    """What a value must be. `name` selects the check; the rest refines it."""

    name: str
    doc: str = ""  # for a `one_of` kind: the noun, as in "unknown channel 'phone'"
    pattern: str | None = None
    options: tuple[str, ...] = ()
    minimum: int | None = None
    item: Kind | Record | None = None
    key: Kind | None = None
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind | Record
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys."""

    name: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    doc: str = ""

    def field(self, name: str) -> Field:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {item.name: item for item in self.fields}

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields)


TEXT = Kind("text", "text (Markdown where it is shown as prose)")
# Titles, labels, names: one line of plain text, shown as written (no Markdown markup).
LINE = Kind("line", "one line of plain text: no Markdown markup")
SLUG = Kind("slug", "lowercase letters, digits and '-'", pattern=SLUG_PATTERN)
NAME = Kind("name", "letters, digits, '_' and '-'", pattern=NAME_PATTERN)
VAR_NAME = Kind("name", "letters, digits and '_', not starting with a digit", pattern=VAR_PATTERN)
NUMBER = Kind("number", "an integer or a decimal")
WEIGHT = Kind("number", "a number, 0 or more", minimum=0)
BOOL = Kind("bool", "true or false")
MINUTES = Kind("whole", "whole minutes, 0 or more", minimum=0)
POSITIVE_MINUTES = Kind("whole", "whole minutes, 1 or more", minimum=1)
NUMBER_OR_BOOL = Kind("number_or_bool", "a number, or true / false")
GUARD = Kind("guard", "a condition such as `trust >= 2 and minutes_left > 30`")
CHANNEL = Kind("one_of", "channel", options=CHANNELS)
METRIC = Kind("one_of", "metric", options=METRICS)
OUTCOME = Kind("one_of", "outcome", options=OUTCOMES)
OUTCOME_LIST = Kind("outcomes", "an outcome, or a list of them", item=OUTCOME)
PEOPLE = Kind(
    "people", "a person's id, or a list of ids (the first is the choice's person)", item=SLUG
)
NUMBER_OR_NULL = Kind("number_or_null", "a number, or null for no ceiling")
LEVEL = Kind("one_of", "level", options=LEVELS)
EFFECT_TARGET = Kind(
    "text",
    "a metric of the choice's person (trust), of a named person (dana.trust), "
    "`referrals`, or a number var",
)


def list_of(item: Kind | Record, min_items: int = 0, doc: str = "") -> Kind:
    return Kind("list", doc, item=item, min_items=min_items)


def map_of(key: Kind, value: Kind | Record, min_items: int = 0, doc: str = "") -> Kind:
    return Kind("map", doc, key=key, item=value, min_items=min_items)


PERSON = Record(
    "person",
    (
        Field("id", SLUG, True, "the person's id, used in `with`, effects and guards"),
        Field("name", LINE, True, "the person's full name"),
        Field("role", LINE, doc="job and company"),
        Field("about", LINE, doc="one line the trainee sees in the cast"),
        Field("start", map_of(METRIC, NUMBER), doc="starting metrics; missing ones are 0"),
        Field(
            "weight",
            WEIGHT,
            doc="how much this person's metrics count in the score (default 1; 0: not at all)",
        ),
    ),
    "someone the trainee can build a relationship with",
)

CHANNEL_COST = Record(
    "channel",
    (
        Field("minutes", MINUTES, doc="time the channel costs"),
        Field("they_know_you", NUMBER, doc="how much better they know you"),
        Field("you_know_them", NUMBER, doc="how much better you know them"),
        Field("trust", NUMBER, doc="how much trust grows"),
        Field(
            "ceiling",
            map_of(METRIC, NUMBER_OR_NULL),
            doc="the value up to which the channel's gain lifts each metric; null: no ceiling",
        ),
    ),
    "overrides of a channel's default cost, gains and ceilings",
)

VARIANT = Record(
    "variant",
    (
        Field("when", GUARD, doc="shown when this holds; the last variant has no `when`"),
        Field("text", TEXT, True, "Markdown"),
    ),
    "one version of a text, shown when its condition holds",
)

TEXTS = Kind(
    "texts",
    "text, or a list of variants (`when` and `text`; the first that holds is shown)",
    item=VARIANT,
    min_items=1,
)

LOCKED_VARIANT = Record(
    "locked_variant",
    (
        Field("when", GUARD, doc="shown when this holds; the last variant has no `when`"),
        Field("text", LINE, True, "one line of plain text"),
    ),
    "one reason a choice is locked, shown when its condition holds",
)

LOCKED_TEXTS = Kind(
    "texts",
    "one line, or a list of variants (`when` and `text`; the first that holds is shown)",
    item=LOCKED_VARIANT,
    min_items=1,
)

GAINS = Kind(
    "gains",
    "`none`, or a mapping of metric to gain replacing the channel's default for this choice",
    key=METRIC,
    item=NUMBER,
)

CHOICE = Record(
    "choice",
    (
        Field("id", NAME, doc="unique in the scene; defaults to the channel's name"),
        Field("channel", CHANNEL, True, "post, email, call or meet"),
        Field("label", LINE, True, "what the trainee does, as shown on the button"),
        Field("goto", NAME, True, "the scene or ending that follows"),
        Field(
            "with",
            PEOPLE,
            doc="the person (or list of people) the choice is aimed at; default the first person",
        ),
        Field("when", GUARD, doc="a condition; the choice is shown locked until it holds"),
        Field("minutes", MINUTES, doc="overrides the channel's time cost for this choice"),
        Field("effects", map_of(EFFECT_TARGET, NUMBER), doc="extra changes, added"),
        Field("gains", GAINS, doc="`none` for a contact that failed, or gains to replace"),
        Field("set", map_of(VAR_NAME, NUMBER_OR_BOOL), doc="vars to assign"),
        Field("feedback", TEXTS, doc="shown after the choice: why it worked or did not"),
        Field(
            "locked",
            LOCKED_TEXTS,
            doc="shown instead of the condition while `when` keeps the choice locked, "
            "or a list of variants (additions of this project)",
        ),
        Field(
            "mistake",
            BOOL,
            doc="true: the author's feedback calls this choice a mistake (changes no number)",
        ),
    ),
    "one option at a decision",
)

SCENE = Record(
    "scene",
    (
        Field("title", LINE, True),
        Field("text", TEXTS, True, "Markdown, or a list of variants"),
        Field("choices", list_of(CHOICE, 1), True, "one or more"),
        Field("facilitator_notes", TEXT, doc="shown only to the facilitator"),
    ),
    "a decision point",
)

ENDING = Record(
    "ending",
    (
        Field("title", LINE, True),
        Field("text", TEXTS, True, "Markdown, or a list of variants"),
        Field("outcome", OUTCOME, doc="won, lost or neutral (default neutral)"),
    ),
    "where a run ends",
)

WEIGHT_NAME = Kind(
    "text",
    "trust, you_know_them, they_know_you, referrals, minutes, or a number var",
)

GRADE = Record(
    "grade",
    (
        Field("min", NUMBER, True, "the lowest percent"),
        Field("outcome", OUTCOME_LIST, doc="the outcomes this grade needs (default: any)"),
    ),
    "a grade that may require an outcome",
)

GRADE_RULE = Kind("grade", "a lowest percent, or {min, outcome}", item=GRADE)

SCORING = Record(
    "scoring",
    (
        Field("weights", map_of(WEIGHT_NAME, NUMBER), doc="replace only the weights named"),
        Field(
            "grades",
            map_of(TEXT, GRADE_RULE, 1),
            doc="grade name -> lowest percent (or {min, outcome}); replaces the whole table; "
            "needs a 0",
        ),
    ),
    "how a run is scored",
)

EXPECT = Record(
    "expect",
    (
        Field("ending", NAME),
        Field("grade", TEXT),
        Field("outcome", OUTCOME),
        Field("min_percent", NUMBER),
        Field("max_percent", NUMBER),
    ),
    "what the run must end with",
)

TEST = Record(
    "test",
    (
        Field("name", TEXT, doc="shown in the test report"),
        Field("choose", list_of(NAME), True, "choice ids, in order"),
        Field("expect", EXPECT, doc="what the run must end with"),
    ),
    "a scripted playthrough",
)

SCENARIO = Record(
    "scenario",
    (
        Field(
            "format",
            Kind("const", options=FORMATS),
            True,
            f"{FORMAT_2} (current) or {FORMAT_1}",
        ),
        Field("id", SLUG, True, "unique in a library"),
        Field("title", LINE, True),
        Field("summary", LINE, doc="one or two sentences for the picker"),
        Field("level", LEVEL),
        Field("play_minutes", POSITIVE_MINUTES, doc="how long a play takes"),
        Field("objectives", list_of(LINE), doc="what the trainee should learn"),
        Field("time_budget", POSITIVE_MINUTES, doc="minutes the trainee may spend"),
        Field("people", list_of(PERSON, 1), True, "the cast; the first is the primary person"),
        Field("channels", map_of(CHANNEL, CHANNEL_COST), doc="per-channel overrides"),
        Field("vars", map_of(VAR_NAME, NUMBER_OR_BOOL), doc="scenario variables"),
        Field(
            "var_labels",
            map_of(VAR_NAME, LINE),
            doc="the words the debrief shows a var under; a var without one is never shown "
            "(an addition of this project)",
        ),
        Field("start", NAME, True, "the first scene"),
        Field("scenes", map_of(NAME, SCENE, 1), True),
        Field("endings", map_of(NAME, ENDING, 1), True),
        Field("scoring", SCORING),
        Field("tests", list_of(TEST), doc="scripted playthroughs"),
    ),
    "a Cold to Gold scenario",
)
