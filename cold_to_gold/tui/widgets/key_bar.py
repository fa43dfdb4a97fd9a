"""The bar of keys at the bottom: what can be done now, each clickable.

Textual's Footer rebuilds a widget per key whenever the bindings change, which
is every choice here; one line of clickable text costs a fraction of that.
"""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shown keys of the screen, its focused widget and the app; disabled ones dimmed."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
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

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        parts = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not (binding.show and binding.description) or binding.action in seen:
                continue
            seen.add(binding.action)
            key = escape(self.app.get_key_display(binding))
            label = escape(binding.description)
            if active.enabled:
                parts.append(f"[@click=app.press({binding.key!r})][b]{key}[/b] {label}[/]")
            else:
                parts.append(f"[dim][b]{key}[/b] {label}[/dim]")
        parts.append("[@click=app.command_palette][b]^p[/b] palette[/]")
        markup = "   ".join(parts)
        if markup != self.shown:  # bindings are refreshed often; redraw only what changed
            self.shown = markup
            self.update(parsed(markup), layout=False)  # always one line


@lru_cache(maxsize=64)
def parsed(markup: str) -> Content:
    """A bar's markup, parsed once: a screen has only a few sets of keys."""
    return Content.from_markup(markup)
