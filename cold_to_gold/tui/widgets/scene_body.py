"""The body of the play screen: the scene's text, or, after a choice, what it did.

One widget that changes what it shows, rather than two that take turns: a
choice then redraws one widget and moves nothing else on the screen. The text is
drawn once per width and kept: the layout asks for its height, the screen for
its lines, and both read the same drawing.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from cold_to_gold.engine.run import Step
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.channels import badge
from cold_to_gold.tui.widgets.feedback import changes_line
from cold_to_gold.tui.widgets.prose import markdown


class SceneBody(Widget):
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
        self.content: RenderableType = ""
        self.drawn: tuple[int, list[Strip]] | None = None  # (width, lines)

    def show_scene(self, text: str) -> None:
        self.source, self.changes = text, ""
        self.show(markdown(text))

    def show_feedback(self, scenario: Scenario, step: Step) -> None:
        choice = step.choice
        self.source = step.feedback or ""  # the variant the engine chose for this step
        self.changes = f"Changes: {changes_line(scenario, step)}"
        self.show(
            Group(
                Text(f"You chose {badge(choice.channel)}: {choice.label}\n", "bold"),
                markdown(self.source),
                Text(f"\n{self.changes}", "bold"),
            )
        )

    def show(self, content: RenderableType) -> None:
        self.content, self.drawn = content, None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Strip]:
        """The content drawn at `width`, drawn again only when the text or width changes."""
        if self.drawn is None or self.drawn[0] != width:
            visual = visualize(self, self.content, markup=False)
            self.drawn = (width, Visual.to_strips(self, visual, width, None, self.visual_style))
        return self.drawn[1]

    def notify_style_update(self) -> None:
        self.drawn = None  # colours changed (a theme): draw again
        super().notify_style_update()

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width)
        if y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)
