"""Generate a large scenario for the benchmarks: 300 scenes, a budget, loops and guards."""

from __future__ import annotations

import sys


def large_scenario(scenes: int = 300, budget: int = 360) -> str:
    """A valid branching scenario of `scenes` scenes, each with four choices.

    Scene i leads on to scenes 3i+1 (call), 3i+2 (email) and 3i+3 (a meeting,
    once trust is 2 or more, at most once per run); a post loops back to the
    scene before, so loops are only ended by the time budget. Past the last
    scene the choices end the run, won or lost.
    """
    lines = [
        "format: cold-to-gold/1",
        f"id: large-{scenes}",
        f"title: A generated scenario of {scenes} scenes",
        f"time_budget: {budget}",
        "people:",
        "  - {id: pat, name: Pat}",
        "  - {id: lee, name: Lee}",
        "  - {id: kim, name: Kim}",
        "vars: {met: false}",
        "start: s0",
        "scenes:",
    ]

    def target(index: int) -> str:
        if index < scenes:
            return f"s{index}"
        return "won" if index % 2 else "lost"

    for i in range(scenes):
        person = ("pat", "lee", "kim")[i % 3]
        lines += [
            f"  s{i}:",
            f"    title: Scene {i}",
            f"    text: Decision number {i}.",
            "    choices:",
            f"      - {{channel: call, with: {person}, label: Call, goto: {target(3 * i + 1)},"
            " feedback: On.}",
            f"      - {{channel: email, label: Email, goto: {target(3 * i + 2)}, feedback: On.}}",
            f"      - {{channel: post, label: Post, goto: s{max(0, (i - 1) // 3)},"
            " feedback: Back.}",
            f"      - {{channel: meet, with: {person}, label: Meet, goto: {target(3 * i + 3)},"
            " when: trust >= 2 and not met, set: {met: true}, effects: {referrals: 1},"
            " feedback: On.}",
        ]
    lines += [
        "endings:",
        "  won: {title: Won, text: You made it., outcome: won}",
        "  lost: {title: Lost, text: Not this time., outcome: lost}",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(large_scenario(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
