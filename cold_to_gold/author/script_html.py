"""The script of a scenario as one self-contained, printable web page.

The same rows as the plain text (`author/script.py`), as a table of line,
script and an empty comments column, with the guide's stylesheet and the
script's own inside the page: nothing is loaded from the network, and the
page prints on A4 or Letter (the header row repeats on every sheet). The
scenario's text is Markdown, rendered with raw HTML switched off, so a
scenario file cannot put markup or scripts into the page.
"""

from __future__ import annotations

import html
from pathlib import Path

from markdown_it import MarkdownIt

from cold_to_gold.author.script import SIGN_OFF, header, script_rows
from cold_to_gold.guide_html import STYLE as GUIDE_STYLE
from cold_to_gold.scenario.model import Scenario

STYLE = Path(__file__).with_name("script_print.css")


def script_page(scenario: Scenario, nav: str = "") -> str:
    """The whole HTML document of a scenario's script; `nav` is an optional link bar."""
    markdown = MarkdownIt("commonmark", {"html": False})
    top = header(scenario)
    body = [f"<h1>{html.escape(top[0])}</h1>", "<p>"]
    body.append("<br>\n".join(html.escape(line) for line in top[1:]))
    body.append("</p>")
    body.append(f'<p class="sign-off">{html.escape(SIGN_OFF)}</p>')
    body += [
        '<table class="script">',
        '<colgroup><col class="line"><col class="text"><col class="comments"></colgroup>',
        "<thead><tr><th>Line</th><th>Script</th><th>Comments</th></tr></thead>",
        "<tbody>",
    ]
    for row in script_rows(scenario):
        line = "" if row.line is None else str(row.line)
        cell = [f'<div class="heading">{html.escape(row.heading)}</div>']
        if row.facts:
            facts = "".join(f"<li>{html.escape(fact)}</li>" for fact in row.facts)
            cell.append(f'<ul class="facts">{facts}</ul>')
        if row.text:
            cell.append(markdown.render(row.text))
        body.append(
            f'<tr class="{row.kind}"><td class="line">{line}</td>'
            f'<td class="text">{"".join(cell)}</td><td class="comments"></td></tr>'
        )
    body += ["</tbody>", "</table>"]
    return _document(f"Script: {scenario.title}", nav, "\n".join(body) + "\n")


def _document(title: str, nav: str, body: str) -> str:
    style = GUIDE_STYLE.read_text(encoding="utf-8") + STYLE.read_text(encoding="utf-8")
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} — Cold to Gold</title>\n"
        f"<style>\n{style}</style>\n"
        f'</head>\n<body class="script">\n{nav}<main>\n{body}</main>\n'
        "</body>\n</html>\n"
    )


def write_script(scenario: Scenario, folder: Path, nav: str = "") -> Path:
    """Write `<folder>/<id>.html`; returns its path. Raises `OSError` when it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{scenario.id}.html"
    target.write_text(script_page(scenario, nav), encoding="utf-8")
    return target


def write_scripts(scenarios: Path, out: Path, nav: str = "") -> list[Path]:
    """The script of every scenario file in `scenarios`, and an index page linking them."""
    from cold_to_gold.scenario import load_scenario

    written, items = [], []
    for path in sorted(scenarios.glob("*.yaml")):
        scenario = load_scenario(path)
        written.append(write_script(scenario, out, nav))
        items.append(
            f'<li><a href="{html.escape(scenario.id)}.html">{html.escape(scenario.title)}</a> '
            f"(<code>{html.escape(scenario.id)}</code>)</li>"
        )
    body = (
        "<h1>Scripts</h1>\n<p>Every scene, choice, feedback and ending of each scenario, "
        "with its line in the file and a column for comments: to sign off, or to read "
        "aloud when the projector fails.</p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
    )
    index = out / "index.html"
    out.mkdir(parents=True, exist_ok=True)
    index.write_text(_document("Scripts", nav, body), encoding="utf-8")
    return [*written, index]
