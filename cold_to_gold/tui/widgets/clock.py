"""The clock: minutes spent, and minutes left of the budget."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


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
        self.spent = spent
        self.refresh()

    def render(self) -> Text:
        if self.budget is None:
            return Text(f"Time: {self.spent} min spent (no limit)")
        left = self.budget - self.spent
        text = Text(f"Time: {self.spent} min spent, {left} left\n")
        width = max(4, self.size.width - 2)
        used = round(width * min(1, self.spent / self.budget))
        text.append("▓" * used)
        text.append("░" * (width - used), "dim")
        return text
