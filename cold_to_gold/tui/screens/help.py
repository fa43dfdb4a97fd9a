"""Help: the keys of the screen you came from, and the channel ladder."""

from __future__ import annotations

from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from cold_to_gold.tui.channels import DESCRIPTIONS, ICONS


def key_names(screen: Screen, binding: Binding) -> str:
    """'Enter / Space', '?', 'F1': every key of a binding as it is written on a keyboard."""
    keys = [key.strip() for key in binding.key.split(",")]
    return " / ".join(
        screen.app.get_key_display(Binding(key, binding.action, key_display=binding.key_display))
        for key in keys
    )


def available(screen: Screen, binding: Binding) -> bool | None:
    """What the screen (or the app, for `app.` actions) says of the binding's action now:
    True it works; None (the key bar dims it) or False (hidden there) it does nothing."""
    target, name, parameters = parse(binding.action)
    node = screen.app if target == "app" else screen
    return node.check_action(name, parameters)


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """(key, what it does) for every described binding of a screen and of the app, those
    that do nothing now marked "not now" (undo before a choice, the tally outside
    presenter mode); the nine choice keys of play are one line, '1–9'."""
    found: list[tuple[str, str]] = []
    actions: set[str] = set()
    for binding in [*screen.BINDINGS, *screen.app.BINDINGS]:
        if not (isinstance(binding, Binding) and binding.description):
            continue
        if binding.action.startswith("choose("):
            if "choose" not in actions:
                actions.add("choose")
                found.append(("1–9", "Choose that choice (↑↓ then Enter also works)"))
            continue
        if binding.action in actions:
            continue
        actions.add(binding.action)
        what = binding.description
        if not available(screen, binding):
            what += " (not now)"
        found.append((key_names(screen, binding), what))
    return found


class HelpScreen(ModalScreen[None]):
    """Keys are read from the screen's own bindings, so the list is always true."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
        Binding("f1", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        place = getattr(self.origin, "PLACE", "This screen")
        keys = [*getattr(self.origin, "HELP_EXTRA", ()), *keys_of(self.origin)]
        # A list, a line a key: a table's rules would leave room for two keys at 80x24.
        rows = "\n".join(f"- `{key}` {text}" for key, text in keys)
        ladder = "\n".join(f"- {ICONS[n]} **{n}**: {d}" for n, d in DESCRIPTIONS.items())
        text = (
            f"## Keys — {place}\n\n{rows}\n"
            "- `ctrl+p` Command palette: every action by name\n\n"
            f"## The channel ladder\n\n{ladder}\n\n"
            "Everything works with the mouse too: click a choice to make it."
        )
        with Vertical(classes="dialog help"):
            yield Static("Help", classes="title")
            with VerticalScroll():
                yield Markdown(text)
            yield Static("Escape, ? or F1 to close", classes="hint")

    def action_close(self) -> None:
        self.dismiss()
