"""A path through a scenario, step by step, with the feedback each step gave.

The debrief shows the trainee's path (a list to rewind from) beside the best
path, so the room can read back why each step went the way it did.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.geometry import Offset, Region
from textual.message import Message
from textual.widgets import OptionList

from cold_to_gold.base.verdict import MISTAKE_MARK
from cold_to_gold.engine import Step
from cold_to_gold.scenario.markdown_text import one_line
from cold_to_gold.tui.channels import badge


def step_line(number: int, step: Step, titles: dict[str, str], vote: str | None = None) -> Table:
    """' 1. Scene title / ☎ call: the label (20 min) / its feedback', wrapped under itself."""
    text = Text(titles.get(step.scene, step.scene), "bold")
    choice = step.choice
    text.append(f"\n{badge(choice.channel)}: {choice.label} ({choice.minutes} min)")
    if choice.mistake:  # in words, not only a mark: meaning is never carried by colour
        text.append(f"\n{MISTAKE_MARK}", "bold")
    if vote:
        text.append(f"\n{vote}", "bold")
    if step.feedback:
        text.append(f"\n{one_line(step.feedback)}", "italic dim")  # Markdown, markers off
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}.", "bold"), text)
    return grid


class RewindList(OptionList):
    """The trainee's steps. ↑ on the first step hands the keys back to the page above;
    Enter asks to rewind to the highlighted step."""

    BINDINGS = [Binding("enter", "select", "Rewind to this step…")]

    class Leave(Message):
        """Up from the first step: back to the page."""

    def on_resize(self) -> None:
        self.fit_height()

    def fit_height(self) -> None:
        """Exactly as tall as its steps at the width it has (the page around it scrolls).

        Measured here, at its real width: the layout's own measure of a list that starts
        below the fold can be taken at another width, and then the last lines are cut."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        lines = self.get_content_height(self.size, self.size, width)
        if lines and lines != self.size.height:
            self.styles.height = lines

    def scroll_to_region(self, region: Region, *args: Any, **kwargs: Any) -> Offset:
        """The list is as tall as its steps, so the page around it scrolls instead: the
        highlighted step is brought into view however far down the page it is."""
        scrolls = (node for node in self.ancestors if isinstance(node, ScrollableContainer))
        page = next(scrolls, None)
        if page is None or not self.is_mounted:
            return super().scroll_to_region(region, *args, **kwargs)
        # Where the list begins in the page's content: its place on screen, plus the scroll.
        top = self.region.y - page.scrollable_content_region.y + round(page.scroll_y)
        return page.scroll_to_region(region.translate((0, top)), *args, **kwargs)

    def action_cursor_up(self) -> None:
        if not self.highlighted:
            self.post_message(self.Leave())
            return
        super().action_cursor_up()
