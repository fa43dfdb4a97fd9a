"""The cast: for each person, what they know of you, what you know of them, and trust."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.relationship import relationship
from cold_to_gold.engine.scale import MeterScale
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.model import Number, Person, Scenario
from cold_to_gold.tui.widgets.lines import text_strip
from cold_to_gold.tui.widgets.meter import DEFAULT_SCALE, bar, meter

LABELS = ("they know you", "you know them", "trust")


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words (a word longer than
    the line is the only thing ever cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word[:width])
    return lines or [""]


class PersonCard(Widget):
    """One person: name, role, three meters and the stage of the relationship.

    Drawn as one widget (not one per line): the cast redraws after every choice.
    Name and role wrap between words at narrow widths. `large` is the projector's
    reveal: each number on its own line with what the choice changed, over a bar
    as wide as the card, and the stage with how it moved.
    """

    DEFAULT_CSS = """
    PersonCard {
        height: auto;
        margin-bottom: 1;
    }
    PersonCard > .person--name { text-style: bold; }
    PersonCard > .person--muted { color: $text-muted; }
    PersonCard > .person--bar { color: $accent; }
    PersonCard > .person--negative { color: $error; }
    """
    COMPONENT_CLASSES = {"person--name", "person--muted", "person--bar", "person--negative"}

    def __init__(self, person: Person, **kwargs) -> None:
        super().__init__(**kwargs)
        self.person = person
        self.numbers: tuple[Number, Number, Number] = (0, 0, 0)
        self.scale = DEFAULT_SCALE
        self.large = False
        self.before: tuple[Number, Number, Number] | None = None  # large: the numbers before

    def show(
        self,
        numbers: tuple[Number, Number, Number],
        scale: MeterScale,
        before: tuple[Number, Number, Number] | None = None,
        large: bool = False,
    ) -> None:
        """Redraw only the lines that changed: a choice usually moves one or two numbers."""
        if large or self.large:
            changed_mode = large != self.large
            self.numbers, self.scale, self.before, self.large = numbers, scale, before, large
            self.refresh(layout=changed_mode)
            return
        before, before_scale = self.numbers, self.scale
        if (numbers, scale) == (before, before_scale):
            return
        self.numbers, self.scale = numbers, scale
        rows = self.rows(self.size.width)
        first_meter = rows.index(("meter", 0))
        changed = [
            first_meter + index
            for index, (old, new) in enumerate(zip(before, numbers, strict=True))
            if old != new or scale != before_scale
        ]
        if relationship(*before).describe() != relationship(*numbers).describe():
            changed.append(rows.index(("stage", 0)))
        width = self.size.width
        self.refresh(*(Region(0, row, width, 1) for row in changed))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows(width))

    def rows(self, width: int) -> list[tuple[str, int]]:
        """What each line shows: ("name", i), ("weight", i) for a person who does not count
        as 1, ("role", i), ("meter", metric), ("stage", 0);
        large: the name, the stage, then ("label", metric) and ("bar", metric) in turn."""
        width = max(1, width)
        rows = [("name", i) for i in range(len(wrapped(self.person.name, width)))]
        if self.person.weight_note:  # revision B: a person of weight 0 is shown, not scored
            rows += [("weight", i) for i in range(len(wrapped(self.person.weight_note, width)))]
        if self.large:
            rows.append(("stage", 0))
            return [*rows, *((kind, m) for m in range(3) for kind in ("label", "bar"))]
        if self.person.role:
            rows += [("role", i) for i in range(len(wrapped(self.person.role, width)))]
        return [*rows, *(("meter", m) for m in range(3)), ("stage", 0)]

    def render_line(self, y: int) -> Strip:
        """One line of the card (Textual's line API): a changed number redraws one line."""
        return text_strip(self, self.line(y))

    def line(self, y: int) -> Text:
        """Name and role (wrapped), the three meters, then the stage of the relationship."""
        width = self.size.width
        rows = self.rows(width)
        if y >= len(rows):
            return Text()
        kind, index = rows[y]
        if kind == "name":
            name = wrapped(self.person.name, width)[index]
            return Text(name, self.get_component_rich_style("person--name"))
        muted = self.get_component_rich_style("person--muted")
        if kind == "role":
            return Text(wrapped(self.person.role or "", width)[index], muted)
        if kind == "weight":
            return Text(wrapped(self.person.weight_note, width)[index], "italic")
        if kind == "stage":
            stage = relationship(*self.numbers).describe()
            if self.large and self.before is not None:
                was = relationship(*self.before).describe()
                return Text(
                    f"stage: {was} → {stage}" if was != stage else f"stage: {stage}", "bold"
                )
            return Text(f"stage: {stage}", muted)
        bar_style = self.get_component_rich_style("person--bar")
        negative = self.get_component_rich_style("person--negative")
        if kind == "label":
            value = self.numbers[index]
            text = Text.assemble((f"{LABELS[index]:<14}", "bold"), (format_number(value), "bold"))
            if self.before is not None and (change := value - self.before[index]):
                sign = "+" if change > 0 else "−"
                text.append(f"  {sign}{format_number(abs(change))}", "bold reverse")
            return text
        if kind == "bar":
            return bar(self.numbers[index], self.scale, width, bar_style, negative)
        label_width = len(LABELS[0]) + 1 if width >= 22 else 6
        label = LABELS[index] if label_width > 6 else ("knows", "known", "trust")[index]
        return meter(
            label,
            self.numbers[index],
            self.scale,
            width,
            bar_style,
            negative,
            label_width,
        )


class CastPanel(VerticalScroll):
    """Everyone in the scenario, updated after each choice, all on the scenario's scale."""

    DEFAULT_CSS = """
    CastPanel {
        height: 1fr;
    }
    """

    def __init__(self, scenario: Scenario, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.scale = DEFAULT_SCALE
        self.state: RunState | None = None

    def compose(self) -> ComposeResult:
        for person in self.scenario.people:
            yield PersonCard(person)

    def show(
        self,
        state: RunState,
        scale: MeterScale | None = None,
        before: RunState | None = None,
        large: bool = False,
    ) -> None:
        """Show a state's numbers (on `scale` from now on, when given); `large` with the
        state `before` a choice shows what it changed, for a projector."""
        self.state = state
        if scale is not None:
            self.scale = scale
        earlier = before.people if before is not None else [None] * len(state.people)
        for card, numbers, was in zip(self.query(PersonCard), state.people, earlier, strict=True):
            card.show(numbers, self.scale, was, large)
