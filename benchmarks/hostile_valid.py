"""Scenarios that are valid but built to make an exhaustive search blow up.

Each function returns the YAML text of one scenario. They are used by
`engine_speed.py` (time and peak memory of validate, best run and lint) and by
the tests (each must load, play and lint in seconds, or be refused by the
validator with a message that says why).
"""

from __future__ import annotations

import random
import sys


def _head(scenario_id: str, title: str, budget: int | None, people: list[str]) -> list[str]:
    lines = [
        "format: cold-to-gold/2",
        f"id: {scenario_id}",
        f"title: {title}",
    ]
    if budget is not None:
        lines.append(f"time_budget: {budget}")
    lines.append("people:")
    lines += [f"  - {{id: {person}, name: {person.title()}}}" for person in people]
    return lines


def _endings() -> list[str]:
    return [
        "endings:",
        "  won: {title: Won, text: Signed., outcome: won}",
        "  lost: {title: Lost, text: Gone., outcome: lost}",
    ]


def loop_limiters(scenes: int = 10, people: int = 3, budget: int = 900, seed: int = 7) -> str:
    """Scenes that lead to each other at random, each visit limited by `visits.X < 3`."""
    rng = random.Random(seed)
    cast = [f"p{i}" for i in range(people)]
    lines = _head("loop-limiters", "Loop limiters", budget, cast)
    lines += ["start: s0", "scenes:"]
    for i in range(scenes):
        lines += [f"  s{i}:", f"    title: Scene {i}", "    text: Again.", "    choices:"]
        for number, channel in enumerate(("post", "email", "call", "meet")):
            target = rng.randrange(scenes)
            person = cast[(i + number) % people]
            lines.append(
                f"      - {{id: c{number}, channel: {channel}, with: {person}, label: Go,"
                f" goto: s{target}, when: visits.s{target} < 3, feedback: On.}}"
            )
        ending = "won" if i % 2 else "lost"
        lines.append(
            f"      - {{id: end, channel: email, label: End, goto: {ending}, feedback: .}}"
        )
    return "\n".join([*lines, *_endings()]) + "\n"


def gated_people(people: int = 6, budget: int = 600) -> str:
    """One hub: call anyone, meet anyone once trust is 2, sign once trust adds up to 10."""
    cast = [f"p{i}" for i in range(people)]
    lines = _head("gated-people", "Six people, meetings behind trust", budget, cast)
    lines += ["start: hub", "scenes:", "  hub:", "    title: The week", "    text: Who next?"]
    lines.append("    choices:")
    for person in cast:
        lines.append(
            f"      - {{id: call-{person}, channel: call, with: {person}, label: Call,"
            " goto: hub, feedback: Talked.}"
        )
        lines.append(
            f"      - {{id: meet-{person}, channel: meet, with: {person}, label: Meet,"
            f" goto: hub, when: {person}.trust >= 2, feedback: Met.}}"
        )
    trust = " + ".join(f"{person}.trust" for person in cast)
    lines.append("      - {id: post, channel: post, label: Post, goto: hub, feedback: Posted.}")
    lines.append(
        f"      - {{id: sign, channel: email, label: Sign, goto: won, when: {trust} >= 10,"
        " feedback: Signed.}"
    )
    return "\n".join([*lines, *_endings()]) + "\n"


def long_grid(side: int = 10, budget: int = 3840) -> str:
    """A side×side grid of scenes, each leading to its four neighbours, under a long budget."""
    cast = ["ana", "ben", "cy"]
    lines = _head("long-grid", "A long-budget grid", budget, cast)
    lines += ["start: g0_0", "scenes:"]
    channels = ("email", "call", "post", "meet")
    for row in range(side):
        for col in range(side):
            lines += [f"  g{row}_{col}:", "    title: Cell", "    text: Move.", "    choices:"]
            steps = ((0, 1), (1, 0), (0, -1), (-1, 0))
            for number, (dr, dc) in enumerate(steps):
                r, c = row + dr, col + dc
                if not (0 <= r < side and 0 <= c < side):
                    continue
                person = cast[(row + col + number) % len(cast)]
                lines.append(
                    f"      - {{id: m{number}, channel: {channels[number]}, with: {person},"
                    f" label: Go, goto: g{r}_{c}, feedback: On.}}"
                )
            if row == side - 1 and col == side - 1:
                lines.append(
                    "      - {id: sign, channel: meet, label: Sign, goto: won, feedback: .}"
                )
    return "\n".join([*lines, *_endings()]) + "\n"


CASES = {
    "loop limiters (10 scenes, visits < 3)": loop_limiters,
    "gated meetings (6 people)": gated_people,
    "long-budget grid (100 scenes, 3,840 min)": long_grid,
}


if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "loop_limiters"
    sys.stdout.write(globals()[name]())
