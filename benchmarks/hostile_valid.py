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


def _hub() -> list[str]:
    return ["start: hub", "scenes:", "  hub:", "    title: Hub", "    text: Pick.", "    choices:"]


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


def wide_hub(choices: int = 400, people: int = 4, budget: int = 600) -> str:
    """One hub scene with hundreds of choices, each back to the hub: every state has them all."""
    cast = [f"p{i}" for i in range(people)]
    channels = ("email", "call", "post", "meet")
    lines = _head("wide-hub", "A very wide hub", budget, cast)
    lines += _hub()
    for i in range(choices):
        channel = channels[i % 4]
        lines.append(
            f"      - {{id: c{i}, channel: {channel}, with: {cast[i % people]}, label: Go {i},"
            f" minutes: {5 + i % 37}, goto: hub, feedback: On.}}"
        )
    lines.append("      - {id: sign, channel: email, label: Sign, goto: won, feedback: .}")
    return "\n".join([*lines, *_endings()]) + "\n"


def post_crowd(people: int = 400, budget: int = 900) -> str:
    """A crowd every post reaches: each post moves a ceiling-limited number for every person."""
    cast = [f"p{i}" for i in range(people)]
    lines = _head("post-crowd", "A crowd a post reaches", budget, cast)
    lines += _hub()
    for i, person in enumerate(cast[:30]):
        lines.append(
            f"      - {{id: post-{person}, channel: post, with: {person}, label: Post {i},"
            f" minutes: {10 + i}, goto: hub, feedback: On.}}"
        )
    lines.append("      - {id: sign, channel: email, label: Sign, goto: won, feedback: .}")
    return "\n".join([*lines, *_endings()]) + "\n"


def many_endings(endings: int = 400, scenes: int = 30, budget: int = 600) -> str:
    """A looping web of scenes where every scene can end in any of hundreds of endings."""
    rng = random.Random(11)
    cast = ["ana", "ben", "cy"]
    outcomes = ("won", "lost", "neutral")
    lines = _head("many-endings", "Many endings", budget, cast)
    lines += ["start: s0", "scenes:"]
    for i in range(scenes):
        lines += [f"  s{i}:", "    title: Scene", "    text: Again.", "    choices:"]
        for number, channel in enumerate(("post", "email", "call", "meet")):
            lines.append(
                f"      - {{id: c{number}, channel: {channel}, with: {cast[(i + number) % 3]},"
                f" label: Go, goto: s{rng.randrange(scenes)}, feedback: On.}}"
            )
        for number in range(endings // scenes + 1):
            lines.append(
                f"      - {{id: e{number}, channel: email, label: End {number},"
                f" minutes: {number % 7}, goto: end{rng.randrange(endings)}, feedback: .}}"
            )
    lines.append("endings:")
    for i in range(endings):
        lines.append(f"  end{i}: {{title: End {i}, text: Over., outcome: {outcomes[i % 3]}}}")
    return "\n".join(lines) + "\n"


def lock_step(people: int = 30, budget: int = 900) -> str:
    """Every choice aimed at the whole cast at once: the people move in lock-step."""
    cast = [f"p{i}" for i in range(people)]
    everyone = ", ".join(cast)
    lines = _head("lock-step", "Lock-step people", budget, cast)
    lines += _hub()
    for number, channel in enumerate(("email", "call", "meet", "post")):
        lines.append(
            f"      - {{id: c{number}, channel: {channel}, with: [{everyone}], label: Go,"
            f" minutes: {7 + number * 3}, goto: hub, when: p{number}.trust < 40,"
            f" effects: {{trust: -1}}, feedback: On.}}"
        )
    lines.append(
        "      - {id: sign, channel: email, label: Sign, goto: won, when: p0.trust >= 5,"
        " feedback: .}"
    )
    return "\n".join([*lines, *_endings()]) + "\n"


def visit_ring(scenes: int = 60, limit: int = 3, budget: int = 3000) -> str:
    """A ring of scenes, each visit counted and limited: the visit counts multiply."""
    cast = ["ana", "ben"]
    lines = _head("visit-ring", "A ring of visits", budget, cast)
    lines += ["start: r0", "scenes:"]
    for i in range(scenes):
        nxt, skip = (i + 1) % scenes, (i + 2) % scenes
        lines += [f"  r{i}:", "    title: Stop", "    text: Round.", "    choices:"]
        lines.append(
            f"      - {{id: next, channel: email, with: {cast[i % 2]}, label: Next,"
            f" goto: r{nxt}, when: visits.r{nxt} < {limit}, feedback: On.}}"
        )
        lines.append(
            f"      - {{id: skip, channel: call, with: {cast[(i + 1) % 2]}, label: Skip,"
            f" goto: r{skip}, when: visits.r{skip} < {limit}, feedback: On.}}"
        )
        outcome = "won" if i % 3 == 0 else "lost"
        lines.append(
            f"      - {{id: end, channel: meet, label: End, goto: {outcome}, feedback: .}}"
        )
    return "\n".join([*lines, *_endings()]) + "\n"


def sixty_people(people: int = 60, budget: int = 600) -> str:
    """Sixty people in one hub, each callable, with a guard on each one's trust."""
    cast = [f"p{i}" for i in range(people)]
    lines = _head("sixty-people", "Sixty people", budget, cast)
    lines += _hub()
    for person in cast:
        lines.append(
            f"      - {{id: call-{person}, channel: call, with: {person}, label: Call,"
            f" goto: hub, when: {person}.trust < 2, feedback: On.}}"
        )
    lines.append("      - {id: post, channel: post, label: Post, goto: hub, feedback: On.}")
    lines.append("      - {id: sign, channel: meet, label: Sign, goto: won, feedback: .}")
    return "\n".join([*lines, *_endings()]) + "\n"


CASES = {  # name -> (generator, its arguments); each too large to search, or only just not
    "loop limiters (10 scenes, visits < 3)": (loop_limiters, ()),
    "gated meetings (6 people)": (gated_people, ()),
    "long-budget grid (100 scenes, 3,840 min)": (long_grid, ()),
    "wide hub (400 choices)": (wide_hub, ()),
    "wide hub (100 choices, 120 min)": (wide_hub, (100, 4, 120)),
    "a crowd a post reaches (400 people)": (post_crowd, ()),
    "a crowd a post reaches (200 people, 300 min)": (post_crowd, (200, 300)),
    "many endings (400, 600 min)": (many_endings, ()),
    "many endings (400, 150 min)": (many_endings, (400, 30, 150)),
    "many endings (400, 10 scenes, 100 min)": (many_endings, (400, 10, 100)),
    "lock-step people (30)": (lock_step, ()),
    "lock-step people (30, 150 min)": (lock_step, (30, 150)),
    "a ring of visits (60 scenes)": (visit_ring, ()),
    "a ring of visits (12 scenes)": (visit_ring, (12, 3, 3000)),
    "sixty people": (sixty_people, ()),
    "sixty people (20 min)": (sixty_people, (60, 20)),
}


if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "loop_limiters"
    arguments = [int(argument) for argument in sys.argv[2:]]
    sys.stdout.write(globals()[name](*arguments))
