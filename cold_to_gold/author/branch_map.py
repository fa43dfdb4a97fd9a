"""A scenario's branch map as plain data, ready to be drawn as Mermaid or Graphviz DOT.

Made to be read on paper: choices that lead from the same place to the same
place in the same way (a scene's loops back to itself above all) are one edge
with a count and a line per choice; every choice says whom it reaches; a
choice behind a condition (`when`) is an edge of its own kind; where a run can
end because no choice is left (out of time), a short edge leads to a small
"out of time" mark beside the scene rather than a long one across the map to
the ending; scenes are grouped by day or act when the scenario names them
(`map_groups`), and the endings together. What no run reaches is marked so
the drawing can fade it.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from cold_to_gold.author.explore import Exploration, explore
from cold_to_gold.author.map_groups import scene_groups
from cold_to_gold.scenario.guards import describe
from cold_to_gold.scenario.model import Choice, Scenario
from cold_to_gold.scenario.spec import OUT_OF_TIME

CHOICE = "choice"  # a choice the trainee can take whenever its scene is reached
LOCKED = "locked"  # a choice behind a condition
TIMEOUT = "timeout"  # no choice is left in the scene: the run ends out of time
ENDINGS = "Endings"
OUT_OF_TIME_MARK = "no choice left:\nout of time"
WRAP = 32  # characters per line of a condition
TITLE_WRAP = 18  # characters per line of a scene's or an ending's title


@dataclass(frozen=True)
class Node:
    id: str  # the scene or ending id
    name: str  # a safe node name for the output
    label: str  # its lines separated by "\n"
    kind: str  # "scene", the ending's outcome ("won", "lost", "neutral"), or TIMEOUT
    reached: bool


@dataclass(frozen=True)
class Edge:
    """One arrow: one choice, or several that go the same way (`count` > 1)."""

    source: str  # node names
    target: str
    kind: str  # CHOICE, LOCKED or TIMEOUT
    choices: tuple[tuple[str, ...], ...]  # per choice, its lines of text

    @property
    def count(self) -> int:
        return len(self.choices)

    @property
    def lines(self) -> tuple[str, ...]:
        """The label's lines: one choice with its condition, or a count and a line per choice.

        Several choices on one edge are listed without their conditions (a
        dashed edge, or a `*`, says they have one): lists of conditions are
        what made the loops unreadable.
        """
        if self.count == 1:
            return self.choices[0]
        marked = any(choice[0].endswith(" *") for choice in self.choices)
        header = f"{self.count} choices" + (" (* with a condition)" if marked else "")
        return (header, *(choice[0] for choice in self.choices))


@dataclass(frozen=True)
class Group:
    name: str  # a safe name for the output
    label: str
    members: tuple[str, ...]  # node names
    row: bool = False  # drawn side by side, in one row (the endings)


@dataclass(frozen=True)
class BranchMap:
    title: str
    scenario_id: str
    start: str  # the node name of the start scene
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[Group, ...]


def branch_map(scenario: Scenario, found: Exploration | None = None) -> BranchMap:
    """Every node, edge and group of the scenario's map, with what exploring its runs found."""
    found = found or explore(scenario)
    names: dict[str, str] = {}  # scene and ending ids -> node names
    taken: set[str] = set()

    def unique(prefix: str, item: str) -> str:
        base = f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', item)}"
        candidate, count = base, 1
        while candidate in taken:
            count += 1
            candidate = f"{base}_{count}"
        taken.add(candidate)
        return candidate

    def name(prefix: str, item: str) -> str:
        names[item] = unique(prefix, item)
        return names[item]

    nodes = [
        Node(scene.id, name("s", scene.id), _wrap(scene.title), "scene", scene.id in found.scenes)
        for scene in scenario.scenes.values()
    ]
    endings = dict(scenario.endings)
    targeted = any(c.goto == OUT_OF_TIME for s in scenario.scenes.values() for c in s.choices)
    if OUT_OF_TIME not in endings and (found.ran_out or targeted):
        endings[OUT_OF_TIME] = scenario.out_of_time
    for ending in endings.values():
        reached = ending.id in found.endings or not found.complete
        note = f"{ending.outcome}, out of time" if ending.id == OUT_OF_TIME else ending.outcome
        label = f"{_wrap(ending.title)}\n({note})"
        nodes.append(Node(ending.id, name("e", ending.id), label, ending.outcome, reached))

    merged: dict[tuple[str, str, str], list[tuple[str, ...]]] = {}
    who = short_names(scenario)
    for scene in scenario.scenes.values():
        loops = [choice for choice in scene.choices if choice.goto == scene.id]
        for choice in scene.choices:
            lines = choice_lines(scenario, choice, who)
            kind = CHOICE if choice.when is None else LOCKED
            if len(loops) > 1 and choice in loops:
                # One loop per scene, dashed only when every choice in it has a condition.
                kind = LOCKED if all(loop.when is not None for loop in loops) else CHOICE
                lines = (lines[0] + (" *" if choice.when is not None and kind == CHOICE else ""),)
            key = (names[scene.id], names[choice.goto], kind)
            merged.setdefault(key, []).append(lines)
    marks: dict[str, str] = {}  # scene name -> its out-of-time mark's name
    for scene_id in scenario.scenes:
        if scene_id in found.ran_out:
            mark = unique("t", scene_id)
            marks[names[scene_id]] = mark
            nodes.append(Node(f"{scene_id} (out of time)", mark, OUT_OF_TIME_MARK, TIMEOUT, True))
            merged[(names[scene_id], mark, TIMEOUT)] = [()]
    edges = tuple(Edge(*key, tuple(lines)) for key, lines in merged.items())

    groups = []
    for number, group in enumerate(scene_groups(scenario), start=1):
        members = [names[scene_id] for scene_id in group.scenes]
        members += [marks[member] for member in members if member in marks]
        groups.append(Group(f"g_{number}", group.label, tuple(members)))
    groups.append(Group("g_endings", ENDINGS, tuple(names[ending] for ending in endings), True))
    return BranchMap(
        scenario.title, scenario.id, names[scenario.start], tuple(nodes), edges, tuple(groups)
    )


def choice_lines(
    scenario: Scenario, choice: Choice, who: dict[str, str] | None = None
) -> tuple[str, ...]:
    """'visit-ada: meet Ada · 90 min', then 'only when ...' for a choice behind a condition.

    A post reaches everyone in the cast; a contact that failed (`gains: none`)
    says it builds nothing. The choice's id comes first unless it
    says no more than the rest ('call', 'call-ada'); a long condition is wrapped
    so that the label stays narrow.
    """
    who = who if who is not None else short_names(scenario)
    people = aimed_at(choice)
    if scenario.channels[choice.channel].broadcast:
        reached = "everyone"
    else:
        reached = ", ".join(who[person] for person in people)
    line = f"{choice.channel} {reached} · {choice.minutes} min"
    if choice.gains_none:
        line += " · builds nothing"  # `gains: none`: a contact that failed
    if choice.id not in (choice.channel, "-".join((choice.channel, *people))):
        line = f"{choice.id}: {line}"
    if choice.when is None:
        return (line,)
    return (line, *_wrapped(f"only when {describe(choice.when)}", WRAP))


def _wrap(title: str) -> str:
    """A title on a few short lines: narrow boxes keep the map narrow enough to print."""
    return "\n".join(_wrapped(title, TITLE_WRAP))


def _wrapped(text: str, width: int) -> list[str]:
    """Lines of about equal length, none much longer than `width` (no lone last word)."""
    if len(text) <= width + 4:
        return [text]
    count = -(-len(text) // width)
    return textwrap.wrap(text, -(-len(text) // count) + 3, break_long_words=False) or [text]


def aimed_at(choice: Choice) -> tuple[str, ...]:
    """The ids of the people a choice is aimed at (its `with`, one or a list)."""
    return choice.reaches


def short_names(scenario: Scenario) -> dict[str, str]:
    """Each person's first name, or the whole name where two share a first name."""
    first = {person.id: person.name.split()[0] if person.name.split() else person.id
             for person in scenario.people}  # fmt: skip
    shared = {name for name in first.values() if list(first.values()).count(name) > 1}
    return {
        person.id: person.name if first[person.id] in shared else first[person.id]
        for person in scenario.people
    }
