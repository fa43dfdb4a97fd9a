"""Where the time went and what it was worth: minutes and net value per channel, as text.

    channel      minutes                 value, net of the time
    ◉ post ×3    ▒▒▒▒▒▒▒░░░░░░░  90          ▓▓│             −2
    ☎ call ×2    ▒▒▒░░░░░░░░░░░  40            │██████▌       +11

The value of a channel is what its choices added to the score, after the price
of their minutes: it can be below zero, and a post that cost more than it built
is the lesson, so it is drawn left of the zero line. Every value bar shares one
scale (this run's and the best run's largest value), and the minutes bars share
the time budget, so a small number always draws a small bar.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.debrief import ChannelUse
from cold_to_gold.scenario.model import Number
from cold_to_gold.tui.channels import badge
from cold_to_gold.tui.widgets.meter import EIGHTHS

NAME = 12  # "⚇ meet ×12" and a space
NUMBER = 5


def signed(value: Number) -> str:
    """'+11', '−2', '0'."""
    if value > 0:
        return f"+{format_number(value)}"
    if value < 0:
        return f"−{format_number(-value)}"
    return "0"


def grow_right(amount: float, largest: float, width: int, glyph: str = "█") -> Text:
    """A bar from the left in eighths of a cell; any amount above zero shows."""
    eighths = 0
    if amount > 0 and largest > 0:
        eighths = max(1, min(8 * width, round(8 * width * amount / largest)))
    full, part = divmod(eighths, 8)
    cells = glyph * full
    if part:
        cells += EIGHTHS[part] if glyph == "█" else glyph
    return Text(cells + " " * (width - len(cells)))


def grow_left(amount: float, largest: float, width: int) -> Text:
    """A bar that ends at the zero line and grows leftwards, in whole cells (at least one)."""
    cells = 0
    if amount > 0 and largest > 0:
        cells = max(1, min(width, round(width * amount / largest)))
    return Text(" " * (width - cells) + "▓" * cells)


class MixChart(Static):
    """For each channel: how often, how many minutes, and the value it added, net of time."""

    DEFAULT_CSS = """
    MixChart {
        height: auto;
    }
    MixChart > .mix--minutes { color: $secondary; }
    MixChart > .mix--gain { color: $success; }
    MixChart > .mix--loss { color: $error; }
    """
    COMPONENT_CLASSES = {"mix--minutes", "mix--gain", "mix--loss"}

    def show(
        self,
        uses: list[ChannelUse],
        budget: int | None = None,
        best: list[ChannelUse] = (),  # type: ignore[assignment]
        large: bool = False,
    ) -> None:
        """Draw the chart as wide as the widget; `best` (the best run's mix) sets the value
        scale with this run's, `budget` the minutes scale; `large` doubles each bar."""
        self.shown = (uses, budget, best, large)
        self.draw()

    def on_resize(self) -> None:
        if getattr(self, "shown", None):
            self.draw()

    def draw(self) -> None:
        uses, budget, best, large = self.shown
        width = self.content_size.width or self.app.size.width - 4
        most_minutes = max([budget or 0, *(use.minutes for use in uses), 1])
        values = [float(use.value) for use in [*uses, *best]]
        gains = max([0.0, *values])
        losses = max([0.0, *(-value for value in values)])
        largest = max(gains, losses, 1.0)
        room = max(12, width - NAME - NUMBER - 2 - NUMBER - 2)
        minutes_width = max(6, room * 2 // 5)
        value_width = room - minutes_width - 1  # one cell for the zero line
        left = round(value_width * losses / (gains + losses)) if losses else 0
        right = value_width - left
        styles = {name: self.get_component_rich_style(f"mix--{name}") for name in COMPONENTS}

        heading = Text(f"{'channel':<{NAME}}", "bold")
        heading.append(f"{'minutes':<{minutes_width + NUMBER + 2}}", "bold")
        heading.append("value, net of the time spent" if room >= 56 else "net value", "bold")
        rows = [heading]
        for use in uses:
            value = float(use.value)
            minutes = grow_right(use.minutes, most_minutes, minutes_width, "▒")
            minutes.stylize(styles["minutes"])
            loss = grow_left(-value, largest, left) if left else Text()
            loss.stylize(styles["loss"])
            gain = grow_right(value, largest, right)
            gain.stylize(styles["gain"])
            bars = Text.assemble(
                minutes, f" {use.minutes:>{NUMBER - 1}}", "  ", loss, "│", gain, " "
            )
            label = f"{badge(use.channel)} ×{use.count}"
            rows.append(
                Text.assemble(
                    (f"{label:<{NAME}}", "bold" if large else ""),
                    bars,
                    (f"{signed(use.value):>{NUMBER}}", "bold"),
                )
            )
            if large:  # a second row of the same bars: twice as tall from the back of a room
                rows.append(Text.assemble(" " * NAME, minutes, " " * (NUMBER + 2), loss, "│", gain))
        self.update(Group(*rows))


COMPONENTS = ("minutes", "gain", "loss")
