"""The class report's charts as inline SVG: horizontal bars, each labelled with its number.

Readable on paper and for every eye: text at 9 pt or more (7 pt is the floor a
printed page keeps), colours from the Okabe–Ito palette (safe for the common
colour-vision deficiencies) and never the only carrier of meaning — the best
choice and a mistake are also marked in words beside their bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Sized to fit a printed page's text width (7.5 in = 720 CSS px) unscaled, so 13 px prints
# at about 9.75 pt; on a narrower screen the chart shrinks, never below 7 pt at 540 px.
FONT = 13
ROW = 22
LABEL_WIDTH = 270
BAR_WIDTH = 220
NUMBER_WIDTH = 100
# Okabe-Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
BEST = "#009E73"
MISTAKE = "#D55E00"
PLAIN = "#0072B2"
OTHER = "#999999"
CHANNEL = {"post": "#CC79A7", "email": "#56B4E9", "call": "#E69F00", "meet": "#009E73"}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the number written at the bar's end
    colour: str = PLAIN
    note: str = ""  # words after the number ("best", "mistake")


def bars(rows: Sequence[Bar], title: str, most: float | None = None) -> str:
    """Bars from a zero line; negative values go left of it, in a muted tone."""
    if not rows:
        return ""
    top = max((abs(row.value) for row in rows), default=0) if most is None else most
    top = top or 1
    negative = any(row.value < 0 for row in rows)
    zero = LABEL_WIDTH + (BAR_WIDTH // 3 if negative else 0)
    span = BAR_WIDTH - (BAR_WIDTH // 3 if negative else 0)
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH + 40
    height = ROW * len(rows) + 8
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, row in enumerate(rows):
        y = 4 + index * ROW
        length = abs(row.value) / top * span
        x = zero if row.value >= 0 else zero - length
        middle = y + ROW / 2 + FONT / 3
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end">'
            f"{escape(_short(row.label))}</text>"
        )
        out.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{max(length, 1.5):.1f}" '
            f'height="{ROW - 6}" fill="{row.colour}"/>'
        )
        end = max(zero, x + length) + 6
        words = f"{row.shown}  {row.note}".rstrip()
        out.append(f'<text x="{end:.1f}" y="{middle:.1f}">{escape(words)}</text>')
    out.append(
        f'<line x1="{zero}" y1="2" x2="{zero}" y2="{height - 2}" stroke="#333" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
