"""Meters and the channel chart, drawn as text: lengths that tell numbers apart."""

from __future__ import annotations

from cold_to_gold.engine.scale import MeterScale
from cold_to_gold.tui.widgets.meter import EIGHTHS, bar, meter
from cold_to_gold.tui.widgets.mix_chart import grow_left, grow_right, signed

TEN = MeterScale(0, 10, exact=True)
WITH_LOSSES = MeterScale(-4, 12, exact=True)


def filled(text: str) -> float:
    """How much of a bar is drawn, in cells (partial blocks count in eighths)."""
    return sum(1 if cell == "█" else EIGHTHS.index(cell) / 8 for cell in text if cell in "█▏▎▍▌▋▊▉")


def test_every_whole_number_draws_a_longer_bar_than_the_one_below() -> None:
    lengths = [filled(bar(value, TEN, 12).plain) for value in range(11)]
    assert lengths == sorted(set(lengths))  # strictly longer each time
    assert lengths[10] == 12 and lengths[9] < 12  # a 10 fills the bar, a 9 does not


def test_the_number_is_always_shown_even_when_the_bar_has_little_room() -> None:
    for width in (8, 12, 30):
        line = meter("trust", 10, TEN, width, label_width=0).plain
        assert line.rstrip().endswith("10")
        assert len(line) == width


def test_a_negative_number_is_drawn_left_of_zero_not_as_empty() -> None:
    negative = bar(-2, WITH_LOSSES, 16).plain
    zero = bar(0, WITH_LOSSES, 16).plain
    assert "▒" in negative and "▒" not in zero
    assert negative.index("▒") < 4  # in the part kept for values below zero
    assert meter("trust", -2, WITH_LOSSES, 30).plain.rstrip().endswith("-2")


def test_the_chart_grows_losses_left_and_gains_right_on_one_scale() -> None:
    assert grow_left(3, 30, 10).plain == " " * 9 + "▓"
    assert grow_right(30, 30, 10).plain == "█" * 10
    small = grow_right(0.5, 30, 10).plain
    assert small.strip() and filled(small) < 1  # a tiny value: visible, never a full bar
    assert grow_right(0, 30, 10).plain == " " * 10
    assert [signed(value) for value in (11, -3, 0)] == ["+11", "−3", "0"]
