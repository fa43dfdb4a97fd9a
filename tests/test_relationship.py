"""The relationship stage shown for each person: cold, warm or gold, and one-sided."""

from __future__ import annotations

import pytest

from cold_to_gold.engine.relationship import relationship


@pytest.mark.parametrize(
    ("numbers", "stage", "one_sided"),
    [
        ((0, 0, 0), "cold", False),
        ((2, 0, 0), "cold", True),  # read your post; you know nothing of them
        ((4, 2, 0), "cold", True),
        ((3, 1, 0), "cold", True),
        ((2, 2, 1), "cold", False),
        ((2, 2, 2), "warm", False),
        ((5, 3, 2), "warm", False),
        ((6, 5, 4), "warm", False),
        ((6, 5, 5), "gold", False),
        ((8, 6, 6), "gold", False),
        ((12, 5, 5), "gold", True),
    ],
)
def test_stage_and_one_sidedness(numbers: tuple, stage: str, one_sided: bool) -> None:
    found = relationship(*numbers)
    assert (found.stage, found.one_sided) == (stage, one_sided)
    assert found.describe() == (f"{stage}, one-sided" if one_sided else stage)
