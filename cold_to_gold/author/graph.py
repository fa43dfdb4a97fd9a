"""The branch map of a scenario, as Mermaid (renders on any Markdown host) or Graphviz DOT.

Scenes are boxes, endings are shaped by outcome (won, lost, neutral), every
choice is an edge labelled with its channel and minutes, a choice with a
condition is dashed and says so, and what no run reaches is drawn faded.
Dotted edges show where a run can end because no choice is left (time ran out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cold_to_gold.author.explore import Exploration, explore
from cold_to_gold.scenario.guards import describe
from cold_to_gold.scenario.model import Choice, Scenario
from cold_to_gold.scenario.spec import OUT_OF_TIME

FORMATS = ("mermaid", "dot")


@dataclass(frozen=True)
class Node:
    id: str  # the scene or ending id
    name: str  # a safe node name for the output
    label: str
    kind: str  # "scene", or the ending's outcome: "won", "lost", "neutral"
    reached: bool


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    guarded: bool
    implicit: bool = False  # the run ends here with no choice left


def branch_map(
    scenario: Scenario, found: Exploration | None = None
) -> tuple[list[Node], list[Edge]]:
    """Every node and edge of the scenario, with what exploring its runs found."""
    found = found or explore(scenario)
    names: dict[str, str] = {}

    def name(prefix: str, item: str) -> str:
        base = f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', item)}"
        candidate, count = base, 1
        while candidate in names.values():
            count += 1
            candidate = f"{base}_{count}"
        names[item] = candidate
        return candidate

    nodes = [
        Node(scene.id, name("s", scene.id), scene.title, "scene", scene.id in found.scenes)
        for scene in scenario.scenes.values()
    ]
    endings = dict(scenario.endings)
    targeted = any(c.goto == OUT_OF_TIME for s in scenario.scenes.values() for c in s.choices)
    if OUT_OF_TIME not in endings and (found.ran_out or targeted):
        endings[OUT_OF_TIME] = scenario.out_of_time
    for ending in endings.values():
        reached = ending.id in found.endings or not found.complete
        nodes.append(Node(ending.id, name("e", ending.id), ending.title, ending.outcome, reached))
    edges = [
        Edge(names[scene.id], names[choice.goto], edge_label(choice), choice.when is not None)
        for scene in scenario.scenes.values()
        for choice in scene.choices
    ]
    edges += [
        Edge(names[scene_id], names[OUT_OF_TIME], "no choice left", False, implicit=True)
        for scene_id in scenario.scenes
        if scene_id in found.ran_out
    ]
    return nodes, edges


def edge_label(choice: Choice) -> str:
    """'call · 20 min', with the choice id first when it is not the channel's name."""
    label = f"{choice.channel} · {choice.minutes} min"
    if choice.id != choice.channel:
        label = f"{choice.id}: {label}"
    if choice.when is not None:
        label += f" · when {describe(choice.when)}"
    return label


def mermaid(scenario: Scenario, found: Exploration | None = None) -> str:
    nodes, edges = branch_map(scenario, found)
    shapes = {"scene": ('["', '"]'), "won": ('(["', '"])'), "lost": ('{{"', '"}}'),
              "neutral": ('("', '")')}  # fmt: skip
    lines = [
        "flowchart TD",
        f"  %% {_mermaid_text(scenario.title)} ({scenario.id}), drawn by cold-to-gold graph",
        "  start((start))",
    ]
    for node in nodes:
        left, right = shapes[node.kind]
        suffix = "" if node.kind == "scene" else f" - {node.kind}"
        lines.append(f"  {node.name}{left}{_mermaid_text(node.label + suffix)}{right}")
    start = next(node for node in nodes if node.id == scenario.start)
    lines.append(f"  start --> {start.name}")
    for edge in edges:
        arrow = "-.->" if edge.guarded or edge.implicit else "-->"
        lines.append(f'  {edge.source} {arrow}|"{_mermaid_text(edge.label)}"| {edge.target}')
    lines += [
        "  classDef won fill:#d8f0d0,stroke:#2e7d32,stroke-width:2px",
        "  classDef lost fill:#f6d5d5,stroke:#b71c1c",
        "  classDef neutral fill:#eeeeee,stroke:#616161",
        "  classDef unreachable fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:4 4,color:#9e9e9e",
    ]
    for kind in ("won", "lost", "neutral"):
        members = [node.name for node in nodes if node.kind == kind and node.reached]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    unreached = [node.name for node in nodes if not node.reached]
    if unreached:
        lines.append(f"  class {','.join(unreached)} unreachable")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    return " ".join(text.split()).replace('"', "#quot;")


def dot(scenario: Scenario, found: Exploration | None = None) -> str:
    nodes, edges = branch_map(scenario, found)
    shapes = {"scene": {"shape": "box", "style": "rounded"}, "won": {"shape": "doubleoctagon"},
              "lost": {"shape": "octagon"}, "neutral": {"shape": "ellipse"}}  # fmt: skip
    lines = [
        f"digraph {_dot_text(scenario.id)} {{",
        f"  label={_dot_text(scenario.title)}; labelloc=t; rankdir=TB;",
        '  node [fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=10];',
        "  start [shape=point];",
    ]
    for node in nodes:
        label = node.label if node.kind == "scene" else f"{node.label}\n({node.kind})"
        attributes = {"label": label, **shapes[node.kind]}
        if not node.reached:  # faded: no run gets here
            style = attributes.get("style")
            attributes |= {"style": f"{style},dashed" if style else "dashed"}
            attributes |= {"color": "gray", "fontcolor": "gray"}
        listed = ", ".join(f"{key}={_dot_text(value)}" for key, value in attributes.items())
        lines.append(f"  {node.name} [{listed}];")
    start = next(node for node in nodes if node.id == scenario.start)
    lines.append(f"  start -> {start.name};")
    for edge in edges:
        style = ", style=dotted" if edge.implicit else ", style=dashed" if edge.guarded else ""
        lines.append(f"  {edge.source} -> {edge.target} [label={_dot_text(edge.label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
