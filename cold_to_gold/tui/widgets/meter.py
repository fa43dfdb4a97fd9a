"""A labelled bar with its number: 'they know you  ██████░░░░  6'."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from cold_to_gold.engine.changes import format_number
from cold_to_gold.scenario.model import Number

LABEL_WIDTH = 14


def meter(
    label: str, value: Number, scale: Number, width: int, bar_style: Style | str = ""
) -> Text:
    """One metric as a line of text; the bar is filled blocks, so it reads without colour."""
    number = format_number(value)
    bar_width = max(3, width - LABEL_WIDTH - len(number) - 2)
    share = 0.0 if scale <= 0 else max(0.0, min(1.0, float(value) / float(scale)))
    filled = round(share * bar_width)
    text = Text(f"{label:<{LABEL_WIDTH}}", no_wrap=True, overflow="ellipsis")
    text.append("█" * filled, bar_style)
    text.append("░" * (bar_width - filled), "dim")
    text.append(f" {number:>{len(number) + 1}}")
    return text
