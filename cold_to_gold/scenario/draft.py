"""What the validator has read so far, shared by the parts that read a scenario."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from cold_to_gold.scenario.guards import Names
from cold_to_gold.scenario.model import DEFAULT_CHANNELS, Channel, Ending, Person, Scene, Value
from cold_to_gold.scenario.reader import Entry, Reader


@dataclass
class Draft:
    """What has been read so far; later parts check their references against it."""

    reader: Reader
    root: dict[str, Entry]
    people: list[Person] = field(default_factory=list)
    vars: dict[str, Value] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=lambda: dict(DEFAULT_CHANNELS))
    scene_entries: list[Entry] = field(default_factory=list)
    ending_entries: list[Entry] = field(default_factory=list)
    scenes: dict[str, Scene] = field(default_factory=dict)
    endings: dict[str, Ending] = field(default_factory=dict)
    choice_ids: set[str] = field(default_factory=set)
    time_budget: int | None = None
    grades_written: set[str] = field(default_factory=set)  # every name in scoring.grades
    version: int = 2  # the format: 1 or 2

    @property
    def scene_ids(self) -> list[str]:
        return [entry.name for entry in self.scene_entries]

    @property
    def ending_ids(self) -> list[str]:
        return [entry.name for entry in self.ending_entries]

    @property
    def person_ids(self) -> list[str]:
        return [person.id for person in self.people]

    @property
    def number_vars(self) -> list[str]:
        return [name for name, value in self.vars.items() if not isinstance(value, bool)]

    @cached_property
    def guard_names(self) -> Names:
        """What guards may name; read once all ids are known."""
        return Names(
            frozenset(self.person_ids),
            frozenset(self.scene_ids),
            frozenset(self.ending_ids),
            frozenset(self.vars),
        )
