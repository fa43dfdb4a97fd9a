"""Termination: find the loops in a scene graph that could let a run go on forever.

A loop is allowed only when the scenario has a `time_budget` and each loop
has a choice that costs more than 0 minutes. So: without a budget every cycle
is a problem; with one, every cycle made only of 0-minute choices is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence


def strongly_connected(nodes: Sequence[str], edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion: the graph's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, ())
            for position in range(child, len(targets)):
                target = targets[position]
                if target not in index:
                    work.append((node, position + 1))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return components


def endless_loops(order: Sequence[str], edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Each cycle of the graph as a concrete loop, first scene (in `order`) first and last."""
    rank = {name: position for position, name in enumerate(order)}
    loops = []
    for component in strongly_connected(order, edges):
        members = set(component)
        first = min(component, key=rank.__getitem__)
        if len(component) == 1 and first not in edges.get(first, ()):
            continue
        loops.append(_cycle_through(first, members, edges))
    loops.sort(key=lambda loop: rank[loop[0]])
    return loops


def _cycle_through(start: str, members: set[str], edges: Mapping[str, Sequence[str]]) -> list[str]:
    """The shortest way from `start` back to itself inside one component."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in edges.get(node, ()):
            if target == start:
                path = []
                while node != start:
                    path.append(node)
                    node = came_from[node]
                return [start, *reversed(path), start]
            if target in members and target not in came_from:
                came_from[target] = node
                queue.append(target)
    return [start, start]
