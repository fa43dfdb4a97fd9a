"""The line at the top: the app, the screen's title, and presenter mode when it is on.

One Static instead of Textual's Header (a widget per part), for a faster first frame.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-align: center;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self.show, init=False)
        self.watch(self.app, "sub_title", self.show, init=False)
        self.show()

    def show(self, *_: object) -> None:
        text = Text(self.screen.title or self.app.title, "bold")
        if self.app.sub_title:
            text.append(f" — {self.app.sub_title}", "italic")
        self.update(text, layout=False)
