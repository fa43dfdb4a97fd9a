"""What a choice did: its feedback, and every number it moved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from cold_to_gold.engine.run import Step
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.channels import badge


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


class FeedbackPanel(VerticalScroll):
    """Shown after a choice, until the trainee presses Enter."""

    def compose(self) -> ComposeResult:
        yield Static(id="feedback-choice")
        yield Markdown(id="feedback-text")
        yield Static(id="feedback-changes")
        yield Static("Press Enter to continue · u to undo", id="feedback-hint")

    def show(self, scenario: Scenario, step: Step) -> None:
        choice = step.choice
        self.query_one("#feedback-choice", Static).update(
            f"You chose {badge(choice.channel)}: {choice.label}"
        )
        self.query_one("#feedback-text", Markdown).update(choice.feedback or "")
        self.query_one("#feedback-changes", Static).update(
            f"Changes: {changes_line(scenario, step)}"
        )
        self.scroll_home(animate=False)
