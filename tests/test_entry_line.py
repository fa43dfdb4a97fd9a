"""A row of the scenario list: the title, then the details two cells in, wrapping
under themselves, whatever the width."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from cold_to_gold.tui.widgets.entry_line import EntryLine

ROW = EntryLine(
    Content.styled("The Big Congregation and the Small Group", "bold"),
    Content.styled("intermediate · 8 min · best: won·gold 92%", "italic"),
)


def drawn(width: int) -> list[str]:
    options = RenderOptions(lambda style: Style(), {})  # type: ignore[arg-type]
    return [strip.text.rstrip() for strip in ROW.render_strips(width, None, Style(), options)]


def test_a_wide_row_is_its_title_then_its_details_indented() -> None:
    assert drawn(60) == [
        "The Big Congregation and the Small Group",
        "  intermediate · 8 min · best: won·gold 92%",
    ]
    assert ROW.get_height({}, 60) == 2  # type: ignore[arg-type]
    assert str(ROW) == "\n".join(drawn(60))


def test_a_narrow_row_wraps_its_details_under_themselves() -> None:
    lines = drawn(24)
    assert all(len(line) <= 24 for line in lines)
    title = [line for line in lines if not line.startswith(" ")]
    details = lines[len(title) :]
    assert " ".join(title) == "The Big Congregation and the Small Group"
    assert len(details) >= 2 and all(line.startswith("  ") for line in details)
    assert " ".join(line.strip() for line in details) == "intermediate · 8 min · best: won·gold 92%"
    assert ROW.get_height({}, 24) == len(lines)  # type: ignore[arg-type]
