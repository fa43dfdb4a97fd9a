"""Markdown text drawn as one renderable: far cheaper to update than a widget per block."""

from __future__ import annotations

from functools import lru_cache

from rich.console import RenderableType
from textual.widgets import Static


@lru_cache(maxsize=256)
def markdown(source: str) -> RenderableType:
    """Rich's Markdown renderable, parsed once per text (a scene is seen again after an
    undo or a rewind); markdown-it loads on first use, not at start-up."""
    from rich.markdown import Markdown

    return Markdown(source, hyperlinks=False)


class Prose(Static):
    """A scene's text, feedback or notes. `source` keeps the Markdown as written."""

    DEFAULT_CSS = """
    Prose {
        height: auto;
    }
    """

    def __init__(self, source: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = ""
        self.show(source)

    def show(self, source: str) -> None:
        self.source = source
        self.update(markdown(source) if source else "")
