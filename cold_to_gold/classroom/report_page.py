"""The class report as one self-contained HTML page: to project after the class, and to keep.

No request leaves the file: the styles are inline, the charts are inline SVG,
and the branch map (drawn by Graphviz when it is installed) is inline too. The
print stylesheet fits A4 and US Letter; a decision never breaks across pages.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from cold_to_gold.author.branch_map import branch_map
from cold_to_gold.author.dot_map import dot_text
from cold_to_gold.author.render import RenderError, graphviz, render
from cold_to_gold.classroom.report import ClassReport, DecisionCount
from cold_to_gold.classroom.report_charts import BEST, CHANNEL, MISTAKE, OTHER, PLAIN, Bar, bars
from cold_to_gold.classroom.report_data import open_words, seconds, share
from cold_to_gold.classroom.report_sources import CheckGain
from cold_to_gold.scenario.model import Scenario

GUIDE_STYLE = Path(__file__).parent.parent / "guide_print.css"
EXTRA_STYLE = """
.glance td:first-child { width: 40%; }
.decision { break-inside: avoid; page-break-inside: avoid; margin-bottom: 1.2em; }
.meta { color: #333; font-size: 0.92em; }
svg.chart { max-width: 100%; height: auto; display: block; margin: 0.3em 0; }
figure.map svg { max-width: 100%; height: auto; }
.open { font-size: 0.92em; margin: 0.1em 0 0.1em 1em; }
@media print { h2 { break-after: avoid; } }
"""


def report_page(
    report: ClassReport,
    scenario: Scenario,
    heading: str,
    check: CheckGain | None = None,
    anonymous: bool = False,
    solo: ClassReport | None = None,
) -> str:
    """The whole page."""
    style = GUIDE_STYLE.read_text(encoding="utf-8") + EXTRA_STYLE
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(report.title)} — class report</title>",
        f"<style>{style}</style></head><body>",
        f"<h1>{escape(report.title)}: the room's own numbers</h1>",
        f'<p class="meta">{escape(heading)}</p>',
        _glance(report, check),
        _decisions(report),
        _channels(report),
        _paths(report, scenario),
    ]
    if not anonymous:
        parts.append(_people(report))
    if solo is not None and solo.trainees:
        parts.append(
            f"<h2>On their own (history, not in a class): {solo.trainees} runs</h2>"
            f"<p>Results: {escape(solo.results_line())}.</p>"
        )
        parts.append(_decisions(solo, heading="Their decisions", level="h3"))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _glance(report: ClassReport, check: CheckGain | None) -> str:
    rows = [
        ("Trainees", str(report.trainees)),
        ("Finished", str(report.finished)),
        ("Results (outcome · grade)", report.results_line()),
        (
            "Median minutes",
            f"{report.median_minutes:g}" if report.median_minutes is not None else "—",
        ),
    ]
    table = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in rows)
    out = [f'<h2>The room at a glance</h2><table class="glance">{table}</table>']
    if report.results:
        out.append(
            bars(
                [
                    Bar(f"{r.outcome} · {r.grade}", r.count, str(r.count), _tone(r.outcome))
                    for r in report.results
                ],
                "Finished runs by outcome and grade",
            )
        )
    if check is not None and check.items:
        out.append(
            f"<h3>The check, before and after</h3><p>{check.matched} trainees took both "
            "(matched by name). The share who gave the sound answer:</p>"
        )
        lines = "".join(
            f"<tr><td>{escape(item.title)}</td><td>{item.before:.0%}</td>"
            f"<td>{item.after:.0%}</td><td>{item.gain * 100:+.0f} points</td></tr>"
            for item in check.items
        )
        out.append(
            "<table><tr><th>item</th><th>before</th><th>after</th><th>gain</th></tr>"
            f"{lines}</table>"
        )
    return "\n".join(out)


def _tone(outcome: str) -> str:
    return {"won": BEST, "lost": MISTAKE}.get(outcome, OTHER)


def _decisions(report: ClassReport, heading: str = "Each decision", level: str = "h2") -> str:
    out = [f"<{level}>{escape(heading)}, in the order the room met it</{level}>"]
    if not report.decisions:
        out.append("<p>Nobody has reached a decision yet.</p>")
    for number, decision in enumerate(report.decisions, 1):
        out.append(_decision(number, decision, report.grade_order))
    return "\n".join(out)


def _decision(number: int, decision: DecisionCount, grades: tuple[str, ...]) -> str:
    rows = []
    for choice in decision.choices:
        note = " · ".join(w for w, on in (("best", choice.best), ("mistake", choice.mistake)) if on)
        colour = BEST if choice.best else MISTAKE if choice.mistake else PLAIN
        rows.append(
            Bar(
                f"{choice.label} ({choice.channel})",
                choice.count,
                f"{choice.count} ({share(choice.count, decision.answered)})",
                colour,
                note,
            )
        )
    open_lines = [
        f"<li>After “{escape(c.label)}”: {escape(words)}</li>"
        for c in decision.choices
        if (words := open_words(c.still_open, c.count, grades))
    ]
    return (
        f'<section class="decision"><h3>{number}. {escape(decision.title)}</h3>'
        f'<p class="meta">Reached by {decision.reached}, answered by {decision.answered}; '
        f"median time to decide {seconds(decision.median_seconds)}.</p>"
        + bars(rows, f"How the room answered: {decision.title}")
        + (
            '<p class="meta">What each choice left reachable:</p>'
            f'<ul class="open">{"".join(open_lines)}</ul>'
            if open_lines
            else ""
        )
        + "</section>"
    )


def _channels(report: ClassReport) -> str:
    minutes = []
    value = []
    for c in report.channels:
        colour = CHANNEL.get(c.channel, PLAIN)
        minutes.append(Bar(f"{c.channel}: the room", c.minutes, f"{c.minutes:g} min", colour))
        minutes.append(
            Bar(f"{c.channel}: the best run", c.best_minutes, f"{c.best_minutes} min", OTHER)
        )
        value.append(Bar(f"{c.channel}: the room", c.value, f"{c.value:+g}", colour))
        value.append(Bar(f"{c.channel}: the best run", c.best_value, f"{c.best_value:+g}", OTHER))
    return (
        "<h2>The channels</h2><p>Per finished trainee, on average, against the best run: "
        "the minutes spent on each channel, then what they built net of the time they cost.</p>"
        + bars(minutes, "Minutes per channel")
        + bars(value, "Net value per channel")
    )


def _paths(report: ClassReport, scenario: Scenario) -> str:
    out = ["<h2>The paths</h2>"]
    if not report.paths:
        out.append("<p>Nobody has finished yet.</p>")
        return "\n".join(out)
    titles = {key: ending.title for key, ending in scenario.endings.items()}
    rows = "".join(
        f"<tr><td>{p.count}</td><td>{escape(' → '.join(p.path))}</td>"
        f"<td>{escape(titles.get(p.ending, p.ending))}</td>"
        f"<td>{escape(p.outcome)} · {escape(p.grade)}</td></tr>"
        for p in report.paths
    )
    out.append(
        "<p>The most common paths (at most five), by the choices made:</p>"
        "<table><tr><th>trainees</th><th>choices</th><th>ending</th><th>result</th></tr>"
        f"{rows}</table>"
    )
    out.append(_traffic_map(report, scenario))
    return "\n".join(out)


def _traffic_map(report: ClassReport, scenario: Scenario) -> str:
    if graphviz() is None:
        return (
            "<p><em>The branch map, with each arrow as thick as the room's traffic, is drawn "
            "by Graphviz, which is not installed here: install it (e.g. <code>apt install "
            "graphviz</code>, <code>brew install graphviz</code>, <code>winget install "
            "graphviz</code>) and write the report again.</em></p>"
        )
    drawn = branch_map(scenario)
    names = {node.id: node.name for node in drawn.nodes}
    traffic = {
        (names[scene], names[goto]): count
        for (scene, goto), count in report.traffic.items()
        if scene in names and goto in names
    }
    try:
        picture = render(dot_text(drawn, traffic), "svg").decode("utf-8")
    except RenderError as error:
        return f"<p><em>The branch map could not be drawn: {escape(str(error))}</em></p>"
    start = picture.find("<svg")
    return (
        '<figure class="map">' + picture[start:] + "<figcaption>The most common paths on the "
        "branch map: each arrow as thick as the number of trainees who took it.</figcaption>"
        "</figure>"
    )


def _people(report: ClassReport) -> str:
    rows = "".join(
        f"<tr><td>{escape(row.name)}</td>"
        f"<td>{escape(row.grade or 'not finished')}</td><td>{escape(row.outcome or '—')}</td>"
        f"<td>{'' if row.percent is None else row.percent}</td><td>{row.minutes}</td>"
        f"<td>{row.mistakes}</td></tr>"
        for row in report.people
    )
    return (
        "<h2>The trainees</h2><table><tr><th>name</th><th>grade</th><th>outcome</th>"
        f"<th>percent</th><th>minutes</th><th>mistakes made</th></tr>{rows}</table>"
    )
