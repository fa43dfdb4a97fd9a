"""The channel mix as a chart made of text: minutes and value per channel."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.debrief import ChannelUse
from cold_to_gold.tui.channels import badge

BAR_WIDTH = 16


def bar(amount: float, largest: float, glyph: str) -> Text:
    filled = 0 if largest <= 0 else round(BAR_WIDTH * max(0.0, amount) / largest)
    return Text(glyph * filled + "·" * (BAR_WIDTH - filled))


class MixChart(Static):
    """For each channel: how often, how many minutes, and what it added to the score."""

    def show(self, uses: list[ChannelUse]) -> None:
        most_minutes = max((use.minutes for use in uses), default=0)
        most_value = max((float(use.value) for use in uses), default=0)
        table = Table.grid(padding=(0, 1))
        for _ in range(5):
            table.add_column()
        table.add_row(
            Text("channel", "bold"), "", Text("minutes", "bold"), "", Text("value", "bold")
        )
        for use in uses:
            table.add_row(
                f"{badge(use.channel)} ×{use.count}",
                bar(use.minutes, most_minutes, "▒"),
                f"{use.minutes:>4}",
                bar(float(use.value), most_value, "█"),
                f"{format_number(use.value):>5}",
            )
        self.update(table)
