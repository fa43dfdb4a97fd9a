"""The facilitator guide, readable inside the app: its pages on the left, the page on the right."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, OptionList
from textual.widgets.markdown import MarkdownFence
from textual.widgets.option_list import Option

from cold_to_gold.paths import bundled_dir
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar

FRONT_PAGES = (
    "README.md",
    "running-it.md",
    "session-60-minutes.md",
    "session-half-day.md",
    "session-pairs.md",
    "session-remote.md",
    "origin-story.md",
    "pre-post-check.md",
    "check-sheet.md",
    "handout.md",
    "pushback.md",
    "live-class.md",
)


def guide_pages(folder: Path) -> list[Path]:
    """The guide's pages in reading order: the front pages, debriefs, answer keys, the rest.

    Debriefs and answer keys follow the order in which the guide's README lists
    the scenarios.
    """
    front = [folder / name for name in FRONT_PAGES if (folder / name).exists()]
    readme = folder / "README.md"
    listed = re.findall(r"debriefs/([\w-]+)\.md", readme.read_text("utf-8")) if front else []

    def in_readme_order(subfolder: str) -> list[Path]:
        return sorted(
            (folder / subfolder).glob("*.md"),
            key=lambda page: (
                listed.index(page.stem) if page.stem in listed else len(listed),
                page,
            ),
        )

    rest = sorted(set(folder.glob("*.md")) - set(front))
    return front + in_readme_order("debriefs") + in_readme_order("answer-keys") + rest


def page_title(page: Path) -> str:
    """A page's first heading, without its id in backticks."""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split(" (`")[0].strip()
    return page.stem


class GuideScreen(Screen):
    """Read the guide; Escape goes back.

    Tab moves between the list of pages and the page; on the page the list
    steps aside, so a session plan's table gets the whole width of the window.
    """

    PLACE = "Guide"
    CSS_PATH = "guide.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("tab", "switch_side", "Pages / page"),
        # Code blocks keep their lines whole: ← and → scroll them sideways.
        Binding("left", "scroll_code(-1)", "Code left", show=False, priority=True),
        Binding("right", "scroll_code(1)", "Code sideways", key_display="←→", priority=True),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder or bundled_dir("facilitator_guide")
        self.pages = guide_pages(self.folder)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="guide-body"):
            yield OptionList(
                *(Option(page_title(page), id=str(i)) for i, page in enumerate(self.pages)),
                id="pages",
            )
            with VerticalScroll(id="page-scroll"):
                yield Markdown(id="page")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Facilitator guide"
        pages = self.query_one("#pages", OptionList)
        if self.pages:
            pages.highlighted = 0
        else:
            self.query_one("#page", Markdown).update("The guide is not installed.")
        pages.focus()

    @on(OptionList.OptionHighlighted, "#pages")
    def page_chosen(self, event: OptionList.OptionHighlighted) -> None:
        self.show(self.pages[int(event.option.id or 0)])

    def show(self, page: Path) -> None:
        self.current = page
        self.query_one("#page", Markdown).update(page.read_text(encoding="utf-8"))
        self.query_one("#page-scroll").scroll_home(animate=False)
        self.set_timer(0.2, self.refresh_bindings)  # once its code blocks are laid out

    @on(Markdown.LinkClicked)
    def follow(self, event: Markdown.LinkClicked) -> None:
        """Links between guide pages open here; a folder link opens its first page."""
        event.prevent_default()
        target = (self.current.parent / event.href.split("#")[0]).resolve()
        if target.is_dir():
            target = next(iter(sorted(target.glob("*.md"))), target)
        for index, page in enumerate(self.pages):
            if page.resolve() == target:
                self.query_one("#pages", OptionList).highlighted = index
                return
        if target.exists():  # a branch map, or the folder of them: pictures a terminal cannot show
            self.notify(f"Open it in a browser, or print it: {target}", title="A picture")
            return
        self.notify(f"Not a page of the guide: {event.href}", timeout=3)

    def action_switch_side(self) -> None:
        reading = not self.has_class("reading")
        self.set_class(reading, "reading")
        self.query_one("#page-scroll" if reading else "#pages").focus()
        self.set_timer(0.2, self.refresh_bindings)  # the page's width changed

    def action_scroll_code(self, direction: int) -> None:
        for fence in self.query(MarkdownFence):
            fence.scroll_relative(x=8 * direction, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_code":  # shown only on a page with a code block too wide for it
            return any(fence.max_scroll_x > 0 for fence in self.query(MarkdownFence))
        return True

    def action_back(self) -> None:
        self.app.pop_screen()
