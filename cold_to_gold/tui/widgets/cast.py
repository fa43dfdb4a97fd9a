"""The cast: for each person, what they know of you, what you know of them, and trust."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from cold_to_gold.engine.relationship import relationship
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Person, Scenario
from cold_to_gold.tui.widgets.lines import text_strip
from cold_to_gold.tui.widgets.meter import meter

LABELS = ("they know you", "you know them", "trust")


class PersonCard(Widget):
    """One person: name, role, three meters and the stage of the relationship.

    Drawn as one widget (not one per line): the cast redraws after every choice.
    """

    DEFAULT_CSS = """
    PersonCard {
        height: auto;
        margin-bottom: 1;
    }
    PersonCard > .person--name { text-style: bold; }
    PersonCard > .person--muted { color: $text-muted; }
    PersonCard > .person--bar { color: $accent; }
    """
    COMPONENT_CLASSES = {"person--name", "person--muted", "person--bar"}

    def __init__(self, person: Person, **kwargs) -> None:
        super().__init__(**kwargs)
        self.person = person
        self.numbers: tuple[Number, Number, Number] = (0, 0, 0)
        self.scale: Number = 10

    def show(self, numbers: tuple[Number, Number, Number], scale: Number) -> None:
        """Redraw only the lines that changed: a choice usually moves one or two numbers."""
        before, before_scale = self.numbers, self.scale
        if (numbers, scale) == (before, before_scale):
            return
        self.numbers, self.scale = numbers, scale
        first_meter = self.rows.index(LABELS[0])
        rows = [
            first_meter + index
            for index, (old, new) in enumerate(zip(before, numbers, strict=True))
            if old != new or scale != before_scale
        ]
        if relationship(*before).describe() != relationship(*numbers).describe():
            rows.append(self.rows.index("stage"))
        width = self.size.width
        self.refresh(*(Region(0, row, width, 1) for row in rows))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows)

    @property
    def rows(self) -> list[str]:
        if self.person.role:
            return ["name", "role", *LABELS, "stage"]
        return ["name", *LABELS, "stage"]

    def render_line(self, y: int) -> Strip:
        """One line of the card (Textual's line API): a changed number redraws one line."""
        return text_strip(self, self.line(y))

    def line(self, y: int) -> Text:
        """Name, role (if any), the three meters, then the stage of the relationship.

        One row each, cut to the card's width when drawn: the height never changes.
        """
        rows = self.rows
        if y >= len(rows):
            return Text()
        row = rows[y]
        if row == "name":
            return Text(self.person.name, self.get_component_rich_style("person--name"))
        muted = self.get_component_rich_style("person--muted")
        if row == "role":
            return Text(self.person.role, muted)
        if row == "stage":
            return Text(f"stage: {relationship(*self.numbers).describe()}", muted)
        value = self.numbers[LABELS.index(row)]
        bar = self.get_component_rich_style("person--bar")
        return meter(row, value, self.scale, self.size.width, bar)


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
