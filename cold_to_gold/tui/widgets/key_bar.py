"""The bar of keys at the bottom: what can be done now, each clickable.

Textual's Footer rebuilds a widget per key whenever the bindings change, which
is every choice here; a line of clickable text costs a fraction of that. A key
and its word are never split: when they do not fit on one line, the bar takes a
second one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len
from textual.content import Content
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
        self.shown: tuple[str, tuple[tuple[Key, ...], ...]] | None = None
        self.shown_width = 0
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        if self.size.width != self.shown_width:  # its first layout: usually the width it had
            self.show_keys()

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_keys()

    def items(self) -> list[Key]:
        """Each shown key, in the order of the bindings, then the palette's reminder."""
        items = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not (binding.show and binding.description) or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            action = f"app.press({binding.key!r})" if active.enabled else ""
            items.append(Key(key, binding.description, action))
        items.append(PALETTE)
        return items

    def show_keys(self) -> None:
        # The bar's own width inside its padding; before its first layout, the screen's
        # less that padding (the same width: the bar spans the screen).
        width = self.size.width or max(1, self.app.size.width - 2)
        self.shown_width = width
        items = self.items()
        bar = (GAP, in_lines(items, width, GAP))
        active = [item for item in items[:-1] if item.action]
        # When the keys need more than one line: closer together; then without the
        # palette's reminder (not worth a row of the screen); then without the keys that
        # do nothing now (shown dimmed); then a single space apart (each key is bold).
        tries = [(GAP[:2], items), (GAP[:2], items[:-1]), (GAP[:2], active), (GAP[:1], active)]
        for gap, keys in tries:
            if len(bar[1]) == 1:
                break
            lines = in_lines(keys, width, gap)
            if len(lines) < len(bar[1]):
                bar = (gap, lines)
        if bar != self.shown:  # bindings are refreshed often; redraw only what changed
            self.shown = bar
            # A new layout only when the bar gains or loses a line: a choice costs no layout.
            self.update(drawn(*bar), layout=len(bar[1]) != self.size.height)


class Key(NamedTuple):
    """One key of the bar: what to press, what it does, and the action a click runs
    ("" when the key does nothing now: shown dimmed)."""

    key: str
    label: str
    action: str

    @property
    def width(self) -> int:
        return cell_len(self.key) + 1 + cell_len(self.label)

    def content(self) -> Content:
        text = Content.assemble((self.key, "bold"), f" {self.label}")
        return text.stylize(f"@click={self.action}" if self.action else "dim")


PALETTE = Key("^p", "palette", "app.command_palette")


def in_lines(items: list[Key], width: int, gap: str) -> tuple[tuple[Key, ...], ...]:
    """The items in lines of at most `width` cells, `gap` between two on a line."""
    lines: list[list[Key]] = [[]]
    used = 0
    for item in items:
        size = item.width
        needed = size if not lines[-1] else len(gap) + size
        if lines[-1] and used + needed > width:
            lines.append([])
            used, needed = 0, size
        lines[-1].append(item)
        used += needed
    return tuple(tuple(line) for line in lines)


@lru_cache(maxsize=64)
def drawn(gap: str, lines: tuple[tuple[Key, ...], ...]) -> Content:
    """The bar's text, made once: a screen has only a few sets of keys."""
    return Content("\n").join(Content(gap).join(key.content() for key in line) for line in lines)
