"""Markdown text drawn as one renderable: far cheaper to update than a widget per block."""

from __future__ import annotations

from textual.widgets import Static


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
        from rich.markdown import Markdown  # markdown-it loads on first use, not at start-up

        self.source = source
        self.update(Markdown(source, hyperlinks=False) if source else "")
