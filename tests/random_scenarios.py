"""Small random scenarios for property tests of the best-run search and the lint walk.

Each is valid by construction: a budget bounds every loop, every choice costs
at least one minute, and guards only name what exists. They mix both formats,
ceilings, `gains`, `with` lists, decimals, weighted vars that `set` overwrites,
and endings of every outcome. With `weighted`, each person also carries a
`weight` (revision B), 0 included.
"""

from __future__ import annotations

import random

CHANNELS = ("post", "email", "call", "meet")


PERSON_WEIGHTS = ("0", "0.5", "1", "2", "1.25", "3")


def random_scenario(seed: int, weighted: bool = False) -> str:
    rng = random.Random(seed)
    fmt = rng.choice((1, 2, 2))
    people = [f"p{i}" for i in range(rng.randint(1, 3))]
    # A separate generator, so the unweighted scenarios stay exactly what they were.
    weigh = random.Random(-1 - seed)
    weights = {p: weigh.choice(PERSON_WEIGHTS) if weighted else None for p in people}
    scenes = [f"s{i}" for i in range(rng.randint(1, 5))]
    endings = {"win": "won", "draw": "neutral", "lose": "lost"}
    budget = rng.choice((60, 90, 120, 150))
    lines = [
        f"format: cold-to-gold/{fmt}",
        f"id: r{seed}",
        "title: Random",
        f"time_budget: {budget}",
        "people:",
        *[
            f"  - {{id: {p}, name: {p}, weight: {weights[p]}}}"
            if weights[p]
            else f"  - {{id: {p}, name: {p}}}"
            for p in people
        ],
        "vars: {n: 0, flag: false}",
        "channels:",
        f"  call: {{minutes: {rng.choice((15, 20))}, ceiling: {{trust: {rng.choice((2, 3))}}}}}",
        f"  meet: {{minutes: {rng.choice((40, 60, 90))}}}",
        f"start: {scenes[0]}",
        "scenes:",
    ]
    targets = scenes + list(endings)
    for scene in scenes:
        lines += [f"  {scene}:", "    title: T", "    text: X", "    choices:"]
        for number in range(rng.randint(1, 4)):
            channel = rng.choice(CHANNELS)
            parts = [f"id: c{number}", f"channel: {channel}", "label: L"]
            parts.append(f"goto: {rng.choice(targets)}")
            who = rng.sample(people, rng.randint(1, len(people)))
            parts.append(f"with: [{', '.join(who)}]" if len(who) > 1 else f"with: {who[0]}")
            roll = rng.random()
            if roll < 0.2:
                parts.append(f"when: trust >= {rng.randint(1, 4)}")
            elif roll < 0.3:
                parts.append(f"when: visits.{rng.choice(scenes)} < {rng.randint(1, 3)}")
            elif roll < 0.4:
                parts.append("when: not flag")
            if rng.random() < 0.2:
                parts.append("gains: none")
            elif rng.random() < 0.2:
                parts.append(f"gains: {{trust: {rng.choice((0, 1, 2))}}}")
            if rng.random() < 0.3:
                parts.append(f"effects: {{referrals: {rng.choice((1, 2))}, n: 1.5}}")
            if rng.random() < 0.2:
                parts.append(f"set: {{n: {rng.randint(0, 3)}, flag: true}}")
            if rng.random() < 0.3:
                parts.append(f"minutes: {rng.choice((5, 10, 30))}")
            lines.append("      - {" + ", ".join(parts) + "}")
    lines.append("endings:")
    for ending, outcome in endings.items():
        lines.append(f"  {ending}: {{title: E, text: E, outcome: {outcome}}}")
    if rng.random() < 0.5:
        lines.append("scoring: {weights: {n: 2, minutes: -0.25}}")
    return "\n".join(lines) + "\n"
