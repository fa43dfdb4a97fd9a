"""In the facilitator's notes, after a reveal: what each choice of that decision left open.

"If the room takes 2: warm at best, 71 %" — for every choice of the decision
just revealed, the best grade (and its percent) any complete run could still
reach after it (contract, section 14). Only in presenter mode and only in the
notes, which the room does not see unless the facilitator opens them. The
numbers come from the engine (`engine/reachable.py`), found off the UI thread.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from cold_to_gold.engine.reachable import ChoiceReach


class ReachNotes(Static):
    """Empty and hidden until a reveal; then 'still reachable' beside each choice."""

    DEFAULT_CSS = """
    ReachNotes {
        height: auto;
        margin-top: 1;
        display: none;
    }
    """

    def clear(self) -> None:
        self.update("")
        self.display = False

    def waiting(self) -> None:
        self.update(Text("Still reachable: working it out…", "italic"))
        self.display = True

    def show_reach(self, items: list[ChoiceReach], taken: str) -> None:
        self.update(reach_text(items, taken))
        self.display = True


def reach_text(items: list[ChoiceReach], taken: str) -> Text:
    """The lines for the notes, narrow enough for the notes' column at 80×24:

    Still reachable (you only)
    if the room takes
    1: gold at best, 97 %
    3: warm at best, 71 % ◀
    ◀ the room's choice
    """
    text = Text("Still reachable (you only)", "bold")
    text.append("\nif the room takes")
    for item in items:
        text.append("\n")
        if item.reach is None:
            text.append(f"{item.number}: locked", "dim")
        else:
            text.append(f"{item.number}: {item.reach.words()}")
        if item.choice.id == taken:
            text.append(" ◀", "bold")
    text.append("\n◀ the room's choice", "italic")
    return text
