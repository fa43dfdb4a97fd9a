"""The branch map as a Mermaid flowchart: renders on GitHub, GitLab and most Markdown tools.

The title goes in the front matter, where Mermaid shows it above the chart,
with tighter spacing than Mermaid's default (its maps are wide). Two things are
drawn unlike the DOT map, because Mermaid lays them out badly:
- a scene's loop back to itself goes through a note beside the scene: Mermaid
  puts a self-loop's label over whatever lies next to the node;
- a scene where a run can end with no choice left says so in its own box,
  drawn with a dotted border: a separate mark per scene made the maps a third
  wider, and arrows from every such scene to the ending crossed the whole map.
"""

from __future__ import annotations

from cold_to_gold.author.branch_map import LOCKED, TIMEOUT, BranchMap, Edge

_SHAPES = {"scene": ('["', '"]'), "won": ('(["', '"])'), "lost": ('{{"', '"}}'),
           "neutral": ('("', '")')}  # fmt: skip
OUT_OF_TIME_NOTE = "(may run out of time)"
_LOCKED_ARROWS = ("-.->", "-.-")  # with a head, without
# Mermaid draws -.-> dotted: this makes a locked choice dashed, like the DOT map's.
_LOCKED_STYLE = "stroke-dasharray:6 4"
_CLASSES = (
    "  classDef won fill:#d8f0d0,stroke:#2e7d32,stroke-width:2px",
    "  classDef lost fill:#f6d5d5,stroke:#b71c1c",
    "  classDef neutral fill:#eeeeee,stroke:#616161",
    "  classDef unreachable fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:4 4,color:#9e9e9e",
    "  classDef timeout stroke-dasharray:2 3",
    "  classDef loop fill:#fafafa,stroke:#bdbdbd,color:#424242,text-align:left",
)


def mermaid_text(drawn: BranchMap) -> str:
    """The whole flowchart, front matter first."""
    timeouts = {edge.source for edge in drawn.edges if edge.kind == TIMEOUT}
    edges = [edge for edge in drawn.edges if edge.kind != TIMEOUT]
    declared = {
        node.name: _node(node.name, node.kind, node.label, node.name in timeouts)
        for node in drawn.nodes
        if node.kind != TIMEOUT
    }
    loops = {edge.source: f"l_{edge.source}" for edge in edges if edge.source == edge.target}
    for edge in edges:
        if edge.source == edge.target:
            declared[loops[edge.source]] = f'{loops[edge.source]}["{_lines(edge.lines)}"]'
    lines = [
        "---",
        f"title: {_yaml_text(drawn.title)}",
        "config:",
        "  flowchart:",
        "    nodeSpacing: 25",
        "    rankSpacing: 35",
        "---",
        "flowchart TD",
        f"  %% {_text(drawn.title)} ({drawn.scenario_id}), drawn by cold-to-gold graph",
        "  start((start))",
    ]
    grouped = [
        [name for member in group.members for name in (member, loops.get(member)) if name]
        for group in drawn.groups
    ]
    in_groups = {name for members in grouped for name in members}
    lines += [f"  {node}" for name, node in declared.items() if name not in in_groups]
    for group, members in zip(drawn.groups, grouped, strict=True):
        lines.append(f'  subgraph {group.name} ["{_text(group.label)}"]')
        lines += [f"    {declared[name]}" for name in members if name in declared]
        lines.append("  end")
    links = [f"start --> {drawn.start}"]
    locked: list[str] = []
    for edge in edges:
        for link in _links(edge, loops.get(edge.source)):
            if edge.kind == LOCKED:
                locked.append(str(len(links)))
            links.append(link)
    lines += [f"  {link}" for link in links]
    if locked:
        lines.append(f"  linkStyle {','.join(locked)} {_LOCKED_STYLE}")
    lines += _CLASSES
    for kind in ("won", "lost", "neutral"):
        members = [node.name for node in drawn.nodes if node.kind == kind and node.reached]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    if timeouts:
        lines.append(f"  class {','.join(sorted(timeouts))} timeout")
    if loops:
        lines.append(f"  class {','.join(loops.values())} loop")
    unreached = [node.name for node in drawn.nodes if not node.reached]
    if unreached:
        lines.append(f"  class {','.join(unreached)} unreachable")
    return "\n".join(lines) + "\n"


def _node(name: str, kind: str, label: str, times_out: bool) -> str:
    left, right = _SHAPES[kind]
    lines = [*label.split("\n"), *([OUT_OF_TIME_NOTE] if times_out else [])]
    return f"{name}{left}{_lines(lines)}{right}"


def _links(edge: Edge, loop: str | None) -> list[str]:
    """The edge as Mermaid links: one, or out to the loop's note and back."""
    arrow, line = _LOCKED_ARROWS if edge.kind == LOCKED else ("-->", "---")
    if edge.source == edge.target and loop:
        return [f"{edge.source} {line} {loop}", f"{loop} {arrow} {edge.target}"]
    label = f'|"{_lines(edge.lines)}"|' if edge.lines else ""
    return [f"{edge.source} {arrow}{label} {edge.target}"]


def _lines(lines: tuple[str, ...] | list[str]) -> str:
    return "<br>".join(_text(line) for line in lines)


def _text(text: str) -> str:
    """Text inside a quoted Mermaid label: one line, with Mermaid's entity codes."""
    text = " ".join(text.split()).replace("#", "#35;")
    for character, code in (('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(character, code)
    return text


def _yaml_text(text: str) -> str:
    """A double-quoted YAML scalar (the front matter is YAML)."""
    escaped = " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
