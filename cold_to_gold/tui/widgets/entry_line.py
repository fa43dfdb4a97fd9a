"""A row of the scenario list: a title, and under it its details, indented.

Drawn as Textual content, with no Rich renderer in between: the list's rows are
measured and drawn before the picker's first frame, and this is the cheaper way.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual


class EntryLine(Visual):
    """The title on its line; the details two cells in, wrapping under themselves."""

    def __init__(self, title: Content, details: Content) -> None:
        self.title = title
        self.details = Padding(details, Spacing(0, 0, 0, 2))
        self.plain = f"{title.plain}\n  {details.plain}"

    def __str__(self) -> str:
        return self.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            self.title.get_optimal_width(rules, container_width),
            self.details.get_optimal_width(rules, container_width),
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.title.get_height(rules, width) + self.details.get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips = [
            *self.title.render_strips(width, None, style, options),
            *self.details.render_strips(width, None, style, options),
        ]
        return strips if height is None else strips[:height]
