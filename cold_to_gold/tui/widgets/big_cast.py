"""The reveal for a projector: the clock, then each person's bars, as large as the screen allows.

In presenter mode the numbers stay hidden while the room discusses; when the
facilitator reveals the choice, this shows what it did to everyone: each of
the three numbers on its own full-width bar, what changed beside it, and the
stage (and how it moved). People sit side by side when the screen is wide.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.relationship import relationship
from cold_to_gold.engine.scale import MeterScale
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Person, Scenario
from cold_to_gold.tui.widgets.meter import bar

LABELS = ("they know you", "you know them", "trust")
PANEL_WIDTH = 36  # the narrowest a person's panel gets before people stack


def delta(before: Number, after: Number) -> Text:
    change = after - before
    if not change:
        return Text("")
    sign = "+" if change > 0 else "−"
    return Text(f"{sign}{format_number(abs(change))}", "bold reverse")


class PersonPanel:
    """One person's name, stage and three labelled bars, as wide as it is given."""

    def __init__(
        self, person: Person, before: tuple, after: tuple, scale: MeterScale, styles: dict
    ) -> None:
        self.person, self.before, self.after = person, before, after
        self.scale, self.styles = scale, styles

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        was, now = relationship(*self.before), relationship(*self.after)
        stage = now.describe()
        if was.describe() != stage:
            stage = f"{was.describe()} → {stage}"
        yield Text.assemble((self.person.name, "bold underline"), "  ", (stage, "bold italic"))
        for index, label in enumerate(LABELS):
            value = self.after[index]
            number = format_number(value)
            line = Text.assemble((f"{label:<13}", "bold"), "  ", (number, "bold"), " ")
            line.append_text(delta(self.before[index], value))
            yield line
            yield bar(value, self.scale, width, self.styles["bar"], self.styles["negative"])


class BigCast(Static):
    """The clock and the cast after a choice, for a room to read from the back."""

    DEFAULT_CSS = """
    BigCast {
        height: auto;
        margin-top: 1;
    }
    BigCast > .big--bar { color: $accent; }
    BigCast > .big--negative { color: $error; }
    """
    COMPONENT_CLASSES = {"big--bar", "big--negative"}

    def show(
        self,
        scenario: Scenario,
        before: RunState,
        after: RunState,
        scale: MeterScale,
        width: int,
    ) -> None:
        """Draw the reveal of one choice; `width` decides how many people sit side by side."""
        styles = {
            "bar": self.get_component_rich_style("big--bar"),
            "negative": self.get_component_rich_style("big--negative"),
        }
        panels = [
            PersonPanel(person, old, new, scale, styles)
            for person, old, new in zip(scenario.people, before.people, after.people, strict=True)
        ]
        columns = max(1, min(len(panels), (width + 2) // (PANEL_WIDTH + 2)))
        grid = Table.grid(padding=(0, 2), expand=True)
        for _ in range(columns):
            grid.add_column(ratio=1)
        for start in range(0, len(panels), columns):
            row = panels[start : start + columns]
            grid.add_row(*row, *([""] * (columns - len(row))))
            if start + columns < len(panels):
                grid.add_row(*([""] * columns))
        self.update(Group(clock_line(scenario.time_budget, after.minutes_spent, before), grid))


def clock_line(budget: int | None, spent: int, before: RunState) -> Text:
    """'Time: 110 min spent (+90) · 130 left' in bold, for the back of the room."""
    text = Text("Time: ", "bold")
    text.append(f"{spent} min spent", "bold")
    if spent != before.minutes_spent:
        text.append(" ")
        text.append(f"+{spent - before.minutes_spent}", "bold reverse")
    if budget is not None:
        text.append(f" · {budget - spent} left", "bold")
    text.append("\n")
    return text
