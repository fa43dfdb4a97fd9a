"""The cast: for each person, what they know of you, what you know of them, and trust."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from cold_to_gold.engine.relationship import relationship
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Person, Scenario
from cold_to_gold.tui.widgets.meter import Meter

LABELS = ("they know you", "you know them", "trust")


class PersonCard(Vertical):
    """One person: name, role, three meters and the stage of the relationship."""

    DEFAULT_CSS = """
    PersonCard {
        height: auto;
        margin-bottom: 1;
    }
    PersonCard .person--name { text-style: bold; }
    PersonCard .person--role { color: $text-muted; }
    PersonCard .person--stage { color: $text-muted; }
    """

    def __init__(self, person: Person, **kwargs) -> None:
        super().__init__(**kwargs)
        self.person = person

    def compose(self) -> ComposeResult:
        yield Static(self.person.name, classes="person--name")
        if self.person.role:
            yield Static(self.person.role, classes="person--role")
        for label in LABELS:
            yield Meter(label)
        yield Static("", classes="person--stage")

    def show(self, numbers: tuple, scale: float) -> None:
        for meter, value in zip(self.query(Meter), numbers, strict=True):
            meter.scale = scale
            meter.value = value
        state = relationship(*numbers)
        line = f"stage: {state.stage}"
        if state.one_sided:
            line += " · one-sided: they know you better than you know them"
        self.query_one(".person--stage", Static).update(line)


class CastPanel(VerticalScroll):
    """Everyone in the scenario, updated after each choice."""

    DEFAULT_CSS = """
    CastPanel {
        height: 1fr;
    }
    """

    def __init__(self, scenario: Scenario, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        for person in self.scenario.people:
            yield PersonCard(person)

    def show(self, state: RunState) -> None:
        """Show a state's numbers; bars share one scale so people compare at a glance."""
        scale = max([10, *(value for row in state.people for value in row)])
        for card, numbers in zip(self.query(PersonCard), state.people, strict=True):
            card.show(numbers, scale)
