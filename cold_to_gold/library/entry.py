"""One scenario file as the library lists it: its summary when valid, else its problems.

Shared by the library (`listing`) and its cache (`cache`), which stores summaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.scenario.problems import Problem


class Summary(NamedTuple):
    """What a list of scenarios shows of one, without the scenario itself (a NamedTuple:
    the picker makes these from its cache before its first frame)."""

    id: str
    title: str
    level: str = ""
    play_minutes: int | None = None
    summary: str = ""
    objectives: tuple[str, ...] = ()
    people: tuple[tuple[str, str], ...] = ()  # (name, role)
    time_budget: int | None = None
    endings: tuple[tuple[str, str], ...] = ()  # (id, title), out_of_time included

    def ending_title(self, ending_id: str) -> str:
        """An ending's title for history; its id when the scenario no longer has it."""
        return dict(self.endings).get(ending_id, ending_id)

    @classmethod
    def of(cls, scenario: Scenario) -> Summary:
        from cold_to_gold.scenario.spec import OUT_OF_TIME

        return cls(
            scenario.id,
            scenario.title,
            scenario.level,
            scenario.play_minutes,
            scenario.summary,
            scenario.objectives,
            tuple((person.name, person.role) for person in scenario.people),
            scenario.time_budget,
            tuple(
                (ending_id, scenario.ending(ending_id).title)  # type: ignore[union-attr]
                for ending_id in [*scenario.endings, OUT_OF_TIME]
            ),
        )


@dataclass(frozen=True)
class LibraryEntry:
    """One scenario file: its summary when valid, else the problems that stop it loading."""

    path: Path
    source: str  # "bundled", "yours" or "given"
    summary: Summary | None
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    scenario: Scenario | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.summary.id if self.summary else self.path.stem

    @property
    def title(self) -> str:
        return self.summary.title if self.summary else self.path.name

    @property
    def valid(self) -> bool:
        return self.summary is not None

    def load(self) -> Scenario:
        """The scenario itself, read and validated now unless already loaded.

        Raises `ScenarioInvalid` when the file is (or has become) invalid.
        """
        if self.scenario is not None:
            return self.scenario
        from cold_to_gold.library.load import load_scenario

        scenario = load_scenario(self.path)
        object.__setattr__(self, "scenario", scenario)  # a cache, not a change of meaning
        return scenario
