"""How large the branch maps' text is when each map is printed on one page.

For every bundled scenario: Graphviz lays out the DOT map (`dot -Tplain`), the
drawing is shrunk to fit one page with 0.5-inch margins (A4 and US Letter both
leave about 7.5 x 10 inches, portrait: the guide's pages embed the maps and are
printed that way; a map wider than tall is drawn turned a quarter when that
prints it larger), and the printed size of the smallest text that matters, the
edge labels, is reported.

Goal: edge labels of at least 7 pt on paper (small print, still read without
effort at arm's length).

    python benchmarks/map_print.py          # needs Graphviz (`apt install graphviz`)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cold_to_gold.author.dot_map import is_turned
from cold_to_gold.author.graph import dot
from cold_to_gold.author.render import for_the_page, laid_out, printed_points
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario

GOAL = 7.0


def printed_sizes(dot_text: str) -> tuple[float, float, float, bool]:
    """(width, height) in inches as laid out for the page, the edge labels' points on it, and
    whether the map is drawn turned a quarter (as `render` draws it)."""
    shown = for_the_page(dot_text)
    width, height = laid_out(shown)
    return width, height, printed_points(dot_text), is_turned(shown)


def main() -> int:
    if shutil.which("dot") is None:
        print("needs Graphviz's `dot`: apt install graphviz", file=sys.stderr)
        return 2
    print(f"{'scenario':<22} {'laid out (in)':>14} {'edge labels on paper':>21}")
    worst = float("inf")
    for path in sorted(bundled_dir("scenarios").glob("*.yaml")):
        width, height, printed, sideways = printed_sizes(dot(load_scenario(path)))
        worst = min(worst, printed)
        turn = " (turned)" if sideways else ""
        print(f"{path.stem:<22} {width:>6.1f} x {height:<5.1f} {printed:>18.1f} pt{turn}")
    met = worst >= GOAL
    print(f"smallest: {worst:.1f} pt (goal {GOAL} pt): " + ("met" if met else "NOT met"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
