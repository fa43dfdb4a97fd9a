"""The clock: minutes spent, and minutes left of the budget."""

from __future__ import annotations

from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from cold_to_gold.tui.widgets.lines import text_strip


class Clock(Widget):
    """'Time: 40 min spent · 110 left' with a bar of the budget, or only the minutes spent."""

    DEFAULT_CSS = """
    Clock {
        height: 2;
    }
    """

    def __init__(self, budget: int | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.budget = budget
        self.spent = 0

    def show(self, spent: int) -> None:
        if spent != self.spent:
            self.spent = spent
            self.refresh()

    def line(self, y: int) -> Text:
        """The words, then (with a budget) the bar: filled blocks read without colour.

        On one line (a narrow window) the bar follows the words in the room left."""
        if y == 0:
            if self.budget is None:  # the longest words that fit the panel
                for words in (
                    f"Time: {self.spent} min spent (no limit)",
                    f"Time: {self.spent} min spent",
                    f"{self.spent} min spent",
                ):
                    if len(words) <= self.size.width:
                        break
                return Text(words)
            left = self.budget - self.spent
            words = Text(f"Time: {self.spent} min spent, {left} left")
            if words.cell_len > self.size.width:  # a narrow panel: the same, in fewer words
                words = Text(f"{self.spent} min spent, {left} left")
            if self.size.height == 1 and self.size.width - words.cell_len > 8:
                words.append("  ").append_text(self.bar(self.size.width - words.cell_len - 2))
            return words
        if y > 1 or self.budget is None:
            return Text()
        return self.bar(max(4, self.size.width - 2))

    def bar(self, width: int) -> Text:
        assert self.budget is not None
        used = round(width * min(1, self.spent / self.budget))
        return Text.assemble("▓" * used, ("░" * (width - used), "dim"))

    def render_line(self, y: int) -> Strip:
        """One line (Textual's line API): cheaper to redraw after every choice."""
        return text_strip(self, self.line(y))
