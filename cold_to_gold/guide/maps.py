"""The branch map of every bundled scenario, drawn for the facilitator kit.

`facilitator_guide/maps/<id>.svg` is drawn by Graphviz from the scenario's DOT
map. Each file records a fingerprint of the DOT text it was drawn from, so
telling whether a map is out of date needs no Graphviz (the test suite checks
it on any machine); redrawing one does.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from cold_to_gold.author.graph import dot
from cold_to_gold.author.render import RenderError, render
from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.scenario import Scenario

MAPS = "maps"
_FINGERPRINT = re.compile(r"<!-- cold-to-gold map of ([0-9a-f]{64}) -->")


def map_path(scenario_id: str) -> Path:
    return bundled_dir("facilitator_guide") / MAPS / f"{scenario_id}.svg"


def fingerprint(dot_text: str) -> str:
    return hashlib.sha256(dot_text.encode()).hexdigest()


def drawn_from(svg: Path) -> str | None:
    """The fingerprint a map file was drawn from, or None when it has none (or is missing)."""
    try:
        head = svg.read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return None
    found = _FINGERPRINT.search(head)
    return found[1] if found else None


def drawn_map(dot_text: str) -> bytes:
    """The SVG, with the fingerprint of its DOT text after the XML declaration."""
    svg = render(dot_text, "svg").decode()
    mark = f"<!-- cold-to-gold map of {fingerprint(dot_text)} -->\n"
    declaration, newline, rest = svg.partition("\n")
    if declaration.startswith("<?xml"):
        return (declaration + newline + mark + rest).encode()
    return (mark + svg).encode()


def refresh_map(scenario: Scenario, check: bool) -> str | None:
    """Redraw the scenario's map when it is out of date; what was wrong with it, if anything.

    With `check`, nothing is written. Raises `RenderError` when a map must be
    redrawn and Graphviz cannot.
    """
    path = map_path(scenario.id)
    text = dot(scenario)
    if drawn_from(path) == fingerprint(text):
        return None
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(drawn_map(text))
    return str(path)


__all__ = ["RenderError", "drawn_from", "fingerprint", "map_path", "refresh_map"]
