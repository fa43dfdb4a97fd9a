"""A labelled bar with its number: 'they know you  ██████░░░░  6'."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from cold_to_gold.engine.changes import format_number
from cold_to_gold.scenario.model import Number


class Meter(Widget):
    """One metric as a bar; the bar is filled blocks, so it reads without colour."""

    DEFAULT_CSS = """
    Meter {
        height: 1;
        width: 1fr;
    }
    Meter > .meter--bar {
        color: $accent;
    }
    """
    COMPONENT_CLASSES = {"meter--bar"}

    value: reactive[Number] = reactive(0)
    scale: reactive[Number] = reactive(10)

    def __init__(self, label: str, value: Number = 0, scale: Number = 10, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.set_reactive(Meter.value, value)
        self.set_reactive(Meter.scale, scale)

    def render(self) -> Text:
        label_width = 14
        number = format_number(self.value)
        width = max(3, self.size.width - label_width - len(number) - 2)
        share = (
            0.0 if self.scale <= 0 else max(0.0, min(1.0, float(self.value) / float(self.scale)))
        )
        filled = round(share * width)
        bar_style = self.get_component_rich_style("meter--bar")
        text = Text(f"{self.label:<{label_width}}", no_wrap=True, overflow="ellipsis")
        text.append("█" * filled, bar_style)
        text.append("░" * (width - filled), "dim")
        text.append(f" {number:>{len(number) + 1}}")
        return text
