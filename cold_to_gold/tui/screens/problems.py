"""The live preview's errors: shown in the app, never a crash, until the file is fixed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from cold_to_gold.scenario.problems import Problem
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar


def problems_text(problems: tuple[Problem, ...]) -> Text:
    text = Text()
    for problem in problems:
        text.append(f"{problem.path}:{problem.line}:{problem.column}: ", "bold")
        text.append(f"{problem.message}\n")
    return text


class ProblemsScreen(Screen):
    """Lists the file's errors; a save that fixes them brings the preview back by itself."""

    PLACE = "Problems"
    CSS_PATH = "problems.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back to the last valid version"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(
            "The scenario file has errors. Fix them and save: the preview reloads by itself.",
            id="problems-hint",
        )
        with VerticalScroll(id="problems-list"):
            yield Static(problems_text(self.problems), id="problems")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Live preview: errors"

    def show(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        self.query_one("#problems", Static).update(problems_text(problems))

    def action_back(self) -> None:
        self.app.pop_screen()
