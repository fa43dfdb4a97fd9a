"""The line at the top: the app, the screen's title, and presenter mode when it is on.

One Static instead of Textual's Header (a widget per part), for a faster first frame.
Below the smallest supported window it says so instead: nothing else would tell a
facilitator why the screen looks wrong on a zoomed projector.
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
    TitleBar.-too-small {
        background: $warning;
        color: $text;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self.show, init=False)
        self.watch(self.app, "sub_title", self.show, init=False)
        self.show()

    def show(self, *_: object, size: tuple[int, int] | None = None) -> None:
        """Draw the bar; `size` is the window's new size when a resize is being handled."""
        width, height = size if size is not None else self.app.size
        least_width, least_height = getattr(self.app, "SMALLEST", (0, 0))
        too_small = width < least_width or height < least_height
        self.set_class(too_small, "-too-small")
        if too_small:
            notice = f"⚠ {width}×{height} is too small: needs {least_width}×{least_height}"
            if len(notice) + 20 <= width - 2:
                notice += " (enlarge or zoom out)"
            text = Text(notice)
        else:
            text = Text(self.screen.title or self.app.title, "bold")
            if self.app.sub_title:
                text.append(f" — {self.app.sub_title}", "italic")
        self.update(text, layout=False)
