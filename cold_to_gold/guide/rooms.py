"""The debrief pages' "what rooms chose" block: the rooms' own numbers, or the expectation.

In the bundled guide (`python -m cold_to_gold.guide`) no class has played yet,
so the block says that what the page expects people to choose is an
expectation. `cold-to-gold guide --html DIR` fills it, on the facilitator's
own machine, from every class session of the scenario in the classroom
records (the numbers of `cold-to-gold report --scenario ID`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from cold_to_gold.classroom.report import ClassReport

BEGIN = "<!-- what rooms chose: written by the guide from the classroom records -->"
END = "<!-- end of what rooms chose -->"
DEBRIEFS = "debriefs"


def expectation_block(scenario_id: str) -> str:
    """The block before any class: what the page says people choose is an expectation."""
    return "\n".join(
        [
            BEGIN,
            "",
            "### What rooms chose",
            "",
            "*No class session of this scenario is on record yet: what this page says most "
            "people choose is the authors' expectation, not a measurement.* After your classes, "
            "`cold-to-gold guide --html DIR` writes this block from your rooms' own numbers, "
            f"and `cold-to-gold report --scenario {scenario_id}` shows them in full.",
            "",
            END,
        ]
    )


def rooms_block(report: ClassReport, sessions: int, since: str) -> str:
    """The block from the rooms' numbers: results, and per decision the most chosen answer."""
    lines = [
        BEGIN,
        "",
        "### What rooms chose",
        "",
        f"Measured: {sessions} class {'session' if sessions == 1 else 'sessions'} since "
        f"{since}, {report.trainees} {'trainee' if report.trainees == 1 else 'trainees'} "
        f"({report.finished} finished). "
        f"Results: {report.results_line()}.",
        "",
        "| decision | reached | most chosen | the best choice |",
        "|---|---|---|---|",
    ]
    for decision in report.decisions:
        if not decision.answered:
            continue
        top = max(decision.choices, key=lambda c: c.count)
        best = next((c for c in decision.choices if c.best), None)
        best_share = (
            f"{best.label} ({_share(best.count, decision.answered)})" if best is not None else "—"
        )
        lines.append(
            f"| {decision.title} | {decision.reached} | {top.label} "
            f"({_share(top.count, decision.answered)}) | {best_share} |"
        )
    lines += ["", END]
    return "\n".join(lines)


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)} %" if total else "0 %"


def filled(page: Path, text: str, block_for: Callable[[str], str | None]) -> str:
    """A debrief page's text with its block from the rooms' numbers, when there are any."""
    if page.parent.name != DEBRIEFS or BEGIN not in text or END not in text:
        return text
    block = block_for(page.stem)
    if block is None:
        return text
    head, rest = text.split(BEGIN, 1)
    return head + block + rest.split(END, 1)[1]


@contextmanager
def records_blocks() -> Iterator[Callable[[str], str | None]]:
    """Blocks from this machine's classroom records, opened once for all the pages (none
    when there are no records, or when they cannot be opened: a lock another program
    holds is waited for once, not once per page)."""
    from cold_to_gold.classroom.records import Records, RecordsError, records_path
    from cold_to_gold.classroom.report import class_report
    from cold_to_gold.classroom.report_sources import pooled_sessions
    from cold_to_gold.classroom.results import NoSuchSession
    from cold_to_gold.scenario.problems import ScenarioInvalid

    records = None
    if records_path().is_file():
        with suppress(RecordsError):
            records = Records.open()

    def block(scenario_id: str) -> str | None:
        if records is None:
            return None
        try:
            pooled = pooled_sessions(records, scenario_id)
        except (NoSuchSession, ScenarioInvalid):
            return None
        report = class_report(pooled.scenario, pooled.taken)
        return rooms_block(report, len(pooled.sessions), pooled.sessions[0].started_at[:10])

    try:
        yield block
    finally:
        if records is not None:
            records.close()
