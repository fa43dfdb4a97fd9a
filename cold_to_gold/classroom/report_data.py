"""The class report as plain data (`report --json`) and as text (the terminal, the console).

Both read the same `ClassReport`, so the numbers a script reads, the numbers on
the page and the numbers on the facilitator's console are one set.
"""

from __future__ import annotations

from typing import Any

from cold_to_gold.classroom.report import ClassReport, DecisionCount
from cold_to_gold.classroom.report_sources import CheckGain

BAR = 20  # cells of the longest bar in text


def report_json(
    report: ClassReport,
    session: str | None,
    check: CheckGain | None = None,
    anonymous: bool = False,
    sessions: list[str] | None = None,
    solo: ClassReport | None = None,
) -> dict[str, Any]:
    """The report for scripts: every count, split, median and gain."""
    data: dict[str, Any] = {
        "session": session,
        "scenario": report.scenario,
        "title": report.title,
        "trainees": report.trainees,
        "finished": report.finished,
        "results": [
            {"outcome": r.outcome, "grade": r.grade, "count": r.count} for r in report.results
        ],
        "median_minutes": report.median_minutes,
        "decisions": [_decision(d) for d in report.decisions],
        "channels": {
            c.channel: {
                "minutes": c.minutes,
                "value": c.value,
                "best_minutes": c.best_minutes,
                "best_value": c.best_value,
            }
            for c in report.channels
        },
        "paths": [
            {
                "choices": list(p.path),
                "scenes": list(p.scenes),
                "count": p.count,
                "ending": p.ending,
                "outcome": p.outcome,
                "grade": p.grade,
            }
            for p in report.paths
        ],
        "check": _check(check),
    }
    if sessions is not None:
        data["sessions"] = sessions
    if not anonymous:
        data["people"] = [
            {
                "name": row.name,
                "finished": row.finished,
                "grade": row.grade,
                "outcome": row.outcome,
                "percent": row.percent,
                "minutes": row.minutes,
                "mistakes": row.mistakes,
            }
            for row in report.people
        ]
    if solo is not None:
        data["solo"] = report_json(solo, None, anonymous=True)
    return data


def _decision(decision: DecisionCount) -> dict[str, Any]:
    return {
        "scene": decision.scene,
        "title": decision.title,
        "reached": decision.reached,
        "answered": decision.answered,
        "median_seconds": decision.median_seconds,
        "choices": [
            {
                "id": c.id,
                "label": c.label,
                "channel": c.channel,
                "count": c.count,
                "best": c.best,
                "mistake": c.mistake,
                "still_open": c.still_open,
            }
            for c in decision.choices
        ],
    }


def _check(check: CheckGain | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {
        "before_session": check.before_session,
        "after_session": check.after_session,
        "matched": check.matched,
        "items": [
            {
                "scene": item.scene,
                "title": item.title,
                "before": round(item.before, 3),
                "after": round(item.after, 3),
                "gain": round(item.gain, 3),
            }
            for item in check.items
        ],
    }


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 90:
        return f"{value:.0f} s"
    return f"{value / 60:.1f} min"


def share(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%" if total else "0%"


def open_words(still_open: dict[str, int], took: int, grades: tuple[str, ...]) -> str:
    """ "gold still open for 3 of 5" — the best grade someone who took it can still reach."""
    for grade in grades:
        if still_open.get(grade):
            if grade == grades[-1]:
                return f"only {grade} left for {still_open[grade]} of {took}"
            return f"{grade} still open for {still_open[grade]} of {took}"
    return ""


def report_text(
    report: ClassReport, check: CheckGain | None = None, anonymous: bool = False
) -> str:
    """The report for a terminal: the same numbers, with bars of █."""
    lines = [
        f"{report.title} — {report.trainees} trainees, {report.finished} finished",
        f"Results: {report.results_line()}",
        f"Median minutes: {report.median_minutes:g}" if report.median_minutes is not None else "",
    ]
    if check is not None:
        lines += ["", f"The check, before and after ({check.matched} trainees in both)"]
        for item in check.items:
            lines.append(
                f"  {item.title}: {item.before:.0%} → {item.after:.0%} "
                f"({item.gain * 100:+.0f} points)"
            )
    lines += ["", "Each decision, in the order the room met it"]
    for number, decision in enumerate(report.decisions, 1):
        lines.append(
            f"{number}. {decision.title}: reached by {decision.reached}, answered "
            f"{decision.answered}, median time to decide {seconds(decision.median_seconds)}"
        )
        most = max((c.count for c in decision.choices), default=0) or 1
        for choice in decision.choices:
            marks = " ".join(
                word for word, on in (("[best]", choice.best), ("[mistake]", choice.mistake)) if on
            )
            bar = "█" * round(BAR * choice.count / most)
            lines.append(
                f"   {bar:<{BAR}} {choice.count:>3} {share(choice.count, decision.answered):>4}  "
                f"{choice.label} ({choice.channel}) {marks}".rstrip()
            )
            words = open_words(choice.still_open, choice.count, report.grade_order)
            if words:
                lines.append(f"   {'':<{BAR}}           {words}")
    lines += ["", "Minutes and net value per channel (per finished trainee; the best run)"]
    for channel in report.channels:
        lines.append(
            f"  {channel.channel:<6} {channel.minutes:>6g} min  value {channel.value:>6g}   "
            f"best: {channel.best_minutes} min, value {channel.best_value:g}"
        )
    lines += ["", "Most common paths"]
    for path in report.paths:
        lines.append(f"  {path.count} × {' → '.join(path.path)}  ({path.outcome} · {path.grade})")
    if not report.paths:
        lines.append("  nobody has finished yet")
    if not anonymous:
        lines += ["", "Trainees"]
        for row in report.people:
            result = (
                f"{row.outcome} · {row.grade} {row.percent}%" if row.finished else "not finished"
            )
            lines.append(
                f"  {row.name:<20} {result:<24} {row.minutes:>4} min  "
                f"{row.mistakes} {'mistake' if row.mistakes == 1 else 'mistakes'}"
            )
    return "\n".join(line for line in lines if line is not None) + "\n"
