"""One line of rich text as a Textual strip: for widgets that draw line by line.

Widgets using Textual's line API (`render_line`) redraw only the lines that
changed; these are the cast and the clock, redrawn after every choice.
"""

from __future__ import annotations

from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


def text_strip(widget: Widget, text: Text) -> Strip:
    """`text` (one line) in the widget's own colours, cut to its width."""
    text.truncate(widget.size.width, overflow="ellipsis")
    console = widget.app.console
    style = widget.rich_style  # Text.render leaves the text's own style to the caller
    if text.style:
        style += console.get_style(text.style)
    return Strip(list(text.render(console, end="")), text.cell_len).apply_style(style)
