"""The cast in a few lines, for a narrow window: one line per person under a heading.

    Sam Whitfield   knows you   you know   trust    stage
    Sam Whitfield   ██▍░  2     ███▌░ 3    █▏░░ 1   warm

At 60 columns a side panel would leave the scene a few words wide; this strip
sits under the choices instead, with every number and stage still on screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.relationship import relationship
from cold_to_gold.engine.scale import MeterScale
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.widgets.cast import wrapped
from cold_to_gold.tui.widgets.lines import text_strip
from cold_to_gold.tui.widgets.meter import DEFAULT_SCALE, bar, meter

HEADINGS = ("they know you", "you know them", "trust")
SHORT_HEADINGS = ("knows you", "you know", "trust")


class CastStrip(Widget):
    """A heading, then each person's three meters and stage on one line."""

    DEFAULT_CSS = """
    CastStrip {
        height: auto;
    }
    CastStrip > .strip--heading { color: $text-muted; text-style: italic; }
    CastStrip > .strip--bar { color: $accent; }
    CastStrip > .strip--negative { color: $error; }
    """
    COMPONENT_CLASSES = {"strip--heading", "strip--bar", "strip--negative"}

    def __init__(self, scenario: Scenario, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.state: RunState | None = None
        self.before: RunState | None = None  # the reveal: large, with what the choice changed
        self.scale = DEFAULT_SCALE

    def show(
        self, state: RunState, scale: MeterScale | None = None, before: RunState | None = None
    ) -> None:
        """The people's numbers; with `before` (presenter mode's reveal) in large type: a
        line for each person's name and stage, a line of long bars with the changes."""
        if scale is not None:
            self.scale = scale
        if state != self.state or scale is not None or before != self.before:
            grows = (before is None) != (self.before is None)
            self.state, self.before = state, before
            self.refresh(layout=grows)

    @property
    def large(self) -> bool:
        """Large on the reveal, when two lines a person leave the feedback most of the
        window (a big cast keeps one line each)."""
        rows = 1 + 2 * len(self.scenario.people)
        return self.before is not None and rows + 2 <= self.screen.size.height * 0.45

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + len(self.scenario.people) * (2 if self.large else 1)

    def columns(self, width: int) -> tuple[int, int]:
        """Widths of the name and of each meter; the stage ("cold, one-sided") takes 15,
        and more when someone's weight is noted ("cold · does not count")."""
        name = min(16, max(len(person.name) for person in self.scenario.people), width // 4)
        notes = max((len(person.weight_note) for person in self.scenario.people), default=0)
        stage = 15 + (notes + 3 if notes else 0)
        return name, max(7, (width - name - 1 - stage) // 3 - 2)

    def render_line(self, y: int) -> Strip:
        return text_strip(self, self.line(y))

    def line(self, y: int) -> Text:
        if self.large:
            return self.large_line(y)
        name_width, meter_width = self.columns(self.size.width)
        if y == 0:  # over each column, or as a legend in order when the columns are narrow
            heading = " " * (name_width + 1)
            if meter_width + 2 > max(len(title) for title in HEADINGS):
                heading += "".join(f"{title:<{meter_width + 2}}" for title in HEADINGS)
                heading += "stage"
            else:  # a legend, in the columns' order; shorter words when the full ones
                # would not fit beside the names
                legend = " · ".join([*HEADINGS, "stage"])
                if len(heading) + len(legend) > self.size.width:
                    legend = " · ".join([*SHORT_HEADINGS, "stage"])
                heading += legend
            return Text(heading, self.get_component_rich_style("strip--heading"))
        if self.state is None or y > len(self.scenario.people):
            return Text()
        person = self.scenario.people[y - 1]
        numbers = self.state.people[y - 1]
        name = wrapped(person.name, name_width)[0]
        text = Text(f"{name:<{name_width}} ", "bold")
        for value in numbers:
            text.append_text(
                meter(
                    "",
                    value,
                    self.scale,
                    meter_width,
                    self.get_component_rich_style("strip--bar"),
                    self.get_component_rich_style("strip--negative"),
                    label_width=0,
                )
            )
            text.append("  ")
        text.append(relationship(*numbers).describe())
        if person.weight_note:
            text.append(f" · {person.weight_note}", "italic")
        return text

    def large_line(self, y: int) -> Text:
        """The reveal: 'Priya Shah — cold, one-sided', then '████▊░░  3 +1' per metric."""
        meter_width = max(8, (self.size.width - 2) // 3 - 1)
        if y == 0:
            return Text(
                "".join(f"{title:<{meter_width + 1}}" for title in HEADINGS),
                self.get_component_rich_style("strip--heading"),
            )
        index, row = divmod(y - 1, 2)
        if self.state is None or self.before is None or index >= len(self.scenario.people):
            return Text()
        numbers, was = self.state.people[index], self.before.people[index]
        if row == 0:
            text = Text(self.scenario.people[index].name, "bold")
            stage, before = relationship(*numbers).describe(), relationship(*was).describe()
            text.append(f" — {stage}" + (f" (was {before})" if before != stage else ""))
            return text
        digits = max(len(format_number(self.scale.high)), len(format_number(self.scale.low)))
        width = max(3, meter_width - 2 * digits - 3)  # bar, number, change: fixed columns
        text = Text()
        for value, old in zip(numbers, was, strict=True):
            change = value - old
            delta = f"{'+' if change > 0 else '−'}{format_number(abs(change))}" if change else ""
            text.append_text(
                bar(
                    value,
                    self.scale,
                    width,
                    self.get_component_rich_style("strip--bar"),
                    self.get_component_rich_style("strip--negative"),
                )
            )
            text.append(f" {format_number(value):>{digits}} {delta:<{digits + 1}}", "bold")
            text.append(" ")
        return text
