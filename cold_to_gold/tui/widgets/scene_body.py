"""The body of the play screen: the scene's text, or, after a choice, what it did.

One widget that changes what it shows, rather than two that take turns: a
choice then redraws one widget and moves nothing else on the screen.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from cold_to_gold.engine.run import Step
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.channels import badge
from cold_to_gold.tui.widgets.feedback import changes_line
from cold_to_gold.tui.widgets.prose import markdown


class SceneBody(Static):
    """`source` is the Markdown shown; `changes` the last choice's changes, in words."""

    DEFAULT_CSS = """
    SceneBody {
        height: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = ""
        self.changes = ""

    def show_scene(self, text: str) -> None:
        self.source, self.changes = text, ""
        self.update(markdown(text))

    def show_feedback(self, scenario: Scenario, step: Step) -> None:
        choice = step.choice
        self.source = choice.feedback
        self.changes = f"Changes: {changes_line(scenario, step)}"
        self.update(
            Group(
                Text(f"You chose {badge(choice.channel)}: {choice.label}\n", "bold"),
                markdown(choice.feedback),
                Text(f"\n{self.changes}", "bold"),
            )
        )
