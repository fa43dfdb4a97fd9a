"""What a choice did: its feedback, and every number it moved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from cold_to_gold.engine.run import Step
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.channels import badge
from cold_to_gold.tui.widgets.prose import Prose


def changes_line(scenario: Scenario, step: Step) -> str:
    """'Dana Ruiz: +2 they know you, +1 trust · −20 min', grouped by person."""
    names = {person.id: person.name for person in scenario.people}
    groups: dict[str, list[str]] = {}
    run_wide = []
    for change in step.changes:
        if change.person is not None:
            groups.setdefault(names[change.person], []).append(change.describe())
        else:
            run_wide.append(change.describe())
    parts = [f"{name}: {', '.join(items)}" for name, items in groups.items()]
    return " · ".join(parts + run_wide) or "nothing changed"


class FeedbackPanel(Vertical):
    """Shown in place of the scene's text after a choice, until the trainee continues."""

    DEFAULT_CSS = """
    FeedbackPanel {
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="feedback-choice")
        yield Prose(id="feedback-text")
        yield Static(id="feedback-changes")

    def show(self, scenario: Scenario, step: Step) -> None:
        choice = step.choice
        self.query_one("#feedback-choice", Static).update(
            f"You chose {badge(choice.channel)}: {choice.label}"
        )
        self.query_one("#feedback-text", Prose).show(choice.feedback)
        self.query_one("#feedback-changes", Static).update(
            f"Changes: {changes_line(scenario, step)}"
        )
