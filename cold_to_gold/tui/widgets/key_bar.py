"""The bar of keys at the bottom: what can be done now, each clickable.

Textual's Footer rebuilds a widget per key whenever the bindings change, which
is every choice here; a line of clickable text costs a fraction of that. A key
and its word are never split: when they do not fit on one line, the bar takes a
second one.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

GAP = "   "


class KeyBar(Static):
    """Shown keys of the screen, its focused widget and the app; disabled ones dimmed."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.shown = ""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.show_keys()

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_keys()

    def items(self) -> list[tuple[str, int]]:
        """(markup, width) of each shown key, in the order of the bindings."""
        items = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not (binding.show and binding.description) or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            label = binding.description
            width = cell_len(f"{key} {label}")
            key, label = escape(key), escape(label)
            if active.enabled:
                items.append((f"[@click=app.press({binding.key!r})][b]{key}[/b] {label}[/]", width))
            else:
                items.append((f"[dim][b]{key}[/b] {label}[/dim]", width))
        items.append(("[@click=app.command_palette][b]^p[/b] palette[/]", 10))
        return items

    def show_keys(self) -> None:
        # The bar's own width inside its padding; before its first layout, the screen's
        # less that padding (the same width: the bar spans the screen).
        width = self.size.width or max(1, self.app.size.width - 2)
        items = self.items()
        lines = in_lines(items, width, GAP)
        if len(lines) > 1:  # closer together, if that keeps the bar on one line
            lines = min(lines, in_lines(items, width, GAP[:2]), key=len)
        if len(lines) > 1:  # the palette's reminder is not worth a row of the screen
            lines = min(lines, in_lines(items[:-1], width, GAP[:2]), key=len)
        if len(lines) > 1:  # nor are keys that do nothing now (shown dimmed)
            active = [item for item in items[:-1] if not item[0].startswith("[dim]")]
            lines = min(lines, in_lines(active, width, GAP[:2]), key=len)
        markup = "\n".join(lines)
        if markup != self.shown:  # bindings are refreshed often; redraw only what changed
            self.shown = markup
            # A new layout only when the bar gains or loses a line: a choice costs no layout.
            self.update(parsed(markup), layout=markup.count("\n") + 1 != self.size.height)


def in_lines(items: list[tuple[str, int]], width: int, gap: str) -> list[str]:
    """The items' markup joined by `gap` into lines of at most `width` cells."""
    lines: list[list[str]] = [[]]
    used = 0
    for markup, size in items:
        needed = size if not lines[-1] else len(gap) + size
        if lines[-1] and used + needed > width:
            lines.append([])
            used, needed = 0, size
        lines[-1].append(markup)
        used += needed
    return [gap.join(line) for line in lines]


@lru_cache(maxsize=64)
def parsed(markup: str) -> Content:
    """A bar's markup, parsed once: a screen has only a few sets of keys."""
    return Content.from_markup(markup)
