"""The branch map as Graphviz DOT, laid out to be printed on one page.

Large type and tight spacing, because a map is shrunk to fit the page and its
text must stay readable after that (`benchmarks/map_print.py` measures it);
Graphviz is asked to compress the layout to the page's shape first (`ratio=
compress`), which keeps the type about a third larger on paper than a layout
merely scaled down. Titles are wrapped into narrow boxes by `branch_map`, and
a choice's label is broken at its ` · ` separators into lines of about
`LABEL_WRAP` characters: long one-line labels made the widest maps too wide to
print at 7 pt. A map that prints larger turned a quarter (wider than tall) is
drawn sideways (`turned`, chosen by `render` from Graphviz's own layout). A map
that is one long chain of scenes (a check: item after item) is folded into two
columns side by side (`_chain`), which prints it half as tall. The title and the
scenario's id head the drawing.
"""

from __future__ import annotations

from cold_to_gold.author.branch_map import LOCKED, TIMEOUT, BranchMap, Edge, Node

NODE_FONT = 17
EDGE_FONT = 17
LABEL_WRAP = 30  # characters per line of a choice's label, about
FOLD_AT = 6  # scenes in one chain from which the chain is drawn in two columns
PAGE = (7.5, 10.0)  # inches inside the margins of an A4 or US Letter page: compressed to fit
_UPRIGHT = f'size="{PAGE[0]},{PAGE[1]}", ratio=compress'
_SIDEWAYS = f'size="{PAGE[1]},{PAGE[0]}", ratio=compress, rotate=90'
_SHAPES = {
    "scene": {"shape": "box", "style": "rounded"},
    "won": {"shape": "box", "peripheries": "2", "style": "rounded,filled", "fillcolor": "#d8f0d0"},
    "lost": {"shape": "octagon", "style": "filled", "fillcolor": "#f6d5d5"},
    "neutral": {"shape": "box", "style": "filled", "fillcolor": "#eeeeee"},
    TIMEOUT: {"shape": "plaintext", "fontsize": str(EDGE_FONT - 2), "fontcolor": "gray30"},
}
_GROUP = f'style="rounded,dashed"; color="gray60"; fontcolor="gray30"; fontsize={EDGE_FONT};'


def dot_text(drawn: BranchMap, traffic: dict[tuple[str, str], int] | None = None) -> str:
    """The whole digraph; with `traffic` (node names -> trainees), edges as thick as their use."""
    lines = [
        f"digraph {_quoted(drawn.scenario_id)} {{",
        f'  graph [label={_title(drawn)}, labelloc=t, fontname="Helvetica",',
        f"         rankdir=TB, nodesep=0.3, ranksep=0.2, {_UPRIGHT}];",
        f'  node [fontname="Helvetica", fontsize={NODE_FONT}];',
        f'  edge [fontname="Helvetica", fontsize={EDGE_FONT}];',
        "  start [shape=point];",
    ]
    declared = {node.name: _node(node) for node in drawn.nodes}
    in_groups = {member for group in drawn.groups for member in group.members}
    alone = tuple(name for name in declared if name not in in_groups)
    lines += [f"  {declared[name]}" for name in alone]
    lines += [f"  {beside}" for beside in _marks_beside(drawn, alone)]
    for number, group in enumerate(drawn.groups, start=1):
        lines.append(f"  subgraph cluster_{number} {{ label={_quoted(group.label)}; {_GROUP}")
        lines += [f"    {declared[member]}" for member in group.members]
        if group.row:
            lines.append(f"    {{rank=same; {'; '.join(group.members)}}}")
        lines += [f"    {beside}" for beside in _marks_beside(drawn, group.members)]
        lines.append("  }")
    chain = _chain(drawn)
    fold = (len(chain) + 1) // 2 if len(chain) >= FOLD_AT else 0
    lines += [
        f"  {{rank=same; {a}; {b}}}" for a, b in zip(chain[:fold], chain[fold:], strict=False)
    ]
    turn = (chain[fold - 1], chain[fold]) if fold else None  # the arrow up to the second column
    lines.append(f"  start -> {drawn.start};")
    lines += [
        f"  {edge.source} -> {edge.target} ["
        + ("constraint=false, " if (edge.source, edge.target) == turn else "")
        + f"{_edge(edge)}{_traffic(edge, traffic)}];"
        for edge in drawn.edges
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def turned(dot: str) -> str:
    """The same map drawn sideways: laid out for a landscape page, then turned a quarter."""
    return dot.replace(_UPRIGHT, _SIDEWAYS, 1)


def is_turned(dot: str) -> bool:
    return _SIDEWAYS in dot


def page_scale(width: float, height: float, sideways: bool = False) -> float:
    """How much a layout of `width` x `height` inches is shrunk to fit the page (1 at most)."""
    across, down = (PAGE[1], PAGE[0]) if sideways else PAGE
    return min(across / width, down / height, 1.0)


def _chain(drawn: BranchMap) -> list[str]:
    """The scenes in order when the whole map is one chain — each scene's arrows all lead
    to the next scene or to an ending, and each scene is entered from the one before it
    only — else nothing."""
    scenes = {node.name for node in drawn.nodes if node.kind == "scene"}
    ahead: dict[str, set[str]] = {name: set() for name in scenes}
    behind: dict[str, set[str]] = {name: set() for name in scenes}
    for edge in drawn.edges:
        if edge.source in scenes and edge.target in scenes and edge.source != edge.target:
            ahead[edge.source].add(edge.target)
            behind[edge.target].add(edge.source)
    chain = [drawn.start]
    while len(ahead.get(chain[-1], ())) == 1:
        (following,) = ahead[chain[-1]]
        if following in chain or behind[following] != {chain[-1]}:
            return []
        chain.append(following)
    return chain if set(chain) == scenes else []


def _node(node: Node) -> str:
    attributes = {"label": node.label, **_SHAPES[node.kind]}
    if not node.reached:  # faded: no run gets here
        style = attributes.get("style", "").replace("filled", "").strip(",")
        attributes |= {"style": f"{style},dashed" if style else "dashed"}
        attributes |= {"color": "gray", "fontcolor": "gray"}
        attributes.pop("fillcolor", None)
    listed = ", ".join(f"{key}={_quoted(value)}" for key, value in attributes.items())
    return f"{node.name} [{listed}];"


def _marks_beside(drawn: BranchMap, members: tuple[str, ...]) -> list[str]:
    """Each out-of-time mark on the same rank as its scene, so that it sits beside it —
    except beside a scene that loops to itself: Graphviz writes the loop's label on the
    scene's side, and the mark's line would strike through it; that mark goes below."""
    looping = {edge.source for edge in drawn.edges if edge.source == edge.target}
    return [
        f"{{rank=same; {edge.source}; {edge.target}}}"
        for edge in drawn.edges
        if edge.kind == TIMEOUT and edge.source in members and edge.source not in looping
    ]


def _edge(edge: Edge) -> str:
    attributes = f"label={_label(edge)}"
    if edge.kind == TIMEOUT:
        return attributes + ', style=dotted, arrowhead=tee, color="gray40"'
    return attributes + (", style=dashed" if edge.kind == LOCKED else "")


def _traffic(edge: Edge, traffic: dict[tuple[str, str], int] | None) -> str:
    """A class report's map: the edge's width and a count by how many trainees took it."""
    if traffic is None:
        return ""
    used = traffic.get((edge.source, edge.target), 0)
    most = max(traffic.values(), default=0) or 1
    width = 1 + 7 * used / most
    shown = f'xlabel="{used} {"trainee" if used == 1 else "trainees"}", ' if used else ""
    return f", {shown}penwidth={width:.1f}"


def _label(edge: Edge) -> str:
    """Several choices as a left-aligned list (a broken line indented); a single one centred."""
    lines: list[str] = []
    for line in edge.lines:
        pieces = _broken(line)
        lines += [pieces[0], *(("  " if edge.count > 1 else "") + piece for piece in pieces[1:])]
    escaped = [_quoted(line)[1:-1] for line in lines]
    if edge.count > 1:
        return '"' + "".join(line + "\\l" for line in escaped) + '"'
    return '"' + "\\n".join(escaped) + '"'


def _broken(line: str) -> list[str]:
    """A label line broken at its ' · ' separators into pieces of about `LABEL_WRAP` characters."""
    if len(line) <= LABEL_WRAP:
        return [line]
    pieces: list[str] = []
    for part in line.split(" · "):
        if pieces and len(pieces[-1]) + 3 + len(part) <= LABEL_WRAP:
            pieces[-1] += " · " + part
        else:
            pieces.append(part)
    return pieces


def _title(drawn: BranchMap) -> str:
    """The title in large type, the scenario's id under it: an HTML-like label."""
    return (
        f'<<FONT POINT-SIZE="24"><B>{_html(drawn.title)}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="{EDGE_FONT}">branch map of {_html(drawn.scenario_id)}</FONT><BR/> >'
    )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
