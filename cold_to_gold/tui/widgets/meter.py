"""A labelled bar with its number: 'they know you  ██████▍░░░░  6'.

Every bar of a scenario is drawn on one scale (the range any run can reach, from
the engine), in eighths of a cell, so a 10 is longer than a 9 and a bar means
the same from the first scene to the debrief. A scenario whose numbers can go
below zero keeps room left of zero, and a negative number fills it leftwards in
its own pattern: it reads as a loss, not as nothing. The number is always shown.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.scale import MeterScale
from cold_to_gold.scenario.model import Number

LABEL_WIDTH = 14
EIGHTHS = " ▏▎▍▌▋▊▉"
NEGATIVE = "▒"
DEFAULT_SCALE = MeterScale(0, 10, exact=False)  # until the scenario's own is known


def bar(
    value: Number,
    scale: MeterScale,
    width: int,
    style: Style | str = "",
    negative_style: Style | str = "",
) -> Text:
    """The bar alone, `width` cells: the part below zero, then the part above it."""
    width = max(1, width)
    span = float(scale.span) or 1.0
    below = round(width * float(-scale.low) / span) if scale.low < 0 else 0
    above = width - below
    text = Text()
    if below:
        lost = 0
        if value < 0:
            lost = max(1, min(below, round(below * float(value) / float(scale.low))))
        text.append("·" * (below - lost), "dim")
        text.append(NEGATIVE * lost, negative_style)
    eighths = 0
    if value > 0 and scale.high > 0:
        eighths = max(1, min(8 * above, round(8 * above * float(value) / float(scale.high))))
    full, part = divmod(eighths, 8)
    text.append("█" * full + (EIGHTHS[part] if part else ""), style)
    text.append("░" * (above - full - (1 if part else 0)), "dim")
    return text


def meter(
    label: str,
    value: Number,
    scale: MeterScale,
    width: int,
    bar_style: Style | str = "",
    negative_style: Style | str = "",
    label_width: int = LABEL_WIDTH,
) -> Text:
    """One metric as a line of text: label, bar, number. The bar gives way, never the number."""
    number = format_number(value)
    digits = max(len(number), len(format_number(scale.high)), len(format_number(scale.low)))
    bar_width = max(3, width - label_width - digits - 2)
    text = Text(f"{label:<{label_width}}"[:label_width], no_wrap=True)
    text.append_text(bar(value, scale, bar_width, bar_style, negative_style))
    text.append(f" {number:>{digits + 1}}")
    return text
