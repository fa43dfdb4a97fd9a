"""The class debrief: the grade spread, the class's channel mix against the best run,
the most common path, and how each decision split."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from cold_to_gold.classroom.debrief import ClassDebrief, class_debrief
from cold_to_gold.scenario.spec import CHANNELS
from cold_to_gold.tui.channels import badge
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.split_bars import split_text
from cold_to_gold.tui.widgets.title_bar import TitleBar
from cold_to_gold.verdict import verdict


def debrief_text(debrief: ClassDebrief, scenario) -> Text:
    text = Text()
    text.append(f"{debrief.finished} finished runs\n\n", "bold")
    text.append("Grades\n", "bold underline")
    most = max((count for _, _, count in debrief.verdicts), default=0) or 1
    for grade, outcome, count in debrief.verdicts:  # the outcome beside the grade
        shown = verdict(grade, outcome)
        text.append(f"{shown:<19}{'█' * round(20 * count / most):<21}{count}\n")
    text.append("\nMinutes per channel: the class on average, and the best run\n", "bold underline")
    for channel in CHANNELS:
        text.append(
            f"{badge(channel):<9}class {debrief.mix[channel]:>6.0f}   "
            f"best {debrief.best_mix[channel]:>4}\n"
        )
    text.append("\nMost common path\n", "bold underline")
    if debrief.common_count:
        path = " → ".join(debrief.common_path)
        text.append(f"{path}  ({debrief.common_count} trainees)\n")
    else:
        text.append("nobody has finished yet\n")
    text.append("\nEach decision\n", "bold underline")
    for decision in debrief.decisions:
        text.append(f"Decision {decision.step + 1}: ", "bold")
        text.append_text(split_text(scenario, decision.scene, decision.split))
    return text


class ClassDebriefScreen(Screen):
    PLACE = "Class debrief"
    BINDINGS = [Binding("escape,q", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="debrief-body"):
            yield Static(id="class-debrief")
        yield KeyBar()

    def on_mount(self) -> None:
        hub = self.app.hub  # type: ignore[attr-defined]
        self.title = f"Class debrief — {hub.scenario.title}"
        runs = [seat.run for seat in hub.active_seats()]
        debrief = class_debrief(hub.scenario, runs)
        self.query_one("#class-debrief", Static).update(debrief_text(debrief, hub.scenario))

    def action_back(self) -> None:
        self.app.pop_screen()
