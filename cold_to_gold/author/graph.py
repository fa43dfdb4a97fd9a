"""The branch map of a scenario, as Mermaid or Graphviz DOT text.

Both say the same (`branch_map`): a title; scenes as boxes, grouped by day or
act when the scenario names them; endings shaped by outcome (won, lost,
neutral); a choice as a solid arrow labelled with its channel, whom it reaches
and its minutes; a choice behind a condition as a dashed arrow ("only when
..."); repeated choices between the same places, a scene's loops back to
itself above all, as one arrow with a count; where a run can end with no
choice left, a short dotted arrow to an "out of time" mark; what no run
reaches faded. `render` turns the DOT text into SVG or PNG.
"""

from __future__ import annotations

from cold_to_gold.author.branch_map import branch_map
from cold_to_gold.author.dot_map import dot_text
from cold_to_gold.author.explore import Exploration
from cold_to_gold.author.mermaid_map import mermaid_text
from cold_to_gold.scenario.model import Scenario

FORMATS = ("mermaid", "dot", "svg", "png")


def mermaid(scenario: Scenario, found: Exploration | None = None) -> str:
    """The map as a Mermaid flowchart."""
    return mermaid_text(branch_map(scenario, found))


def dot(scenario: Scenario, found: Exploration | None = None) -> str:
    """The map as a Graphviz digraph."""
    return dot_text(branch_map(scenario, found))
