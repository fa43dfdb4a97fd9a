"""The handout's numbers: the format-2 channel table, the price of time and the stages.

Written into `facilitator_guide/handout.md` between two markers by
`python -m cold_to_gold.guide`, from the same defaults the engine plays by, so
the page a participant takes home cannot disagree with the simulator.
"""

from __future__ import annotations

from cold_to_gold.engine.changes import format_number
from cold_to_gold.engine.relationship import GOLD_FROM, WARM_FROM
from cold_to_gold.scenario.model import DEFAULT_CHANNELS_2, DEFAULT_WEIGHTS_2, Channel
from cold_to_gold.scenario.spec import CHANNELS, METRICS

BEGIN = "<!-- ladder: written by `python -m cold_to_gold.guide`; do not edit by hand -->"
END = "<!-- end of ladder -->"
REACH = {"post": "everyone"}  # the other channels reach one person


def ladder() -> str:
    """The handout's block: the table, the price of a minute, the stages."""
    lines = [
        BEGIN,
        "",
        "| rung | minutes | they know you | you know them | trust |",
        "|---|---|---|---|---|",
    ]
    for rung, name in enumerate(CHANNELS, start=1):
        channel = DEFAULT_CHANNELS_2[name]
        cells = [_cell(channel, metric) for metric in METRICS]
        reach = f" ({REACH[name]})" if name in REACH else ""
        lines.append(
            f"| {rung} **{name.capitalize()}**{reach} | {channel.minutes} | "
            + " | ".join(cells)
            + " |"
        )
    price = -DEFAULT_WEIGHTS_2["minutes"]
    meeting = DEFAULT_CHANNELS_2["meet"].minutes
    lines += [
        "",
        f"**Time has a price:** each minute costs {format_number(price)} of a point, so a "
        f"{meeting}-minute meeting must build {format_number(price * meeting)} points to pay "
        f"for itself. **Up to** is a ceiling: that channel lifts a number no higher. "
        f"**Warm** is trust and *you know them* both {WARM_FROM} or more; **gold** both "
        f"{GOLD_FROM} or more — only time in person gets there.",
        "",
        END,
    ]
    return "\n".join(lines)


def _cell(channel: Channel, metric: str) -> str:
    gain = channel.gain(metric)
    if not gain:
        return "—"
    ceiling = channel.ceiling.get(metric)
    return f"+{format_number(gain)}" + (f", up to {format_number(ceiling)}" if ceiling else "")
